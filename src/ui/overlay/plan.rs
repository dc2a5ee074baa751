//! The action-plan form (`a` or `e` on the plans tab): horizon, title, due date,
//! status, and a target a plan is measured by.

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
use crate::ui::form::Form;
use crate::ui::theme::Theme;

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
        ]);
        PlanForm {
            editing: p.map(|p| p.id),
            form,
            batch_ids: ds.batches.iter().map(|b| b.id).collect(),
            lang,
        }
    }

    /// The plan typed and checked by its rules ([`Plan::check`]), or the first problem
    /// in the form's order.
    pub fn command(&self) -> Result<Command, String> {
        let f = &self.form;
        let lang = self.lang;
        let mut unread = Unread::default();
        let due_on = match f.text(2) {
            "" => None,
            t => {
                let day = parse_date(t)
                    .map(|d| Some(Day::from_date(d)))
                    .ok_or_else(|| {
                        lang.f(Msg::NotADate, &[&f.fields[2].label(), &format!("{t:?}")])
                    });
                unread.or(2, day, None)
            }
        };
        let target = match f.choice(4) {
            0 => None,
            i => {
                let metric = TargetMetric::ALL[i - 1];
                let value = parse_target_input(metric, f.text(5))
                    .ok_or_else(|| lang.t(Msg::TargetValueNotANumber).to_string());
                let batch_id = f
                    .choice(6)
                    .checked_sub(1)
                    .and_then(|b| self.batch_ids.get(b).copied());
                Some(Target {
                    metric,
                    value: unread.or(5, value, Decimal::ZERO),
                    batch_id,
                })
            }
        };
        let plan = Plan {
            id: self.editing.unwrap_or(0),
            horizon: HORIZONS[f.choice(0)],
            title: f.text(1).to_string(),
            due_on,
            status: STATUSES[f.choice(3)],
            target,
            note: f.text(7).to_string(),
        };
        // The field each rule is about: the title, the batch a target follows.
        let broken = plan.check().err().map(|r| {
            let field = match r {
                Refusal::PlanTitle => 1,
                Refusal::MetricNeedsBatch(_) => 6,
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

    fn submit(&mut self, _app: &App) -> Outcome {
        Outcome::submit(self.command())
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
            vec![Line::from(Span::styled(hint, theme.muted()))],
            theme,
        )
    }
}
