//! The progress of a plan over time (METRICS.md "Plans over time"), worked out by hand:
//! progress from the baseline, expected progress from the start, behind only after the
//! start, a full bar only at the target. D is 2025-09-30.

use super::*;
use crate::domain::dates::parse_date;
use crate::domain::model::Horizon;

fn d0() -> Day {
    Day::from_date(parse_date("2025-09-30").unwrap())
}

/// The day `n` days before D (negative: after D).
fn ago(n: i32) -> Day {
    d0().plus(-n)
}

fn close(got: Option<f64>, want: Option<f64>, what: &str) {
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: got {g}, want {w}"),
        _ => assert_eq!(got, want, "{what}"),
    }
}

fn plan(
    metric: TargetMetric,
    target: &str,
    baseline: Option<&str>,
    start: Option<Day>,
    due: Option<Day>,
    status: PlanStatus,
) -> Plan {
    Plan {
        id: 1,
        horizon: Horizon::Short,
        title: "plan".into(),
        due_on: due,
        status,
        target: Some(Target::new(metric, target.parse().unwrap())),
        start,
        baseline: baseline.map(|b| b.parse().unwrap()),
        note: String::new(),
    }
}

#[test]
fn progress_is_the_way_from_the_baseline_to_the_target() {
    // (what, now, baseline, target, lower is better, progress)
    let cases = [
        // The seed's plan: high-tier share 28 % → 40 %, now 31.5 %: 3.5 of 12 points.
        ("rising, part way", 0.315, 0.28, 0.40, false, 3.5 / 12.0),
        ("rising, at the baseline", 0.28, 0.28, 0.40, false, 0.0),
        (
            "rising, fell below the baseline",
            0.25,
            0.28,
            0.40,
            false,
            0.0,
        ),
        ("rising, at the target", 0.40, 0.28, 0.40, false, 1.0),
        ("rising, past the target", 0.45, 0.28, 0.40, false, 1.0),
        // Turnover 7.5 → 6 days, now 7: 0.5 of 1.5 days.
        ("falling, part way", 7.0, 7.5, 6.0, true, 1.0 / 3.0),
        ("falling, rose instead", 8.0, 7.5, 6.0, true, 0.0),
        ("falling, below the target", 5.0, 7.5, 6.0, true, 1.0),
        // Low-tier share 30 % → 15 %, now 27 %: 3 of 15 points.
        ("falling share", 0.27, 0.30, 0.15, true, 0.2),
        // The direction is the way from the baseline to the target, whatever the metric.
        (
            "a falling-is-better metric set to rise",
            7.0,
            6.0,
            8.0,
            true,
            0.5,
        ),
        // Target = baseline: 1 once now has reached the target, else 0.
        (
            "target = baseline, rising metric, reached",
            0.40,
            0.40,
            0.40,
            false,
            1.0,
        ),
        (
            "target = baseline, rising metric, above",
            0.41,
            0.40,
            0.40,
            false,
            1.0,
        ),
        (
            "target = baseline, rising metric, below",
            0.39,
            0.40,
            0.40,
            false,
            0.0,
        ),
        (
            "target = baseline, falling metric, below",
            5.0,
            6.0,
            6.0,
            true,
            1.0,
        ),
        (
            "target = baseline, falling metric, above",
            6.5,
            6.0,
            6.0,
            true,
            0.0,
        ),
    ];
    for (what, now, baseline, target, lower, want) in cases {
        close(
            Some(progress_between(now, baseline, target, lower)),
            Some(want),
            what,
        );
    }
    // No move towards a lower target is 0, not −0 (which prints "-0.0%").
    assert!(progress_between(7.5, 7.5, 6.0, true).is_sign_positive());
}

#[test]
fn expected_progress_is_the_time_gone_from_the_start_to_the_due_date() {
    // (what, start, due, expected at D)
    let cases = [
        ("halfway", ago(10), ago(-10), 0.5),
        ("a quarter", ago(5), ago(-15), 0.25),
        ("starts today", ago(0), ago(-20), 0.0),
        ("not started", ago(-5), ago(-20), 0.0),
        ("due today", ago(20), ago(0), 1.0),
        ("past due", ago(30), ago(10), 1.0),
        ("due on the start day, started", ago(3), ago(3), 1.0),
        ("due on the start day, not started", ago(-3), ago(-3), 0.0),
    ];
    for (what, start, due, want) in cases {
        close(Some(expected_progress(d0(), start, due)), Some(want), what);
    }
}

