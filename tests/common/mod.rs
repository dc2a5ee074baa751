//! Helpers shared by the integration tests: a sandbox directory with its own database,
//! data and config locations, and the real `skudesk` binary run inside it.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub mod demo;
pub mod keys;
pub mod screen;

/// A file of this repository (`sample-data/orders.csv`, `tests/fixtures/…`) as a path
/// string for the command line.
pub fn repo_file(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}

pub const BIN: &str = env!("CARGO_BIN_EXE_skudesk");

/// A temporary directory that is the working directory, `HOME`, and the XDG data and
/// config homes of every command run in it, so no test sees the user's own files or an
/// inherited `SKUDESK_DB`/`SKUDESK_CONFIG`, nor the locale (English unless a test sets
/// `LANG`, `--lang` or `SKUDESK_LANG`).
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "data", "config"] {
            std::fs::create_dir(dir.path().join(sub)).expect("sandbox dirs");
        }
        Sandbox { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The database most tests use (relative to the working directory).
    pub fn db(&self) -> PathBuf {
        self.path("shop.db")
    }

    /// Where the default database lands (`$XDG_DATA_HOME/skudesk/skudesk.db`).
    pub fn default_db(&self) -> PathBuf {
        self.path("data").join("skudesk").join("skudesk.db")
    }

    /// Writes a file in the sandbox and returns its name (relative to the working dir).
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        std::fs::write(self.path(name), bytes).expect("write test file");
        name.to_string()
    }

    /// The binary with a clean environment pointing into the sandbox.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(BIN);
        c.current_dir(self.dir.path())
            .env_remove("SKUDESK_DB")
            .env_remove("SKUDESK_CONFIG")
            // English unless a test asks otherwise, whatever the machine's locale.
            .env_remove("SKUDESK_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("NO_COLOR", "1")
            .env("RUST_BACKTRACE", "0");
        c
    }

    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Out {
        Out::from(self.cmd().args(args).output().expect("run skudesk"))
    }

    /// Runs with `--db shop.db` in front of `args`.
    pub fn run_db<S: AsRef<OsStr>>(&self, args: &[S]) -> Out {
        let mut c = self.cmd();
        c.arg("--db").arg(self.db()).args(args);
        Out::from(c.output().expect("run skudesk"))
    }

    /// Imports files that must be accepted; panics with the output otherwise.
    pub fn import_ok(&self, kind: &str, files: &[&str]) -> Out {
        let mut args = vec!["import", kind];
        args.extend_from_slice(files);
        let out = self.run_db(&args);
        out.assert_code(0);
        out
    }

    /// The JSON report of `shop.db` as of a fixed day (so it does not move with the clock).
    pub fn report_json(&self) -> Value {
        self.report_json_of(&self.db())
    }

    pub fn report_json_of(&self, db: &Path) -> Value {
        let mut c = self.cmd();
        c.arg("--db")
            .arg(db)
            .args(["report", "--format", "json", "--as-of", "2025-09-30"]);
        let out = Out::from(c.output().expect("run skudesk"));
        out.assert_code(0);
        out.json()
    }

    /// A small valid shop: two products, their stock and one order, in `shop.db`.
    pub fn seed(&self) {
        self.write(
            "seed_products.csv",
            "sku,name,category,unit_cost,list_price\nS1,Seed one,Kitchen,4.00,10.00\nS2,Seed two,Kitchen,6.00,8.00\n",
        );
        self.write(
            "seed_stock.csv",
            "sku,qty,received_on\nS1,5,2025-09-01\nS2,7,2025-06-01\n",
        );
        self.write(
            "seed_orders.csv",
            "order_id,ordered_at,sku,qty,unit_price,customer_id,channel\nO1,2025-09-10,S1,2,10.00,C1,mobile\n",
        );
        self.import_ok("products", &["seed_products.csv"]);
        self.import_ok("stock", &["seed_stock.csv"]);
        self.import_ok("orders", &["seed_orders.csv"]);
    }
}

/// What a run printed and how it ended.
pub struct Out {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub raw_stdout: Vec<u8>,
}

impl From<Output> for Out {
    fn from(o: Output) -> Out {
        Out {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            raw_stdout: o.stdout,
        }
    }
}

