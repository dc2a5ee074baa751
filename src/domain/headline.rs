//! The headline KPIs, one registry row each: the key it goes by, how its value is read
//! from a review's [`Kpis`], and the target it is measured against. The plans tab's KPI
//! strip, the Markdown report's headline table, the mix tab's share warnings and the
//! plans' target metrics all read these rows, and [`Goal::met`] is the one place that
//! decides "on target". Adding a headline KPI is one row here (plus its label in the
//! message table and the views that choose to show it).

use super::metrics::Kpis;
use super::money::Money;
use super::settings::{Ratio, Settings};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A headline KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Headline {
    NetRevenue,
    GrossProfit,
    GrossMargin,
    HighTierShare,
    LowTierShare,
    Capital,
    TurnoverDays,
    SlowMovers,
    BestSellers,
    RepurchaseRate,
    HighTierRepurchaseRate,
    MobileShare,
    NewProductConversion,
}

/// A headline's value, in its own unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Money(Money),
    /// A share or rate, 0–1; `None` where it is undefined (nothing to divide by).
    Ratio(Option<f64>),
    /// Days; `None` where undefined.
    Days(Option<f64>),
    Count(i64),
}

impl Value {
    /// The value as a number, for comparing with a target.
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Money(m) => Some(m.to_f64()),
            Value::Ratio(v) | Value::Days(v) => v,
            Value::Count(n) => Some(n as f64),
        }
    }
}

/// The target a headline is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// Higher is better: on target at or above.
    AtLeast(Decimal),
    /// Lower is better: on target at or below.
    AtMost(Decimal),
}

impl Goal {
    /// Whether `value` meets the goal; `None` when the value is undefined.
    pub fn met(self, value: Option<f64>) -> Option<bool> {
        let v = value?;
        Some(match self {
            Goal::AtLeast(t) => v >= t.to_f64().unwrap_or(0.0),
            Goal::AtMost(t) => v <= t.to_f64().unwrap_or(0.0),
        })
    }
    /// The target's number.
    pub fn target(self) -> Decimal {
        match self {
            Goal::AtLeast(t) | Goal::AtMost(t) => t,
        }
    }
    pub fn lower_is_better(self) -> bool {
        matches!(self, Goal::AtMost(_))
    }
}

/// One headline KPI's registry row.
pub struct HeadlineDef {
    pub id: Headline,
    /// Its name in the JSON report's `kpis` object.
    pub key: &'static str,
    pub value: fn(&Kpis) -> Value,
    /// Its target under the settings, if it has one.
    pub goal: fn(&Settings) -> Option<Goal>,
}

fn none(_: &Settings) -> Option<Goal> {
    None
}

fn at_least(t: Ratio) -> Option<Goal> {
    Some(Goal::AtLeast(t))
}

/// Every headline KPI, in the order the Markdown report lists them.
pub static HEADLINES: [HeadlineDef; 13] = [
    HeadlineDef {
        id: Headline::NetRevenue,
        key: "net_revenue",
        value: |k| Value::Money(k.net_revenue),
        goal: none,
    },
    HeadlineDef {
        id: Headline::GrossProfit,
        key: "gross_profit",
        value: |k| Value::Money(k.gross_profit),
        goal: none,
    },
    HeadlineDef {
        id: Headline::GrossMargin,
        key: "gross_margin",
        value: |k| Value::Ratio(k.gross_margin),
        goal: |s| at_least(s.margin_target),
    },
    HeadlineDef {
        id: Headline::HighTierShare,
        key: "high_tier_revenue_share",
        value: |k| Value::Ratio(k.tier_share_revenue[0]),
        goal: |s| at_least(s.target_high_share),
    },
    HeadlineDef {
        id: Headline::LowTierShare,
        key: "low_tier_revenue_share",
        value: |k| Value::Ratio(k.tier_share_revenue[2]),
        goal: |s| Some(Goal::AtMost(s.target_low_share)),
    },
    HeadlineDef {
        id: Headline::Capital,
        key: "capital_tied_up",
        value: |k| Value::Money(k.capital_tied_up),
        goal: none,
    },
    HeadlineDef {
        id: Headline::TurnoverDays,
        key: "portfolio_turnover_days",
        value: |k| Value::Days(k.portfolio_turnover_days),
        goal: |s| Some(Goal::AtMost(s.target_turnover_days)),
    },
    HeadlineDef {
        id: Headline::SlowMovers,
        key: "slow_movers",
        value: |k| Value::Count(k.slow_movers),
        goal: none,
    },
    HeadlineDef {
        id: Headline::BestSellers,
        key: "best_sellers",
        value: |k| Value::Count(k.best_sellers),
        goal: none,
    },
    HeadlineDef {
        id: Headline::RepurchaseRate,
        key: "repurchase_rate",
        value: |k| Value::Ratio(k.repurchase_rate),
        goal: none,
    },
    HeadlineDef {
        id: Headline::HighTierRepurchaseRate,
        key: "high_tier_repurchase_rate",
        value: |k| Value::Ratio(k.high_tier_repurchase_rate),
        goal: |s| at_least(s.target_repurchase),
    },
    HeadlineDef {
        id: Headline::MobileShare,
        key: "mobile_share",
        value: |k| Value::Ratio(k.mobile_share),
        goal: |s| at_least(s.target_mobile_share),
    },
    HeadlineDef {
        id: Headline::NewProductConversion,
        key: "new_product_conversion",
        value: |k| Value::Ratio(k.new_product_conversion),
        goal: |s| at_least(s.target_new_conversion),
    },
];

