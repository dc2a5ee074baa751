//! The real `skudesk` binary: bad input, all-or-nothing imports, idempotent re-imports,
//! dry runs, where the database is found, and output that is safe to open or print.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::path::PathBuf;

use common::{assert_no_db, db_files, sku, skus, Sandbox};

fn fixture(name: &str, file: &str) -> String {
    common::repo_file(&format!("tests/oracle/fixtures/{name}/{file}"))
}

fn sample(file: &str) -> String {
    common::repo_file(&format!("sample-data/{file}"))
}

/// A bad file is refused twice over: into a database that does not exist yet (it must not
/// be created) and into a seeded one (its files must be byte-for-byte what they were, and
/// the report the same). Each time: exit 1 and every `fragment` on stderr.
fn assert_rejected(kind: &str, name: &str, contents: &[u8], fragments: &[&str]) -> String {
    let sb = Sandbox::new();
    let file = sb.write(name, contents);

    let fresh = sb.path("fresh.db");
    let out = sb.run(&[
        "--db",
        fresh.to_str().unwrap(),
        "import",
        kind,
        file.as_str(),
    ]);
    out.assert_code(1);
    for f in fragments {
        out.assert_stderr_has(f);
    }
    out.assert_stderr_has("nothing was imported");
    assert!(out.stdout.is_empty(), "stdout: {}", out.stdout);
    assert_no_db(&fresh);

    sb.seed();
    let before = db_files(&sb.db());
    let report_before = sb.report_json();
    let out = sb.run_db(&["import", kind, file.as_str()]);
    out.assert_code(1);
    for f in fragments {
        out.assert_stderr_has(f);
    }
    assert!(
        db_files(&sb.db()) == before,
        "the database files changed after a refused import"
    );
    assert_eq!(sb.report_json(), report_before);
    out.stderr
}

// ---------------------------------------------------------------- 1. bad input

#[test]
fn missing_required_column_is_named() {
    let err = assert_rejected(
        "products",
        "products.csv",
        b"sku,name,list_price\nP1,Cup,9.00\n",
        &["products.csv:1: column unit_cost: required column is missing"],
    );
    // The header as found is shown, so the user sees what the file has instead.
    assert!(err.contains("sku,name,list_price"), "{err}");
}

#[test]
fn non_numeric_qty_names_file_line_and_column() {
    let err = assert_rejected(
        "orders",
        "orders.csv",
        b"order_id,ordered_at,sku,qty,unit_price\nO1,2025-09-01,S1,1,5.00\nO2,2025-09-02,S1,two,5.00\n",
        &["orders.csv:3: column qty: is not a whole number (\"two\")"],
    );
    assert!(!err.contains("orders.csv:2:"), "good line 2 blamed: {err}");
}

#[test]
fn a_date_that_is_not_a_date_names_file_line_and_column() {
    assert_rejected(
        "orders",
        "orders.csv",
        b"order_id,ordered_at,sku,qty,unit_price\nO1,2025-02-30,S1,1,5.00\n",
        &[
            "orders.csv:2: column ordered_at: is not a date",
            "(\"2025-02-30\")",
        ],
    );
    assert_rejected(
        "stock",
        "stock.csv",
        b"sku,qty,received_on\nS1,3,2025-09-01\nS1,4,last tuesday\n",
        &[
            "stock.csv:3: column received_on: is not a date",
            "(\"last tuesday\")",
        ],
    );
}

#[test]
fn an_empty_file_is_refused() {
    assert_rejected("orders", "empty.csv", b"", &["empty.csv:1: file is empty"]);
    // A BOM and blank lines are still nothing.
    assert_rejected(
        "products",
        "blank.csv",
        b"\xEF\xBB\xBF\n  \n",
        &["blank.csv:1: file is empty"],
    );
}

#[test]
fn a_binary_file_is_refused_as_not_csv() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    png.extend((0u8..=255).cycle().take(2048));
    assert_rejected(
        "products",
        "photo.png",
        &png,
        &["photo.png:3: is not a CSV text file (binary data found)"],
    );
}

