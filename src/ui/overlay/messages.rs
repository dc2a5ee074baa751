//! The message log (`m`): the last 50 messages of the status line, whole and wrapped,
//! newest first — what a narrow status line cut or a message that faded said. Scrolled
//! with the help screen's keys (j/k, the arrows, PageUp/PageDown, g/G), closed as a view
//! is (Esc, Enter, q, ?).

use std::cell::Cell;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::{viewer_key, Outcome, Popup};
use crate::domain::text::for_terminal;
use crate::i18n::Msg;
use crate::ui::action::Action;
use crate::ui::app::{App, Level};
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
use crate::ui::theme::Theme;
use crate::ui::widgets::wrap_lines;

#[derive(Debug, Clone)]
pub struct Messages {
    /// Rows scrolled down.
    pub scroll: usize,
    /// The last row it can scroll to on the terminal it was last drawn on.
    bottom: Cell<usize>,
}

impl Default for Messages {
    fn default() -> Messages {
        Messages {
            scroll: 0,
            bottom: Cell::new(usize::MAX),
        }
    }
}

impl Popup for Messages {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        let page = app.page.max(1);
        let s = self.scroll;
        let to = match app.keymap.action(Scope::Help, &key) {
            Some(Action::ScrollDown) => Some(s + 1),
            Some(Action::ScrollUp) => Some(s.saturating_sub(1)),
            Some(Action::ScrollPageDown) => Some(s + page),
            Some(Action::ScrollPageUp) => Some(s.saturating_sub(page)),
            Some(Action::ScrollTop) => Some(0),
            Some(Action::ScrollBottom) => Some(usize::MAX),
            _ => None,
        };
        match to {
            Some(to) => {
                self.scroll = to.min(self.bottom.get());
                Outcome::Keep
            }
            None => viewer_key(&key, app),
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        let rect = centered(area, 110, area.height.saturating_sub(4));
        let inner_w = usize::from(rect.width.saturating_sub(2)).max(1);
        let mut lines: Vec<Line> = Vec::new();
        for m in app.log().iter().rev() {
            let style = match m.level {
                Level::Info => theme.good(),
                Level::Warning => theme.warning(),
                Level::Error => theme.alarm(),
            };
            let line = Line::from(vec![
                Span::styled(format!("{} ", m.time), theme.muted()),
                Span::styled(for_terminal(&m.text), style),
            ]);
            lines.extend(wrap_lines(&[line], inner_w));
        }
        if lines.is_empty() {
            lines.push(Line::from(Span::styled(
                lang.t(Msg::NoMessagesYet),
                theme.muted(),
            )));
        }
        let visible = usize::from(rect.height.saturating_sub(2)).max(1);
        let bottom = lines.len().saturating_sub(visible);
        self.bottom.set(bottom);
        let first = self.scroll.min(bottom);
        let shown: Vec<Line> = lines.into_iter().skip(first).take(visible).collect();
        crate::ui::widgets::clear_popup(f, rect);
        let close = app.keymap.label_in(Scope::View, Action::Close);
        f.render_widget(
            Paragraph::new(shown).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(lang.f(Msg::MessagesTitle, &[&close]))
                    .title_style(theme.title()),
            ),
            rect,
        );
    }

    fn is_modal(&self) -> bool {
        false
    }
}
