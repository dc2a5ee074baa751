//! Small drawing helpers: display-width-aware truncation, bars with target marks,
//! progress bars and the age-spread glyphs.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Clear;
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::text::sanitize;

use super::theme::Theme;

/// Data text made safe and cut to `width` terminal columns (CJK counts two), with `…`.
pub fn fit(text: &str, width: usize) -> String {
    let clean = sanitize(text);
    if clean.width() <= width {
        return clean.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` padded with spaces to `width` terminal columns (CJK counts two), left-aligned;
/// text already wider is left as it is. `format!("{:w$}")` pads by characters, which
/// misaligns every column after a Chinese label.
pub fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    let mut out = String::with_capacity(text.len() + width.saturating_sub(w));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// `text` right-aligned in `width` terminal columns (see [`pad`]).
pub fn pad_left(text: &str, width: usize) -> String {
    let w = text.width();
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(text);
    out
}

/// Clears `rect` for a popup. A wide (CJK) character just left of it would cover the
/// popup's left border — the terminal draws it two cells wide, and the buffer diff skips
/// the cell it covers — so it is blanked too.
pub fn clear_popup(f: &mut Frame, rect: Rect) {
    f.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buf = f.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buf[(rect.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A horizontal bar of `width` cells filled to `share` (0–1), with target marks drawn
/// as `│` at their positions.
pub fn bar(
    share: Option<f64>,
    width: usize,
    fill: Style,
    marks: &[f64],
    theme: &Theme,
) -> Vec<Span<'static>> {
    let filled = share.map_or(0, |s| (s.clamp(0.0, 1.0) * width as f64).round() as usize);
    let mark_at: Vec<usize> = marks
        .iter()
        .map(|m| ((m * width as f64).round() as usize).min(width.saturating_sub(1)))
        .collect();
    (0..width)
        .map(|i| {
            if mark_at.contains(&i) {
                Span::styled("│", theme.marker())
            } else if i < filled {
                Span::styled("█", fill)
            } else {
                Span::styled("░", theme.muted())
            }
        })
        .collect()
}

/// A compact progress bar `[█████░░░░░]` for a fraction 0–1.
pub fn progress(fraction: Option<f64>, width: usize) -> String {
    match fraction {
        None => format!("{:width$}", "—", width = width + 2),
        Some(f) => {
            let n = (f.clamp(0.0, 1.0) * width as f64).round() as usize;
            format!("[{}{}]", "█".repeat(n), "░".repeat(width - n))
        }
    }
}

/// One glyph per age bucket, its height the bucket's share of units.
pub fn age_spread(units: &[i64]) -> String {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let total: i64 = units.iter().sum();
    if total <= 0 {
        return "·".repeat(units.len());
    }
    units
        .iter()
        .map(|&u| {
            if u <= 0 {
                '·'
            } else {
                LEVELS[((u as f64 / total as f64) * 8.0).ceil().clamp(1.0, 8.0) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_display_width() {
        assert_eq!(fit("智能手环表带", 7), "智能手…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("a\u{1b}[31mb", 10), "a[31mb");
        assert!(fit("智能手环表带 Strap", 9).width() <= 9);
    }

    #[test]
    fn pad_counts_display_width() {
        assert_eq!(pad("Tier", 6), format!("{:6}", "Tier"));
        assert_eq!(pad("高毛利", 8), "高毛利  ");
        assert_eq!(pad("高毛利", 8).width(), 8);
        assert_eq!(pad_left("天", 4), "  天");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn age_spread_shows_where_units_sit() {
        assert_eq!(age_spread(&[0, 0, 0, 0, 10]), "····█");
        assert_eq!(age_spread(&[5, 5, 0, 0, 0]), "▄▄···");
        assert_eq!(age_spread(&[0, 0, 0, 0, 0]), "·····");
    }

    #[test]
    fn progress_bar_fills_by_fraction() {
        assert_eq!(progress(Some(0.5), 4), "[██░░]");
        assert_eq!(progress(Some(2.0), 2), "[██]");
        assert_eq!(progress(None, 2).trim(), "—");
    }
}
