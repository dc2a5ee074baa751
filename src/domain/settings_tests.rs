//! Tests of the settings: defaults, validation, the registry of keys.

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
    assert!(problems.iter().any(|p| p.key == "low_margin_below"));
    assert!(problems.iter().any(|p| p.key == "margin_floor"));
    assert!(problems.iter().any(|p| p.key == "age_buckets"));
    assert!(Settings::default().validate().is_ok());
}

#[test]
fn equal_tier_thresholds_contradict() {
    let s = Settings {
        low_margin_below: Decimal::new(30, 2),
        ..Settings::default()
    };
    let p = s.validate().unwrap_err();
    assert_eq!(p[0].key, "low_margin_below");
    assert_eq!(p[0].other, Some("high_margin_at"));
}

/// Each registry row reads and writes its own field: setting one key moves that key
/// alone (two rows pointing at one field, or a key written to the wrong field, fail).
#[test]
fn each_setting_moves_only_its_own_field() {
    for def in &SETTINGS {
        let mut s = Settings::default();
        let before: Vec<Option<String>> = SCALAR_KEYS.iter().map(|k| s.get(k)).collect();
        let (lo, hi, _) = def.range;
        let old = (def.get)(&s);
        let new = if old == hi { lo } else { hi };
        s.set(def.key, &new.to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", def.key));
        let after: Vec<Option<String>> = SCALAR_KEYS.iter().map(|k| s.get(k)).collect();
        let moved: Vec<&str> = SCALAR_KEYS
            .iter()
            .zip(before.iter().zip(&after))
            .filter(|(_, (b, a))| b != a)
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(moved, [def.key], "setting {}", def.key);
    }
}

#[test]
fn every_scalar_key_reads_and_writes_back() {
    let mut s = Settings::default();
    for key in SCALAR_KEYS {
        let v = s.get(key).expect(key);
        s.set(key, &v).unwrap_or_else(|e| panic!("{key}: {e}"));
        assert_eq!(s.get(key).as_deref(), Some(v.as_str()));
    }
    assert_eq!(s, Settings::default());
    s.set("margin_floor", "20%").unwrap();
    assert_eq!(s.margin_floor, Decimal::new(20, 2));
    s.set("slow_days", " 45 ").unwrap();
    assert_eq!(s.slow_days, 45);
    assert!(s.set("slow_days", "4.5").is_err());
    assert!(s.set("slow_days", "0").is_err());
    assert!(s.set("margin_floor", "1.5").is_err());
    assert!(s.set("margin_floor", "abc").is_err());
    assert!(s.set("age_buckets", "1").is_err());
    assert!(s.set("nope", "1").is_err());
}
