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
    pub target_turnover_days: Decimal,
    pub target_repurchase: Ratio,
    pub target_new_conversion: Ratio,
    pub target_mobile_share: Ratio,
    /// Upper bounds (inclusive) of the age buckets but the last: 0–30, 31–60, …, 181+.
    pub age_buckets: Vec<u32>,
    pub scoring: ScoringSettings,
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
            target_turnover_days: Decimal::from(6),
            target_repurchase: pct(40),
            target_new_conversion: pct(25),
            target_mobile_share: pct(60),
            age_buckets: vec![30, 60, 90, 180],
            scoring: ScoringSettings::default(),
        }
    }
}

impl Settings {
    /// Checks relations between values; each problem names the key.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let unit = |v: Ratio| v >= Decimal::ZERO && v <= Decimal::ONE;
        if self.window_days == 0 || self.window_days > 3660 {
            problems.push("window_days: must be 1..=3660".to_string());
        }
        if self.velocity_days == 0 || self.velocity_days > 3660 {
            problems.push("velocity_days: must be 1..=3660".to_string());
        }
        for (key, v) in [
            ("low_margin_below", self.low_margin_below),
            ("high_margin_at", self.high_margin_at),
            ("target_high_share", self.target_high_share),
            ("target_low_share", self.target_low_share),
            ("margin_floor", self.margin_floor),
            ("margin_target", self.margin_target),
            ("target_repurchase", self.target_repurchase),
            ("target_new_conversion", self.target_new_conversion),
            ("target_mobile_share", self.target_mobile_share),
        ] {
            if !unit(v) {
                problems.push(format!("{key}: must be a ratio between 0 and 1 (got {v})"));
            }
        }
        if self.low_margin_below > self.high_margin_at {
            problems.push("low_margin_below: must not exceed high_margin_at".to_string());
        }
        if self.age_buckets.is_empty() || self.age_buckets.windows(2).any(|w| w[0] >= w[1]) {
            problems.push(
                "age_buckets: must be increasing day counts, e.g. [30, 60, 90, 180]".to_string(),
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_buckets_match_metrics_md() {
        let s = Settings::default();
        assert_eq!(
            s.bucket_labels(),
            ["0-30", "31-60", "61-90", "91-180", "181+"]
        );
        let cases = [
            (0, 0),
            (30, 0),
            (31, 1),
            (60, 1),
            (61, 2),
            (90, 2),
            (91, 3),
            (180, 3),
            (181, 4),
            (-3, 0),
        ];
        for (age, bucket) in cases {
            assert_eq!(s.bucket_of(age), bucket, "age {age}");
        }
    }

    #[test]
    fn validation_names_the_key() {
        let s = Settings {
            low_margin_below: Decimal::new(40, 2),
            margin_floor: Decimal::from(25),
            age_buckets: vec![60, 30],
            ..Settings::default()
        };
        let problems = s.validate().unwrap_err();
        assert!(problems.iter().any(|p| p.starts_with("low_margin_below")));
        assert!(problems.iter().any(|p| p.starts_with("margin_floor")));
        assert!(problems.iter().any(|p| p.starts_with("age_buckets")));
        assert!(Settings::default().validate().is_ok());
    }
}
