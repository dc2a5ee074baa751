//! Headless tests of the app: key strings in, state out; and rendered screens
//! (TestBackend) with snapshots and style checks where colour carries meaning.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

use std::sync::OnceLock;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use ratatui::Terminal;

use skudesk::domain::dates::Frame;
use skudesk::domain::model::{Dataset, Tier};
use skudesk::domain::settings::Settings;
use skudesk::store::Store;
use skudesk::ui::action::Tab;
use skudesk::ui::app::{App, Column, Filter};
use skudesk::ui::draw::draw;
use skudesk::ui::overlay::Overlay;
use skudesk::ui::theme::Theme;

fn demo() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut store = Store::open_in_memory().expect("in-memory store");
        skudesk::demo::fill(&mut store).expect("demo data loads");
        store.load().expect("load")
    })
}

fn app() -> App {
    let ds = demo().clone();
    let s = Settings::default();
    let frame = Frame::new(
        ds.latest_day().expect("demo has dates"),
        s.window_days,
        s.velocity_days,
    );
    App::new(ds, s, frame, "demo.db".into(), true)
}

/// Types keys: plain characters, and `<esc>`, `<enter>`, `<tab>`, `<bs>`, `<down>` names.
fn keys(app: &mut App, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let code = match &rest[1..end] {
                    "esc" => KeyCode::Esc,
                    "enter" => KeyCode::Enter,
                    "tab" => KeyCode::Tab,
                    "bs" => KeyCode::Backspace,
                    "down" => KeyCode::Down,
                    "up" => KeyCode::Up,
                    "space" => KeyCode::Char(' '),
                    other => panic!("unknown key <{other}>"),
                };
                app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
                // As the run loop does before it draws.
                app.settle_views();
                rest = &rest[end + 1..];
                continue;
            }
        }
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        app.settle_views();
        rest = &rest[c.len_utf8()..];
    }
}

fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let theme = Theme::default();
    t.draw(|f| draw(f, app, &theme)).expect("draw");
    t.backend().buffer().clone()
}

/// The screen as text, one line per row; the cell a wide character covers is skipped.
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

/// Finds `needle` on screen and returns the style of its first cell.
fn style_of(buf: &Buffer, needle: &str) -> ratatui::style::Style {
    let w = buf.area.width;
    for y in 0..buf.area.height {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count() as u16;
            return buf[(x, y)].style();
        }
    }
    panic!("{needle:?} not on screen:\n{}", text(buf));
}

#[test]
fn tabs_switch_by_number_tab_and_back() {
    let mut a = app();
    assert_eq!(a.tab(), Tab::Mix);
    keys(&mut a, "2");
    assert_eq!(a.tab(), Tab::Aging);
    keys(&mut a, "<tab><tab>");
    assert_eq!(a.tab(), Tab::Plans);
    keys(&mut a, "<tab>");
    assert_eq!(a.tab(), Tab::Mix);
    keys(&mut a, "4q");
    assert!(a.quitting());
}

#[test]
fn moving_and_sorting_the_aging_table() {
    let mut a = app();
    keys(&mut a, "2jj");
    assert_eq!(a.cursor(Tab::Aging).selected, 2);
    // Default sort: capital, largest first.
    let caps: Vec<_> = a
        .aging()
        .rows
        .iter()
        .map(|&i| a.review().skus[i].capital)
        .collect();
    assert!(caps.windows(2).all(|w| w[0] >= w[1]));
    keys(&mut a, "s");
    assert_eq!(a.aging().sort, Some(Column::LastSale));
    let days: Vec<i64> = a
        .aging()
        .rows
        .iter()
        .map(|&i| a.review().skus[i].days_since_last_sale.unwrap_or(i64::MAX))
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "largest first");
    keys(&mut a, "S");
    let days: Vec<i64> = a
        .aging()
        .rows
        .iter()
        .map(|&i| a.review().skus[i].days_since_last_sale.unwrap_or(i64::MAX))
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "reversed");
    keys(&mut a, "G");
    assert_eq!(a.cursor(Tab::Aging).selected, a.aging().rows.len() - 1);
    keys(&mut a, "g");
    assert_eq!(a.cursor(Tab::Aging).selected, 0);
}

