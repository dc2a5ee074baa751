//! Issue 21, the batch form: no stock booked twice (the form names each SKU already in
//! another open batch with overlapping dates, and that batch, and takes a second Enter),
//! and editing a batch previews the batch's stored units, not all on hand.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::demo::demo_app as demo;
use common::keys::keys;
use common::screen::{render, text};

use skudesk::domain::dates::Frame;
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::overlay::batch::BatchForm;
use skudesk::ui::overlay::Overlay;

fn screen(app: &App) -> String {
    text(&render(app, 120, 40))
}

fn form(app: &App) -> &BatchForm {
    match app.overlay() {
        Some(Overlay::Batch(f)) => f,
        _ => panic!(
            "the batch form is not open: {:?}",
            app.message().map(|m| &m.text)
        ),
    }
}

/// The keys that go to the plans tab's row of the demo batch whose name has `name`.
fn to_batch(app: &App, name: &str) -> String {
    let i = app
        .ds()
        .batches
        .iter()
        .position(|b| b.name.contains(name))
        .unwrap_or_else(|| panic!("no demo batch {name}"));
    format!("4g{}", "j".repeat(app.ds().plans.len() + i))
}

// ── The edit preview: the batch's stored units ─────────────────────────────────────

#[test]
fn i21_editing_a_batch_previews_its_stored_units_not_all_on_hand() {
    let (mut app, mut store) = demo();
    let batch = app
        .ds()
        .batches
        .iter()
        .find(|b| b.name.contains("Sep BOGO"))
        .unwrap()
        .clone();
    let ht = app.ds().product_ix("HT-1001").unwrap();
    let stored = batch
        .skus
        .iter()
        .find(|s| s.product == ht)
        .and_then(|s| s.units_to_clear);
    assert_eq!(stored, Some(60), "the demo stores 60 of HT-1001");
    let on_hand = app.review().skus[ht as usize].on_hand;
    assert!(
        on_hand > 60,
        "more on hand ({on_hand}) than the batch holds"
    );

    let go = to_batch(&app, "Sep BOGO");
    keys(&mut app, &mut store, &format!("{go}e"));
    let f = form(&app);
    assert_eq!(f.editing, Some(batch.id));
    let preview = f.preview.as_ref().expect("a preview");
    assert_eq!(preview.lines.len(), batch.skus.len());
    for (line, s) in preview.lines.iter().zip(&batch.skus) {
        assert_eq!(line.product, s.product as usize);
        let want = s
            .units_to_clear
            .unwrap_or(app.review().skus[line.product].on_hand);
        assert_eq!(
            line.units,
            want,
            "{}: the preview's units are the batch's stored units",
            app.ds().products[line.product].sku
        );
    }
    // The cash if it sells out at the first step: the stored units at its prices.
    let cash: i128 = preview
        .lines
        .iter()
        .map(|l| l.steps[0].price.micros() * i128::from(l.units))
        .sum();
    assert_eq!(preview.cash_at_step[0].micros(), cash);
    let row = screen(&app)
        .lines()
        .find(|l| l.contains("HT-1001"))
        .unwrap()
        .to_string();
    let units_cell = row
        .split_whitespace()
        .skip_while(|w| !w.contains("HT-1001"))
        .nth(1)
        .unwrap()
        .to_string();
    assert_eq!(units_cell, "60", "{row}");

    // Units typed in the form are what the preview shows.
    let to_units = "<down>".repeat(5);
    keys(&mut app, &mut store, &format!("{to_units}7"));
    let preview = form(&app).preview.as_ref().unwrap();
    assert!(preview.lines.iter().all(|l| l.units == 7), "typed units");
    // Cleared again: the stored units.
    keys(&mut app, &mut store, "<bs>");
    let preview = form(&app).preview.as_ref().unwrap();
    let l = preview.lines.iter().find(|l| l.product == ht as usize);
    assert_eq!(l.unwrap().units, 60);
    // And the field says what empty means here (the batch keeps its units).
    let s = screen(&app);
    assert!(s.contains("empty = the batch's own units"), "{s}");
}

// ── No stock booked twice ──────────────────────────────────────────────────────────

/// The keys that select `skus` on the aging tab (all rows shown, jumping to each).
fn select(skus: &[&str]) -> String {
    skus.iter()
        .map(|s| format!(":sku {s}<enter><space>"))
        .collect()
}

/// The batch form's fields from the name: `name`, the channel left, `start`, `end`.
fn new_batch(name: &str, start: &str, end: &str) -> String {
    format!("c{name}<down><down>{start}<down>{end}")
}

