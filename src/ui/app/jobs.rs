//! The views that cost whole reviews — the trend and the year earlier — asked of the
//! worker ([`crate::ui::worker`]) and taken in when they come back. The run loop asks
//! without waiting ([`App::request_views`]) and polls while an answer is due; tests and
//! benches wait ([`App::settle_views`]) to draw a complete screen.
//!
//! A result is kept only when its key is the one last asked for: the generation (moved
//! by every rebuild of the views, i.e. every change of data, settings or frame), the
//! frame and what was asked. Anything else is stale and dropped.

use std::sync::Arc;
use std::time::Duration;

use crate::domain::plan::all_progress;
use crate::i18n::Msg;
use crate::ui::action::Tab;
use crate::ui::overlay::Overlay;
use crate::ui::worker::{self, Done, Hook, Job, JobKey, Output, What, Worker};

use super::{App, Level};

/// The app's side of the worker: the thread (started with the first job), the data
/// generation, and what was asked of each kind and whether it has been answered.
#[derive(Default)]
pub struct Jobs {
    worker: Option<Worker>,
    /// The system gave no thread: jobs are computed in place, as before the worker.
    no_thread: bool,
    generation: u64,
    /// The key last asked for of each kind ([`What::slot`]), and whether answered.
    asked: [Option<(JobKey, bool)>; 2],
    hook: Option<Hook>,
}

impl Jobs {
    /// The data, settings or frame are changing: what was asked is for inputs that are
    /// gone (a job being computed gives up at its next period).
    pub(super) fn new_generation(&mut self) {
        self.generation += 1;
        self.asked = [None, None];
        if let Some(w) = &mut self.worker {
            w.cancel_all();
        }
    }

    /// Something asked has not been answered yet.
    fn pending(&self) -> bool {
        self.asked.iter().flatten().any(|(_, answered)| !answered)
    }
}

/// How long a wait for the worker lasts before the app looks whether it is still there.
const WAIT_STEP: Duration = Duration::from_millis(200);

impl App {
    /// What the tab shown needs and the views leave until needed — the trend on the mix
    /// and plans tabs and under `T`, the year earlier on the plans tab — asked of the
    /// worker, and what it has answered taken in. Never waits: the run loop calls it
    /// before it draws (the places still computing say so).
    pub fn request_views(&mut self) {
        self.poll_views();
        if self.tab == Tab::Plans {
            self.request_last_year();
        }
        if matches!(self.tab, Tab::Mix | Tab::Plans)
            || matches!(self.overlay, Some(Overlay::Trend(_)))
        {
            let what = What::Trend {
                period: self.trend_period,
                week_start: self.display.week_start,
            };
            if self.views.trend_points(self.trend_period).is_none() {
                self.ask(what);
            }
        }
    }

    /// Asks for the year-earlier figures if they are not known yet (the run loop does
    /// when idle, so the plans tab has them when it opens). Never waits.
    pub fn request_last_year(&mut self) {
        if self.views.last_year_pending {
            self.ask(What::LastYear);
        }
    }

    /// [`Self::request_views`], then waits until everything asked is answered: the
    /// screen is then complete (tests and benches draw it so).
    pub fn settle_views(&mut self) {
        self.request_views();
        self.wait_views();
    }

    /// Computes the year-earlier figures now (waiting for them), if they are not yet.
    pub fn settle_last_year(&mut self) {
        self.request_last_year();
        self.wait_views();
    }

    /// Waits until everything asked of the worker is answered (or the worker is gone).
    pub fn wait_views(&mut self) {
        while self.jobs.pending() {
            let Some(w) = &self.jobs.worker else {
                return;
            };
            match w.recv_timeout(WAIT_STEP) {
                Ok(done) => {
                    self.take_in(done);
                }
                Err(false) => {}
                Err(true) => {
                    self.worker_gone();
                    return;
                }
            }
        }
    }

    /// Takes in what the worker has answered; true when the views changed (draw again).
    pub fn poll_views(&mut self) -> bool {
        let mut arrived = Vec::new();
        if let Some(w) = &self.jobs.worker {
            while let Some(done) = w.try_recv() {
                arrived.push(done);
            }
        }
        let mut changed = false;
        for done in arrived {
            changed |= self.take_in(done);
        }
        changed
    }

    /// Something asked of the worker is not answered yet: the run loop polls sooner.
    pub fn views_pending(&self) -> bool {
        self.jobs.pending()
    }

