//! The import form (`i`): the file's kind, its path, a column mapping, and the other
//! file of a two-file export (Taobao's items and orders files, in either order); Enter
//! shows the preview `skudesk import --dry-run` would print (see `import_preview`).

use std::path::PathBuf;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::editor::Editor;
use super::form_view::{draw_form_popup, form_keys};
use super::Outcome;
use crate::i18n::{Lang, Msg};
use crate::import::Kind;
use crate::ui::app::{App, Level};
use crate::ui::form::{Field, Form};
use crate::ui::import::ImportJob;
use crate::ui::request::Request;
use crate::ui::theme::Theme;

const KINDS: [Kind; 4] = [Kind::Orders, Kind::Products, Kind::Stock, Kind::Traffic];

#[derive(Debug, Clone)]
pub struct ImportForm {
    pub form: Form,
    pub lang: Lang,
}

impl ImportForm {
    pub fn new(lang: Lang) -> ImportForm {
        let mut mappings = vec!["auto".to_string()];
        mappings.extend(
            crate::import::mapping::built_in_names()
                .split(", ")
                .map(str::to_string),
        );
        ImportForm {
            form: Form::new(vec![
                Field::Choice {
                    label: lang.t(Msg::FieldFileHolds),
                    options: KINDS
                        .iter()
                        .map(|k| lang.file_kind(*k).to_string())
                        .collect(),
                    index: 0,
                },
                Field::Text {
                    label: lang.t(Msg::FieldCsvFile),
                    value: String::new(),
                    hint: lang.t(Msg::HintCsvPath),
                },
                Field::Pick {
                    label: lang.t(Msg::FieldMapping),
                    value: "auto".into(),
                    options: mappings,
                    hint: lang.t(Msg::HintMapping),
                },
                Field::Text {
                    label: lang.t(Msg::FieldOtherFile),
                    value: String::new(),
                    hint: lang.t(Msg::HintOtherFile),
                },
            ]),
            lang,
        }
    }

    /// The job the form describes, or what is missing.
    pub fn job(&self) -> Result<ImportJob, String> {
        let path = self.form.text(1);
        if path.is_empty() {
            return Err(self.lang.t(Msg::NeedCsvPath).into());
        }
        let mapping = match self.form.text(2) {
            "" | "native" => None,
            m => Some(m.to_string()),
        };
        let other = match self.form.text(3) {
            "" => None,
            p => Some(expand_home(p)),
        };
        Ok(ImportJob {
            kind: KINDS[self.form.choice(0).min(KINDS.len() - 1)],
            path: expand_home(path),
            other,
            mapping,
        })
    }
}

impl Default for ImportForm {
    fn default() -> Self {
        ImportForm::new(Lang::En)
    }
}

/// `~/x` is the home folder's `x`, as a shell would read it.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

impl Editor for ImportForm {
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn cancelled(&self) -> Msg {
        Msg::ImportCancelled
    }

    /// Enter shows the preview of the import (nothing is written yet).
    fn submit(&mut self, _app: &App) -> Outcome {
        match self.job() {
            Ok(job) => Outcome::Request(Request::ImportPreview(job)),
            Err(e) => Outcome::Say(Level::Warning, e),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        let (preview, cancel) = form_keys(app);
        draw_form_popup(
            f,
            area,
            lang,
            &lang.f(Msg::ImportFormTitle, &[&preview, &cancel]),
            &self.form,
            vec![Line::from(Span::styled(
                lang.f(Msg::ImportFormHint, &[&preview]),
                theme.muted(),
            ))],
            theme,
        )
    }
}
