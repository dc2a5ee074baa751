//! `[refunds]`: an order-level refund spread over the order's lines as extra discount,
//! exactly as DATA-FORMATS.md ("Refunds and cancellations in platform exports") says.
//! With n_i = qty × price − discount of each line and N = Σ n_i over the lines with
//! n_i > 0, the refund R is capped at N (the rest — shipping, tax — is not product
//! revenue); each such line gets R × n_i / N rounded to the cent half away from zero,
//! and the last one (file order) gets what is left, never more than its n_i.
//! The translator holds an order's rows here until the order ends (its rows are
//! adjacent, as the exports write them), then settles them.

use std::collections::HashMap;
use std::str::FromStr;

use super::normalize::Numbers;
use super::plan::RefundPlan;
use crate::domain::money::Money;
use crate::import::native::parse_int;
use crate::import::table::ImportError;

/// What the refunds of a file came to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefundTally {
    /// Orders whose refund was taken off their lines.
    pub orders: usize,
    /// Their refunded amounts, as the export gives them.
    pub refunded: Money,
    /// What was taken off their lines (the rest was beyond their product lines).
    pub spread: Money,
}

impl RefundTally {
    pub fn add(&mut self, other: &RefundTally) {
        self.orders += other.orders;
        self.refunded += other.refunded;
        self.spread += other.spread;
    }

    /// Refunded beyond the orders' product lines (shipping, tax): not product revenue.
    pub fn beyond(&self) -> Money {
        self.refunded - self.spread
    }
}

/// The share of `refund` each line gets, for lines worth `worth` (qty × price −
/// discount): zero for lines worth nothing or less.
pub fn spread(refund: Money, worth: &[Money]) -> Vec<Money> {
    let mut shares = vec![Money::ZERO; worth.len()];
    let total: i128 = worth
        .iter()
        .filter(|n| n.is_positive())
        .map(|n| n.micros())
        .sum();
    let r = refund.micros().abs().min(total);
    let Some(last) = worth.iter().rposition(|n| n.is_positive()) else {
        return shares;
    };
    if r <= 0 {
        return shares;
    }
    // R × n_i / N in cents, half away from zero (every term is positive): with
    // den = N × 10⁴ micros per cent, round(num / den) = (2·num + den) / (2·den).
    let den = total * 10_000;
    let mut given = 0i128;
    for (i, n) in worth.iter().enumerate() {
        if !n.is_positive() || i == last {
            continue;
        }
        let num = r * n.micros();
        let cents = (2 * num + den) / (2 * den);
        shares[i] = Money::from_micros(cents * 10_000);
        given += cents * 10_000;
    }
    let rest = (r - given).clamp(0, worth[last].micros());
    shares[last] = Money::from_micros(rest);
    shares
}

/// An exact native amount: `3.33`, `0.000001`, `-2`.
pub fn exact(m: Money) -> String {
    let micros = m.micros();
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    let (int, frac) = (abs / 1_000_000, abs % 1_000_000);
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let frac = format!("{frac:06}");
    format!("{sign}{int}.{}", frac.trim_end_matches('0'))
}

/// A row held until its order ends.
pub(super) struct Held {
    pub vals: Vec<String>,
    pub raws: Vec<String>,
    pub line: u64,
}

/// The rows of one order seen so far, and its order-level cells.
pub(super) struct Group {
    pub key: String,
    /// The first non-empty refund amount cell among the order's rows, and its line.
    pub amount: Option<(String, u64)>,
    /// Whether the first non-empty cell of the condition column matched.
    pub when: Option<bool>,
    pub rows: Vec<Held>,
}

impl Group {
    pub fn new(key: &str) -> Group {
        Group {
            key: key.to_string(),
            amount: None,
            when: None,
            rows: Vec::new(),
        }
    }

    /// Notes the order-level cells of one of its rows (kept or skipped).
    pub fn observe(&mut self, plan: &RefundPlan, cells: &[&str], line: u64) {
        if self.amount.is_none() {
            let a = cells.get(plan.amount).map_or("", |c| c.trim());
            if !a.is_empty() {
                self.amount = Some((a.to_string(), line));
            }
        }
        if let (None, Some((col, regex))) = (self.when, &plan.when) {
            let v = cells.get(*col).map_or("", |c| c.trim());
            if !v.is_empty() {
                self.when = Some(regex.is_match(v));
            }
        }
    }
}

/// Where settling reports.
pub(super) struct Settle<'a> {
    pub file: &'a str,
    pub plan: &'a RefundPlan,
    pub numbers: &'a Numbers,
    pub tally: &'a mut RefundTally,
    pub errors: &'a mut Vec<ImportError>,
    /// Orders whose refund was spread, and the line where each began.
    pub spread_at: &'a mut HashMap<String, u64>,
}