#[test]
fn i21_a_new_batch_over_skus_in_the_double_11_batch_names_them_and_takes_a_second_enter() {
    let (mut app, mut store) = demo();
    let skus = ["HT-1001", "HT-1002", "HT-1003", "HT-1004", "HT-1005"];
    keys(&mut app, &mut store, &format!("2{}", select(&skus)));
    assert_eq!(app.selection().len(), 5);
    let before = store.load().unwrap().batches.len();
    // 11-05 … 11-15 overlaps Double-11 (11-01 … 11-11), which holds all five.
    keys(
        &mut app,
        &mut store,
        &new_batch("Hats again", "2025-11-05", "2025-11-15"),
    );
    let f = form(&app);
    assert_eq!(f.overlaps.len(), 5, "{:?}", f.overlaps);
    let s = screen(&app);
    assert!(
        s.contains("5 SKU(s) already in another open batch"),
        "the form says so before Enter:\n{s}"
    );
    assert!(s.contains("HT-1001 in 双十一清仓 Double-11"), "{s}");
    assert!(s.contains("HT-1003 in"), "{s}");
    assert!(s.contains("and 2 more"), "bounded:\n{s}");
    assert!(!s.contains("HT-1005 in"), "bounded:\n{s}");
    // At 80×24 the heading wraps rather than losing its end (the key that goes ahead).
    let small = text(&render(&app, 80, 24));
    assert!(small.contains("5 SKU(s) already in another"), "{small}");
    assert!(
        small.contains("this one too"),
        "the heading's end:\n{small}"
    );

    // The first Enter writes nothing and says why; the form stays open.
    keys(&mut app, &mut store, "<enter>");
    form(&app);
    assert_eq!(
        store.load().unwrap().batches.len(),
        before,
        "nothing written"
    );
    let said = app.message().unwrap().text.clone();
    assert!(
        said.contains("5 SKU(s) already in another open batch") && said.contains("again"),
        "{said}"
    );
    // A change of the form asks again.
    keys(&mut app, &mut store, "<bs>5");
    assert!(!form(&app).confirmed, "a change resets the confirmation");
    keys(&mut app, &mut store, "<enter>");
    form(&app);
    assert_eq!(store.load().unwrap().batches.len(), before, "asked again");
    // The second Enter writes it, booking them twice.
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none(), "{:?}", app.message());
    let ds = store.load().unwrap();
    assert_eq!(ds.batches.len(), before + 1);
    let b = ds.batches.iter().find(|b| b.name == "Hats again").unwrap();
    assert_eq!(b.skus.len(), 5);
}

#[test]
fn i21_a_batch_after_double_11_goes_in_with_one_enter() {
    let (mut app, mut store) = demo();
    let skus = ["HT-1001", "HT-1002", "HT-1003", "HT-1004", "HT-1005"];
    keys(&mut app, &mut store, &format!("2{}", select(&skus)));
    let before = store.load().unwrap().batches.len();
    // From the day after Double-11 ends: nothing overlaps.
    keys(
        &mut app,
        &mut store,
        &new_batch("Hats later", "2025-11-12", "2025-11-20"),
    );
    assert!(form(&app).overlaps.is_empty());
    assert!(!screen(&app).contains("already in another open batch"));
    assert!(
        !form(&app).needs_confirmation(),
        "nor a price below cost here"
    );
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none(), "{:?}", app.message());
    assert_eq!(store.load().unwrap().batches.len(), before + 1);
}

#[test]
fn i21_adding_to_an_existing_batch_checks_that_batchs_dates_not_itself() {
    let (mut app, mut store) = demo();
    // AP-1005 is in the National Day flash sale (10-01 … 10-07) and in Double-11.
    keys(&mut app, &mut store, &format!("2{}", select(&["AP-1005"])));
    let open: Vec<String> = app
        .ds()
        .batches
        .iter()
        .filter(|b| b.status != skudesk::domain::model::BatchStatus::Done)
        .map(|b| b.name.clone())
        .collect();
    let choice = |name: &str| 1 + open.iter().position(|n| n.contains(name)).unwrap();
    // Into the T-shirt consignment (10-08 … 12-31): Double-11 overlaps it, the flash
    // sale ends the day before.
    let right = "<right>".repeat(choice("T-shirt"));
    keys(&mut app, &mut store, &format!("c<up>{right}"));
    let s = screen(&app);
    assert!(
        s.contains("1 SKU(s) already in another open batch")
            && s.contains("AP-1005 in 双十一清仓 Double-11"),
        "{s}"
    );
    assert!(!s.contains("National Day"), "{s}");
    let before = store.load().unwrap();
    let members = |ds: &skudesk::domain::model::Dataset| {
        ds.batches
            .iter()
            .find(|b| b.name.contains("T-shirt"))
            .unwrap()
            .skus
            .len()
    };
    keys(&mut app, &mut store, "<enter>");
    assert_eq!(members(&store.load().unwrap()), members(&before), "not yet");
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none(), "{:?}", app.message());
    assert_eq!(members(&store.load().unwrap()), members(&before) + 1);

    // Into the flash sale, which holds it already: that batch does not count, and
    // Double-11 does not overlap it. One Enter.
    let (mut app, mut store) = demo();
    keys(&mut app, &mut store, &format!("2{}", select(&["AP-1005"])));
    let right = "<right>".repeat(choice("National Day"));
    keys(&mut app, &mut store, &format!("c<up>{right}"));
    assert!(form(&app).overlaps.is_empty(), "{:?}", form(&app).overlaps);
    assert!(!screen(&app).contains("already in another open batch"));
}

