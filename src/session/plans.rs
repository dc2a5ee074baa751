//! Plans whose baseline is still to be computed (METRICS.md "Plans over time"): those
//! made before skudesk kept baselines, which migration 7 gave a start but could not give
//! a baseline (that is the metric's value as of the start: a review of the data with
//! the settings in force, which only a session has), and the demo's. The first session
//! that opens the file computes them and keeps them; a read-only file gets them in
//! memory each time it is opened.

use color_eyre::eyre::Result;

use crate::domain::dates::Frame;
use crate::domain::metrics::Review;
use crate::domain::model::Dataset;
use crate::domain::plan::{baselines, Target};
use crate::domain::settings::Settings;
use crate::store::Store;

/// Computes the baselines due (each plan's metric as of its start, with the windows of
/// `frame` and `settings`), puts them and the starts into `ds`, and keeps them in the
/// file when it can. `now` is a review of `ds` already made, reused for a plan that
/// starts on its day.
pub fn settle_plans(
    store: &mut Store,
    ds: &mut Dataset,
    settings: &Settings,
    frame: Frame,
    now: Option<&Review>,
) -> Result<()> {
    let due = store.plans_due_a_baseline()?;
    if due.is_empty() {
        return Ok(());
    }
    // (plan index, its target, its start) of the plans with something to compute.
    let mut asks: Vec<(usize, Target, crate::domain::dates::Day)> = Vec::new();
    for (id, start) in &due {
        let Some(i) = ds.plans.iter().position(|p| p.id == *id) else {
            continue;
        };
        ds.plans[i].start = *start;
        if let (Some(t), Some(day)) = (&ds.plans[i].target, start) {
            asks.push((i, t.clone(), *day));
        }
    }
    let pairs: Vec<(&Target, crate::domain::dates::Day)> =
        asks.iter().map(|(_, t, day)| (t, *day)).collect();
    let values = baselines(ds, &pairs, frame, settings, now);
    for ((i, _, _), value) in asks.iter().zip(&values) {
        ds.plans[*i].baseline = *value;
    }
    let kept: Vec<_> = due
        .iter()
        .map(|(id, _)| {
            let baseline = ds
                .plans
                .iter()
                .find(|p| p.id == *id)
                .and_then(|p| p.baseline);
            (*id, baseline)
        })
        .collect();
    if store.read_only().is_none() {
        // Only a completion: a file that cannot take it now gets it on a later open.
        let _ = store.save_plan_baselines(&kept);
    }
    Ok(())
}