#[test]
fn a_products_file_with_a_duplicate_sku_is_refused() {
    assert_rejected(
        "products",
        "products.csv",
        b"sku,name,unit_cost\nP1,Cup,1.00\nP2,Mug,2.00\nP1,Cup again,1.50\n",
        &["products.csv:4: column sku: duplicate SKU (first on line 2) (\"P1\")"],
    );
}

#[test]
fn negative_stock_qty_is_refused() {
    assert_rejected(
        "stock",
        "stock.csv",
        b"sku,qty,received_on\nS1,3,2025-09-01\nS2,-3,2025-09-01\n",
        &["stock.csv:3: column qty: stock quantity must not be negative (\"-3\")"],
    );
}

#[test]
fn a_path_that_does_not_exist_is_named_without_a_made_up_line() {
    let sb = Sandbox::new();
    let out = sb.run_db(&["import", "orders", "no-such-file.csv"]);
    out.assert_code(1);
    out.assert_stderr_has("no-such-file.csv: file not found");
    assert!(!out.stderr.contains("no-such-file.csv:0"), "{}", out.stderr);
    assert_no_db(&sb.db());

    sb.seed();
    let before = db_files(&sb.db());
    let out = sb.run_db(&["import", "orders", "no-such-file.csv"]);
    out.assert_code(1);
    out.assert_stderr_has("no-such-file.csv: file not found");
    assert!(db_files(&sb.db()) == before, "database changed");
}

#[test]
fn a_directory_given_as_the_file_is_refused() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path("exports")).unwrap();
    let out = sb.run_db(&["import", "products", "exports"]);
    out.assert_code(1);
    out.assert_stderr_has("exports: is a directory");
    assert_no_db(&sb.db());
}

/// `/proc` refuses new files even to root (chmod would not stop root), so it stands in
/// for a read-only directory wherever the tests run.
#[cfg(target_os = "linux")]
#[test]
fn a_database_in_a_read_only_directory_is_refused_and_not_created() {
    let sb = Sandbox::new();
    let file = sb.write("products.csv", "sku,unit_cost\nP1,1.00\n");
    for db in [
        PathBuf::from(format!("/proc/skudesk-test-{}.db", std::process::id())),
        PathBuf::from(format!("/proc/skudesk-test-{}/shop.db", std::process::id())),
    ] {
        let out = sb.run(&[
            "--db",
            db.to_str().unwrap(),
            "import",
            "products",
            file.as_str(),
        ]);
        out.assert_code(1);
        out.assert_stderr_has(&format!("{}: cannot create the database", db.display()));
        assert!(out.stdout.is_empty(), "claimed an import: {}", out.stdout);
        assert_no_db(&db);
        assert!(!db.parent().unwrap().join("shop.db").exists());
    }
}

#[test]
fn a_malformed_as_of_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.seed();
    let before = db_files(&sb.db());
    for bad in ["2025-13-01", "30/09/2025", "yesterday", "2025-09-31", ""] {
        for args in [
            vec!["report", "--format", "json", "--as-of", bad],
            vec!["--as-of", bad, "report"],
        ] {
            let out = sb.run_db(&args);
            out.assert_code(2);
            out.assert_stderr_has("--as-of");
            assert!(
                out.stdout.is_empty(),
                "printed a report anyway: {}",
                out.stdout
            );
        }
    }
    assert!(db_files(&sb.db()) == before, "database changed");
}

#[test]
fn other_usage_errors_exit_2_and_touch_nothing() {
    let sb = Sandbox::new();
    let file = sb.write("p.csv", "sku,unit_cost\nP1,1.00\n");
    for args in [
        vec!["import", "widgets", file.as_str()],
        vec!["import", "products"],
        vec!["report", "--format", "xlsx"],
        vec!["report", "--window", "0"],
        vec!["report", "--velocity", "many"],
        vec!["frobnicate"],
    ] {
        let out = sb.run_db(&args);
        out.assert_code(2);
        assert!(
            out.stderr.contains("error:"),
            "{args:?}: no error on stderr: {}",
            out.stderr
        );
    }
    assert_no_db(&sb.db());
    assert_no_db(&sb.default_db());
}

#[test]
fn report_on_a_database_that_does_not_exist_is_refused_without_creating_it() {
    let sb = Sandbox::new();
    let out = sb.run_db(&["report", "--format", "json"]);
    out.assert_code(1);
    out.assert_stderr_has("no database here");
    assert_no_db(&sb.db());
}

