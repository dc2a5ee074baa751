//! The SKU detail popup (Enter on the aging tab): lots with ages, daily units over the
//! window, margin, tier (and whether overridden), and the batches the SKU is in.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};
use ratatui::Frame;

use super::{viewer_key, Outcome, Popup};
use crate::domain::dates::Day;
use crate::domain::sku_detail::sku_detail;
use crate::export::{cover_text, pct};
use crate::i18n::Msg;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

/// The selected SKU's detail, computed when it is opened (see
/// [`crate::domain::sku_detail`]).
#[derive(Debug, Clone)]
pub struct Detail {
    pub product: usize,
    /// (qty, received, age in days, unit cost) per lot on hand at D.
    pub lots: Vec<(i64, Day, i64, crate::domain::money::Money)>,
    /// Net units per day over the window, oldest first.
    pub daily_units: Vec<u64>,
    /// (first day, net units) of the last weeks up to the as-of date, oldest first;
    /// weeks start on the configured day.
    pub weekly_units: Vec<(Day, i64)>,
    /// "name (status)" of each batch the SKU is in.
    pub batches: Vec<String>,
}

impl Detail {
    /// The detail of product `i` in the app's data and frame.
    pub fn of(app: &App, i: usize) -> Detail {
        let d = sku_detail(&app.ds, app.frame(), app.display.week_start, i);
        let batches = d
            .batches
            .iter()
            .filter_map(|&n| app.ds.batches.get(n))
            .map(|b| format!("{} ({})", b.name, app.lang.batch_status(b.status)))
            .collect();
        Detail {
            product: d.product,
            lots: d.lots,
            daily_units: d.daily_units,
            weekly_units: d.weekly_units,
            batches,
        }
    }
}

impl Popup for Detail {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        viewer_key(&key, app)
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw(f, area, app, self, theme)
    }

    fn is_modal(&self) -> bool {
        false
    }

    /// A view of the old figures: it closes when the data is replaced.
    fn survives_reload(&self) -> bool {
        false
    }
}

fn draw(frame: &mut Frame, area: Rect, app: &App, d: &Detail, theme: &Theme) {
    let rect = centered(area, 96, 22);
    crate::ui::widgets::clear_popup(frame, rect);
    let p = &app.ds.products[d.product];
    let f = &app.review.skus[d.product];
    let lang = app.lang;
    let label = |m: Msg| Span::styled(lang.t(m), theme.muted());
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} — {} ", fit(&p.sku, 20), fit(&p.name, 60)))
        .title_style(theme.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [facts, spark] = Layout::vertical([Constraint::Min(6), Constraint::Length(5)]).areas(inner);
    let override_note = if f.tier_overridden {
        lang.f(Msg::DetailSetByHand, &[&lang.tier(f.computed_tier)])
    } else {
        String::new()
    };
    let mut lines = vec![
        Line::from(vec![
            label(Msg::DetailTier),
            Span::styled(lang.tier(f.tier), theme.tier(f.tier)),
            Span::raw(override_note),
            label(Msg::DetailTierMargin),
            Span::raw(pct(f.tier_margin)),
            label(Msg::DetailCategory),
            Span::raw(fit(&p.category, 20)),
            label(Msg::DetailLifecycle),
            Span::raw(p.lifecycle.map_or("—", |l| lang.lifecycle(l))),
        ]),
        Line::from(vec![
            label(Msg::DetailUnitCost),
            Span::raw(
                p.unit_cost
                    .map_or(lang.t(Msg::DetailMissing).to_string(), |c| {
                        app.money.plain(c)
                    }),
            ),
            label(Msg::DetailListPrice),
            Span::raw(p.list_price.map_or("—".to_string(), |c| app.money.plain(c))),
            label(Msg::DetailRevenue),
            Span::raw(app.money.grouped(f.net_revenue)),
            label(Msg::DetailGp),
            Span::raw(app.money.grouped(f.gross_profit)),
            label(Msg::DetailTags),
            Span::raw(fit(&p.tags.join(", "), 30)),
        ]),
        Line::from(vec![
            label(Msg::DetailOnHand),
            Span::raw(f.on_hand.to_string()),
            label(Msg::DetailCapital),
            Span::raw(app.money.grouped(f.capital)),
            label(Msg::DetailVelocity),
            Span::raw(format!("{:.2}", f.velocity)),
            label(Msg::DetailCover),
            Span::raw(cover_text(f.cover)),
            label(Msg::DetailLastSale),
            Span::raw(f.days_since_last_sale.map_or_else(
                || lang.t(Msg::Never).to_string(),
                |d| lang.f(Msg::DaysAgo, &[&d]),
            )),
        ]),
    ];
    lines.extend(next_step(app, p, f, theme));
    lines.push(Line::from(Span::styled(
        lang.t(Msg::DetailLots),
        theme.header(),
    )));
    if d.lots.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.t(Msg::DetailNone),
            theme.muted(),
        )));
    }
    for (qty, received, age, cost) in d.lots.iter().take(6) {
        let style = if *age > 90 {
            theme.warning()
        } else {
            theme.muted()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {qty:>6} · {received} · ")),
            Span::styled(lang.f(Msg::DetailLotAge, &[&format!("{age:>4}")]), style),
            Span::raw(format!(" · {}", app.money.plain(*cost))),
        ]));
    }
    if d.lots.len() > 6 {
        lines.push(Line::from(Span::styled(
            lang.f(Msg::DetailMoreLots, &[&(d.lots.len() - 6)]),
            theme.muted(),
        )));
    }
    let batches = if d.batches.is_empty() {
        lang.t(Msg::Nothing).to_string()
    } else {
        d.batches.join(", ")
    };
    let weeks: Vec<String> = d
        .weekly_units
        .iter()
        .map(|(from, units)| format!("{} {units}", from.date().format("%m-%d")))
        .collect();
    lines.push(Line::from(vec![
        Span::styled(
            lang.f(
                Msg::DetailWeekly,
                &[&lang.week_start(app.display.week_start)],
            ),
            theme.header(),
        ),
        Span::raw(weeks.join(" · ")),
    ]));
    lines.push(Line::from(vec![
        Span::styled(lang.t(Msg::DetailBatches), theme.header()),
        Span::raw(fit(&batches, 80)),
    ]));
    frame.render_widget(Paragraph::new(lines), facts);
    let total: u64 = d.daily_units.iter().sum();
    let close = app.keymap.label_in(Scope::View, Action::Close);
    let title = lang.f(
        Msg::DetailSparkTitle,
        &[&d.daily_units.len(), &total, &close],
    );
    frame.render_widget(sparkline(&d.daily_units, title, theme), spark);
}

