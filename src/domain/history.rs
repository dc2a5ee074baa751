//! What a change set did, and which row an undo found changed, as data: the store keeps
//! a [`Summary`] in the change history (as JSON) and each reader says it in their own
//! language (`i18n::history`), so a line is never frozen in the language of the session
//! that wrote it.
//!
//! The JSON is a stored format: a variant or a field may be added, never renamed. A row
//! written before the history was typed holds its line as text ([`Summary::Written`]),
//! shown as it was written.

use serde::{Deserialize, Serialize};

use super::command::{BatchRef, Command, TierChoice};
use super::model::{BatchStatus, Lifecycle, PlanStatus};

/// What one change set did: one line of the change history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Summary {
    Reclassify {
        skus: Vec<String>,
        tier: Option<TierChoice>,
        lifecycle: Option<Lifecycle>,
        category: Option<String>,
        reason: String,
    },
    NewBatch {
        name: String,
        skus: Vec<String>,
    },
    AddToBatch {
        id: i64,
        skus: Vec<String>,
    },
    EditBatch {
        name: String,
    },
    BatchStatus {
        id: i64,
        status: BatchStatus,
    },
    DeleteBatch {
        id: i64,
    },
    AddCandidate {
        name: String,
    },
    EditCandidate {
        name: String,
    },
    DeleteCandidate {
        id: i64,
    },
    Promote {
        id: i64,
        sku: String,
    },
    AddPlan {
        title: String,
    },
    EditPlan {
        title: String,
        status: PlanStatus,
    },
    DeletePlan {
        id: i64,
    },
    Persona {
        code: String,
        label: String,
    },
    DeletePersona {
        code: String,
    },
    /// `Some` sets a key, `None` drops the database's value.
    Settings {
        changes: Vec<(String, Option<String>)>,
    },
    /// An import of one file: its kind's machine name (`orders`) and what it did.
    Import {
        file_kind: String,
        file: String,
        added: usize,
        changed: usize,
        unchanged: usize,
    },
    /// A line stored as text: written before the history was typed (in the language of
    /// the session that wrote it), or by a newer skudesk in a form this one does not know.
    #[serde(skip)]
    Written(String),
}

impl Summary {
    /// What applying `cmd` does, as the history keeps it.
    pub fn of(cmd: &Command) -> Summary {
        match cmd {
            Command::Reclassify(r) => Summary::Reclassify {
                skus: r.skus.clone(),
                tier: r.tier,
                lifecycle: r.lifecycle,
                category: r.category.clone(),
                reason: r.reason.clone(),
            },
            Command::MarkBatch(m) => {
                let skus = m.skus.iter().map(|(s, _)| s.clone()).collect();
                match &m.batch {
                    BatchRef::New(spec) => Summary::NewBatch {
                        name: spec.name.clone(),
                        skus,
                    },
                    BatchRef::Existing(id) => Summary::AddToBatch { id: *id, skus },
                }
            }
            Command::EditBatch { spec, .. } => Summary::EditBatch {
                name: spec.name.clone(),
            },
            Command::SetBatchStatus { id, status } => Summary::BatchStatus {
                id: *id,
                status: *status,
            },
            Command::DeleteBatch { id } => Summary::DeleteBatch { id: *id },
            Command::SaveCandidate {
                id: None,
                candidate,
            } => Summary::AddCandidate {
                name: candidate.name.clone(),
            },
            Command::SaveCandidate { candidate, .. } => Summary::EditCandidate {
                name: candidate.name.clone(),
            },
            Command::DeleteCandidate { id } => Summary::DeleteCandidate { id: *id },
            Command::PromoteCandidate { id, sku } => Summary::Promote {
                id: *id,
                sku: sku.clone(),
            },
            Command::SavePlan { id: None, plan } => Summary::AddPlan {
                title: plan.title.clone(),
            },
            Command::SavePlan { plan, .. } => Summary::EditPlan {
                title: plan.title.clone(),
                status: plan.status,
            },
            Command::DeletePlan { id } => Summary::DeletePlan { id: *id },
            Command::SavePersona { code, label } => Summary::Persona {
                code: code.clone(),
                label: label.clone(),
            },
            Command::DeletePersona { code } => Summary::DeletePersona { code: code.clone() },
            Command::SetSettings { changes } => Summary::Settings {
                changes: changes.clone(),
            },
        }
    }

    /// The form the history keeps: JSON, or the text of a [`Summary::Written`] line.
    pub fn to_stored(&self) -> String {
        match self {
            Summary::Written(text) => text.clone(),
            // Strings, numbers and lists of them: serde_json cannot fail on these.
            typed => serde_json::to_string(typed).unwrap_or_default(),
        }
    }

    /// A stored line read back: typed when it is the JSON [`Summary::to_stored`] writes,
    /// else the text as it was written. (A line written as text never parses: it starts
    /// with a word, not `{`.)
    pub fn from_stored(text: &str) -> Summary {
        if text.starts_with('{') {
            if let Ok(typed) = serde_json::from_str::<Summary>(text) {
                return typed;
            }
        }
        Summary::Written(text.to_string())
    }
}

/// A row an undo or a redo would move, named for a person: what it found changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A setting, by its key.
    Setting(String),
    /// A product's row (or its tier override, or its place in a batch), by its SKU.
    Sku(String),
    /// Any other row, by its table's name in the database (`clearance_batch`).
    Of(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Tier;

    #[test]
    fn a_summary_is_stored_as_json_and_read_back_as_it_was() {
        let cases = [
            Summary::Reclassify {
                skus: vec!["A".into(), "B".into()],
                tier: Some(TierChoice::Set(Tier::High)),
                lifecycle: Some(Lifecycle::Core),
                category: None,
                reason: "slow".into(),
            },
            Summary::Reclassify {
                skus: vec!["A".into()],
                tier: Some(TierChoice::Auto),
                lifecycle: None,
                category: Some("hats".into()),
                reason: String::new(),
            },
            Summary::BatchStatus {
                id: 4,
                status: BatchStatus::Active,
            },
            Summary::EditPlan {
                title: "{not json".into(),
                status: PlanStatus::Doing,
            },
            Summary::Settings {
                changes: vec![
                    ("margin_floor".into(), Some("0.2".into())),
                    ("x".into(), None),
                ],
            },
            Summary::Import {
                file_kind: "orders".into(),
                file: "shop.csv".into(),
                added: 3,
                changed: 1,
                unchanged: 0,
            },
        ];
        for s in cases {
            let stored = s.to_stored();
            assert!(stored.starts_with("{\"what\":"), "{stored}");
            assert_eq!(Summary::from_stored(&stored), s, "{stored}");
        }
        let reclassify = Summary::Reclassify {
            skus: vec!["A".into()],
            tier: Some(TierChoice::Set(Tier::Low)),
            lifecycle: None,
            category: None,
            reason: String::new(),
        };
        assert_eq!(
            reclassify.to_stored(),
            r#"{"what":"reclassify","skus":["A"],"tier":{"set":"low"},"lifecycle":null,"category":null,"reason":""}"#
        );
    }

    #[test]
    fn a_line_written_as_text_reads_as_text() {
        for text in [
            "reclassify A: tier high",
            "重新分类 B：分层 高毛利",
            "",
            "{ not json",
            r#"{"what":"something_newer","x":1}"#,
        ] {
            assert_eq!(Summary::from_stored(text), Summary::Written(text.into()));
            assert_eq!(Summary::Written(text.into()).to_stored(), text);
        }
    }
}
