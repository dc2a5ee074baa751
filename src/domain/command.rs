//! The seller's changes as values: what a form or a CLI call asks the store to apply in
//! one audited transaction.

use super::clearance::Ladder;
use super::dates::Day;
use super::model::{BatchChannel, BatchStatus, Lifecycle, Tier};
use super::money::Money;

/// A tier set by hand, or back to the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl Command {
    /// One line for the change history.
    pub fn summary(&self) -> String {
        let skus = |v: &[String]| match v {
            [one] => one.clone(),
            many => format!("{} SKUs", many.len()),
        };
        match self {
            Command::Reclassify(r) => {
                let mut parts = Vec::new();
                match r.tier {
                    Some(TierChoice::Auto) => parts.push("tier auto".to_string()),
                    Some(TierChoice::Set(t)) => parts.push(format!("tier {t}")),
                    None => {}
                }
                if let Some(l) = r.lifecycle {
                    parts.push(format!("lifecycle {}", l.as_str()));
                }
                if let Some(c) = &r.category {
                    parts.push(format!("category {c}"));
                }
                let why = if r.reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", r.reason)
                };
                format!("reclassify {}: {}{why}", skus(&r.skus), parts.join(", "))
            }
            Command::MarkBatch(m) => {
                let codes: Vec<String> = m.skus.iter().map(|(s, _)| s.clone()).collect();
                match &m.batch {
                    BatchRef::New(spec) => format!("new batch {} with {}", spec.name, skus(&codes)),
                    BatchRef::Existing(id) => format!("add {} to batch #{id}", skus(&codes)),
                }
            }
            Command::EditBatch { spec, .. } => format!("edit batch {}", spec.name),
            Command::SetBatchStatus { id, status } => {
                format!("batch #{id} status {}", status.as_str())
            }
            Command::DeleteBatch { id } => format!("delete batch #{id}"),
            Command::SaveCandidate {
                id: None,
                candidate,
            } => format!("add candidate {}", candidate.name),
            Command::SaveCandidate { candidate, .. } => {
                format!("edit candidate {}", candidate.name)
            }
            Command::DeleteCandidate { id } => format!("delete candidate #{id}"),
            Command::PromoteCandidate { id, sku } => {
                format!("promote candidate #{id} to SKU {sku}")
            }
            Command::SavePlan { id: None, plan } => format!("add plan {}", plan.title),
            Command::SavePlan { plan, .. } => {
                format!("edit plan {} ({})", plan.title, plan.status.as_str())
            }
            Command::DeletePlan { id } => format!("delete plan #{id}"),
            Command::SavePersona { code, label } => format!("persona {code}: {label}"),
            Command::DeletePersona { code } => format!("delete persona {code}"),
            Command::SetSettings { changes } => {
                let parts: Vec<String> = changes
                    .iter()
                    .map(|(key, value)| match value {
                        Some(v) => format!("{key} {v}"),
                        None => format!("{key} back to the config file"),
                    })
                    .collect();
                format!("settings: {}", parts.join(", "))
            }
        }
    }
}
