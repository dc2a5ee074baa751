//! Reading a CSV file into records with named columns, and the errors that name
//! `FILE:LINE: column NAME: problem (value)`.

use std::fmt;
use std::path::Path;

use crate::domain::text::sanitize;

/// One problem with an input file, at a line and (when known) a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
    pub value: Option<String>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0 means the problem is the file itself (not found, unreadable): no line to name.
        if self.line == 0 {
            write!(f, "{}: ", sanitize(&self.file))?;
        } else {
            write!(f, "{}:{}: ", sanitize(&self.file), self.line)?;
        }
        if let Some(c) = &self.column {
            write!(f, "column {}: ", sanitize(c))?;
        }
        // Messages quote file names, mapping texts and keys from the data.
        f.write_str(&sanitize(&self.message))?;
        if let Some(v) = &self.value {
            let shown: String = sanitize(v).chars().take(60).collect();
            write!(f, " ({shown:?})")?;
        }
        Ok(())
    }
}

/// The fields of one import kind: canonical name, whether required, and accepted aliases.
pub struct Field {
    pub name: &'static str,
    pub required: bool,
}

/// A CSV file being read: header positions by canonical field name, and a reader that
/// yields the data rows one at a time (a 5M-line file is never held as rows).
pub struct Table<'a> {
    pub file: String,
    pub columns: Vec<(&'static str, usize)>,
    /// The header's cells in comparable form ([`header_key`]).
    header_keys: Vec<String>,
    reader: csv::Reader<&'a [u8]>,
    /// Blank rows and repeated header rows, left out.
    pub skipped: usize,
}

impl<'a> Table<'a> {
    /// Checks a whole file: UTF-8 text (BOM allowed), not binary, with a header naming
    /// every required field. Data rows are read later by [`Table::for_each`].
    pub fn parse(
        file: &str,
        bytes: &'a [u8],
        fields: &[Field],
    ) -> Result<Table<'a>, Vec<ImportError>> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // `contains` on bytes is a memchr, many times faster than a scan for a position
        // that most files do not have. Likewise for a quote, before the quote check.
        let first_nul = match body.contains(&0) {
            true => body.iter().position(|&b| b == 0),
            false => None,
        };
        if let Some(pos) = first_nul {
            return Err(vec![err(
                file,
                line_of_offset(body, pos),
                None,
                "is not a CSV text file (binary data found)",
            )]);
        }
        if let Err(e) = std::str::from_utf8(body) {
            return Err(vec![err(
                file,
                line_of_offset(body, e.valid_up_to()),
                None,
                "is not valid UTF-8 text: for a GBK/GB18030 export use a mapping that names its encoding \
                 (e.g. --mapping taobao-orders, or a mapping file with encoding = \"gbk\"); \
                 `skudesk import --detect FILE` suggests one",
            )]);
        }
        let unclosed = match body.contains(&b'"') {
            true => unclosed_quote(body),
            false => None,
        };
        if let Some(line) = unclosed {
            return Err(vec![err(
                file,
                line,
                None,
                "a quoted cell opens here and is never closed (a stray \" ?): the rest of the file would be read as one cell",
            )]);
        }
        if body.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(vec![err(
                file,
                1,
                None,
                "file is empty: expected a header row",
            )]);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body);
        let mut header = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) if record.iter().all(|c| c.trim().is_empty()) => continue,
                Ok(true) => {
                    header = record.iter().map(str::to_string).collect();
                    break;
                }
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line());
                    return Err(vec![err(file, line, None, format!("malformed CSV: {e}"))]);
                }
            }
        }
        let mut columns = Vec::new();
        let mut errors = Vec::new();
        let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
        for field in fields {
            match keys.iter().position(|k| k == field.name) {
                Some(i) => {
                    // Which of two columns of one name holds the value is a guess: refused.
                    if let Some(j) = keys[i + 1..].iter().position(|k| k == field.name) {
                        errors.push(err(file, 1, Some(field.name), twice(i, i + 1 + j)));
                    }
                    columns.push((field.name, i));
                }
                None if field.required => {
                    let mut e = err(file, 1, Some(field.name), "required column is missing");
                    e.value = Some(header.join(","));
                    errors.push(e);
                }
                None => {}
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Table {
            file: file.to_string(),
            columns,
            header_keys: keys,
            reader,
            skipped: 0,
        })
    }

    /// Calls `f` with each data row until `f` breaks (the rest of the file is then not
    /// read); blank rows and repeated headers are skipped and counted. A malformed
    /// record ends the file with an error.
    pub fn for_each(
        &mut self,
        mut f: impl FnMut(&Row) -> std::ops::ControlFlow<()>,
    ) -> Result<(), ImportError> {
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {
                    if record.iter().all(|c| c.trim().is_empty())
                        || is_same_header(&self.header_keys, &record)
                    {
                        self.skipped += 1;
                        continue;
                    }
                    let line = record.position().map_or(0, |p| p.line());
                    let flow = f(&Row {
                        table: TableRef {
                            file: &self.file,
                            columns: &self.columns,
                            width: self.header_keys.len(),
                        },
                        line,
                        cells: &record,
                    });
                    if flow.is_break() {
                        return Ok(());
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    return Err(err(&self.file, line, None, format!("malformed CSV: {e}")));
                }
            }
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.columns.iter().any(|(name, _)| *name == field)
    }
}

