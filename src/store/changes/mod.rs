//! Applying a [`Command`] in one transaction with its audit rows, and undo/redo.
//!
//! Every row a command touches is recorded in `change` as its JSON before and after;
//! undo writes the "before" back, redo the "after". Before either, the row must still
//! be as the change left it — otherwise something else (an import, another change)
//! changed it since, and the undo is refused rather than clobbering that.
//!
//! - `audit.rs`: the engine — the audited tables (their columns read from the schema),
//!   a row's JSON, writing a row back, the [`Recorder`](audit::Recorder) every writer
//!   and import writes through;
//! - `writers/`: one writer per kind of command;
//! - `undo.rs`: undo and redo;
//! - `history.rs`: reading the history;
//! - `error.rs`: why a change, an undo or a redo did not happen.

pub(crate) mod audit;
mod error;
mod history;
mod undo;
mod writers;

#[cfg(test)]
mod audit_tests;
#[cfg(test)]
mod tests;

use rusqlite::params;

use crate::domain::command::Command;
use crate::domain::history::Summary;

use super::{now_text, Store};
use audit::{drop_redo, Recorder};

pub use error::ChangeError;
pub use history::{HistoryEntry, Pending};
pub use undo::Replayed;

/// What [`Store::apply`] did: the history's summary of the command, and whether it
/// changed anything (when not, no history entry was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub summary: Summary,
    pub changed: bool,
}

impl Store {
    /// Applies a command in one transaction with its audit rows; returns its summary.
    /// The command's own rules are checked first ([`Command::check`]); the writers
    /// refuse what the data says. Redo history after an undo is dropped: history stays
    /// linear.
    pub fn apply(&mut self, cmd: &Command) -> Result<Applied, ChangeError> {
        let path = self.path.clone();
        self.apply_here(cmd).map_err(|e| e.at(&path))
    }

    fn apply_here(&mut self, cmd: &Command) -> Result<Applied, ChangeError> {
        self.check_writable()?;
        cmd.check().map_err(ChangeError::Refused)?;
        let summary = Summary::of(cmd);
        let (tx, audit) = self.begin_audited()?;
        drop_redo(&tx)?;
        tx.execute(
            "INSERT INTO change_set (at, kind, summary) VALUES (?1, 'change', ?2)",
            params![now_text(), summary.to_stored()],
        )?;
        let set = tx.last_insert_rowid();
        writers::run(
            &Recorder {
                tx: &tx,
                set,
                audit,
            },
            cmd,
        )?;
        let rows: i64 = tx.query_row(
            "SELECT count(*) FROM change WHERE change_set_id = ?1",
            [set],
            |r| r.get(0),
        )?;
        if rows == 0 {
            // Nothing changed (e.g. the tier was already that): no history entry.
            tx.rollback()?;
            return Ok(Applied {
                summary,
                changed: false,
            });
        }
        tx.commit()?;
        Ok(Applied {
            summary,
            changed: true,
        })
    }
}
