//! Action plans: one saved (added or replaced) or deleted.

use rusqlite::{params, OptionalExtension};
use serde_json::Value as Json;

use crate::domain::command::Refusal;
use crate::domain::model::Plan;
use crate::store::changes::audit::{Audited, Recorder};
use crate::store::changes::error::{refused, ChangeError};

use super::{batch_exists, exists, next_id};

/// Adds (`id` None) or replaces a plan; the batch its target follows must exist, and
/// the category a category's figure follows must be one a product has. Its baseline is
/// as given (the one computed when it was made, or typed): never due to be computed.
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
    // Kept only for the metric that reads it.
    let category = p
        .target
        .as_ref()
        .filter(|t| t.metric.needs_category())
        .and_then(|t| t.category.as_deref())
        .map(str::trim);
    if let Some(name) = category {
        let found: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM product WHERE trim(category) = ?1 LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_none() {
            return Err(refused(Refusal::UnknownCategory(name.to_string())));
        }
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
            "INSERT INTO plan (id, horizon, title, due_on, status, target_metric, target_value, batch_id, note,
                               starts_on, baseline, category, baseline_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0)
             ON CONFLICT (id) DO UPDATE SET horizon = excluded.horizon, title = excluded.title,
                 due_on = excluded.due_on, status = excluded.status, target_metric = excluded.target_metric,
                 target_value = excluded.target_value, batch_id = excluded.batch_id, note = excluded.note,
                 starts_on = excluded.starts_on, baseline = excluded.baseline,
                 category = excluded.category, baseline_due = 0",
            params![
                id,
                p.horizon.as_str(),
                p.title.trim(),
                p.due_on.map(|d| d.0),
                p.status.as_str(),
                target.map(|t| t.metric.as_str()),
                target.map(|t| t.value.to_string()),
                target.and_then(|t| t.batch_id),
                p.note,
                p.start.map(|d| d.0),
                p.baseline.map(|b| b.normalize().to_string()),
                category
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
