//! A driver for profilers and memory measurements on one database, without a terminal
//! (`docs/performance.md` says which numbers came from it):
//!
//! ```sh
//! cargo build --release --example profile
//! /usr/bin/time -f '%e s, peak RSS %M KB' target/release/examples/profile DB open
//! target/release/examples/profile DB first     # the first frame kept with the data
//! target/release/examples/profile DB full      # the first frame from the data (no kept one)
//! target/release/examples/profile DB asof      # 20 as-of changes, each timed
//! target/release/examples/profile DB trend     # the 12-month trend, 3 times
//! target/release/examples/profile DB apply     # 12 reclassifies + refresh + frame
//! target/release/examples/profile orders.csv parse   # the orders parser alone, 3 runs
//! target/release/examples/profile DB write orders.csv # the orders writer alone (writes: use a copy)
//! valgrind --tool=callgrind target/release/examples/profile DB open
//! ```
//!
//! `apply` writes to the database (reclassifies its first SKU back and forth): use a copy.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skudesk::domain::command::{Command, Reclassify, TierChoice};
use skudesk::domain::dates::Frame;
use skudesk::domain::model::Tier;
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::request::Request;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(mode)) = (args.next(), args.next()) else {
        eprintln!("usage: profile DB open|asof|apply, or profile ORDERS.csv parse");
        std::process::exit(2);
    };
    if mode == "parse" {
        parse_orders(&db);
        return;
    }
    if mode == "write" {
        let orders = args.next().expect("profile DB write ORDERS.csv");
        write_orders(&db, &orders);
        return;
    }
    let s = Settings::default();
    if mode == "first" {
        first_frame(&db, &s);
        return;
    }
    let t = Instant::now();
    let mut store = Store::open(std::path::Path::new(&db)).expect("open the database");
    let ds = store.load_and_cache().expect("load");
    let loaded = t.elapsed();
    let after_load = memory("VmRSS");
    let Some(as_of) = ds.latest_day() else {
        eprintln!("{db}: no dated data");
        std::process::exit(1);
    };
    let frame = Frame::new(as_of, s.window_days, s.velocity_days);
    let mut app = App::new(ds, s, frame, db.clone(), false);
    app.review().warm_up();
    eprintln!(
        "load {loaded:?} (memory then {after_load}), app {:?}, {} SKUs, {} order lines; memory now {}, at most {}",
        t.elapsed() - loaded,
        app.ds().products.len(),
        app.ds().lines.len(),
        memory("VmRSS"),
        memory("VmHWM"),
    );
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    match mode.as_str() {
        "open" => {
            // What the app keeps when idle: the next `profile DB first` draws it.
            app.settle_views();
            let version = store.data_version().unwrap();
            let kept = skudesk::ui::first_frame::save(&store, &app, version);
            eprintln!("first frame kept: {kept}");
        }
        "full" => {
            // The first frame as the app drew it before issue 23 (and still does when
            // no figures are kept): the data read, the review done, the frame drawn.
            use ratatui::backend::TestBackend;
            use ratatui::Terminal;
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let theme = skudesk::ui::theme::Theme::default();
            term.draw(|f| skudesk::ui::draw::draw(f, &app, &theme))
                .unwrap();
            eprintln!("drawn {:?} after the start", t.elapsed());
        }
        "trend" => {
            // The mix tab's trend: 12 monthly reviews, as the app's worker computes them.
            let spec = skudesk::domain::over_time::TrendSpec::monthly(Default::default());
            for _ in 0..3 {
                let t = Instant::now();
                let points = skudesk::domain::over_time::trend(
                    app.ds(),
                    app.frame(),
                    &Settings::default(),
                    spec,
                );
                eprintln!("trend of {} months {:?}", points.len(), t.elapsed());
            }
        }
        "asof" => {
            for i in 0..20 {
                let t = Instant::now();
                app.on_key(key(if i % 2 == 0 { '<' } else { '>' }));
                eprintln!("as-of change {:?}", t.elapsed());
            }
        }
        "apply" => {
            let sku = app.ds().products[0].sku.clone();
            for i in 0..12 {
                let t = Instant::now();
                let tier = if i % 2 == 0 { Tier::High } else { Tier::Low };
                app.push_request(Request::Apply(Command::Reclassify(Reclassify {
                    skus: vec![sku.clone()],
                    tier: Some(TierChoice::Set(tier)),
                    lifecycle: None,
                    category: None,
                    reason: "profile".into(),
                })));
                skudesk::ui::process(&mut app, &mut store);
                eprintln!("reclassify + refresh {:?}", t.elapsed());
            }
        }
        other => {
            eprintln!("unknown mode {other}: open, first, full, trend, asof or apply");
            std::process::exit(2);
        }
    }
}

/// Opens `db` as the app does when the first screen's figures are kept with the data
/// (issue 23): the first frame drawn from them, no line read. The app keeps them when
/// idle; run `profile DB open` once before (it keeps them) if none are there.
fn first_frame(db: &str, s: &Settings) {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    let t = Instant::now();
    let store = Store::open(std::path::Path::new(db)).expect("open the database");
    let layers = skudesk::config::layers::Layers::plain(s.clone());
    let Some(first) = skudesk::ui::first_frame::skeleton(&store, &layers, None) else {
        eprintln!("{db}: no first frame kept for the default settings");
        std::process::exit(1);
    };
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = skudesk::ui::theme::Theme::default();
    term.draw(|f| skudesk::ui::draw::draw(f, &first, &theme))
        .unwrap();
    eprintln!(
        "first frame {:?}; memory now {}, at most {}",
        t.elapsed(),
        memory("VmRSS"),
        memory("VmHWM")
    );
}

/// Times the orders parser over a file with nothing written, three times: the parser
/// thread's share of an import.
fn parse_orders(path: &str) {
    let bytes = std::fs::read(path).expect("read the orders file");
    for _ in 0..3 {
        let t = Instant::now();
        let mut qty = 0i64;
        let streamed = skudesk::import::native::orders_each(path, &bytes, |row| {
            qty += row.qty;
            std::ops::ControlFlow::Continue(())
        })
        .unwrap_or_else(|e| panic!("{path}: {} errors, first {:?}", e.len(), e.first()));
        eprintln!(
            "parsed {} rows (total qty {qty}) in {:?}",
            streamed.rows,
            t.elapsed()
        );
    }
}

/// Parses an orders file whole, then times its import into `db` (fresh line tables write
/// the copy of the lines too): the writer's share of an import, with no parser thread
/// beside it.
fn write_orders(db: &str, path: &str) {
    let bytes = std::fs::read(path).expect("read the orders file");
    let t = Instant::now();
    let parsed = skudesk::import::native::orders(path, &bytes)
        .unwrap_or_else(|e| panic!("{path}: {} errors, first {:?}", e.len(), e.first()));
    eprintln!("parsed {} rows in {:?}", parsed.rows.len(), t.elapsed());
    let mut store = Store::open(std::path::Path::new(db)).expect("open the database");
    let t = Instant::now();
    let summary = store.import_orders(&parsed, false).expect("import");
    eprintln!(
        "wrote {} lines in {:?}; memory at most {}",
        summary.added,
        t.elapsed(),
        memory("VmHWM")
    );
}

/// A line of /proc/self/status (Linux), e.g. the resident set now (`VmRSS`) or at its
/// peak (`VmHWM`).
fn memory(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix(key)?
                    .strip_prefix(':')
                    .map(|v| v.trim().to_string())
            })
        })
        .unwrap_or_else(|| "?".into())
}