#[test]
fn search_filters_incrementally_and_esc_clears() {
    let mut a = app();
    let all = {
        keys(&mut a, "2");
        a.aging().rows.len()
    };
    keys(&mut a, "/hat");
    assert!(a.aging().searching);
    assert!(!a.aging().rows.is_empty() && a.aging().rows.len() < all);
    for &i in &a.aging().rows {
        let p = &a.ds().products[i];
        assert!(
            format!("{} {}", p.sku, p.name)
                .to_lowercase()
                .contains("hat"),
            "{}",
            p.name
        );
    }
    // Narrowing as characters are typed gives exactly what a full recompute gives.
    let narrowed = a.aging().rows.clone();
    a.refresh_rows();
    assert_eq!(a.aging().rows, narrowed);
    keys(&mut a, "<enter>");
    assert!(!a.aging().searching);
    assert_eq!(a.aging().search, "hat");
    keys(&mut a, "<esc>");
    assert_eq!(a.aging().search, "");
    assert_eq!(a.aging().rows.len(), all);
}

#[test]
fn filter_cycles_through_slow_best_cost_missing_new_and_tiers() {
    let mut a = app();
    keys(&mut a, "2f");
    assert_eq!(a.aging().filter, Filter::Slow);
    assert!(!a.aging().rows.is_empty());
    assert!(a.aging().rows.iter().all(|&i| a.review().skus[i].slow));
    keys(&mut a, "f");
    assert!(a
        .aging()
        .rows
        .iter()
        .all(|&i| a.review().skus[i].best_seller));
    keys(&mut a, "f");
    assert!(a
        .aging()
        .rows
        .iter()
        .all(|&i| a.review().skus[i].cost_missing));
    keys(&mut a, "f");
    assert_eq!(a.aging().filter, Filter::New);
    assert!(!a.aging().rows.is_empty());
    assert!(a
        .aging()
        .rows
        .iter()
        .all(|&i| a.ds().products[i].lifecycle == Some(skudesk::domain::model::Lifecycle::New)));
    keys(&mut a, "f");
    assert_eq!(a.aging().filter, Filter::Reorder);
    assert!(!a.aging().rows.is_empty());
    assert!(a
        .aging()
        .rows
        .iter()
        .all(|&i| a.review().skus[i].reorder.now));
    keys(&mut a, "f");
    assert_eq!(a.aging().filter, Filter::Tier(Tier::High));
    assert!(a
        .aging()
        .rows
        .iter()
        .all(|&i| a.review().skus[i].tier == Tier::High));
}

#[test]
fn enter_on_the_mix_drills_into_a_tier_and_a_category() {
    let mut a = app();
    keys(&mut a, "jj<enter>");
    assert_eq!(a.tab(), Tab::Aging);
    assert_eq!(a.aging().filter, Filter::Tier(Tier::Low));
    assert!(a
        .aging()
        .rows
        .iter()
        .all(|&i| a.review().skus[i].tier == Tier::Low));
    keys(&mut a, "<esc>1gjjjj<enter>");
    let category = a.views().categories[0].name.clone();
    assert_eq!(a.aging().category.as_deref(), Some(category.as_str()));
    assert!(a
        .aging()
        .rows
        .iter()
        .all(|&i| a.ds().products[i].category == category));
}

#[test]
fn enter_on_aging_opens_details_and_esc_closes() {
    let mut a = app();
    keys(&mut a, "2<enter>");
    let Some(Overlay::Detail(d)) = a.overlay() else {
        panic!("no detail popup")
    };
    assert_eq!(Some(d.product), a.selected_product());
    assert_eq!(d.daily_units.len(), 90);
    let on_hand: i64 = d.lots.iter().map(|l| l.0).sum();
    assert_eq!(on_hand, a.review().skus[d.product].on_hand);
    keys(&mut a, "<esc>");
    assert!(a.overlay().is_none());
}

/// The detail of a best seller says its next step and the reorder arithmetic, with the
/// order quantity the figures hold (issue 21).
#[test]
fn the_detail_of_a_best_seller_shows_its_order_and_the_arithmetic() {
    let mut a = app();
    // Aging, filter best sellers (all → slow → best).
    keys(&mut a, "2ff");
    let i = a.selected_product().expect("a best seller");
    let f = &a.review().skus[i];
    assert!(f.best_seller);
    let (qty, now) = (f.reorder.qty, f.reorder.now);
    keys(&mut a, "<enter>");
    let screen = text(&render(&a, 120, 40));
    if now {
        assert!(
            screen.contains(&format!("Next step: order {qty} by")),
            "{screen}"
        );
        assert!(screen.contains(&format!("⌉ = {qty}")), "{screen}");
    } else {
        assert!(screen.contains("Next step: reorder by"), "{screen}");
        assert!(screen.contains("no order yet"), "{screen}");
    }
    assert!(screen.contains("reorder at "), "{screen}");
    assert!(screen.contains("runs out 20"), "{screen}");
}

