//! The undo engine's ground: the tables a change may touch, a row's JSON before and
//! after, and writing a row back as it was.
//!
//! The audited tables and their keys are named here ([`Audited`]); their columns are
//! read from the database itself (`PRAGMA table_info`) when the store opens, after the
//! migrations, so a migration that adds a column is undone and redone with it and no
//! list has to be kept in step with the schema (`audit_tests.rs` holds the engine to
//! the schema). A row recorded before a column was added is compared and written back
//! on the columns it recorded; the others keep what they hold, or their default when
//! the row comes back.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value as Json};

/// A table whose rows changes and imports may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audited {
    Product,
    TierOverride,
    Batch,
    BatchSku,
    StockLot,
    Traffic,
    OrderLine,
    Candidate,
    Plan,
    Persona,
    Setting,
}

impl Audited {
    pub(crate) const ALL: [Audited; 11] = [
        Audited::Product,
        Audited::TierOverride,
        Audited::Batch,
        Audited::BatchSku,
        Audited::StockLot,
        Audited::Traffic,
        Audited::OrderLine,
        Audited::Candidate,
        Audited::Plan,
        Audited::Persona,
        Audited::Setting,
    ];

    /// Its name in the schema and in the audit log (`change.table_name`): a fixed
    /// identifier, never data.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Audited::Product => "product",
            Audited::TierOverride => "tier_override",
            Audited::Batch => "clearance_batch",
            Audited::BatchSku => "batch_sku",
            Audited::StockLot => "stock_lot",
            Audited::Traffic => "traffic",
            Audited::OrderLine => "order_line",
            Audited::Candidate => "candidate",
            Audited::Plan => "plan",
            Audited::Persona => "persona",
            Audited::Setting => "setting",
        }
    }

    /// Its key columns in the order a row's key is recorded (`change.row_key`, a JSON
    /// array): the audit log's contract with the files it was written in, so written
    /// here rather than read; the tests check it is the table's primary key.
    pub(crate) fn key(self) -> &'static [&'static str] {
        match self {
            Audited::Product
            | Audited::Batch
            | Audited::StockLot
            | Audited::Candidate
            | Audited::Plan => &["id"],
            Audited::TierOverride => &["product_id"],
            Audited::BatchSku => &["batch_id", "product_id"],
            Audited::Traffic => &["product_id", "day"],
            Audited::OrderLine => &["order_id", "line_no"],
            Audited::Persona => &["code"],
            Audited::Setting => &["key"],
        }
    }

    fn named(name: &str) -> Option<Audited> {
        Audited::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// An identifier in SQL: the schema's own names, quoted so that any name a migration
/// gives a column reads as one.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An audited table as the open database has it: its columns, and the query that
/// reads one row by its key.
pub(crate) struct TableDef {
    pub(crate) table: Audited,
    pub(crate) cols: Vec<String>,
    select: String,
}

impl TableDef {
    fn new(table: Audited, cols: Vec<String>) -> TableDef {
        let list: Vec<String> = cols.iter().map(|c| quoted(c)).collect();
        let select = format!(
            "SELECT {} FROM {} WHERE {}",
            list.join(", "),
            table.name(),
            where_key(table)
        );
        TableDef {
            table,
            cols,
            select,
        }
    }

    /// The table's columns, quoted and separated by commas (for SQL that moves whole
    /// rows, as undo does with an import's order lines).
    pub(crate) fn column_list(&self) -> String {
        self.cols
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The audited tables' columns, read from the database.
pub(crate) struct Audit {
    tables: Vec<TableDef>,
}

impl Audit {
    /// The columns of every audited table, from `PRAGMA table_info` (in the table's
    /// order); an empty list for a table the database does not have (yet).
    pub(crate) fn read(conn: &Connection) -> rusqlite::Result<Audit> {
        let mut tables = Vec::with_capacity(Audited::ALL.len());
        for t in Audited::ALL {
            tables.push(TableDef::new(t, columns(conn, t.name())?));
        }
        Ok(Audit { tables })
    }

    /// Before the database is read: no columns (a query made with it fails, it never
    /// writes a row short).
    pub(crate) fn unread() -> Audit {
        Audit {
            tables: Audited::ALL
                .into_iter()
                .map(|t| TableDef::new(t, Vec::new()))
                .collect(),
        }
    }

    pub(crate) fn table(&self, t: Audited) -> Option<&TableDef> {
        self.tables.iter().find(|d| d.table == t)
    }

    /// The table an audit log row names, if it is one changes may touch.
    pub(crate) fn named(&self, name: &str) -> Option<&TableDef> {
        Audited::named(name).and_then(|t| self.table(t))
    }
}

/// The error of an audited table missing from [`Audit`] (it holds every one).
pub(crate) fn internal(t: Audited) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL),
        Some(format!("{}: not among the audited tables read", t.name())),
    )
}

/// A table's columns in its own order (`PRAGMA table_info`).
pub(crate) fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare(&format!("PRAGMA table_info({})", quoted(table)))?
        .query_map([], |r| r.get::<_, String>("name"))?
        .collect()
}

/// A table's primary key columns, in the key's order.
#[cfg(test)]
pub(crate) fn primary_key(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut key: Vec<(i64, String)> = conn
        .prepare(&format!("PRAGMA table_info({})", quoted(table)))?
        .query_map([], |r| {
            Ok((r.get::<_, i64>("pk")?, r.get::<_, String>("name")?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    key.retain(|(pk, _)| *pk > 0);
    key.sort();
    Ok(key.into_iter().map(|(_, name)| name).collect())
}

pub(crate) fn to_json(v: ValueRef) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => Json::Null,
    }
}

fn to_sql(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0)), Value::Integer),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

