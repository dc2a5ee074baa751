//! Two pieces of work at once, one on each of the two cores skudesk is built for.

use std::sync::Mutex;

/// Runs `there` on a second thread while `here` runs on this one, and returns both
/// results. When no thread can be started (a process at its limit), runs `there` here
/// after `here`: the same results, later. A panic in either is carried on to the caller.
pub fn join<A: Send, B>(there: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    // Taken out by whichever thread runs it: the spawned one, or this one when none
    // could be spawned (the closure given to the spawn is then dropped unrun).
    let work = Mutex::new(Some(there));
    let take = || work.lock().ok().and_then(|mut w| w.take());
    // The helper is named after the thread that asked for it, so that a panic on it
    // is known for whose it is (the app's worker reports its own: see `ui::worker`).
    let mut builder = std::thread::Builder::new();
    if let Some(name) = std::thread::current().name() {
        builder = builder.name(format!("{name}/par"));
    }
    std::thread::scope(|scope| {
        let spawned = builder.spawn_scoped(scope, || take().map(|f| f()));
        let b = here();
        let a = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        let a = a.or_else(|| take().map(|f| f()));
        (a.expect("the work runs on one thread or the other"), b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_in_place() {
        let data: Vec<u64> = (1..=1000).collect();
        let (early, late) = data.split_at(400);
        let (a, b) = join(|| late.iter().sum::<u64>(), || early.iter().sum::<u64>());
        assert_eq!((a, b), (500_500 - 80_200, 80_200));
    }

    #[test]
    fn a_panic_over_there_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| join(|| panic!("there"), || 1));
        assert!(caught.is_err());
    }
}
