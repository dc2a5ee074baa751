//! `skudesk export`: the full review or one tab's table, as CSV or Markdown (JSON for
//! the review), to stdout or to a file written whole or not at all.
//!
//! Owns the arguments (clap) and the wiring: open the database read-only in spirit
//! (nothing here writes it), compute the review, pick the rows through the same code
//! the app uses (`domain::aging_view`, `domain::mix_view`) and hand them to the writers
//! in `export`. Rendering lives in `export`; nothing is formatted here.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand, ValueEnum};
use color_eyre::eyre::Result;

use crate::cli::{GlobalArgs, ReportFormat};
use crate::commands::{db_choice, frame_for, lang_of, open_store, Out, UsageError};
use crate::domain::aging_view::{AgingQuery, Column, Filter};
use crate::domain::metrics::review;
use crate::domain::plan::all_progress;
use crate::domain::scoring::{by_score, score};
use crate::domain::settings::Settings;
use crate::export::destination::is_descriptor_alias;
use crate::export::file::{check_destination, write_export};
use crate::export::tables;
use crate::export::view::{self, ViewTable};
use crate::export::{csv_io, csv_table, markdown};
use crate::i18n::{Lang, Msg};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The full review, as `skudesk report` prints it, to stdout or a file
    #[command(
        after_help = "The format is --format, else the extension of -o (.csv, .md, .json), else Markdown.\n\n\
Examples:\n  skudesk export report -o review.md\n  \
skudesk export report --format csv --bom -o skus.csv      per-SKU table for Excel\n  \
skudesk export report --format json --as-of 2025-09-30 > review.json"
    )]
    Report {
        /// Output format [default: from -o's extension, else md]
        #[arg(long, short, value_enum)]
        format: Option<ReportFormat>,
        #[command(flatten)]
        out: Output,
    },
    /// A tab's table as the app shows it: same rows, order and columns, full precision
    #[command(
        subcommand,
        after_help = "Examples:\n  skudesk export view aging -o aging.csv\n  \
skudesk export view mix --format md\n  skudesk export view plans --as-of 2025-11-11"
    )]
    View(ViewCommand),
}

#[derive(Debug, Subcommand)]
pub enum ViewCommand {
    /// The inventory-aging table, filtered, searched and sorted as in the app
    #[command(
        after_help = "Without options the table is as the app opens it: every SKU with stock, sales or a\n\
missing cost, most capital tied up first. --order defaults to the app's: numbers largest\n\
first, text A to Z. An empty \"Last sale\" means never sold; a Cover of \"inf\" means no\n\
sales in the velocity window.\n\n\
Examples:\n  skudesk export view aging -o aging.csv\n  \
skudesk export view aging --filter slow --sort last-sale -o slow.csv --bom\n  \
skudesk export view aging --filter low --search hat --sort name --order desc --format md\n  \
skudesk export view aging --category hats --as-of 2025-09-30 > hats.csv"
    )]
    Aging {
        #[command(flatten)]
        query: AgingArgs,
        #[command(flatten)]
        out: ViewOutput,
    },
    /// The product-mix table: the four tiers, then categories by revenue
    #[command(
        after_help = "Share, Margin and High/Mid/Low are ratios (0.25 = 25 %), money has two decimals.\n\n\
Examples:\n  skudesk export view mix -o mix.csv\n  skudesk export view mix --format md --window 30"
    )]
    Mix {
        #[command(flatten)]
        out: ViewOutput,
    },
    /// The new-product candidates, best score first, with gates and verdict
    #[command(after_help = "Example:\n  skudesk export view scoring -o candidates.csv")]
    Scoring {
        #[command(flatten)]
        out: ViewOutput,
    },
    /// The action plans with their target and progress computed from the data
    #[command(
        after_help = "Progress and Now are computed at the as-of date (Now: the metric's value; ratios as\n\
fractions). Status says OVERDUE or behind as the app does.\n\n\
Example:\n  skudesk export view plans --as-of 2025-11-11 --format md"
    )]
    Plans {
        #[command(flatten)]
        out: ViewOutput,
    },
    /// The clearance batches with cash recovered and units cleared so far
    #[command(after_help = "Example:\n  skudesk export view batches -o batches.csv")]
    Batches {
        #[command(flatten)]
        out: ViewOutput,
    },
}

