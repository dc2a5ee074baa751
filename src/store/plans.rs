//! Writing clearance batches, candidates and plans (used by the demo builder now, and
//! by the app's forms).

use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;

use crate::domain::dates::Day;
use crate::domain::model::{Candidate, ClearanceBatch, Plan};

use super::{Result, Store};

impl Store {
    /// Inserts a batch and its SKUs (given by SKU code); returns the batch id.
    pub fn insert_batch(
        &mut self,
        b: &ClearanceBatch,
        skus: &[(String, Option<i64>)],
    ) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO clearance_batch (name, channel, starts_on, ends_on, ladder, cash_target, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    b.name,
                    b.channel.as_str(),
                    b.starts_on.0,
                    b.ends_on.map(|d| d.0),
                    b.ladder.to_string(),
                    b.cash_target.micros() as i64,
                    b.status.as_str()
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (sku, units) in skus {
                let product: Option<i64> =
                    tx.query_row("SELECT id FROM product WHERE sku = ?1", [sku], |r| r.get(0)).optional()?;
                if let Some(product) = product {
                    tx.execute(
                        "INSERT OR REPLACE INTO batch_sku (batch_id, product_id, units_to_clear) VALUES (?1, ?2, ?3)",
                        params![id, product, units],
                    )?;
                }
            }
            Ok(id)
        })
    }

    pub fn insert_candidate(&mut self, c: &Candidate) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO candidate (name, category, market_growth_pct, competitive_gap, gap_note, user_pain,
                 pain_note, brand_fit, expected_unit_cost, expected_price, personas, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    c.name,
                    c.category,
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
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Inserts a plan as given (the demo's). A plan with a start and a target of its own
    /// but no baseline has its baseline computed on the next open (it needs a review
    /// with the settings in force: see [`Store::plans_due_a_baseline`]).
    pub fn insert_plan(&mut self, p: &Plan) -> Result<i64> {
        let target = p.target.as_ref();
        let due = target.is_some_and(|t| !t.metric.needs_batch())
            && p.start.is_some()
            && p.baseline.is_none();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO plan (horizon, title, due_on, status, target_metric, target_value, batch_id, note,
                                   starts_on, baseline, category, baseline_due)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    p.horizon.as_str(),
                    p.title,
                    p.due_on.map(|d| d.0),
                    p.status.as_str(),
                    target.map(|t| t.metric.as_str()),
                    target.map(|t| t.value.to_string()),
                    target.and_then(|t| t.batch_id),
                    p.note,
                    p.start.map(|d| d.0),
                    p.baseline.map(|b| b.normalize().to_string()),
                    target.and_then(|t| t.category.as_deref()),
                    due
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The plans whose baseline is still to be computed, with their start day: plans
    /// made before skudesk kept baselines (migration 7), one an undo brought back as
    /// it was recorded then, and the demo's. On a writable file, such a plan without a
    /// start is first given one by the migration's rule (`schema::plan_starts!`). The
    /// caller computes each baseline (a review as of the start, with the settings in
    /// force) and keeps it with [`Store::save_plan_baselines`].
    pub fn plans_due_a_baseline(&mut self) -> Result<Vec<(i64, Option<Day>)>> {
        let due = |c: &rusqlite::Connection| -> rusqlite::Result<Vec<(i64, Option<Day>)>> {
            c.prepare("SELECT id, starts_on FROM plan WHERE baseline_due = 1 ORDER BY id")?
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get::<_, Option<i32>>(1)?.map(Day)))
                })?
                .collect()
        };
        let found = due(&self.conn).map_err(|e| self.sql(e))?;
        let startless = found.iter().any(|(_, start)| start.is_none());
        if !startless || self.read_only().is_some() {
            return Ok(found);
        }
        // Only a completion: a file that cannot take it now (busy, full) gets it on a
        // later open, and the plans without a start get no baseline meanwhile.
        Ok(self
            .write(|tx| {
                tx.execute_batch(super::schema::plan_starts!())?;
                due(tx)
            })
            .unwrap_or(found))
    }

    /// Keeps the baselines computed for the plans [`Store::plans_due_a_baseline`]
    /// gave (`None`: the metric was undefined at the start), in one transaction. Not a
    /// change of the seller's: it completes the migration, so it is not in the history
    /// (the audit log's rows of these plans were recorded before the columns existed,
    /// and undo compares and restores only the columns it recorded).
    pub fn save_plan_baselines(&mut self, baselines: &[(i64, Option<Decimal>)]) -> Result<()> {
        if baselines.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "UPDATE plan SET baseline = ?2, baseline_due = 0 WHERE id = ?1 AND baseline_due = 1",
            )?;
            for (id, baseline) in baselines {
                stmt.execute(params![id, baseline.map(|b| b.normalize().to_string())])?;
            }
            Ok(())
        })
    }

    pub fn batch_id(&self, name: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT id FROM clearance_batch WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    pub(crate) fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
            Ok(())
        })
    }
}

impl Store {
    /// Marks the database as holding the built-in demo data.
    pub fn mark_demo(&mut self) -> crate::store::Result<()> {
        self.set_meta("demo", "1")
    }
}
