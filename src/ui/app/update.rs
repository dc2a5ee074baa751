//! `apply`: what each [`Action`] does to the app, the one place an action changes it.
//! Changes of data are not made here: a form or question opens, or a [`Request`] goes
//! to the store.

use crate::domain::aging_view::Column;
use crate::domain::dates::Day;
use crate::domain::mix_view::Breakdown;
use crate::domain::model::Tier;
use crate::domain::whatif;
use crate::i18n::Msg;
use crate::ui::action::{Action, Tab};
use crate::ui::overlay::batch::BatchForm;
use crate::ui::overlay::compare::Compare;
use crate::ui::overlay::detail::Detail;
use crate::ui::overlay::help::Help;
use crate::ui::overlay::import::ImportForm;
use crate::ui::overlay::reclassify::ReclassifyForm;
use crate::ui::overlay::settings::SettingsForm;
use crate::ui::overlay::Overlay;
use crate::ui::request::Request;

use super::{App, Filter, Level, WINDOWS};

impl App {
    /// Does what `action` asks: moves, sorts, filters, opens a popup, or asks the store.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help(Help::default())),
            Action::NextTab => self.tab = self.tab.next(),
            Action::PrevTab => self.tab = self.tab.prev(),
            Action::TabMix | Action::TabAging | Action::TabScoring | Action::TabPlans => {
                if let Some(t) = action.tab() {
                    self.tab = t;
                }
            }
            Action::Back => self.back(),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                let page = self.page;
                let len = crate::ui::tabs::rows(self, self.tab);
                self.cursors[self.tab].apply(action, len, page);
            }
            Action::Open => self.open(),
            Action::SortNext | Action::SortPrev => {
                let i = self
                    .aging
                    .sort
                    .and_then(|c| Column::ALL.iter().position(|&x| x == c))
                    .unwrap_or(0);
                let n = Column::ALL.len();
                let next = if action == Action::SortNext {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                let col = Column::ALL[next];
                self.aging.sort = Some(col);
                self.aging.descending = col.descending_by_default();
                self.refresh_rows();
                let text = self.lang.f(Msg::SortedBy, &[&self.lang.column(col)]);
                self.say(Level::Info, text);
            }
            Action::SortReverse => {
                self.aging.descending = !self.aging.descending;
                self.refresh_rows();
            }
            Action::CycleFilter => {
                self.aging.filter = self.aging.filter.next();
                self.cursors[Tab::Aging].selected = 0;
                self.refresh_rows();
                let n = self.aging.rows.len();
                let text = self.lang.f(
                    Msg::FilterCount,
                    &[&self.lang.filter(self.aging.filter), &n],
                );
                self.say(Level::Info, text);
            }
            Action::Search => self.start_search(),
            Action::NextMatch | Action::FindNext => self.next_match(true),
            Action::PrevMatch | Action::FindPrev => self.next_match(false),
            Action::Messages => {
                self.overlay = Some(Overlay::Messages(Default::default()));
            }
            Action::CommandLine => {
                self.overlay = Some(Overlay::CommandLine(Default::default()));
            }
            Action::AsOfEarlier | Action::AsOfLater => {
                let mut f = self.frame();
                let to = f
                    .as_of
                    .plus(if action == Action::AsOfLater { 1 } else { -1 });
                if (Day::FIRST..=Day::LAST).contains(&to) {
                    f.as_of = to;
                    self.set_frame(f);
                } else {
                    let text = self.lang.f(Msg::AsOfLimit, &[&Day::FIRST, &Day::LAST]);
                    self.say(Level::Warning, text);
                }
            }
            Action::ToggleSelect if self.tab == Tab::Scoring => {
                if let Some(i) = self.candidate_under_cursor() {
                    if !self.compare.remove(&i) {
                        self.compare.insert(i);
                    }
                    let len = self.ds.candidates.len();
                    self.cursors[Tab::Scoring].apply(Action::Down, len, 1);
                    let text = self.lang.f(Msg::MarkedCompare, &[&self.compare.len()]);
                    self.say(Level::Info, text);
                }
            }
            Action::Compare => {
                let mut marked: Vec<usize> = self.compare.iter().copied().collect();
                if marked.len() < 2 {
                    if let Some(i) = self.candidate_under_cursor() {
                        if !marked.contains(&i) {
                            marked.push(i);
                        }
                    }
                }
                if marked.len() < 2 {
                    self.say(Level::Info, self.lang.t(Msg::MarkTwo));
                } else {
                    self.overlay = Some(Overlay::Compare(Compare { candidates: marked }));
                }
            }
            Action::ToggleSelect => {
                if let Some(i) = self.selected_product() {
                    if !self.selection.remove(&i) {
                        self.selection.insert(i);
                    }
                    self.cursors[Tab::Aging].apply(Action::Down, self.aging.rows.len(), 1);
                }
            }
            Action::RangeSelect => match self.anchor.take() {
                None => {
                    self.anchor = Some(self.cursors[Tab::Aging].selected);
                    self.say(Level::Info, self.lang.t(Msg::RangeStarted));
                }
                Some(a) => {
                    let (lo, hi) = (
                        a.min(self.cursors[Tab::Aging].selected),
                        a.max(self.cursors[Tab::Aging].selected),
                    );
                    let rows: Vec<usize> =
                        self.aging.rows.get(lo..=hi).unwrap_or_default().to_vec();
                    self.selection.extend(rows);
                }
            },
            Action::SelectAll => {
                self.selection.extend(self.aging.rows.iter().copied());
                let text = self.lang.f(Msg::NSelected, &[&self.selection.len()]);
                self.say(Level::Info, text);
            }
            Action::Reclassify => {
                let targets = self.targets();
                if targets.is_empty() {
                    self.say(Level::Warning, self.lang.t(Msg::NoSkuToReclassify));
                } else if self.writable() {
                    let f = ReclassifyForm::new(
                        &self.ds,
                        targets,
                        whatif::current(&self.review),
                        self.categories(),
                        self.lang,
                    );
                    self.overlay = Some(Overlay::Reclassify(Box::new(f)));
                }
            }
            Action::MarkBatch => {
                let targets = self.targets();
                if targets.is_empty() {
                    self.say(Level::Warning, self.lang.t(Msg::NoSkuToBatch));
                } else if self.writable() {
                    let mut f = BatchForm::new(
                        &self.ds,
                        targets,
                        self.frame().as_of,
                        whatif::current(&self.review),
                        None,
                        self.lang,
                    );
                    f.refresh(&self.ds, &self.review, self.settings.margin_floor);
                    self.overlay = Some(Overlay::Batch(Box::new(f)));
                }
            }
            Action::Undo => {
                if self.writable() {
                    self.requests.push(Request::Undo);
                }
            }
            Action::Redo => {
                if self.writable() {
                    self.requests.push(Request::Redo);
                }
            }
            Action::History => self.requests.push(Request::History),
            Action::Settings => {
                if self.writable() {
                    let f = SettingsForm::new(&self.settings, &self.sources, self.lang);
                    self.overlay = Some(Overlay::Settings(Box::new(f)));
                }
            }
            Action::Add | Action::Edit | Action::CloseBatch | Action::Delete | Action::Promote => {
                self.on_edit_action(action)
            }
            // Not a change of data: allowed on a read-only database too.
            Action::ExportView => self.requests.push(Request::ExportView(self.tab)),
            Action::Import => match &self.read_only {
                Some(why) => {
                    let text = self.lang.f(Msg::CannotImport, &[why]);
                    self.say(Level::Warning, text)
                }
                None => self.overlay = Some(Overlay::Import(Box::new(ImportForm::new(self.lang)))),
            },
            Action::CycleWindow => {
                let mut f = self.frame();
                f.window_days = WINDOWS
                    .into_iter()
                    .find(|&w| w > f.window_days)
                    .unwrap_or(WINDOWS[0]);
                self.set_frame(f);
                let text = self.lang.f(Msg::WindowDays, &[&f.window_days]);
                self.say(Level::Info, text);
            }
            Action::TrendPeriod => {
                use crate::domain::over_time::Period;
                self.trend_period = match self.trend_period {
                    Period::Month => Period::Week,
                    Period::Week => Period::Month,
                };
                let text = self.lang.t(match self.trend_period {
                    Period::Week => Msg::TrendWeeks,
                    Period::Month => Msg::TrendMonths,
                });
                self.say(Level::Info, text.to_string());
            }
            Action::ColumnsRight => {
                let last = crate::ui::tabs::aging::SCREEN_ORDER.len().saturating_sub(3);
                self.aging.first_col = (self.aging.first_col + 1).min(last);
            }
            Action::ColumnsLeft => {
                self.aging.first_col = self.aging.first_col.saturating_sub(1);
            }
            Action::Breakdown => self.switch_breakdown(),
            Action::TrendChart => {
                self.overlay = Some(Overlay::Trend(crate::ui::overlay::trend::TrendChart));
            }
            // A popup's keys: its own file handles them while it is open.
            Action::Close
            | Action::ScrollDown
            | Action::ScrollUp
            | Action::ScrollPageDown
            | Action::ScrollPageUp
            | Action::ScrollTop
            | Action::ScrollBottom
            | Action::Submit
            | Action::Cancel
            | Action::NextField
            | Action::PrevField
            | Action::Yes
            | Action::No
            | Action::Dismiss => {}
        }
    }

    fn back(&mut self) {
        if self.overlay.take().is_some() {
            return;
        }
        if self.anchor.take().is_some() || !self.selection.is_empty() {
            self.selection.clear();
            self.say(Level::Info, self.lang.t(Msg::SelectionCleared));
            return;
        }
        if self.tab != Tab::Aging && !self.finds[self.tab.index()].text.is_empty() {
            self.finds[self.tab.index()] = super::Find::default();
            self.say(Level::Info, self.lang.t(Msg::SearchCleared));
            return;
        }
        if self.tab == Tab::Aging {
            let a = &mut self.aging;
            let grouped = a.category.is_some() || a.brand.is_some();
            if !a.search.is_empty() || a.filter != Filter::All || grouped {
                a.search.clear();
                a.filter = Filter::All;
                a.category = None;
                a.brand = None;
                self.refresh_rows();
                self.say(Level::Info, self.lang.t(Msg::FilterSearchCleared));
            }
        }
    }

    fn open(&mut self) {
        match self.tab {
            Tab::Mix => {
                let i = self.cursors[Tab::Mix].selected;
                let by = self.mix_by;
                let a = &mut self.aging;
                a.search.clear();
                if i < Tier::ALL.len() {
                    a.filter = Filter::Tier(Tier::ALL[i]);
                    a.category = None;
                    a.brand = None;
                } else if let Some(g) = self.views.groups(by).get(i - Tier::ALL.len()) {
                    a.filter = Filter::All;
                    let (category, brand) = match by {
                        Breakdown::Category => (Some(g.name.clone()), None),
                        Breakdown::Brand => (None, Some(g.name.clone())),
                    };
                    a.category = category;
                    a.brand = brand;
                }
                self.cursors[Tab::Aging].selected = 0;
                self.refresh_rows();
                self.tab = Tab::Aging;
            }
            Tab::Aging => {
                if let Some(i) = self.selected_product() {
                    self.overlay = Some(Overlay::Detail(Box::new(Detail::of(self, i))));
                }
            }
            Tab::Plans => {
                // A batch row opens what the batch really earned; a plan row, its form.
                let i = self.cursors[Tab::Plans].selected;
                match i
                    .checked_sub(self.ds.plans.len())
                    .and_then(|n| self.ds.batches.get(n))
                {
                    Some(b) => {
                        self.overlay = Some(Overlay::BatchResult(
                            crate::ui::overlay::batch_result::BatchResultView { batch_id: b.id },
                        ));
                    }
                    None => self.on_edit_action(Action::Edit),
                }
            }
            // The candidate's own form (as `e` does).
            Tab::Scoring => self.on_edit_action(Action::Edit),
        }
    }

    /// Refuses a change when the database is read-only; true when the change may go on.
    pub(super) fn writable(&mut self) -> bool {
        match self.read_only.clone() {
            Some(why) => {
                let text = self.lang.f(Msg::ReadOnlyWhy, &[&why]);
                self.say(Level::Warning, text);
                false
            }
            None => true,
        }
    }
}
