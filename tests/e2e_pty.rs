//! The real binary in a real pseudo-terminal: the welcome screen on the demo (dismissed
//! with Enter, as a user would, and never shown again), all four tabs, quit with `q`,
//! exit code 0, and the terminal back on the main screen with a visible cursor.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote, for what was on screen only for a moment.
    raw: Arc<Mutex<Vec<u8>>>,
}

/// A screen parser the size of the pty (40 × 120), without scrollback.
fn parser_40x120() -> vt100::Parser {
    let rows = std::num::NonZeroU16::new(40).expect("rows");
    let cols = std::num::NonZeroU16::new(120).expect("columns");
    vt100::Parser::new(rows, cols, 0)
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until every needle is on screen (no fixed sleeps), or fails with the screen.
    fn wait_for(&self, needles: &[&str]) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let text = self.text();
            if needles.iter().all(|n| text.contains(n)) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needles:?}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A running skudesk in a pty, its screen parsed by vt100.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    keys: Box<dyn Write + Send>,
    screen: Screen,
    master: Box<dyn portable_pty::MasterPty + Send>,
    pump: std::thread::JoinHandle<()>,
}

impl Session {
    fn start(args: &[&str], home: &std::path::Path) -> Session {
        Session::start_with(args, home, &[])
    }

    fn start_with(args: &[&str], home: &std::path::Path, envs: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_skudesk"));
        cmd.args(args);
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("SKUDESK_DB");
        // English unless a test asks otherwise, whatever the machine's locale.
        for var in ["SKUDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            cmd.env_remove(var);
        }
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn skudesk");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(parser_40x120()));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let sink = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let pump = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                raw_sink.lock().expect("raw").extend_from_slice(&buf[..n]);
                sink.lock().expect("parser").process(&buf[..n]);
            }
        });
        let keys = pty.master.take_writer().expect("writer");
        Session {
            child,
            keys,
            screen: Screen { parser, raw },
            master: pty.master,
            pump,
        }
    }

    /// Sends one key, whole (an escape sequence such as `\x1b[C` is one key).
    fn key(&mut self, bytes: &[u8]) {
        self.keys.write_all(bytes).unwrap();
        self.keys.flush().unwrap();
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Sends plain keys one at a time.
    fn send(&mut self, keys: &[u8]) {
        for k in keys {
            self.key(&[*k]);
        }
    }

    /// Waits for the welcome screen of the demo and dismisses it with Enter.
    fn dismiss_welcome(&mut self) {
        self.screen.wait_for(&["Welcome to skudesk", "DEMO"]);
        self.key(b"\r");
        self.screen.wait_for(&["? lists every key"]);
        assert!(!self.screen.text().contains("Welcome to skudesk"));
    }

    /// Waits for the first screen, then quits.
    fn quit_when(self, needles: &[&str]) -> (portable_pty::ExitStatus, Arc<Mutex<vt100::Parser>>) {
        self.screen.wait_for(needles);
        self.quit()
    }

    /// Quits with q and returns the exit status and the final screen parser.
    fn quit(mut self) -> (portable_pty::ExitStatus, Arc<Mutex<vt100::Parser>>) {
        self.send(b"q");
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "skudesk did not exit on q");
            std::thread::sleep(Duration::from_millis(20));
        };
        drop(self.keys);
        drop(self.master);
        let _ = self.pump.join();
        (status, self.screen.parser)
    }
}

