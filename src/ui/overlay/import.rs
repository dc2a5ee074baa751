//! The import form (`i`): the file's kind, its path and a column mapping; Enter shows
//! the preview `skudesk import --dry-run` would print (see `import_preview`).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::form_view::draw_form_popup;
use super::{Outcome, Popup};
use crate::i18n::{Lang, Msg};
use crate::import::Kind;
use crate::ui::app::{App, Level};
use crate::ui::form::{Field, Form, FormEvent};
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
        Ok(ImportJob {
            kind: KINDS[self.form.choice(0).min(KINDS.len() - 1)],
            path: expand_home(path),
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

impl Popup for ImportForm {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match self.form.on_key(key) {
            FormEvent::Cancel => {
                Outcome::CloseSaying(Level::Info, app.lang.t(Msg::ImportCancelled).into())
            }
            FormEvent::Submit => match self.job() {
                Ok(job) => Outcome::Request(Request::ImportPreview(job)),
                Err(e) => Outcome::Say(Level::Warning, e),
            },
            _ => Outcome::Keep,
        }
    }

    fn on_paste(&mut self, text: &str, _app: &App) -> Outcome {
        self.form.paste(text);
        Outcome::Keep
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        draw_form_popup(
            f,
            area,
            lang,
            lang.t(Msg::ImportFormTitle),
            &self.form,
            vec![Line::from(Span::styled(
                lang.t(Msg::ImportFormHint),
                theme.muted(),
            ))],
            theme,
        )
    }

    fn is_modal(&self) -> bool {
        true
    }
}
