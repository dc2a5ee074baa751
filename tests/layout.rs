//! Three layout defects a seller saw (issue 20 and 19 follow-ups), each test failed
//! before its fix: the mix tab's inline trend chart too low to read at 120×40 (and gone
//! in the brand breakdown), the plans tab's batch table not scrolling to its cursor at
//! 80×24, and the plans tab's due-date header cut in Chinese with three plans shown.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

mod common;
use common::keys::keys;
use common::screen::render;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};

use skudesk::domain::model::Tier;
use skudesk::domain::over_time::Period;
use skudesk::i18n::{Lang, Msg};
use skudesk::store::Store;
use skudesk::ui::action::Tab;
use skudesk::ui::app::App;
use skudesk::ui::theme::Theme;

fn demo(lang: Lang) -> (App, Store) {
    let (mut app, store) = common::demo::demo_app();
    app.set_lang(lang);
    app.settle_views();
    (app, store)
}

/// The screen's rows as text; the cell a wide character covers is skipped.
fn lines(buf: &Buffer) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    (0..buf.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..buf.area.width {
                let symbol = buf[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                line.push_str(symbol);
                skip = symbol.width().saturating_sub(1);
            }
            line
        })
        .collect()
}

fn text(buf: &Buffer) -> String {
    lines(buf).join("\n")
}

/// The rows drawn as the cursor's (reversed), as text.
fn cursor_rows(buf: &Buffer) -> Vec<String> {
    let all = lines(buf);
    (0..buf.area.height)
        .filter(|&y| (0..buf.area.width).any(|x| buf[(x, y)].modifier.contains(Modifier::REVERSED)))
        .map(|y| all[usize::from(y)].clone())
        .collect()
}

/// The first row at or below `from` whose text contains `needle`.
fn row_of(lines: &[String], from: usize, needle: &str) -> Option<usize> {
    (from..lines.len()).find(|&y| lines[y].contains(needle))
}

