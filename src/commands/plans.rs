//! `skudesk plans add|edit|remove` and `skudesk candidates add|edit|remove`: a plan or a
//! candidate built from options (an edit starts from the one stored), checked by the
//! command's rules (`Command::check`, as the app's forms are) and applied as one
//! undoable change. A new plan starts on the as-of date unless `--start` says, with
//! its metric's value then as its baseline unless `--baseline` says (METRICS.md "Plans
//! over time").

use std::process::ExitCode;
use std::str::FromStr;

use color_eyre::eyre::{eyre, Result};
use rust_decimal::Decimal;

use super::{apply_to, UsageError};
use crate::cli::plans::{CandidateCommand, CandidateFields, PlanCommand, PlanFields};
use crate::config::layers::Layers;
use crate::domain::command::Command as DomainCommand;
use crate::domain::dates::Day;
use crate::domain::model::{Candidate, Dataset, Horizon, Plan, PlanStatus};
use crate::domain::money::Money;
use crate::domain::plan::{baseline_at, Target, TargetMetric};
use crate::domain::text::sanitize;
use crate::i18n::{Lang, Msg};
use crate::session::{db_choice, lang_of, load_and_review, open_store, Options};

/// A metric's value as typed: a share or rate as 0.40 or 40%, money and days as
/// numbers; `option` names the option in the message when it is not one.
fn metric_value(metric: TargetMetric, typed: &str, option: &str, lang: Lang) -> Result<Decimal> {
    let t = typed.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) if metric.is_ratio() => (n.trim(), true),
        _ => (t, false),
    };
    let value = Decimal::from_str(number)
        .map_err(|_| UsageError(lang.f(Msg::ValueNotANumber, &[&option, &format!("{typed:?}")])))?;
    // A share is 0–1 as the JSON writes it: `40` for 40 % would be 4,000 %. (Growth on
    // the year earlier is a rate that may pass 1.)
    let share = metric.is_ratio() && metric != TargetMetric::RevenueGrowthYoy;
    if share && !percent && value > Decimal::ONE {
        return Err(
            UsageError(lang.f(Msg::ShareAboveOne, &[&option, &format!("{typed:?}")])).into(),
        );
    }
    Ok(if percent {
        value / Decimal::ONE_HUNDRED
    } else {
        value
    }
    .normalize())
}

/// A batch by `#id`, id or name, among the loaded batches.
fn batch_id(ds: &Dataset, key: &str, lang: Lang) -> Result<i64> {
    let by_id = key.trim_start_matches('#').parse::<i64>().ok();
    ds.batches
        .iter()
        .find(|b| Some(b.id) == by_id || b.name == key)
        .map(|b| b.id)
        .ok_or_else(|| {
            eyre!(
                "{}",
                lang.f(Msg::NoSuchBatch, &[&format!("{:?}", sanitize(key))])
            )
        })
}

/// `skudesk plans add|edit|remove` (the list is `commands::run`'s).
pub(super) fn plans(global: &Options, layers: &Layers, cmd: PlanCommand) -> Result<ExitCode> {
    let lang = lang_of(global);
    let mut store = open_store(&db_choice(global)?, false)?;
    let (title, id, fields) = match cmd {
        PlanCommand::List { .. } => return Ok(ExitCode::SUCCESS),
        PlanCommand::Remove { id } => {
            return apply_to(&mut store, &DomainCommand::DeletePlan { id }, lang)
        }
        PlanCommand::Add { title, fields } => (Some(title), None, fields),
        PlanCommand::Edit { id, title, fields } => (title, Some(id), fields),
    };
    if id.is_none() && fields.target.is_some() && fields.metric.is_none() {
        return Err(UsageError(lang.t(Msg::TargetNeedsMetric).into()).into());
    }
    // Loading reviews the data too: a plan measured from today needs today's figures,
    // and plans kept from before baselines get theirs first.
    let reviewed = load_and_review(&mut store, layers, global)?;
    let (ds, r, settings) = (&reviewed.ds, &reviewed.review, &reviewed.settings);
    let old = match id {
        Some(id) => Some(
            ds.plans
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .ok_or_else(|| eyre!("{}", lang.f(Msg::NoSuchPlan, &[&format!("#{id}")])))?,
        ),
        None => None,
    };
    let plan = build_plan(
        old.as_ref(),
        title,
        fields,
        ds,
        lang,
        |t, start| baseline_at(ds, t, start, r.frame, settings, Some(r)),
        r.frame.as_of,
    )?;
    apply_to(
        &mut store,
        &DomainCommand::SavePlan {
            id,
            plan: Box::new(plan),
        },
        lang,
    )
}

