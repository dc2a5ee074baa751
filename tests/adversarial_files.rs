//! Issue 16, the file edges: `export -o` never destroys the open database or another
//! SQLite file, writes through symlinks, hard links and devices instead of replacing
//! them, keeps a file's mode; `gen` does not overwrite CSVs without `--force`; Markdown
//! exports escape hostile text; `-o` onto a folder says so.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::path::Path;

use common::Sandbox;

#[cfg(unix)]
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

fn seeded() -> Sandbox {
    let sb = Sandbox::new();
    sb.seed();
    sb
}

/// The main database file's bytes, and a check that it still reads as a database.
fn assert_db_intact(sb: &Sandbox, before: &[u8]) {
    let now = std::fs::read(sb.db()).expect("the database is still there");
    assert!(now.starts_with(SQLITE_MAGIC), "the database was replaced");
    assert_eq!(now, before, "the database's bytes changed");
    let report = sb.report_json();
    assert_eq!(common::skus(&report).len(), 2, "the data is still readable");
}

// ── Item 1: `-o` onto the open database ─────────────────────────────────────────────

#[test]
fn item_01_export_onto_the_open_database_is_refused() {
    let sb = seeded();
    let before = std::fs::read(sb.db()).unwrap();
    let db = sb.db().display().to_string();
    for args in [
        vec!["export", "view", "aging", "-o", "shop.db"],
        vec!["export", "view", "aging", "-o", db.as_str()],
        vec!["export", "report", "--format", "json", "-o", "shop.db"],
        vec!["export", "report", "-o", "./shop.db"],
    ] {
        let out = sb.run_db(&args);
        assert_eq!(
            out.code,
            Some(1),
            "{args:?} was not refused\n{}",
            out.stderr
        );
        out.assert_stderr_has("shop.db");
        out.assert_stderr_has("database");
        assert!(
            out.stdout.is_empty(),
            "{args:?} claimed a write: {}",
            out.stdout
        );
        assert_db_intact(&sb, &before);
    }
}