/// Issue 19 item 17: variants whose names the table cuts alike are told apart by the
/// line under the table, which holds the cursor row's whole name.
#[test]
fn i19_item_17_the_cursor_rows_whole_name_shows_under_the_table() {
    let mut a = app();
    keys(&mut a, "2");
    for (w, h) in [(80, 24), (120, 40)] {
        for step in 0..5 {
            let i = a.selected_product().unwrap();
            let name = skudesk::domain::text::for_terminal(&a.ds().products[i].name).into_owned();
            let screen = text(&render(&a, w, h));
            let line = screen
                .lines()
                .find(|l| l.starts_with('▸'))
                .unwrap_or_else(|| panic!("{w}x{h}: no cursor line\n{screen}"));
            assert!(
                line.contains(&name),
                "{w}x{h} row {step}: {name:?} not whole in {line:?}"
            );
            keys(&mut a, "j");
        }
        keys(&mut a, "g");
    }
}

/// Issue 20: the trend chart — inline on the mix tab at 120×40, full screen with `T` at
/// 80×24, by weeks or months with `t` — draws the targets and the floor as dim lines in
/// their own colours, and its points are the report's trend.
#[test]
fn the_trend_chart_shows_inline_or_full_screen_with_its_target_lines() {
    use skudesk::domain::over_time::Period;
    let mut a = app();
    a.settle_views();
    let wide = text(&render(&a, 120, 40));
    assert!(wide.contains("Over time, last 12 months"), "{wide}");
    assert!(!wide.contains("computing"), "{wide}");
    let small = text(&render(&a, 80, 24));
    assert!(!small.contains("Over time"), "no room at 80x24:\n{small}");
    keys(&mut a, "T");
    a.settle_views();
    let buf = render(&a, 80, 24);
    let full = text(&buf);
    assert!(full.contains("Over time, last 12 months"), "{full}");
    // The legend names the target lines; they are dotted, the topmost (the high-tier
    // target, 40 %) in the high tier's colour.
    for name in [
        "high target",
        "low limit",
        "margin floor",
        "high-tier share",
    ] {
        assert!(full.contains(name), "{name} missing:\n{full}");
    }
    let dot = style_of(&buf, "•");
    assert_eq!(dot.fg, Theme::default().tier(Tier::High).fg, "{dot:?}");
    keys(&mut a, "t");
    assert_eq!(a.trend_period(), Period::Week);
    a.settle_views();
    let weeks = text(&render(&a, 80, 24));
    assert!(weeks.contains("Over time, last 12 weeks"), "{weeks}");
    let points = a.views().trend_points(Period::Week).expect("computed");
    assert_eq!(points.len(), 12);
    assert_eq!(points[11].end, a.review().frame.as_of);
    keys(&mut a, "<esc>");
    assert!(a.overlay().is_none());
}

/// Issue 20: the aging tab shows capital by age bucket, each bucket's share of the
/// capital tied up (the report's `kpis.age_buckets`), and the same over the rows shown
/// when a filter is on.
#[test]
fn the_aging_tab_shows_capital_by_age_with_shares_and_for_the_filtered_rows() {
    let mut a = app();
    keys(&mut a, "2");
    let screen = text(&render(&a, 120, 40));
    let line = screen
        .lines()
        .find(|l| l.contains("Capital by age"))
        .expect(&screen);
    let k = a.review().kpis.clone();
    for i in 0..k.age_buckets.len() {
        let share = skudesk::export::pct(k.capital_share(i));
        assert!(line.contains(&share), "bucket {i}: {share} not in {line:?}");
    }
    assert!(line.contains("181+!"), "{line}");
    keys(&mut a, "f");
    let screen = text(&render(&a, 120, 40));
    let line = screen
        .lines()
        .find(|l| l.contains("Capital by age"))
        .expect(&screen);
    assert!(line.contains("rows shown"), "{line}");
    let mut capital = vec![0i128; k.age_buckets.len()];
    for &i in &a.aging().rows {
        for (c, b) in capital.iter_mut().zip(&a.review().skus[i].age_buckets) {
            *c += b.capital.micros();
        }
    }
    let total: i128 = capital.iter().sum();
    let oldest = skudesk::export::pct(Some(capital[capital.len() - 1] as f64 / total as f64));
    assert!(
        line.contains(&format!("181+! {oldest}")),
        "{oldest} in {line:?}"
    );
}

