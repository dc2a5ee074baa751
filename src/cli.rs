//! The command line: clap definitions, validated into typed options.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::import::Kind;

#[derive(Debug, Parser)]
#[command(
    name = "skudesk",
    version,
    about = "Review a shop's product mix, stock aging, clearance and plans from one SQLite file",
    long_about = "skudesk reads a local SQLite database of products, stock lots, order lines and traffic \
and answers the questions of a product-mix review: which SKUs earn, which tie up cash, what to clear, \
what to launch, and whether the plan is on track.\n\nWith no subcommand it opens the terminal app. \
Without --db (or SKUDESK_DB) it uses the default database in the platform data directory, \
created from the built-in demo data the first time.",
    after_help = "Examples:\n  skudesk                                   open the app on the default (demo) database\n  \
skudesk --db shop.db import products products.csv\n  \
skudesk --db shop.db import orders orders-2025-*.csv --dry-run\n  \
skudesk report --format json --as-of 2025-09-30 --window 90"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// The database file [default: the platform data dir, e.g. ~/.local/share/skudesk/skudesk.db]
    #[arg(long, global = true, env = "SKUDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Settings file [default: the platform config dir, e.g. ~/.config/skudesk/config.toml]
    #[arg(long, global = true, env = "SKUDESK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Compute figures as of the end of this day [default: the latest order or stock date]
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// Analysis window W in days [default: 90]
    #[arg(long, global = true, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub window: Option<u32>,
    /// Velocity window V in days [default: 30]
    #[arg(long, global = true, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub velocity: Option<u32>,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    crate::domain::dates::parse_date(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import CSV files in skudesk's native layout (one transaction per file)
    #[command(
        after_help = "Each file is all-or-nothing: any bad value is reported as FILE:LINE: column NAME: problem,\n\
and nothing from that file is written. Re-importing the same file changes nothing.\n\n\
Examples:\n  skudesk import products products.csv\n  skudesk import orders jan.csv feb.csv --dry-run"
    )]
    Import {
        /// What the files hold
        kind: Kind,
        /// One or more CSV files
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Show what would be added, changed and skipped, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the review without opening the app
    #[command(
        after_help = "Examples:\n  skudesk report                     Markdown review\n  \
skudesk report --format json       every figure, for scripts (see METRICS.md)\n  \
skudesk report --format csv > skus.csv"
    )]
    Report {
        /// Output format
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Open the terminal app (the default when no subcommand is given)
    Tui,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Md,
    Csv,
}