/// Issue 20 follow-up: at 120×40 the mix tab's inline trend chart had two plot rows (all
/// three dotted lines on one) and none in the brand breakdown. Now, in both breakdowns
/// and both languages: the chart block is at least 10 rows, its lines have at least 6
/// plot rows with the high target, the floor and the low limit on rows of their own in
/// their colours (the high target topmost), the bars are labelled with their months, and
/// the table scrolls to keep its cursor on screen, its title saying which rows show.
/// The lines are named on the chart's bottom border (the boxed legend would hide them).
#[test]
fn the_inline_trend_chart_reads_at_120x40_and_the_mix_table_scrolls_to_its_cursor() {
    let theme = Theme::default();
    for lang in [Lang::En, Lang::ZhCn] {
        for breakdown in ["", "b"] {
            let (mut a, mut store) = demo(lang);
            keys(&mut a, &mut store, breakdown);
            let buf = render(&a, 120, 40);
            let all = lines(&buf);
            let screen = all.join("\n");
            let at = format!("{lang} {breakdown:?}");
            let title = lang.f(Msg::TrendTitle, &[&lang.t(Msg::TrendMonths)]);
            let top = row_of(&all, 0, &title).unwrap_or_else(|| panic!("{at}: no chart\n{screen}"));
            let axis = row_of(&all, top + 1, "└─").expect("x axis");
            let bottom = (top + 1..all.len())
                .find(|&y| all[y].starts_with('└'))
                .expect("bottom border");
            assert!(
                bottom - top + 1 >= 10,
                "{at}: chart of {} rows\n{screen}",
                bottom - top + 1
            );
            let plot = top + 1..axis;
            assert!(plot.len() >= 6, "{at}: {} plot rows\n{screen}", plot.len());
            // The dotted lines, each on its own row: the first dot of a row is that line's.
            let dotted: Vec<(usize, Option<Color>)> = plot
                .clone()
                .filter_map(|y| {
                    let y16 = y as u16;
                    let x = (0..buf.area.width / 2).find(|&x| buf[(x, y16)].symbol() == "•")?;
                    Some((y, Some(buf[(x, y16)].fg)))
                })
                .collect();
            let colours: Vec<_> = dotted.iter().map(|d| d.1).collect();
            for (name, fg) in [
                ("high target", theme.tier(Tier::High).fg),
                ("low limit", theme.tier(Tier::Low).fg),
                ("margin floor", theme.warning().fg),
            ] {
                assert!(
                    colours.contains(&fg),
                    "{at}: no {name} row {colours:?}\n{screen}"
                );
            }
            assert_eq!(
                dotted[0].1,
                theme.tier(Tier::High).fg,
                "{at}: topmost is the high target"
            );
            // No room inline for the chart's boxed legend: its bottom border names the
            // three lines and the dotted ones, each name whole.
            for name in [
                Msg::TrendHigh,
                Msg::TrendLow,
                Msg::TrendMargin,
                Msg::TrendTargetsAndFloor,
            ] {
                assert!(
                    all[bottom].contains(lang.t(name)),
                    "{at}: {name:?} not on the bottom border\n{screen}"
                );
            }
            // The bars' months, oldest first, under them.
            let months: Vec<String> = a
                .views()
                .trend_points(Period::Month)
                .expect("computed")
                .iter()
                .map(|p| p.start.date().format("%m").to_string())
                .collect();
            assert_eq!(months.len(), 12);
            assert!(
                all[top..=bottom]
                    .iter()
                    .any(|l| l.contains(&months.join(" "))),
                "{at}: no month labels {months:?}\n{screen}"
            );
            // The table shows what the chart leaves, from the top, and says so.
            let len = a.mix_len();
            let table_bottom = top - 1;
            assert!(all[table_bottom].starts_with('└'), "{at}\n{screen}");
            let shown = (0..len)
                .rev()
                .find(|&n| screen.contains(&format!("1–{n}/{len}")));
            let shown = shown.unwrap_or_else(|| panic!("{at}: no 1–n/{len} mark\n{screen}"));
            assert!(shown >= 8, "{at}: {shown} rows");
            // The cursor on the last row: it shows, on the table's last row.
            keys(&mut a, &mut store, "G");
            assert_eq!(a.cursor(Tab::Mix).selected, len - 1);
            let buf = render(&a, 120, 40);
            let all = lines(&buf);
            let screen = all.join("\n");
            let cursor = cursor_rows(&buf);
            assert_eq!(cursor.len(), 1, "{at}: {cursor:?}\n{screen}");
            assert_eq!(cursor[0], all[table_bottom - 1], "{at}\n{screen}");
            assert!(
                screen.contains(&format!("{}–{len}/{len}", len - shown + 1)),
                "{at}\n{screen}"
            );
            assert!(screen.contains(&title), "{at}: the chart stays\n{screen}");
            // And back up to the first: the table scrolls back.
            keys(&mut a, &mut store, "g");
            let screen = text(&render(&a, 120, 40));
            assert!(
                screen.contains(&format!("1–{shown}/{len}")),
                "{at}\n{screen}"
            );
        }
    }
}

/// At 80×24 the full-screen chart (`T`) labels all 12 periods under the bars (the last
/// two were cut off the bar chart), by month and by week.
#[test]
fn the_full_screen_chart_at_80_columns_shows_every_periods_bars() {
    for lang in [Lang::En, Lang::ZhCn] {
        let (mut a, mut store) = demo(lang);
        keys(&mut a, &mut store, "T");
        for (period, format) in [(Period::Month, "%m"), (Period::Week, "%d")] {
            a.settle_views();
            assert_eq!(a.trend_period(), period);
            let screen = text(&render(&a, 80, 24));
            let labels: Vec<String> = a
                .views()
                .trend_points(period)
                .expect("computed")
                .iter()
                .map(|p| p.start.date().format(format).to_string())
                .collect();
            assert!(
                screen.contains(&labels.join(" ")),
                "{lang} {labels:?}\n{screen}"
            );
            keys(&mut a, &mut store, "t");
        }
    }
}

fn click(x: u16, y: u16) -> MouseEvent {
    MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }
}

