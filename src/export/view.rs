//! A table to export — a caption, typed columns, rows of cells — and its CSV and
//! Markdown writers. The tables themselves (a tab's rows as the app shows them) are
//! built in [`super::tables`]. Used by `skudesk export view` and the app's export key.
//!
//! Cells are typed. A **number** cell is a figure skudesk formatted itself (`-12.50`,
//! `0.253000`, `inf`): it is written as is, so a spreadsheet reads a negative number as
//! a number. A **text** cell came from the data (SKU, name, category) or from the app's
//! wording: in CSV it goes through [`formula_safe`] (control characters dropped, and a
//! leading `=`, `+`, `-`, `@`, tab or CR gets a `'`), exactly as the report CSV treats
//! its SKU, name and category cells; in Markdown it goes through [`super::md_cell`]
//! (sanitised, and HTML, links, code spans and `|` escaped), as does the caption.

use std::io::Write;

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
    let mut o = format!("## {}\n\n", super::md_cell(&t.caption));
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
            "## Test \\[31m\n\n| Name | GP |\n| --- | ---: |\n| =HYPERLINK(\"x\") | -12.50 |\n| -2+3 | 7.00 |\n| a\\|b c |  |\n"
        );
    }
}
