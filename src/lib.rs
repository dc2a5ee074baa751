//! skudesk: a product-mix review over one local SQLite file.
//!
//! Layers: `domain` (pure figures) ← `store` (the only SQLite user) and `import` (files
//! to rows) ← `export` / `ui` / `commands` (what the user sees).

pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod export_command;
#[doc(hidden)]
pub mod fuzzing;
pub mod gen;
pub mod i18n;
pub mod import;
pub mod input_file;
pub mod par;
pub mod progress;
pub mod store;
pub mod ui;
