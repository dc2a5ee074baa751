//! Tab 2, inventory aging: the triage table. Only the visible rows are laid out.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use ratatui::Frame;

use crate::domain::metrics::Cover;
use crate::export::cover_text;
use crate::i18n::{Lang, Msg};
use crate::ui::app::{App, Column, Filter};
use crate::ui::theme::Theme;
use crate::ui::view::suggested_action;
use crate::ui::widgets::{age_spread, fit, fit_figure, fit_money, pad_left};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [info, table, totals] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_info(frame, info, app, theme);
    draw_table(frame, table, app, theme);
    draw_totals(frame, totals, app, theme);
}

fn draw_info(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let a = &app.aging;
    let lang = app.lang;
    let mut spans = vec![
        Span::styled(lang.t(Msg::InfoFilter), theme.muted()),
        Span::raw(lang.filter(a.filter)),
    ];
    if let Some(c) = &a.category {
        spans.push(Span::styled(lang.t(Msg::InfoCategory), theme.muted()));
        spans.push(Span::raw(fit(
            if c.is_empty() {
                lang.t(Msg::NoCategory)
            } else {
                c
            },
            24,
        )));
    }
    if !a.search.is_empty() {
        spans.push(Span::styled(lang.t(Msg::InfoSearch), theme.muted()));
        spans.push(Span::raw(format!("\"{}\"", fit(&a.search, 24))));
    }
    if let Some(col) = a.sort {
        spans.push(Span::styled(lang.t(Msg::InfoSort), theme.muted()));
        spans.push(Span::raw(format!(
            "{} {}",
            lang.column(col),
            if a.descending { "↓" } else { "↑" }
        )));
    }
    if a.filter != Filter::All || a.category.is_some() || !a.search.is_empty() {
        spans.push(Span::styled(lang.t(Msg::InfoEscClears), theme.muted()));
    }
    frame.render_widget(Line::from(spans), area);
}

/// A column of the aging table as drawn: a sortable data column or a derived one.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Data(Column),
    Ages,
    Flags,
    Action,
}

impl Col {
    fn header(self, lang: Lang) -> &'static str {
        match self {
            Col::Data(c) => lang.column(c),
            Col::Ages => lang.t(Msg::ColAges),
            Col::Flags => lang.t(Msg::ColFlags),
            Col::Action => lang.t(Msg::ColAction),
        }
    }
}

