//! Hostile data: escape sequences, OSC 52, BEL, bidi overrides and zero-width characters
//! in names never reach a terminal raw; SQL-looking names are only data.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::process::Command;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use skudesk::domain::dates::Frame;
use skudesk::domain::settings::Settings;
use skudesk::domain::text::is_unsafe_char;
use skudesk::import::native;
use skudesk::store::Store;
use skudesk::ui::app::App;

const HOSTILE: &str = "Hat \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{202e}evil\u{200b}\u{9b}31m";
const SQLISH: &str = "Robert'); DROP TABLE product;--";

fn products_csv() -> String {
    format!(
        "sku,name,category,unit_cost,list_price\nH1,\"{HOSTILE}\",\"{HOSTILE}\",5,10\nS1,\"{SQLISH}\",x,5,10\n"
    )
}

fn orders_csv() -> String {
    "order_id,ordered_at,sku,qty,unit_price\n1,2025-09-01,H1,1,10\n2,2025-09-02,S1,2,10\n"
        .to_string()
}

#[test]
fn the_app_never_draws_a_control_or_bidi_character() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .import_products(
            &native::products("p.csv", products_csv().as_bytes()).unwrap(),
            false,
        )
        .unwrap();
    store
        .import_orders(
            &native::orders("o.csv", orders_csv().as_bytes()).unwrap(),
            false,
        )
        .unwrap();
    let ds = store.load().unwrap();
    assert!(
        ds.products.iter().any(|p| p.name == HOSTILE),
        "stored as given"
    );
    let s = Settings::default();
    let frame = Frame::new(ds.latest_day().unwrap(), s.window_days, s.velocity_days);
    let mut app = App::new(ds, s, frame, "t.db".into(), false);
    let theme = skudesk::ui::theme::Theme::default();
    for script in ["1", "2", "2\r"] {
        for c in script.chars() {
            let code = if c == '\r' {
                ratatui::crossterm::event::KeyCode::Enter
            } else {
                ratatui::crossterm::event::KeyCode::Char(c)
            };
            app.on_key(ratatui::crossterm::event::KeyEvent::new(
                code,
                ratatui::crossterm::event::KeyModifiers::NONE,
            ));
        }
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| skudesk::ui::draw::draw(f, &app, &theme))
            .unwrap();
        let screen: String = t
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(screen.contains("Hat"), "the name is shown ({script})");
        let bad: Vec<char> = screen.chars().filter(|&c| is_unsafe_char(c)).collect();
        assert!(
            bad.is_empty(),
            "unsafe characters drawn after {script:?}: {bad:?}"
        );
    }
}

fn run(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_skudesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SKUDESK_DB")
        .output()
        .expect("run skudesk")
}

#[test]
fn cli_output_carries_no_escape_bytes_and_sql_names_are_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let p = dir.path().join("p.csv");
    let o = dir.path().join("o.csv");
    std::fs::write(&p, products_csv()).unwrap();
    std::fs::write(&o, orders_csv()).unwrap();
    // A file whose name and a bad cell carry escapes: the error message is clean too.
    let bad = dir.path().join("bad\u{1b}[31m.csv");
    std::fs::write(&bad, "sku,unit_cost\nX,\"\u{1b}]52;c;x\u{7}\"\n").unwrap();
    assert!(run(&db, &["import", "products", p.to_str().unwrap()])
        .status
        .success());
    assert!(run(&db, &["import", "orders", o.to_str().unwrap()])
        .status
        .success());
    assert!(run(
        &db,
        &[
            "batch",
            "create",
            HOSTILE,
            "--channel",
            "bogo",
            "--start",
            "2025-10-01",
            "--sku",
            "H1"
        ]
    )
    .status
    .success());
    let outputs = [
        run(&db, &["report", "--format", "md"]),
        run(&db, &["report", "--format", "csv"]),
        run(&db, &["report", "--format", "json"]),
        run(&db, &["history"]),
        run(&db, &["batch", "list"]),
        run(&db, &["import", "products", bad.to_str().unwrap()]),
        run(&db, &["reclassify", HOSTILE, "--tier", "low"]),
    ];
    for out in &outputs {
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            let bad: Vec<char> = text
                .chars()
                .filter(|&c| is_unsafe_char(c) && c != '\n')
                .collect();
            assert!(
                bad.is_empty(),
                "unsafe characters in output: {bad:?}\n{text}"
            );
        }
    }
    assert!(String::from_utf8_lossy(&outputs[0].stdout).contains("Hat"));
    // The SQL-looking name is stored and reported as plain text; every table is intact.
    let json = run(&db, &["report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let names: Vec<&str> = report["skus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&SQLISH), "{names:?}");
    assert_eq!(names.len(), 2);
}

#[test]
fn an_unclosed_quote_is_refused_at_its_line_instead_of_eating_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let p = dir.path().join("p.csv");
    std::fs::write(
        &p,
        "sku,name,unit_cost\nA,\"Hat 12 inch,5\nB,Case,6\nC,Tee,7\n",
    )
    .unwrap();
    let out = run(&db, &["import", "products", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("p.csv:2:") && err.contains("never closed"),
        "{err}"
    );
    assert!(!db.exists(), "nothing created");
}

#[test]
fn extreme_numbers_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = dir.path().join("o.csv");
    std::fs::write(
        &o,
        "order_id,ordered_at,sku,qty,unit_price,line_no\n1,2025-09-01,A,-9223372036854775808,1,1\n2,2025-09-01,A,1,99999999999999,-9223372036854775808\n",
    )
    .unwrap();
    let out = run(&db, &["import", "orders", o.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("o.csv:2: column qty"), "{err}");
    assert!(err.contains("o.csv:3: column unit_price"), "{err}");
    assert!(err.contains("o.csv:3: column line_no"), "{err}");
}

#[test]
fn mistakes_in_how_skudesk_is_called_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let p = dir.path().join("p.csv");
    std::fs::write(&p, "sku,unit_cost\nA,1\n").unwrap();
    assert!(run(&db, &["import", "products", p.to_str().unwrap()])
        .status
        .success());
    for args in [
        vec!["reclassify", "A"],
        vec!["batch", "delete", "x"],
        vec![
            "batch",
            "create",
            "b",
            "--channel",
            "bogo",
            "--start",
            "2025-10-01",
            "--ladder",
            "10x",
        ],
        vec![
            "batch",
            "create",
            "b",
            "--channel",
            "bogo",
            "--start",
            "2025-10-01",
            "--target",
            "abc",
        ],
        vec![
            "batch",
            "create",
            "b",
            "--channel",
            "bogo",
            "--start",
            "2025-10-01",
            "--sku",
            "A:-5",
        ],
    ] {
        let out = run(&db, &args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
