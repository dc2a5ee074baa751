//! The form popups (reclassify, batch, candidate, plan, promote, settings, import) as
//! one kind: each is an [`Editor`] — its form, what Enter asks for, what Esc says, what
//! a change recomputes, its drawing — and is a [`Popup`] through it, so the keys and
//! the paste of a form are handled once, here.

use std::collections::HashMap;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

use super::{Outcome, Popup};
use crate::i18n::Msg;
use crate::ui::app::{App, Level};
use crate::ui::form::{Form, FormEvent};
use crate::ui::theme::Theme;

/// A popup that is a form. Its keys are the key table's form keys (Enter submits, Esc
/// cancels, ↑/↓ or Tab move between fields) and the field editing keys of [`Form`].
pub trait Editor {
    /// The form being edited.
    fn form_mut(&mut self) -> &mut Form;

    /// What the status line says when Esc closes the form.
    fn cancelled(&self) -> Msg {
        Msg::Cancelled
    }

    /// Enter: what the form asks for (a command for the store, most often), or what is
    /// wrong with it while it stays open.
    fn submit(&mut self, app: &App) -> Outcome;

    /// After a key or a paste changed a field: a preview computed again, say.
    fn changed(&mut self, _app: &App) {}

    /// Draws the form over the tab, within `area` (the whole screen).
    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme);

    /// After a reload: finds what the form was opened for again (see
    /// [`Popup::after_reload`]).
    fn reload(&mut self, _app: &App, _index: &HashMap<&str, usize>) {}
}

impl<E: Editor> Popup for E {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match self.form_mut().on_key(key, &app.keymap) {
            FormEvent::Cancel => {
                Outcome::CloseSaying(Level::Info, app.lang.t(self.cancelled()).into())
            }
            FormEvent::Submit => self.submit(app),
            FormEvent::Changed => {
                self.changed(app);
                Outcome::Keep
            }
            FormEvent::None => Outcome::Keep,
        }
    }

    fn on_paste(&mut self, text: &str, app: &App) -> Outcome {
        if self.form_mut().paste(text) == FormEvent::Changed {
            self.changed(app);
        }
        Outcome::Keep
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        self.render(f, area, app, theme)
    }

    fn is_modal(&self) -> bool {
        true
    }

    fn after_reload(&mut self, app: &App, index: &HashMap<&str, usize>) {
        self.reload(app, index)
    }
}
