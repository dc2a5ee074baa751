//! Undo and redo: a change set's rows moved back to their "before" or on to their
//! "after", each row first found as the change left it — otherwise something else (an
//! import, another change, another program) changed it since, and the undo is refused
//! rather than clobbering that.

use rusqlite::{OptionalExtension, Transaction};
use serde_json::{Map, Value as Json};

use crate::domain::command::Refusal;
use crate::domain::history::{Row, Summary};
use crate::store::line_cache;
use crate::store::Store;

use super::audit::{as_recorded, internal, restore, snapshot, Audit, Audited, TableDef};
use super::error::{refused, ChangeError};

/// The change set an undo took back or a redo brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub id: i64,
    /// `change` (a user's change: catalog only) or `import`.
    pub kind: String,
    pub summary: Summary,
}

type ChangeRow = (String, String, Option<String>, Option<String>);

fn parse_obj(text: &Option<String>) -> Option<Map<String, Json>> {
    text.as_deref()
        .and_then(|t| serde_json::from_str::<Json>(t).ok())
        .and_then(|v| match v {
            Json::Object(m) => Some(m),
            _ => None,
        })
}

/// Moves every row of a change set from one side to the other, checking each row is
/// still as the other side says.
fn replay(
    tx: &Transaction,
    audit: &Audit,
    set: i64,
    summary: &Summary,
    forward: bool,
) -> std::result::Result<(), ChangeError> {
    let order = if forward { "ASC" } else { "DESC" };
    let rows: Vec<ChangeRow> = tx
        .prepare(&format!(
            "SELECT table_name, row_key, old_value, new_value FROM change WHERE change_set_id = ?1 ORDER BY id {order}"
        ))?
        .query_map([set], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, key, old, new) in rows {
        let t = audit.named(&name).ok_or_else(|| {
            ChangeError::Invalid(format!("unknown table {name} in the audit log"))
        })?;
        let key: Vec<Json> =
            serde_json::from_str(&key).map_err(|e| ChangeError::Invalid(e.to_string()))?;
        let (expect, target) = if forward {
            (parse_obj(&old), parse_obj(&new))
        } else {
            (parse_obj(&new), parse_obj(&old))
        };
        if !as_recorded(snapshot(tx, t, &key)?.as_ref(), expect.as_ref()) {
            let what = describe_row(tx, t, &key);
            return Err(ChangeError::Conflict {
                summary: summary.clone(),
                what,
            });
        }
        restore(tx, t, &key, target.as_ref())?;
    }
    Ok(())
}

fn describe_row(tx: &Transaction, t: &TableDef, key: &[Json]) -> Row {
    if t.table == Audited::Setting {
        if let Some(k) = key.first().and_then(Json::as_str) {
            return Row::Setting(k.to_string());
        }
    }
    let product = match t.table {
        Audited::Product | Audited::TierOverride => key.first(),
        Audited::BatchSku => key.get(1),
        _ => None,
    };
    if let Some(id) = product.and_then(Json::as_i64) {
        if let Ok(sku) = tx.query_row("SELECT sku FROM product WHERE id = ?1", [id], |r| {
            r.get::<_, String>(0)
        }) {
            return Row::Sku(sku);
        }
    }
    Row::Of(t.table.name().to_string())
}

/// Whether change set `id` recorded changed order lines (an import that changed lines
/// it did not add: undo and redo replay those).
fn touches_lines(tx: &rusqlite::Connection, id: i64) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM change WHERE change_set_id = ?1 AND table_name = 'order_line')",
        [id],
        |r| r.get(0),
    )
}

/// The columns of `order_line`, as the database has them: the lines an import added
/// move whole to `order_line_undone` and back.
fn line_columns(audit: &Audit) -> rusqlite::Result<String> {
    audit
        .table(Audited::OrderLine)
        .map(TableDef::column_list)
        .ok_or_else(|| internal(Audited::OrderLine))
}

impl Store {
    /// Undoes the latest change or import that is not undone; returns its summary.
    pub fn undo(&mut self) -> std::result::Result<Summary, ChangeError> {
        self.undo_set().map(|s| s.summary)
    }

    /// [`Store::undo`], saying which change set it took back.
    pub fn undo_set(&mut self) -> std::result::Result<Replayed, ChangeError> {
        let path = self.path.clone();
        self.undo_here(None).map_err(|e| e.at(&path))
    }

