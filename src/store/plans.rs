//! Writing clearance batches, candidates and plans (used by the demo builder now, and
//! by the app's forms).

use rusqlite::{params, OptionalExtension};

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

    pub fn insert_plan(&mut self, p: &Plan) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO plan (horizon, title, due_on, status, target_metric, target_value, batch_id, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    p.horizon.as_str(),
                    p.title,
                    p.due_on.map(|d| d.0),
                    p.status.as_str(),
                    p.target.as_ref().map(|t| t.metric.as_str()),
                    p.target.as_ref().map(|t| t.value.to_string()),
                    p.target.as_ref().and_then(|t| t.batch_id),
                    p.note
                ],
            )?;
            Ok(tx.last_insert_rowid())
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
