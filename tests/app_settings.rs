//! Headless tests of issue #9 in the app: the settings popup (stored in the database as
//! one undoable change, tiers moving with the thresholds, undo and redo also after a
//! restart), the welcome screen, key overrides in dispatch, help and footer, mouse
//! clicks and the wheel, and the themes.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::keys::keys;

use std::collections::BTreeMap;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

use skudesk::config::KeyList;
use skudesk::domain::dates::Frame;
use skudesk::domain::model::Tier;
use skudesk::domain::settings::{Settings, ThemeName};
use skudesk::i18n::Lang;
use skudesk::import::native;
use skudesk::store::Store;
use skudesk::ui::action::Tab;
use skudesk::ui::app::App;
use skudesk::ui::keymap::Keymap;
use skudesk::ui::overlay::{welcome, Overlay};
use skudesk::ui::process;
use skudesk::ui::theme::Theme;

fn app_over(store: &Store, path: &str, demo: bool) -> App {
    let ds = store.load().expect("load");
    let s = Settings::default();
    let day = ds
        .latest_day()
        .unwrap_or(skudesk::domain::dates::Day(739_000));
    let frame = Frame::new(day, s.window_days, s.velocity_days);
    App::new(ds, s, frame, path.into(), demo)
}

fn demo() -> (App, Store) {
    let mut store = Store::open_in_memory().expect("store");
    skudesk::demo::fill(&mut store).expect("demo");
    (app_over(&store, ":memory:", true), store)
}

/// Three SKUs without sales, tiered by list margin: A 22 %, B 40 %, C 10 %; each has
/// stock, so the tables count it.
fn small_shop(store: &mut Store) {
    let csv = b"sku,name,unit_cost,list_price\nA,Twenty-two,78,100\nB,Forty,60,100\nC,Ten,90,100\n";
    store
        .import_products(&native::products("p.csv", csv).unwrap(), false)
        .unwrap();
    let stock =
        b"sku,qty,received_on,unit_cost\nA,1,2025-09-01,78\nB,1,2025-09-01,60\nC,1,2025-09-01,90\n";
    store
        .import_stock(&native::stock("s.csv", stock).unwrap(), false)
        .unwrap();
}

fn render_with(app: &App, theme: Theme) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| skudesk::ui::draw::draw(f, app, &theme))
        .expect("draw");
    t.backend().buffer().clone()
}

fn render(app: &App) -> Buffer {
    render_with(app, Theme::default())
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Where `needle` first shows on screen: (column, row).
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    find_from(buf, 0, needle)
}

/// Where `needle` first shows on screen from row `top` down.
fn find_from(buf: &Buffer, top: u16, needle: &str) -> (u16, u16) {
    for y in top..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(byte) = line.find(needle) {
            return (line[..byte].chars().count() as u16, y);
        }
    }
    panic!("{needle:?} not on screen:\n{}", text(buf));
}

fn tier_of(app: &App, sku: &str) -> Tier {
    let i = app.ds().products.iter().position(|p| p.sku == sku).unwrap();
    app.review().skus[i].tier
}

fn stored(store: &Store) -> Vec<(String, String)> {
    store.settings().unwrap()
}

#[test]
fn the_margin_floor_set_to_20_in_the_popup_moves_tiers_and_undoes() {
    let mut store = Store::open_in_memory().unwrap();
    small_shop(&mut store);
    let mut app = app_over(&store, ":memory:", false);
    assert_eq!(
        tier_of(&app, "A"),
        Tier::Low,
        "22 % is below the 25 % floor"
    );
    keys(&mut app, &mut store, ",");
    let Some(Overlay::Settings(form)) = app.overlay() else {
        panic!("no settings popup")
    };
    assert_eq!(form.form.text(0), "25", "the floor, in percent");
    let screen = text(&render(&app));
    assert!(screen.contains("Settings — Enter saves"), "{screen}");
    assert!(screen.contains("margin floor %") && screen.contains("follows floor"));
    // The first field is the floor: 25 → 20.
    keys(&mut app, &mut store, "<bs><bs>20<enter>");
    assert!(app.overlay().is_none(), "the popup closed");
    assert_eq!(
        stored(&store),
        [("margin_floor".to_string(), "0.2".to_string())]
    );
    assert_eq!(app.settings().margin_floor.to_string(), "0.2");
    assert_eq!(
        app.settings().low_margin_below.to_string(),
        "0.2",
        "the low tier follows the floor"
    );
    assert_eq!(tier_of(&app, "A"), Tier::Mid, "the tier moved");
    assert_eq!(tier_of(&app, "C"), Tier::Low);
    let said = app.message().unwrap().text.clone();
    assert!(said.contains("settings: margin_floor 0.2"), "{said}");
    assert!(said.contains("SKUs per tier: mid 0→1, low 2→1"), "{said}");
    let history = skudesk::session::said::history(&store, 5, Lang::En).unwrap();
    assert_eq!(history[0].summary, "settings: margin_floor 0.2");

    keys(&mut app, &mut store, "u");
    assert!(stored(&store).is_empty());
    assert_eq!(tier_of(&app, "A"), Tier::Low, "undo moved it back");
    keys(&mut app, &mut store, "<c-r>");
    assert_eq!(tier_of(&app, "A"), Tier::Mid, "and redo again");
}

