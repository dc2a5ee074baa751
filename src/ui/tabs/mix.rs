//! Tab 1, product mix: tier bars by revenue, GP and SKU count against the targets, the
//! portfolio margin against floor and target, and a tier/category table to drill into.

use crate::keymap::action::{Action, Tab};
use crate::keymap::Scope;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

use crate::domain::headline::Headline;
use crate::domain::kpis::Costed;
use crate::domain::mix_view::Breakdown;
use crate::domain::model::Tier;
use crate::domain::money::Money;
use crate::export::pct;
use crate::i18n::Msg;
use crate::ui::app::App;
use crate::ui::theme::Theme;
use crate::ui::widgets::{bar, fit, pad};

fn f(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [bars, margin, rest] = Layout::vertical([
        Constraint::Length(7),
        Constraint::Length(3),
        Constraint::Min(5),
    ])
    .areas(area);
    draw_bars(frame, bars, app, theme);
    draw_margin(frame, margin, app, theme);
    // The trend chart below the table where the rest has room for both, at a height it
    // reads at (`T` shows it full screen anywhere): the table keeps what the chart leaves
    // and scrolls, the chart takes what a table shown whole leaves.
    let table_rows = (super::rows(app, Tab::Mix) + 3) as u16;
    let chart_rows = super::trend::INLINE_ROWS;
    if rest.height >= chart_rows + MIN_TABLE_ROWS {
        let table_h = table_rows.min(rest.height - chart_rows);
        let [table, chart] =
            Layout::vertical([Constraint::Length(table_h), Constraint::Min(0)]).areas(rest);
        draw_table(frame, table, app, theme);
        super::trend::draw(frame, chart, app, theme);
    } else {
        draw_table(frame, rest, app, theme);
    }
}

/// The least the table keeps beside the inline chart, borders and header included: the
/// tiers and four groups.
const MIN_TABLE_ROWS: u16 = 3 + 8;

fn draw_bars(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let k = &app.review.kpis;
    let s = &app.settings;
    let lang = app.lang;
    let inner_w = area.width.saturating_sub(2) as usize;
    // label 13 + three groups of (bar + " 100.0% ")
    let bar_w = ((inner_w.saturating_sub(13)) / 3)
        .saturating_sub(8)
        .clamp(6, 40);
    let group = |m: Msg| Span::styled(pad(&fit(lang.t(m), bar_w + 8), bar_w + 8), theme.header());
    let mut lines = vec![Line::from(vec![
        Span::styled(pad(&fit(lang.t(Msg::MixTier), 13), 13), theme.header()),
        group(Msg::MixByRevenue),
        group(Msg::MixByGrossProfit),
        group(Msg::MixBySkuCount),
    ])];
    for t in Tier::ALL {
        let i = t.index();
        // Target marks on the revenue bar: high ≥ target share, low ≤ target share.
        let marks: Vec<f64> = match t {
            Tier::High => vec![f(s.target_high_share)],
            Tier::Low => vec![f(s.target_low_share)],
            _ => vec![],
        };
        let headline = match t {
            Tier::High => Some(Headline::HighTierShare),
            Tier::Low => Some(Headline::LowTierShare),
            _ => None,
        };
        let off_target = headline.and_then(|h| h.meets(k, s)) == Some(false);
        let mut spans = vec![Span::styled(pad(lang.tier(t), 13), theme.tier(t))];
        spans.extend(bar(
            k.tier_share_revenue[i],
            bar_w,
            theme.tier(t),
            &marks,
            theme,
        ));
        let share_style = if off_target {
            theme.warning()
        } else {
            Style::new()
        };
        spans.push(Span::styled(
            format!(" {:>6} ", pct(k.tier_share_revenue[i])),
            share_style,
        ));
        spans.extend(bar(k.tier_share_gp[i], bar_w, theme.tier(t), &[], theme));
        spans.push(Span::raw(format!(" {:>6} ", pct(k.tier_share_gp[i]))));
        spans.extend(bar(k.tier_share_skus[i], bar_w, theme.tier(t), &[], theme));
        spans.push(Span::raw(format!(" {:>6} ", pct(k.tier_share_skus[i]))));
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        lang.f(
            Msg::MixTargetMarks,
            &[
                &pct(Some(f(s.target_high_share))),
                &pct(Some(f(s.target_low_share))),
            ],
        ),
        theme.muted(),
    )));
    let title = lang.f(
        Msg::MixBarsTitle,
        &[
            &app.frame().window_days,
            &pct(Some(f(s.high_margin_at))),
            &pct(Some(f(s.low_margin_below))),
        ],
    );
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .title_style(theme.title()),
        ),
        area,
    );
}