    /// Takes over the trend `first` shows (the app drawn from the figures kept with the
    /// data while the data loads) when it is for this app's frame and settings, so the
    /// chart does not go back to "computing…" when the data is in.
    pub fn take_trend_of(&mut self, first: &mut App) {
        if self.views.trend.is_none()
            && first.frame() == self.frame()
            && first.settings == self.settings
        {
            self.views.trend = first.views.trend.take();
        }
    }

    /// Runs `hook` on the worker after each job is computed and before its result is
    /// sent (tests hold the worker there, or make a job fail).
    #[doc(hidden)]
    pub fn set_worker_hook(&mut self, hook: Option<Hook>) {
        if let Some(w) = &self.jobs.worker {
            w.set_hook(hook.clone());
        }
        self.jobs.hook = hook;
    }

    /// Asks the worker for `what` at the current data, settings and frame, unless that
    /// has been asked already (answered or not).
    fn ask(&mut self, what: What) {
        let key = JobKey {
            generation: self.jobs.generation,
            frame: self.frame(),
            what,
        };
        let slot = what.slot();
        if self.jobs.asked[slot].is_some_and(|(k, _)| k == key) {
            return;
        }
        let job = Job {
            key,
            ds: Arc::clone(&self.ds),
            settings: self.settings.clone(),
        };
        self.jobs.asked[slot] = Some((key, false));
        if self.jobs.worker.is_none() && !self.jobs.no_thread {
            match Worker::start(self.jobs.hook.clone()) {
                Ok(w) => self.jobs.worker = Some(w),
                Err(_) => self.jobs.no_thread = true,
            }
        }
        match &mut self.jobs.worker {
            Some(w) => w.submit(job),
            None => {
                // No thread to be had: computed here, the key waits as it did before.
                let never = std::sync::atomic::AtomicBool::new(false);
                let output = worker::compute(&job, &never).ok_or_else(|| "cancelled".to_string());
                self.take_in(Done { key, output });
            }
        }
    }

    /// Keeps `done` in the views if it answers what was last asked; true if it did.
    fn take_in(&mut self, done: Done) -> bool {
        let slot = done.key.what.slot();
        let wanted = self.jobs.asked[slot];
        let current = done.key.generation == self.jobs.generation && done.key.frame == self.frame();
        if !current || wanted != Some((done.key, false)) {
            // Computed for data, settings or a frame no longer shown: never shown.
            return false;
        }
        self.jobs.asked[slot] = Some((done.key, true));
        match (done.output, done.key.what) {
            (Ok(Output::Trend(points)), What::Trend { period, .. }) => {
                self.views.trend = Some((period, points));
                self.views.trend_error = None;
            }
            (Ok(Output::LastYear(kpis)), What::LastYear) => self.set_last_year(kpis.map(|k| *k)),
            (Ok(_), _) => return false,
            (Err(why), what) => {
                let what_failed = self.lang.t(match what {
                    What::Trend { .. } => Msg::TrendWord,
                    What::LastYear => Msg::YearEarlierWord,
                });
                let text = self.lang.f(Msg::FiguresFailed, &[&what_failed, &why]);
                match what {
                    What::Trend { .. } => self.views.trend_error = Some(text.clone()),
                    What::LastYear => self.views.last_year_pending = false,
                }
                self.say(Level::Error, text);
            }
        }
        true
    }

    /// The year-earlier figures are known: kept, and the plans that follow revenue
    /// growth measured with them (until then they show no value).
    fn set_last_year(&mut self, kpis: Option<crate::domain::kpis::Kpis>) {
        self.views.last_year = kpis;
        self.views.last_year_pending = false;
        let follows_growth = self.ds.plans.iter().any(|p| {
            p.target
                .as_ref()
                .is_some_and(|t| t.metric.needs_year_earlier())
        });
        if follows_growth {
            self.views.plans =
                all_progress(&self.ds, &self.review, self.views.last_year.as_ref()).1;
        }
    }

    /// The worker's thread ended without answering (it never should): what was asked
    /// is computed here instead, so nothing waits forever.
    fn worker_gone(&mut self) {
        self.jobs.worker = None;
        self.jobs.no_thread = true;
        let asked: Vec<What> = self
            .jobs
            .asked
            .iter()
            .flatten()
            .filter(|(_, answered)| !answered)
            .map(|(k, _)| k.what)
            .collect();
        self.jobs.asked = [None, None];
        for what in asked {
            self.ask(what);
        }
    }
}
