//! Small drawing helpers: display-width-aware truncation, bars with target marks,
//! progress bars and the age-spread glyphs.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::money::{Money, MoneyFormat};
use crate::domain::text::for_terminal;
use crate::i18n::Lang;

use super::theme::Theme;

/// Data text made safe ([`for_terminal`]) and cut to `width` terminal columns (CJK counts
/// two), with `…`.
pub fn fit(text: &str, width: usize) -> String {
    let clean = for_terminal(text);
    if clean.width() <= width {
        return clean.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let kept = out.len();
        out.push(c);
        // A string's width is not always the sum of its characters': a zero-width
        // selector or joiner can widen what comes before it (`☀` is one cell, `☀️` two,
        // as the table measures and the terminal draws it). Measured again there.
        let now = match c.width().unwrap_or(0) {
            0 => out.width(),
            w => used + w,
        };
        if now + 1 > width {
            out.truncate(kept);
            break;
        }
        used = now;
    }
    // `Sun Hat…`, not `Sun Hat …`.
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// A figure right-aligned in `width` cells: `full` when it fits, else the value
/// shortened with a unit ([`short_figure`]). A figure is never cut: `1234567` for
/// 12,345,678 would read as another number.
pub fn fit_figure(full: &str, value: f64, lang: Lang, width: usize) -> String {
    if full.width() <= width {
        return pad_left(full, width);
    }
    pad_left(&short_figure(value, "", lang, width), width)
}

/// An amount right-aligned in `width` cells: with thousands separators when they fit,
/// else without, else shortened with a unit (`1.52B`, `15.2亿`). Never cut.
pub fn fit_money(money: &MoneyFormat, m: Money, lang: Lang, width: usize) -> String {
    let grouped = money.grouped(m);
    if grouped.width() <= width {
        return pad_left(&grouped, width);
    }
    let plain = money.plain(m);
    if plain.width() <= width {
        return pad_left(&plain, width);
    }
    pad_left(&short_figure(m.to_f64(), &money.symbol, lang, width), width)
}

/// `value` with a unit, as short as `width` needs: about three significant digits
/// (`12.3M`, `1.52B`; in Chinese 万 and 亿: `1235万`, `15.2亿`), fewer decimals when
/// that does not fit. `prefix` is a currency sign. When not even the shortest form fits,
/// `#`s fill the cell, as a spreadsheet does: an honest "does not fit", not a wrong
/// number.
pub fn short_figure(value: f64, prefix: &str, lang: Lang, width: usize) -> String {
    const EN: [(f64, &str); 5] = [(1.0, ""), (1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")];
    const ZH: [(f64, &str); 4] = [(1.0, ""), (1e4, "万"), (1e8, "亿"), (1e12, "万亿")];
    let (units, step): (&[(f64, &str)], f64) = if lang.is_en() { (&EN, 1e3) } else { (&ZH, 1e4) };
    let sign = if value < 0.0 { "-" } else { "" };
    let abs = value.abs();
    if !abs.is_finite() {
        return format!("{sign}{prefix}∞");
    }
    // The unit that leaves a number below the next step; the largest for huge values.
    let mut unit = units
        .iter()
        .rposition(|&(size, _)| abs >= size)
        .unwrap_or(0);
    'units: loop {
        let (size, suffix) = units[unit];
        let scaled = abs / size;
        let digits = (scaled.max(1.0).log10().floor() as usize) + 1;
        for decimals in (0..=3usize.saturating_sub(digits)).rev() {
            let shown = format!("{scaled:.decimals$}");
            // Rounded up to the next step (999.96K): the next unit reads better.
            if shown.parse::<f64>().is_ok_and(|r| r >= step) && unit + 1 < units.len() {
                unit += 1;
                continue 'units;
            }
            let text = format!("{sign}{prefix}{shown}{suffix}");
            if text.width() <= width {
                return text;
            }
        }
        break;
    }
    "#".repeat(width.max(1))
}

/// Padding by terminal columns: text's, shared with the command line's lists.
pub use crate::domain::text::{pad, pad_left};

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

/// `line` broken into lines of at most `width` terminal cells, styles kept: at spaces
/// where it can, before or after any wide (CJK) character, and inside a run of narrow
/// characters only when the run is wider than a whole line. A space a line breaks at is
/// dropped.
///
/// ratatui 0.29's `Paragraph::wrap` measured a run of CJK characters in characters, not
/// cells, and let it run past the area's edge (over a popup's border; ratatui#2679).
/// 0.30's stays inside the area but still takes a run of CJK characters for one word: it
/// breaks before the run rather than inside it (`ab 预期毛利率` at 7 cells gives `ab` alone
/// on a line), though Chinese may break between any two characters. Text with Chinese in
/// it is wrapped here instead.
pub fn wrap_line(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    #[derive(PartialEq)]
    enum Kind {
        Space,
        Wide,
        Word,
    }
    // Units that are never split (but for a word wider than a line).
    let mut units: Vec<(String, Style, usize, Kind)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            let kind = if c == ' ' {
                Kind::Space
            } else if w >= 2 {
                Kind::Wide
            } else {
                Kind::Word
            };
            match units.last_mut() {
                // A zero-width mark stays with what it marks, and may widen it (`☀️`).
                Some(last) if w == 0 && kind != Kind::Space => {
                    last.0.push(c);
                    last.2 = last.0.width();
                }
                Some(last) if kind == Kind::Word && last.3 == Kind::Word && last.1 == style => {
                    last.0.push(c);
                    last.2 += w;
                }
                _ => units.push((c.to_string(), style, w, kind)),
            }
        }
    }
    let width = width.max(1);
    let mut lines: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style, w, kind) in units {
        if kind == Kind::Space {
            if used < width {
                lines.last_mut().expect("a line").push((text, style));
                used += 1;
            } else {
                lines.push(Vec::new());
                used = 0;
            }
        } else if used + w <= width {
            lines.last_mut().expect("a line").push((text, style));
            used += w;
        } else if w <= width {
            lines.push(vec![(text, style)]);
            used = w;
        } else {
            for (piece, cw) in clusters(&text) {
                if used + cw > width && used > 0 {
                    lines.push(Vec::new());
                    used = 0;
                }
                lines.last_mut().expect("a line").push((piece, style));
                used += cw;
            }
        }
    }
    lines
        .into_iter()
        .map(|pieces| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (text, style) in pieces {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(&text),
                    _ => spans.push(Span::styled(text, style)),
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// `text` as characters with the zero-width marks that follow each, and the cells each
/// such piece takes (a selector can widen what it marks: `☀` is one cell, `☀️` two).
fn clusters(text: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for c in text.chars() {
        match out.last_mut() {
            Some(last) if c.width().unwrap_or(0) == 0 => {
                last.0.push(c);
                last.1 = last.0.width();
            }
            _ => out.push((c.to_string(), c.width().unwrap_or(0))),
        }
    }
    out
}

/// Every line of `lines` wrapped to `width` cells (see [`wrap_line`]).
pub fn wrap_lines(lines: &[Line<'_>], width: usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap_line(l, width)).collect()
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

/// A plan's bar (METRICS.md "Plans over time"): filled by the way travelled, full only
/// at the target (a fraction just short of 1 leaves a cell empty), with `│` where the
/// expected progress is (none before the start or once all the time is gone).
pub fn plan_bar(fraction: Option<f64>, expected: Option<f64>, width: usize) -> String {
    let Some(f) = fraction else {
        return progress(None, width);
    };
    let n = if f >= 1.0 {
        width
    } else {
        ((f.max(0.0) * width as f64).floor() as usize).min(width.saturating_sub(1))
    };
    let mark = expected
        .filter(|e| *e > 0.0 && *e < 1.0)
        .map(|e| ((e * width as f64).floor() as usize).min(width.saturating_sub(1)));
    let cells: String = (0..width)
        .map(|i| match (Some(i) == mark, i < n) {
            (true, _) => '│',
            (false, true) => '█',
            (false, false) => '░',
        })
        .collect();
    format!("[{cells}]")
}

/// A plan's progress in percent, never "100.0%" short of the target.
pub fn plan_pct(fraction: Option<f64>) -> String {
    match fraction {
        Some(f) if f < 1.0 && f > 0.9995 => "99.9%".to_string(),
        other => crate::export::pct(other),
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
    fn item_15_figures_too_wide_are_shortened_with_a_unit_never_cut() {
        let en = Lang::En;
        let zh = Lang::ZhCn;
        assert_eq!(short_figure(12_345_678.0, "", en, 7), "12.3M");
        assert_eq!(short_figure(1_524_073_949.10, "", en, 11), "1.52B");
        assert_eq!(short_figure(-1_524_073_949.10, "¥", en, 11), "-¥1.52B");
        assert_eq!(short_figure(999_960.0, "", en, 7), "1.00M");
        assert_eq!(short_figure(12_345_678.0, "", en, 3), "12M");
        assert_eq!(short_figure(12_345_678.0, "", zh, 7), "1235万");
        assert_eq!(short_figure(1_524_073_949.10, "", zh, 11), "15.2亿");
        assert_eq!(short_figure(150_000_000.0, "", zh, 11), "1.50亿");
        assert_eq!(short_figure(12_345_678.0, "", en, 2), "##");
        assert_eq!(fit_figure("12345678", 12_345_678.0, en, 7), "  12.3M");
        assert_eq!(fit_figure("1234567", 1_234_567.0, en, 7), "1234567");
        let money = MoneyFormat::default();
        let m = Money::from_cents(152_407_394_910);
        assert_eq!(fit_money(&money, m, en, 16), "1,524,073,949.10");
        assert_eq!(fit_money(&money, m, en, 13), "1524073949.10");
        assert_eq!(fit_money(&money, m, en, 11), "      1.52B");
        for value in [0.0, 7.5, 999.0, 1234.5, 98_765.0, 1e7, 3.3e9, 4.4e13, -5e5] {
            for width in 3..12 {
                for lang in [en, zh] {
                    let text = short_figure(value, "", lang, width);
                    assert!(text.width() <= width, "{value} in {width}: {text}");
                }
            }
        }
    }

    #[test]
    fn fit_counts_display_width() {
        assert_eq!(fit("智能手环表带", 7), "智能手…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("Sun Hat Beige", 9), "Sun Hat…", "no space before the …");
        assert_eq!(fit("a\u{1b}[31mb", 10), "a[31mb");
        assert!(fit("智能手环表带 Strap", 9).width() <= 9);
    }

    /// A name that starts with an emoji is cut to its width and keeps its `…` (it came
    /// out a cell too wide, and the table cut the `…` off); the presentation selector is
    /// dropped, so `☀` is one cell in every terminal.
    #[test]
    fn fit_keeps_emoji_names_within_their_width() {
        let name = "☀️ 夏季遮阳帽 Sun Hat Beige UPF50+";
        assert_eq!(fit(name, 24), "☀ 夏季遮阳帽 Sun Hat Be…");
        for text in [
            name,
            "a☀️b",
            "👍🏽 ok",
            "👨\u{200d}👩\u{200d}👧 family",
            "⌚\u{fe0e} watch",
        ] {
            let shown = for_terminal(text).width();
            for width in 1..=shown + 1 {
                let cut = fit(text, width);
                assert!(cut.width() <= width, "{text:?} at {width}: {cut:?}");
                if shown > width {
                    assert!(cut.ends_with('…'), "{text:?} at {width}: {cut:?}");
                }
            }
        }
    }

    #[test]
    fn pad_counts_display_width() {
        assert_eq!(pad("Tier", 6), format!("{:6}", "Tier"));
        assert_eq!(pad("高毛利", 8), "高毛利  ");
        assert_eq!(pad("高毛利", 8).width(), 8);
        assert_eq!(pad_left("天", 4), "  天");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wrap_counts_an_emoji_with_its_selector_as_two_cells() {
        let line = Line::from("☀️ 夏季遮阳帽 Sun Hat ☀️☀️☀️");
        for width in 2..=12 {
            for l in wrap_line(&line, width) {
                assert!(l.width() <= width, "{width}: {:?}", l.to_string());
            }
        }
    }

    #[test]
    fn wrap_keeps_every_line_within_its_cells() {
        let text = "✗ 预期毛利率 19.3%，低于 25% 的保底毛利率";
        for width in 4..45 {
            let lines = wrap_line(&Line::from(text), width);
            for l in &lines {
                assert!(l.width() <= width, "{width}: {l:?}");
            }
            let joined: String = plain(&lines).concat();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "{width}");
        }
        assert_eq!(
            plain(&wrap_line(&Line::from(text), 40)),
            ["✗ 预期毛利率 19.3%，低于 25% 的保底毛利", "率"]
        );
        assert_eq!(
            plain(&wrap_line(&Line::from("one two three"), 8)),
            ["one two ", "three"]
        );
        assert_eq!(
            plain(&wrap_line(&Line::from("abcdefghij"), 4)),
            ["abcd", "efgh", "ij"]
        );
    }

    #[test]
    fn wrap_keeps_styles() {
        let line = Line::from(vec![
            Span::styled("红色 ", Style::new().fg(ratatui::style::Color::Red)),
            Span::raw("plain words"),
        ]);
        let lines = wrap_line(&line, 8);
        assert_eq!(plain(&lines), ["红色 ", "plain ", "words"]);
        assert_eq!(lines[0].spans[0].style.fg, Some(ratatui::style::Color::Red));
        assert_eq!(lines[1].spans[0].style.fg, None);
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

    #[test]
    fn a_plan_bar_is_full_only_at_the_target_and_marks_the_expected() {
        // 95.75 % of the way rounds to ten cells; the bar keeps one empty.
        assert_eq!(plan_bar(Some(0.9575), None, 10), "[█████████░]");
        assert_eq!(plan_bar(Some(1.0), None, 10), "[██████████]");
        // A third of the way, half the time gone: the mark at the half.
        assert_eq!(plan_bar(Some(1.0 / 3.0), Some(0.5), 10), "[███░░│░░░░]");
        // Ahead of the time: the mark inside the filled part.
        assert_eq!(plan_bar(Some(0.8), Some(0.25), 4), "[█│█░]");
        // Nothing expected yet, or all of it: no mark.
        assert_eq!(plan_bar(Some(0.0), Some(0.0), 4), "[░░░░]");
        assert_eq!(plan_bar(Some(0.5), Some(1.0), 4), "[██░░]");
        assert_eq!(plan_bar(None, Some(0.5), 2).trim(), "—");
        assert_eq!(plan_pct(Some(0.99961)), "99.9%");
        assert_eq!(plan_pct(Some(1.0)), "100.0%");
        assert_eq!(plan_pct(Some(0.292)), "29.2%");
    }
}
