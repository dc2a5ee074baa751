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
use crate::ui::request::Request;

use super::{App, Level};

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
                        self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                            question,
                            command: Command::DeleteCandidate { id: c.id },
                        })));
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
                    self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                        question,
                        command: Command::DeletePlan { id: p.id },
                    })));
                } else {
                    self.say(Level::Info, self.lang.t(Msg::XClosesBatch));
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
                self.requests.push(Request::Apply(Command::SetBatchStatus {
                    id: b.id,
                    status: BatchStatus::Done,
                }));
            }
            _ => {
                let question = self.lang.f(
                    Msg::DeleteBatchQuestion,
                    &[&crate::domain::text::for_terminal(&b.name), &b.skus.len()],
                );
                self.overlay = Some(Overlay::Confirm(Box::new(Confirm {
                    question,
                    command: Command::DeleteBatch { id: b.id },
                })));
            }
        }
    }
}
