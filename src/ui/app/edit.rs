//! The add, edit, delete and promote keys of the scoring and plans tabs, and the close
//! key of a batch: which form or question each opens for the row under the cursor.

use crate::domain::command::Command;
use crate::domain::model::BatchStatus;
use crate::domain::whatif;
use crate::i18n::Msg;
use crate::ui::action::{Action, Tab};
use crate::ui::overlay::batch::BatchForm;
use crate::ui::overlay::candidate::CandidateForm;
use crate::ui::overlay::confirm::Confirm;
use crate::ui::overlay::plan::PlanForm;
use crate::ui::overlay::promote::PromoteForm;
use crate::ui::overlay::Overlay;

use super::{App, Level};

/// The ids of the candidates, plans and batches before a change, to find the row it
/// adds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowIds {
    candidates: Vec<i64>,
    plans: Vec<i64>,
    batches: Vec<i64>,
}

/// The id in `now` that `before` lacks: the row a change added.
fn added(before: &[i64], now: impl Iterator<Item = i64>) -> Option<i64> {
    now.into_iter().find(|id| !before.contains(id))
}

impl App {
    /// The candidate under the cursor on the scoring tab.
    pub(super) fn candidate_under_cursor(&self) -> Option<usize> {
        self.views
            .candidate_order
            .get(self.cursors[Tab::Scoring].selected)
            .copied()
    }

    /// (code, label) of the shop's personas, as the candidate form shows them.
    fn personas(&self) -> Vec<(String, String)> {
        self.ds.personas.clone()
    }

    pub(super) fn categories(&self) -> Vec<String> {
        let mut c: Vec<String> = self
            .ds
            .products
            .iter()
            .map(|p| p.category.clone())
            .filter(|c| !c.is_empty())
            .collect();
        c.sort();
        c.dedup();
        c
    }

    pub(super) fn on_edit_action(&mut self, action: Action) {
        if !self.writable() {
            return;
        }
        match (self.tab, action) {
            (Tab::Scoring, Action::Add) => {
                self.overlay = Some(Overlay::Candidate(Box::new(CandidateForm::new(
                    None,
                    self.categories(),
                    self.personas(),
                    self.lang,
                ))));
            }
            (Tab::Plans, Action::Add) => {
                self.overlay = Some(Overlay::Plan(Box::new(PlanForm::new(self, None))))
            }
            (Tab::Scoring, _) => {
                let Some(i) = self.candidate_under_cursor() else {
                    self.say(Level::Info, self.lang.t(Msg::NoCandidateHere));
                    return;
                };
                let c = self.ds.candidates[i].clone();
                match action {
                    Action::Edit => {
                        self.overlay = Some(Overlay::Candidate(Box::new(CandidateForm::new(
                            Some(&c),
                            self.categories(),
                            self.personas(),
                            self.lang,
                        ))));
                    }
                    Action::Delete => {
                        let question = self.lang.f(
                            Msg::DeleteCandidateQuestion,
                            &[&crate::domain::text::for_terminal(&c.name)],
                        );
                        self.overlay = Some(Overlay::Confirm(Box::new(Confirm::delete(
                            question,
                            Command::DeleteCandidate { id: c.id },
                        ))));
                    }
                    _ => {
                        use crate::domain::scoring::Verdict;
                        let verdict = self.views.scorecards[i].verdict;
                        if let Some(sku) = &c.promoted_sku {
                            let text = self
                                .lang
                                .f(Msg::AlreadySku, &[&crate::domain::text::for_terminal(sku)]);
                            self.say(Level::Info, text);
                        } else if !matches!(verdict, Verdict::Launch | Verdict::TestBatch) {
                            let text = self
                                .lang
                                .f(Msg::OnlyLaunchPromoted, &[&self.lang.verdict(verdict)]);
                            self.say(Level::Warning, text);
                        } else {
                            self.overlay = Some(Overlay::Promote(Box::new(PromoteForm::new(
                                &self.ds, &c, self.lang,
                            ))));
                        }
                    }
                }
            }
            (Tab::Plans, _) => {
                if self.batch_under_cursor().is_some() {
                    self.on_batch_action(action);
                    return;
                }
                let Some(p) = self
                    .ds
                    .plans
                    .get(self.cursors[Tab::Plans].selected)
                    .cloned()
                else {
                    self.say(Level::Info, self.lang.t(Msg::NoPlanHere));
                    return;
                };
                if action == Action::Edit {
                    self.overlay = Some(Overlay::Plan(Box::new(PlanForm::new(self, Some(&p)))));
                } else if action == Action::Delete {
                    let question = self.lang.f(
                        Msg::DeletePlanQuestion,
                        &[&crate::domain::text::for_terminal(&p.title)],
                    );
                    self.overlay = Some(Overlay::Confirm(Box::new(Confirm::delete(
                        question,
                        Command::DeletePlan { id: p.id },
                    ))));
                } else {
                    self.say(Level::Info, self.lang.t(Msg::XClosesBatch));
                }
            }
            _ => {}
        }
    }