/// Issue 21: Enter on a batch row of the plans tab opens what it really earned — cash
/// against target and pace, units, COGS, GP, realised margin and discount — as
/// `domain::batch_result` computes it, and a ladder's steps with their planned margin.
#[test]
fn enter_on_a_batch_opens_its_result() {
    use skudesk::domain::batch_result::batch_result;
    let mut a = app();
    keys(&mut a, "4");
    let plans = a.ds().plans.len();
    for (n, b) in a.ds().batches.clone().iter().enumerate() {
        let mut a = app();
        keys(&mut a, "4");
        for _ in 0..plans + n {
            keys(&mut a, "j");
        }
        keys(&mut a, "<enter>");
        let screen = text(&render(&a, 120, 40));
        let r = batch_result(a.ds(), b, a.review().frame);
        assert!(screen.contains("cash recovered "), "{screen}");
        assert!(
            screen.contains(&format!("units cleared {}", r.units)),
            "{screen}"
        );
        assert!(
            screen.contains(&format!(
                "realised margin {}",
                skudesk::export::pct(r.realised_margin)
            )),
            "{screen}"
        );
        if b.ladder.0.is_empty() {
            assert!(screen.contains("no discount ladder"), "{screen}");
        } else {
            assert!(screen.contains("Planned"), "{screen}");
            assert_eq!(r.steps.len(), b.ladder.0.len());
        }
        if r.pace == Some(skudesk::domain::batch_result::Pace::Ahead) {
            assert!(screen.contains("ahead of pace"), "{screen}");
        }
    }
    let _ = a;
}

/// Issue 19 item 19: at 80 columns the plans table keeps its Target column and the
/// progress's `%`, and says which plans it shows when not all fit ("1–5/13").
#[test]
fn i19_item_19_plans_at_80_columns_keep_target_and_percent_and_say_what_is_shown() {
    let mut a = app();
    keys(&mut a, "4");
    let screen = text(&render(&a, 80, 24));
    let n = a.ds().plans.len();
    let header = screen
        .lines()
        .find(|l| l.contains("Plan ") && l.contains("Progress"))
        .expect(&screen);
    assert!(header.contains("Target"), "{header}");
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains('[') && (l.contains('█') || l.contains('░')) && !l.contains(" / "))
        .collect();
    assert!(!rows.is_empty() && rows.len() < n, "{screen}");
    for row in &rows {
        assert!(row.contains('%'), "no % in {row:?}");
    }
    assert!(
        screen.contains(&format!("1–{}/{n}", rows.len())),
        "no scroll mark:\n{screen}"
    );
    // Moving past the last shown plan moves the mark.
    for _ in 0..rows.len() {
        keys(&mut a, "j");
    }
    let screen = text(&render(&a, 80, 24));
    assert!(
        screen.contains(&format!("2–{}/{n}", rows.len() + 1)),
        "{screen}"
    );
}

/// Issue 19 item 18: hidden aging columns have a way in: the title says how many are
/// hidden, → (or l) scrolls to them with the SKU and name kept, ← (or h) back.
#[test]
fn i19_item_18_arrows_scroll_the_aging_columns_and_the_title_says_more_exist() {
    let mut a = app();
    keys(&mut a, "2");
    let screen = text(&render(&a, 80, 24));
    assert!(screen.contains("more columns (←/→)"), "{screen}");
    assert!(!screen.contains("Suggested action"), "{screen}");
    let header = |s: &str| {
        s.lines()
            .find(|l| l.contains("SKU") && l.contains("Name"))
            .unwrap_or_default()
            .to_string()
    };
    for _ in 0..9 {
        a.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    }
    let screen = text(&render(&a, 80, 24));
    let h = header(&screen);
    assert!(h.contains("Suggested action"), "{h}");
    assert!(h.contains("SKU") && h.contains("Name"), "{h}");
    assert!(!h.contains("Capital"), "scrolled past: {h}");
    keys(&mut a, "hhhhhhhhh");
    let back = text(&render(&a, 80, 24));
    assert!(header(&back).contains("Capital"), "{back}");
}

