//! The writers: one function per kind of [`Command`], each writing through a
//! [`Recorder`] so every row it touches is in the audit log. The command's own rules
//! were checked before (`Command::check`); a writer refuses only what the data says
//! (an unknown SKU, a batch that is not there, a name taken).

mod batches;
mod candidates;
mod catalog;
mod plans;
mod settings;

use rusqlite::{OptionalExtension, Transaction};

use crate::domain::command::{Command, Refusal};

use super::audit::Recorder;
use super::error::{refused, ChangeError};

/// Writes `cmd`, recording every row it touches.
pub(super) fn run(rec: &Recorder, cmd: &Command) -> Result<(), ChangeError> {
    match cmd {
        Command::Reclassify(r) => catalog::reclassify(rec, r),
        Command::MarkBatch(m) => batches::mark(rec, m),
        Command::EditBatch { id, spec } => batches::edit(rec, *id, spec),
        Command::SetBatchStatus { id, status } => batches::set_status(rec, *id, *status),
        Command::DeleteBatch { id } => batches::delete(rec, *id),
        Command::SaveCandidate { id, candidate } => candidates::save(rec, *id, candidate),
        Command::DeleteCandidate { id } => candidates::delete(rec, *id),
        Command::PromoteCandidate { id, sku } => candidates::promote(rec, *id, sku),
        Command::SavePlan { id, plan } => plans::save(rec, *id, plan),
        Command::DeletePlan { id } => plans::delete(rec, *id),
        Command::SavePersona { code, label } => candidates::save_persona(rec, code, label),
        Command::DeletePersona { code } => candidates::delete_persona(rec, code),
        Command::SetSettings { changes } => settings::set(rec, changes),
    }
}

/// The product id of a SKU code, refused when there is none.
fn product_id(tx: &Transaction, sku: &str) -> Result<i64, ChangeError> {
    tx.query_row("SELECT id FROM product WHERE sku = ?1", [sku], |r| r.get(0))
        .optional()?
        .ok_or_else(|| refused(Refusal::UnknownSku(sku.to_string())))
}

fn batch_exists(tx: &Transaction, id: i64) -> Result<(), ChangeError> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM clearance_batch WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| refused(Refusal::NoBatch(id)))
}

fn exists(tx: &Transaction, table: &str, id: i64) -> Result<(), ChangeError> {
    // `table` is a fixed name from this module.
    let found: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    found.map(|_| ()).ok_or_else(|| match table {
        "plan" => refused(Refusal::NoPlan(id)),
        "candidate" => refused(Refusal::NoCandidate(id)),
        other => ChangeError::Invalid(format!("no {other} #{id}")),
    })
}

fn next_id(tx: &Transaction, table: &str) -> rusqlite::Result<i64> {
    tx.query_row(
        &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
        [],
        |r| r.get(0),
    )
}
