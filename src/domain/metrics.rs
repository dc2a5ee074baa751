//! Every per-SKU and portfolio figure of METRICS.md, computed from a [`Dataset`] as of
//! a [`Frame`]. Pure: the same data, frame and settings always give the same review.
//!
//! One pass over the order lines of W ∪ V (the customer and channel figures of
//! `customers` ride along, and the buyers of W are noted), one over the stock lots, one
//! lookup per product for its last sale, and one over the buyers of W for the figures
//! that need tiers and lifecycles (high-tier repurchase, new-product conversion).

use rust_decimal::Decimal;

use super::customers::{conversion, Buyers, MobileShare, Tally};
use super::dates::{Day, Frame};
use super::model::{Dataset, Lifecycle, Line, Lot, Product, ProductIx, Tier};
use super::money::Money;
use super::reorder::{reorder, Reorder};
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

#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
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
    /// Stock-out date and order (METRICS.md "Next steps per SKU").
    pub reorder: Reorder,
    /// In a planned or active clearance batch.
    pub in_open_batch: bool,
}

use super::kpis::{kpis, CustomerFigures};
pub use super::kpis::{Kpis, TierShares, TierTotals};

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub frame: Frame,
    pub skus: Vec<SkuFigures>,
    pub kpis: Kpis,
    /// What the lines gave, kept for [`restate`].
    pass: LinePass,
    /// The catalog-dependent customer figures and what they were computed for.
    flagged: Flagged,
}

/// The high-tier and lifecycle-new flags per product the last figures were computed
/// for, with the tallies of their buyers: a restate counts again only the buyers of
/// the SKUs whose flag moved (none after a batch, a plan or a category change). A
/// cache, not a figure: it does not take part in comparing reviews.
#[derive(Debug, Clone, Default)]
struct Flagged {
    /// The repurchase rate over all SKUs: it needs no flag, but is counted in the
    /// same pass over the buyers as the first tallies.
    repurchase_rate: Option<f64>,
    high: Vec<bool>,
    is_new: Vec<bool>,
    /// The buyers of W over the high-tier SKUs, and over the lifecycle-new ones.
    high_buyers: Tally,
    new_buyers: Tally,
    /// Visitors of lifecycle-new SKUs over W.
    new_visitors: i64,
}