/// Issue 19 follow-up: at 80×24 the plans tab's batch table did not scroll, so the
/// cursor on a batch below its last row vanished. Now it scrolls as the plans do, says
/// which batches show ("2–5/5"), and a click on a row picks that batch.
#[test]
fn the_batch_table_scrolls_to_its_cursor_at_80x24() {
    for lang in [Lang::En, Lang::ZhCn] {
        let (mut a, mut store) = demo(lang);
        keys(&mut a, &mut store, "4");
        let plans = a.ds().plans.len();
        let names: Vec<String> = a
            .ds()
            .batches
            .iter()
            .map(|b| b.name.chars().take(5).collect())
            .collect();
        let n = names.len();
        let screen = text(&render(&a, 80, 24));
        // The batch rows on screen (the cash column has " / "; a plan may bear a batch's
        // name, not its cash).
        let shown = screen
            .lines()
            .filter(|l| l.contains(" / ") && names.iter().any(|b| l.contains(b.as_str())))
            .count();
        assert!(
            (1..n).contains(&shown),
            "{lang}: the demo's batches should not all fit\n{screen}"
        );
        for _ in 0..plans {
            keys(&mut a, &mut store, "j");
        }
        let mut screens = Vec::new();
        for (i, name) in names.iter().enumerate() {
            assert_eq!(a.cursor(Tab::Plans).selected, plans + i);
            let buf = render(&a, 80, 24);
            let screen = text(&buf);
            let cursor = cursor_rows(&buf);
            assert_eq!(cursor.len(), 1, "{lang} batch {i}: {cursor:?}\n{screen}");
            assert!(
                cursor[0].contains(name.as_str()),
                "{lang} batch {i}: {cursor:?}\n{screen}"
            );
            screens.push(screen);
            keys(&mut a, &mut store, "j");
        }
        // Each time the title said which batches showed.
        for (i, screen) in screens.iter().enumerate() {
            let first = (i + 1).saturating_sub(shown) + 1;
            assert!(
                screen.contains(&format!("{first}–{}/{n}", first + shown - 1)),
                "{lang} batch {i}\n{screen}"
            );
        }
        // Scrolled to the last: a click on the first batch row shown picks that batch.
        let buf = render(&a, 80, 24);
        let all = lines(&buf);
        let first_shown = n - shown;
        let y = all
            .iter()
            .position(|l| l.contains(names[first_shown].as_str()) && l.contains(" / "))
            .expect("the row");
        a.on_mouse(click(3, y as u16), &skudesk::ui::draw::tab_spans(lang));
        assert_eq!(a.cursor(Tab::Plans).selected, plans + first_shown, "{lang}");
        // Back up into the plans: the cursor shows there.
        keys(&mut a, &mut store, "k".repeat(shown + 1).as_str());
        let buf = render(&a, 80, 24);
        assert_eq!(cursor_rows(&buf).len(), 1, "{lang}\n{}", text(&buf));
    }
}

/// Issue 19 follow-up: at 80×24 in Chinese the plans' due-date header was cut ("截止…")
/// and three plans showed. Now the header is whole in both languages and at least five
/// plans show, the KPI strip and the year-earlier figures all still there.
#[test]
fn the_plans_at_80x24_show_their_headers_whole_and_five_plans() {
    for lang in [Lang::ZhCn, Lang::En] {
        let (mut a, mut store) = demo(lang);
        keys(&mut a, &mut store, "4");
        let screen = text(&render(&a, 80, 24));
        let header = screen
            .lines()
            .find(|l| {
                l.contains(lang.t(Msg::PlanColStatus)) && l.contains(lang.t(Msg::PlanColProgress))
            })
            .unwrap_or_else(|| panic!("{lang}: no header\n{screen}"));
        for m in [
            Msg::PlanColPlan,
            Msg::PlanColDue,
            Msg::PlanColStatus,
            Msg::PlanColTarget,
            Msg::PlanColNow,
            Msg::PlanColProgress,
        ] {
            let word = format!(" {} ", lang.t(m));
            let padded = format!("│{} ", lang.t(m));
            assert!(
                header.contains(&word) || header.starts_with(&padded),
                "{lang}: {word:?} not whole in {header:?}"
            );
        }
        let n = a.ds().plans.len();
        let shown = (1..n).find(|&k| screen.contains(&format!("1–{k}/{n}")));
        let shown = shown.unwrap_or_else(|| panic!("{lang}: no mark\n{screen}"));
        assert!(shown >= 5, "{lang}: {shown} plans\n{screen}");
        // Nothing of the strip gave way for them.
        let ly = a
            .views()
            .last_year
            .clone()
            .expect("the demo reaches back a year");
        for figure in [
            skudesk::export::pct(ly.gross_margin),
            skudesk::export::pct(ly.repurchase_rate),
            skudesk::export::pct(a.review().kpis.new_product_conversion),
        ] {
            assert!(
                screen.contains(&figure),
                "{lang}: {figure} missing\n{screen}"
            );
        }
    }
}
