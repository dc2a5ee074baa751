//! Platform exports as they really are (issue 22), through the real binary: Shopify and
//! WooCommerce refunds and cancellations, Taobao's two files (and a two-file export
//! declared in a mapping file), and many files in one import. Every fixture is compared
//! with its native twin (`*.native.csv`, the same data typed in skudesk's layout with
//! the discounts worked out by hand): the whole database and the JSON report.
//!
//! The fixtures in `tests/fixtures/mappings/` are made by `make_fixtures.py` there.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::fmt::Write as _;

use common::{dump, Out, Sandbox};

fn fixture(name: &str) -> String {
    common::repo_file(&format!("tests/fixtures/mappings/{name}"))
}

/// The two databases hold the same rows; else the rows only one of them has.
fn assert_same_rows(a: &[String], b: &[String], what: &str) {
    let only_a: Vec<&String> = a.iter().filter(|r| !b.contains(r)).take(10).collect();
    let only_b: Vec<&String> = b.iter().filter(|r| !a.contains(r)).take(10).collect();
    assert!(
        a == b,
        "{what}: only in the mapped import: {only_a:#?}\nonly in the native one: {only_b:#?}"
    );
}

fn import(sb: &Sandbox, db: &str, files: &[String], extra: &[&str]) -> Out {
    let mut args: Vec<&str> = vec!["--db", db, "import", "orders"];
    args.extend(files.iter().map(String::as_str));
    args.extend_from_slice(extra);
    sb.run(&args)
}

struct Case {
    name: &'static str,
    files: &'static [&'static str],
    args: &'static [&'static str],
    native: &'static str,
    /// Printed by the mapped import (what was skipped, joined and refunded).
    says: &'static [&'static str],
}

const SHOPIFY_SAYS: &[&str] = &[
    "shopify_refunds.csv: 11 rows read; order lines would be: 11 added",
    "skipped 1 row(s) by the mapping: cancelled orders (Cancelled at is set) (first at line 13); 1 order(s)",
    "skipped 2 row(s) by the mapping: refunded orders (Financial Status refunded) (first at line 10); 1 order(s)",
    "skipped 1 row(s) by the mapping: voided orders (Financial Status voided) (first at line 12); 1 order(s)",
    "skipped 1 row(s) by the mapping: line items without a SKU (custom items, tips) (first at line 14)",
    "refunds: 5 partially refunded order(s), 44.60 refunded, 39.60 taken off their lines as discount; \
     5.00 beyond their product lines (shipping, tax) is not product revenue",
];

const TAOBAO_SAYS: &[&str] = &[
    "taobao_items_gbk.csv: 4 rows read; order lines would be: 4 added",
    "read through mapping taobao-orders (GBK)",
    "joined with the orders file 订单报表 (ExportOrderList): ",
    "skipped 2 row(s) by the mapping: closed or unpaid orders (订单状态 交易关闭 or 等待买家付款) (first at line 4); 2 order(s)",
];

