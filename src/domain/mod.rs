//! The pure core: money, dates, the seller's data, and every figure of METRICS.md.
//! No I/O here: no rusqlite, no ratatui, no files.

pub mod aging_view;
pub mod batch_result;
pub mod clearance;
pub mod command;
pub mod customers;
pub mod dates;
pub mod headline;
pub mod history;
pub mod kpis;
pub mod lines;
pub mod metrics;
pub mod mix_view;
pub mod model;
pub mod money;
pub mod over_time;
pub mod overlap;
pub mod plan;
pub mod reorder;
pub mod report;
pub mod scoring;
pub mod settings;
pub mod sku_code;
pub mod sku_column;
pub mod sku_detail;
pub mod text;
pub mod whatif;
