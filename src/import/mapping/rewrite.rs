//! Putting the native reader's errors about a translated file back in the source's
//! terms: the source line, the source column (with the native field), and the value as
//! the source wrote it (found by translating again, only when there are errors).

use super::translate::{run, Probe, Request, Translated};
use crate::import::table::ImportError;

/// Puts native errors back in the source's terms: source line, source column (with the
/// native field), and the value as the source wrote it. Errors the mapping itself found
/// come first; a native error on the same line and column is the same problem, dropped.
pub fn finish<T>(
    req: &Request,
    bytes: &[u8],
    t: &Translated,
    native: Result<T, Vec<ImportError>>,
) -> Result<T, Vec<ImportError>> {
    let native_errors = match native {
        Ok(v) if t.errors.is_empty() => return Ok(v),
        Ok(_) => Vec::new(),
        Err(e) => e,
    };
    let mut probe: Probe = native_errors
        .iter()
        .filter(|e| e.line >= 2)
        .filter_map(|e| e.column.clone().map(|c| ((e.line, c), None)))
        .collect();
    if !probe.is_empty() {
        let _ = run(req, bytes, &mut |_| {}, Some(&mut probe));
    }
    let mut all = t.errors.clone();
    for e in native_errors {
        let raw = e
            .column
            .as_ref()
            .and_then(|c| probe.get(&(e.line, c.clone())));
        let line = t.source_line(e.line);
        let column = e.column.as_deref().map(|c| t.label(c));
        if all
            .iter()
            .any(|x| x.line == line && x.column.is_some() && x.column == column)
        {
            continue;
        }
        all.push(ImportError {
            file: e.file,
            line,
            value: match raw {
                Some(r) => r.clone(),
                None => e.value,
            },
            column,
            message: t.rewrite_lines(&e.message),
        });
    }
    all.sort_by_key(|e| e.line);
    Err(all)
}

impl Translated {
    /// The source line of a translated line (1: the header).
    pub fn source_line(&self, line: u64) -> u64 {
        match line {
            0 => 0,
            1 => self.header_line,
            n => self
                .source_lines
                .get((n - 2) as usize)
                .copied()
                .unwrap_or(n),
        }
    }

    pub fn label(&self, field: &str) -> String {
        self.labels
            .iter()
            .find(|(f, _)| *f == field)
            .map_or_else(|| field.to_string(), |(_, l)| l.clone())
    }

    /// `… (first on line 7)` in a native message names a translated line: make it the source's.
    fn rewrite_lines(&self, message: &str) -> String {
        const AT: &str = "first on line ";
        let Some(i) = message.find(AT) else {
            return message.to_string();
        };
        let start = i + AT.len();
        let digits: String = message[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        match digits.parse::<u64>() {
            Ok(n) => format!(
                "{}{}{}",
                &message[..start],
                self.source_line(n),
                &message[start + digits.len()..]
            ),
            Err(_) => message.to_string(),
        }
    }
}
