//! Column mappings through the real binary: every built-in (and every kind of dirt) gives
//! the same database as the same data typed in the native layout; errors name the
//! source file, line and column; bad mapping files are refused clearly; `--detect`
//! picks the right mapping; dry runs write nothing; progress lines when asked.
//!
//! The fixtures in `tests/fixtures/mappings/` are made by `make_fixtures.py` there.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::path::Path;

use common::{db_files, dump, Out, Sandbox};

fn fixture(name: &str) -> String {
    common::repo_file(&format!("tests/fixtures/mappings/{name}"))
}

fn import(sb: &Sandbox, db: &str, kind: &str, file: &str, extra: &[&str]) -> Out {
    let mut args = vec!["--db", db, "import", kind, file];
    args.extend_from_slice(extra);
    sb.run(&args)
}

struct Case {
    kind: &'static str,
    source: &'static str,
    args: &'static [&'static str],
    native: &'static str,
    /// Printed by the mapped import (what was skipped and why).
    says: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        kind: "orders",
        source: "shopify_orders.csv",
        args: &["--mapping", "shopify-orders"],
        native: "shopify_orders.native.csv",
        says: &[
            "skipped 2 row(s) by the mapping: cancelled orders (Cancelled at is set) (first at line 5)",
            "skipped 1 row(s) by the mapping: line items without a SKU",
        ],
    },
    Case {
        kind: "products",
        source: "shopify_products.csv",
        args: &["--mapping", "shopify-products"],
        native: "shopify_products.native.csv",
        says: &["skipped 1 row(s) by the mapping: rows without a Variant SKU"],
    },
    Case {
        kind: "stock",
        source: "shopify_inventory.csv",
        args: &["--mapping", "shopify-inventory", "--set", "received_on=2025-09-01"],
        native: "shopify_inventory.native.csv",
        says: &[
            "skipped 1 row(s) by the mapping: rows without a SKU",
            "skipped 1 row(s) by the mapping: not stocked at this location",
            "skipped 1 row(s) by the mapping: negative on-hand counts",
        ],
    },
    Case {
        kind: "orders",
        source: "woocommerce_orders.csv",
        args: &["--mapping", "woocommerce-orders"],
        native: "woocommerce_orders.native.csv",
        says: &["skipped 1 row(s) by the mapping: cancelled orders (Order Status cancelled)"],
    },
    Case {
        kind: "orders",
        source: "woocommerce_orders_utf16.csv",
        args: &["--mapping", "woocommerce-orders"],
        native: "woocommerce_orders.native.csv",
        says: &["read through mapping woocommerce-orders (UTF-16LE (BOM))"],
    },
    Case {
        kind: "orders",
        source: "taobao_orders_gbk.csv",
        args: &["--mapping", "taobao-orders"],
        native: "taobao_orders.native.csv",
        says: &[
            "read through mapping taobao-orders (GBK)",
            "skipped 2 row(s) by the mapping: closed or unpaid orders",
        ],
    },
    Case {
        kind: "orders",
        source: "uci_online_retail.csv",
        args: &["--mapping", "uci-online-retail"],
        native: "uci_online_retail.native.csv",
        says: &["skipped 2 row(s) by the mapping: postage, fee and adjustment codes"],
    },
    Case {
        kind: "orders",
        source: "dirt_repeated_header.csv",
        args: &["--mapping", "woocommerce-orders"],
        native: "dirt_repeated_header.native.csv",
        says: &["1 rows skipped (blank or repeated header)"],
    },
    Case {
        kind: "orders",
        source: "dirt_trailing_empty.csv",
        args: &["--mapping", "woocommerce-orders"],
        native: "dirt_trailing_empty.native.csv",
        says: &["2 rows skipped (blank or repeated header)"],
    },
    Case {
        kind: "products",
        source: "dirt_quoted_newlines.csv",
        args: &["--mapping", "shopify-products"],
        native: "dirt_quoted_newlines.native.csv",
        says: &["2 rows read"],
    },
    Case {
        kind: "orders",
        source: "dirt_stray_spaces.csv",
        args: &["--mapping", "uci-online-retail"],
        native: "dirt_stray_spaces.native.csv",
        says: &["2 rows read"],
    },
    Case {
        kind: "orders",
        source: "dirt_float_customer.csv",
        args: &["--mapping", "uci-online-retail"],
        native: "dirt_float_customer.native.csv",
        says: &["2 rows read"],
    },
    Case {
        kind: "orders",
        source: "dirt_currency_signs.csv",
        args: &["--mapping", "EU"],
        native: "dirt_currency_signs.native.csv",
        says: &["read through mapping eu-shop"],
    },
    Case {
        kind: "orders",
        source: "dirt_negative_price.csv",
        args: &["--mapping", "EU"],
        native: "dirt_negative_price.native.csv",
        says: &["2 rows read"],
    },
    Case {
        kind: "orders",
        source: "dirt_zero_price.csv",
        args: &["--mapping", "uci-online-retail"],
        native: "dirt_zero_price.native.csv",
        says: &["2 rows read"],
    },
    Case {
        kind: "orders",
        source: "dirt_fee_codes.csv",
        args: &["--mapping", "uci-online-retail"],
        native: "dirt_fee_codes.native.csv",
        says: &["skipped 5 row(s) by the mapping: postage, fee and adjustment codes"],
    },
];

