//! The welcome screen on the demo data: what the four tabs are, how to bring your own
//! data in, and the keys that matter most. Shown until dismissed (then remembered in
//! the database's `meta` table); never on a database of the seller's own data.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{Go, Outcome, Overlay, Popup};
use crate::i18n::Msg;
use crate::store::Store;
use crate::ui::action::{Action, Tab};
use crate::ui::app::{App, Hit, Level};
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
use crate::ui::request::Request;
use crate::ui::theme::Theme;
use crate::ui::widgets::pad;

/// Opens the welcome screen when the database is the demo and it was not dismissed.
pub fn show_if_new(app: &mut App, store: &Store) {
    if app.demo && !store.welcome_dismissed().unwrap_or(true) {
        app.overlay = Some(Overlay::Welcome);
    }
}

/// The welcome screen holds no state: [`Overlay::Welcome`] is this.
#[derive(Debug, Clone, Copy, Default)]
pub struct Welcome;

impl Popup for Welcome {
    /// The key table's welcome keys: Enter, Esc or Space dismiss it for good
    /// (remembered in the database); q and Ctrl-c quit (it shows again next time); the
    /// tab keys dismiss it and go to their tab.
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match app.keymap.action(Scope::Welcome, &key) {
            Some(Action::Quit) => Outcome::Quit,
            Some(Action::Dismiss) => {
                let help = app.keymap.label_of(Action::Help).unwrap_or("?".into());
                let said = app.lang.f(Msg::WelcomeDismissed, &[&help]);
                Outcome::RequestSaying(Request::DismissWelcome, Level::Info, said)
            }
            // The tab keys (1–4, Tab, Shift-Tab) dismiss it and go to their tab, as the
            // screen says they do.
            _ => match tab_key(&key, app) {
                Some(tab) => {
                    let help = app.keymap.label_of(Action::Help).unwrap_or("?".into());
                    let said = app.lang.f(Msg::WelcomeDismissed, &[&help]);
                    Outcome::Go {
                        go: Go::Tab(tab),
                        request: Some(Request::DismissWelcome),
                        say: Some((Level::Info, said)),
                    }
                }
                None => {
                    let keys = &app.keymap;
                    let said = app.lang.f(
                        Msg::WelcomeKeys,
                        &[
                            &keys.label_in(Scope::Welcome, Action::Dismiss),
                            &keys.label_in(Scope::Welcome, Action::Quit),
                        ],
                    );
                    Outcome::Say(Level::Info, said)
                }
            },
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw(f, area, app, theme)
    }

    fn is_modal(&self) -> bool {
        true
    }
}

/// The tab a tab key of the key table goes to from the tab shown (under the screen).
fn tab_key(key: &KeyEvent, app: &App) -> Option<Tab> {
    match app.keymap.lookup(app.tab, key)? {
        Action::NextTab => Some(app.tab.next()),
        Action::PrevTab => Some(app.tab.prev()),
        other => other.tab(),
    }
}

fn draw(f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let t = |m: Msg| lang.t(m);
    let key = |a: Action, fallback: &str| app.keymap.label_of(a).unwrap_or(fallback.into());
    let tabs = [
        Msg::WelcomeTabMix,
        Msg::WelcomeTabAging,
        Msg::WelcomeTabScoring,
        Msg::WelcomeTabPlans,
    ];
    let mut lines = vec![Line::from(Span::styled(
        t(Msg::WelcomeTabs),
        theme.header(),
    ))];
    for (i, (tab, what)) in Tab::ALL.iter().zip(tabs).enumerate() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} {}", i + 1, pad(lang.t(tab.title()), 20)),
                theme.title(),
            ),
            Span::raw(t(what)),
        ]));
    }
    lines.extend([
        Line::from(""),
        Line::from(Span::styled(t(Msg::WelcomeOwnData), theme.header())),
        Line::from("  skudesk --db shop.db import products products.csv"),
        Line::from("  skudesk --db shop.db import orders orders.csv"),
        Line::from(vec![
            Span::styled(t(Msg::WelcomeShopExport), theme.muted()),
            Span::raw("--mapping shopify-orders"),
            Span::styled(
                lang.f(
                    Msg::WelcomeOrOthers,
                    &[&"taobao-orders", &"woocommerce-orders"],
                ),
                theme.muted(),
            ),
        ]),
        Line::from(vec![
            Span::styled(t(Msg::WelcomeWhichFits), theme.muted()),
            Span::raw("skudesk import --detect orders_export.csv"),
        ]),
        Line::from(Span::styled(
            lang.f(Msg::WelcomeThenOpen, &[&"skudesk --db shop.db"]),
            theme.muted(),
        )),
        Line::from(vec![
            Span::styled(t(Msg::WelcomeRightHere), theme.muted()),
            Span::styled(key(Action::Import, "i"), theme.title()),
            Span::styled(t(Msg::WelcomeImportHere), theme.muted()),
        ]),
        Line::from(""),
        Line::from(Span::styled(t(Msg::WelcomeThreeKeys), theme.header())),
        Line::from(vec![
            Span::styled(format!("  {:<8}", key(Action::Help, "?")), theme.title()),
            Span::raw(t(Msg::WelcomeKeyHelp)),
        ]),
        Line::from(vec![
            Span::styled(
                format!("  {:<8}", key(Action::Reclassify, "r")),
                theme.title(),
            ),
            Span::raw(t(Msg::WelcomeKeyReclassify)),
            Span::styled(key(Action::MarkBatch, "c"), theme.title()),
            Span::raw(t(Msg::WelcomeKeyBatch)),
        ]),
        Line::from(vec![
            Span::styled(format!("  {:<8}", key(Action::Undo, "u")), theme.title()),
            Span::raw(t(Msg::WelcomeKeyUndo)),
        ]),
        Line::from(""),
    ]);
    let h = lines.len() as u16 + 3;
    let rect = centered(area, 100, h);
    crate::ui::widgets::clear_popup(f, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(t(Msg::WelcomeTitle))
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    f.render_widget(Paragraph::new(lines), inner);
    let start = app.keymap.label_in(Scope::Welcome, Action::Dismiss);
    let button_text = lang.f(Msg::WelcomeButton, &[&start]);
    let w = button_text.width() as u16;
    let button = Rect {
        x: inner.x + inner.width.saturating_sub(w) / 2,
        y: inner.y + inner.height.saturating_sub(1),
        width: w.min(inner.width),
        height: 1,
    };
    f.render_widget(
        Paragraph::new(Span::styled(button_text, theme.selected())),
        button,
    );
    // The button is the first key that dismisses the screen.
    let key = app
        .keymap
        .event_in(Scope::Welcome.chain(), Action::Dismiss)
        .unwrap_or(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.hits
        .borrow_mut()
        .push(Hit::Button { area: button, key });
}
