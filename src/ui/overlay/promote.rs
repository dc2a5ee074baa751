//! Promoting a candidate to a SKU (`p` on the scoring tab): the new SKU's code.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::fields::text;
use super::form_view::draw_editor;
use super::{Outcome, Popup};
use crate::domain::command::Command;
use crate::domain::model::{Candidate, Dataset};
use crate::i18n::{Lang, Msg};
use crate::ui::app::{App, Level};
use crate::ui::form::{Form, FormEvent};
use crate::ui::theme::Theme;

#[derive(Debug, Clone)]
pub struct PromoteForm {
    pub candidate: i64,
    pub form: Form,
    pub lang: Lang,
}

impl PromoteForm {
    /// The form for `c`, offering a code in the shop's pattern.
    pub fn new(ds: &Dataset, c: &Candidate, lang: Lang) -> PromoteForm {
        PromoteForm {
            candidate: c.id,
            form: Form::new(vec![text(
                lang.t(Msg::FieldNewSku),
                crate::domain::sku_code::suggest_for(ds, c),
                lang.t(Msg::HintNewSku),
            )]),
            lang,
        }
    }

    pub fn command(&self) -> Result<Command, String> {
        let sku = self.form.text(0).to_string();
        if sku.is_empty() {
            return Err(self.lang.t(Msg::NewSkuNeedsCode).into());
        }
        Ok(Command::PromoteCandidate {
            id: self.candidate,
            sku,
        })
    }
}

impl Popup for PromoteForm {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match self.form.on_key(key) {
            FormEvent::Cancel => {
                Outcome::CloseSaying(Level::Info, app.lang.t(Msg::Cancelled).into())
            }
            FormEvent::Submit => Outcome::submit(self.command()),
            _ => Outcome::Keep,
        }
    }

    fn on_paste(&mut self, text: &str, _app: &App) -> Outcome {
        self.form.paste(text);
        Outcome::Keep
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        let hint = lang.t(Msg::PromoteHint);
        draw_editor(
            f,
            area,
            lang,
            lang.t(Msg::PromoteTitle),
            &self.form,
            vec![Line::from(Span::styled(hint, theme.muted()))],
            theme,
        )
    }

    fn is_modal(&self) -> bool {
        true
    }
}
