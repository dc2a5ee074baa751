//! Triage from the keyboard, headless: select slow movers, reclassify, put them in a
//! clearance batch, undo and redo — checking the app and the database after each step.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::demo::demo_app as setup;
use common::keys::keys;
use common::screen::{render, text};

use skudesk::domain::dates::{parse_date, Day, Frame};
use skudesk::domain::model::{BatchStatus, Lifecycle, Tier};
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::overlay::Overlay;

/// The app drawn at 120×40, as text (a line per row).
fn screen(app: &App) -> String {
    text(&render(app, 120, 40))
}

fn change_sets(store: &Store) -> usize {
    store
        .history(1000)
        .unwrap()
        .iter()
        .filter(|h| h.kind == "change" && !h.undone)
        .count()
}

#[test]
fn select_three_slow_movers_and_put_them_in_a_new_batch_then_undo_and_redo() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "2f<space><space><space>");
    assert_eq!(app.selection().len(), 3);
    let chosen: Vec<String> = app
        .selection()
        .iter()
        .map(|&i| app.ds().products[i].sku.clone())
        .collect();
    keys(&mut app, &mut store, "c");
    let Some(Overlay::Batch(form)) = app.overlay() else {
        panic!("no batch form")
    };
    let preview = form.preview.as_ref().expect("a preview");
    assert_eq!(preview.lines.len(), 3);
    assert_eq!(
        preview.cash_at_step.len(),
        3,
        "the default ladder has three steps"
    );
    // Name it, clear only 10 units of each, target 1000.
    keys(
        &mut app,
        &mut store,
        "Oct hats<down><down><down><down><down>10<down>1000<enter>",
    );
    assert!(app.overlay().is_none(), "the form closed");
    let ds = store.load().unwrap();
    let batch = ds
        .batches
        .iter()
        .find(|b| b.name == "Oct hats")
        .expect("batch written");
    assert_eq!(batch.status, BatchStatus::Planned);
    assert_eq!(batch.cash_target.to_string(), "1000.00");
    let mut members: Vec<String> = batch
        .skus
        .iter()
        .map(|s| ds.products[s.product as usize].sku.clone())
        .collect();
    members.sort();
    let mut want = chosen.clone();
    want.sort();
    assert_eq!(members, want);
    assert!(batch.skus.iter().all(|s| s.units_to_clear == Some(10)));
    assert!(
        app.selection().is_empty(),
        "selection cleared after applying"
    );
    assert_eq!(change_sets(&store), 1);

    keys(&mut app, &mut store, "u");
    assert!(store
        .load()
        .unwrap()
        .batches
        .iter()
        .all(|b| b.name != "Oct hats"));
    assert!(
        app.ds().batches.iter().all(|b| b.name != "Oct hats"),
        "the app reloaded"
    );
    keys(&mut app, &mut store, "<c-r>");
    assert!(store
        .load()
        .unwrap()
        .batches
        .iter()
        .any(|b| b.name == "Oct hats"));
}

#[test]
fn reclassify_the_cursor_sku_with_a_what_if_and_undo_it() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "2");
    let sku_ix = app.selected_product().unwrap();
    let sku = app.ds().products[sku_ix].sku.clone();
    let before_tier = app.review().skus[sku_ix].tier;
    assert_ne!(before_tier, Tier::High);
    keys(&mut app, &mut store, "r<right>");
    let Some(Overlay::Reclassify(form)) = app.overlay() else {
        panic!("no reclassify form")
    };
    // high chosen: the what-if moves this SKU's revenue into the high tier.
    let moved = app.review().skus[sku_ix]
        .net_revenue
        .ratio(app.review().kpis.net_revenue)
        .unwrap();
    let before = form.before.share_revenue[0].unwrap();
    let after = form.after.share_revenue[0].unwrap();
    assert!(
        (after - before - moved).abs() < 1e-9,
        "{before} → {after}, moved {moved}"
    );
    keys(
        &mut app,
        &mut store,
        "<down><right><right><right><right><down><down>overstock<enter>",
    );
    let p = store
        .load()
        .unwrap()
        .products
        .into_iter()
        .find(|p| p.sku == sku)
        .unwrap();
    assert_eq!(p.tier_override, Some(Tier::High));
    assert_eq!(p.lifecycle, Some(Lifecycle::Clearance));
    assert_eq!(
        app.review().skus[sku_ix].tier,
        Tier::High,
        "the app shows the new tier at once"
    );
    assert!(app.review().skus[sku_ix].tier_overridden);
    keys(&mut app, &mut store, "u");
    let p = store
        .load()
        .unwrap()
        .products
        .into_iter()
        .find(|p| p.sku == sku)
        .unwrap();
    assert_eq!(p.tier_override, None);
    assert_eq!(app.review().skus[sku_ix].tier, before_tier);
}

