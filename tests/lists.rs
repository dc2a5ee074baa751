//! `skudesk candidates list` and `skudesk plans list` on the demo data: the JSON a script
//! reads, checked against figures worked out from sample-data/.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::process::Command;

fn demo(args: &[&str]) -> serde_json::Value {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let home = HOME.get_or_init(|| tempfile::tempdir().unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_skudesk"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env_remove("SKUDESK_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn candidates_come_by_score_with_verdicts_and_gate_reasons() {
    let list = demo(&["candidates", "list", "--format", "json"]);
    let list = list.as_array().unwrap();
    let scores: Vec<f64> = list.iter().map(|c| c["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
    // Blood-pressure monitor: growth 22 % (16.5 of 30), gap 4 (20), pain 5 (25), fit 4 (16).
    let bp = list
        .iter()
        .find(|c| c["name"].as_str().unwrap().contains("Blood-Pressure"))
        .unwrap();
    assert_eq!(bp["score"].as_f64().unwrap(), 77.5);
    assert_eq!(bp["verdict"], "launch");
    assert_eq!(bp["expected_unit_cost"], "128.00");
    // The generic cable grows 5 %/yr: the growth gate fails, whatever its score.
    let cable = list
        .iter()
        .find(|c| c["name"].as_str().unwrap().contains("USB"))
        .unwrap();
    assert_eq!(cable["verdict"], "reject");
    assert!(cable["failed_gates"][0]
        .as_str()
        .unwrap()
        .contains("market growth 5%/yr"));
}

#[test]
fn plans_carry_progress_computed_from_the_data() {
    let list = demo(&["plans", "list", "--format", "json"]);
    let list = list.as_array().unwrap();
    // The September BOGO batch recovered 83,348.00 against an 80,000 target.
    let bogo = list
        .iter()
        .find(|p| p["title"].as_str().unwrap().contains("Sep BOGO"))
        .unwrap();
    assert_eq!(bogo["target"]["metric"], "batch_cash_recovered");
    assert_eq!(bogo["current"].as_f64().unwrap(), 83348.0);
    assert_eq!(bogo["progress"].as_f64().unwrap(), 1.0);
    assert_eq!(bogo["status"], "done");
    // A plan that follows a batch starts with it, from 0.
    assert_eq!(bogo["start"], "2025-09-01");
    assert_eq!(bogo["baseline"].as_f64().unwrap(), 0.0);
    // Double-11 starts on 2025-11-01: by 2025-09-30 nothing is recovered and nothing is
    // expected yet — not started, never behind (METRICS.md "Plans over time").
    let d11 = list
        .iter()
        .find(|p| p["title"].as_str().unwrap().contains("Double-11"))
        .unwrap();
    assert_eq!(d11["current"].as_f64().unwrap(), 0.0);
    assert_eq!(d11["start"], "2025-11-01");
    assert_eq!(d11["not_started"], true);
    assert_eq!(d11["expected_progress"].as_f64().unwrap(), 0.0);
    assert_eq!(d11["off_track"], false);
    assert_eq!(d11["behind"], false);
    // The demo's other plans were made on its as-of date: their baseline is the value
    // then, so none has moved yet.
    let low = list
        .iter()
        .find(|p| p["target"]["metric"] == "low_tier_revenue_share")
        .unwrap();
    assert_eq!(low["start"], "2025-09-30");
    assert!((low["baseline"].as_f64().unwrap() - low["now"].as_f64().unwrap()).abs() < 1e-6);
    assert_eq!(low["progress"].as_f64().unwrap(), 0.0);
    // But the review's "high-margin share 28 % -> 40 %" dates from a year earlier: its
    // baseline is the share then (the report's year-earlier figure), its progress the way
    // made from there, and a year into its 21 months it is behind.
    let report = demo(&["report", "--format", "json"]);
    let share = list
        .iter()
        .find(|p| p["target"]["metric"] == "high_tier_revenue_share")
        .unwrap();
    assert_eq!(share["start"], "2024-09-30");
    assert_eq!(report["year_earlier"]["as_of"], "2024-09-30");
    let then = report["year_earlier"]["kpis"]["tier_share_revenue"]["high"]
        .as_f64()
        .unwrap();
    let now = report["kpis"]["tier_share_revenue"]["high"]
        .as_f64()
        .unwrap();
    // (the baseline is kept as a decimal of 5 places, hence the tolerances)
    let baseline = share["baseline"].as_f64().unwrap();
    assert!((baseline - then).abs() < 1e-5, "{baseline} vs {then}");
    assert!((share["now"].as_f64().unwrap() - now).abs() < 1e-6);
    let progress = (now - baseline) / (0.40 - baseline);
    assert!((share["progress"].as_f64().unwrap() - progress).abs() < 1e-4);
    assert!(
        then < now && progress > 0.0 && progress < 0.5,
        "{then} -> {now}"
    );
    assert_eq!(share["behind"], true);
    // Moving the as-of date moves the progress with the data, never a typed number.
    let earlier = demo(&["plans", "list", "--format", "json", "--as-of", "2025-09-10"]);
    let bogo_then = earlier
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == bogo["id"])
        .unwrap()
        .clone();
    assert!(bogo_then["current"].as_f64().unwrap() < 83348.0);
}

#[test]
fn several_first_runs_at_once_share_one_whole_demo_database() {
    let home = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_skudesk"))
                .args(["report", "--format", "json"])
                .env("HOME", home.path())
                .env("XDG_DATA_HOME", home.path().join("data"))
                .env("XDG_CONFIG_HOME", home.path().join("config"))
                .env_remove("SKUDESK_DB")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let reports: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        })
        .collect();
    assert!(
        reports.iter().all(|r| r == &reports[0]),
        "every run saw the same, complete demo"
    );
    let leftovers: Vec<_> = std::fs::read_dir(home.path().join("data/skudesk"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn personas_are_data_that_candidates_must_match() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_skudesk"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("SKUDESK_DB")
            .output()
            .unwrap()
    };
    let list = String::from_utf8(run(&["personas", "list"]).stdout).unwrap();
    for code in ["tech_geeks", "pet_parents", "environmentalists"] {
        assert!(list.contains(code), "{list}");
    }
    assert!(run(&["personas", "set", "eco_moms", "eco moms"])
        .status
        .success());
    assert!(String::from_utf8(run(&["personas", "list"]).stdout)
        .unwrap()
        .contains("eco moms"));
    // A persona some candidate matches cannot go; undo takes back the added one.
    let refused = run(&["personas", "remove", "tech_geeks"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("candidate(s) match persona tech_geeks")
    );
    assert!(run(&["undo"]).status.success());
    assert!(!String::from_utf8(run(&["personas", "list"]).stdout)
        .unwrap()
        .contains("eco_moms"));
}

#[test]
fn writers_side_by_side_all_land() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("shop.db");
    let products = home.path().join("p.csv");
    let mut csv = String::from("sku,unit_cost\n");
    for i in 0..8 {
        csv.push_str(&format!("S{i},1\n"));
    }
    std::fs::write(&products, csv).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_skudesk"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("SKUDESK_DB")
            .output()
            .unwrap()
    };
    assert!(run(&["import", "products", products.to_str().unwrap()])
        .status
        .success());
    // Eight processes change eight SKUs at the same moment: WAL and the busy timeout
    // serialise them; none fails, none is lost.
    let children: Vec<_> = (0..8)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_skudesk"))
                .arg("--db")
                .arg(&db)
                .args(["reclassify", &format!("S{i}"), "--tier", "high"])
                .env_remove("SKUDESK_DB")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let report: serde_json::Value =
        serde_json::from_slice(&run(&["report", "--format", "json"]).stdout).unwrap();
    let overridden = report["skus"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["tier_overridden"] == true)
        .count();
    assert_eq!(overridden, 8);
}
