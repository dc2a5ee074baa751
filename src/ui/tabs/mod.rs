//! One module per tab.

pub mod aging;
pub mod mix;
pub mod plans;
pub mod scoring;

use ratatui::layout::Rect;

use super::app::{App, Cursor, Hit};

/// Keeps the cursor row on screen: returns the first visible row for `height` rows.
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
