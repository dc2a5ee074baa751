//! The action-plan form (`a` or `e` on the plans tab): horizon, title, due date,
//! status, a target a plan is measured by (the category a category's share follows),
//! and when it starts with the metric's value then (METRICS.md "Plans over time"). The
//! baseline is filled in with the value computed for the start while it is not typed
//! over: from the review on screen when the plan starts on the as-of date, else
//! computed when the form is saved (a review as of the start: once, not per key).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;
use rust_decimal::Decimal;

use super::editor::Editor;
use super::fields::{choice, text, Unread};
use super::form_view::draw_editor;
use super::Outcome;
use crate::domain::command::{Command, Refusal};
use crate::domain::dates::{parse_date, Day};
use crate::domain::model::{Dataset, Horizon, Plan, PlanStatus};
use crate::domain::plan::{Target, TargetMetric};
use crate::i18n::figures::parse_target_input;
use crate::i18n::{Lang, Msg};
use crate::ui::app::App;
use crate::ui::form::Field;
use crate::ui::form::Form;
use crate::ui::theme::Theme;

const HORIZONS: [Horizon; 3] = [Horizon::Short, Horizon::Mid, Horizon::Long];
const STATUSES: [PlanStatus; 4] = [
    PlanStatus::Todo,
    PlanStatus::Doing,
    PlanStatus::Done,
    PlanStatus::Dropped,
];

// The fields, in the form's order.
const HORIZON: usize = 0;
const TITLE: usize = 1;
const DUE: usize = 2;
const STATUS: usize = 3;
const METRIC: usize = 4;
const VALUE: usize = 5;
const BATCH: usize = 6;
const NOTE: usize = 7;
const CATEGORY: usize = 8;
const START: usize = 9;
const BASELINE: usize = 10;

/// What the baseline field was last filled in with by the form (not typed): its text,
/// and the metric, category and start it is the value for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Filled {
    text: String,
    metric: usize,
    category: String,
    start: String,
}

#[derive(Debug, Clone)]
pub struct PlanForm {
    pub editing: Option<i64>,
    pub form: Form,
    /// Batch ids behind the batch choice (index 0 is "none").
    pub batch_ids: Vec<i64>,
    pub lang: Lang,
    /// The as-of date: a start left empty is it.
    as_of: Day,
    /// The baseline field's text while the form, not the seller, wrote it.
    filled: Option<Filled>,
}

/// A baseline as the field shows it: in the target's unit, as the target value is
/// written (a rate in percent).
fn baseline_text(lang: Lang, metric: TargetMetric, b: Decimal) -> String {
    lang.target_input(metric, b)
}

