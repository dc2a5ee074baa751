//! Importing a file: every file is read and checked (natively, or through a column
//! mapping) before the database is touched, then each is written in one transaction.
//! `skudesk import` (`commands::import`) and the app's `i` ([`import_one`]) both read,
//! check and write through here, so a preview and an import say the same.

use std::path::{Path, PathBuf};

use color_eyre::eyre::{eyre, Result};

use super::UsageError;
use crate::domain::text::sanitize;
use crate::i18n::Lang;
use crate::import::mapping::detect::{detect, header_of, Candidate};
use crate::import::mapping::join::{self, classify, JoinTable, Role};
use crate::import::mapping::refund::RefundTally;
use crate::import::mapping::rewrite::finish;
use crate::import::mapping::translate::{translate, Request, RuleCount};
use crate::import::mapping::{self, Mapping, Source};
use crate::import::{encoding, native, ImportError, Kind};
use crate::progress::Progress;
use crate::store::{ImportSummary, Store};

use super::summary::{describe, mapped_lines, Totals};

/// At most this many errors are listed per run; the total is always given.
pub const MAX_ERRORS_SHOWN: usize = 50;

/// A file parsed into rows of its kind.
pub enum ParsedFile {
    Products(native::Parsed<native::ProductRow>),
    Stock(native::Parsed<native::StockRow>),
    /// Orders are checked here and streamed into the store later: never held as rows.
    Orders(String, Vec<u8>),
    Traffic(native::Parsed<native::TrafficRow>),
}

/// A checked file and, when it went through a mapping, what the mapping did.
pub struct Prepared {
    pub parsed: ParsedFile,
    pub mapped: Option<MappedReport>,
}

pub struct MappedReport {
    pub name: String,
    pub read_as: String,
    /// `--mapping auto`: why this mapping.
    pub detected: Option<String>,
    pub blank_or_header: usize,
    pub skipped: Vec<RuleCount>,
    pub notes: Vec<String>,
    /// Refunds taken off the lines (`[refunds]`).
    pub refunds: RefundTally,
    /// Joined with: how the mapping names the other file, and the files given as it.
    pub joined: Option<(String, Vec<String>)>,
}

/// How the files are read.
pub enum Reading {
    Native,
    Mapped(Box<Mapping>),
    Auto,
}

/// Writes a checked file; the inner `Err` lists the bad values of an orders file that
/// was not checked before (nothing of it was written).
pub fn write(
    store: &mut Store,
    file: &ParsedFile,
    dry_run: bool,
    progress: &mut Progress,
) -> Result<Result<ImportSummary, Vec<ImportError>>> {
    Ok(Ok(match file {
        ParsedFile::Products(p) => store.import_products(p, dry_run)?,
        ParsedFile::Stock(p) => store.import_stock(p, dry_run)?,
        ParsedFile::Orders(file, bytes) => {
            progress.start(format!("importing {}", sanitize(file)), bytes);
            let result =
                store.import_orders_stream_with(file, bytes, dry_run, &mut |l| progress.row(l))?;
            progress.finish();
            match result {
                Ok(summary) => summary,
                Err(errors) => return Ok(Err(errors)),
            }
        }
        ParsedFile::Traffic(p) => store.import_traffic(p, dry_run)?,
    }))
}

/// What one file's import did or would do, for the app's import popup: the summary
/// lines, or the errors (then nothing was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub lines: Vec<String>,
    pub errors: Vec<String>,
    /// Errors past the ones listed.
    pub more_errors: usize,
}

/// Imports files as `skudesk import KIND FILE… [--mapping M] [--dry-run]` does (one
/// file, or the two files of a two-file export), into an open store, without printing:
/// the app's `i`. A dry run writes nothing.
pub fn import_one(
    store: &mut Store,
    kind: Kind,
    paths: &[PathBuf],
    mapping: Option<&str>,
    dry_run: bool,
    lang: Lang,
) -> Outcome {
    let fail = |errors: &[ImportError]| Outcome {
        lines: Vec::new(),
        errors: errors
            .iter()
            .take(MAX_ERRORS_SHOWN)
            .map(ToString::to_string)
            .collect(),
        more_errors: errors.len().saturating_sub(MAX_ERRORS_SHOWN),
    };
    let reading = match reading(kind, mapping, &[]) {
        Ok(r) => r,
        Err(e) => {
            return Outcome {
                lines: Vec::new(),
                errors: vec![e.to_string()],
                more_errors: 0,
            }
        }
    };
    let mut progress = Progress::quiet();
    let (prepared, errors) = prepare_all(kind, paths, &reading, &[], &mut progress, false);
    if !errors.is_empty() {
        return fail(&errors);
    }
    let mut said = Said::new(prepared.len() > 1, paths.len());
    for p in &prepared {
        match write(store, &p.parsed, dry_run, &mut progress) {
            Ok(Err(errors)) => return fail(&errors),
            Ok(Ok(summary)) => {
                said.file(summary, p.mapped.as_ref(), lang);
            }
            Err(e) => {
                return Outcome {
                    lines: Vec::new(),
                    errors: vec![format!("{e}")],
                    more_errors: 0,
                }
            }
        }
    }
    Outcome {
        lines: said.lines(lang),
        errors: Vec::new(),
        more_errors: 0,
    }
}

