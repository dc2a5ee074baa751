//! What a clearance batch really earned (METRICS.md "Clearance results"): over its lines
//! — its SKUs, dated start … end, or to D while it runs — units, cash recovered, COGS,
//! GP, realised margin and discount, the same per ladder step, and its pace against
//! the cash target.

use rust_decimal::Decimal;

use super::dates::{Day, Frame};
use super::model::{ClearanceBatch, Dataset};
use super::money::Money;

/// The batch's cash against the share of its target its elapsed days call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Ahead,
    On,
    Behind,
}

impl Pace {
    pub fn as_str(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::On => "on",
            Pace::Behind => "behind",
        }
    }
}

/// One step of the ladder as it ran.
#[derive(Debug, Clone, PartialEq)]
pub struct StepResult {
    pub discount: Decimal,
    pub start: Day,
    /// `None`: the last step of a batch without an end date.
    pub end: Option<Day>,
    pub units: i64,
    pub net_revenue: Money,
    pub cogs: Money,
}

impl StepResult {
    /// GP / net revenue of the step; `None` when its revenue is ≤ 0.
    pub fn margin(&self) -> Option<f64> {
        (self.net_revenue - self.cogs).ratio(self.net_revenue)
    }
    /// The step's length in days, `None` while open-ended.
    pub fn days(&self) -> Option<i64> {
        self.end.map(|e| e.since(self.start) + 1)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchResult {
    pub units: i64,
    /// Net revenue of the batch's lines: the cash recovered.
    pub cash: Money,
    pub cogs: Money,
    pub gross_profit: Money,
    /// GP / net revenue; `None` when the revenue is ≤ 0.
    pub realised_margin: Option<f64>,
    /// 1 − net revenue / Σ(qty × list price); `None` when that sum is ≤ 0.
    pub realised_discount: Option<f64>,
    /// Cash target × the elapsed share of the batch's days; `None` before the start or
    /// without an end date (no share of days can be said).
    pub expected_cash: Option<Money>,
    pub pace: Option<Pace>,
    pub steps: Vec<StepResult>,
}

/// The days each step runs: step k from the start plus the previous steps' days, the
/// last to the batch's end. Steps that would start after the end are left out.
fn step_days(batch: &ClearanceBatch) -> Vec<(Day, Option<Day>, Decimal)> {
    let mut out = Vec::new();
    let mut start = batch.starts_on;
    let n = batch.ladder.0.len();
    for (k, step) in batch.ladder.0.iter().enumerate() {
        if batch.ends_on.is_some_and(|e| start > e) {
            break;
        }
        let end = match step.days {
            Some(d) if k + 1 < n => {
                let end = start.plus(d.max(1) as i32 - 1);
                Some(batch.ends_on.map_or(end, |e| end.min(e)))
            }
            _ => batch.ends_on,
        };
        out.push((start, end, step.discount));
        match end {
            Some(e) => start = e.plus(1),
            None => break,
        }
    }
    out
}

/// The batch's result as of `frame.as_of` (lines after D never count).
pub fn batch_result(ds: &Dataset, batch: &ClearanceBatch, frame: Frame) -> BatchResult {
    let last = batch.ends_on.map_or(frame.as_of, |e| e.min(frame.as_of));
    let mut in_batch = vec![false; ds.products.len()];
    for s in &batch.skus {
        if let Some(b) = in_batch.get_mut(s.product as usize) {
            *b = true;
        }
    }
    let mut steps: Vec<StepResult> = step_days(batch)
        .into_iter()
        .map(|(start, end, discount)| StepResult {
            discount,
            start,
            end,
            units: 0,
            net_revenue: Money::ZERO,
            cogs: Money::ZERO,
        })
        .collect();
    let (mut units, mut cash, mut cogs, mut list) = (0, Money::ZERO, Money::ZERO, Money::ZERO);
    for l in ds.lines_between(batch.starts_on, last) {
        let p = l.product as usize;
        if !in_batch[p] {
            continue;
        }
        let product = &ds.products[p];
        let line_cogs = product.unit_cost.unwrap_or(Money::ZERO) * l.qty();
        units += l.qty();
        cash += l.net_revenue();
        cogs += line_cogs;
        list += product.list_price.unwrap_or(Money::ZERO) * l.qty();
        if let Some(step) = steps
            .iter_mut()
            .find(|s| l.day >= s.start && s.end.is_none_or(|e| l.day <= e))
        {
            step.units += l.qty();
            step.net_revenue += l.net_revenue();
            step.cogs += line_cogs;
        }
    }
    let gross_profit = cash - cogs;
    let (expected_cash, pace) = pace(batch, frame.as_of, cash);
    BatchResult {
        units,
        cash,
        cogs,
        gross_profit,
        realised_margin: gross_profit.ratio(cash),
        realised_discount: cash.ratio(list).map(|r| 1.0 - r),
        expected_cash,
        pace,
        steps,
    }
}

/// Expected cash by D and the pace: the target × elapsed days / the batch's days,
/// compared exactly (cash × days against target × elapsed).
fn pace(batch: &ClearanceBatch, as_of: Day, cash: Money) -> (Option<Money>, Option<Pace>) {
    let Some(end) = batch.ends_on else {
        return (None, None);
    };
    if as_of < batch.starts_on {
        return (None, None);
    }
    let total = end.since(batch.starts_on) + 1;
    if total <= 0 {
        return (None, None);
    }
    let elapsed = (as_of.since(batch.starts_on) + 1).clamp(0, total);
    let expected = batch
        .cash_target
        .mul_decimal(Decimal::from(elapsed) / Decimal::from(total));
    let lhs = cash.micros() * i128::from(total);
    let rhs = batch.cash_target.micros() * i128::from(elapsed);
    let pace = match lhs.cmp(&rhs) {
        std::cmp::Ordering::Greater => Pace::Ahead,
        std::cmp::Ordering::Equal => Pace::On,
        std::cmp::Ordering::Less => Pace::Behind,
    };
    (Some(expected), Some(pace))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clearance::Ladder;
    use crate::domain::model::{BatchChannel, BatchSku, BatchStatus, Channel, Line, Product};
    use chrono::NaiveDate;

    fn day(s: &str) -> Day {
        Day::from_date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }
    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    /// One SKU (cost 40, list 100) and a three-step ladder 10 %@3d, 20 %@3d, 30 % over
    /// 11-01 … 11-10, with a sale in each step, one after the end and one before the
    /// start.
    fn shop() -> (Dataset, ClearanceBatch) {
        let mut ds = Dataset {
            products: vec![
                Product {
                    sku: "HT-1".into(),
                    unit_cost: Some(m("40")),
                    list_price: Some(m("100")),
                    ..Product::default()
                },
                Product {
                    sku: "OTHER".into(),
                    unit_cost: Some(m("1")),
                    list_price: Some(m("2")),
                    ..Product::default()
                },
            ],
            ..Dataset::default()
        };
        let sale = |day_: &str, qty: i64, price: &str, product: u32, order: u32| {
            Line::new(
                product,
                day(day_),
                qty,
                m(price) * qty,
                order,
                None,
                Channel::None,
            )
            .unwrap()
        };
        *ds.lines = vec![
            sale("2025-10-31", 5, "100", 0, 1),
            sale("2025-11-02", 2, "90", 0, 2),
            sale("2025-11-05", 3, "80", 0, 3),
            sale("2025-11-09", 4, "70", 0, 4),
            sale("2025-11-09", 9, "2", 1, 5),
            sale("2025-11-11", 6, "70", 0, 6),
        ];
        ds.prepare();
        let batch = ClearanceBatch {
            id: 1,
            name: "Double-11".into(),
            channel: BatchChannel::TieredDiscount,
            starts_on: day("2025-11-01"),
            ends_on: Some(day("2025-11-10")),
            ladder: "10%@3d,20%@3d,30%".parse::<Ladder>().unwrap(),
            cash_target: m("1000"),
            status: BatchStatus::Active,
            skus: vec![BatchSku {
                product: 0,
                units_to_clear: Some(20),
            }],
        };
        (ds, batch)
    }

    #[test]
    fn a_three_step_ladder_counts_each_steps_lines_and_not_those_outside_the_batch() {
        let (ds, batch) = shop();
        let r = batch_result(&ds, &batch, Frame::new(day("2025-11-30"), 90, 30));
        // 2×90 + 3×80 + 4×70 = 700 from 9 units; COGS 9 × 40 = 360; list 900.
        assert_eq!(r.units, 9);
        assert_eq!(r.cash, m("700"));
        assert_eq!(r.cogs, m("360"));
        assert_eq!(r.gross_profit, m("340"));
        assert!((r.realised_margin.unwrap() - 340.0 / 700.0).abs() < 1e-12);
        assert!((r.realised_discount.unwrap() - (1.0 - 700.0 / 900.0)).abs() < 1e-12);
        let steps: Vec<(Day, Option<Day>, i64, Money)> = r
            .steps
            .iter()
            .map(|s| (s.start, s.end, s.units, s.net_revenue))
            .collect();
        assert_eq!(
            steps,
            vec![
                (day("2025-11-01"), Some(day("2025-11-03")), 2, m("180")),
                (day("2025-11-04"), Some(day("2025-11-06")), 3, m("240")),
                (day("2025-11-07"), Some(day("2025-11-10")), 4, m("280")),
            ]
        );
        assert_eq!(r.steps[2].days(), Some(4));
        // Over: all 10 days elapsed, 700 < 1000.
        assert_eq!(r.expected_cash, Some(m("1000")));
        assert_eq!(r.pace, Some(Pace::Behind));
    }

    #[test]
    fn pace_is_against_the_elapsed_share_and_null_before_the_start() {
        let (ds, batch) = shop();
        // As of 11-05: 5 of 10 days, expected 500; cash 2×90 + 3×80 = 420.
        let r = batch_result(&ds, &batch, Frame::new(day("2025-11-05"), 90, 30));
        assert_eq!(r.cash, m("420"));
        assert_eq!(r.expected_cash, Some(m("500")));
        assert_eq!(r.pace, Some(Pace::Behind));
        // As of 11-02: 2 of 10 days, expected 200, cash 180: behind; a target of 900
        // makes 180 exactly on pace.
        let r = batch_result(&ds, &batch, Frame::new(day("2025-11-02"), 90, 30));
        assert_eq!(r.pace, Some(Pace::Behind));
        let on = ClearanceBatch {
            cash_target: m("900"),
            ..batch.clone()
        };
        let r = batch_result(&ds, &on, Frame::new(day("2025-11-02"), 90, 30));
        assert_eq!(r.pace, Some(Pace::On));
        let r = batch_result(&ds, &batch, Frame::new(day("2025-10-31"), 90, 30));
        assert_eq!((r.expected_cash, r.pace, r.units), (None, None, 0));
    }

    #[test]
    fn an_open_ended_batch_has_an_open_last_step_and_no_pace() {
        let (ds, mut batch) = shop();
        batch.ends_on = None;
        let r = batch_result(&ds, &batch, Frame::new(day("2025-11-30"), 90, 30));
        assert_eq!(r.steps.last().unwrap().end, None);
        // The sale of 11-11 now counts, in the last step.
        assert_eq!(r.steps.last().unwrap().units, 10);
        assert_eq!(r.units, 15);
        assert_eq!(r.pace, None);
    }
}
