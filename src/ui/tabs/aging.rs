//! Tab 2, inventory aging: the triage table. Only the visible rows are laid out.

use crate::keymap::action::Tab;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use ratatui::Frame;

use crate::domain::metrics::Cover;
use crate::domain::mix_view::Breakdown;
use crate::domain::model::Tier;
use crate::domain::sku_column::Value;
use crate::export::cover_text;
use crate::i18n::{Lang, Msg};
use crate::ui::app::{App, Column, Filter};
use crate::ui::theme::Theme;
use crate::ui::widgets::{age_spread, fit, fit_figure, fit_money, pad_left};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // Capital by age gets its line where the table keeps room for at least 15 rows.
    let by_age_rows = u16::from(area.height >= 22);
    let [info, table, current, by_age, totals] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(by_age_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_info(frame, info, app, theme);
    draw_table(frame, table, app, theme);
    draw_current(frame, current, app, theme);
    draw_by_age(frame, by_age, app, theme);
    draw_totals(frame, totals, app, theme);
}

fn draw_info(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let a = &app.aging;
    let lang = app.lang;
    let mut spans = vec![
        Span::styled(lang.t(Msg::InfoFilter), theme.muted()),
        Span::raw(lang.filter(a.filter)),
    ];
    for (by, label, name) in [
        (Breakdown::Category, Msg::InfoCategory, &a.category),
        (Breakdown::Brand, Msg::InfoBrand, &a.brand),
    ] {
        if let Some(n) = name {
            spans.push(Span::styled(lang.t(label), theme.muted()));
            spans.push(Span::raw(fit(lang.group_name(by, n), 24)));
        }
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
    if a.filter != Filter::All || a.category.is_some() || a.brand.is_some() || !a.search.is_empty()
    {
        spans.push(Span::styled(lang.t(Msg::InfoEscClears), theme.muted()));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Picks the columns that fit `inner` cells: the triage essentials first, then the
/// rest by priority; spare room widens the name. A column is never narrower than its
/// header in `lang` (with the sort mark when it is the sort column), measured in
/// terminal cells; the name gives up what that costs.
fn layout(inner: u16, lang: Lang, sort: Option<Column>) -> Vec<(Column, u16)> {
    let fitted = |col: Column, w: u16| {
        let mark = usize::from(Some(col) == sort);
        (col, w.max((lang.column(col).width() + mark) as u16))
    };
    let mut cols: Vec<(Column, u16)> = [
        (Column::Sku, 9),
        (Column::Name, 13),
        (Column::Tier, 5),
        (Column::OnHand, 7),
        (Column::Capital, 11),
        (Column::LastSale, 9),
        (Column::Cover, 6),
        (Column::Flags, 10),
    ]
    .into_iter()
    .map(|(c, w)| fitted(c, w))
    .collect();
    let used = |cols: &[(Column, u16)]| cols.iter().map(|(_, w)| w + 1).sum::<u16>();
    // Wider headers than the essentials were planned for come out of the name.
    let over = used(&cols).saturating_sub(inner);
    if let Some(name) = cols.iter_mut().find(|(c, _)| *c == Column::Name) {
        name.1 = name.1.saturating_sub(over).max(8);
    }
    // By priority: the next step first (it shows from 120 columns), then the figures.
    let optional = [
        (Column::Action, 20),
        (Column::StockoutDate, 7),
        (Column::ReorderQty, 5),
        (Column::Velocity, 9),
        (Column::Ages, 5),
        (Column::Category, 12),
    ];
    for (col, w) in optional {
        let (col, w) = fitted(col, w);
        if used(&cols) + w < inner {
            cols.push((col, w));
        }
    }
    cols.sort_by_key(|(c, _)| c.position());
    let spare = inner.saturating_sub(used(&cols));
    if let Some(name) = cols.iter_mut().find(|(c, _)| *c == Column::Name) {
        name.1 += spare.min(22);
    }
    cols
}

/// Every column the table can show, in screen order.
pub const SCREEN_ORDER: [Column; 14] = [
    Column::Sku,
    Column::Name,
    Column::Category,
    Column::Tier,
    Column::OnHand,
    Column::Capital,
    Column::LastSale,
    Column::Velocity,
    Column::Cover,
    Column::StockoutDate,
    Column::ReorderQty,
    Column::Ages,
    Column::Flags,
    Column::Action,
];

/// The columns after scrolling `first` columns right: the SKU and the name stay, then
/// the columns in screen order from the `first`-th after them, as many as fit (each
/// at its planned width, the name keeping what is left).
fn scrolled(inner: u16, lang: Lang, sort: Option<Column>, first: usize) -> Vec<(Column, u16)> {
    let planned = layout(u16::MAX / 4, lang, sort);
    let width_of = |c: Column| planned.iter().find(|(p, _)| *p == c).map_or(8, |(_, w)| *w);
    let mut cols = vec![(Column::Sku, width_of(Column::Sku)), (Column::Name, 13)];
    let mut used: u16 = cols.iter().map(|(_, w)| w + 1).sum();
    for &c in SCREEN_ORDER.iter().skip(2 + first) {
        let w = width_of(c);
        if used + w + 1 > inner + 1 {
            break;
        }
        cols.push((c, w));
        used += w + 1;
    }
    if let Some(name) = cols.iter_mut().find(|(c, _)| *c == Column::Name) {
        name.1 += (inner + 1).saturating_sub(used).min(22);
    }
    cols
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let a = &app.aging;
    let inner = area.width.saturating_sub(2);
    let columns = if a.first_col == 0 {
        layout(inner, lang, a.sort)
    } else {
        scrolled(inner, lang, a.sort, a.first_col)
    };
    let hidden = SCREEN_ORDER.len() - columns.len();
    let header_cells: Vec<Cell> = columns
        .iter()
        .map(|&(c, w)| {
            let mark = match c {
                d if a.sort == Some(d) => {
                    if a.descending {
                        "↓"
                    } else {
                        "↑"
                    }
                }
                _ => "",
            };
            Cell::from(fit(&format!("{}{mark}", lang.column(c)), w as usize))
        })
        .collect();
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|(_, w)| Constraint::Length(*w))
        .collect();

    let height = super::body_rows(area);
    let len = a.rows.len();
    let offset = super::scroll(&app.cursors[Tab::Aging], len, height);
    super::track_rows(app, area, offset, len);
    let a_range = app.anchor.map(|x| {
        (
            x.min(app.cursors[Tab::Aging].selected),
            x.max(app.cursors[Tab::Aging].selected),
        )
    });
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
                    let in_range =
                        a_range.is_some_and(|(lo, hi)| (lo..=hi).contains(&(offset + n)));
                    if c == Column::Sku && (app.selection.contains(&i) || in_range) {
                        return Cell::from(Span::styled(
                            format!("●{}", fit(&p.sku, width - 1)),
                            theme.warning(),
                        ));
                    }
                    match c.value(p, f) {
                        // Most SKUs order nothing: a blank reads faster than a column of 0.
                        Value::Count(0) if c == Column::ReorderQty => Cell::from(""),
                        v => cell(v, width, app, theme),
                    }
                })
                .collect();
            let row = Row::new(cells);
            if offset + n == app.cursors[Tab::Aging].selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let mut title = lang.f(Msg::AgingTitle, &[&len]);
    if hidden > 0 {
        title.push_str(&lang.f(Msg::AgingMoreColumns, &[&hidden]));
    }
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

/// One cell of the table: a column's value as the screen shows it (rounded, grouped,
/// translated and coloured).
fn cell<'a>(v: Value<'a>, width: usize, app: &App, theme: &Theme) -> Cell<'a> {
    let lang = app.lang;
    match v {
        Value::Text(t) => Cell::from(fit(t, width)),
        Value::Tier(t, by_hand) => {
            let mark = if by_hand { "*" } else { "" };
            let short = match t {
                Tier::Unclassified => "—",
                t => lang.tier_short(t),
            };
            Cell::from(Span::styled(format!("{short}{mark}"), theme.tier(t)))
        }
        Value::Flag(b) => Cell::from(if b { "✓" } else { "" }),
        Value::Count(n) => Cell::from(fit_figure(&n.to_string(), n as f64, lang, width)),
        Value::Money(m) => Cell::from(fit_money(&app.money, m, lang, width)),
        Value::Days(d) => Cell::from(pad_left(
            &d.map_or_else(
                || lang.t(Msg::Never).to_string(),
                |d| lang.f(Msg::DaysShort, &[&d]),
            ),
            width,
        )),
        Value::Rate(x) => Cell::from(fit_figure(&format!("{x:.2}"), x, lang, width)),
        Value::Ratio(x) => Cell::from(pad_left(
            &x.map_or_else(|| "—".to_string(), |x| format!("{:.1}%", x * 100.0)),
            width,
        )),
        Value::Cover(c) => {
            let style = match c {
                Cover::Infinite => theme.warning(),
                Cover::Days(d) if d >= f64::from(app.settings.slow_days) => theme.warning(),
                _ => Style::new(),
            };
            Cell::from(Span::styled(
                fit_figure(&cover_text(c), c.sort_key(), lang, width),
                style,
            ))
        }
        Value::Buckets(b) => {
            let units: Vec<i64> = b.iter().map(|b| b.units).collect();
            Cell::from(age_spread(&units))
        }
        Value::Flags(f) => {
            let mut flags = Vec::new();
            if f.slow {
                flags.push(Span::styled(lang.t(Msg::FlagSlow), theme.warning()));
            }
            if f.best_seller {
                flags.push(Span::styled(lang.t(Msg::FlagBest), theme.good()));
            }
            if f.cost_missing {
                flags.push(Span::styled(lang.t(Msg::FlagCostMissing), theme.alarm()));
            }
            if f.in_open_batch {
                flags.push(Span::styled(lang.t(Msg::FlagInBatch), theme.muted()));
            }
            Cell::from(Line::from(flags))
        }
        Value::Action(a) => Cell::from(fit(&lang.suggestion(a), width)),
        Value::Lifecycle(l) => Cell::from(fit(l.map_or("", |l| l.as_str()), width)),
        Value::Date(d) => {
            // Month and day within half a year of the as-of date; past that the year
            // and month, so "07-05" is never read as this July.
            let as_of = app.review.frame.as_of;
            let text = d.map_or_else(
                || "—".to_string(),
                |d| {
                    let format = if d.since(as_of).abs() < 180 {
                        "%m-%d"
                    } else {
                        "%Y-%m"
                    };
                    d.date().format(format).to_string()
                },
            );
            Cell::from(pad_left(&text, width))
        }
    }
}

