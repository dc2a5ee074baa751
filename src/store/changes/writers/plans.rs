//! Action plans: one saved (added or replaced) or deleted.

use rusqlite::params;
use serde_json::Value as Json;

use crate::domain::model::Plan;
use crate::store::changes::audit::{Audited, Recorder};
use crate::store::changes::error::ChangeError;

use super::{batch_exists, exists, next_id};

/// Adds (`id` None) or replaces a plan; the batch its target follows must exist.
pub(super) fn save(rec: &Recorder, id: Option<i64>, p: &Plan) -> Result<(), ChangeError> {
    let tx = rec.tx;
    if let Some(b) = p
        .target
        .as_ref()
        .filter(|t| t.metric.needs_batch())
        .and_then(|t| t.batch_id)
    {
        batch_exists(tx, b)?;
    }
    let id = match id {
        Some(id) => {
            exists(tx, "plan", id)?;
            id
        }
        None => next_id(tx, "plan")?,
    };
    let target = p.target.as_ref();
    rec.change(Audited::Plan, &[Json::from(id)], || {
        tx.execute(
            "INSERT INTO plan (id, horizon, title, due_on, status, target_metric, target_value, batch_id, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (id) DO UPDATE SET horizon = excluded.horizon, title = excluded.title,
                 due_on = excluded.due_on, status = excluded.status, target_metric = excluded.target_metric,
                 target_value = excluded.target_value, batch_id = excluded.batch_id, note = excluded.note",
            params![
                id,
                p.horizon.as_str(),
                p.title.trim(),
                p.due_on.map(|d| d.0),
                p.status.as_str(),
                target.map(|t| t.metric.as_str()),
                target.map(|t| t.value.to_string()),
                target.and_then(|t| t.batch_id),
                p.note
            ],
        )
        .map(|_| ())
    })?;
    Ok(())
}

pub(super) fn delete(rec: &Recorder, id: i64) -> Result<(), ChangeError> {
    let tx = rec.tx;
    exists(tx, "plan", id)?;
    rec.change(Audited::Plan, &[Json::from(id)], || {
        tx.execute("DELETE FROM plan WHERE id = ?1", [id])
            .map(|_| ())
    })?;
    Ok(())
}
