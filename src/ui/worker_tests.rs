use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use super::*;
use crate::domain::over_time::{trend, year_earlier};

fn demo() -> Arc<Dataset> {
    static DATA: OnceLock<Arc<Dataset>> = OnceLock::new();
    Arc::clone(DATA.get_or_init(|| {
        let mut store = crate::store::Store::open_in_memory().expect("in-memory store");
        crate::demo::fill(&mut store).expect("demo data");
        Arc::new(store.load().expect("load"))
    }))
}

fn frame(ds: &Dataset) -> Frame {
    let s = Settings::default();
    Frame::new(
        ds.latest_day().expect("dated"),
        s.window_days,
        s.velocity_days,
    )
}

fn job(generation: u64, what: What) -> Job {
    let ds = demo();
    Job {
        key: JobKey {
            generation,
            frame: frame(&ds),
            what,
        },
        ds,
        settings: Settings::default(),
    }
}

const MONTHS: What = What::Trend {
    period: Period::Month,
    week_start: WeekStart::Monday,
};
const WEEKS: What = What::Trend {
    period: Period::Week,
    week_start: WeekStart::Monday,
};

/// Long enough for any machine, never reached when the code is right.
const PATIENCE: Duration = Duration::from_secs(120);

/// A hook that tells which job it holds and holds it until told to go on.
fn holding() -> (Hook, Receiver<JobKey>, SyncSender<()>) {
    let (held_tx, held) = sync_channel::<JobKey>(16);
    let (go, go_rx) = sync_channel::<()>(16);
    let go_rx = Mutex::new(go_rx);
    let hook: Hook = Arc::new(move |key: &JobKey| {
        let _ = held_tx.send(*key);
        let _ = lock(&go_rx).recv_timeout(PATIENCE);
    });
    (hook, held, go)
}

#[test]
fn the_worker_computes_the_same_trend_and_year_earlier_as_the_domain() {
    let ds = demo();
    let f = frame(&ds);
    let s = Settings::default();
    let mut w = Worker::start(None).expect("a thread");
    w.submit(job(1, MONTHS));
    let done = w.recv_timeout(PATIENCE).expect("an answer");
    let direct = trend(&ds, f, &s, TrendSpec::monthly(WeekStart::Monday));
    assert_eq!(direct.len(), 12);
    assert_eq!(done.key, job(1, MONTHS).key);
    assert_eq!(done.output, Ok(Output::Trend(direct)));
    w.submit(job(1, What::LastYear));
    let done = w.recv_timeout(PATIENCE).expect("an answer");
    let direct = year_earlier(&ds, f, &s).map(|(_, k)| Box::new(k));
    assert!(direct.is_some(), "the demo reaches back a year");
    assert_eq!(done.output, Ok(Output::LastYear(direct)));
}

#[test]
fn a_newer_job_replaces_a_queued_one_of_its_kind_and_the_oldest_goes_first() {
    let (hook, held, go) = holding();
    let mut w = Worker::start(Some(hook)).expect("a thread");
    w.submit(job(1, MONTHS));
    // The first job is computed and held: the next ones wait in the queue.
    assert_eq!(held.recv_timeout(PATIENCE).map(|k| k.generation), Ok(1));
    w.submit(job(2, What::LastYear));
    w.submit(job(2, MONTHS));
    w.submit(job(3, WEEKS));
    for _ in 0..3 {
        go.send(()).expect("the worker is there");
    }
    let mut answered = Vec::new();
    for _ in 0..3 {
        let done = w.recv_timeout(PATIENCE).expect("an answer");
        assert!(done.output.is_ok());
        answered.push((done.key.generation, done.key.what));
    }
    // The month trend of generation 2 was replaced before it was taken; the year
    // earlier, queued first, went before the week trend.
    assert_eq!(answered, vec![(1, MONTHS), (2, What::LastYear), (3, WEEKS)]);
    assert!(matches!(
        w.recv_timeout(Duration::from_millis(50)),
        Err(false)
    ));
}

#[test]
fn a_cancelled_trend_is_given_up_between_periods() {
    let cancelled = AtomicBool::new(true);
    assert_eq!(compute(&job(1, MONTHS), &cancelled), None);
    let running = AtomicBool::new(false);
    assert!(matches!(
        compute(&job(1, MONTHS), &running),
        Some(Output::Trend(points)) if points.len() == 12
    ));
}

#[test]
fn a_cancelled_queued_job_never_answers() {
    let (hook, held, go) = holding();
    let mut w = Worker::start(Some(hook)).expect("a thread");
    w.submit(job(1, What::LastYear));
    assert!(held.recv_timeout(PATIENCE).is_ok());
    w.submit(job(1, MONTHS));
    w.cancel_all();
    go.send(()).expect("the worker is there");
    let done = w.recv_timeout(PATIENCE).expect("the held job answers");
    assert_eq!(done.key.what, What::LastYear);
    assert!(matches!(
        w.recv_timeout(Duration::from_millis(100)),
        Err(false)
    ));
}

#[test]
fn a_job_that_panics_comes_back_as_an_error_and_the_worker_goes_on() {
    let hook: Hook = Arc::new(|key: &JobKey| {
        if key.generation == 1 {
            panic!("figures broke on purpose");
        }
    });
    let mut w = Worker::start(Some(hook)).expect("a thread");
    w.submit(job(1, What::LastYear));
    let done = w.recv_timeout(PATIENCE).expect("an answer");
    assert_eq!(done.output, Err("figures broke on purpose".to_string()));
    w.submit(job(2, What::LastYear));
    let done = w.recv_timeout(PATIENCE).expect("the worker still runs");
    assert!(matches!(done.output, Ok(Output::LastYear(Some(_)))));
}

#[test]
fn the_worker_and_its_helpers_are_known_by_name() {
    assert!(!on_worker_thread());
    let w = std::thread::Builder::new()
        .name(THREAD_NAME.into())
        .spawn(|| {
            let (helper, here) = crate::par::join(on_worker_thread, on_worker_thread);
            helper && here
        })
        .expect("a thread");
    assert!(w.join().expect("no panic"));
}