/// What an import says as its files are written: a line per file (with what its
/// mapping did), or, for many files without `--verbose`, one summary at the end.
pub struct Said {
    each: Vec<String>,
    totals: Option<Totals>,
}

impl Said {
    /// `summary`: one summary over `files` files instead of a line per file.
    pub fn new(summary: bool, files: usize) -> Said {
        Said {
            each: Vec::new(),
            totals: summary.then(|| Totals::new(files)),
        }
    }

    /// One file written (or previewed); returns its lines when they are said per file.
    pub fn file(
        &mut self,
        mut summary: ImportSummary,
        mapped: Option<&MappedReport>,
        lang: Lang,
    ) -> Vec<String> {
        if let Some(m) = mapped {
            summary.skipped += m.blank_or_header;
        }
        if let Some(t) = &mut self.totals {
            t.add(&summary, mapped);
            return Vec::new();
        }
        let mut lines = vec![describe(&summary, lang)];
        if let Some(m) = mapped {
            lines.extend(mapped_lines(m, lang));
        }
        self.each.extend(lines.iter().cloned());
        lines
    }

    /// Everything said: the lines of each file, or the summary.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match &self.totals {
            Some(t) => t.lines(lang),
            None => self.each.clone(),
        }
    }

    /// The summary's lines (nothing when each file was said as it was written).
    pub fn summary(&self, lang: Lang) -> Vec<String> {
        self.totals
            .as_ref()
            .map_or_else(Vec::new, |t| t.lines(lang))
    }
}

/// How to read files of `kind`: natively, through the mapping `arg` names (a built-in
/// or a file), or `auto`; `sets` are `--set FIELD=VALUE`s.
pub fn reading(kind: Kind, arg: Option<&str>, sets: &[(String, String)]) -> Result<Reading> {
    let mapping = match arg.map(str::trim) {
        None | Some("native") if sets.is_empty() => return Ok(Reading::Native),
        Some("auto") => return Ok(Reading::Auto),
        None | Some("native") => mapping::built_in("native").expect("the native built-in"),
        Some(name) => match mapping::load(name) {
            Ok(m) => m,
            Err(None) => {
                return Err(UsageError(format!(
                    "--mapping {name}: no built-in mapping of that name and no such file \
                     (built-ins: {}, auto; or give the path of a .toml mapping file)",
                    mapping::built_in_names()
                ))
                .into())
            }
            Err(Some(e)) => return Err(eyre!("{e}")),
        },
    };
    mapping.check_kind(kind).map_err(UsageError)?;
    if let Some(missing) = asks_missing(&mapping, sets) {
        return Err(UsageError(missing).into());
    }
    Ok(Reading::Mapped(Box::new(mapping)))
}

/// A field the mapping takes from `--set` that was not given: what to say.
fn asks_missing(m: &Mapping, sets: &[(String, String)]) -> Option<String> {
    m.fields.iter().find_map(|f| match &f.source {
        Source::Ask(hint) if !sets.iter().any(|(n, _)| *n == f.field) => Some(format!(
            "mapping {} needs --set {}=VALUE: {hint}",
            m.name, f.field
        )),
        _ => None,
    })
}

fn file_error(file: &str, message: String) -> Vec<ImportError> {
    vec![ImportError {
        file: file.to_string(),
        line: 0,
        column: None,
        message,
        value: None,
    }]
}

/// One file of an import, read.
struct Input {
    path: PathBuf,
    file: String,
    bytes: Vec<u8>,
}

/// How one file is read.
enum Way {
    Native,
    Mapped {
        mapping: Box<Mapping>,
        detected: Option<String>,
        role: Role,
    },
}