fn report(db: &std::path::Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skudesk"))
        .args(["--db", db.to_str().unwrap(), "report", "--format", "json"])
        .output()
        .expect("report");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn batches(db: &std::path::Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skudesk"))
        .args(["--db", db.to_str().unwrap(), "batch", "list"])
        .output()
        .expect("batch list");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tier_of(report: &serde_json::Value, sku: &str) -> (String, bool) {
    let s = report["skus"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == sku)
        .expect("sku in report");
    (
        s["tier"].as_str().unwrap().to_string(),
        s["tier_overridden"].as_bool().unwrap(),
    )
}

#[test]
fn triage_with_real_keys_survives_a_restart_and_undoes() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("data/skudesk/skudesk.db");

    // 1. Reclassify the top slow mover (HT-1001, low) to high with a reason.
    let mut s = Session::start(&[], home.path());
    s.dismiss_welcome();
    s.screen.wait_for(&["1 Product mix", "DEMO"]);
    s.send(b"2f");
    s.screen.wait_for(&["filter slow movers", "HT-1001"]);
    s.send(b"r");
    s.screen.wait_for(&["Reclassify HT-1001", "What if"]);
    s.key(b"\x1b[C"); // → : tier high
    for _ in 0..3 {
        s.key(b"\x1b[B"); // ↓ to the reason
    }
    s.send(b"hand check\r");
    s.screen
        .wait_for(&["reclassify HT-1001: tier high (hand check)"]);
    // 2. Put the next two slow movers in a new batch.
    s.send(b"j j c");
    s.screen
        .wait_for(&["Clearance batch for 2 SKU(s)", "Cash if it sells out"]);
    s.send(b"Pty batch\r");
    s.screen.wait_for(&["new batch Pty batch with 2 SKUs"]);
    let (status, _) = s.quit();
    assert!(status.success());
    assert_eq!(tier_of(&report(&db), "HT-1001"), ("high".to_string(), true));
    assert!(batches(&db).contains("Pty batch"));

    // 3. Reopen: undo removes the batch, a second undo the reclassify.
    let mut s = Session::start(&[], home.path());
    s.screen.wait_for(&["1 Product mix", "Margin tiers over"]);
    assert!(
        !s.screen.text().contains("Welcome to skudesk"),
        "the welcome was dismissed for good"
    );
    s.send(b"u");
    s.screen.wait_for(&["undone: new batch Pty batch"]);
    s.send(b"u");
    s.screen.wait_for(&["undone: reclassify HT-1001"]);
    let (status, parser) = s.quit();
    assert!(status.success());
    assert!(!parser.lock().unwrap().screen().alternate_screen());
    assert!(!batches(&db).contains("Pty batch"));
    assert_eq!(tier_of(&report(&db), "HT-1001"), ("low".to_string(), false));
}

/// A change another program commits is picked up even when a key comes right after
/// it: the app used to read SQLite's `data_version` after handling each key as if its
/// own writes moved it (they do not), which swallowed another program's commit made
/// just before the key, and the figures were never reloaded.
#[test]
fn a_change_made_outside_is_reloaded_even_when_a_key_follows_at_once() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("data/skudesk/skudesk.db");
    let mut s = Session::start(&[], home.path());
    s.dismiss_welcome();
    s.send(b"2");
    s.screen.wait_for(&["2 Inventory aging", "HT-1002"]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skudesk"))
        .args(["--db", db.to_str().unwrap(), "--lang", "en"])
        .args(["reclassify", "HT-1002", "--tier", "high"])
        .output()
        .expect("reclassify");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.key(b"j");
    s.screen
        .wait_for(&["the database changed on disk: figures reloaded"]);
    let (status, _) = s.quit();
    assert!(status.success());
}

#[test]
fn opens_the_demo_walks_the_tabs_and_quits_cleanly() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start(&[], home.path());
    s.screen.wait_for(&[
        "Welcome to skudesk",
        "1 Product mix",
        "skudesk --db shop.db import orders orders.csv",
        "--mapping shopify-orders",
        "--detect",
    ]);
    s.dismiss_welcome();
    s.screen.wait_for(&[
        "1 Product mix",
        "DEMO",
        "Margin tiers over 90 days",
        "as of 2025-09-30",
    ]);
    assert!(
        s.screen.parser.lock().unwrap().screen().alternate_screen(),
        "the app runs on the alternate screen"
    );
    s.send(b"2");
    s.screen
        .wait_for(&["Inventory aging — ", "SLOW", "Capital tied up"]);
    s.send(b"3");
    s.screen
        .wait_for(&["Candidates by score", "Why this score", "launch"]);
    s.send(b"4");
    s.screen.wait_for(&[
        "KPIs against the review's targets",
        "Clearance batches",
        "Plans (",
    ]);
    s.send(b"?");
    s.screen
        .wait_for(&["Keys — Esc closes", "sort by next column"]);
    s.send(b"q"); // closes the help; Session::quit sends the q that quits
    let (status, parser) = s.quit();
    assert!(status.success(), "exit status {status:?}");
    let p = parser.lock().unwrap();
    assert!(
        !p.screen().alternate_screen(),
        "terminal left on the alternate screen"
    );
    assert!(!p.screen().hide_cursor(), "cursor left hidden");
    assert!(
        home.path().join("data/skudesk/skudesk.db").exists(),
        "the demo database was created"
    );
}

