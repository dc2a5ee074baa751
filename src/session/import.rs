//! Importing a file: every file is read and checked (natively, or through a column
//! mapping) before the database is touched, then each is written in one transaction.
//! `skudesk import` (`commands::import`) and the app's `i` ([`import_one`]) both read,
//! check and write through here, so a preview and an import say the same.

use std::path::Path;

use color_eyre::eyre::{eyre, Result};

use super::UsageError;
use crate::domain::text::sanitize;
use crate::i18n::{Lang, Msg};
use crate::import::mapping::detect::{detect, Candidate};
use crate::import::mapping::rewrite::finish;
use crate::import::mapping::translate::{translate, Request, RuleCount};
use crate::import::mapping::{self, Mapping, Source};
use crate::import::{encoding, native, ImportError, Kind};
use crate::progress::Progress;
use crate::store::{DemoReplaced, ImportSummary, Store};

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

/// What a mapping did to a file, a line each (indented under the file's summary).
pub fn mapped_lines(m: &MappedReport, lang: Lang) -> Vec<String> {
    let mut lines = vec![lang.f(Msg::ImportThroughMapping, &[&sanitize(&m.name), &m.read_as])];
    if let Some(d) = &m.detected {
        lines.push(format!("  {}", sanitize(d)));
    }
    for n in &m.notes {
        lines.push(format!("  note: {}", sanitize(n)));
    }
    for r in m.skipped.iter().filter(|r| r.rows > 0) {
        lines.push(lang.f(
            Msg::ImportMappingSkipped,
            &[&r.rows, &sanitize(&r.reason), &r.first_line],
        ));
    }
    lines
}

/// What one file's import did or would do, for the app's import popup: the summary
/// lines, or the errors (then nothing was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub lines: Vec<String>,
    pub errors: Vec<String>,
    /// Errors past the ones listed.
    pub more_errors: usize,
    /// The import replaces (or replaced) the demo data: it cannot be undone.
    pub replaces_demo: bool,
    /// Where the copy of the demo database went before it was replaced.
    pub demo_copy: Option<String>,
}

