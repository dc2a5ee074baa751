//! Crash safety: `kill -9` at random points of an import and of a stream of changes.
//! After every kill the file passes `PRAGMA integrity_check` and holds either the state
//! before or after each transaction, never a mix. `SKUDESK_CRASH_KILLS` sets how many
//! kills each test makes (default 6 here; the slow run uses 50).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::process::{Command, Stdio};
use std::time::Duration;

use skudesk::domain::dates::{parse_date, Day};
use skudesk::gen::{generate, GenSpec};

fn kills() -> u64 {
    std::env::var("SKUDESK_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}

fn skudesk(db: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_skudesk"));
    c.arg("--db")
        .arg(db)
        .env_remove("SKUDESK_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// (integrity ok, number of order lines, number of tier overrides, batch SKUs)
fn state(db: &std::path::Path) -> (String, i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        ok,
        count("SELECT count(*) FROM order_line"),
        count("SELECT count(*) FROM tier_override"),
        count("SELECT count(*) FROM batch_sku"),
    )
}

/// A tiny deterministic jitter so kills land at different points.
fn delay(i: u64, max_ms: u64) -> Duration {
    Duration::from_millis((i.wrapping_mul(2_654_435_761) >> 7) % max_ms.max(1))
}

#[test]
fn an_import_killed_at_any_point_lands_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let end = Day::from_date(parse_date("2025-09-30").unwrap());
    generate(
        &GenSpec {
            skus: 300,
            lines: 60_000,
            days: 120,
            seed: 3,
            end,
        },
        &data,
    )
    .unwrap();
    let db = dir.path().join("shop.db");
    assert!(skudesk(&db)
        .args(["import", "products"])
        .arg(data.join("products.csv"))
        .status()
        .unwrap()
        .success());
    let orders = data.join("orders.csv");
    // How long a whole import takes here, to aim kills inside it.
    let start = std::time::Instant::now();
    let probe = dir.path().join("probe.db");
    std::fs::copy(&db, &probe).unwrap();
    assert!(skudesk(&probe)
        .args(["import", "orders"])
        .arg(&orders)
        .status()
        .unwrap()
        .success());
    let full_ms = start.elapsed().as_millis() as u64;
    let total = state(&probe).1;
    assert_eq!(total, 60_000);
    let pristine = dir.path().join("pristine.db");
    std::fs::copy(&db, &pristine).unwrap();
    let mut interrupted = 0;
    for i in 0..kills() {
        // Each attempt starts from the database before the import.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::copy(&pristine, &db).unwrap();
        let mut child = skudesk(&db)
            .args(["import", "orders"])
            .arg(&orders)
            .spawn()
            .unwrap();
        // Within the first three fifths of the probe's time: the probe may have run
        // slower than this import (other tests share the cores), and a kill after the
        // process ended tests nothing.
        std::thread::sleep(delay(i, full_ms * 3 / 5));
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let (ok, lines, _, _) = state(&db);
        assert_eq!(ok, "ok", "integrity after kill {i}");
        assert!(
            lines == 0 || lines == total,
            "kill {i}: {lines} lines — a partial import"
        );
    }
    assert!(
        interrupted * 2 >= kills(),
        "only {interrupted} of {} kills hit a running import",
        kills()
    );
}

#[test]
fn changes_killed_at_any_point_are_whole_transactions() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let end = Day::from_date(parse_date("2025-09-30").unwrap());
    // Every change touches SKUs no earlier change touched, so whole changes add overrides
    // in threes.
    let n = kills();
    generate(
        &GenSpec {
            skus: (n * 3 + 3) as u32,
            lines: 2_000,
            days: 60,
            seed: 5,
            end,
        },
        &data,
    )
    .unwrap();
    let db = dir.path().join("shop.db");
    for (kind, file) in [("products", "products.csv"), ("orders", "orders.csv")] {
        assert!(skudesk(&db)
            .args(["import", kind])
            .arg(data.join(file))
            .status()
            .unwrap()
            .success());
    }
    // Each change touches 3 SKUs in one transaction: overrides come in threes.
    for i in 0..n {
        let a = format!("G{:06}", 1 + i * 3);
        let b = format!("G{:06}", 2 + i * 3);
        let c = format!("G{:06}", 3 + i * 3);
        let mut child = skudesk(&db)
            .args([
                "reclassify",
                &a,
                &b,
                &c,
                "--tier",
                "low",
                "--reason",
                "crash",
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(delay(i, 40));
        let _ = child.kill();
        let _ = child.wait();
        let (ok, _, overrides, _) = state(&db);
        assert_eq!(ok, "ok", "integrity after kill {i}");
        assert_eq!(
            overrides % 3,
            0,
            "kill {i}: {overrides} overrides — half a change"
        );
        let mut batch = skudesk(&db)
            .args([
                "batch",
                "create",
                &format!("b{i}"),
                "--channel",
                "flash_sale",
                "--start",
                "2025-10-01",
            ])
            .args(["--sku", &a, "--sku", &b])
            .spawn()
            .unwrap();
        std::thread::sleep(delay(i + 7, 40));
        let _ = batch.kill();
        let _ = batch.wait();
        let (ok, _, _, members) = state(&db);
        assert_eq!(ok, "ok");
        assert_eq!(members % 2, 0, "kill {i}: a batch with half its SKUs");
    }
}

/// A write failure (the file-size limit stands in for a full disk): a clear error,
/// exit 1, and the database exactly as before.
#[test]
fn a_write_failure_during_import_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let end = Day::from_date(parse_date("2025-09-30").unwrap());
    generate(
        &GenSpec {
            skus: 500,
            lines: 50_000,
            days: 90,
            seed: 9,
            end,
        },
        &data,
    )
    .unwrap();
    let db = dir.path().join("shop.db");
    assert!(skudesk(&db)
        .args(["import", "products"])
        .arg(data.join("products.csv"))
        .status()
        .unwrap()
        .success());
    let report = |db: &std::path::Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_skudesk"))
            .arg("--db")
            .arg(db)
            .args(["report", "--format", "json"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let before = report(&db);
    // Ignore SIGXFSZ so writes past the limit fail with EFBIG, as on a full disk.
    let script = format!(
        "trap '' XFSZ; ulimit -f 1500; exec '{}' --db '{}' import orders '{}'",
        env!("CARGO_BIN_EXE_skudesk"),
        db.display(),
        data.join("orders.csv").display()
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .env_remove("SKUDESK_DB")
        // The message checked below is the English one, whatever the machine's locale.
        .env("SKUDESK_LANG", "en")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("disk may be full"), "{err}");
    let (ok, lines, _, _) = state(&db);
    assert_eq!(ok, "ok");
    assert_eq!(lines, 0);
    assert_eq!(report(&db), before, "the database is as it was");
}
