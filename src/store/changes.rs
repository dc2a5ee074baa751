//! Applying a [`Command`] in one transaction with its audit rows, and undo/redo.
//!
//! Every row a command touches is recorded in `change` as its JSON before and after;
//! undo writes the "before" back, redo the "after". Before either, the row must still
//! be as the change left it — otherwise something else (an import, another change)
//! changed it since, and the undo is refused rather than clobbering that.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use serde_json::{Map, Value as Json};

use crate::domain::command::{
    BatchRef, BatchSpec, Command, MarkBatch, Reclassify, Refusal, TierChoice,
};
use crate::domain::history::{Row, Summary};

use super::line_cache;
use super::{now_text, Result, Store, StoreError};

/// A table whose rows changes may touch: its name, key columns and all columns.
/// Names here are fixed identifiers, never data.
pub(crate) struct TableDef {
    name: &'static str,
    key: &'static [&'static str],
    cols: &'static [&'static str],
}

pub(crate) const PRODUCT: TableDef = TableDef {
    name: "product",
    key: &["id"],
    cols: &[
        "id",
        "sku",
        "name",
        "category",
        "brand",
        "unit_cost",
        "list_price",
        "launched_on",
        "lifecycle",
        "tags",
    ],
};
const TIER_OVERRIDE: TableDef = TableDef {
    name: "tier_override",
    key: &["product_id"],
    cols: &["product_id", "tier", "reason", "set_at"],
};
const BATCH: TableDef = TableDef {
    name: "clearance_batch",
    key: &["id"],
    cols: &[
        "id",
        "name",
        "channel",
        "starts_on",
        "ends_on",
        "ladder",
        "cash_target",
        "status",
    ],
};
const BATCH_SKU: TableDef = TableDef {
    name: "batch_sku",
    key: &["batch_id", "product_id"],
    cols: &["batch_id", "product_id", "units_to_clear"],
};

pub(crate) const STOCK_LOT: TableDef = TableDef {
    name: "stock_lot",
    key: &["id"],
    cols: &["id", "product_id", "qty", "received_on", "unit_cost"],
};
pub(crate) const TRAFFIC: TableDef = TableDef {
    name: "traffic",
    key: &["product_id", "day"],
    cols: &["product_id", "day", "visitors"],
};
pub(crate) const ORDER_LINE: TableDef = TableDef {
    name: "order_line",
    key: &["order_id", "line_no"],
    cols: &[
        "order_id",
        "line_no",
        "product_id",
        "day",
        "ordered_at",
        "qty",
        "unit_price",
        "discount",
        "customer_id",
        "channel",
        "import_set",
    ],
};

pub(crate) const CANDIDATE: TableDef = TableDef {
    name: "candidate",
    key: &["id"],
    cols: &[
        "id",
        "name",
        "category",
        "market_growth_pct",
        "competitive_gap",
        "gap_note",
        "user_pain",
        "pain_note",
        "brand_fit",
        "expected_unit_cost",
        "expected_price",
        "personas",
        "notes",
        "product_id",
    ],
};
pub(crate) const PLAN: TableDef = TableDef {
    name: "plan",
    key: &["id"],
    cols: &[
        "id",
        "horizon",
        "title",
        "due_on",
        "status",
        "target_metric",
        "target_value",
        "batch_id",
        "note",
    ],
};

pub(crate) const PERSONA: TableDef = TableDef {
    name: "persona",
    key: &["code"],
    cols: &["code", "label"],
};

pub(crate) const SETTING: TableDef = TableDef {
    name: "setting",
    key: &["key"],
    cols: &["key", "value"],
};

const TABLES: [&TableDef; 11] = [
    &PRODUCT,
    &TIER_OVERRIDE,
    &BATCH,
    &BATCH_SKU,
    &STOCK_LOT,
    &TRAFFIC,
    &ORDER_LINE,
    &CANDIDATE,
    &PLAN,
    &PERSONA,
    &SETTING,
];

fn table(name: &str) -> Option<&'static TableDef> {
    TABLES.into_iter().find(|t| t.name == name)
}

/// Why a change, an undo or a redo did not happen, as data: `session::said` says it in
/// the reader's language (the store speaks none). `Display` is for logs only.
#[derive(Debug)]
pub enum ChangeError {
    NothingToUndo,
    NothingToRedo,
    /// A row the undo or redo would move was changed since, outside this history.
    Conflict {
        summary: Summary,
        what: Row,
    },
    /// What the change asks cannot be done (an unknown SKU, a batch without a name…).
    Refused(Refusal),
    /// The audit log is not as skudesk writes it, or a setting's value is refused (the
    /// app and the command line check settings first, in the session's language).
    Invalid(String),
    Store(StoreError),
}

impl std::fmt::Display for ChangeError {
    /// The database's and the audit log's errors as they are; the others by their data,
    /// for a log (a person is told through `session::said`, in their language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::NothingToUndo => f.write_str("nothing to undo"),
            ChangeError::NothingToRedo => f.write_str("nothing to redo"),
            ChangeError::Conflict { summary, what } => {
                write!(f, "undo refused: {what:?} was changed since {summary:?}")
            }
            ChangeError::Refused(why) => write!(f, "refused: {why:?}"),
            ChangeError::Invalid(text) => f.write_str(text),
            ChangeError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ChangeError {
    /// A database error is shown as its own (its text is this error's), and its causes
    /// follow it, as `#[error(transparent)]` would.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ChangeError::Store(e) => std::error::Error::source(e),
            _ => None,
        }
    }
}

