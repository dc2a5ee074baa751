//! The review over time on screen (METRICS.md "Over time"): the high- and low-tier
//! revenue shares and the gross margin over the last 12 weeks or months, with the
//! targets and the floor drawn as lines, and revenue and gross profit per period as
//! bars. Inline on the mix tab where it has room, full screen with `T` anywhere.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Chart, Dataset, GraphType, Paragraph,
};
use ratatui::Frame;
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

use crate::domain::model::Tier;
use crate::domain::over_time::{Period, TrendPoint};
use crate::i18n::Msg;
use crate::ui::app::App;
use crate::ui::theme::Theme;

/// The rows the chart takes inline on the mix tab, borders included: the lines get 8
/// plot rows, so the targets and the floor (15, 25 and 40 % by default) lie on rows of
/// their own, and the bars their periods' labels.
pub const INLINE_ROWS: u16 = 12;

fn pct_of(v: Option<f64>) -> Option<f64> {
    v.map(|v| v * 100.0)
}

/// (x, y) points of a series, skipping periods where it is undefined.
fn series(points: &[TrendPoint], value: impl Fn(&TrendPoint) -> Option<f64>) -> Vec<(f64, f64)> {
    points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| value(p).map(|v| (i as f64, v)))
        .collect()
}

/// A period's label on the axis: month "2025-09", week its first day "09-22".
fn label(p: &TrendPoint, period: Period) -> String {
    match period {
        Period::Month => p.start.date().format("%Y-%m").to_string(),
        Period::Week => p.start.date().format("%m-%d").to_string(),
    }
}

/// A period's label under its bars, two cells: the month "09", the week's first day "22".
fn short_label(p: &TrendPoint, period: Period) -> String {
    match period {
        Period::Month => p.start.date().format("%m").to_string(),
        Period::Week => p.start.date().format("%d").to_string(),
    }
}

/// The width of each bar (two a period, a cell between periods) and of the bar chart,
/// borders included, in `width` cells: as wide as fit in 38 % of them, and one cell wide
/// at the least, so that no period is cut off at 80 columns.
fn bar_widths(width: u16, periods: u16) -> (u16, u16) {
    let n = periods.max(1);
    let gaps = n - 1;
    let room = width * 38 / 100;
    let bar = (room.saturating_sub(2 + gaps) / (2 * n)).max(1);
    (bar, (2 + 2 * n * bar + gaps).min(width / 2))
}

/// Draws the trend in `area`: the shares and margin as lines against their targets on
/// the left, revenue and GP per period as bars on the right. Says so when the trend is
/// still being computed.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let period = app.trend_period();
    let period_word = lang.t(match period {
        Period::Week => Msg::TrendWeeks,
        Period::Month => Msg::TrendMonths,
    });
    let Some(points) = app.views.trend_points(period) else {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(lang.f(Msg::TrendTitle, &[&period_word]));
        // Being computed by the app's worker, or it failed (the status line said why).
        let said = match &app.views.trend_error {
            Some(why) => Span::styled(
                crate::domain::text::sanitize(why).into_owned(),
                theme.alarm(),
            ),
            None => Span::styled(lang.t(Msg::TrendComputing), theme.muted()),
        };
        frame.render_widget(Paragraph::new(said).block(block), area);
        return;
    };
    let (bar_width, bars_width) = bar_widths(area.width, points.len() as u16);
    let [lines_area, bars_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(bars_width)]).areas(area);
    let s = &app.settings;
    let high = series(points, |p| {
        pct_of(p.kpis.tier_share_revenue[Tier::High.index()])
    });
    let low = series(points, |p| {
        pct_of(p.kpis.tier_share_revenue[Tier::Low.index()])
    });
    let margin = series(points, |p| pct_of(p.kpis.gross_margin));
    let last_x = points.len().saturating_sub(1).max(1) as f64;
    let flat = |v: f64| vec![(0.0, v), (last_x, v)];
    let target_high = flat(s.target_high_share.to_f64().unwrap_or(0.0) * 100.0);
    let target_low = flat(s.target_low_share.to_f64().unwrap_or(0.0) * 100.0);
    let floor = flat(s.margin_floor.to_f64().unwrap_or(0.0) * 100.0);
    let top = [&high, &low, &margin, &target_high, &target_low, &floor]
        .iter()
        .flat_map(|s| s.iter().map(|p| p.1))
        .fold(10.0f64, f64::max);
    let y_max = (top / 10.0).ceil() * 10.0;
    let data = [&target_high, &target_low, &floor, &high, &low, &margin];
    let datasets: Vec<Dataset> = chart_lines(theme)
        .into_iter()
        .zip(data)
        .enumerate()
        .map(|(i, ((name, style), points))| {
            Dataset::default()
                .name(lang.t(name))
                // The targets and the floor dotted, the figures drawn.
                .marker(if i < TARGET_LINES {
                    Marker::Dot
                } else {
                    Marker::Braille
                })
                .graph_type(GraphType::Line)
                .style(style)
                .data(points)
        })
        .collect();
    let first = points.first().map(|p| label(p, period)).unwrap_or_default();
    let last = points.last().map(|p| label(p, period)).unwrap_or_default();
    // The title with its keys where it fits, else without them (its period whole).
    let mut title = lang.f(Msg::TrendTitle, &[&period_word]);
    if title.width() > usize::from(lines_area.width.saturating_sub(2)) {
        title = lang.f(Msg::TrendTitleShort, &[&period_word]);
    }
    // The chart's own legend (a box of the six names) where it is at most half the
    // plot's height (full screen); else — inline, where it would hide the first months'
    // lines — the names in a line on the bottom border. (The plot is the chart's inside
    // less the axis and its labels.)
    let plot_height = usize::from(lines_area.height).saturating_sub(2 + 2);
    let boxed = plot_height >= 2 * (datasets.len() + 2);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(theme.title());
    if !boxed {
        block = block.title_bottom(legend_line(
            lang,
            theme,
            usize::from(lines_area.width).saturating_sub(4),
        ));
    }
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([0.0, last_x])
                .labels([Line::from(first), Line::from(last)])
                .style(theme.muted()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, y_max])
                .labels([
                    Line::from("0%"),
                    Line::from(format!("{:.0}%", y_max / 2.0)),
                    Line::from(format!("{y_max:.0}%")),
                ])
                .style(theme.muted()),
        )
        .legend_position(boxed.then_some(ratatui::widgets::LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)));
    frame.render_widget(chart, lines_area);

    // Revenue and GP per period, in thousands so the bars' numbers fit.
    let groups: Vec<BarGroup> = points
        .iter()
        .map(|p| {
            let k = |m: crate::domain::money::Money| (m.to_f64() / 1000.0).max(0.0).round() as u64;
            BarGroup::default()
                .label(Line::from(short_label(p, period)).centered())
                .bars(&[
                    Bar::default()
                        .value(k(p.kpis.net_revenue))
                        .text_value(String::new())
                        .style(theme.good()),
                    Bar::default()
                        .value(k(p.kpis.gross_profit))
                        .text_value(String::new())
                        .style(theme.tier(Tier::High)),
                ])
        })
        .collect();
    let mut bars = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(lang.t(Msg::TrendBars))
                .title_style(theme.title()),
        )
        .label_style(theme.muted())
        .bar_width(bar_width)
        .bar_gap(0)
        .group_gap(1);
    for g in groups {
        bars = bars.data(g);
    }
    frame.render_widget(bars, bars_area);
}

