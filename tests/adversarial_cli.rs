//! Issue 16, the command line's part: output into a full or closed stdout (item 10),
//! inputs that are not files (item 11), ambiguous input (item 17) and messages that
//! point the wrong way (item 16).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use std::fs::File;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{sku, Out, Sandbox};

// ── Item 10: a full or closed stdout ────────────────────────────────────────────

/// How stdout is broken.
#[derive(Clone, Copy, Debug)]
enum Broken {
    /// `> /dev/full`: every write fails with ENOSPC.
    Full,
    /// The reader went away before the first write (`| head -0`).
    ClosedPipe,
}

fn run_broken(sb: &Sandbox, args: &[&str], broken: Broken) -> Out {
    let mut c = sb.cmd();
    c.arg("--db").arg(sb.db()).args(args);
    // Colours are the binary's own choice here: stderr is a pipe, not a terminal.
    c.env_remove("NO_COLOR").stderr(Stdio::piped());
    match broken {
        Broken::Full => {
            let full = File::options()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full");
            Out::from(c.stdout(full).output().expect("run skudesk"))
        }
        Broken::ClosedPipe => {
            let mut child: Child = c.stdout(Stdio::piped()).spawn().expect("run skudesk");
            drop(child.stdout.take());
            Out::from(child.wait_with_output().expect("wait for skudesk"))
        }
    }
}

/// A seeded shop with a batch, a persona and one reclassification in its history.
fn shop() -> Sandbox {
    let sb = Sandbox::new();
    sb.seed();
    sb.run_db(&[
        "batch",
        "create",
        "Autumn",
        "--channel",
        "flash_sale",
        "--start",
        "2025-09-01",
        "--sku",
        "S1",
    ])
    .assert_code(0);
    sb.run_db(&["personas", "set", "eco_moms", "eco moms"])
        .assert_code(0);
    sb
}

fn assert_ended_well(out: &Out, what: &str, broken: Broken) {
    let code = match broken {
        Broken::Full => 1,
        Broken::ClosedPipe => 0,
    };
    assert_eq!(
        out.code,
        Some(code),
        "{what} into {broken:?}: exit code\n--- stderr\n{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("panicked"),
        "{what} into {broken:?} panicked:\n{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains('\x1b'),
        "{what} into {broken:?}: colour codes on a stderr that is not a terminal:\n{:?}",
        out.stderr
    );
    match broken {
        Broken::Full => assert_eq!(
            out.stderr.lines().count(),
            1,
            "{what}: one line on stderr:\n{}",
            out.stderr
        ),
        Broken::ClosedPipe => {}
    }
}

fn history(sb: &Sandbox) -> String {
    let out = sb.run_db(&["history"]);
    out.assert_code(0);
    out.stdout
}

#[test]
fn item_10_listings_into_a_full_or_closed_stdout_end_without_a_panic() {
    let sb = shop();
    for args in [
        &["history"][..],
        &["batch", "list"],
        &["personas", "list"],
        &["config", "path"],
        &["report", "--format", "json"],
    ] {
        for broken in [Broken::Full, Broken::ClosedPipe] {
            let out = run_broken(&sb, args, broken);
            assert_ended_well(&out, &args.join(" "), broken);
            match broken {
                Broken::Full => out.assert_stderr_has(
                    "could not write to standard output: No space left on device",
                ),
                Broken::ClosedPipe => {
                    assert_eq!(out.stderr, "", "{args:?}: a closed pipe is quiet")
                }
            }
        }
    }
}

