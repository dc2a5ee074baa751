//! Keys, pastes and clicks, routed: Ctrl-C quits from anywhere; a search being typed
//! takes the key (the key table's search scope), else an open popup (see
//! `ui::overlay`; each asks the key table for an action in its scope), else the key
//! table turns it into an [`Action`] of the tab for `update`.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::i18n::Msg;
use crate::ui::action::{Action, Tab};
use crate::ui::keymap::Scope;
use crate::ui::overlay::{Go, Outcome, Overlay, Popup};
use crate::ui::request::Request;

use std::cell::Cell;

use super::{App, Hit, Level};

impl App {
    /// A key press (or repeat), routed as the module says.
    pub fn on_key(&mut self, key: KeyEvent) {
        // For the end-to-end test of the panic path only: a key that panics on purpose.
        if key.code == KeyCode::F(12) && std::env::var_os("SKUDESK_TEST_PANIC_KEY").is_some() {
            #[allow(clippy::panic, reason = "the panic path's own end-to-end test")]
            {
                panic!("test panic (SKUDESK_TEST_PANIC_KEY)");
            }
        }
        if (key.code, key.modifiers) == crate::ui::keymap::CTRL_C {
            // Ctrl-C quits from anywhere, whatever `[keys]` binds (an open form is not
            // applied): the one way out that no config can take away.
            self.quit = true;
            return;
        }
        if self.typing_search() {
            if self.tab == Tab::Aging {
                self.on_search_key(key);
            } else {
                self.on_find_key(key);
            }
            return;
        }
        if matches!(self.overlay, Some(Overlay::Trend(_)))
            && self.keymap.action(Scope::Global, &key) == Some(Action::TrendPeriod)
        {
            self.apply(Action::TrendPeriod);
            return;
        }
        if let Some(mut overlay) = self.overlay.take() {
            let outcome = overlay.on_key(key, self);
            self.settle(overlay, outcome);
            return;
        }
        match self.keymap.lookup(self.tab, &key) {
            Some(action) => self.apply(action),
            None => {
                if let KeyCode::Char(c) = key.code {
                    let text = self.lang.f(Msg::NoSuchKey, &[&c]);
                    self.say(Level::Info, text);
                }
            }
        }
    }

    /// A paste (the terminal's bracketed paste): into the focused text field of an
    /// open form, at its cursor, or into the search being typed; ignored elsewhere.
    pub fn on_paste(&mut self, text: &str) {
        if self.typing_search() {
            for c in text
                .chars()
                .filter(|&c| !crate::domain::text::is_unsafe_char(c))
            {
                let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                if self.tab == Tab::Aging {
                    self.on_search_key(key);
                } else {
                    self.on_find_key(key);
                }
            }
            return;
        }
        if let Some(mut overlay) = self.overlay.take() {
            let outcome = overlay.on_paste(text, self);
            self.settle(overlay, outcome);
        }
    }

    /// Carries out what the popup `overlay` (taken out of the app while it ran) asked.
    fn settle(&mut self, overlay: Overlay, outcome: Outcome) {
        match outcome {
            Outcome::Keep => self.overlay = Some(overlay),
            Outcome::Say(level, text) => {
                self.say(level, text);
                self.overlay = Some(overlay);
            }
            Outcome::Close => {}
            Outcome::CloseSaying(level, text) => self.say(level, text),
            Outcome::Request(request) => self.requests.push(request),
            Outcome::RequestSaying(request, level, text) => {
                self.requests.push(request);
                self.say(level, text);
            }
            Outcome::Quit => {
                self.quit = true;
                self.overlay = Some(overlay);
            }
            Outcome::Go { go, request, say } => {
                self.requests.extend(request);
                if let Some((level, text)) = say {
                    self.say(level, text);
                }
                self.go(go);
            }
        }
    }

