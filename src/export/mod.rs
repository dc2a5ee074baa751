//! Writers over a computed review: Markdown (a review to paste into a document), CSV
//! (the per-SKU table, formula-safe) and JSON (METRICS.md's contract); a tab's table as
//! shown (`tables`, written by `view`); and writing a file whole or not at all (`file`).

pub mod csv_table;
pub mod destination;
pub mod file;
pub mod json;
pub mod markdown;
pub mod over_time;
pub mod purchase;
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

/// Text from the data (a name, a SKU, a search) in Markdown, as a table cell or in a
/// heading: control characters dropped, and what a Markdown or HTML reader would take
/// for markup made plain text. `&`, `<` and `>` become entities (so `<script>` is shown,
/// not run), and `[`, `]`, backticks and `|` get a backslash (no link such as
/// `[x](javascript:…)`, no code span, no extra cell). The backslash itself is escaped
/// too: a `\` in the data before an escaped `\[` would make `\\[`, a backslash and a
/// live `[`.
/// Only data goes through here: the document's own headings and tables stay markup.
pub fn md_cell(s: &str) -> String {
    let clean = crate::domain::text::sanitize(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '[' | ']' | '`' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A CSV writer's error as the I/O error it wraps, so a closed pipe (`| head`) stays a
/// closed pipe and a full disk stays a full disk.
pub fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::md_cell;

    #[test]
    fn item_08_md_cell_escapes_html_links_code_and_pipes() {
        assert_eq!(
            md_cell("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            md_cell("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(md_cell("a `b` & c|d"), "a \\`b\\` &amp; c\\|d");
        // A backslash in the data cannot undo the escape of what follows it.
        assert_eq!(md_cell("\\[x\\](y)"), "\\\\\\[x\\\\\\](y)");
        assert_eq!(md_cell("智能手环 \u{1b}[31m"), "智能手环 \\[31m");
        assert_eq!(md_cell("Plain name 1.5"), "Plain name 1.5");
    }
}