#[test]
fn several_edits_are_one_change_and_wrong_values_keep_the_popup_open() {
    let (mut app, mut store) = demo();
    let low_before = app.tier_counts()[2];
    let sets_before = store.history(1000).unwrap().len();
    // Floor 27 %, slow after 45 days: one Enter, one change.
    keys(
        &mut app,
        &mut store,
        ",<bs><bs>27<down><down><down><down><down><down><bs><bs>45<enter>",
    );
    assert!(app.overlay().is_none());
    let changes: Vec<_> = skudesk::session::said::history(&store, 10, Lang::En)
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == "change")
        .collect();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].summary,
        "settings: margin_floor 0.27, slow_days 45"
    );
    assert_eq!(app.settings().slow_days, 45);
    assert!(
        app.tier_counts()[2] > low_before,
        "SKUs between 25 % and 27 % became low"
    );
    // A floor above the target contradicts it: refused, the popup stays, nothing stored.
    keys(&mut app, &mut store, ",<bs><bs>40<enter>");
    let Some(Overlay::Settings(form)) = app.overlay() else {
        panic!("the popup closed on a bad value")
    };
    let problem = form.problem.clone().unwrap();
    assert!(
        problem.contains("margin floor % must not be above margin target % (35 %)"),
        "{problem}"
    );
    keys(&mut app, &mut store, "<bs><bs>abc<enter>");
    let Some(Overlay::Settings(form)) = app.overlay() else {
        panic!("the popup closed on a bad value")
    };
    assert!(form.problem.clone().unwrap().contains("percent"));
    keys(&mut app, &mut store, "<esc>");
    assert_eq!(
        store.history(1000).unwrap().len(),
        sets_before + 1,
        "refused values stored nothing"
    );
    // Emptying a field set here drops it: back to the default.
    keys(&mut app, &mut store, ",<bs><bs><enter>");
    assert_eq!(app.settings().margin_floor.to_string(), "0.25");
    assert_eq!(
        stored(&store),
        [("slow_days".to_string(), "45".to_string())]
    );
}

#[test]
fn a_window_set_in_the_popup_moves_the_frame_and_survives_a_restart_with_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    {
        let mut store = Store::open(&path).unwrap();
        small_shop(&mut store);
        let mut app = app_over(&store, "shop.db", false);
        // The analysis window is the 9th field (of 14).
        keys(
            &mut app,
            &mut store,
            ",<up><up><up><up><up><up><bs><bs>60<enter>",
        );
        assert_eq!(app.frame().window_days, 60);
    }
    let mut store = Store::open(&path).unwrap();
    let mut app = app_over(&store, "shop.db", false);
    assert_eq!(
        app.settings().window_days,
        60,
        "read back from the database"
    );
    assert_eq!(app.frame().window_days, 60);
    keys(&mut app, &mut store, "u");
    assert_eq!(app.frame().window_days, 90);
    drop(app);
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert!(store.settings().unwrap().is_empty());
    store.redo().unwrap();
    assert_eq!(
        store.settings().unwrap(),
        [("window_days".to_string(), "60".to_string())]
    );
}

