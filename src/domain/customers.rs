//! The customer and channel figures of METRICS.md — repurchase rate, mobile share,
//! new-product conversion — as accumulators fed one order line at a time, so that
//! `metrics::review` gathers them in the same pass over W as the per-SKU totals.
//!
//! Customer ids are dense (the loader keeps them so): they index flat arrays, and no
//! figure here sorts or hashes per line.

use super::model::{Channel, Line};
use super::money::Money;

fn ratio_i(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Customers with ≥ 2 distinct orders over customers with ≥ 1. A customer has two
/// distinct orders exactly when one of their lines belongs to another order than the
/// first line seen.
#[derive(Debug, Default)]
pub struct Repurchase {
    first_order: Vec<u32>,
    repeat: Vec<bool>,
    customers: i64,
    repeaters: i64,
}

impl Repurchase {
    const NONE: u32 = u32::MAX;

    /// Counts a line of qty > 0 (the caller checks the qty and which SKUs count).
    pub fn add(&mut self, customer: u32, order: u32) {
        let c = customer as usize;
        if c >= self.first_order.len() {
            self.first_order.resize(c + 1, Self::NONE);
            self.repeat.resize(c + 1, false);
        }
        if self.first_order[c] == Self::NONE {
            self.first_order[c] = order;
            self.customers += 1;
        } else if self.first_order[c] != order && !self.repeat[c] {
            self.repeat[c] = true;
            self.repeaters += 1;
        }
    }

    /// `None` when no customer has an order.
    pub fn rate(&self) -> Option<f64> {
        ratio_i(self.repeaters, self.customers)
    }
}

/// Distinct customers.
#[derive(Debug, Default)]
pub struct Distinct {
    seen: Vec<bool>,
    count: i64,
}

impl Distinct {
    pub fn add(&mut self, customer: u32) {
        let c = customer as usize;
        if c >= self.seen.len() {
            self.seen.resize(c + 1, false);
        }
        self.count += i64::from(!std::mem::replace(&mut self.seen[c], true));
    }

    pub fn count(&self) -> i64 {
        self.count
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
        self.all += line.net_revenue;
        self.any_channel |= line.channel != Channel::None;
        if line.channel == Channel::Mobile {
            self.mobile += line.net_revenue;
        }
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

    #[test]
    fn repurchase_counts_distinct_orders_not_lines() {
        let mut r = Repurchase::default();
        // Customer 1: two lines of one order. Customer 2: two orders. Customer 3: three.
        for (c, o) in [
            (1, 10),
            (1, 10),
            (2, 20),
            (2, 21),
            (3, 30),
            (3, 31),
            (3, 32),
        ] {
            r.add(c, o);
        }
        assert_eq!(r.rate(), Some(2.0 / 3.0));
        assert_eq!(Repurchase::default().rate(), None);
    }

    #[test]
    fn distinct_customers_are_counted_once() {
        let mut d = Distinct::default();
        for c in [5, 0, 5, 7, 0] {
            d.add(c);
        }
        assert_eq!(d.count(), 3);
    }
}