/// The plan the options make: `old`'s fields (a new plan's defaults without one) with
/// those given replaced. A plan that follows a batch has no start or baseline of its
/// own (options that give one are kept for the rules to refuse); another starts on
/// `as_of` unless told, and its baseline is computed (`baseline`) when it is new, or
/// when its metric, category or start moved and `--baseline` does not say.
fn build_plan(
    old: Option<&Plan>,
    title: Option<String>,
    f: PlanFields,
    ds: &Dataset,
    lang: Lang,
    baseline: impl Fn(&Target, Day) -> Option<Decimal>,
    as_of: Day,
) -> Result<Plan> {
    let old_target = old.and_then(|p| p.target.clone());
    let mut target = match f.metric {
        Some(m) => m.0.map(|metric| Target {
            // A batch or category given before stays with a new metric that reads it.
            batch_id: old_target.as_ref().and_then(|t| t.batch_id),
            category: old_target.as_ref().and_then(|t| t.category.clone()),
            ..Target::new(metric, Decimal::ZERO)
        }),
        None => old_target.clone(),
    };
    match (&mut target, &f.target) {
        (Some(t), Some(typed)) => t.value = metric_value(t.metric, typed, "--target", lang)?,
        // A new metric needs its target value.
        (Some(_), None) if f.metric.is_some() => {
            return Err(UsageError(lang.t(Msg::MetricNeedsTarget).into()).into())
        }
        (None, Some(_)) => return Err(UsageError(lang.t(Msg::TargetNeedsMetric).into()).into()),
        _ => {}
    }
    if let Some(t) = &mut target {
        if let Some(key) = &f.batch {
            t.batch_id = Some(batch_id(ds, key, lang)?);
        }
        if let Some(c) = &f.category {
            t.category = Some(c.trim().to_string()).filter(|c| !c.is_empty());
        }
    }
    let follows_batch = target.as_ref().is_some_and(|t| t.metric.needs_batch());
    let typed_start = f.start.map(Day::from_date);
    let start = match (typed_start, old) {
        (Some(day), _) => Some(day),
        (None, _) if follows_batch => None,
        // A plan that followed a batch, or had no day, starts now.
        (None, Some(p)) => p.start.or(Some(as_of)),
        (None, None) => Some(as_of),
    };
    let typed_baseline = match (&f.baseline, &target) {
        (Some(typed), Some(t)) => Some(metric_value(t.metric, typed, "--baseline", lang)?),
        (Some(typed), None) => Some(Decimal::from_str(typed.trim()).map_err(|_| {
            UsageError(lang.f(
                Msg::ValueNotANumber,
                &[&"--baseline", &format!("{typed:?}")],
            ))
        })?),
        (None, _) => None,
    };
    let moved = old.is_none_or(|p| {
        let before = p.target.as_ref();
        let after = target.as_ref();
        before.map(|t| (t.metric, &t.category)) != after.map(|t| (t.metric, &t.category))
            || p.start != start
    });
    let baseline = match (typed_baseline, &target, start) {
        (Some(b), _, _) => Some(b),
        (None, Some(t), Some(day)) if !follows_batch && moved => baseline(t, day),
        (None, Some(_), _) if !follows_batch => old.and_then(|p| p.baseline),
        _ => None,
    };
    let p = old.cloned();
    Ok(Plan {
        id: p.as_ref().map_or(0, |p| p.id),
        horizon: f
            .horizon
            .or(p.as_ref().map(|p| p.horizon))
            .unwrap_or(Horizon::Short),
        title: title
            .or(p.as_ref().map(|p| p.title.clone()))
            .unwrap_or_default(),
        due_on: f
            .due
            .map(Day::from_date)
            .or(p.as_ref().and_then(|p| p.due_on)),
        status: f
            .status
            .or(p.as_ref().map(|p| p.status))
            .unwrap_or(PlanStatus::Todo),
        target,
        start,
        baseline,
        note: f.note.or(p.map(|p| p.note)).unwrap_or_default(),
    })
}

