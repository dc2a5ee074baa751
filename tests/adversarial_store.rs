//! Issue 16, the database file's edges: a damaged backup or database is refused before
//! anything is written (items 3, 4), read-only sessions leave no `-wal`/`-shm` behind and
//! a backup or restore never spins (9), writers wait for a lock (14), an empty file is
//! not turned into a database by a command that only reads (18), and a `--db` or backup
//! path that is not what it should be is named as such (16, and 11's FIFO).
//!
//! Every run that could hang if its defect came back is run with a deadline and killed
//! there, failing the test instead of the suite.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{db_files, repo_file, Out, Sandbox};

/// Longest a run may take before it counts as hung (a slow, shared machine still does
/// these in a few seconds).
const HUNG: Duration = Duration::from_secs(60);

/// Starts `cmd` with its output piped.
fn spawn(mut cmd: Command) -> Child {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start skudesk")
}

/// Waits for `child` until `deadline` from now; kills it and fails the test past that.
fn finish(mut child: Child, what: &str) -> Out {
    let start = Instant::now();
    // Read the pipes on their own threads: a full pipe must not stall the child.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > HUNG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {HUNG:?}, killed (it hangs)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = t_out.join().unwrap();
    let stderr = t_err.join().unwrap();
    Out {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        raw_stdout: stdout,
    }
}

fn run_with_deadline(cmd: Command, what: &str) -> Out {
    finish(spawn(cmd), what)
}

/// The sample shop (products, stock, orders, traffic: a few hundred pages) in `shop.db`.
fn sample_shop(s: &Sandbox) {
    for kind in ["products", "stock", "orders", "traffic"] {
        s.import_ok(kind, &[&repo_file(&format!("sample-data/{kind}.csv"))]);
    }
}

