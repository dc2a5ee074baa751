//! One module per tab, plus the SKU detail popup.

pub mod aging;
pub mod detail;
pub mod mix;
pub mod plans;
pub mod scoring;

use ratatui::layout::Rect;

use super::app::Cursor;

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