#[test]
fn read_only_shows_its_badge_and_refuses_changes() {
    let home = tempfile::tempdir().expect("temp dir");
    // Build the demo database first (and see the welcome off), then open it read-only.
    let mut first = Session::start(&[], home.path());
    first.dismiss_welcome();
    let (status, _) = first.quit();
    assert!(status.success());
    let db = home.path().join("data/skudesk/skudesk.db");
    let before = std::fs::read(&db).unwrap();
    let mut s = Session::start(&["--read-only"], home.path());
    s.screen.wait_for(&["READ-ONLY", "DEMO"]);
    s.send(b"2r");
    s.screen.wait_for(&["read-only: --read-only"]);
    let (status, _) = s.quit();
    assert!(status.success());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a read-only session leaves the file as it was"
    );
}

#[test]
fn a_panic_restores_the_terminal_and_says_where_the_report_is() {
    let home = tempfile::tempdir().expect("temp dir");
    let (status, _) = Session::start(&[], home.path()).quit_when(&["DEMO"]);
    assert!(status.success());
    let mut s = Session::start_with(&[], home.path(), &[("SKUDESK_TEST_PANIC_KEY", "1")]);
    s.screen.wait_for(&["1 Product mix"]);
    s.key(b"\x1b[24~"); // F12
    s.screen.wait_for(&["This report is also in"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = s.child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "skudesk did not exit after the panic"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success());
    let p = s.screen.parser.lock().unwrap();
    assert!(
        !p.screen().alternate_screen(),
        "terminal left on the alternate screen"
    );
    assert!(!p.screen().hide_cursor(), "cursor left hidden");
    let log = std::fs::read_to_string(home.path().join("data/skudesk/skudesk-panic.log"))
        .expect("panic log");
    assert!(
        log.contains("test panic") && log.contains("app/input.rs"),
        "{log}"
    );
}

/// Issue 20: the trend is computed off the input path and shows when it is ready,
/// without a key (the run loop looks for the worker's answer while one is due).
#[test]
fn the_trend_chart_fills_in_without_a_key() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start(&[], home.path());
    s.dismiss_welcome();
    // The axis and the bars are drawn only from the computed points.
    s.screen.wait_for(&[
        "Over time, last 12 months",
        "2024-10",
        "revenue · GP per period",
    ]);
    assert!(!s.screen.text().contains("computing the trend"));
    let (status, _) = s.quit();
    assert!(status.success(), "exit status {status:?}");
}

/// A job of the worker that panics: the status line and the chart's place say so, the
/// app goes on on its screen, and quits cleanly; the panic is in the log.
#[test]
fn a_failing_worker_job_says_so_and_the_app_goes_on() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start_with(&[], home.path(), &[("SKUDESK_TEST_PANIC_WORKER", "1")]);
    s.dismiss_welcome();
    s.screen
        .wait_for(&["could not compute the trend: test panic"]);
    assert!(
        s.screen.parser.lock().unwrap().screen().alternate_screen(),
        "the app is still on its screen"
    );
    assert!(
        !s.screen.text().contains("panicked"),
        "no report over the screen"
    );
    s.send(b"2");
    s.screen.wait_for(&["Inventory aging — "]);
    let (status, parser) = s.quit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!parser.lock().unwrap().screen().alternate_screen());
    let log = std::fs::read_to_string(home.path().join("data/skudesk/skudesk-panic.log"))
        .expect("panic log");
    assert!(log.contains("SKUDESK_TEST_PANIC_WORKER"), "{log}");
}

#[test]
fn the_welcome_shows_once_on_the_demo_and_quitting_does_not_dismiss_it() {
    let home = tempfile::tempdir().expect("temp dir");
    // q on the welcome quits; the welcome has not been read through, so it comes back.
    let (status, _) = Session::start(&[], home.path()).quit_when(&["Welcome to skudesk"]);
    assert!(status.success());
    let mut s = Session::start(&[], home.path());
    s.dismiss_welcome();
    let (status, _) = s.quit();
    assert!(status.success());
    let s = Session::start(&[], home.path());
    s.screen
        .wait_for(&["1 Product mix", "DEMO", "Margin tiers over"]);
    assert!(!s.screen.text().contains("Welcome to skudesk"));
    let (status, _) = s.quit();
    assert!(status.success());
}

