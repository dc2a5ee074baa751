//! Forms that add and edit new-product candidates and action plans, and promote a
//! candidate to a SKU. Each turns its fields into a [`Command`] or says what is wrong.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::command::Command;
use crate::domain::dates::{parse_date, Day};
use crate::domain::model::{Candidate, Dataset, Horizon, Plan, PlanStatus};
use crate::domain::money::Money;
use crate::domain::plan::{Target, TargetMetric};

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

fn score_0_5(form: &Form, i: usize, what: &str) -> Result<u8, String> {
    form.text(i)
        .parse::<u8>()
        .ok()
        .filter(|v| *v <= 5)
        .ok_or_else(|| format!("{what}: a score from 0 to 5"))
}

fn money(form: &Form, i: usize, what: &str) -> Result<Money, String> {
    let t = form.text(i);
    t.parse::<Money>()
        .ok()
        .filter(|m| m.micros() >= 0)
        .ok_or_else(|| format!("{what}: {t:?} is not an amount"))
}

#[derive(Debug, Clone)]
pub struct CandidateForm {
    pub editing: Option<i64>,
    pub form: Form,
}

impl CandidateForm {
    pub fn new(
        c: Option<&Candidate>,
        categories: Vec<String>,
        personas: Vec<String>,
    ) -> CandidateForm {
        let v = |f: fn(&Candidate) -> String| c.map(f).unwrap_or_default();
        let form = Form::new(vec![
            text(
                "name",
                v(|c| c.name.clone()),
                "e.g. smart blood-pressure monitor",
            ),
            Field::Pick {
                label: "category",
                value: v(|c| c.category.clone()),
                options: categories,
                hint: "segment",
            },
            text(
                "growth %/yr",
                v(|c| c.market_growth_pct.normalize().to_string()),
                "market growth, e.g. 22",
            ),
            text(
                "gap 0-5",
                v(|c| c.competitive_gap.to_string()),
                "price gap or a differentiating feature",
            ),
            text("gap note", v(|c| c.gap_note.clone()), "what the gap is"),
            text(
                "pain 0-5",
                v(|c| c.user_pain.to_string()),
                "how clear the user's pain point is",
            ),
            text("pain note", v(|c| c.pain_note.clone()), "whose pain, which"),
            text(
                "fit 0-5",
                v(|c| c.brand_fit.to_string()),
                "brand position and reachable supply",
            ),
            text(
                "unit cost",
                v(|c| c.expected_unit_cost.to_string()),
                "expected",
            ),
            text("price", v(|c| c.expected_price.to_string()), "expected"),
            Field::Pick {
                label: "personas",
                value: v(|c| c.personas.join(";")),
                options: personas,
                hint: "several: a;b",
            },
            text("notes", v(|c| c.notes.clone()), "source, links"),
        ]);
        CandidateForm {
            editing: c.map(|c| c.id),
            form,
        }
    }

    /// The candidate as typed, or what is wrong with it.
    pub fn candidate(&self) -> Result<Candidate, String> {
        let f = &self.form;
        let name = f.text(0).to_string();
        if name.is_empty() {
            return Err("name: a candidate needs a name".into());
        }
        let growth = Decimal::from_str(f.text(2))
            .map_err(|_| "growth %/yr: a number, e.g. 22".to_string())?;
        Ok(Candidate {
            id: self.editing.unwrap_or(0),
            name,
            category: f.text(1).to_string(),
            market_growth_pct: growth,
            competitive_gap: score_0_5(f, 3, "gap")?,
            gap_note: f.text(4).to_string(),
            user_pain: score_0_5(f, 5, "pain")?,
            pain_note: f.text(6).to_string(),
            brand_fit: score_0_5(f, 7, "fit")?,
            expected_unit_cost: money(f, 8, "unit cost")?,
            expected_price: money(f, 9, "price")?,
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
}

impl PlanForm {
    pub fn new(ds: &Dataset, p: Option<&Plan>) -> PlanForm {
        let mut metrics = vec!["none".to_string()];
        metrics.extend(TargetMetric::ALL.iter().map(|m| m.as_str().to_string()));
        let mut batches = vec!["none".to_string()];
        batches.extend(ds.batches.iter().map(|b| b.name.clone()));
        let target = p.and_then(|p| p.target.as_ref());
        let form = Form::new(vec![
            choice(
                "horizon",
                HORIZONS.iter().map(|h| h.as_str().to_string()).collect(),
                p.and_then(|p| HORIZONS.iter().position(|h| *h == p.horizon))
                    .unwrap_or(0),
            ),
            text(
                "title",
                p.map_or(String::new(), |p| p.title.clone()),
                "what will be done",
            ),
            text(
                "due",
                p.and_then(|p| p.due_on)
                    .map_or(String::new(), |d| d.to_string()),
                "YYYY-MM-DD, empty = none",
            ),
            choice(
                "status",
                STATUSES.iter().map(|s| s.as_str().to_string()).collect(),
                p.and_then(|p| STATUSES.iter().position(|s| *s == p.status))
                    .unwrap_or(0),
            ),
            choice(
                "target metric",
                metrics,
                target
                    .and_then(|t| TargetMetric::ALL.iter().position(|m| *m == t.metric))
                    .map_or(0, |i| i + 1),
            ),
            text(
                "target value",
                target.map_or(String::new(), |t| t.value.normalize().to_string()),
                "ratios as 0.40",
            ),
            choice(
                "batch",
                batches,
                target
                    .and_then(|t| t.batch_id)
                    .and_then(|id| ds.batches.iter().position(|b| b.id == id))
                    .map_or(0, |i| i + 1),
            ),
            text(
                "note",
                p.map_or(String::new(), |p| p.note.clone()),
                "owner, budget, links",
            ),
        ]);
        PlanForm {
            editing: p.map(|p| p.id),
            form,
            batch_ids: ds.batches.iter().map(|b| b.id).collect(),
        }
    }

    pub fn command(&self) -> Result<Command, String> {
        let f = &self.form;
        let title = f.text(1).to_string();
        if title.is_empty() {
            return Err("title: a plan needs a title".into());
        }
        let due_on = match f.text(2) {
            "" => None,
            t => Some(Day::from_date(parse_date(t).ok_or_else(|| {
                format!("due: {t:?} is not a date (YYYY-MM-DD)")
            })?)),
        };
        let target = match f.choice(4) {
            0 => None,
            i => {
                let metric = TargetMetric::ALL[i - 1];
                let value = Decimal::from_str(f.text(5))
                    .map_err(|_| "target value: a number".to_string())?;
                let batch_id = f
                    .choice(6)
                    .checked_sub(1)
                    .and_then(|b| self.batch_ids.get(b).copied());
                if metric.needs_batch() && batch_id.is_none() {
                    return Err(format!(
                        "batch: {} follows a clearance batch; pick one",
                        metric.as_str()
                    ));
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
}

impl PromoteForm {
    pub fn new(c: &Candidate) -> PromoteForm {
        PromoteForm {
            candidate: c.id,
            form: Form::new(vec![text(
                "new SKU code",
                format!("NEW-{}", c.id),
                "the code the shop will use",
            )]),
        }
    }

    pub fn command(&self) -> Result<Command, String> {
        let sku = self.form.text(0).to_string();
        if sku.is_empty() {
            return Err("new SKU code: give the SKU a code".into());
        }
        Ok(Command::PromoteCandidate {
            id: self.candidate,
            sku,
        })
    }
}
