//! Forms that add and edit new-product candidates and action plans, and promote a
//! candidate to a SKU. Each turns its fields into a [`Command`] or says what is wrong.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::command::Command;
use crate::domain::dates::{parse_date, Day};
use crate::domain::model::{Candidate, Dataset, Horizon, Plan, PlanStatus};
use crate::domain::money::Money;
use crate::domain::plan::{Target, TargetMetric};
use crate::i18n::{Lang, Msg};

use super::form::{Field, Form};

fn text(label: &'static str, value: impl Into<String>, hint: &'static str) -> Field {
    Field::Text {
        label,
        value: value.into(),
        hint,
    }
}

fn choice(label: &'static str, options: Vec<String>, index: usize) -> Field {
    Field::Choice {
        label,
        options,
        index,
    }
}

fn score_0_5(form: &Form, i: usize, lang: Lang) -> Result<u8, String> {
    form.text(i)
        .parse::<u8>()
        .ok()
        .filter(|v| *v <= 5)
        .ok_or_else(|| lang.f(Msg::ScoreZeroToFive, &[&short_label(form, i)]))
}

fn money(form: &Form, i: usize, lang: Lang) -> Result<Money, String> {
    let t = form.text(i);
    t.parse::<Money>()
        .ok()
        .filter(|m| m.micros() >= 0)
        .ok_or_else(|| {
            lang.f(
                Msg::NotAnAmount,
                &[&form.fields[i].label(), &format!("{t:?}")],
            )
        })
}

/// A field's label without its range (`gap 0-5` → `gap`), to name it in a message.
fn short_label(form: &Form, i: usize) -> &'static str {
    let label = form.fields[i].label();
    label.strip_suffix(" 0-5").unwrap_or(label)
}

#[derive(Debug, Clone)]
pub struct CandidateForm {
    pub editing: Option<i64>,
    pub form: Form,
    pub lang: Lang,
}

impl CandidateForm {
    pub fn new(
        c: Option<&Candidate>,
        categories: Vec<String>,
        personas: Vec<String>,
        lang: Lang,
    ) -> CandidateForm {
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
                value: v(|c| c.personas.join(";")),
                options: personas,
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
        }
    }

    /// The candidate as typed, or what is wrong with it.
    pub fn candidate(&self) -> Result<Candidate, String> {
        let f = &self.form;
        let lang = self.lang;
        let name = f.text(0).to_string();
        if name.is_empty() {
            return Err(lang.t(Msg::CandidateNeedsName).into());
        }
        let growth =
            Decimal::from_str(f.text(2)).map_err(|_| lang.t(Msg::GrowthNotANumber).to_string())?;
        Ok(Candidate {
            id: self.editing.unwrap_or(0),
            name,
            category: f.text(1).to_string(),
            market_growth_pct: growth,
            competitive_gap: score_0_5(f, 3, lang)?,
            gap_note: f.text(4).to_string(),
            user_pain: score_0_5(f, 5, lang)?,
            pain_note: f.text(6).to_string(),
            brand_fit: score_0_5(f, 7, lang)?,
            expected_unit_cost: money(f, 8, lang)?,
            expected_price: money(f, 9, lang)?,
            personas: f
                .text(10)
                .split([';', ','])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
            notes: f.text(11).to_string(),
            promoted_sku: None,
        })
    }

    pub fn command(&self) -> Result<Command, String> {
        Ok(Command::SaveCandidate {
            id: self.editing,
            candidate: Box::new(self.candidate()?),
        })
    }
}

const HORIZONS: [Horizon; 3] = [Horizon::Short, Horizon::Mid, Horizon::Long];
const STATUSES: [PlanStatus; 4] = [
    PlanStatus::Todo,
    PlanStatus::Doing,
    PlanStatus::Done,
    PlanStatus::Dropped,
];

#[derive(Debug, Clone)]
pub struct PlanForm {
    pub editing: Option<i64>,
    pub form: Form,
    /// Batch ids behind the batch choice (index 0 is "none").
    pub batch_ids: Vec<i64>,
    pub lang: Lang,
}