#[test]
fn item_01_export_onto_the_databases_wal_shm_or_journal_is_refused() {
    let sb = seeded();
    let before = std::fs::read(sb.db()).unwrap();
    for companion in ["shop.db-wal", "shop.db-shm", "shop.db-journal"] {
        let out = sb.run_db(&["export", "view", "aging", "-o", companion]);
        assert_eq!(out.code, Some(1), "-o {companion} was not refused");
        out.assert_stderr_has(companion);
        assert_db_intact(&sb, &before);
        // Nothing was written under the companion's name (an absent journal stays absent).
        if let Ok(bytes) = std::fs::read(sb.path(companion)) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("SKU,Name"),
                "{companion} holds the export"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn item_01_export_onto_a_link_to_the_database_is_refused() {
    let sb = seeded();
    let before = std::fs::read(sb.db()).unwrap();
    std::os::unix::fs::symlink(sb.db(), sb.path("soft.csv")).unwrap();
    std::fs::hard_link(sb.db(), sb.path("hard.csv")).unwrap();
    for name in ["soft.csv", "hard.csv"] {
        let out = sb.run_db(&["export", "view", "aging", "-o", name]);
        assert_eq!(
            out.code,
            Some(1),
            "-o {name} was not refused\n{}",
            out.stderr
        );
        out.assert_stderr_has(name);
        assert_db_intact(&sb, &before);
    }
    assert!(std::fs::symlink_metadata(sb.path("soft.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::metadata(sb.db()).unwrap().nlink(), 2);
}

#[test]
fn item_01_export_onto_another_sqlite_file_is_refused() {
    let sb = seeded();
    let mut other = SQLITE_MAGIC.to_vec();
    other.extend_from_slice(&[0u8; 84]);
    sb.write("other.db", &other);
    let out = sb.run_db(&["export", "report", "-o", "other.db"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    out.assert_stderr_has("other.db");
    out.assert_stderr_has("SQLite");
    assert_eq!(std::fs::read(sb.path("other.db")).unwrap(), other);
}

// ── Item 2: write through what the path is ──────────────────────────────────────────

#[cfg(unix)]
#[test]
fn item_02_export_writes_through_a_symlink_to_its_target() {
    let sb = seeded();
    std::fs::create_dir(sb.path("real")).unwrap();
    sb.write("real/aging.csv", "old");
    std::os::unix::fs::symlink("real/aging.csv", sb.path("link.csv")).unwrap();
    // A dangling link: the file it names is created.
    std::os::unix::fs::symlink("real/new.csv", sb.path("dangling.csv")).unwrap();
    for (link, target) in [
        ("link.csv", "real/aging.csv"),
        ("dangling.csv", "real/new.csv"),
    ] {
        let out = sb.run_db(&["export", "view", "aging", "-o", link]);
        out.assert_code(0);
        let meta = std::fs::symlink_metadata(sb.path(link)).unwrap();
        assert!(
            meta.file_type().is_symlink(),
            "{link} is no longer a symlink"
        );
        let text = std::fs::read_to_string(sb.path(target)).unwrap();
        assert!(
            text.starts_with("SKU,Name"),
            "{target} was not written: {text}"
        );
    }
    // No temporary file left beside the link or the target.
    for dir in [sb.dir.path(), &sb.path("real")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "left behind: {name}");
        }
    }
}

#[cfg(unix)]
#[test]
fn item_02_export_keeps_a_hard_link() {
    let sb = seeded();
    sb.write("a.csv", "old");
    std::fs::hard_link(sb.path("a.csv"), sb.path("b.csv")).unwrap();
    let ino = std::fs::metadata(sb.path("a.csv")).unwrap().ino();
    sb.run_db(&["export", "view", "aging", "-o", "a.csv"])
        .assert_code(0);
    let (a, b) = (
        std::fs::metadata(sb.path("a.csv")).unwrap(),
        std::fs::metadata(sb.path("b.csv")).unwrap(),
    );
    assert_eq!((a.ino(), b.ino()), (ino, ino), "the hard link was broken");
    assert_eq!(a.nlink(), 2);
    let text = std::fs::read_to_string(sb.path("b.csv")).unwrap();
    assert!(text.starts_with("SKU,Name"), "{text}");
}

#[cfg(unix)]
#[test]
fn item_02_export_keeps_the_files_mode() {
    let sb = seeded();
    sb.write("private.csv", "old");
    std::fs::set_permissions(sb.path("private.csv"), PermissionsExt::from_mode(0o600)).unwrap();
    sb.run_db(&["export", "view", "aging", "-o", "private.csv"])
        .assert_code(0);
    let meta = std::fs::metadata(sb.path("private.csv")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o7777, 0o600);
    let text = std::fs::read_to_string(sb.path("private.csv")).unwrap();
    assert!(text.starts_with("SKU,Name"), "{text}");
}

/// Makes a FIFO with the system's `mkfifo`; `false` where there is none.
#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn item_02_export_writes_into_a_fifo_instead_of_replacing_it() {
    let sb = seeded();
    let fifo = sb.path("pipe.csv");
    if !mkfifo(&fifo) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    // The reader: blocks until the export opens the FIFO, then reads to its end.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo))
    };
    let out = sb.run_db(&["export", "view", "aging", "-o", "pipe.csv"]);
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a {kind:?}");
    out.assert_code(0);
    let text = reader.join().unwrap().unwrap();
    assert!(text.starts_with("SKU,Name"), "{text}");
}

/// A device node in the sandbox (`mknod`, root only): the same kind of file as
/// `/dev/null` and `/dev/full` without touching the machine's own. `false` where it
/// cannot be made.
#[cfg(unix)]
fn mknod(path: &Path, minor: u32) -> bool {
    std::process::Command::new("mknod")
        .arg(path)
        .args(["c", "1", &minor.to_string()])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && std::fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device())
        && std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

#[cfg(unix)]
#[test]
fn item_02_export_to_a_device_node_writes_to_the_device() {
    let sb = seeded();
    let null = sb.path("null");
    if !mknod(&null, 3) {
        eprintln!("cannot make a device node here (not root): skipped");
        return;
    }
    let out = sb.run_db(&["export", "view", "aging", "-o", "null"]);
    let kind = std::fs::symlink_metadata(&null).unwrap().file_type();
    assert!(kind.is_char_device(), "the device became a {kind:?}");
    out.assert_code(0);
    let full = sb.path("full");
    assert!(mknod(&full, 7));
    let out = sb.run_db(&["export", "report", "-o", "full"]);
    let kind = std::fs::symlink_metadata(&full).unwrap().file_type();
    assert!(kind.is_char_device(), "the device became a {kind:?}");
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    out.assert_stderr_has("full");
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn item_02_export_to_dev_null_works() {
    let sb = seeded();
    let out = sb.run_db(&["export", "view", "aging", "-o", "/dev/null"]);
    out.assert_code(0);
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
}

#[cfg(target_os = "linux")]
#[test]
fn item_02_export_to_dev_full_is_a_clear_error() {
    let sb = seeded();
    let out = sb.run_db(&["export", "report", "-o", "/dev/full"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    out.assert_stderr_has("/dev/full");
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let meta = std::fs::symlink_metadata("/dev/full").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/full was replaced");
}

#[cfg(target_os = "linux")]
#[test]
fn item_02_export_to_dev_stdout_goes_to_stdout() {
    let sb = seeded();
    let out = sb.run_db(&["export", "view", "aging", "-o", "/dev/stdout"]);
    out.assert_code(0);
    out.assert_stdout_has("SKU,Name");
    // No "wrote … to /dev/stdout" line in the middle of the data.
    assert!(!out.stdout.contains("wrote"), "{}", out.stdout);
    assert_eq!(out.stdout.lines().count(), 3, "{}", out.stdout);
}

// ── Item 6: `gen --out` does not overwrite without --force ──────────────────────────

#[test]
fn item_06_gen_refuses_to_overwrite_existing_csvs_without_force() {
    let sb = Sandbox::new();
    std::fs::create_dir(sb.path("data_out")).unwrap();
    sb.write("data_out/orders.csv", "mine");
    let small = ["--skus", "5", "--lines", "20", "--days", "5"];
    let mut args = vec!["gen", "--out", "data_out"];
    args.extend_from_slice(&small);
    let out = sb.run(&args);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    out.assert_stderr_has("orders.csv");
    out.assert_stderr_has("--force");
    assert_eq!(
        std::fs::read_to_string(sb.path("data_out/orders.csv")).unwrap(),
        "mine"
    );
    for other in ["products.csv", "stock.csv", "traffic.csv"] {
        assert!(
            !sb.path("data_out").join(other).exists(),
            "{other} was written before the refusal"
        );
    }
    args.push("--force");
    sb.run(&args).assert_code(0);
    let orders = std::fs::read_to_string(sb.path("data_out/orders.csv")).unwrap();
    assert!(orders.starts_with("order_id,"), "{orders}");
    // A fresh folder needs no --force.
    let mut fresh = vec!["gen", "--out", "fresh/sub"];
    fresh.extend_from_slice(&small);
    sb.run(&fresh).assert_code(0);
    assert!(sb.path("fresh/sub/products.csv").exists());
}

// ── Item 8: Markdown escapes hostile text ───────────────────────────────────────────

const HOSTILE_NAME: &str = "<script>alert(1)</script> & [x](javascript:alert(1)) `code`";

fn hostile_shop() -> Sandbox {
    let sb = Sandbox::new();
    sb.write(
        "p.csv",
        format!(
            "sku,name,category,unit_cost,list_price\n\"H<1>\",\"{HOSTILE_NAME}\",\"<b>cat</b>\",4.00,10.00\nS2,Plain,Kitchen,6.00,8.00\n"
        ),
    );
    sb.write(
        "s.csv",
        "sku,qty,received_on\nH<1>,5,2025-01-01\nS2,7,2025-06-01\n",
    );
    sb.import_ok("products", &["p.csv"]);
    sb.import_ok("stock", &["s.csv"]);
    sb
}

fn assert_markdown_escaped(md: &str) {
    for raw in ["<script>", "</script>", "<b>", "H<1>"] {
        assert!(!md.contains(raw), "raw {raw:?} in the Markdown:\n{md}");
    }
    // No live link or code span: every `]` and backtick comes escaped.
    for (i, c) in md.char_indices() {
        if c == ']' || c == '`' {
            assert!(
                md[..i].ends_with('\\'),
                "unescaped {c:?} at byte {i} in the Markdown:\n{md}"
            );
        }
    }
    assert!(md.contains("&lt;script&gt;"), "{md}");
    assert!(md.contains("\\[x\\]"), "{md}");
    assert!(md.contains("\\`code\\`"), "{md}");
    assert!(md.contains(" &amp; "), "{md}");
}

#[test]
fn item_08_markdown_view_escapes_html_links_and_backticks() {
    let sb = hostile_shop();
    let out = sb.run_db(&[
        "export", "view", "aging", "--format", "md", "--search", "<script>",
    ]);
    out.assert_code(0);
    assert_markdown_escaped(&out.stdout);
    // The document's own markup stays.
    assert!(
        out.stdout.starts_with("## Inventory aging"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("| SKU | Name |"), "{}", out.stdout);
}

#[test]
fn item_08_markdown_report_escapes_html_links_and_backticks() {
    let sb = hostile_shop();
    let out = sb.run_db(&["export", "report", "--as-of", "2025-09-30"]);
    out.assert_code(0);
    assert!(out.stdout.contains("H&lt;1&gt;"), "{}", out.stdout);
    assert_markdown_escaped(&out.stdout);
    assert!(out.stdout.starts_with("# "), "{}", out.stdout);
}

// ── Item 16 (part): `-o` onto a folder, or into one that does not exist ─────────────

#[test]
fn item_16_export_onto_a_directory_says_it_is_a_directory() {
    let sb = seeded();
    std::fs::create_dir(sb.path("adir")).unwrap();
    for target in ["adir/", "adir", "newdir/"] {
        let out = sb.run_db(&["export", "view", "aging", "-o", target]);
        assert_eq!(out.code, Some(1), "{target}: {}", out.stderr);
        assert!(
            !out.stderr.contains("Not a directory"),
            "{target}: {}",
            out.stderr
        );
        out.assert_stderr_has("folder");
        out.assert_stderr_has("file name");
        out.assert_stderr_has(target.trim_end_matches('/'));
    }
    assert!(!sb.path("newdir").exists());
    assert_eq!(std::fs::read_dir(sb.path("adir")).unwrap().count(), 0);
}

#[test]
fn item_16_export_into_a_missing_folder_names_the_folder() {
    let sb = seeded();
    let out = sb.run_db(&["export", "view", "aging", "-o", "nosuch/deeper/out.csv"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    out.assert_stderr_has("nosuch/deeper");
    out.assert_stderr_has("does not exist");
    assert!(!sb.path("nosuch").exists());
}
