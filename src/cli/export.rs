//! `skudesk export`'s arguments (clap): the full review or one tab's table, as CSV or
//! Markdown (JSON for the review), to stdout or to a file. What the command does with
//! them is `commands::export`'s.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand, ValueEnum};

use super::ReportFormat;
use crate::domain::aging_view::{AgingQuery, Column, Filter};
use crate::domain::mix_view::Breakdown;

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
    /// The product-mix table: the four tiers, then categories (or brands) by revenue
    #[command(
        after_help = "Share, Margin and High/Mid/Low are ratios (0.25 = 25 %), money has two decimals.\n\n\
Examples:\n  skudesk export view mix -o mix.csv\n  skudesk export view mix --format md --window 30\n  \
skudesk export view mix --by brand"
    )]
    Mix {
        /// Break the tiers down by category or by brand, as the app's `b` key
        #[arg(long, value_enum, default_value = "category")]
        by: MixBy,
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
    /// The purchase list: every SKU to reorder now, by brand with subtotals
    #[command(
        after_help = "A SKU is on it when its on hand is at or below velocity × (lead time + safety days);\n\
its order is velocity × (lead time + review period + safety days) − on hand, rounded up\n\
(METRICS.md \"Next steps per SKU\"). Lead time: the product's lead_time_days, else the\n\
setting.\n\n\
Example:\n  skudesk export view reorder -o purchase.csv --bom"
    )]
    Reorder {
        #[command(flatten)]
        out: ViewOutput,
    },
}

impl ExportCommand {
    /// Where the command's output goes.
    pub fn output(&self) -> &Output {
        match self {
            ExportCommand::Report { out, .. } => out,
            ExportCommand::View(
                ViewCommand::Aging { out, .. }
                | ViewCommand::Mix { out, .. }
                | ViewCommand::Scoring { out }
                | ViewCommand::Plans { out }
                | ViewCommand::Batches { out }
                | ViewCommand::Reorder { out },
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

/// What the mix table's rows below the tiers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MixBy {
    Category,
    Brand,
}

impl MixBy {
    pub fn breakdown(self) -> Breakdown {
        match self {
            MixBy::Category => Breakdown::Category,
            MixBy::Brand => Breakdown::Brand,
        }
    }
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

/// The aging tab's filter, category, brand, search and sort.
#[derive(Debug, Args)]
pub struct AgingArgs {
    /// Rows to keep, as the app's `f` key
    #[arg(long, default_value = "all", value_parser = filter_parser())]
    pub filter: Filter,
    /// Only this category ("(none)" or "" for SKUs without one), as a drill-down from the mix tab
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Only this brand ("(no brand)" or "" for SKUs without one), as a brand drill-down from the mix tab
    #[arg(long, value_name = "NAME")]
    pub brand: Option<String>,
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
            brand: self.brand.as_ref().map(|b| match b.trim() {
                "(no brand)" => String::new(),
                _ => b.clone(),
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