#[test]
fn a_db_path_that_is_not_a_skudesk_database_is_left_alone() {
    let sb = Sandbox::new();
    let not_db = sb.write(
        "notes.txt",
        "these are my notes, not a database\n".repeat(200),
    );
    let before = std::fs::read(sb.path(&not_db)).unwrap();
    let file = sb.write("p.csv", "sku,unit_cost\nP1,1.00\n");
    let out = sb.run(&["--db", not_db.as_str(), "import", "products", file.as_str()]);
    out.assert_code(1);
    out.assert_stderr_has("notes.txt: this is not a database file");
    assert_eq!(std::fs::read(sb.path(&not_db)).unwrap(), before);
}

// ---------------------------------------------------------------- 2. all errors at once

#[test]
fn every_error_of_a_file_is_reported_and_nothing_of_it_lands() {
    let sb = Sandbox::new();
    sb.seed();
    let before = db_files(&sb.db());
    let report_before = sb.report_json();
    let file = sb.write(
        "products.csv",
        "sku,name,unit_cost,list_price\n\
         G1,Good one,1.00,2.00\n\
         B1,Bad cost,abc,2.00\n\
         G2,Good two,1.00,2.00\n\
         B2,Bad price,1.00,-5.00\n",
    );
    let out = sb.run_db(&["import", "products", file.as_str()]);
    out.assert_code(1);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let cost = lines
        .iter()
        .position(|l| l.starts_with("products.csv:3: column unit_cost:") && l.contains("\"abc\""));
    let price = lines
        .iter()
        .position(|l| l.starts_with("products.csv:5: column list_price: must not be negative"));
    assert!(
        matches!((cost, price), (Some(c), Some(p)) if c < p),
        "both errors, in line order:\n{}",
        out.stderr
    );
    out.assert_stderr_has("2 error(s); nothing was imported");
    assert!(db_files(&sb.db()) == before, "database changed");
    let report = sb.report_json();
    assert_eq!(report, report_before);
    assert!(!skus(&report).iter().any(|s| s == "G1" || s == "G2"));
}

#[test]
fn a_bad_file_stops_the_whole_run_before_anything_is_written() {
    let sb = Sandbox::new();
    sb.seed();
    let before = db_files(&sb.db());
    let good = sb.write("good.csv", "sku,unit_cost\nG1,1.00\n");
    let bad = sb.write("bad.csv", "sku,unit_cost\nB1,1,00\n");
    let out = sb.run_db(&["import", "products", good.as_str(), bad.as_str()]);
    out.assert_code(1);
    out.assert_stderr_has("bad.csv:2: row has 3 cells but the header has 2");
    assert!(db_files(&sb.db()) == before, "database changed");
    assert!(!skus(&sb.report_json()).contains(&"G1".to_string()));
}

#[test]
fn a_long_error_list_is_capped_but_counts_every_error() {
    let sb = Sandbox::new();
    let mut text = String::from("sku,qty,received_on\n");
    for i in 0..60 {
        text.push_str(&format!("S{i},x{i},2025-09-01\n"));
    }
    let file = sb.write("stock.csv", text);
    let out = sb.run_db(&["import", "stock", file.as_str()]);
    out.assert_code(1);
    let shown = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("stock.csv:"))
        .count();
    assert_eq!(shown, 50, "{}", out.stderr);
    out.assert_stderr_has("stock.csv:51: column qty");
    out.assert_stderr_has("and 10 more errors");
    out.assert_stderr_has("60 error(s)");
    assert_no_db(&sb.db());
}

// ---------------------------------------------------------------- 3. re-import, dry run

/// Imports `file` twice: the first run must add something, the second must add and change
/// nothing, and the report must be the same after both.
fn assert_reimport_changes_nothing(sb: &Sandbox, kind: &str, file: &str) {
    let first = sb.import_ok(kind, &[file]);
    assert!(
        !first.stdout.contains(" 0 added, 0 changed"),
        "first import of {file} added nothing: {}",
        first.stdout
    );
    let after_first = sb.report_json();
    let second = sb.import_ok(kind, &[file]);
    second.assert_stdout_has(": 0 added, 0 changed");
    assert_eq!(sb.report_json(), after_first, "{kind} {file}");
}

