//! Every per-SKU and portfolio figure of METRICS.md, computed from a [`Dataset`] as of
//! a [`Frame`]. Pure: the same data, frame and settings always give the same review.
//!
//! One pass over the order lines and one over the stock lots; customer figures sort a
//! compact list of (customer, order) pairs instead of hashing per line.

use rust_decimal::Decimal;

use super::dates::Frame;
use super::model::{Channel, Dataset, Lifecycle, Product, ProductIx, Tier};
use super::money::Money;
use super::settings::{Ratio, Settings};

/// Days of cover: a number of days, or infinite (stock that is not moving).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cover {
    Days(f64),
    Infinite,
}

impl Cover {
    /// For sorting: infinite sorts after every finite value.
    pub fn sort_key(self) -> f64 {
        match self {
            Cover::Days(d) => d,
            Cover::Infinite => f64::INFINITY,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bucket {
    pub units: i64,
    pub capital: Money,
}

/// Figures of one SKU, index-aligned with `Dataset::products`.
#[derive(Debug, Clone, PartialEq)]
pub struct SkuFigures {
    pub tier: Tier,
    pub computed_tier: Tier,
    pub tier_overridden: bool,
    pub tier_margin: Option<f64>,
    /// Over the analysis window W.
    pub net_revenue: Money,
    pub cogs: Money,
    pub gross_profit: Money,
    pub units: i64,
    /// Net units over the velocity window V.
    pub units_velocity: i64,
    pub on_hand: i64,
    pub capital: Money,
    pub velocity: f64,
    pub cover: Cover,
    pub days_since_last_sale: Option<i64>,
    pub slow: bool,
    pub best_seller: bool,
    pub age_buckets: Vec<Bucket>,
    /// On hand > 0 or any line in W: counted in the SKU-count tier share.
    pub active: bool,
    pub cost_missing: bool,
}

/// A share of the total for each tier, in `Tier::ALL` order; `None` when the total ≤ 0.
pub type TierShares = [Option<f64>; 4];

#[derive(Debug, Clone, PartialEq)]
pub struct TierTotals {
    pub revenue: [Money; 4],
    pub gross_profit: [Money; 4],
    pub skus: [i64; 4],
}

#[derive(Debug, Clone, PartialEq)]
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub frame: Frame,
    pub skus: Vec<SkuFigures>,
    pub kpis: Kpis,
}

/// Classifies a margin GP / revenue exactly: high when GP ≥ high × revenue, low when
/// GP < low × revenue, mid otherwise. `revenue` must be > 0.
pub fn classify_margin(gp: Money, revenue: Money, s: &Settings) -> Tier {
    let gp = Decimal::from_i128_with_scale(gp.micros(), 0);
    let rev = Decimal::from_i128_with_scale(revenue.micros(), 0);
    if gp >= s.high_margin_at * rev {
        Tier::High
    } else if gp < s.low_margin_below * rev {
        Tier::Low
    } else {
        Tier::Mid
    }
}

/// The tier margin (as a ratio) and computed tier of one SKU: gross margin over W when
/// its net revenue over W is > 0, else its list margin; undefined without a cost or a
/// positive list price.
pub fn tier_of(product: &Product, revenue: Money, gp: Money, s: &Settings) -> (Option<f64>, Tier) {
    let Some(cost) = product.unit_cost else {
        return (None, Tier::Unclassified);
    };
    if revenue.is_positive() {
        return (gp.ratio(revenue), classify_margin(gp, revenue, s));
    }
    match product.list_price {
        Some(list) if list.is_positive() => {
            let margin = list - cost;
            (margin.ratio(list), classify_margin(margin, list, s))
        }
        _ => (None, Tier::Unclassified),
    }
}

/// Days of cover from on hand and net units over the velocity window.
pub fn days_of_cover(on_hand: i64, units_velocity: i64, velocity_days: u32) -> Cover {
    if on_hand <= 0 {
        Cover::Days(0.0)
    } else if units_velocity <= 0 {
        Cover::Infinite
    } else {
        Cover::Days(on_hand as f64 * f64::from(velocity_days) / units_velocity as f64)
    }
}

fn ratio_i(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn at_least(cover: Cover, days: u32) -> bool {
    match cover {
        Cover::Infinite => true,
        Cover::Days(d) => d >= f64::from(days),
    }
}

#[derive(Default, Clone, Copy)]
struct LineTotals {
    revenue: Money,
    units: i64,
    units_velocity: i64,
    any_in_window: bool,
}

/// Computes the whole review. On a prepared dataset (`Dataset::prepare`) it reads only
/// the lines of W and V, plus one lookup per product for its last sale; otherwise it
/// scans all lines. Either way the figures are the same.
pub fn review(ds: &Dataset, frame: Frame, s: &Settings) -> Review {
    let n = ds.products.len();
    let mut totals = vec![LineTotals::default(); n];
    let first = frame.window_start().min(frame.velocity_start());
    for line in ds.lines_between(first, frame.as_of) {
        let t = &mut totals[line.product as usize];
        if frame.in_window(line.day) {
            t.any_in_window = true;
            t.revenue += line.net_revenue;
            t.units += line.qty;
        }
        if frame.in_velocity(line.day) {
            t.units_velocity += line.qty;
        }
    }

    let buckets = s.age_buckets.len() + 1;
    let last_sales = ds.last_sales(frame.as_of);
    let mut skus: Vec<SkuFigures> = ds
        .products
        .iter()
        .zip(&totals)
        .zip(&last_sales)
        .map(|((p, t), last_sale)| {
            let cogs = p.unit_cost.unwrap_or(Money::ZERO) * t.units;
            let gross_profit = t.revenue - cogs;
            let (tier_margin, computed_tier) = tier_of(p, t.revenue, gross_profit, s);
            SkuFigures {
                tier: p.tier_override.unwrap_or(computed_tier),
                computed_tier,
                tier_overridden: p.tier_override.is_some(),
                tier_margin,
                net_revenue: t.revenue,
                cogs,
                gross_profit,
                units: t.units,
                units_velocity: t.units_velocity,
                on_hand: 0,
                capital: Money::ZERO,
                velocity: t.units_velocity as f64 / f64::from(frame.velocity_days),
                cover: Cover::Days(0.0),
                days_since_last_sale: last_sale.map(|d| frame.as_of.since(d)),
                slow: false,
                best_seller: false,
                age_buckets: vec![Bucket::default(); buckets],
                active: t.any_in_window,
                cost_missing: p.cost_missing(),
            }
        })
        .collect();

    for lot in &ds.lots {
        if lot.received > frame.as_of {
            continue;
        }
        let product = &ds.products[lot.product as usize];
        let cost = lot.unit_cost.or(product.unit_cost).unwrap_or(Money::ZERO);
        let capital = cost * lot.qty;
        let f = &mut skus[lot.product as usize];
        f.on_hand += lot.qty;
        f.capital += capital;
        let b = &mut f.age_buckets[s.bucket_of(frame.as_of.since(lot.received))];
        b.units += lot.qty;
        b.capital += capital;
    }

    for f in &mut skus {
        f.cover = days_of_cover(f.on_hand, f.units_velocity, frame.velocity_days);
        f.active |= f.on_hand > 0;
        if f.on_hand > 0 {
            let stale = f
                .days_since_last_sale
                .is_none_or(|d| d >= i64::from(s.slow_days));
            f.slow = stale || at_least(f.cover, s.slow_days);
            f.best_seller = f.velocity > 0.0
                && matches!(f.cover, Cover::Days(d) if d <= f64::from(s.best_seller_days));
        }
    }

    let kpis = kpis(ds, frame, &skus);
    Review { frame, skus, kpis }
}

fn shares<T: Copy>(parts: [T; 4], total: T, ratio: impl Fn(T, T) -> Option<f64>) -> TierShares {
    parts.map(|p| ratio(p, total))
}

fn kpis(ds: &Dataset, frame: Frame, skus: &[SkuFigures]) -> Kpis {
    let mut tier_totals = TierTotals {
        revenue: [Money::ZERO; 4],
        gross_profit: [Money::ZERO; 4],
        skus: [0; 4],
    };
    let (mut revenue, mut cogs, mut capital) = (Money::ZERO, Money::ZERO, Money::ZERO);
    let (mut on_hand, mut slow, mut best, mut active, mut cost_missing) = (0, 0, 0, 0, 0);
    for f in skus {
        let t = f.tier.index();
        tier_totals.revenue[t] += f.net_revenue;
        tier_totals.gross_profit[t] += f.gross_profit;
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
        repurchase_rate: repurchase_rate(ds, frame, |_| true),
        high_tier_repurchase_rate: repurchase_rate(ds, frame, |ix| {
            skus[ix as usize].tier == Tier::High
        }),
        mobile_share: mobile_share(ds, frame),
        new_product_conversion: new_product_conversion(ds, frame),
        cost_missing,
    }
}

/// Customers with ≥ 2 distinct orders in W over customers with ≥ 1, counting an order
/// when it has a line with qty > 0 of a SKU `include` accepts; lines without a customer
/// id are left out. `None` when no customer has an order.
pub fn repurchase_rate(
    ds: &Dataset,
    frame: Frame,
    include: impl Fn(ProductIx) -> bool,
) -> Option<f64> {
    let mut pairs: Vec<(u32, u32)> = ds
        .lines_between(frame.window_start(), frame.as_of)
        .filter(|l| l.qty > 0 && include(l.product))
        .filter_map(|l| l.customer.map(|c| (c, l.order)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let (mut customers, mut repeat) = (0i64, 0i64);
    let mut i = 0;
    while i < pairs.len() {
        let c = pairs[i].0;
        let mut j = i;
        while j < pairs.len() && pairs[j].0 == c {
            j += 1;
        }
        customers += 1;
        repeat += i64::from(j - i >= 2);
        i = j;
    }
    ratio_i(repeat, customers)
}

/// Net revenue of mobile lines over all net revenue in W; `None` when no line in W has
/// a channel or the revenue is ≤ 0.
pub fn mobile_share(ds: &Dataset, frame: Frame) -> Option<f64> {
    let (mut mobile, mut all, mut any_channel) = (Money::ZERO, Money::ZERO, false);
    for l in ds.lines_between(frame.window_start(), frame.as_of) {
        all += l.net_revenue;
        any_channel |= l.channel != Channel::None;
        if l.channel == Channel::Mobile {
            mobile += l.net_revenue;
        }
    }
    if any_channel {
        mobile.ratio(all)
    } else {
        None
    }
}

fn is_new(ds: &Dataset, ix: ProductIx) -> bool {
    ds.products[ix as usize].lifecycle == Some(Lifecycle::New)
}

/// Distinct buyers of lifecycle-"new" SKUs over their visitors, in W; `None` without
/// traffic for them.
pub fn new_product_conversion(ds: &Dataset, frame: Frame) -> Option<f64> {
    let visitors: i64 = ds
        .traffic
        .iter()
        .filter(|v| frame.in_window(v.day) && is_new(ds, v.product))
        .map(|v| v.visitors)
        .sum();
    if visitors <= 0 {
        return None;
    }
    let mut buyers: Vec<u32> = ds
        .lines_between(frame.window_start(), frame.as_of)
        .filter(|l| l.qty > 0 && is_new(ds, l.product))
        .filter_map(|l| l.customer)
        .collect();
    buyers.sort_unstable();
    buyers.dedup();
    ratio_i(buyers.len() as i64, visitors)
}

/// Whether a ratio meets a "higher is better" target.
pub fn meets(value: Option<f64>, target: Ratio) -> bool {
    let t: f64 = target.try_into().unwrap_or(0.0);
    value.is_some_and(|v| v >= t)
}

#[cfg(test)]
#[path = "metrics_tests.rs"]
mod tests;
