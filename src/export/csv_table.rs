//! The per-SKU table as CSV. Cells that a spreadsheet would run as a formula are
//! neutralised with a leading `'`.

use crate::domain::metrics::{Cover, Review};
use crate::domain::model::Dataset;
use crate::domain::settings::Settings;

/// A text cell safe to open in a spreadsheet and to print: control characters and
/// bidi overrides dropped, and `=`, `+`, `-`, `@`, tab or CR first gets a `'`.
pub fn formula_safe(cell: &str) -> String {
    if cell.starts_with(['\t', '\r']) {
        return format!("'{}", crate::domain::text::sanitize(cell));
    }
    let cell = crate::domain::text::sanitize(cell);
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

pub fn write(
    ds: &Dataset,
    review: &Review,
    s: &Settings,
    out: impl std::io::Write,
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = [
        "sku",
        "name",
        "category",
        "tier",
        "tier_overridden",
        "tier_margin",
        "net_revenue",
        "gross_profit",
        "units",
        "on_hand",
        "capital",
        "velocity",
        "days_of_cover",
        "days_since_last_sale",
        "slow",
        "best_seller",
        "cost_missing",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(s.bucket_labels().iter().map(|l| format!("units_{l}")));
    w.write_record(&header)?;
    let mut order: Vec<usize> = (0..ds.products.len()).collect();
    order.sort_by(|&a, &b| ds.products[a].sku.cmp(&ds.products[b].sku));
    for i in order {
        let p = &ds.products[i];
        let f = &review.skus[i];
        let mut rec = vec![
            formula_safe(&p.sku),
            formula_safe(&p.name),
            formula_safe(&p.category),
            f.tier.as_str().to_string(),
            f.tier_overridden.to_string(),
            f.tier_margin.map_or(String::new(), |m| format!("{m:.6}")),
            f.net_revenue.to_string(),
            f.gross_profit.to_string(),
            f.units.to_string(),
            f.on_hand.to_string(),
            f.capital.to_string(),
            format!("{:.6}", f.velocity),
            match f.cover {
                Cover::Infinite => "inf".to_string(),
                Cover::Days(d) => format!("{d:.4}"),
            },
            f.days_since_last_sale
                .map_or(String::new(), |d| d.to_string()),
            f.slow.to_string(),
            f.best_seller.to_string(),
            f.cost_missing.to_string(),
        ];
        rec.extend(f.age_buckets.iter().map(|b| b.units.to_string()));
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, want) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "' x"),
            ("\rx", "' x"),
            ("a\u{1b}[31mb\u{202e}", "a[31mb"),
            ("Sun hat", "Sun hat"),
            ("", ""),
        ] {
            assert_eq!(formula_safe(cell), want);
        }
    }
}
