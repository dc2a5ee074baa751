//! `[join]`: exports that come as two files, lines in one and order-level columns in the
//! other (Taobao's 宝贝报表 and 订单报表). Which file is which is read from its header
//! ([`classify`]), so they may be given in either order; the other file is read whole
//! into a table by key ([`read`]), and each line takes its columns from there while it
//! is translated (`translate`). Nothing here touches the store.

use std::collections::HashMap;

use super::plan::{column_key, fit, Fit};
use super::{Join, Mapping};
use crate::domain::text::unwrap_cell;
use crate::import::table::{unclosed_quote_with, ImportError};
use crate::import::{encoding, Kind};

/// What a file is to a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It holds everything the mapping reads (or the mapping has no join).
    Whole,
    /// It holds the lines, and needs the other file for the joined columns.
    Lines,
    /// It is the other file: its columns go to the lines of the file of lines.
    Other,
}

/// A header fitted to a mapping, with the file's role.
pub struct Classified {
    pub role: Role,
    pub fit: Fit,
}

/// The header of the file of lines as the mapping reads it: its own columns that the
/// other file also gives are left out (blanked), and the other file's columns follow.
pub fn joined_header(header: &[String], columns: &[String]) -> Vec<String> {
    let taken: Vec<String> = columns.iter().map(|c| column_key(c)).collect();
    header
        .iter()
        .map(|h| {
            if taken.contains(&column_key(h)) {
                String::new()
            } else {
                h.clone()
            }
        })
        .chain(columns.iter().cloned())
        .collect()
}

/// Whether `header` has every column of `names` (compared as headers are).
pub fn has_all(header: &[String], names: &[String]) -> bool {
    let keys: Vec<String> = header.iter().map(|h| column_key(h)).collect();
    names.iter().all(|n| keys.contains(&column_key(n)))
}

/// What a file with this header is to `m`: a whole file when the mapping fits it alone;
/// else, with a `[join]`, the file of lines when it fits with the other file's columns,
/// or the other file when it has the header that tells it. Not fitting at all is a
/// `Whole` whose fit says what is missing.
pub fn classify(
    m: &Mapping,
    kind: Kind,
    sets: &[(String, String)],
    header: &[String],
    asking_ok: bool,
) -> Classified {
    let alone = fit(m, kind, sets, header, asking_ok);
    let Some(j) = &m.join else {
        return Classified {
            role: Role::Whole,
            fit: alone,
        };
    };
    if alone.plan.is_some() {
        return Classified {
            role: Role::Whole,
            fit: alone,
        };
    }
    if has_all(header, std::slice::from_ref(&j.key)) {
        let mut with = fit(m, kind, sets, &joined_header(header, &j.columns), asking_ok);
        if with.plan.is_some() {
            let own: Vec<String> = header.iter().map(|h| column_key(h)).collect();
            let joined: Vec<String> = j.columns.iter().map(|c| column_key(c)).collect();
            with.matched
                .retain(|c| own.contains(&column_key(c)) && !joined.contains(&column_key(c)));
            return Classified {
                role: Role::Lines,
                fit: with,
            };
        }
    }
    if has_all(header, &j.header) {
        let keys: Vec<String> = j.header.iter().map(|c| column_key(c)).collect();
        let matched = header
            .iter()
            .filter(|h| keys.contains(&column_key(h)))
            .map(|h| h.trim().to_string())
            .collect();
        return Classified {
            role: Role::Other,
            fit: Fit {
                plan: None,
                matched,
                missing: Vec::new(),
            },
        };
    }
    Classified {
        role: Role::Whole,
        fit: alone,
    }
}

/// The other files' rows by key: what each line takes from them.
#[derive(Debug, Clone)]
pub struct JoinTable {
    /// How messages name the other file (`[join] other`).
    pub what: String,
    pub files: Vec<String>,
    /// The joined columns the other files have, as the mapping names them.
    pub columns: Vec<String>,
    /// Key → the values of `columns`.
    pub rows: HashMap<String, Vec<String>>,
}

