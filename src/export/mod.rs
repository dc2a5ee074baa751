//! Writers over a computed review: Markdown (a review to paste into a document), CSV
//! (the per-SKU table, formula-safe) and JSON (METRICS.md's contract).

pub mod csv_table;
pub mod json;
pub mod markdown;

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