const CASES: &[Case] = &[
    Case {
        name: "Shopify refunds, voids and cancellations",
        files: &["shopify_refunds.csv"],
        args: &["--mapping", "shopify-orders"],
        native: "shopify_refunds.native.csv",
        says: SHOPIFY_SAYS,
    },
    Case {
        name: "WooCommerce refund columns and statuses",
        files: &["woocommerce_refunds.csv"],
        args: &["--mapping", "woocommerce-orders"],
        native: "woocommerce_refunds.native.csv",
        says: &[
            "skipped 2 row(s) by the mapping: refunded orders (Order Status refunded) (first at line 4); 1 order(s)",
            "skipped 1 row(s) by the mapping: cancelled orders (Order Status cancelled) (first at line 6); 1 order(s)",
            "skipped 1 row(s) by the mapping: failed orders (Order Status failed) (first at line 7); 1 order(s)",
            "skipped 1 row(s) by the mapping: orders never paid",
            "refunds: 3 partially refunded order(s), 20.50 refunded, 20.50 taken off their lines as discount",
        ],
    },
    Case {
        name: "Taobao, items file first",
        files: &["taobao_items_gbk.csv", "taobao_orders_list_gbk.csv"],
        args: &["--mapping", "taobao-orders"],
        native: "taobao_two_files.native.csv",
        says: TAOBAO_SAYS,
    },
    Case {
        name: "Taobao, orders file first",
        files: &["taobao_orders_list_gbk.csv", "taobao_items_gbk.csv"],
        args: &["--mapping", "taobao-orders"],
        native: "taobao_two_files.native.csv",
        says: TAOBAO_SAYS,
    },
    Case {
        name: "Taobao, each file's role detected",
        files: &["taobao_orders_list_gbk.csv", "taobao_items_gbk.csv"],
        args: &["--mapping", "auto"],
        native: "taobao_two_files.native.csv",
        says: TAOBAO_SAYS,
    },
    Case {
        name: "a two-file export declared in a mapping file",
        files: &["two_file_orders.csv", "two_file_lines.csv"],
        args: &["--mapping", "SHOP"],
        native: "two_file_shop.native.csv",
        says: &[
            "two_file_lines.csv: 3 rows read; order lines would be: 3 added",
            "read through mapping two-file-shop (UTF-8)",
            "joined with the orders file: ",
            "skipped 1 row(s) by the mapping: void or unpaid orders (first at line 5); 1 order(s)",
            "refunds: 1 partially refunded order(s), 5.00 refunded, 5.00 taken off their lines as discount",
        ],
    },
];

#[test]
fn every_platform_rule_gives_the_figures_of_its_native_twin() {
    let shop = fixture("two_file_shop.toml");
    for case in CASES {
        let sb = Sandbox::new();
        let files: Vec<String> = case.files.iter().map(|f| fixture(f)).collect();
        let args: Vec<&str> = case
            .args
            .iter()
            .map(|a| if *a == "SHOP" { shop.as_str() } else { a })
            .collect();
        // The dry run says what the import would do, and writes nothing.
        let preview = import(
            &sb,
            "mapped.db",
            &files,
            &[&args[..], &["--dry-run"]].concat(),
        );
        preview.assert_code(0);
        for s in case.says {
            preview.assert_stdout_has(s);
        }
        common::assert_no_db(&sb.path("mapped.db"));
        let mapped = import(&sb, "mapped.db", &files, &args);
        mapped.assert_code(0);
        mapped.assert_stdout_has(" were: ");
        import(&sb, "native.db", &[fixture(case.native)], &[]).assert_code(0);
        let (a, b) = (dump(&sb.path("mapped.db")), dump(&sb.path("native.db")));
        assert!(!a.is_empty(), "{}: nothing imported", case.name);
        assert_same_rows(&a, &b, case.name);
        assert_eq!(
            sb.report_json_of(&sb.path("mapped.db")),
            sb.report_json_of(&sb.path("native.db")),
            "{}: the reports differ",
            case.name
        );
        // Importing the same export again changes nothing.
        let again = import(&sb, "mapped.db", &files, &args);
        again.assert_code(0);
        again.assert_stdout_has(": 0 added, 0 changed");
        assert_eq!(
            dump(&sb.path("mapped.db")),
            b,
            "{}: re-import changed data",
            case.name
        );
    }
}

#[test]
fn an_item_without_its_order_is_an_error_naming_both_files_and_the_line() {
    let sb = Sandbox::new();
    let out = sb.run_db(&[
        "import",
        "orders",
        &fixture("taobao_orders_list_gbk.csv"),
        &fixture("taobao_items_orphan_gbk.csv"),
        "--mapping",
        "taobao-orders",
    ]);
    out.assert_code(1);
    out.assert_stderr_has("taobao_items_orphan_gbk.csv:8: column 订单编号: not found in ");
    out.assert_stderr_has(
        "taobao_orders_list_gbk.csv, the orders file 订单报表 (ExportOrderList): give the file that holds it (\"3245009920099\")",
    );
    out.assert_stderr_has("1 error(s); nothing was imported");
    common::assert_no_db(&sb.db());
}