impl Settle<'_> {
    /// Takes the order's refund off its held lines (their discount cells).
    pub fn group(&mut self, g: &mut Group) {
        let Some((raw, line)) = &g.amount else {
            return;
        };
        let error = |message: String| ImportError {
            file: self.file.to_string(),
            line: *line,
            column: Some(self.plan.amount_label.clone()),
            message,
            value: Some(raw.clone()),
        };
        let amount = match self.numbers.normalize(raw).map(|n| Money::from_str(&n)) {
            Ok(Ok(m)) => Money::from_micros(m.micros().abs()),
            _ => {
                self.errors.push(error(
                    "is not an amount of money (the order's refund)".into(),
                ));
                return;
            }
        };
        if amount.is_zero()
            || g.when == Some(false)
            || (self.plan.when.is_some() && g.when.is_none())
        {
            return;
        }
        if g.rows.is_empty() {
            return;
        }
        if let Some(first) = self.spread_at.get(&g.key) {
            self.errors.push(error(format!(
                "the rows of order {} are not together (it began on line {first}): its refund would be taken off twice; sort the export by order",
                g.key
            )));
            return;
        }
        self.spread_at.insert(g.key.clone(), g.rows[0].line);
        let p = self.plan;
        let mut worth = Vec::with_capacity(g.rows.len());
        let mut discounts = Vec::with_capacity(g.rows.len());
        for r in &g.rows {
            let qty = parse_int(r.vals[p.qty].trim());
            let price = Money::from_str(r.vals[p.price].trim());
            let d = r.vals[p.discount].trim();
            let discount = if d.is_empty() {
                Ok(Money::ZERO)
            } else {
                Money::from_str(d)
            };
            // A bad value is reported by the native check; nothing is spread over it.
            let (Some(qty), Ok(price), Ok(discount)) = (qty, price, discount) else {
                return;
            };
            worth.push(price * qty - discount);
            discounts.push(discount);
        }
        let shares = spread(amount, &worth);
        for ((r, share), discount) in g.rows.iter_mut().zip(&shares).zip(discounts) {
            if share.is_positive() {
                r.vals[p.discount] = exact(discount + *share);
            }
        }
        self.tally.orders += 1;
        self.tally.refunded += amount;
        self.tally.spread += shares.into_iter().sum::<Money>();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::from_str(s).expect("money")
    }

    fn shares(r: &str, worth: &[&str]) -> Vec<String> {
        let worth: Vec<Money> = worth.iter().map(|w| m(w)).collect();
        spread(m(r), &worth).into_iter().map(exact).collect()
    }

    #[test]
    fn a_refund_is_spread_by_worth_and_the_last_line_takes_the_remainder() {
        // 10 over three equal lines: 3.33, 3.33 and the rest, 3.34.
        assert_eq!(shares("10", &["10", "10", "10"]), ["3.33", "3.33", "3.34"]);
        // Half a cent rounds away from zero: 0.10 × 1/4 = 0.025 → 0.03.
        assert_eq!(shares("0.10", &["1", "3"]), ["0.03", "0.07"]);
        // One line takes it all.
        assert_eq!(shares("4.5", &["38"]), ["4.5"]);
        // A sign on the amount is ignored.
        assert_eq!(shares("-4.5", &["38"]), ["4.5"]);
    }

    #[test]
    fn a_refund_beyond_the_lines_is_capped_and_lines_worth_nothing_get_nothing() {
        // 25 refunded on 20 of products (5 was shipping): each line is refunded whole.
        assert_eq!(shares("25", &["12", "8"]), ["12", "8"]);
        // A free line and an adjustment line take no share; the last line worth
        // something takes the remainder, even when a line worth nothing follows it.
        assert_eq!(
            shares("1", &["0", "2", "-1", "1", "0"]),
            ["0", "0.67", "0", "0.33", "0"]
        );
        assert_eq!(shares("5", &["0", "-3"]), ["0", "0"]);
        assert_eq!(shares("0", &["5"]), ["0"]);
    }

    #[test]
    fn the_last_line_never_gets_more_than_it_is_worth() {
        // Sub-cent prices: 0.333 + 0.333, all refunded. The first share rounds to 0.33;
        // what is left (0.336) is more than the last line is worth: it gets 0.333.
        assert_eq!(shares("0.67", &["0.333", "0.333"]), ["0.33", "0.333"]);
    }

    #[test]
    fn exact_amounts_keep_every_micro() {
        assert_eq!(exact(m("3.30")), "3.3");
        assert_eq!(exact(m("0.000001")), "0.000001");
        assert_eq!(exact(m("-2")), "-2");
        assert_eq!(exact(Money::ZERO), "0");
    }
}
