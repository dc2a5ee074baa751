//! Reading a CSV file into records with named columns, and the errors that name
//! `FILE:LINE: column NAME: problem (value)`.

use std::collections::HashMap;
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
        f.write_str(&self.message)?;
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

/// A CSV file read into memory: header positions by canonical field name.
pub struct Table {
    pub file: String,
    pub columns: HashMap<&'static str, usize>,
    header: Vec<String>,
    records: Vec<(u64, Vec<String>)>,
    /// Blank rows and repeated header rows, left out.
    pub skipped: usize,
}

/// A header cell in comparable form: trimmed, lower case, spaces and dashes as `_`.
pub fn header_key(cell: &str) -> String {
    cell.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
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

fn line_of_offset(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// Reads a whole file, with an error that names it when it cannot be read.
pub fn read_file(path: &Path) -> Result<(String, Vec<u8>), Vec<ImportError>> {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => Ok((file, bytes)),
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "file not found".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ if path.is_dir() => "is a directory, not a CSV file".to_string(),
                _ => format!("cannot read: {e}"),
            };
            Err(vec![err(&file, 0, None, why)])
        }
    }
}

impl Table {
    /// Reads and checks a whole file: it exists, is UTF-8 text (BOM allowed), has a
    /// header naming every required field. Rows are kept as text for the row parser.
    pub fn read(path: &Path, fields: &[Field]) -> Result<Table, Vec<ImportError>> {
        let (file, bytes) = read_file(path)?;
        Table::parse(&file, &bytes, fields)
    }

    pub fn parse(file: &str, bytes: &[u8], fields: &[Field]) -> Result<Table, Vec<ImportError>> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if let Some(pos) = body.iter().position(|&b| b == 0) {
            return Err(vec![err(
                file,
                line_of_offset(body, pos),
                None,
                "is not a CSV text file (binary data found)",
            )]);
        }
        let text = std::str::from_utf8(body).map_err(|e| {
            vec![err(
                file,
                line_of_offset(body, e.valid_up_to()),
                None,
                "is not valid UTF-8 text (GBK and other encodings need a column mapping)",
            )]
        })?;
        if text.trim().is_empty() {
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
            .from_reader(text.as_bytes());
        let mut records = Vec::new();
        let mut header: Option<Vec<String>> = None;
        let mut skipped = 0;
        for result in reader.records() {
            let record = result.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                vec![err(file, line, None, format!("malformed CSV: {e}"))]
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let cells: Vec<String> = record.iter().map(str::to_string).collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                skipped += usize::from(header.is_some());
                continue;
            }
            match &header {
                None => header = Some(cells),
                Some(h) if is_same_header(h, &cells) => skipped += 1,
                Some(_) => records.push((line, cells)),
            }
        }
        let header = header.unwrap_or_default();
        let mut columns = HashMap::new();
        let mut errors = Vec::new();
        let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
        for field in fields {
            match keys.iter().position(|k| k == field.name) {
                Some(i) => {
                    columns.insert(field.name, i);
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
            header,
            records,
            skipped,
        })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().map(move |(line, cells)| Row {
            table: self,
            line: *line,
            cells,
        })
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }
}

fn is_same_header(header: &[String], cells: &[String]) -> bool {
    header.len() == cells.len()
        && header
            .iter()
            .zip(cells)
            .all(|(h, c)| header_key(h) == header_key(c))
}

/// One data row; cell accessors return the trimmed text or a located error.
pub struct Row<'a> {
    table: &'a Table,
    pub line: u64,
    cells: &'a [String],
}

impl<'a> Row<'a> {
    /// The trimmed cell of a field; `None` when the column is absent.
    pub fn get(&self, field: &str) -> Option<&'a str> {
        let &i = self.table.columns.get(field)?;
        Some(self.cells.get(i).map_or("", |c| c.trim()))
    }

    /// The cell text, empty when the column is absent.
    pub fn text(&self, field: &str) -> &'a str {
        self.get(field).unwrap_or("")
    }

    pub fn error(&self, field: &str, message: impl Into<String>) -> ImportError {
        let raw = self.text(field);
        ImportError {
            file: self.table.file.clone(),
            line: self.line,
            column: Some(field.to_string()),
            message: message.into(),
            value: (!raw.is_empty()).then(|| raw.to_string()),
        }
    }

    /// Extra non-empty cells beyond the header: a shifted row, reported rather than guessed.
    pub fn check_width(&self) -> Option<ImportError> {
        let extra = self.cells.iter().skip(self.table.header.len());
        if extra.clone().any(|c| !c.trim().is_empty()) {
            return Some(ImportError {
                file: self.table.file.clone(),
                line: self.line,
                column: None,
                message: format!(
                    "row has {} cells but the header has {} (an unquoted comma?)",
                    self.cells.len(),
                    self.table.header.len()
                ),
                value: None,
            });
        }
        None
    }
}