    /// [`Store::undo_set`] of change set `id` only: refused when another is the latest
    /// now (another program changed the database since the seller was asked about it).
    pub fn undo_exactly(&mut self, id: i64) -> std::result::Result<Replayed, ChangeError> {
        let path = self.path.clone();
        self.undo_here(Some(id)).map_err(|e| e.at(&path))
    }

    fn undo_here(&mut self, expect: Option<i64>) -> std::result::Result<Replayed, ChangeError> {
        self.check_writable()?;
        let (tx, audit) = self.begin_audited()?;
        let last: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, kind, summary FROM change_set WHERE undone = 0 ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (id, kind, summary) = last.ok_or(ChangeError::NothingToUndo)?;
        let summary = Summary::from_stored(&summary);
        if expect.is_some_and(|e| e != id) {
            return Err(refused(Refusal::HistoryMoved));
        }
        let import = kind == "import";
        match kind.as_str() {
            "change" => {}
            "import" => {
                line_cache::lines_changing(&tx)?;
                // Lines the import added (it changed the others: those have change rows)
                // wait in order_line_undone for a redo.
                let cols = line_columns(audit)?;
                tx.execute_batch(&format!(
                    "INSERT INTO order_line_undone (set_id, {cols})
                     SELECT {id}, {cols}
                     FROM order_line WHERE import_set = {id} AND NOT EXISTS (
                         SELECT 1 FROM change c WHERE c.change_set_id = {id} AND c.table_name = 'order_line'
                           AND c.row_key = json_array(order_line.order_id, order_line.line_no));
                     DELETE FROM order_line WHERE import_set = {id} AND NOT EXISTS (
                         SELECT 1 FROM change c WHERE c.change_set_id = {id} AND c.table_name = 'order_line'
                           AND c.row_key = json_array(order_line.order_id, order_line.line_no));"
                ))?;
            }
            _ => return Err(refused(Refusal::UndoDemo(summary))),
        }
        // `changes()`: the lines the DELETE above took away.
        let removed: i64 = tx.query_row("SELECT changes()", [], |r| r.get(0))?;
        replay(&tx, audit, id, &summary, false)?;
        if import {
            line_cache::lines_changed(&tx, removed > 0 || touches_lines(&tx, id)?)?;
        }
        tx.execute("UPDATE change_set SET undone = 1 WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(Replayed { id, kind, summary })
    }

    /// Redoes the earliest undone change or import; returns its summary.
    pub fn redo(&mut self) -> std::result::Result<Summary, ChangeError> {
        self.redo_set().map(|s| s.summary)
    }

    /// [`Store::redo`], saying which change set it brought back.
    pub fn redo_set(&mut self) -> std::result::Result<Replayed, ChangeError> {
        let path = self.path.clone();
        self.redo_here(None).map_err(|e| e.at(&path))
    }

    /// [`Store::redo_set`] of change set `id` only: refused when another is next now.
    pub fn redo_exactly(&mut self, id: i64) -> std::result::Result<Replayed, ChangeError> {
        let path = self.path.clone();
        self.redo_here(Some(id)).map_err(|e| e.at(&path))
    }

    fn redo_here(&mut self, expect: Option<i64>) -> std::result::Result<Replayed, ChangeError> {
        self.check_writable()?;
        let (tx, audit) = self.begin_audited()?;
        let next: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, kind, summary FROM change_set WHERE undone = 1 ORDER BY id ASC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (id, kind, summary) = next.ok_or(ChangeError::NothingToRedo)?;
        let summary = Summary::from_stored(&summary);
        if expect.is_some_and(|e| e != id) {
            return Err(refused(Refusal::HistoryMoved));
        }
        let import = kind == "import";
        if import {
            line_cache::lines_changing(&tx)?;
        }
        replay(&tx, audit, id, &summary, true)?;
        if import {
            let cols = line_columns(audit)?;
            tx.execute_batch(&format!(
                "INSERT INTO order_line ({cols})
                 SELECT {cols} FROM order_line_undone WHERE set_id = {id};
                 DELETE FROM order_line_undone WHERE set_id = {id};"
            ))?;
            // `changes()`: the rows the last DELETE took from order_line_undone, as many
            // as the INSERT brought back.
            let restored: i64 = tx.query_row("SELECT changes()", [], |r| r.get(0))?;
            line_cache::lines_changed(&tx, restored > 0 || touches_lines(&tx, id)?)?;
        }
        tx.execute("UPDATE change_set SET undone = 0 WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(Replayed { id, kind, summary })
    }
}
