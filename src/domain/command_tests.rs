//! The rules of each command (`Command::check`), one by one and in the order a form
//! shows its fields.

use super::*;
use crate::domain::clearance::Step;
use crate::domain::dates::parse_date;
use crate::domain::model::{Horizon, PlanStatus};
use crate::domain::plan::Target;
use rust_decimal::Decimal;

fn day(s: &str) -> Day {
    Day::from_date(parse_date(s).unwrap())
}

fn spec() -> BatchSpec {
    BatchSpec {
        name: "Double-11".into(),
        channel: BatchChannel::TieredDiscount,
        starts_on: day("2025-11-01"),
        ends_on: Some(day("2025-11-11")),
        ladder: Ladder::parse("10%@3d,20%").unwrap(),
        cash_target: "600".parse::<Money>().unwrap(),
        status: BatchStatus::Planned,
    }
}

fn new_batch(spec: BatchSpec) -> Command {
    Command::MarkBatch(MarkBatch {
        batch: BatchRef::New(spec),
        skus: vec![],
    })
}

fn candidate() -> Candidate {
    Candidate {
        id: 0,
        name: "Lamp".into(),
        category: String::new(),
        market_growth_pct: Decimal::from(10),
        competitive_gap: 3,
        gap_note: String::new(),
        user_pain: 3,
        pain_note: String::new(),
        brand_fit: 3,
        expected_unit_cost: "10".parse().unwrap(),
        expected_price: "30".parse().unwrap(),
        personas: vec![],
        notes: String::new(),
        promoted_sku: None,
    }
}

fn plan() -> Plan {
    Plan {
        id: 0,
        horizon: Horizon::Short,
        title: "Clear the hats".into(),
        due_on: None,
        status: PlanStatus::Todo,
        target: None,
        start: None,
        baseline: None,
        note: String::new(),
    }
}

fn save(c: Candidate) -> Command {
    Command::SaveCandidate {
        id: None,
        candidate: Box::new(c),
    }
}

#[test]
fn a_batch_keeps_its_rules_in_the_forms_order() {
    assert_eq!(new_batch(spec()).check(), Ok(()));
    let with = |f: fn(&mut BatchSpec)| {
        let mut s = spec();
        f(&mut s);
        new_batch(s).check()
    };
    assert_eq!(with(|s| s.name = "  ".into()), Err(Refusal::BatchName));
    assert_eq!(
        with(|s| s.name = " #15 sale".into()),
        Err(Refusal::BatchNameId("#15 sale".into()))
    );
    assert_eq!(with(|s| s.name = "#summer".into()), Ok(()));
    assert_eq!(
        with(|s| s.ends_on = Some(day("2025-10-31"))),
        Err(Refusal::BatchEnds)
    );
    assert_eq!(with(|s| s.ends_on = Some(s.starts_on)), Ok(()));
    assert_eq!(with(|s| s.ends_on = None), Ok(()));
    assert_eq!(
        with(|s| s.ladder.0.push(Step {
            discount: Decimal::ONE,
            days: None
        })),
        Err(Refusal::LadderStep(3))
    );
    assert_eq!(
        with(|s| s.ladder.0[0].discount = Decimal::new(-1, 2)),
        Err(Refusal::LadderStep(1))
    );
    assert_eq!(
        with(|s| s.cash_target = "-1".parse().unwrap()),
        Err(Refusal::CashNegative)
    );
    // Two broken: the name, first in the form, is said.
    assert_eq!(
        with(|s| {
            s.name = String::new();
            s.ends_on = Some(day("2025-01-01"));
        }),
        Err(Refusal::BatchName)
    );
    let edit = Command::EditBatch {
        id: 1,
        spec: BatchSpec {
            name: String::new(),
            ..spec()
        },
    };
    assert_eq!(edit.check(), Err(Refusal::BatchName));
}

#[test]
fn units_to_clear_are_not_negative() {
    let mark = |units| {
        Command::MarkBatch(MarkBatch {
            batch: BatchRef::Existing(1),
            skus: vec![("A".into(), Some(3)), ("B".into(), units)],
        })
    };
    assert_eq!(mark(None).check(), Ok(()));
    assert_eq!(mark(Some(0)).check(), Ok(()));
    assert_eq!(
        mark(Some(-5)).check(),
        Err(Refusal::UnitsNegative {
            sku: "B".into(),
            units: -5
        })
    );
}

#[test]
fn a_reclassify_changes_something() {
    let r = |tier, category: Option<&str>| {
        Command::Reclassify(Reclassify {
            skus: vec!["A".into()],
            tier,
            lifecycle: None,
            category: category.map(str::to_string),
            reason: String::new(),
        })
    };
    assert_eq!(r(None, None).check(), Err(Refusal::NothingToChange));
    assert_eq!(r(Some(TierChoice::Set(Tier::Low)), None).check(), Ok(()));
    assert_eq!(r(Some(TierChoice::Auto), None).check(), Ok(()));
    assert_eq!(r(None, Some("hats")).check(), Ok(()));
}

