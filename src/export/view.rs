//! A tab's table as the app shows it — same rows, same order, same columns — with
//! full-precision figures instead of the screen's rounded, grouped and truncated ones,
//! written as CSV or Markdown. Used by `skudesk export view` and the app's export key.
//!
//! Which rows a table holds is decided elsewhere (`domain::aging_view`,
//! `domain::mix_view`); this module only turns them into cells.
//!
//! Cells are typed. A **number** cell is a figure skudesk formatted itself (`-12.50`,
//! `0.253000`, `inf`): it is written as is, so a spreadsheet reads a negative number as
//! a number. A **text** cell came from the data (SKU, name, category) or from the app's
//! wording: in CSV it goes through [`formula_safe`] (control characters dropped, and a
//! leading `=`, `+`, `-`, `@`, tab or CR gets a `'`), exactly as the report CSV treats
//! its SKU, name and category cells; in Markdown it is sanitised and `|` escaped.

use std::io::Write;

use crate::domain::aging_view::{suggested_action, AgingQuery};
use crate::domain::metrics::{Cover, Review};
use crate::domain::mix_view::CategoryRow;
use crate::domain::model::{Dataset, Tier};
use crate::domain::money::Money;
use crate::domain::settings::Settings;
use crate::domain::text::sanitize;

use super::csv_table::formula_safe;

/// What a column holds, which decides how its cells are made safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text from the data or the app: neutralised in CSV, escaped in Markdown.
    Text,
    /// A figure skudesk formatted: written as is, right-aligned in Markdown.
    Number,
}

/// A table ready to write: a caption (Markdown only), typed columns and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewTable {
    /// Names the tab in file names: `aging`, `mix`.
    pub tab: &'static str,
    /// One line saying what the table is (tab, filter, sort, as-of); Markdown heading.
    pub caption: String,
    pub columns: Vec<(String, Kind)>,
    /// Raw cells, one per column; text cells are made safe when written.
    pub rows: Vec<Vec<String>>,
}

/// A ratio with six decimals (0.253000 is 25.3 %), empty when undefined.
fn ratio(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.6}"))
}

fn money(m: Money) -> String {
    m.to_string()
}

/// The frame a table was computed for, for its caption.
fn frame_text(r: &Review) -> String {
    let f = r.frame;
    format!(
        "as of {}, window {} days, velocity {} days",
        f.as_of, f.window_days, f.velocity_days
    )
}

/// The inventory-aging table: `rows` are product indices in the order shown (from
/// [`AgingQuery::rows`]), `q` the query that chose them (for the caption only).
pub fn aging(ds: &Dataset, r: &Review, s: &Settings, q: &AgingQuery, rows: &[usize]) -> ViewTable {
    use Kind::{Number, Text};
    let mut columns: Vec<(String, Kind)> = vec![
        ("SKU".into(), Text),
        ("Name".into(), Text),
        ("Category".into(), Text),
        ("Tier".into(), Text),
        ("Tier set by hand".into(), Text),
        ("On hand".into(), Number),
        ("Capital".into(), Number),
        ("Last sale (days ago)".into(), Number),
        ("Units/day".into(), Number),
        ("Cover (days)".into(), Number),
    ];
    // The screen's "Ages" sparkline, one column of units per age bucket.
    columns.extend(
        s.bucket_labels()
            .into_iter()
            .map(|l| (format!("Units aged {l} d"), Number)),
    );
    columns.push(("Flags".into(), Text));
    columns.push(("Suggested action".into(), Text));

    let cells = rows
        .iter()
        .map(|&i| {
            let (p, f) = (&ds.products[i], &r.skus[i]);
            let mut flags = Vec::new();
            if f.slow {
                flags.push("slow");
            }
            if f.best_seller {
                flags.push("best");
            }
            if f.cost_missing {
                flags.push("cost-missing");
            }
            let mut row = vec![
                p.sku.clone(),
                p.name.clone(),
                p.category.clone(),
                f.tier.as_str().to_string(),
                if f.tier_overridden { "yes" } else { "" }.to_string(),
                f.on_hand.to_string(),
                money(f.capital),
                f.days_since_last_sale
                    .map_or(String::new(), |d| d.to_string()),
                format!("{:.6}", f.velocity),
                match f.cover {
                    Cover::Infinite => "inf".to_string(),
                    Cover::Days(d) => format!("{d:.4}"),
                },
            ];
            row.extend(f.age_buckets.iter().map(|b| b.units.to_string()));
            row.push(flags.join(" "));
            row.push(suggested_action(p, f).to_string());
            row
        })
        .collect();

    let mut what = vec![format!("filter {}", q.filter.label())];
    if let Some(c) = &q.category {
        what.push(format!(
            "category {}",
            if c.is_empty() { "(none)" } else { c }
        ));
    }
    if !q.search.is_empty() {
        what.push(format!("search \"{}\"", q.search));
    }
    if let Some(col) = q.sort {
        let dir = if q.descending { "↓" } else { "↑" };
        what.push(format!("sort {} {dir}", col.title()));
    }
    ViewTable {
        tab: "aging",
        caption: format!(
            "Inventory aging — {} SKUs, {}; {}",
            rows.len(),
            what.join(", "),
            frame_text(r)
        ),
        columns,
        rows: cells,
    }
}

