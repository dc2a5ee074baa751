//! The first frame kept with the data (issue 23): the app draws it before reading the
//! lines, and it is never the figures of other data or other settings.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::path::Path;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use skudesk::config::layers::Layers;
use skudesk::domain::command::{Command, Reclassify, TierChoice};
use skudesk::domain::dates::Frame;
use skudesk::domain::model::Tier;
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::first_frame::{save, skeleton};
use skudesk::ui::theme::Theme;

/// The demo in a file.
fn demo_file(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("shop.db");
    let mut store = Store::open(&db).unwrap();
    skudesk::demo::fill(&mut store).unwrap();
    db
}

/// The app as `skudesk` opens it over `store` with `settings`: its data read, at the
/// latest day, the trend of its first screen computed.
fn opened(store: &Store, settings: &Settings) -> (App, i64) {
    let version = store.data_version().unwrap();
    let ds = store.load_and_cache().unwrap();
    let frame = Frame::new(
        ds.latest_day().unwrap(),
        settings.window_days,
        settings.velocity_days,
    );
    let mut app = App::new(ds, settings.clone(), frame, "shop.db".into(), false);
    app.settle_views();
    (app, version)
}

/// The screen, row by row, but for the status line (the first frame says it is reading
/// the lines there).
fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| skudesk::ui::draw::draw(f, app, &Theme::default()))
        .unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect()
}

#[test]
fn the_first_frame_kept_draws_what_the_loaded_app_draws_at_both_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let settings = Settings::default();
    let store = Store::open(&db).unwrap();
    assert!(store.first_frame().unwrap().is_none(), "none before");
    let (app, version) = opened(&store, &settings);
    assert!(save(&store, &app, version), "kept");
    drop(store);

    let store = Store::open(&db).unwrap();
    let first = skeleton(&store, &Layers::plain(settings.clone()), None).expect("drawn");
    assert!(first.ds().lines.is_empty(), "the first frame read no lines");
    for (w, h) in [(120, 40), (80, 24)] {
        let (want, got) = (screen(&app, w, h), screen(&first, w, h));
        assert_eq!(want.len(), got.len());
        // All but the footer's two last rows (status and keys).
        for y in 0..(h as usize - 2) {
            assert_eq!(got[y], want[y], "{w}×{h}, row {y}");
        }
    }
    // The kept figures are the review's, exactly.
    assert_eq!(first.review().kpis, app.review().kpis);
    assert_eq!(first.views().categories, app.views().categories);
    assert_eq!(first.views().trend, app.views().trend);
}

#[test]
fn other_settings_another_as_of_or_changed_data_draw_no_kept_frame() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let settings = Settings::default();
    let mut store = Store::open(&db).unwrap();
    let (app, version) = opened(&store, &settings);
    assert!(save(&store, &app, version));
    let layers = Layers::plain(settings.clone());
    assert!(skeleton(&store, &layers, None).is_some());

    // Another window (a config file or --window changed since).
    let mut wider = settings.clone();
    wider.window_days += 1;
    assert!(skeleton(&store, &Layers::plain(wider), None).is_none());
    // Another as-of date (--as-of).
    let as_of = app.frame().as_of.plus(-1);
    assert!(skeleton(&store, &layers, Some(as_of)).is_none());
    // The as-of date it was kept for, named.
    assert!(skeleton(&store, &layers, Some(app.frame().as_of)).is_some());

    // A change through skudesk deletes it.
    let sku = app.ds().products[0].sku.clone();
    store
        .apply(&Command::Reclassify(Reclassify {
            skus: vec![sku],
            tier: Some(TierChoice::Set(Tier::Low)),
            lifecycle: None,
            category: None,
            reason: "test".into(),
        }))
        .unwrap();
    assert!(
        store.first_frame().unwrap().is_none(),
        "a change deletes it"
    );
    assert!(skeleton(&store, &layers, None).is_none());
}

/// The tables whose rows the figures read (all but the history, the copies and the
/// first frame itself).
const NOT_FIGURES: &[&str] = &[
    "meta",
    "change_set",
    "change",
    "order_line_undone",
    "line_cache",
    "line_cache_state",
    "first_frame",
    "sqlite_sequence",
];

