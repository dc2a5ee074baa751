//! The app's `i`: pick a file, its kind and a column mapping; see the same preview
//! `skudesk import --dry-run` prints; apply it on confirm. The import itself is the
//! command line's (`commands::import_one`), run by the loop in `ui::mod`.

use std::path::PathBuf;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::draw::centered;
use super::form::{Field, Form};
use super::theme::Theme;
use crate::commands::ImportOutcome;
use crate::domain::text::sanitize;
use crate::import::Kind;

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
}

impl ImportForm {
    pub fn new() -> ImportForm {
        let mut mappings = vec!["auto".to_string()];
        mappings.extend(
            crate::import::mapping::built_in_names()
                .split(", ")
                .map(str::to_string),
        );
        ImportForm {
            form: Form::new(vec![
                Field::Choice {
                    label: "file holds",
                    options: KINDS.iter().map(|k| k.as_str().to_string()).collect(),
                    index: 0,
                },
                Field::Text {
                    label: "CSV file",
                    value: String::new(),
                    hint: "path, e.g. ~/Downloads/orders_export.csv",
                },
                Field::Pick {
                    label: "mapping",
                    value: "auto".into(),
                    options: mappings,
                    hint: "auto guesses from the header; ←/→ for the built-ins, or a .toml path",
                },
            ]),
        }
    }

    /// The job the form describes, or what is missing.
    pub fn job(&self) -> Result<ImportJob, String> {
        let path = self.form.text(1);
        if path.is_empty() {
            return Err("type the path of the CSV file".into());
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
        ImportForm::new()
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

pub fn draw_preview(f: &mut Frame, area: Rect, p: &ImportPreview, theme: &Theme) {
    let mut lines: Vec<Line> = vec![Line::from(format!(
        "{} as {} ({})",
        sanitize(&p.job.path.display().to_string()),
        p.job.kind,
        p.job.mapping.as_deref().unwrap_or("native layout")
    ))];
    lines.push(Line::from(""));
    for l in &p.outcome.lines {
        lines.push(Line::from(sanitize(l)));
    }
    for e in &p.outcome.errors {
        lines.push(Line::from(Span::styled(sanitize(e), theme.alarm())));
    }
    if p.outcome.more_errors > 0 {
        lines.push(Line::from(Span::styled(
            format!("… and {} more errors", p.outcome.more_errors),
            theme.alarm(),
        )));
    }
    lines.push(Line::from(""));
    let title = if p.can_apply() {
        lines.push(Line::from(Span::styled(
            "Nothing is written yet. Enter imports it (one transaction, undoable with u); Esc cancels.",
            theme.muted(),
        )));
        " Import preview — Enter imports, Esc cancels "
    } else {
        lines.push(Line::from(Span::styled(
            "Nothing was written. Fix the file (or pick another mapping) and try again.",
            theme.muted(),
        )));
        " Import preview — errors, nothing written — Esc closes "
    };
    // Rows the wrapped lines take at this width, so the last line is never cut off.
    let inner = usize::from(area.width.min(110).saturating_sub(2)).max(1);
    // (Word wrapping can take a row more than the width alone says.)
    let rows: usize = lines
        .iter()
        .map(|l| match l.width().max(1).div_ceil(inner) {
            1 => 1,
            n => n + 1,
        })
        .sum();
    let height = (rows as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, 110, height);
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
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
