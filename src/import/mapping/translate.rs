//! Rewriting an export into the native layout through a mapping, in memory: decode, read
//! the source CSV, take the joined columns from the other file (`join`), carry down, map
//! values, normalise numbers and dates (`cells`), skip by rule, take each order's refund
//! off its lines (`refund`), and write native CSV with one record per line, so native
//! data row N is translated line N + 1 and maps back to its source line. The native
//! parsers then read the result unchanged, and their errors are put back in the
//! source's terms ([`finish`](super::rewrite::finish)).

use std::collections::{HashMap, HashSet};

use super::cells::{convert, Carry};
use super::join::{joined_header, JoinTable};
use super::plan::{fit, Plan, RefundPlan, SkipOn, Src};
use super::refund::{Group, Held, RefundTally, Settle};
use super::Mapping;
use crate::domain::text::unwrap_cell;
use crate::import::table::{unclosed_quote_with, ImportError};
use crate::import::{encoding, Kind};

/// How many errors of a file are kept in full (as the native reader does).
const MAX_ERRORS_KEPT: usize = 1000;

/// What to translate.
pub struct Request<'a> {
    pub file: &'a str,
    pub mapping: &'a Mapping,
    pub kind: Kind,
    /// `--set FIELD=VALUE`.
    pub sets: &'a [(String, String)],
    /// The other file's columns by key, for a mapping with a `[join]`.
    pub join: Option<&'a JoinTable>,
}

/// Rows one skip rule left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCount {
    pub reason: String,
    pub rows: usize,
    /// Distinct orders those rows belong to (orders files; 0 otherwise).
    pub orders: usize,
    pub first_line: u64,
}

