//! The app's `i`: pick a file, its kind and a column mapping; see the same preview
//! `skudesk import --dry-run` prints; apply it on confirm. The import itself is the
//! command line's too (`session::import_one`), run by the loop in `ui::mod`.

use std::path::PathBuf;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::draw::centered;
use super::form::{Field, Form};
use super::theme::Theme;
use crate::domain::text::for_terminal;
use crate::i18n::{Lang, Msg};
use crate::import::Kind;
use crate::session::ImportOutcome;

const KINDS: [Kind; 4] = [Kind::Orders, Kind::Products, Kind::Stock, Kind::Traffic];

/// What to import: the same three things `skudesk import` is told.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportJob {
    pub kind: Kind,
    pub path: PathBuf,
    /// `None`: the native layout.
    pub mapping: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ImportForm {
    pub form: Form,
    pub lang: Lang,
}

impl ImportJob {
    /// Previews (`dry_run`) or imports the file, as `skudesk import` does.
    pub fn run(&self, store: &mut crate::store::Store, dry_run: bool, lang: Lang) -> ImportOutcome {
        crate::session::import_one(
            store,
            self.kind,
            &self.path,
            self.mapping.as_deref(),
            dry_run,
            lang,
        )
    }
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

/// A preview on screen: Enter imports when there were no errors.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    pub job: ImportJob,
    pub outcome: ImportOutcome,
}

impl ImportPreview {
    pub fn can_apply(&self) -> bool {
        self.outcome.errors.is_empty()
    }
}

pub fn draw_preview(f: &mut Frame, area: Rect, lang: Lang, p: &ImportPreview, theme: &Theme) {
    let mut lines: Vec<Line> = vec![Line::from(
        lang.f(
            Msg::ImportPreviewWhat,
            &[
                &for_terminal(&p.job.path.display().to_string()),
                &lang.file_kind(p.job.kind),
                &p.job
                    .mapping
                    .as_deref()
                    .unwrap_or(lang.t(Msg::NativeLayout)),
            ],
        ),
    )];
    lines.push(Line::from(""));
    for l in &p.outcome.lines {
        lines.push(Line::from(for_terminal(l)));
    }
    for e in &p.outcome.errors {
        lines.push(Line::from(Span::styled(for_terminal(e), theme.alarm())));
    }
    if p.outcome.more_errors > 0 {
        lines.push(Line::from(Span::styled(
            lang.f(Msg::MoreErrors, &[&p.outcome.more_errors]),
            theme.alarm(),
        )));
    }
    lines.push(Line::from(""));
    let title = if p.can_apply() {
        lines.push(Line::from(Span::styled(
            lang.t(Msg::ImportCanApply),
            theme.muted(),
        )));
        lang.t(Msg::ImportPreviewTitle)
    } else {
        lines.push(Line::from(Span::styled(
            lang.t(Msg::ImportCannotApply),
            theme.muted(),
        )));
        lang.t(Msg::ImportErrorsTitle)
    };
    // Wrapped here, by terminal cells, so the height is exact and Chinese stays inside.
    let inner = usize::from(area.width.min(110).saturating_sub(2)).max(1);
    let lines = super::widgets::wrap_lines(&lines, inner);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, 110, height);
    super::widgets::clear_popup(f, rect);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .title_style(if p.can_apply() {
                    theme.title()
                } else {
                    theme.alarm()
                }),
        ),
        rect,
    );
}