/// Picks the columns that fit `inner` cells: the triage essentials first, then the
/// rest by priority; spare room widens the name. A column is never narrower than its
/// header in `lang` (with the sort mark when it is the sort column), measured in
/// terminal cells; the name gives up what that costs.
fn layout(inner: u16, lang: Lang, sort: Option<Column>) -> Vec<(Col, u16)> {
    let fitted = |col: Col, w: u16| {
        let mark = matches!(col, Col::Data(c) if Some(c) == sort) as usize;
        (col, w.max((col.header(lang).width() + mark) as u16))
    };
    let mut cols: Vec<(Col, u16)> = [
        (Col::Data(Column::Sku), 9),
        (Col::Data(Column::Name), 13),
        (Col::Data(Column::Tier), 5),
        (Col::Data(Column::OnHand), 7),
        (Col::Data(Column::Capital), 11),
        (Col::Data(Column::LastSale), 9),
        (Col::Data(Column::Cover), 6),
        (Col::Flags, 10),
    ]
    .into_iter()
    .map(|(c, w)| fitted(c, w))
    .collect();
    let used = |cols: &[(Col, u16)]| cols.iter().map(|(_, w)| w + 1).sum::<u16>();
    // Wider headers than the essentials were planned for come out of the name.
    let over = used(&cols).saturating_sub(inner);
    if let Some(name) = cols.iter_mut().find(|(c, _)| *c == Col::Data(Column::Name)) {
        name.1 = name.1.saturating_sub(over).max(8);
    }
    let optional = [
        (Col::Data(Column::Velocity), 9),
        (Col::Ages, 5),
        (Col::Data(Column::Category), 12),
        (Col::Action, 22),
    ];
    for (col, w) in optional {
        let (col, w) = fitted(col, w);
        if used(&cols) + w < inner {
            cols.push((col, w));
        }
    }
    let order = |c: &Col| match c {
        Col::Data(d) => d.position(),
        Col::Ages => 9,
        Col::Flags => 10,
        Col::Action => 11,
    };
    cols.sort_by_key(|(c, _)| order(c));
    let spare = inner.saturating_sub(used(&cols));
    if let Some(name) = cols.iter_mut().find(|(c, _)| *c == Col::Data(Column::Name)) {
        name.1 += spare.min(22);
    }
    cols
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let a = &app.aging;
    let columns = layout(area.width.saturating_sub(2), lang, a.sort);
    let header_cells: Vec<Cell> = columns
        .iter()
        .map(|&(c, w)| {
            let mark = match c {
                Col::Data(d) if a.sort == Some(d) => {
                    if a.descending {
                        "↓"
                    } else {
                        "↑"
                    }
                }
                _ => "",
            };
            Cell::from(fit(&format!("{}{mark}", c.header(lang)), w as usize))
        })
        .collect();
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|(_, w)| Constraint::Length(*w))
        .collect();

    let height = super::body_rows(area);
    let len = a.rows.len();
    let offset = super::scroll(&a.cursor, len, height);
    super::track_rows(app, area, offset, len);
    let a_range = app
        .anchor
        .map(|x| (x.min(a.cursor.selected), x.max(a.cursor.selected)));
    let rows: Vec<Row> = a.rows[offset..(offset + height).min(len)]
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let p = &app.ds.products[i];
            let f = &app.review.skus[i];
            let cells: Vec<Cell> = columns
                .iter()
                .map(|&(c, w)| {
                    let width = w as usize;
                    match c {
                        Col::Data(Column::Sku) => {
                            let in_range =
                                a_range.is_some_and(|(lo, hi)| (lo..=hi).contains(&(offset + n)));
                            if app.selection.contains(&i) || in_range {
                                Cell::from(Span::styled(
                                    format!("●{}", fit(&p.sku, width - 1)),
                                    theme.warning(),
                                ))
                            } else {
                                Cell::from(fit(&p.sku, width))
                            }
                        }
                        Col::Data(Column::Name) => Cell::from(fit(&p.name, width)),
                        Col::Data(Column::Category) => Cell::from(fit(&p.category, width)),
                        Col::Data(Column::Tier) => {
                            let mark = if f.tier_overridden { "*" } else { "" };
                            let short = match f.tier {
                                crate::domain::model::Tier::Unclassified => "—",
                                t => lang.tier_short(t),
                            };
                            Cell::from(Span::styled(format!("{short}{mark}"), theme.tier(f.tier)))
                        }
                        Col::Data(Column::OnHand) => Cell::from(fit_figure(
                            &f.on_hand.to_string(),
                            f.on_hand as f64,
                            lang,
                            width,
                        )),
                        Col::Data(Column::Capital) => {
                            Cell::from(fit_money(&app.money, f.capital, lang, width))
                        }
                        Col::Data(Column::LastSale) => Cell::from(pad_left(
                            &f.days_since_last_sale.map_or_else(
                                || lang.t(Msg::Never).to_string(),
                                |d| lang.f(Msg::DaysShort, &[&d]),
                            ),
                            width,
                        )),
                        Col::Data(Column::Velocity) => Cell::from(fit_figure(
                            &format!("{:.2}", f.velocity),
                            f.velocity,
                            lang,
                            width,
                        )),
                        Col::Data(Column::Cover) => {
                            let style = match f.cover {
                                Cover::Infinite => theme.warning(),
                                Cover::Days(d) if d >= f64::from(app.settings.slow_days) => {
                                    theme.warning()
                                }
                                _ => Style::new(),
                            };
                            let days = match f.cover {
                                Cover::Days(d) => d,
                                Cover::Infinite => f64::INFINITY,
                            };
                            Cell::from(Span::styled(
                                fit_figure(&cover_text(f.cover), days, lang, width),
                                style,
                            ))
                        }
                        Col::Ages => {
                            let units: Vec<i64> = f.age_buckets.iter().map(|b| b.units).collect();
                            Cell::from(age_spread(&units))
                        }
                        Col::Flags => {
                            let mut flags = Vec::new();
                            if f.slow {
                                flags.push(Span::styled(lang.t(Msg::FlagSlow), theme.warning()));
                            }
                            if f.best_seller {
                                flags.push(Span::styled(lang.t(Msg::FlagBest), theme.good()));
                            }
                            if f.cost_missing {
                                flags.push(Span::styled(
                                    lang.t(Msg::FlagCostMissing),
                                    theme.alarm(),
                                ));
                            }
                            Cell::from(Line::from(flags))
                        }
                        Col::Action => Cell::from(fit(lang.english(suggested_action(p, f)), width)),
                    }
                })
                .collect();
            let row = Row::new(cells);
            if offset + n == a.cursor.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let title = lang.f(Msg::AgingTitle, &[&len]);
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header_cells).style(theme.header()))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(title)
                    .title_style(theme.title()),
            ),
        area,
    );
}

fn draw_totals(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let k = &app.review.kpis;
    let lang = app.lang;
    let turnover = k.portfolio_turnover_days.map_or("—".to_string(), |d| {
        lang.f(Msg::DaysShort, &[&format!("{d:.1}")])
    });
    let line = Line::from(vec![
        Span::styled(lang.t(Msg::TotalsCapital), theme.muted()),
        Span::raw(app.money.grouped(k.capital_tied_up)),
        Span::styled(lang.t(Msg::TotalsSlow), theme.muted()),
        Span::styled(k.slow_movers.to_string(), theme.warning()),
        Span::styled(lang.t(Msg::TotalsBest), theme.muted()),
        Span::styled(k.best_sellers.to_string(), theme.good()),
        Span::styled(lang.t(Msg::TotalsTurnover), theme.muted()),
        Span::raw(turnover),
        Span::styled(
            lang.f(Msg::TotalsTarget, &[&app.settings.target_turnover_days]),
            theme.muted(),
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_fits_its_column_in_both_languages() {
        for lang in Lang::ALL {
            for inner in [78, 118, 200] {
                for sort in Column::ALL.into_iter().map(Some).chain([None]) {
                    let cols = layout(inner, lang, sort);
                    let used: u16 = cols.iter().map(|(_, w)| w + 1).sum();
                    assert!(used <= inner + 1, "{lang} {inner}: {used} cells");
                    for (c, w) in cols {
                        let mark = matches!(c, Col::Data(d) if Some(d) == sort) as usize;
                        assert!(
                            c.header(lang).width() + mark <= w as usize,
                            "{lang} {inner}: {:?} in {w}",
                            c.header(lang)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn english_keeps_its_layout() {
        let widths: Vec<u16> = layout(78, Lang::En, Some(Column::Capital))
            .iter()
            .map(|(_, w)| *w)
            .collect();
        assert_eq!(widths, [9, 13, 5, 7, 11, 9, 6, 10]);
    }
}
