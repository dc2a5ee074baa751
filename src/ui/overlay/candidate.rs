//! The new-product candidate form (`a` or `e` on the scoring tab), with the candidate's
//! live score, verdict and failed gates under it.

use std::str::FromStr;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;
use rust_decimal::Decimal;

use super::editor::Editor;
use super::fields::{amount_problem, money, score, score_problem, text, Unread};
use super::form_view::draw_editor;
use super::Outcome;
use crate::domain::command::{CandidateAmount, CandidateScore, Command, Refusal};
use crate::domain::model::Candidate;
use crate::domain::money::Money;
use crate::export::pct;
use crate::i18n::{Lang, Msg};
use crate::ui::app::App;
use crate::ui::form::{Field, Form};
use crate::ui::theme::Theme;

#[derive(Debug, Clone)]
pub struct CandidateForm {
    pub editing: Option<i64>,
    pub form: Form,
    pub lang: Lang,
    /// (code, label) of the shop's personas: the form shows and takes labels, the
    /// candidate keeps codes.
    personas: Vec<(String, String)>,
}

/// A persona as the form shows it: its label, or its code when it has none.
fn persona_label<'a>(personas: &'a [(String, String)], code: &'a str) -> &'a str {
    personas
        .iter()
        .find(|(c, l)| c == code && !l.trim().is_empty())
        .map_or(code, |(_, l)| l.as_str())
}