impl From<StoreError> for ChangeError {
    fn from(e: StoreError) -> Self {
        ChangeError::Store(e)
    }
}

fn refused(why: Refusal) -> ChangeError {
    ChangeError::Refused(why)
}

/// A database error met inside a change, where the file is not at hand: the public
/// entry points ([`Store::apply`], [`Store::undo_set`], [`Store::redo_set`]) name it
/// ([`ChangeError::at`]) before the error leaves the store.
impl From<rusqlite::Error> for ChangeError {
    fn from(e: rusqlite::Error) -> Self {
        ChangeError::Store(StoreError::Sqlite {
            path: String::new(),
            source: e,
        })
    }
}

impl ChangeError {
    /// Names the database file in a database error made without it (see `From`), and
    /// says a lock held past the busy timeout as such.
    fn at(self, path: &str) -> ChangeError {
        match self {
            ChangeError::Store(StoreError::Sqlite { path: p, source }) if p.is_empty() => {
                ChangeError::Store(StoreError::sqlite(path, source))
            }
            other => other,
        }
    }
}

/// The change set an undo took back or a redo brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub id: i64,
    /// `change` (a user's change: catalog only) or `import`.
    pub kind: String,
    pub summary: Summary,
}

/// What [`Store::apply`] did: the history's summary of the command, and whether it
/// changed anything (when not, no history entry was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub summary: Summary,
    pub changed: bool,
}

/// One entry of the change history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub at: String,
    pub kind: String,
    pub summary: Summary,
    pub undone: bool,
}

fn to_json(v: ValueRef) -> Json {
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

fn where_key(t: &TableDef) -> String {
    t.key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The row as a JSON object of its columns, `None` when it does not exist.
pub(crate) fn snapshot(
    tx: &Transaction,
    t: &TableDef,
    key: &[Json],
) -> rusqlite::Result<Option<Map<String, Json>>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        t.cols.join(", "),
        t.name,
        where_key(t)
    );
    tx.prepare_cached(&sql)?
        .query_row(params_from_iter(key.iter().map(to_sql)), |r| {
            let mut m = Map::new();
            for (i, c) in t.cols.iter().enumerate() {
                m.insert((*c).to_string(), to_json(r.get_ref(i)?));
            }
            Ok(m)
        })
        .optional()
}

/// Makes the row equal `target` (deleting it when `None`).
fn restore(
    tx: &Transaction,
    t: &TableDef,
    key: &[Json],
    target: Option<&Map<String, Json>>,
) -> rusqlite::Result<()> {
    let exists = snapshot(tx, t, key)?.is_some();
    match (exists, target) {
        (true, None) => {
            tx.execute(
                &format!("DELETE FROM {} WHERE {}", t.name, where_key(t)),
                params_from_iter(key.iter().map(to_sql)),
            )?;
        }
        (false, Some(row)) => {
            let marks: Vec<String> = (1..=t.cols.len()).map(|i| format!("?{i}")).collect();
            let values: Vec<Value> = t
                .cols
                .iter()
                .map(|c| to_sql(row.get(*c).unwrap_or(&Json::Null)))
                .collect();
            tx.execute(
                &format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    t.name,
                    t.cols.join(", "),
                    marks.join(", ")
                ),
                params_from_iter(values),
            )?;
        }
        (true, Some(row)) => {
            let n = t.key.len();
            let sets: Vec<String> = t
                .cols
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", n + i + 1))
                .collect();
            let mut values: Vec<Value> = key.iter().map(to_sql).collect();
            values.extend(
                t.cols
                    .iter()
                    .map(|c| to_sql(row.get(*c).unwrap_or(&Json::Null))),
            );
            tx.execute(
                &format!(
                    "UPDATE {} SET {} WHERE {}",
                    t.name,
                    sets.join(", "),
                    where_key(t)
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
}

/// A new change drops what was undone: history stays linear.
pub(crate) fn drop_redo(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM order_line_undone WHERE set_id IN (SELECT id FROM change_set WHERE undone = 1);
         DELETE FROM change_set WHERE undone = 1;",
    )
}

impl Recorder<'_> {
    /// Records a row's before and after when they differ.
    pub(crate) fn record(
        &self,
        t: &TableDef,
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
                    t.name,
                    Json::from(key.to_vec()).to_string(),
                    before.map(|m| Json::Object(m).to_string()),
                    after.map(|m| Json::Object(m).to_string())
                ])?;
        }
        Ok(())
    }

    /// Runs `f`, which changes the row `key` of `t`, and records its before and after.
    /// Runs `f`, which changes the row `key` of `t`, and records its before and after.
    pub(crate) fn change(
        &self,
        t: &TableDef,
        key: &[Json],
        f: impl FnOnce() -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let before = snapshot(self.tx, t, key)?;
        f()?;
        let after = snapshot(self.tx, t, key)?;
        self.record(t, key, before, after)
    }
}