#[test]
fn a_plan_is_behind_only_after_its_start_and_not_started_before_it() {
    use PlanStatus::*;
    use TargetMetric::HighTierRevenueShare as Share;
    // (what, baseline, start, due, status, now, progress, expected, not started, behind)
    #[allow(clippy::type_complexity)]
    let cases: [(
        &str,
        Option<&str>,
        Day,
        Day,
        PlanStatus,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        bool,
        bool,
    ); 8] = [
        // 0.28 → 0.40 from 10 days ago to 10 days ahead: half the time gone.
        (
            "a third of the way, half the time: behind",
            Some("0.28"),
            ago(10),
            ago(-10),
            Doing,
            Some(0.32),
            Some(1.0 / 3.0),
            Some(0.5),
            false,
            true,
        ),
        (
            "three quarters of the way, half the time: on track",
            Some("0.28"),
            ago(10),
            ago(-10),
            Todo,
            Some(0.37),
            Some(0.75),
            Some(0.5),
            false,
            false,
        ),
        (
            "behind but done: not behind",
            Some("0.28"),
            ago(10),
            ago(-10),
            Done,
            Some(0.32),
            Some(1.0 / 3.0),
            Some(0.5),
            false,
            false,
        ),
        (
            "behind but dropped: not behind",
            Some("0.28"),
            ago(10),
            ago(-10),
            Dropped,
            Some(0.28),
            Some(0.0),
            Some(0.5),
            false,
            false,
        ),
        // Starts in 5 days: nothing expected, never behind, "not started".
        (
            "before the start",
            Some("0.28"),
            ago(-5),
            ago(-30),
            Todo,
            Some(0.20),
            Some(0.0),
            Some(0.0),
            true,
            false,
        ),
        // On its start day nothing is expected yet.
        (
            "on the start day",
            Some("0.28"),
            ago(0),
            ago(-30),
            Doing,
            Some(0.28),
            Some(0.0),
            Some(0.0),
            false,
            false,
        ),
        // A baseline undefined at the start: no progress, so not behind either.
        (
            "no baseline",
            None,
            ago(10),
            ago(-10),
            Doing,
            Some(0.30),
            None,
            Some(0.5),
            false,
            false,
        ),
        // An undefined metric now: no progress.
        (
            "undefined now",
            Some("0.28"),
            ago(10),
            ago(-10),
            Doing,
            None,
            None,
            Some(0.5),
            false,
            false,
        ),
    ];
    for (what, baseline, start, due, status, now, fraction, expected, not_started, behind) in cases
    {
        let p = progress(
            &plan(Share, "0.40", baseline, Some(start), Some(due), status),
            now,
            None,
            d0(),
        );
        close(p.fraction, fraction, what);
        close(p.expected, expected, what);
        assert_eq!(p.not_started, not_started, "{what}: not started");
        assert_eq!(p.off_track, behind, "{what}: behind");
        assert_eq!(p.start, Some(start), "{what}");
    }
}

#[test]
fn a_metric_that_must_fall_is_measured_from_its_baseline() {
    // Turnover 40 → 6 days over 100 days, 50 gone, now 23: (23 − 40) / (6 − 40) = 0.5.
    let p = progress(
        &plan(
            TargetMetric::TurnoverDays,
            "6",
            Some("40"),
            Some(ago(50)),
            Some(ago(-50)),
            PlanStatus::Doing,
        ),
        Some(23.0),
        None,
        d0(),
    );
    close(p.fraction, Some(0.5), "progress");
    close(p.expected, Some(0.5), "expected");
    assert!(!p.off_track);
    // One day short of that pace is behind: 24 days is (24 − 40) / −34 ≈ 0.47.
    let p = progress(
        &plan(
            TargetMetric::TurnoverDays,
            "6",
            Some("40"),
            Some(ago(50)),
            Some(ago(-50)),
            PlanStatus::Doing,
        ),
        Some(24.0),
        None,
        d0(),
    );
    close(p.fraction, Some(16.0 / 34.0), "progress");
    assert!(p.off_track);
}

#[test]
fn the_bar_is_full_only_at_the_target() {
    let p = |now: f64| {
        progress(
            &plan(
                TargetMetric::NetRevenue,
                "1000",
                Some("0"),
                Some(ago(10)),
                Some(ago(-10)),
                PlanStatus::Doing,
            ),
            Some(now),
            None,
            d0(),
        )
        .fraction
        .unwrap()
    };
    assert!(p(999.99) < 1.0);
    assert_eq!(p(1000.0), 1.0);
    assert_eq!(p(1500.0), 1.0);
}

