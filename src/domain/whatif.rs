//! What-if figures for a change before it is applied: computed from the current review,
//! never written.

use rust_decimal::Decimal;

use super::clearance::{margin_after_discount, margin_alert, price_for_channel, MarginAlert};
use super::command::TierChoice;
use super::metrics::{Review, TierShares};
use super::model::{BatchChannel, Dataset, Tier};
use super::money::Money;

/// The mix and stock headline figures, before or after a change.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub share_revenue: TierShares,
    pub share_gp: TierShares,
    pub share_skus: TierShares,
    pub capital: Money,
    pub slow_movers: i64,
}

fn shares(
    revenue: [Money; 4],
    gp: [Money; 4],
    skus: [i64; 4],
) -> (TierShares, TierShares, TierShares) {
    let total_r: Money = revenue.iter().copied().sum();
    let total_g: Money = gp.iter().copied().sum();
    let total_s: i64 = skus.iter().sum();
    (
        revenue.map(|r| r.ratio(total_r)),
        gp.map(|g| g.ratio(total_g)),
        skus.map(|s| (total_s > 0).then(|| s as f64 / total_s as f64)),
    )
}

pub fn current(r: &Review) -> Headline {
    let k = &r.kpis;
    Headline {
        share_revenue: k.tier_share_revenue,
        share_gp: k.tier_share_gp,
        share_skus: k.tier_share_skus,
        capital: k.capital_tied_up,
        slow_movers: k.slow_movers,
    }
}

/// Moving `products` to a tier (`None`: unchanged) moves their revenue, GP and count.
/// Capital and slow movers do not depend on the tier.
pub fn reclassify(r: &Review, products: &[usize], choice: Option<TierChoice>) -> Headline {
    let t = &r.kpis.tier_totals;
    let (mut revenue, mut gp, mut skus) = (t.revenue, t.gross_profit, t.skus);
    if let Some(choice) = choice {
        for &i in products {
            let f = &r.skus[i];
            let to = match choice {
                TierChoice::Set(tier) => tier,
                TierChoice::Auto => f.computed_tier,
            };
            let from = f.tier.index();
            revenue[from] -= f.net_revenue;
            gp[from] -= f.gross_profit;
            revenue[to.index()] += f.net_revenue;
            gp[to.index()] += f.gross_profit;
            if f.active {
                skus[from] -= 1;
                skus[to.index()] += 1;
            }
        }
    }
    let (share_revenue, share_gp, share_skus) = shares(revenue, gp, skus);
    Headline {
        share_revenue,
        share_gp,
        share_skus,
        capital: r.kpis.capital_tied_up,
        slow_movers: r.kpis.slow_movers,
    }
}