    /// The ids of the rows a change may add to.
    pub fn row_ids(&self) -> RowIds {
        RowIds {
            candidates: self.ds.candidates.iter().map(|c| c.id).collect(),
            plans: self.ds.plans.iter().map(|p| p.id).collect(),
            batches: self.ds.batches.iter().map(|b| b.id).collect(),
        }
    }

    /// After `cmd` was applied and the data reloaded: the cursor of its tab on the row
    /// it added or edited, wherever it sorted (a candidate by score, a plan by horizon
    /// and due date, a batch by start). `before`: the ids before the change.
    pub fn follow(&mut self, cmd: &Command, before: &RowIds) {
        use crate::domain::command::BatchRef;
        let ds = &self.ds;
        match cmd {
            Command::SaveCandidate { id, .. } => {
                let id =
                    id.or_else(|| added(&before.candidates, ds.candidates.iter().map(|c| c.id)));
                let row = id
                    .and_then(|id| ds.candidates.iter().position(|c| c.id == id))
                    .and_then(|i| self.views.candidate_order.iter().position(|&c| c == i));
                if let Some(row) = row {
                    self.cursors[Tab::Scoring].selected = row;
                }
            }
            Command::SavePlan { id, .. } => {
                let id = id.or_else(|| added(&before.plans, ds.plans.iter().map(|p| p.id)));
                if let Some(row) = id.and_then(|id| ds.plans.iter().position(|p| p.id == id)) {
                    self.cursors[Tab::Plans].selected = row;
                }
            }
            Command::MarkBatch(_) | Command::EditBatch { .. } => {
                let id = match cmd {
                    Command::EditBatch { id, .. } => Some(*id),
                    Command::MarkBatch(m) => match m.batch {
                        BatchRef::Existing(id) => Some(id),
                        BatchRef::New(_) => added(&before.batches, ds.batches.iter().map(|b| b.id)),
                    },
                    _ => None,
                };
                if let Some(i) = id.and_then(|id| ds.batches.iter().position(|b| b.id == id)) {
                    self.cursors[Tab::Plans].selected = ds.plans.len() + i;
                }
            }
            _ => {}
        }
    }

    /// The batch under the cursor on the plans tab.
    fn batch_under_cursor(&self) -> Option<usize> {
        self.cursors[Tab::Plans]
            .selected
            .checked_sub(self.ds.plans.len())
            .filter(|&i| i < self.ds.batches.len())
    }

    fn on_batch_action(&mut self, action: Action) {
        let Some(i) = self.batch_under_cursor() else {
            self.say(Level::Info, self.lang.t(Msg::MoveToBatch));
            return;
        };
        if !self.writable() {
            return;
        }
        let b = self.ds.batches[i].clone();
        match action {
            Action::Edit => {
                let products: Vec<usize> = b.skus.iter().map(|s| s.product as usize).collect();
                let mut f = BatchForm::new(
                    &self.ds,
                    products,
                    self.frame().as_of,
                    whatif::current(&self.review),
                    Some(&b),
                    self.lang,
                );
                f.refresh(&self.ds, &self.review, self.settings.margin_floor);
                self.overlay = Some(Overlay::Batch(Box::new(f)));
            }
            Action::CloseBatch => {
                let name = crate::domain::text::for_terminal(&b.name);
                if b.status == BatchStatus::Done {
                    let text = self.lang.f(Msg::BatchAlreadyDone, &[&name]);
                    self.say(Level::Info, text);
                    return;
                }
                // Say whether it has started: closing one that has not is easily a slip.
                let status = self.lang.batch_status(b.status);
                let state = if b.starts_on > self.frame().as_of {
                    self.lang.f(Msg::BatchNotStarted, &[&status, &b.starts_on])
                } else {
                    status.to_string()
                };
                let question = self
                    .lang
                    .f(Msg::CloseBatchQuestion, &[&name, &state, &b.skus.len()]);
                self.overlay = Some(Overlay::Confirm(Box::new(Confirm::apply(
                    question,
                    Command::SetBatchStatus {
                        id: b.id,
                        status: BatchStatus::Done,
                    },
                    Msg::BatchLeftOpen,
                ))));
            }
            _ => {
                let name = crate::domain::text::for_terminal(&b.name);
                // The store refuses to delete a batch a plan follows: say so now, naming
                // the plans, rather than after a yes.
                let following: Vec<String> = self
                    .ds
                    .plans
                    .iter()
                    .filter(|p| p.target.as_ref().and_then(|t| t.batch_id) == Some(b.id))
                    .map(|p| format!("\"{}\"", crate::domain::text::for_terminal(&p.title)))
                    .collect();
                if !following.is_empty() {
                    let list = following.join(if self.lang.is_en() { ", " } else { "、" });
                    let text = self
                        .lang
                        .f(Msg::BatchFollowedNamed, &[&name, &following.len(), &list]);
                    self.say(Level::Warning, text);
                    return;
                }
                let question = self
                    .lang
                    .f(Msg::DeleteBatchQuestion, &[&name, &b.skus.len()]);
                self.overlay = Some(Overlay::Confirm(Box::new(Confirm::delete(
                    question,
                    Command::DeleteBatch { id: b.id },
                ))));
            }
        }
    }
}