/// The cursor row's SKU in full under the table — code, whole name, category, brand —
/// so variants whose names the table cuts to the same prefix can be told apart.
fn draw_current(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(i) = app.selected_product() else {
        return;
    };
    let p = &app.ds.products[i];
    let mut spans = vec![
        Span::styled("▸ ", theme.muted()),
        Span::styled(
            crate::domain::text::for_terminal(&p.sku).into_owned(),
            theme.title(),
        ),
        Span::raw("  "),
        Span::raw(crate::domain::text::for_terminal(&p.name).into_owned()),
    ];
    for extra in [&p.category, &p.brand] {
        if !extra.is_empty() {
            spans.push(Span::styled(" · ", theme.muted()));
            spans.push(Span::styled(
                crate::domain::text::for_terminal(extra).into_owned(),
                theme.muted(),
            ));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

/// Capital tied up by age bucket as one stacked bar with each bucket's share (the
/// oldest marked), over the rows shown when a filter, category, brand or search narrows them,
/// else over every SKU (METRICS.md "Over time": portfolio age buckets).
fn draw_by_age(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let a = &app.aging;
    let lang = app.lang;
    let narrowed = a.filter != Filter::All
        || a.category.is_some()
        || a.brand.is_some()
        || !a.search.is_empty();
    let labels = app.settings.bucket_labels();
    let mut capital = vec![crate::domain::money::Money::ZERO; labels.len()];
    let mut add = |f: &crate::domain::metrics::SkuFigures| {
        for (sum, b) in capital.iter_mut().zip(&f.age_buckets) {
            *sum += b.capital;
        }
    };
    if narrowed {
        a.rows.iter().for_each(|&i| add(&app.review.skus[i]));
    } else {
        // The whole portfolio's are summed once per review, in the KPIs.
        for (sum, b) in capital.iter_mut().zip(&app.review.kpis.age_buckets) {
            *sum = b.capital;
        }
    }
    let total = capital
        .iter()
        .fold(crate::domain::money::Money::ZERO, |s, c| s + *c);
    let shares: Vec<Option<f64>> = capital.iter().map(|c| c.ratio(total)).collect();
    let last = labels.len().saturating_sub(1);
    let style = |i: usize| {
        if i == last {
            theme.alarm()
        } else if i + 1 == last {
            theme.warning()
        } else {
            theme.good()
        }
    };
    let title = lang.t(if narrowed {
        Msg::ByAgeShown
    } else {
        Msg::ByAgeAll
    });
    let mut spans = vec![Span::styled(format!("{title} "), theme.muted())];
    let mut legend = Vec::new();
    for (i, (label, s)) in labels.iter().zip(&shares).enumerate() {
        let mark = if i == last { "!" } else { "" };
        legend.push(Span::styled(
            format!("{label}{mark} {}", crate::export::pct(*s)),
            style(i),
        ));
        if i < last {
            legend.push(Span::styled(" · ", theme.muted()));
        }
    }
    let legend_w: usize = legend.iter().map(|s| s.content.width()).sum();
    // The bar where the line has room for it beside the shares.
    let bar_w = (area.width as usize)
        .saturating_sub(title.width() + 2 + legend_w)
        .min(40);
    if bar_w >= 8 {
        let mut used = 0;
        for (i, s) in shares.iter().enumerate() {
            let cells = if i == last {
                bar_w - used
            } else {
                ((s.unwrap_or(0.0) * bar_w as f64).round() as usize).min(bar_w - used)
            };
            used += cells;
            spans.push(Span::styled("█".repeat(cells), style(i)));
        }
        spans.push(Span::raw(" "));
    }
    spans.extend(legend);
    frame.render_widget(Line::from(spans), area);
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
                        let mark = usize::from(Some(c) == sort);
                        assert!(
                            lang.column(c).width() + mark <= w as usize,
                            "{lang} {inner}: {:?} in {w}",
                            lang.column(c)
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
