//! The app's background thread: the figures a screen shows that cost whole reviews of
//! the data — the trend of the last 12 weeks or months (12 reviews) and the same window
//! a year earlier (one) — computed off the input path, so that no key waits for them
//! (issue 20: at 100k SKUs / 5M lines a trend is about a second).
//!
//! One thread, started with the first job. A job carries a snapshot of the data (an
//! `Arc`: the order lines are shared, never copied), the settings, and a [`JobKey`]
//! (the app's data generation, the frame, what is asked). A newer job of the same kind
//! replaces one still queued and cancels one being computed, which gives up between two
//! periods. Results go back over a channel with their key; the app keeps one only if
//! the key is still the one it asked for (see `ui::app::jobs`). A job that panics comes
//! back as an error and the thread goes on with the next; the panic hook of `ui` knows
//! the thread by its name ([`THREAD_NAME`]) and leaves the terminal alone.
//!
//! No rusqlite here, no drawing: domain figures only.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::domain::dates::Frame;
use crate::domain::kpis::Kpis;
use crate::domain::model::Dataset;
use crate::domain::over_time::{trend_until, year_earlier, Period, TrendPoint, TrendSpec};
use crate::domain::settings::{Settings, WeekStart};

/// The worker thread's name (and the prefix of the helper threads it starts): a panic
/// on it is reported in the status line, not by tearing the terminal down.
pub const THREAD_NAME: &str = "skudesk-figures";

/// Whether the current thread is the worker or one it started.
pub fn on_worker_thread() -> bool {
    std::thread::current()
        .name()
        .is_some_and(|n| n.starts_with(THREAD_NAME))
}

/// What a job computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The last 12 periods up to the as-of date.
    Trend {
        period: Period,
        week_start: WeekStart,
    },
    /// The KPIs of the same window a year earlier.
    LastYear,
}

impl What {
    /// Each kind has one slot: a newer job replaces the older of its kind.
    pub fn slot(self) -> usize {
        match self {
            What::Trend { .. } => 0,
            What::LastYear => 1,
        }
    }
}

/// What a result was computed for: the app's data generation (it moves with every
/// change of data, settings or frame), the frame, and what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobKey {
    pub generation: u64,
    pub frame: Frame,
    pub what: What,
}

/// A job: its key and the inputs it is computed from.
pub struct Job {
    pub key: JobKey,
    pub ds: Arc<Dataset>,
    pub settings: Settings,
}

/// A job's figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Trend(Vec<TrendPoint>),
    /// `None` when the data does not reach back a year.
    LastYear(Option<Box<Kpis>>),
}

/// A finished job: its key, and its figures or why there are none (a panic's message).
#[derive(Debug)]
pub struct Done {
    pub key: JobKey,
    pub output: Result<Output, String>,
}

/// Called on the worker after a job is computed and before its result is sent: tests
/// hold the worker there (or make it fail) to see what the app does meanwhile.
pub type Hook = Arc<dyn Fn(&JobKey) + Send + Sync>;

/// The job's figures, or `None` when `cancel` was set before they were all computed.
pub fn compute(job: &Job, cancel: &AtomicBool) -> Option<Output> {
    let frame = job.key.frame;
    match job.key.what {
        What::Trend { period, week_start } => {
            let spec = TrendSpec {
                period,
                periods: 12,
                week_start,
            };
            trend_until(&job.ds, frame, &job.settings, spec, || {
                cancel.load(Ordering::Relaxed)
            })
            .map(Output::Trend)
        }
        What::LastYear => Some(Output::LastYear(
            year_earlier(&job.ds, frame, &job.settings).map(|(_, k)| Box::new(k)),
        )),
    }
}

struct Queued {
    seq: u64,
    job: Job,
    cancel: Arc<AtomicBool>,
}

#[derive(Default)]
struct Queue {
    /// The job waiting of each kind (see [`What::slot`]).
    slots: [Option<Queued>; 2],
    seq: u64,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
    hook: Mutex<Option<Hook>>,
}

/// A lock that a panic elsewhere does not make unusable (nothing held under these
/// locks is left half changed by one).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The app's end of the worker.
pub struct Worker {
    shared: Arc<Shared>,
    results: Receiver<Done>,
    /// The cancel flag of the last job submitted of each kind.
    cancels: [Option<Arc<AtomicBool>>; 2],
}

