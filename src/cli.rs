//! The command line: clap definitions, validated into typed options. The global
//! options become a [`crate::session::Options`] (the session does not know clap).

pub mod export;
pub mod plans;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::command::TierChoice;
use crate::domain::model::{BatchChannel, Lifecycle};
use crate::import::Kind;

#[derive(Debug, Parser)]
#[command(
    name = "skudesk",
    version = env!("SKUDESK_VERSION"),
    about = "Review a shop's product mix, stock aging, clearance and plans from one SQLite file",
    long_about = "skudesk reads a local SQLite database of products, stock lots, order lines and traffic \
and answers the questions of a product-mix review: which SKUs earn, which tie up cash, what to clear, \
what to launch, and whether the plan is on track.\n\nWith no subcommand it opens the terminal app. \
Without --db (or SKUDESK_DB) it uses the default database in the platform data directory, \
created from the built-in demo data the first time.",
    after_help = "Examples:\n  skudesk                                   open the app on the default (demo) database\n  \
skudesk --db shop.db import products products.csv\n  \
skudesk --db shop.db import orders orders-2025-*.csv --dry-run\n  \
skudesk report --format json --as-of 2025-09-30 --window 90\n  \
skudesk config show                       the settings in force and where each comes from\n  \
skudesk completions bash                  shell completions (also zsh, fish); `skudesk man` for a man page"
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
    /// Open the database read-only: look, change nothing (also automatic when the file or
    /// its directory is not writable)
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Compute figures as of the end of this day [default: the latest order or stock date]
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// Analysis window W in days [default: 90]
    #[arg(long, global = true, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub window: Option<u32>,
    /// Velocity window V in days [default: 30]
    #[arg(long, global = true, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub velocity: Option<u32>,
    /// Language of the app, the Markdown report and messages [default: the config's
    /// `lang`, else zh-CN when LC_ALL, LC_MESSAGES or LANG starts with "zh", else en]
    #[arg(
        long,
        global = true,
        env = "SKUDESK_LANG",
        value_name = "LANG",
        ignore_case = true
    )]
    pub lang: Option<crate::i18n::Lang>,
}

impl From<&GlobalArgs> for crate::session::Options {
    fn from(g: &GlobalArgs) -> Self {
        crate::session::Options {
            db: g.db.clone(),
            config: g.config.clone(),
            read_only: g.read_only,
            as_of: g.as_of,
            window: g.window,
            velocity: g.velocity,
            lang: g.lang,
        }
    }
}

pub(crate) fn parse_day(s: &str) -> Result<NaiveDate, String> {
    crate::domain::dates::parse_date(s).ok_or_else(|| {
        // A real date outside the years skudesk reads is told so, not called "not a date".
        let t = s.trim();
        let real = NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
            .is_ok();
        if real {
            format!("{s:?} is outside the dates skudesk reads (1900-01-01 to 9999-12-31)")
        } else {
            format!("{s:?} is not a date (YYYY-MM-DD)")
        }
    })
}

const IMPORT_HELP: &str = "\
Each file is all-or-nothing: any bad value is reported as FILE:LINE: column NAME: problem (\"value\"),
with the line and column of the file as given (for a mapped file, the source column and the native
field, e.g. `column Lineitem quantity (qty)`), and nothing from that file is written. Every file is
checked before any is written: an error in one means none is. Re-importing the same file changes
nothing. Several files print one summary (files, lines added/changed/unchanged, rows skipped per
reason, new SKUs, refunds taken off) and show one progress bar; --verbose prints a line per file.

Refunds: shopify-orders skips cancelled, refunded and voided orders and takes a partially refunded
order's Refunded Amount off its lines as discount; woocommerce-orders reads Order Refund Amount and
the refunded/cancelled/failed statuses the same way. Two-file exports: taobao-orders takes the items
file (宝贝报表) and the orders file (订单报表) together, in either order.

Built-in mappings (--mapping NAME): native, shopify-orders, shopify-products, shopify-inventory,
woocommerce-orders, taobao-orders, uci-online-retail. A mapping file (--mapping my-shop.toml) names,
for each native field, the source column or a constant, value maps, date formats, decimal comma,
encoding, rows to skip and why, an order-level refund to spread, another file to join; see the
README section \"Column mappings\".

