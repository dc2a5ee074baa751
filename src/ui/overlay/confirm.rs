//! The yes/no question before a deletion (a batch, a candidate, a plan): the key
//! table's question keys: `y` applies; Esc, Enter, `n` or `q` keep everything.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::{Outcome, Popup};
use crate::domain::command::Command;
use crate::i18n::Msg;
use crate::ui::action::Action;
use crate::ui::app::{App, Level};
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
use crate::ui::request::Request;
use crate::ui::theme::Theme;

/// A yes/no question; the default answer is No.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// What is asked (`Delete plan "x"?`); the popup adds how to answer.
    pub question: String,
    pub command: Command,
}

impl Popup for Confirm {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match app.keymap.action(Scope::Confirm, &key) {
            Some(Action::Yes) => Outcome::Request(Request::Apply(self.command.clone())),
            // Enter (submit) gives the default answer: No.
            Some(Action::No | Action::Cancel | Action::Submit) => {
                Outcome::CloseSaying(Level::Info, app.lang.t(Msg::NothingDeleted).into())
            }
            _ => Outcome::Keep,
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_confirm(f, area, app, self, theme)
    }

    fn is_modal(&self) -> bool {
        true
    }
}

/// The question, then how to undo it and the keys that answer: `y = yes, n/Enter/Esc
/// = no` (the first key of no, submit and cancel).
fn draw_confirm(f: &mut Frame, area: Rect, app: &App, c: &Confirm, theme: &Theme) {
    let lang = app.lang;
    let key = |a: Action| app.keymap.label_in(Scope::Confirm, a);
    let no: Vec<String> = [Action::No, Action::Submit, Action::Cancel]
        .into_iter()
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    let keys = lang.f(
        Msg::ConfirmKeys,
        &[
            &app.keymap.label_of(Action::Undo).unwrap_or_default(),
            &key(Action::Yes),
            &no.join("/"),
        ],
    );
    let rect = centered(area, 70, 5);
    crate::ui::widgets::clear_popup(f, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(lang.t(Msg::ConfirmTitle))
        .title_style(theme.alarm());
    let width = block.inner(rect).width as usize;
    let question = format!("{}{keys}", c.question);
    let lines = crate::ui::widgets::wrap_line(&Line::from(question), width);
    f.render_widget(Paragraph::new(lines).block(block), rect);
}
