//! The plan form's start and baseline (METRICS.md "Plans over time"), driven headless:
//! the baseline is filled in with the metric's value now while the plan starts on the
//! as-of date, left to be computed as of another start, kept when typed; the category
//! field for a category's share; the rules said at their field.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use common::keys::keys;

use skudesk::domain::dates::{parse_date, Day, Frame};
use skudesk::domain::headline::Value;
use skudesk::domain::metrics::review;
use skudesk::domain::plan::{as_decimal, TargetMetric};
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::overlay::Overlay;

fn setup() -> (App, Store) {
    let mut store = Store::open_in_memory().unwrap();
    skudesk::demo::fill(&mut store).unwrap();
    let ds = store.load().unwrap();
    let s = Settings::default();
    let frame = Frame::new(ds.latest_day().unwrap(), s.window_days, s.velocity_days);
    (App::new(ds, s, frame, ":memory:".into(), true), store)
}

fn day(s: &str) -> Day {
    Day::from_date(parse_date(s).unwrap())
}

/// The open plan form's field `i`.
fn field(app: &App, i: usize) -> String {
    match app.overlay() {
        Some(Overlay::Plan(p)) => p.form.text(i).to_string(),
        _ => panic!("no plan form open: {:?}", app.message().map(|m| &m.text)),
    }
}

const CATEGORY: usize = 8;
const START: usize = 9;
const BASELINE: usize = 10;

/// Moves the open form's cursor to field `i`.
fn go_to(app: &mut App, store: &mut Store, i: usize) {
    let Some(Overlay::Plan(p)) = app.overlay() else {
        panic!("no plan form open")
    };
    let at = p.form.focus;
    let script = if at <= i {
        "<down>".repeat(i - at)
    } else {
        "<up>".repeat(at - i)
    };
    keys(app, store, &script);
}

/// `<right>`s that move the metric choice from "none" to `m`.
fn metric(m: TargetMetric) -> String {
    let steps = TargetMetric::ALL.iter().position(|x| *x == m).unwrap() + 1;
    "<right>".repeat(steps)
}

/// The plan form opened, title and due date typed, the cursor on the metric.
const NEW: &str = "4n<down>Share up<down>2026-06-30<down><down>";

#[test]
fn the_baseline_is_the_value_now_for_a_plan_starting_today() {
    let (mut app, mut store) = setup();
    let as_of = app.frame().as_of;
    keys(
        &mut app,
        &mut store,
        &format!(
            "{NEW}{}<down>40%",
            metric(TargetMetric::HighTierRevenueShare)
        ),
    );
    assert_eq!(field(&app, START), as_of.to_string());
    // In the target's unit: a rate in percent, as the target value field writes it.
    let shown = |d| {
        app.lang()
            .target_input(TargetMetric::HighTierRevenueShare, d)
    };
    let now = app.review().kpis.tier_share_revenue[0];
    let want = as_decimal(Value::Ratio(now)).unwrap();
    assert_eq!(field(&app, BASELINE), shown(want));
    assert!(field(&app, BASELINE).ends_with('%'));
    // Another metric: the baseline follows while it is not typed over.
    keys(&mut app, &mut store, "<up><right>");
    let low = as_decimal(Value::Ratio(app.review().kpis.tier_share_revenue[2])).unwrap();
    assert_eq!(
        field(&app, BASELINE),
        app.lang()
            .target_input(TargetMetric::LowTierRevenueShare, low)
    );
    keys(&mut app, &mut store, "<enter>");
    assert!(
        app.overlay().is_none(),
        "{:?}",
        app.message().map(|m| &m.text)
    );
    let saved = store
        .load()
        .unwrap()
        .plans
        .into_iter()
        .find(|p| p.title == "Share up")
        .unwrap();
    assert_eq!(saved.start, Some(as_of));
    assert_eq!(
        saved.target.map(|t| (t.metric, t.value)),
        Some((
            TargetMetric::LowTierRevenueShare,
            rust_decimal::Decimal::new(4, 1)
        ))
    );
    assert_eq!(saved.baseline, Some(low));
}

