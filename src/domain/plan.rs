//! Action-plan targets and their progress over time (METRICS.md "Plans over time"),
//! computed from the review (never typed in): a plan starts on a day with its metric's
//! value then (the baseline), and progress is the way travelled from the baseline to
//! the target; the time it should have taken so far is the expected progress.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use super::clearance::{batch_progress, BatchProgress};
use super::dates::{Day, Frame};
use super::headline::{Headline, Value};
use super::metrics::{review, Kpis, Review};
use super::model::{ClearanceBatch, Dataset, Plan, PlanStatus, Tier};
use super::money::Money;
use super::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetMetric {
    HighTierRevenueShare,
    LowTierRevenueShare,
    PortfolioMargin,
    TurnoverDays,
    RepurchaseRate,
    HighTierRepurchaseRate,
    MobileShare,
    NewProductConversion,
    NetRevenue,
    BatchCashRecovered,
    BatchUnitsCleared,
    /// The low tier's share of the SKU count.
    LowTierSkuShare,
    /// Capital tied up in slow movers.
    SlowMoverCapital,
    /// Capital tied up in low-tier SKUs.
    LowTierCapital,
    /// One category's share of net revenue over W (the target names the category).
    CategoryRevenueShare,
    /// Net revenue over W against the same window a year earlier, − 1.
    RevenueGrowthYoy,
}

impl TargetMetric {
    pub const ALL: [TargetMetric; 16] = [
        TargetMetric::HighTierRevenueShare,
        TargetMetric::LowTierRevenueShare,
        TargetMetric::PortfolioMargin,
        TargetMetric::TurnoverDays,
        TargetMetric::RepurchaseRate,
        TargetMetric::HighTierRepurchaseRate,
        TargetMetric::MobileShare,
        TargetMetric::NewProductConversion,
        TargetMetric::NetRevenue,
        TargetMetric::BatchCashRecovered,
        TargetMetric::BatchUnitsCleared,
        TargetMetric::LowTierSkuShare,
        TargetMetric::SlowMoverCapital,
        TargetMetric::LowTierCapital,
        TargetMetric::CategoryRevenueShare,
        TargetMetric::RevenueGrowthYoy,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            TargetMetric::HighTierRevenueShare => "high_tier_revenue_share",
            TargetMetric::LowTierRevenueShare => "low_tier_revenue_share",
            TargetMetric::PortfolioMargin => "portfolio_margin",
            TargetMetric::TurnoverDays => "turnover_days",
            TargetMetric::RepurchaseRate => "repurchase_rate",
            TargetMetric::HighTierRepurchaseRate => "high_tier_repurchase_rate",
            TargetMetric::MobileShare => "mobile_share",
            TargetMetric::NewProductConversion => "new_product_conversion",
            TargetMetric::NetRevenue => "net_revenue",
            TargetMetric::BatchCashRecovered => "batch_cash_recovered",
            TargetMetric::BatchUnitsCleared => "batch_units_cleared",
            TargetMetric::LowTierSkuShare => "low_tier_sku_share",
            TargetMetric::SlowMoverCapital => "slow_mover_capital",
            TargetMetric::LowTierCapital => "low_tier_capital",
            TargetMetric::CategoryRevenueShare => "category_revenue_share",
            TargetMetric::RevenueGrowthYoy => "revenue_growth_yoy",
        }
    }
    /// The headline KPI the metric follows; `None` for a batch's own figures and the
    /// figures that are no headline.
    pub fn headline(self) -> Option<Headline> {
        Some(match self {
            TargetMetric::HighTierRevenueShare => Headline::HighTierShare,
            TargetMetric::LowTierRevenueShare => Headline::LowTierShare,
            TargetMetric::PortfolioMargin => Headline::GrossMargin,
            TargetMetric::TurnoverDays => Headline::TurnoverDays,
            TargetMetric::RepurchaseRate => Headline::RepurchaseRate,
            TargetMetric::HighTierRepurchaseRate => Headline::HighTierRepurchaseRate,
            TargetMetric::MobileShare => Headline::MobileShare,
            TargetMetric::NewProductConversion => Headline::NewProductConversion,
            TargetMetric::NetRevenue => Headline::NetRevenue,
            TargetMetric::BatchCashRecovered
            | TargetMetric::BatchUnitsCleared
            | TargetMetric::LowTierSkuShare
            | TargetMetric::SlowMoverCapital
            | TargetMetric::LowTierCapital
            | TargetMetric::CategoryRevenueShare
            | TargetMetric::RevenueGrowthYoy => return None,
        })
    }
    /// Lower values are better (low-tier shares, turnover days, capital tied up). Only
    /// a target equal to its baseline needs it: otherwise the way from the baseline to
    /// the target says which way is better.
    pub fn lower_is_better(self) -> bool {
        matches!(
            self,
            TargetMetric::LowTierRevenueShare
                | TargetMetric::TurnoverDays
                | TargetMetric::LowTierSkuShare
                | TargetMetric::SlowMoverCapital
                | TargetMetric::LowTierCapital
        )
    }
    pub fn is_ratio(self) -> bool {
        !matches!(
            self,
            TargetMetric::TurnoverDays
                | TargetMetric::NetRevenue
                | TargetMetric::BatchCashRecovered
                | TargetMetric::BatchUnitsCleared
                | TargetMetric::SlowMoverCapital
                | TargetMetric::LowTierCapital
        )
    }
    pub fn is_money(self) -> bool {
        matches!(
            self,
            TargetMetric::NetRevenue
                | TargetMetric::BatchCashRecovered
                | TargetMetric::SlowMoverCapital
                | TargetMetric::LowTierCapital
        )
    }
    pub fn needs_batch(self) -> bool {
        matches!(
            self,
            TargetMetric::BatchCashRecovered | TargetMetric::BatchUnitsCleared
        )
    }
    /// The metric is one category's figure: the target names the category.
    pub fn needs_category(self) -> bool {
        self == TargetMetric::CategoryRevenueShare
    }
    /// The metric compares with the same window a year earlier (a second review).
    pub fn needs_year_earlier(self) -> bool {
        self == TargetMetric::RevenueGrowthYoy
    }
}

