//! A plan's target and its metric's value as a person reads them, in either language:
//! a rate in percent, money with separators and decimals (the display's currency sign
//! and decimals), units as whole numbers, days with their unit; a batch metric with the
//! batch's name. The plans tab, the plan form and the Markdown report all say targets
//! through here; JSON and CSV keep the machine names and plain numbers.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use crate::domain::money::{Money, MoneyFormat, SCALE};
use crate::domain::plan::{Target, TargetMetric};

use super::{Lang, Msg};

/// How a metric's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Rate,
    Money,
    Units,
    Days,
}

fn unit(m: TargetMetric) -> Unit {
    if m.is_ratio() {
        Unit::Rate
    } else if m.is_money() {
        Unit::Money
    } else if m == TargetMetric::TurnoverDays {
        Unit::Days
    } else {
        Unit::Units
    }
}

/// An amount held as a decimal of currency units, as exact money (to the micro-unit).
pub fn money_of(d: Decimal) -> Money {
    let micros = (d * Decimal::from_i128_with_scale(SCALE, 0))
        .round()
        .to_i128()
        .unwrap_or(0);
    Money::from_micros(micros)
}

impl Lang {
    /// A target value as set: `25%`, `18,000.00`, `256`, `6 d`.
    pub fn target_value(self, m: TargetMetric, v: Decimal, money: &MoneyFormat) -> String {
        match unit(m) {
            Unit::Rate => format!("{}%", (v * Decimal::ONE_HUNDRED).normalize()),
            Unit::Money => money.grouped(money_of(v)),
            Unit::Units => v.round().normalize().to_string(),
            Unit::Days => self.f(Msg::DaysShort, &[&v.normalize()]),
        }
    }

    /// A metric's value now: `16.4%`, `18,270.00`, `37`, `40.1 d`; "—" when undefined.
    pub fn metric_now(self, m: TargetMetric, v: Option<f64>, money: &MoneyFormat) -> String {
        let Some(v) = v else {
            return "—".into();
        };
        match unit(m) {
            Unit::Rate => format!("{:.1}%", v * 100.0),
            Unit::Money => money.grouped(money_of(Decimal::from_f64(v).unwrap_or_default())),
            Unit::Units => format!("{v:.0}"),
            Unit::Days => self.f(Msg::DaysShort, &[&format!("{v:.1}")]),
        }
    }

    /// A plan's target as a person reads it: `new product conversion 25%`; a batch's
    /// figure with the batch it follows: `cash recovered 18,000.00 · Sep BOGO`; a
    /// category's share with its category: `category revenue share 33% · Audio`.
    pub fn plan_target(self, t: &Target, batch: Option<&str>, money: &MoneyFormat) -> String {
        let value = self.target_value(t.metric, t.value, money);
        match (t.metric, batch) {
            (TargetMetric::BatchCashRecovered, Some(b)) => {
                format!("{} {value} · {b}", self.t(Msg::MetricCashOfBatch))
            }
            (TargetMetric::BatchUnitsCleared, Some(b)) => {
                format!("{} {value} · {b}", self.t(Msg::MetricUnitsOfBatch))
            }
            (TargetMetric::CategoryRevenueShare, _) => match t.category.as_deref() {
                Some(c) => format!("{} {value} · {c}", self.metric(t.metric)),
                None => format!("{} {value}", self.metric(t.metric)),
            },
            (m, _) => format!("{} {value}", self.metric(m)),
        }
    }

    /// A target value as the plan form's field shows it, to be typed over: a rate in
    /// percent (`25%`), money with separators (`18,000.00`), units and days as numbers.
    pub fn target_input(self, m: TargetMetric, v: Decimal) -> String {
        match unit(m) {
            Unit::Rate => format!("{}%", (v * Decimal::ONE_HUNDRED).normalize()),
            Unit::Money => money_of(v).grouped(),
            Unit::Units | Unit::Days => v.normalize().to_string(),
        }
    }
}

