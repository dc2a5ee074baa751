//! `skudesk export` and the app's export key: the rows the app shows, in its order, as
//! CSV and Markdown; formula-safe text cells next to plain negative numbers; the BOM; and
//! files written whole or not at all.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use common::Sandbox;
use skudesk::domain::dates::{Day, Frame};
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::{App, Level};

fn sample(file: &str) -> String {
    common::repo_file(&format!("sample-data/{file}"))
}

const AS_OF: &str = "2025-09-30";

/// A sandbox whose `shop.db` holds the sample data (products, stock, orders, traffic).
fn sample_shop() -> Sandbox {
    let sb = Sandbox::new();
    for kind in ["products", "stock", "orders", "traffic"] {
        sb.import_ok(kind, &[&sample(&format!("{kind}.csv"))]);
    }
    sb
}

/// The app over a database file, as `skudesk --db FILE --as-of 2025-09-30` opens it.
fn app_over(db: &Path) -> (App, Store) {
    let store = Store::open(db).expect("open the database");
    let ds = store.load().expect("load");
    let s = Settings::default();
    let day = chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    let frame = Frame::new(Day::from_date(day), s.window_days, s.velocity_days);
    let app = App::new(ds, s, frame, db.display().to_string(), false);
    (app, store)
}

/// Types keys (`<enter>`, `<esc>`, `<tab>` by name, `E` and others as characters) and
/// lets the run loop's request handling run after each, as the real loop does.
fn keys(app: &mut App, store: &mut Store, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (code, used) = if c == '<' {
            let end = rest.find('>').expect("closing >");
            let code = match &rest[1..end] {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                other => panic!("unknown key <{other}>"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        skudesk::ui::process(app, store);
        rest = &rest[used..];
    }
}

/// The records of a CSV text (header first), BOM-free.
fn records(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// The first column of every data row.
fn first_column(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter().skip(1).map(|r| r[0].clone()).collect()
}

fn app_skus(app: &App) -> Vec<String> {
    app.aging()
        .rows
        .iter()
        .map(|&i| app.ds().products[i].sku.clone())
        .collect()
}

/// Each app view (keys) and the command-line options that ask for the same view.
const SAME_VIEWS: &[(&str, &[&str])] = &[
    // As the app opens: every SKU, most capital first.
    ("2", &[]),
    // Slow movers, by days since the last sale (largest first, never sold on top), "cap".
    (
        "2fs/cap<enter>",
        &["--filter", "slow", "--sort", "last-sale", "--search", "cap"],
    ),
    // Low tier by name: text sorts A to Z unless asked otherwise.
    ("2ffffffff[[[[", &["--filter", "low", "--sort", "name"]),
    // Low tier, by name A to Z, then reversed; search in any case.
    (
        "2ffffffff[[[[S/HaT<enter>",
        &[
            "--filter", "low", "--sort", "name", "--order", "desc", "--search", "HaT",
        ],
    ),
    // Best sellers by cover, shortest first (reversed from the default).
    (
        "2ffsssS",
        &["--filter", "best", "--sort", "cover", "--order", "asc"],
    ),
    // Drill into the first category of the mix table (most revenue).
    ("jjjj<enter>", &["--category", "apparel"]),
];

#[test]
fn export_view_aging_gives_exactly_the_rows_the_app_shows_in_its_order() {
    let sb = sample_shop();
    for (script, args) in SAME_VIEWS {
        let (mut app, mut store) = app_over(&sb.db());
        keys(&mut app, &mut store, script);
        let shown = app_skus(&app);
        assert!(!shown.is_empty(), "{script}: the app shows no rows");

        let mut cli = vec!["export", "view", "aging", "--as-of", AS_OF];
        cli.extend_from_slice(args);
        let out = sb.run_db(&cli);
        out.assert_code(0);
        let rows = records(&out.stdout);
        assert_eq!(
            first_column(&rows),
            shown,
            "{script} vs {args:?}: rows or order differ"
        );
    }
}

#[test]
fn exported_rows_are_the_filter_search_and_sort_asked_for() {
    // Checked against the data itself, not against the code that chose the rows.
    let sb = sample_shop();
    let out = sb.run_db(&[
        "export", "view", "aging", "--as-of", AS_OF, "--filter", "slow", "--search", "CASE",
        "--sort", "on-hand",
    ]);
    out.assert_code(0);
    let rows = records(&out.stdout);
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let body = &rows[1..];
    assert!(
        body.len() >= 3,
        "expected several slow phone cases: {body:?}"
    );
    let report = sb.report_json();
    for r in body {
        let text = format!("{} {}", r[col("SKU")], r[col("Name")]).to_lowercase();
        assert!(text.contains("case"), "{text} does not match the search");
        assert_eq!(r[col("Flags")].split(' ').next(), Some("slow"));
        let sku = common::sku(&report, &r[col("SKU")]);
        assert_eq!(sku["slow"], true);
        assert_eq!(r[col("On hand")], sku["on_hand"].to_string());
        assert_eq!(r[col("Capital")], sku["capital"].as_str().unwrap());
    }
    let on_hand: Vec<i64> = body
        .iter()
        .map(|r| r[col("On hand")].parse().unwrap())
        .collect();
    assert!(
        on_hand.windows(2).all(|w| w[0] >= w[1]),
        "on hand, largest first: {on_hand:?}"
    );
    // Every slow phone case of the report is there, and nothing else.
    let mut expected: Vec<String> = common::skus(&report)
        .into_iter()
        .filter(|code| {
            let s = common::sku(&report, code);
            let name = s["name"].as_str().unwrap();
            s["slow"] == true && format!("{code} {name}").to_lowercase().contains("case")
        })
        .collect();
    let mut got = first_column(&rows);
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn ascending_is_exactly_descending_reversed() {
    let sb = sample_shop();
    let run = |order: &str| {
        let out = sb.run_db(&[
            "export", "view", "aging", "--as-of", AS_OF, "--sort", "velocity", "--order", order,
        ]);
        out.assert_code(0);
        first_column(&records(&out.stdout))
    };
    let mut asc = run("asc");
    asc.reverse();
    assert_eq!(asc, run("desc"));
}

#[test]
fn markdown_holds_the_same_rows_and_columns_as_csv() {
    let sb = sample_shop();
    for view in [
        &["aging", "--filter", "slow", "--sort", "capital"][..],
        &["mix"][..],
    ] {
        let mut args = vec!["export", "view"];
        args.extend_from_slice(view);
        args.extend_from_slice(&["--as-of", AS_OF]);
        let csv_out = sb.run_db(&args);
        csv_out.assert_code(0);
        args.extend_from_slice(&["--format", "md"]);
        let md_out = sb.run_db(&args);
        md_out.assert_code(0);
        let csv_rows = records(&csv_out.stdout);

        let lines: Vec<&str> = md_out
            .stdout
            .lines()
            .filter(|l| l.starts_with('|'))
            .collect();
        // A cell's text as a Markdown reader shows it: entities and backslash escapes
        // (of `&`, `<`, `>`, `[`, `]`, backticks and `|`) undone.
        let unescape = |cell: &str| -> String {
            let cell = cell
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            let mut out = String::new();
            let mut chars = cell.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => out.extend(chars.next()),
                    c => out.push(c),
                }
            }
            out
        };
        let cells = |line: &str| -> Vec<String> {
            line.trim_matches('|')
                .split(" | ")
                .map(|c| unescape(c.trim()))
                .collect()
        };
        assert_eq!(cells(lines[0]), csv_rows[0], "{view:?}: header");
        assert!(
            cells(lines[1]).iter().all(|c| c == "---" || c == "---:"),
            "{view:?}: no separator row: {}",
            lines[1]
        );
        let md_rows: Vec<Vec<String>> = lines[2..].iter().map(|l| cells(l)).collect();
        assert_eq!(md_rows.len(), csv_rows.len() - 1, "{view:?}: row count");
        for (md, csv) in md_rows.iter().zip(&csv_rows[1..]) {
            assert_eq!(md, csv, "{view:?}");
        }
    }
}

#[test]
fn mix_view_lists_the_tiers_then_categories_by_revenue() {
    let sb = sample_shop();
    let out = sb.run_db(&["export", "view", "mix", "--as-of", AS_OF]);
    out.assert_code(0);
    let rows = records(&out.stdout);
    assert_eq!(
        rows[0],
        [
            "Tier / category",
            "SKUs",
            "Revenue",
            "Share",
            "Margin",
            "GP",
            "High",
            "Mid",
            "Low"
        ]
    );
    assert_eq!(
        first_column(&rows)[..4],
        ["high tier", "mid tier", "low tier", "unclassified tier"]
    );
    let report = sb.report_json();
    let kpis = &report["kpis"];
    // The tier rows carry the report's figures, at full precision: money as plain
    // decimals with cents, ratios with six decimals.
    for r in &rows[1..] {
        let (int, cents) = r[2].split_once('.').expect("money has cents");
        assert!(
            int.bytes().all(|b| b.is_ascii_digit()) && cents.len() == 2,
            "{r:?}"
        );
        assert_eq!(r[3].split_once('.').map(|(_, d)| d.len()), Some(6), "{r:?}");
    }
    let high_share: f64 = rows[1][3].parse().unwrap();
    let want = kpis["tier_share_revenue"]["high"].as_f64().unwrap();
    assert!((high_share - want).abs() < 1e-6, "{high_share} vs {want}");
    let revenue: Vec<f64> = rows[5..].iter().map(|r| r[2].parse().unwrap()).collect();
    assert!(revenue.windows(2).all(|w| w[0] >= w[1]), "{revenue:?}");
    assert_eq!(rows.len() - 5, 13, "13 categories in the sample");
}

#[test]
fn formulas_in_names_are_neutralised_and_negative_numbers_stay_numbers() {
    let sb = Sandbox::new();
    let products = sb.write(
        "p.csv",
        "sku,name,category,unit_cost,list_price\n\
         F1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",@SUM(A1),10.00,20.00\n\
         F2,+cmd|' /C calc'!A0,-2+3,10.00,20.00\n\
         F3,\"a\ttab inside\",\u{200b}=zero-width first,10.00,20.00\n\
         F4,Plain name,Kitchen,10.00,20.00\n\
         F5,Tab first,Kitchen,10.00,20.00\n",
    );
    sb.import_ok("products", &[products.as_str()]);
    let stock = sb.write(
        "s.csv",
        "sku,qty,received_on\nF1,3,2025-09-01\nF2,3,2025-09-01\nF3,3,2025-09-01\nF4,3,2025-09-01\nF5,3,2025-09-01\n",
    );
    sb.import_ok("stock", &[stock.as_str()]);
    // F2 sells below cost: its category's gross profit is negative.
    let orders = sb.write(
        "o.csv",
        "order_id,ordered_at,sku,qty,unit_price\nO1,2025-09-20,F2,2,4.00\nO2,2025-09-21,F4,1,20.00\n",
    );
    sb.import_ok("orders", &[orders.as_str()]);
    // The importer trims cells, so a name that starts with a tab only gets in by SQL.
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.execute(
        "UPDATE product SET name = char(9) || '=1+1' WHERE sku = 'F5'",
        [],
    )
    .unwrap();
    drop(conn);

    let out = sb.run_db(&["export", "view", "aging", "--as-of", AS_OF, "--sort", "sku"]);
    out.assert_code(0);
    let rows = records(&out.stdout);
    let header = rows[0].clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |code: &str| rows.iter().find(|r| r[0] == code).unwrap().clone();
    let (name, category) = (col("Name"), col("Category"));
    assert_eq!(
        row("F1")[name],
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(row("F1")[category], "'@SUM(A1)");
    assert_eq!(row("F2")[name], "'+cmd|' /C calc'!A0");
    assert_eq!(row("F2")[category], "'-2+3");
    assert_eq!(row("F3")[name], "a tab inside");
    assert_eq!(row("F3")[category], "'=zero-width first");
    assert_eq!(row("F4")[name], "Plain name");
    assert_eq!(row("F5")[name], "' =1+1");
    for r in &rows {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "formula cell {cell:?} in {r:?}"
            );
            assert!(!cell.chars().any(|c| c.is_control()), "{cell:?}");
        }
    }

    // In the mix table the category "-2+3" is text (neutralised) but its negative gross
    // profit is a number (not).
    let out = sb.run_db(&["export", "view", "mix", "--as-of", AS_OF]);
    out.assert_code(0);
    let rows = records(&out.stdout);
    let cat = rows.iter().find(|r| r[0] == "'-2+3").expect("category row");
    assert_eq!(cat[5], "-12.00", "2 × (4.00 − 10.00)");
    assert_eq!(cat[2], "8.00");
    assert_eq!(cat[4], "-1.500000", "margin −12 / 8, a number");
}

#[test]
fn bom_comes_first_only_when_asked() {
    let sb = sample_shop();
    let with = sb.run_db(&["export", "view", "mix", "--bom"]);
    with.assert_code(0);
    assert!(with.raw_stdout.starts_with(b"\xEF\xBB\xBF"));
    assert!(with.raw_stdout[3..].starts_with(b"Tier / category,"));
    let without = sb.run_db(&["export", "view", "mix"]);
    assert!(without.raw_stdout.starts_with(b"Tier / category,"));

    let out = sb.run_db(&[
        "export", "report", "--format", "csv", "--bom", "-o", "r.csv",
    ]);
    out.assert_code(0);
    out.assert_stdout_has("r.csv");
    let bytes = std::fs::read(sb.path("r.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFsku,name,"),
        "{:?}",
        &bytes[..20]
    );

    let json = sb.run_db(&["export", "report", "--format", "json", "--bom"]);
    json.assert_code(2);
    json.assert_stderr_has("--bom");
}

#[test]
fn export_report_is_the_report() {
    let sb = sample_shop();
    for (format, file) in [("md", "review.md"), ("csv", "skus.csv"), ("json", "r.json")] {
        let report = sb.run_db(&["report", "--format", format, "--as-of", AS_OF]);
        report.assert_code(0);
        // Format from --format to stdout, and from the extension of -o.
        let out = sb.run_db(&["export", "report", "--format", format, "--as-of", AS_OF]);
        out.assert_code(0);
        assert_eq!(out.stdout, report.stdout, "{format}");
        let out = sb.run_db(&["export", "report", "-o", file, "--as-of", AS_OF]);
        out.assert_code(0);
        assert_eq!(
            std::fs::read_to_string(sb.path(file)).unwrap(),
            report.stdout,
            "{file}"
        );
    }
}

#[test]
fn output_file_is_replaced_whole_or_left_alone() {
    let sb = sample_shop();
    std::fs::write(sb.path("aging.csv"), "old content").unwrap();
    let out = sb.run_db(&["export", "view", "aging", "-o", "aging.csv"]);
    out.assert_code(0);
    out.assert_stdout_has("aging.csv");
    let text = std::fs::read_to_string(sb.path("aging.csv")).unwrap();
    assert!(text.starts_with("SKU,Name,"), "{text:.40}");
    assert!(
        std::fs::read_dir(sb.dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp")),
        "a temporary file was left behind"
    );

    // A folder that cannot exist (under a regular file): exit 1, the path named, no file.
    let bad = sb.path("aging.csv").join("x.csv");
    let out = sb.run_db(&["export", "view", "aging", "-o", bad.to_str().unwrap()]);
    out.assert_code(1);
    out.assert_stderr_has(&format!("cannot write {}", bad.display()));
    assert!(std::fs::read_to_string(sb.path("aging.csv"))
        .unwrap()
        .starts_with("SKU,Name,"));
}

#[test]
fn export_on_a_read_only_database_writes_the_file_and_leaves_the_database() {
    let sb = sample_shop();
    let before = std::fs::read(sb.db()).unwrap();
    let out = sb.run_db(&["--read-only", "export", "view", "aging", "-o", "ro.csv"]);
    out.assert_code(0);
    assert!(sb.path("ro.csv").exists());
    // (Compared by hand: a byte diff of a whole database is no message to read.)
    assert!(
        std::fs::read(sb.db()).unwrap() == before,
        "the database file changed"
    );
}

/// The `exports` folder's files, by name.
fn exported(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn the_export_key_writes_the_shown_rows_next_to_the_database() {
    let sb = sample_shop();
    let (mut app, mut store) = app_over(&sb.db());
    // Read-only: exporting changes no data, so it is allowed.
    app.set_read_only(Some("--read-only".into()));
    keys(&mut app, &mut store, "2fs/cap<enter>E");
    let message = app.message().cloned().expect("a status message");
    assert_eq!(message.level, Level::Info, "{}", message.text);
    let files = exported(&sb.path("exports"));
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("aging-") && name.ends_with(".csv"),
        "{name}"
    );
    assert!(
        message.text.contains(&name) && message.text.contains("exports"),
        "{}",
        message.text
    );
    let rows = records(&std::fs::read_to_string(file).unwrap());
    assert_eq!(first_column(&rows), app_skus(&app));
    assert!(message.text.contains(&format!("({} rows)", rows.len() - 1)));

    // A second export never overwrites the first (even within the same second).
    keys(&mut app, &mut store, "E");
    assert_eq!(exported(&sb.path("exports")).len(), 2);
}

#[test]
fn the_export_key_writes_the_same_file_as_the_command_line_on_every_tab() {
    let sb = Sandbox::new();
    // The default database: the built-in demo, with candidates, plans and batches.
    sb.run(&["report"]).assert_code(0);
    let db = sb.default_db();
    let exports = db.parent().unwrap().join("exports");
    for (script, view) in [
        ("1", &["mix"][..]),
        (
            "2fs/cap<enter>",
            &[
                "aging",
                "--filter",
                "slow",
                "--sort",
                "last-sale",
                "--search",
                "cap",
            ][..],
        ),
        ("2S", &["aging", "--order", "asc"][..]),
        ("3", &["scoring"][..]),
        ("4", &["plans"][..]),
        // The cursor in the clearance batches below the plans.
        ("4G", &["batches"][..]),
    ] {
        let before = exported(&exports);
        let (mut app, mut store) = app_over(&db);
        keys(&mut app, &mut store, &format!("{script}E"));
        let message = app.message().cloned().expect("a status message");
        assert_eq!(message.level, Level::Info, "{script}: {}", message.text);
        let new: Vec<PathBuf> = exported(&exports)
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        assert_eq!(new.len(), 1, "{script}: {new:?}");
        let name = new[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(&format!("{}-", view[0])),
            "{script}: {name}"
        );

        let mut args = vec!["--db", db.to_str().unwrap(), "export", "view"];
        args.extend_from_slice(view);
        args.extend_from_slice(&["--as-of", AS_OF]);
        let out = sb.run(&args);
        out.assert_code(0);
        let file = std::fs::read_to_string(&new[0]).unwrap();
        assert_eq!(file, out.stdout, "{script} vs {view:?}");
        assert!(records(&file).len() > 1, "{script}: no rows");
    }
}

#[test]
fn the_export_key_says_when_the_file_cannot_be_written() {
    let sb = sample_shop();
    let (mut app, mut store) = app_over(&sb.db());
    // The database "lives" under a regular file: no exports folder can be made there.
    std::fs::write(sb.path("not-a-folder"), "").unwrap();
    app.set_db_path(
        sb.path("not-a-folder")
            .join("shop.db")
            .display()
            .to_string(),
    );
    keys(&mut app, &mut store, "2E");
    let message = app.message().cloned().expect("a status message");
    assert_eq!(message.level, Level::Error);
    assert!(
        message.text.contains("cannot create")
            && message.text.contains("not-a-folder")
            && message.text.contains("-o FILE"),
        "{}",
        message.text
    );
    assert!(!app.quitting());
}

/// The purchase list holds exactly the SKUs the JSON report says to reorder now, with
/// their order quantities, grouped by brand; each brand's subtotal and the total add up.
#[test]
fn the_purchase_list_is_the_reports_reorder_grouped_by_brand() {
    let sb = Sandbox::new();
    let report = sb.run(&["report", "--format", "json"]);
    report.assert_code(0);
    let report = report.json();
    let want: std::collections::BTreeMap<String, i64> = report["skus"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["reorder_now"] == true && s["reorder_qty"].as_i64().unwrap() > 0)
        .map(|s| {
            (
                s["sku"].as_str().unwrap().to_string(),
                s["reorder_qty"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(!want.is_empty(), "the demo has SKUs to reorder");
    let out = sb.run(&["export", "view", "reorder"]);
    out.assert_code(0);
    let mut rd = csv::Reader::from_reader(out.stdout.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Brand",
            "SKU",
            "Name",
            "On hand",
            "Units/day",
            "Runs out",
            "Order qty",
            "Unit cost",
            "Order cost"
        ]
    );
    let cents = |s: &str| -> i64 {
        if s.is_empty() {
            return 0;
        }
        let (a, b) = s.split_once('.').unwrap();
        a.parse::<i64>().unwrap() * 100 + b.parse::<i64>().unwrap()
    };
    let mut got = std::collections::BTreeMap::new();
    let (mut brand_cost, mut brand_units, mut all_cost, mut all_units) = (0, 0, 0, 0);
    let mut brands_seen = Vec::new();
    for rec in rd.records() {
        let rec = rec.unwrap();
        let (first, sku) = (&rec[0], &rec[1]);
        if let Some(brand) = first.strip_prefix("Subtotal ") {
            assert_eq!(cents(&rec[8]), brand_cost, "subtotal {brand}");
            assert_eq!(
                rec[6].parse::<i64>().unwrap(),
                brand_units,
                "subtotal {brand}"
            );
            assert!(
                !brands_seen.contains(&brand.to_string()),
                "{brand} grouped once"
            );
            brands_seen.push(brand.to_string());
            (all_cost, all_units) = (all_cost + brand_cost, all_units + brand_units);
            (brand_cost, brand_units) = (0, 0);
        } else if first == "Total" {
            assert_eq!(cents(&rec[8]), all_cost);
            assert_eq!(rec[6].parse::<i64>().unwrap(), all_units);
        } else {
            let qty: i64 = rec[6].parse().unwrap();
            got.insert(sku.to_string(), qty);
            if !rec[7].is_empty() {
                assert_eq!(cents(&rec[8]), cents(&rec[7]) * qty, "{sku}");
            }
            brand_cost += cents(&rec[8]);
            brand_units += qty;
        }
    }
    assert_eq!(got, want);
}