#[test]
fn another_start_computes_the_baseline_as_of_then_and_a_typed_one_is_kept() {
    let (mut app, mut store) = setup();
    let start = day("2025-08-31");
    let expected = {
        let s = Settings::default();
        let r = review(
            app.ds(),
            Frame::new(start, s.window_days, s.velocity_days),
            &s,
        );
        as_decimal(Value::Money(r.kpis.net_revenue)).unwrap()
    };
    keys(
        &mut app,
        &mut store,
        &format!(
            "{NEW}{}<down>1000000<down><down><down><down>{}2025-08-31",
            metric(TargetMetric::NetRevenue),
            "<bs>".repeat(10)
        ),
    );
    assert_eq!(field(&app, START), "2025-08-31");
    // Left to be computed when saved (a review as of the start, once).
    assert_eq!(field(&app, BASELINE), "");
    keys(&mut app, &mut store, "<enter>");
    assert!(
        app.overlay().is_none(),
        "{:?}",
        app.message().map(|m| &m.text)
    );
    let plans = store.load().unwrap().plans;
    let saved = plans.iter().find(|p| p.title == "Share up").unwrap();
    assert_eq!(saved.start, Some(start));
    assert_eq!(saved.baseline, Some(expected));
    assert!(expected > rust_decimal::Decimal::ZERO);

    // A typed baseline is kept as typed, whatever the start.
    let id = saved.id;
    let row = app.ds().plans.iter().position(|p| p.id == id).unwrap();
    keys(&mut app, &mut store, &format!("g{}e", "j".repeat(row)));
    assert_eq!(
        field(&app, BASELINE),
        app.lang().target_input(TargetMetric::NetRevenue, expected)
    );
    keys(
        &mut app,
        &mut store,
        &format!(
            "{}{}12345<enter>",
            "<down>".repeat(BASELINE),
            "<bs>".repeat(20)
        ),
    );
    assert!(
        app.overlay().is_none(),
        "{:?}",
        app.message().map(|m| &m.text)
    );
    let saved = store
        .load()
        .unwrap()
        .plans
        .into_iter()
        .find(|p| p.id == id)
        .unwrap();
    assert_eq!(saved.baseline, Some(12345.into()));
    assert_eq!(saved.start, Some(start));
}

#[test]
fn a_category_share_names_its_category_and_a_batch_plan_has_no_start() {
    let (mut app, mut store) = setup();
    let before = store.history(100).unwrap().len();
    keys(
        &mut app,
        &mut store,
        &format!(
            "{NEW}{}<down>30%<enter>",
            metric(TargetMetric::CategoryRevenueShare)
        ),
    );
    assert!(matches!(app.overlay(), Some(Overlay::Plan(_))));
    let said = app.message().unwrap().text.clone();
    assert!(said.contains("category"), "{said}");
    assert_eq!(store.history(100).unwrap().len(), before, "nothing written");
    // Pick the first category with →.
    go_to(&mut app, &mut store, CATEGORY);
    keys(&mut app, &mut store, "<right>");
    let category = field(&app, CATEGORY);
    assert!(!category.is_empty());
    keys(&mut app, &mut store, "<enter>");
    assert!(
        app.overlay().is_none(),
        "{:?}",
        app.message().map(|m| &m.text)
    );
    let saved = store
        .load()
        .unwrap()
        .plans
        .into_iter()
        .find(|p| p.title == "Share up")
        .unwrap();
    let t = saved.target.unwrap();
    assert_eq!(t.category.as_deref(), Some(category.as_str()));
    assert_eq!(t.value, rust_decimal::Decimal::new(3, 1));
    assert!(saved.baseline.is_some());

    // A plan that follows a batch: its start and baseline fields are not read.
    keys(
        &mut app,
        &mut store,
        &format!(
            "4n<down>Clear it<down>2025-11-11<down><down>{}<down>60000<down><right><enter>",
            metric(TargetMetric::BatchCashRecovered)
        ),
    );
    assert!(
        app.overlay().is_none(),
        "{:?}",
        app.message().map(|m| &m.text)
    );
    let saved = store
        .load()
        .unwrap()
        .plans
        .into_iter()
        .find(|p| p.title == "Clear it")
        .unwrap();
    assert_eq!((saved.start, saved.baseline), (None, None));
}

/// The app drawn at `w`×`h`, as lines of text.
fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = skudesk::ui::theme::Theme::default();
    t.draw(|f| skudesk::ui::draw::draw(f, app, &theme)).unwrap();
    let buffer = t.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn every_field_of_the_plan_form_shows_at_80_by_24() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "4n");
    let text = screen(&app, 80, 24).join("\n");
    for label in [
        "title",
        "target metric",
        "category",
        "start",
        "baseline",
        "Expected: time gone, start → due.",
    ] {
        assert!(text.contains(label), "{label} missing:\n{text}");
    }
}
