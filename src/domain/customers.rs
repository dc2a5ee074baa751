//! The customer and channel figures of METRICS.md — repurchase rate, mobile share,
//! new-product conversion — as accumulators fed one order line at a time, so that
//! `metrics::review` gathers them in the same pass over W as the per-SKU totals.
//!
//! Customer ids are dense (the loader keeps them so): they index flat arrays, and no
//! figure here sorts or hashes per line.

use std::sync::OnceLock;

use super::model::{Channel, Line, ProductIx};
use super::money::Money;

fn ratio_i(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The lines of qty > 0 with a customer in a window, grouped by customer: customer
/// `c`'s (product, order) pairs are `entries[offsets[c]..offsets[c + 1]]`; and, per
/// product, the customers who bought it. A figure over some of the SKUs reads the groups
/// in turn, so no per-customer state is looked up at random; when SKUs join or leave the
/// set (a reclassify into or out of the high tier), only their buyers are counted again.
#[derive(Debug, Clone, Default)]
pub struct Buyers {
    offsets: Vec<u32>,
    entries: Vec<(ProductIx, u32)>,
    /// Per product, its buyers: built the first time a SKU moves (a reclassify), not
    /// for every review.
    by_product: OnceLock<ByProduct>,
}

#[derive(Debug, Clone, Default)]
struct ByProduct {
    offsets: Vec<u32>,
    customers: Vec<u32>,
}

/// Start offsets of the groups of a counting sort: one more entry than groups.
fn offsets_of(groups: usize, keys: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut offsets = vec![0u32; groups + 1];
    for k in keys {
        offsets[k + 1] += 1;
    }
    for i in 1..offsets.len() {
        offsets[i] += offsets[i - 1];
    }
    offsets
}

impl Buyers {
    /// Groups (product, customer, order) triples by customer (a counting sort: the ids
    /// are dense).
    pub fn group(lines: &[(ProductIx, u32, u32)]) -> Buyers {
        Buyers::group_parts(&[lines])
    }

    /// [`Buyers::group`] of the lines of `parts` one after the other, without copying
    /// them into one slice first.
    pub fn group_parts(parts: &[&[(ProductIx, u32, u32)]]) -> Buyers {
        let lines = || parts.iter().flat_map(|part| part.iter());
        let customers = lines().map(|&(_, c, _)| c as usize + 1).max().unwrap_or(0);
        let offsets = offsets_of(customers, lines().map(|&(_, c, _)| c as usize));
        let mut next = offsets.clone();
        let mut entries = vec![(0, 0); lines().count()];
        for &(p, c, o) in lines() {
            let at = &mut next[c as usize];
            entries[*at as usize] = (p, o);
            *at += 1;
        }
        Buyers {
            offsets,
            entries,
            by_product: OnceLock::new(),
        }
    }

    /// Builds each product's list of buyers now rather than at the first update.
    pub fn index_products(&self) {
        self.by_product();
    }

    /// Each product's buyers, from the groups (a counting sort by product).
    fn by_product(&self) -> &ByProduct {
        self.by_product.get_or_init(|| {
            let products = self.entries.iter().map(|&(p, _)| p as usize + 1).max();
            let offsets = offsets_of(
                products.unwrap_or(0),
                self.entries.iter().map(|&(p, _)| p as usize),
            );
            let mut next = offsets.clone();
            let mut customers = vec![0; self.entries.len()];
            for c in 0..self.customers() {
                for &(p, _) in self.group_of(c) {
                    let at = &mut next[p as usize];
                    customers[*at as usize] = c as u32;
                    *at += 1;
                }
            }
            ByProduct { offsets, customers }
        })
    }

    fn group_of(&self, customer: usize) -> &[(ProductIx, u32)] {
        &self.entries[self.offsets[customer] as usize..self.offsets[customer + 1] as usize]
    }

    fn customers(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The customers who bought `product` (once per line).
    fn customers_of(&self, product: ProductIx) -> &[u32] {
        let p = product as usize;
        let index = self.by_product();
        match index.offsets.get(p..p + 2) {
            Some(&[from, to]) => &index.customers[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// Per customer, how many distinct orders (0, 1, or 2 for two or more) they placed with
/// a line of a SKU in some set, and the totals: customers with ≥ 1 order and with ≥ 2.
/// Kept up to date as SKUs join or leave the set.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    orders: Vec<u8>,
    buyers: i64,
    repeaters: i64,
}

/// 0, 1 or 2 (two or more) distinct orders among a customer's lines of the SKUs `counts`
/// keeps. A customer has two distinct orders exactly when one of their lines belongs
/// to another order than the first line counted.
fn orders_of(group: &[(ProductIx, u32)], counts: &impl Fn(ProductIx) -> bool) -> u8 {
    let mut first = None;
    for &(p, order) in group {
        if !counts(p) {
            continue;
        }
        match first {
            None => first = Some(order),
            Some(f) if f != order => return 2,
            Some(_) => {}
        }
    }
    u8::from(first.is_some())
}

impl Tally {
    /// Counts every customer over the SKUs `counts` keeps.
    pub fn count(b: &Buyers, counts: impl Fn(ProductIx) -> bool + Sync) -> Tally {
        let [t] = Tally::count_sets(b, |p| u8::from(counts(p)));
        t
    }

    /// [`Tally::count`] for `N` ≤ 8 sets of SKUs in one pass over the buyers: bit `k`
    /// of `sets(p)` says whether SKU `p` is in set `k`. Each half of the customers is
    /// counted on its own core.
    pub fn count_sets<const N: usize>(
        b: &Buyers,
        sets: impl Fn(ProductIx) -> u8 + Sync,
    ) -> [Tally; N] {
        let customers = b.customers();
        let mid = customers / 2;
        let (later, mut tallies) = crate::par::join(
            || Tally::count_range::<N>(b, &sets, mid..customers),
            || Tally::count_range::<N>(b, &sets, 0..mid),
        );
        for (t, u) in tallies.iter_mut().zip(later) {
            t.orders.extend_from_slice(&u.orders);
            t.buyers += u.buyers;
            t.repeaters += u.repeaters;
        }
        tallies
    }

    /// The tallies of the customers `range` alone, the first of them at index 0.
    fn count_range<const N: usize>(
        b: &Buyers,
        sets: &impl Fn(ProductIx) -> u8,
        range: std::ops::Range<usize>,
    ) -> [Tally; N] {
        let start = range.start;
        let mut tallies: [Tally; N] = std::array::from_fn(|_| Tally {
            orders: vec![0; range.len()],
            buyers: 0,
            repeaters: 0,
        });
        let all = ((1u16 << N) - 1) as u8;
        for c in range {
            // Bit k of `seen`: a line of set k met; of `two`: a second order of set k
            // met. Without branches on the data: whether a customer's next line is in
            // a set, or of another order, is a coin toss to the branch predictor.
            let (mut seen, mut two) = (0u8, 0u8);
            let mut first = [0u32; N];
            for &(p, order) in b.group_of(c) {
                let member = sets(p) & all;
                let mut differs = 0u8;
                for (k, &f) in first.iter().enumerate() {
                    differs |= u8::from(f != order) << k;
                }
                two |= member & seen & differs;
                let starts = member & !seen;
                for (k, f) in first.iter_mut().enumerate() {
                    *f = if starts >> k & 1 != 0 { order } else { *f };
                }
                seen |= member;
            }
            for (k, t) in tallies.iter_mut().enumerate() {
                let (once, again) = (seen >> k & 1, two >> k & 1);
                t.orders[c - start] = once + again;
                t.buyers += i64::from(once);
                t.repeaters += i64::from(again);
            }
        }
        tallies
    }

    fn set(&mut self, customer: usize, orders: u8) {
        let old = std::mem::replace(&mut self.orders[customer], orders);
        self.buyers += i64::from(orders >= 1) - i64::from(old >= 1);
        self.repeaters += i64::from(orders >= 2) - i64::from(old >= 2);
    }

    /// After the SKUs `moved` joined or left the set, which `counts` now describes:
    /// counts their buyers again. The same as [`Tally::count`] when every SKU whose
    /// membership changed is in `moved`.
    pub fn update(
        &mut self,
        b: &Buyers,
        moved: &[ProductIx],
        counts: impl Fn(ProductIx) -> bool + Sync,
    ) {
        if self.orders.len() != b.customers() {
            *self = Tally::count(b, counts);
            return;
        }
        for &p in moved {
            for &c in b.customers_of(p) {
                let c = c as usize;
                self.set(c, orders_of(b.group_of(c), &counts));
            }
        }
    }

    /// Customers with ≥ 2 distinct orders over customers with ≥ 1; `None` when no
    /// customer has an order.
    pub fn repurchase_rate(&self) -> Option<f64> {
        ratio_i(self.repeaters, self.buyers)
    }

    /// Customers with ≥ 1 order.
    pub fn buyers(&self) -> i64 {
        self.buyers
    }
}

/// Net revenue of mobile lines over all net revenue.
#[derive(Debug, Default)]
pub struct MobileShare {
    mobile: Money,
    all: Money,
    any_channel: bool,
}

impl MobileShare {
    pub fn add(&mut self, line: &Line) {
        let (revenue, channel) = (line.net_revenue(), line.channel());
        self.all += revenue;
        self.any_channel |= channel != Channel::None;
        if channel == Channel::Mobile {
            self.mobile += revenue;
        }
    }

    /// Adds the lines another share counted.
    pub fn merge(&mut self, other: &MobileShare) {
        self.all += other.all;
        self.mobile += other.mobile;
        self.any_channel |= other.any_channel;
    }

    /// `None` when no line has a channel or the revenue is ≤ 0.
    pub fn share(&self) -> Option<f64> {
        if self.any_channel {
            self.mobile.ratio(self.all)
        } else {
            None
        }
    }
}

/// Distinct buyers over visitors; `None` without visitors.
pub fn conversion(buyers: i64, visitors: i64) -> Option<f64> {
    ratio_i(buyers, visitors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (product, customer, order) triples: customer 1 two lines of one order, customer
    /// 2 two orders, customer 3 three orders of which one (order 32) is of product 9 only.
    const LINES: [(ProductIx, u32, u32); 7] = [
        (1, 1, 10),
        (2, 1, 10),
        (1, 2, 20),
        (1, 2, 21),
        (1, 3, 30),
        (1, 3, 31),
        (9, 3, 32),
    ];

    #[test]
    fn repurchase_counts_distinct_orders_not_lines() {
        let b = Buyers::group(&LINES);
        assert_eq!(
            Tally::count(&b, |_| true).repurchase_rate(),
            Some(2.0 / 3.0)
        );
        // Over product 9 only: customer 3 has one order.
        assert_eq!(Tally::count(&b, |p| p == 9).repurchase_rate(), Some(0.0));
        // Over product 2 only: customer 1, one order.
        assert_eq!(Tally::count(&b, |p| p == 2).repurchase_rate(), Some(0.0));
        assert_eq!(Tally::count(&b, |p| p == 4).repurchase_rate(), None);
        let none = Buyers::default();
        assert_eq!(Tally::count(&none, |_| true).repurchase_rate(), None);
    }

    #[test]
    fn grouping_keeps_every_line_of_every_customer() {
        // Out of customer order, with gaps in the ids.
        let lines = [(5, 7, 1), (6, 0, 2), (5, 7, 3), (6, 3, 4)];
        let b = Buyers::group(&lines);
        let groups: Vec<Vec<(ProductIx, u32)>> =
            (0..b.customers()).map(|c| b.group_of(c).to_vec()).collect();
        assert_eq!(groups.len(), 8);
        assert_eq!(groups[0], vec![(6, 2)]);
        assert_eq!(groups[3], vec![(6, 4)]);
        assert_eq!(groups[7], vec![(5, 1), (5, 3)]);
        assert!(groups[1].is_empty() && groups[4].is_empty());
        assert_eq!(b.customers_of(5), &[7, 7]);
        assert_eq!(b.customers_of(6), &[0, 3]);
        assert!(b.customers_of(1).is_empty() && b.customers_of(8).is_empty());
    }

    #[test]
    fn counting_sets_at_once_equals_counting_each() {
        let b = Buyers::group(&LINES);
        let sets = |p: ProductIx| match p {
            1 => 0b011,
            2 => 0b101,
            9 => 0b110,
            _ => 0,
        };
        let together: [Tally; 3] = Tally::count_sets(&b, sets);
        for (k, t) in together.iter().enumerate() {
            let alone = Tally::count(&b, |p| sets(p) >> k & 1 == 1);
            assert_eq!(t.orders, alone.orders, "set {k}");
            assert_eq!((t.buyers, t.repeaters), (alone.buyers, alone.repeaters));
        }
        assert_eq!(together[0].repurchase_rate(), Some(2.0 / 3.0));
        // Set 2 is products 2 and 9: customers 1 and 3.
        assert_eq!(together[2].buyers(), 2);
    }

    #[test]
    fn distinct_customers_are_counted_once() {
        let b = Buyers::group(&LINES);
        assert_eq!(Tally::count(&b, |_| true).buyers(), 3);
        assert_eq!(Tally::count(&b, |p| p == 1).buyers(), 3);
        assert_eq!(Tally::count(&b, |p| p == 2 || p == 9).buyers(), 2);
        assert_eq!(Tally::count(&b, |p| p == 4).buyers(), 0);
    }

    /// On random buyers (both halves of the customers counted on their own core, lines
    /// of a set interleaved with lines outside it), each set's tally equals a count of
    /// each customer's distinct orders with a map.
    #[test]
    fn counting_sets_equals_counting_distinct_orders_by_hand() {
        use std::collections::{BTreeMap, BTreeSet};
        let mut rng = crate::gen::Rng::new(7);
        let lines: Vec<(ProductIx, u32, u32)> = (0..5_000)
            .map(|_| {
                let c = rng.below(900) as u32;
                // A customer's orders: few, so repeats and single orders both occur.
                (rng.below(40) as ProductIx, c, c * 4 + rng.below(3) as u32)
            })
            .collect();
        let sets = |p: ProductIx| (p % 7) as u8;
        let b = Buyers::group(&lines);
        let tallies: [Tally; 3] = Tally::count_sets(&b, sets);
        for (k, t) in tallies.iter().enumerate() {
            let mut orders: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
            for &(_, c, o) in lines.iter().filter(|&&(p, _, _)| sets(p) >> k & 1 == 1) {
                orders.entry(c).or_default().insert(o);
            }
            let buyers = orders.len() as i64;
            let repeaters = orders.values().filter(|o| o.len() >= 2).count() as i64;
            assert!(
                buyers > 100 && repeaters > 50 && repeaters < buyers,
                "set {k}"
            );
            assert_eq!((t.buyers, t.repeaters), (buyers, repeaters), "set {k}");
            for c in 0..b.customers() {
                let by_hand = orders.get(&(c as u32)).map_or(0, |o| o.len().min(2)) as u8;
                assert_eq!(t.orders[c], by_hand, "set {k}, customer {c}");
            }
        }
    }

    /// Moving SKUs in and out of the set one at a time, in every order, gives the same
    /// tally as counting from scratch.
    #[test]
    fn an_updated_tally_equals_a_fresh_count() {
        let b = Buyers::group(&LINES);
        let mut member = [false; 10];
        let mut t = Tally::count(&b, |p| member[p as usize]);
        for p in [1, 9, 2, 1, 9, 1, 2, 2, 9, 1] {
            member[p as usize] = !member[p as usize];
            t.update(&b, &[p], |q| member[q as usize]);
            let fresh = Tally::count(&b, |q| member[q as usize]);
            assert_eq!(t.orders, fresh.orders, "after moving {p}");
            assert_eq!((t.buyers, t.repeaters), (fresh.buyers, fresh.repeaters));
        }
    }
}