#[test]
fn a_candidate_has_a_name_scores_0_to_5_and_no_negative_amount() {
    assert_eq!(save(candidate()).check(), Ok(()));
    let with = |f: fn(&mut Candidate)| {
        let mut c = candidate();
        f(&mut c);
        save(c).check()
    };
    assert_eq!(with(|c| c.name = " ".into()), Err(Refusal::CandidateName));
    assert_eq!(with(|c| c.competitive_gap = 5), Ok(()));
    assert_eq!(
        with(|c| c.competitive_gap = 6),
        Err(Refusal::Score(CandidateScore::Gap))
    );
    assert_eq!(
        with(|c| c.user_pain = 9),
        Err(Refusal::Score(CandidateScore::Pain))
    );
    assert_eq!(
        with(|c| c.brand_fit = 255),
        Err(Refusal::Score(CandidateScore::Fit))
    );
    assert_eq!(with(|c| c.expected_price = Money::ZERO), Ok(()));
    assert_eq!(
        with(|c| c.expected_unit_cost = "-0.01".parse().unwrap()),
        Err(Refusal::CandidateNegative(CandidateAmount::Cost))
    );
    assert_eq!(
        with(|c| c.expected_price = "-3".parse().unwrap()),
        Err(Refusal::CandidateNegative(CandidateAmount::Price))
    );
    // The first broken in the form's order: the name before the scores.
    assert_eq!(
        with(|c| {
            c.name = String::new();
            c.brand_fit = 7;
        }),
        Err(Refusal::CandidateName)
    );
}

#[test]
fn a_plan_has_a_title_and_a_batch_when_its_target_follows_one() {
    let save = |p: Plan| {
        Command::SavePlan {
            id: Some(1),
            plan: Box::new(p),
        }
        .check()
    };
    assert_eq!(save(plan()), Ok(()));
    assert_eq!(
        save(Plan {
            title: "  ".into(),
            ..plan()
        }),
        Err(Refusal::PlanTitle)
    );
    let target = |metric, batch_id| Plan {
        target: Some(Target {
            batch_id,
            ..Target::new(metric, Decimal::from(100))
        }),
        ..plan()
    };
    let batch_metric = TargetMetric::ALL
        .into_iter()
        .find(|m| m.needs_batch())
        .unwrap();
    let other = TargetMetric::ALL
        .into_iter()
        .find(|m| !m.needs_batch())
        .unwrap();
    assert_eq!(
        save(target(batch_metric, None)),
        Err(Refusal::MetricNeedsBatch(batch_metric))
    );
    assert_eq!(save(target(batch_metric, Some(2))), Ok(()));
    assert_eq!(save(target(other, None)), Ok(()));
    // A plan that follows a batch starts with it, from 0: no start or baseline of its own.
    let with = |start: Option<&str>, baseline: Option<i64>| Plan {
        start: start.map(day),
        baseline: baseline.map(Decimal::from),
        ..target(batch_metric, Some(2))
    };
    assert_eq!(
        save(with(Some("2025-10-01"), None)),
        Err(Refusal::PlanFollowsBatch)
    );
    assert_eq!(save(with(None, Some(5))), Err(Refusal::PlanFollowsBatch));
    assert_eq!(save(with(None, Some(0))), Ok(()));
    // Another metric keeps both.
    let own = Plan {
        start: Some(day("2025-10-01")),
        baseline: Some(Decimal::from(5)),
        ..target(other, None)
    };
    assert_eq!(save(own), Ok(()));
    // A category's share names the category.
    let category = |name: Option<&str>| Plan {
        target: Some(Target {
            category: name.map(str::to_string),
            ..Target::new(TargetMetric::CategoryRevenueShare, Decimal::ONE)
        }),
        ..plan()
    };
    for missing in [None, Some(""), Some("  ")] {
        assert_eq!(
            save(category(missing)),
            Err(Refusal::MetricNeedsCategory(
                TargetMetric::CategoryRevenueShare
            ))
        );
    }
    assert_eq!(save(category(Some("Audio"))), Ok(()));
}

#[test]
fn a_promotion_names_its_sku_and_a_persona_code_is_one_word() {
    let promote = |sku: &str| {
        Command::PromoteCandidate {
            id: 1,
            sku: sku.into(),
        }
        .check()
    };
    assert_eq!(promote(" "), Err(Refusal::SkuNeedsCode));
    assert_eq!(promote("NEW-1"), Ok(()));
    let persona = |code: &str| {
        Command::SavePersona {
            code: code.into(),
            label: "x".into(),
        }
        .check()
    };
    assert_eq!(persona("pet_parents"), Ok(()));
    assert_eq!(persona(" 宠物-主 "), Ok(()));
    assert_eq!(persona("pet parents"), Err(Refusal::PersonaCode));
    assert_eq!(persona(""), Err(Refusal::PersonaCode));
    assert_eq!(persona("a;b"), Err(Refusal::PersonaCode));
}

#[test]
fn settings_are_ones_the_database_keeps_with_values_in_range() {
    let set = |key: &str, value: Option<&str>| {
        Command::SetSettings {
            changes: vec![(key.into(), value.map(str::to_string))],
        }
        .check()
    };
    assert_eq!(set("margin_floor", Some("20%")), Ok(()));
    assert_eq!(set("margin_floor", None), Ok(()));
    assert_eq!(
        set("age_buckets", None),
        Err(Refusal::NotASetting("age_buckets".into()))
    );
    assert_eq!(
        set("nonsense", Some("1")),
        Err(Refusal::NotASetting("nonsense".into()))
    );
    assert!(matches!(
        set("slow_days", Some("abc")),
        Err(Refusal::SettingValue(why)) if why.contains("slow_days")
    ));
    assert_eq!(
        setting_as_stored("margin_floor", "20%"),
        Ok("0.2".to_string())
    );
}

#[test]
fn commands_without_rules_pass() {
    for cmd in [
        Command::DeleteBatch { id: 1 },
        Command::DeleteCandidate { id: 1 },
        Command::DeletePlan { id: 1 },
        Command::DeletePersona { code: "x".into() },
        Command::SetBatchStatus {
            id: 1,
            status: BatchStatus::Done,
        },
    ] {
        assert_eq!(cmd.check(), Ok(()), "{cmd:?}");
    }
}
