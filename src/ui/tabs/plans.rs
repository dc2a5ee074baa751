//! Tab 4, action plans: a KPI strip against the targets, plans by horizon with progress
//! computed from the data, and clearance batches with cash recovered against target.

use crate::keymap::action::Tab;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::merge::MergeStrategy;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::headline::Headline;
use crate::domain::model::{PlanStatus, Tier};
use crate::export::pct;
use crate::i18n::Msg;
use crate::ui::app::App;
use crate::ui::theme::Theme;
use crate::ui::widgets::{fit, plan_bar, plan_pct, progress};

/// A target ratio as written in the review: `40%`, `12.5%`.
fn target_pct(d: rust_decimal::Decimal) -> String {
    format!("{}%", (d * rust_decimal::Decimal::from(100)).normalize())
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let batches_h = (app.ds.batches.len() as u16 + 3)
        .min(area.height / 3)
        .max(4);
    let kpi_rows = kpi_lines(app, theme, usize::from(area.width.saturating_sub(2)));
    let kpi_h = 2 + kpi_rows.len() as u16;
    // The three boxes share their borders (├─┤): two rows more for the plans, which at
    // 80×24 showed three.
    let [kpis, plans, batches] = Layout::vertical([
        Constraint::Length(kpi_h),
        Constraint::Min(5),
        Constraint::Length(batches_h),
    ])
    .spacing(-1)
    .areas(area);
    draw_kpis(frame, kpis, kpi_rows, app, theme);
    draw_plans(frame, plans, app, theme);
    draw_batches(frame, batches, app, theme);
}

/// (label, value text, target text, meets target?)
fn kpi(
    lang: crate::i18n::Lang,
    label: &str,
    value: String,
    target: String,
    ok: Option<bool>,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let style = match ok {
        Some(true) => theme.good(),
        Some(false) => theme.warning(),
        None => Style::new(),
    };
    let mark = match ok {
        Some(true) => " ✓",
        Some(false) => " ✗",
        None => "",
    };
    vec![
        Span::styled(format!("{label} "), theme.muted()),
        Span::styled(format!("{value}{mark}"), style),
        Span::styled(
            if target.is_empty() {
                "   ".to_string()
            } else {
                lang.f(Msg::KpiTargetParen, &[&target])
            },
            theme.muted(),
        ),
    ]
}

/// The KPI strip, its rows laid out by [`kpi_lines`] for the area's width.
fn draw_kpis(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, app: &App, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(app.lang.t(Msg::KpiTitle))
                .title_style(theme.title()),
        ),
        area,
    );
}

/// The KPI strip's rows in `width` cells: three lines of KPIs, each broken between its
/// KPIs where it is too wide (at 80 columns the third line lost its last KPI), then the
/// year-earlier figures.
fn kpi_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let k = &app.review.kpis;
    let s = &app.settings;
    let lang = app.lang;
    let days = |d: &dyn std::fmt::Display| lang.f(Msg::DaysShort, &[d]);
    let value = |h: Headline| h.value(k).number();
    // A ratio with a target it should reach.
    let at_least = |label: Msg, h: Headline| {
        let target = h
            .goal(s)
            .map_or(String::new(), |g| format!("≥ {}", target_pct(g.target())));
        kpi(
            lang,
            lang.t(label),
            pct(value(h)),
            target,
            h.meets(k, s),
            theme,
        )
    };
    let first = vec![
        kpi(
            lang,
            lang.t(Msg::KpiRevenue),
            app.money.grouped(k.net_revenue),
            String::new(),
            None,
            theme,
        ),
        kpi(
            lang,
            lang.t(Msg::KpiMargin),
            pct(k.gross_margin),
            lang.f(
                Msg::KpiFloorTarget,
                &[&target_pct(s.margin_floor), &target_pct(s.margin_target)],
            ),
            Headline::GrossMargin.meets(k, s),
            theme,
        ),
    ];
    let second = vec![
        at_least(Msg::KpiHighShare, Headline::HighTierShare),
        kpi(
            lang,
            lang.t(Msg::KpiTurnover),
            k.portfolio_turnover_days
                .map_or("—".into(), |d| days(&format!("{d:.1}"))),
            format!("≤ {}", days(&s.target_turnover_days)),
            Headline::TurnoverDays.meets(k, s),
            theme,
        ),
    ];
    let third = vec![
        kpi(
            lang,
            lang.t(Msg::KpiHighRepurchase),
            pct(k.high_tier_repurchase_rate),
            lang.f(
                Msg::KpiRepurchaseTarget,
                &[&target_pct(s.target_repurchase), &pct(k.repurchase_rate)],
            ),
            Headline::HighTierRepurchaseRate.meets(k, s),
            theme,
        ),
        at_least(Msg::KpiMobile, Headline::MobileShare),
        at_least(Msg::KpiNewConversion, Headline::NewProductConversion),
    ];
    // Each flow KPI with its sparkline over the trend's periods (once computed): a
    // small line a seller reads at a glance, oldest period first.
    // Not at 80 columns: the strip would take the rows the plans need.
    let points = app
        .views
        .trend_points(app.trend_period())
        .filter(|_| width >= 100);
    let spark = |f: fn(&crate::domain::kpis::Kpis) -> Option<f64>| -> Option<String> {
        let values: Vec<Option<f64>> = points?.iter().map(|p| f(&p.kpis)).collect();
        Some(crate::export::over_time::sparkline(&values))
    };
    let with_spark = |mut spans: Vec<Span<'static>>, line: Option<String>| {
        if let Some(line) = line {
            spans.insert(2, Span::styled(format!(" {line}"), theme.muted()));
        }
        spans
    };
    let sparks: [Option<String>; 7] = [
        spark(|k| Some(k.net_revenue.to_f64())),
        spark(|k| k.gross_margin),
        spark(|k| k.tier_share_revenue[Tier::High.index()]),
        spark(|k| k.high_tier_repurchase_rate),
        spark(|k| k.mobile_share),
        spark(|k| k.new_product_conversion),
        None,
    ];
    let [rev, margin, high, rep, mobile, conv, _] = sparks;
    let mut first = first.into_iter();
    let first = vec![
        with_spark(first.next().unwrap_or_default(), rev),
        with_spark(first.next().unwrap_or_default(), margin),
    ];
    let mut second = second.into_iter();
    let second = vec![
        with_spark(second.next().unwrap_or_default(), high),
        second.next().unwrap_or_default(),
    ];
    let mut third = third.into_iter();
    let third = vec![
        with_spark(third.next().unwrap_or_default(), rep),
        with_spark(third.next().unwrap_or_default(), mobile),
        with_spark(third.next().unwrap_or_default(), conv),
    ];
    let mut lines = Vec::new();
    for kpis in [first, second, third] {
        lines.extend(rows_of(kpis, width));
    }
    for row in year_earlier(app, width) {
        lines.push(Line::from(Span::styled(row, theme.muted())));
    }
    lines
}

