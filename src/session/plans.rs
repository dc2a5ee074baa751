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

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        reason = "test code: a failed unwrap is the report"
    )]

    use super::*;
    use crate::domain::dates::{parse_date, Day};
    use crate::domain::model::{Horizon, Plan, PlanStatus};
    use crate::domain::plan::TargetMetric;

    fn day(s: &str) -> Day {
        Day::from_date(parse_date(s).unwrap())
    }

    /// One SKU sold once on 2025-09-01 for 10 and three times on 2025-09-30 for 30, and
    /// two plans on net revenue whose baseline is due: one from 2025-09-15 (the window
    /// then holds 10), one from 2025-09-30 (40).
    fn shop(store: &mut Store) {
        let products = b"sku,unit_cost,list_price\nA,6,10\n";
        store
            .import_products(
                &crate::import::native::products("p.csv", &products[..]).unwrap(),
                false,
            )
            .unwrap();
        let orders =
            b"order_id,ordered_at,sku,qty,unit_price\n1,2025-09-01,A,1,10\n2,2025-09-30,A,3,10\n";
        store
            .import_orders(
                &crate::import::native::orders("o.csv", &orders[..]).unwrap(),
                false,
            )
            .unwrap();
        for (title, start) in [("mid-month", "2025-09-15"), ("today", "2025-09-30")] {
            store
                .insert_plan(&Plan {
                    id: 0,
                    horizon: Horizon::Short,
                    title: title.into(),
                    due_on: Some(day("2025-12-31")),
                    status: PlanStatus::Doing,
                    target: Some(Target::new(TargetMetric::NetRevenue, 100.into())),
                    start: Some(day(start)),
                    baseline: None,
                    note: String::new(),
                })
                .unwrap();
        }
    }

    fn frame() -> Frame {
        Frame::new(day("2025-09-30"), 90, 30)
    }

    fn baselines_of(ds: &Dataset) -> Vec<Option<rust_decimal::Decimal>> {
        ds.plans.iter().map(|p| p.baseline).collect()
    }

    #[test]
    fn due_baselines_are_computed_as_of_each_start_and_kept() {
        let mut store = Store::open_in_memory().unwrap();
        shop(&mut store);
        assert_eq!(store.plans_due_a_baseline().unwrap().len(), 2);
        let mut ds = store.load().unwrap();
        let s = Settings::default();
        settle_plans(&mut store, &mut ds, &s, frame(), None).unwrap();
        let want = vec![Some(10.into()), Some(40.into())];
        assert_eq!(baselines_of(&ds), want);
        // Kept: the next open has nothing to compute.
        assert_eq!(store.plans_due_a_baseline().unwrap(), vec![]);
        assert_eq!(baselines_of(&store.load().unwrap()), want);
    }

    #[test]
    fn a_read_only_file_gets_them_in_memory_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        {
            let mut store = Store::open(&path).unwrap();
            shop(&mut store);
        }
        let mut store = Store::open_read_only(&path, "--read-only").unwrap();
        let mut ds = store.load().unwrap();
        settle_plans(&mut store, &mut ds, &Settings::default(), frame(), None).unwrap();
        assert_eq!(baselines_of(&ds), vec![Some(10.into()), Some(40.into())]);
        drop(store);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.plans_due_a_baseline().unwrap().len(), 2);
    }
}
