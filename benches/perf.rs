//! `cargo bench`: skudesk's speed against baselines measured in the same run.
//!
//! Small set (2k SKUs, 100k lines) always; the large set (100k SKUs, 5M lines) when
//! `SKUDESK_BENCH_LARGE=1`. Baselines: a bare csv + rusqlite prepared-INSERT loop into an
//! untyped table (one transaction), and the raw per-SKU aggregate query over those lines
//! with a covering index. `SKUDESK_BENCH_OUT=docs/performance.md` writes the table there.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

use skudesk::config::layers::Layers;
use skudesk::domain::command::{BatchRef, BatchSpec, Command, MarkBatch, Reclassify, TierChoice};
use skudesk::domain::dates::{parse_date, Day, Frame};
use skudesk::domain::model::{BatchChannel, BatchStatus, Tier};
use skudesk::domain::settings::Settings;
use skudesk::gen::{generate, GenSpec};
use skudesk::import::native;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::theme::Theme;

struct Row {
    what: String,
    ours: Duration,
    p99: Option<Duration>,
    baseline: Option<(String, Duration)>,
}

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let p99 = v[((v.len() as f64 * 0.99).ceil() as usize)
        .saturating_sub(1)
        .min(v.len() - 1)];
    (v[v.len() / 2], p99)
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

