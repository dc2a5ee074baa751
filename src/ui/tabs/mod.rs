//! One module per tab.

pub mod aging;
pub mod mix;
pub mod plans;
pub mod scoring;
pub mod trend;

use std::cell::Cell;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use crate::ui::action::Tab;
use crate::ui::theme::Theme;

use super::app::{App, Cursor, Hit};

/// Draws the current tab's body.
pub fn draw(f: &mut ratatui::Frame, area: Rect, app: &App, theme: &Theme) {
    match app.tab {
        Tab::Mix => mix::draw(f, area, app, theme),
        Tab::Aging => aging::draw(f, area, app, theme),
        Tab::Scoring => scoring::draw(f, area, app, theme),
        Tab::Plans => plans::draw(f, area, app, theme),
    }
}

/// How many rows `tab`'s table has (what its cursor moves over).
pub fn rows(app: &App, tab: Tab) -> usize {
    match tab {
        Tab::Mix => app.mix_len(),
        Tab::Aging => app.aging.rows.len(),
        Tab::Scoring => app.ds.candidates.len(),
        Tab::Plans => app.ds.plans.len() + app.ds.batches.len(),
    }
}

/// Keeps the cursor row on screen: returns the first visible row for `height` rows.
pub fn scroll(cursor: &Cursor, len: usize, height: usize) -> usize {
    scroll_at(cursor.selected, &cursor.offset, len, height)
}

/// Keeps row `selected` of a table of `len` rows on screen, `height` rows at a time,
/// from the first row shown before (`offset`, updated): returns the first row to show.
/// No row is left empty while rows above are hidden (a taller terminal shows more).
pub fn scroll_at(selected: usize, offset: &Cell<usize>, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut first = offset.get().min(len.saturating_sub(height));
    if selected < first {
        first = selected;
    } else if selected >= first + height {
        first = selected + 1 - height;
    }
    offset.set(first);
    first
}

/// Which rows a table shows where some are left out: " 4–8/13 "; none when all show.
pub fn shown(first: usize, height: usize, len: usize) -> Option<String> {
    (height < len).then(|| format!(" {}–{}/{len} ", first + 1, (first + height).min(len)))
}

/// A table's bordered block titled `title`, with which rows show where some are left
/// out ([`shown`]): after the title where it fits in `area`, else at the right of the
/// bottom border (the title's keys stay whole).
pub fn titled(
    title: String,
    first: usize,
    height: usize,
    len: usize,
    area: Rect,
    theme: &Theme,
) -> Block<'static> {
    let block = Block::default()
        .borders(Borders::ALL)
        .title_style(theme.title());
    match shown(first, height, len) {
        Some(mark) if title.width() + mark.width() > usize::from(area.width.saturating_sub(2)) => {
            block
                .title(title)
                .title_bottom(Line::styled(mark, theme.title()).right_aligned())
        }
        Some(mark) => block.title(title + &mark),
        None => block.title(title),
    }
}

/// Rows of a table body inside `area` (borders and header taken off).
pub fn body_rows(area: Rect) -> usize {
    area.height.saturating_sub(3) as usize
}

/// Records where a bordered table with a header shows its rows, for mouse clicks: the
/// first body row (at `area.y + 2`) is row `first` of the cursor's `len` rows.
pub fn track_rows(app: &App, area: Rect, first: usize, len: usize) {
    let body = Rect {
        x: area.x + 1,
        y: area.y + 2,
        width: area.width.saturating_sub(2),
        height: body_rows(area) as u16,
    };
    app.hits.borrow_mut().push(Hit::Rows {
        area: body,
        first,
        len,
    });
}