fn draw_margin(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let k = &app.review.kpis;
    let s = &app.settings;
    let lang = app.lang;
    let (floor, target) = (f(s.margin_floor), f(s.margin_target));
    let style = match k.gross_margin {
        Some(m) if m < floor => theme.alarm(),
        Some(m) if m < target => theme.warning(),
        Some(_) => theme.good(),
        None => theme.muted(),
    };
    let verdict = lang.t(match k.gross_margin {
        Some(m) if m < floor => Msg::MarginBelowFloor,
        Some(m) if m < target => Msg::MarginBelowTarget,
        Some(_) => Msg::MarginOnTarget,
        None => Msg::MarginNoRevenue,
    });
    let label = lang.t(Msg::PortfolioMargin);
    // The bar spans 0–50 % margin so floor and target sit mid-bar; it takes what the
    // words leave of the line (inside the borders), so they are not cut. Where even a
    // short bar leaves no room for the floor and target, the verdict stands alone (the
    // bar marks both).
    let inner = usize::from(area.width.saturating_sub(2));
    let full = lang.f(
        Msg::MarginVerdictLine,
        &[&verdict, &pct(Some(floor)), &pct(Some(target))],
    );
    let words = |line: &str| label.width() + 7 + line.width();
    let line = if words(&full) + 10 <= inner {
        full
    } else {
        format!(" {verdict}")
    };
    let w = inner.saturating_sub(words(&line)).clamp(10, 50);
    let scale = |v: f64| v / 0.5;
    let mut spans = vec![
        Span::raw(label),
        Span::styled(format!("{:>6} ", pct(k.gross_margin)), style),
    ];
    spans.extend(bar(
        k.gross_margin.map(scale),
        w,
        style,
        &[scale(floor), scale(target)],
        theme,
    ));
    spans.push(Span::styled(line, theme.muted()));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).block(Block::default().borders(Borders::ALL)),
        area,
    );
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let k = &app.review.kpis;
    let lang = app.lang;
    let total = k.net_revenue;
    // Narrow terminals drop the per-tier split of each category.
    let wide = area.width >= 100;
    let n_cols = if wide { 10 } else { 7 };
    let mut widths_of = column_widths(wide);
    // The money columns as wide as their widest amount: a large shop's totals outgrow
    // the usual width, and a cut-off amount would read as another number.
    let widest = |amounts: &mut dyn Iterator<Item = Money>, at_least: u16| -> usize {
        amounts
            .map(|m| app.money.grouped(m).width())
            .max()
            .unwrap_or(0)
            .max(usize::from(at_least))
    };
    let by = app.mix_by();
    let cats = app.mix_groups();
    let rev_w = widest(
        &mut k
            .tier_totals
            .revenue
            .iter()
            .copied()
            .chain(cats.iter().map(|c| c.revenue)),
        widths_of[2],
    );
    let gp_w = widest(
        &mut k
            .tier_totals
            .gross_profit
            .iter()
            .copied()
            .chain(cats.iter().map(|c| c.gross_profit)),
        widths_of[6],
    );
    // And the SKU counts as wide as the largest (a tier of 100,000 SKUs).
    let skus_w = k
        .tier_totals
        .skus
        .iter()
        .copied()
        .chain(cats.iter().map(|c| c.skus))
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(0)
        .max(usize::from(widths_of[1]));
    widths_of[1] = skus_w as u16;
    widths_of[2] = rev_w as u16;
    widths_of[6] = gp_w as u16;
    let header = Row::new(
        headers(by)
            .iter()
            .zip(widths_of)
            .take(n_cols)
            .map(|(&m, w)| fit(lang.t(m), w as usize)),
    )
    .style(theme.header());
    let height = super::body_rows(area);
    let len = app.mix_len();
    let offset = super::scroll(&app.cursors[Tab::Mix], len, height);
    super::track_rows(app, area, offset, len);
    let share_of = |part: Money, whole: Money| part.ratio(whole);
    let mut rows = Vec::new();
    for i in offset..(offset + height).min(len) {
        let mut cells = if i < Tier::ALL.len() {
            let t = Tier::ALL[i];
            let rev = k.tier_totals.revenue[i];
            let gp = k.tier_totals.gross_profit[i];
            let [margin, costed] = costed_cells(k.tier_totals.costed[i], rev, None, theme);
            vec![
                Span::styled(lang.f(Msg::MixTierRow, &[&lang.tier(t)]), theme.tier(t)),
                Span::raw(format!("{:>skus_w$}", k.tier_totals.skus[i])),
                Span::raw(format!("{:>rev_w$}", app.money.grouped(rev))),
                Span::raw(format!("{:>6}", pct(share_of(rev, total)))),
                margin,
                costed,
                Span::raw(format!("{:>gp_w$}", app.money.grouped(gp))),
                Span::raw(""),
                Span::raw(""),
                Span::raw(""),
            ]
        } else {
            let c = &cats[i - Tier::ALL.len()];
            let floor = f(app.settings.margin_floor);
            let [margin, costed] = costed_cells(c.costed, c.revenue, Some(floor), theme);
            vec![
                // `fit` strips the data's control characters for the terminal.
                Span::raw(fit(lang.group_name(by, &c.name), 22)),
                Span::raw(format!("{:>skus_w$}", c.skus)),
                Span::raw(format!("{:>rev_w$}", app.money.grouped(c.revenue))),
                Span::raw(format!("{:>6}", pct(share_of(c.revenue, total)))),
                margin,
                costed,
                Span::raw(format!("{:>gp_w$}", app.money.grouped(c.gross_profit))),
                Span::styled(
                    format!("{:>6}", pct(share_of(c.tier_revenue[0], c.revenue))),
                    theme.tier(Tier::High),
                ),
                Span::styled(
                    format!("{:>6}", pct(share_of(c.tier_revenue[1], c.revenue))),
                    theme.tier(Tier::Mid),
                ),
                Span::styled(
                    format!("{:>6}", pct(share_of(c.tier_revenue[2], c.revenue))),
                    theme.tier(Tier::Low),
                ),
            ]
        };
        cells.truncate(n_cols);
        let row = Row::new(cells);
        rows.push(if i == app.cursors[Tab::Mix].selected {
            row.style(theme.selected())
        } else {
            row
        });
    }
    let mut widths: Vec<Constraint> = widths_of
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            if i == widths_of.len() - 1 {
                Constraint::Min(w)
            } else {
                Constraint::Length(w)
            }
        })
        .collect();
    widths.truncate(n_cols);
    // The title says what the rows are and which key shows the other breakdown.
    let mut title = lang
        .t(match by {
            Breakdown::Category => Msg::MixTableTitle,
            Breakdown::Brand => Msg::MixTableTitleBrand,
        })
        .to_string();
    let key = app.keymap().label_in(Scope::Mix, Action::Breakdown);
    if !key.is_empty() {
        title.push_str(&lang.f(Msg::MixTableSwitch, &[&key, &lang.breakdown(by.other())]));
    }
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(super::titled(title, offset, height, len, area, theme)),
        area,
    );
}