#[test]
fn an_empty_reclassify_is_refused_and_esc_cancels() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "2r<enter>");
    assert!(
        matches!(app.overlay(), Some(Overlay::Reclassify(_))),
        "the form stays open"
    );
    assert!(app.message().unwrap().text.contains("nothing to change"));
    keys(&mut app, &mut store, "<esc>");
    assert!(app.overlay().is_none());
    assert_eq!(change_sets(&store), 0);
}

#[test]
fn a_price_below_cost_needs_a_second_enter() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "2c");
    // A 90 % discount sells below cost.
    let ladder: String = std::iter::repeat_n("<bs>", 20).collect();
    keys(
        &mut app,
        &mut store,
        &format!("Deep cut<down><down><down><down>{ladder}90%<enter>"),
    );
    assert!(
        matches!(app.overlay(), Some(Overlay::Batch(_))),
        "first Enter only warns"
    );
    assert_eq!(change_sets(&store), 0);
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none());
    assert!(store
        .load()
        .unwrap()
        .batches
        .iter()
        .any(|b| b.name == "Deep cut"));
}

#[test]
fn deleting_a_batch_asks_first_and_no_is_the_default() {
    let (mut app, mut store) = setup();
    let n = app.ds().batches.len();
    let plans = app.ds().plans.len();
    let first = app.ds().batches[0].id;
    let followed = app
        .ds()
        .plans
        .iter()
        .any(|p| p.target.as_ref().and_then(|t| t.batch_id) == Some(first));
    assert!(followed, "the demo's first batch is followed by a plan");
    // Move to the first batch row below the plans on tab 4.
    let down: String = "j".repeat(plans);
    keys(&mut app, &mut store, &format!("4{down}d"));
    // A batch a plan follows cannot go: the app says why (naming the plans) before
    // asking anything.
    assert!(!matches!(app.overlay(), Some(Overlay::Confirm(_))));
    assert_eq!(store.load().unwrap().batches.len(), n);
    assert!(app.message().unwrap().text.contains("plan(s) follow it"));
    // A batch no plan follows: d asks, Enter means no, y deletes it, u brings it back.
    let free = app.ds().batches.iter().position(|b| {
        !app.ds()
            .plans
            .iter()
            .any(|p| p.target.as_ref().and_then(|t| t.batch_id) == Some(b.id))
    });
    let free = free.expect("a batch without a plan");
    keys(&mut app, &mut store, &format!("{}d", "j".repeat(free)));
    assert!(matches!(app.overlay(), Some(Overlay::Confirm(_))));
    keys(&mut app, &mut store, "<enter>");
    assert_eq!(store.load().unwrap().batches.len(), n, "Enter means no");
    keys(&mut app, &mut store, "dy");
    assert_eq!(store.load().unwrap().batches.len(), n - 1);
    // Its undo asks first (it brings back a whole batch), as the close does.
    keys(&mut app, &mut store, "uy");
    assert_eq!(store.load().unwrap().batches.len(), n);
    // Closing a batch marks it done, undoably.
    keys(&mut app, &mut store, "xy");
    assert!(store
        .load()
        .unwrap()
        .batches
        .iter()
        .any(|b| b.status == BatchStatus::Done));
}

#[test]
fn history_lists_changes_and_undo_state() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "2r<right><enter>u");
    keys(&mut app, &mut store, "L");
    let Some(Overlay::History(h)) = app.overlay() else {
        panic!("no history")
    };
    assert!(h.entries[0].summary.starts_with("reclassify"));
    assert!(h.entries[0].undone);
    assert!(h.entries.iter().any(|e| e.kind == "import"));
}