fn product_id(tx: &Transaction, sku: &str) -> std::result::Result<i64, ChangeError> {
    tx.query_row("SELECT id FROM product WHERE sku = ?1", [sku], |r| r.get(0))
        .optional()?
        .ok_or_else(|| refused(Refusal::UnknownSku(sku.to_string())))
}

fn reclassify(rec: &Recorder, r: &Reclassify) -> std::result::Result<(), ChangeError> {
    let tx = rec.tx;
    for sku in &r.skus {
        let id = product_id(tx, sku)?;
        let key = [Json::from(id)];
        if r.lifecycle.is_some() || r.category.is_some() {
            rec.change(&PRODUCT, &key, || {
                if let Some(l) = r.lifecycle {
                    tx.execute(
                        "UPDATE product SET lifecycle = ?2 WHERE id = ?1",
                        params![id, l.as_str()],
                    )?;
                }
                if let Some(c) = &r.category {
                    tx.execute(
                        "UPDATE product SET category = ?2 WHERE id = ?1",
                        params![id, c],
                    )?;
                }
                Ok(())
            })?;
        }
        match r.tier {
            None => {}
            Some(TierChoice::Auto) => rec.change(&TIER_OVERRIDE, &key, || {
                tx.execute("DELETE FROM tier_override WHERE product_id = ?1", [id]).map(|_| ())
            })?,
            Some(TierChoice::Set(tier)) => rec.change(&TIER_OVERRIDE, &key, || {
                tx.execute(
                    "INSERT INTO tier_override (product_id, tier, reason, set_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (product_id) DO UPDATE SET tier = excluded.tier, reason = excluded.reason, set_at = excluded.set_at",
                    params![id, tier.as_str(), r.reason, now_text()],
                )
                .map(|_| ())
            })?,
        }
    }
    Ok(())
}

fn check_spec(spec: &BatchSpec) -> std::result::Result<(), ChangeError> {
    if spec.name.trim().is_empty() {
        return Err(refused(Refusal::BatchName));
    }
    if spec.name_reads_as_id() {
        return Err(refused(Refusal::BatchNameId(spec.name.trim().to_string())));
    }
    if spec.ends_on.is_some_and(|e| e < spec.starts_on) {
        return Err(refused(Refusal::BatchEnds));
    }
    if spec.cash_target.micros() < 0 {
        return Err(refused(Refusal::CashNegative));
    }
    Ok(())
}

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

