//! Action-plan targets and their progress, computed from the review (never typed in).

use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::clearance::{batch_progress, BatchProgress};
use super::dates::Day;
use super::headline::Headline;
use super::metrics::{Kpis, Review};
use super::model::{Dataset, Plan, PlanStatus};

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
}

impl TargetMetric {
    pub const ALL: [TargetMetric; 11] = [
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
        }
    }
    /// The headline KPI the metric follows; `None` for a batch's own figures.
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
            TargetMetric::BatchCashRecovered | TargetMetric::BatchUnitsCleared => return None,
        })
    }
    /// Lower values are better (low-tier share, turnover days).
    pub fn lower_is_better(self) -> bool {
        matches!(
            self,
            TargetMetric::LowTierRevenueShare | TargetMetric::TurnoverDays
        )
    }
    pub fn is_ratio(self) -> bool {
        !matches!(
            self,
            TargetMetric::TurnoverDays
                | TargetMetric::NetRevenue
                | TargetMetric::BatchCashRecovered
                | TargetMetric::BatchUnitsCleared
        )
    }
    pub fn is_money(self) -> bool {
        matches!(
            self,
            TargetMetric::NetRevenue | TargetMetric::BatchCashRecovered
        )
    }
    pub fn needs_batch(self) -> bool {
        matches!(
            self,
            TargetMetric::BatchCashRecovered | TargetMetric::BatchUnitsCleared
        )
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
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanProgress {
    /// Current value of the target metric; `None` when undefined at D.
    pub current: Option<f64>,
    /// 0–1: how far the metric is towards the target.
    pub fraction: Option<f64>,
    pub overdue: bool,
    /// Progress is behind the share of time elapsed (from `started` to the due date).
    pub off_track: bool,
}

/// The current value of a target metric at D.
pub fn current_value(metric: TargetMetric, k: &Kpis, batch: Option<&BatchProgress>) -> Option<f64> {
    match metric {
        TargetMetric::BatchCashRecovered => batch.map(|b| b.cash_recovered.to_f64()),
        TargetMetric::BatchUnitsCleared => batch.map(|b| b.units_cleared as f64),
        kpi => kpi.headline().and_then(|h| h.value(k).number()),
    }
}

/// Progress of a plan at `as_of`; `started` is when the plan's period began (the start
/// of the analysis window is used when the plan has none).
pub fn progress(
    plan: &Plan,
    k: &Kpis,
    batch: Option<&BatchProgress>,
    as_of: Day,
    started: Day,
) -> PlanProgress {
    let open = matches!(plan.status, PlanStatus::Todo | PlanStatus::Doing);
    let overdue = open && plan.due_on.is_some_and(|due| as_of > due);
    let Some(target) = &plan.target else {
        return PlanProgress {
            current: None,
            fraction: None,
            overdue,
            off_track: false,
        };
    };
    let current = current_value(target.metric, k, batch);
    let goal = target.value.to_f64().unwrap_or(0.0);
    let fraction = current.map(|c| {
        let f = if target.metric.lower_is_better() {
            if c <= goal {
                1.0
            } else if c > 0.0 {
                goal / c
            } else {
                0.0
            }
        } else if goal > 0.0 {
            c / goal
        } else {
            1.0
        };
        f.clamp(0.0, 1.0)
    });
    let elapsed = plan.due_on.map(|due| {
        let total = due.since(started).max(1) as f64;
        (as_of.since(started) as f64 / total).clamp(0.0, 1.0)
    });
    let off_track = open && matches!((fraction, elapsed), (Some(f), Some(e)) if f < e);
    PlanProgress {
        current,
        fraction,
        overdue,
        off_track,
    }
}

/// Every batch's progress (in `ds.batches` order) and every plan's (in `ds.plans`
/// order, a plan linked to a batch measured by that batch's), at the review's frame.
pub fn all_progress(ds: &Dataset, r: &Review) -> (Vec<BatchProgress>, Vec<PlanProgress>) {
    let batches: Vec<BatchProgress> = ds
        .batches
        .iter()
        .map(|b| batch_progress(ds, b, r.frame, |i| r.skus[i].on_hand))
        .collect();
    let plans = ds
        .plans
        .iter()
        .map(|p| {
            let bp = p
                .target
                .as_ref()
                .and_then(|t| t.batch_id)
                .and_then(|id| ds.batches.iter().position(|b| b.id == id))
                .map(|i| &batches[i]);
            progress(p, &r.kpis, bp, r.frame.as_of, r.frame.window_start())
        })
        .collect();
    (batches, plans)
}