#[test]
fn a_read_only_database_says_why_no_change_can_be_made() {
    let (mut app, mut store) = setup();
    app.set_read_only(Some("the file is not writable".into()));
    keys(&mut app, &mut store, "2r");
    assert!(app.overlay().is_none(), "no form opens");
    assert!(app
        .message()
        .unwrap()
        .text
        .contains("read-only: the file is not writable"));
    keys(&mut app, &mut store, "cu");
    assert!(app.overlay().is_none());
    assert_eq!(change_sets(&store), 0);
    // Looking around still works.
    keys(&mut app, &mut store, "<enter>");
    assert!(matches!(app.overlay(), Some(Overlay::Detail(_))));
}

#[test]
fn data_replaced_from_outside_closes_what_held_old_rows() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "2a<enter>");
    assert!(matches!(app.overlay(), Some(Overlay::Detail(_))));
    assert!(!app.selection().is_empty());
    // Another process replaced the data with a much smaller set.
    let mut other = Store::open_in_memory().unwrap();
    let products = b"sku,unit_cost\nA,1\nB,2\n";
    other
        .import_products(
            &skudesk::import::native::products("p.csv", products).unwrap(),
            false,
        )
        .unwrap();
    app.reload(other.load().unwrap());
    assert!(app.overlay().is_none());
    assert!(app.selection().is_empty());
    screen(&app);
    keys(&mut app, &mut store, "r<right>");
}

#[test]
fn candidates_are_added_edited_promoted_and_deleted_from_the_keyboard() {
    let (mut app, mut store) = setup();
    let before = app.ds().candidates.len();
    // n: a new candidate, typed field by field (Tab moves on).
    keys(&mut app, &mut store, "3n");
    assert!(matches!(app.overlay(), Some(Overlay::Candidate(_))));
    let fields = [
        "Smart pill box",
        "smart-health",
        "30",
        "4",
        "only one with app",
        "5",
        "parents forget",
        "4",
        "40",
        "120",
        "pet_parents",
        "",
    ];
    let mut script = String::new();
    for (i, f) in fields.iter().enumerate() {
        script.push_str(f);
        if i + 1 < fields.len() {
            script.push_str("<down>");
        }
    }
    script.push_str("<enter>");
    keys(&mut app, &mut store, &script);
    assert!(
        app.overlay().is_none(),
        "{:?}",
        app.message().map(|m| &m.text)
    );
    let ds = store.load().unwrap();
    assert_eq!(ds.candidates.len(), before + 1);
    let c = ds
        .candidates
        .iter()
        .find(|c| c.name == "Smart pill box")
        .unwrap();
    assert_eq!((c.competitive_gap, c.user_pain, c.brand_fit), (4, 5, 4));
    assert_eq!(c.expected_price.to_string(), "120.00");
    // It scores 30×0.75 + 25×0.8 + 25 + 20×0.8 = 83.5 → launch, so it is first: promote it.
    assert_eq!(
        app.ds().candidates[app.views().candidate_order[0]].name,
        "Smart pill box"
    );
    keys(&mut app, &mut store, "gp<enter>");
    let ds = store.load().unwrap();
    let sku = ds
        .products
        .iter()
        .find(|p| p.name == "Smart pill box")
        .expect("a new SKU");
    assert_eq!(sku.lifecycle, Some(skudesk::domain::model::Lifecycle::New));
    assert_eq!(sku.unit_cost.unwrap().to_string(), "40.00");
    assert_eq!(
        ds.candidates
            .iter()
            .find(|c| c.name == "Smart pill box")
            .unwrap()
            .promoted_sku
            .as_deref(),
        Some(sku.sku.as_str())
    );
    // Its row now follows the SKU against the new-product targets.
    let ci = app
        .ds()
        .candidates
        .iter()
        .position(|c| c.name == "Smart pill box")
        .unwrap();
    let launched = app.views().launched[ci]
        .as_ref()
        .expect("tracked after promotion");
    assert_eq!(app.ds().products[launched.product].sku, sku.sku);
    assert_eq!(launched.conversion, None, "no traffic yet");
    // Undo the promotion, then delete the candidate (confirmed), then undo that too.
    keys(&mut app, &mut store, "u");
    assert!(store
        .load()
        .unwrap()
        .products
        .iter()
        .all(|p| p.name != "Smart pill box"));
    keys(&mut app, &mut store, "gdy");
    assert_eq!(store.load().unwrap().candidates.len(), before);
    keys(&mut app, &mut store, "u");
    assert_eq!(store.load().unwrap().candidates.len(), before + 1);
}

