//! Tab 3, new-product scoring: candidates by score with each criterion, gates and the
//! verdict; a side pane explains the selected candidate criterion by criterion.

use crate::keymap::action::Tab;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::domain::scoring::Verdict;
use crate::export::pct;
use crate::i18n::{Lang, Msg};
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
    let lang = app.lang;
    let fixed = fixed_widths(lang);
    let height = super::body_rows(table);
    let len = v.candidate_order.len();
    let offset = super::scroll(&app.cursors[Tab::Scoring], len, height);
    super::track_rows(app, table, offset, len);
    // Fixed columns take 37 cells (English) plus 8 gaps; name and "why" share the rest.
    let fixed_total: usize = fixed.iter().map(|&w| w as usize).sum();
    let free = (table.width as usize).saturating_sub(2 + fixed_total + 8);
    let name_w = (free / 2).clamp(12, 32);
    let why_w = free.saturating_sub(name_w).max(8);
    let mut header_widths = vec![name_w];
    header_widths.extend(fixed.iter().map(|&w| w as usize));
    header_widths.push(why_w.max(10));
    let header = Row::new(
        HEADERS
            .iter()
            .zip(header_widths)
            .map(|(&m, w)| fit(lang.t(m), w)),
    )
    .style(theme.header());
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
                Span::raw(format!(
                    "{:>w$}%",
                    c.market_growth_pct.normalize(),
                    w = fixed[0] as usize - 1
                )),
                Span::raw(format!("{:>w$}", c.competitive_gap, w = fixed[1] as usize)),
                Span::raw(format!("{:>w$}", c.user_pain, w = fixed[2] as usize)),
                Span::raw(format!("{:>w$}", c.brand_fit, w = fixed[3] as usize)),
                Span::raw(format!(
                    "{:>w$}",
                    pct(card.expected_margin),
                    w = fixed[4] as usize
                )),
                Span::raw(format!("{:>w$.1}", card.score, w = fixed[5] as usize)),
                Span::styled(
                    match &c.promoted_sku {
                        Some(sku) => format!("SKU {}", fit(sku, 6)),
                        None => lang.verdict(card.verdict).to_string(),
                    },
                    verdict_style(card.verdict, theme),
                ),
                Span::styled(fit(&lang.gates(&card.gates), why_w), theme.alarm()),
            ]);
            if pos == app.cursors[Tab::Scoring].selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let mut widths = vec![Constraint::Length(name_w as u16)];
    widths.extend(fixed.iter().map(|&w| Constraint::Length(w)));
    widths.push(Constraint::Min(10));
    frame.render_widget(
        Table::new(rows, widths).header(header).block(
            Block::default()
                .borders(Borders::ALL)
                .title(lang.f(Msg::CandidatesTitle, &[&len]))
                .title_style(theme.title()),
        ),
        table,
    );
    draw_pane(frame, pane, app, theme);
}