impl FromStr for TargetMetric {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        TargetMetric::ALL
            .into_iter()
            .find(|m| m.as_str() == t)
            .ok_or_else(|| format!("unknown target metric {s:?}"))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub metric: TargetMetric,
    pub value: Decimal,
    /// The batch a batch metric follows.
    pub batch_id: Option<i64>,
    /// The category a category metric follows (as the products name it).
    pub category: Option<String>,
}

impl Target {
    /// A target of `metric` at `value`, following no batch or category.
    pub fn new(metric: TargetMetric, value: Decimal) -> Target {
        Target {
            metric,
            value,
            batch_id: None,
            category: None,
        }
    }
}

// ── The metric's value at one date ────────────────────────────────────────────────

/// What a plan's metric is read from at one as-of date: the data, its review, and the
/// KPIs of the same window a year earlier (`None` when the data does not reach back,
/// or when no plan asked for them).
#[derive(Clone, Copy)]
pub struct Reading<'a> {
    pub ds: &'a Dataset,
    pub review: &'a Review,
    pub year_earlier: Option<&'a Kpis>,
}

/// Σ capital tied up of the SKUs `keep` picks.
fn capital_of(r: &Review, keep: impl Fn(&super::metrics::SkuFigures) -> bool) -> Money {
    r.skus.iter().filter(|f| keep(f)).map(|f| f.capital).sum()
}

/// The value of `t`'s metric at the reading's as-of date, in its unit; `None` for a
/// batch metric without its batch's progress. (A batch's figures come from `batch`.)
pub fn metric_value(t: &Target, at: Reading, batch: Option<&BatchProgress>) -> Option<Value> {
    let r = at.review;
    let k = &r.kpis;
    Some(match t.metric {
        TargetMetric::BatchCashRecovered => Value::Money(batch?.cash_recovered),
        TargetMetric::BatchUnitsCleared => Value::Count(batch?.units_cleared),
        TargetMetric::LowTierSkuShare => Value::Ratio(k.tier_share_skus[Tier::Low.index()]),
        TargetMetric::SlowMoverCapital => Value::Money(capital_of(r, |f| f.slow)),
        TargetMetric::LowTierCapital => Value::Money(capital_of(r, |f| f.tier == Tier::Low)),
        TargetMetric::CategoryRevenueShare => {
            let name = t.category.as_deref().map(str::trim);
            let revenue: Money = r
                .skus
                .iter()
                .zip(&at.ds.products)
                .filter(|(_, p)| Some(p.category.trim()) == name)
                .map(|(f, _)| f.net_revenue)
                .sum();
            Value::Ratio(name.and_then(|_| revenue.ratio(k.net_revenue)))
        }
        TargetMetric::RevenueGrowthYoy => {
            Value::Ratio(super::over_time::revenue_growth(k, at.year_earlier))
        }
        other => other.headline()?.value(k),
    })
}

