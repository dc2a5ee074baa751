//! Promoting a candidate to a SKU (`p` on the scoring tab): the new SKU's code.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::editor::Editor;
use super::fields::text;
use super::form_view::draw_editor;
use super::Outcome;
use crate::domain::command::Command;
use crate::domain::model::{Candidate, Dataset};
use crate::i18n::{Lang, Msg};
use crate::ui::app::App;
use crate::ui::form::Form;
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

    /// The promotion, checked by its rules ([`Command::check`]).
    pub fn command(&self) -> Result<Command, String> {
        let cmd = Command::PromoteCandidate {
            id: self.candidate,
            sku: self.form.text(0).to_string(),
        };
        cmd.check().map_err(|r| self.lang.refusal_in_form(&r))?;
        Ok(cmd)
    }
}

impl Editor for PromoteForm {
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn submit(&mut self, _app: &App) -> Outcome {
        Outcome::submit(self.command())
    }

    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        let hint = lang.t(Msg::PromoteHint);
        draw_editor(
            f,
            area,
            app,
            lang.t(Msg::PromoteTitle),
            &self.form,
            vec![Line::from(Span::styled(hint, theme.muted()))],
            theme,
        )
    }
}