fn bare_insert(db: &Path, csv_path: &Path) -> Duration {
    let _ = std::fs::remove_file(db);
    let (d, _) = time(|| {
        let mut conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch(
            "CREATE TABLE raw(order_id TEXT, ordered_at TEXT, sku TEXT, qty INTEGER, unit_price REAL,
             discount REAL, customer_id TEXT, channel TEXT)",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        {
            let mut stmt = tx
                .prepare("INSERT INTO raw VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .unwrap();
            let mut reader = csv::Reader::from_path(csv_path).unwrap();
            let mut rec = csv::ByteRecord::new();
            while reader.read_byte_record(&mut rec).unwrap() {
                let s = |i| std::str::from_utf8(&rec[i]).unwrap_or("");
                stmt.execute(rusqlite::params![
                    s(0),
                    s(1),
                    s(2),
                    s(3),
                    s(4),
                    s(5),
                    s(6),
                    s(7)
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    });
    d
}

fn raw_aggregate(db: &Path, since: &str) -> Duration {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS raw_cov ON raw(sku, ordered_at, qty, unit_price)",
    )
    .unwrap();
    let runs: Vec<Duration> = (0..3)
        .map(|_| {
            time(|| {
                let mut stmt = conn
                    .prepare(
                        "SELECT sku, sum(qty * unit_price), sum(qty), max(CASE WHEN qty > 0 THEN ordered_at END),
                         sum(CASE WHEN ordered_at >= ?1 THEN qty ELSE 0 END) FROM raw GROUP BY sku",
                    )
                    .unwrap();
                let n = stmt.query_map([since], |_| Ok(())).unwrap().count();
                assert!(n > 0);
            })
            .0
        })
        .collect();
    median(runs).0
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn run_size(label: &str, skus: u32, lines: u64, rows: &mut Vec<Row>, notes: &mut Vec<String>) {
    // SKUDESK_BENCH_KEEP=DIR keeps the data and databases in DIR/<label> and, when they
    // are there already, skips generating and importing (to time the app alone).
    let temp = tempfile::tempdir().unwrap();
    let dir = match std::env::var_os("SKUDESK_BENCH_KEEP") {
        Some(keep) => Path::new(&keep).join(label),
        None => temp.path().to_path_buf(),
    };
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("data");
    let end = Day::from_date(parse_date("2025-09-30").unwrap());
    let db = dir.join("bench.db");
    let raw_db = dir.join("raw.db");
    if !(db.exists() && raw_db.exists()) {
        let _ = std::fs::remove_file(&db);
        let _ = std::fs::remove_file(&raw_db);
        import_all(label, skus, lines, &data, &db, &raw_db, end, rows);
    }
    app_figures(label, (&db, &raw_db, &data), end, rows, notes);
}

#[allow(clippy::too_many_arguments)]
fn import_all(
    label: &str,
    skus: u32,
    lines: u64,
    data: &Path,
    db: &Path,
    raw_db: &Path,
    end: Day,
    rows: &mut Vec<Row>,
) {
    generate(
        &GenSpec {
            skus,
            lines,
            days: 400,
            seed: 1,
            end,
        },
        data,
    )
    .unwrap();

    // Imports, each file into the same fresh database.
    let mut store = Store::open(db).unwrap();
    let mut import_rows = Vec::new();
    for (kind, file) in [
        ("products", "products.csv"),
        ("stock", "stock.csv"),
        ("orders", "orders.csv"),
        ("traffic", "traffic.csv"),
    ] {
        let bytes = std::fs::read(data.join(file)).unwrap();
        let (d, _) = time(|| match kind {
            "products" => drop(
                store
                    .import_products(&native::products(file, &bytes).unwrap(), false)
                    .unwrap(),
            ),
            "stock" => drop(
                store
                    .import_stock(&native::stock(file, &bytes).unwrap(), false)
                    .unwrap(),
            ),
            // As `skudesk import` does: parsed on a second thread while written.
            "orders" => drop(
                store
                    .import_orders_stream(file, &bytes, false)
                    .unwrap()
                    .unwrap(),
            ),
            _ => drop(
                store
                    .import_traffic(&native::traffic(file, &bytes).unwrap(), false)
                    .unwrap(),
            ),
        });
        import_rows.push((kind, d));
    }
    // What `skudesk import` does once its files are in.
    let (copy, _) = time(|| store.refresh_line_copy().unwrap());
    drop(store);
    let bare = bare_insert(raw_db, &data.join("orders.csv"));
    println!(
        "{label}: bare-import database {:.1} MB before its covering index",
        std::fs::metadata(raw_db).map_or(0, |m| m.len()) as f64 / 1e6
    );
    for (kind, d) in import_rows {
        let baseline = (kind == "orders").then(|| ("bare INSERT loop".to_string(), bare));
        rows.push(Row {
            what: format!("{label}: import {kind}"),
            ours: d,
            p99: None,
            baseline,
        });
    }
    rows.push(Row {
        what: format!("{label}: write the copy of the order lines (after the imports)"),
        ours: copy,
        p99: None,
        baseline: None,
    });
}

/// Open, keypresses, changes and the report over an imported database.
fn app_figures(
    label: &str,
    (db, raw_db, data): (&Path, &Path, &Path),
    end: Day,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) {
    let aggregate = raw_aggregate(raw_db, "2025-09-01");
    rows.push(Row {
        what: format!("{label}: raw per-SKU aggregate (covering index)"),
        ours: aggregate,
        p99: None,
        baseline: None,
    });
    let agg = Some(("raw aggregate".to_string(), aggregate));

    // Open → first complete frame, as the app opens: from the copy of the order lines
    // (`skudesk import` writes it); and once without a valid copy (another program
    // changed the lines, or an older database), when the app reads the table and, on a
    // large shop, writes the copy.
    let s = Settings::default();
    let theme = Theme::default();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut open = || {
        time(|| {
            let store = Store::open(db).unwrap();
            let ds = store.load_and_cache().unwrap();
            let frame = Frame::new(ds.latest_day().unwrap(), s.window_days, s.velocity_days);
            let app = App::new(ds, s.clone(), frame, "bench".into(), false);
            term.draw(|f| skudesk::ui::draw::draw(f, &app, &theme))
                .unwrap();
            (app, store)
        })
    };
    // Drop the copy as a change to the lines by another program would (opening the
    // database first migrates a kept one of an earlier schema).
    drop(Store::open(db).unwrap());
    rusqlite::Connection::open(db)
        .unwrap()
        .execute_batch("UPDATE line_cache_state SET valid = 0; DELETE FROM line_cache;")
        .unwrap();
    let (first, opened) = open();
    drop(opened);
    rows.push(Row {
        what: format!("{label}: open without a valid copy of the lines → first frame"),
        ours: first,
        p99: None,
        baseline: agg.clone(),
    });
    let mut runs = Vec::new();
    for _ in 0..2 {
        runs.push(open().0);
    }
    let (d, (mut app, mut store)) = open();
    runs.push(d);
    let (d, _) = median(runs);
    rows.push(Row {
        what: format!("{label}: open → data read, review done, frame (keys live)"),
        ours: d,
        p99: None,
        baseline: agg.clone(),
    });

    // Open → first frame as the app draws it when the first screen's figures are kept
    // with the data (issue 23): the app keeps them at its first idle moment; the next
    // open draws them before reading the lines (which then load on another thread).
    let version = store.data_version().unwrap();
    app.settle_views();
    assert!(
        skudesk::ui::first_frame::save(&store, &app, version),
        "the first frame is kept"
    );
    let layers = Layers::plain(s.clone());
    let runs: Vec<Duration> = (0..5)
        .map(|_| {
            time(|| {
                let store = Store::open(db).unwrap();
                let first = skudesk::ui::first_frame::skeleton(&store, &layers, None)
                    .expect("the kept first frame is drawn");
                term.draw(|f| skudesk::ui::draw::draw(f, &first, &theme))
                    .unwrap();
            })
            .0
        })
        .collect();
    let (d, _) = median(runs);
    rows.push(Row {
        what: format!("{label}: open → first frame (figures kept with the data)"),
        ours: d,
        p99: None,
        baseline: agg.clone(),
    });

    let mut keypress = |what: &str, app: &mut App, keys: &[KeyEvent], n: usize| {
        let runs: Vec<Duration> = (0..n)
            .map(|i| {
                time(|| {
                    app.on_key(keys[i % keys.len()]);
                    term.draw(|f| skudesk::ui::draw::draw(f, app, &theme))
                        .unwrap();
                })
                .0
            })
            .collect();
        let (m, p99) = median(runs);
        Row {
            what: format!("{label}: {what}"),
            ours: m,
            p99: Some(p99),
            baseline: None,
        }
    };
    let mut r = keypress(
        "as-of change → frame",
        &mut app,
        &[key(KeyCode::Char('<')), key(KeyCode::Char('>'))],
        6,
    );
    r.baseline = agg.clone();
    rows.push(r);
    let mut r = keypress(
        "window change → frame",
        &mut app,
        &[key(KeyCode::Char('w'))],
        4,
    );
    r.baseline = agg.clone();
    rows.push(r);
    app.on_key(key(KeyCode::Char('2')));
    rows.push(keypress(
        "move down → frame",
        &mut app,
        &[key(KeyCode::Char('j'))],
        200,
    ));
    rows.push(keypress(
        "sort → frame",
        &mut app,
        &[key(KeyCode::Char('s'))],
        18,
    ));
    rows.push(keypress(
        "filter → frame",
        &mut app,
        &[key(KeyCode::Char('f'))],
        16,
    ));
    app.on_key(key(KeyCode::Char('/')));
    rows.push(keypress(
        "search char → frame",
        &mut app,
        &[key(KeyCode::Char('1')), key(KeyCode::Backspace)],
        20,
    ));
    app.on_key(key(KeyCode::Esc));
    trend_rows(label, &mut app, &mut term, &theme, &agg, rows);

    // One reclassify and one batch apply, each with the refresh; before them, what the
    // app does when no key comes for 250 ms (as while the reclassify form is filled in).
    app.review().warm_up();
    let sku = app.ds().products[0].sku.clone();
    let mut apply = |what: &str, cmds: Vec<Command>, app: &mut App, store: &mut Store| {
        let runs = cmds
            .into_iter()
            .map(|cmd| {
                time(|| {
                    app.push_request(skudesk::ui::request::Request::Apply(cmd));
                    skudesk::ui::process(app, store);
                    term.draw(|f| skudesk::ui::draw::draw(f, app, &theme))
                        .unwrap();
                })
                .0
            })
            .collect();
        let (m, p99) = median(runs);
        Row {
            what: format!("{label}: {what} + refresh"),
            ours: m,
            p99: Some(p99),
            baseline: None,
        }
    };
    let reclass = (0..10)
        .map(|i| {
            Command::Reclassify(Reclassify {
                skus: vec![sku.clone()],
                tier: Some(TierChoice::Set(if i % 2 == 0 {
                    Tier::High
                } else {
                    Tier::Low
                })),
                lifecycle: None,
                category: None,
                reason: "bench".into(),
            })
        })
        .collect();
    rows.push(apply("reclassify", reclass, &mut app, &mut store));
    let batch = (0..10)
        .map(|i| {
            Command::MarkBatch(MarkBatch {
                batch: BatchRef::New(BatchSpec {
                    name: format!("bench {i} {}", std::process::id()),
                    channel: BatchChannel::FlashSale,
                    starts_on: end.plus(1),
                    ends_on: None,
                    ladder: "20%".parse().unwrap(),
                    cash_target: "1000".parse().unwrap(),
                    status: BatchStatus::Planned,
                }),
                skus: vec![(sku.clone(), None)],
            })
        })
        .collect();
    rows.push(apply("batch", batch, &mut app, &mut store));

    let (d, _) = time(|| {
        let ds = store.load().unwrap();
        let r = skudesk::domain::metrics::review(&ds, app.frame(), &s);
        serde_json::to_vec(&skudesk::domain::report::json_report(&ds, &r, &s)).unwrap()
    });
    rows.push(Row {
        what: format!("{label}: JSON report"),
        ours: d,
        p99: None,
        baseline: agg,
    });
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    let raw_size = std::fs::metadata(raw_db).map(|m| m.len()).unwrap_or(0);
    println!(
        "{label}: database {:.1} MB, bare-import database {:.1} MB (with its covering index)",
        size as f64 / 1e6,
        raw_size as f64 / 1e6
    );
    // Issue 23's size goal: the database against a bare import of the same four files
    // (each CSV as an untyped table, no index).
    let bare4 = db.with_file_name("bare4.db");
    if !bare4.exists() {
        bare_import_all(data, &bare4);
    }
    let bare4_size = std::fs::metadata(&bare4).map(|m| m.len()).unwrap_or(0);
    notes.push(format!(
        "{label}: database {:.1} MB; bare import of the four files {:.1} MB; ratio {:.2}×",
        size as f64 / 1e6,
        bare4_size as f64 / 1e6,
        size as f64 / bare4_size.max(1) as f64
    ));
}

/// Each of the four CSVs in `data` as an untyped table (its header's columns, the
/// values as text), in one transaction, into a fresh `db`.
fn bare_import_all(data: &Path, db: &Path) {
    let _ = std::fs::remove_file(db);
    let mut conn = rusqlite::Connection::open(db).unwrap();
    let tx = conn.transaction().unwrap();
    for file in ["products", "stock", "orders", "traffic"] {
        let mut reader = csv::Reader::from_path(data.join(format!("{file}.csv"))).unwrap();
        let cols: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(|h| format!("\"{}\"", h.replace('"', "")))
            .collect();
        tx.execute_batch(&format!("CREATE TABLE {file} ({})", cols.join(", ")))
            .unwrap();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let mut stmt = tx
            .prepare(&format!("INSERT INTO {file} VALUES ({})", marks.join(", ")))
            .unwrap();
        let mut rec = csv::ByteRecord::new();
        while reader.read_byte_record(&mut rec).unwrap() {
            let values: Vec<&str> = rec
                .iter()
                .map(|v| std::str::from_utf8(v).unwrap_or(""))
                .collect();
            stmt.execute(rusqlite::params_from_iter(values)).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Issue 20: the trend off the input path. The 12-month trend as the app's worker
/// computes it (asked, then waited for), against the raw aggregate; then keys on the
/// mix tab with its chart inline (120×40), each drawn, then the worker asked (as the run
/// loop does once keys pause) and the next key pressed 100 ms later, while it computes.
fn trend_rows(
    label: &str,
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    theme: &Theme,
    agg: &Option<(String, Duration)>,
    rows: &mut Vec<Row>,
) {
    app.on_key(key(KeyCode::Char('1')));
    app.settle_views();
    let runs: Vec<Duration> = [KeyCode::Char('<'), KeyCode::Char('>'), KeyCode::Char('<')]
        .into_iter()
        .map(|c| {
            // A new as-of date: the trend is computed again (the key's own review is
            // not timed here; the rows below time it).
            app.on_key(key(c));
            time(|| {
                app.request_views();
                app.wait_views();
            })
            .0
        })
        .collect();
    // Back to the as-of date of the rows before and after these.
    app.on_key(key(KeyCode::Char('>')));
    app.settle_views();
    assert!(app
        .views()
        .trend_points(skudesk::domain::over_time::Period::Month)
        .is_some_and(|p| p.len() == 12));
    let (d, _) = median(runs);
    rows.push(Row {
        what: format!("{label}: trend of 12 months (worker)"),
        ours: d,
        p99: None,
        baseline: agg.clone(),
    });
    let mut charted = |what: &str, app: &mut App, keys: &[KeyCode], n: usize| {
        let runs: Vec<Duration> = (0..n)
            .map(|i| {
                let d = time(|| {
                    app.on_key(key(keys[i % keys.len()]));
                    term.draw(|f| skudesk::ui::draw::draw(f, app, theme))
                        .unwrap();
                })
                .0;
                // As the run loop does once keys pause: the worker is asked for what
                // the screen lacks, and the next key comes while it computes.
                app.request_views();
                if app.views_pending() {
                    std::thread::sleep(Duration::from_millis(100));
                }
                d
            })
            .collect();
        let (m, p99) = median(runs);
        Row {
            what: format!("{label}: {what}"),
            ours: m,
            p99: Some(p99),
            baseline: None,
        }
    };
    app.settle_views();
    // Down the tiers and categories, and back to the top.
    let mut down = vec![KeyCode::Char('j'); 8];
    down.push(KeyCode::Char('g'));
    rows.push(charted(
        "move down on the mix tab with the chart → frame",
        app,
        &down,
        200,
    ));
    let mut r = charted(
        "as-of change with the chart on screen → frame",
        app,
        &[KeyCode::Char('<'), KeyCode::Char('>')],
        10,
    );
    r.baseline = agg.clone();
    rows.push(r);
    // The rows after these time the store's work alone, the worker idle.
    app.settle_views();
    app.on_key(key(KeyCode::Char('2')));
}

/// A 2M-line orders file imported by the real binary, stderr not a terminal: it must
/// finish and print plain progress lines while it runs (issue #7), with the defaults (a
/// first line after two seconds). A 1M-line file, as before, now goes in within about
/// those two seconds and may print none.
fn progress_import() -> Row {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let end = Day::from_date(parse_date("2025-09-30").unwrap());
    generate(
        &GenSpec {
            skus: 20_000,
            lines: 2_000_000,
            days: 400,
            seed: 7,
            end,
        },
        &data,
    )
    .unwrap();
    let db = dir.path().join("progress.db");
    let (d, out) = time(|| {
        std::process::Command::new(env!("CARGO_BIN_EXE_skudesk"))
            .arg("--db")
            .arg(&db)
            .args(["import", "orders"])
            .arg(data.join("orders.csv"))
            .output()
            .unwrap()
    });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "import failed: {stderr}");
    let progress_lines = stderr.lines().filter(|l| l.contains("rows/s")).count();
    println!("2M-line import: {progress_lines} progress line(s) on stderr:\n{stderr}");
    assert!(
        progress_lines > 0,
        "a 2M-line import shows progress when it takes more than a few seconds"
    );
    Row {
        what: "2M-line orders import by the binary (with progress lines)".into(),
        ours: d,
        p99: None,
        baseline: None,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo test --benches` runs bench targets with --bench absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mut rows = Vec::new();
    rows.push(progress_import());
    let mut notes = Vec::new();
    run_size("small", 2_000, 100_000, &mut rows, &mut notes);
    if std::env::var_os("SKUDESK_BENCH_LARGE").is_some() {
        run_size("large", 100_000, 5_000_000, &mut rows, &mut notes);
    }
    let mut table = String::from(
        "| measure | skudesk (median) | p99 | baseline | ratio |\n|---|---:|---:|---|---:|\n",
    );
    for r in &rows {
        let (base, ratio) = match &r.baseline {
            Some((name, d)) => (
                format!("{name} {}", ms(*d)),
                format!("{:.2}×", r.ours.as_secs_f64() / d.as_secs_f64()),
            ),
            None => (String::new(), String::new()),
        };
        table.push_str(&format!(
            "| {} | {} | {} | {base} | {ratio} |\n",
            r.what,
            ms(r.ours),
            r.p99.map_or(String::new(), ms)
        ));
    }
    for n in &notes {
        table.push_str(&format!("\n{n}\n"));
    }
    println!("{table}");
    if let Some(out) = std::env::var_os("SKUDESK_BENCH_OUT") {
        std::fs::write(out, table).unwrap();
    }
}