#[test]
fn as_of_and_window_keys_recompute_the_figures() {
    let mut a = app();
    let before = a.frame();
    keys(&mut a, "<");
    assert_eq!(a.frame().as_of, before.as_of.plus(-1));
    keys(&mut a, ">>");
    assert_eq!(a.frame().as_of, before.as_of.plus(1));
    keys(&mut a, "w");
    assert_eq!(a.frame().window_days, 180);
    assert_ne!(a.review().kpis.net_revenue, {
        let mut b = app();
        keys(&mut b, ">");
        b.review().kpis.net_revenue
    });
    keys(&mut a, "w");
    assert_eq!(a.frame().window_days, 30);
}

#[test]
fn help_lists_keys_and_closes() {
    let mut a = app();
    keys(&mut a, "?");
    assert!(matches!(a.overlay(), Some(Overlay::Help(_))));
    let screen = text(&render(&a, 120, 40));
    for needle in [
        "q/Ctrl-c",
        "sort by next column",
        "search SKU and name",
        "window 30/60/90/180 days",
    ] {
        assert!(screen.contains(needle), "{needle} missing from help");
    }
    keys(&mut a, "<esc>");
    assert!(a.overlay().is_none());
}

/// On an 80×24 terminal the keys do not fit: the help scrolls, says where it is, and
/// every key can be read by scrolling down.
#[test]
fn help_scrolls_on_a_small_terminal() {
    let mut a = app();
    keys(&mut a, "?");
    let first = text(&render(&a, 80, 24));
    let total = a.keymap().help_rows();
    assert!(total > 22, "{total} rows fit 80×24: the test needs more");
    assert!(first.contains(&format!("1–22 of {total}")), "{first}");
    let mut seen = first.clone();
    let mut last = first;
    for _ in 0..total {
        keys(&mut a, "j");
        let screen = text(&render(&a, 80, 24));
        if screen == last {
            break;
        }
        seen.push_str(&screen);
        last = screen;
    }
    assert!(
        last.contains(&format!("{}–{total} of {total}", total - 21)),
        "{last}"
    );
    for (_, lines) in a.keymap().help_sections(skudesk::i18n::Lang::En) {
        for (_, help) in lines {
            let start: String = help.chars().take(24).collect();
            assert!(seen.contains(&start), "{help:?} never shown");
        }
    }
    // From the bottom, one key up moves the view at once.
    keys(&mut a, "G");
    let bottom = text(&render(&a, 80, 24));
    assert!(
        bottom.contains(&format!("{}–{total} of {total}", total - 21)),
        "{bottom}"
    );
    keys(&mut a, "k");
    let up = text(&render(&a, 80, 24));
    assert!(
        up.contains(&format!("{}–{} of {total}", total - 22, total - 1)),
        "{up}"
    );
    // Back to the top, and closed as before.
    keys(&mut a, "g");
    assert!(text(&render(&a, 80, 24)).contains(&format!("1–22 of {total}")));
    keys(&mut a, "<esc>");
    assert!(a.overlay().is_none());
}

/// A large shop's totals are wider than the mix table's usual money columns: they are
/// shown whole, never cut to another number.
#[test]
fn large_totals_are_shown_whole_in_the_mix_table() {
    let mut a = app();
    let big = skudesk::domain::money::Money::from_cents(16_534_685_484);
    a.review_mut().kpis.tier_totals.revenue[0] = big;
    a.review_mut().kpis.tier_totals.gross_profit[0] = big;
    for (w, h) in [(120, 40), (80, 30)] {
        let screen = text(&render(&a, w, h));
        assert!(
            screen.contains("165,346,854.84"),
            "{w}×{h}: the total is cut\n{screen}"
        );
    }
}

/// The portfolio margin line is never cut: at 120 columns it says the floor and the
/// target, at 80 the verdict alone (the bar marks both).
#[test]
fn the_margin_verdict_fits_its_line() {
    let a = app();
    let line = |w: u16| {
        let screen = text(&render(&a, w, 40));
        screen
            .lines()
            .find(|l| l.contains("Portfolio margin"))
            .map(str::to_string)
            .expect("a margin line")
    };
    let wide = line(120);
    assert!(wide.contains("· target 35.0%"), "{wide}");
    let narrow = line(80);
    assert!(narrow.trim_end().ends_with('│'), "{narrow}");
    assert!(!narrow.contains("· floor"), "{narrow}");
}