/// Reads and checks every file of one import, in the order given, before anything is
/// written: the files that can be written, and every error of the others (each names
/// its file). Files of a two-file export (a mapping's `[join]`) go together in either
/// order: the file of lines becomes one checked file that names both.
/// `check: false` leaves a native orders file to be checked while it is written.
/// With several files, `progress` shows one bar over them all.
pub fn prepare_all(
    kind: Kind,
    paths: &[PathBuf],
    reading: &Reading,
    sets: &[(String, String)],
    progress: &mut Progress,
    check: bool,
) -> (Vec<Prepared>, Vec<ImportError>) {
    let batch = paths.len() > 1;
    if batch {
        progress.start_batch(format!("reading {} files", paths.len()), paths.len());
    }
    let mut errors = Vec::new();
    let mut inputs: Vec<(Input, Way)> = Vec::new();
    for path in paths {
        let way = crate::import::table::read_file(path).and_then(|(file, bytes)| {
            let input = Input {
                path: path.clone(),
                file,
                bytes,
            };
            let way = way_of(kind, &input, reading, sets)?;
            Ok((input, way))
        });
        match way {
            Ok(x) => inputs.push(x),
            Err(e) => {
                errors.extend(e);
                progress.file_done();
            }
        }
    }
    let tables = join_tables(&inputs, &mut errors);
    let mut prepared = Vec::new();
    for (input, way) in &inputs {
        let result = match way {
            Way::Native => prepare_native(
                kind,
                input.file.clone(),
                input.bytes.clone(),
                progress,
                check,
            ),
            Way::Mapped {
                role: Role::Other, ..
            } => {
                progress.file_done();
                continue;
            }
            Way::Mapped {
                mapping,
                detected,
                role,
            } => {
                let table = match role {
                    Role::Lines => match tables.iter().find(|(m, _)| same(m, mapping)) {
                        Some((_, Some(t))) => Some(t),
                        // The other file is missing or was refused: said already.
                        _ => {
                            progress.file_done();
                            continue;
                        }
                    },
                    _ => None,
                };
                prepare_mapped(
                    kind,
                    input,
                    mapping,
                    detected.clone(),
                    table,
                    sets,
                    progress,
                )
            }
        };
        progress.file_done();
        match result {
            Ok(p) => prepared.push(p),
            Err(e) => errors.extend(e),
        }
    }
    if batch {
        progress.end_batch();
    }
    (prepared, errors)
}

/// Reads one file and checks it, as [`prepare_all`] does (the app's `i` with one file).
pub fn prepare(
    kind: Kind,
    path: &Path,
    reading: &Reading,
    sets: &[(String, String)],
    progress: &mut Progress,
    check: bool,
) -> Result<Prepared, Vec<ImportError>> {
    let (mut prepared, errors) =
        prepare_all(kind, &[path.to_path_buf()], reading, sets, progress, check);
    match prepared.pop() {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(errors),
    }
}

fn same(a: &Mapping, b: &Mapping) -> bool {
    a.name == b.name && a.origin == b.origin
}

/// How a file is read: natively, or through which mapping (picked from its header with
/// `auto`), and what the file is to that mapping.
fn way_of(
    kind: Kind,
    input: &Input,
    reading: &Reading,
    sets: &[(String, String)],
) -> Result<Way, Vec<ImportError>> {
    let file = &input.file;
    match reading {
        Reading::Native => Ok(Way::Native),
        Reading::Mapped(m) => {
            let role = match (&m.join, header_of(file, &input.bytes, m)) {
                (Some(_), Ok((_, header))) => classify(m, kind, sets, &header, false).role,
                // Unreadable: the translation says why.
                _ => Role::Whole,
            };
            Ok(Way::Mapped {
                mapping: m.clone(),
                detected: None,
                role,
            })
        }
        Reading::Auto => {
            let d = detect(file, &input.bytes, Some(kind)).map_err(|e| vec![e])?;
            let Some(c) = d.picked() else {
                return Err(file_error(
                    file,
                    format!(
                        "no built-in mapping fits this {kind} file (`skudesk import --detect {}` says why); \
                         write a mapping file and import with --mapping PATH",
                        input.path.display()
                    ),
                ));
            };
            if c.mapping.is_native() && sets.is_empty() {
                return Ok(Way::Native);
            }
            if let Some(missing) = asks_missing(&c.mapping, sets) {
                return Err(file_error(file, format!("detected: {missing}")));
            }
            Ok(Way::Mapped {
                mapping: Box::new(c.mapping.clone()),
                detected: Some(why_picked(c)),
                role: c.role,
            })
        }
    }
}