/// The suggested next step, and for a SKU that sells the stock-out date and the
/// reorder arithmetic (METRICS.md "Next steps per SKU"), with the figures it used.
fn next_step<'a>(
    app: &App,
    p: &crate::domain::model::Product,
    f: &crate::domain::metrics::SkuFigures,
    theme: &Theme,
) -> Vec<Line<'a>> {
    use crate::domain::model::Lifecycle;
    let lang = app.lang;
    let s = &app.settings;
    let r = &f.reorder;
    let suggestion = lang.suggestion(crate::domain::aging_view::suggested_action(p, f));
    let mut first = vec![
        Span::styled(lang.t(Msg::DetailNext).to_string(), theme.header()),
        Span::styled(
            if suggestion.is_empty() {
                "—".to_string()
            } else {
                suggestion
            },
            theme.title(),
        ),
    ];
    let rate = format!("{:.2}", f.velocity);
    let run_down = matches!(
        p.lifecycle,
        Some(Lifecycle::Clearance | Lifecycle::Discontinued)
    );
    let second = if run_down {
        let life = p.lifecycle.map_or("", |l| lang.lifecycle(l));
        lang.f(Msg::DetailNoReorderRunDown, &[&life])
    } else if f.units_velocity <= 0 {
        lang.f(
            Msg::DetailNoReorderNoSales,
            &[&app.review.frame.velocity_days],
        )
    } else {
        if let Some(out) = r.stockout {
            let days = out.since(app.review.frame.as_of);
            first.push(Span::raw(" · "));
            first.push(Span::raw(
                lang.f(Msg::DetailRunsOut, &[&out, &f.on_hand, &rate, &days]),
            ));
        }
        let point = f.velocity * f64::from(r.lead_days + s.safety_days);
        let mut text = lang.f(
            Msg::DetailReorderPoint,
            &[&format!("{point:.1}"), &rate, &r.lead_days, &s.safety_days],
        );
        if r.now {
            text.push_str(&lang.f(
                Msg::DetailOrderMath,
                &[
                    &rate,
                    &r.lead_days,
                    &s.review_period_days,
                    &s.safety_days,
                    &f.on_hand,
                    &r.qty,
                ],
            ));
        } else {
            text.push_str(lang.t(Msg::DetailNotYet));
        }
        text
    };
    vec![
        Line::from(first),
        Line::from(Span::styled(format!("  {second}"), theme.muted())),
    ]
}

/// Units per day as a sparkline with a caption.
fn sparkline<'a>(data: &'a [u64], title: String, theme: &Theme) -> Sparkline<'a> {
    Sparkline::default()
        .data(data)
        .style(theme.good())
        .block(Block::default().borders(Borders::TOP).title(title))
}
