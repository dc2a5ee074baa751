//! Exact money: an amount in micro-units (10⁻⁶ of the currency) held in an `i128`.
//!
//! Owns parsing of money text from data files and rounding for display. Sums are exact;
//! rounding happens only when a figure is written, to the cent, half away from zero,
//! and `-0.00` is written `0.00` (METRICS.md, "Identity and money").

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::Decimal;

/// Micro-units per currency unit.
pub const SCALE: i128 = 1_000_000;
pub const MAX_DECIMALS: u32 = 6;
/// The largest magnitude a single money cell may hold (one billion currency units).
const MAX_CELL: i128 = 1_000_000_000 * SCALE;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Money(i128);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_micros(micros: i128) -> Self {
        Money(micros)
    }
    pub const fn micros(self) -> i128 {
        self.0
    }
    pub fn from_cents(cents: i64) -> Self {
        Money(cents as i128 * 10_000)
    }
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
    /// Rounded to whole cents, half away from zero.
    pub fn round_cents(self) -> i128 {
        let unit = 10_000;
        let half = unit / 2;
        if self.0 >= 0 {
            (self.0 + half) / unit
        } else {
            -((-self.0 + half) / unit)
        }
    }
    /// The ratio self / other as f64, `None` when other ≤ 0.
    pub fn ratio(self, other: Money) -> Option<f64> {
        (other.0 > 0).then(|| self.0 as f64 / other.0 as f64)
    }
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }
    /// Multiply by a ratio given as an exact decimal (e.g. a discount of 0.2).
    pub fn mul_decimal(self, factor: Decimal) -> Money {
        let d = Decimal::from_i128_with_scale(self.0, 0) * factor;
        Money(d.round().mantissa())
    }
    /// Format with thousands separators, e.g. `12,345.60`.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (sign, rest) = plain
            .strip_prefix('-')
            .map_or(("", plain.as_str()), |r| ("-", r));
        let (int, frac) = rest.split_once('.').unwrap_or((rest, "00"));
        let mut out = String::with_capacity(plain.len() + int.len() / 3);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        format!("{sign}{out}.{frac}")
    }
}

/// How money is shown in the app and the Markdown report: a currency sign before the
/// amount and a number of decimals (rounded half away from zero, never `-0`). JSON and
/// CSV always write plain amounts with two decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyFormat {
    pub symbol: String,
    pub decimals: u32,
}

impl Default for MoneyFormat {
    fn default() -> Self {
        MoneyFormat {
            symbol: String::new(),
            decimals: 2,
        }
    }
}

impl MoneyFormat {
    /// Rounded to `decimals`, half away from zero: (sign, integer digits, fraction digits).
    fn parts(&self, m: Money) -> (&'static str, String, String) {
        let decimals = self.decimals.min(MAX_DECIMALS);
        let unit = 10i128.pow(MAX_DECIMALS - decimals);
        let half = unit / 2;
        let units = if m.0 >= 0 {
            (m.0 + half) / unit
        } else {
            -((-m.0 + half) / unit)
        };
        let sign = if units < 0 { "-" } else { "" };
        let abs = units.unsigned_abs();
        let scale = 10u128.pow(decimals);
        let frac = if decimals == 0 {
            String::new()
        } else {
            format!("{:0width$}", abs % scale, width = decimals as usize)
        };
        (sign, (abs / scale).to_string(), frac)
    }

    fn join(&self, sign: &str, int: String, frac: String) -> String {
        let point = if frac.is_empty() { "" } else { "." };
        format!("{sign}{}{int}{point}{frac}", self.symbol)
    }

    /// `¥12,345.60`: with thousands separators.
    pub fn grouped(&self, m: Money) -> String {
        let (sign, int, frac) = self.parts(m);
        let mut out = String::with_capacity(int.len() + int.len() / 3);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        self.join(sign, out, frac)
    }

    /// `¥12345.60`: without separators, for narrow cells and prices.
    pub fn plain(&self, m: Money) -> String {
        let (sign, int, frac) = self.parts(m);
        self.join(sign, int, frac)
    }
}

impl fmt::Display for Money {
    /// Two decimals, rounded half away from zero; never `-0.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cents = self.round_cents();
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}
impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}
impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}
impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}
impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}
impl Mul<i64> for Money {
    type Output = Money;
    fn mul(self, qty: i64) -> Money {
        Money(self.0 * qty as i128)
    }
}
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("is not an amount of money")]
    NotANumber,
    #[error("has more than {MAX_DECIMALS} decimal places")]
    TooPrecise,
    #[error("is too large")]
    TooLarge,
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Parses `12.50`, `-3`, `¥1,234.50`, `$ 9.99`, `="12.5"`. Thousands separators are
    /// accepted only in their unambiguous place (groups of three before the point).
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        if let Some(m) = plain_amount(raw.as_bytes()) {
            return Ok(m);
        }
        let text = crate::domain::text::unwrap_cell(raw);
        let mut s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let negative_prefix = s.starts_with('-');
        if negative_prefix {
            s.remove(0);
        }
        let s = s.trim_start_matches(['¥', '￥', '$', '£', '€']);
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) if !negative_prefix => (true, rest),
            Some(_) => return Err(MoneyError::NotANumber),
            None => (negative_prefix, s),
        };
        let s = strip_thousands(s).ok_or(MoneyError::NotANumber)?;
        if s.is_empty()
            || !s.chars().all(|c| c.is_ascii_digit() || c == '.')
            || s.matches('.').count() > 1
            || s == "."
        {
            return Err(MoneyError::NotANumber);
        }
        let mut d = Decimal::from_str(&s).map_err(|_| MoneyError::TooLarge)?;
        d = d.normalize();
        if d.scale() > MAX_DECIMALS {
            return Err(MoneyError::TooPrecise);
        }
        d.rescale(MAX_DECIMALS);
        let micros = d.mantissa();
        if micros > MAX_CELL {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(if negative { -micros } else { micros }))
    }
}

