//! What importing a file would do, as `skudesk import --dry-run` prints it: the key
//! table's preview keys: Enter or `y` imports when there were no errors; Esc, `n` or
//! `q` import nothing, and so does Enter when there were errors.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::{Outcome, Popup};
use crate::domain::text::for_terminal;
use crate::i18n::Msg;
use crate::session::ImportOutcome;
use crate::ui::action::Action;
use crate::ui::app::{App, Level};
use crate::ui::draw::centered;
use crate::ui::import::ImportJob;
use crate::ui::keymap::Scope;
use crate::ui::request::Request;
use crate::ui::theme::Theme;

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

impl Popup for ImportPreview {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        match app.keymap.action(Scope::Preview, &key) {
            Some(Action::Submit | Action::Yes) if self.can_apply() => {
                Outcome::Request(Request::Import(self.job.clone()))
            }
            // Enter (submit) on errors closes; `y` does nothing there.
            Some(Action::Submit | Action::Cancel | Action::No) => {
                Outcome::CloseSaying(Level::Info, app.lang.t(Msg::NothingImported).into())
            }
            _ => Outcome::Keep,
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_preview(f, area, app, self, theme)
    }

    fn is_modal(&self) -> bool {
        true
    }
}

fn draw_preview(f: &mut Frame, area: Rect, app: &App, p: &ImportPreview, theme: &Theme) {
    let lang = app.lang;
    let key = |a: Action| app.keymap.label_in(Scope::Preview, a);
    let undo = app.keymap.label_of(Action::Undo).unwrap_or_default();
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
        // Replacing the demo data is the one import undo cannot take back.
        let can_apply = if p.outcome.replaces_demo {
            lang.f(
                Msg::ImportCanApplyDemo,
                &[&key(Action::Submit), &key(Action::Cancel)],
            )
        } else {
            lang.f(
                Msg::ImportCanApply,
                &[&key(Action::Submit), &undo, &key(Action::Cancel)],
            )
        };
        lines.push(Line::from(Span::styled(can_apply, theme.muted())));
        lang.f(
            Msg::ImportPreviewTitle,
            &[&key(Action::Submit), &key(Action::Cancel)],
        )
    } else {
        lines.push(Line::from(Span::styled(
            lang.t(Msg::ImportCannotApply),
            theme.muted(),
        )));
        lang.f(Msg::ImportErrorsTitle, &[&key(Action::Cancel)])
    };
    // Wrapped here, by terminal cells, so the height is exact and Chinese stays inside.
    let inner = usize::from(area.width.min(110).saturating_sub(2)).max(1);
    let lines = crate::ui::widgets::wrap_lines(&lines, inner);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = centered(area, 110, height);
    crate::ui::widgets::clear_popup(f, rect);
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