/// An amount option, or a usage error that names it.
fn amount(typed: &str, option: &str, lang: Lang) -> Result<Money> {
    typed
        .parse::<Money>()
        .map_err(|e| UsageError(format!("{option} {typed:?} {}", lang.money_error(&e))).into())
}

/// `skudesk candidates add|edit|remove` (the list is `commands::run`'s).
pub(super) fn candidates(global: &Options, cmd: CandidateCommand) -> Result<ExitCode> {
    let lang = lang_of(global);
    let (name, id, fields) = match cmd {
        CandidateCommand::List { .. } => return Ok(ExitCode::SUCCESS),
        CandidateCommand::Remove { id } => {
            let mut store = open_store(&db_choice(global)?, false)?;
            return apply_to(&mut store, &DomainCommand::DeleteCandidate { id }, lang);
        }
        CandidateCommand::Add { name, fields } => (Some(name), None, fields),
        CandidateCommand::Edit { id, name, fields } => (name, Some(id), fields),
    };
    let mut store = open_store(&db_choice(global)?, false)?;
    let old = match id {
        Some(id) => Some(
            store
                .load()?
                .candidates
                .into_iter()
                .find(|c| c.id == id)
                .ok_or_else(|| eyre!("{}", lang.f(Msg::NoSuchCandidate, &[&format!("#{id}")])))?,
        ),
        None => None,
    };
    let candidate = build_candidate(old, name, fields, lang)?;
    apply_to(
        &mut store,
        &DomainCommand::SaveCandidate {
            id,
            candidate: Box::new(candidate),
        },
        lang,
    )
}

/// The candidate the options make: `old` (an empty one without it) with the fields
/// given replaced.
fn build_candidate(
    old: Option<Candidate>,
    name: Option<String>,
    f: CandidateFields,
    lang: Lang,
) -> Result<Candidate> {
    let mut c = old.unwrap_or(Candidate {
        id: 0,
        name: String::new(),
        category: String::new(),
        market_growth_pct: Decimal::ZERO,
        competitive_gap: 0,
        gap_note: String::new(),
        user_pain: 0,
        pain_note: String::new(),
        brand_fit: 0,
        expected_unit_cost: Money::ZERO,
        expected_price: Money::ZERO,
        personas: Vec::new(),
        notes: String::new(),
        promoted_sku: None,
    });
    if let Some(name) = name {
        c.name = name;
    }
    if let Some(category) = f.category {
        c.category = category;
    }
    if let Some(typed) = f.market_growth_pct {
        let t = typed.trim();
        let number = t.strip_suffix('%').unwrap_or(t).trim();
        c.market_growth_pct = Decimal::from_str(number).map_err(|_| {
            UsageError(lang.f(
                Msg::ValueNotANumber,
                &[&"--market-growth-pct", &format!("{typed:?}")],
            ))
        })?;
    }
    if let Some(v) = f.competitive_gap {
        c.competitive_gap = v;
    }
    if let Some(v) = f.gap_note {
        c.gap_note = v;
    }
    if let Some(v) = f.user_pain {
        c.user_pain = v;
    }
    if let Some(v) = f.pain_note {
        c.pain_note = v;
    }
    if let Some(v) = f.brand_fit {
        c.brand_fit = v;
    }
    if let Some(typed) = f.expected_unit_cost {
        c.expected_unit_cost = amount(&typed, "--expected-unit-cost", lang)?;
    }
    if let Some(typed) = f.expected_price {
        c.expected_price = amount(&typed, "--expected-price", lang)?;
    }
    if let Some(codes) = f.personas {
        c.personas = codes
            .split([';', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
    }
    if let Some(notes) = f.notes {
        c.notes = notes;
    }
    Ok(c)
}