#[test]
fn every_mapping_gives_the_figures_of_the_same_data_typed_natively() {
    let eu = fixture("eu_shop.toml");
    for case in CASES {
        let sb = Sandbox::new();
        let args: Vec<&str> = case
            .args
            .iter()
            .map(|a| if *a == "EU" { eu.as_str() } else { a })
            .collect();
        let mapped = import(&sb, "mapped.db", case.kind, &fixture(case.source), &args);
        mapped.assert_code(0);
        for s in case.says {
            mapped.assert_stdout_has(s);
        }
        import(&sb, "native.db", case.kind, &fixture(case.native), &[]).assert_code(0);
        let (a, b) = (dump(&sb.path("mapped.db")), dump(&sb.path("native.db")));
        assert!(!a.is_empty(), "{}: nothing imported", case.source);
        assert_eq!(
            a, b,
            "{}: the mapped import differs from the native one",
            case.source
        );
        assert_eq!(
            sb.report_json_of(&sb.path("mapped.db")),
            sb.report_json_of(&sb.path("native.db")),
            "{}: the reports differ",
            case.source
        );
        // Importing the same export again changes nothing.
        let again = import(&sb, "mapped.db", case.kind, &fixture(case.source), &args);
        again.assert_code(0);
        again.assert_stdout_has(": 0 added, 0 changed");
        assert_eq!(
            dump(&sb.path("mapped.db")),
            b,
            "{}: re-import changed data",
            case.source
        );
    }
}

#[test]
fn detect_picks_the_mapping_of_each_export() {
    let sb = Sandbox::new();
    for (file, want) in [
        ("shopify_orders.csv", "picked shopify-orders (orders)"),
        ("shopify_products.csv", "picked shopify-products (products)"),
        ("shopify_inventory.csv", "picked shopify-inventory (stock)"),
        (
            "woocommerce_orders.csv",
            "picked woocommerce-orders (orders)",
        ),
        (
            "woocommerce_orders_utf16.csv",
            "picked woocommerce-orders (orders)",
        ),
        ("taobao_orders_gbk.csv", "picked taobao-orders (orders)"),
        ("uci_online_retail.csv", "picked uci-online-retail (orders)"),
        ("dirt_stray_spaces.csv", "picked uci-online-retail (orders)"),
        ("shopify_orders.native.csv", "picked native (orders)"),
        ("shopify_products.native.csv", "picked native (products)"),
        ("shopify_inventory.native.csv", "picked native (stock)"),
    ] {
        let out = sb.run(&["import", "--detect", &fixture(file)]);
        out.assert_code(0);
        out.assert_stdout_has(want);
        out.assert_stdout_has("rejected:");
    }
    let out = sb.run(&["import", "--detect", &fixture("shopify_inventory.csv")]);
    out.assert_stdout_has("it reads 2 column(s) of this header: SKU, On hand (current)");
    out.assert_stdout_has("--mapping shopify-inventory --set received_on=YYYY-MM-DD");
    let out = sb.run(&["import", "--detect", &fixture("taobao_orders_gbk.csv")]);
    out.assert_stdout_has("the header reads as gb18030 (not UTF-8)");
    out.assert_stdout_has("native (orders): its encoding UTF-8 does not read this file");
    // A kind before --detect limits the guess.
    let out = sb.run(&[
        "import",
        "orders",
        "--detect",
        &fixture("shopify_products.csv"),
    ]);
    out.assert_code(1);
    out.assert_stderr_has("no built-in mapping fits this header");
    assert!(!out.stdout.contains("products)"), "{}", out.stdout);
}