impl Out {
    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
    }

    pub fn assert_stderr_has(&self, fragment: &str) {
        assert!(
            self.stderr.contains(fragment),
            "stderr lacks {fragment:?}\n--- stderr\n{}",
            self.stderr
        );
    }

    pub fn assert_stdout_has(&self, fragment: &str) {
        assert!(
            self.stdout.contains(fragment),
            "stdout lacks {fragment:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("report is not JSON ({e}):\n{}", self.stdout))
    }
}

/// The bytes of a database file and its WAL/SHM/journal companions (`None`: absent).
/// Taken after the process has exited, so a checkpoint on close is included.
pub fn db_files(db: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            (suffix.to_string(), std::fs::read(PathBuf::from(p)).ok())
        })
        .collect()
}

/// Asserts that none of a database's files exist.
pub fn assert_no_db(db: &Path) {
    for (suffix, bytes) in db_files(db) {
        assert!(
            bytes.is_none(),
            "{}{suffix} was created but should not exist",
            db.display()
        );
    }
}

/// The SKUs of a JSON report, in report order.
pub fn skus(report: &Value) -> Vec<String> {
    report["skus"]
        .as_array()
        .expect("skus is an array")
        .iter()
        .map(|s| s["sku"].as_str().expect("sku is a string").to_string())
        .collect()
}

/// The row of one SKU in a JSON report.
pub fn sku<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["skus"]
        .as_array()
        .expect("skus is an array")
        .iter()
        .find(|s| s["sku"] == code)
        .unwrap_or_else(|| panic!("SKU {code} not in report"))
}

/// The contract fields of METRICS.md ("never rename or drop one").
pub const TOP_FIELDS: &[&str] = &["as_of", "window_days", "velocity_days", "kpis", "skus"];
pub const KPI_FIELDS: &[&str] = &[
    "reorder_now",
    "cost_coverage",
    "gross_margin_costed",
    "age_buckets",
    "revenue_growth_yoy",
    "net_revenue",
    "cogs",
    "gross_profit",
    "gross_margin",
    "tier_share_revenue",
    "tier_share_gp",
    "tier_share_skus",
    "capital_tied_up",
    "portfolio_turnover_days",
    "slow_movers",
    "best_sellers",
    "repurchase_rate",
    "high_tier_repurchase_rate",
    "mobile_share",
    "new_product_conversion",
];
pub const TIER_KEYS: &[&str] = &["high", "mid", "low", "unclassified"];
pub const SKU_FIELDS: &[&str] = &[
    "stockout_date",
    "reorder_now",
    "reorder_qty",
    "sku",
    "name",
    "category",
    "tier",
    "tier_overridden",
    "tier_margin",
    "net_revenue",
    "gross_profit",
    "units",
    "on_hand",
    "capital",
    "velocity",
    "days_of_cover",
    "cover_infinite",
    "days_since_last_sale",
    "slow",
    "best_seller",
    "age_buckets",
];
pub const BUCKET_LABELS: &[&str] = &["0-30", "31-60", "61-90", "91-180", "181+"];

fn is_money(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let digits = s.strip_prefix('-').unwrap_or(s);
        match digits.split_once('.') {
            Some((int, cents)) => {
                !int.is_empty()
                    && int.bytes().all(|b| b.is_ascii_digit())
                    && cents.len() == 2
                    && cents.bytes().all(|b| b.is_ascii_digit())
                    && s != "-0.00"
            }
            None => false,
        }
    })
}

fn is_ratio_or_null(v: &Value) -> bool {
    v.is_null() || v.as_f64().is_some_and(|x| (0.0..=1.0).contains(&x))
}