impl PartialEq for Flagged {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What the pass over the order lines of W ∪ V yields: every part of a review that does
/// not depend on the catalog (tiers, lifecycles, costs, prices). Kept in the review so a
/// catalog change recomputes the rest without reading the lines again.
#[derive(Debug, Clone, PartialEq)]
struct LinePass {
    totals: Vec<LineTotals>,
    last_sales: Vec<Option<Day>>,
    mobile_share: Option<f64>,
    buyers: WindowBuyers,
}

/// The buyers of W grouped by customer: what the catalog-dependent customer figures
/// read, a sixth of the bytes of the lines. A cache, not a figure: it does not take part
/// in comparing reviews.
#[derive(Debug, Clone, Default)]
struct WindowBuyers(Buyers);

impl PartialEq for WindowBuyers {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Classifies a margin GP / revenue exactly: high when GP ≥ high × revenue, low when
/// GP < low × revenue, mid otherwise. `revenue` must be > 0.
pub fn classify_margin(gp: Money, revenue: Money, s: &Settings) -> Tier {
    let (gp, rev) = (gp.micros(), revenue.micros());
    if reaches(gp, rev, s.high_margin_at) {
        Tier::High
    } else if !reaches(gp, rev, s.low_margin_below) {
        Tier::Low
    } else {
        Tier::Mid
    }
}

/// Whether `gp ≥ share × rev`, exactly, for `rev > 0`: with the share as mantissa /
/// 10^scale, `gp × 10^scale ≥ mantissa × rev` in integers (a decimal multiplication per
/// SKU showed in the profile of a refresh), in decimals when that would overflow.
fn reaches(gp: i128, rev: i128, share: Ratio) -> bool {
    let scaled = 10i128
        .checked_pow(share.scale())
        .and_then(|p| Some((gp.checked_mul(p)?, share.mantissa().checked_mul(rev)?)));
    match scaled {
        Some((left, right)) => left >= right,
        None => {
            Decimal::from_i128_with_scale(gp, 0) >= share * Decimal::from_i128_with_scale(rev, 0)
        }
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

pub(super) fn ratio_i(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn at_least(cover: Cover, days: u32) -> bool {
    match cover {
        Cover::Infinite => true,
        Cover::Days(d) => d >= f64::from(days),
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
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
    full_review(ds, frame, s, Vec::new(), Vec::new())
}

/// [`review`] for another frame or settings, filling `previous`'s memory again instead
/// of allocating 100k figures afresh. The same figures as [`review`].
pub fn review_again(ds: &Dataset, frame: Frame, s: &Settings, previous: Review) -> Review {
    full_review(ds, frame, s, previous.pass.totals, previous.skus)
}

/// A review from scratch on both cores: each sums half of the lines of W ∪ V; then one
/// groups the buyers of W while the other computes the SKUs' figures; then each counts
/// half of the buyers. `totals` and `reuse`: memory to fill again (may be empty).
fn full_review(
    ds: &Dataset,
    frame: Frame,
    s: &Settings,
    totals: Vec<LineTotals>,
    reuse: Vec<SkuFigures>,
) -> Review {
    let (sums, later, last_sales) = sum_lines(ds, frame, totals);
    let LineSums {
        totals,
        mobile,
        buyers,
    } = sums;
    let ((buyers, high), skus) = crate::par::join(
        || {
            let high: Vec<bool> = ds
                .products
                .iter()
                .zip(&totals)
                .map(|(p, t)| p.tier_override.unwrap_or(line_tier(p, t, s).1) == Tier::High)
                .collect();
            (Buyers::group_parts(&[&buyers, &later.buyers]), high)
        },
        || figures(ds, frame, s, &totals, &last_sales, reuse),
    );
    debug_assert!(skus
        .iter()
        .zip(&high)
        .all(|(f, &h)| (f.tier == Tier::High) == h));
    let flagged = flag(ds, frame, &buyers, high, new_flags(ds), None);
    let pass = LinePass {
        totals,
        last_sales,
        mobile_share: mobile.share(),
        buyers: WindowBuyers(buyers),
    };
    total(frame, pass, skus, flagged)
}

impl Review {
    /// Builds ahead what the first catalog change would otherwise build (each SKU's
    /// buyers, about 20 ms at 100k SKUs): the app calls it while it waits for a key.
    pub fn warm_up(&self) {
        self.pass.buyers.0.index_products();
    }

    /// A review of nothing, as a placeholder while the real one is computed.
    pub fn empty(frame: Frame) -> Review {
        review(&Dataset::default(), frame, &Settings::default())
    }
}

/// The review after a change to the catalog only (tiers, lifecycles, categories, costs,
/// prices, batches, plans — not order lines, stock lots or traffic): `previous`'s line
/// figures are reused, the rest recomputed. The same as [`review`] on such a change, at
/// a fraction of the cost. With another number of products it computes it all.
pub fn restate(ds: &Dataset, previous: Review, s: &Settings) -> Review {
    if previous.pass.totals.len() != ds.products.len() {
        return review(ds, previous.frame, s);
    }
    finish(
        ds,
        previous.frame,
        s,
        previous.pass,
        previous.skus,
        Some(previous.flagged),
    )
}

/// The review after a catalog change that touched only the products `touched` (the
/// store knows which it re-read): their figures are computed again, every other SKU's
/// kept, and the totals summed again. The same as [`review`] when no other product
/// changed; a reclassify of one SKU among 100k no longer rebuilds them all. With
/// another number of products it computes it all.
pub fn restate_products(
    ds: &Dataset,
    previous: Review,
    s: &Settings,
    touched: &[ProductIx],
) -> Review {
    let n = ds.products.len();
    if previous.pass.totals.len() != n || previous.skus.len() != n {
        return review(ds, previous.frame, s);
    }
    let Review {
        frame,
        mut skus,
        pass,
        flagged,
        ..
    } = previous;
    let buckets = s.age_buckets.len() + 1;
    let mut is_touched = vec![false; n];
    for &p in touched {
        let i = p as usize;
        let spare = std::mem::take(&mut skus[i].age_buckets);
        let (product, totals) = (&ds.products[i], &pass.totals[i]);
        skus[i] = sku_figures(
            product,
            totals,
            pass.last_sales[i],
            frame,
            s,
            spare,
            buckets,
        );
        is_touched[i] = true;
    }
    for lot in ds.lots.iter().filter(|l| is_touched[l.product as usize]) {
        add_lot(ds, frame, s, &mut skus, lot);
    }
    for &p in touched {
        let i = p as usize;
        settle(&mut skus[i], &ds.products[i], frame, s);
    }
    mark_open_batches(ds, &mut skus, Some(&is_touched));
    flag_and_total(ds, frame, pass, skus, Some(flagged))
}

/// Sums of some of the lines of W ∪ V.
struct LineSums {
    totals: Vec<LineTotals>,
    mobile: MobileShare,
    /// (product, customer, order) of each line of W with qty > 0 and a customer, in
    /// the order of the lines.
    buyers: Vec<(ProductIx, u32, u32)>,
}

impl LineSums {
    /// Zero sums for `products` products, in `totals`' memory.
    fn new(mut totals: Vec<LineTotals>, products: usize) -> LineSums {
        totals.clear();
        totals.resize(products, LineTotals::default());
        LineSums {
            totals,
            mobile: MobileShare::default(),
            buyers: Vec::new(),
        }
    }

    /// Adds the lines of W ∪ V among `lines`.
    fn add(&mut self, frame: Frame, lines: &[Line]) {
        let first = frame.window_start().min(frame.velocity_start());
        for line in lines
            .iter()
            .filter(|l| l.day >= first && l.day <= frame.as_of)
        {
            let t = &mut self.totals[line.product as usize];
            if frame.in_window(line.day) {
                t.any_in_window = true;
                t.revenue += line.net_revenue();
                t.units += line.qty();
                self.mobile.add(line);
                if let (true, Some(c)) = (line.qty() > 0, line.customer()) {
                    self.buyers.push((line.product, c, line.order));
                }
            }
            if frame.in_velocity(line.day) {
                t.units_velocity += line.qty();
            }
        }
    }

    /// Adds the sums of lines that came after this one's, but for their buyers.
    fn append(&mut self, later: &LineSums) {
        for (t, u) in self.totals.iter_mut().zip(&later.totals) {
            t.any_in_window |= u.any_in_window;
            t.revenue += u.revenue;
            t.units += u.units;
            t.units_velocity += u.units_velocity;
        }
        self.mobile.merge(&later.mobile);
    }
}

/// The sums of the lines of W ∪ V, each half on its own core, the later half's buyers
/// apart, and each product's last sale. `totals`: memory to fill again (may be empty).
fn sum_lines(
    ds: &Dataset,
    frame: Frame,
    totals: Vec<LineTotals>,
) -> (LineSums, LineSums, Vec<Option<Day>>) {
    let first = frame.window_start().min(frame.velocity_start());
    let lines = ds.lines_around(first, frame.as_of);
    let (early, late) = lines.split_at(lines.len() / 2);
    let products = ds.products.len();
    let (later, (mut sums, last_sales)) = crate::par::join(
        || {
            let mut sums = LineSums::new(Vec::new(), products);
            sums.add(frame, late);
            sums
        },
        || {
            let mut sums = LineSums::new(totals, products);
            sums.add(frame, early);
            (sums, ds.last_sales(frame.as_of))
        },
    );
    sums.append(&later);
    (sums, later, last_sales)
}

/// Whether each product's lifecycle is new.
fn new_flags(ds: &Dataset) -> Vec<bool> {
    ds.products
        .iter()
        .map(|p| p.lifecycle == Some(Lifecycle::New))
        .collect()
}

/// The review from the line figures. `reuse`: the figures of an earlier review of the
/// same products, whose memory is filled again (100k fresh allocations, and the page
/// faults of touching new memory, were a third of a refresh); may be empty.
fn finish(
    ds: &Dataset,
    frame: Frame,
    s: &Settings,
    pass: LinePass,
    reuse: Vec<SkuFigures>,
    flagged_before: Option<Flagged>,
) -> Review {
    let skus = figures(ds, frame, s, &pass.totals, &pass.last_sales, reuse);
    flag_and_total(ds, frame, pass, skus, flagged_before)
}

/// Every SKU's figures but the customer ones. `reuse`: as for [`finish`].
fn figures(
    ds: &Dataset,
    frame: Frame,
    s: &Settings,
    totals: &[LineTotals],
    last_sales: &[Option<Day>],
    reuse: Vec<SkuFigures>,
) -> Vec<SkuFigures> {
    let buckets = s.age_buckets.len() + 1;
    let rows = ds.products.iter().zip(totals).zip(last_sales);
    let mut skus = reuse;
    if skus.len() == ds.products.len() {
        // In place: a fresh 100k figures' worth of memory is page faults all the way.
        for (f, ((p, t), last_sale)) in skus.iter_mut().zip(rows) {
            let spare = std::mem::take(&mut f.age_buckets);
            *f = sku_figures(p, t, *last_sale, frame, s, spare, buckets);
        }
    } else {
        skus.clear();
        skus.extend(rows.map(|((p, t), last_sale)| {
            sku_figures(p, t, *last_sale, frame, s, Vec::new(), buckets)
        }));
    }
    for lot in &ds.lots {
        add_lot(ds, frame, s, &mut skus, lot);
    }
    for (f, p) in skus.iter_mut().zip(&ds.products) {
        settle(f, p, frame, s);
    }
    mark_open_batches(ds, &mut skus, None);
    skus
}

/// The tier margin and computed tier of a SKU from its line totals.
fn line_tier(p: &Product, t: &LineTotals, s: &Settings) -> (Option<f64>, Tier) {
    let cogs = p.unit_cost.unwrap_or(Money::ZERO) * t.units;
    tier_of(p, t.revenue, t.revenue - cogs, s)
}

/// The figures of one SKU from its line totals, before its stock lots are added.
fn sku_figures(
    p: &Product,
    t: &LineTotals,
    last_sale: Option<Day>,
    frame: Frame,
    s: &Settings,
    mut age_buckets: Vec<Bucket>,
    buckets: usize,
) -> SkuFigures {
    age_buckets.clear();
    age_buckets.resize(buckets, Bucket::default());
    let cogs = p.unit_cost.unwrap_or(Money::ZERO) * t.units;
    let gross_profit = t.revenue - cogs;
    let (tier_margin, computed_tier) = line_tier(p, t, s);
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
        age_buckets,
        active: t.any_in_window,
        cost_missing: p.cost_missing(),
        reorder: Reorder::default(),
        in_open_batch: false,
    }
}

/// Adds a stock lot received by the as-of date to its SKU's figures.
fn add_lot(ds: &Dataset, frame: Frame, s: &Settings, skus: &mut [SkuFigures], lot: &Lot) {
    if lot.received > frame.as_of {
        return;
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

/// Cover, activity, slow and best seller, and the next step, once a SKU's lots are in.
fn settle(f: &mut SkuFigures, p: &Product, frame: Frame, s: &Settings) {
    f.reorder = reorder(p, f.on_hand, f.units_velocity, frame, s);
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

/// Flags the SKUs in an open (planned or active) batch: all, or those `only` marks.
fn mark_open_batches(ds: &Dataset, skus: &mut [SkuFigures], only: Option<&[bool]>) {
    for (i, f) in skus.iter_mut().enumerate() {
        if only.is_none_or(|o| o.get(i).copied().unwrap_or(false)) {
            f.in_open_batch = false;
        }
    }
    for b in ds.batches.iter().filter(|b| super::overlap::is_open(b)) {
        for s in &b.skus {
            let i = s.product as usize;
            if only.is_none_or(|o| o.get(i).copied().unwrap_or(false)) {
                if let Some(f) = skus.get_mut(i) {
                    f.in_open_batch = true;
                }
            }
        }
    }
}

/// The review from per-SKU figures: the catalog-dependent customer figures and the KPIs.
fn flag_and_total(
    ds: &Dataset,
    frame: Frame,
    pass: LinePass,
    skus: Vec<SkuFigures>,
    flagged_before: Option<Flagged>,
) -> Review {
    // The figures that depend on the catalog as well as the lines: one more pass, over
    // the buyers of W.
    // Flags per product, as a product's record is too large to read per line.
    let high: Vec<bool> = skus.iter().map(|f| f.tier == Tier::High).collect();
    let flagged = flag(
        ds,
        frame,
        &pass.buyers.0,
        high,
        new_flags(ds),
        flagged_before,
    );
    total(frame, pass, skus, flagged)
}

/// The review from its parts: the customer figures and the KPIs.
fn total(frame: Frame, pass: LinePass, skus: Vec<SkuFigures>, flagged: Flagged) -> Review {
    let customers = CustomerFigures {
        repurchase_rate: flagged.repurchase_rate,
        high_tier_repurchase_rate: flagged.high_buyers.repurchase_rate(),
        mobile_share: pass.mobile_share,
        new_product_conversion: conversion(flagged.new_buyers.buyers(), flagged.new_visitors),
    };
    let kpis = kpis(frame, &skus, customers);
    Review {
        frame,
        skus,
        kpis,
        pass,
        flagged,
    }
}

/// The tallies of high-tier and lifecycle-new buyers for these flags: counted again
/// only for the SKUs whose flag moved since `before`, from scratch without it or when
/// many moved.
fn flag(
    ds: &Dataset,
    frame: Frame,
    buyers: &Buyers,
    high: Vec<bool>,
    is_new: Vec<bool>,
    before: Option<Flagged>,
) -> Flagged {
    let moved = |was: &[bool], now: &[bool]| -> Option<Vec<ProductIx>> {
        if was.len() != now.len() {
            return None;
        }
        let moved: Vec<ProductIx> = (0..now.len())
            .filter(|&i| was[i] != now[i])
            .map(|i| i as ProductIx)
            .collect();
        // Past an eighth of the SKUs, counting every buyer once is cheaper.
        (moved.len() <= (now.len() / 8).max(64)).then_some(moved)
    };
    let visitors = |is_new: &[bool]| -> i64 {
        ds.traffic
            .iter()
            .filter(|v| frame.in_window(v.day) && is_new[v.product as usize])
            .map(|v| v.visitors)
            .sum()
    };
    let Some(mut f) = before else {
        // All SKUs, the high tier, the new lifecycle: one pass over the buyers.
        let [all, high_buyers, new_buyers] = Tally::count_sets(buyers, |p| {
            let p = p as usize;
            1 | u8::from(high[p]) << 1 | u8::from(is_new[p]) << 2
        });
        return Flagged {
            repurchase_rate: all.repurchase_rate(),
            high_buyers,
            new_buyers,
            new_visitors: visitors(&is_new),
            high,
            is_new,
        };
    };
    if f.high != high {
        match moved(&f.high, &high) {
            Some(m) => f.high_buyers.update(buyers, &m, |p| high[p as usize]),
            None => f.high_buyers = Tally::count(buyers, |p| high[p as usize]),
        }
        f.high = high;
    }
    if f.is_new != is_new {
        match moved(&f.is_new, &is_new) {
            Some(m) => f.new_buyers.update(buyers, &m, |p| is_new[p as usize]),
            None => f.new_buyers = Tally::count(buyers, |p| is_new[p as usize]),
        }
        f.new_visitors = visitors(&is_new);
        f.is_new = is_new;
    }
    f
}

/// Whether a ratio meets a "higher is better" target.
pub fn meets(value: Option<f64>, target: Ratio) -> bool {
    let t: f64 = target.try_into().unwrap_or(0.0);
    value.is_some_and(|v| v >= t)
}

#[cfg(test)]
#[path = "metrics_tests.rs"]
mod tests;
