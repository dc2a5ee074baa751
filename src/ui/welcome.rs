//! The welcome screen on the demo data: what the four tabs are, how to bring your own
//! data in, and the keys that matter most. Shown until dismissed (then remembered in
//! the database's `meta` table); never on a database of the seller's own data.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::action::{Action, Tab};
use super::app::{App, Hit, Overlay};
use super::draw::centered;
use super::theme::Theme;
use crate::store::Store;

pub const TITLE: &str = " Welcome to skudesk — you are looking at demo data ";
const BUTTON: &str = "[ Enter: start — this screen will not show again ]";

/// Opens the welcome screen when the database is the demo and it was not dismissed.
pub fn show_if_new(app: &mut App, store: &Store) {
    if app.demo && !store.welcome_dismissed().unwrap_or(true) {
        app.overlay = Some(Overlay::Welcome);
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let key = |a: Action, fallback: &str| app.keymap.label_of(a).unwrap_or(fallback.into());
    let tabs = [
        "which SKUs earn: margin tiers against target shares",
        "which tie up cash: slow movers, triage, clearance batches",
        "what to launch: candidates scored by the screening model",
        "whether the plan is on track: KPIs, plans, batches",
    ];
    let mut lines = vec![Line::from(Span::styled(
        "The four tabs (1–4, Tab, or a click):",
        theme.header(),
    ))];
    for (i, (t, what)) in Tab::ALL.iter().zip(tabs).enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} {:<20}", i + 1, t.title()), theme.title()),
            Span::raw(what),
        ]));
    }
    lines.extend([
        Line::from(""),
        Line::from(Span::styled(
            "Your own data (it replaces the demo), in a shell:",
            theme.header(),
        )),
        Line::from("  skudesk --db shop.db import products products.csv"),
        Line::from("  skudesk --db shop.db import orders orders.csv"),
        Line::from(vec![
            Span::styled("  a shop's export: add ", theme.muted()),
            Span::raw("--mapping shopify-orders"),
            Span::styled(" (or taobao-orders, woocommerce-orders, …)", theme.muted()),
        ]),
        Line::from(vec![
            Span::styled("  which one fits? ", theme.muted()),
            Span::raw("skudesk import --detect orders_export.csv"),
        ]),
        Line::from(Span::styled(
            "  then open it: skudesk --db shop.db   (stock and traffic import the same way)",
            theme.muted(),
        )),
        Line::from(vec![
            Span::styled("  or right here: ", theme.muted()),
            Span::styled(key(Action::Import, "i"), theme.title()),
            Span::styled(
                " imports a file, with a preview before anything is written",
                theme.muted(),
            ),
        ]),
        Line::from(""),
        Line::from(Span::styled("Three keys that matter most:", theme.header())),
        Line::from(vec![
            Span::styled(format!("  {:<8}", key(Action::Help, "?")), theme.title()),
            Span::raw("every key, for the tab you are on"),
        ]),
        Line::from(vec![
            Span::styled(
                format!("  {:<8}", key(Action::Reclassify, "r")),
                theme.title(),
            ),
            Span::raw("on the aging tab: reclassify a SKU (and "),
            Span::styled(key(Action::MarkBatch, "c"), theme.title()),
            Span::raw(": put it in a clearance batch)"),
        ]),
        Line::from(vec![
            Span::styled(format!("  {:<8}", key(Action::Undo, "u")), theme.title()),
            Span::raw("undo any change, also after a restart"),
        ]),
        Line::from(""),
    ]);
    let h = lines.len() as u16 + 3;
    let rect = centered(area, 100, h);
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(TITLE)
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    f.render_widget(Paragraph::new(lines), inner);
    let w = BUTTON.width() as u16;
    let button = Rect {
        x: inner.x + inner.width.saturating_sub(w) / 2,
        y: inner.y + inner.height.saturating_sub(1),
        width: w.min(inner.width),
        height: 1,
    };
    f.render_widget(
        Paragraph::new(Span::styled(BUTTON, theme.selected())),
        button,
    );
    app.hits.borrow_mut().push(Hit::Button {
        area: button,
        key: KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    });
}