#[test]
fn plans_are_added_and_their_status_edited() {
    let (mut app, mut store) = setup();
    let before = app.ds().plans.len();
    keys(
        &mut app,
        &mut store,
        // A rate is typed in percent, as the form shows it (issue 19 item 7).
        "4n<right><down>Ship BP monitor<down>2026-03-31<down><down><right><right><down>35%<enter>",
    );
    assert!(
        app.overlay().is_none(),
        "{:?}",
        app.message().map(|m| &m.text)
    );
    let ds = store.load().unwrap();
    assert_eq!(ds.plans.len(), before + 1);
    let p = ds
        .plans
        .iter()
        .find(|p| p.title == "Ship BP monitor")
        .unwrap();
    assert_eq!(p.horizon, skudesk::domain::model::Horizon::Mid);
    let t = p.target.as_ref().unwrap();
    assert_eq!(
        t.metric,
        skudesk::domain::plan::TargetMetric::LowTierRevenueShare
    );
    assert_eq!(t.value.to_string(), "0.35");
    // Edit the first plan's status: doing → done.
    let first = app.ds().plans[0].clone();
    keys(&mut app, &mut store, "ge<down><down><down><right><enter>");
    let edited = store
        .load()
        .unwrap()
        .plans
        .into_iter()
        .find(|p| p.id == first.id)
        .unwrap();
    assert_ne!(edited.status, first.status);
    // A batch metric without a batch is refused with a reason.
    keys(&mut app, &mut store, "n<down>No batch<down><down><down>");
    let metric_steps = skudesk::domain::plan::TargetMetric::ALL
        .iter()
        .position(|m| *m == skudesk::domain::plan::TargetMetric::BatchCashRecovered)
        .unwrap()
        + 1;
    keys(
        &mut app,
        &mut store,
        &format!("{}<down>100<enter>", "<right>".repeat(metric_steps)),
    );
    assert!(matches!(app.overlay(), Some(Overlay::Plan(_))));
    assert!(app.message().unwrap().text.contains("pick one"));
}

#[test]
fn marked_candidates_are_compared_side_by_side() {
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "3x");
    assert!(app.overlay().is_none(), "one candidate is not a comparison");
    keys(&mut app, &mut store, "<space><space><space>x");
    let Some(Overlay::Compare(marked)) = app.overlay() else {
        panic!("no comparison")
    };
    assert_eq!(marked.candidates.len(), 3);
    let best = app.views().candidate_order[0];
    assert!(marked.candidates.contains(&best));
    let screen = screen(&app);
    assert!(screen.contains("Compare candidates") && screen.contains("expected margin"));
    keys(&mut app, &mut store, "<esc>");
    assert!(app.overlay().is_none());
}