impl JoinTable {
    /// `ORDERS.csv`, `a.csv, b.csv`, or `a.csv, b.csv, c.csv and 27 more`.
    pub fn files_named(&self) -> String {
        named(&self.files)
    }
}

/// Files for a message: all of a few, the first three of many.
pub fn named(files: &[String]) -> String {
    match files.len() {
        0..=4 => files.join(", "),
        n => format!("{} and {} more", files[..3].join(", "), n - 3),
    }
}

fn err(file: &str, line: u64, column: Option<String>, message: impl Into<String>) -> ImportError {
    ImportError {
        file: file.to_string(),
        line,
        column,
        message: message.into(),
        value: None,
    }
}

/// Reads the other files of a join (each given as its name and bytes) into one table.
pub fn read(m: &Mapping, j: &Join, files: &[(&str, &[u8])]) -> Result<JoinTable, Vec<ImportError>> {
    struct Sheet {
        header: Vec<String>,
        rows: Vec<(u64, Vec<String>)>,
    }
    let mut errors = Vec::new();
    let mut sheets: Vec<(&str, Sheet)> = Vec::new();
    for (file, bytes) in files {
        match read_sheet(file, bytes, m) {
            Ok((header, rows)) => sheets.push((file, Sheet { header, rows })),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // A column is joined when any of the other files has it; a file without it gives
    // empty cells.
    let columns: Vec<String> = j
        .columns
        .iter()
        .filter(|c| {
            sheets
                .iter()
                .any(|(_, s)| has_all(&s.header, std::slice::from_ref(*c)))
        })
        .cloned()
        .collect();
    let mut rows: HashMap<String, Vec<String>> = HashMap::new();
    let mut first: HashMap<String, (usize, u64)> = HashMap::new();
    for (n, (file, sheet)) in sheets.iter().enumerate() {
        let keys: Vec<String> = sheet.header.iter().map(|h| column_key(h)).collect();
        let find = |name: &str| keys.iter().position(|k| *k == column_key(name));
        let Some(key_col) = find(&j.other_key) else {
            errors.push(err(
                file,
                1,
                Some(j.other_key.clone()),
                format!("the key column of {} is missing", j.other),
            ));
            continue;
        };
        let cols: Vec<Option<usize>> = columns.iter().map(|c| find(c)).collect();
        for (line, cells) in &sheet.rows {
            let key = unwrap_cell(cells.get(key_col).map_or("", String::as_str)).to_string();
            if key.is_empty() {
                errors.push(err(file, *line, Some(j.other_key.clone()), "is empty"));
                continue;
            }
            let values: Vec<String> = cols
                .iter()
                .map(|c| {
                    c.and_then(|i| cells.get(i))
                        .map_or(String::new(), |v| v.trim().to_string())
                })
                .collect();
            match rows.get(&key) {
                None => {
                    first.insert(key.clone(), (n, *line));
                    rows.insert(key, values);
                }
                Some(seen) if *seen == values => {}
                Some(_) => {
                    let (at_file, at_line) = first.get(&key).copied().unwrap_or((n, 0));
                    errors.push(ImportError {
                        value: Some(key.clone()),
                        ..err(
                            file,
                            *line,
                            Some(j.other_key.clone()),
                            format!(
                                "given twice with different values (first on line {at_line} of {})",
                                sheets[at_file].0
                            ),
                        )
                    });
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(JoinTable {
        what: j.other.clone(),
        files: files.iter().map(|(f, _)| (*f).to_string()).collect(),
        columns,
        rows,
    })
}

/// The header and the data rows (with their lines) of one file read the mapping's way;
/// blank rows and repeated header rows left out.
type Sheet = (Vec<String>, Vec<(u64, Vec<String>)>);

fn read_sheet(file: &str, bytes: &[u8], m: &Mapping) -> Result<Sheet, Vec<ImportError>> {
    let decoded = encoding::decode(file, bytes, m.encoding).map_err(|e| vec![e])?;
    let text: &str = &decoded.text;
    if let Some(pos) = text.find('\0') {
        let line = 1 + text[..pos].matches('\n').count() as u64;
        return Err(vec![err(
            file,
            line,
            None,
            "is not a CSV text file (binary data found)",
        )]);
    }
    if let Some(line) = unclosed_quote_with(text.as_bytes(), m.delimiter) {
        return Err(vec![err(file, line, None,
            "a quoted cell opens here and is never closed (a stray \" ?): the rest of the file would be read as one cell")]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(m.delimiter)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut header_keys: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            vec![err(file, line, None, format!("malformed CSV: {e}"))]
        })?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        match &header {
            None => {
                let h: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
                header_keys = h.iter().map(|c| column_key(c)).collect();
                header = Some(h);
            }
            Some(_)
                if record.len() == header_keys.len()
                    && record
                        .iter()
                        .zip(&header_keys)
                        .all(|(c, k)| column_key(c) == *k) => {}
            Some(_) => rows.push((line, record.iter().map(str::to_string).collect())),
        }
    }
    match header {
        Some(h) => Ok((h, rows)),
        None => Err(vec![err(
            file,
            1,
            None,
            "file is empty: expected a header row",
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mapping::built_in;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_string()).collect()
    }

    #[test]
    fn the_other_files_columns_replace_the_same_named_ones_and_follow() {
        let h = joined_header(
            &strings(&["订单编号", "标题", "订单状态 "]),
            &strings(&["订单付款时间", "订单状态"]),
        );
        assert_eq!(h, ["订单编号", "标题", "", "订单付款时间", "订单状态"]);
    }

    #[test]
    fn each_taobao_file_is_told_by_its_header() {
        let m = built_in("taobao-orders").expect("built-in");
        let role = |cells: &[&str]| classify(&m, Kind::Orders, &[], &strings(cells), false).role;
        let items = [
            "订单编号",
            "标题 ",
            "价格",
            "购买数量",
            "订单状态",
            "商家编码 ",
        ];
        let orders = [
            "订单编号",
            "买家会员名",
            "订单状态",
            "订单付款时间 ",
            "是否手机订单",
        ];
        let whole = [
            "订单编号",
            "买家会员名",
            "订单状态",
            "付款时间",
            "商家编码",
            "数量",
            "单价",
        ];
        assert_eq!(role(&items), Role::Lines);
        assert_eq!(role(&orders), Role::Other);
        assert_eq!(role(&whole), Role::Whole);
        // Neither: a whole file that does not fit, and says what it lacks.
        let c = classify(&m, Kind::Orders, &[], &strings(&["a", "b"]), false);
        assert_eq!(c.role, Role::Whole);
        assert!(c.fit.plan.is_none() && !c.fit.missing.is_empty());
        // Items without the key cannot be joined.
        assert_eq!(role(&items[1..]), Role::Whole);
    }

    #[test]
    fn the_other_file_is_read_by_key_with_its_guard_unwrapped() {
        let m = built_in("taobao-orders").expect("built-in");
        let j = m.join.clone().expect("a join");
        let text = "订单编号,买家会员名,订单状态,订单付款时间 \n\
                    =\"001\",小王,交易成功,2025-09-03 12:00:05\n\
                    订单编号,买家会员名,订单状态,订单付款时间\n\
                    =\"001\",小王,交易成功,2025-09-03 12:00:05\n\
                    '002,老李,交易关闭,\n";
        let t = read(&m, &j, &[("o.csv", text.as_bytes())]).expect("read");
        assert_eq!(t.columns, ["订单付款时间", "买家会员名", "订单状态"]);
        assert_eq!(
            t.rows.get("001").map(Vec::as_slice),
            Some(&strings(&["2025-09-03 12:00:05", "小王", "交易成功"])[..])
        );
        assert_eq!(t.rows.get("002").map(|r| r[2].as_str()), Some("交易关闭"));
        // The same order twice with other values is refused, naming both lines.
        let twice = "订单编号,买家会员名,订单状态,订单付款时间\n001,a,交易成功,\n001,b,交易成功,\n";
        let e = read(&m, &j, &[("o.csv", twice.as_bytes())]).expect_err("twice");
        assert_eq!(e[0].line, 3);
        assert!(
            e[0].message.contains("first on line 2 of o.csv"),
            "{}",
            e[0]
        );
    }
}