#[test]
fn the_welcome_shows_on_the_demo_until_dismissed_and_never_on_own_data() {
    let (mut app, mut store) = demo();
    welcome::show_if_new(&mut app, &store);
    assert!(matches!(app.overlay(), Some(Overlay::Welcome)));
    let screen = text(&render(&app));
    for needle in [
        "Welcome to skudesk",
        "1 Product mix",
        "4 Action plans",
        "skudesk --db shop.db import orders orders.csv",
        "--mapping shopify-orders",
        "--detect",
        "every key",
        "undo any change",
    ] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
    // Other keys do not go through to the tabs underneath.
    keys(&mut app, &mut store, "2");
    assert_eq!(app.tab(), Tab::Mix);
    assert!(matches!(app.overlay(), Some(Overlay::Welcome)));
    keys(&mut app, &mut store, "<enter>");
    assert!(app.overlay().is_none());
    assert!(
        store.welcome_dismissed().unwrap(),
        "remembered in the database"
    );
    let mut again = app_over(&store, ":memory:", true);
    welcome::show_if_new(&mut again, &store);
    assert!(again.overlay().is_none(), "not shown a second time");

    let mut own = Store::open_in_memory().unwrap();
    small_shop(&mut own);
    let mut mine = app_over(&own, ":memory:", own.is_demo().unwrap());
    welcome::show_if_new(&mut mine, &own);
    assert!(mine.overlay().is_none(), "never on the seller's own data");
}

#[test]
fn clicking_the_welcome_button_dismisses_it() {
    let (mut app, mut store) = demo();
    welcome::show_if_new(&mut app, &store);
    let buf = render(&app);
    let (x, y) = find(&buf, "Enter: start");
    app.on_mouse(click(x, y), &skudesk::ui::draw::tab_spans(app.lang()));
    process(&mut app, &mut store);
    assert!(app.overlay().is_none());
    assert!(store.welcome_dismissed().unwrap());
}

fn overrides(pairs: &[(&str, &str)]) -> BTreeMap<String, KeyList> {
    pairs
        .iter()
        .map(|(a, k)| (a.to_string(), KeyList::One(k.to_string())))
        .collect()
}

#[test]
fn key_overrides_drive_dispatch_help_and_footer() {
    let (mut app, mut store) = demo();
    app.set_keymap(
        Keymap::with_overrides(&overrides(&[
            ("undo", "z"),
            ("settings", "F2"),
            ("tab_aging", "A"),
        ]))
        .unwrap(),
    );
    keys(&mut app, &mut store, "A");
    assert_eq!(app.tab(), Tab::Aging, "A is now the aging tab");
    keys(&mut app, &mut store, "<f2>");
    assert!(matches!(app.overlay(), Some(Overlay::Settings(_))));
    keys(&mut app, &mut store, "<bs><bs>27<enter>");
    assert_eq!(stored(&store).len(), 1);
    keys(&mut app, &mut store, "u");
    assert_eq!(stored(&store).len(), 1, "u no longer undoes");
    keys(&mut app, &mut store, "z");
    assert!(stored(&store).is_empty(), "z does");
    keys(&mut app, &mut store, "1");
    let footer = text(&render(&app));
    let last = footer.lines().last().unwrap().to_string();
    assert!(last.contains(" z undo"), "{last}");
    assert!(!last.contains(" u undo"), "{last}");
    keys(&mut app, &mut store, "?");
    let help = text(&render(&app));
    assert!(help.contains("F2") && help.contains("settings: thresholds"));
    assert!(help.contains("z ") && help.contains("undo the last change"));
}

