//! The per-SKU table as CSV. Cells that a spreadsheet would run as a formula are
//! neutralised with a leading `'`.

use crate::domain::metrics::{Cover, Review};
use crate::domain::model::Dataset;
use crate::domain::settings::Settings;
use crate::domain::sku_column::{Column, Value, CSV};

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

/// A per-SKU value as the CSV report writes it: full precision, flags as `true`/`false`,
/// an empty cell for an undefined figure, text made formula-safe; age buckets give one
/// cell each.
fn csv_cell(v: Value, rec: &mut Vec<String>) {
    let text = match v {
        Value::Text(t) => formula_safe(t),
        Value::Tier(t, _) => t.as_str().to_string(),
        Value::Flag(b) => b.to_string(),
        Value::Count(n) => n.to_string(),
        Value::Days(d) => d.map_or(String::new(), |d| d.to_string()),
        Value::Money(m) => m.to_string(),
        Value::Ratio(x) => x.map_or(String::new(), |x| format!("{x:.6}")),
        Value::Rate(x) => format!("{x:.6}"),
        Value::Cover(Cover::Infinite) => "inf".to_string(),
        Value::Cover(Cover::Days(d)) => format!("{d:.4}"),
        Value::Buckets(b) => {
            rec.extend(b.iter().map(|b| b.units.to_string()));
            return;
        }
        Value::Flags(f) => f.flag_names().join(" "),
        Value::Action(a) => a.english(),
        Value::Lifecycle(l) => l.map_or("", |l| l.as_str()).to_string(),
        Value::Date(d) => d.map_or(String::new(), |d| d.to_string()),
    };
    rec.push(text);
}

pub fn write(
    ds: &Dataset,
    review: &Review,
    s: &Settings,
    out: impl std::io::Write,
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let labels = s.bucket_labels();
    let mut header: Vec<String> = Vec::new();
    for &c in CSV {
        if c == Column::Ages {
            header.extend(labels.iter().map(|l| format!("units_{l}")));
        } else {
            header.push(c.spec().key.to_string());
        }
    }
    w.write_record(&header)?;
    let mut order: Vec<usize> = (0..ds.products.len()).collect();
    order.sort_by(|&a, &b| ds.products[a].sku.cmp(&ds.products[b].sku));
    let mut rec = Vec::with_capacity(header.len());
    for i in order {
        let (p, f) = (&ds.products[i], &review.skus[i]);
        rec.clear();
        for &c in CSV {
            csv_cell(c.value(p, f), &mut rec);
        }
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