impl Worker {
    /// Starts the thread; an error when the system gives none.
    pub fn start(hook: Option<Hook>) -> std::io::Result<Worker> {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            hook: Mutex::new(hook),
        });
        let (tx, results) = channel();
        let theirs = Arc::clone(&shared);
        std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || run(&theirs, &tx))?;
        Ok(Worker {
            shared,
            results,
            cancels: [None, None],
        })
    }

    /// Queues `job` in place of a queued one of its kind, and cancels the one of its
    /// kind being computed.
    pub fn submit(&mut self, job: Job) {
        let slot = job.key.what.slot();
        let cancel = Arc::new(AtomicBool::new(false));
        if let Some(old) = self.cancels[slot].replace(Arc::clone(&cancel)) {
            old.store(true, Ordering::Relaxed);
        }
        let mut q = lock(&self.shared.queue);
        q.seq += 1;
        let seq = q.seq;
        q.slots[slot] = Some(Queued { seq, job, cancel });
        drop(q);
        self.shared.wake.notify_one();
    }

    /// Drops every queued job and cancels the ones being computed: their inputs are
    /// gone (the data, the settings or the frame changed).
    pub fn cancel_all(&mut self) {
        for c in self.cancels.iter_mut().filter_map(Option::take) {
            c.store(true, Ordering::Relaxed);
        }
        lock(&self.shared.queue).slots = [None, None];
    }

    /// A result that has come back, if any (never waits).
    pub fn try_recv(&self) -> Option<Done> {
        self.results.try_recv().ok()
    }

    /// The next result, waiting up to `timeout`; `Err(true)` when the worker is gone.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<Done, bool> {
        self.results.recv_timeout(timeout).map_err(|e| match e {
            RecvTimeoutError::Timeout => false,
            RecvTimeoutError::Disconnected => true,
        })
    }

    /// Sets (or clears) the [`Hook`] for the jobs taken from now on.
    pub fn set_hook(&self, hook: Option<Hook>) {
        *lock(&self.shared.hook) = hook;
    }
}

impl Drop for Worker {
    /// Tells the thread to end after the job it is on (cancelled); it is not waited for.
    fn drop(&mut self) {
        self.cancel_all();
        lock(&self.shared.queue).closed = true;
        self.shared.wake.notify_all();
    }
}

/// The thread: takes the oldest queued job, computes it, sends the result, until the
/// app's end is dropped.
fn run(shared: &Shared, tx: &Sender<Done>) {
    loop {
        let queued = {
            let mut q = lock(&shared.queue);
            loop {
                let oldest = (0..q.slots.len())
                    .filter_map(|i| q.slots[i].as_ref().map(|j| (j.seq, i)))
                    .min()
                    .map(|(_, i)| i);
                if let Some(i) = oldest {
                    if let Some(job) = q.slots[i].take() {
                        break job;
                    }
                }
                if q.closed {
                    return;
                }
                q = shared
                    .wake
                    .wait(q)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        let hook = lock(&shared.hook).clone();
        let Queued { job, cancel, .. } = queued;
        let computed = catch_unwind(AssertUnwindSafe(|| {
            // For the end-to-end test of a failing job only.
            if std::env::var_os("SKUDESK_TEST_PANIC_WORKER").is_some() {
                #[allow(clippy::panic, reason = "the failing job's own end-to-end test")]
                {
                    panic!("test panic (SKUDESK_TEST_PANIC_WORKER)");
                }
            }
            let output = compute(&job, &cancel);
            if let Some(hook) = &hook {
                hook(&job.key);
            }
            output
        }));
        let output = match computed {
            Ok(Some(output)) => Ok(output),
            // Cancelled: nobody waits for it.
            Ok(None) => continue,
            Err(panic) => Err(panic_text(panic.as_ref())),
        };
        let key = job.key;
        // The snapshot goes before the result does, so a catalog change the app makes
        // on receiving it copies nothing.
        drop(job);
        if tx.send(Done { key, output }).is_err() {
            return;
        }
    }
}

/// A panic's message, when it has one.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

#[cfg(test)]
#[path = "worker_tests.rs"]
mod tests;