/// Issue 23: the app keeps its first screen's figures when idle; the next open draws
/// them before it has read the lines, and a key typed then is handled once they are in.
#[test]
fn the_next_open_draws_the_kept_first_frame_and_keys_typed_then_are_handled() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("data/skudesk/skudesk.db");
    let kept = || {
        rusqlite::Connection::open(&db)
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM first_frame", [], |r| {
                    r.get::<_, i64>(0)
                })
            })
            .unwrap_or(0)
            == 1
    };
    let mut s = Session::start(&[], home.path());
    s.dismiss_welcome();
    // Kept at the first idle moment (a quarter second without keys).
    let deadline = Instant::now() + Duration::from_secs(60);
    while !kept() {
        assert!(Instant::now() < deadline, "the first frame was never kept");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (status, _) = s.quit();
    assert!(status.success());

    let mut s = Session::start(&[], home.path());
    let said = "reading the order lines";
    let deadline = Instant::now() + Duration::from_secs(60);
    while !String::from_utf8_lossy(&s.screen.raw.lock().unwrap()).contains(said) {
        assert!(
            Instant::now() < deadline,
            "the kept first frame was not drawn; screen:\n{}",
            s.screen.text()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // Whether the lines are in yet or not, the key goes to the aging tab.
    s.send(b"2");
    s.screen.wait_for(&["Inventory aging — ", "SLOW"]);
    let (status, _) = s.quit();
    assert!(status.success());
}

#[test]
fn a_chinese_locale_gets_the_chinese_app() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start_with(&[], home.path(), &[("LANG", "zh_CN.UTF-8")]);
    // The demo's welcome, in Chinese; Enter puts it away.
    s.screen.wait_for(&["欢迎使用 skudesk", "演示"]);
    s.key(b"\r");
    s.screen.wait_for(&[
        "1 商品结构",
        "2 库存周转/库龄",
        "3 新品评分",
        "4 行动计划",
        "演示",
        "统计截至日 2025-09-30",
        "毛利分层",
    ]);
    s.send(b"2");
    s.screen
        .wait_for(&["库存周转/库龄 — 291 个 SKU", "滞销", "占用资金"]);
    s.send(b"r");
    s.screen
        .wait_for(&["重新分类 HT-1001", "假如这样改", "保持不变"]);
    s.key(b"\x1b"); // Esc
    s.screen.wait_for(&["已取消重新分类"]);
    s.send(b"3");
    s.screen.wait_for(&["候选品按评分排序", "评分依据", "上线"]);
    s.send(b"4");
    s.screen
        .wait_for(&["KPI 对照复盘目标", "清仓批次", "行动计划（"]);
    s.send(b"?");
    s.screen.wait_for(&["按键 — Esc 关闭", "按下一列排序"]);
    s.send(b"q");
    let (status, parser) = s.quit();
    assert!(status.success(), "exit status {status:?}");
    let p = parser.lock().unwrap();
    assert!(!p.screen().alternate_screen());
    assert!(!p.screen().hide_cursor());
}

#[test]
fn lang_flag_wins_over_the_locale() {
    let home = tempfile::tempdir().expect("temp dir");
    let (status, _) =
        Session::start_with(&["--lang", "en"], home.path(), &[("LANG", "zh_CN.UTF-8")])
            .quit_when(&["1 Product mix", "DEMO"]);
    assert!(status.success());
    let (status, _) = Session::start_with(&[], home.path(), &[("SKUDESK_LANG", "zh-CN")])
        .quit_when(&["1 商品结构", "演示"]);
    assert!(status.success());
}

/// Whether the pty's line discipline is back to cooked mode (canonical input and echo),
/// as the shell needs it; raw mode clears both.
fn cooked(master: &dyn portable_pty::MasterPty) -> bool {
    let termios = master.get_termios().expect("termios of the pty");
    let flags = format!("{:?}", termios.local_flags);
    flags.contains("ICANON") && flags.contains("ECHO")
}

#[test]
fn item_13_sigterm_and_sighup_restore_the_terminal_as_q_does() {
    let home = tempfile::tempdir().expect("temp dir");
    let (status, _) = Session::start(&[], home.path()).quit_when(&["DEMO"]);
    assert!(status.success());
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let s = Session::start(&[], home.path());
        s.screen.wait_for(&["1 Product mix", "DEMO"]);
        assert!(!cooked(s.master.as_ref()), "the app runs in raw mode");
        {
            let p = s.screen.parser.lock().unwrap();
            assert!(p.screen().alternate_screen());
            assert_ne!(
                p.screen().mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse tracking is on while the app runs"
            );
        }
        let pid = s.child.process_id().expect("pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let Session {
            mut child,
            keys,
            screen,
            master,
            pump,
        } = s;
        // As long as a loaded machine needs: polled, never a fixed sleep.
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "no exit on SIG{signal}");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.exit_code(), code, "SIG{signal}: 128 + the signal");
        assert!(cooked(master.as_ref()), "SIG{signal} left the terminal raw");
        drop(keys);
        drop(master);
        let _ = pump.join();
        let p = screen.parser.lock().unwrap();
        assert!(
            !p.screen().alternate_screen(),
            "SIG{signal} left the alternate screen on"
        );
        assert_eq!(
            p.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "SIG{signal} left mouse tracking on"
        );
        assert!(
            !p.screen().hide_cursor(),
            "SIG{signal} left the cursor hidden"
        );
    }
}

