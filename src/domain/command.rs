//! The seller's changes as values: what a form or a CLI call asks the store to apply in
//! one audited transaction.

use serde::{Deserialize, Serialize};

use super::clearance::Ladder;
use super::dates::Day;
use super::history::Summary;
use super::model::{BatchChannel, BatchStatus, Lifecycle, Tier};
use super::money::Money;
use super::plan::TargetMetric;

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

/// Why the store refused a command, an undo or a redo: the rule it broke and the values
/// it names (data, the same in every language). A person reads it through `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnknownSku(String),
    BatchName,
    /// A batch name such as `#2` (see [`BatchSpec::name_reads_as_id`]), trimmed.
    BatchNameId(String),
    BatchEnds,
    CashNegative,
    BatchNameTaken(String),
    BatchNameOther(String),
    NoBatch(i64),
    /// Negative units to clear for this SKU.
    UnitsNegative(String),
    NoPlan(i64),
    NoCandidate(i64),
    CandidateName,
    Scores,
    CandidateNegative,
    UnknownPersona(String),
    SkuNeedsCode,
    AlreadySku,
    SkuExists(String),
    PlanTitle,
    MetricNeedsBatch(TargetMetric),
    PersonaCode,
    NoPersona(String),
    /// So many candidates match the persona `code`.
    PersonaUsed {
        candidates: i64,
        code: String,
    },
    NotASetting(String),
    /// So many plans follow the batch.
    BatchFollowed(i64),
    /// The change set replaced the demo data (or predates undo): not undoable.
    UndoDemo(Summary),
}