/// Opens a file for a look without leaving `-wal`/`-shm` files behind.
fn peek(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(
        format!("file:{}?immutable=1", db.display()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .expect("open for a look")
}

fn integrity(db: &Path) -> String {
    peek(db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| e.to_string())
}

/// Overwrites the root page of `table` (a b-tree page in the middle of the file, not the
/// file's header on page 1) with garbage.
fn corrupt_table(db: &Path, table: &str) {
    let (root, page_size): (i64, i64) = {
        let c = peek(db);
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        let size = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        (root, size)
    };
    assert!(root > 1, "{table} is not on page 1");
    let mut bytes = std::fs::read(db).unwrap();
    let start = ((root - 1) * page_size) as usize;
    for (i, b) in bytes[start..start + page_size as usize]
        .iter_mut()
        .enumerate()
    {
        *b = 0xA5 ^ (i as u8);
    }
    std::fs::write(db, bytes).unwrap();
    assert_ne!(integrity(db), "ok", "the page is damaged now");
}

/// Whether this test runs as root (who writes any file whatever its mode).
fn is_root(s: &Sandbox) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = s.path("uid-probe");
    std::fs::write(&probe, b"").unwrap();
    let uid = std::fs::metadata(&probe).unwrap().uid();
    std::fs::remove_file(probe).unwrap();
    uid == 0
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// A command run by a user who cannot write `db`: when the tests run as root (who can
/// write anything), as `nobody` in a sandbox opened to everyone, else as ourselves.
fn as_a_user_without_write_access(s: &Sandbox, mut cmd: Command) -> Command {
    if is_root(s) {
        use std::os::unix::process::CommandExt;
        for dir in ["", "home", "data", "config"] {
            chmod(&s.path(dir), 0o777);
        }
        cmd.uid(65534).gid(65534);
    }
    cmd
}

// ----------------------------------------------------------------------------- item 3

#[test]
fn item_03_restore_refuses_a_backup_with_a_damaged_page() {
    let s = Sandbox::new();
    sample_shop(&s);
    s.run_db(&["backup", "--out", "good.db"]).assert_code(0);
    std::fs::copy(s.path("good.db"), s.path("bad.db")).unwrap();
    corrupt_table(&s.path("bad.db"), "product");
    let before = db_files(&s.db());
    let report = s.report_json();

    let out = s.run_db(&["restore", "bad.db"]);
    out.assert_code(1);
    out.assert_stderr_has("bad.db");
    out.assert_stderr_has("damaged");
    out.assert_stderr_has("nothing was restored");
    assert!(
        out.stderr.lines().count() <= 8,
        "a few lines of the check, not all of them:\n{}",
        out.stderr
    );
    assert_eq!(
        db_files(&s.db()),
        before,
        "the database is byte for byte as it was"
    );
    assert_eq!(integrity(&s.db()), "ok");
    assert_eq!(s.report_json(), report);
    assert!(
        !s.path("backups").exists(),
        "nothing was done, not even the copy before a restore"
    );

    // A sound backup still goes in.
    s.run_db(&["restore", "good.db"]).assert_code(0);
}

// ----------------------------------------------------------------------------- item 4

#[test]
fn item_04_every_writing_command_refuses_a_damaged_database_and_leaves_it_untouched() {
    let s = Sandbox::new();
    sample_shop(&s);
    s.run_db(&["reclassify", "SH-1001", "--tier", "high"])
        .assert_code(0);
    s.write(
        "more_products.csv",
        "sku,name,category,unit_cost,list_price\nNEW-1,New one,Kitchen,1.00,2.00\n",
    );
    // A page no writing command below reads: only a check of the whole file sees it.
    corrupt_table(&s.db(), "traffic");
    let before = db_files(&s.db());
    let writes: &[&[&str]] = &[
        &["import", "products", "more_products.csv"],
        &["import", "products", "more_products.csv", "--dry-run"],
        &["reclassify", "SH-1002", "--tier", "low"],
        &["undo"],
        &["redo"],
        &["personas", "set", "gardeners", "Gardeners"],
        &["personas", "remove", "gardeners"],
        &["config", "set", "window_days", "60"],
        &[
            "batch",
            "create",
            "Spring",
            "--channel",
            "flash_sale",
            "--start",
            "2025-10-01",
            "--sku",
            "SH-1001",
        ],
    ];
    for args in writes {
        let out = s.run_db(args);
        assert_eq!(
            out.code,
            Some(1),
            "{args:?} must refuse\n{}\n{}",
            out.stdout,
            out.stderr
        );
        out.assert_stderr_has(&s.db().display().to_string());
        out.assert_stderr_has("damaged");
        out.assert_stderr_has(&format!(
            "skudesk --db {} restore {}",
            s.db().display(),
            s.path("backups").display()
        ));
        assert_eq!(
            db_files(&s.db()),
            before,
            "{args:?} left the damaged file as it was"
        );
    }
}

// ----------------------------------------------------------------------------- item 9

#[test]
fn item_09_a_read_only_session_leaves_no_wal_or_shm_behind() {
    let s = Sandbox::new();
    s.seed();
    for args in [
        &["--read-only", "report", "--format", "json"][..],
        &["--read-only", "history"],
        &["--read-only", "backup", "--out", "copy.db"],
    ] {
        s.run_db(args).assert_code(0);
        for suffix in ["-wal", "-shm"] {
            assert!(
                !with_suffix(&s.db(), suffix).exists(),
                "{args:?} left shop.db{suffix} behind"
            );
        }
    }
}

/// Runs `skudesk --db shop.db backup --out <out>` as a user who cannot write shop.db.
fn backup_without_write_access(s: &Sandbox, out: &str) -> Out {
    let mut cmd = s.cmd();
    cmd.arg("--db").arg(s.db()).args(["backup", "--out", out]);
    run_with_deadline(
        as_a_user_without_write_access(s, cmd),
        &format!("backup --out {out}"),
    )
}

#[test]
fn item_09_backups_of_a_database_that_cannot_be_written_finish_and_leave_nothing_behind() {
    // The report's reproduction: `chmod 444 b.db`, then two backups; the first left
    // 0444 -wal/-shm files and the second spun forever (more than 100 pages: the backup
    // steps 100 at a time). As root the file's mode does not stop a write: the runs
    // are then made as `nobody`.
    let s = Sandbox::new();
    sample_shop(&s);
    let pages: i64 = peek(&s.db())
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    assert!(pages > 100, "{pages} pages");
    chmod(&s.db(), 0o444);
    for out in ["bk1.db", "bk2.db"] {
        let o = backup_without_write_access(&s, out);
        o.assert_code(0);
        assert_eq!(integrity(&s.path(out)), "ok");
        for suffix in ["-wal", "-shm"] {
            assert!(
                !with_suffix(&s.db(), suffix).exists(),
                "backup --out {out} left shop.db{suffix} behind"
            );
        }
    }
}

#[test]
fn item_09_a_backup_goes_through_read_only_wal_and_shm_files_left_by_an_older_run() {
    let s = Sandbox::new();
    sample_shop(&s);
    chmod(&s.db(), 0o444);
    // What an earlier read-only open left: SQLite makes the -wal and -shm files with
    // the database's mode (0444) and a reader does not remove them.
    {
        let c = rusqlite::Connection::open_with_flags(
            format!("file:{}?mode=ro", s.db().display()),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
        )
        .unwrap();
        let n: i64 = c
            .query_row("SELECT count(*) FROM order_line", [], |r| r.get(0))
            .unwrap();
        assert!(n > 0);
    }
    for suffix in ["-wal", "-shm"] {
        assert!(
            with_suffix(&s.db(), suffix).exists(),
            "setup: shop.db{suffix} left behind"
        );
    }
    let o = backup_without_write_access(&s, "bk.db");
    o.assert_code(0);
    assert_eq!(integrity(&s.path("bk.db")), "ok");
}

#[test]
fn item_09_restore_gives_up_with_a_message_while_another_program_keeps_the_database_locked() {
    let s = Sandbox::new();
    s.seed();
    s.run_db(&["backup", "--out", "good.db"]).assert_code(0);
    let report = s.report_json();
    let holder = rusqlite::Connection::open(s.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut cmd = s.cmd();
    cmd.arg("--db").arg(s.db()).args(["restore", "good.db"]);
    let out = run_with_deadline(cmd, "restore while the database is locked");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    out.assert_code(1);
    out.assert_stderr_has("shop.db");
    out.assert_stderr_has("another program");
    assert_eq!(s.report_json(), report, "nothing was restored");
}

// ---------------------------------------------------------------------------- item 14

/// `shop.db` with one change to undo.
fn shop_with_a_change(s: &Sandbox) {
    s.seed();
    s.run_db(&["reclassify", "S1", "--tier", "high"])
        .assert_code(0);
}

/// Runs `skudesk <args>` while another connection holds the write lock: released once
/// the run has ended or after `hold` (whichever comes first).
fn while_locked(s: &Sandbox, args: &[&str], hold: Duration) -> Out {
    let holder = rusqlite::Connection::open(s.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut cmd = s.cmd();
    cmd.arg("--db").arg(s.db()).args(args);
    let mut child = spawn(cmd);
    let start = Instant::now();
    while start.elapsed() < hold && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(20));
    }
    holder.execute_batch("COMMIT").unwrap();
    let out = finish(child, &args.join(" "));
    drop(holder);
    out
}

#[test]
fn item_14_undo_and_redo_wait_for_another_writer() {
    let s = Sandbox::new();
    shop_with_a_change(&s);
    let hold = Duration::from_secs(1);
    let out = while_locked(&s, &["undo"], hold);
    out.assert_code(0);
    out.assert_stdout_has("S1");
    let out = while_locked(&s, &["redo"], hold);
    out.assert_code(0);
    let out = while_locked(&s, &["reclassify", "S2", "--tier", "low"], hold);
    out.assert_code(0);
    let out = while_locked(&s, &["personas", "set", "gardeners", "Gardeners"], hold);
    out.assert_code(0);
    s.write("p.csv", "sku,unit_cost\nS3,1.00\n");
    let out = while_locked(&s, &["import", "products", "p.csv"], hold);
    out.assert_code(0);
}

#[test]
fn item_14_an_undo_that_times_out_on_the_lock_names_the_file() {
    let s = Sandbox::new();
    shop_with_a_change(&s);
    let out = while_locked(&s, &["undo"], HUNG);
    out.assert_code(1);
    out.assert_stderr_has(&s.db().display().to_string());
    out.assert_stderr_has("another program");
    assert!(
        !out.stderr.contains(": :"),
        "an empty file name: {}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------- item 18

#[test]
fn item_18_a_command_that_only_reads_does_not_turn_an_empty_file_into_a_database() {
    let s = Sandbox::new();
    s.write("empty.db", b"");
    for args in [
        &["--db", "empty.db", "report"][..],
        &["--db", "empty.db", "history"],
        &["--db", "empty.db", "--read-only", "report"],
        &["--db", "empty.db", "backup", "--out", "copy.db"],
        &["--db", "empty.db", "undo"],
    ] {
        let out = s.run(args);
        out.assert_code(1);
        out.assert_stderr_has("empty.db");
        out.assert_stderr_has("empty file");
        assert_eq!(std::fs::read(s.path("empty.db")).unwrap(), b"", "{args:?}");
        for suffix in ["-wal", "-shm", "-journal"] {
            assert!(
                !s.path(&format!("empty.db{suffix}")).exists(),
                "{args:?} left empty.db{suffix}"
            );
        }
    }
    // An import, asked to put data into it, may.
    s.write("p.csv", "sku,unit_cost\nA,1.00\n");
    s.run(&["--db", "empty.db", "import", "products", "p.csv"])
        .assert_code(0);
}

// ---------------------------------------------------------------------- items 16, 11

#[test]
fn item_16_a_db_that_is_a_directory_is_named_so() {
    let s = Sandbox::new();
    std::fs::create_dir(s.path("adir")).unwrap();
    s.write("p.csv", "sku,unit_cost\nA,1.00\n");
    for args in [
        &["--db", "adir", "report"][..],
        &["--db", "adir", "import", "products", "p.csv"],
    ] {
        let out = s.run(args);
        out.assert_code(1);
        out.assert_stderr_has("adir: is a directory");
        assert!(!out.stderr.contains("cannot create"), "{}", out.stderr);
    }
}

#[test]
fn item_16_restore_from_a_missing_file_says_it_does_not_exist() {
    let s = Sandbox::new();
    s.seed();
    let out = s.run_db(&["restore", "/nonexistent/shop-copy.db"]);
    out.assert_code(1);
    out.assert_stderr_has("/nonexistent/shop-copy.db: no such file");
    assert!(!out.stderr.contains("cannot create"), "{}", out.stderr);
}

#[test]
fn item_16_backup_onto_an_existing_file_asks_for_another_name() {
    let s = Sandbox::new();
    s.seed();
    s.write("taken.db", "mine");
    let out = s.run_db(&["backup", "--out", "taken.db"]);
    out.assert_code(1);
    out.assert_stderr_has("taken.db: exists already; choose another name");
    assert!(!out.stderr.contains("cannot create"), "{}", out.stderr);
    assert_eq!(std::fs::read(s.path("taken.db")).unwrap(), b"mine");
}

#[test]
fn item_16_db_dev_null_is_not_a_database_file_and_not_a_full_disk() {
    let s = Sandbox::new();
    let out = run_with_deadline(
        {
            let mut c = s.cmd();
            c.args(["--db", "/dev/null", "report"]);
            c
        },
        "--db /dev/null report",
    );
    out.assert_code(1);
    out.assert_stderr_has("/dev/null: is a device, not a database file");
    assert!(!out.stderr.contains("disk may be full"), "{}", out.stderr);
}

#[test]
fn item_11_a_db_that_is_a_fifo_is_refused_at_once() {
    let s = Sandbox::new();
    let made = Command::new("mkfifo")
        .arg(s.path("pipe.db"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    s.write("p.csv", "sku,unit_cost\nA,1.00\n");
    for args in [
        &["--db", "pipe.db", "report"][..],
        &["--db", "pipe.db", "import", "products", "p.csv"],
        &["--db", "pipe.db", "--read-only", "report"],
    ] {
        let mut c = s.cmd();
        c.args(args);
        let out = run_with_deadline(c, &args.join(" "));
        out.assert_code(1);
        out.assert_stderr_has("pipe.db: is a named pipe (FIFO), not a database file");
    }
}

/// A damaged database is not copied into `backups/`: ten such copies would prune away
/// the good ones that `restore` needs. `--out FILE` still copies it as it is.
#[test]
fn item_04_backup_into_the_backup_folder_refuses_a_damaged_database() {
    let s = Sandbox::new();
    sample_shop(&s);
    s.run_db(&["backup"]).assert_code(0);
    let backups = s.path("backups");
    let good: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(good.len(), 1);
    corrupt_table(&s.db(), "traffic");
    let out = s.run_db(&["backup"]);
    out.assert_code(1);
    out.assert_stderr_has("damaged");
    out.assert_stderr_has("restore");
    let after: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(after, good, "no damaged copy among the backups");
    s.run_db(&["backup", "--out", "as-it-is.db"]).assert_code(0);
    assert!(s.path("as-it-is.db").exists());
}