/// One SKU of a planned batch at one ladder step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepLine {
    pub price: Money,
    pub margin: Option<f64>,
    pub alert: MarginAlert,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchLine {
    pub product: usize,
    /// No unit cost: margins are unknown.
    pub cost_missing: bool,
    pub units: i64,
    pub unit_cost: Money,
    pub list_price: Option<Money>,
    pub steps: Vec<StepLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchPreview {
    pub lines: Vec<BatchLine>,
    /// Cash if every unit sold at each step's price.
    pub cash_at_step: Vec<Money>,
    /// The worst alert over all lines and steps.
    pub worst: MarginAlert,
    /// The headline if the batch sells out at its last step.
    pub after: Headline,
}

/// Prices, margins and the cash a batch would bring, per SKU and step, and the headline
/// if it sold out at the last step. `units` of `None` means all on hand.
pub fn batch(
    ds: &Dataset,
    r: &Review,
    products: &[(usize, Option<i64>)],
    channel: BatchChannel,
    discounts: &[Decimal],
    floor: Decimal,
) -> BatchPreview {
    let discounts: Vec<Decimal> = if discounts.is_empty() {
        vec![Decimal::ZERO]
    } else {
        discounts.to_vec()
    };
    let t = &r.kpis.tier_totals;
    let (mut revenue, mut gp, skus) = (t.revenue, t.gross_profit, t.skus);
    let mut capital = r.kpis.capital_tied_up;
    let mut slow = r.kpis.slow_movers;
    let mut cash_at_step = vec![Money::ZERO; discounts.len()];
    let mut worst = MarginAlert::Ok;
    let mut lines = Vec::new();
    for &(i, units) in products {
        let p = &ds.products[i];
        let f = &r.skus[i];
        let units = units.unwrap_or(f.on_hand).max(0);
        // Without a unit cost no margin can be known: shown as a warning, never as fine.
        let cost_missing = p.unit_cost.is_none();
        let cost = p.unit_cost.unwrap_or(Money::ZERO);
        let list = p.list_price.or_else(|| {
            (f.units > 0).then(|| Money::from_micros(f.net_revenue.micros() / f.units as i128))
        });
        let steps: Vec<StepLine> = discounts
            .iter()
            .map(|&d| {
                let price = list.map_or(Money::ZERO, |l| price_for_channel(channel, l, d));
                let margin = if cost_missing {
                    None
                } else {
                    margin_after_discount(price, cost)
                };
                let alert = if cost_missing {
                    MarginAlert::Warning
                } else {
                    margin_alert(margin, floor)
                };
                StepLine {
                    price,
                    margin,
                    alert,
                }
            })
            .collect();
        for (n, s) in steps.iter().enumerate() {
            cash_at_step[n] += s.price * units;
            worst = worst.max(s.alert);
        }
        if let Some(last) = steps.last() {
            let tier = f.tier.index();
            revenue[tier] += last.price * units;
            gp[tier] += (last.price - cost) * units;
        }
        // Capital leaves at the SKU's average lot cost; a SKU cleared out is no longer slow.
        if f.on_hand > 0 {
            let per_unit = Money::from_micros(f.capital.micros() / i128::from(f.on_hand));
            capital -= per_unit * units.min(f.on_hand);
            if f.slow && units >= f.on_hand {
                slow -= 1;
            }
        }
        lines.push(BatchLine {
            cost_missing,
            product: i,
            units,
            unit_cost: cost,
            list_price: list,
            steps,
        });
    }
    let (share_revenue, share_gp, share_skus) = shares(revenue, gp, skus);
    BatchPreview {
        lines,
        cash_at_step,
        worst,
        after: Headline {
            share_revenue,
            share_gp,
            share_skus,
            capital,
            slow_movers: slow,
        },
    }
}

/// Alerts order from fine to alarming, so `max` finds the worst.
impl PartialOrd for MarginAlert {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for MarginAlert {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let rank = |a: &MarginAlert| match a {
            MarginAlert::Ok => 0,
            MarginAlert::Warning => 1,
            MarginAlert::Alarm => 2,
        };
        rank(self).cmp(&rank(other))
    }
}

/// A tier share shift written for the form: `31.5% → 30.9%`.
pub fn shift(before: Option<f64>, after: Option<f64>) -> String {
    let p = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{:.1}%", v * 100.0));
    format!("{} → {}", p(before), p(after))
}

pub fn tier_label(i: usize) -> &'static str {
    Tier::ALL[i].as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::{Day, Frame};
    use crate::domain::metrics::review;
    use crate::domain::model::{Channel, Line, Lot, Product};
    use crate::domain::settings::Settings;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    /// Two SKUs: A high (40 % margin, revenue 100), B low (10 %, revenue 100), B with 10
    /// slow units on hand at cost 9.
    fn data() -> (Dataset, Review) {
        let d = Day(740_000);
        let product = |sku: &str, cost: &str, list: &str| Product {
            sku: sku.into(),
            unit_cost: Some(m(cost)),
            list_price: Some(m(list)),
            ..Product::default()
        };
        let line = |p, price: &str| {
            Line::new(p, d.plus(-60), 10, m(price) * 10, p, None, Channel::None).unwrap()
        };
        let ds = Dataset {
            products: vec![product("A", "6", "10"), product("B", "9", "10")],
            lots: vec![Lot {
                product: 1,
                qty: 10,
                received: d.plus(-100),
                unit_cost: None,
            }],
            lines: vec![line(0, "10"), line(1, "10")].into(),
            ..Dataset::default()
        };
        let r = review(&ds, Frame::new(d, 90, 30), &Settings::default());
        (ds, r)
    }

    #[test]
    fn reclassifying_moves_revenue_gp_and_count_between_tiers() {
        let (_, r) = data();
        let before = current(&r);
        assert_eq!(before.share_revenue[0], Some(0.5));
        assert_eq!(before.share_revenue[2], Some(0.5));
        let after = reclassify(&r, &[1], Some(TierChoice::Set(Tier::High)));
        assert_eq!(after.share_revenue[0], Some(1.0));
        assert_eq!(after.share_revenue[2], Some(0.0));
        assert_eq!(after.share_skus[0], Some(1.0));
        assert_eq!(after.capital, before.capital);
        assert_eq!(reclassify(&r, &[1], Some(TierChoice::Auto)), before);
        assert_eq!(reclassify(&r, &[1], None), before);
    }

    #[test]
    fn a_batch_preview_prices_each_step_and_the_sell_out() {
        let (ds, r) = data();
        assert_eq!(r.kpis.slow_movers, 1);
        let steps = [Decimal::new(10, 2), Decimal::new(20, 2)];
        let p = batch(
            &ds,
            &r,
            &[(1, None)],
            BatchChannel::TieredDiscount,
            &steps,
            Decimal::new(25, 2),
        );
        let line = &p.lines[0];
        assert_eq!(line.units, 10);
        assert_eq!(line.steps[0].price, m("9"));
        assert_eq!(line.steps[0].margin, Some(0.0));
        assert_eq!(line.steps[1].price, m("8"));
        assert_eq!(line.steps[1].alert, MarginAlert::Alarm);
        assert_eq!(p.cash_at_step, vec![m("90"), m("80")]);
        assert_eq!(p.worst, MarginAlert::Alarm);
        // Sold out at 8.00: low tier gains 80 revenue and −10 GP; capital 90 → 0.
        assert_eq!(p.after.capital, Money::ZERO);
        assert_eq!(p.after.slow_movers, 0);
        let low_rev = 100.0 + 80.0;
        assert!((p.after.share_revenue[2].unwrap() - low_rev / (100.0 + low_rev)).abs() < 1e-12);
        let bogo = batch(
            &ds,
            &r,
            &[(1, Some(4))],
            BatchChannel::Bogo,
            &[],
            Decimal::new(25, 2),
        );
        assert_eq!(bogo.lines[0].steps[0].price, m("5"));
        assert_eq!(bogo.cash_at_step, vec![m("20")]);
        assert_eq!(
            bogo.after.slow_movers, 1,
            "4 of 10 units cleared: still slow"
        );
    }
}