#[test]
fn item_10_a_change_into_a_full_or_closed_stdout_is_saved_and_says_so() {
    for broken in [Broken::Full, Broken::ClosedPipe] {
        // reclassify
        let sb = shop();
        let out = run_broken(&sb, &["reclassify", "S1", "--tier", "low"], broken);
        assert_ended_well(&out, "reclassify", broken);
        out.assert_stderr_has(
            "the change was saved (undo with `skudesk undo`), but its message could not be written",
        );
        assert_eq!(sku(&sb.report_json(), "S1")["tier"], "low", "{broken:?}");

        // undo
        let out = run_broken(&sb, &["undo"], broken);
        assert_ended_well(&out, "undo", broken);
        out.assert_stderr_has("the undo was saved (redo with `skudesk redo`)");
        assert!(
            history(&sb).lines().next().unwrap().ends_with("(undone)"),
            "{broken:?}: the undo is in the database\n{}",
            history(&sb)
        );

        // redo
        let out = run_broken(&sb, &["redo"], broken);
        assert_ended_well(&out, "redo", broken);
        out.assert_stderr_has("the redo was saved (undo with `skudesk undo`)");
        assert_eq!(sku(&sb.report_json(), "S1")["tier"], "low", "{broken:?}");

        // import
        sb.write(
            "more.csv",
            "sku,name,category,unit_cost,list_price\nS9,Nine,Kitchen,1.00,3.00\n",
        );
        let out = run_broken(&sb, &["import", "products", "more.csv"], broken);
        assert_ended_well(&out, "import", broken);
        out.assert_stderr_has("the import was saved (undo with `skudesk undo`)");
        sku(&sb.report_json(), "S9");

        // backup
        let out = run_broken(&sb, &["backup", "--out", "bk.db"], broken);
        assert_ended_well(&out, "backup", broken);
        out.assert_stderr_has("the backup was written to bk.db");
        sb.report_json_of(&sb.path("bk.db"));
    }
}

#[test]
fn item_10_a_panic_on_a_stderr_that_is_not_a_terminal_has_no_colours() {
    let sb = Sandbox::new();
    let out = Out::from(
        sb.cmd()
            .env_remove("NO_COLOR")
            .env("SKUDESK_TEST_PANIC", "1")
            .args(["config", "path"])
            .output()
            .expect("run skudesk"),
    );
    out.assert_code(101);
    out.assert_stderr_has("test panic (SKUDESK_TEST_PANIC)");
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);
}

// ── Item 11: inputs that are not files ──────────────────────────────────────────

