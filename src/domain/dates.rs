//! Calendar days and the time frame of a review: the as-of date and its windows.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// A calendar day, stored as days since 0001-01-01 (chrono's day count from CE).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Day(pub i32);

impl Day {
    /// The first day skudesk reads or moves to: 1900-01-01 (dates have four-digit years
    /// from 1900, as [`parse_date`] takes them).
    pub const FIRST: Day = Day(693_596);
    /// The last: 9999-12-31.
    pub const LAST: Day = Day(3_652_059);

    pub fn from_date(d: NaiveDate) -> Day {
        Day(d.num_days_from_ce())
    }
    pub fn date(self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.0).unwrap_or(NaiveDate::MIN)
    }
    pub fn plus(self, days: i32) -> Day {
        Day(self.0 + days)
    }
    /// Whole days from `earlier` to `self`.
    pub fn since(self, earlier: Day) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }
    /// The first day of the week `self` is in, weeks starting on `first`.
    pub fn week_start(self, first: super::settings::WeekStart) -> Day {
        let weekday = self.date().weekday().num_days_from_monday();
        let back = (weekday + 7 - first.from_monday()) % 7;
        self.plus(-(back as i32))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date().format("%Y-%m-%d"))
    }
}

/// Parses an ISO date `YYYY-MM-DD` (also `YYYY/MM/DD`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .ok()
        .filter(|d| (1900..=9999).contains(&d.year()))
}

/// Parses a date or a date-time as written (`YYYY-MM-DD[ T]HH:MM[:SS[.fff]]`, an optional
/// trailing `Z` or UTC offset is ignored: the day is the shop's day as written).
/// Returns the day and the normalised text kept for display.
pub fn parse_date_or_datetime(text: &str) -> Option<(NaiveDate, String)> {
    let t = text.trim();
    if let Some(found) = fast_datetime(t) {
        return Some(found);
    }
    if let Some(d) = parse_date(t) {
        return Some((d, d.format("%Y-%m-%d").to_string()));
    }
    let without_zone = strip_zone(t);
    let normalised = without_zone.replacen('T', " ", 1).replace('/', "-");
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&normalised, fmt) {
            if !(1900..=9999).contains(&dt.year()) {
                return None;
            }
            return Some((dt.date(), dt.format("%Y-%m-%d %H:%M:%S").to_string()));
        }
    }
    None
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// The common exact shapes `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS`
/// (space or `T`) without the general parser: imports read millions of them.
fn fast_datetime(t: &str) -> Option<(NaiveDate, String)> {
    let b = t.as_bytes();
    if !matches!(b.len(), 10 | 16 | 19) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )
    .filter(|d| (1900..=9999).contains(&d.year()))?;
    if b.len() == 10 {
        return Some((date, t.to_string()));
    }
    if !matches!(b[10], b' ' | b'T') || b[13] != b':' || (b.len() == 19 && b[16] != b':') {
        return None;
    }
    let (h, m) = (digits(&b[11..13])?, digits(&b[14..16])?);
    let sec = if b.len() == 19 {
        digits(&b[17..19])?
    } else {
        0
    };
    chrono::NaiveTime::from_hms_opt(h, m, sec)?;
    // The text's own digits, checked above: `YYYY-MM-DD HH:MM:SS`.
    let mut text = String::with_capacity(19);
    text.push_str(&t[..10]);
    text.push(' ');
    text.push_str(&t[11..16]);
    text.push_str(if b.len() == 19 { &t[16..19] } else { ":00" });
    Some((date, text))
}

fn strip_zone(t: &str) -> &str {
    if let Some(rest) = t.strip_suffix('Z') {
        return rest;
    }
    // A trailing ±HH:MM or ±HHMM after a time part.
    if t.len() > 16 {
        let tail_start = t.len().saturating_sub(6);
        for (i, c) in t.char_indices().skip(tail_start.min(t.len())) {
            if (c == '+' || c == '-') && i > 16 {
                let zone = t[i + 1..].replace(':', "");
                if zone.len() == 4 && zone.bytes().all(|b| b.is_ascii_digit()) {
                    return t[..i].trim_end();
                }
            }
        }
    }
    t
}

