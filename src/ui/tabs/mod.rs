//! One module per tab.

pub mod aging;
pub mod mix;
pub mod plans;
pub mod scoring;
pub mod trend;

use ratatui::layout::Rect;

use crate::ui::action::Tab;

use super::app::{App, Cursor, Hit};

/// Keeps the cursor row on screen: returns the first visible row for `height` rows.
/// Draws the current tab's body.
pub fn draw(f: &mut ratatui::Frame, area: Rect, app: &App, theme: &crate::ui::theme::Theme) {
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

pub fn scroll(cursor: &Cursor, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut offset = cursor.offset.get().min(len.saturating_sub(1));
    if cursor.selected < offset {
        offset = cursor.selected;
    } else if cursor.selected >= offset + height {
        offset = cursor.selected + 1 - height;
    }
    cursor.offset.set(offset);
    offset
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
