//! Writers over a computed review: Markdown (a review to paste into a document), CSV
//! (the per-SKU table, formula-safe) and JSON (METRICS.md's contract); a tab's table as
//! shown (`tables`, written by `view`); and writing a file whole or not at all (`file`).

pub mod csv_table;
pub mod destination;
pub mod file;
pub mod json;
pub mod markdown;
pub mod tables;
pub mod view;

use crate::domain::metrics::Cover;

/// A ratio as a percentage with one decimal, or "—" when undefined.
pub fn pct(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// Days with one decimal, "∞" for infinite cover.
pub fn cover_text(c: Cover) -> String {
    match c {
        Cover::Infinite => "∞".to_string(),
        Cover::Days(d) => format!("{d:.1}"),
    }
}

/// A Markdown table cell: control characters dropped, `|` escaped.
pub fn md_cell(s: &str) -> String {
    crate::domain::text::sanitize(s).replace('|', "\\|")
}

/// A CSV writer's error as the I/O error it wraps, so a closed pipe (`| head`) stays a
/// closed pipe and a full disk stays a full disk.
pub fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
