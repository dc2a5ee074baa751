//! The help popup (`?`): every key of the key table, by scope, in one or two columns;
//! scrolled with j/k, the arrows, Space, PageUp/PageDown, g/G, Home/End where it does
//! not fit.

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

use super::{viewer_key, Outcome, Popup};
use crate::i18n::Msg;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::theme::Theme;

#[derive(Debug, Clone)]
pub struct Help {
    /// Rows scrolled down where the keys do not fit.
    pub scroll: usize,
    /// How far the help can scroll on the terminal it was last drawn on (its last
    /// page's first row): the drawing knows the height, the keys do not.
    bottom: Cell<usize>,
}

impl Default for Help {
    fn default() -> Help {
        Help {
            scroll: 0,
            bottom: Cell::new(usize::MAX),
        }
    }
}

impl Popup for Help {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        let closes_help = app.keymap.lookup(app.tab, &key) == Some(Action::Help);
        let plain = (key.modifiers - KeyModifiers::SHIFT).is_empty();
        if !closes_help && plain {
            let scroll = &mut self.scroll;
            let page = app.page.max(1);
            let moved = match key.code {
                KeyCode::Char('j') | KeyCode::Down => Some(*scroll + 1),
                KeyCode::Char('k') | KeyCode::Up => Some(scroll.saturating_sub(1)),
                KeyCode::PageDown | KeyCode::Char(' ') => Some(*scroll + page),
                KeyCode::PageUp => Some(scroll.saturating_sub(page)),
                KeyCode::Home | KeyCode::Char('g') => Some(0),
                KeyCode::End | KeyCode::Char('G') => Some(usize::MAX),
                _ => None,
            };
            if let Some(to) = moved {
                // Not past the last page, so that a key back up moves at once.
                let rows = app.keymap.help_rows();
                *scroll = to.min(self.bottom.get()).min(rows.saturating_sub(1));
                return Outcome::Keep;
            }
        }
        viewer_key(&key, app)
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_help(f, area, app, self, theme)
    }

    fn is_modal(&self) -> bool {
        false
    }
}

/// The keys: in one column, or two side by side when one does not fit the height but
/// two fit the screen; otherwise one column scrolled down by `scroll` rows, with where
/// it is and how to scroll in the bottom border.
fn draw_help(f: &mut Frame, area: Rect, app: &App, help: &Help, theme: &Theme) {
    let scroll = help.scroll;
    let lang = app.lang;
    let mut rows = Vec::new();
    for (scope, lines) in app.keymap.help_sections() {
        rows.push(Row::new(vec![Span::styled(
            lang.english(scope),
            theme.title(),
        )]));
        for (keys, help) in lines {
            rows.push(Row::new(vec![
                Span::raw(format!("  {keys}")),
                Span::raw(lang.english(help)),
            ]));
        }
    }
    let fits = |per_column: usize| per_column as u16 + 2 <= area.height;
    let columns = if fits(rows.len()) {
        1
    } else if area.width >= 110 && fits(rows.len().div_ceil(2)) {
        2
    } else {
        1
    };
    let per_column = rows.len().div_ceil(columns);
    let h = (per_column as u16 + 2).min(area.height);
    let rect = centered(area, if columns == 1 { 72 } else { 120 }, h);
    crate::ui::widgets::clear_popup(f, rect);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(lang.t(Msg::HelpTitle))
        .title_style(theme.title());
    let visible = usize::from(h.saturating_sub(2)).max(1);
    let total = rows.len();
    let bottom = if columns == 1 {
        total.saturating_sub(visible)
    } else {
        0
    };
    help.bottom.set(bottom);
    let first = scroll.min(bottom);
    if columns == 1 && total > visible {
        let last = (first + visible).min(total);
        let at = lang.f(Msg::HelpScroll, &[&(first + 1), &last, &total]);
        block = block.title_bottom(Line::from(at).right_aligned());
    }
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let parts =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(inner);
    let mut rows = rows.into_iter().skip(first);
    for part in parts.iter() {
        let chunk: Vec<Row> = rows.by_ref().take(per_column).collect();
        f.render_widget(
            Table::new(chunk, [Constraint::Length(14), Constraint::Min(10)]),
            *part,
        );
    }
}