/// The keys of popups are in the one table too: a rebound help scroll, answer to a
/// question and close key take effect, the keys they replace do nothing, and the help
/// screen, its bottom border and the question name the keys in force.
#[test]
fn popup_key_overrides_drive_the_popups_and_the_help_screen() {
    let (mut app, mut store) = demo();
    app.set_keymap(
        Keymap::with_overrides(&overrides(&[
            ("scroll_down", "J"),
            ("yes", "o"),
            ("close", "x"),
        ]))
        .unwrap(),
    );
    keys(&mut app, &mut store, "?");
    // Tall enough that every key of the help screen shows without scrolling.
    let help = {
        let mut t = Terminal::new(TestBackend::new(120, 60)).expect("terminal");
        t.draw(|f| skudesk::ui::draw::draw(f, &app, &Theme::default()))
            .expect("draw");
        text(t.backend().buffer())
    };
    let line = |needle: &str| {
        help.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("scroll down").contains("  J "), "{help}");
    assert!(line("yes: delete").contains("  o "), "{help}");
    assert!(line("import if no errors").contains("Enter/o "), "{help}");
    assert!(help.contains("Keys — x closes"), "{help}");
    // On a small terminal the help scrolls with J, no longer with j.
    let small = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        t.draw(|f| skudesk::ui::draw::draw(f, app, &Theme::default()))
            .expect("draw");
        text(&t.backend().buffer().clone())
    };
    assert!(
        small(&app).contains("J/k ↑ PgDn PgUp scroll"),
        "{}",
        small(&app)
    );
    let scroll = |app: &App| match app.overlay() {
        Some(Overlay::Help(h)) => h.scroll,
        other => panic!("the help is not open: {other:?}"),
    };
    keys(&mut app, &mut store, "j");
    assert_eq!(scroll(&app), 0, "j no longer scrolls the help");
    keys(&mut app, &mut store, "JJ");
    assert_eq!(scroll(&app), 2);
    assert!(small(&app).contains("3–24 of"), "{}", small(&app));
    // Esc no longer closes it; x does.
    keys(&mut app, &mut store, "<esc>");
    assert!(matches!(app.overlay(), Some(Overlay::Help(_))));
    keys(&mut app, &mut store, "x");
    assert!(app.overlay().is_none());
    // A question is answered yes with o, and says so; y does nothing.
    let candidates = app.ds().candidates.len();
    keys(&mut app, &mut store, "3d");
    assert!(matches!(app.overlay(), Some(Overlay::Confirm(_))));
    assert!(text(&render(&app)).contains("o = yes"));
    keys(&mut app, &mut store, "y");
    assert!(matches!(app.overlay(), Some(Overlay::Confirm(_))));
    assert_eq!(app.ds().candidates.len(), candidates);
    keys(&mut app, &mut store, "o");
    assert!(app.overlay().is_none());
    assert_eq!(app.ds().candidates.len(), candidates - 1, "deleted with o");
}

fn click(x: u16, y: u16) -> MouseEvent {
    MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }
}

fn wheel(down: bool) -> MouseEvent {
    MouseEvent {
        kind: if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        },
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }
}

#[test]
fn clicks_select_rows_open_on_a_second_click_and_the_wheel_scrolls() {
    let (mut app, mut store) = demo();
    let tabs = skudesk::ui::draw::tab_spans(app.lang());
    // Tab bar: the aging tab.
    let buf = render(&app);
    let (x, y) = find(&buf, "Inventory aging");
    app.on_mouse(click(x, y), &tabs);
    assert_eq!(app.tab(), Tab::Aging);
    // The fourth row of the table (under the header) is selected.
    let buf = render(&app);
    let fourth = app.ds().products[app.aging().rows[3]].sku.clone();
    let (_, title) = find(&buf, "(Enter: details)");
    let (x, y) = find_from(&buf, title, &fourth);
    assert_eq!(y, title + 5, "border, header, then rows");
    app.on_mouse(click(x, y), &tabs);
    assert_eq!(app.cursor(Tab::Aging).selected, 3);
    // A second click on it opens the SKU's details, as Enter.
    render(&app);
    app.on_mouse(click(x, y), &tabs);
    let Some(Overlay::Detail(d)) = app.overlay() else {
        panic!("no details")
    };
    assert_eq!(app.ds().products[d.product].sku, fourth);
    keys(&mut app, &mut store, "<esc>");
    // The wheel moves the cursor; not while a popup is open.
    app.on_mouse(wheel(true), &tabs);
    app.on_mouse(wheel(true), &tabs);
    assert_eq!(app.cursor(Tab::Aging).selected, 5);
    app.on_mouse(wheel(false), &tabs);
    assert_eq!(app.cursor(Tab::Aging).selected, 4);
    keys(&mut app, &mut store, "?");
    app.on_mouse(wheel(true), &tabs);
    assert_eq!(app.cursor(Tab::Aging).selected, 4);
    keys(&mut app, &mut store, "<esc>");
    // A click below the last row selects nothing.
    let (_, title) = find(&render(&app), "(Enter: details)");
    app.on_mouse(click(2, title + 1), &tabs);
    assert_eq!(
        app.cursor(Tab::Aging).selected,
        4,
        "the header is not a row"
    );
    // The mix tab's rows: the third is the low tier; on the plans tab, a batch row.
    keys(&mut app, &mut store, "1");
    let buf = render(&app);
    let (_, header) = find(&buf, "Tier / category");
    app.on_mouse(click(3, header + 3), &tabs);
    assert_eq!(app.cursor(Tab::Mix).selected, 2);
    keys(&mut app, &mut store, "4");
    let buf = render(&app);
    let (_, title) = find(&buf, " Clearance batches ");
    app.on_mouse(click(3, title + 2), &tabs);
    assert_eq!(
        app.cursor(Tab::Plans).selected,
        app.ds().plans.len(),
        "the first batch"
    );
}