impl PlanForm {
    pub fn new(app: &App, p: Option<&Plan>) -> PlanForm {
        let ds = &app.ds;
        let lang = app.lang;
        let t = |m: Msg| lang.t(m);
        // Options are shown in words; what they mean is read by position.
        let mut metrics = vec![t(Msg::ChoiceNone).to_string()];
        metrics.extend(
            TargetMetric::ALL
                .iter()
                .map(|m| lang.metric(*m).to_string()),
        );
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
                target.map_or(String::new(), |t| lang.target_input(t.metric, t.value)),
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
            Field::Pick {
                label: t(Msg::FieldPlanCategory),
                value: target.and_then(|t| t.category.clone()).unwrap_or_default(),
                options: categories(ds),
                hint: t(Msg::HintPlanCategory),
            },
            text(
                t(Msg::FieldStart),
                match p {
                    Some(p) => p.start.map_or(String::new(), |d| d.to_string()),
                    None => app.frame().as_of.to_string(),
                },
                t(Msg::HintStart),
            ),
            text(
                t(Msg::FieldBaseline),
                match (p.and_then(|p| p.baseline), target) {
                    (Some(b), Some(t)) => baseline_text(lang, t.metric, b),
                    _ => String::new(),
                },
                t(Msg::HintBaseline),
            ),
        ]);
        let mut form = PlanForm {
            editing: p.map(|p| p.id),
            form,
            batch_ids: ds.batches.iter().map(|b| b.id).collect(),
            lang,
            as_of: app.frame().as_of,
            filled: None,
        };
        // A plan's own baseline is the form's until the metric, category or start moves.
        form.filled = Some(form.filled_now());
        form
    }

    /// The baseline field as it is now, as if the form had filled it in.
    fn filled_now(&self) -> Filled {
        let f = &self.form;
        Filled {
            text: f.text(BASELINE).to_string(),
            metric: f.choice(METRIC),
            category: f.text(CATEGORY).to_string(),
            start: f.text(START).to_string(),
        }
    }

    /// The start typed, or the as-of date when empty; `None` when it is not a date.
    fn start(&self) -> Option<Day> {
        match self.form.text(START) {
            "" => Some(self.as_of),
            t => parse_date(t).map(Day::from_date),
        }
    }

    /// The target's metric and category as the form has them (no value needed).
    fn target_shape(&self) -> Option<Target> {
        let metric = self.form.choice(METRIC).checked_sub(1)?;
        let category = Some(self.form.text(CATEGORY).to_string()).filter(|c| !c.is_empty());
        Some(Target {
            category,
            ..Target::new(TargetMetric::ALL[metric], Decimal::ZERO)
        })
    }

    /// After a change: while the seller has not typed over the baseline, it follows the
    /// metric, category and start — the value now when the plan starts on the as-of date
    /// (from the review on screen), else empty until saved (computed then).
    fn refill(&mut self, app: &App) {
        let now = self.filled_now();
        let Some(filled) = &self.filled else {
            return;
        };
        if filled.text != now.text || *filled == now {
            return;
        }
        let text = match (self.target_shape(), self.start()) {
            (Some(t), Some(start)) if start == app.frame().as_of && !t.metric.needs_batch() => {
                crate::domain::plan::baseline_at(
                    &app.ds,
                    &t,
                    start,
                    app.frame(),
                    &app.settings,
                    Some(&app.review),
                )
                .map_or(String::new(), |b| baseline_text(self.lang, t.metric, b))
            }
            _ => String::new(),
        };
        self.form.set_text(BASELINE, text);
        self.filled = Some(self.filled_now());
    }

    /// The plan typed and checked by its rules ([`Plan::check`]), or the first problem
    /// in the form's order. An empty baseline is computed as of the start (`app`'s data
    /// and settings).
    pub fn command(&self, app: &App) -> Result<Command, String> {
        let f = &self.form;
        let lang = self.lang;
        let mut unread = Unread::default();
        let date = |i: usize, unread: &mut Unread| match f.text(i) {
            "" => None,
            t => {
                let day = parse_date(t)
                    .map(|d| Some(Day::from_date(d)))
                    .ok_or_else(|| {
                        lang.f(Msg::NotADate, &[&f.fields[i].label(), &format!("{t:?}")])
                    });
                unread.or(i, day, None)
            }
        };
        let due_on = date(DUE, &mut unread);
        let target = match f.choice(METRIC) {
            0 => None,
            i => {
                let metric = TargetMetric::ALL[i - 1];
                let value = parse_target_input(metric, f.text(VALUE))
                    .ok_or_else(|| lang.t(Msg::TargetValueNotANumber).to_string());
                let batch_id = f
                    .choice(BATCH)
                    .checked_sub(1)
                    .and_then(|b| self.batch_ids.get(b).copied());
                let category = Some(f.text(CATEGORY).to_string())
                    .filter(|c| metric.needs_category() && !c.is_empty());
                Some(Target {
                    metric,
                    value: unread.or(VALUE, value, Decimal::ZERO),
                    batch_id,
                    category,
                })
            }
        };
        // A plan that follows a batch starts with it, from 0: its start and baseline
        // fields are not read.
        let own_time = !target.as_ref().is_some_and(|t| t.metric.needs_batch());
        let start = if own_time {
            date(START, &mut unread).or(Some(self.as_of))
        } else {
            None
        };
        let baseline = match (own_time, &target, start, f.text(BASELINE)) {
            (true, Some(t), Some(start), "") => crate::domain::plan::baseline_at(
                &app.ds,
                t,
                start,
                app.frame(),
                &app.settings,
                Some(&app.review),
            ),
            (true, Some(t), _, typed) if !typed.is_empty() => {
                let value = parse_target_input(t.metric, typed)
                    .map(Some)
                    .ok_or_else(|| {
                        lang.f(
                            Msg::NotADecimal,
                            &[&f.fields[BASELINE].label(), &format!("{typed:?}")],
                        )
                    });
                unread.or(BASELINE, value, None)
            }
            _ => None,
        };
        let plan = Plan {
            id: self.editing.unwrap_or(0),
            horizon: HORIZONS[f.choice(HORIZON)],
            title: f.text(TITLE).to_string(),
            due_on,
            status: STATUSES[f.choice(STATUS)],
            target,
            start,
            baseline,
            note: f.text(NOTE).to_string(),
        };
        // The field each rule is about: the title, the batch a target follows, the
        // category a category's share follows.
        let broken = plan.check().err().map(|r| {
            let field = match r {
                Refusal::PlanTitle => TITLE,
                Refusal::MetricNeedsBatch(_) | Refusal::PlanFollowsBatch => BATCH,
                Refusal::MetricNeedsCategory(_) => CATEGORY,
                _ => usize::MAX,
            };
            (field, lang.refusal_in_form(&r))
        });
        if let Some(problem) = unread.first(broken) {
            return Err(problem);
        }
        Ok(Command::SavePlan {
            id: self.editing,
            plan: Box::new(plan),
        })
    }
}

impl Editor for PlanForm {
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn submit(&mut self, app: &App) -> Outcome {
        Outcome::submit(self.command(app))
    }

    fn changed(&mut self, app: &App) {
        self.refill(app);
    }

    fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: &Theme) {
        let lang = app.lang;
        let title = lang.t(if self.editing.is_some() {
            Msg::EditPlan
        } else {
            Msg::NewPlan
        });
        let hint = lang.t(Msg::PlanFormHint);
        draw_editor(
            f,
            area,
            app,
            title,
            &self.form,
            vec![
                Line::from(Span::styled(hint, theme.muted())),
                Line::from(Span::styled(lang.t(Msg::PlanFormTimeHint), theme.muted())),
            ],
            theme,
        )
    }
}

/// The categories the products have, sorted, for the category field.
fn categories(ds: &Dataset) -> Vec<String> {
    let mut c: Vec<String> = ds
        .products
        .iter()
        .map(|p| p.category.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    c.sort();
    c.dedup();
    c
}