#[test]
fn the_kpi_strip_compares_with_the_same_window_a_year_earlier() {
    let mut store = Store::open_in_memory().unwrap();
    let products = b"sku,unit_cost,list_price\nA,6,10\n";
    store
        .import_products(
            &skudesk::import::native::products("p.csv", products).unwrap(),
            false,
        )
        .unwrap();
    let orders = b"order_id,ordered_at,sku,qty,unit_price\n1,2024-04-01,A,1,10\n2,2024-09-01,A,3,10\n3,2025-09-01,A,5,10\n";
    store
        .import_orders(
            &skudesk::import::native::orders("o.csv", orders).unwrap(),
            false,
        )
        .unwrap();
    let ds = store.load().unwrap();
    let s = Settings::default();
    let frame = Frame::new(ds.latest_day().unwrap(), s.window_days, s.velocity_days);
    let mut app = App::new(ds, s, frame, "t.db".into(), false);
    // Only the plans tab shows them: on the others they wait (an as-of change there
    // costs one review, not two).
    assert!(app.views().last_year_pending && app.views().last_year.is_none());
    keys(&mut app, &mut store, "<");
    keys(&mut app, &mut store, ">");
    assert!(app.views().last_year_pending);
    keys(&mut app, &mut store, "4");
    assert!(!app.views().last_year_pending);
    let ly = app
        .views()
        .last_year
        .as_ref()
        .expect("the data reaches back a year");
    assert_eq!(
        ly.net_revenue.to_string(),
        "30.00",
        "only 2024-09-01 lies in the window a year earlier"
    );
    assert_eq!(app.review().kpis.net_revenue.to_string(), "50.00");
    // On the plans tab an as-of change brings its own year-earlier figures.
    keys(&mut app, &mut store, "<");
    assert!(!app.views().last_year_pending);
    keys(&mut app, &mut store, ">");
    assert!(!app.views().last_year_pending);
    let screen = screen(&app);
    assert!(
        screen.contains("a year earlier, same window: revenue 30.00"),
        "{screen}"
    );
    // No turnover a year earlier: the database holds today's stock only, and today's
    // stock over last year's cost of goods is a figure of no day.
    let line = screen
        .lines()
        .find(|l| l.contains("a year earlier, same window"))
        .unwrap();
    assert!(!line.contains("turnover"), "{line}");
    // On 80 columns the line breaks between its figures, none cut.
    let ly = app.views().last_year.clone().expect("year-earlier figures");
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 40)).unwrap();
    let theme = skudesk::ui::theme::Theme::default();
    t.draw(|f| skudesk::ui::draw::draw(f, &app, &theme))
        .unwrap();
    let rows: Vec<String> = t
        .backend()
        .buffer()
        .content
        .chunks(80)
        .map(|row| row.iter().map(|c| c.symbol()).collect())
        .collect();
    // (The first KPI rows say "High-tier repurchase" too: not those.)
    let repurchase = format!("repurchase {}", skudesk::export::pct(ly.repurchase_rate));
    for part in ["a year earlier, same window: revenue 30.00", &repurchase] {
        assert!(
            rows.iter()
                .any(|r| r.contains(part) && !r.contains("High-tier")),
            "{part:?} not whole on one row:\n{}",
            rows.join("\n")
        );
    }
    // The demo's orders start 2024-07-01: the window a year before its as-of date
    // (2024-07-03 … 2024-09-30) is covered, so its figures are there, over those lines,
    // and they tell the demo's story: the high tier's revenue share has risen since.
    let (mut demo_app, _) = setup();
    demo_app.settle_last_year();
    assert!(!demo_app.views().last_year_pending);
    let ly = demo_app
        .views()
        .last_year
        .clone()
        .expect("the demo reaches back a year");
    let day = |t: &str| Day::from_date(parse_date(t).unwrap());
    let window = day("2024-07-03")..=day("2024-09-30");
    let by_hand: skudesk::domain::money::Money = demo_app
        .ds()
        .lines
        .iter()
        .filter(|l| window.contains(&l.day))
        .map(|l| l.net_revenue())
        .sum();
    assert_eq!(ly.net_revenue, by_hand);
    let high = Tier::High.index();
    let (then, now) = (
        ly.tier_share_revenue[high].expect("year-earlier high share"),
        demo_app.review().kpis.tier_share_revenue[high].expect("high share"),
    );
    assert!(
        then < now,
        "high-tier share {then} a year earlier, {now} now"
    );
}

#[test]
fn i_previews_a_shop_export_writes_nothing_then_imports_it_on_enter() {
    let (mut app, mut store) = setup();
    let lines_before = store.load().unwrap().lines.len();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mappings/shopify_orders.csv"
    );
    keys(&mut app, &mut store, &format!("i<down>{path}<enter>"));
    let Some(Overlay::ImportPreview(p)) = app.overlay() else {
        panic!("a preview is shown: {:?}", app.message().map(|m| &m.text));
    };
    assert!(p.can_apply(), "{:?}", p.outcome.errors);
    assert!(
        p.outcome.lines[0].contains("4 added"),
        "{:?}",
        p.outcome.lines
    );
    assert!(p.outcome.lines.iter().any(|l| l.contains("shopify-orders")));
    assert!(screen(&app).contains("Import preview"));
    assert_eq!(
        store.load().unwrap().lines.len(),
        lines_before,
        "the preview writes nothing"
    );

    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none());
    let ds = store.load().unwrap();
    assert_eq!(ds.lines.len(), 4, "the demo data replaced by the 4 lines");
    assert_eq!(app.ds().lines.len(), 4, "the app shows the new data");
    assert!(!app.is_demo());
    assert_eq!(app.frame().as_of, ds.latest_day().unwrap());
}