#[test]
fn slow_movers_and_margins_below_the_floor_are_coloured() {
    let mut a = app();
    keys(&mut a, "2");
    let buf = render(&a, 120, 40);
    assert_eq!(style_of(&buf, "SLOW").fg, Some(Color::Yellow));
    assert_ne!(style_of(&buf, "Capital↓").fg, Some(Color::Yellow));
    let mut m = app();
    keys(&mut m, "1");
    let buf = render(&m, 120, 40);
    // The portfolio margin (27.3 %) is above the floor but below target: a warning.
    let margin = skudesk::export::pct(m.review().kpis.gross_margin);
    assert_eq!(style_of(&buf, &margin).fg, Some(Color::Yellow));
    // Apparel sells below the 25 % floor: its margin cell is a warning.
    let apparel = m
        .views()
        .categories
        .iter()
        .find(|c| c.name == "apparel")
        .expect("apparel");
    let cell = skudesk::export::pct(apparel.gross_profit.ratio(apparel.revenue));
    assert_eq!(
        style_of(&buf, &format!("{cell:>6}")).fg,
        Some(Color::Yellow)
    );
}

#[test]
fn too_small_a_terminal_is_told_so() {
    let screen = text(&render(&app(), 60, 20));
    assert!(screen.contains("at least 80×24"), "{screen}");
}

/// Every tab and the help screen at 120×40 and 80×24, each against its snapshot
/// `{prefix}{tab}_{w}x{h}`.
fn snapshot_every_tab(make: fn() -> App, prefix: &str) {
    for (w, h) in [(120, 40), (80, 24)] {
        for (name, script) in [
            ("mix", "1"),
            ("aging", "2"),
            ("scoring", "3"),
            ("plans", "4"),
            ("help", "?"),
        ] {
            let mut a = make();
            keys(&mut a, script);
            insta::assert_snapshot!(format!("{prefix}{name}_{w}x{h}"), text(&render(&a, w, h)));
        }
    }
}

#[test]
fn snapshots_of_every_tab_and_the_help() {
    snapshot_every_tab(app, "");
}

fn app_zh() -> App {
    let mut a = app();
    a.set_lang(skudesk::i18n::Lang::ZhCn);
    a
}

#[test]
fn snapshots_of_every_tab_and_the_help_in_chinese() {
    snapshot_every_tab(app_zh, "zh_");
}

#[test]
fn chinese_forms_and_popups_in_snapshots() {
    for (name, script) in [
        ("reclassify", "2r"),
        ("batch", "2c"),
        ("detail", "2<enter>"),
        ("candidate", "3n"),
        ("plan", "4n"),
        ("import", "i"),
        ("settings", ","),
        ("welcome", ""),
    ] {
        let mut a = app_zh();
        if name == "welcome" {
            a.open_overlay(Overlay::Welcome);
        }
        keys(&mut a, script);
        insta::assert_snapshot!(format!("zh_{name}_120x40"), text(&render(&a, 120, 40)));
    }
}

/// At 80 columns the plans tab's KPI strip shows every KPI whole: a line too wide breaks
/// between its KPIs (the new-product conversion was cut off the edge).
#[test]
fn every_kpi_shows_whole_at_80_columns() {
    use skudesk::i18n::{Lang, Msg};
    for (make, lang) in [(app as fn() -> App, Lang::En), (app_zh, Lang::ZhCn)] {
        let mut a = make();
        keys(&mut a, "4");
        let screen = text(&render(&a, 80, 24));
        for label in [
            Msg::KpiRevenue,
            Msg::KpiMargin,
            Msg::KpiHighShare,
            Msg::KpiTurnover,
            Msg::KpiHighRepurchase,
            Msg::KpiMobile,
            Msg::KpiNewConversion,
        ] {
            let label = lang.t(label);
            let row = screen
                .lines()
                .find(|l| l.contains(label))
                .unwrap_or_else(|| panic!("{label:?} not on screen:\n{screen}"));
            let after = &row[row.find(label).expect("found") + label.len()..];
            let figure = after.trim_start();
            assert!(
                figure.starts_with(|c: char| c.is_ascii_digit()),
                "{label:?} without its figure: {row}"
            );
        }
    }
}

