//! Where things are in a config file: the line of each key, and which key a parse
//! error's position falls in (the spans of `toml`'s own parse, `toml::de::DeTable`).

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

struct Entry {
    /// Dotted path: `metrics.margin_floor`.
    path: String,
    key: Range<usize>,
    value: Option<Range<usize>>,
}

pub struct Doc<'a> {
    text: &'a str,
    entries: Vec<Entry>,
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    // Count on bytes: an offset inside a multi-byte character still finds its line.
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn walk(table: &DeTable<'_>, prefix: &str, out: &mut Vec<Entry>) {
    for (key, item) in table.iter() {
        let name = key.get_ref();
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        out.push(Entry {
            path: path.clone(),
            key: key.span(),
            value: Some(item.span()),
        });
        if let DeValue::Table(inner) = item.get_ref() {
            walk(inner, &path, out);
        }
    }
}

impl<'a> Doc<'a> {
    /// Parses the text for its layout; a syntax error comes back as
    /// `line N: [table] key: TOML syntax: …`.
    pub fn parse(text: &'a str) -> Result<Doc<'a>, String> {
        match DeTable::parse(text) {
            Ok(doc) => {
                let mut entries = Vec::new();
                walk(doc.get_ref(), "", &mut entries);
                Ok(Doc { text, entries })
            }
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let line = line_of(text, offset);
                let key = key_on_line(text, line)
                    .map_or(String::new(), |k| format!("{}: ", super::shown_key(&k)));
                Err(format!(
                    "line {line}: {key}TOML syntax: {}",
                    e.message().trim()
                ))
            }
        }
    }

    /// The line of every key the file sets, by dotted path.
    pub fn lines(&self) -> BTreeMap<String, usize> {
        self.entries
            .iter()
            .map(|e| (e.path.clone(), line_of(self.text, e.key.start)))
            .collect()
    }

    /// The innermost key whose name or value holds `offset`.
    fn key_at(&self, offset: usize) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| {
                e.key.contains(&offset) || e.value.as_ref().is_some_and(|v| v.contains(&offset))
            })
            .max_by_key(|e| e.path.matches('.').count())
    }

    /// A deserialisation error (unknown key, wrong type, bad value) as
    /// `line N: [table] key: what is wrong`.
    pub fn describe(&self, e: &toml::de::Error) -> String {
        let mut message = e.message().trim().to_string();
        if message.contains("untagged enum KeyList") {
            message = "must be a key such as \"x\", \"ctrl-r\" or \"F5\", or a list of keys".into();
        }
        let Some(span) = e.span() else {
            return message;
        };
        let line = line_of(self.text, span.start);
        // An unknown key is reported at its own name; other mistakes at the value.
        let unknown = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next());
        let key = match self.key_at(span.start) {
            Some(entry) => {
                let path = match unknown {
                    Some(name) if !entry.path.ends_with(name) => format!("{}.{name}", entry.path),
                    _ => entry.path.clone(),
                };
                format!("{}: ", super::shown_key(&path))
            }
            None => unknown.map_or(String::new(), |k| format!("{k}: ")),
        };
        if let Some(name) = unknown {
            let expected = message.split_once("expected").map(|(_, e)| e.trim());
            message = match expected {
                Some(list) => format!(
                    "unknown key {name:?}; known keys here: {}",
                    list.trim_start_matches("one of ")
                ),
                None => format!("unknown key {name:?}"),
            };
        }
        format!("line {line}: {key}{message}")
    }
}

/// The dotted key written on `line` (`[table]` headers above it give the table), for
/// a line TOML itself could not parse.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim();
        if i + 1 == line {
            let (key, _) = t.split_once('=')?;
            let key = key.trim().trim_matches('"');
            if key.is_empty() || key.contains(char::is_whitespace) {
                return None;
            }
            return Some(if table.is_empty() {
                key.to_string()
            } else {
                format!("{table}.{key}")
            });
        }
        if t.starts_with('[') && t.ends_with(']') {
            table = t.trim_matches(|c| c == '[' || c == ']').trim().to_string();
        }
    }
    None
}
