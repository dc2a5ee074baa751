//! Drawing the triage popups: the reclassify and batch forms with their what-if
//! previews, the confirm question and the change history.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::clearance::MarginAlert;
use crate::domain::whatif::{shift, Headline};
use crate::export::pct;
use crate::i18n::{Lang, Msg};
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::form::{Field, Form};
use crate::ui::theme::Theme;
use crate::ui::triage::{BatchForm, Confirm, History, ReclassifyForm};
use crate::ui::widgets::{fit, pad};

fn form_lines(form: &Form, lang: Lang, theme: &Theme, width: usize) -> Vec<Line<'static>> {
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

fn whatif_lines(
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
        Line::from(Span::styled(lang.t(Msg::WhatIfTitle), theme.header())),
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

pub fn draw_reclassify(f: &mut Frame, area: Rect, app: &App, r: &ReclassifyForm, theme: &Theme) {
    let rect = centered(area, 90, 16);
    crate::ui::widgets::clear_popup(f, rect);
    let names: Vec<String> = r
        .products
        .iter()
        .take(3)
        .map(|&i| app.ds.products[i].sku.clone())
        .collect();
    let more = if r.products.len() > 3 {
        format!(" +{}", r.products.len() - 3)
    } else {
        String::new()
    };
    let lang = app.lang;
    let title = lang.f(Msg::ReclassifyTitle, &[&fit(&names.join(", "), 40), &more]);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let mut lines = form_lines(&r.form, lang, theme, inner.width as usize);
    lines.push(Line::from(""));
    lines.extend(whatif_lines(app, &r.before, &r.after, lang, theme));
    f.render_widget(Paragraph::new(lines), inner);
}

fn alert_style(a: MarginAlert, theme: &Theme) -> Style {
    match a {
        MarginAlert::Ok => Style::new(),
        MarginAlert::Warning => theme.warning(),
        MarginAlert::Alarm => theme.alarm(),
    }
}

/// A cell of the batch popup's table: its text, and a shorter one for a narrow column
/// (a step's price and alert mark without its margin; the same text elsewhere).
struct Cell {
    long: String,
    short: String,
    style: Style,
}

/// The widest cell of column `i`, in its long or short form.
fn widest(rows: &[Vec<Cell>], i: usize, short: bool) -> usize {
    rows.iter()
        .filter_map(|r| r.get(i))
        .map(|c| if short { &c.short } else { &c.long }.width())
        .max()
        .unwrap_or(0)
}

/// The step columns' widths in `room` cells (columns 4 on), and whether the steps must
/// show their short form: every step's long cells if they all fit, else every step's
/// short cells; then, with the room left, as wide as their headers, alike. When not even
/// the short cells fit, an equal share each.
fn step_widths(rows: &[Vec<Cell>], header: &[String], room: usize) -> (Vec<usize>, bool) {
    let columns = 4..header.len();
    let long: Vec<usize> = columns.clone().map(|i| widest(rows, i, false)).collect();
    let use_short = long.iter().sum::<usize>() > room;
    let mut widths: Vec<usize> = match use_short {
        true => columns.clone().map(|i| widest(rows, i, true)).collect(),
        false => long,
    };
    let Some(mut left) = room.checked_sub(widths.iter().sum()) else {
        return (
            vec![(room / widths.len().max(1)).max(1); widths.len()],
            true,
        );
    };
    // A cell at a time to each header that wants one, in turn, so that they share alike.
    let wanted: Vec<usize> = columns.map(|i| header[i].width()).collect();
    while left > 0 {
        let mut grew = false;
        for (w, &want) in widths.iter_mut().zip(&wanted) {
            if left > 0 && *w < want {
                *w += 1;
                left -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (widths, use_short)
}

pub fn draw_batch(f: &mut Frame, area: Rect, app: &App, b: &BatchForm, theme: &Theme) {
    let rect = centered(area, 118, 34);
    crate::ui::widgets::clear_popup(f, rect);
    let lang = app.lang;
    let title = lang.f(
        if b.editing.is_some() {
            Msg::BatchEditTitle
        } else {
            Msg::BatchNewTitle
        },
        &[&b.products.len()],
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let [form_area, lines_area, bottom] = Layout::vertical([
        Constraint::Length(9),
        Constraint::Min(4),
        Constraint::Length(7),
    ])
    .areas(inner);
    f.render_widget(
        Paragraph::new(form_lines(&b.form, lang, theme, form_area.width as usize)),
        form_area,
    );
    let Some(p) = &b.preview else {
        return;
    };
    let steps = p.cash_at_step.len();
    let mut header = vec![
        lang.t(Msg::PreviewSku).to_string(),
        lang.t(Msg::PreviewUnits).into(),
        lang.t(Msg::PreviewCost).into(),
        lang.t(Msg::PreviewList).into(),
    ];
    header.extend((1..=steps).map(|n| lang.f(Msg::PreviewStep, &[&n])));
    let rows: Vec<Vec<Cell>> = p
        .lines
        .iter()
        .map(|l| {
            let same = |text: String, style: Style| Cell {
                short: text.clone(),
                long: text,
                style,
            };
            let mut cells = vec![
                same(fit(&app.ds.products[l.product].sku, 12), Style::new()),
                same(l.units.to_string(), Style::new()),
                if l.cost_missing {
                    same(lang.t(Msg::PreviewCostMissing).into(), theme.warning())
                } else {
                    same(app.money.plain(l.unit_cost), Style::new())
                },
                same(
                    l.list_price.map_or("—".into(), |m| app.money.plain(m)),
                    Style::new(),
                ),
            ];
            for s in &l.steps {
                let mark = match s.alert {
                    MarginAlert::Ok => "",
                    MarginAlert::Warning => " !",
                    MarginAlert::Alarm => " !!",
                };
                let price = app.money.plain(s.price);
                // Without the margin where it does not fit: the `!!` of a price below
                // cost stays in sight.
                cells.push(Cell {
                    long: format!("{price} / {}{mark}", pct(s.margin)),
                    short: format!("{price}{mark}"),
                    style: alert_style(s.alert, theme),
                });
            }
            cells
        })
        .collect();
    // The SKU, units, cost and list columns as wide as their cells; the steps share what
    // is left (see `step_widths`), headers cut with `…` where they must. With fixed
    // widths the table overflowed at 80 columns and ratatui clipped the SKU codes
    // (`AP-1001` read `AP-100`, another SKU's code).
    let fixed: Vec<usize> = (0..4)
        .map(|i| widest(&rows, i, false).max(header[i].width()))
        .collect();
    let gaps = header.len().saturating_sub(1);
    let room = (lines_area.width as usize).saturating_sub(gaps + fixed.iter().sum::<usize>());
    let (steps_snug, steps_short) = step_widths(&rows, &header, room);
    let snug: Vec<usize> = fixed.iter().copied().chain(steps_snug).collect();
    // Roomier widths where they fit (the popup at 120 columns and more).
    let roomy: Vec<usize> = [12, 6, 9, 9]
        .into_iter()
        .chain(std::iter::repeat_n(24, steps))
        .zip(&snug)
        .map(|(w, &s)| w.max(s))
        .collect();
    let (widths, use_short) = if roomy.iter().sum::<usize>() + gaps <= lines_area.width as usize {
        (roomy, false)
    } else {
        (snug, steps_short)
    };
    let header: Vec<String> = header
        .iter()
        .zip(&widths)
        .map(|(h, &w)| fit(h, w))
        .collect();
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|cells| {
            let cells = cells.into_iter().zip(&widths).map(|(c, &w)| {
                let text = if use_short { &c.short } else { &c.long };
                Span::styled(fit(text, w), c.style)
            });
            Row::new(cells.collect::<Vec<_>>())
        })
        .collect();
    let widths = widths.iter().map(|&w| Constraint::Length(w as u16));
    f.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.header()))
            .block(Block::default().borders(Borders::TOP)),
        lines_area,
    );
    let mut lines = Vec::new();
    let cash: Vec<String> = p
        .cash_at_step
        .iter()
        .map(|c| app.money.grouped(*c))
        .collect();
    lines.push(Line::from(vec![
        Span::styled(lang.t(Msg::PreviewCash), theme.header()),
        Span::raw(cash.join(" / ")),
    ]));
    let floor = pct(rust_decimal::prelude::ToPrimitive::to_f64(
        &app.settings.margin_floor,
    ));
    let (text, style) = match p.worst {
        MarginAlert::Ok => (lang.f(Msg::PreviewAllAboveFloor, &[&floor]), theme.good()),
        MarginAlert::Warning => (
            lang.f(Msg::PreviewSomeBelowFloor, &[&floor]),
            theme.warning(),
        ),
        MarginAlert::Alarm => (lang.t(Msg::PreviewBelowCost).to_string(), theme.alarm()),
    };
    lines.push(Line::from(Span::styled(text, style)));
    if let Some(problem) = &b.problem {
        lines.push(Line::from(Span::styled(
            format!("✗ {problem}"),
            theme.alarm(),
        )));
    }
    lines.extend(
        whatif_lines(app, &b.before, &p.after, lang, theme)
            .into_iter()
            .skip(1)
            .take(3),
    );
    f.render_widget(Paragraph::new(lines), bottom);
}

pub fn draw_confirm(f: &mut Frame, area: Rect, lang: Lang, c: &Confirm, theme: &Theme) {
    let rect = centered(area, 70, 5);
    crate::ui::widgets::clear_popup(f, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(lang.t(Msg::ConfirmTitle))
        .title_style(theme.alarm());
    let width = block.inner(rect).width as usize;
    let lines = crate::ui::widgets::wrap_line(&Line::from(c.question.clone()), width);
    f.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn draw_history(f: &mut Frame, area: Rect, lang: Lang, h: &History, theme: &Theme) {
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
                .title(lang.t(Msg::HistoryTitle))
                .title_style(theme.title()),
        ),
        rect,
    );
}

/// A form in a popup with a few lines of preview under it.
pub fn draw_editor(
    f: &mut Frame,
    area: Rect,
    lang: Lang,
    title: &str,
    form: &Form,
    preview: Vec<Line<'static>>,
    theme: &Theme,
) {
    let title = lang.f(Msg::EditorTitle, &[&title]);
    draw_form_popup(f, area, lang, &title, form, preview, theme);
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
    let rect = centered(area, 96, h);
    crate::ui::widgets::clear_popup(f, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_style(theme.title());
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let mut lines = form_lines(form, lang, theme, inner.width as usize);
    lines.push(Line::from(""));
    lines.extend(preview);
    f.render_widget(Paragraph::new(lines), inner);
}

/// The live score of a candidate being typed.
pub fn candidate_preview(
    app: &App,
    c: &crate::ui::editors::CandidateForm,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    match c.candidate() {
        Err(e) => vec![Line::from(Span::styled(format!("✗ {e}"), theme.warning()))],
        Ok(cand) => {
            let card = crate::domain::scoring::score(&cand, &app.settings);
            let mut lines = vec![Line::from(lang.f(
                Msg::CandidatePreview,
                &[
                    &format!("{:.1}", card.score),
                    &pct(card.expected_margin),
                    &lang.verdict(card.verdict),
                ],
            ))];
            for g in &card.gates {
                lines.push(Line::from(Span::styled(
                    format!("✗ {}", lang.gate(g)),
                    theme.alarm(),
                )));
            }
            lines
        }
    }
}

/// Candidates side by side, criterion by criterion.
pub fn draw_compare(f: &mut Frame, area: Rect, app: &App, marked: &[usize], theme: &Theme) {
    let lang = app.lang;
    let shown: Vec<usize> = marked.iter().copied().take(5).collect();
    let col_w = 20u16;
    let rect = centered(area, 22 + col_w * shown.len() as u16 + 2, 16);
    crate::ui::widgets::clear_popup(f, rect);
    let cand = |i: usize| &app.ds.candidates[i];
    let card = |i: usize| &app.views.scorecards[i];
    let row = |label: Msg, cell: &dyn Fn(usize) -> String| {
        let mut cells = vec![Span::styled(fit(lang.t(label), 20), theme.muted())];
        cells.extend(shown.iter().map(|&i| Span::raw(cell(i))));
        Row::new(cells)
    };
    let rows = vec![
        row(Msg::CompareGrowth, &|i| {
            format!("{}%", cand(i).market_growth_pct.normalize())
        }),
        row(Msg::CompareGap, &|i| {
            format!("{}/5", cand(i).competitive_gap)
        }),
        row(Msg::ComparePain, &|i| format!("{}/5", cand(i).user_pain)),
        row(Msg::CompareFit, &|i| format!("{}/5", cand(i).brand_fit)),
        row(Msg::CompareCost, &|i| {
            app.money.plain(cand(i).expected_unit_cost)
        }),
        row(Msg::ComparePrice, &|i| {
            app.money.plain(cand(i).expected_price)
        }),
        row(Msg::CompareMargin, &|i| pct(card(i).expected_margin)),
        row(Msg::ComparePersonas, &|i| {
            fit(&cand(i).personas.join(", "), col_w as usize)
        }),
        row(Msg::CompareScore, &|i| format!("{:.1}", card(i).score)),
        row(Msg::CompareVerdict, &|i| {
            lang.verdict(card(i).verdict).to_string()
        }),
        row(Msg::CompareGates, &|i| card(i).gates.len().to_string()),
    ];
    let mut header = vec![Span::raw("")];
    header.extend(
        shown
            .iter()
            .map(|&i| Span::styled(fit(&cand(i).name, col_w as usize), theme.title())),
    );
    let mut widths = vec![Constraint::Length(20)];
    widths.extend(shown.iter().map(|_| Constraint::Length(col_w)));
    f.render_widget(
        Table::new(rows, widths).header(Row::new(header)).block(
            Block::default()
                .borders(Borders::ALL)
                .title(lang.t(Msg::CompareTitle))
                .title_style(theme.title()),
        ),
        rect,
    );
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
        form.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
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
