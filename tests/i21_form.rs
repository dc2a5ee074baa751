//! Issue 21, the batch form: no stock booked twice (the form names each SKU already in
//! another open batch with overlapping dates, and that batch, and takes a second Enter),
//! and editing a batch previews the batch's stored units, not all on hand.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::keys::keys;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use skudesk::domain::dates::Frame;
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::overlay::batch::BatchForm;
use skudesk::ui::overlay::Overlay;
use skudesk::ui::theme::Theme;

fn demo() -> (App, Store) {
    let mut store = Store::open_in_memory().expect("store");
    skudesk::demo::fill(&mut store).expect("demo");
    let ds = store.load().expect("load");
    let s = Settings::default();
    let frame = Frame::new(
        ds.latest_day().expect("dates"),
        s.window_days,
        s.velocity_days,
    );
    (App::new(ds, s, frame, ":memory:".into(), true), store)
}

fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| skudesk::ui::draw::draw(f, app, &Theme::default()))
        .expect("draw");
    t.backend().buffer().clone()
}

/// The screen as text, a line per row; the cell a wide character covers is skipped.
fn text(buf: &Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

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
