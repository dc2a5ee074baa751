//! The yes/no question before a deletion (a batch, a candidate, a plan): `y` applies,
//! Esc, Enter or `n` keep everything.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::{Outcome, Popup};
use crate::domain::command::Command;
use crate::i18n::{Lang, Msg};
use crate::ui::app::{App, Level};
use crate::ui::draw::centered;
use crate::ui::request::Request;
use crate::ui::theme::Theme;

/// A yes/no question; the default answer is No.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub command: Command,
}

impl Popup for Confirm {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                Outcome::Request(Request::Apply(self.command.clone()))
            }
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('n') | KeyCode::Char('N') => {
                Outcome::CloseSaying(Level::Info, app.lang.t(Msg::NothingDeleted).into())
            }
            _ => Outcome::Keep,
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_confirm(f, area, app.lang, self, theme)
    }

    fn is_modal(&self) -> bool {
        true
    }
}

fn draw_confirm(f: &mut Frame, area: Rect, lang: Lang, c: &Confirm, theme: &Theme) {
    let rect = centered(area, 70, 5);
    crate::ui::widgets::clear_popup(f, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(lang.t(Msg::ConfirmTitle))
        .title_style(theme.alarm());
    let width = block.inner(rect).width as usize;
    let lines = crate::ui::widgets::wrap_line(&Line::from(c.question.clone()), width);
    f.render_widget(Paragraph::new(lines).block(block), rect);
}
