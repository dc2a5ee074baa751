//! Candidates side by side (`m` on the scoring tab), criterion by criterion.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

use super::{viewer_key, Outcome, Popup};
use crate::export::pct;
use crate::i18n::Msg;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::draw::centered;
use crate::ui::keymap::Scope;
use crate::ui::theme::Theme;
use crate::ui::widgets::fit;

#[derive(Debug, Clone)]
pub struct Compare {
    /// The candidates compared (indices into `Dataset::candidates`); the first five show.
    pub candidates: Vec<usize>,
}

impl Popup for Compare {
    fn on_key(&mut self, key: KeyEvent, app: &App) -> Outcome {
        viewer_key(&key, app)
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        draw_compare(f, area, app, &self.candidates, theme)
    }

    fn is_modal(&self) -> bool {
        false
    }
}

/// Candidates side by side, criterion by criterion.
fn draw_compare(f: &mut Frame, area: Rect, app: &App, marked: &[usize], theme: &Theme) {
    let lang = app.lang;
    let shown: Vec<usize> = marked.iter().copied().take(5).collect();
    let col_w = 20u16;
    let rect = centered(area, 22 + col_w * shown.len() as u16 + 2, 16);
    crate::ui::widgets::clear_popup(f, rect);
    let cand = |i: usize| &app.ds.candidates[i];
    let card = |i: usize| &app.views.scorecards[i];
    let row = |label: Msg, cell: &dyn Fn(usize) -> String| {
        let mut cells = vec![Span::styled(fit(lang.t(label), 20), theme.muted())];
        cells.extend(shown.iter().map(|&i| Span::raw(cell(i))));
        Row::new(cells)
    };
    let rows = vec![
        row(Msg::CompareGrowth, &|i| {
            format!("{}%", cand(i).market_growth_pct.normalize())
        }),
        row(Msg::CompareGap, &|i| {
            format!("{}/5", cand(i).competitive_gap)
        }),
        row(Msg::ComparePain, &|i| format!("{}/5", cand(i).user_pain)),
        row(Msg::CompareFit, &|i| format!("{}/5", cand(i).brand_fit)),
        row(Msg::CompareCost, &|i| {
            app.money.plain(cand(i).expected_unit_cost)
        }),
        row(Msg::ComparePrice, &|i| {
            app.money.plain(cand(i).expected_price)
        }),
        row(Msg::CompareMargin, &|i| pct(card(i).expected_margin)),
        row(Msg::ComparePersonas, &|i| {
            fit(
                &crate::ui::tabs::scoring::persona_labels(app, &cand(i).personas),
                col_w as usize,
            )
        }),
        row(Msg::CompareScore, &|i| format!("{:.1}", card(i).score)),
        row(Msg::CompareVerdict, &|i| {
            lang.verdict(card(i).verdict).to_string()
        }),
        row(Msg::CompareGates, &|i| card(i).gates.len().to_string()),
    ];
    let mut header = vec![Span::raw("")];
    header.extend(
        shown
            .iter()
            .map(|&i| Span::styled(fit(&cand(i).name, col_w as usize), theme.title())),
    );
    let mut widths = vec![Constraint::Length(20)];
    widths.extend(shown.iter().map(|_| Constraint::Length(col_w)));
    f.render_widget(
        Table::new(rows, widths).header(Row::new(header)).block(
            Block::default()
                .borders(Borders::ALL)
                .title(lang.f(
                    Msg::CompareTitle,
                    &[&app.keymap.label_in(Scope::View, Action::Close)],
                ))
                .title_style(theme.title()),
        ),
        rect,
    );
}