/// A metric's value as the exact decimal a plan keeps as its baseline: money to the
/// micro-unit, counts whole, shares, rates and days to six decimals.
pub fn as_decimal(v: Value) -> Option<Decimal> {
    match v {
        Value::Money(m) => Some(Decimal::from_i128_with_scale(m.micros(), 6).normalize()),
        Value::Count(n) => Some(Decimal::from(n)),
        Value::Ratio(x) | Value::Days(x) => x
            .and_then(Decimal::from_f64)
            .map(|d| d.round_dp(6).normalize()),
    }
}

// ── Progress ──────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanProgress {
    /// The target metric's value as of D ("now"); `None` when undefined at D.
    pub current: Option<f64>,
    /// The day progress is measured from: the plan's start, a batch's own start for a
    /// plan that follows a batch.
    pub start: Option<Day>,
    /// The metric's value as of the start: the plan's baseline, 0 for a batch's.
    pub baseline: Option<f64>,
    /// 0–1: the way travelled from the baseline to the target (1 only at the target).
    pub fraction: Option<f64>,
    /// 0–1: the share of the time from the start to the due date gone by at D.
    pub expected: Option<f64>,
    /// An open plan whose start is after D.
    pub not_started: bool,
    pub overdue: bool,
    /// Behind: an open plan past its start whose progress is below the expected.
    pub off_track: bool,
}

/// Whether `now` has reached `target`, from below for a metric that should rise and
/// from above for one that should fall.
fn reached(now: f64, target: f64, lower_is_better: bool) -> bool {
    if lower_is_better {
        now <= target
    } else {
        now >= target
    }
}

/// Progress = (now − baseline) / (target − baseline), clamped to 0…1, so that it works
/// for a metric that must fall as well as one that must rise; when the target is the
/// baseline, 1 once now has reached the target and 0 before.
pub fn progress_between(now: f64, baseline: f64, target: f64, lower_is_better: bool) -> f64 {
    if target == baseline {
        return if reached(now, target, lower_is_better) {
            1.0
        } else {
            0.0
        };
    }
    let p = (now - baseline) / (target - baseline);
    // Not `clamp`: −0 (no move towards a lower target) is 0.
    if p.is_nan() || p <= 0.0 {
        0.0
    } else {
        p.min(1.0)
    }
}

/// Expected progress = (D − start) / (due − start), clamped to 0…1 (a due date on or
/// before the start is all the time gone once D reaches the start).
pub fn expected_progress(as_of: Day, start: Day, due: Day) -> f64 {
    let span = due.since(start);
    if span <= 0 {
        return if as_of >= start { 1.0 } else { 0.0 };
    }
    (as_of.since(start) as f64 / span as f64).clamp(0.0, 1.0)
}

/// Progress of `plan` at `as_of`: `now` is its metric's value then, `batch` the batch
/// a plan that follows one follows (its start is the plan's, its baseline 0).
pub fn progress(
    plan: &Plan,
    now: Option<f64>,
    batch: Option<&ClearanceBatch>,
    as_of: Day,
) -> PlanProgress {
    let open = matches!(plan.status, PlanStatus::Todo | PlanStatus::Doing);
    let overdue = open && plan.due_on.is_some_and(|due| as_of > due);
    let follows_batch = plan.target.as_ref().is_some_and(|t| t.metric.needs_batch());
    let (start, baseline) = if follows_batch {
        (batch.map(|b| b.starts_on), Some(0.0))
    } else {
        (plan.start, plan.baseline.and_then(|b| b.to_f64()))
    };
    let not_started = open && start.is_some_and(|s| as_of < s);
    let Some(target) = &plan.target else {
        return PlanProgress {
            current: None,
            start,
            baseline: None,
            fraction: None,
            expected: None,
            not_started,
            overdue,
            off_track: false,
        };
    };
    let goal = target.value.to_f64().unwrap_or(0.0);
    // Now is compared at the baseline's precision (six decimals, money exact): a plan
    // made today is at 0, not a rounding away from it.
    let kept = |n: f64| {
        if target.metric.is_money() {
            n
        } else {
            (n * 1e6).round() / 1e6
        }
    };
    let fraction = match (now, baseline) {
        (Some(n), Some(b)) => Some(progress_between(
            kept(n),
            b,
            goal,
            target.metric.lower_is_better(),
        )),
        _ => None,
    };
    let expected = match (start, plan.due_on) {
        (Some(s), Some(due)) => Some(expected_progress(as_of, s, due)),
        _ => None,
    };
    let started = start.is_some_and(|s| as_of >= s);
    let off_track = open && started && matches!((fraction, expected), (Some(f), Some(e)) if f < e);
    PlanProgress {
        current: now,
        start,
        baseline,
        fraction,
        expected,
        not_started,
        overdue,
        off_track,
    }
}