#[test]
fn any_write_by_another_program_to_a_table_the_figures_read_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let settings = Settings::default();
    let mut store = Store::open(&db).unwrap();
    let other = rusqlite::Connection::open(&db).unwrap();
    let tables: Vec<String> = other
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|t: &String| !NOT_FIGURES.contains(&t.as_str()))
        .collect();
    assert!(tables.len() >= 13, "{tables:?}");
    // The demo has no tier override and sets no setting: one of each, so that every
    // table has a row.
    let sku: String = other
        .query_row("SELECT sku FROM product ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    store
        .apply(&Command::Reclassify(Reclassify {
            skus: vec![sku],
            tier: Some(TierChoice::Set(Tier::Low)),
            lifecycle: None,
            category: None,
            reason: "test".into(),
        }))
        .unwrap();
    other
        .execute(
            "INSERT INTO setting (key, value) VALUES ('window_days', '90')",
            [],
        )
        .unwrap();
    for table in &tables {
        let triggers: i64 = other
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND name LIKE 'first_frame_stale_%'",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(triggers, 3, "{table}: insert, update and delete");
        for write in ["UPDATE", "DELETE+INSERT"] {
            let (app, version) = opened(&store, &settings);
            assert!(save(&store, &app, version), "{table}: kept");
            let rows: i64 = other
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            let c0: String = other
                .query_row(
                    &format!("SELECT name FROM pragma_table_info('{table}') WHERE cid = 0"),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            let first = format!("(SELECT {c0} FROM {table} ORDER BY {c0} LIMIT 1)");
            let sql = if rows == 0 {
                // An empty table: a row in.
                format!("INSERT INTO {table} DEFAULT VALUES")
            } else if write == "UPDATE" {
                format!("UPDATE {table} SET {c0} = {c0} WHERE {c0} = {first}")
            } else {
                format!(
                    "CREATE TEMP TABLE keep AS SELECT * FROM {table} WHERE {c0} = {first};
                     DELETE FROM {table} WHERE {c0} = (SELECT {c0} FROM keep LIMIT 1);
                     INSERT INTO {table} SELECT * FROM keep; DROP TABLE keep;"
                )
            };
            other.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
            let done = other.execute_batch(&sql);
            if rows == 0 && done.is_err() {
                // A table whose rows need values: an update of no row fires nothing,
                // so it is checked on the demo's rows only.
                panic!("{table}: empty in the demo and no default row: {done:?}");
            }
            done.unwrap();
            assert!(
                store.first_frame().unwrap().is_none(),
                "{table}: {write} by another program deletes the first frame"
            );
        }
    }
}

#[test]
fn it_is_not_kept_when_another_program_committed_since_the_data_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = Store::open(&db).unwrap();
    let (app, version) = opened(&store, &Settings::default());
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute(
            "UPDATE product SET name = name || ' (new)' WHERE rowid = 1",
            [],
        )
        .unwrap();
    assert!(!save(&store, &app, version), "figures of older data");
    assert!(store.first_frame().unwrap().is_none());
    // Read again, it is kept.
    let (app, version) = opened(&store, &Settings::default());
    assert!(save(&store, &app, version));
}

#[test]
fn an_orders_import_deletes_it_and_puts_the_line_triggers_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let (app, version) = opened(&store, &Settings::default());
    assert!(save(&store, &app, version));
    let sku = &app.ds().products[0].sku;
    let csv =
        format!("order_id,ordered_at,sku,qty,unit_price\nFF-1,2025-09-30 12:00:00,{sku},1,10.00\n");
    store
        .import_orders_stream("o.csv", csv.as_bytes(), false)
        .unwrap()
        .unwrap();
    assert!(
        store.first_frame().unwrap().is_none(),
        "the import deleted it"
    );
    let other = rusqlite::Connection::open(&db).unwrap();
    let triggers: i64 = other
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'first_frame_stale_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 39, "13 tables × 3");
}