fn batch_exists(tx: &Transaction, id: i64) -> std::result::Result<(), ChangeError> {
    let found: Option<i64> = tx
        .query_row("SELECT id FROM clearance_batch WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| refused(Refusal::NoBatch(id)))
}

fn mark_batch(rec: &Recorder, m: &MarkBatch) -> std::result::Result<(), ChangeError> {
    let tx = rec.tx;
    let batch = match &m.batch {
        BatchRef::Existing(id) => {
            batch_exists(tx, *id)?;
            *id
        }
        BatchRef::New(spec) => {
            check_spec(spec)?;
            if name_taken(tx, &spec.name, None)? {
                return Err(refused(Refusal::BatchNameTaken(spec.name.clone())));
            }
            let next: i64 = tx.query_row(
                "SELECT coalesce(max(id), 0) + 1 FROM clearance_batch",
                [],
                |r| r.get(0),
            )?;
            rec.change(&BATCH, &[Json::from(next)], || {
                write_spec(tx, next, spec, true)
            })?;
            next
        }
    };
    for (sku, units) in &m.skus {
        if units.is_some_and(|u| u < 0) {
            return Err(refused(Refusal::UnitsNegative(sku.clone())));
        }
        let product = product_id(tx, sku)?;
        rec.change(&BATCH_SKU, &[Json::from(batch), Json::from(product)], || {
            tx.execute(
                "INSERT INTO batch_sku (batch_id, product_id, units_to_clear) VALUES (?1, ?2, ?3)
                 ON CONFLICT (batch_id, product_id) DO UPDATE SET units_to_clear = excluded.units_to_clear",
                params![batch, product, units],
            )
            .map(|_| ())
        })?;
    }
    Ok(())
}

fn exists(tx: &Transaction, table: &str, id: i64) -> std::result::Result<(), ChangeError> {
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

fn save_candidate(
    rec: &Recorder,
    id: Option<i64>,
    c: &crate::domain::model::Candidate,
) -> std::result::Result<(), ChangeError> {
    let tx = rec.tx;
    if c.name.trim().is_empty() {
        return Err(refused(Refusal::CandidateName));
    }
    if c.competitive_gap > 5 || c.user_pain > 5 || c.brand_fit > 5 {
        return Err(refused(Refusal::Scores));
    }
    if c.expected_unit_cost.micros() < 0 || c.expected_price.micros() < 0 {
        return Err(refused(Refusal::CandidateNegative));
    }
    for p in &c.personas {
        let known: Option<String> = tx
            .query_row("SELECT code FROM persona WHERE code = ?1", [p], |r| {
                r.get(0)
            })
            .optional()?;
        if known.is_none() {
            return Err(refused(Refusal::UnknownPersona(p.clone())));
        }
    }
    let id = match id {
        Some(id) => {
            exists(tx, "candidate", id)?;
            id
        }
        None => next_id(tx, "candidate")?,
    };
    rec.change(&CANDIDATE, &[Json::from(id)], || {
        tx.execute(
            "INSERT INTO candidate (id, name, category, market_growth_pct, competitive_gap, gap_note, user_pain,
                 pain_note, brand_fit, expected_unit_cost, expected_price, personas, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category,
                 market_growth_pct = excluded.market_growth_pct, competitive_gap = excluded.competitive_gap,
                 gap_note = excluded.gap_note, user_pain = excluded.user_pain, pain_note = excluded.pain_note,
                 brand_fit = excluded.brand_fit, expected_unit_cost = excluded.expected_unit_cost,
                 expected_price = excluded.expected_price, personas = excluded.personas, notes = excluded.notes",
            params![
                id,
                c.name.trim(),
                c.category.trim(),
                c.market_growth_pct.to_string(),
                c.competitive_gap,
                c.gap_note,
                c.user_pain,
                c.pain_note,
                c.brand_fit,
                c.expected_unit_cost.micros() as i64,
                c.expected_price.micros() as i64,
                c.personas.join(";"),
                c.notes
            ],
        )
        .map(|_| ())
    })?;
    Ok(())
}

fn promote(rec: &Recorder, id: i64, sku: &str) -> std::result::Result<(), ChangeError> {
    let tx = rec.tx;
    let sku = sku.trim();
    if sku.is_empty() {
        return Err(refused(Refusal::SkuNeedsCode));
    }
    let row: Option<(String, String, i64, i64, Option<i64>)> = tx
        .query_row(
            "SELECT name, category, expected_unit_cost, expected_price, product_id FROM candidate WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (name, category, cost, price, promoted) =
        row.ok_or_else(|| refused(Refusal::NoCandidate(id)))?;
    if promoted.is_some() {
        return Err(refused(Refusal::AlreadySku));
    }
    let taken: Option<i64> = tx
        .query_row("SELECT id FROM product WHERE sku = ?1", [sku], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(refused(Refusal::SkuExists(sku.to_string())));
    }
    let product = next_id(tx, "product")?;
    rec.change(&PRODUCT, &[Json::from(product)], || {
        tx.execute(
            "INSERT INTO product (id, sku, name, category, unit_cost, list_price, lifecycle) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'new')",
            params![product, sku, name, category, cost, price],
        )
        .map(|_| ())
    })?;
    rec.change(&CANDIDATE, &[Json::from(id)], || {
        tx.execute(
            "UPDATE candidate SET product_id = ?2 WHERE id = ?1",
            params![id, product],
        )
        .map(|_| ())
    })?;
    Ok(())
}

fn save_plan(
    rec: &Recorder,
    id: Option<i64>,
    p: &crate::domain::model::Plan,
) -> std::result::Result<(), ChangeError> {
    let tx = rec.tx;
    if p.title.trim().is_empty() {
        return Err(refused(Refusal::PlanTitle));
    }
    if let Some(t) = &p.target {
        if t.metric.needs_batch() {
            let Some(b) = t.batch_id else {
                return Err(refused(Refusal::MetricNeedsBatch(t.metric)));
            };
            batch_exists(tx, b)?;
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
    rec.change(&PLAN, &[Json::from(id)], || {
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

fn run(rec: &Recorder, cmd: &Command) -> std::result::Result<(), ChangeError> {
    let tx = rec.tx;
    match cmd {
        Command::Reclassify(r) => reclassify(rec, r),
        Command::MarkBatch(m) => mark_batch(rec, m),
        Command::EditBatch { id, spec } => {
            batch_exists(tx, *id)?;
            check_spec(spec)?;
            if name_taken(tx, &spec.name, Some(*id))? {
                return Err(refused(Refusal::BatchNameOther(spec.name.clone())));
            }
            rec.change(&BATCH, &[Json::from(*id)], || {
                write_spec(tx, *id, spec, false)
            })?;
            Ok(())
        }
        Command::SetBatchStatus { id, status } => {
            batch_exists(tx, *id)?;
            rec.change(&BATCH, &[Json::from(*id)], || {
                tx.execute(
                    "UPDATE clearance_batch SET status = ?2 WHERE id = ?1",
                    params![id, status.as_str()],
                )
                .map(|_| ())
            })?;
            Ok(())
        }
        Command::SaveCandidate { id, candidate } => save_candidate(rec, *id, candidate),
        Command::DeleteCandidate { id } => {
            exists(tx, "candidate", *id)?;
            rec.change(&CANDIDATE, &[Json::from(*id)], || {
                tx.execute("DELETE FROM candidate WHERE id = ?1", [id])
                    .map(|_| ())
            })?;
            Ok(())
        }
        Command::PromoteCandidate { id, sku } => promote(rec, *id, sku),
        Command::SavePlan { id, plan } => save_plan(rec, *id, plan),
        Command::DeletePlan { id } => {
            exists(tx, "plan", *id)?;
            rec.change(&PLAN, &[Json::from(*id)], || {
                tx.execute("DELETE FROM plan WHERE id = ?1", [id])
                    .map(|_| ())
            })?;
            Ok(())
        }
        Command::SavePersona { code, label } => {
            let code = code.trim();
            if code.is_empty()
                || !code
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return Err(refused(Refusal::PersonaCode));
            }
            rec.change(&PERSONA, &[Json::from(code)], || {
                tx.execute(
                    "INSERT INTO persona (code, label) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE SET label = excluded.label",
                    params![code, label.trim()],
                )
                .map(|_| ())
            })?;
            Ok(())
        }
        Command::DeletePersona { code } => {
            let known: i64 = tx.query_row(
                "SELECT count(*) FROM persona WHERE code = ?1",
                [code],
                |r| r.get(0),
            )?;
            if known == 0 {
                return Err(refused(Refusal::NoPersona(code.clone())));
            }
            let used: i64 = tx.query_row(
                "SELECT count(*) FROM candidate WHERE ';' || personas || ';' LIKE '%;' || ?1 || ';%'",
                [code],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(refused(Refusal::PersonaUsed {
                    candidates: used,
                    code: code.clone(),
                }));
            }
            rec.change(&PERSONA, &[Json::from(code.as_str())], || {
                tx.execute("DELETE FROM persona WHERE code = ?1", [code])
                    .map(|_| ())
            })?;
            Ok(())
        }
        Command::SetSettings { changes } => set_settings(rec, changes),
        Command::DeleteBatch { id } => {
            batch_exists(tx, *id)?;
            let plans: i64 =
                tx.query_row("SELECT count(*) FROM plan WHERE batch_id = ?1", [id], |r| {
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
                rec.change(&BATCH_SKU, &[Json::from(*id), Json::from(p)], || {
                    tx.execute(
                        "DELETE FROM batch_sku WHERE batch_id = ?1 AND product_id = ?2",
                        params![id, p],
                    )
                    .map(|_| ())
                })?;
            }
            rec.change(&BATCH, &[Json::from(*id)], || {
                tx.execute("DELETE FROM clearance_batch WHERE id = ?1", [id])
                    .map(|_| ())
            })?;
            Ok(())
        }
    }
}

/// Stores (or drops) settings; each value is checked on its own here, their relations
/// (and the config file's part) by the caller that knows the whole picture.
fn set_settings(
    rec: &Recorder,
    changes: &[(String, Option<String>)],
) -> std::result::Result<(), ChangeError> {
    let tx = rec.tx;
    let mut probe = crate::domain::settings::Settings::default();
    for (key, value) in changes {
        if !crate::domain::settings::SCALAR_KEYS.contains(&key.as_str()) {
            return Err(refused(Refusal::NotASetting(key.clone())));
        }
        let stored = match value {
            Some(v) => {
                probe.set(key, v).map_err(ChangeError::Invalid)?;
                // Kept as the config file would write it: `20%` is stored as `0.2`.
                probe.get(key)
            }
            None => None,
        };
        rec.change(&SETTING, &[Json::from(key.as_str())], || {
            match &stored {
                Some(v) => tx.execute(
                    "INSERT INTO setting (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, v],
                ),
                None => tx.execute("DELETE FROM setting WHERE key = ?1", [key]),
            }
            .map(|_| ())
        })?;
    }
    Ok(())
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
        let t = table(&name).ok_or_else(|| {
            ChangeError::Invalid(format!("unknown table {name} in the audit log"))
        })?;
        let key: Vec<Json> =
            serde_json::from_str(&key).map_err(|e| ChangeError::Invalid(e.to_string()))?;
        let (expect, target) = if forward {
            (parse_obj(&old), parse_obj(&new))
        } else {
            (parse_obj(&new), parse_obj(&old))
        };
        if snapshot(tx, t, &key)? != expect {
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
    if t.name == "setting" {
        if let Some(k) = key.first().and_then(Json::as_str) {
            return Row::Setting(k.to_string());
        }
    }
    let product = match t.name {
        "product" | "tier_override" => key.first(),
        "batch_sku" => key.get(1),
        _ => None,
    };
    if let Some(id) = product.and_then(Json::as_i64) {
        if let Ok(sku) = tx.query_row("SELECT sku FROM product WHERE id = ?1", [id], |r| {
            r.get::<_, String>(0)
        }) {
            return Row::Sku(sku);
        }
    }
    Row::Of(t.name.to_string())
}

impl Store {
    /// Applies a command in one transaction with its audit rows; returns its summary.
    /// Redo history after an undo is dropped: history stays linear.
    pub fn apply(&mut self, cmd: &Command) -> std::result::Result<Applied, ChangeError> {
        let path = self.path.clone();
        self.apply_here(cmd).map_err(|e| e.at(&path))
    }

    fn apply_here(&mut self, cmd: &Command) -> std::result::Result<Applied, ChangeError> {
        self.check_writable()?;
        let summary = Summary::of(cmd);
        let tx = self.begin_write()?;
        drop_redo(&tx)?;
        tx.execute(
            "INSERT INTO change_set (at, kind, summary) VALUES (?1, 'change', ?2)",
            params![now_text(), summary.to_stored()],
        )?;
        let set = tx.last_insert_rowid();
        run(&Recorder { tx: &tx, set }, cmd)?;
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

    /// Undoes the latest change or import that is not undone; returns its summary.
    pub fn undo(&mut self) -> std::result::Result<Summary, ChangeError> {
        self.undo_set().map(|s| s.summary)
    }

    /// [`Store::undo`], saying which change set it took back.
    pub fn undo_set(&mut self) -> std::result::Result<Replayed, ChangeError> {
        let path = self.path.clone();
        self.undo_here().map_err(|e| e.at(&path))
    }

    fn undo_here(&mut self) -> std::result::Result<Replayed, ChangeError> {
        self.check_writable()?;
        let tx = self.begin_write()?;
        let last: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, kind, summary FROM change_set WHERE undone = 0 ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (id, kind, summary) = last.ok_or(ChangeError::NothingToUndo)?;
        let summary = Summary::from_stored(&summary);
        let import = kind == "import";
        match kind.as_str() {
            "change" => {}
            "import" => {
                line_cache::lines_changing(&tx)?;
                // Lines the import added (it changed the others: those have change rows)
                // wait in order_line_undone for a redo.
                tx.execute_batch(&format!(
                    "INSERT INTO order_line_undone
                     SELECT {id}, order_id, line_no, product_id, day, ordered_at, qty, unit_price, discount,
                            customer_id, channel, import_set
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
        replay(&tx, id, &summary, false)?;
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
        self.redo_here().map_err(|e| e.at(&path))
    }

    fn redo_here(&mut self) -> std::result::Result<Replayed, ChangeError> {
        self.check_writable()?;
        let tx = self.begin_write()?;
        let next: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, kind, summary FROM change_set WHERE undone = 1 ORDER BY id ASC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (id, kind, summary) = next.ok_or(ChangeError::NothingToRedo)?;
        let summary = Summary::from_stored(&summary);
        let import = kind == "import";
        if import {
            line_cache::lines_changing(&tx)?;
        }
        replay(&tx, id, &summary, true)?;
        if import {
            tx.execute_batch(&format!(
                "INSERT INTO order_line (order_id, line_no, product_id, day, ordered_at, qty, unit_price, discount,
                                         customer_id, channel, import_set)
                 SELECT order_id, line_no, product_id, day, ordered_at, qty, unit_price, discount, customer_id,
                        channel, import_set FROM order_line_undone WHERE set_id = {id};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::{parse_date, Day};
    use crate::domain::model::{BatchChannel, BatchStatus, Lifecycle, Tier};
    use crate::domain::money::Money;
    use crate::import::native;

    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let products = b"sku,name,category,unit_cost,list_price\nA,Hat,hats,10,20\nB,Case,cases,5,6\nC,Tee,apparel,8,9\n";
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        s
    }

    fn day(s: &str) -> Day {
        Day::from_date(parse_date(s).unwrap())
    }

    fn spec(name: &str) -> BatchSpec {
        BatchSpec {
            name: name.into(),
            channel: BatchChannel::TieredDiscount,
            starts_on: day("2025-11-01"),
            ends_on: Some(day("2025-11-11")),
            ladder: "10%@3d,20%".parse().unwrap(),
            cash_target: "600.00".parse::<Money>().unwrap(),
            status: BatchStatus::Planned,
        }
    }

    fn tiers(s: &Store) -> Vec<(String, Option<Tier>, Option<Lifecycle>)> {
        s.load()
            .unwrap()
            .products
            .into_iter()
            .map(|p| (p.sku, p.tier_override, p.lifecycle))
            .collect()
    }

    #[test]
    fn reclassify_undo_redo_round_trip() {
        let mut s = store();
        let before = tiers(&s);
        let cmd = Command::Reclassify(Reclassify {
            skus: vec!["A".into(), "B".into()],
            tier: Some(TierChoice::Set(Tier::Low)),
            lifecycle: Some(Lifecycle::Clearance),
            category: None,
            reason: "overstock".into(),
        });
        s.apply(&cmd).unwrap();
        let after = tiers(&s);
        assert_eq!(
            after[0],
            ("A".into(), Some(Tier::Low), Some(Lifecycle::Clearance))
        );
        assert_eq!(after[1].1, Some(Tier::Low));
        assert_eq!(after[2], before[2]);
        assert_eq!(s.undo().unwrap(), Summary::of(&cmd));
        assert_eq!(tiers(&s), before);
        // Next on the stack is the products import itself.
        assert!(matches!(
            s.undo().unwrap(),
            Summary::Import { file_kind, file, .. } if file_kind == "products" && file == "p.csv"
        ));
        assert!(s.load().unwrap().products.is_empty());
        assert!(matches!(s.undo(), Err(ChangeError::NothingToUndo)));
        s.redo().unwrap();
        assert_eq!(tiers(&s), before);
        s.redo().unwrap();
        assert_eq!(tiers(&s), after);
        assert!(matches!(s.redo(), Err(ChangeError::NothingToRedo)));
        let h = s.history(10).unwrap();
        assert_eq!(h[0].summary, Summary::of(&cmd));
        assert!(!h[0].undone);
    }

    #[test]
    fn a_batch_with_skus_is_one_change_and_undoes_whole() {
        let mut s = store();
        s.apply(&Command::MarkBatch(MarkBatch {
            batch: BatchRef::New(spec("Double-11")),
            skus: vec![("A".into(), Some(40)), ("C".into(), None)],
        }))
        .unwrap();
        let ds = s.load().unwrap();
        assert_eq!(ds.batches.len(), 1);
        assert_eq!(ds.batches[0].skus.len(), 2);
        assert_eq!(ds.batches[0].ladder.to_string(), "10%@3d,20%");
        let id = ds.batches[0].id;
        s.apply(&Command::MarkBatch(MarkBatch {
            batch: BatchRef::Existing(id),
            skus: vec![("B".into(), Some(5))],
        }))
        .unwrap();
        assert_eq!(s.load().unwrap().batches[0].skus.len(), 3);
        s.undo().unwrap();
        assert_eq!(s.load().unwrap().batches[0].skus.len(), 2);
        s.undo().unwrap();
        assert!(s.load().unwrap().batches.is_empty());
        s.redo().unwrap();
        s.redo().unwrap();
        assert_eq!(s.load().unwrap().batches[0].skus.len(), 3);
        // Delete, then undo brings the batch and its SKUs back.
        s.apply(&Command::DeleteBatch { id }).unwrap();
        assert!(s.load().unwrap().batches.is_empty());
        s.undo().unwrap();
        let back = s.load().unwrap();
        assert_eq!(back.batches[0].skus.len(), 3);
        assert_eq!(back.batches[0].name, "Double-11");
    }

    #[test]
    fn a_new_change_drops_the_redo_history() {
        let mut s = store();
        let set = |t| {
            Command::Reclassify(Reclassify {
                skus: vec!["A".into()],
                tier: Some(TierChoice::Set(t)),
                lifecycle: None,
                category: None,
                reason: String::new(),
            })
        };
        s.apply(&set(Tier::Low)).unwrap();
        s.undo().unwrap();
        s.apply(&set(Tier::High)).unwrap();
        assert!(matches!(s.redo(), Err(ChangeError::NothingToRedo)));
        assert_eq!(tiers(&s)[0].1, Some(Tier::High));
    }

    #[test]
    fn undo_refuses_when_the_row_was_changed_outside_skudesk_since() {
        let mut s = store();
        s.apply(&Command::Reclassify(Reclassify {
            skus: vec!["A".into()],
            tier: None,
            lifecycle: None,
            category: Some("clearance-bin".into()),
            reason: String::new(),
        }))
        .unwrap();
        // Another tool edits the row behind skudesk's back.
        s.conn
            .execute(
                "UPDATE product SET unit_cost = 11000000 WHERE sku = 'A'",
                [],
            )
            .unwrap();
        let before = s.load().unwrap().products[0].clone();
        let err = s.undo().unwrap_err();
        // What a person reads of it, in either language: `session::said`'s tests.
        match &err {
            ChangeError::Conflict { summary, what } => {
                assert_eq!(*what, Row::Sku("A".into()));
                assert!(
                    matches!(summary, Summary::Reclassify { category: Some(c), .. } if c == "clearance-bin"),
                    "{summary:?}"
                );
            }
            other => panic!("{other}"),
        }
        assert_eq!(
            s.load().unwrap().products[0],
            before,
            "a refused undo changes nothing"
        );
        let done = s.apply(&Command::DeleteBatch { id: 99 }).unwrap_err();
        assert!(
            matches!(done, ChangeError::Refused(Refusal::NoBatch(99))),
            "{done}"
        );
    }

    #[test]
    fn bad_commands_are_refused_and_leave_no_history() {
        let mut s = store();
        let unknown = Command::Reclassify(Reclassify {
            skus: vec!["NOPE".into()],
            tier: Some(TierChoice::Auto),
            lifecycle: None,
            category: None,
            reason: String::new(),
        });
        assert!(matches!(
            s.apply(&unknown),
            Err(ChangeError::Refused(Refusal::UnknownSku(sku))) if sku == "NOPE"
        ));
        let mut bad = spec("x");
        bad.ends_on = Some(day("2025-10-01"));
        assert!(s
            .apply(&Command::MarkBatch(MarkBatch {
                batch: BatchRef::New(bad),
                skus: vec![]
            }))
            .is_err());
        s.apply(&Command::MarkBatch(MarkBatch {
            batch: BatchRef::New(spec("dup")),
            skus: vec![],
        }))
        .unwrap();
        assert!(s
            .apply(&Command::MarkBatch(MarkBatch {
                batch: BatchRef::New(spec("dup")),
                skus: vec![]
            }))
            .is_err());
        assert_eq!(
            s.history(10)
                .unwrap()
                .iter()
                .filter(|h| h.kind == "change")
                .count(),
            1
        );
    }

    #[test]
    fn undo_survives_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let mut s = Store::open(&path).unwrap();
            let products = b"sku,unit_cost\nA,1\n";
            s.import_products(&native::products("p.csv", products).unwrap(), false)
                .unwrap();
            s.apply(&Command::Reclassify(Reclassify {
                skus: vec!["A".into()],
                tier: Some(TierChoice::Set(Tier::High)),
                lifecycle: None,
                category: None,
                reason: "r".into(),
            }))
            .unwrap();
        }
        let mut s = Store::open(&path).unwrap();
        assert_eq!(tiers(&s)[0].1, Some(Tier::High));
        s.undo().unwrap();
        drop(s);
        let mut s = Store::open(&path).unwrap();
        assert_eq!(tiers(&s)[0].1, None);
        s.redo().unwrap();
        assert_eq!(tiers(&s)[0].1, Some(Tier::High));
    }
}

#[cfg(test)]
mod import_undo_tests {
    use super::*;
    use crate::import::native;

    fn dump(s: &Store) -> Vec<String> {
        let mut out = Vec::new();
        for t in [
            "product",
            "stock_lot",
            "order_line",
            "traffic",
            "sale_order",
            "customer",
        ] {
            let cols = if t == "order_line" {
                "order_id, line_no, product_id, day, qty, unit_price, discount, customer_id, channel"
            } else {
                "*"
            };
            let mut stmt = s
                .conn
                .prepare(&format!("SELECT {cols} FROM {t} ORDER BY 1, 2"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| to_json(r.get_ref(i).unwrap()).to_string())
                        .collect();
                    Ok(format!("{t}: {}", cells.join(",")))
                })
                .unwrap();
            out.extend(rows.map(|r| r.unwrap()));
        }
        out
    }

    #[test]
    fn every_kind_of_import_undoes_and_redoes_exactly() {
        let mut s = Store::open_in_memory().unwrap();
        let products = b"sku,name,unit_cost,list_price\nA,Hat,10,20\nB,Case,5,6\n";
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        let orders = b"order_id,ordered_at,sku,qty,unit_price,customer_id\n1,2025-09-01,A,2,20,C1\n1,2025-09-01,NEW,1,3,C1\n2,2025-09-02,B,1,6,C2\n";
        let stock = b"sku,qty,received_on\nA,5,2025-08-01\nA,3,2025-08-15\n";
        let traffic = b"sku,date,visitors\nA,2025-09-01,10\n";
        s.import_stock(&native::stock("s.csv", stock).unwrap(), false)
            .unwrap();
        s.import_traffic(&native::traffic("t.csv", traffic).unwrap(), false)
            .unwrap();
        let before_orders = dump(&s);
        s.import_orders(&native::orders("o.csv", orders).unwrap(), false)
            .unwrap();
        let after_orders = dump(&s);
        assert!(after_orders
            .iter()
            .any(|r| r.starts_with("product") && r.contains("NEW")));
        // A second file changes one line and one product, replaces A's lots, and a day of traffic.
        let changed =
            b"order_id,ordered_at,sku,qty,unit_price,customer_id\n1,2025-09-01,A,3,20,C1\n";
        s.import_orders(&native::orders("o2.csv", changed).unwrap(), false)
            .unwrap();
        s.import_products(
            &native::products("p2.csv", b"sku,name,unit_cost\nB,Case v2,5\n").unwrap(),
            false,
        )
        .unwrap();
        s.import_stock(
            &native::stock("s2.csv", b"sku,qty,received_on\nA,1,2025-09-10\n").unwrap(),
            false,
        )
        .unwrap();
        s.import_traffic(
            &native::traffic(
                "t2.csv",
                b"sku,date,visitors\nA,2025-09-01,12\nA,2025-09-02,4\n",
            )
            .unwrap(),
            false,
        )
        .unwrap();
        let latest = dump(&s);
        for _ in 0..4 {
            s.undo().unwrap();
        }
        assert_eq!(
            dump(&s),
            after_orders,
            "four undos: back to just after the first orders file"
        );
        s.undo().unwrap();
        assert_eq!(
            dump(&s)
                .into_iter()
                .filter(|r| !r.starts_with("sale_order") && !r.starts_with("customer"))
                .collect::<Vec<_>>(),
            before_orders
                .into_iter()
                .filter(|r| !r.starts_with("sale_order") && !r.starts_with("customer"))
                .collect::<Vec<_>>(),
            "the orders file undone: its lines and the product it created are gone"
        );
        for _ in 0..5 {
            s.redo().unwrap();
        }
        assert_eq!(dump(&s), latest, "redo brings every file back");
    }

    #[test]
    fn reimporting_the_same_file_adds_no_history_and_keeps_redo() {
        let mut s = Store::open_in_memory().unwrap();
        let products = b"sku,unit_cost\nA,1\n";
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        s.import_products(
            &native::products("p2.csv", b"sku,unit_cost\nB,1\n").unwrap(),
            false,
        )
        .unwrap();
        s.undo().unwrap();
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        assert_eq!(s.history(10).unwrap().len(), 2);
        s.redo().unwrap();
        assert_eq!(s.load().unwrap().products.len(), 2);
    }

    #[test]
    fn the_import_that_replaced_the_demo_cannot_be_undone() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::fill(&mut s).unwrap();
        s.import_products(
            &native::products("mine.csv", b"sku,unit_cost\nMINE,1\n").unwrap(),
            false,
        )
        .unwrap();
        let err = s.undo().unwrap_err();
        assert!(
            matches!(err, ChangeError::Refused(Refusal::UndoDemo(_))),
            "{err}"
        );
        assert_eq!(s.load().unwrap().products.len(), 1);
    }
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
