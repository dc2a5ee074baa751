//! `skudesk plans add|edit|remove`, `skudesk candidates add|edit|remove` and the overlap
//! rule of `skudesk batch create|add`, on the real binary: what a script writes, reads
//! back (`--format json`), undoes and redoes, and what is refused with nothing written.
//! Plans' figures are worked out by hand (METRICS.md "Plans over time").

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use common::Sandbox;
use serde_json::Value;

/// Three SKUs: S1 (Kitchen) sold 2 × 10 on 2025-09-01, S2 (Kitchen) 1 × 8 on
/// 2025-09-20, S3 (Garden) 4 × 5 on 2025-09-30 (the as-of date). Net revenue over the
/// 90-day window: 48 as of 2025-09-30, 20 as of 2025-09-10.
fn shop() -> Sandbox {
    let sb = Sandbox::new();
    sb.write(
        "p.csv",
        "sku,name,category,unit_cost,list_price\nS1,One,Kitchen,4.00,10.00\nS2,Two,Kitchen,6.00,8.00\nS3,Three,Garden,1.00,5.00\n",
    );
    sb.write(
        "s.csv",
        "sku,qty,received_on\nS1,5,2025-08-01\nS2,7,2025-06-01\nS3,9,2025-07-01\n",
    );
    sb.write(
        "o.csv",
        "order_id,ordered_at,sku,qty,unit_price\nO1,2025-09-01,S1,2,10.00\nO2,2025-09-20,S2,1,8.00\nO3,2025-09-30,S3,4,5.00\n",
    );
    sb.import_ok("products", &["p.csv"]);
    sb.import_ok("stock", &["s.csv"]);
    sb.import_ok("orders", &["o.csv"]);
    sb
}

fn plans(sb: &Sandbox) -> Vec<Value> {
    let out = sb.run_db(&["plans", "list", "--format", "json"]);
    out.assert_code(0);
    out.json().as_array().unwrap().clone()
}

fn only_plan(sb: &Sandbox) -> Value {
    let list = plans(sb);
    assert_eq!(list.len(), 1, "{list:?}");
    list[0].clone()
}

