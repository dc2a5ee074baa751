//! Issue 20, speed: the trend and the year earlier are computed by the app's worker,
//! off the input path. A key is answered and drawn while the worker is busy, a result
//! computed for a frame no longer shown never shows, a failed job says so, and a catalog
//! change while the worker reads the data copies no order line.
//!
//! The worker is held with a test hook (after it computes a job, before it sends the
//! result) so that nothing here depends on timing.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::demo::demo_app as setup;
use common::screen::{render, text};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use skudesk::domain::command::{Command, Reclassify, TierChoice};
use skudesk::domain::model::Tier;
use skudesk::domain::over_time::{trend, year_earlier, Period, TrendSpec};
use skudesk::domain::settings::WeekStart;
use skudesk::store::Store;
use skudesk::ui::action::Tab;
use skudesk::ui::app::{App, Level};
use skudesk::ui::request::Request;
use skudesk::ui::worker::{Hook, JobKey, What};

/// Long enough for any machine, never reached when the code is right.
const PATIENCE: Duration = Duration::from_secs(120);

/// The app drawn at 120×40, as text (a line per row).
fn screen(app: &App) -> String {
    text(&render(app, 120, 40))
}

/// A key as the run loop handles it: the key, the store's work, then the views asked
/// for without waiting (what the run loop does before it draws).
fn press(app: &mut App, store: &mut Store, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    skudesk::ui::process(app, store);
    app.request_views();
}

/// A hook that says which job it holds and holds it until told to go on.
fn holding() -> (Hook, Receiver<JobKey>, SyncSender<()>) {
    let (held_tx, held) = sync_channel::<JobKey>(16);
    let (go, go_rx) = sync_channel::<()>(16);
    let go_rx = Mutex::new(go_rx);
    let hook: Hook = Arc::new(move |key: &JobKey| {
        let _ = held_tx.send(*key);
        let _ = go_rx.lock().unwrap().recv_timeout(PATIENCE);
    });
    (hook, held, go)
}

const MONTHS: What = What::Trend {
    period: Period::Month,
    week_start: WeekStart::Monday,
};

#[test]
fn the_app_shows_the_trend_and_year_earlier_the_domain_computes() {
    let (mut app, mut store) = setup();
    press(&mut app, &mut store, '4');
    app.wait_views();
    let (ds, frame, s) = (app.ds(), app.frame(), app.settings());
    let direct = trend(ds, frame, s, TrendSpec::monthly(WeekStart::Monday));
    assert_eq!(app.views().trend_points(Period::Month), Some(&direct[..]));
    let ly = year_earlier(ds, frame, s).map(|(_, k)| k);
    assert!(ly.is_some(), "the demo reaches back a year");
    assert_eq!(app.views().last_year, ly);
    assert!(!app.views_pending());
}

/// The run loop's draw after a key asks for the trend and does not wait: while the
/// worker is held, the as-of date moves, the chart says it is computing, and the trend
/// computed for the old date — sent while the new one is computed — is dropped.
#[test]
fn a_key_is_answered_while_the_worker_is_busy_and_a_stale_trend_never_shows() {
    let (mut app, mut store) = setup();
    let (hook, held, go) = holding();
    app.set_worker_hook(Some(hook));
    let first = app.frame();
    app.request_views();
    let key = held
        .recv_timeout(PATIENCE)
        .expect("the mix tab asks for the trend");
    assert_eq!((key.frame, key.what), (first, MONTHS));
    assert!(app.views_pending());

    // The worker holds the trend of the first frame: a key is answered, drawn.
    press(&mut app, &mut store, '<');
    let second = app.frame();
    assert_eq!(second.as_of, first.as_of.plus(-1));
    let shown = screen(&app);
    assert!(shown.contains("computing the trend…"), "{shown}");
    assert!(app.views().trend_points(Period::Month).is_none());

    // The old trend is sent; the new one is computed and held.
    go.send(()).unwrap();
    let key = held.recv_timeout(PATIENCE).expect("the new frame's trend");
    assert_eq!(key.frame, second);
    // The old frame's result has arrived: it is not taken.
    assert!(!app.poll_views(), "a stale result changes nothing");
    assert!(app.views().trend_points(Period::Month).is_none());
    let shown = screen(&app);
    assert!(shown.contains("computing the trend…"), "{shown}");

    go.send(()).unwrap();
    app.wait_views();
    let points = app
        .views()
        .trend_points(Period::Month)
        .expect("the new trend");
    assert_eq!(points.last().map(|p| p.end), Some(second.as_of));
    let direct = trend(
        app.ds(),
        second,
        app.settings(),
        TrendSpec::monthly(WeekStart::Monday),
    );
    assert_eq!(points, &direct[..]);
    assert!(!screen(&app).contains("computing"));
}