/// The persona codes typed in the field: labels or codes, separated by `;` (or `,`).
fn persona_codes(personas: &[(String, String)], typed: &str) -> Vec<String> {
    let known = |piece: &str| {
        personas
            .iter()
            .find(|(c, l)| l.trim() == piece || c == piece)
            .map(|(c, _)| c.clone())
    };
    let mut codes = Vec::new();
    for piece in typed
        .split([';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match known(piece) {
            Some(code) => codes.push(code),
            // Not one label: a list with commas, each a label or a code (an unknown one
            // is kept as typed, and the store names it).
            None => codes.extend(
                piece
                    .split([',', '，'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| known(p).unwrap_or_else(|| p.to_string())),
            ),
        }
    }
    codes
}

impl CandidateForm {
    pub fn new(
        c: Option<&Candidate>,
        categories: Vec<String>,
        personas: Vec<(String, String)>,
        lang: Lang,
    ) -> CandidateForm {
        let shown_personas = c.map_or(String::new(), |c| {
            c.personas
                .iter()
                .map(|code| persona_label(&personas, code))
                .collect::<Vec<_>>()
                .join("; ")
        });
        let persona_options = personas
            .iter()
            .map(|(code, _)| persona_label(&personas, code).to_string())
            .collect();
        let v = |f: fn(&Candidate) -> String| c.map(f).unwrap_or_default();
        let t = |m: Msg| lang.t(m);
        let form = Form::new(vec![
            text(
                t(Msg::FieldName),
                v(|c| c.name.clone()),
                t(Msg::HintCandidateName),
            ),
            Field::Pick {
                label: t(Msg::FieldCategory),
                value: v(|c| c.category.clone()),
                options: categories,
                hint: t(Msg::HintSegment),
            },
            text(
                t(Msg::FieldGrowth),
                v(|c| c.market_growth_pct.normalize().to_string()),
                t(Msg::HintGrowth),
            ),
            text(
                t(Msg::FieldGap),
                v(|c| c.competitive_gap.to_string()),
                t(Msg::HintGap),
            ),
            text(
                t(Msg::FieldGapNote),
                v(|c| c.gap_note.clone()),
                t(Msg::HintGapNote),
            ),
            text(
                t(Msg::FieldPain),
                v(|c| c.user_pain.to_string()),
                t(Msg::HintPain),
            ),
            text(
                t(Msg::FieldPainNote),
                v(|c| c.pain_note.clone()),
                t(Msg::HintPainNote),
            ),
            text(
                t(Msg::FieldFit),
                v(|c| c.brand_fit.to_string()),
                t(Msg::HintFit),
            ),
            text(
                t(Msg::FieldUnitCost),
                v(|c| c.expected_unit_cost.to_string()),
                t(Msg::HintExpected),
            ),
            text(
                t(Msg::FieldPrice),
                v(|c| c.expected_price.to_string()),
                t(Msg::HintExpected),
            ),
            Field::Pick {
                label: t(Msg::FieldPersonas),
                value: shown_personas,
                options: persona_options,
                hint: t(Msg::HintPersonas),
            },
            text(
                t(Msg::FieldNotes),
                v(|c| c.notes.clone()),
                t(Msg::HintNotes),
            ),
        ]);
        CandidateForm {
            editing: c.map(|c| c.id),
            form,
            lang,
            personas,
        }
    }

    /// The candidate as typed and checked by its rules ([`Candidate::check`]), or the
    /// first problem in the form's order.
    pub fn candidate(&self) -> Result<Candidate, String> {
        let f = &self.form;
        let lang = self.lang;
        let mut unread = Unread::default();
        let growth = Decimal::from_str(f.text(2)).map_err(|_| lang.t(Msg::GrowthNotANumber).into());
        let c = Candidate {
            id: self.editing.unwrap_or(0),
            name: f.text(0).to_string(),
            category: f.text(1).to_string(),
            market_growth_pct: unread.or(2, growth, Decimal::ZERO),
            competitive_gap: unread.or(3, score(f, 3, lang), 0),
            gap_note: f.text(4).to_string(),
            user_pain: unread.or(5, score(f, 5, lang), 0),
            pain_note: f.text(6).to_string(),
            brand_fit: unread.or(7, score(f, 7, lang), 0),
            expected_unit_cost: unread.or(8, money(f, 8, lang), Money::ZERO),
            expected_price: unread.or(9, money(f, 9, lang), Money::ZERO),
            personas: persona_codes(&self.personas, f.text(10)),
            notes: f.text(11).to_string(),
            promoted_sku: None,
        };
        let broken = c.check().err().map(|r| self.broken(&r));
        match unread.first(broken) {
            Some(problem) => Err(problem),
            None => Ok(c),
        }
    }

    /// A rule the candidate breaks, in the form's words, with the field it is about.
    fn broken(&self, r: &Refusal) -> (usize, String) {
        let (f, lang) = (&self.form, self.lang);
        match r {
            Refusal::Score(s) => {
                let i = match s {
                    CandidateScore::Gap => 3,
                    CandidateScore::Pain => 5,
                    CandidateScore::Fit => 7,
                };
                (i, score_problem(f, i, lang))
            }
            Refusal::CandidateNegative(a) => {
                let i = match a {
                    CandidateAmount::Cost => 8,
                    CandidateAmount::Price => 9,
                };
                (i, amount_problem(f, i, lang))
            }
            Refusal::CandidateName => (0, lang.refusal_in_form(r)),
            other => (usize::MAX, lang.refusal_in_form(other)),
        }
    }

    pub fn command(&self) -> Result<Command, String> {
        Ok(Command::SaveCandidate {
            id: self.editing,
            candidate: Box::new(self.candidate()?),
        })
    }
}

impl Editor for CandidateForm {
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn submit(&mut self, _app: &App) -> Outcome {
        Outcome::submit(self.command())
    }

    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        let title = lang.t(if self.editing.is_some() {
            Msg::EditCandidate
        } else {
            Msg::NewCandidate
        });
        draw_editor(
            f,
            area,
            app,
            title,
            &self.form,
            candidate_preview(app, self, theme),
            theme,
        )
    }
}

/// The live score of a candidate being typed.
fn candidate_preview(app: &App, c: &CandidateForm, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    match c.candidate() {
        Err(e) => vec![Line::from(Span::styled(format!("✗ {e}"), theme.warning()))],
        Ok(cand) => {
            let card = crate::domain::scoring::score(&cand, &app.settings);
            let mut lines = vec![Line::from(lang.f(
                Msg::CandidatePreview,
                &[
                    &format!("{:.1}", card.score),
                    &pct(card.expected_margin),
                    &lang.verdict(card.verdict),
                ],
            ))];
            for g in &card.gates {
                lines.push(Line::from(Span::styled(
                    format!("✗ {}", lang.gate(g)),
                    theme.alarm(),
                )));
            }
            lines
        }
    }
}