fn where_key(t: Audited) -> String {
    t.key()
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{} = ?{}", quoted(k), i + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The row as a JSON object of its columns, `None` when it does not exist.
pub(crate) fn snapshot(
    tx: &Transaction,
    t: &TableDef,
    key: &[Json],
) -> rusqlite::Result<Option<Map<String, Json>>> {
    tx.prepare_cached(&t.select)?
        .query_row(params_from_iter(key.iter().map(to_sql)), |r| {
            let mut m = Map::new();
            for (i, c) in t.cols.iter().enumerate() {
                m.insert(c.clone(), to_json(r.get_ref(i)?));
            }
            Ok(m)
        })
        .optional()
}

/// Whether a row as it is now is as the audit log recorded it, on the columns it
/// recorded (a column added since was not there to record; one dropped since cannot
/// differ).
pub(crate) fn as_recorded(
    now: Option<&Map<String, Json>>,
    recorded: Option<&Map<String, Json>>,
) -> bool {
    match (now, recorded) {
        (None, None) => true,
        (Some(now), Some(recorded)) => recorded
            .iter()
            .all(|(c, v)| now.get(c).is_none_or(|n| n == v)),
        _ => false,
    }
}

/// Makes the row equal `target` (deleting it when `None`) on the columns `target`
/// has and the table has.
pub(crate) fn restore(
    tx: &Transaction,
    t: &TableDef,
    key: &[Json],
    target: Option<&Map<String, Json>>,
) -> rusqlite::Result<()> {
    let exists = snapshot(tx, t, key)?.is_some();
    let table = t.table;
    let cols = |row: &Map<String, Json>| -> Vec<(String, Value)> {
        t.cols
            .iter()
            .filter_map(|c| row.get(c).map(|v| (quoted(c), to_sql(v))))
            .collect()
    };
    match (exists, target) {
        (true, None) => {
            tx.execute(
                &format!("DELETE FROM {} WHERE {}", table.name(), where_key(table)),
                params_from_iter(key.iter().map(to_sql)),
            )?;
        }
        (false, Some(row)) => {
            let (names, values): (Vec<String>, Vec<Value>) = cols(row).into_iter().unzip();
            let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    table.name(),
                    names.join(", "),
                    marks.join(", ")
                ),
                params_from_iter(values),
            )?;
        }
        (true, Some(row)) => {
            let n = table.key().len();
            let (names, row_values): (Vec<String>, Vec<Value>) = cols(row).into_iter().unzip();
            let sets: Vec<String> = names
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", n + i + 1))
                .collect();
            if sets.is_empty() {
                return Ok(());
            }
            let mut values: Vec<Value> = key.iter().map(to_sql).collect();
            values.extend(row_values);
            tx.execute(
                &format!(
                    "UPDATE {} SET {} WHERE {}",
                    table.name(),
                    sets.join(", "),
                    where_key(table)
                ),
                params_from_iter(values),
            )?;
        }
        (false, None) => {}
    }
    Ok(())
}

/// Records every row touched while a command or an import runs.
pub(crate) struct Recorder<'a> {
    pub(crate) tx: &'a Transaction<'a>,
    pub(crate) set: i64,
    pub(crate) audit: &'a Audit,
}

/// A new change drops what was undone: history stays linear.
pub(crate) fn drop_redo(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM order_line_undone WHERE set_id IN (SELECT id FROM change_set WHERE undone = 1);
         DELETE FROM change_set WHERE undone = 1;",
    )
}

impl Recorder<'_> {
    fn def(&self, t: Audited) -> rusqlite::Result<&TableDef> {
        self.audit.table(t).ok_or_else(|| internal(t))
    }

    /// The row `key` of `t` as JSON, `None` when it does not exist.
    pub(crate) fn snapshot(
        &self,
        t: Audited,
        key: &[Json],
    ) -> rusqlite::Result<Option<Map<String, Json>>> {
        snapshot(self.tx, self.def(t)?, key)
    }

    /// Records a row's before and after when they differ.
    pub(crate) fn record(
        &self,
        t: Audited,
        key: &[Json],
        before: Option<Map<String, Json>>,
        after: Option<Map<String, Json>>,
    ) -> rusqlite::Result<()> {
        if before != after {
            self.tx
                .prepare_cached(
                    "INSERT INTO change (change_set_id, table_name, row_key, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    self.set,
                    t.name(),
                    Json::from(key.to_vec()).to_string(),
                    before.map(|m| Json::Object(m).to_string()),
                    after.map(|m| Json::Object(m).to_string())
                ])?;
        }
        Ok(())
    }

    /// Records the row `key` of `t`, just added.
    pub(crate) fn added(&self, t: Audited, key: &[Json]) -> rusqlite::Result<()> {
        self.record(t, key, None, self.snapshot(t, key)?)
    }

    /// Runs `f`, which changes the row `key` of `t`, and records its before and after.
    pub(crate) fn change(
        &self,
        t: Audited,
        key: &[Json],
        f: impl FnOnce() -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let before = self.snapshot(t, key)?;
        f()?;
        let after = self.snapshot(t, key)?;
        self.record(t, key, before, after)
    }
}