#[test]
fn the_plans_tab_says_the_year_earlier_is_being_computed_until_it_is() {
    let (mut app, mut store) = setup();
    let (hook, held, go) = holding();
    app.set_worker_hook(Some(hook));
    press(&mut app, &mut store, '4');
    assert_eq!(app.tab(), Tab::Plans);
    // The year earlier is asked first, then the trend the tab's sparklines use.
    let key = held.recv_timeout(PATIENCE).expect("a job held");
    assert_eq!(key.what, What::LastYear);
    let shown = screen(&app);
    assert!(
        shown.contains("a year earlier, same window: computing…"),
        "{shown}"
    );
    assert!(app.views().last_year_pending);
    drop(go);
    app.wait_views();
    let shown = screen(&app);
    assert!(!shown.contains("computing"), "{shown}");
    assert!(
        shown.contains("a year earlier, same window: revenue"),
        "{shown}"
    );
}

#[test]
fn a_job_that_fails_says_so_and_the_app_goes_on() {
    let (mut app, mut store) = setup();
    let hook: Hook = Arc::new(|key: &JobKey| {
        if matches!(key.what, What::Trend { .. }) {
            panic!("the trend broke on purpose");
        }
    });
    app.set_worker_hook(Some(hook));
    app.settle_views();
    let message = app.message().expect("a message");
    assert_eq!(message.level, Level::Error);
    assert_eq!(
        message.text,
        "could not compute the trend: the trend broke on purpose"
    );
    let shown = screen(&app);
    assert!(
        shown.contains("could not compute the trend: the trend broke"),
        "{shown}"
    );
    assert!(
        !app.views_pending(),
        "a failed job is not asked again and again"
    );
    // The worker is still there for the next job.
    press(&mut app, &mut store, '4');
    app.wait_views();
    assert!(app.views().last_year.is_some());
}

/// A reclassify while the worker still reads a snapshot of the data: the app's data is
/// changed (a copy of its catalog), the millions of order lines are not copied.
#[test]
fn a_catalog_change_while_the_worker_reads_the_data_copies_no_line() {
    let (mut app, mut store) = setup();
    let (hook, held, go) = holding();
    app.set_worker_hook(Some(hook));
    app.request_views();
    held.recv_timeout(PATIENCE)
        .expect("the worker holds a snapshot");
    let snapshot = Arc::clone(app.shared_ds());
    let sku = app.ds().products[0].sku.clone();
    let tier_before = app.ds().products[0].tier_override;
    assert_ne!(tier_before, Some(Tier::Low), "the change changes something");
    app.push_request(Request::Apply(Command::Reclassify(Reclassify {
        skus: vec![sku.clone()],
        tier: Some(TierChoice::Set(Tier::Low)),
        lifecycle: None,
        category: None,
        reason: "test".into(),
    })));
    skudesk::ui::process(&mut app, &mut store);
    let p = &app.ds().products[0];
    assert_eq!(
        (p.sku.as_str(), p.tier_override),
        (sku.as_str(), Some(Tier::Low))
    );
    // The snapshot keeps the data as it was; the app's is a copy of the catalog over
    // the same lines.
    assert!(!Arc::ptr_eq(&snapshot, app.shared_ds()));
    assert_eq!(snapshot.products[0].tier_override, tier_before);
    assert!(
        app.ds().lines.shares_with(&snapshot.lines),
        "the order lines are shared, not copied"
    );
    drop(go);
    app.settle_views();
    assert!(app.views().trend_points(Period::Month).is_some());
}

/// The app drawn from the figures kept with the data hands its trend to the app over
/// the loaded data when both are for the same frame and settings, not otherwise.
#[test]
fn the_loaded_app_takes_over_the_first_frames_trend_for_its_frame_only() {
    let (mut first, _) = setup();
    first.settle_views();
    let shown = first.views().trend.clone();
    assert!(shown.is_some());
    let (mut loaded, mut store) = setup();
    loaded.take_trend_of(&mut first);
    assert_eq!(loaded.views().trend, shown);
    loaded.request_views();
    assert!(!loaded.views_pending(), "nothing asked of the worker");

    let (mut first, _) = setup();
    first.settle_views();
    press(&mut loaded, &mut store, '<');
    loaded.take_trend_of(&mut first);
    assert!(
        loaded.views().trend.is_none(),
        "another frame's trend is not taken"
    );
}
