//! A command's rules are checked in one place (`Command::check`) and said alike by the
//! form that builds the command, the command line and the store: each refuses before
//! anything is written, in its own words, and leaves no history.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;

use common::keys::keys;
use common::Sandbox;

use skudesk::domain::clearance::Ladder;
use skudesk::domain::command::{
    BatchRef, BatchSpec, CandidateScore, Command, MarkBatch, Reclassify, Refusal,
};
use skudesk::domain::dates::{parse_date, Day, Frame};
use skudesk::domain::model::{BatchChannel, BatchStatus};
use skudesk::domain::money::Money;
use skudesk::domain::settings::Settings;
use skudesk::store::{ChangeError, Store};
use skudesk::ui::app::App;
use skudesk::ui::overlay::Overlay;

fn app() -> (App, Store) {
    let mut store = Store::open_in_memory().unwrap();
    skudesk::demo::fill(&mut store).unwrap();
    let ds = store.load().unwrap();
    let s = Settings::default();
    let frame = Frame::new(ds.latest_day().unwrap(), s.window_days, s.velocity_days);
    (App::new(ds, s, frame, ":memory:".into(), true), store)
}

fn changes(store: &Store) -> usize {
    store
        .history(1000)
        .unwrap()
        .iter()
        .filter(|h| h.kind == "change")
        .count()
}

fn day(s: &str) -> Day {
    Day::from_date(parse_date(s).unwrap())
}

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn new_batch(ends_on: &str, ladder: Ladder, units: Option<i64>) -> Command {
    Command::MarkBatch(MarkBatch {
        batch: BatchRef::New(BatchSpec {
            name: "Late".into(),
            channel: BatchChannel::FlashSale,
            starts_on: day("2025-10-10"),
            ends_on: Some(day(ends_on)),
            ladder,
            cash_target: Money::ZERO,
            status: BatchStatus::Planned,
        }),
        skus: vec![("S1".into(), units)],
    })
}

#[test]
fn a_batch_that_ends_before_it_starts_is_refused_by_form_command_line_and_store() {
    // The store: the rule is checked before anything is written.
    let mut store = Store::open_in_memory().unwrap();
    let refused = store
        .apply(&new_batch("2025-10-01", Ladder::default(), None))
        .unwrap_err();
    assert!(
        matches!(refused, ChangeError::Refused(Refusal::BatchEnds)),
        "{refused}"
    );
    assert_eq!(changes(&store), 0);

    // The form: it says so and stays open, with what was typed (before, it handed the
    // batch to the store, closed, and the store refused it).
    let (mut app, mut store) = app();
    let end: String = "<bs>".repeat(12);
    keys(
        &mut app,
        &mut store,
        &format!("2cLate<down><down><down>{end}2025-01-01<enter>"),
    );
    assert!(
        matches!(app.overlay(), Some(Overlay::Batch(_))),
        "the form stays open: {}",
        message(&app)
    );
    assert!(
        message(&app).contains("the batch ends before it starts"),
        "{}",
        message(&app)
    );
    assert_eq!(changes(&store), 0);

    // The command line: exit 1, the same words, nothing recorded.
    let sb = Sandbox::new();
    sb.seed();
    let out = sb.run_db(&[
        "batch",
        "create",
        "Late",
        "--channel",
        "flash_sale",
        "--start",
        "2025-10-10",
        "--end",
        "2025-10-01",
    ]);
    out.assert_code(1);
    out.assert_stderr_has("the batch ends before it starts");
    let history = sb.run_db(&["history"]);
    assert!(!history.stdout.contains("Late"), "{}", history.stdout);
}

#[test]
fn negative_units_are_refused_by_the_store_and_as_a_usage_error_by_the_command_line() {
    let mut store = Store::open_in_memory().unwrap();
    let refused = store
        .apply(&new_batch("2025-10-20", Ladder::default(), Some(-5)))
        .unwrap_err();
    assert!(
        matches!(
            &refused,
            ChangeError::Refused(Refusal::UnitsNegative { sku, units: -5 }) if sku == "S1"
        ),
        "{refused}"
    );
    let sb = Sandbox::new();
    sb.seed();
    let out = sb.run_db(&[
        "batch",
        "create",
        "b",
        "--channel",
        "bogo",
        "--start",
        "2025-10-01",
        "--sku",
        "S1:-5",
    ]);
    out.assert_code(2);
    out.assert_stderr_has("S1:-5: units to clear must not be negative");
    // `S1:5` is units; `S1:x` is a SKU code with a colon in it (none here).
    let out = sb.run_db(&[
        "batch",
        "create",
        "b",
        "--channel",
        "bogo",
        "--start",
        "2025-10-01",
        "--sku",
        "S1:x",
    ]);
    out.assert_code(1);
    out.assert_stderr_has("unknown SKU \"S1:x\"");
}