fn close(v: &Value, want: f64, what: &str) {
    let got = v
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {v} is not a number"));
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

fn history_len(sb: &Sandbox) -> usize {
    let out = sb.run_db(&["history", "--limit", "1000"]);
    out.assert_code(0);
    out.stdout.lines().count()
}

#[test]
fn a_plan_round_trips_add_list_edit_undo_redo_remove() {
    let sb = shop();
    let added = sb.run_db(&[
        "plans",
        "add",
        "--title",
        "Revenue to 100",
        "--metric",
        "net_revenue",
        "--target",
        "100",
        "--due",
        "2025-10-30",
        "--start",
        "2025-09-10",
        "--horizon",
        "mid",
        "--note",
        "from the September push",
    ]);
    added.assert_code(0);
    added.assert_stdout_has("Revenue to 100");
    let p = only_plan(&sb);
    assert_eq!(p["title"], "Revenue to 100");
    assert_eq!(p["horizon"], "mid");
    assert_eq!(p["status"], "todo");
    assert_eq!(p["due_on"], "2025-10-30");
    assert_eq!(p["note"], "from the September push");
    assert_eq!(p["target"]["metric"], "net_revenue");
    assert_eq!(p["target"]["value"], "100");
    assert_eq!(p["start"], "2025-09-10");
    // The baseline is net revenue as of the start: only S1's 20 was sold by then.
    close(&p["baseline"], 20.0, "baseline");
    close(&p["now"], 48.0, "now");
    close(&p["current"], 48.0, "current");
    // (48 − 20) / (100 − 20) of the way, with 20 of 50 days gone.
    close(&p["progress"], 0.35, "progress");
    close(&p["expected_progress"], 0.4, "expected");
    assert_eq!(p["behind"], true);
    assert_eq!(p["off_track"], true);
    assert_eq!(p["not_started"], false);
    let id = p["id"].as_i64().unwrap().to_string();

    // A typed baseline: (48 − 10) / 90 ≥ 0.4, no longer behind.
    sb.run_db(&[
        "plans",
        "edit",
        &id,
        "--baseline",
        "10",
        "--status",
        "doing",
    ])
    .assert_code(0);
    let p = only_plan(&sb);
    close(&p["baseline"], 10.0, "baseline");
    close(&p["progress"], 38.0 / 90.0, "progress");
    assert_eq!(
        (&p["status"], &p["behind"]),
        (&Value::from("doing"), &Value::from(false))
    );
    // The rest is as it was.
    assert_eq!(p["title"], "Revenue to 100");
    assert_eq!(p["start"], "2025-09-10");

    sb.run_db(&["undo"]).assert_code(0);
    let p = only_plan(&sb);
    close(&p["baseline"], 20.0, "baseline after undo");
    assert_eq!(p["status"], "todo");
    assert_eq!(p["behind"], true);
    sb.run_db(&["redo"]).assert_code(0);
    let p = only_plan(&sb);
    close(&p["baseline"], 10.0, "baseline after redo");

    // Moving the start computes the baseline again, as of the new start (S1 and S2: 28).
    sb.run_db(&["plans", "edit", &id, "--start", "2025-09-25"])
        .assert_code(0);
    let p = only_plan(&sb);
    close(&p["baseline"], 28.0, "baseline at the new start");

    let history = history_len(&sb);
    sb.run_db(&["plans", "remove", &id]).assert_code(0);
    assert!(plans(&sb).is_empty());
    assert_eq!(
        history_len(&sb),
        history + 1,
        "the removal is in the history"
    );
    sb.run_db(&["undo"]).assert_code(0);
    assert_eq!(only_plan(&sb)["title"], "Revenue to 100");
}

#[test]
fn a_new_plan_starts_on_the_as_of_date_from_the_value_then() {
    let sb = shop();
    sb.run_db(&[
        "plans",
        "add",
        "--title",
        "Now",
        "--metric",
        "net_revenue",
        "--target",
        "100",
        "--due",
        "2025-12-31",
    ])
    .assert_code(0);
    let p = only_plan(&sb);
    assert_eq!(p["start"], "2025-09-30");
    close(&p["baseline"], 48.0, "baseline");
    close(&p["progress"], 0.0, "progress");
    close(&p["expected_progress"], 0.0, "expected");
    assert_eq!(p["behind"], false);
    // Seen from before its start, it has not started and is never behind.
    let out = sb.run_db(&["--as-of", "2025-09-20", "plans", "list", "--format", "json"]);
    out.assert_code(0);
    let then = &out.json()[0];
    assert_eq!(then["not_started"], true);
    assert_eq!(then["behind"], false);
    let text = sb.run_db(&["--as-of", "2025-09-20", "plans", "list"]);
    text.assert_stdout_has("not started");

    // `--as-of` when it is made: it starts then, from the value then.
    sb.run_db(&[
        "--as-of",
        "2025-09-10",
        "plans",
        "add",
        "--title",
        "Then",
        "--metric",
        "net_revenue",
        "--target",
        "100",
        "--due",
        "2025-12-31",
    ])
    .assert_code(0);
    let then = plans(&sb)
        .into_iter()
        .find(|p| p["title"] == "Then")
        .unwrap();
    assert_eq!(then["start"], "2025-09-10");
    close(&then["baseline"], 20.0, "baseline");

    // `--metric none` drops the target: nothing to measure, the start stays.
    let id = then["id"].as_i64().unwrap().to_string();
    sb.run_db(&["plans", "edit", &id, "--metric", "none"])
        .assert_code(0);
    let dropped = plans(&sb)
        .into_iter()
        .find(|p| p["title"] == "Then")
        .unwrap();
    assert_eq!(dropped["target"], Value::Null);
    assert_eq!(dropped["progress"], Value::Null);
    assert_eq!(dropped["start"], "2025-09-10");
}

#[test]
fn the_new_metrics_are_plan_targets_with_their_category() {
    let sb = shop();
    sb.run_db(&[
        "plans",
        "add",
        "--title",
        "Kitchen half",
        "--metric",
        "category_revenue_share",
        "--category",
        "Kitchen",
        "--target",
        "50%",
        "--due",
        "2025-12-31",
    ])
    .assert_code(0);
    let p = only_plan(&sb);
    assert_eq!(p["target"]["metric"], "category_revenue_share");
    assert_eq!(p["target"]["category"], "Kitchen");
    assert_eq!(p["target"]["value"], "0.5");
    // Kitchen sold 28 of 48.
    close(&p["now"], 28.0 / 48.0, "now");
    close(&p["baseline"], 0.583333, "baseline, kept to six decimals");
    // Every new metric name is taken.
    for metric in [
        "low_tier_sku_share",
        "slow_mover_capital",
        "low_tier_capital",
        "revenue_growth_yoy",
    ] {
        sb.run_db(&[
            "plans",
            "add",
            "--title",
            metric,
            "--metric",
            metric,
            "--target",
            "0.1",
            "--due",
            "2025-12-31",
        ])
        .assert_code(0);
    }
    let list = plans(&sb);
    assert_eq!(list.len(), 5);
    // The data does not reach back a year: growth is undefined, and so is its progress.
    let growth = list
        .iter()
        .find(|p| p["title"] == "revenue_growth_yoy")
        .unwrap();
    assert_eq!(growth["now"], Value::Null);
    assert_eq!(growth["progress"], Value::Null);
}

#[test]
fn a_plan_broken_by_a_rule_is_refused_with_nothing_written() {
    let sb = shop();
    sb.run_db(&[
        "batch",
        "create",
        "Autumn",
        "--channel",
        "flash_sale",
        "--start",
        "2025-10-01",
        "--sku",
        "S1",
    ])
    .assert_code(0);
    let history = history_len(&sb);
    // (arguments, exit code, what the message says)
    let cases: [(&[&str], i32, &str); 8] = [
        (
            &["--metric", "category_revenue_share", "--target", "0.5"],
            1,
            "needs a category",
        ),
        (
            &[
                "--metric",
                "category_revenue_share",
                "--target",
                "0.5",
                "--category",
                "Toys",
            ],
            1,
            "no product is in category \"Toys\"",
        ),
        (
            &["--metric", "batch_cash_recovered", "--target", "500"],
            1,
            "needs a clearance batch",
        ),
        (
            &[
                "--metric",
                "batch_cash_recovered",
                "--target",
                "500",
                "--batch",
                "Autumn",
                "--start",
                "2025-09-01",
            ],
            1,
            "starts with the batch",
        ),
        (&["--target", "0.5"], 2, "--target needs --metric"),
        (&["--metric", "net_revenue"], 2, "--metric needs --target"),
        (
            &["--metric", "mobile_share", "--target", "40"],
            2,
            "a share is written 0.40 or 40%",
        ),
        (
            &["--metric", "margin_of_error", "--target", "1"],
            2,
            "unknown metric",
        ),
    ];
    for (args, code, says) in cases {
        let mut all = vec!["plans", "add", "--title", "T"];
        all.extend_from_slice(args);
        let out = sb.run_db(&all);
        out.assert_code(code);
        out.assert_stderr_has(says);
    }
    assert!(plans(&sb).is_empty());
    assert_eq!(history_len(&sb), history, "nothing written");
    // A batch's plan starts with the batch (2025-10-01), from 0: not started at D.
    sb.run_db(&[
        "plans",
        "add",
        "--title",
        "Clear autumn",
        "--metric",
        "batch_cash_recovered",
        "--target",
        "500",
        "--batch",
        "Autumn",
        "--due",
        "2025-10-31",
    ])
    .assert_code(0);
    let p = only_plan(&sb);
    assert_eq!(p["start"], "2025-10-01");
    close(&p["baseline"], 0.0, "baseline");
    assert_eq!(p["target"]["batch"], "Autumn");
    assert_eq!(
        (&p["not_started"], &p["behind"]),
        (&Value::from(true), &Value::from(false))
    );
    // An edit of a plan that is not there names it.
    let out = sb.run_db(&["plans", "edit", "99", "--status", "done"]);
    out.assert_code(1);
    out.assert_stderr_has("no plan #99");
}

fn candidates(sb: &Sandbox) -> Vec<Value> {
    let out = sb.run_db(&["candidates", "list", "--format", "json"]);
    out.assert_code(0);
    out.json().as_array().unwrap().clone()
}

#[test]
fn a_candidate_round_trips_with_every_field_as_an_option() {
    let sb = shop();
    sb.run_db(&[
        "candidates",
        "add",
        "--name",
        "Smart lamp",
        "--category",
        "Home",
        "--market-growth-pct",
        "22%",
        "--competitive-gap",
        "4",
        "--gap-note",
        "cheaper",
        "--user-pain",
        "5",
        "--pain-note",
        "too dark",
        "--brand-fit",
        "4",
        "--expected-unit-cost",
        "128",
        "--expected-price",
        "299.00",
        "--personas",
        "tech_geeks;pet_parents",
        "--notes",
        "from the fair",
    ])
    .assert_code(0);
    let list = candidates(&sb);
    assert_eq!(list.len(), 1);
    let c = &list[0];
    assert_eq!(c["name"], "Smart lamp");
    assert_eq!(c["category"], "Home");
    assert_eq!(c["market_growth_pct"], "22");
    assert_eq!(
        (&c["competitive_gap"], &c["user_pain"], &c["brand_fit"]),
        (&Value::from(4), &Value::from(5), &Value::from(4))
    );
    assert_eq!(
        (&c["gap_note"], &c["pain_note"]),
        (&Value::from("cheaper"), &Value::from("too dark"))
    );
    assert_eq!(c["expected_unit_cost"], "128.00");
    assert_eq!(c["expected_price"], "299.00");
    assert_eq!(
        c["personas"],
        serde_json::json!(["tech_geeks", "pet_parents"])
    );
    assert_eq!(c["notes"], "from the fair");
    let id = c["id"].as_i64().unwrap().to_string();

    // The short names work too, and only what is given changes.
    sb.run_db(&["candidates", "edit", &id, "--price", "249", "--pain", "3"])
        .assert_code(0);
    let c = &candidates(&sb)[0];
    assert_eq!(c["expected_price"], "249.00");
    assert_eq!(c["user_pain"], 3);
    assert_eq!(c["gap_note"], "cheaper");
    sb.run_db(&["undo"]).assert_code(0);
    assert_eq!(candidates(&sb)[0]["expected_price"], "299.00");
    sb.run_db(&["redo"]).assert_code(0);
    assert_eq!(candidates(&sb)[0]["expected_price"], "249.00");

    // The candidate's rules, as the form has them: nothing written.
    let history = history_len(&sb);
    for (args, says) in [
        (
            vec!["candidates", "edit", id.as_str(), "--user-pain", "7"],
            "0",
        ),
        (
            vec!["candidates", "edit", id.as_str(), "--personas", "aliens"],
            "aliens",
        ),
        (vec!["candidates", "add", "--name", " "], "name"),
        (
            vec!["candidates", "edit", "99", "--notes", "x"],
            "no candidate #99",
        ),
    ] {
        let out = sb.run_db(&args);
        out.assert_code(1);
        out.assert_stderr_has(says);
    }
    let out = sb.run_db(&[
        "candidates",
        "add",
        "--name",
        "X",
        "--expected-price",
        "lots",
    ]);
    out.assert_code(2);
    assert_eq!(history_len(&sb), history);

    sb.run_db(&["candidates", "remove", &id]).assert_code(0);
    assert!(candidates(&sb).is_empty());
    sb.run_db(&["undo"]).assert_code(0);
    assert_eq!(candidates(&sb)[0]["name"], "Smart lamp");
}

fn batches(sb: &Sandbox) -> Vec<Value> {
    let out = sb.run_db(&["batch", "list", "--format", "json"]);
    out.assert_code(0);
    out.json().as_array().unwrap().clone()
}

#[test]
fn a_sku_in_an_open_overlapping_batch_is_refused_unless_allowed() {
    let sb = shop();
    sb.run_db(&[
        "batch",
        "create",
        "Early",
        "--channel",
        "flash_sale",
        "--start",
        "2025-10-01",
        "--end",
        "2025-10-10",
        "--sku",
        "S1",
    ])
    .assert_code(0);
    let history = history_len(&sb);

    // A new batch over 10-05 … 10-20 with S1 and S2: S1 is in "Early" until 10-10.
    let create = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            "create",
            "Late",
            "--channel",
            "bogo",
            "--start",
            "2025-10-05",
            "--end",
            "2025-10-20",
            "--sku",
            "S1",
            "--sku",
            "S2",
        ];
        args.extend_from_slice(extra);
        sb.run_db(&args)
    };
    let out = create(&[]);
    out.assert_code(1);
    out.assert_stderr_has("S1 is in batch #1 \"Early\" (2025-10-01 … 2025-10-10)");
    out.assert_stderr_has("--allow-overlap");
    assert!(!out.stderr.contains("S2 is in"), "{}", out.stderr);
    assert_eq!(batches(&sb).len(), 1, "nothing written");
    assert_eq!(history_len(&sb), history);

    create(&["--allow-overlap"]).assert_code(0);
    let late = batches(&sb);
    assert_eq!(late.len(), 2);
    assert_eq!(late[1]["skus"], serde_json::json!(["S1", "S2"]));

    // Adding to a batch: the batch's own dates, other open batches.
    sb.run_db(&[
        "batch",
        "create",
        "November",
        "--channel",
        "flash_sale",
        "--start",
        "2025-11-01",
        "--sku",
        "S3",
    ])
    .assert_code(0);
    let history = history_len(&sb);
    let out = sb.run_db(&["batch", "add", "Early", "S2:3"]);
    out.assert_code(1);
    out.assert_stderr_has("S2 is in batch #2 \"Late\"");
    assert_eq!(history_len(&sb), history);
    // No overlap with November (it starts after Late ends): added.
    sb.run_db(&["batch", "add", "November", "S2"])
        .assert_code(0);
    sb.run_db(&["batch", "add", "Early", "S2:3", "--allow-overlap"])
        .assert_code(0);
    // A batch that is done books nothing: S1 may go into a batch over its dates.
    sb.run_db(&["batch", "close", "Early"]).assert_code(0);
    sb.run_db(&["batch", "close", "Late"]).assert_code(0);
    sb.run_db(&[
        "batch",
        "create",
        "Again",
        "--channel",
        "flash_sale",
        "--start",
        "2025-10-01",
        "--sku",
        "S1",
    ])
    .assert_code(0);
}