#[test]
fn one_file_of_a_pair_alone_says_the_other_is_needed() {
    let sb = Sandbox::new();
    let items = fixture("taobao_items_gbk.csv");
    let orders = fixture("taobao_orders_list_gbk.csv");
    for mapping in ["taobao-orders", "auto"] {
        let out = sb.run_db(&["import", "orders", &items, "--mapping", mapping]);
        out.assert_code(1);
        out.assert_stderr_has(
            "taobao_items_gbk.csv:1: this is the items file 宝贝报表 (ExportOrderDetailList) of mapping \
             taobao-orders: give the orders file 订单报表 (ExportOrderList) with it, in the same import \
             (in either order): skudesk import orders ",
        );
        let out = sb.run_db(&["import", "orders", &orders, "--mapping", mapping]);
        out.assert_code(1);
        out.assert_stderr_has(
            "taobao_orders_list_gbk.csv:1: this is the orders file 订单报表 (ExportOrderList) of mapping \
             taobao-orders: give the items file 宝贝报表 (ExportOrderDetailList) with it",
        );
    }
    common::assert_no_db(&sb.db());
    // A file that holds both (the hand-joined layout) still imports on its own.
    sb.import_ok(
        "orders",
        &[
            &fixture("taobao_orders_gbk.csv"),
            "--mapping",
            "taobao-orders",
        ],
    );
}

#[test]
fn detect_recognises_each_file_of_a_pair_and_says_the_other_is_needed() {
    let sb = Sandbox::new();
    let out = sb.run(&["import", "--detect", &fixture("taobao_items_gbk.csv")]);
    out.assert_code(0);
    out.assert_stdout_has(
        "picked taobao-orders (orders), read as GBK: this is the items file 宝贝报表 (ExportOrderDetailList)",
    );
    out.assert_stdout_has(
        "it is one of two files: give the orders file 订单报表 (ExportOrderList) with it",
    );
    out.assert_stdout_has("taobao_items_gbk.csv OTHER_FILE --mapping taobao-orders");
    let out = sb.run(&["import", "--detect", &fixture("taobao_orders_list_gbk.csv")]);
    out.assert_code(0);
    out.assert_stdout_has(
        "picked taobao-orders (orders), read as GBK: this is the orders file 订单报表 (ExportOrderList): \
         its columns 订单编号, 买家会员名, 订单状态, 订单付款时间 are in the header",
    );
    out.assert_stdout_has(
        "it is one of two files: give the items file 宝贝报表 (ExportOrderDetailList) with it",
    );
    out.assert_stdout_has("LINES_FILE ");
    // The refund fixtures are their platforms' layouts, with the columns the rules read.
    for (file, picked, reads) in [
        (
            "shopify_refunds.csv",
            "picked shopify-orders (orders)",
            "Financial Status, Refunded Amount",
        ),
        (
            "woocommerce_refunds.csv",
            "picked woocommerce-orders (orders)",
            "Order Status, Order Refund Amount",
        ),
    ] {
        let out = sb.run(&["import", "--detect", &fixture(file)]);
        out.assert_code(0);
        out.assert_stdout_has(picked);
        out.assert_stdout_has(reads);
    }
    // The hand-joined file is a whole file: nothing else is needed.
    let out = sb.run(&["import", "--detect", &fixture("taobao_orders_gbk.csv")]);
    out.assert_stdout_has("picked taobao-orders (orders), read as GBK: it reads 9 column(s)");
    assert!(!out.stdout.contains("one of two files"), "{}", out.stdout);
}