#[test]
fn rules_a_form_cannot_break_are_still_the_stores() {
    // A ladder step of 100 % does not parse from text, but a command built in code is
    // checked all the same; so is a reclassify that changes nothing.
    let mut store = Store::open_in_memory().unwrap();
    let mut ladder = Ladder::parse("10%,20%").unwrap();
    ladder.0[1].discount = rust_decimal::Decimal::ONE;
    let refused = store
        .apply(&new_batch("2025-10-20", ladder, None))
        .unwrap_err();
    assert!(
        matches!(refused, ChangeError::Refused(Refusal::LadderStep(2))),
        "{refused}"
    );
    let nothing = Command::Reclassify(Reclassify {
        skus: vec!["S1".into()],
        tier: None,
        lifecycle: None,
        category: None,
        reason: String::new(),
    });
    assert!(matches!(
        store.apply(&nothing),
        Err(ChangeError::Refused(Refusal::NothingToChange))
    ));
    assert_eq!(store.history(10).unwrap().len(), 0);
    // The command line says it in its own words, as a usage error.
    let sb = Sandbox::new();
    sb.seed();
    let out = sb.run_db(&["reclassify", "S1"]);
    out.assert_code(2);
    out.assert_stderr_has("nothing to change: give --tier, --lifecycle or --category");
}

#[test]
fn the_candidate_form_names_the_field_a_rule_is_about_first_field_first() {
    let (mut app, mut store) = app();
    // Every field typed but the gap, out of range, and the price, negative.
    let fields = [
        "Lamp", "lights", "12", "7", "", "3", "", "3", "10", "-1", "", "",
    ];
    let mut script = "3n".to_string();
    for (i, f) in fields.iter().enumerate() {
        script.push_str(f);
        if i + 1 < fields.len() {
            script.push_str("<down>");
        }
    }
    script.push_str("<enter>");
    keys(&mut app, &mut store, &script);
    assert!(matches!(app.overlay(), Some(Overlay::Candidate(_))));
    // The gap (the 4th field) before the price (the 10th).
    assert_eq!(message(&app), "gap: a score from 0 to 5");
    let Some(Overlay::Candidate(form)) = app.overlay() else {
        panic!("the form is open");
    };
    let c = form.command();
    assert_eq!(c.unwrap_err(), "gap: a score from 0 to 5");
    // The store says the same rule its own way.
    let mut candidate = app.ds().candidates[0].clone();
    candidate.competitive_gap = 7;
    let refused = store
        .apply(&Command::SaveCandidate {
            id: None,
            candidate: Box::new(candidate),
        })
        .unwrap_err();
    assert!(
        matches!(
            refused,
            ChangeError::Refused(Refusal::Score(CandidateScore::Gap))
        ),
        "{refused}"
    );
    assert_eq!(changes(&store), 0);
}

#[test]
fn a_persona_code_of_two_words_is_refused_by_the_command_line() {
    let sb = Sandbox::new();
    sb.seed();
    let out = sb.run_db(&["personas", "set", "pet parents", "Pet parents"]);
    out.assert_code(1);
    out.assert_stderr_has("a persona code is one word");
    let out = sb.run_db(&["personas", "list"]);
    assert!(!out.stdout.contains("pet parents"), "{}", out.stdout);
}

#[test]
fn a_plan_that_follows_a_batch_starts_with_it_in_the_store_and_on_the_command_line() {
    use skudesk::domain::model::{Horizon, Plan, PlanStatus};
    use skudesk::domain::plan::{Target, TargetMetric};
    // The store: a batch's plan with a start of its own is refused, nothing written.
    let (_, mut store) = app();
    let batch = store.load().unwrap().batches[0].id;
    let plan = Plan {
        id: 0,
        horizon: Horizon::Short,
        title: "Clear".into(),
        due_on: None,
        status: PlanStatus::Todo,
        target: Some(Target {
            batch_id: Some(batch),
            ..Target::new(TargetMetric::BatchCashRecovered, 100.into())
        }),
        start: Some(day("2025-09-01")),
        baseline: None,
        note: String::new(),
    };
    let refused = store
        .apply(&Command::SavePlan {
            id: None,
            plan: Box::new(plan),
        })
        .unwrap_err();
    assert!(
        matches!(refused, ChangeError::Refused(Refusal::PlanFollowsBatch)),
        "{refused}"
    );
    assert_eq!(changes(&store), 0);
    // The command line: exit 1, the same words.
    let sb = Sandbox::new();
    sb.seed();
    sb.run_db(&[
        "batch",
        "create",
        "Autumn",
        "--channel",
        "bogo",
        "--start",
        "2025-10-01",
    ])
    .assert_code(0);
    let out = sb.run_db(&[
        "plans",
        "add",
        "--title",
        "Clear",
        "--metric",
        "batch_units_cleared",
        "--target",
        "5",
        "--batch",
        "Autumn",
        "--baseline",
        "3",
    ]);
    out.assert_code(1);
    out.assert_stderr_has("starts with the batch, from 0");
    let history = sb.run_db(&["history"]);
    assert!(!history.stdout.contains("Clear"), "{}", history.stdout);
}
