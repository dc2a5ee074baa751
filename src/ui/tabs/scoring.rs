//! Tab 3, new-product scoring: candidates by score with each criterion, gates and the
//! verdict; a side pane explains the selected candidate criterion by criterion.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use crate::domain::scoring::Verdict;
use crate::export::pct;
use crate::ui::app::App;
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

fn verdict_style(v: Verdict, theme: &Theme) -> ratatui::style::Style {
    match v {
        Verdict::Launch => theme.good(),
        Verdict::TestBatch => theme.title(),
        Verdict::Hold => theme.warning(),
        Verdict::Reject => theme.alarm(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [table, pane] = if area.width >= 120 {
        Layout::horizontal([Constraint::Min(70), Constraint::Length(42)]).areas(area)
    } else {
        Layout::vertical([Constraint::Min(6), Constraint::Length(9)]).areas(area)
    };
    let v = &app.views;
    let header = Row::new([
        "Candidate",
        "Growth",
        "Gap",
        "Pain",
        "Fit",
        "Margin",
        "Score",
        "Verdict",
        "Why",
    ])
    .style(theme.header());
    let height = super::body_rows(table);
    let len = v.candidate_order.len();
    let offset = super::scroll(&app.scoring, len, height);
    super::track_rows(app, table, offset, len);
    // Fixed columns take 37 cells plus 8 gaps; name and "why" share the rest.
    let free = (table.width as usize).saturating_sub(2 + 45);
    let name_w = (free / 2).clamp(12, 32);
    let why_w = free.saturating_sub(name_w).max(8);
    let rows: Vec<Row> = (offset..(offset + height).min(len))
        .map(|pos| {
            let i = v.candidate_order[pos];
            let c = &app.ds.candidates[i];
            let card = &v.scorecards[i];
            let row = Row::new(vec![
                if app.compare.contains(&i) {
                    Span::styled(
                        format!("●{}", fit(&c.name, name_w.saturating_sub(1))),
                        theme.warning(),
                    )
                } else {
                    Span::raw(fit(&c.name, name_w))
                },
                Span::raw(format!("{:>5}%", c.market_growth_pct.normalize())),
                Span::raw(format!("{:>3}", c.competitive_gap)),
                Span::raw(format!("{:>4}", c.user_pain)),
                Span::raw(format!("{:>3}", c.brand_fit)),
                Span::raw(format!("{:>6}", pct(card.expected_margin))),
                Span::raw(format!("{:>5.1}", card.score)),
                Span::styled(
                    match &c.promoted_sku {
                        Some(sku) => format!("SKU {}", fit(sku, 6)),
                        None => card.verdict.label().to_string(),
                    },
                    verdict_style(card.verdict, theme),
                ),
                Span::styled(fit(&card.failed_gates.join("; "), why_w), theme.alarm()),
            ]);
            if pos == app.scoring.selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let widths = [
        Constraint::Length(name_w as u16),
        Constraint::Length(6),
        Constraint::Length(3),
        Constraint::Length(4),
        Constraint::Length(3),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(10),
        Constraint::Min(10),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" Candidates by score ({len}) "))
                .title_style(theme.title()),
        ),
        table,
    );
    draw_pane(frame, pane, app, theme);
}

fn draw_pane(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let v = &app.views;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Why this score ")
        .title_style(theme.title());
    let Some(&i) = v.candidate_order.get(app.scoring.selected) else {
        frame.render_widget(Paragraph::new("No candidates yet.").block(block), area);
        return;
    };
    let c = &app.ds.candidates[i];
    let card = &v.scorecards[i];
    let k = &app.settings.scoring;
    let mut lines = vec![Line::from(Span::styled(fit(&c.name, 80), theme.title()))];
    let crit = [
        (
            format!("market growth {}%/yr", c.market_growth_pct.normalize()),
            k.weight_growth,
            String::new(),
        ),
        (
            format!("competitive gap {}/5", c.competitive_gap),
            k.weight_gap,
            c.gap_note.clone(),
        ),
        (
            format!("user pain {}/5", c.user_pain),
            k.weight_pain,
            c.pain_note.clone(),
        ),
        (
            format!("brand & supply fit {}/5", c.brand_fit),
            k.weight_fit,
            String::new(),
        ),
    ];
    for (n, (label, weight, note)) in crit.into_iter().enumerate() {
        lines.push(Line::from(format!(
            "{:5.1}/{} {label}",
            card.points[n],
            weight.normalize()
        )));
        if !note.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("      {}", fit(&note, 200)),
                theme.muted(),
            )));
        }
    }
    lines.push(Line::from(format!(
        "score {:.1} · expected margin {} ({} → {})",
        card.score,
        pct(card.expected_margin),
        c.expected_unit_cost,
        c.expected_price
    )));
    lines.push(Line::from(Span::styled(
        format!("verdict: {}", card.verdict.label()),
        verdict_style(card.verdict, theme),
    )));
    for g in &card.failed_gates {
        lines.push(Line::from(Span::styled(
            format!("✗ {}", crate::domain::text::sanitize(g)),
            theme.alarm(),
        )));
    }
    if let (Some(sku), Some(l)) = (&c.promoted_sku, &v.launched[i]) {
        let conv_target: f64 =
            rust_decimal::prelude::ToPrimitive::to_f64(&app.settings.target_new_conversion)
                .unwrap_or(0.0);
        let conv_ok = l.conversion.is_some_and(|x| x >= conv_target);
        let cover_ok = matches!(l.cover, crate::domain::metrics::Cover::Days(d) if d <= f64::from(app.settings.best_seller_days));
        lines.push(Line::from(vec![
            Span::styled(format!("launched as {} · ", fit(sku, 16)), theme.title()),
            Span::styled(
                format!(
                    "conversion {} (target ≥ {})",
                    pct(l.conversion),
                    pct(Some(conv_target))
                ),
                if conv_ok {
                    theme.good()
                } else {
                    theme.warning()
                },
            ),
        ]));
        lines.push(Line::from(Span::styled(
            format!(
                "days of cover {} (target ≤ {})",
                crate::export::cover_text(l.cover),
                app.settings.best_seller_days
            ),
            if cover_ok {
                theme.good()
            } else {
                theme.warning()
            },
        )));
    }
    if !c.personas.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("personas: {}", fit(&persona_labels(app, &c.personas), 120)),
            theme.muted(),
        )));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// Persona codes as their labels (the code itself when it has no label).
fn persona_labels(app: &App, codes: &[String]) -> String {
    codes
        .iter()
        .map(|code| {
            app.ds
                .personas
                .iter()
                .find(|(c, _)| c == code)
                .map_or(code.as_str(), |(_, label)| label.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}