/// KPIs (each a few spans) in rows of `width` cells, a KPI never split.
fn rows_of(kpis: Vec<Vec<Span<'static>>>, width: usize) -> Vec<Line<'static>> {
    let mut rows: Vec<(Vec<Span<'static>>, usize)> = Vec::new();
    for kpi in kpis {
        let w: usize = kpi.iter().map(|s| s.content.width()).sum();
        // Its trailing spaces may run past the edge: only what shows must fit.
        let shown: usize = w - kpi
            .last()
            .map_or(0, |s| s.content.width() - s.content.trim_end().width());
        match rows.last_mut() {
            Some((row, used)) if *used + shown <= width => {
                row.extend(kpi);
                *used += w;
            }
            _ => rows.push((kpi, w)),
        }
    }
    rows.into_iter()
        .map(|(spans, _)| Line::from(spans))
        .collect()
}

/// The year-earlier KPIs, in as many rows of `width` cells as they need: the line is
/// broken where its figures are separated (` · `), never inside one. None when the
/// data does not reach back a year.
fn year_earlier(app: &App, width: usize) -> Vec<String> {
    let Some(ly) = &app.views.last_year else {
        // Still being computed by the app's worker: said, so its place is not taken
        // for "the data does not reach back a year".
        return match app.views.last_year_pending {
            true => vec![app.lang.t(Msg::YearEarlierComputing).to_string()],
            false => Vec::new(),
        };
    };
    let text = app.lang.f(
        Msg::KpiYearEarlier,
        &[
            &match crate::domain::over_time::revenue_growth(&app.review.kpis, Some(ly)) {
                Some(g) => format!("{} → {:+.1}%", app.money.grouped(ly.net_revenue), g * 100.0),
                None => app.money.grouped(ly.net_revenue),
            },
            &pct(ly.gross_margin),
            &pct(ly.tier_share_revenue[0]),
            // No turnover: it divides today's stock (the only lots the database holds)
            // by the year-earlier cost of goods, a figure of no day.
            &pct(ly.repurchase_rate),
        ],
    );
    let mut rows: Vec<String> = Vec::new();
    for part in text.split(" · ") {
        match rows.last_mut() {
            Some(row) if row.width() + 3 + part.width() <= width => {
                row.push_str(" · ");
                row.push_str(part);
            }
            _ => rows.push(part.to_string()),
        }
    }
    rows
}

fn draw_plans(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let height = super::body_rows(area);
    let len = app.ds.plans.len();
    let cursor = &app.cursors[Tab::Plans];
    // With the cursor in the batches the plans stay where they were scrolled to.
    let offset = if cursor.selected < len {
        super::scroll(cursor, len, height)
    } else {
        cursor.offset.get().min(len.saturating_sub(height))
    };
    super::track_rows(app, area, offset, len);
    let wide = area.width >= 110;
    let title_w: usize = if area.width >= 140 {
        44
    } else if wide {
        24
    } else {
        22
    };
    let shown = offset..(offset + height).min(len);
    let nows: Vec<String> = shown.clone().map(|i| plan_now(app, i)).collect();
    // "Now" as wide as its widest figure (a net revenue of 728,115.43), taken from the
    // title.
    let now_w = nows.iter().map(|n| n.width()).max().unwrap_or(0).max(9);
    let title_w = title_w.saturating_sub(now_w - 9).max(16);
    let target_w = if wide { 34 } else { 14 };
    let title_w = if wide { title_w } else { title_w.min(16) };
    let rows: Vec<Row> = shown
        .zip(nows)
        .map(|(i, now)| {
            let p = &app.ds.plans[i];
            let pr = &app.views.plans[i];
            let target = plan_target(app, i);
            let status_name = lang.plan_status(p.status);
            let (status, style) = if pr.overdue {
                (lang.f(Msg::PlanOverdue, &[&status_name]), theme.alarm())
            } else if pr.off_track {
                (lang.f(Msg::PlanBehind, &[&status_name]), theme.warning())
            } else if pr.not_started {
                (lang.t(Msg::PlanNotStarted).to_string(), theme.muted())
            } else if p.status == PlanStatus::Done {
                (lang.plan_status(PlanStatus::Done).into(), theme.good())
            } else {
                (status_name.to_string(), Style::new())
            };
            // Narrow: no horizon, the due date without its year, the target shorter —
            // but always there.
            let due = p.due_on.map_or(String::new(), |d| {
                d.date()
                    .format(if wide { "%Y-%m-%d" } else { "%m-%d" })
                    .to_string()
            });
            let mut cells = Vec::new();
            if wide {
                cells.push(Span::raw(lang.horizon(p.horizon)));
            }
            cells.extend([
                Span::raw(fit(&p.title, title_w)),
                Span::raw(due),
                Span::styled(status, style),
                Span::raw(fit(&target, target_w)),
            ]);
            cells.push(Span::raw(now));
            let bar_w = if wide { 6 } else { 4 };
            cells.push(Span::raw(format!(
                "{} {}",
                plan_bar(pr.fraction, pr.expected, bar_w),
                plan_pct(pr.fraction)
            )));
            let row = Row::new(cells);
            if i == app.cursors[Tab::Plans].selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    // Narrow, the column as wide as its dates ("09-20") or its header ("截止日").
    let due_w = if wide {
        10
    } else {
        lang.t(Msg::PlanColDue).width().max(5)
    };
    let mut titles = Vec::new();
    if wide {
        titles.push((Msg::PlanColHorizon, 7));
    }
    titles.extend([
        (Msg::PlanColPlan, title_w),
        (Msg::PlanColDue, due_w),
        (Msg::PlanColStatus, 13),
        (Msg::PlanColTarget, target_w),
        (Msg::PlanColNow, now_w),
        (Msg::PlanColProgress, if wide { 12 } else { 13 }),
    ]);
    // The progress takes what is left (its `%` last).
    let last = titles.len() - 1;
    let widths: Vec<Constraint> = titles
        .iter()
        .enumerate()
        .map(|(i, &(_, w))| {
            if i == last {
                Constraint::Min(w as u16)
            } else {
                Constraint::Length(w as u16)
            }
        })
        .collect();
    let header = Row::new(titles.into_iter().map(|(m, w)| fit(lang.t(m), w))).style(theme.header());
    // Where rows are left out, which are shown: "4–8/13".
    let title = lang.f(Msg::PlansTitle, &[&len, &app.frame().as_of]);
    let block = super::titled(title, offset, height, len, area, theme);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block.merge_borders(MergeStrategy::Exact)),
        area,
    );
}

/// Plan `i`'s target in words, with the batch it follows by name.
fn plan_target(app: &App, i: usize) -> String {
    let p = &app.ds.plans[i];
    p.target.as_ref().map_or(String::new(), |t| {
        let batch = t
            .batch_id
            .and_then(|id| app.ds.batches.iter().find(|b| b.id == id))
            .map(|b| b.name.as_str());
        app.lang.plan_target(t, batch, &app.money)
    })
}

/// Plan `i`'s metric now, in its unit; "—" without a target or a value.
fn plan_now(app: &App, i: usize) -> String {
    match &app.ds.plans[i].target {
        Some(t) => app
            .lang
            .metric_now(t.metric, app.views.plans[i].current, &app.money),
        None => "—".into(),
    }
}

fn draw_batches(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let wide = area.width >= 110;
    let lang = app.lang;
    let mut titles = vec![(Msg::BatchColBatch, 24)];
    if wide {
        titles.extend([
            (Msg::BatchColChannel, 12),
            (Msg::BatchColStatus, 7),
            (Msg::BatchColDates, 11),
        ]);
    }
    titles.extend([
        (Msg::BatchColCash, 23),
        (Msg::BatchColProgress, 19),
        (Msg::BatchColUnits, 9),
    ]);
    let header = Row::new(titles.into_iter().map(|(m, w)| fit(lang.t(m), w))).style(theme.header());
    let n_plans = app.ds.plans.len();
    let len = app.ds.batches.len();
    let height = super::body_rows(area);
    // The batches scroll to the cursor as the plans do, on an offset of their own.
    let cursor = &app.cursors[Tab::Plans];
    let offset = match cursor.selected.checked_sub(n_plans) {
        Some(i) => super::scroll_at(i, &cursor.second_offset, len, height),
        None => cursor.second_offset.get().min(len.saturating_sub(height)),
    };
    super::track_rows(app, area, n_plans + offset, n_plans + len);
    let rows: Vec<Row> = app
        .ds
        .batches
        .iter()
        .zip(&app.views.batches)
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (b, bp))| {
            let short = |d: crate::domain::dates::Day| d.date().format("%m-%d").to_string();
            let dates = format!(
                "{}…{}",
                short(b.starts_on),
                b.ends_on.map_or(lang.t(Msg::OpenEnded).to_string(), short)
            );
            let mut cells = vec![Span::raw(fit(&b.name, 24))];
            if wide {
                cells.extend([
                    Span::raw(fit(lang.channel(b.channel), 12)),
                    Span::raw(lang.batch_status(b.status)),
                    Span::raw(dates),
                ]);
            }
            cells.extend([
                Span::raw(format!(
                    "{} / {}",
                    app.money.grouped(bp.cash_recovered),
                    app.money.grouped(b.cash_target)
                )),
                Span::raw(format!(
                    "{} {}",
                    progress(bp.cash_progress, 10),
                    pct(bp.cash_progress)
                )),
                Span::raw(format!("{} / {}", bp.units_cleared, bp.units_to_clear)),
            ]);
            let row = Row::new(cells);
            if n_plans + i == app.cursors[Tab::Plans].selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let mut widths = vec![Constraint::Length(24)];
    if wide {
        widths.extend([
            Constraint::Length(12),
            Constraint::Length(7),
            Constraint::Length(11),
        ]);
    }
    widths.extend([
        Constraint::Length(23),
        Constraint::Length(19),
        Constraint::Min(9),
    ]);
    let title = lang.t(Msg::BatchesTitle).to_string();
    let block = super::titled(title, offset, height, len, area, theme);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block.merge_borders(MergeStrategy::Exact)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{BatchChannel, BatchStatus, Horizon};
    use crate::i18n::Lang;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn headers_and_names_fit_their_columns_in_both_languages() {
        let fits = |lang: Lang, text: &str, w: usize| {
            assert!(text.width() <= w, "{lang}: {text:?} wider than {w}");
        };
        for lang in Lang::ALL {
            for (m, w) in [
                (Msg::PlanColHorizon, 7),
                (Msg::PlanColPlan, 22),
                (Msg::PlanColDue, 10),
                (Msg::PlanColStatus, 13),
                (Msg::PlanColTarget, 34),
                (Msg::PlanColNow, 9),
                (Msg::PlanColProgress, 12),
                (Msg::BatchColBatch, 24),
                (Msg::BatchColChannel, 12),
                (Msg::BatchColStatus, 7),
                (Msg::BatchColDates, 11),
                (Msg::BatchColCash, 23),
                (Msg::BatchColProgress, 19),
                (Msg::BatchColUnits, 9),
            ] {
                fits(lang, lang.t(m), w);
            }
            for h in [Horizon::Short, Horizon::Mid, Horizon::Long] {
                fits(lang, lang.horizon(h), 7);
            }
            for s in [
                PlanStatus::Todo,
                PlanStatus::Doing,
                PlanStatus::Done,
                PlanStatus::Dropped,
            ] {
                // English "dropped OVERDUE" has always been cut; Chinese fits whole.
                if !lang.is_en() {
                    let name = lang.plan_status(s);
                    fits(lang, &lang.f(Msg::PlanOverdue, &[&name]), 13);
                    fits(lang, &lang.f(Msg::PlanBehind, &[&name]), 13);
                }
            }
            for c in BatchChannel::ALL {
                if !lang.is_en() {
                    fits(lang, lang.channel(c), 12);
                }
            }
            for s in [BatchStatus::Planned, BatchStatus::Active, BatchStatus::Done] {
                fits(lang, lang.batch_status(s), 7);
            }
        }
    }
}