Examples:
  skudesk import products products.csv
  skudesk import orders jan.csv feb.csv --dry-run
  skudesk import --detect orders_export.csv
  skudesk import orders orders_export.csv --mapping shopify-orders
  skudesk import products products_export.csv --mapping shopify-products
  skudesk import stock inventory_export.csv --mapping shopify-inventory --set received_on=2025-09-30
  skudesk import orders ExportOrderDetailList.csv ExportOrderList.csv --mapping taobao-orders
  skudesk import orders daily/*.csv --mapping shopify-orders
  skudesk import orders Online_Retail.csv --mapping uci-online-retail --dry-run
  skudesk import orders export.csv --mapping auto
  skudesk import orders sales.csv --mapping ./my-shop.toml";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the files hold
    #[arg(required_unless_present = "detect")]
    pub kind: Option<Kind>,
    /// One or more CSV files
    #[arg(value_name = "FILE", required_unless_present = "detect")]
    pub files: Vec<PathBuf>,
    /// Show what would be added, changed and skipped (and the first errors), and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// How to read the files: a built-in mapping name, a mapping TOML file, or `auto` to
    /// pick a built-in from each file's header [default: native]
    #[arg(long, value_name = "NAME|PATH")]
    pub mapping: Option<String>,
    /// Give a native field one value on every row, e.g. --set received_on=2025-09-30
    /// (overrides the mapping; repeatable)
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub sets: Vec<String>,
    /// With several files: a line for each file (and what its mapping did), not one
    /// summary over them all
    #[arg(long, short)]
    pub verbose: bool,
    /// Guess which built-in mapping reads FILE, say why, and import nothing (a KIND
    /// before it limits the guess to that kind)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["files", "mapping", "sets", "dry_run", "verbose"])]
    pub detect: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import CSV files: skudesk's native layout, or another platform's export through a column mapping
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Print the review without opening the app
    #[command(
        after_help = "Examples:\n  skudesk report                     Markdown review\n  \
skudesk report --format json       every figure, for scripts (see METRICS.md)\n  \
skudesk report --format csv > skus.csv\n  \
skudesk report --format json --trend month   with 12 monthly points (METRICS.md \"Over time\")\n  \
skudesk report --format csv --trend week --periods 8 > weeks.csv   the points as rows"
    )]
    Report {
        /// Output format
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Add a trend: the flow KPIs per week (weeks start on the display setting
        /// `week_start`) or per calendar month, the last period cut at the as-of date.
        /// JSON gains `trend`; CSV prints the points as rows instead of the SKUs; the
        /// Markdown "Over time" section uses it (monthly by default)
        #[arg(long, value_enum)]
        trend: Option<TrendPeriod>,
        /// How many periods the trend has
        #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..=520), requires = "trend")]
        periods: u16,
    },
    /// Export the full review or a tab's table (as the app shows it) to CSV or Markdown
    #[command(
        subcommand,
        after_help = "Examples:\n  skudesk export report -o review.md\n  \
skudesk export view aging --filter slow --sort last-sale -o slow.csv\n  \
skudesk export view mix --format md"
    )]
    Export(export::ExportCommand),
    /// Set the tier, lifecycle or category of SKUs (one audited, undoable change)
    #[command(
        after_help = "Examples:\n  skudesk reclassify HT-1001 HT-1002 --tier low --lifecycle clearance --reason \"overstock\"\n  \
skudesk reclassify PC-1001 --tier auto"
    )]
    Reclassify {
        /// SKU codes
        #[arg(required = true, value_name = "SKU")]
        skus: Vec<String>,
        /// high, mid, low, unclassified, or auto (back to the computed tier)
        #[arg(long, value_parser = parse_tier)]
        tier: Option<TierChoice>,
        /// new, core, seasonal, clearance or discontinued
        #[arg(long, value_parser = parse_lifecycle)]
        lifecycle: Option<Lifecycle>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Create, fill, list, close or delete clearance batches
    #[command(
        subcommand,
        after_help = "Examples:\n  skudesk batch create \"Double-11\" --channel tiered_discount --start 2025-11-01 --sku HT-1001\n  \
skudesk batch add \"Double-11\" PC-1001 PC-1002:50\n  \
skudesk batch list\n  \
skudesk batch close \"Double-11\""
    )]
    Batch(BatchCommand),
    /// List new-product candidates with score, gates and verdict; add, edit or remove one
    /// (undoable)
    #[command(
        after_help = "Examples:\n  skudesk candidates list\n  skudesk candidates list --format json\n  \
skudesk candidates add --name \"Smart lamp\" --growth 18 --gap 3 --pain 4 --fit 4 --cost 40 --price 99\n  \
skudesk candidates edit 4 --expected-price 89\n  skudesk candidates remove 4"
    )]
    Candidates {
        #[command(subcommand)]
        command: plans::CandidateCommand,
    },
    /// List action plans with progress from their start and baseline, computed from the
    /// data at the as-of date; add, edit or remove one (undoable)
    #[command(
        after_help = "Examples:\n  skudesk plans list\n  skudesk plans list --format json --as-of 2025-10-15\n  \
skudesk plans add --title \"High-margin share to 40%\" --metric high_tier_revenue_share --target 40% --due 2026-06-30\n  \
skudesk plans edit 3 --status doing\n  skudesk plans remove 3"
    )]
    Plans {
        #[command(subcommand)]
        command: plans::PlanCommand,
    },
    /// List, add or rename, and remove the personas candidates are matched against
    #[command(
        after_help = "Examples:\n  skudesk personas list\n  skudesk personas set eco_moms \"环保妈妈 eco moms\"\n  \
skudesk personas remove eco_moms"
    )]
    Personas {
        #[command(subcommand)]
        command: PersonaCommand,
    },
    /// Undo the latest change (also after a restart)
    #[command(after_help = "Examples:\n  skudesk undo\n  skudesk --db shop.db undo")]
    Undo,
    /// Redo the latest undone change
    #[command(after_help = "Example:\n  skudesk redo")]
    Redo,
    /// Show the change history, newest first
    #[command(after_help = "Example:\n  skudesk history --limit 50")]
    History {
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Copy the database (SQLite online backup) to --out, or to a new file in the
    /// `backups/` folder next to it (the last 10 are kept)
    #[command(after_help = "Examples:\n  skudesk backup\n  skudesk backup --out ~/shop-copy.db")]
    Backup {
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Replace the database's content with a backup (the current content is backed up first)
    #[command(after_help = "Example:\n  skudesk restore ~/shop-copy.db")]
    Restore {
        #[arg(value_name = "FILE")]
        from: PathBuf,
    },
    /// Show the settings in force and where each comes from; set or unset one in the
    /// database (as the app's settings popup does)
    #[command(
        subcommand,
        after_help = "Precedence: command line (--window, --velocity) > database (set in the app or with\n\
`config set`) > config file (--config, SKUDESK_CONFIG, ~/.config/skudesk/config.toml) > default.\n\n\
Examples:\n  skudesk config show\n  skudesk --config ./shop.toml --window 60 config show\n  \
skudesk config set margin_floor 20%\n  skudesk config unset margin_floor\n  skudesk config path"
    )]
    Config(ConfigCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(
        after_help = "Examples:\n  skudesk completions bash > ~/.local/share/bash-completion/completions/skudesk\n  \
skudesk completions zsh > ~/.zfunc/_skudesk\n  \
skudesk completions fish > ~/.config/fish/completions/skudesk.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), made from the same definitions as --help, with the
    /// app's keys; --dir writes a page for every subcommand too
    #[command(
        after_help = "skudesk.1 has the options, the subcommands and the app's keys (the defaults; the config\n\
file's [keys] can move them). With --dir, every subcommand gets its own page beside it:\n\
skudesk-import.1, skudesk-batch.1, skudesk-batch-create.1, … (pages there of the same\n\
names are replaced).\n\n\
Examples:\n  skudesk man > skudesk.1 && man ./skudesk.1\n  \
skudesk man --dir ~/.local/share/man/man1    # then: man skudesk, man skudesk-import"
    )]
    Man {
        /// Write skudesk.1 and a page for every subcommand into DIR (created if missing)
        /// instead of printing skudesk.1
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Write a deterministic generated data set (native CSVs) for trying and benchmarking
    #[command(
        after_help = "Writes products.csv, stock.csv, orders.csv and traffic.csv into DIR (created if\n\
missing); refuses if any of them is there already, unless --force.\n\n\
Example:\n  skudesk gen --skus 100000 --lines 5000000 --days 400 --seed 1 --out /tmp/big"
    )]
    Gen {
        #[arg(long, default_value_t = 2000)]
        skus: u32,
        #[arg(long, default_value_t = 100_000)]
        lines: u64,
        #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=3660))]
        days: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The last order day
        #[arg(long, value_parser = parse_day, default_value = "2025-09-30")]
        end: NaiveDate,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Replace products.csv, stock.csv, orders.csv and traffic.csv if DIR has them
        /// (without it, gen refuses to overwrite them)
        #[arg(long)]
        force: bool,
    },
    /// Open the terminal app (the default when no subcommand is given)
    #[command(
        after_help = "Examples:\n  skudesk tui\n  skudesk --db shop.db --as-of 2025-09-30 --window 60\n  \
skudesk --read-only"
    )]
    Tui,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the settings in force as a config file would write them, each with its
    /// source: default, config file (and line), database, command line
    Show,
    /// Store a setting in the database: it wins over the config file (one undoable change)
    #[command(
        after_help = "Ratios take 0.2 or 20%; days whole numbers. The keys are those of [metrics] and\n\
[metrics.scoring] (as scoring.KEY); `skudesk config show` lists them.\n\n\
Examples:\n  skudesk config set margin_floor 20%\n  skudesk config set slow_days 45\n  \
skudesk config set scoring.launch_at 75"
    )]
    Set {
        /// A key of `config show`'s [metrics], e.g. margin_floor, slow_days, scoring.launch_at
        key: String,
        value: String,
    },
    /// Drop settings from the database: back to the config file or the default (undoable)
    #[command(after_help = "Example:\n  skudesk config unset margin_floor low_margin_below")]
    Unset {
        #[arg(required = true, value_name = "KEY")]
        keys: Vec<String>,
    },
    /// Print the config file's path (whether or not it exists)
    Path,
}

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// Create a batch, optionally with SKUs (SKU or SKU:UNITS; without units, all on hand)
    #[command(
        after_help = "A SKU already in another open (planned or active) batch with overlapping dates is refused,\n\
with that batch named, unless --allow-overlap: its units and cash would be counted twice.\n\n\
Example:\n  skudesk batch create \"Double-11\" --channel tiered_discount --start 2025-11-01 --end 2025-11-11 \\\n    --ladder 10%@3d,20%@3d,30% --target 60000 --sku HT-1001 --sku HT-1002:200"
    )]
    Create {
        name: String,
        /// tiered_discount, flash_sale, bogo, second_hand, consignment or bundle
        #[arg(long, value_parser = parse_channel)]
        channel: BatchChannel,
        #[arg(long, value_parser = parse_day)]
        start: NaiveDate,
        #[arg(long, value_parser = parse_day)]
        end: Option<NaiveDate>,
        /// Discount ladder, e.g. 10%@7d,20%@7d,30%
        #[arg(long, default_value = "")]
        ladder: String,
        /// Cash target, e.g. 60000
        #[arg(long, default_value = "0")]
        target: String,
        #[arg(long = "sku", value_name = "SKU[:UNITS]")]
        skus: Vec<String>,
        /// Book SKUs that are already in another open batch with overlapping dates
        /// (without it, such SKUs are named and nothing is written)
        #[arg(long)]
        allow_overlap: bool,
    },
    /// Add SKUs to a batch (by name or #id)
    #[command(
        after_help = "A SKU already in another open (planned or active) batch with overlapping dates is refused,\n\
with that batch named, unless --allow-overlap: its units and cash would be counted twice.\n\n\
Example:\n  skudesk batch add \"Double-11\" PC-1001 PC-1002:50"
    )]
    Add {
        batch: String,
        #[arg(required = true, value_name = "SKU[:UNITS]")]
        skus: Vec<String>,
        /// Book SKUs that are already in another open batch with overlapping dates
        #[arg(long)]
        allow_overlap: bool,
    },
    /// List batches with progress; `--format json` gives what each really earned
    /// (cash, units, COGS, GP, realised margin and discount, pace, per ladder step)
    List {
        #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Mark a batch done
    Close { batch: String },
    /// Delete a batch (undoable)
    Delete {
        batch: String,
        /// Required: deleting is explicit
        #[arg(long)]
        yes: bool,
    },
}

fn parse_tier(s: &str) -> Result<TierChoice, String> {
    s.parse()
}
fn parse_lifecycle(s: &str) -> Result<Lifecycle, String> {
    s.parse()
}
fn parse_channel(s: &str) -> Result<BatchChannel, String> {
    s.parse::<BatchChannel>().map_err(|_| {
        format!("unknown channel {s:?} (tiered_discount, flash_sale, bogo, second_hand, consignment, bundle)")
    })
}

#[derive(Debug, Subcommand)]
pub enum PersonaCommand {
    /// Print code and label of each persona
    List,
    /// Add a persona or change its label (undoable)
    Set { code: String, label: String },
    /// Remove a persona no candidate matches (undoable)
    Remove { code: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendPeriod {
    Week,
    Month,
}

impl From<TrendPeriod> for crate::domain::over_time::Period {
    fn from(p: TrendPeriod) -> Self {
        match p {
            TrendPeriod::Week => crate::domain::over_time::Period::Week,
            TrendPeriod::Month => crate::domain::over_time::Period::Month,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Md,
    Csv,
}
