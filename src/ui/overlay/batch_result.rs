//! What a clearance batch really earned (Enter on a batch row of the plans tab):
//! cash recovered against its target and pace, units, COGS, GP, realised margin and
//! discount, and one row per ladder step next to the margin that step was planned at
//! (METRICS.md "Clearance results").

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;

use super::{viewer_key, Outcome, Popup};
use crate::domain::batch_result::{batch_result, BatchResult, Pace};
use crate::domain::clearance::{margin_after_discount, price_for_channel};
use crate::domain::model::ClearanceBatch;
use crate::domain::money::Money;
use crate::export::pct;
use crate::i18n::Msg;
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

/// The batch (by id) whose result shows; computed when drawn, from the app's figures.
#[derive(Debug, Clone, Copy)]
pub struct BatchResultView {
    pub batch_id: i64,
}

impl Popup for BatchResultView {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        viewer_key(&key, app)
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        if let Some(b) = app.ds.batches.iter().find(|b| b.id == self.batch_id) {
            let r = batch_result(&app.ds, b, app.review.frame);
            draw(f, area, app, b, &r, theme);
        }
    }

    fn is_modal(&self) -> bool {
        false
    }

    /// It reads the batch by id whenever it is drawn.
    fn survives_reload(&self) -> bool {
        true
    }
}

/// The margin a discount step was planned at: over the batch's SKUs, weighted by the
/// units each is to clear (its on hand when the batch says all), price after the step's
/// discount under the batch's channel against unit cost.
pub fn planned_margin(
    app: &App,
    b: &ClearanceBatch,
    discount: rust_decimal::Decimal,
) -> Option<f64> {
    let (mut revenue, mut cost) = (Money::ZERO, Money::ZERO);
    for s in &b.skus {
        let i = s.product as usize;
        let (Some(p), Some(f)) = (app.ds.products.get(i), app.review.skus.get(i)) else {
            continue;
        };
        let (Some(list), Some(unit)) = (p.list_price, p.unit_cost) else {
            continue;
        };
        let units = s.units_to_clear.unwrap_or(f.on_hand).max(0);
        let price = price_for_channel(b.channel, list, discount);
        revenue += price * units;
        cost += unit * units;
    }
    margin_after_discount(revenue, cost)
}

fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    b: &ClearanceBatch,
    r: &BatchResult,
    theme: &Theme,
) {
    let lang = app.lang;
    let money = |m: Money| app.money.grouped(m);
    let rect = centered(area, 96, 20);
    crate::ui::widgets::clear_popup(frame, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} · {} · {} ",
            fit(&crate::domain::text::for_terminal(&b.name), 40),
            lang.batch_status(b.status),
            lang.channel(b.channel)
        ))
        .title_style(theme.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label = |m: Msg| Span::styled(lang.t(m).to_string(), theme.muted());
    let pace = match r.pace {
        Some(Pace::Ahead) => Span::styled(lang.t(Msg::PaceAhead).to_string(), theme.good()),
        Some(Pace::On) => Span::styled(lang.t(Msg::PaceOn).to_string(), theme.good()),
        Some(Pace::Behind) => Span::styled(lang.t(Msg::PaceBehind).to_string(), theme.warning()),
        None => Span::styled(lang.t(Msg::PaceNone).to_string(), theme.muted()),
    };
    let end = b
        .ends_on
        .map_or(lang.t(Msg::OpenEnded).to_string(), |d| d.to_string());
    let mut lines = vec![
        Line::from(vec![
            label(Msg::ResultDates),
            Span::raw(format!("{} … {end}", b.starts_on)),
        ]),
        Line::from(vec![
            label(Msg::ResultCash),
            Span::styled(money(r.cash), theme.title()),
            Span::raw(format!(
                " / {} ({})",
                money(b.cash_target),
                pct(r.cash.ratio(b.cash_target))
            )),
            label(Msg::ResultExpected),
            Span::raw(r.expected_cash.map_or("—".to_string(), money)),
            Span::raw("  "),
            pace,
        ]),
        Line::from(vec![
            label(Msg::ResultUnits),
            Span::raw(r.units.to_string()),
            label(Msg::ResultCogs),
            Span::raw(money(r.cogs)),
            label(Msg::ResultGp),
            Span::raw(money(r.gross_profit)),
        ]),
        Line::from(vec![
            label(Msg::ResultMargin),
            Span::styled(
                pct(r.realised_margin),
                margin_style(r.realised_margin, app, theme),
            ),
            label(Msg::ResultDiscount),
            Span::raw(pct(r.realised_discount)),
        ]),
        Line::from(""),
    ];
    if r.steps.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(Msg::ResultNoLadder).to_string(),
            theme.muted(),
        )));
    }
    let facts_h = lines.len() as u16;
    let [facts, steps] =
        ratatui::layout::Layout::vertical([Constraint::Length(facts_h), Constraint::Min(0)])
            .areas(inner);
    frame.render_widget(Paragraph::new(lines), facts);
    if r.steps.is_empty() {
        return;
    }
    let header = Row::new(
        [
            Msg::StepDiscount,
            Msg::StepDays,
            Msg::StepUnits,
            Msg::StepRevenue,
            Msg::StepMargin,
            Msg::StepPlanned,
        ]
        .map(|m| lang.t(m).to_string()),
    )
    .style(theme.header());
    let rows: Vec<Row> = r
        .steps
        .iter()
        .map(|s| {
            let days = match s.end {
                Some(e) => format!(
                    "{}–{} ({})",
                    s.start.date().format("%m-%d"),
                    e.date().format("%m-%d"),
                    s.days().unwrap_or(0)
                ),
                None => format!("{}–", s.start.date().format("%m-%d")),
            };
            let planned = planned_margin(app, b, s.discount);
            Row::new(vec![
                format!(
                    "{}%",
                    (s.discount * rust_decimal::Decimal::from(100)).normalize()
                ),
                days,
                s.units.to_string(),
                money(s.net_revenue),
                pct(s.margin()),
                pct(planned),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(9),
            Constraint::Length(20),
            Constraint::Length(8),
            Constraint::Length(14),
            Constraint::Length(10),
            Constraint::Length(12),
        ],
    )
    .header(header);
    frame.render_widget(table, steps);
}

/// A realised margin below the floor warns, below zero alarms.
fn margin_style(m: Option<f64>, app: &App, theme: &Theme) -> ratatui::style::Style {
    use crate::domain::clearance::{margin_alert, MarginAlert};
    match margin_alert(m, app.settings.margin_floor) {
        MarginAlert::Ok => theme.good(),
        MarginAlert::Warning => theme.warning(),
        MarginAlert::Alarm => theme.alarm(),
    }
}