impl PlanForm {
    pub fn new(ds: &Dataset, p: Option<&Plan>, lang: Lang) -> PlanForm {
        let t = |m: Msg| lang.t(m);
        // Options are shown in `lang` (metric names as the command line writes them in
        // English); what they mean is read by position.
        let mut metrics = vec![t(Msg::ChoiceNone).to_string()];
        metrics.extend(TargetMetric::ALL.iter().map(|m| {
            if lang.is_en() {
                m.as_str().to_string()
            } else {
                lang.metric(*m).to_string()
            }
        }));
        let mut batches = vec![t(Msg::ChoiceNone).to_string()];
        batches.extend(ds.batches.iter().map(|b| b.name.clone()));
        let target = p.and_then(|p| p.target.as_ref());
        let form = Form::new(vec![
            choice(
                t(Msg::FieldHorizon),
                HORIZONS
                    .iter()
                    .map(|h| lang.horizon(*h).to_string())
                    .collect(),
                p.and_then(|p| HORIZONS.iter().position(|h| *h == p.horizon))
                    .unwrap_or(0),
            ),
            text(
                t(Msg::FieldTitle),
                p.map_or(String::new(), |p| p.title.clone()),
                t(Msg::HintPlanTitle),
            ),
            text(
                t(Msg::FieldDue),
                p.and_then(|p| p.due_on)
                    .map_or(String::new(), |d| d.to_string()),
                t(Msg::HintDue),
            ),
            choice(
                t(Msg::FieldStatus),
                STATUSES
                    .iter()
                    .map(|s| lang.plan_status(*s).to_string())
                    .collect(),
                p.and_then(|p| STATUSES.iter().position(|s| *s == p.status))
                    .unwrap_or(0),
            ),
            choice(
                t(Msg::FieldTargetMetric),
                metrics,
                target
                    .and_then(|t| TargetMetric::ALL.iter().position(|m| *m == t.metric))
                    .map_or(0, |i| i + 1),
            ),
            text(
                t(Msg::FieldTargetValue),
                target.map_or(String::new(), |t| t.value.normalize().to_string()),
                t(Msg::HintTargetValue),
            ),
            choice(
                t(Msg::FieldBatch),
                batches,
                target
                    .and_then(|t| t.batch_id)
                    .and_then(|id| ds.batches.iter().position(|b| b.id == id))
                    .map_or(0, |i| i + 1),
            ),
            text(
                t(Msg::FieldNote),
                p.map_or(String::new(), |p| p.note.clone()),
                t(Msg::HintPlanNote),
            ),
        ]);
        PlanForm {
            editing: p.map(|p| p.id),
            form,
            batch_ids: ds.batches.iter().map(|b| b.id).collect(),
            lang,
        }
    }

    pub fn command(&self) -> Result<Command, String> {
        let f = &self.form;
        let lang = self.lang;
        let title = f.text(1).to_string();
        if title.is_empty() {
            return Err(lang.t(Msg::PlanNeedsTitle).into());
        }
        let due_on = match f.text(2) {
            "" => None,
            t => Some(Day::from_date(parse_date(t).ok_or_else(|| {
                lang.f(Msg::NotADate, &[&f.fields[2].label(), &format!("{t:?}")])
            })?)),
        };
        let target = match f.choice(4) {
            0 => None,
            i => {
                let metric = TargetMetric::ALL[i - 1];
                let value = Decimal::from_str(f.text(5))
                    .map_err(|_| lang.t(Msg::TargetValueNotANumber).to_string())?;
                let batch_id = f
                    .choice(6)
                    .checked_sub(1)
                    .and_then(|b| self.batch_ids.get(b).copied());
                if metric.needs_batch() && batch_id.is_none() {
                    let name = if lang.is_en() {
                        metric.as_str()
                    } else {
                        lang.metric(metric)
                    };
                    return Err(lang.f(Msg::MetricNeedsBatch, &[&name]));
                }
                Some(Target {
                    metric,
                    value,
                    batch_id,
                })
            }
        };
        let plan = Plan {
            id: self.editing.unwrap_or(0),
            horizon: HORIZONS[f.choice(0)],
            title,
            due_on,
            status: STATUSES[f.choice(3)],
            target,
            note: f.text(7).to_string(),
        };
        Ok(Command::SavePlan {
            id: self.editing,
            plan: Box::new(plan),
        })
    }
}

#[derive(Debug, Clone)]
pub struct PromoteForm {
    pub candidate: i64,
    pub form: Form,
    pub lang: Lang,
}

impl PromoteForm {
    pub fn new(c: &Candidate, lang: Lang) -> PromoteForm {
        PromoteForm {
            candidate: c.id,
            form: Form::new(vec![text(
                lang.t(Msg::FieldNewSku),
                format!("NEW-{}", c.id),
                lang.t(Msg::HintNewSku),
            )]),
            lang,
        }
    }

    pub fn command(&self) -> Result<Command, String> {
        let sku = self.form.text(0).to_string();
        if sku.is_empty() {
            return Err(self.lang.t(Msg::NewSkuNeedsCode).into());
        }
        Ok(Command::PromoteCandidate {
            id: self.candidate,
            sku,
        })
    }
}
