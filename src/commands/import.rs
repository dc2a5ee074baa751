//! `skudesk import`: the files are read, checked and written through
//! [`crate::session::import`] (as the app's `i` is); here are the arguments, the
//! printing and the exit codes. `skudesk import --detect FILE` is [`super::detect`].

use std::io::Write;
use std::process::ExitCode;
use std::str::FromStr;

use color_eyre::eyre::{Result, WrapErr};

use super::out::warn;
use super::{Out, Reported, UsageError};
use crate::cli::ImportArgs;
use crate::domain::dates::parse_date_or_datetime;
use crate::domain::money::Money;
use crate::i18n::Msg;
use crate::import::{mapping, native, ImportError, Kind};
use crate::progress::Progress;
use crate::session::import::{prepare_all, reading, write, Said, MAX_ERRORS_SHOWN};
use crate::session::{db_choice, open_store, Options};
use crate::store::Store;

pub fn run(global: &Options, args: ImportArgs) -> Result<ExitCode> {
    let lang = crate::session::lang_of(global);
    if let Some(path) = &args.detect {
        return super::detect::run(path, args.kind);
    }
    let (Some(kind), false) = (args.kind, args.files.is_empty()) else {
        return Err(UsageError("import needs a KIND and at least one FILE".into()).into());
    };
    let sets = parse_sets(kind, &args.sets)?;
    let reading = reading(kind, args.mapping.as_deref(), &sets)?;
    let mut progress = Progress::from_env();
    // One native orders file going into an existing database is checked while it is
    // written (a bad value rolls it all back): reading it twice would double the parsing
    // of the largest import. With several files each is checked first, so none is
    // written when any is bad; and a bad file never creates a database.
    let choice = db_choice(global)?;
    let check = args.files.len() > 1 || !choice.path.exists();
    let (prepared, errors) = prepare_all(kind, &args.files, &reading, &sets, &mut progress, check);
    if !errors.is_empty() && !args.dry_run {
        print_errors(
            &errors,
            "nothing was imported and the database is unchanged.",
        )?;
        return Err(Reported(String::new()).into());
    }
    let mut store = if args.dry_run && !choice.path.exists() {
        // A dry run must not create the file: preview against what it would start as.
        let mut store = Store::open_in_memory()?;
        if choice.is_default {
            crate::demo::fill(&mut store).wrap_err("could not build the demo database")?;
        }
        store
    } else {
        open_store(&choice, true)?
    };
    let mut out = Out::new();
    // Many files: one summary at the end, unless each file is asked for (the two files
    // of a two-file export are written as one).
    let mut said = Said::new(prepared.len() > 1 && !args.verbose, args.files.len());
    let batch = prepared.len() > 1;
    if batch {
        progress.start_batch(
            format!("importing {} files", prepared.len()),
            prepared.len(),
        );
    }
    for p in prepared {
        let summary = match write(&mut store, &p.parsed, args.dry_run, &mut progress)? {
            Ok(summary) => summary,
            Err(errors) => {
                let closing = if args.dry_run {
                    "a real import would stop here and write nothing; fix these first."
                } else {
                    "nothing was imported and the database is unchanged."
                };
                print_errors(&errors, closing)?;
                return Err(Reported(String::new()).into());
            }
        };
        progress.file_done();
        for line in said.file(summary, p.mapped.as_ref(), lang) {
            out.line(line);
        }
    }
    if batch {
        progress.end_batch();
    }
    for line in said.summary(lang) {
        out.line(line);
    }
    if !args.dry_run {
        // The files are in (committed): a copy of the order lines for a fast open. Not
        // having one only makes the next open slower, so a failure here is a warning.
        if let Err(e) = store.refresh_line_copy() {
            warn(&format!("warning: the import is saved, but the copy of the order lines for a fast open could not be written: {e}"));
        }
        out.finish_committed(|e| lang.f(Msg::ImportSavedNotSaid, &[e]))?;
    } else {
        out.line(format_args!(
            "dry run: nothing was written to {}",
            choice.path.display()
        ));
        let said = out.finish();
        if !errors.is_empty() {
            print_errors(
                &errors,
                "a real import would stop here and write nothing; fix these first.",
            )?;
            return Err(Reported(String::new()).into());
        }
        said?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn print_errors(errors: &[ImportError], closing: &str) -> Result<()> {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for e in errors.iter().take(MAX_ERRORS_SHOWN) {
        writeln!(err, "{e}")?;
    }
    if errors.len() > MAX_ERRORS_SHOWN {
        writeln!(err, "… and {} more errors", errors.len() - MAX_ERRORS_SHOWN)?;
    }
    writeln!(err, "{} error(s); {closing}", errors.len())?;
    Ok(())
}

/// `--set FIELD=VALUE`, each a field of `kind` with a value the native reader accepts.
fn parse_sets(kind: Kind, sets: &[String]) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for s in sets {
        let Some((field, value)) = s.split_once('=') else {
            return Err(UsageError(format!(
                "--set {s:?}: expected FIELD=VALUE, e.g. --set received_on=2025-09-30"
            ))
            .into());
        };
        let (field, value) = (field.trim(), value.trim());
        if !kind.fields().iter().any(|f| f.name == field) {
            return Err(UsageError(format!(
                "--set {field}: not a field of {kind} files (they are: {})",
                mapping::field_names(kind)
            ))
            .into());
        }
        if out.iter().any(|(f, _)| f == field) {
            return Err(UsageError(format!("--set {field} is given twice")).into());
        }
        let ok = match field {
            "launched_on" | "received_on" | "ordered_at" | "date" => {
                parse_date_or_datetime(value).is_some()
            }
            "unit_cost" | "list_price" | "unit_price" | "discount" => {
                Money::from_str(value).is_ok()
            }
            "qty" | "visitors" | "line_no" => native::parse_int(value).is_some(),
            _ => true,
        };
        if !ok {
            return Err(UsageError(format!(
                "--set {field}={value:?}: not a valid {field} (dates are YYYY-MM-DD)"
            ))
            .into());
        }
        out.push((field.to_string(), value.to_string()));
    }
    Ok(out)
}