#[test]
fn detect_says_so_when_nothing_fits() {
    let sb = Sandbox::new();
    let out = sb.run(&["import", "--detect", &fixture("dirt_currency_signs.csv")]);
    out.assert_code(1);
    out.assert_stderr_has("no built-in mapping fits this header");
    out.assert_stdout_has("shopify-orders (orders): no column Name (order_id)");
    let out = sb.run(&["import", "--detect", "nope.csv"]);
    out.assert_code(1);
    out.assert_stderr_has("nope.csv: file not found");
}

#[test]
fn auto_detects_each_file_and_says_which_mapping_it_used() {
    let sb = Sandbox::new();
    let out = sb.run_db(&[
        "import",
        "orders",
        &fixture("shopify_orders.csv"),
        &fixture("uci_online_retail.csv"),
        &fixture("shopify_orders.native.csv"),
        "--mapping",
        "auto",
    ]);
    out.assert_code(0);
    out.assert_stdout_has("detected shopify-orders (orders): its columns Name, Created at");
    out.assert_stdout_has("detected uci-online-retail (orders)");
    let out = sb.run_db(&[
        "import",
        "stock",
        &fixture("shopify_inventory.csv"),
        "--mapping",
        "auto",
    ]);
    out.assert_code(1);
    out.assert_stderr_has("detected: mapping shopify-inventory needs --set received_on=VALUE");
}

#[test]
fn a_dry_run_through_a_mapping_writes_nothing_and_says_what_it_skipped() {
    let sb = Sandbox::new();
    sb.seed();
    let before = db_files(&sb.db());
    let out = sb.run_db(&[
        "import",
        "orders",
        &fixture("shopify_orders.csv"),
        "--mapping",
        "shopify-orders",
        "--dry-run",
    ]);
    out.assert_code(0);
    out.assert_stdout_has("order lines would be: 4 added, 0 changed, 0 unchanged");
    out.assert_stdout_has(
        "skipped 2 row(s) by the mapping: cancelled orders (Cancelled at is set) (first at line 5)",
    );
    out.assert_stdout_has("dry run: nothing was written");
    assert_eq!(db_files(&sb.db()), before, "a dry run changed the database");
}

#[test]
fn a_dry_run_previews_good_files_and_lists_the_first_errors_of_bad_ones() {
    let sb = Sandbox::new();
    sb.seed();
    let bad = sb.write(
        "bad.csv",
        "Name,Created at,Financial Status,Lineitem quantity,Lineitem price,Lineitem sku,Cancelled at\n#9,2025-09-01 10:00:00 -0400,paid,x,5.00,MUG,\n",
    );
    let before = db_files(&sb.db());
    let out = sb.run_db(&[
        "import",
        "orders",
        &fixture("shopify_orders.csv"),
        &bad,
        "--mapping",
        "shopify-orders",
        "--dry-run",
    ]);
    out.assert_code(1);
    out.assert_stdout_has("shopify_orders.csv: 4 rows read; order lines would be: 4 added");
    out.assert_stderr_has(
        "bad.csv:2: column Lineitem quantity (qty): is not a whole number (\"x\")",
    );
    out.assert_stderr_has("1 error(s); a real import would stop here");
    assert_eq!(db_files(&sb.db()), before);
}

