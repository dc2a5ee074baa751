//! Drawing shared by the form popups: a popup's frame, a form's lines (the focused
//! field with its cursor), the what-if lines, a form in a popup with a preview under
//! it, and a form over SKUs with its what-if under it (reclassify, clearance batch).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::whatif::{shift, Headline};
use crate::i18n::{Lang, Msg};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::form::{Field, Form};
use crate::ui::keymap::Scope;
use crate::ui::theme::Theme;
use crate::ui::widgets::{fit, pad};

/// A form's fields, one line each: the focused one marked, with its value being edited
/// and what it says of itself.
pub fn form_lines(form: &Form, lang: Lang, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    // What the focused field says of itself, after its value.
    let hint_of = |f: &Field| match f {
        Field::Pick { hint, .. } => lang.f(Msg::FormPickHint, &[hint]),
        Field::Text { hint, value, .. } if value.is_empty() => format!("  {hint}"),
        Field::Choice { .. } => lang.t(Msg::FormChoiceHint).to_string(),
        Field::Text { .. } => String::new(),
    };
    form.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let focused = i == form.focus;
            let marker = if focused { "▸ " } else { "  " };
            let label = Span::styled(
                format!("{marker}{}", pad(f.label(), 14)),
                if focused { theme.title() } else { Style::new() },
            );
            let value = match f {
                Field::Choice { options, index, .. } => {
                    format!(
                        "◂ {} ▸",
                        fit(
                            options.get(*index).map_or("", |s| s.as_str()),
                            width.saturating_sub(24)
                        )
                    )
                }
                Field::Text { value, .. } | Field::Pick { value, .. } => match form.cursor() {
                    Some((_, at, fresh)) if focused => {
                        return field_line(label, value, at, fresh, &hint_of(f), width, theme);
                    }
                    _ => fit(value, width.saturating_sub(24)),
                },
            };
            let hint = if focused { hint_of(f) } else { String::new() };
            Line::from(vec![
                label,
                Span::styled(
                    value,
                    if focused {
                        theme.selected()
                    } else {
                        Style::new()
                    },
                ),
                Span::styled(hint, theme.muted()),
            ])
        })
        .collect()
}

/// The focused text field's line: its value with the cursor (`▏`) where it is, the
/// value highlighted when it is all selected (typing replaces it), scrolled so that
/// the cursor stays in sight when the value is longer than the room.
fn field_line(
    label: Span<'static>,
    value: &str,
    at: usize,
    fresh: bool,
    hint: &str,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let room = width.saturating_sub(24).max(2);
    let split = value.char_indices().nth(at).map_or(value.len(), |(i, _)| i);
    let before = crate::domain::text::for_terminal(&value[..split]).into_owned();
    let after = crate::domain::text::for_terminal(&value[split..]).into_owned();
    // Keep the end of what is before the cursor, and what of the rest still fits.
    let before = tail(&before, room - 1);
    let after = fit(&after, room - 1 - before.width());
    let style = if fresh {
        theme
            .selected()
            .add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        theme.selected()
    };
    Line::from(vec![
        label,
        Span::styled(before, style),
        Span::styled("▏", theme.selected()),
        Span::styled(after, theme.selected()),
        Span::styled(hint.to_string(), theme.muted()),
    ])
}

/// The end of `text` that fits `width` cells, with `…` first when it was cut.
fn tail(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the '…'
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// What a change does to the headline figures, under a heading: each before → after,
/// those it moves lit.
pub fn whatif_lines(
    app: &App,
    before: &Headline,
    after: &Headline,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        lang.t(Msg::WhatIfTitle),
        theme.header(),
    ))];
    lines.extend(whatif_figures(app, before, after, lang, theme));
    lines
}

/// [`whatif_lines`] without the heading: three lines.
pub fn whatif_figures(
    app: &App,
    before: &Headline,
    after: &Headline,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // One "label before → after" pair, highlighted when the change moves it.
    let pair = |label: &str, b: Option<f64>, a: Option<f64>| {
        let style = if a != b { theme.title() } else { theme.muted() };
        [
            Span::raw(label.to_string()),
            Span::styled(shift(b, a), style),
        ]
    };
    let two = |l1: &str, b1, a1, l2: &str, b2, a2| {
        Line::from([pair(l1, b1, a1), pair(l2, b2, a2)].concat())
    };
    vec![
        two(
            lang.t(Msg::WhatIfHighRevenue),
            before.share_revenue[0],
            after.share_revenue[0],
            lang.t(Msg::WhatIfLowRevenue),
            before.share_revenue[2],
            after.share_revenue[2],
        ),
        two(
            lang.t(Msg::WhatIfHighGp),
            before.share_gp[0],
            after.share_gp[0],
            lang.t(Msg::WhatIfSkuShareHigh),
            before.share_skus[0],
            after.share_skus[0],
        ),
        Line::from(vec![
            Span::raw(lang.t(Msg::WhatIfCapital)),
            Span::raw(format!(
                "{} → {}",
                app.money.grouped(before.capital),
                app.money.grouped(after.capital)
            )),
            Span::raw(lang.t(Msg::WhatIfSlow)),
            Span::raw(format!("{} → {}", before.slow_movers, after.slow_movers)),
        ]),
    ]
}