impl ExportCommand {
    /// Where the command's output goes.
    fn output(&self) -> &Output {
        match self {
            ExportCommand::Report { out, .. } => out,
            ExportCommand::View(
                ViewCommand::Aging { out, .. }
                | ViewCommand::Mix { out }
                | ViewCommand::Scoring { out }
                | ViewCommand::Plans { out }
                | ViewCommand::Batches { out },
            ) => &out.out,
        }
    }
}

/// Format and destination of a view table.
#[derive(Debug, Args)]
pub struct ViewOutput {
    /// Output format [default: from -o's extension, else csv]
    #[arg(long, short, value_enum)]
    pub format: Option<ViewFormat>,
    #[command(flatten)]
    pub out: Output,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Order {
    Asc,
    Desc,
}

/// Where the output goes.
#[derive(Debug, Args)]
pub struct Output {
    /// Write to FILE instead of stdout (whole or not at all: an error leaves FILE as it was)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Start with a UTF-8 byte order mark, so Excel reads the names as UTF-8
    #[arg(long)]
    pub bom: bool,
}

/// The aging tab's filter, category, search and sort.
#[derive(Debug, Args)]
pub struct AgingArgs {
    /// Rows to keep, as the app's `f` key
    #[arg(long, default_value = "all", value_parser = filter_parser())]
    pub filter: Filter,
    /// Only this category ("(none)" or "" for SKUs without one), as a drill-down from the mix tab
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Keep SKUs whose code or name contains TEXT (any case), as the app's `/`
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Column to sort by
    #[arg(long, default_value = "capital", value_parser = column_parser())]
    pub sort: Column,
    /// Sort direction [default: desc for numbers, asc for sku, name, category, tier]
    #[arg(long, value_enum)]
    pub order: Option<Order>,
}

fn filter_parser() -> impl TypedValueParser<Value = Filter> {
    let names: Vec<&'static str> = Filter::CYCLE.iter().map(|f| f.name()).collect();
    PossibleValuesParser::new(names).map(|s| s.parse::<Filter>().unwrap_or_default())
}

fn column_parser() -> impl TypedValueParser<Value = Column> {
    let names: Vec<&'static str> = Column::ALL.iter().map(|c| c.name()).collect();
    PossibleValuesParser::new(names).map(|s| s.parse::<Column>().unwrap_or(Column::Capital))
}

impl AgingArgs {
    pub fn query(&self) -> AgingQuery {
        AgingQuery {
            filter: self.filter,
            category: self.category.as_ref().map(|c| match c.trim() {
                "(none)" => String::new(),
                _ => c.clone(),
            }),
            search: self.search.clone().unwrap_or_default(),
            sort: Some(self.sort),
            descending: match self.order {
                Some(o) => o == Order::Desc,
                None => self.sort.descending_by_default(),
            },
        }
    }
}

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
    global: &GlobalArgs,
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
    let store = open_store(&choice, false)?;
    let settings: &Settings = &crate::commands::settings_for(layers, &store)?;
    let ds = store.load()?;
    let r = review(&ds, frame_for(&ds, global, settings), settings);
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
                    w.write_all(markdown::render_with(&ds, &r, settings, money, lang).as_bytes())
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
                ViewCommand::Mix { out } => {
                    let categories = crate::domain::mix_view::categories(&ds, &r);
                    (tables::mix(&r, &categories), out)
                }
                ViewCommand::Scoring { out } => {
                    let cards: Vec<_> = ds.candidates.iter().map(|c| score(c, settings)).collect();
                    (tables::scoring(&ds, &r, &cards, &by_score(&cards)), out)
                }
                ViewCommand::Plans { out } => {
                    let (_, plans) = all_progress(&ds, &r);
                    (tables::plans(&ds, &r, &plans), out)
                }
                ViewCommand::Batches { out } => {
                    let (batches, _) = all_progress(&ds, &r);
                    (tables::batches(&ds, &r, &batches), out)
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
        crate::commands::out::warn(lang.t(Msg::NoRowsMatch));
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