/// Runs with a deadline: a command that reads an endless stream is killed and fails
/// the test instead of hanging it. Polls the child; the deadline is generous.
fn run_with_deadline(sb: &Sandbox, args: &[&str]) -> Out {
    let mut child = sb
        .cmd()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run skudesk");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("poll skudesk").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("reap skudesk");
            panic!(
                "{args:?} still ran after 60 s (reading an endless input?)\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Out::from(child.wait_with_output().expect("wait for skudesk"))
}

#[test]
fn item_11_a_device_as_an_import_file_is_refused_at_once() {
    let sb = Sandbox::new();
    sb.seed();
    let out = run_with_deadline(&sb, &["--db", "shop.db", "import", "orders", "/dev/zero"]);
    out.assert_code(1);
    out.assert_stderr_has("/dev/zero: is a device, not a file");
    let out = run_with_deadline(&sb, &["--db", "shop.db", "import", "--detect", "/dev/zero"]);
    out.assert_code(1);
    out.assert_stderr_has("/dev/zero: is a device, not a file");
}

#[test]
fn item_11_a_device_as_a_mapping_or_config_file_is_refused_at_once() {
    let sb = Sandbox::new();
    sb.seed();
    sb.write("p.csv", "sku,name\nS1,One\n");
    let out = run_with_deadline(
        &sb,
        &[
            "--db",
            "shop.db",
            "import",
            "products",
            "p.csv",
            "--mapping",
            "/dev/zero",
        ],
    );
    out.assert_code(1);
    out.assert_stderr_has("mapping /dev/zero: is a device, not a file");
    let out = run_with_deadline(
        &sb,
        &["--db", "shop.db", "--config", "/dev/zero", "history"],
    );
    out.assert_code(1);
    out.assert_stderr_has("/dev/zero: cannot read the config file: is a device, not a file");
}

#[test]
fn item_11_binary_data_in_a_mapping_file_is_refused_with_its_line() {
    let sb = Sandbox::new();
    sb.seed();
    sb.write("p.csv", "sku,name\nS1,One\n");
    sb.write("m.toml", b"name = \"x\"\n\0\0\0\0");
    let out = sb.run_db(&["import", "products", "p.csv", "--mapping", "m.toml"]);
    out.assert_code(1);
    out.assert_stderr_has("mapping m.toml:2: is not a mapping file (binary data found)");
}

// ── Item 17: ambiguous input ────────────────────────────────────────────────────

#[test]
fn item_17_a_native_header_with_a_column_twice_is_refused_naming_both() {
    let sb = Sandbox::new();
    sb.seed();
    let before = sb.report_json();
    sb.write(
        "o.csv",
        "order_id,ordered_at,sku,qty,unit_price,qty\nO9,2025-09-11,S1,2,10.00,5\n",
    );
    let out = sb.run_db(&["import", "orders", "o.csv"]);
    out.assert_code(1);
    out.assert_stderr_has(
        "o.csv:1: column qty: appears twice in the header (columns 4 and 6): remove or rename one",
    );
    assert_eq!(sb.report_json(), before, "nothing was imported");
}

#[test]
fn item_17_a_mapped_header_with_a_read_column_twice_is_refused_naming_both() {
    let sb = Sandbox::new();
    sb.seed();
    sb.write(
        "m.toml",
        "kind = \"products\"\n[fields]\nsku = \"Code\"\nname = \"Title\"\nunit_cost = \"Cost\"\n",
    );
    sb.write(
        "p.csv",
        "Code,Title,Cost,Code,Note,Note\nS7,Seven,1.00,S8,a,b\n",
    );
    let out = sb.run_db(&["import", "products", "p.csv", "--mapping", "m.toml"]);
    out.assert_code(1);
    out.assert_stderr_has(
        "p.csv:1: column Code: appears twice in the header (columns 1 and 4): remove or rename one",
    );
    out.assert_stderr_has("1 error(s)");
    assert!(
        !out.stderr.contains("column Note"),
        "a column the mapping does not read may repeat:\n{}",
        out.stderr
    );
    // Without the second Code the same file is read.
    sb.write("p.csv", "Code,Title,Cost,Note,Note\nS7,Seven,1.00,a,b\n");
    sb.run_db(&["import", "products", "p.csv", "--mapping", "m.toml"])
        .assert_code(0);
}

#[test]
fn item_17_a_batch_named_like_a_batch_number_is_refused() {
    let sb = Sandbox::new();
    sb.seed();
    for name in ["#2", " #15 sale"] {
        let out = sb.run_db(&[
            "batch",
            "create",
            name,
            "--channel",
            "flash_sale",
            "--start",
            "2025-09-01",
        ]);
        out.assert_code(1);
        out.assert_stderr_has(&format!("a batch cannot be named {}", name.trim()));
    }
    // `#` without a number is a name like any other.
    sb.run_db(&[
        "batch",
        "create",
        "#summer",
        "--channel",
        "flash_sale",
        "--start",
        "2025-09-01",
    ])
    .assert_code(0);
}

#[test]
fn item_17_removing_a_persona_that_does_not_exist_fails() {
    let sb = Sandbox::new();
    sb.seed();
    let out = sb.run_db(&["personas", "remove", "nosuch"]);
    out.assert_code(1);
    out.assert_stderr_has("no persona nosuch");
    assert!(
        !history(&sb).contains("nosuch"),
        "no change was recorded:\n{}",
        history(&sb)
    );
}

#[test]
fn item_17_a_mapping_delimiter_that_is_a_line_break_or_a_quote_is_refused() {
    let sb = Sandbox::new();
    sb.seed();
    sb.write("p.csv", "sku,name,unit_cost\nS7,Seven,1.00\n");
    for (toml, shown) in [("\\n", "\"\\n\""), ("\\r", "\"\\r\""), ("\\\"", "\"\\\"\"")] {
        sb.write(
            "m.toml",
            format!("delimiter = \"{toml}\"\nunlisted = \"by-name\"\n"),
        );
        let out = sb.run_db(&["import", "products", "p.csv", "--mapping", "m.toml"]);
        out.assert_code(1);
        out.assert_stderr_has(&format!(
            "mapping m.toml:1: delimiter = {shown}: expected one character"
        ));
    }
}

#[test]
fn item_17_a_sku_with_a_line_break_or_a_stray_quote_is_refused() {
    let sb = Sandbox::new();
    sb.seed();
    sb.write(
        "p.csv",
        "sku,name,unit_cost\n\"A\nB\",Hat,1.00\nC\"D,Cap,2.00\nE,Fine,3.00\n",
    );
    let out = sb.run_db(&["import", "products", "p.csv"]);
    out.assert_code(1);
    out.assert_stderr_has("p.csv:2: column sku: contains a line break");
    out.assert_stderr_has("p.csv:4: column sku: contains a quote (\")");
    out.assert_stderr_has("2 error(s)");
}

// ── Item 16 (part): messages that point the right way ───────────────────────────

#[test]
fn item_16_a_quantity_past_the_limit_is_too_large_not_unwhole() {
    let sb = Sandbox::new();
    sb.seed();
    sb.write("s.csv", "sku,qty,received_on\nS1,3000000000,2025-09-01\n");
    let out = sb.run_db(&["import", "stock", "s.csv"]);
    out.assert_code(1);
    out.assert_stderr_has(
        "s.csv:2: column qty: is too large (the limit is 1,000,000,000 either way) (\"3000000000\")",
    );
}

#[test]
fn item_16_an_as_of_before_1900_names_the_range() {
    let sb = Sandbox::new();
    sb.seed();
    let out = sb.run_db(&["--as-of", "1899-12-31", "report"]);
    out.assert_code(2);
    out.assert_stderr_has("outside the dates skudesk reads (1900-01-01 to 9999-12-31)");
    // Not a date at all is still said so.
    let out = sb.run_db(&["--as-of", "2025-02-30", "report"]);
    out.assert_code(2);
    out.assert_stderr_has("\"2025-02-30\" is not a date (YYYY-MM-DD)");
}

#[test]
fn item_16_a_damaged_native_utf16_file_does_not_ask_about_a_mapping() {
    let sb = Sandbox::new();
    sb.seed();
    let mut bytes = vec![0xFF, 0xFE];
    let text = "sku,name,unit_cost\nS7,Seven,1.00\nS8,";
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.extend([0x00, 0xD8]); // half a surrogate pair
    bytes.extend(",1.00\n".encode_utf16().flat_map(u16::to_le_bytes));
    sb.write("p16.csv", bytes);
    let out = sb.run_db(&["import", "products", "p16.csv"]);
    out.assert_code(1);
    out.assert_stderr_has("p16.csv:3: is not valid UTF-16LE text here");
    out.assert_stderr_has("byte order mark");
    assert!(
        !out.stderr.contains("mapping"),
        "no mapping was given:\n{}",
        out.stderr
    );
}

#[test]
fn item_16_an_empty_mapping_file_is_called_empty() {
    let sb = Sandbox::new();
    sb.seed();
    sb.write("p.csv", "sku,name,unit_cost\nS7,Seven,1.00\n");
    sb.write("empty.toml", "");
    let out = sb.run_db(&["import", "products", "p.csv", "--mapping", "empty.toml"]);
    out.assert_code(1);
    out.assert_stderr_has("mapping empty.toml: the mapping file is empty");
    assert!(!out.stderr.contains("\"\""), "{}", out.stderr);
    sb.write("named.toml", "# only a name\nname = \"mine\"\n");
    let out = sb.run_db(&["import", "products", "p.csv", "--mapping", "named.toml"]);
    out.assert_code(1);
    out.assert_stderr_has("mapping named.toml: the mapping declares no columns");
}
