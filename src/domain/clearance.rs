//! Clearance batches: discount ladders, price and margin after discount, and progress
//! (cash recovered and units cleared) as METRICS.md defines them.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::dates::Frame;
use super::model::{BatchChannel, ClearanceBatch, Dataset};
use super::money::Money;

/// One step of a discount ladder: a discount (0–1) held for some days (the last step
/// has no length: it lasts until the batch ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub discount: Decimal,
    pub days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ladder(pub Vec<Step>);

/// Whether a step's discount (a fraction) is one a ladder may have: 0 to under 1
/// (0–99 %).
pub fn discount_in_range(discount: Decimal) -> bool {
    discount >= Decimal::ZERO && discount < Decimal::ONE
}

/// What is wrong with one step of a discount ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LadderProblem {
    /// The discount is not a number.
    NotAPercentage,
    /// The discount is outside 0–99 %.
    OutOfRange,
    /// The days are not a whole number.
    BadDays,
}

/// A ladder that does not parse: the step as written and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderError {
    pub step: String,
    pub problem: LadderProblem,
}

impl fmt::Display for LadderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.problem {
            LadderProblem::NotAPercentage => "discount is not a percentage",
            LadderProblem::OutOfRange => "discount must be 0–99 %",
            LadderProblem::BadDays => "days must be a whole number like 7d",
        };
        write!(f, "step {:?}: {what}", self.step)
    }
}

impl Ladder {
    /// `10%@7d,20%@7d,30%` → three steps; empty → no steps.
    pub fn parse(s: &str) -> Result<Ladder, LadderError> {
        let mut steps = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let fail = |problem| LadderError {
                step: part.to_string(),
                problem,
            };
            let (pct, days) = match part.split_once('@') {
                Some((p, d)) => (p.trim(), Some(d.trim())),
                None => (part, None),
            };
            let pct = pct.strip_suffix('%').unwrap_or(pct).trim();
            let value = Decimal::from_str(pct).map_err(|_| fail(LadderProblem::NotAPercentage))?;
            let discount = value / Decimal::from(100);
            if !discount_in_range(discount) {
                return Err(fail(LadderProblem::OutOfRange));
            }
            let days = match days {
                None => None,
                Some(d) => {
                    let d = d.strip_suffix('d').unwrap_or(d);
                    Some(d.parse::<u32>().map_err(|_| fail(LadderProblem::BadDays))?)
                }
            };
            steps.push(Step { discount, days });
        }
        Ok(Ladder(steps))
    }
}

impl FromStr for Ladder {
    type Err = String;

    /// [`Ladder::parse`], its error in English.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ladder::parse(s).map_err(|e| e.to_string())
    }
}

impl fmt::Display for Ladder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}%", (step.discount * Decimal::from(100)).normalize())?;
            if let Some(d) = step.days {
                write!(f, "@{d}d")?;
            }
        }
        Ok(())
    }
}

/// Price after a discount step: list × (1 − discount).
pub fn price_after_discount(list: Money, discount: Decimal) -> Money {
    list.mul_decimal(Decimal::ONE - discount)
}

/// Price per unit under a channel: buy-one-get-one is half the list price.
pub fn price_for_channel(channel: BatchChannel, list: Money, discount: Decimal) -> Money {
    match channel {
        BatchChannel::Bogo => list.mul_decimal(Decimal::new(5, 1)),
        _ => price_after_discount(list, discount),
    }
}

/// (price − cost) / price; `None` when the price is ≤ 0.
pub fn margin_after_discount(price: Money, cost: Money) -> Option<f64> {
    (price - cost).ratio(price)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarginAlert {
    Ok,
    /// Below the margin floor.
    Warning,
    /// Below zero (or undefined: a price of zero).
    Alarm,
}

pub fn margin_alert(margin: Option<f64>, floor: Decimal) -> MarginAlert {
    let floor: f64 = floor.try_into().unwrap_or(0.0);
    match margin {
        None => MarginAlert::Alarm,
        Some(m) if m < 0.0 => MarginAlert::Alarm,
        Some(m) if m < floor => MarginAlert::Warning,
        Some(_) => MarginAlert::Ok,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchProgress {
    pub cash_recovered: Money,
    pub units_cleared: i64,
    /// Σ units to clear (a SKU without a number counts its on hand at D).
    pub units_to_clear: i64,
    pub cash_progress: Option<f64>,
    pub units_progress: Option<f64>,
}

/// Cash recovered and units cleared: lines of the batch's SKUs dated start … end (or up
/// to D while the batch runs; lines after D never count).
pub fn batch_progress(
    ds: &Dataset,
    batch: &ClearanceBatch,
    frame: Frame,
    on_hand: impl Fn(usize) -> i64,
) -> BatchProgress {
    let last = batch.ends_on.map_or(frame.as_of, |e| e.min(frame.as_of));
    let mut in_batch = vec![false; ds.products.len()];
    let mut units_to_clear = 0;
    for s in &batch.skus {
        in_batch[s.product as usize] = true;
        units_to_clear += s
            .units_to_clear
            .unwrap_or_else(|| on_hand(s.product as usize));
    }
    let (mut cash, mut units) = (Money::ZERO, 0);
    for l in ds.lines_between(batch.starts_on, last) {
        if in_batch[l.product as usize] {
            cash += l.net_revenue();
            units += l.qty();
        }
    }
    BatchProgress {
        cash_recovered: cash,
        units_cleared: units,
        units_to_clear,
        cash_progress: cash.ratio(batch.cash_target),
        units_progress: (units_to_clear > 0).then(|| units as f64 / units_to_clear as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn ladder_parses_and_prints_back() {
        let l: Ladder = "10%@7d, 20%@7d ,30%".parse().unwrap();
        assert_eq!(l.0.len(), 3);
        assert_eq!(
            l.0[0],
            Step {
                discount: Decimal::new(1, 1),
                days: Some(7)
            }
        );
        assert_eq!(l.0[2].days, None);
        assert_eq!(l.to_string(), "10%@7d,20%@7d,30%");
        assert_eq!("".parse::<Ladder>().unwrap(), Ladder::default());
        for bad in ["abc", "120%", "10%@x", "-5%"] {
            assert!(bad.parse::<Ladder>().is_err(), "{bad}");
        }
    }

    #[test]
    fn price_and_margin_after_discount() {
        let list = m("100.00");
        let cost = m("60.00");
        let cases = [
            (
                Decimal::new(10, 2),
                "90.00",
                Some(1.0 / 3.0),
                MarginAlert::Ok,
            ),
            (Decimal::new(20, 2), "80.00", Some(0.25), MarginAlert::Ok),
            (
                Decimal::new(30, 2),
                "70.00",
                Some(10.0 / 70.0),
                MarginAlert::Warning,
            ),
            (Decimal::new(50, 2), "50.00", Some(-0.2), MarginAlert::Alarm),
        ];
        for (d, price, margin, alert) in cases {
            let p = price_after_discount(list, d);
            assert_eq!(p, m(price));
            let got = margin_after_discount(p, cost);
            assert!((got.unwrap() - margin.unwrap()).abs() < 1e-12);
            assert_eq!(margin_alert(got, Decimal::new(25, 2)), alert, "{d}");
        }
        assert_eq!(
            price_for_channel(BatchChannel::Bogo, m("59.90"), Decimal::ZERO),
            m("29.95")
        );
        assert_eq!(margin_after_discount(Money::ZERO, cost), None);
        assert_eq!(margin_alert(None, Decimal::new(25, 2)), MarginAlert::Alarm);
    }
}