fn draw_pane(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let v = &app.views;
    let lang = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(lang.t(Msg::WhyThisScore))
        .title_style(theme.title());
    let Some(&i) = v.candidate_order.get(app.cursors[Tab::Scoring].selected) else {
        frame.render_widget(
            Paragraph::new(lang.t(Msg::NoCandidatesYet)).block(block),
            area,
        );
        return;
    };
    let c = &app.ds.candidates[i];
    let card = &v.scorecards[i];
    let k = &app.settings.scoring;
    let mut lines = vec![Line::from(Span::styled(fit(&c.name, 80), theme.title()))];
    let crit = [
        (
            lang.f(Msg::CritGrowth, &[&c.market_growth_pct.normalize()]),
            k.weight_growth,
            String::new(),
        ),
        (
            lang.f(Msg::CritGap, &[&c.competitive_gap]),
            k.weight_gap,
            c.gap_note.clone(),
        ),
        (
            lang.f(Msg::CritPain, &[&c.user_pain]),
            k.weight_pain,
            c.pain_note.clone(),
        ),
        (
            lang.f(Msg::CritFit, &[&c.brand_fit]),
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
    lines.push(Line::from(lang.f(
        Msg::PaneScoreLine,
        &[
            &format!("{:.1}", card.score),
            &pct(card.expected_margin),
            &c.expected_unit_cost,
            &c.expected_price,
        ],
    )));
    lines.push(Line::from(Span::styled(
        lang.f(Msg::PaneVerdict, &[&lang.verdict(card.verdict)]),
        verdict_style(card.verdict, theme),
    )));
    for g in &card.gates {
        lines.push(Line::from(Span::styled(
            format!("✗ {}", crate::domain::text::sanitize(&lang.gate(g))),
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
            Span::styled(lang.f(Msg::LaunchedAs, &[&fit(sku, 16)]), theme.title()),
            Span::styled(
                lang.f(
                    Msg::LaunchedConversion,
                    &[&pct(l.conversion), &pct(Some(conv_target))],
                ),
                if conv_ok {
                    theme.good()
                } else {
                    theme.warning()
                },
            ),
        ]));
        // Nothing on hand: a cover of 0 days would read as a target met.
        let on_hand = app.review.skus.get(l.product).map_or(0, |f| f.on_hand);
        let (cover, cover_ok) = if on_hand <= 0 {
            (lang.t(Msg::LaunchedNoStock).to_string(), false)
        } else {
            let text = lang.f(
                Msg::LaunchedCover,
                &[
                    &crate::export::cover_text(l.cover),
                    &app.settings.best_seller_days,
                ],
            );
            (text, cover_ok)
        };
        lines.push(Line::from(Span::styled(
            cover,
            if cover_ok {
                theme.good()
            } else {
                theme.warning()
            },
        )));
    }
    if !c.personas.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.f(
                Msg::PanePersonas,
                &[&fit(&persona_labels(app, &c.personas), 120)],
            ),
            theme.muted(),
        )));
    }
    let inner = block.inner(area).width as usize;
    frame.render_widget(
        Paragraph::new(crate::ui::widgets::wrap_lines(&lines, inner)).block(block),
        area,
    );
}

/// Persona codes as their labels (the code itself when it has no label).
pub(crate) fn persona_labels(app: &App, codes: &[String]) -> String {
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

/// The candidate table's headers, in column order.
const HEADERS: [Msg; 9] = [
    Msg::ScoreColCandidate,
    Msg::ScoreColGrowth,
    Msg::ScoreColGap,
    Msg::ScoreColPain,
    Msg::ScoreColFit,
    Msg::ScoreColMargin,
    Msg::ScoreColScore,
    Msg::ScoreColVerdict,
    Msg::ScoreColWhy,
];

/// Widths of the columns between the name and "why": growth, gap, pain, fit, margin,
/// score, verdict; each at least as wide as its header in `lang` (terminal cells).
fn fixed_widths(lang: Lang) -> [u16; 7] {
    let base: [u16; 7] = [6, 3, 4, 3, 6, 5, 10];
    let mut out = base;
    for (i, w) in out.iter_mut().enumerate() {
        *w = (*w).max(UnicodeWidthStr::width(lang.t(HEADERS[i + 1])) as u16);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_widths_are_as_before_and_verdicts_fit() {
        assert_eq!(fixed_widths(Lang::En), [6, 3, 4, 3, 6, 5, 10]);
        for lang in Lang::ALL {
            let w = fixed_widths(lang);
            for v in [
                Verdict::Launch,
                Verdict::TestBatch,
                Verdict::Hold,
                Verdict::Reject,
            ] {
                assert!(lang.verdict(v).width() <= w[6] as usize);
            }
            assert!(lang.t(Msg::ScoreColCandidate).width() <= 12);
            assert!(lang.t(Msg::ScoreColWhy).width() <= 8);
        }
    }
}