#[test]
fn a_shopify_export_without_its_status_column_is_refused_at_the_header() {
    // Without Financial Status, refunded and voided orders would count as sales.
    let sb = Sandbox::new();
    let f = sb.write(
        "o.csv",
        "Name,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Cancelled at\n\
         #1,2025-09-01 10:00:00 -0400,1,5.00,MUG,\n",
    );
    let out = sb.run_db(&["import", "orders", &f, "--mapping", "shopify-orders"]);
    out.assert_code(1);
    out.assert_stderr_has(
        "o.csv:1: column Financial Status: column read by the skip rule \"refunded orders (Financial Status refunded)\" is missing",
    );
    common::assert_no_db(&sb.db());
}

#[test]
fn quantities_net_of_refunds_are_not_refunded_again() {
    let sb = Sandbox::new();
    let f = sb.write(
        "net.csv",
        "Order Number,Order Status,Order Date,SKU,Item #,Quantity (- Refund),Item Cost,Order Refund Amount\n\
         7001,completed,2025-09-02 10:00:00,MUG,1,1,12.50,12.50\n",
    );
    let out = sb.run_db(&["import", "orders", &f, "--mapping", "woocommerce-orders"]);
    out.assert_code(0);
    out.assert_stdout_has(
        "note: quantities are read from Quantity (- Refund), already net of refunds: the refund amounts are not taken off again",
    );
    assert!(!out.stdout.contains("  refunds: "), "{}", out.stdout);
    let rows = dump(&sb.db());
    assert!(
        rows.iter()
            .any(|r| r.starts_with("\"line\"|\"7001\"|1|\"MUG\"|") && r.contains("|1|12500000|0|")),
        "{rows:?}"
    );
    // Without a refund column the import says refunds are not taken off.
    let f = sb.write(
        "none.csv",
        "Order Number,Order Status,Order Date,SKU,Item #,Quantity,Item Cost\n\
         7002,completed,2025-09-02 10:00:00,MUG,1,1,12.50\n",
    );
    let out = sb.run_db(&["import", "orders", &f, "--mapping", "woocommerce-orders"]);
    out.assert_code(0);
    out.assert_stdout_has(
        "note: the file has no column Order Refund Amount or Refunded: refunds are not taken off the lines",
    );
}

#[test]
fn a_refunded_order_whose_rows_are_apart_is_an_error() {
    let sb = Sandbox::new();
    let f = sb.write(
        "apart.csv",
        "Order Number,Order Status,Order Date,SKU,Item #,Quantity,Item Cost,Order Refund Amount\n\
         7001,completed,2025-09-02 10:00:00,MUG,1,1,12.50,5.00\n\
         7002,completed,2025-09-02 11:00:00,HAT,1,1,19.00,\n\
         7001,completed,2025-09-02 10:00:00,HAT,2,1,19.00,5.00\n",
    );
    let out = sb.run_db(&["import", "orders", &f, "--mapping", "woocommerce-orders"]);
    out.assert_code(1);
    out.assert_stderr_has(
        "apart.csv:4: column Order Refund Amount: the rows of order 7001 are not together (it began on line 2): \
         its refund would be taken off twice; sort the export by order (\"5.00\")",
    );
    common::assert_no_db(&sb.db());
}

