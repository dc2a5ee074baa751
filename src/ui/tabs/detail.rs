//! The SKU detail popup: lots with ages, daily units over the window, margin, tier
//! (and whether overridden), and the batches the SKU is in.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::export::{cover_text, pct};
use crate::ui::app::{App, Detail};
use crate::ui::draw::{centered, sparkline};
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, d: &Detail, theme: &Theme) {
    let rect = centered(area, 96, 22);
    frame.render_widget(Clear, rect);
    let p = &app.ds.products[d.product];
    let f = &app.review.skus[d.product];
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} — {} ", fit(&p.sku, 20), fit(&p.name, 60)))
        .title_style(theme.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [facts, spark] = Layout::vertical([Constraint::Min(6), Constraint::Length(5)]).areas(inner);
    let override_note = if f.tier_overridden {
        format!(" (set by hand; computed {})", f.computed_tier)
    } else {
        String::new()
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("tier ", theme.muted()),
            Span::styled(f.tier.as_str(), theme.tier(f.tier)),
            Span::raw(override_note),
            Span::styled("  tier margin ", theme.muted()),
            Span::raw(pct(f.tier_margin)),
            Span::styled("  category ", theme.muted()),
            Span::raw(fit(&p.category, 20)),
            Span::styled("  lifecycle ", theme.muted()),
            Span::raw(p.lifecycle.map_or("—", |l| l.as_str())),
        ]),
        Line::from(vec![
            Span::styled("unit cost ", theme.muted()),
            Span::raw(
                p.unit_cost
                    .map_or("missing".to_string(), |c| app.money.plain(c)),
            ),
            Span::styled("  list price ", theme.muted()),
            Span::raw(p.list_price.map_or("—".to_string(), |c| app.money.plain(c))),
            Span::styled("  revenue ", theme.muted()),
            Span::raw(app.money.grouped(f.net_revenue)),
            Span::styled("  GP ", theme.muted()),
            Span::raw(app.money.grouped(f.gross_profit)),
            Span::styled("  tags ", theme.muted()),
            Span::raw(fit(&p.tags.join(", "), 30)),
        ]),
        Line::from(vec![
            Span::styled("on hand ", theme.muted()),
            Span::raw(f.on_hand.to_string()),
            Span::styled("  capital ", theme.muted()),
            Span::raw(app.money.grouped(f.capital)),
            Span::styled("  units/day ", theme.muted()),
            Span::raw(format!("{:.2}", f.velocity)),
            Span::styled("  cover ", theme.muted()),
            Span::raw(cover_text(f.cover)),
            Span::styled("  last sale ", theme.muted()),
            Span::raw(
                f.days_since_last_sale
                    .map_or("never".into(), |d| format!("{d} days ago")),
            ),
        ]),
        Line::from(Span::styled(
            "Lots on hand (qty · received · age · unit cost):",
            theme.header(),
        )),
    ];
    if d.lots.is_empty() {
        lines.push(Line::from(Span::styled("  none", theme.muted())));
    }
    for (qty, received, age, cost) in d.lots.iter().take(6) {
        let style = if *age > 90 {
            theme.warning()
        } else {
            theme.muted()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {qty:>6} · {received} · ")),
            Span::styled(format!("{age:>4} days"), style),
            Span::raw(format!(" · {}", app.money.plain(*cost))),
        ]));
    }
    if d.lots.len() > 6 {
        lines.push(Line::from(Span::styled(
            format!("  … {} more lots", d.lots.len() - 6),
            theme.muted(),
        )));
    }
    let batches = if d.batches.is_empty() {
        "none".to_string()
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
            format!("Units by week ({} start): ", {
                let day = app.display.week_start.as_str();
                day[..1].to_uppercase() + &day[1..]
            }),
            theme.header(),
        ),
        Span::raw(weeks.join(" · ")),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Clearance batches: ", theme.header()),
        Span::raw(fit(&batches, 80)),
    ]));
    frame.render_widget(Paragraph::new(lines), facts);
    let total: u64 = d.daily_units.iter().sum();
    let title = format!(
        " units per day over the last {} days ({total} units; Esc closes) ",
        d.daily_units.len()
    );
    frame.render_widget(sparkline(&d.daily_units, title, theme), spark);
}