/// A target value typed in the plan form, for metric `m`: a rate in percent (`25` or
/// `25%` is 0.25), money as the app writes it (`18,000.00`, `¥18000`), units and days
/// as numbers. `None` when it is not one.
pub fn parse_target_input(m: TargetMetric, typed: &str) -> Option<Decimal> {
    let t = typed.trim();
    match unit(m) {
        Unit::Rate => {
            let n = t.strip_suffix('%').unwrap_or(t).trim();
            n.parse::<Decimal>()
                .ok()
                .map(|d| (d / Decimal::ONE_HUNDRED).normalize())
        }
        Unit::Money => t
            .parse::<Money>()
            .ok()
            .map(|m| Decimal::from_i128_with_scale(m.micros(), 6).normalize()),
        Unit::Units | Unit::Days => t.replace(',', "").parse::<Decimal>().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn each_kind_of_value_reads_as_its_unit() {
        let money = MoneyFormat::default();
        let en = Lang::En;
        use TargetMetric as M;
        assert_eq!(
            en.target_value(M::NewProductConversion, d("0.25"), &money),
            "25%"
        );
        assert_eq!(
            en.target_value(M::HighTierRevenueShare, d("0.125"), &money),
            "12.5%"
        );
        assert_eq!(
            en.target_value(M::BatchCashRecovered, d("18000"), &money),
            "18,000.00"
        );
        assert_eq!(
            en.target_value(M::BatchUnitsCleared, d("256"), &money),
            "256"
        );
        assert_eq!(en.target_value(M::TurnoverDays, d("6"), &money), "6 d");
        assert_eq!(
            Lang::ZhCn.target_value(M::TurnoverDays, d("6"), &money),
            "6 天"
        );
        assert_eq!(
            en.metric_now(M::BatchUnitsCleared, Some(37.0), &money),
            "37"
        );
        assert_eq!(
            en.metric_now(M::BatchCashRecovered, Some(18270.0), &money),
            "18,270.00"
        );
        assert_eq!(
            en.metric_now(M::NetRevenue, Some(728_115.43), &money),
            "728,115.43"
        );
        assert_eq!(en.metric_now(M::MobileShare, Some(0.613), &money), "61.3%");
        assert_eq!(
            en.metric_now(M::TurnoverDays, Some(40.06), &money),
            "40.1 d"
        );
        assert_eq!(en.metric_now(M::TurnoverDays, None, &money), "—");
    }

    #[test]
    fn a_batch_target_names_its_batch() {
        let money = MoneyFormat::default();
        let t = Target {
            batch_id: Some(1),
            ..Target::new(TargetMetric::BatchCashRecovered, d("18000"))
        };
        assert_eq!(
            Lang::En.plan_target(&t, Some("Sep BOGO"), &money),
            "cash recovered 18,000.00 · Sep BOGO"
        );
        let t = Target::new(TargetMetric::NewProductConversion, d("0.25"));
        assert_eq!(
            Lang::En.plan_target(&t, None, &money),
            "new product conversion 25%"
        );
        // A category's share names its category.
        let t = Target {
            category: Some("Audio".into()),
            ..Target::new(TargetMetric::CategoryRevenueShare, d("0.33"))
        };
        assert_eq!(
            Lang::En.plan_target(&t, None, &money),
            "category revenue share 33% · Audio"
        );
    }

    #[test]
    fn what_the_form_shows_reads_back_as_the_same_value() {
        for m in TargetMetric::ALL {
            for v in ["0.25", "0.4", "18000", "1746", "6", "12345.67"] {
                let v = d(v);
                let shown = Lang::En.target_input(m, v);
                assert_eq!(
                    parse_target_input(m, &shown),
                    Some(v.normalize()),
                    "{m:?} {shown}"
                );
            }
        }
        use TargetMetric as M;
        assert_eq!(parse_target_input(M::MobileShare, "60 %"), Some(d("0.6")));
        assert_eq!(
            parse_target_input(M::NetRevenue, "¥1,234.50"),
            Some(d("1234.5"))
        );
        assert_eq!(
            parse_target_input(M::BatchUnitsCleared, "1,746"),
            Some(d("1746"))
        );
        assert_eq!(parse_target_input(M::MobileShare, "lots"), None);
    }
}