#[test]
fn errors_name_the_source_line_and_column_and_the_value_as_written() {
    let sb = Sandbox::new();
    // The first row spans lines 2-3 (a quoted line break): the bad row is on line 4.
    let bad = sb.write(
        "bad.csv",
        "Name,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Cancelled at,Email,Financial Status\n\
         #1,2025-09-01 10:00:00 -0400,1,\"Mug\nlarge\",5.00,MUG,,a@example.com,paid\n\
         #1,,two,Hat,5.00,HAT,,,\n\
         #2,yesterday,1,Hat,5.00,HAT,,,paid\n",
    );
    let out = sb.run_db(&["import", "orders", &bad, "--mapping", "shopify-orders"]);
    out.assert_code(1);
    out.assert_stderr_has(
        "bad.csv:4: column Lineitem quantity (qty): is not a whole number (\"two\")",
    );
    out.assert_stderr_has(
        "bad.csv:5: column Created at (ordered_at): does not match the date format %Y-%m-%d %H:%M:%S %z or",
    );
    assert_eq!(
        out.stderr.matches("bad.csv:5:").count(),
        1,
        "one error per bad cell: {}",
        out.stderr
    );
    out.assert_stderr_has("2 error(s); nothing was imported");
    common::assert_no_db(&sb.db());

    // A value the mapping rewrites is shown as the source wrote it.
    let eu = sb.write(
        "eu.csv",
        "Bestellnummer;Datum;Artikelnummer;Artikel;Menge;Preis;Rabatt;Kunde;Kanal\n\
         A-1;02.09.2025 14:03;hat;Hat;1;zwölf €;0;K1;Handy\n\
         A-2;02.09.2025 14:03;hat;Hat;1;12.5;0;K1;Handy\n",
    );
    let out = sb.run_db(&[
        "import",
        "orders",
        &eu,
        "--mapping",
        &fixture("eu_shop.toml"),
    ]);
    out.assert_code(1);
    out.assert_stderr_has(
        "eu.csv:2: column Preis (unit_price): is not an amount of money (\"zwölf €\")",
    );
    // A point where this export writes a comma is refused, not read as 12.5.
    out.assert_stderr_has(
        "eu.csv:3: column Preis (unit_price): is not a number as this mapping writes them \
         (decimal mark ',', thousands '.') (\"12.5\")",
    );

    // Lines named inside a message are source lines too.
    let dup = sb.write(
        "dup.csv",
        "Handle,Title,Variant SKU,Cost per item,Variant Price\n\
         a,\"A\nhat\",SKU-1,1.00,2.00\n\
         b,B,SKU-1,1.00,2.00\n",
    );
    let out = sb.run_db(&["import", "products", &dup, "--mapping", "shopify-products"]);
    out.assert_code(1);
    out.assert_stderr_has("dup.csv:4: column Variant SKU (sku): duplicate SKU (first on line 2)");
}

#[test]
fn a_missing_source_column_is_named_at_the_header() {
    let sb = Sandbox::new();
    let f = sb.write("o.csv", "Name,Created at,Financial Status,Lineitem price,Lineitem sku,Cancelled at\n#1,2025-09-01 10:00:00 -0400,paid,5,A,\n");
    let out = sb.run_db(&["import", "orders", &f, "--mapping", "shopify-orders"]);
    out.assert_code(1);
    out.assert_stderr_has("o.csv:1: column Lineitem quantity (qty): required column is missing (mapping shopify-orders)");
}

fn bad_mapping(toml: &str, kind: &str, fragments: &[&str]) {
    let sb = Sandbox::new();
    let m = sb.write("bad.toml", toml);
    let f = sb.write("o.csv", "a,b\n1,2\n");
    let out = sb.run_db(&["import", kind, &f, "--mapping", &m]);
    out.assert_code(1);
    for frag in fragments {
        out.assert_stderr_has(frag);
    }
    common::assert_no_db(&sb.db());
}

