//! Clearance batches: a new batch or SKUs added to one, its settings edited, its
//! status moved, the batch deleted with its SKUs.

use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value as Json;

use crate::domain::command::{BatchRef, BatchSpec, MarkBatch, Refusal};
use crate::domain::model::BatchStatus;
use crate::store::changes::audit::{Audited, Recorder};
use crate::store::changes::error::{refused, ChangeError};

use super::{batch_exists, product_id};

/// Inserts (`insert`) or updates the batch row `id` from a spec.
fn write_spec(tx: &Transaction, id: i64, spec: &BatchSpec, insert: bool) -> rusqlite::Result<()> {
    let values = params![
        spec.name.trim(),
        spec.channel.as_str(),
        spec.starts_on.0,
        spec.ends_on.map(|d| d.0),
        spec.ladder.to_string(),
        spec.cash_target.micros() as i64,
        spec.status.as_str(),
        id
    ];
    let sql = if insert {
        "INSERT INTO clearance_batch (name, channel, starts_on, ends_on, ladder, cash_target, status, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    } else {
        "UPDATE clearance_batch SET name = ?1, channel = ?2, starts_on = ?3, ends_on = ?4, ladder = ?5,
         cash_target = ?6, status = ?7 WHERE id = ?8"
    };
    tx.execute(sql, values).map(|_| ())
}

fn name_taken(tx: &Transaction, name: &str, other_than: Option<i64>) -> rusqlite::Result<bool> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM clearance_batch WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some_and(|id| Some(id) != other_than))
}

/// A new batch, or an existing one, and SKUs put in it.
pub(super) fn mark(rec: &Recorder, m: &MarkBatch) -> Result<(), ChangeError> {
    let tx = rec.tx;
    let batch = match &m.batch {
        BatchRef::Existing(id) => {
            batch_exists(tx, *id)?;
            *id
        }
        BatchRef::New(spec) => {
            if name_taken(tx, &spec.name, None)? {
                return Err(refused(Refusal::BatchNameTaken(spec.name.clone())));
            }
            let next: i64 = tx.query_row(
                "SELECT coalesce(max(id), 0) + 1 FROM clearance_batch",
                [],
                |r| r.get(0),
            )?;
            rec.change(Audited::Batch, &[Json::from(next)], || {
                write_spec(tx, next, spec, true)
            })?;
            next
        }
    };
    for (sku, units) in &m.skus {
        let product = product_id(tx, sku)?;
        rec.change(
            Audited::BatchSku,
            &[Json::from(batch), Json::from(product)],
            || {
                tx.execute(
                    "INSERT INTO batch_sku (batch_id, product_id, units_to_clear) VALUES (?1, ?2, ?3)
                     ON CONFLICT (batch_id, product_id) DO UPDATE SET units_to_clear = excluded.units_to_clear",
                    params![batch, product, units],
                )
                .map(|_| ())
            },
        )?;
    }
    Ok(())
}

pub(super) fn edit(rec: &Recorder, id: i64, spec: &BatchSpec) -> Result<(), ChangeError> {
    let tx = rec.tx;
    batch_exists(tx, id)?;
    if name_taken(tx, &spec.name, Some(id))? {
        return Err(refused(Refusal::BatchNameOther(spec.name.clone())));
    }
    rec.change(Audited::Batch, &[Json::from(id)], || {
        write_spec(tx, id, spec, false)
    })?;
    Ok(())
}

pub(super) fn set_status(rec: &Recorder, id: i64, status: BatchStatus) -> Result<(), ChangeError> {
    let tx = rec.tx;
    batch_exists(tx, id)?;
    rec.change(Audited::Batch, &[Json::from(id)], || {
        tx.execute(
            "UPDATE clearance_batch SET status = ?2 WHERE id = ?1",
            params![id, status.as_str()],
        )
        .map(|_| ())
    })?;
    Ok(())
}

/// Deletes a batch and its SKUs; refused while a plan follows it.
pub(super) fn delete(rec: &Recorder, id: i64) -> Result<(), ChangeError> {
    let tx = rec.tx;
    batch_exists(tx, id)?;
    let plans: i64 = tx.query_row("SELECT count(*) FROM plan WHERE batch_id = ?1", [id], |r| {
        r.get(0)
    })?;
    if plans > 0 {
        return Err(refused(Refusal::BatchFollowed(plans)));
    }
    let members: Vec<i64> = tx
        .prepare("SELECT product_id FROM batch_sku WHERE batch_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for p in members {
        rec.change(Audited::BatchSku, &[Json::from(id), Json::from(p)], || {
            tx.execute(
                "DELETE FROM batch_sku WHERE batch_id = ?1 AND product_id = ?2",
                params![id, p],
            )
            .map(|_| ())
        })?;
    }
    rec.change(Audited::Batch, &[Json::from(id)], || {
        tx.execute("DELETE FROM clearance_batch WHERE id = ?1", [id])
            .map(|_| ())
    })?;
    Ok(())
}
