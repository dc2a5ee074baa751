//! Turning an export's way of writing numbers and dates into the native one. A value that
//! does not fit the mapping's rules is left as written, so the native check reports it
//! with the source value: nothing is guessed.

use chrono::{NaiveDate, NaiveDateTime};

/// How a mapping writes numbers.
#[derive(Debug, Clone)]
pub struct Numbers {
    pub decimal: char,
    /// `None` with a `.` decimal mark: the native rule (`,` in groups of three).
    pub thousands: Option<char>,
    pub signs: Vec<String>,
}

const NATIVE_SIGNS: [&str; 5] = ["¥", "￥", "$", "£", "€"];

impl Numbers {
    /// Nothing to do beyond what the native reader does.
    pub fn is_native(&self) -> bool {
        self.decimal == '.' && self.thousands.is_none() && self.signs.is_empty()
    }

    /// `1.234,50 €` → `1234.50`; `CHF -12.50` → `-12.50`; text that is no number stays
    /// as written (the native check reports it). `Err`: separators out of place for this
    /// mapping (`12.5` with a decimal comma), which would otherwise be read another way.
    pub fn normalize(&self, raw: &str) -> Result<String, ()> {
        if self.is_native() {
            return Ok(raw.to_string());
        }
        let mut s = raw.trim();
        let mut negative = false;
        if let Some(r) = s.strip_prefix('-') {
            negative = true;
            s = r.trim_start();
        }
        // Signs before or after the amount, with or without a space.
        loop {
            let before = s;
            for sign in self.signs.iter().map(String::as_str).chain(NATIVE_SIGNS) {
                s = s.strip_prefix(sign).unwrap_or(s).trim();
                s = s.strip_suffix(sign).unwrap_or(s).trim();
            }
            if !negative {
                if let Some(r) = s.strip_prefix('-') {
                    negative = true;
                    s = r.trim_start();
                }
            }
            if s == before {
                break;
            }
        }
        if !s.bytes().any(|b| b.is_ascii_digit()) {
            return Ok(raw.trim().to_string());
        }
        let plain = self.ungroup(s).ok_or(())?;
        Ok(if negative { format!("-{plain}") } else { plain })
    }

    /// The amount without thousands separators and with a `.` point; `None` when the
    /// separators are not where thousands go.
    fn ungroup(&self, s: &str) -> Option<String> {
        let (int, frac) = match s.split_once(self.decimal) {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        let int = match self.thousands {
            // The native rule handles `,` groups itself.
            None if self.decimal == '.' => int.to_string(),
            None => {
                if int.contains(['.', ',']) {
                    return None;
                }
                int.to_string()
            }
            Some(sep) => {
                let is_sep = |c: char| c == sep || (sep == ' ' && c.is_whitespace());
                let other = if self.decimal == '.' { ',' } else { '.' };
                if other != sep && int.contains(other) {
                    return None;
                }
                if !int.contains(is_sep) {
                    int.to_string()
                } else {
                    let groups: Vec<&str> = int.split(is_sep).collect();
                    let ok = (1..=3).contains(&groups[0].len())
                        && groups[1..].iter().all(|g| g.len() == 3);
                    if !ok {
                        return None;
                    }
                    groups.concat()
                }
            }
        };
        Some(match frac {
            Some(f) => format!("{int}.{f}"),
            None => int,
        })
    }
}

/// A date-time (or date) written in one of `formats`, as the native
/// `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD` when `date_only`). A zone offset in the text
/// is read and dropped: the wall time as written is kept (the shop's local time).
pub fn date(raw: &str, formats: &[String], date_only: bool) -> Option<String> {
    let t = raw.trim();
    for f in formats {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Some(if date_only {
                dt.format("%Y-%m-%d").to_string()
            } else {
                dt.format("%Y-%m-%d %H:%M:%S").to_string()
            });
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn euro() -> Numbers {
        Numbers {
            decimal: ',',
            thousands: Some('.'),
            signs: vec!["CHF".into(), "kr".into()],
        }
    }

    #[test]
    fn numbers_in_the_ways_exports_write_them() {
        let e = euro();
        for (raw, want) in [
            ("1.234,50 €", Ok("1234.50")),
            ("12,5", Ok("12.5")),
            ("-3", Ok("-3")),
            ("€-12,00", Ok("-12.00")),
            ("- 7,10 kr", Ok("-7.10")),
            ("CHF 12", Ok("12")),
            ("1.234.567", Ok("1234567")),
            ("1.23,4", Err(())),
            ("12.5", Err(())),
            ("abc", Ok("abc")),
            ("", Ok("")),
        ] {
            assert_eq!(e.normalize(raw).as_deref().map_err(|_| ()), want, "{raw}");
        }
        let swiss = Numbers {
            decimal: '.',
            thousands: Some('\''),
            signs: vec![],
        };
        assert_eq!(swiss.normalize("1'234.50").as_deref(), Ok("1234.50"));
        assert!(swiss.normalize("1,234.50").is_err());
        let spaced = Numbers {
            decimal: ',',
            thousands: Some(' '),
            signs: vec![],
        };
        assert_eq!(spaced.normalize("1\u{a0}234,50").as_deref(), Ok("1234.50"));
        let native = Numbers {
            decimal: '.',
            thousands: None,
            signs: vec![],
        };
        assert_eq!(
            native.normalize(" $1,234.50 ").as_deref(),
            Ok(" $1,234.50 ")
        );
    }

    #[test]
    fn dates_keep_the_wall_time_as_written() {
        let shopify = ["%Y-%m-%d %H:%M:%S %z".to_string()];
        assert_eq!(
            date("2024-03-15 10:22:31 -0400", &shopify, false).as_deref(),
            Some("2024-03-15 10:22:31")
        );
        let uci = ["%m/%d/%Y %H:%M".to_string()];
        assert_eq!(
            date("12/1/2010 8:26", &uci, false).as_deref(),
            Some("2010-12-01 08:26:00")
        );
        assert_eq!(
            date("12/1/2010 8:26", &uci, true).as_deref(),
            Some("2010-12-01")
        );
        let day = ["%d.%m.%Y".to_string()];
        assert_eq!(
            date("05.03.2024", &day, false).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(date("2024-03-05", &day, false), None);
    }
}