#[test]
fn i_takes_the_two_files_of_a_taobao_export_in_either_order() {
    let (mut app, mut store) = setup();
    let fixture = |name: &str| {
        format!(
            "{}/tests/fixtures/mappings/{name}",
            env!("CARGO_MANIFEST_DIR")
        )
    };
    // The items file alone: the preview says the orders file is needed.
    keys(
        &mut app,
        &mut store,
        &format!("i<down>{}<enter>", fixture("taobao_items_gbk.csv")),
    );
    let Some(Overlay::ImportPreview(p)) = app.overlay() else {
        panic!("a preview is shown: {:?}", app.message().map(|m| &m.text));
    };
    assert!(!p.can_apply());
    assert!(
        p.outcome.errors[0].contains("give the orders file 订单报表 (ExportOrderList) with it"),
        "{:?}",
        p.outcome.errors
    );
    keys(&mut app, &mut store, "<esc>");
    // The orders file in the path field and the items file as the other file, mapping
    // auto: each file's role is read from its header.
    keys(
        &mut app,
        &mut store,
        &format!(
            "i<down>{}<down><down>{}<enter>",
            fixture("taobao_orders_list_gbk.csv"),
            fixture("taobao_items_gbk.csv")
        ),
    );
    let Some(Overlay::ImportPreview(p)) = app.overlay() else {
        panic!("a preview is shown: {:?}", app.message().map(|m| &m.text));
    };
    assert!(p.can_apply(), "{:?}", p.outcome.errors);
    assert!(
        p.outcome.lines[0].contains("taobao_items_gbk.csv: 4 rows read")
            && p.outcome.lines[0].contains("4 added"),
        "{:?}",
        p.outcome.lines
    );
    assert!(
        p.outcome
            .lines
            .iter()
            .any(|l| l.contains("joined with the orders file 订单报表 (ExportOrderList)")),
        "{:?}",
        p.outcome.lines
    );
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none());
    assert_eq!(store.load().unwrap().lines.len(), 4, "the 4 paid lines");
}

#[test]
fn i_with_a_broken_file_lists_the_errors_and_enter_does_not_import() {
    let (mut app, mut store) = setup();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "order_id,ordered_at,sku,qty,unit_price\nA1,2025-09-01,S1,two,5\n",
    )
    .unwrap();
    // Mapping field: clear "auto" and pick native.
    keys(
        &mut app,
        &mut store,
        &format!(
            "i<down>{}<down><bs><bs><bs><bs>native<enter>",
            bad.display()
        ),
    );
    let Some(Overlay::ImportPreview(p)) = app.overlay() else {
        panic!("a preview is shown");
    };
    assert!(!p.can_apply());
    assert!(
        p.outcome.errors[0].contains("bad.csv:2: column qty"),
        "{:?}",
        p.outcome.errors
    );
    let before = store.load().unwrap().lines.len();
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none());
    assert_eq!(
        store.load().unwrap().lines.len(),
        before,
        "nothing imported"
    );
    assert!(app.is_demo(), "still the demo");
}

#[test]
fn rows_after_a_reclassify_are_the_rows_sorted_afresh() {
    let (mut app, mut store) = setup();
    // Aging tab, sorted by capital (kept across the change) then by tier (sorted again).
    keys(&mut app, &mut store, "2");
    for script in ["r<right><enter>", "s", "<down><down>r<right><right><enter>"] {
        keys(&mut app, &mut store, script);
        let fresh = app
            .aging()
            .query()
            .rows_from_scratch(app.ds(), app.review());
        assert_eq!(app.aging().rows, fresh, "after {script:?}");
    }
    assert_eq!(change_sets(&store), 2, "both reclassifies applied");
}