/// The batch popup at 80×24 keeps each SKU code whole: the step columns give way (their
/// headers cut with `…`). With fixed widths the table overflowed there and the SKU
/// column was clipped, `HT-1001` reading `HT-100`.
#[test]
fn the_batch_popup_keeps_sku_codes_whole_at_80_columns() {
    for make in [app as fn() -> App, app_zh] {
        let mut a = make();
        keys(&mut a, "2c");
        let screen = text(&render(&a, 80, 24));
        let row = screen
            .lines()
            .find(|l| l.contains("HT-1001 "))
            .unwrap_or_else(|| panic!("no whole HT-1001 row:\n{screen}"));
        assert!(row.contains("53.10 / 46.8%"), "{row}");
        assert!(row.contains("41.30 / 31.6%"), "the last step shows: {row}");
        // Six steps do not fit: each step shows its price and alert mark, without the
        // margin; the SKU code stays whole and a price below cost keeps its `!!`.
        let bs = "<bs>".repeat(30);
        keys(
            &mut a,
            &format!("<down><down><down><down>{bs}10%@3d,20%@3d,30%@3d,40%@3d,50%@3d,60%"),
        );
        let screen = text(&render(&a, 80, 24));
        let row = screen
            .lines()
            .find(|l| l.contains("HT-1001 "))
            .unwrap_or_else(|| panic!("no whole HT-1001 row with six steps:\n{screen}"));
        assert!(row.contains("53.10"), "the first step: {row}");
        assert!(row.contains("23.60 !!"), "the last step, below cost: {row}");
    }
}

/// The screen column where `needle` starts in `line` (a row of [`text`]): wide
/// characters before it count the two cells they take.
fn column_of(line: &str, needle: &str) -> Option<usize> {
    use unicode_width::UnicodeWidthStr;
    line.find(needle).map(|byte| line[..byte].width())
}

#[test]
fn chinese_column_headers_stand_over_their_columns() {
    use skudesk::i18n::Lang;
    let lang = Lang::ZhCn;
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app_zh();
        keys(&mut a, "2");
        let screen = text(&render(&a, w, h));
        let lines: Vec<&str> = screen.lines().collect();
        let y = lines
            .iter()
            .position(|l| l.contains(lang.column(Column::Tier)))
            .expect("header row");
        // Headers in screen order, each where the layout puts its column.
        let mut last = 0;
        for col in [
            Column::Sku,
            Column::Name,
            Column::Tier,
            Column::OnHand,
            Column::Capital,
            Column::LastSale,
            Column::Cover,
        ] {
            let title = lang.column(col);
            let x = column_of(lines[y], title)
                .unwrap_or_else(|| panic!("{title} not in the header at {w}×{h}:\n{screen}"));
            assert!(x >= last, "{title} out of order at {w}×{h}");
            last = x;
        }
        // The first row's capital ends inside the Capital column (11 cells, numbers
        // right-aligned), under its header, whatever CJK names come before it.
        let cap_x = column_of(lines[y], lang.column(Column::Capital)).unwrap();
        let cap = a.review().skus[a.aging().rows[0]].capital.grouped();
        let start = column_of(lines[y + 1], &cap).expect("capital on the first row");
        let end = start + cap.len() - 1;
        assert!(
            end >= cap_x && end < cap_x + 11,
            "capital ends at {end}, its column starts at {cap_x} ({w}×{h}):\n{}\n{}",
            lines[y],
            lines[y + 1]
        );
        // Every row is as wide as the screen: nothing pushed out of line by CJK.
        use unicode_width::UnicodeWidthStr;
        for l in &lines {
            assert_eq!(l.width(), w as usize, "{l}");
        }
    }
}

#[test]
fn chinese_screens_keep_no_english_ui_words() {
    // Words the app itself writes in English; in Chinese none of them may remain
    // (data such as the demo's bilingual product names is left as it is).
    let english = [
        "Product mix",
        "Inventory aging",
        "New-product scoring",
        "Action plans",
        "as of",
        "window",
        "velocity",
        "Capital",
        "Suggested",
        "Tier",
        "SLOW",
        "BEST",
        "Candidate",
        "Verdict",
        "Why this",
        "Horizon",
        "Progress",
        "Clearance",
        "KPIs",
        "Everywhere",
        "quit",
        "help",
        "next tab",
        "reclassify",
        "filter",
        "sort",
        "margin",
        "floor",
        "target",
        "What if",
        "Enter applies",
        "Settings",
        "setting",
        "days",
        "default",
        "Welcome",
        "demo data",
        "tabs",
        "then open it",
        "keys that matter",
        "undo",
        "Units by week",
    ];
    for (w, h) in [(120, 40), (80, 24)] {
        for script in [
            "1", "2", "3", "4", "?", "2r", "2c", "2<enter>", "3n", "4n", "i", ",", "welcome",
        ] {
            let mut a = app_zh();
            if script == "welcome" {
                a.open_overlay(Overlay::Welcome);
            } else {
                keys(&mut a, script);
            }
            let screen = text(&render(&a, w, h));
            // Demo product, candidate, plan and batch names are data, in both languages.
            let ui: String = screen
                .lines()
                .map(|l| {
                    let mut l = l.to_string();
                    for p in &a.ds().products {
                        l = l.replace(&p.name, "");
                    }
                    l
                })
                .collect::<Vec<_>>()
                .join("\n");
            for word in english {
                let found = ui
                    .lines()
                    .find(|l| l.contains(word) && !is_data_line(&a, l));
                assert!(
                    found.is_none(),
                    "{script} at {w}×{h}: {word:?} left in English:\n{}",
                    found.unwrap_or_default()
                );
            }
        }
    }
}