/// The time frame every figure is computed in: as of the end of `as_of`, over the
/// analysis window W and the velocity window V (both inclusive of the as-of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub as_of: Day,
    pub window_days: u32,
    pub velocity_days: u32,
}

impl Frame {
    pub fn new(as_of: Day, window_days: u32, velocity_days: u32) -> Frame {
        Frame {
            as_of,
            window_days: window_days.max(1),
            velocity_days: velocity_days.max(1),
        }
    }
    /// First day of the analysis window, D-W+1.
    pub fn window_start(&self) -> Day {
        self.as_of.plus(1 - self.window_days as i32)
    }
    pub fn velocity_start(&self) -> Day {
        self.as_of.plus(1 - self.velocity_days as i32)
    }
    pub fn in_window(&self, day: Day) -> bool {
        day >= self.window_start() && day <= self.as_of
    }
    pub fn in_velocity(&self, day: Day) -> bool {
        day >= self.velocity_start() && day <= self.as_of
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_and_last_days_are_the_ends_of_the_range_dates_are_read_in() {
        assert_eq!(Day::FIRST.to_string(), "1900-01-01");
        assert_eq!(Day::LAST.to_string(), "9999-12-31");
        assert_eq!(
            parse_date("1900-01-01").map(Day::from_date),
            Some(Day::FIRST)
        );
        assert_eq!(
            parse_date("9999-12-31").map(Day::from_date),
            Some(Day::LAST)
        );
        assert_eq!(parse_date("1899-12-31"), None);
    }

    #[test]
    fn weeks_start_on_the_chosen_day() {
        use crate::domain::settings::WeekStart;
        // 2025-09-30 is a Tuesday.
        let d = Day::from_date(parse_date("2025-09-30").unwrap());
        assert_eq!(d.week_start(WeekStart::Monday).to_string(), "2025-09-29");
        assert_eq!(d.week_start(WeekStart::Sunday).to_string(), "2025-09-28");
        assert_eq!(d.week_start(WeekStart::Tuesday), d);
        assert_eq!(d.week_start(WeekStart::Wednesday).to_string(), "2025-09-24");
    }

    fn day(s: &str) -> Day {
        Day::from_date(parse_date(s).unwrap())
    }

    #[test]
    fn parses_dates_and_datetimes_as_written() {
        let cases = [
            ("2025-09-30", "2025-09-30", "2025-09-30"),
            ("2025-09-30 23:59", "2025-09-30", "2025-09-30 23:59:00"),
            ("2025-09-30 23:59:59", "2025-09-30", "2025-09-30 23:59:59"),
            ("2025-09-30T08:01:02Z", "2025-09-30", "2025-09-30 08:01:02"),
            (
                "2025-09-30T23:30:00+08:00",
                "2025-09-30",
                "2025-09-30 23:30:00",
            ),
            (
                "2025-09-30 23:30:00.123",
                "2025-09-30",
                "2025-09-30 23:30:00",
            ),
            ("2025/09/30", "2025-09-30", "2025-09-30"),
        ];
        for (text, date, kept) in cases {
            let (d, k) = parse_date_or_datetime(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(d.to_string(), date, "{text}");
            assert_eq!(k, kept, "{text}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for text in [
            "",
            "yesterday",
            "2025-13-01",
            "2025-02-30",
            "30/09/2025",
            "0001-01-01",
        ] {
            assert!(parse_date_or_datetime(text).is_none(), "{text}");
        }
    }

    #[test]
    fn windows_are_inclusive_of_the_as_of_day() {
        let f = Frame::new(day("2025-09-30"), 90, 30);
        assert_eq!(f.window_start(), day("2025-07-03"));
        assert_eq!(f.velocity_start(), day("2025-09-01"));
        assert!(f.in_window(day("2025-07-03")));
        assert!(!f.in_window(day("2025-07-02")));
        assert!(!f.in_window(day("2025-10-01")));
        assert!(f.in_velocity(day("2025-09-01")));
        assert_eq!(day("2025-09-30").since(day("2025-09-01")), 29);
    }
}