/// Text columns keep their sort orders across changes to the figures, so they must be
/// dropped when the text moves: a SKU moved to another category by a reclassify, and a
/// product renamed in reloaded data, show where a fresh sort puts them.
#[test]
fn text_sorts_follow_category_and_name_changes() {
    use skudesk::domain::command::{Command, Reclassify};
    use skudesk::ui::app::Column;
    use skudesk::ui::request::Request;
    let (mut app, mut store) = setup();
    keys(&mut app, &mut store, "2");
    let fresh = |app: &App| {
        app.aging()
            .query()
            .rows_from_scratch(app.ds(), app.review())
    };

    app.set_aging_sort(Some(Column::Category), false);
    app.refresh_rows();
    let last = *app.aging().rows.last().expect("rows");
    let sku = app.ds().products[last].sku.clone();
    app.push_request(Request::Apply(Command::Reclassify(Reclassify {
        skus: vec![sku.clone()],
        tier: None,
        lifecycle: None,
        category: Some("0-first".into()),
        reason: "test".into(),
    })));
    skudesk::ui::process(&mut app, &mut store);
    assert_eq!(app.ds().products[last].category, "0-first", "applied");
    assert_eq!(app.aging().rows, fresh(&app));
    assert_ne!(app.aging().rows.last(), Some(&last), "the SKU moved up");

    app.set_aging_sort(Some(Column::Name), false);
    app.refresh_rows();
    let last = *app.aging().rows.last().expect("rows");
    let mut ds = store.load().expect("load");
    ds.products[last].name = String::new();
    app.reload(ds);
    assert_eq!(app.aging().rows, fresh(&app));
    assert_eq!(app.aging().rows[0], last, "the renamed product sorts first");
}

/// Undo and redo of a change re-read only the products that change set touched: after
/// each step of a chain (two changes, both undone, one redone), the app's products and
/// figures are those of a fresh load — including the undo of the older change while the
/// newer one is already undone.
#[test]
fn undo_and_redo_refresh_the_products_of_the_set_they_replay() {
    use skudesk::domain::command::{Command, Reclassify, TierChoice};
    use skudesk::ui::request::Request;
    let (mut app, mut store) = setup();
    let (a, b) = (
        app.ds().products[0].sku.clone(),
        app.ds().products[1].sku.clone(),
    );
    let reclassify = |sku: &str, tier: Tier| {
        Request::Apply(Command::Reclassify(Reclassify {
            skus: vec![sku.to_string()],
            tier: Some(TierChoice::Set(tier)),
            lifecycle: None,
            category: None,
            reason: "test".into(),
        }))
    };
    let steps = [
        ("reclassify a", reclassify(&a, Tier::High)),
        ("reclassify b", reclassify(&b, Tier::Low)),
        ("undo b", Request::Undo),
        ("undo a", Request::Undo),
        ("redo a", Request::Redo),
    ];
    let original = (
        app.ds().products[0].tier_override,
        app.ds().products[1].tier_override,
    );
    let mut overrides = Vec::new();
    for (what, request) in steps {
        app.push_request(request);
        skudesk::ui::process(&mut app, &mut store);
        let fresh = store.load().unwrap();
        // (Not assert_eq: a failure would print 290 products.)
        assert!(
            app.ds().products == fresh.products,
            "{what}: the app's products are not a fresh load's"
        );
        let s = Settings::default();
        let again = App::new(fresh, s, app.frame(), ":memory:".into(), true);
        assert_eq!(app.review(), again.review(), "{what}");
        overrides.push((
            app.ds().products[0].tier_override,
            app.ds().products[1].tier_override,
        ));
    }
    assert_eq!(overrides[0].0, Some(Tier::High));
    assert_eq!(overrides[1].1, Some(Tier::Low));
    assert_eq!(overrides[2], (Some(Tier::High), original.1), "b taken back");
    assert_eq!(overrides[3], original, "both taken back");
    assert_eq!(
        overrides[4],
        (Some(Tier::High), original.1),
        "redo a brought it back"
    );
}
