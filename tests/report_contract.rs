//! `skudesk report --format json` against the hand-computed fixtures of
//! `tests/oracle/fixtures/*/expected.md`, figure by figure, and the field names METRICS.md
//! makes a contract.
//!
//! Each fixture's `args` file (the oracle's arguments) says which CSVs are imported, in
//! which order (`--products F`, `--stock F`, `--orders F`, `--traffic F`) and the as-of date
//! (`--as-of D`, else the default). Hand figures: money as exact strings, ratios as numbers
//! or exact fractions (`"283/380"`), `null` as undefined; age buckets as
//! `[label, units, capital]`.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{contract_problems, skus, Out, Sandbox, BUCKET_LABELS, KPI_FIELDS, SKU_FIELDS};

/// Relative tolerance for numbers; the absolute one only lets 0 equal 0.0 ± rounding.
const REL_TOL: f64 = 1e-9;
const ABS_TOL: f64 = 1e-12;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures dir")
        .map(|e| e.unwrap().path())
        .filter(|d| d.join("expected.md").is_file() && d.join("args").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The hand-computed JSON block of a fixture's expected.md.
fn expected(dir: &Path) -> Value {
    let md = std::fs::read_to_string(dir.join("expected.md")).unwrap();
    let start = md.find("```json\n").expect("a ```json block") + "```json\n".len();
    let len = md[start..].find("\n```").expect("end of the json block");
    serde_json::from_str(&md[start..start + len]).expect("expected.md JSON parses")
}

/// Imports a fixture's files per its `args` into the sandbox's db and returns the report.
fn report_for(sb: &Sandbox, dir: &Path) -> Value {
    let args = std::fs::read_to_string(dir.join("args")).unwrap();
    let words: Vec<&str> = args.split_whitespace().collect();
    assert!(words.len().is_multiple_of(2), "args come in pairs: {args}");
    let mut as_of = None;
    let mut imports = 0;
    for pair in words.chunks(2) {
        let (flag, value) = (pair[0], pair[1]);
        match flag {
            "--as-of" => as_of = Some(value),
            "--products" | "--stock" | "--orders" | "--traffic" => {
                let file = dir.join(value);
                sb.import_ok(&flag[2..], &[file.to_str().unwrap()]);
                imports += 1;
            }
            other => panic!("{}: unknown flag {other} in args", dir.display()),
        }
    }
    assert!(imports > 0, "{}: args import nothing", dir.display());
    let mut report: Vec<String> = ["report", "--format", "json"].map(String::from).to_vec();
    if let Some(d) = as_of {
        report.extend(["--as-of".to_string(), d.to_string()]);
    }
    // The report's own options (`--trend`, `--periods`), and `--week-start` as the
    // `[display] week_start` setting of a config file.
    let options = std::fs::read_to_string(dir.join("options")).unwrap_or_default();
    let words: Vec<&str> = options.split_whitespace().collect();
    assert!(
        words.len().is_multiple_of(2),
        "options come in pairs: {options}"
    );
    let mut config = Vec::new();
    for pair in words.chunks(2) {
        match pair[0] {
            "--trend" | "--periods" => report.extend([pair[0].to_string(), pair[1].to_string()]),
            "--week-start" => {
                let path = sb.write(
                    "config.toml",
                    format!("[display]\nweek_start = \"{}\"\n", pair[1]),
                );
                config = vec!["--config".to_string(), path];
            }
            other => panic!("{}: unknown option {other}", dir.display()),
        }
    }
    config.extend(report);
    let out: Out = sb.run_db(&config);
    out.assert_code(0);
    out.json()
}

/// A hand ratio written as `"n/d"`, as a number.
fn fraction(s: &str) -> Option<f64> {
    let (n, d) = s.split_once('/')?;
    let is_num = |t: &str| {
        let t = t.strip_prefix('-').unwrap_or(t);
        !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    };
    if !is_num(n) || !is_num(d) {
        return None;
    }
    Some(n.parse::<f64>().ok()? / d.parse::<f64>().ok()?)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= ABS_TOL.max(REL_TOL * a.abs().max(b.abs()))
}

/// One figure: `None` if the report agrees with the hand value, else why not.
fn mismatch(hand: &Value, got: &Value) -> Option<String> {
    let why = |what: &str| Some(format!("{what}: hand {hand} report {got}"));
    match hand {
        Value::Null => (!got.is_null()).then(|| "expected null".to_string()),
        Value::Bool(b) => (got.as_bool() != Some(*b)).then(|| why("boolean").unwrap()),
        Value::Number(n) => match got.as_f64() {
            Some(g) if !got.is_boolean() && close(n.as_f64().unwrap(), g) => None,
            _ => why("number"),
        },
        Value::String(s) => match fraction(s) {
            Some(f) => match got.as_f64() {
                Some(g) if close(f, g) => None,
                _ => why("fraction"),
            },
            // Money, tiers and names compare exactly.
            None => (got.as_str() != Some(s.as_str())).then(|| why("text").unwrap()),
        },
        Value::Array(_) | Value::Object(_) => why("unexpected hand shape"),
    }
}

/// A hand value against the report's, recursively: every field the hand names must
/// agree (the report may hold more). Hand age buckets are `[label, units, capital
/// (, capital_share)]`; trend points are matched by their `start`.
fn compare_value(path: &str, hand: &Value, got: &Value, diffs: &mut Vec<String>) {
    match (hand, got) {
        (Value::Object(fields), _) if got.is_object() => {
            for (k, h) in fields {
                match got.get(k) {
                    None => diffs.push(format!("{path}.{k}: missing")),
                    Some(g) => compare_value(&format!("{path}.{k}"), h, g, diffs),
                }
            }
        }
        (Value::Array(items), Value::Array(got_items)) => {
            if items.first().is_some_and(Value::is_array) {
                // Age buckets as tuples against the report's objects.
                let keys = ["label", "units", "capital", "capital_share"];
                let got: Vec<Value> = got_items
                    .iter()
                    .map(|b| {
                        Value::Array(
                            keys.iter()
                                .map(|k| b.get(*k).cloned().unwrap_or(Value::Null))
                                .collect(),
                        )
                    })
                    .collect();
                if items.len() != got.len() {
                    diffs.push(format!(
                        "{path}: hand {} buckets, report {}",
                        items.len(),
                        got.len()
                    ));
                    return;
                }
                for (i, (h, g)) in items.iter().zip(&got).enumerate() {
                    let h = h.as_array().unwrap();
                    for (j, hv) in h.iter().enumerate() {
                        if let Some(d) = mismatch(hv, &g[j]) {
                            diffs.push(format!("{path}[{i}].{}: {d}", keys[j]));
                        }
                    }
                }
            } else if items.first().is_some_and(|p| p.get("start").is_some()) {
                if items.len() != got_items.len() {
                    diffs.push(format!(
                        "{path}: hand {} points, report {}",
                        items.len(),
                        got_items.len()
                    ));
                }
                for h in items {
                    let start = &h["start"];
                    match got_items.iter().find(|g| g["start"] == *start) {
                        None => diffs.push(format!("{path}[start={start}]: missing")),
                        Some(g) => compare_value(&format!("{path}[{start}]"), h, g, diffs),
                    }
                }
            } else {
                if items.len() != got_items.len() {
                    diffs.push(format!(
                        "{path}: hand {} items, report {}",
                        items.len(),
                        got_items.len()
                    ));
                }
                for (i, (h, g)) in items.iter().zip(got_items).enumerate() {
                    compare_value(&format!("{path}[{i}]"), h, g, diffs);
                }
            }
        }
        _ => diffs.extend(mismatch(hand, got).map(|d| format!("{path}: {d}"))),
    }
}

fn compare(expected: &Value, report: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    for (k, hand) in expected.as_object().unwrap() {
        if k == "skus" {
            continue;
        }
        match report.get(k) {
            None => diffs.push(format!("{k}: missing")),
            Some(got) => compare_value(k, hand, got, &mut diffs),
        }
    }
    let hand_skus = expected["skus"].as_object().unwrap();
    // The report lists exactly the hand's SKUs, in byte order.
    let mut want: Vec<String> = hand_skus.keys().cloned().collect();
    want.sort();
    let got_skus = skus(report);
    if got_skus != want {
        diffs.push(format!("skus: hand {want:?} report {got_skus:?}"));
    }
    for (code, fields) in hand_skus {
        let Some(row) = report["skus"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["sku"] == code.as_str())
        else {
            continue;
        };
        compare_value(&format!("skus[{code}]"), fields, row, &mut diffs);
    }
    diffs
}

fn check_fixture(name: &str) {
    let dir = fixtures()
        .into_iter()
        .find(|d| d.file_name().unwrap() == name)
        .unwrap_or_else(|| panic!("fixture {name} not found"));
    let sb = Sandbox::new();
    let report = report_for(&sb, &dir);
    let diffs = compare(&expected(&dir), &report);
    assert!(
        diffs.is_empty(),
        "{name}: {} mismatch(es):\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    let problems = contract_problems(&report);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
}

#[test]
fn basic_fixture_matches_the_hand_figures() {
    check_fixture("basic");
}

#[test]
fn messy_fixture_matches_the_hand_figures() {
    check_fixture("messy");
}

// The fixtures of issues 20 and 21: cost coverage, reorder (with per-product lead
// times), the year earlier (covered, and not quite), and trends by month and by Sunday
// weeks (their `options` file).

#[test]
fn cost_coverage_fixture_matches_the_hand_figures() {
    check_fixture("cost_coverage");
}

#[test]
fn reorder_fixture_matches_the_hand_figures() {
    check_fixture("reorder");
}

#[test]
fn trend_month_fixture_matches_the_hand_figures() {
    check_fixture("trend_month");
}

#[test]
fn trend_week_sunday_fixture_matches_the_hand_figures() {
    check_fixture("trend_week_sunday");
}

#[test]
fn year_covered_fixture_matches_the_hand_figures() {
    check_fixture("year_covered");
}

#[test]
fn year_uncovered_fixture_matches_the_hand_figures() {
    check_fixture("year_uncovered");
}

/// A fixture added later is not silently skipped: every directory is listed above.
#[test]
fn every_fixture_has_a_test() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "basic",
            "cost_coverage",
            "messy",
            "reorder",
            "trend_month",
            "trend_week_sunday",
            "year_covered",
            "year_uncovered"
        ]
    );
}

