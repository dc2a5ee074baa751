//! The review over time (METRICS.md "Over time"): the same window a year earlier, and a
//! trend of the flow KPIs over the last N weeks or months. Each is one more review of the
//! same data with another frame, so every figure keeps the definition it has today.
//!
//! Pure; the caller decides when to pay for it (the app computes it off the key path).

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::dates::{Day, Frame};
use super::kpis::Kpis;
use super::metrics::{review, review_again};
use super::model::Dataset;
use super::settings::{Settings, WeekStart};

/// The same month and day a year before; 29 February gives 28 February.
pub fn year_before(d: Day) -> Day {
    let date = d.date();
    let earlier = NaiveDate::from_ymd_opt(date.year() - 1, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(date.year() - 1, date.month(), 28));
    earlier.map_or(d.plus(-365), Day::from_date)
}

/// The frame a year before `frame`: same windows, as-of one year earlier.
pub fn year_earlier_frame(frame: Frame) -> Frame {
    Frame {
        as_of: year_before(frame.as_of),
        ..frame
    }
}

/// Whether the order lines reach back to the first day of `frame`'s window, so that a
/// window is never compared half covered.
pub fn covered(ds: &Dataset, frame: Frame) -> bool {
    ds.line_days()
        .is_some_and(|(first, _)| first <= frame.window_start())
}

/// The KPIs a year before `frame`, `None` unless the data covers that window.
pub fn year_earlier(ds: &Dataset, frame: Frame, s: &Settings) -> Option<(Frame, Kpis)> {
    let earlier = year_earlier_frame(frame);
    covered(ds, earlier).then(|| (earlier, review(ds, earlier, s).kpis))
}

/// Net revenue / the year-earlier net revenue − 1; `None` without a year earlier or
/// when its revenue is ≤ 0.
pub fn revenue_growth(now: &Kpis, earlier: Option<&Kpis>) -> Option<f64> {
    let earlier = earlier?;
    now.net_revenue.ratio(earlier.net_revenue).map(|r| r - 1.0)
}

/// The length of a trend's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Period {
    Week,
    Month,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "week" | "weeks" | "weekly" => Ok(Period::Week),
            "month" | "months" | "monthly" => Ok(Period::Month),
            _ => Err(format!("unknown period {s:?} (week, month)")),
        }
    }
}

/// The first day of the calendar month of `d`.
fn month_start(d: Day) -> Day {
    let date = d.date();
    NaiveDate::from_ymd_opt(date.year(), date.month(), 1).map_or(d, Day::from_date)
}

/// The last `n` periods up to `as_of`, oldest first, as (first day, last day): the last
/// one cut at `as_of`, each earlier one ending the day before the next begins. Weeks
/// start on `week_start`; months are calendar months. Periods are calendar periods
/// whatever the data holds (the oldest is not cut where the data begins).
pub fn periods(as_of: Day, period: Period, n: usize, week_start: WeekStart) -> Vec<(Day, Day)> {
    let mut out = Vec::with_capacity(n);
    let mut end = as_of;
    for _ in 0..n {
        let start = match period {
            Period::Week => end.week_start(week_start),
            Period::Month => month_start(end),
        };
        if start < Day::FIRST {
            break;
        }
        out.push((start, end));
        end = start.plus(-1);
    }
    out.reverse();
    out
}

/// One point of a trend: a period and the KPIs of the report whose as-of is the
/// period's last day and whose window is the period.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrendPoint {
    pub start: Day,
    pub end: Day,
    pub kpis: Kpis,
}

/// What a trend is asked for: the period, how many, and the first day of a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendSpec {
    pub period: Period,
    pub periods: usize,
    pub week_start: WeekStart,
}

impl TrendSpec {
    /// The Markdown report's default: the last 12 calendar months.
    pub fn monthly(week_start: WeekStart) -> TrendSpec {
        TrendSpec {
            period: Period::Month,
            periods: 12,
            week_start,
        }
    }
}

/// The trend of the last periods up to `frame.as_of` (velocity window unchanged).
pub fn trend(ds: &Dataset, frame: Frame, s: &Settings, spec: TrendSpec) -> Vec<TrendPoint> {
    trend_until(ds, frame, s, spec, || false).unwrap_or_default()
}

/// [`trend`], given up (`None`) when `stop` says so before a period is reviewed: the
/// app's worker drops a trend nobody waits for any more between two reviews.
pub fn trend_until(
    ds: &Dataset,
    frame: Frame,
    s: &Settings,
    spec: TrendSpec,
    stop: impl Fn() -> bool,
) -> Option<Vec<TrendPoint>> {
    // Each period's review fills the memory of the one before ([`review_again`]: the
    // same figures as a fresh review, without 100k fresh allocations a period).
    let mut previous: Option<super::metrics::Review> = None;
    let mut points = Vec::with_capacity(spec.periods);
    for (start, end) in periods(frame.as_of, spec.period, spec.periods, spec.week_start) {
        if stop() {
            return None;
        }
        let days = end.since(start) + 1;
        let f = Frame::new(end, days as u32, frame.velocity_days);
        let r = match previous.take() {
            Some(p) => review_again(ds, f, s, p),
            None => review(ds, f, s),
        };
        points.push(TrendPoint {
            start,
            end,
            kpis: r.kpis.clone(),
        });
        previous = Some(r);
    }
    Some(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::from_date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn a_year_before_keeps_month_and_day_and_29_february_gives_28() {
        assert_eq!(year_before(day("2026-12-03")), day("2025-12-03"));
        assert_eq!(year_before(day("2024-02-29")), day("2023-02-28"));
        assert_eq!(year_before(day("2025-03-01")), day("2024-03-01"));
    }

    #[test]
    fn weeks_start_on_the_configured_day_and_the_last_is_cut_at_the_as_of_date() {
        // 2026-12-03 is a Thursday.
        let w = periods(day("2026-12-03"), Period::Week, 3, WeekStart::Monday);
        assert_eq!(
            w,
            vec![
                (day("2026-11-16"), day("2026-11-22")),
                (day("2026-11-23"), day("2026-11-29")),
                (day("2026-11-30"), day("2026-12-03")),
            ]
        );
        let w = periods(day("2026-12-03"), Period::Week, 2, WeekStart::Sunday);
        assert_eq!(
            w,
            vec![
                (day("2026-11-22"), day("2026-11-28")),
                (day("2026-11-29"), day("2026-12-03")),
            ]
        );
    }

    #[test]
    fn months_are_calendar_months() {
        let m = periods(day("2026-03-15"), Period::Month, 3, WeekStart::Monday);
        assert_eq!(
            m,
            vec![
                (day("2026-01-01"), day("2026-01-31")),
                (day("2026-02-01"), day("2026-02-28")),
                (day("2026-03-01"), day("2026-03-15")),
            ]
        );
        // An as-of date on the first of a month is a one-day period.
        let m = periods(day("2026-03-01"), Period::Month, 2, WeekStart::Monday);
        assert_eq!(m[1], (day("2026-03-01"), day("2026-03-01")));
        assert_eq!(m[0], (day("2026-02-01"), day("2026-02-28")));
    }

    #[test]
    fn periods_stop_at_the_first_day_skudesk_reads() {
        let m = periods(Day::FIRST.plus(40), Period::Month, 12, WeekStart::Monday);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].0, Day::FIRST);
    }

    #[test]
    fn period_names_parse() {
        assert_eq!("Month".parse::<Period>(), Ok(Period::Month));
        assert_eq!("week".parse::<Period>(), Ok(Period::Week));
        assert!("day".parse::<Period>().is_err());
    }
}
