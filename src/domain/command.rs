//! The seller's changes as values: what a form or a CLI call asks the store to apply in
//! one audited transaction, and their rules, in one place: [`Command::check`].
//!
//! The rules are what a command must be before anything writes it — a name, dates in
//! order, discounts 0–99 %, scores 0–5, amounts and units not negative, a persona code
//! of one word, settings skudesk keeps and in range. The form that builds a command,
//! the command line and the store all call [`Command::check`], and each says a broken
//! rule in its own words (a form names its field; the command line its argument). What
//! only the data can tell (an unknown SKU, a batch name taken, a candidate promoted
//! already) is the store's to refuse, and the schema's `CHECK` constraints stay as the
//! last line.

use serde::{Deserialize, Serialize};

use super::clearance::{discount_in_range, Ladder};
use super::dates::Day;
use super::history::Summary;
use super::model::{BatchChannel, BatchStatus, Candidate, Lifecycle, Plan, Tier};
use super::money::Money;
use super::plan::TargetMetric;
use super::settings::{Settings, SCALAR_KEYS};

/// A tier set by hand, or back to the computed one. (Kept in the change history as
/// `"auto"` or `{"set": "high"}`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TierChoice {
    Auto,
    Set(Tier),
}

impl std::str::FromStr for TierChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(TierChoice::Auto),
            other => other
                .parse::<Tier>()
                .map(TierChoice::Set)
                .map_err(|_| format!("unknown tier {s:?} (high, mid, low, unclassified, auto)")),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reclassify {
    pub skus: Vec<String>,
    pub tier: Option<TierChoice>,
    pub lifecycle: Option<Lifecycle>,
    pub category: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchSpec {
    pub name: String,
    pub channel: BatchChannel,
    pub starts_on: Day,
    pub ends_on: Option<Day>,
    pub ladder: Ladder,
    pub cash_target: Money,
    pub status: BatchStatus,
}

impl BatchSpec {
    /// A name such as `#2` reads as a batch's id wherever a batch is named by `#N`
    /// (`skudesk batch add '#2' …`): such a name would point at another batch.
    pub fn name_reads_as_id(&self) -> bool {
        let name = self.name.trim();
        name.strip_prefix('#')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum BatchRef {
    Existing(i64),
    New(BatchSpec),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarkBatch {
    pub batch: BatchRef,
    /// SKU and units to clear (`None`: all on hand).
    pub skus: Vec<(String, Option<i64>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Reclassify(Reclassify),
    MarkBatch(MarkBatch),
    EditBatch {
        id: i64,
        spec: BatchSpec,
    },
    SetBatchStatus {
        id: i64,
        status: BatchStatus,
    },
    DeleteBatch {
        id: i64,
    },
    /// Adds (`id` None) or replaces a new-product candidate.
    SaveCandidate {
        id: Option<i64>,
        candidate: Box<super::model::Candidate>,
    },
    DeleteCandidate {
        id: i64,
    },
    /// Makes a candidate a real SKU (lifecycle new, its cost and price carried over).
    PromoteCandidate {
        id: i64,
        sku: String,
    },
    /// Adds (`id` None) or replaces an action plan.
    SavePlan {
        id: Option<i64>,
        plan: Box<super::model::Plan>,
    },
    DeletePlan {
        id: i64,
    },
    /// Adds or renames a persona.
    SavePersona {
        code: String,
        label: String,
    },
    DeletePersona {
        code: String,
    },
    /// Stores settings in the database (they win over the config file): `Some` sets a
    /// key (`margin_floor` → `0.2`), `None` drops the database's value for it.
    SetSettings {
        changes: Vec<(String, Option<String>)>,
    },
}

/// Why a command, an undo or a redo is refused: the rule it broke and the values it
/// names (data, the same in every language) — a rule of the command itself
/// ([`Command::check`]) or what the store found in the data. A person reads it through
/// `i18n`, in the words of the form or the command line that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnknownSku(String),
    /// A reclassify that sets no tier, lifecycle or category.
    NothingToChange,
    BatchName,
    /// A batch name such as `#2` (see [`BatchSpec::name_reads_as_id`]), trimmed.
    BatchNameId(String),
    BatchEnds,
    /// A step of the discount ladder (its number, from 1) outside 0–99 %.
    LadderStep(usize),
    CashNegative,
    BatchNameTaken(String),
    BatchNameOther(String),
    NoBatch(i64),
    /// Negative units to clear for this SKU.
    UnitsNegative {
        sku: String,
        units: i64,
    },
    NoPlan(i64),
    NoCandidate(i64),
    CandidateName,
    /// A score above [`MAX_SCORE`].
    Score(CandidateScore),
    /// A negative expected cost or price.
    CandidateNegative(CandidateAmount),
    UnknownPersona(String),
    SkuNeedsCode,
    AlreadySku,
    SkuExists(String),
    PlanTitle,
    MetricNeedsBatch(TargetMetric),
    /// A metric of one category without the category.
    MetricNeedsCategory(TargetMetric),
    /// A start or a baseline (other than 0) for a plan that follows a clearance batch:
    /// it starts with the batch, from 0.
    PlanFollowsBatch,
    /// A category no product has (trimmed).
    UnknownCategory(String),
    PersonaCode,
    NoPersona(String),
    /// So many candidates match the persona `code`.
    PersonaUsed {
        candidates: i64,
        code: String,
    },
    NotASetting(String),
    /// A setting's value of the wrong kind or out of range, as `Settings::set` says it
    /// (in English, naming the key).
    SettingValue(String),
    /// So many plans follow the batch.
    BatchFollowed(i64),
    /// The change set replaced the demo data (or predates undo): not undoable.
    UndoDemo(Summary),
}

// ── The rules ───────────────────────────────────────────────────────────────────────

/// One of a candidate's 0–5 scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateScore {
    Gap,
    Pain,
    Fit,
}

/// One of a candidate's expected amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateAmount {
    Cost,
    Price,
}

/// The highest score a candidate's gap, pain and fit take.
pub const MAX_SCORE: u8 = 5;

impl Command {
    /// The first rule the command breaks (in the order a form shows its fields), or
    /// `Ok` when it keeps them all.
    pub fn check(&self) -> Result<(), Refusal> {
        match self {
            Command::Reclassify(r) => r.check(),
            Command::MarkBatch(m) => m.check(),
            Command::EditBatch { spec, .. } => spec.check(),
            Command::SaveCandidate { candidate, .. } => candidate.check(),
            Command::PromoteCandidate { sku, .. } => {
                if sku.trim().is_empty() {
                    return Err(Refusal::SkuNeedsCode);
                }
                Ok(())
            }
            Command::SavePlan { plan, .. } => plan.check(),
            Command::SavePersona { code, .. } => {
                let code = code.trim();
                let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
                if code.is_empty() || !code.chars().all(word) {
                    return Err(Refusal::PersonaCode);
                }
                Ok(())
            }
            Command::SetSettings { changes } => {
                for (key, value) in changes {
                    match value {
                        Some(v) => setting_as_stored(key, v).map(|_| ())?,
                        None if !SCALAR_KEYS.contains(&key.as_str()) => {
                            return Err(Refusal::NotASetting(key.clone()))
                        }
                        None => {}
                    }
                }
                Ok(())
            }
            Command::SetBatchStatus { .. }
            | Command::DeleteBatch { .. }
            | Command::DeleteCandidate { .. }
            | Command::DeletePlan { .. }
            | Command::DeletePersona { .. } => Ok(()),
        }
    }
}

impl Reclassify {
    /// Something to change: a tier, a lifecycle or a category.
    pub fn check(&self) -> Result<(), Refusal> {
        if self.tier.is_none() && self.lifecycle.is_none() && self.category.is_none() {
            return Err(Refusal::NothingToChange);
        }
        Ok(())
    }
}

impl BatchSpec {
    /// A name that is not a batch number, an end not before the start, each ladder
    /// step's discount 0–99 %, a cash target not negative.
    pub fn check(&self) -> Result<(), Refusal> {
        if self.name.trim().is_empty() {
            return Err(Refusal::BatchName);
        }
        if self.name_reads_as_id() {
            return Err(Refusal::BatchNameId(self.name.trim().to_string()));
        }
        if self.ends_on.is_some_and(|e| e < self.starts_on) {
            return Err(Refusal::BatchEnds);
        }
        if let Some(n) = self
            .ladder
            .0
            .iter()
            .position(|s| !discount_in_range(s.discount))
        {
            return Err(Refusal::LadderStep(n + 1));
        }
        if self.cash_target.micros() < 0 {
            return Err(Refusal::CashNegative);
        }
        Ok(())
    }
}

impl MarkBatch {
    /// A new batch's settings, and units to clear not negative.
    pub fn check(&self) -> Result<(), Refusal> {
        if let BatchRef::New(spec) = &self.batch {
            spec.check()?;
        }
        for (sku, units) in &self.skus {
            if let Some(units) = units.filter(|u| *u < 0) {
                return Err(Refusal::UnitsNegative {
                    sku: sku.clone(),
                    units,
                });
            }
        }
        Ok(())
    }
}

impl Candidate {
    /// A name, scores 0–5, expected cost and price not negative.
    pub fn check(&self) -> Result<(), Refusal> {
        if self.name.trim().is_empty() {
            return Err(Refusal::CandidateName);
        }
        for (score, value) in [
            (CandidateScore::Gap, self.competitive_gap),
            (CandidateScore::Pain, self.user_pain),
            (CandidateScore::Fit, self.brand_fit),
        ] {
            if value > MAX_SCORE {
                return Err(Refusal::Score(score));
            }
        }
        for (amount, value) in [
            (CandidateAmount::Cost, self.expected_unit_cost),
            (CandidateAmount::Price, self.expected_price),
        ] {
            if value.micros() < 0 {
                return Err(Refusal::CandidateNegative(amount));
            }
        }
        Ok(())
    }
}

impl Plan {
    /// A title; a batch for a target that follows one, and then no start or baseline of
    /// its own (it starts with the batch, from 0); a category for a category's figure.
    pub fn check(&self) -> Result<(), Refusal> {
        if self.title.trim().is_empty() {
            return Err(Refusal::PlanTitle);
        }
        if let Some(t) = &self.target {
            if t.metric.needs_batch() {
                if t.batch_id.is_none() {
                    return Err(Refusal::MetricNeedsBatch(t.metric));
                }
                if self.start.is_some() || self.baseline.is_some_and(|b| !b.is_zero()) {
                    return Err(Refusal::PlanFollowsBatch);
                }
            }
            let named = t.category.as_deref().is_some_and(|c| !c.trim().is_empty());
            if t.metric.needs_category() && !named {
                return Err(Refusal::MetricNeedsCategory(t.metric));
            }
        }
        Ok(())
    }
}

/// A setting's value as the database keeps it (as the config file would write it:
/// `20%` is kept as `0.2`), or why it cannot be kept: not a setting the database keeps,
/// or a value of the wrong kind or out of range (each value on its own: how values fit
/// together, with the config file's, is for the caller that knows them all).
pub fn setting_as_stored(key: &str, value: &str) -> Result<String, Refusal> {
    if !SCALAR_KEYS.contains(&key) {
        return Err(Refusal::NotASetting(key.to_string()));
    }
    let mut probe = Settings::default();
    probe.set(key, value).map_err(Refusal::SettingValue)?;
    probe
        .get(key)
        .ok_or_else(|| Refusal::NotASetting(key.to_string()))
}

#[cfg(test)]
#[path = "command_tests.rs"]
mod tests;