#[test]
fn bad_mapping_files_are_refused_with_file_line_and_reason() {
    bad_mapping(
        "kind = \"orders\"\n[fields]\nskuu = \"SKU\"\n",
        "orders",
        &["mapping bad.toml:3: [fields] \"skuu\" is not a native field; the fields of orders files are: order_id"],
    );
    bad_mapping(
        "kind = \"orders\"\n[fields]\norder_id = \"a\"\nordered_at = \"b\"\nsku = \"c\"\nqty = \"d\"\nunit_price = \"e\"\n\n[[skip]]\nfield = \"sku\"\nregex = \"(unclosed\"\nreason = \"x\"\n",
        "orders",
        &["mapping bad.toml:9: [[skip]] regex \"(unclosed\" is not a valid regex"],
    );
    bad_mapping(
        "kind = \"orders\"\nencoding = \"klingon\"\n",
        "orders",
        &["mapping bad.toml:2: encoding = \"klingon\" is not an encoding name"],
    );
    bad_mapping(
        "kind = \"orders\"\n[fields\n",
        "orders",
        &["mapping bad.toml:2:"],
    );
    bad_mapping(
        "kind = \"orders\"\ncolour = \"red\"\n",
        "orders",
        &["mapping bad.toml:2: unknown field `colour`"],
    );
    bad_mapping(
        "kind = \"stock\"\n[fields]\nsku = { column = \"a\", formats = [\"%d\"] }\n",
        "stock",
        &["bad.toml:3: [fields] sku: formats are for date fields"],
    );
    bad_mapping(
        "kind = \"stock\"\n[fields]\nsku = \"a\"\n",
        "stock",
        &["[fields] has no qty (required for stock files)"],
    );
}

#[test]
fn a_mapping_for_another_kind_or_a_missing_set_is_a_usage_error() {
    let sb = Sandbox::new();
    let f = fixture("shopify_orders.csv");
    let out = sb.run_db(&["import", "products", &f, "--mapping", "shopify-orders"]);
    out.assert_code(2);
    out.assert_stderr_has("mapping shopify-orders is for orders files, not products");
    let out = sb.run_db(&[
        "import",
        "stock",
        &fixture("shopify_inventory.csv"),
        "--mapping",
        "shopify-inventory",
    ]);
    out.assert_code(2);
    out.assert_stderr_has(
        "needs --set received_on=VALUE: Shopify's inventory export has no received date",
    );
    let out = sb.run_db(&["import", "orders", &f, "--mapping", "shopfy-orders"]);
    out.assert_code(2);
    out.assert_stderr_has("--mapping shopfy-orders: no built-in mapping of that name");
    let out = sb.run_db(&[
        "import",
        "stock",
        &f,
        "--set",
        "received_on=soon",
        "--mapping",
        "shopify-inventory",
    ]);
    out.assert_code(2);
    out.assert_stderr_has("--set received_on=\"soon\": not a valid received_on");
    let out = sb.run_db(&["import", "stock", &f, "--set", "colour=red"]);
    out.assert_code(2);
    out.assert_stderr_has("--set colour: not a field of stock files");
    common::assert_no_db(&sb.db());
}

#[test]
fn native_files_decode_utf16_and_explain_gbk() {
    let sb = Sandbox::new();
    let text = "sku,qty,received_on\nA-1,5,2025-09-01\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let f = sb.write("stock16.csv", utf16);
    sb.import_ok("stock", &[&f])
        .assert_stdout_has("1 rows read");
    let out = sb.run_db(&["import", "orders", &fixture("taobao_orders_gbk.csv")]);
    out.assert_code(1);
    out.assert_stderr_has("is not valid UTF-8 text: for a GBK/GB18030 export use a mapping");
    out.assert_stderr_has("--detect");
    // --set gives a native file a field it lacks.
    let f = sb.write("stock.csv", "sku,qty\nA-1,7\n");
    sb.import_ok("stock", &[&f, "--set", "received_on=2025-09-02"]);
    assert!(
        dump(&sb.db()).contains(&"\"lot\"|\"A-1\"|7|739496|NULL".to_string()),
        "{:?}",
        dump(&sb.db())
    );
}