impl Headline {
    /// Its registry row.
    pub fn def(self) -> &'static HeadlineDef {
        // Every variant has a row (a test checks); the first row stands in otherwise.
        HEADLINES
            .iter()
            .find(|d| d.id == self)
            .unwrap_or(&HEADLINES[0])
    }
    pub fn key(self) -> &'static str {
        self.def().key
    }
    pub fn value(self, k: &Kpis) -> Value {
        (self.def().value)(k)
    }
    pub fn goal(self, s: &Settings) -> Option<Goal> {
        (self.def().goal)(s)
    }
    /// Whether the KPI is on target: `None` without a target or a value.
    pub fn meets(self, k: &Kpis, s: &Settings) -> Option<bool> {
        self.goal(s)?.met(self.value(k).number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::TierTotals;

    fn kpis() -> Kpis {
        Kpis {
            net_revenue: Money::from_micros(1_000_000_000),
            cogs: Money::from_micros(700_000_000),
            gross_profit: Money::from_micros(300_000_000),
            gross_margin: Some(0.3),
            tier_totals: TierTotals {
                revenue: [Money::ZERO; 4],
                gross_profit: [Money::ZERO; 4],
                skus: [0; 4],
                costed: Default::default(),
            },
            tier_share_revenue: [Some(0.45), Some(0.3), Some(0.25), None],
            tier_share_gp: [None; 4],
            tier_share_skus: [None; 4],
            capital_tied_up: Money::from_micros(5_000_000),
            on_hand: 10,
            portfolio_turnover_days: Some(7.5),
            slow_movers: 3,
            best_sellers: 2,
            repurchase_rate: Some(0.2),
            high_tier_repurchase_rate: None,
            mobile_share: Some(0.7),
            new_product_conversion: Some(0.02),
            cost_missing: 0,
            ..Kpis::default()
        }
    }

    #[test]
    fn every_headline_has_one_row_and_a_distinct_key() {
        let mut keys: Vec<&str> = HEADLINES.iter().map(|d| d.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), HEADLINES.len());
        for (i, d) in HEADLINES.iter().enumerate() {
            assert!(std::ptr::eq(d.id.def(), &HEADLINES[i]), "{:?}", d.id);
        }
    }

    #[test]
    fn targets_are_met_in_their_direction() {
        let (k, s) = (kpis(), Settings::default());
        // High share 45 % against 40 % (the defaults): met; low share 25 % against at
        // most 15 %: not.
        assert_eq!(Headline::HighTierShare.meets(&k, &s), Some(true));
        assert_eq!(Headline::LowTierShare.meets(&k, &s), Some(false));
        // Turnover 7.5 days against at most 6 (the default): not met.
        assert_eq!(Headline::TurnoverDays.meets(&k, &s), Some(false));
        // Undefined value, no target.
        assert_eq!(Headline::HighTierRepurchaseRate.meets(&k, &s), None);
        assert_eq!(Headline::NetRevenue.meets(&k, &s), None);
        // Exactly on target counts as met.
        assert_eq!(Goal::AtLeast(Decimal::new(3, 1)).met(Some(0.3)), Some(true));
        assert_eq!(Goal::AtMost(Decimal::new(3, 1)).met(Some(0.3)), Some(true));
        assert_eq!(
            Headline::GrossMargin.value(&k),
            Value::Ratio(k.gross_margin)
        );
    }

    /// A plan's metric and the headline it follows agree on which way is better.
    #[test]
    fn plan_metrics_agree_with_their_headline_direction() {
        use crate::domain::plan::TargetMetric;
        let s = Settings::default();
        for m in TargetMetric::ALL {
            if let Some(goal) = m.headline().and_then(|h| h.goal(&s)) {
                assert_eq!(goal.lower_is_better(), m.lower_is_better(), "{m:?}");
            }
        }
    }
}
