//! Reading the change history: one entry per change set, newest first, its summary as
//! data (`session::said` says it in the reader's language).

use crate::domain::history::Summary;
use crate::store::{Result, Store};

/// One entry of the change history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub at: String,
    pub kind: String,
    pub summary: Summary,
    pub undone: bool,
}

impl Store {
    /// The latest `limit` entries of the change history, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, at, kind, summary, undone FROM change_set ORDER BY id DESC LIMIT ?1",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(HistoryEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    kind: r.get(2)?,
                    summary: Summary::from_stored(&r.get::<_, String>(3)?),
                    undone: r.get::<_, i64>(4)? != 0,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql(e))?;
        Ok(rows)
    }
}