/// The product-mix table: the four tiers, then `categories` in the order given (the
/// tab's: most revenue first).
pub fn mix(r: &Review, categories: &[CategoryRow]) -> ViewTable {
    use Kind::{Number, Text};
    let columns: Vec<(String, Kind)> = [
        ("Tier / category", Text),
        ("SKUs", Number),
        ("Revenue", Number),
        ("Share", Number),
        ("Margin", Number),
        ("GP", Number),
        ("High", Number),
        ("Mid", Number),
        ("Low", Number),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_string(), k))
    .collect();
    let k = &r.kpis;
    let total = k.net_revenue;
    let mut rows: Vec<Vec<String>> = Tier::ALL
        .iter()
        .map(|t| {
            let i = t.index();
            let (rev, gp) = (k.tier_totals.revenue[i], k.tier_totals.gross_profit[i]);
            vec![
                format!("{} tier", t.as_str()),
                k.tier_totals.skus[i].to_string(),
                money(rev),
                ratio(rev.ratio(total)),
                ratio(gp.ratio(rev)),
                money(gp),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.extend(categories.iter().map(|c| {
        vec![
            c.category.clone(),
            c.skus.to_string(),
            money(c.revenue),
            ratio(c.revenue.ratio(total)),
            ratio(c.gross_profit.ratio(c.revenue)),
            money(c.gross_profit),
            ratio(c.tier_revenue[0].ratio(c.revenue)),
            ratio(c.tier_revenue[1].ratio(c.revenue)),
            ratio(c.tier_revenue[2].ratio(c.revenue)),
        ]
    }));
    ViewTable {
        tab: "mix",
        caption: format!(
            "Product mix — tiers and {} categories (Share, Margin, High/Mid/Low are ratios: 0.25 = 25 %); {}",
            categories.len(),
            frame_text(r)
        ),
        columns,
        rows,
    }
}

/// Writes the table as CSV: a header row, then one record per row; text cells
/// through [`formula_safe`], number cells as they are.
pub fn write_csv(t: &ViewTable, out: impl Write) -> std::io::Result<()> {
    write_csv_records(t, out).map_err(super::csv_io)
}

fn write_csv_records(t: &ViewTable, out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(t.columns.iter().map(|(name, _)| formula_safe(name)))?;
    for row in &t.rows {
        w.write_record(
            row.iter()
                .zip(&t.columns)
                .map(|(cell, (_, kind))| match kind {
                    Kind::Text => formula_safe(cell),
                    Kind::Number => cell.clone(),
                }),
        )?;
    }
    w.flush()?;
    Ok(())
}

/// The table as Markdown: the caption as a heading, then a pipe table with number
/// columns right-aligned.
pub fn markdown(t: &ViewTable) -> String {
    let mut o = format!("## {}\n\n", sanitize(&t.caption));
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    o.push_str(&line(
        t.columns.iter().map(|(n, _)| super::md_cell(n)).collect(),
    ));
    o.push_str(&line(
        t.columns
            .iter()
            .map(|(_, k)| match k {
                Kind::Text => "---".to_string(),
                Kind::Number => "---:".to_string(),
            })
            .collect(),
    ));
    for row in &t.rows {
        o.push_str(&line(row.iter().map(|c| super::md_cell(c)).collect()));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> ViewTable {
        ViewTable {
            tab: "test",
            caption: "Test \u{1b}[31m".into(),
            columns: vec![("Name".into(), Kind::Text), ("GP".into(), Kind::Number)],
            rows: vec![
                vec!["=HYPERLINK(\"x\")".into(), "-12.50".into()],
                vec!["-2+3".into(), "7.00".into()],
                vec!["a|b\tc".into(), String::new()],
            ],
        }
    }

    #[test]
    fn csv_neutralises_text_cells_and_keeps_negative_numbers() {
        let mut out = Vec::new();
        write_csv(&table(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Name,GP\n\"'=HYPERLINK(\"\"x\"\")\",-12.50\n'-2+3,7.00\na|b c,\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes_and_right_aligns_numbers() {
        let md = markdown(&table());
        assert_eq!(
            md,
            "## Test [31m\n\n| Name | GP |\n| --- | ---: |\n| =HYPERLINK(\"x\") | -12.50 |\n| -2+3 | 7.00 |\n| a\\|b c |  |\n"
        );
    }
}
