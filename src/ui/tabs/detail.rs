//! The SKU detail popup: lots with ages, daily units over the window, margin, tier
//! (and whether overridden), and the batches the SKU is in.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::export::{cover_text, pct};
use crate::i18n::Msg;
use crate::ui::app::{App, Detail};
use crate::ui::draw::{centered, sparkline};
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, d: &Detail, theme: &Theme) {
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
        Line::from(Span::styled(lang.t(Msg::DetailLots), theme.header())),
    ];
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
    let title = lang.f(Msg::DetailSparkTitle, &[&d.daily_units.len(), &total]);
    frame.render_widget(sparkline(&d.daily_units, title, theme), spark);
}