/// The KPIs a year before the review's frame when a plan follows revenue growth (the
/// one metric that needs them), else `None` without computing anything.
pub fn year_earlier_for_plans(ds: &Dataset, r: &Review, s: &Settings) -> Option<Kpis> {
    let wanted = ds.plans.iter().any(|p| {
        p.target
            .as_ref()
            .is_some_and(|t| t.metric.needs_year_earlier())
    });
    if !wanted {
        return None;
    }
    super::over_time::year_earlier(ds, r.frame, s).map(|(_, k)| k)
}

/// Every batch's progress (in `ds.batches` order) and every plan's (in `ds.plans`
/// order, a plan linked to a batch measured by that batch's), at the review's frame.
/// `year_earlier` is what [`year_earlier_for_plans`] gives (without it, a plan that
/// follows revenue growth has no value now).
pub fn all_progress(
    ds: &Dataset,
    r: &Review,
    year_earlier: Option<&Kpis>,
) -> (Vec<BatchProgress>, Vec<PlanProgress>) {
    let batches: Vec<BatchProgress> = ds
        .batches
        .iter()
        .map(|b| batch_progress(ds, b, r.frame, |i| r.skus[i].on_hand))
        .collect();
    let at = Reading {
        ds,
        review: r,
        year_earlier,
    };
    let plans = ds
        .plans
        .iter()
        .map(|p| {
            let i = p
                .target
                .as_ref()
                .and_then(|t| t.batch_id)
                .and_then(|id| ds.batches.iter().position(|b| b.id == id));
            let now = p
                .target
                .as_ref()
                .and_then(|t| metric_value(t, at, i.map(|i| &batches[i])))
                .and_then(Value::number);
            progress(p, now, i.map(|i| &ds.batches[i]), r.frame.as_of)
        })
        .collect();
    (batches, plans)
}

// ── Baselines ─────────────────────────────────────────────────────────────────────

/// The baselines of plans: each target's metric as of its start day, with the
/// windows of `windows` and the settings `s` — one review per distinct day (and a
/// second a year before it for revenue growth), reused across the asks. `now` is a
/// review already made (its day needs none). A batch's metric has no baseline here
/// (a plan that follows a batch starts with it, from 0).
pub fn baselines(
    ds: &Dataset,
    asks: &[(&Target, Day)],
    windows: Frame,
    s: &Settings,
    now: Option<&Review>,
) -> Vec<Option<Decimal>> {
    let frame_at = |day: Day| Frame::new(day, windows.window_days, windows.velocity_days);
    let reusable = now.filter(|r| r.frame == frame_at(r.frame.as_of));
    let mut reviews: HashMap<Day, Review> = HashMap::new();
    let mut earlier: HashMap<Day, Option<Kpis>> = HashMap::new();
    asks.iter()
        .map(|&(t, day)| {
            if t.metric.needs_batch() {
                return None;
            }
            let r = match reusable.filter(|r| r.frame.as_of == day) {
                Some(r) => r,
                None => reviews
                    .entry(day)
                    .or_insert_with(|| review(ds, frame_at(day), s)),
            };
            let year_earlier = if t.metric.needs_year_earlier() {
                earlier
                    .entry(day)
                    .or_insert_with(|| {
                        super::over_time::year_earlier(ds, frame_at(day), s).map(|(_, k)| k)
                    })
                    .as_ref()
            } else {
                None
            };
            let at = Reading {
                ds,
                review: r,
                year_earlier,
            };
            metric_value(t, at, None).and_then(as_decimal)
        })
        .collect()
}

/// The baseline of one target starting on `start` (see [`baselines`]).
pub fn baseline_at(
    ds: &Dataset,
    t: &Target,
    start: Day,
    windows: Frame,
    s: &Settings,
    now: Option<&Review>,
) -> Option<Decimal> {
    baselines(ds, &[(t, start)], windows, s, now)
        .into_iter()
        .next()
        .flatten()
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