#[test]
fn a_plan_that_follows_a_batch_starts_with_it_from_zero() {
    use crate::domain::model::{BatchChannel, BatchStatus};
    let batch = ClearanceBatch {
        id: 7,
        name: "Double-11".into(),
        channel: BatchChannel::TieredDiscount,
        starts_on: ago(-32),
        ends_on: Some(ago(-42)),
        ladder: Default::default(),
        cash_target: Money::ZERO,
        status: BatchStatus::Planned,
        skus: Vec::new(),
    };
    let mut p = plan(
        TargetMetric::BatchCashRecovered,
        "60000",
        None,
        None,
        Some(ago(-42)),
        PlanStatus::Todo,
    );
    if let Some(t) = p.target.as_mut() {
        t.batch_id = Some(7);
    }
    // Before the batch starts: nothing recovered, nothing expected, not behind.
    let before = progress(&p, Some(0.0), Some(&batch), d0());
    assert_eq!(before.start, Some(ago(-32)));
    assert_eq!(before.baseline, Some(0.0));
    close(before.fraction, Some(0.0), "progress");
    close(before.expected, Some(0.0), "expected");
    assert!(before.not_started && !before.off_track);
    // Five of its ten days gone with 20,000 of 60,000: a third against a half, behind.
    let during = progress(&p, Some(20000.0), Some(&batch), ago(-37));
    close(during.fraction, Some(1.0 / 3.0), "progress");
    close(during.expected, Some(0.5), "expected");
    assert!(!during.not_started && during.off_track);
}

#[test]
fn overdue_only_while_open_and_past_due() {
    let cases = [
        (PlanStatus::Todo, Some(ago(1)), true),
        (PlanStatus::Doing, Some(ago(1)), true),
        (PlanStatus::Todo, Some(ago(0)), false),
        (PlanStatus::Todo, Some(ago(-1)), false),
        (PlanStatus::Done, Some(ago(1)), false),
        (PlanStatus::Dropped, Some(ago(1)), false),
        (PlanStatus::Todo, None, false),
    ];
    for (status, due, overdue) in cases {
        let mut p = plan(
            TargetMetric::NetRevenue,
            "100",
            Some("0"),
            Some(ago(30)),
            due,
            status,
        );
        for target in [None, p.target.clone()] {
            p.target = target;
            let pr = progress(&p, Some(50.0), None, d0());
            assert_eq!(pr.overdue, overdue, "{status:?} due {due:?}");
        }
    }
}

#[test]
fn a_plan_without_a_target_has_nothing_to_measure() {
    let mut p = plan(
        TargetMetric::NetRevenue,
        "100",
        None,
        Some(ago(10)),
        Some(ago(1)),
        PlanStatus::Doing,
    );
    p.target = None;
    let pr = progress(&p, None, None, d0());
    assert_eq!(
        (pr.current, pr.fraction, pr.off_track, pr.overdue),
        (None, None, false, true)
    );
}

#[test]
fn baselines_are_kept_exact() {
    assert_eq!(
        as_decimal(Value::Money("1234.56".parse().unwrap())),
        Some("1234.56".parse().unwrap())
    );
    assert_eq!(as_decimal(Value::Count(42)), Some(Decimal::from(42)));
    assert_eq!(
        as_decimal(Value::Ratio(Some(2.0 / 7.0))),
        Some("0.285714".parse().unwrap())
    );
    assert_eq!(
        as_decimal(Value::Ratio(Some(0.28))),
        Some("0.28".parse().unwrap())
    );
    assert_eq!(as_decimal(Value::Days(None)), None);
}

#[test]
fn metric_names_read_back() {
    for m in TargetMetric::ALL {
        assert_eq!(m.as_str().parse::<TargetMetric>(), Ok(m));
    }
    assert!("low_tier_sku_share".parse::<TargetMetric>().is_ok());
    assert!("nope".parse::<TargetMetric>().is_err());
}

#[test]
fn a_plan_made_today_is_at_zero_whatever_the_share_rounds_to() {
    // A share of 9 / 55 (0.163636…) kept as the baseline 0.163636.
    let now = 9.0 / 55.0;
    let baseline = as_decimal(Value::Ratio(Some(now))).unwrap();
    let p = plan(
        TargetMetric::NewProductConversion,
        "0.25",
        Some(&baseline.to_string()),
        Some(d0()),
        Some(ago(-15)),
        PlanStatus::Doing,
    );
    assert_eq!(progress(&p, Some(now), None, d0()).fraction, Some(0.0));
}