#[test]
fn the_comparison_catches_a_wrong_figure() {
    // The checker itself must be able to fail: one cent, one ratio, one null, one bucket.
    let dir = fixtures().into_iter().next().unwrap();
    let sb = Sandbox::new();
    let report = report_for(&sb, &dir);
    let hand = expected(&dir);
    assert!(compare(&hand, &report).is_empty());
    let first = skus(&report)[0].clone();
    for (path, wrong) in [
        ("/kpis/net_revenue", Value::from("380.01")),
        ("/kpis/gross_margin", Value::from(0.5)),
        ("/kpis/new_product_conversion", Value::from(0.0)),
        ("/kpis/tier_share_skus/high", Value::Null),
        ("/skus/0/age_buckets/0/label", Value::from("0-29")),
        ("/skus/0/cover_infinite", Value::from("false")),
    ] {
        let mut bad = report.clone();
        *bad.pointer_mut(path).unwrap() = wrong;
        assert!(
            !compare(&hand, &bad).is_empty(),
            "changing {path} of {first} went unnoticed"
        );
    }
}

#[test]
fn every_contract_field_is_present_in_kpis_and_each_sku() {
    for dir in fixtures() {
        let sb = Sandbox::new();
        let report = report_for(&sb, &dir);
        assert_eq!(report["window_days"], 90);
        assert_eq!(report["velocity_days"], 30);
        for f in KPI_FIELDS {
            assert!(
                report["kpis"].get(f).is_some(),
                "{}: kpis.{f} missing",
                dir.display()
            );
        }
        let rows = report["skus"].as_array().unwrap();
        assert!(!rows.is_empty());
        for row in rows {
            for f in SKU_FIELDS {
                assert!(
                    row.get(f).is_some(),
                    "{}: {f} missing in {row}",
                    dir.display()
                );
            }
            let labels: Vec<&str> = row["age_buckets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["label"].as_str().unwrap())
                .collect();
            assert_eq!(labels, BUCKET_LABELS, "{}", row["sku"]);
        }
    }
}

#[test]
fn window_and_velocity_flags_reach_the_report() {
    let dir = fixtures().into_iter().next().unwrap();
    let sb = Sandbox::new();
    let default = report_for(&sb, &dir);
    let out = sb.run_db(&[
        "report",
        "--format",
        "json",
        "--as-of",
        "2025-09-30",
        "--window",
        "30",
        "--velocity",
        "7",
    ]);
    out.assert_code(0);
    let narrow = out.json();
    assert_eq!(narrow["window_days"], 30);
    assert_eq!(narrow["velocity_days"], 7);
    assert_ne!(
        narrow["kpis"]["net_revenue"],
        default["kpis"]["net_revenue"]
    );
    assert!(contract_problems(&narrow).is_empty());
}

/// The "Over time" fields hold together: the portfolio's age buckets add up to the
/// capital tied up, their shares to one; each trend point is the report of its own
/// period (as-of its last day, window its length); the periods run back to back to the
/// as-of date; a year earlier the data does not cover is `null`.
#[test]
fn over_time_fields_hold_together_and_each_trend_point_is_its_periods_report() {
    let dir = fixtures()
        .into_iter()
        .find(|d| d.ends_with("messy"))
        .unwrap();
    let sb = Sandbox::new();
    let report = report_for(&sb, &dir);
    let k = &report["kpis"];
    let money = |v: &Value| v.as_str().unwrap().parse::<f64>().unwrap();
    let buckets = k["age_buckets"].as_array().unwrap();
    let labels: Vec<&str> = buckets
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, BUCKET_LABELS);
    let capital: f64 = buckets.iter().map(|b| money(&b["capital"])).sum();
    assert!(close(capital, money(&k["capital_tied_up"])), "{capital}");
    let shares: f64 = buckets
        .iter()
        .map(|b| b["capital_share"].as_f64().unwrap())
        .sum();
    assert!(close(shares, 1.0), "{shares}");
    // The fixture's lines span months, not a year.
    assert_eq!(report["year_earlier"], Value::Null);
    assert_eq!(k["revenue_growth_yoy"], Value::Null);
    assert!(report.get("trend").is_none(), "trend only when asked");

    let as_of = report["as_of"].as_str().unwrap().to_string();
    for period in ["week", "month"] {
        let out = sb.run_db(&[
            "report",
            "--format",
            "json",
            "--as-of",
            &as_of,
            "--trend",
            period,
            "--periods",
            "3",
        ]);
        out.assert_code(0);
        let with = out.json();
        assert_eq!(with["trend"]["period"], period);
        let points = with["trend"]["points"].as_array().unwrap();
        assert_eq!(points.len(), 3);
        assert_eq!(
            points[2]["end"],
            as_of.as_str(),
            "the last period is cut at D"
        );
        for pair in points.windows(2) {
            let end =
                chrono::NaiveDate::parse_from_str(pair[0]["end"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap();
            let next =
                chrono::NaiveDate::parse_from_str(pair[1]["start"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap();
            assert_eq!(
                end.succ_opt().unwrap(),
                next,
                "{period}: periods run back to back"
            );
        }
        for p in points {
            let (start, end) = (p["start"].as_str().unwrap(), p["end"].as_str().unwrap());
            let days = (chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d").unwrap()
                - chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap())
            .num_days()
                + 1;
            let own = sb.run_db(&[
                "report",
                "--format",
                "json",
                "--as-of",
                end,
                "--window",
                &days.to_string(),
            ]);
            own.assert_code(0);
            let own = own.json();
            for f in [
                "net_revenue",
                "cogs",
                "gross_profit",
                "gross_margin",
                "gross_margin_costed",
                "cost_coverage",
                "tier_share_revenue",
                "tier_share_gp",
                "repurchase_rate",
                "high_tier_repurchase_rate",
                "mobile_share",
                "new_product_conversion",
            ] {
                assert_eq!(p["kpis"][f], own["kpis"][f], "{period} {start}: {f}");
            }
            assert!(
                p["kpis"].get("capital_tied_up").is_none(),
                "no stock figures in a point"
            );
        }
    }
    let bad = sb.run_db(&["report", "--periods", "3"]);
    bad.assert_code(2);
}