/// A file in the native layout, and how to find each of its rows in the source.
#[derive(Debug)]
pub struct Translated {
    pub bytes: Vec<u8>,
    /// The source line of each native data row.
    pub source_lines: Vec<u64>,
    pub header_line: u64,
    /// Native field → how errors name it.
    pub labels: Vec<(&'static str, String)>,
    /// Blank rows and repeated header rows of the source, left out.
    pub blank_or_header: usize,
    pub skipped: Vec<RuleCount>,
    pub read_as: String,
    pub notes: Vec<String>,
    /// Values the mapping could not convert (in source terms); the file is refused.
    pub errors: Vec<ImportError>,
    /// Refunds taken off the lines (`[refunds]`).
    pub refunds: RefundTally,
}

/// Raw source values wanted for errors: (translated line, field) → value.
pub(super) type Probe = HashMap<(u64, String), Option<String>>;

fn err(file: &str, line: u64, column: Option<String>, message: impl Into<String>) -> ImportError {
    ImportError {
        file: file.to_string(),
        line,
        column,
        message: message.into(),
        value: None,
    }
}

/// Translates a file. `on_row` is called with the source line of every record read
/// (progress). `Err`: the file cannot be read at all (encoding, header, malformed CSV).
pub fn translate(
    req: &Request,
    bytes: &[u8],
    on_row: &mut dyn FnMut(u64),
) -> Result<Translated, Vec<ImportError>> {
    run(req, bytes, on_row, None)
}

pub(super) fn run(
    req: &Request,
    bytes: &[u8],
    on_row: &mut dyn FnMut(u64),
    mut probe: Option<&mut Probe>,
) -> Result<Translated, Vec<ImportError>> {
    let file = req.file;
    let m = req.mapping;
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
    let mut record = csv::StringRecord::new();
    let malformed = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        err(file, line, None, format!("malformed CSV: {e}"))
    };
    let (header, header_line) = loop {
        match reader.read_record(&mut record) {
            Ok(true) if record.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(true) => {
                let line = record.position().map_or(1, |p| p.line());
                break (
                    record
                        .iter()
                        .map(|c| c.trim().to_string())
                        .collect::<Vec<_>>(),
                    line,
                );
            }
            Ok(false) => {
                return Err(vec![err(
                    file,
                    1,
                    None,
                    "file is empty: expected a header row",
                )])
            }
            Err(e) => return Err(vec![malformed(e)]),
        }
    };
    let main_len = header.len();
    let (fit_header, join_key) = match (req.join, &m.join) {
        (Some(table), Some(j)) => {
            let key = header
                .iter()
                .position(|h| super::plan::column_key(h) == super::plan::column_key(&j.key));
            let Some(key) = key else {
                return Err(vec![ImportError {
                    value: Some(header.join(&char::from(m.delimiter).to_string())),
                    ..err(
                        file,
                        header_line,
                        Some(j.key.clone()),
                        format!(
                            "the key column that joins this file to {} is missing (mapping {})",
                            table.what, m.name
                        ),
                    )
                }]);
            };
            (joined_header(&header, &table.columns), Some((key, table)))
        }
        _ => (header.clone(), None),
    };
    let fitted = fit(m, req.kind, req.sets, &fit_header, false);
    let Some(mut plan) = fitted.plan else {
        let shown = header.join(&char::from(m.delimiter).to_string());
        return Err(fitted
            .missing
            .into_iter()
            .map(|x| ImportError {
                value: Some(shown.clone()),
                ..err(
                    file,
                    header_line,
                    Some(x.column),
                    format!("{} (mapping {})", x.why, m.name),
                )
            })
            .collect());
    };
    if let Some((_, table)) = join_key {
        for f in &mut plan.fields {
            if matches!(f.src, Src::Column(i) if i >= main_len) {
                f.label = format!("{} [from {}]", f.label, table.files_named());
            }
        }
    }
    let header_keys: Vec<String> = header.iter().map(|h| super::plan::column_key(h)).collect();
    let mut out = csv::WriterBuilder::new().from_writer(Vec::with_capacity(bytes.len()));
    let names: Vec<&str> = plan.fields.iter().map(|f| f.name).collect();
    out.write_record(&names).expect("writing to memory");
    let mut t = Translated {
        bytes: Vec::new(),
        source_lines: Vec::new(),
        header_line,
        labels: plan
            .fields
            .iter()
            .map(|f| (f.name, f.label.clone()))
            .collect(),
        blank_or_header: 0,
        skipped: plan
            .skips
            .iter()
            .map(|s| RuleCount {
                reason: s.reason.clone(),
                rows: 0,
                orders: 0,
                first_line: 0,
            })
            .collect(),
        read_as: decoded.read_as.clone(),
        notes: decoded
            .note
            .clone()
            .into_iter()
            .chain(plan.notes.iter().cloned())
            .collect(),
        errors: Vec::new(),
        refunds: RefundTally::default(),
    };
    let mut skipped_orders: Vec<HashSet<String>> = vec![HashSet::new(); plan.skips.len()];
    let mut group: Option<Group> = None;
    let mut spread_at: HashMap<String, u64> = HashMap::new();
    let mut dropped = 0usize;
    let mut carry = Carry::default();
    let mut vals: Vec<String> = vec![String::new(); plan.fields.len()];
    let mut raws: Vec<String> = vec![String::new(); plan.fields.len()];
    let mut row_errors: Vec<ImportError> = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Err(e) => {
                t.errors.push(malformed(e));
                break;
            }
            Ok(true) => {}
        }
        let line = record.position().map_or(0, |p| p.line());
        on_row(line);
        if record.iter().all(|c| c.trim().is_empty())
            || (record.len() == header_keys.len()
                && record
                    .iter()
                    .zip(&header_keys)
                    .all(|(c, h)| super::plan::column_key(c) == *h))
        {
            t.blank_or_header += 1;
            continue;
        }
        if record
            .iter()
            .skip(header.len())
            .any(|c| !c.trim().is_empty())
        {
            push(
                &mut t.errors,
                &mut dropped,
                err(
                    file,
                    line,
                    None,
                    format!(
                        "row has {} cells but the header has {} (an unquoted delimiter?)",
                        record.len(),
                        header.len()
                    ),
                ),
            );
            continue;
        }
        let mut cells = carry.apply(&plan, &record);
        if let Some((key_col, table)) = join_key {
            let key = unwrap_cell(cells.get(key_col).copied().unwrap_or(""));
            match table.rows.get(key) {
                Some(values) => {
                    cells.resize(main_len, "");
                    cells.extend(values.iter().map(String::as_str));
                }
                None => {
                    push(
                        &mut t.errors,
                        &mut dropped,
                        ImportError {
                            value: Some(key.to_string()),
                            ..err(
                                file,
                                line,
                                Some(header[key_col].clone()),
                                format!(
                                    "not found in {}, {}: give the file that holds it",
                                    table.files_named(),
                                    table.what
                                ),
                            )
                        },
                    );
                    continue;
                }
            }
        }
        row_errors.clear();
        for (k, f) in plan.fields.iter().enumerate() {
            let line_text;
            let raw: &str = match &f.src {
                Src::Column(i) => cells.get(*i).map_or("", |c| c.trim()),
                Src::Constant(v) => v,
                Src::SourceLine => {
                    line_text = line.to_string();
                    &line_text
                }
            };
            if probe.is_some() {
                raws[k].clear();
                raws[k].push_str(raw);
            }
            let v = &mut vals[k];
            v.clear();
            convert(&plan, f, raw, v, |message| {
                row_errors.push(ImportError {
                    value: (!raw.is_empty()).then(|| raw.to_string()),
                    ..err(file, line, Some(f.label.clone()), message)
                })
            });
        }
        if let Some(rp) = &plan.refund {
            let key = unwrap_cell(&vals[rp.order]);
            if group.as_ref().is_none_or(|g| g.key != key) {
                if let Some(g) = group.take() {
                    let probe = probe.as_deref_mut();
                    close_order(g, rp, &plan, file, &mut t, &mut out, probe, &mut spread_at);
                }
                group = Some(Group::new(key));
            }
            if let Some(g) = group.as_mut() {
                g.observe(rp, &cells, line);
            }
        }
        if let Some(r) = plan.skips.iter().position(|s| {
            let text = match s.on {
                SkipOn::Field(Some(k)) => vals[k].as_str(),
                SkipOn::Field(None) => "",
                SkipOn::Column(i) => cells.get(i).map_or("", |c| c.trim()),
            };
            s.regex.is_match(text)
        }) {
            let c = &mut t.skipped[r];
            c.rows += 1;
            if c.first_line == 0 {
                c.first_line = line;
            }
            if let Some(k) = plan.order_field {
                let order = unwrap_cell(&vals[k]);
                if !skipped_orders[r].contains(order) {
                    skipped_orders[r].insert(order.to_string());
                }
            }
            continue;
        }
        if let Some((prefix, o, q)) = &plan.returns {
            if unwrap_cell(&vals[*o]).starts_with(prefix.as_str()) {
                let qty = vals[*q].trim();
                if !qty.is_empty() && !qty.starts_with('-') {
                    vals[*q] = format!("-{}", qty.strip_prefix('+').unwrap_or(qty));
                }
            }
        }
        for e in row_errors.drain(..) {
            push(&mut t.errors, &mut dropped, e);
        }
        match group.as_mut() {
            Some(g) => g.rows.push(Held {
                vals: vals.clone(),
                raws: if probe.is_some() {
                    raws.clone()
                } else {
                    Vec::new()
                },
                line,
            }),
            None => emit(
                &mut out,
                &mut t,
                probe.as_deref_mut(),
                &plan,
                (&vals, &raws, line),
            ),
        }
    }
    if let (Some(g), Some(rp)) = (group.take(), &plan.refund) {
        close_order(g, rp, &plan, file, &mut t, &mut out, probe, &mut spread_at);
    }
    for (c, orders) in t.skipped.iter_mut().zip(skipped_orders) {
        c.orders = orders.len();
    }
    if dropped > 0 {
        let last = t.errors.last().map_or(0, |e| e.line);
        t.errors.push(err(
            file,
            last,
            None,
            format!("… {dropped} more errors in this file not listed"),
        ));
    }
    t.bytes = out.into_inner().expect("writing to memory");
    Ok(t)
}