#[test]
fn reimporting_products_changes_nothing() {
    let sb = Sandbox::new();
    assert_reimport_changes_nothing(&sb, "products", &fixture("messy", "products.csv"));
    assert_eq!(sku(&sb.report_json(), "B01")["name"], "保温杯 Thermos");
}

#[test]
fn reimporting_stock_changes_nothing() {
    let sb = Sandbox::new();
    sb.import_ok("products", &[&fixture("messy", "products.csv")]);
    assert_reimport_changes_nothing(&sb, "stock", &fixture("messy", "stock_1.csv"));
    assert_reimport_changes_nothing(&sb, "stock", &fixture("messy", "stock_2.csv"));
}

#[test]
fn reimporting_orders_changes_nothing() {
    let sb = Sandbox::new();
    sb.import_ok("products", &[&fixture("messy", "products.csv")]);
    assert_reimport_changes_nothing(&sb, "orders", &fixture("messy", "orders_a.csv"));
    // A file with its own line_no column, revising a line of the first file.
    assert_reimport_changes_nothing(&sb, "orders", &fixture("messy", "orders_b.csv"));
    // Two identical rows in one order are two lines, and stay two lines.
    let rows = sb.write(
        "twice.csv",
        "order_id,ordered_at,sku,qty,unit_price\nT1,2025-09-20,B03,1,20.00\nT1,2025-09-20,B03,1,20.00\n",
    );
    assert_reimport_changes_nothing(&sb, "orders", &rows);
    assert_eq!(sku(&sb.report_json(), "B03")["units"], 2);
}

#[test]
fn reimporting_traffic_changes_nothing() {
    let sb = Sandbox::new();
    sb.import_ok("products", &[&fixture("messy", "products.csv")]);
    assert_reimport_changes_nothing(&sb, "traffic", &fixture("messy", "traffic.csv"));
}

#[test]
fn reimporting_the_demo_files_changes_nothing() {
    let sb = Sandbox::new();
    let files = ["products", "stock", "orders", "traffic"];
    for kind in files {
        sb.import_ok(kind, &[&sample(&format!("{kind}.csv"))]);
    }
    let report = sb.report_json();
    assert!(skus(&report).len() > 100);
    for kind in files {
        let out = sb.import_ok(kind, &[&sample(&format!("{kind}.csv"))]);
        out.assert_stdout_has(": 0 added, 0 changed");
    }
    assert_eq!(sb.report_json(), report);
}

#[test]
fn dry_run_writes_nothing_to_an_existing_database() {
    let sb = Sandbox::new();
    sb.seed();
    let before = db_files(&sb.db());
    let report_before = sb.report_json();
    let file = sb.write(
        "orders.csv",
        "order_id,ordered_at,sku,qty,unit_price\nO7,2025-09-20,S1,1,10.00\nO7,2025-09-20,NEW1,1,3.00\n",
    );
    let out = sb.run_db(&["import", "orders", file.as_str(), "--dry-run"]);
    out.assert_code(0);
    out.assert_stdout_has("order lines would be: 2 added, 0 changed");
    out.assert_stdout_has("1 new SKU(s) created with cost missing");
    out.assert_stdout_has("dry run: nothing was written");
    assert!(
        db_files(&sb.db()) == before,
        "a dry run changed the database"
    );
    assert_eq!(sb.report_json(), report_before);

    // The same import for real does change the report: the dry run had something to skip.
    let out = sb.import_ok("orders", &[file.as_str()]);
    out.assert_stdout_has("order lines were: 2 added");
    assert_ne!(sb.report_json(), report_before);
}

#[test]
fn dry_run_does_not_create_a_missing_database() {
    let sb = Sandbox::new();
    let file = sb.write("p.csv", "sku,unit_cost\nP1,1.00\nP2,2.00\n");
    let out = sb.run_db(&["import", "products", file.as_str(), "--dry-run"]);
    out.assert_code(0);
    out.assert_stdout_has("products would be: 2 added");
    out.assert_stdout_has(&format!(
        "dry run: nothing was written to {}",
        sb.db().display()
    ));
    assert_no_db(&sb.db());
}

