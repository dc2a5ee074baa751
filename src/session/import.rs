//! Importing files: every file is read and checked (natively, or through a column
//! mapping: [`prepare_all`], in `session::prepare`) before the database is touched, then
//! each is written in one transaction. `skudesk import` (`commands::import`) and the
//! app's `i` ([`import_one`]) both read, check and write through here, and say what was
//! done through `session::summary`, so a preview and an import say the same.

use std::path::PathBuf;

use color_eyre::eyre::{eyre, Result};

use super::UsageError;
use crate::domain::text::sanitize;
use crate::i18n::Lang;
use crate::import::mapping::detect::Candidate;
use crate::import::mapping::refund::RefundTally;
use crate::import::mapping::translate::RuleCount;
use crate::import::mapping::{self, Mapping, Source};
use crate::import::{native, ImportError, Kind};
use crate::progress::Progress;
use crate::store::{ImportSummary, Store};

pub use super::prepare::prepare_all;
pub use super::summary::Said;

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
pub(super) fn asks_missing(m: &Mapping, sets: &[(String, String)]) -> Option<String> {
    m.fields.iter().find_map(|f| match &f.source {
        Source::Ask(hint) if !sets.iter().any(|(n, _)| *n == f.field) => Some(format!(
            "mapping {} needs --set {}=VALUE: {hint}",
            m.name, f.field
        )),
        _ => None,
    })
}

pub(super) fn file_error(file: &str, message: String) -> Vec<ImportError> {
    vec![ImportError {
        file: file.to_string(),
        line: 0,
        column: None,
        message,
        value: None,
    }]
}

/// Why `--mapping auto` picked a built-in: the columns of its header it knows.
pub fn why_picked(c: &Candidate) -> String {
    format!(
        "detected {}: its columns {} are in the header",
        c.title(),
        c.matched.join(", ")
    )
}