/// An order's rows are all in: its refund is taken off them, and they are written.
#[allow(clippy::too_many_arguments)]
fn close_order(
    mut g: Group,
    rp: &RefundPlan,
    plan: &Plan,
    file: &str,
    t: &mut Translated,
    out: &mut csv::Writer<Vec<u8>>,
    mut probe: Option<&mut Probe>,
    spread_at: &mut HashMap<String, u64>,
) {
    Settle {
        file,
        plan: rp,
        numbers: &plan.numbers,
        tally: &mut t.refunds,
        errors: &mut t.errors,
        spread_at,
    }
    .group(&mut g);
    for h in g.rows {
        emit(
            out,
            t,
            probe.as_deref_mut(),
            plan,
            (&h.vals, &h.raws, h.line),
        );
    }
}

/// Writes one translated row, noting its source line (and, when errors are being put
/// back in the source's terms, its raw values).
fn emit(
    out: &mut csv::Writer<Vec<u8>>,
    t: &mut Translated,
    probe: Option<&mut Probe>,
    plan: &Plan,
    (vals, raws, line): (&[String], &[String], u64),
) {
    if let Some(p) = probe {
        let native_line = t.source_lines.len() as u64 + 2;
        for (k, f) in plan.fields.iter().enumerate() {
            if let Some(slot) = p.get_mut(&(native_line, f.name.to_string())) {
                let raw = raws.get(k).map_or("", String::as_str);
                *slot = (!raw.is_empty()).then(|| raw.to_string());
            }
        }
    }
    out.write_record(vals).expect("writing to memory");
    t.source_lines.push(line);
}

fn push(errors: &mut Vec<ImportError>, dropped: &mut usize, e: ImportError) {
    if errors.len() < MAX_ERRORS_KEPT {
        errors.push(e);
    } else {
        *dropped += 1;
    }
}