/// A form in a popup with a few lines of preview under it, its title saying the keys
/// that save and cancel.
pub fn draw_editor(
    f: &mut Frame,
    area: Rect,
    app: &App,
    title: &str,
    form: &Form,
    preview: Vec<Line<'static>>,
    theme: &Theme,
) {
    let (save, cancel) = form_keys(app);
    let title = app.lang.f(Msg::EditorTitle, &[&title, &save, &cancel]);
    draw_form_popup(f, area, app.lang, &title, form, preview, theme);
}

/// The keys that submit and cancel a form, as its title and messages name them
/// (`Enter`, `Esc`).
pub fn form_keys(app: &App) -> (String, String) {
    (
        app.keymap.label_in(Scope::Form, Action::Submit),
        app.keymap.label_in(Scope::Form, Action::Cancel),
    )
}

/// [`draw_editor`] with the whole title given (what Enter does differs).
pub fn draw_form_popup(
    f: &mut Frame,
    area: Rect,
    lang: Lang,
    title: &str,
    form: &Form,
    preview: Vec<Line<'static>>,
    theme: &Theme,
) {
    let h = (form.fields.len() + preview.len() + 3) as u16;
    let inner = popup_frame(f, area, (96, h), &format!(" {title} "), theme);
    let mut lines = form_lines(form, lang, theme, inner.width as usize);
    lines.push(Line::from(""));
    lines.extend(preview);
    f.render_widget(Paragraph::new(lines), inner);
}

/// A form popup over SKUs that shows what it would do (reclassify, clearance batch):
/// a frame of at most `size` (width, height) in the middle of `area` titled `title`,
/// the form's fields at its top and a blank line; the room left under them, for the
/// what-if (see [`whatif_lines`]).
pub fn draw_whatif_form(
    f: &mut Frame,
    area: Rect,
    size: (u16, u16),
    title: &str,
    form: &Form,
    lang: Lang,
    theme: &Theme,
) -> Rect {
    let inner = popup_frame(f, area, size, title, theme);
    let rows = form.fields.len() as u16 + 1;
    let [form_area, rest] =
        Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(inner);
    f.render_widget(
        Paragraph::new(form_lines(form, lang, theme, form_area.width as usize)),
        form_area,
    );
    rest
}

/// A popup's frame: a rectangle of at most `size` (width, height) in the middle of
/// `area`, cleared, with a border and `title`; the room inside it.
pub fn popup_frame(
    f: &mut Frame,
    area: Rect,
    size: (u16, u16),
    title: &str,
    theme: &Theme,
) -> Rect {
    let rect = centered(area, size.0, size.1);
    crate::ui::widgets::clear_popup(f, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title.to_string())
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    inner
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;
    use ratatui::Terminal;

    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// The focused field's cursor is drawn where the terminal shows the text before it:
    /// after `☀️` (drawn as `☀` without its selector: one cell, as every terminal agrees)
    /// and before `夏` (two cells), whatever the characters count.
    #[test]
    fn the_cursor_is_drawn_after_the_cells_an_emoji_takes() {
        let mut form = Form::new(vec![Field::Text {
            label: "name",
            value: "☀\u{FE0F}夏".into(),
            hint: "",
        }]);
        let keys = crate::keymap::Keymap::default();
        form.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE), &keys);
        assert_eq!(form.cursor().map(|c| c.1), Some(2), "between ☀️ and 夏");
        let lines = form_lines(&form, Lang::En, &Theme::default(), 60);
        let mut terminal = Terminal::new(TestBackend::new(30, 1)).unwrap();
        terminal
            .draw(|f| f.render_widget(Paragraph::new(lines.clone()), f.area()))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let label = "▸ ".width() + pad("name", 14).width();
        let cell = |x: usize| buffer[(x as u16, 0)].symbol().to_string();
        assert_eq!(cell(label), "☀");
        assert_eq!(
            cell(label + 1),
            "▏",
            "the cursor right after the sun's one cell"
        );
        assert_eq!(cell(label + 2), "夏");
        assert_eq!(cell(label + 4), " ", "夏 took two cells");
        assert_eq!(lines[0].width(), label + 4);
    }
}