#[test]
fn footer_hints_are_buttons() {
    let (mut app, mut store) = demo();
    keys(&mut app, &mut store, "2");
    let buf = render(&app);
    let (x, y) = find_from(&buf, 39, "help");
    app.on_mouse(click(x, y), &skudesk::ui::draw::tab_spans(app.lang()));
    assert!(matches!(app.overlay(), Some(Overlay::Help(_))));
    keys(&mut app, &mut store, "<esc>");
    let buf = render(&app);
    let (x, y) = find_from(&buf, 39, "cycle filter");
    app.on_mouse(click(x, y), &skudesk::ui::draw::tab_spans(app.lang()));
    assert_ne!(app.aging().filter, skudesk::ui::app::Filter::All);
}

#[test]
fn themes_differ_in_style_where_colour_carries_meaning() {
    let (mut app, mut store) = demo();
    keys(&mut app, &mut store, "2");
    let default = render_with(&app, Theme::named(ThemeName::Default));
    let high = render_with(&app, Theme::named(ThemeName::HighContrast));
    let none = render_with(&app, Theme::named(ThemeName::NoColor));
    assert_eq!(text(&default), text(&high), "the same words");
    let at = find(&default, "SLOW");
    let cell = |b: &Buffer| b[at].style();
    let plain = |c: Option<Color>| matches!(c, None | Some(Color::Reset));
    assert_eq!(cell(&default).fg, Some(Color::Yellow));
    assert!(plain(cell(&default).bg));
    assert_eq!(
        cell(&high).bg,
        Some(Color::Yellow),
        "a warning on a background"
    );
    assert!(plain(cell(&none).fg) && plain(cell(&none).bg));
    // Secondary text: dimmed by default, full strength in high contrast.
    let muted = find(&default, " · slow ");
    assert!(default[muted].style().add_modifier.contains(Modifier::DIM));
    assert!(!high[muted].style().add_modifier.contains(Modifier::DIM));
}

#[test]
fn money_shows_the_configured_currency_in_the_app() {
    let (mut app, mut store) = demo();
    app.set_money(skudesk::domain::money::MoneyFormat {
        symbol: "¥".into(),
        decimals: 0,
    });
    keys(&mut app, &mut store, "2");
    let screen = text(&render(&app));
    let capital = app.money().grouped(app.review().kpis.capital_tied_up);
    assert!(capital.starts_with('¥') && !capital.contains('.'));
    assert!(
        screen.contains(&format!("Capital tied up {capital}")),
        "{screen}"
    );
}

/// Issue 21: lead time, review period and safety days are settings in the `,` popup,
/// stored as one undoable change, and the order quantities follow them.
#[test]
fn reorder_settings_are_set_in_the_popup_and_move_the_orders() {
    let (mut app, mut store) = demo();
    let qty = |app: &App| -> i64 { app.review().skus.iter().map(|f| f.reorder.qty).sum() };
    let before = qty(&app);
    assert!(before > 0, "the demo reorders something");
    // The lead time is the 12th field of 14: three up from the first.
    keys(&mut app, &mut store, ",<up><up><up><bs><bs>30<enter>");
    assert_eq!(app.settings().lead_time_days, 30);
    assert!(qty(&app) > before, "a longer lead time orders more");
    keys(&mut app, &mut store, "u");
    assert_eq!(app.settings().lead_time_days, 14);
    assert_eq!(qty(&app), before);
}
