//! The help popup (`?`): every key of the key table, by scope, in one, two or three columns;
//! scrolled where it does not fit with the keys of its own scope in the table (j/k, the
//! arrows, Space, PageUp/PageDown, g/G, Home/End), closed as a view is (Esc, Enter, q,
//! or the help key).

use std::cell::Cell;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{viewer_key, Outcome, Popup};
use crate::i18n::Msg;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
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
    /// The help screen's keys scroll it; the view scope's close it.
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        let scroll = &mut self.scroll;
        let page = app.page.max(1);
        let moved = match app.keymap.action(Scope::Help, &key) {
            Some(Action::ScrollDown) => Some(*scroll + 1),
            Some(Action::ScrollUp) => Some(scroll.saturating_sub(1)),
            Some(Action::ScrollPageDown) => Some(*scroll + page),
            Some(Action::ScrollPageUp) => Some(scroll.saturating_sub(page)),
            Some(Action::ScrollTop) => Some(0),
            Some(Action::ScrollBottom) => Some(usize::MAX),
            _ => None,
        };
        if let Some(to) = moved {
            // Not past the last page, so that a key back up moves at once.
            let rows = app.keymap.help_rows();
            *scroll = to.min(self.bottom.get()).min(rows.saturating_sub(1));
            return Outcome::Keep;
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

/// The keys: in one column, or two or three side by side when one does not fit the
/// height but they fit the screen; otherwise one column scrolled down by `scroll` rows,
/// with where it is and how to scroll in the bottom border.
fn draw_help(f: &mut Frame, area: Rect, app: &App, help: &Help, theme: &Theme) {
    let scroll = help.scroll;
    let lang = app.lang;
    // (keys or a scope's title, what they do: none on a title)
    let mut rows: Vec<(String, Option<&str>)> = Vec::new();
    for (scope, lines) in app.keymap.help_sections(lang) {
        rows.push((scope.to_string(), None));
        for (keys, help) in lines {
            rows.push((keys, Some(help)));
        }
    }
    let fits = |per_column: usize| per_column as u16 + 2 <= area.height;
    // Three columns are packed closer (a one-cell indent, one cell after the keys and
    // after the texts), each as wide as its keys and texts need.
    let packed_widths = || -> Vec<u16> {
        let chunks: Vec<_> = rows.chunks(rows.len().div_ceil(3).max(1)).collect();
        let last = chunks.len().saturating_sub(1);
        chunks
            .iter()
            .enumerate()
            .map(|(i, chunk)| {
                let (keys, text) = column_widths(chunk, 1);
                // A cell between a column's widest text and the next column's titles.
                (keys + text + usize::from(i < last)) as u16
            })
            .collect()
    };
    let columns = if fits(rows.len()) {
        1
    } else if area.width >= 110 && fits(rows.len().div_ceil(2)) {
        2
    } else if fits(rows.len().div_ceil(3))
        && packed_widths().iter().sum::<u16>() + 2 <= area.width.min(120)
    {
        3
    } else {
        1
    };
    let per_column = rows.len().div_ceil(columns);
    let h = (per_column as u16 + 2).min(area.height);
    let rect = centered(area, if columns == 1 { 72 } else { 120 }, h);
    crate::ui::widgets::clear_popup(f, rect);
    let close = app.keymap.label_in(Scope::Help, Action::Close);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(lang.f(Msg::HelpTitle, &[&close]))
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
        let at = lang.f(
            Msg::HelpScroll,
            &[&(first + 1), &last, &total, &scroll_keys(app)],
        );
        block = block.title_bottom(Line::from(at).right_aligned());
    }
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let (indent, spacing) = if columns == 3 { (1, 0) } else { (2, 1) };
    let constraints = if columns == 3 {
        packed_widths()
            .into_iter()
            .map(Constraint::Length)
            .collect()
    } else {
        vec![Constraint::Ratio(1, columns as u32); columns]
    };
    let parts = Layout::horizontal(constraints).split(inner);
    let mut rows = rows.into_iter().skip(first);
    for part in parts.iter() {
        let chunk: Vec<(String, Option<&str>)> = rows.by_ref().take(per_column).collect();
        // Keys take 14 cells, or more where a popup's keys shown are longer
        // (`Esc/Enter/q/?`).
        let shown = &chunk[..chunk.len().min(visible)];
        let (keys_width, _) = column_widths(shown, indent);
        let table_rows = chunk.into_iter().map(|(keys, help)| match help {
            Some(help) => Row::new(vec![
                Span::raw(format!("{}{keys}", " ".repeat(indent))),
                Span::raw(help),
            ]),
            None => Row::new(vec![Span::styled(keys, theme.title())]),
        });
        f.render_widget(
            Table::new(
                table_rows,
                [Constraint::Length(keys_width as u16), Constraint::Min(10)],
            )
            .column_spacing(spacing),
            *part,
        );
    }
}

/// The widths of a column of the help: its keys (indented by `indent`, with a cell
/// after them; at least 14) and its widest text.
fn column_widths(rows: &[(String, Option<&str>)], indent: usize) -> (usize, usize) {
    let keys = rows
        .iter()
        .filter(|(_, help)| help.is_some())
        .map(|(keys, _)| keys.width() + indent + 1)
        .max()
        .unwrap_or(0)
        .max(14);
    let text = rows
        .iter()
        .filter_map(|(_, help)| help.map(|h| h.width()))
        .max()
        .unwrap_or(0);
    (keys, text)
}

/// The scroll keys as the bottom border names them: `j/k ↓↑ PgDn PgUp` (the keys of
/// down and up in pairs, then the first of page down and page up).
fn scroll_keys(app: &App) -> String {
    let keys = |a: Action| app.keymap.labels_in(Scope::Help, a);
    let (down, up) = (keys(Action::ScrollDown), keys(Action::ScrollUp));
    let mut parts: Vec<String> = (0..down.len().max(up.len()))
        .map(|i| {
            let pair: Vec<&str> = [down.get(i), up.get(i)]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            pair.join(if i == 0 { "/" } else { "" })
        })
        .collect();
    for a in [Action::ScrollPageDown, Action::ScrollPageUp] {
        parts.extend(keys(a).into_iter().next());
    }
    parts.join(" ")
}