/// For each mapping with a `[join]` that a file of this import is read through: the
/// other files' table, or `None` when the pair is incomplete or the other file is bad
/// (the errors say so, naming each file).
fn join_tables(
    inputs: &[(Input, Way)],
    errors: &mut Vec<ImportError>,
) -> Vec<(Mapping, Option<JoinTable>)> {
    let mut tables: Vec<(Mapping, Option<JoinTable>)> = Vec::new();
    for (_, way) in inputs {
        let Way::Mapped { mapping, role, .. } = way else {
            continue;
        };
        if *role == Role::Whole || tables.iter().any(|(m, _)| same(m, mapping)) {
            continue;
        }
        let Some(j) = &mapping.join else { continue };
        let of = |want: Role| -> Vec<&Input> {
            inputs
                .iter()
                .filter(|(_, w)| {
                    matches!(w, Way::Mapped { mapping: m, role, .. } if *role == want && same(m, mapping))
                })
                .map(|(i, _)| i)
                .collect()
        };
        let (lines, others) = (of(Role::Lines), of(Role::Other));
        let kind = mapping.kind.map_or("orders", |k| k.as_str());
        let needs = |i: &Input, is: &str, give: &str, example: String| ImportError {
            file: i.file.clone(),
            line: 1,
            column: None,
            message: format!(
                "this is {is} of mapping {}: give {give} with it, in the same import \
                 (in either order): skudesk import {kind} {example} --mapping {}",
                mapping.name, mapping.name
            ),
            value: None,
        };
        let table = if others.is_empty() {
            errors.extend(
                lines
                    .iter()
                    .map(|i| needs(i, &j.this, &j.other, format!("{} OTHER_FILE", i.file))),
            );
            None
        } else if lines.is_empty() {
            errors.extend(
                others
                    .iter()
                    .map(|i| needs(i, &j.other, &j.this, format!("LINES_FILE {}", i.file))),
            );
            None
        } else {
            let files: Vec<(&str, &[u8])> = others
                .iter()
                .map(|i| (i.file.as_str(), i.bytes.as_slice()))
                .collect();
            match join::read(mapping, j, &files) {
                Ok(t) => Some(t),
                Err(e) => {
                    errors.extend(e);
                    None
                }
            }
        };
        tables.push((mapping.as_ref().clone(), table));
    }
    tables
}

/// Translates a file through its mapping (joined with its other file's table) and
/// checks the result as a native file.
fn prepare_mapped(
    kind: Kind,
    input: &Input,
    mapping: &Mapping,
    detected: Option<String>,
    join: Option<&JoinTable>,
    sets: &[(String, String)],
    progress: &mut Progress,
) -> Result<Prepared, Vec<ImportError>> {
    let (file, bytes) = (&input.file, &input.bytes);
    let req = Request {
        file,
        mapping,
        kind,
        sets,
        join,
    };
    progress.start(
        format!("reading {} through {}", sanitize(file), mapping.name),
        bytes,
    );
    let t = translate(&req, bytes, &mut |l| progress.row(l))?;
    progress.finish();
    let parsed = match kind {
        Kind::Products => {
            ParsedFile::Products(finish(&req, bytes, &t, native::products(file, &t.bytes))?)
        }
        Kind::Stock => ParsedFile::Stock(finish(&req, bytes, &t, native::stock(file, &t.bytes))?),
        Kind::Traffic => {
            ParsedFile::Traffic(finish(&req, bytes, &t, native::traffic(file, &t.bytes))?)
        }
        Kind::Orders => {
            progress.start(format!("checking {}", sanitize(file)), &t.bytes);
            let checked = native::orders_each(file, &t.bytes, |r| {
                progress.row(r.line);
                std::ops::ControlFlow::Continue(())
            });
            progress.finish();
            finish(&req, bytes, &t, checked)?;
            ParsedFile::Orders(file.clone(), Vec::new())
        }
    };
    let report = MappedReport {
        name: mapping.name.clone(),
        read_as: t.read_as,
        detected,
        blank_or_header: t.blank_or_header,
        skipped: t.skipped,
        notes: t.notes,
        refunds: t.refunds,
        joined: join.map(|j| (j.what.clone(), j.files.clone())),
    };
    let parsed = match parsed {
        ParsedFile::Orders(file, _) => ParsedFile::Orders(file, t.bytes),
        other => other,
    };
    Ok(Prepared {
        parsed,
        mapped: Some(report),
    })
}

fn prepare_native(
    kind: Kind,
    file: String,
    bytes: Vec<u8>,
    progress: &mut Progress,
    check: bool,
) -> Result<Prepared, Vec<ImportError>> {
    let bytes = encoding::native_utf16(&file, &bytes)
        .map_err(|e| vec![e])?
        .unwrap_or(bytes);
    let parsed = match kind {
        Kind::Products => ParsedFile::Products(native::products(&file, &bytes)?),
        Kind::Stock => ParsedFile::Stock(native::stock(&file, &bytes)?),
        Kind::Orders => {
            if check {
                progress.start(format!("checking {}", sanitize(&file)), &bytes);
                native::orders_each(&file, &bytes, |r| {
                    progress.row(r.line);
                    std::ops::ControlFlow::Continue(())
                })?;
                progress.finish();
            }
            ParsedFile::Orders(file, bytes)
        }
        Kind::Traffic => ParsedFile::Traffic(native::traffic(&file, &bytes)?),
    };
    Ok(Prepared {
        parsed,
        mapped: None,
    })
}

/// Why `--mapping auto` picked a built-in: the columns of its header it knows.
pub fn why_picked(c: &Candidate) -> String {
    format!(
        "detected {}: its columns {} are in the header",
        c.title(),
        c.matched.join(", ")
    )
}
