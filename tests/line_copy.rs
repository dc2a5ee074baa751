//! The compact copy of the order lines (`line_cache`) through the real binary: an
//! import writes it, and a report read from it is the report read from the table.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::process::{Command, Stdio};

use skudesk::domain::dates::{parse_date, Day};
use skudesk::gen::{generate, GenSpec};

fn skudesk(db: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_skudesk"));
    c.arg("--db")
        .arg(db)
        .env_remove("SKUDESK_DB")
        .env_remove("SKUDESK_CONFIG")
        .env("SKUDESK_LANG", "en")
        .stderr(Stdio::piped());
    c
}

/// Runs `skudesk --db DB ARGS…`, which must succeed; its standard output.
fn run(db: &std::path::Path, args: &[&std::ffi::OsStr]) -> String {
    let out = skudesk(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn report(db: &std::path::Path) -> String {
    run(
        db,
        &["report".as_ref(), "--format".as_ref(), "json".as_ref()],
    )
}

fn import(db: &std::path::Path, kind: &str, file: &std::path::Path) {
    run(db, &["import".as_ref(), kind.as_ref(), file.as_os_str()]);
}

/// (the copy is valid, its parts)
fn copy_state(db: &std::path::Path) -> (bool, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let valid: i64 = conn
        .query_row("SELECT valid FROM line_cache_state", [], |r| r.get(0))
        .unwrap();
    let parts: i64 = conn
        .query_row("SELECT count(*) FROM line_cache", [], |r| r.get(0))
        .unwrap();
    (valid == 1, parts)
}

#[test]
fn an_import_writes_the_copy_and_a_report_from_it_equals_one_from_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let end = Day::from_date(parse_date("2025-09-30").unwrap());
    // Over the 50k lines from which a copy is kept; returns, customers, channels.
    let spec = GenSpec {
        skus: 300,
        lines: 60_000,
        days: 200,
        seed: 11,
        end,
    };
    generate(&spec, &data).unwrap();
    let db = dir.path().join("shop.db");
    for kind in ["products", "stock", "orders", "traffic"] {
        import(&db, kind, &data.join(format!("{kind}.csv")));
    }
    let (valid, parts) = copy_state(&db);
    assert!(valid && parts > 0, "the import wrote the copy");

    let from_copy = report(&db);
    // Drop the copy as a change to the lines would: the report reads the table.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("UPDATE line_cache_state SET valid = 0; DELETE FROM line_cache;")
        .unwrap();
    let from_table = report(&db);
    assert!(from_table.contains("\"net_revenue\""), "{from_table}");
    assert_eq!(from_copy, from_table);
    assert_eq!(copy_state(&db), (false, 0), "a report writes no copy");

    // Another program's change to one line drops a fresh copy, and the report follows
    // the table.
    import(&db, "orders", &data.join("orders.csv"));
    assert!(
        copy_state(&db).0,
        "an import that changed nothing still leaves a copy"
    );
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE order_line SET qty = qty + 5
             WHERE (order_id, line_no) = (SELECT order_id, line_no FROM order_line ORDER BY day DESC LIMIT 1)",
            [],
        )
        .unwrap();
    assert_eq!(copy_state(&db), (false, 0), "the trigger dropped the copy");
    assert_ne!(report(&db), from_table, "the changed line shows");
}