#[test]
fn dry_run_does_not_create_the_default_database() {
    let sb = Sandbox::new();
    let file = sb.write("p.csv", "sku,unit_cost\nP1,1.00\n");
    let out = sb.run(&["import", "products", file.as_str(), "--dry-run"]);
    out.assert_code(0);
    out.assert_stdout_has("products would be: 1 added");
    // Previewed against what the default database would start as: the demo.
    out.assert_stdout_has("the demo data would be removed first");
    assert_no_db(&sb.default_db());
}

// ---------------------------------------------------------------- 4. finding the database

#[test]
fn db_option_works_before_and_after_the_subcommand() {
    let sb = Sandbox::new();
    let db = sb.db();
    let db = db.to_str().unwrap();
    let p = sb.write("p.csv", "sku,name,unit_cost\nP1,Cup,1.00\n");
    let s = sb.write("s.csv", "sku,qty,received_on\nP1,4,2025-09-01\n");
    sb.run(&["--db", db, "import", "products", p.as_str()])
        .assert_code(0);
    sb.run(&["import", "stock", s.as_str(), "--db", db])
        .assert_code(0);
    let before = sb.run(&["--db", db, "report", "--format", "json"]);
    let after = sb.run(&["report", "--db", db, "--format", "json"]);
    before.assert_code(0);
    after.assert_code(0);
    assert_eq!(before.stdout, after.stdout);
    let report = before.json();
    assert_eq!(
        sku(&report, "P1")["on_hand"],
        4,
        "both imports landed in one db"
    );
    assert_no_db(&sb.default_db());
}