    /// A key while a search is typed: the search line's keys (Enter keeps it, Esc
    /// clears it), Backspace, or a character of the search.
    fn on_search_key(&mut self, key: KeyEvent) {
        match (self.keymap.action(Scope::Search, &key), key.code) {
            (Some(Action::Cancel), _) => {
                self.aging.searching = false;
                self.aging.search.clear();
            }
            (Some(Action::Submit), _) => self.aging.searching = false,
            (_, KeyCode::Backspace) => {
                self.aging.search.pop();
            }
            (_, KeyCode::Char(c)) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                // A longer search only narrows: filter the rows shown instead of all SKUs.
                self.aging.search.push(c);
                let needle = self.aging.search.to_lowercase();
                let text = &self.views.search_text;
                self.aging
                    .rows
                    .retain(|&i| crate::domain::aging_view::search_matches(&text[i], &needle));
                self.cursors[Tab::Aging].selected = 0;
                return;
            }
            _ => return,
        }
        self.cursors[Tab::Aging].selected = 0;
        self.refresh_rows();
    }

    /// A click on a tab, a table row (a second click on the selected row opens it, as
    /// Enter), a button or a footer hint (as its key); the wheel moves in the table.
    pub fn on_mouse(&mut self, m: MouseEvent, tab_bar: &[(u16, u16)]) {
        let inside = |r: ratatui::layout::Rect| {
            m.column >= r.x && m.column < r.x + r.width && m.row >= r.y && m.row < r.y + r.height
        };
        let form_open = self.overlay.as_ref().is_some_and(|o| o.is_modal());
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let hits = self.hits.borrow().clone();
                // Buttons first: they sit on top (a popup's, the footer's).
                let button = hits.iter().rev().find_map(|h| match *h {
                    Hit::Button { area, key } if inside(area) => Some(key),
                    _ => None,
                });
                if let Some(key) = button {
                    self.on_key(key);
                    return;
                }
                // On the welcome screen a click on a tab goes there, as the screen says.
                if matches!(self.overlay, Some(Overlay::Welcome)) && m.row == 0 {
                    if let Some(i) = tab_bar
                        .iter()
                        .position(|&(x0, x1)| m.column >= x0 && m.column < x1)
                    {
                        let help = self.keymap.label_of(Action::Help).unwrap_or("?".into());
                        let said = self.lang.f(Msg::WelcomeDismissed, &[&help]);
                        self.overlay = None;
                        self.settle(
                            Overlay::Welcome,
                            Outcome::Go {
                                go: Go::Tab(Tab::ALL[i]),
                                request: Some(Request::DismissWelcome),
                                say: Some((Level::Info, said)),
                            },
                        );
                    }
                    return;
                }
                if form_open || self.typing_search() {
                    return;
                }
                if m.row == 0 {
                    if let Some(i) = tab_bar
                        .iter()
                        .position(|&(x0, x1)| m.column >= x0 && m.column < x1)
                    {
                        self.overlay = None;
                        self.tab = Tab::ALL[i];
                    }
                    return;
                }
                if self.overlay.is_some() {
                    return;
                }
                let row = hits.iter().find_map(|h| match *h {
                    Hit::Rows { area, first, len } if inside(area) => {
                        Some(first + usize::from(m.row - area.y)).filter(|&r| r < len)
                    }
                    _ => None,
                });
                if let Some(r) = row {
                    let cursor = self.cursor_mut();
                    if cursor.selected == r {
                        self.apply(Action::Open);
                    } else {
                        cursor.selected = r;
                    }
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                if !form_open && self.overlay.is_none() =>
            {
                let down = m.kind == MouseEventKind::ScrollDown;
                self.apply(if down { Action::Down } else { Action::Up });
            }
            _ => {}
        }
    }

    /// The cursor of the current tab's table.
    pub(super) fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.cursors[self.tab]
    }
}

/// A cursor over table rows; the scroll offset is kept by drawing (it knows the height).
#[derive(Debug, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: Cell<usize>,
    /// The first row shown of the tab's second table (the plans tab's batches).
    pub second_offset: Cell<usize>,
}

impl Cursor {
    pub(super) fn apply(&mut self, action: Action, len: usize, page: usize) {
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page.max(1)),
            Action::PageDown => (self.selected + page.max(1)).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
    }
    pub(super) fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

/// One cursor per tab, indexed by the tab.
#[derive(Debug, Default)]
pub struct Cursors([Cursor; Tab::ALL.len()]);

impl std::ops::Index<Tab> for Cursors {
    type Output = Cursor;
    fn index(&self, tab: Tab) -> &Cursor {
        &self.0[tab.index()]
    }
}

impl std::ops::IndexMut<Tab> for Cursors {
    fn index_mut(&mut self, tab: Tab) -> &mut Cursor {
        &mut self.0[tab.index()]
    }
}
