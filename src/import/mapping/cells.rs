//! One row's cells made native: the carry-down of cells an export fills only on a
//! group's first row, and each field's value map, case, and number, date and tags
//! conversion (a value that does not convert is reported, never guessed).

use super::normalize;
use super::plan::{Conv, Plan};
use super::Case;

/// One cell's text made native; `fail` is told what is wrong when it cannot be.
pub(super) fn convert(
    plan: &Plan,
    f: &super::plan::OutField,
    raw: &str,
    v: &mut String,
    mut fail: impl FnMut(String),
) {
    let mut text: std::borrow::Cow<str> = if raw.contains(['\n', '\r']) {
        raw.replace("\r\n", " ").replace(['\n', '\r'], " ").into()
    } else {
        raw.into()
    };
    if !f.values.is_empty() {
        let key = text.trim().to_lowercase();
        if let Some((_, to)) = f.values.iter().find(|(from, _)| *from == key) {
            text = to.clone().into();
        }
    }
    match f.case {
        Case::AsIs => {}
        Case::Upper => text = text.to_uppercase().into(),
        Case::Lower => text = text.to_lowercase().into(),
    }
    match f.conv {
        Conv::Money | Conv::Int if !text.is_empty() => match plan.numbers.normalize(&text) {
            Ok(n) => v.push_str(&n),
            Err(()) => {
                let n = &plan.numbers;
                let thousands = match n.thousands {
                    Some(c) => format!("{c:?}"),
                    None if n.decimal == '.' => "\",\" in groups of three".into(),
                    None => "none".into(),
                };
                fail(format!(
                    "is not a number as this mapping writes them (decimal mark {:?}, thousands {thousands})",
                    n.decimal
                ));
                v.push_str(&text);
            }
        },
        Conv::Date | Conv::DateTime if !f.formats.is_empty() && !text.is_empty() => {
            match normalize::date(&text, &f.formats, f.conv == Conv::Date) {
                Some(d) => v.push_str(&d),
                None => {
                    fail(format!(
                        "does not match the date format {}",
                        f.formats.join(" or ")
                    ));
                    v.push_str(&text);
                }
            }
        }
        Conv::Tags if f.separator.is_some() => {
            let sep = f.separator.as_deref().unwrap_or(";");
            let tags: Vec<&str> = text
                .split(sep)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            v.push_str(&tags.join(";"));
        }
        _ => v.push_str(&text),
    }
}

/// The carry-down state: the current group's key and its last non-empty carried cells.
#[derive(Default)]
pub(super) struct Carry {
    key: String,
    values: Vec<(usize, String)>,
}

impl Carry {
    /// The row's cells with empty carried cells filled from the group's rows above.
    pub(super) fn apply<'r>(
        &'r mut self,
        plan: &Plan,
        record: &'r csv::StringRecord,
    ) -> Vec<&'r str> {
        let mut cells: Vec<&str> = record.iter().collect();
        let Some((key_col, cols)) = &plan.carry else {
            return cells;
        };
        let key = cells.get(*key_col).map_or("", |c| c.trim());
        let same_group = !key.is_empty() && key == self.key;
        if !same_group {
            self.key = key.to_string();
            self.values = cols.iter().map(|&c| (c, String::new())).collect();
        }
        for (col, value) in &mut self.values {
            let cell = cells.get(*col).map_or("", |c| c.trim());
            if !cell.is_empty() {
                value.clear();
                value.push_str(cell);
            }
        }
        for (col, value) in &self.values {
            if *col < cells.len() && cells[*col].trim().is_empty() {
                cells[*col] = value;
            } else if *col >= cells.len() && !value.is_empty() {
                cells.resize(*col, "");
                cells.push(value);
            }
        }
        cells
    }
}