/// Imports one file as `skudesk import KIND FILE [--mapping M] [--dry-run]` does, into
/// an open store, without printing: the app's `i`. A dry run writes nothing.
pub fn import_one(
    store: &mut Store,
    kind: Kind,
    path: &Path,
    mapping: Option<&str>,
    dry_run: bool,
    lang: Lang,
) -> Outcome {
    let fail = |errors: Vec<String>, more_errors: usize| Outcome {
        lines: Vec::new(),
        errors,
        more_errors,
        replaces_demo: false,
        demo_copy: None,
    };
    let reading = match reading(kind, mapping, &[]) {
        Ok(r) => r,
        Err(e) => return fail(vec![e.to_string()], 0),
    };
    let mut progress = Progress::quiet();
    let p = match prepare(kind, path, &reading, &[], &mut progress, false) {
        Ok(p) => p,
        Err(errors) => {
            let more = errors.len().saturating_sub(MAX_ERRORS_SHOWN);
            let shown = errors.iter().take(MAX_ERRORS_SHOWN);
            return fail(shown.map(ToString::to_string).collect(), more);
        }
    };
    match write(store, &p.parsed, dry_run, &mut progress) {
        Ok(Err(errors)) => {
            let more = errors.len().saturating_sub(MAX_ERRORS_SHOWN);
            let shown = errors.iter().take(MAX_ERRORS_SHOWN);
            fail(shown.map(ToString::to_string).collect(), more)
        }
        Ok(Ok(mut summary)) => {
            if let Some(m) = &p.mapped {
                summary.skipped += m.blank_or_header;
            }
            let mut lines = vec![describe(&summary, lang)];
            if let Some(m) = &p.mapped {
                lines.extend(mapped_lines(m, lang));
            }
            if let Some(d) = &summary.demo {
                lines.extend(demo_lines(d, summary.dry_run, lang));
            }
            Outcome {
                lines,
                errors: Vec::new(),
                more_errors: 0,
                replaces_demo: summary.replaced_demo,
                demo_copy: summary.demo.as_ref().and_then(|d| d.copy.clone()),
            }
        }
        Err(e) => fail(vec![format!("{e}")], 0),
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

/// Reads a file and checks it; `check: false` leaves a native orders file to be checked
/// while it is written.
pub fn prepare(
    kind: Kind,
    path: &Path,
    reading: &Reading,
    sets: &[(String, String)],
    progress: &mut Progress,
    check: bool,
) -> Result<Prepared, Vec<ImportError>> {
    let (file, bytes) = crate::import::table::read_file(path)?;
    let (mapping, detected) = match reading {
        Reading::Native => return prepare_native(kind, file, bytes, progress, check),
        Reading::Mapped(m) => (m.as_ref().clone(), None),
        Reading::Auto => {
            let d = detect(&file, &bytes, Some(kind)).map_err(|e| vec![e])?;
            let Some(c) = d.picked() else {
                return Err(file_error(
                    &file,
                    format!(
                        "no built-in mapping fits this {kind} file (`skudesk import --detect {}` says why); \
                         write a mapping file and import with --mapping PATH",
                        path.display()
                    ),
                ));
            };
            if c.mapping.is_native() && sets.is_empty() {
                return prepare_native(kind, file, bytes, progress, check);
            }
            if let Some(missing) = asks_missing(&c.mapping, sets) {
                return Err(file_error(&file, format!("detected: {missing}")));
            }
            (c.mapping.clone(), Some(why_picked(c)))
        }
    };
    let req = Request {
        file: &file,
        mapping: &mapping,
        kind,
        sets,
    };
    progress.start(
        format!("reading {} through {}", sanitize(&file), mapping.name),
        &bytes,
    );
    let t = translate(&req, &bytes, &mut |l| progress.row(l))?;
    progress.finish();
    let parsed = match kind {
        Kind::Products => {
            ParsedFile::Products(finish(&req, &bytes, &t, native::products(&file, &t.bytes))?)
        }
        Kind::Stock => ParsedFile::Stock(finish(&req, &bytes, &t, native::stock(&file, &t.bytes))?),
        Kind::Traffic => {
            ParsedFile::Traffic(finish(&req, &bytes, &t, native::traffic(&file, &t.bytes))?)
        }
        Kind::Orders => {
            progress.start(format!("checking {}", sanitize(&file)), &t.bytes);
            let checked = native::orders_each(&file, &t.bytes, |r| {
                progress.row(r.line);
                std::ops::ControlFlow::Continue(())
            });
            progress.finish();
            finish(&req, &bytes, &t, checked)?;
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

/// One line per file: what was added, changed, left as it was, and skipped.
pub fn describe(s: &ImportSummary, lang: Lang) -> String {
    let unit = lang.t(match s.kind {
        Some(Kind::Products) => Msg::ImportUnitProducts,
        Some(Kind::Stock) => Msg::ImportUnitLots,
        Some(Kind::Orders) => Msg::ImportUnitLines,
        Some(Kind::Traffic) => Msg::ImportUnitTraffic,
        None => Msg::ImportUnitRows,
    });
    let summary = if s.dry_run {
        Msg::ImportSummaryWould
    } else {
        Msg::ImportSummaryWere
    };
    let mut line = lang.f(
        summary,
        &[
            &sanitize(&s.file),
            &s.rows,
            &unit,
            &s.added,
            &s.changed,
            &s.unchanged,
        ],
    );
    if s.skipped > 0 {
        line.push_str(&lang.f(Msg::ImportSkippedBlank, &[&s.skipped]));
    }
    if s.created_products > 0 {
        line.push_str(&lang.f(Msg::ImportCreatedProducts, &[&s.created_products]));
    }
    if s.unknown_skus > 0 {
        line.push_str(&lang.f(Msg::ImportUnknownSkus, &[&s.unknown_skus]));
    }
    if s.replaced_demo && s.dry_run {
        line.push_str(lang.t(Msg::ImportDemoWouldGo));
    } else if s.replaced_demo {
        line.push_str(lang.t(Msg::ImportDemoGone));
    }
    line
}

/// What replacing the demo data does (a preview: `dry_run`) or did: that the demo's
/// data goes and cannot come back by undo (a copy of the database is kept first), what
/// of the seller's own work is kept, and what of it goes with the demo.
pub fn demo_lines(d: &DemoReplaced, dry_run: bool, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    match (&d.copy, dry_run) {
        (Some(place), true) => lines.push(lang.f(Msg::ImportDemoGoes, &[&sanitize(place)])),
        (None, true) => lines.push(lang.t(Msg::ImportDemoGoesNoCopy).to_string()),
        (Some(copy), false) => lines.push(lang.f(Msg::ImportDemoCopyAt, &[&sanitize(copy)])),
        (None, false) => {}
    }
    let sep = if lang.is_en() { ", " } else { "、" };
    // A few names of each, then how many more.
    let names = |all: &[String]| {
        let mut shown: Vec<String> = all.iter().take(5).map(|n| quoted(n)).collect();
        if all.len() > 5 {
            shown.push("…".into());
        }
        shown.join(sep)
    };
    let mut kept = Vec::new();
    for (all, msg) in [
        (&d.plans, Msg::ImportKeptPlans),
        (&d.candidates, Msg::ImportKeptCandidates),
        (&d.batches, Msg::ImportKeptBatches),
    ] {
        if !all.is_empty() {
            kept.push(lang.f(msg, &[&all.len(), &names(all)]));
        }
    }
    kept.push(lang.t(Msg::ImportKeptAlways).to_string());
    let list = kept.join(if lang.is_en() { "; " } else { "；" });
    lines.push(lang.f(Msg::ImportDemoKept, &[&list]));
    for b in &d.batches_gone {
        lines.push(lang.f(Msg::ImportDemoBatchGoes, &[&sanitize(b)]));
    }
    for p in &d.plans_unlinked {
        lines.push(lang.f(Msg::ImportDemoPlanUnlinked, &[&sanitize(p)]));
    }
    for (c, sku) in &d.unpromoted {
        lines.push(lang.f(Msg::ImportDemoUnpromoted, &[&sanitize(c), &sanitize(sku)]));
    }
    lines
}

/// A name in quotes, as a list of them says it: `"Oct hats"`.
fn quoted(name: &str) -> String {
    format!("\"{}\"", sanitize(name))
}

/// Why `--mapping auto` picked a built-in: the columns of its header it knows.
pub fn why_picked(c: &Candidate) -> String {
    format!(
        "detected {}: its columns {} are in the header",
        c.title(),
        c.matched.join(", ")
    )
}