/// A line that shows data (a product, candidate, plan or batch name, maybe cut short):
/// English there is the seller's own text, not the app's.
fn is_data_line(a: &App, line: &str) -> bool {
    let names = a
        .ds()
        .products
        .iter()
        .map(|p| p.name.as_str())
        .chain(a.ds().candidates.iter().map(|c| c.name.as_str()))
        .chain(a.ds().candidates.iter().map(|c| c.gap_note.as_str()))
        .chain(a.ds().candidates.iter().map(|c| c.pain_note.as_str()))
        .chain(a.ds().plans.iter().map(|p| p.title.as_str()))
        .chain(a.ds().batches.iter().map(|b| b.name.as_str()));
    names.into_iter().any(|n| {
        // A name cut with "…" shows a prefix of at least a few characters.
        let prefix: String = n.chars().take(6).collect();
        prefix.chars().count() >= 4 && line.contains(&prefix)
    })
}

#[test]
fn both_languages_render_side_by_side_in_one_process() {
    let en = text(&render(&app(), 120, 40));
    let zh = text(&render(&app_zh(), 120, 40));
    assert!(en.contains("1 Product mix") && !en.contains("商品结构"));
    assert!(zh.contains("1 商品结构") && !zh.contains("Product mix"));
}

#[test]
fn the_score_pane_keeps_its_border_for_every_candidate_in_both_languages() {
    // Wrapped Chinese used to run over the pane's right border (ratatui#2679).
    for lang in skudesk::i18n::Lang::ALL {
        for k in 0..demo().candidates.len() {
            let mut a = app();
            a.set_lang(lang);
            keys(&mut a, &format!("3{}", "j".repeat(k)));
            let screen = text(&render(&a, 120, 40));
            for (y, line) in screen.lines().enumerate().skip(2).take(35) {
                assert!(
                    line.ends_with('│'),
                    "{lang}, candidate {k}, row {y}:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn the_import_preview_speaks_chinese_and_stays_inside_its_border() {
    use skudesk::session::ImportOutcome;
    use skudesk::ui::import::ImportJob;
    use skudesk::ui::overlay::import_preview::ImportPreview;
    let mut a = app_zh();
    let job = ImportJob {
        kind: skudesk::import::Kind::Orders,
        path: "/tmp/淘宝订单导出/2025年9月全部订单明细_含退款_已核对_最终版.csv".into(),
        other: None,
        mapping: Some("taobao-orders".into()),
    };
    let outcome = ImportOutcome {
        lines: vec!["orders.csv: 4 rows read; order lines would be: 4 added".into()],
        errors: Vec::new(),
        more_errors: 0,
        replaces_demo: false,
        demo_copy: None,
    };
    a.open_overlay(Overlay::ImportPreview(Box::new(ImportPreview {
        job,
        outcome,
    })));
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = text(&render(&a, w, h));
        assert!(
            screen.contains("导入预览 — Enter 导入，Esc 取消"),
            "{screen}"
        );
        assert!(screen.contains("作为订单（"), "{screen}");
        assert!(screen.contains("尚未写入任何数据"), "{screen}");
        // Every row of the popup ends at its right border.
        let rows: Vec<&str> = screen
            .lines()
            .skip_while(|l| !l.contains("导入预览"))
            .skip(1)
            .take_while(|l| !l.contains('└'))
            .collect();
        assert!(rows.len() >= 4, "{screen}");
        for r in rows {
            assert!(r.trim_end().ends_with('│'), "{r}\n{screen}");
        }
    }
}