fn is_same_header(header_keys: &[String], cells: &csv::StringRecord) -> bool {
    header_keys.len() == cells.len()
        && header_keys
            .iter()
            .zip(cells)
            .all(|(key, cell)| is_key_of(key, cell))
}

/// `header_key(cell) == key`, without allocating for an ASCII cell: every data row is
/// compared with the header, and most differ in their first cell.
fn is_key_of(key: &str, cell: &str) -> bool {
    let c = cell.trim().trim_start_matches('\u{feff}').trim();
    if !c.is_ascii() {
        return header_key(cell) == key;
    }
    c.len() == key.len()
        && c.bytes().zip(key.bytes()).all(|(a, k)| {
            let a = match a.to_ascii_lowercase() {
                b' ' | b'-' => b'_',
                a => a,
            };
            a == k
        })
}

/// What a row needs to know of its table.
#[derive(Clone, Copy)]
pub struct TableRef<'t> {
    file: &'t str,
    columns: &'t [(&'static str, usize)],
    width: usize,
}

/// A header cell in comparable form: trimmed, lower case, spaces and dashes as `_`.
pub fn header_key(cell: &str) -> String {
    cell.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// What a header with one column at two places (0-based) is told.
pub fn twice(first: usize, second: usize) -> String {
    format!(
        "appears twice in the header (columns {} and {}): remove or rename one",
        first + 1,
        second + 1
    )
}

fn err(file: &str, line: u64, column: Option<&str>, message: impl Into<String>) -> ImportError {
    ImportError {
        file: file.to_string(),
        line,
        column: column.map(str::to_string),
        message: message.into(),
        value: None,
    }
}

fn unclosed_quote(body: &[u8]) -> Option<u64> {
    unclosed_quote_with(body, b',')
}

/// The line where a quoted cell opens without ever closing, if one does. Quotes count
/// only at the start of a cell (as the csv reader treats them); `""` inside is a quote.
pub fn unclosed_quote_with(body: &[u8], delimiter: u8) -> Option<u64> {
    #[derive(PartialEq)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let (mut state, mut line, mut opened) = (S::FieldStart, 1u64, 1u64);
    for &b in body {
        state = match (state, b) {
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
            (S::FieldStart, b'"') => {
                opened = line;
                S::Quoted
            }
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (_, b'\n' | b'\r') => S::FieldStart,
            (_, d) if d == delimiter => S::FieldStart,
            (_, _) => S::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (state == S::Quoted).then_some(opened)
}

fn line_of_offset(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// The most read from a pipe (`<(gunzip -c orders.csv.gz)`): a file has its size, a
/// stream could go on until memory runs out.
pub const PIPE_LIMIT: u64 = 2 * 1024 * 1024 * 1024;

/// Reads a whole data file, with an error that names it when it cannot be read: a
/// device or socket is refused, a pipe read up to [`PIPE_LIMIT`], and a binary file
/// refused from its first block ([`crate::input_file`]).
pub fn read_file(path: &Path) -> Result<(String, Vec<u8>), Vec<ImportError>> {
    use crate::input_file::{read, InputError};
    let file = path.display().to_string();
    match read(path, PIPE_LIMIT, false) {
        Ok(bytes) => Ok((file, bytes)),
        Err(InputError::Binary { line }) => Err(vec![err(
            &file,
            line,
            None,
            "is not a CSV text file (binary data found)",
        )]),
        Err(InputError::Directory) => {
            Err(vec![err(&file, 0, None, "is a directory, not a CSV file")])
        }
        Err(e) => Err(vec![err(&file, 0, None, e.to_string())]),
    }
}

/// One data row; cell accessors return the trimmed text or a located error.
pub struct Row<'a> {
    table: TableRef<'a>,
    pub line: u64,
    cells: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    /// The trimmed cell of a field; `None` when the column is absent.
    pub fn get(&self, field: &str) -> Option<&'a str> {
        // A handful of columns: a scan beats hashing the name on every cell.
        let &(_, i) = self.table.columns.iter().find(|(name, _)| *name == field)?;
        Some(self.cells.get(i).map_or("", str::trim))
    }

    /// The cell text, empty when the column is absent.
    pub fn text(&self, field: &str) -> &'a str {
        self.get(field).unwrap_or("")
    }

    pub fn error(&self, field: &str, message: impl Into<String>) -> ImportError {
        let raw = self.text(field);
        ImportError {
            file: self.table.file.to_string(),
            line: self.line,
            column: Some(field.to_string()),
            message: message.into(),
            value: (!raw.is_empty()).then(|| raw.to_string()),
        }
    }

    /// Extra non-empty cells beyond the header: a shifted row, reported rather than guessed.
    pub fn check_width(&self) -> Option<ImportError> {
        let extra = self.cells.iter().skip(self.table.width);
        if extra.clone().any(|c| !c.trim().is_empty()) {
            return Some(ImportError {
                file: self.table.file.to_string(),
                line: self.line,
                column: None,
                message: format!(
                    "row has {} cells but the header has {} (an unquoted comma?)",
                    self.cells.len(),
                    self.table.width
                ),
                value: None,
            });
        }
        None
    }
}

#[cfg(test)]
mod quote_tests {
    use super::unclosed_quote;

    #[test]
    fn finds_a_quoted_cell_that_never_closes() {
        assert_eq!(
            unclosed_quote(b"sku,name\nA,\"Hat 12 inch,5\nB,Case\n"),
            Some(2)
        );
        assert_eq!(
            unclosed_quote(b"sku,name\nA,\"Hat, \"\"12\"\" inch\",5\nB,\"multi\nline\"\n"),
            None
        );
        assert_eq!(
            unclosed_quote(b"sku,name\nA,Hat 12\" wide,5\n"),
            None,
            "a quote inside an unquoted cell is text"
        );
        assert_eq!(unclosed_quote(b"a,\"b\"\r\n"), None);
    }
}

#[cfg(test)]
mod header_tests {
    use super::{header_key, is_key_of, Field, Table};

    #[test]
    fn a_cell_is_a_header_key_exactly_when_its_normalised_form_is() {
        let cells = [
            "order_id",
            " Order-ID ",
            "\u{feff}ORDER ID",
            "order__id",
            "orderid",
            "O0000001",
            "",
            "Ordered_At",
            "订单号",
            "\u{212a}ey", // the Kelvin sign lowercases to an ASCII k
            "ΣΑΣ",
        ];
        for key in ["order_id", "ordered_at", "key", "订单号", "σας", ""] {
            for cell in cells {
                assert_eq!(
                    is_key_of(key, cell),
                    header_key(cell) == key,
                    "{key:?} against {cell:?}"
                );
            }
        }
    }

    #[test]
    fn repeated_headers_are_skipped_in_any_case_and_spacing_and_look_alikes_are_not() {
        const FIELDS: &[Field] = &[
            Field {
                name: "order_id",
                required: true,
            },
            Field {
                name: "sku",
                required: true,
            },
        ];
        // "ORDER_ID" and "order-id " repeat the header; "OrderXid" has its length only.
        let csv = "order_id,sku\nA,S1\nORDER_ID,SKU\norder-id ,Sku\nOrderXid,sku\n";
        let mut table = Table::parse("o.csv", csv.as_bytes(), FIELDS).expect("a table");
        let mut firsts = Vec::new();
        table
            .for_each(|row| {
                firsts.push(row.text("order_id").to_string());
                std::ops::ControlFlow::Continue(())
            })
            .expect("rows");
        assert_eq!(firsts, ["A", "OrderXid"]);
        assert_eq!(table.skipped, 2);
    }
}
