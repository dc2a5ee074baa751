//! Issue 16's defects in the app, headless: a form and the selection survive another
//! program's commit (item 5), Ctrl-C quits whatever `[keys]` says (12), numbers too wide
//! for their column are shortened, never cut (15), and `<`/`>` stop at the ends of the
//! date range (16).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::demo::demo_app as demo;
use common::keys::keys;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skudesk::domain::dates::{Day, Frame};
use skudesk::domain::settings::Settings;
use skudesk::import::native;
use skudesk::store::Store;
use skudesk::ui::app::App;
use skudesk::ui::overlay::Overlay;

/// The app drawn at `w`×`h`, one string per row.
fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = skudesk::ui::theme::Theme::default();
    t.draw(|f| skudesk::ui::draw::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

/// A store of its own holding `products` (a native products CSV).
fn other_program(products: &str) -> Store {
    let mut other = Store::open_in_memory().unwrap();
    other
        .import_products(
            &native::products("p.csv", products.as_bytes()).unwrap(),
            false,
        )
        .unwrap();
    other
}

fn changes(store: &Store) -> usize {
    store.history(1000).unwrap().len()
}

#[test]
fn item_05_an_open_form_and_the_selection_survive_another_programs_commit() {
    let (mut app, mut store) = demo();
    keys(&mut app, &mut store, "2<space><space>");
    let selected: Vec<String> = app
        .selection()
        .iter()
        .map(|&i| app.ds().products[i].sku.clone())
        .collect();
    assert_eq!(selected.len(), 2);
    keys(&mut app, &mut store, "r<right><down><down><down>keep me");
    // Another program replaced the data: the two SKUs are still there, at other places.
    let other = other_program(&format!(
        "sku,unit_cost\nZZ-1,1\n{},2\n{},3\n",
        selected[1], selected[0]
    ));
    app.reload(other.load().unwrap());
    let Some(Overlay::Reclassify(form)) = app.overlay() else {
        panic!("the reclassify form was thrown away")
    };
    assert_eq!(
        form.skus, selected,
        "the form still applies to the same SKUs"
    );
    assert_eq!(form.form.text(3), "keep me", "and keeps what was typed");
    let now: Vec<&str> = form
        .products
        .iter()
        .map(|&i| app.ds().products[i].sku.as_str())
        .collect();
    assert_eq!(now, [selected[0].as_str(), selected[1].as_str()]);
    let kept: Vec<&str> = app
        .selection()
        .iter()
        .map(|&i| app.ds().products[i].sku.as_str())
        .collect();
    assert_eq!(kept.len(), 2, "the selection is kept");
    assert!(selected.iter().all(|s| kept.contains(&s.as_str())));

    // Now one of them is gone: applying names it and changes nothing.
    let other = other_program(&format!("sku,unit_cost\nZZ-1,1\n{},2\n", selected[1]));
    app.reload(other.load().unwrap());
    let before = changes(&store);
    keys(&mut app, &mut store, "<enter>");
    assert!(
        matches!(app.overlay(), Some(Overlay::Reclassify(_))),
        "the form stays open"
    );
    let said = &app.message().expect("a message").text;
    assert!(
        said.contains(&selected[0]) && said.contains("no longer in the data"),
        "{said}"
    );
    assert!(!said.contains(&selected[1]), "{said}");
    assert_eq!(changes(&store), before, "nothing applied");
}

#[test]
fn item_05_an_open_batch_form_survives_a_reload_and_applies_to_its_skus() {
    let (mut app, mut store) = demo();
    keys(&mut app, &mut store, "2<space>");
    let sku = app.ds().products[*app.selection().first().unwrap()]
        .sku
        .clone();
    keys(&mut app, &mut store, "cKept batch");
    // Another program's commit (here: through the same file's store) reloads the data.
    let reloaded = store.load().unwrap();
    app.reload(reloaded);
    let Some(Overlay::Batch(form)) = app.overlay() else {
        panic!("the batch form was thrown away")
    };
    assert_eq!(form.skus, std::slice::from_ref(&sku));
    assert!(form.preview.is_some(), "the what-if is computed again");
    keys(&mut app, &mut store, "<enter>");
    let ds = store.load().unwrap();
    let batch = ds
        .batches
        .iter()
        .find(|b| b.name == "Kept batch")
        .expect("the batch was created from the kept form");
    let ix = ds.product_ix(&sku).unwrap();
    assert!(batch.skus.iter().any(|s| s.product == ix), "with its SKU");
}

#[test]
fn item_12_ctrl_c_quits_even_when_the_config_rebinds_quit() {
    let (mut app, mut store) = demo();
    let mut keys_cfg = std::collections::BTreeMap::new();
    keys_cfg.insert(
        "quit".to_string(),
        skudesk::config::KeyList::Many(vec!["F10".into()]),
    );
    app.set_keymap(skudesk::ui::keymap::Keymap::with_overrides(&keys_cfg).unwrap());
    keys(&mut app, &mut store, "2r");
    assert!(matches!(app.overlay(), Some(Overlay::Reclassify(_))));
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(
        app.quitting(),
        "ctrl-c quits from a form, with quit bound to F10"
    );
    let (mut app, _) = demo();
    app.set_keymap(skudesk::ui::keymap::Keymap::with_overrides(&keys_cfg).unwrap());
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.quitting(), "and from a tab");
}

