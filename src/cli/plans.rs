//! `skudesk plans` and `skudesk candidates`' arguments (clap): list them, and add, edit
//! or remove one with every field as an option (for scripts and bulk entry). What the
//! commands do with them is `commands::plans`'.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{parse_day, ListFormat};
use crate::domain::model::{Horizon, PlanStatus};
use crate::domain::plan::TargetMetric;

const PLANS_HELP: &str = "\
Progress is measured from the plan's start (default: the as-of date when it is made) and its
baseline (the metric's value then, computed when the plan is made unless --baseline gives it):
progress = (now - baseline) / (target - baseline), expected = the time gone from the start to
the due date. A plan that follows a clearance batch (batch_cash_recovered, batch_units_cleared)
starts with the batch, from 0. See METRICS.md \"Plans over time\".

Metrics (--metric): high_tier_revenue_share, low_tier_revenue_share, portfolio_margin,
turnover_days, repurchase_rate, high_tier_repurchase_rate, mobile_share, new_product_conversion,
net_revenue, batch_cash_recovered, batch_units_cleared (with --batch), low_tier_sku_share,
slow_mover_capital, low_tier_capital, category_revenue_share (with --category),
revenue_growth_yoy. Shares and rates as 0.40 or 40%, money and days as numbers.

Examples:
  skudesk plans list --format json
  skudesk plans add --title \"High-margin share to 40%\" --metric high_tier_revenue_share \\
    --target 40% --due 2026-06-30 --horizon mid
  skudesk plans add --title \"Audio to a third of sales\" --metric category_revenue_share \\
    --category Audio --target 0.33 --due 2026-03-31 --start 2025-10-01
  skudesk plans add --title \"Clear Double-11\" --metric batch_cash_recovered --batch Double-11 \\
    --target 60000 --due 2025-11-11
  skudesk plans edit 3 --status doing --baseline 0.28
  skudesk plans remove 3";

const CANDIDATES_HELP: &str = "\
Scores (gap, pain, fit) are 0-5; market growth is percent per year (22 or 22%); cost and price
are money. Personas are codes of `skudesk personas list`, separated by ';' (an empty value
clears them). Every change is undoable (`skudesk undo`).

Examples:
  skudesk candidates list
  skudesk candidates add --name \"Smart blood-pressure monitor\" --category Health \\
    --market-growth-pct 22 --competitive-gap 4 --user-pain 5 --brand-fit 4 \\
    --expected-unit-cost 128 --expected-price 299 --personas tech_geeks
  skudesk candidates edit 4 --user-pain 3 --pain-note \"fewer complaints since spring\"
  skudesk candidates remove 4";

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Print them with progress (text, or JSON for scripts: start, baseline, now,
    /// progress, expected_progress, behind…)
    List {
        #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Add a plan (one undoable change)
    #[command(after_help = PLANS_HELP)]
    Add {
        /// What the plan is, as the plans tab lists it
        #[arg(long)]
        title: String,
        #[command(flatten)]
        fields: PlanFields,
    },
    /// Change a plan's fields (those given; one undoable change)
    #[command(after_help = PLANS_HELP)]
    Edit {
        /// The plan's id (`plans list`)
        id: i64,
        /// What the plan is, as the plans tab lists it
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: PlanFields,
    },
    /// Remove a plan (undoable)
    Remove {
        /// The plan's id (`plans list`)
        id: i64,
    },
}

/// A target metric, or `none` (no target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricArg(pub Option<TargetMetric>);

fn parse_metric(s: &str) -> Result<MetricArg, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(MetricArg(None));
    }
    s.parse::<TargetMetric>()
        .map(|m| MetricArg(Some(m)))
        .map_err(|_| {
            let names: Vec<&str> = TargetMetric::ALL.iter().map(|m| m.as_str()).collect();
            format!("unknown metric {s:?} ({}, or none)", names.join(", "))
        })
}

fn parse_horizon(s: &str) -> Result<Horizon, String> {
    s.parse()
}

fn parse_status(s: &str) -> Result<PlanStatus, String> {
    s.parse()
}

/// A plan's fields as options; each one given replaces the plan's.
#[derive(Debug, Args)]
pub struct PlanFields {
    /// The metric the plan is measured by (a name of the JSON report, e.g.
    /// high_tier_revenue_share; with --target), or `none` (no target)
    #[arg(long, value_name = "NAME", value_parser = parse_metric)]
    pub metric: Option<MetricArg>,
    /// The target value: a share or rate as 0.40 or 40%, money and days as numbers
    #[arg(long, value_name = "VALUE")]
    pub target: Option<String>,
    /// The due date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub due: Option<NaiveDate>,
    /// The day progress is measured from [default: the as-of date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub start: Option<NaiveDate>,
    /// The metric's value at the start [default: computed from the data as of the start]
    #[arg(long, value_name = "VALUE")]
    pub baseline: Option<String>,
    /// short, mid or long [default: short]
    #[arg(long, value_parser = parse_horizon)]
    pub horizon: Option<Horizon>,
    /// todo, doing, done or dropped [default: todo]
    #[arg(long, value_parser = parse_status)]
    pub status: Option<PlanStatus>,
    /// The clearance batch a batch metric follows (by name or #id)
    #[arg(long, value_name = "NAME")]
    pub batch: Option<String>,
    /// The category category_revenue_share follows (as the products name it)
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Free notes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CandidateCommand {
    /// Print them with score, gates and verdict (text, or JSON for scripts)
    List {
        #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Add a new-product candidate (one undoable change)
    #[command(after_help = CANDIDATES_HELP)]
    Add {
        /// The candidate's name
        #[arg(long)]
        name: String,
        #[command(flatten)]
        fields: CandidateFields,
    },
    /// Change a candidate's fields (those given; one undoable change)
    #[command(after_help = CANDIDATES_HELP)]
    Edit {
        /// The candidate's id (`candidates list`)
        id: i64,
        /// The candidate's name
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: CandidateFields,
    },
    /// Remove a candidate (undoable)
    Remove {
        /// The candidate's id (`candidates list`)
        id: i64,
    },
}

/// A candidate's fields as options (named as `candidates list --format json` names
/// them); each one given replaces the candidate's.
#[derive(Debug, Args)]
pub struct CandidateFields {
    /// The category (segment) it would sell in
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Market growth, percent per year (22 or 22%)
    #[arg(long, visible_alias = "growth", value_name = "PCT")]
    pub market_growth_pct: Option<String>,
    /// Competitive gap, 0-5
    #[arg(long, visible_alias = "gap", value_name = "0-5")]
    pub competitive_gap: Option<u8>,
    /// The evidence for the gap (a price gap, a feature)
    #[arg(long, value_name = "TEXT")]
    pub gap_note: Option<String>,
    /// User pain, 0-5
    #[arg(long, visible_alias = "pain", value_name = "0-5")]
    pub user_pain: Option<u8>,
    /// The evidence for the pain
    #[arg(long, value_name = "TEXT")]
    pub pain_note: Option<String>,
    /// Brand and supply fit, 0-5
    #[arg(long, visible_alias = "fit", value_name = "0-5")]
    pub brand_fit: Option<u8>,
    /// Expected unit cost
    #[arg(long, visible_alias = "cost", value_name = "AMOUNT")]
    pub expected_unit_cost: Option<String>,
    /// Expected selling price
    #[arg(long, visible_alias = "price", value_name = "AMOUNT")]
    pub expected_price: Option<String>,
    /// Persona codes the candidate matches, separated by ';' (empty: none)
    #[arg(long, value_name = "CODES")]
    pub personas: Option<String>,
    /// Free notes
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}