#[test]
fn long_imports_print_plain_progress_lines_when_not_on_a_terminal() {
    let sb = Sandbox::new();
    let out = common::Out::from(
        sb.cmd()
            .env("SKUDESK_PROGRESS_MS", "0")
            .args([
                "--db",
                "shop.db",
                "import",
                "orders",
                &fixture("uci_online_retail.csv"),
                "--mapping",
                "uci-online-retail",
            ])
            .output()
            .expect("run"),
    );
    out.assert_code(0);
    out.assert_stderr_has("skudesk: reading ");
    out.assert_stderr_has("through uci-online-retail: ");
    out.assert_stderr_has("rows/s, ETA");
    out.assert_stderr_has("skudesk: importing ");
    out.assert_stderr_has(": done, 6 rows in");
    // Without the variable a small import prints no progress.
    let out = import(
        &sb,
        "other.db",
        "orders",
        &fixture("uci_online_retail.csv"),
        &["--mapping", "uci-online-retail"],
    );
    out.assert_code(0);
    assert!(!out.stderr.contains("rows/s"), "{}", out.stderr);
}

#[test]
fn every_built_in_parses_and_is_named_in_the_help_and_the_readme() {
    let names: Vec<&str> = skudesk::import::mapping::BUILT_INS
        .iter()
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(skudesk::import::mapping::built_ins().len(), names.len());
    let help = Sandbox::new().run(&["import", "--help"]);
    help.assert_code(0);
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    for n in names {
        help.assert_stdout_has(n);
        assert!(
            readme.contains(&format!("| `{n}` |")),
            "README's table lacks {n}"
        );
        if n != "native" {
            assert!(
                readme.contains(&format!("--mapping {n}")),
                "README gives no command for {n}"
            );
        }
    }
}

#[test]
fn the_readme_example_mapping_is_a_valid_mapping() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let start = readme
        .find("A mapping file, with every key")
        .expect("the example");
    let block = &readme[start..];
    let body = &block[block.find("```toml\n").expect("a toml block") + 8..];
    let toml = &body[..body.find("```").expect("the block ends")];
    let m = skudesk::import::mapping::parse("example", "README.md", toml)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.name, "eu-shop");
    assert_eq!(
        (m.delimiter, m.decimal, m.thousands),
        (b';', ',', Some('.'))
    );
    assert_eq!(m.skips.len(), 2);
    assert_eq!(m.return_prefix.as_deref(), Some("C"));
}

/// TOML 1.1 (toml 1.x): an inline table may span lines, with a comment and a trailing
/// comma, so a field with several date formats stays readable; a mistake inside one is
/// still reported at its line.
#[test]
fn a_field_may_be_an_inline_table_over_several_lines() {
    let toml = "kind = \"orders\"\n[fields]\norder_id = \"Name\"\nordered_at = {\n    column = \"Created at\",\n    # the shop's wall time\n    formats = [\"%Y-%m-%d %H:%M\", \"%d/%m/%Y\"],\n}\nsku = \"SKU\"\nqty = \"Qty\"\nunit_price = \"Price\"\n";
    let m = skudesk::import::mapping::parse("multi", "multi.toml", toml)
        .unwrap_or_else(|e| panic!("{e}"));
    let ordered_at = m
        .fields
        .iter()
        .find(|f| f.field == "ordered_at")
        .expect("ordered_at");
    assert!(
        matches!(&ordered_at.source, skudesk::import::mapping::Source::Column(c) if c == &["Created at"])
    );
    assert_eq!(ordered_at.formats, ["%Y-%m-%d %H:%M", "%d/%m/%Y"]);
    let bad = toml.replace("\"%d/%m/%Y\"", "7");
    let e = skudesk::import::mapping::parse("multi", "multi.toml", &bad).expect_err("a number");
    assert_eq!(e.line, Some(7), "{e}");
}
