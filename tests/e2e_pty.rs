//! The real binary in a real pseudo-terminal: first screen, all four tabs, quit with
//! `q`, exit code 0, and the terminal back on the main screen with a visible cursor.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
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

#[test]
fn opens_the_demo_walks_the_tabs_and_quits_cleanly() {
    let home = tempfile::tempdir().expect("temp dir");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_skudesk"));
    cmd.env("HOME", home.path());
    cmd.env("XDG_DATA_HOME", home.path().join("data"));
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("SKUDESK_DB");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn skudesk");
    drop(pty.slave);

    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let sink = Arc::clone(&parser);
    let pump = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().expect("parser").process(&buf[..n]);
        }
    });
    let mut keys = pty.master.take_writer().expect("writer");
    let screen = Screen {
        parser: Arc::clone(&parser),
    };

    screen.wait_for(&[
        "1 Product mix",
        "DEMO",
        "Margin tiers over 90 days",
        "as of 2025-09-30",
    ]);
    assert!(
        parser.lock().unwrap().screen().alternate_screen(),
        "the app runs on the alternate screen"
    );

    keys.write_all(b"2").unwrap();
    screen.wait_for(&["Inventory aging — ", "SLOW", "Capital tied up"]);
    keys.write_all(b"3").unwrap();
    screen.wait_for(&["Candidates by score", "Why this score", "launch"]);
    keys.write_all(b"4").unwrap();
    screen.wait_for(&[
        "KPIs against the review's targets",
        "Clearance batches",
        "Plans (",
    ]);
    keys.write_all(b"?").unwrap();
    screen.wait_for(&["Keys — Esc closes", "sort by next column"]);
    keys.write_all(b"q").unwrap(); // closes the help
    keys.write_all(b"q").unwrap(); // quits

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "skudesk did not exit on q");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
    drop(keys);
    drop(pty.master);
    let _ = pump.join();
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
