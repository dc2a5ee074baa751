//! The change history (`H`): the last changes and imports, newest first, those undone
//! marked.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

use super::{viewer_key, Outcome, Popup};
use crate::i18n::Msg;
use crate::session::said::HistoryLine;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

#[derive(Debug, Clone)]
pub struct History {
    pub entries: Vec<HistoryLine>,
}

impl Popup for History {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        viewer_key(&key, app)
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_history(f, area, app, self, theme)
    }

    fn is_modal(&self) -> bool {
        false
    }
}

fn draw_history(f: &mut Frame, area: Rect, app: &App, h: &History, theme: &Theme) {
    let lang = app.lang;
    let rect = centered(area, 110, area.height.saturating_sub(4));
    crate::ui::widgets::clear_popup(f, rect);
    let rows: Vec<Row> = h
        .entries
        .iter()
        .map(|e| {
            let state = if e.undone {
                Span::styled(lang.t(Msg::HistoryUndone), theme.muted())
            } else {
                Span::raw("")
            };
            Row::new(vec![
                Span::raw(format!("#{}", e.id)),
                Span::raw(e.at.clone()),
                Span::raw(match e.kind.as_str() {
                    "change" => lang.t(Msg::HistoryKindChange).to_string(),
                    "import" => lang.t(Msg::HistoryKindImport).to_string(),
                    other => other.to_string(),
                }),
                Span::raw(fit(&e.summary, 70)),
                state,
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(6),
        Constraint::Length(19),
        Constraint::Length(6),
        Constraint::Min(20),
        Constraint::Length(6),
    ];
    f.render_widget(
        Table::new(rows, widths).block(
            Block::default()
                .borders(Borders::ALL)
                .title(lang.f(
                    Msg::HistoryTitle,
                    &[
                        &app.keymap.label_of(Action::Undo).unwrap_or_default(),
                        &app.keymap.label_of(Action::Redo).unwrap_or_default(),
                        &app.keymap.label_in(Scope::View, Action::Close),
                    ],
                ))
                .title_style(theme.title()),
        ),
        rect,
    );
}