/// A year of daily Shopify exports: one line of their own per day, every tenth day a
/// refunded order and every seventh a cancelled one, and every day a partially
/// refunded order; the native twin is written beside them with the discounts worked out
/// here by hand (a refund of 1.00 on one line worth 24.00 is a discount of 1.00).
fn year_of_days(sb: &Sandbox, days: usize) -> (Vec<String>, String) {
    let header = "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,\
                  Lineitem price,Lineitem sku,Cancelled at,Refunded Amount,Source,Lineitem discount\n";
    let mut native =
        String::from("order_id,ordered_at,sku,qty,unit_price,discount,customer_id,channel,name\n");
    let mut files = Vec::new();
    for d in 0..days {
        let day =
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(d as u64);
        let mut text = String::from(header);
        let hat = format!("HAT-{}", d % 7);
        writeln!(
            text,
            "#{d}-1,a@x.com,paid,{day} 10:00:00 -0400,1,Hat,19.00,{hat},,,web,0.00"
        )
        .unwrap();
        writeln!(
            native,
            "#{d}-1,{day} 10:00:00,{hat},1,19.00,0,a@x.com,web,Hat"
        )
        .unwrap();
        let status = if d % 10 == 0 { "refunded" } else { "paid" };
        writeln!(
            text,
            "#{d}-2,b@x.com,{status},{day} 11:00:00 -0400,2,Mug,12.50,MUG,,,web,0.00"
        )
        .unwrap();
        if status == "paid" {
            writeln!(
                native,
                "#{d}-2,{day} 11:00:00,MUG,2,12.50,0,b@x.com,web,Mug"
            )
            .unwrap();
        }
        let cancelled = if d % 7 == 0 {
            format!("{day} 13:00:00 -0400")
        } else {
            String::new()
        };
        writeln!(
            text,
            "#{d}-3,c@x.com,partially_refunded,{day} 12:00:00 -0400,1,Scarf,24.00,SCARF,{cancelled},1.00,iphone,0.00"
        )
        .unwrap();
        if cancelled.is_empty() {
            writeln!(
                native,
                "#{d}-3,{day} 12:00:00,SCARF,1,24.00,1.00,c@x.com,iphone,Scarf"
            )
            .unwrap();
        }
        files.push(sb.write(&format!("day-{:03}.csv", d + 1), text));
    }
    (files, sb.write("year.native.csv", native))
}

