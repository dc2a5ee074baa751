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

/// The change set an undo (or a redo) would replay next, for a question before it:
/// what it is, and the batch it changed (its name and SKUs) when it changed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    /// `change`, `import`, … (as the store records it).
    pub kind: String,
    pub summary: Summary,
    /// The name of the clearance batch the set changed, before or after it.
    pub batch: Option<String>,
    /// The batch's SKUs the set changed (added, removed, or put back).
    pub batch_skus: usize,
}

impl Store {
    /// What [`Store::undo`] would take back now, if anything.
    pub fn next_undo(&self) -> Result<Option<Pending>> {
        self.pending("undone = 0 ORDER BY id DESC")
    }

    /// What [`Store::redo`] would bring back now, if anything.
    pub fn next_redo(&self) -> Result<Option<Pending>> {
        self.pending("undone = 1 ORDER BY id ASC")
    }

    fn pending(&self, which: &str) -> Result<Option<Pending>> {
        use rusqlite::OptionalExtension;
        let read = || -> rusqlite::Result<Option<Pending>> {
            let Some((id, kind, summary)) = self
                .conn
                .query_row(
                    &format!("SELECT id, kind, summary FROM change_set WHERE {which} LIMIT 1"),
                    [],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                        ))
                    },
                )
                .optional()?
            else {
                return Ok(None);
            };
            let batch: Option<String> = self
                .conn
                .query_row(
                    "SELECT json_extract(coalesce(new_value, old_value), '$.name') FROM change
                     WHERE change_set_id = ?1 AND table_name = 'clearance_batch' ORDER BY id LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let batch_skus: i64 = self.conn.query_row(
                "SELECT count(*) FROM change WHERE change_set_id = ?1 AND table_name = 'batch_sku'",
                [id],
                |r| r.get(0),
            )?;
            Ok(Some(Pending {
                id,
                kind,
                summary: Summary::from_stored(&summary),
                batch,
                batch_skus: batch_skus.max(0) as usize,
            }))
        };
        read().map_err(|e| self.sql(e))
    }

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