/// The chart's lines, each with its name and style: the targets and the floor (the
/// first [`TARGET_LINES`], dim), then the high- and low-tier shares and the margin.
/// The datasets and the one-line legend both take them from here.
fn chart_lines(theme: &Theme) -> [(Msg, Style); 6] {
    let dim = |st: Style| st.add_modifier(Modifier::DIM);
    [
        (Msg::TrendTargetHigh, dim(theme.tier(Tier::High))),
        (Msg::TrendTargetLow, dim(theme.tier(Tier::Low))),
        (Msg::TrendFloor, dim(theme.warning())),
        (Msg::TrendHigh, theme.tier(Tier::High)),
        (Msg::TrendLow, theme.tier(Tier::Low)),
        (Msg::TrendMargin, theme.title()),
    ]
}

/// How many of [`chart_lines`] are targets (dotted).
const TARGET_LINES: usize = 3;

/// The legend in one line of at most `width` cells: each figure's name after a stroke
/// in its colour, then the dotted lines as one entry (a dot in each one's colour);
/// entries that do not fit are left out from the end, never cut.
fn legend_line(lang: crate::i18n::Lang, theme: &Theme, width: usize) -> Line<'static> {
    let lines = chart_lines(theme);
    let (targets, figures) = lines.split_at(TARGET_LINES);
    let mut entries: Vec<Vec<Span<'static>>> = figures
        .iter()
        .map(|&(name, style)| {
            vec![
                Span::styled("━ ", style),
                Span::styled(lang.t(name), theme.muted()),
            ]
        })
        .collect();
    let mut dotted: Vec<Span<'static>> = targets
        .iter()
        .map(|&(_, style)| Span::styled("•", style))
        .collect();
    dotted.push(Span::raw(" "));
    dotted.push(Span::styled(
        lang.t(Msg::TrendTargetsAndFloor),
        theme.muted(),
    ));
    entries.push(dotted);
    let mut spans = Vec::new();
    let mut used = 0;
    for entry in entries {
        // A space before the first entry and two before each other; one after the last.
        let gap = if spans.is_empty() { " " } else { "  " };
        let w = gap.len() + entry.iter().map(|s| s.content.width()).sum::<usize>() + 1;
        if used + w > width {
            break;
        }
        spans.push(Span::raw(gap));
        spans.extend(entry);
        used += w - 1;
    }
    if !spans.is_empty() {
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_period_has_its_two_bars_and_a_gap_at_any_width() {
        for width in [80u16, 100, 120, 200, 300] {
            let (bar, bars) = bar_widths(width, 12);
            assert!(bar >= 1);
            // 12 periods of two bars, 11 gaps and the borders.
            assert!(2 + 12 * 2 * bar + 11 <= bars, "{width}: {bar} {bars}");
            assert!(bars <= width / 2, "{width}: the lines keep half");
        }
        assert_eq!(bar_widths(80, 12), (1, 37));
        assert_eq!(bar_widths(200, 12).0, 2);
    }
}