#[test]
fn three_hundred_one_day_files_import_at_once_with_one_summary() {
    let sb = Sandbox::new();
    let (files, native) = year_of_days(&sb, 300);
    let refunded = (0..300).filter(|d| d % 10 == 0).count();
    let cancelled = (0..300).filter(|d| d % 7 == 0).count();
    let lines = 300 * 3 - refunded - cancelled;
    let mut args: Vec<&str> = vec!["--db", "year.db", "import", "orders"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--mapping", "shopify-orders"]);
    let out = common::Out::from(
        sb.cmd()
            .env("SKUDESK_PROGRESS_MS", "0")
            .args(&args)
            .output()
            .expect("run"),
    );
    out.assert_code(0);
    out.assert_stdout_has(&format!(
        "300 files: {lines} rows read; order lines were: {lines} added, 0 changed, 0 unchanged; \
         9 new SKU(s) created with cost missing"
    ));
    out.assert_stdout_has("  read through mapping shopify-orders (UTF-8): 300 file(s)");
    out.assert_stdout_has(&format!(
        "  skipped {cancelled} row(s) by the mapping: cancelled orders (Cancelled at is set) \
         (first at day-001.csv:4); {cancelled} order(s)"
    ));
    out.assert_stdout_has(&format!(
        "  skipped {refunded} row(s) by the mapping: refunded orders (Financial Status refunded) \
         (first at day-001.csv:3); {refunded} order(s)"
    ));
    let partial = 300 - cancelled;
    out.assert_stdout_has(&format!(
        "  refunds: {partial} partially refunded order(s), {partial}.00 refunded, {partial}.00 taken off their lines as discount"
    ));
    // One summary, no line per file.
    assert!(!out.stdout.contains("day-002.csv"), "{}", out.stdout);
    // One bar over all the files: progress never names a single file.
    out.assert_stderr_has("skudesk: reading 300 files: ");
    out.assert_stderr_has("skudesk: importing 300 files: ");
    out.assert_stderr_has(" of 300 files (");
    for l in out.stderr.lines() {
        assert!(
            l.contains(" 300 files: ") && !l.contains("day-"),
            "a progress line of its own: {l}"
        );
    }
    // The same data typed natively gives the same database and report.
    sb.run(&["--db", "native.db", "import", "orders", &native])
        .assert_code(0);
    assert_same_rows(
        &dump(&sb.path("year.db")),
        &dump(&sb.path("native.db")),
        "300 files",
    );
    assert_eq!(
        sb.report_json_of(&sb.path("year.db")),
        sb.report_json_of(&sb.path("native.db"))
    );
    // --verbose: a line per file, as before.
    let mut again = args.clone();
    again.push("--verbose");
    let out = sb.run(&again);
    out.assert_code(0);
    assert_eq!(
        out.stdout
            .matches(" rows read; order lines were: 0 added, 0 changed")
            .count(),
        300,
        "{}",
        out.stdout
    );
    out.assert_stdout_has("day-300.csv: ");
}

#[test]
fn errors_in_many_files_are_all_listed_with_their_file_and_nothing_is_written() {
    let sb = Sandbox::new();
    let (mut files, _) = year_of_days(&sb, 40);
    files[6] = sb.write(
        "day-007.csv",
        "Name,Financial Status,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Cancelled at\n\
         #x,paid,2025-01-07 10:00:00 -0400,two,5.00,MUG,\n",
    );
    files[29] = sb.write(
        "day-030.csv",
        "Name,Financial Status,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Cancelled at\n\
         #y,paid,someday,1,5.00,MUG,\n",
    );
    let mut args: Vec<&str> = vec!["import", "orders"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--mapping", "shopify-orders"]);
    let out = sb.run_db(&args);
    out.assert_code(1);
    out.assert_stderr_has(
        "day-007.csv:2: column Lineitem quantity (qty): is not a whole number (\"two\")",
    );
    out.assert_stderr_has(
        "day-030.csv:2: column Created at (ordered_at): does not match the date format",
    );
    out.assert_stderr_has("2 error(s); nothing was imported and the database is unchanged.");
    common::assert_no_db(&sb.db());
}

#[test]
fn bad_refund_and_join_tables_are_refused_with_their_line() {
    let base = "kind = \"orders\"\n[fields]\norder_id = \"a\"\nordered_at = \"b\"\nsku = \"c\"\nqty = \"d\"\nunit_price = \"e\"\n";
    for (extra, line, says) in [
        (
            "[refunds]\namount = \"R\"\ncolumn = \"Status\"\n",
            8,
            "[refunds] column and regex go together",
        ),
        (
            "[refunds]\namount = \"R\"\ncolumn = \"S\"\nregex = \"(open\"\n",
            8,
            "[refunds] regex \"(open\" is not a valid regex",
        ),
        (
            "[refunds]\namount = []\n",
            8,
            "[refunds] amount: give the column",
        ),
        (
            "[join]\nkey = \"a\"\ncolumns = []\n",
            8,
            "[join] columns: name the columns",
        ),
        (
            "[join]\nkey = \" \"\ncolumns = [\"x\"]\n",
            8,
            "[join] needs key",
        ),
        (
            "[join]\nkey = \"a\"\ncolumns = [\"x\"]\ncolour = 1\n",
            11,
            "unknown field `colour`",
        ),
    ] {
        let text = format!("{base}{extra}");
        let e = skudesk::import::mapping::parse("bad", "bad.toml", &text).expect_err(extra);
        assert_eq!(e.line, Some(line), "{extra}: {e}");
        assert!(e.message.contains(says), "{extra}: {e}");
    }
    let products = "kind = \"products\"\n[fields]\nsku = \"a\"\nunit_cost = \"b\"\n[refunds]\namount = \"R\"\n";
    let e = skudesk::import::mapping::parse("bad", "bad.toml", products).expect_err("products");
    assert!(
        e.message.contains("[refunds] is for orders mappings"),
        "{e}"
    );
    assert_eq!(e.line, Some(5));
}
