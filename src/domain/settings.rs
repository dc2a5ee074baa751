//! Thresholds, windows and targets every figure depends on, with METRICS.md's defaults.
//! Loaded from the config file by `crate::config`; pure values here.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A ratio such as 0.30, kept exact so tier boundaries compare without float error.
pub type Ratio = Decimal;

fn pct(n: i64) -> Ratio {
    Decimal::new(n, 2)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Analysis window W, in days.
    pub window_days: u32,
    /// Velocity window V, in days.
    pub velocity_days: u32,
    /// A tier margin below this is "low".
    pub low_margin_below: Ratio,
    /// A tier margin at or above this is "high".
    pub high_margin_at: Ratio,
    pub target_high_share: Ratio,
    pub target_low_share: Ratio,
    pub margin_floor: Ratio,
    pub margin_target: Ratio,
    /// Slow-mover warning, in days.
    pub slow_days: u32,
    /// Best-seller turnover target, in days of cover.
    pub best_seller_days: u32,
    /// Days from order to stock when the product does not say.
    pub lead_time_days: u32,
    /// Days between two orders to a supplier.
    pub review_period_days: u32,
    /// Days of cover kept in hand against a late delivery.
    pub safety_days: u32,
    pub target_turnover_days: Decimal,
    pub target_repurchase: Ratio,
    pub target_new_conversion: Ratio,
    pub target_mobile_share: Ratio,
    /// Upper bounds (inclusive) of the age buckets but the last: 0–30, 31–60, …, 181+.
    pub age_buckets: Vec<u32>,
    pub scoring: ScoringSettings,
    /// A UTF-8 byte order mark before the app's CSV exports (`E`), so Excel reads
    /// Chinese names right. Written at the top of the config file (`export_bom = true`),
    /// not in `[metrics]`; without it, it follows the language (on in Chinese).
    #[serde(skip)]
    pub export_bom: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoringSettings {
    pub weight_growth: Decimal,
    pub weight_gap: Decimal,
    pub weight_pain: Decimal,
    pub weight_fit: Decimal,
    /// Market growth must be strictly above this, in percent per year.
    pub growth_gate_pct: Decimal,
    /// Growth scores 1.0 at and above this, in percent per year.
    pub growth_cap_pct: Decimal,
    pub launch_at: Decimal,
    pub test_at: Decimal,
}

impl Default for ScoringSettings {
    fn default() -> Self {
        ScoringSettings {
            weight_growth: Decimal::from(30),
            weight_gap: Decimal::from(25),
            weight_pain: Decimal::from(25),
            weight_fit: Decimal::from(20),
            growth_gate_pct: Decimal::from(15),
            growth_cap_pct: Decimal::from(40),
            launch_at: Decimal::from(70),
            test_at: Decimal::from(50),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_days: 90,
            velocity_days: 30,
            low_margin_below: pct(25),
            high_margin_at: pct(30),
            target_high_share: pct(40),
            target_low_share: pct(15),
            margin_floor: pct(25),
            margin_target: pct(35),
            slow_days: 30,
            best_seller_days: 6,
            lead_time_days: 14,
            review_period_days: 7,
            safety_days: 3,
            target_turnover_days: Decimal::from(6),
            target_repurchase: pct(40),
            target_new_conversion: pct(25),
            target_mobile_share: pct(60),
            age_buckets: vec![30, 60, 90, 180],
            scoring: ScoringSettings::default(),
            export_bom: false,
        }
    }
}

impl Settings {
    /// Checks every value and the relations between them; each problem names its key
    /// (and, for a contradiction, the other key).
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        for def in &SETTINGS {
            if let Err(message) = def.check((def.get)(self).normalize()) {
                problems.push(Problem::new(def.key, message));
            }
        }
        if self.low_margin_below >= self.high_margin_at {
            problems.push(Problem::contradiction(
                "low_margin_below",
                format!(
                    "the low tier ({}) must start below the high tier (high_margin_at = {})",
                    self.low_margin_below, self.high_margin_at
                ),
                "high_margin_at",
            ));
        }
        if self.margin_floor > self.margin_target {
            problems.push(Problem::contradiction(
                "margin_floor",
                format!(
                    "the floor ({}) must not be above the target (margin_target = {})",
                    self.margin_floor, self.margin_target
                ),
                "margin_target",
            ));
        }
        if self.target_low_share + self.target_high_share > Decimal::ONE {
            problems.push(Problem::contradiction(
                "target_low_share",
                format!(
                    "low and high shares ({} + {}) cannot add up to more than 1",
                    self.target_low_share, self.target_high_share
                ),
                "target_high_share",
            ));
        }
        if self.scoring.test_at > self.scoring.launch_at {
            problems.push(Problem::contradiction(
                "scoring.test_at",
                format!(
                    "a test batch ({}) must not need a higher score than a launch (scoring.launch_at = {})",
                    self.scoring.test_at, self.scoring.launch_at
                ),
                "scoring.launch_at",
            ));
        }
        if self.scoring.growth_gate_pct >= self.scoring.growth_cap_pct {
            problems.push(Problem::contradiction(
                "scoring.growth_gate_pct",
                format!(
                    "the growth gate ({}) must be below the growth cap (scoring.growth_cap_pct = {})",
                    self.scoring.growth_gate_pct, self.scoring.growth_cap_pct
                ),
                "scoring.growth_cap_pct",
            ));
        }
        if self.age_buckets.is_empty()
            || self.age_buckets.windows(2).any(|w| w[0] >= w[1])
            || self.age_buckets.iter().any(|&d| d == 0 || d > 36_600)
        {
            problems.push(Problem::new(
                "age_buckets",
                "must be increasing day counts, e.g. [30, 60, 90, 180]".to_string(),
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// A scalar value as a config file writes it (`0.25`, `90`), by its key
    /// (`margin_floor`, `scoring.launch_at`); `None` for an unknown or list key.
    pub fn get(&self, key: &str) -> Option<String> {
        let def = setting(key)?;
        let v = (def.get)(self);
        Some(match def.kind {
            Kind::Switch => (!v.is_zero()).to_string(),
            _ => v.normalize().to_string(),
        })
    }

    /// Sets a scalar value from text (`0.2`, `20%` for a ratio, `45` for days), checking
    /// its kind and range; relations between values are [`Settings::validate`]'s.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let def = setting(key).ok_or_else(|| format!("{key}: not a setting skudesk knows"))?;
        let v = value.trim();
        let parsed = match def.kind {
            Kind::Days => v
                .parse::<u32>()
                .map(Decimal::from)
                .map_err(|_| format!("{key}: {v:?} is not a whole number of days")),
            Kind::Ratio => {
                parse_ratio(v).ok_or_else(|| format!("{key}: {v:?} is not a ratio (0.25, or 25%)"))
            }
            Kind::Number => v
                .parse::<Decimal>()
                .map_err(|_| format!("{key}: {v:?} is not a number")),
            Kind::Switch => match v.to_ascii_lowercase().as_str() {
                "true" | "on" | "yes" | "1" => Ok(Decimal::ONE),
                "false" | "off" | "no" | "0" => Ok(Decimal::ZERO),
                _ => Err(format!("{key}: {v:?} is not true or false")),
            },
        }?;
        def.check(parsed).map_err(|e| format!("{key}: {e}"))?;
        (def.set)(self, parsed);
        Ok(())
    }

    /// Bucket labels: `0-30`, `31-60`, …, `181+`.
    pub fn bucket_labels(&self) -> Vec<String> {
        let mut labels = Vec::with_capacity(self.age_buckets.len() + 1);
        let mut lo = 0;
        for &hi in &self.age_buckets {
            labels.push(format!("{lo}-{hi}"));
            lo = hi + 1;
        }
        labels.push(format!("{lo}+"));
        labels
    }

    /// Index of the bucket a lot of `age` days falls in.
    pub fn bucket_of(&self, age: i64) -> usize {
        self.age_buckets
            .iter()
            .position(|&hi| age <= i64::from(hi))
            .unwrap_or(self.age_buckets.len())
    }
}

/// One scalar setting: its key in `[metrics]` (`scoring.…` for `[metrics.scoring]`),
/// its kind and allowed range, and how it is read from and written to [`Settings`].
/// The one place a setting is listed: `get`, `set`, the range checks, `config show`,
/// the layers' sources and the store's settings change all read [`SETTINGS`].
pub struct SettingDef {
    pub key: &'static str,
    kind: Kind,
    /// The allowed range, inclusive, and how an error words it.
    range: (Decimal, Decimal, &'static str),
    get: fn(&Settings) -> Decimal,
    set: fn(&mut Settings, Decimal),
    /// Written at the top of the config file, not in `[metrics]`.
    top_level: bool,
}

impl SettingDef {
    /// Whether the value is in range (and whole, for days).
    fn check(&self, v: Decimal) -> Result<(), String> {
        let (lo, hi, what) = self.range;
        let whole = self.kind != Kind::Days || v.fract().is_zero();
        if v < lo || v > hi || !whole {
            return Err(format!("must be {what} (got {v})"));
        }
        Ok(())
    }
    /// Whether it holds a ratio (shown as a percent in the app).
    pub fn is_ratio(&self) -> bool {
        self.kind == Kind::Ratio
    }
    /// Whether it is on or off (`true`/`false`).
    pub fn is_switch(&self) -> bool {
        self.kind == Kind::Switch
    }
    /// Its place in the config file: `export_bom` at the top, `metrics.margin_floor`,
    /// `metrics.scoring.launch_at`.
    pub fn dotted(&self) -> String {
        if self.top_level {
            self.key.to_string()
        } else {
            format!("metrics.{}", self.key)
        }
    }
    /// The smallest and largest value allowed (inclusive), as stored (a ratio as 0–1).
    pub fn bounds(&self) -> (Decimal, Decimal) {
        (self.range.0, self.range.1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Days,
    Ratio,
    Number,
    /// On or off, held as 1 or 0.
    Switch,
}

const DAYS_FROM_1: (Decimal, Decimal, &str) = (
    Decimal::ONE,
    Decimal::from_parts(3660, 0, 0, false, 0),
    "whole days from 1 to 3660",
);
const DAYS_FROM_0: (Decimal, Decimal, &str) = (
    Decimal::ZERO,
    Decimal::from_parts(3660, 0, 0, false, 0),
    "whole days from 0 to 3660",
);
const RATIO: (Decimal, Decimal, &str) = (
    Decimal::ZERO,
    Decimal::ONE,
    "a ratio between 0 and 1, e.g. 0.25",
);
const NUMBER: (Decimal, Decimal, &str) = (
    Decimal::ZERO,
    Decimal::from_parts(3660, 0, 0, false, 0),
    "a number from 0 to 3660",
);
const SCORE: (Decimal, Decimal, &str) = (
    Decimal::ZERO,
    Decimal::ONE_HUNDRED,
    "a number from 0 to 100",
);
const SWITCH: (Decimal, Decimal, &str) = (Decimal::ZERO, Decimal::ONE, "true or false");
const PERCENT: (Decimal, Decimal, &str) = (
    Decimal::ZERO,
    Decimal::ONE_THOUSAND,
    "a percent from 0 to 1000",
);

fn whole_days(v: Decimal) -> u32 {
    u32::try_from(v.trunc().mantissa()).unwrap_or(0)
}

/// A setting held as whole days.
macro_rules! days {
    ($key:literal, $field:ident, $range:expr) => {
        SettingDef {
            key: $key,
            kind: Kind::Days,
            range: $range,
            get: |s| Decimal::from(s.$field),
            set: |s, v| s.$field = whole_days(v),
            top_level: false,
        }
    };
}

/// A setting held as a decimal (`$($path).+` is its place in [`Settings`]).
macro_rules! decimal {
    ($key:literal, $kind:expr, $range:expr, $($path:ident).+) => {
        SettingDef {
            key: $key,
            kind: $kind,
            range: $range,
            get: |s| s.$($path).+,
            set: |s, v| s.$($path).+ = v,
            top_level: false,
        }
    };
}

/// A setting held as on or off, at the top of the config file.
macro_rules! switch {
    ($key:literal, $field:ident) => {
        SettingDef {
            key: $key,
            kind: Kind::Switch,
            range: SWITCH,
            get: |s| Decimal::from(u8::from(s.$field)),
            set: |s, v| s.$field = !v.is_zero(),
            top_level: true,
        }
    };
}

/// Every scalar setting, in the order `config show` prints them (those at the top of
/// the file, `export_bom`, first). `age_buckets` is a list and set in the file only.
pub const SETTINGS: [SettingDef; 26] = [
    days!("window_days", window_days, DAYS_FROM_1),
    days!("velocity_days", velocity_days, DAYS_FROM_1),
    decimal!("low_margin_below", Kind::Ratio, RATIO, low_margin_below),
    decimal!("high_margin_at", Kind::Ratio, RATIO, high_margin_at),
    decimal!("target_high_share", Kind::Ratio, RATIO, target_high_share),
    decimal!("target_low_share", Kind::Ratio, RATIO, target_low_share),
    decimal!("margin_floor", Kind::Ratio, RATIO, margin_floor),
    decimal!("margin_target", Kind::Ratio, RATIO, margin_target),
    days!("slow_days", slow_days, DAYS_FROM_1),
    days!("best_seller_days", best_seller_days, DAYS_FROM_0),
    days!("lead_time_days", lead_time_days, DAYS_FROM_0),
    days!("review_period_days", review_period_days, DAYS_FROM_0),
    days!("safety_days", safety_days, DAYS_FROM_0),
    decimal!(
        "target_turnover_days",
        Kind::Number,
        NUMBER,
        target_turnover_days
    ),
    decimal!("target_repurchase", Kind::Ratio, RATIO, target_repurchase),
    decimal!(
        "target_new_conversion",
        Kind::Ratio,
        RATIO,
        target_new_conversion
    ),
    decimal!(
        "target_mobile_share",
        Kind::Ratio,
        RATIO,
        target_mobile_share
    ),
    decimal!(
        "scoring.weight_growth",
        Kind::Number,
        SCORE,
        scoring.weight_growth
    ),
    decimal!(
        "scoring.weight_gap",
        Kind::Number,
        SCORE,
        scoring.weight_gap
    ),
    decimal!(
        "scoring.weight_pain",
        Kind::Number,
        SCORE,
        scoring.weight_pain
    ),
    decimal!(
        "scoring.weight_fit",
        Kind::Number,
        SCORE,
        scoring.weight_fit
    ),
    decimal!(
        "scoring.growth_gate_pct",
        Kind::Number,
        PERCENT,
        scoring.growth_gate_pct
    ),
    decimal!(
        "scoring.growth_cap_pct",
        Kind::Number,
        PERCENT,
        scoring.growth_cap_pct
    ),
    decimal!("scoring.launch_at", Kind::Number, SCORE, scoring.launch_at),
    decimal!("scoring.test_at", Kind::Number, SCORE, scoring.test_at),
    switch!("export_bom", export_bom),
];

/// Every scalar key, in [`SETTINGS`]' order.
pub const SCALAR_KEYS: [&str; SETTINGS.len()] = {
    let mut keys = [""; SETTINGS.len()];
    let mut i = 0;
    while i < SETTINGS.len() {
        keys[i] = SETTINGS[i].key;
        i += 1;
    }
    keys
};

/// The setting of `key`, if skudesk knows it.
pub fn setting(key: &str) -> Option<&'static SettingDef> {
    SETTINGS.iter().find(|d| d.key == key)
}

/// The low tier follows the margin floor unless `low_margin_below` is set itself: a SKU
/// whose margin is below the floor is a low-margin SKU (both are 25 % by default).
pub const LOW_FOLLOWS: (&str, &str) = ("low_margin_below", "margin_floor");

/// Whether `key` holds a ratio (shown as a percent in the app).
pub fn is_ratio(key: &str) -> bool {
    setting(key).is_some_and(SettingDef::is_ratio)
}

/// `0.25`, `.25` or `25%`.
fn parse_ratio(v: &str) -> Option<Ratio> {
    match v.strip_suffix('%') {
        Some(p) => p
            .trim()
            .parse::<Decimal>()
            .ok()
            .map(|d| d / Decimal::from(100)),
        None => v.parse::<Decimal>().ok(),
    }
    .map(|d| d.normalize())
}

/// One thing wrong with the settings: the key it is about, what is wrong, and for a
/// contradiction the other key involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: &'static str,
    pub message: String,
    pub other: Option<&'static str>,
}

impl Problem {
    fn new(key: &'static str, message: String) -> Problem {
        Problem {
            key,
            message,
            other: None,
        }
    }
    fn contradiction(key: &'static str, message: String, other: &'static str) -> Problem {
        Problem {
            key,
            message,
            other: Some(other),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// How the app and the Markdown report look: theme, money, weeks. (JSON and CSV are
/// contracts and never change with these.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Display {
    pub theme: ThemeName,
    /// Written before money amounts, e.g. "¥" or "$" [none].
    pub currency_symbol: String,
    /// Decimals money is shown with, 0–6 [2].
    pub currency_decimals: u32,
    /// The first day of a week, for figures by week [monday].
    pub week_start: WeekStart,
}

impl Default for Display {
    fn default() -> Self {
        Display {
            theme: ThemeName::Default,
            currency_symbol: String::new(),
            currency_decimals: 2,
            week_start: WeekStart::Monday,
        }
    }
}

impl Display {
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        if self.currency_decimals > 6 {
            problems.push(Problem::new(
                "currency_decimals",
                format!("must be 0 to 6 (got {})", self.currency_decimals),
            ));
        }
        if self.currency_symbol.chars().count() > 8
            || self.currency_symbol.chars().any(char::is_control)
        {
            problems.push(Problem::new(
                "currency_symbol",
                "must be a short sign such as \"¥\" or \"US$\" (at most 8 characters, no control characters)".into(),
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    pub fn money(&self) -> super::money::MoneyFormat {
        super::money::MoneyFormat {
            symbol: self.currency_symbol.clone(),
            decimals: self.currency_decimals.min(6),
        }
    }
}

/// The app's colours: `default` (reads on dark and light terminals), `high-contrast`,
/// or `no-color` (also chosen by the `NO_COLOR` environment variable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    NoColor,
}

impl ThemeName {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::NoColor => "no-color",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl WeekStart {
    pub fn as_str(self) -> &'static str {
        match self {
            WeekStart::Monday => "monday",
            WeekStart::Tuesday => "tuesday",
            WeekStart::Wednesday => "wednesday",
            WeekStart::Thursday => "thursday",
            WeekStart::Friday => "friday",
            WeekStart::Saturday => "saturday",
            WeekStart::Sunday => "sunday",
        }
    }
    /// Days from Monday: Monday 0 … Sunday 6.
    pub fn from_monday(self) -> u32 {
        self as u32
    }
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