/// A group's margin and cost coverage cells (METRICS.md, "Cost coverage"): the margin
/// over its SKUs with a unit cost ("—" when none has revenue), never a cost-missing
/// SKU's revenue read as 100 % margin; the coverage when below 100 %. A margin below
/// `floor` is a warning.
fn costed_cells(
    c: Costed,
    revenue: Money,
    floor: Option<f64>,
    theme: &Theme,
) -> [Span<'static>; 2] {
    let margin = c.margin();
    let margin_style = match (margin, floor) {
        (Some(m), Some(floor)) if m < floor => theme.warning(),
        (None, _) => theme.muted(),
        _ => Style::new(),
    };
    let coverage = c.coverage(revenue);
    let coverage_cell = match coverage {
        Some(share) if share < 1.0 => {
            Span::styled(format!("{:>6}", pct(Some(share))), theme.warning())
        }
        _ => Span::raw(format!("{:>6}", "")),
    };
    [
        Span::styled(format!("{:>6}", pct(margin)), margin_style),
        coverage_cell,
    ]
}

/// The tier/category (or tier/brand) table's headers, in column order.
fn headers(by: Breakdown) -> [Msg; 10] {
    let mut h = HEADERS;
    h[0] = match by {
        Breakdown::Category => Msg::MixColTierCategory,
        Breakdown::Brand => Msg::MixColTierBrand,
    };
    h
}

/// The tier/category table's headers, in column order.
const HEADERS: [Msg; 10] = [
    Msg::MixColTierCategory,
    Msg::MixColSkus,
    Msg::MixColRevenue,
    Msg::MixColShare,
    Msg::MixColMargin,
    Msg::MixColCosted,
    Msg::MixColGp,
    Msg::MixColHigh,
    Msg::MixColMid,
    Msg::MixColLow,
];

/// The tier/category table's column widths (the last is a minimum).
fn column_widths(wide: bool) -> [u16; 10] {
    [if wide { 23 } else { 22 }, 5, 13, 6, 6, 6, 12, 6, 6, 6]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn headers_fit_their_columns_in_both_languages() {
        for lang in Lang::ALL {
            for (wide, by) in [false, true]
                .into_iter()
                .flat_map(|w| [(w, Breakdown::Category), (w, Breakdown::Brand)])
            {
                for (m, w) in headers(by).iter().zip(column_widths(wide)) {
                    let h = lang.t(*m);
                    assert!(h.width() <= w as usize, "{lang}: {h:?} wider than {w}");
                }
            }
            // The tier labels get 13 cells; a bar group at 80 columns 21.
            assert!(lang.t(Msg::MixTier).width() <= 13);
            for m in [Msg::MixByRevenue, Msg::MixByGrossProfit, Msg::MixBySkuCount] {
                assert!(lang.t(m).width() <= 21, "{lang}: {:?}", lang.t(m));
            }
            for t in Tier::ALL {
                assert!(lang.tier(t).width() <= 13);
                assert!(lang.f(Msg::MixTierRow, &[&lang.tier(t)]).width() <= 22);
            }
        }
    }
}
