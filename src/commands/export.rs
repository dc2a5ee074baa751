//! `skudesk export`: the full review or one tab's table, as CSV or Markdown (JSON for
//! the review), to stdout or to a file written whole or not at all.
//!
//! Owns the wiring (the arguments are `cli::export`'s): open the database read-only in
//! spirit (nothing here writes it), compute the review, pick the rows through the same
//! code the app uses (`domain::aging_view`, `domain::mix_view`) and hand them to the
//! writers in `export`. Rendering lives in `export`; nothing is formatted here.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use color_eyre::eyre::Result;

use super::{Out, UsageError};
use crate::cli::export::{ExportCommand, Output, ViewCommand, ViewFormat};
use crate::cli::ReportFormat;
use crate::domain::plan::{all_progress, year_earlier_for_plans};
use crate::domain::scoring::{by_score, score};
use crate::export::destination::is_descriptor_alias;
use crate::export::file::{check_destination, write_export};
use crate::export::tables;
use crate::export::view::{self, ViewTable};
use crate::export::{csv_io, csv_table, markdown};
use crate::i18n::{Lang, Msg};
use crate::session::{db_choice, lang_of, load_and_review, open_store, Options, Reviewed};

/// The format named by a file's extension, if it names one of `T`'s.
fn format_of<T: ValueEnum>(out: &Output) -> Option<T> {
    let ext = out
        .output
        .as_deref()?
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    let ext = if ext == "markdown" { "md".into() } else { ext };
    T::from_str(&ext, true).ok()
}

/// Sends what `write` produces to stdout or, with `-o FILE`, to FILE (atomically).
/// Returns the file written, if any: not for `-o /dev/stdout` and the like, where a
/// "wrote …" line would land in the output itself.
/// `open_db` is the database the command has open, which is never written over.
fn deliver(
    out: &Output,
    open_db: &Path,
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Option<PathBuf>> {
    match out.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            write_export(path, Some(open_db), out.bom, write).map_err(|e| e.in_lang(lang))?;
            Ok((!is_descriptor_alias(path)).then(|| path.to_path_buf()))
        }
        _ => {
            let mut stdout = Out::new();
            stdout.write_with(|w| {
                if out.bom {
                    w.write_all(crate::export::file::BOM)?;
                }
                write(w)
            });
            stdout.finish()?;
            Ok(None)
        }
    }
}

/// Writes a view table in `format`.
pub fn write_view(t: &ViewTable, format: ViewFormat, w: &mut dyn Write) -> io::Result<()> {
    match format {
        ViewFormat::Csv => view::write_csv(t, w),
        ViewFormat::Md => w.write_all(view::markdown(t).as_bytes()),
    }
}

pub fn run(
    global: &Options,
    layers: &crate::config::layers::Layers,
    money: &crate::domain::money::MoneyFormat,
    cmd: ExportCommand,
) -> Result<ExitCode> {
    let lang = lang_of(global);
    let choice = db_choice(global)?;
    let db = choice.path.clone();
    // A destination that will be refused (the database itself, a folder…) is refused
    // before any work; the writer checks again when it writes.
    if let Some(path) = cmd
        .output()
        .output
        .as_deref()
        .filter(|p| *p != Path::new("-"))
    {
        check_destination(path, Some(&db)).map_err(|e| e.in_lang(lang))?;
    }
    let mut store = open_store(&choice, false)?;
    let Reviewed {
        ds,
        settings,
        review: r,
    } = load_and_review(&mut store, layers, global)?;
    let settings = &settings;
    match cmd {
        ExportCommand::Report { format, out } => {
            let format = format
                .or_else(|| format_of(&out))
                .unwrap_or(ReportFormat::Md);
            if format == ReportFormat::Json && out.bom {
                return Err(UsageError(lang.t(Msg::BomNotForJson).into()).into());
            }
            let written = deliver(&out, &db, lang, |w| match format {
                ReportFormat::Md => {
                    let trend = crate::domain::over_time::TrendSpec::monthly(
                        layers.config.display.week_start,
                    );
                    let text = markdown::render_over_time(&ds, &r, settings, money, lang, trend);
                    w.write_all(text.as_bytes())
                }
                ReportFormat::Csv => csv_table::write(&ds, &r, settings, w).map_err(csv_io),
                ReportFormat::Json => {
                    let report = crate::domain::report::json_report(&ds, &r, settings);
                    crate::export::json::write_pretty(&mut *w, &report)?;
                    writeln!(w)
                }
            })?;
            if let Some(path) = written {
                let mut said = Out::new();
                said.line(lang.f(Msg::WroteReview, &[&path.display()]));
                said.finish()?;
            }
        }
        ExportCommand::View(view) => {
            let (table, out) = match view {
                ViewCommand::Aging { query, out } => {
                    let q = query.query();
                    let rows = q.rows_from_scratch(&ds, &r);
                    (tables::aging(&ds, &r, settings, &q, &rows), out)
                }
                ViewCommand::Mix { by, out } => {
                    let by = by.breakdown();
                    let groups = crate::domain::mix_view::breakdown(&ds, &r, by);
                    (tables::mix(&r, by, &groups), out)
                }
                ViewCommand::Scoring { out } => {
                    let cards: Vec<_> = ds.candidates.iter().map(|c| score(c, settings)).collect();
                    (tables::scoring(&ds, &r, &cards, &by_score(&cards)), out)
                }
                ViewCommand::Plans { out } => {
                    let year_earlier = year_earlier_for_plans(&ds, &r, settings);
                    let (_, plans) = all_progress(&ds, &r, year_earlier.as_ref());
                    (tables::plans(&ds, &r, &plans), out)
                }
                ViewCommand::Batches { out } => {
                    let (batches, _) = all_progress(&ds, &r, None);
                    (tables::batches(&ds, &r, &batches), out)
                }
                ViewCommand::Reorder { out } => {
                    (crate::export::purchase::purchase_list(&ds, &r), out)
                }
            };
            let format = out
                .format
                .or_else(|| format_of(&out.out))
                .unwrap_or(ViewFormat::Csv);
            finish(&table, format, &out.out, &db, lang)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn finish(
    table: &ViewTable,
    format: ViewFormat,
    out: &Output,
    open_db: &Path,
    lang: Lang,
) -> Result<()> {
    if table.rows.is_empty() {
        super::out::warn(lang.t(Msg::NoRowsMatch));
    }
    if let Some(path) = deliver(out, open_db, lang, |w| write_view(table, format, w))? {
        let mut said = Out::new();
        said.line(lang.f(
            Msg::WroteRows,
            &[&table.rows.len(), &table.tab, &path.display()],
        ));
        said.finish()?;
    }
    Ok(())
}