#[test]
fn i21_editing_a_batchs_dates_into_another_batch_names_its_skus_in_chinese_too() {
    let (mut app, mut store) = demo();
    let id = app
        .ds()
        .batches
        .iter()
        .find(|b| b.name.contains("National Day"))
        .unwrap()
        .id;
    let end = |store: &Store| {
        let ds = store.load().unwrap();
        ds.batches.iter().find(|b| b.id == id).unwrap().ends_on
    };
    let was = end(&store);
    // Its end moved from 10-07 to 11-03: its four SKUs are all in Double-11 too.
    let go = to_batch(&app, "National Day");
    keys(
        &mut app,
        &mut store,
        &format!("{go}e<down><down><down>2025-11-03"),
    );
    assert_eq!(form(&app).overlaps.len(), 4);
    let s = screen(&app);
    assert!(s.contains("4 SKU(s) already in another open batch"), "{s}");
    assert!(s.contains("AP-1005 in 双十一清仓 Double-11"), "{s}");
    assert!(s.contains("and 1 more"), "{s}");
    app.set_lang(skudesk::i18n::Lang::ZhCn);
    let s = screen(&app);
    assert!(s.contains("4 个 SKU 已在日期重叠的其他未结束批次中"), "{s}");
    assert!(s.contains("AP-1005 在 双十一清仓 Double-11"), "{s}");
    assert!(s.contains("另有 1 个"), "{s}");
    keys(&mut app, &mut store, "<enter>");
    form(&app);
    assert_eq!(end(&store), was, "nothing written");
    // Its 25 % step sells below cost too: one message says both, one more Enter.
    let said = app.message().unwrap().text.clone();
    assert!(
        said.contains("低于成本") && said.contains("4 个 SKU") && said.contains("再按"),
        "{said}"
    );
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none(), "{:?}", app.message());
    assert_eq!(
        end(&store).map(|d| d.to_string()).as_deref(),
        Some("2025-11-03")
    );

    // Moved back before Double-11: no SKU named; the second Enter is for the price
    // below cost alone.
    keys(&mut app, &mut store, "e<down><down><down>2025-10-31");
    assert!(form(&app).overlaps.is_empty());
    assert!(!screen(&app).contains("其他未结束批次"));
    keys(&mut app, &mut store, "<enter>");
    let said = app.message().unwrap().text.clone();
    assert!(said.contains("低于成本") && !said.contains("SKU"), "{said}");
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none(), "{:?}", app.message());
    assert_eq!(
        end(&store).map(|d| d.to_string()).as_deref(),
        Some("2025-10-31")
    );
}

#[test]
fn i21_sku_codes_and_batch_names_from_the_data_are_cleaned_for_the_terminal() {
    use skudesk::domain::clearance::Ladder;
    use skudesk::domain::command::{BatchRef, BatchSpec, Command, MarkBatch};
    use skudesk::domain::dates::{parse_date, Day};
    use skudesk::domain::model::{BatchChannel, BatchStatus};
    use std::str::FromStr;

    let (_, mut store) = demo();
    let day = |s: &str| Day::from_date(parse_date(s).unwrap());
    store
        .apply(&Command::MarkBatch(MarkBatch {
            batch: BatchRef::New(BatchSpec {
                name: "Evil\u{202e}name\tbatch".into(),
                channel: BatchChannel::FlashSale,
                starts_on: day("2025-12-01"),
                ends_on: Some(day("2025-12-10")),
                ladder: Ladder::from_str("20%").unwrap(),
                cash_target: Default::default(),
                status: BatchStatus::Planned,
            }),
            skus: vec![("HT-1001".into(), None)],
        }))
        .unwrap();
    let ds = store.load().unwrap();
    let s = Settings::default();
    let frame = Frame::new(ds.latest_day().unwrap(), s.window_days, s.velocity_days);
    let mut app = App::new(ds, s, frame, ":memory:".into(), true);
    keys(&mut app, &mut store, &format!("2{}", select(&["HT-1001"])));
    keys(
        &mut app,
        &mut store,
        &new_batch("Dec", "2025-12-05", "2025-12-20"),
    );
    let s = screen(&app);
    assert!(s.contains("HT-1001 in Evilname batch"), "{s}");
    assert!(!s.contains('\u{202e}') && !s.contains('\t'), "{s:?}");
}
