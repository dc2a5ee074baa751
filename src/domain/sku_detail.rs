//! One SKU's detail, as its popup shows it: the lots on hand with their ages, the net
//! units per day over the window and per week, and the batches the SKU is in. Pure:
//! computed when the popup opens, from the data and the frame.

use super::dates::{Day, Frame};
use super::model::{Dataset, ProductIx};
use super::money::Money;
use super::settings::WeekStart;

/// The detail of one product (an index into `Dataset::products`).
#[derive(Debug, Clone, PartialEq)]
pub struct SkuDetail {
    pub product: usize,
    /// (qty, received, age in days, unit cost) per lot on hand at D.
    pub lots: Vec<(i64, Day, i64, Money)>,
    /// Net units per day over the window, oldest first (a day of more returns than
    /// sales counts 0).
    pub daily_units: Vec<u64>,
    /// (first day, net units) of the last six weeks up to the as-of date, oldest first;
    /// weeks start on `week_start`.
    pub weekly_units: Vec<(Day, i64)>,
    /// The batches the SKU is in (indices into `Dataset::batches`).
    pub batches: Vec<usize>,
}

/// The detail of product `i` in `ds` as of `frame`.
pub fn sku_detail(ds: &Dataset, frame: Frame, week_start: WeekStart, i: usize) -> SkuDetail {
    let lots = ds
        .lots
        .iter()
        .filter(|l| l.product as usize == i && l.received <= frame.as_of)
        .map(|l| {
            let cost = l.unit_cost.or(ds.products[i].unit_cost).unwrap_or_default();
            (l.qty, l.received, frame.as_of.since(l.received), cost)
        })
        .collect();
    let start = frame.window_start();
    let mut daily = vec![0i64; frame.window_days as usize];
    for l in ds
        .lines_between(start, frame.as_of)
        .filter(|l| l.product as usize == i)
    {
        daily[l.day.since(start) as usize] += l.qty();
    }
    let batches = ds
        .batches
        .iter()
        .enumerate()
        .filter(|(_, b)| b.skus.iter().any(|s| s.product == i as ProductIx))
        .map(|(n, _)| n)
        .collect();
    let this_week = frame.as_of.week_start(week_start);
    let weekly_units = (0..6)
        .rev()
        .map(|n| {
            let from = this_week.plus(-7 * n);
            let units = ds
                .lines_between(from, from.plus(6).min(frame.as_of))
                .filter(|l| l.product as usize == i)
                .map(|l| l.qty())
                .sum();
            (from, units)
        })
        .collect();
    SkuDetail {
        product: i,
        lots,
        daily_units: daily.into_iter().map(|u| u.max(0) as u64).collect(),
        weekly_units,
        batches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clearance::Ladder;
    use crate::domain::dates::parse_date;
    use crate::domain::model::{
        BatchChannel, BatchSku, BatchStatus, Channel, ClearanceBatch, Line, Lot, Product,
    };

    fn day(text: &str) -> Day {
        Day::from_date(parse_date(text).expect("a date"))
    }

    fn m(text: &str) -> Money {
        text.parse().expect("money")
    }

    fn line(product: ProductIx, on: &str, qty: i64) -> Line {
        Line::new(product, day(on), qty, m("1.00"), 1, None, Channel::None).expect("a line")
    }

    fn batch(id: i64, product: ProductIx) -> ClearanceBatch {
        ClearanceBatch {
            id,
            name: format!("batch {id}"),
            channel: BatchChannel::TieredDiscount,
            starts_on: day("2025-09-01"),
            ends_on: None,
            ladder: Ladder(Vec::new()),
            cash_target: Money::ZERO,
            status: BatchStatus::Planned,
            skus: vec![BatchSku {
                product,
                units_to_clear: None,
            }],
        }
    }

    /// Two products; D is Tuesday 2025-09-30, the window the last 7 days.
    fn shop() -> Dataset {
        let mut ds = Dataset::default();
        for (id, sku) in [(1, "A"), (2, "B")] {
            ds.products.push(Product {
                id,
                sku: sku.into(),
                unit_cost: Some(m("4.00")),
                ..Product::default()
            });
        }
        let lot = |product, qty, on: &str, unit_cost| Lot {
            product,
            qty,
            received: day(on),
            unit_cost,
        };
        ds.lots = vec![
            lot(0, 5, "2025-09-01", None),
            lot(0, 3, "2025-10-02", None),
            lot(1, 7, "2025-09-01", None),
            lot(0, 2, "2025-09-30", Some(m("3.50"))),
        ];
        *ds.lines = vec![
            line(0, "2025-09-20", 4),
            line(0, "2025-09-24", 2),
            line(1, "2025-09-25", 9),
            line(0, "2025-09-30", 1),
            line(0, "2025-09-30", -3),
        ];
        ds.batches = vec![batch(1, 1), batch(2, 0)];
        ds
    }

    #[test]
    fn a_skus_lots_units_and_batches() {
        let frame = Frame::new(day("2025-09-30"), 7, 7);
        let mut prepared = shop();
        prepared.prepare();
        for ds in [shop(), prepared] {
            let d = sku_detail(&ds, frame, WeekStart::Monday, 0);
            assert_eq!(d.product, 0);
            assert_eq!(
                d.lots,
                vec![
                    (5, day("2025-09-01"), 29, m("4.00")),
                    (2, day("2025-09-30"), 0, m("3.50")),
                ],
                "a lot received after D is not on hand; a lot's own cost wins"
            );
            assert_eq!(
                d.daily_units,
                vec![2, 0, 0, 0, 0, 0, 0],
                "from 09-24; D's net return counts 0; the other SKU's line is not its"
            );
            let weeks: Vec<(String, i64)> = d
                .weekly_units
                .iter()
                .map(|(from, units)| (from.to_string(), *units))
                .collect();
            let want = [
                ("2025-08-25", 0),
                ("2025-09-01", 0),
                ("2025-09-08", 0),
                ("2025-09-15", 4),
                ("2025-09-22", 2),
                ("2025-09-29", -2),
            ];
            assert_eq!(
                weeks,
                want.map(|(d, u)| (d.to_string(), u)),
                "weeks from Monday, the last one cut at D, net of returns"
            );
            assert_eq!(d.batches, vec![1]);
        }
        let sunday = sku_detail(&shop(), frame, WeekStart::Sunday, 0);
        assert_eq!(sunday.weekly_units[5], (day("2025-09-28"), -2));
        assert_eq!(sunday.weekly_units[4], (day("2025-09-21"), 2));
    }
}
