//! The portfolio figures of METRICS.md (the KPIs): totals and tier shares summed from
//! the per-SKU figures, with the customer figures computed alongside them in
//! [`super::metrics`].

use super::dates::Frame;
use super::metrics::{ratio_i, Bucket, SkuFigures};
use super::money::Money;

/// A share of the total for each tier, in `Tier::ALL` order; `None` when the total ≤ 0.
pub type TierShares = [Option<f64>; 4];

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct TierTotals {
    pub revenue: [Money; 4],
    pub gross_profit: [Money; 4],
    pub skus: [i64; 4],
    /// Revenue and GP of the SKUs that have a unit cost (METRICS.md, "Cost coverage").
    pub costed: [Costed; 4],
}

/// Net revenue and GP over W of the SKUs of a group (a tier, a category) that have a
/// unit cost: a cost-missing SKU's revenue has no COGS, and would read as 100 % margin.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Costed {
    pub revenue: Money,
    pub gross_profit: Money,
}

impl Costed {
    /// Adds a SKU's figures when it has a unit cost.
    pub fn add(&mut self, f: &SkuFigures) {
        if !f.cost_missing {
            self.revenue += f.net_revenue;
            self.gross_profit += f.gross_profit;
        }
    }
    /// The costed gross margin: GP / revenue over the SKUs with a cost; `None` when that
    /// revenue ≤ 0.
    pub fn margin(self) -> Option<f64> {
        self.gross_profit.ratio(self.revenue)
    }
    /// The cost coverage of a group whose net revenue is `revenue`: the share of it
    /// from SKUs with a cost; `None` when `revenue` ≤ 0.
    pub fn coverage(self, revenue: Money) -> Option<f64> {
        self.revenue.ratio(revenue)
    }
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Kpis {
    pub net_revenue: Money,
    pub cogs: Money,
    pub gross_profit: Money,
    pub gross_margin: Option<f64>,
    pub tier_totals: TierTotals,
    pub tier_share_revenue: TierShares,
    pub tier_share_gp: TierShares,
    pub tier_share_skus: TierShares,
    pub capital_tied_up: Money,
    pub on_hand: i64,
    pub portfolio_turnover_days: Option<f64>,
    pub slow_movers: i64,
    pub best_sellers: i64,
    pub repurchase_rate: Option<f64>,
    pub high_tier_repurchase_rate: Option<f64>,
    pub mobile_share: Option<f64>,
    pub new_product_conversion: Option<f64>,
    pub cost_missing: i64,
    /// Net units over W (returns subtract).
    pub units: i64,
    /// Net revenue over W of the SKUs that have a unit cost / all net revenue over W.
    pub cost_coverage: Option<f64>,
    /// GP / net revenue over the SKUs that have a unit cost.
    pub gross_margin_costed: Option<f64>,
    /// Units and capital per age bucket, summed over the SKUs.
    pub age_buckets: Vec<Bucket>,
    /// SKUs to reorder now (METRICS.md "Next steps per SKU").
    pub reorder_now: i64,
}

impl Kpis {
    /// A bucket's share of all capital tied up; `None` when that is ≤ 0.
    pub fn capital_share(&self, bucket: usize) -> Option<f64> {
        self.age_buckets
            .get(bucket)
            .and_then(|b| b.capital.ratio(self.capital_tied_up))
    }
}

/// The customer figures of the review, computed in `metrics` over the buyers of W.
pub(super) struct CustomerFigures {
    pub repurchase_rate: Option<f64>,
    pub high_tier_repurchase_rate: Option<f64>,
    pub mobile_share: Option<f64>,
    pub new_product_conversion: Option<f64>,
}

fn shares<T: Copy>(parts: [T; 4], total: T, ratio: impl Fn(T, T) -> Option<f64>) -> TierShares {
    parts.map(|p| ratio(p, total))
}

pub(super) fn kpis(frame: Frame, skus: &[SkuFigures], c: CustomerFigures) -> Kpis {
    let mut tier_totals = TierTotals {
        revenue: [Money::ZERO; 4],
        gross_profit: [Money::ZERO; 4],
        skus: [0; 4],
        costed: [Costed::default(); 4],
    };
    let (mut revenue, mut cogs, mut capital) = (Money::ZERO, Money::ZERO, Money::ZERO);
    let (mut on_hand, mut slow, mut best, mut active, mut cost_missing) = (0, 0, 0, 0, 0);
    let (mut units, mut revenue_costed, mut gp_costed) = (0, Money::ZERO, Money::ZERO);
    let mut reorder_now = 0;
    let mut age_buckets: Vec<Bucket> = Vec::new();
    for f in skus {
        if age_buckets.len() < f.age_buckets.len() {
            age_buckets.resize(f.age_buckets.len(), Bucket::default());
        }
        for (sum, b) in age_buckets.iter_mut().zip(&f.age_buckets) {
            sum.units += b.units;
            sum.capital += b.capital;
        }
        units += f.units;
        reorder_now += i64::from(f.reorder.now);
        if !f.cost_missing {
            revenue_costed += f.net_revenue;
            gp_costed += f.gross_profit;
        }
        let t = f.tier.index();
        tier_totals.revenue[t] += f.net_revenue;
        tier_totals.gross_profit[t] += f.gross_profit;
        tier_totals.costed[t].add(f);
        if f.active {
            tier_totals.skus[t] += 1;
            active += 1;
        }
        revenue += f.net_revenue;
        cogs += f.cogs;
        capital += f.capital;
        on_hand += f.on_hand;
        slow += i64::from(f.slow);
        best += i64::from(f.best_seller);
        cost_missing += i64::from(f.cost_missing);
    }
    let gross_profit = revenue - cogs;
    // capital / (COGS over W / W) = capital × W / COGS over W
    let portfolio_turnover_days = (cogs.is_positive())
        .then(|| capital.to_f64() * f64::from(frame.window_days) / cogs.to_f64());

    Kpis {
        net_revenue: revenue,
        cogs,
        gross_profit,
        gross_margin: gross_profit.ratio(revenue),
        tier_share_revenue: shares(tier_totals.revenue, revenue, Money::ratio),
        tier_share_gp: shares(tier_totals.gross_profit, gross_profit, Money::ratio),
        tier_share_skus: shares(tier_totals.skus, active, ratio_i),
        tier_totals,
        capital_tied_up: capital,
        on_hand,
        portfolio_turnover_days,
        slow_movers: slow,
        best_sellers: best,
        repurchase_rate: c.repurchase_rate,
        high_tier_repurchase_rate: c.high_tier_repurchase_rate,
        mobile_share: c.mobile_share,
        new_product_conversion: c.new_product_conversion,
        cost_missing,
        units,
        cost_coverage: revenue_costed.ratio(revenue),
        gross_margin_costed: gp_costed.ratio(revenue_costed),
        age_buckets,
        reorder_now,
    }
}