/// Every contract field is present with the contract's type; returns the problems found.
pub fn contract_problems(report: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut need = |ok: bool, what: String| {
        if !ok {
            problems.push(what);
        }
    };
    for f in TOP_FIELDS {
        need(
            report.get(f).is_some(),
            format!("top-level field {f} missing"),
        );
    }
    need(
        report["as_of"]
            .as_str()
            .is_some_and(|s| s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-'),
        format!("as_of is not YYYY-MM-DD: {}", report["as_of"]),
    );
    need(
        report["window_days"].is_u64(),
        "window_days not a count".into(),
    );
    need(
        report["velocity_days"].is_u64(),
        "velocity_days not a count".into(),
    );
    let kpis = &report["kpis"];
    for f in KPI_FIELDS {
        need(kpis.get(f).is_some(), format!("kpis.{f} missing"));
    }
    for f in ["net_revenue", "cogs", "gross_profit", "capital_tied_up"] {
        need(
            is_money(&kpis[f]),
            format!("kpis.{f} is not a money string: {}", kpis[f]),
        );
    }
    for share in ["tier_share_revenue", "tier_share_gp", "tier_share_skus"] {
        for t in TIER_KEYS {
            need(
                kpis[share].get(t).is_some_and(is_ratio_or_null),
                format!(
                    "kpis.{share}.{t} missing or not a ratio: {}",
                    kpis[share][t]
                ),
            );
        }
    }
    for f in [
        "gross_margin",
        "repurchase_rate",
        "high_tier_repurchase_rate",
        "mobile_share",
        "new_product_conversion",
    ] {
        need(
            is_ratio_or_null(&kpis[f]) || (f == "gross_margin" && kpis[f].is_f64()),
            format!("kpis.{f} is not a ratio or null: {}", kpis[f]),
        );
    }
    for f in ["slow_movers", "best_sellers"] {
        need(kpis[f].is_u64(), format!("kpis.{f} is not a count"));
    }
    let Some(rows) = report["skus"].as_array() else {
        problems.push("skus is not an array".into());
        return problems;
    };
    for row in rows {
        let name = row["sku"].as_str().unwrap_or("?").to_string();
        let mut need = |ok: bool, what: String| {
            if !ok {
                problems.push(format!("sku {name}: {what}"));
            }
        };
        for f in SKU_FIELDS {
            need(row.get(f).is_some(), format!("{f} missing"));
        }
        need(
            ["high", "mid", "low", "unclassified"].contains(&row["tier"].as_str().unwrap_or("")),
            format!("tier {}", row["tier"]),
        );
        for f in ["net_revenue", "gross_profit", "capital"] {
            need(is_money(&row[f]), format!("{f} not money: {}", row[f]));
        }
        for f in ["tier_overridden", "cover_infinite", "slow", "best_seller"] {
            need(row[f].is_boolean(), format!("{f} not a boolean"));
        }
        let infinite = row["cover_infinite"].as_bool() == Some(true);
        need(
            infinite == row["days_of_cover"].is_null(),
            format!(
                "days_of_cover {} with cover_infinite {}",
                row["days_of_cover"], row["cover_infinite"]
            ),
        );
        need(
            row["days_since_last_sale"].is_null() || row["days_since_last_sale"].is_u64(),
            "days_since_last_sale neither a day count nor null".into(),
        );
        let labels: Vec<&str> = row["age_buckets"]
            .as_array()
            .map(|b| b.iter().filter_map(|b| b["label"].as_str()).collect())
            .unwrap_or_default();
        need(
            labels == BUCKET_LABELS,
            format!("age bucket labels {labels:?}"),
        );
        for b in row["age_buckets"].as_array().into_iter().flatten() {
            need(
                b["units"].is_i64() && is_money(&b["capital"]),
                format!("age bucket {b}"),
            );
        }
    }
    problems
}

/// Everything an import can write, as sorted text lines.
pub fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut out = Vec::new();
    for sql in [
        "SELECT 'product', sku, name, category, brand, unit_cost, list_price, launched_on, lifecycle, tags FROM product",
        "SELECT 'lot', p.sku, l.qty, l.received_on, l.unit_cost FROM stock_lot l JOIN product p ON p.id = l.product_id",
        "SELECT 'line', o.order_no, l.line_no, p.sku, l.day, l.ordered_at, l.qty, l.unit_price, l.discount, c.code, l.channel
         FROM order_line l JOIN sale_order o ON o.id = l.order_id JOIN product p ON p.id = l.product_id
         LEFT JOIN customer c ON c.id = l.customer_id",
        "SELECT 'traffic', p.sku, t.day, t.visitors FROM traffic t JOIN product p ON p.id = t.product_id",
    ] {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).expect("cell") {
                        rusqlite::types::ValueRef::Null => "NULL".to_string(),
                        rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                        rusqlite::types::ValueRef::Text(t) => {
                            format!("{:?}", String::from_utf8_lossy(t))
                        }
                        other => format!("{other:?}"),
                    })
                    .collect();
                Ok(cells.join("|"))
            })
            .expect("query");
        out.extend(rows.map(|r| r.expect("row")));
    }
    out.sort();
    out
}