/// A form field is edited in its middle with real keys (←, Backspace, typing), and the
/// saved value is the edited one: the ladder's 20 % step becomes 25 % without retyping
/// the rest.
#[test]
fn a_form_field_is_edited_in_the_middle_with_the_arrow_keys() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("data/skudesk/skudesk.db");
    let mut s = Session::start(&[], home.path());
    s.dismiss_welcome();
    s.send(b"2");
    s.screen.wait_for(&["Inventory aging — "]);
    s.send(b"c");
    s.screen.wait_for(&["Cash if it sells out"]);
    s.send(b"Edited ladder");
    for _ in 0..4 {
        s.key(b"\x1b[B"); // ↓ to the ladder
    }
    s.screen.wait_for(&["10%@7d,20%@7d,30%▏"]);
    for _ in 0..8 {
        s.key(b"\x1b[D"); // ←
    }
    s.screen.wait_for(&["10%@7d,20▏%@7d,30%"]);
    s.key(b"\x7f"); // Backspace
    s.send(b"5");
    s.screen.wait_for(&["10%@7d,25▏%@7d,30%"]);
    s.send(b"\r");
    s.screen.wait_for(&["new batch Edited ladder"]);
    let (status, _) = s.quit();
    assert!(status.success());
    let conn = rusqlite::Connection::open(&db).expect("open the database");
    let ladder: String = conn
        .query_row(
            "SELECT ladder FROM clearance_batch WHERE name = 'Edited ladder'",
            [],
            |r| r.get(0),
        )
        .expect("the batch was saved");
    assert_eq!(ladder, "10%@7d,25%@7d,30%");
}

/// The terminal going away (a closed window, `tmux kill-session`: every handle on the
/// pty's other end closes) ends the app. The app runs under a shell, as in a terminal
/// window or tmux, so its hang-up signal comes only once the shell has gone, and by then
/// crossterm's reader spins on the dead tty and never returns to the run loop: that
/// left an orphan at 100 % CPU for good.
#[test]
fn item_13_a_closed_terminal_ends_the_app_instead_of_spinning() {
    let home = tempfile::tempdir().expect("temp dir");
    let (status, _) = Session::start(&[], home.path()).quit_when(&["DEMO"]);
    assert!(status.success());
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open pty");
    let mut cmd = CommandBuilder::new("sh");
    // Not `exec`: the shell stays the session leader and skudesk its child.
    cmd.args(["-c", "\"$0\"; echo ended $?", env!("CARGO_BIN_EXE_skudesk")]);
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("SKUDESK_DB");
    let mut shell = pty.slave.spawn_command(cmd).expect("spawn the shell");
    drop(pty.slave);
    // Read until the app has drawn, then let go of the reader: with the writer and the
    // master dropped too, nothing holds the pty's other end any more.
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let pump = std::thread::spawn(move || {
        let mut parser = parser_40x120();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                return false;
            }
            parser.process(&buf[..n]);
            if parser.screen().contents().contains("Product mix") {
                return true;
            }
        }
        false
    });
    let writer = pty.master.take_writer().expect("writer");
    assert!(
        pump.join().expect("pump"),
        "the app never drew its first screen"
    );
    let shell_pid = shell.process_id().expect("shell pid");
    let children = std::process::Command::new("pgrep")
        .args(["-P", &shell_pid.to_string()])
        .output()
        .expect("pgrep");
    let app_pid: u32 = String::from_utf8_lossy(&children.stdout)
        .trim()
        .parse()
        .expect("the app's pid");
    drop(writer);
    drop(pty.master);
    let alive = || {
        std::path::Path::new(&format!("/proc/{app_pid}")).exists() && {
            // A zombie has ended (its parent has not reaped it yet).
            let stat = std::fs::read_to_string(format!("/proc/{app_pid}/stat")).unwrap_or_default();
            !stat.contains(") Z ")
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while alive() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let ended = !alive();
    if !ended {
        let _ = std::process::Command::new("kill")
            .args(["-9", &app_pid.to_string()])
            .status();
    }
    let _ = shell.kill();
    let _ = shell.wait();
    assert!(
        ended,
        "skudesk was still running a minute after its terminal closed"
    );
}