/// The common plain form `-?digits[.digits]` (up to 6 decimals, 12 integer digits)
/// without allocating; anything else goes to the general parser.
fn plain_amount(b: &[u8]) -> Option<Money> {
    let (negative, b) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &b[..0]),
    };
    if int.is_empty()
        || int.len() > 12
        || frac.len() > 6
        || (b.len() > int.len() && frac.is_empty())
    {
        return None;
    }
    let mut micros: i128 = 0;
    for &c in int {
        if !c.is_ascii_digit() {
            return None;
        }
        micros = micros * 10 + i128::from(c - b'0');
    }
    micros *= SCALE;
    let mut unit = SCALE / 10;
    for &c in frac {
        if !c.is_ascii_digit() {
            return None;
        }
        micros += i128::from(c - b'0') * unit;
        unit /= 10;
    }
    (micros <= MAX_CELL).then_some(Money(if negative { -micros } else { micros }))
}

/// `1,234,567.5` → `1234567.5`; `None` when commas are not in thousands positions.
fn strip_thousands(s: &str) -> Option<String> {
    if !s.contains(',') {
        return Some(s.to_string());
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !(first_ok && rest_ok) {
        return None;
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_format_rounds_and_signs() {
        let m = |t: &str| t.parse::<Money>().unwrap();
        let default = MoneyFormat::default();
        for t in ["0", "-0.004", "1234567.891", "-12.345", "0.005"] {
            assert_eq!(default.grouped(m(t)), m(t).grouped(), "{t}");
            assert_eq!(default.plain(m(t)), m(t).to_string(), "{t}");
        }
        let yen = MoneyFormat {
            symbol: "¥".into(),
            decimals: 0,
        };
        assert_eq!(yen.grouped(m("1234.5")), "¥1,235");
        assert_eq!(yen.grouped(m("-1234.5")), "-¥1,235");
        assert_eq!(yen.grouped(m("-0.4")), "¥0");
        let three = MoneyFormat {
            symbol: "$".into(),
            decimals: 3,
        };
        assert_eq!(three.plain(m("12.0005")), "$12.001");
        assert_eq!(three.grouped(m("1000")), "$1,000.000");
    }

    #[test]
    fn parses_the_forms_shop_exports_use() {
        let cases = [
            ("12.50", 12_500_000),
            ("-3", -3_000_000),
            ("¥1,234.50", 1_234_500_000),
            ("￥ 8", 8_000_000),
            ("$9.99", 9_990_000),
            ("-$2.00", -2_000_000),
            ("€-2", -2_000_000),
            ("=\"12.5\"", 12_500_000),
            ("0.000001", 1),
            (" 7 ", 7_000_000),
        ];
        for (text, micros) in cases {
            assert_eq!(text.parse::<Money>(), Ok(Money(micros)), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_money() {
        for text in [
            "",
            "abc",
            "1.2.3",
            "12,34",
            "1,2345.0",
            "--1",
            "1e5",
            "0.0000001",
        ] {
            assert!(text.parse::<Money>().is_err(), "{text} should fail");
        }
        assert_eq!("0.0000001".parse::<Money>(), Err(MoneyError::TooPrecise));
        assert_eq!("2000000000".parse::<Money>(), Err(MoneyError::TooLarge));
    }

    #[test]
    fn rounds_to_cents_half_away_from_zero_without_negative_zero() {
        let cases = [
            (5_000, "0.01"),
            (4_999, "0.00"),
            (-5_000, "-0.01"),
            (-4_999, "0.00"),
            (-1, "0.00"),
            (1_234_565_000, "1234.57"),
            (-1_234_565_000, "-1234.57"),
        ];
        for (micros, text) in cases {
            assert_eq!(Money(micros).to_string(), text, "{micros}");
        }
    }

    #[test]
    fn groups_thousands_for_display() {
        assert_eq!(Money::from_cents(123_456_789).grouped(), "1,234,567.89");
        assert_eq!(Money::from_cents(-100_000).grouped(), "-1,000.00");
        assert_eq!(Money::from_cents(99).grouped(), "0.99");
    }

    #[test]
    fn ratio_is_undefined_for_non_positive_denominators() {
        assert_eq!(Money(1).ratio(Money(0)), None);
        assert_eq!(Money(1).ratio(Money(-4)), None);
        assert_eq!(Money(1).ratio(Money(4)), Some(0.25));
    }
}