/// Products with stock far beyond the demo's: on hand 12,345,678 and a capital of
/// 1,524,073,949.10.
fn huge() -> (App, Store) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .import_products(
            &native::products(
                "p.csv",
                b"sku,name,unit_cost,list_price\nBIG-1,Huge stock,123.45,200\nSMALL-1,Small,1,2\n",
            )
            .unwrap(),
            false,
        )
        .unwrap();
    store
        .import_stock(
            &native::stock(
                "s.csv",
                b"sku,received_on,qty,unit_cost\nBIG-1,2025-01-01,12345678,123.45\nSMALL-1,2025-01-01,5,1\n",
            )
            .unwrap(),
            false,
        )
        .unwrap();
    store
        .import_orders(
            &native::orders(
                "o.csv",
                b"order_id,ordered_at,sku,qty,unit_price\n1,2025-09-01,SMALL-1,1,2\n",
            )
            .unwrap(),
            false,
        )
        .unwrap();
    let ds = store.load().unwrap();
    let s = Settings::default();
    let frame = Frame::new(ds.latest_day().unwrap(), s.window_days, s.velocity_days);
    (App::new(ds, s, frame, "t.db".into(), false), store)
}

#[test]
fn item_15_a_number_too_wide_for_its_column_is_shortened_never_cut() {
    for (w, h) in [(80, 24), (120, 40)] {
        for lang in [skudesk::i18n::Lang::En, skudesk::i18n::Lang::ZhCn] {
            let (mut app, mut store) = huge();
            app.set_lang(lang);
            keys(&mut app, &mut store, "2");
            let screen = rows(&app, w, h);
            let row = screen
                .iter()
                .find(|r| r.contains("BIG-1"))
                .unwrap_or_else(|| panic!("no BIG-1 row at {w}x{h}:\n{}", screen.join("\n")));
            // Either the whole figure or a shortened one with its unit, never a prefix.
            let on_hand_ok = row.contains("12345678")
                || row.contains("12,345,678")
                || row.contains("12.3M")
                || row.contains("1235万");
            assert!(on_hand_ok, "{lang:?} {w}x{h}: on hand cut: {row}");
            let capital_ok = row.contains("1,524,073,949.10")
                || row.contains("1524073949.10")
                || row.contains("1.52B")
                || row.contains("15.2亿");
            assert!(capital_ok, "{lang:?} {w}x{h}: capital cut: {row}");
            for cut in ["1234567 ", "1524073949. ", "1524073949 "] {
                assert!(!row.contains(cut), "{lang:?} {w}x{h}: {cut:?} in {row}");
            }
        }
    }
}

#[test]
fn item_16_the_as_of_date_does_not_move_past_9999_12_31_or_before_1900() {
    let mut store = Store::open_in_memory().expect("store");
    skudesk::demo::fill(&mut store).expect("demo");
    let s = Settings::default();
    let at = |day: Day| {
        let frame = Frame::new(day, s.window_days, s.velocity_days);
        App::new(
            store.load().unwrap(),
            s.clone(),
            frame,
            ":memory:".into(),
            true,
        )
    };
    let mut app = at(Day::LAST);
    let mut scratch = Store::open_in_memory().unwrap();
    keys(&mut app, &mut scratch, ">");
    assert_eq!(app.frame().as_of, Day::LAST);
    let said = &app.message().expect("a message").text;
    assert!(said.contains("9999-12-31"), "{said}");
    let mut app = at(Day::FIRST);
    keys(&mut app, &mut scratch, "<");
    assert_eq!(app.frame().as_of, Day::FIRST);
    keys(&mut app, &mut scratch, ">");
    assert_eq!(
        app.frame().as_of,
        Day::FIRST.plus(1),
        "moving back in is fine"
    );
}

/// Line and paragraph separators and an Arabic letter mark in a name and a category.
const SEPARATORS: &str = "Sep\u{2028}line\u{2029}para\u{61C}mark";

#[test]
fn item_07_separators_and_format_characters_reach_no_screen_and_no_export() {
    let unsafe_chars = ['\u{2028}', '\u{2029}', '\u{61C}'];
    // The app.
    let mut store = Store::open_in_memory().unwrap();
    let products = format!(
        "sku,name,category,unit_cost,list_price\nX1,\"{SEPARATORS}\",\"{SEPARATORS}\",5,10\n"
    );
    store
        .import_products(
            &native::products("p.csv", products.as_bytes()).unwrap(),
            false,
        )
        .unwrap();
    let stock = "sku,qty,received_on\nX1,3,2025-09-01\n";
    store
        .import_stock(&native::stock("s.csv", stock.as_bytes()).unwrap(), false)
        .unwrap();
    let ds = store.load().unwrap();
    assert_eq!(ds.products[0].name, SEPARATORS, "stored as given");
    let s = Settings::default();
    let frame = Frame::new(
        Day::from_date(chrono::NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()),
        s.window_days,
        s.velocity_days,
    );
    let mut app = App::new(ds, s, frame, "t.db".into(), false);
    for script in ["1", "2", "<enter>"] {
        keys(&mut app, &mut store, script);
        let screen = rows(&app, 120, 40).join("\n");
        if script != "1" {
            assert!(screen.contains("Sepline"), "{script}: {screen}");
        }
        assert!(!screen.contains(unsafe_chars), "{script}: {screen}");
    }
    // The exports, CSV and Markdown, and the report.
    let sb = common::Sandbox::new();
    let file = sb.write("p.csv", products);
    sb.import_ok("products", &[&file]);
    let stock = sb.write("s.csv", stock);
    sb.import_ok("stock", &[&stock]);
    for args in [
        &["export", "view", "aging", "--format", "csv"][..],
        &["export", "view", "aging", "--format", "md"],
        &["report"],
        &["report", "--format", "csv"],
    ] {
        let out = sb.run_db(args);
        out.assert_code(0);
        assert!(out.stdout.contains("Sepline"), "{args:?}: {}", out.stdout);
        assert!(
            !out.stdout.contains(unsafe_chars),
            "{args:?} wrote a separator or format character"
        );
    }
}