#[test]
fn skudesk_db_env_var_chooses_the_database_and_db_overrides_it() {
    let sb = Sandbox::new();
    let env_db = sb.path("from-env.db");
    let p = sb.write("p.csv", "sku,unit_cost\nENV1,1.00\n");
    let out = sb
        .cmd()
        .env("SKUDESK_DB", &env_db)
        .args(["import", "products", p.as_str()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(env_db.exists());
    assert_no_db(&sb.default_db());

    let out = sb
        .cmd()
        .env("SKUDESK_DB", &env_db)
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(skus(&report), ["ENV1"]);

    // --db wins over the variable.
    sb.seed();
    let out = sb
        .cmd()
        .env("SKUDESK_DB", &env_db)
        .arg("report")
        .arg("--format=json")
        .arg("--db")
        .arg(sb.db())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(skus(&report), ["S1", "S2"]);
}

#[test]
fn the_default_database_is_created_from_the_demo() {
    let sb = Sandbox::new();
    assert_no_db(&sb.default_db());
    let out = sb.run(&["report", "--format", "json"]);
    out.assert_code(0);
    assert!(sb.default_db().exists(), "default database not created");
    let report = out.json();
    assert_eq!(report["as_of"], "2025-09-30");
    assert!(skus(&report).len() > 100, "demo has a few hundred SKUs");
    let problems = common::contract_problems(&report);
    assert!(problems.is_empty(), "{problems:#?}");

    // A second run reads the same file rather than building the demo again.
    let again = sb.run(&["report", "--format", "json"]);
    again.assert_code(0);
    assert_eq!(again.stdout, out.stdout);
}

// ---------------------------------------------------------------- 6. safe output

#[test]
fn csv_report_neutralises_formulas() {
    let sb = Sandbox::new();
    let products = sb.write(
        "p.csv",
        "sku,name,category,unit_cost,list_price\n\
         F1,\"=HYPERLINK(\"\"x\"\")\",@SUM(A1),1.00,2.00\n\
         F2,+cmd|' /C calc'!A0,-2+3,1.00,2.00\n\
         F3,Plain name,Kitchen,1.00,2.00\n",
    );
    sb.import_ok("products", &[products.as_str()]);
    let out = sb.run_db(&["report", "--format", "csv"]);
    out.assert_code(0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (sku_col, name_col, cat_col) = (col("sku"), col("name"), col("category"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |code: &str| rows.iter().find(|r| &r[sku_col] == code).unwrap().clone();
    assert_eq!(&row("F1")[name_col], "'=HYPERLINK(\"x\")");
    assert_eq!(&row("F1")[cat_col], "'@SUM(A1)");
    assert_eq!(&row("F2")[name_col], "'+cmd|' /C calc'!A0");
    assert_eq!(&row("F2")[cat_col], "'-2+3");
    assert_eq!(&row("F3")[name_col], "Plain name");
    // No cell of any row starts a formula.
    for r in &rows {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "formula cell {cell:?} in {r:?}"
            );
        }
    }
}

#[test]
fn markdown_report_strips_terminal_control_characters() {
    let sb = Sandbox::new();
    let products = sb.write(
        "p.csv",
        "sku,name,category,unit_cost,list_price\n\
         E1,bad\u{1b}[31mred\u{7}bell\u{202e}evil,cat\u{1b}]0;title\u{7}egory,1.00,2.00\n\
         E2,iso\u{2066}late\u{9b}2Jcsi,Kitchen,1.00,2.00\n",
    );
    let stock = sb.write(
        "s.csv",
        "sku,qty,received_on\nE1,3,2025-09-01\nE2,2,2025-09-01\n",
    );
    sb.import_ok("products", &[products.as_str()]);
    sb.import_ok("stock", &[stock.as_str()]);
    let out = sb.run_db(&["report", "--format", "md", "--as-of", "2025-09-30"]);
    out.assert_code(0);
    let bytes = &out.raw_stdout;
    for (what, bad) in [
        ("ESC", "\u{1b}"),
        ("BEL", "\u{7}"),
        ("RLO", "\u{202e}"),
        ("LRI", "\u{2066}"),
        ("CSI", "\u{9b}"),
    ] {
        assert!(
            !bytes.windows(bad.len()).any(|w| w == bad.as_bytes()),
            "{what} reached the Markdown report"
        );
    }
    // The names themselves are still there, minus the control characters (and with
    // Markdown's `[` escaped: issue 16, item 8).
    out.assert_stdout_has("bad\\[31mredbellevil");
    out.assert_stdout_has("isolate2Jcsi");
    // The JSON keeps the data exact (escaped), so nothing was lost on import.
    assert_eq!(
        sku(&sb.report_json(), "E1")["name"],
        "bad\u{1b}[31mred\u{7}bell\u{202e}evil"
    );
}

/// `skudesk completions bash | head -1`: the reader goes away early; the writer must not
/// panic (clap_complete does when its writer fails) and must say nothing.
#[test]
fn completions_and_man_into_a_closed_pipe_end_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    for args in [&["completions", "bash"][..], &["man"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_skudesk"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 8];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // stdout is dropped here: the rest of the output meets a closed pipe.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.code().is_some(), "{args:?}: killed by a signal");
    }
}

/// Every subcommand's page and its subcommands', by name, as clap defines them: what
/// `skudesk man --dir` must write besides skudesk.1 (clap's own `help` has none).
fn expected_pages(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{prefix}-{}", sub.get_name());
        out.push(format!("{name}.1"));
        expected_pages(sub, &name, out);
    }
}

/// `skudesk man --dir DIR`: skudesk.1 and a page for every subcommand, nested ones too,
/// so every `skudesk-…(1)` a page points to is there; skudesk.1 (the same as `skudesk
/// man` prints) has the app's keys from the key table, the undo key among them.
#[test]
fn man_dir_writes_a_page_for_every_subcommand_and_the_keys() {
    use clap::CommandFactory;
    let sb = Sandbox::new();
    let dir = sb.path("share/man/man1");
    let out = sb.run(&["man", "--dir", dir.to_str().unwrap()]);
    out.assert_code(0);
    let mut want = vec!["skudesk.1".to_string()];
    expected_pages(&skudesk::cli::Cli::command(), "skudesk", &mut want);
    want.sort();
    let mut have: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    have.sort();
    assert_eq!(have, want);
    for page in [
        "skudesk-import.1",
        "skudesk-batch-create.1",
        "skudesk-config-set.1",
    ] {
        assert!(have.iter().any(|h| h == page), "{page}");
    }
    out.assert_stdout_has(&format!("wrote {} manual pages", want.len()));
    // Every page another page points to is there; no page points to a `help` page.
    for name in &have {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(text.starts_with(".ie \\n(.g .ds Aq"), "{name}: roff");
        let refs: Vec<&str> = text
            .match_indices("skudesk\\-")
            .filter_map(|(i, _)| text[i..].split_once("(1)").map(|(r, _)| r))
            .filter(|r| !r.contains(char::is_whitespace))
            .collect();
        if name == "skudesk.1" {
            let top = skudesk::cli::Cli::command()
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .count();
            assert_eq!(
                refs.len(),
                top,
                "skudesk.1 points to each subcommand's page"
            );
        }
        for r in refs {
            let file = format!("{}.1", r.replace("\\-", "-"));
            assert!(have.contains(&file), "{name} points to {file}, not written");
        }
    }
    let main = std::fs::read_to_string(dir.join("skudesk.1")).unwrap();
    let keys = &main[main.find(".SH KEYS").expect("a KEYS section")..];
    let keys = keys[..keys.find(".SH VERSION").unwrap_or(keys.len())]
        .replace("\\-", "-")
        .replace("\\*(Aq", "'");
    for (scope, lines) in skudesk::ui::keymap::help_sections() {
        assert!(
            keys.contains(&format!(".SS {scope}\n"))
                || keys.contains(&format!(".SS \"{scope}\"\n")),
            "{scope}"
        );
        for (_, help) in lines {
            assert!(keys.contains(help), "{help}");
        }
    }
    let undo = keys.find("undo the last change").expect("the undo key");
    assert!(
        keys[..undo].ends_with(".TP\n\\fBu\\fR\n"),
        "u undoes: {keys}"
    );
    // Without --dir: the same skudesk.1 on stdout, nothing written.
    let printed = sb.run(&["man"]);
    printed.assert_code(0);
    assert_eq!(printed.stdout, main);
    // Run again: the pages are replaced, not refused.
    sb.run(&["man", "--dir", dir.to_str().unwrap()])
        .assert_code(0);
}

/// `batch list --format json` gives each batch's realised figures; on the demo the
/// September buy-one-get-one batch agrees with the text list and with itself (GP = cash
/// − COGS, margin = GP / cash, a finished batch expects its whole target).
#[test]
fn batch_list_json_gives_what_each_batch_really_earned() {
    let sb = Sandbox::new();
    let out = sb.run(&["batch", "list", "--format", "json"]);
    out.assert_code(0);
    let batches: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert!(!batches.is_empty());
    let text = sb.run(&["batch", "list"]);
    text.assert_code(0);
    let money = |v: &serde_json::Value| v.as_str().unwrap().parse::<f64>().unwrap();
    for b in &batches {
        for f in [
            "id",
            "name",
            "status",
            "channel",
            "start",
            "end",
            "skus",
            "cash_target",
            "cash_recovered",
            "units_cleared",
            "cogs",
            "gross_profit",
            "realised_margin",
            "realised_discount",
            "expected_cash",
            "pace",
            "steps",
        ] {
            assert!(b.get(f).is_some(), "{f} missing in {b}");
        }
        let (cash, cogs, gp) = (
            money(&b["cash_recovered"]),
            money(&b["cogs"]),
            money(&b["gross_profit"]),
        );
        assert!((cash - cogs - gp).abs() < 0.005, "{b}");
        if cash > 0.0 {
            let m = b["realised_margin"].as_f64().unwrap();
            assert!((m - gp / cash).abs() < 1e-9, "{b}");
        }
        text.assert_stdout_has(&format!("cash {}", b["cash_recovered"].as_str().unwrap()));
        let step_units: i64 = b["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["units"].as_i64().unwrap())
            .sum();
        if !b["steps"].as_array().unwrap().is_empty() {
            assert_eq!(step_units, b["units_cleared"].as_i64().unwrap(), "{b}");
        }
    }
    let done = batches
        .iter()
        .find(|b| b["status"] == "done")
        .expect("a finished batch");
    assert_eq!(done["expected_cash"], done["cash_target"]);
    let planned = batches
        .iter()
        .find(|b| b["status"] == "planned" && b["pace"].is_null());
    assert!(planned.is_some(), "a batch not started has no pace");
}
