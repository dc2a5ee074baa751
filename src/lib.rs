//! skudesk: a product-mix review over one local SQLite file.
//!
//! Layers, arrows pointing down only (`tests/architecture.rs` checks them in `src/`):
//!
//! - `domain`: pure figures (it may use the leaf helpers `par`, `input_file`, `progress`);
//! - `store` (the only SQLite user), `import` (files to rows), `export` (writers), `i18n`
//!   (words), `config` (settings), `keymap` (the key table), `demo`, `gen`;
//! - `session`: what the command line and the app share (open, settings, frame,
//!   review, import, what the history says);
//! - `cli` and `commands` (the command line), `ui` (the app): neither knows the other;
//! - `main` wires them: it hands the app to `commands::run` for `skudesk tui`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod gen;
pub mod i18n;
pub mod import;
pub mod input_file;
pub mod keymap;
pub mod par;
pub mod progress;
pub mod session;
pub mod store;
pub mod ui;
