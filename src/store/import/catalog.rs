//! The rows an import keys by SKU: products (found, created, or updated from a products
//! file), a SKU's stock lots, and its traffic days.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value as Json;

use crate::domain::dates::Day;
use crate::import::native::{ProductRow, StockRow, TrafficRow};
use crate::store::changes::audit::{Audited, Recorder};

use super::{micros, ImportSummary};

/// Finds or creates products by SKU; created ones have no cost ("cost missing").
pub(super) struct Products {
    ids: HashMap<String, i64>,
    pub(super) created: usize,
}

impl Products {
    pub(super) fn new() -> Self {
        Products {
            ids: HashMap::new(),
            created: 0,
        }
    }

    pub(super) fn id(
        &mut self,
        rec: &Recorder,
        sku: &str,
        name: Option<&str>,
    ) -> rusqlite::Result<i64> {
        if let Some(&id) = self.ids.get(sku) {
            return Ok(id);
        }
        let tx = rec.tx;
        let id = match product_id(tx, sku)? {
            Some(id) => id,
            None => {
                tx.prepare_cached("INSERT INTO product (sku, name) VALUES (?1, ?2)")?
                    .execute(params![sku, name.unwrap_or("")])?;
                self.created += 1;
                let id = tx.last_insert_rowid();
                let key = [Json::from(id)];
                rec.added(Audited::Product, &key)?;
                id
            }
        };
        self.ids.insert(sku.to_string(), id);
        Ok(id)
    }
}

impl Default for Products {
    fn default() -> Self {
        Products::new()
    }
}

fn product_id(tx: &Transaction, sku: &str) -> rusqlite::Result<Option<i64>> {
    tx.prepare_cached("SELECT id FROM product WHERE sku = ?1")?
        .query_row([sku], |r| r.get(0))
        .optional()
}

type ProductValues = (
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i32>,
    Option<String>,
    String,
    Option<i64>,
);

pub(super) fn upsert_product(
    rec: &Recorder,
    row: &ProductRow,
    s: &mut ImportSummary,
) -> rusqlite::Result<()> {
    let tx = rec.tx;
    let old: Option<(i64, ProductValues)> = tx
        .prepare_cached(
            "SELECT id, name, category, brand, unit_cost, list_price, launched_on, lifecycle, tags, lead_time_days FROM product WHERE sku = ?1",
        )?
        .query_row([&row.sku], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?)))
        })
        .optional()?;
    let base = old.as_ref().map(|(_, v)| v.clone()).unwrap_or_default();
    // A column the file does not have keeps what is stored; an empty cell is the default.
    let new: ProductValues = (
        row.name.clone().unwrap_or(base.0),
        row.category.clone().unwrap_or(base.1),
        row.brand.clone().unwrap_or(base.2),
        row.unit_cost.map(micros),
        row.list_price.map_or(base.4, |v| v.map(micros)),
        row.launched_on.map_or(base.5, |v| v.map(|d| d.0)),
        row.lifecycle
            .map_or(base.6, |v| v.map(|l| l.as_str().to_string())),
        row.tags.as_ref().map_or(base.7, |t| t.join(";")),
        row.lead_time_days.map_or(base.8, |v| v.map(i64::from)),
    );
    match old {
        None => {
            tx.prepare_cached(
                "INSERT INTO product (sku, name, category, brand, unit_cost, list_price, launched_on, lifecycle, tags, lead_time_days)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![row.sku, new.0, new.1, new.2, new.3, new.4, new.5, new.6, new.7, new.8])?;
            let key = [Json::from(tx.last_insert_rowid())];
            rec.added(Audited::Product, &key)?;
            s.added += 1;
        }
        Some((_, ref old_values)) if *old_values == new => s.unchanged += 1,
        Some((id, _)) => {
            rec.change(Audited::Product, &[Json::from(id)], || {
                tx.prepare_cached(
                    "UPDATE product SET name = ?2, category = ?3, brand = ?4, unit_cost = ?5, list_price = ?6,
                     launched_on = ?7, lifecycle = ?8, tags = ?9, lead_time_days = ?10 WHERE id = ?1",
                )?
                .execute(params![id, new.0, new.1, new.2, new.3, new.4, new.5, new.6, new.7, new.8])
                .map(|_| ())
            })?;
            s.changed += 1;
        }
    }
    Ok(())
}

pub(super) fn replace_lots(
    rec: &Recorder,
    product: i64,
    rows: &[&StockRow],
    s: &mut ImportSummary,
) -> rusqlite::Result<()> {
    let tx = rec.tx;
    let mut old: Vec<(i64, i32, Option<i64>)> = tx
        .prepare_cached("SELECT qty, received_on, unit_cost FROM stock_lot WHERE product_id = ?1")?
        .query_map([product], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut new: Vec<(i64, i32, Option<i64>)> = rows
        .iter()
        .map(|r| (r.qty, r.received.0, r.unit_cost.map(micros)))
        .collect();
    old.sort_unstable();
    new.sort_unstable();
    if old == new {
        s.unchanged += 1;
        return Ok(());
    }
    if old.is_empty() {
        s.added += 1;
    } else {
        s.changed += 1;
    }
    let old_ids: Vec<i64> = tx
        .prepare_cached("SELECT id FROM stock_lot WHERE product_id = ?1")?
        .query_map([product], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in old_ids {
        rec.change(Audited::StockLot, &[Json::from(id)], || {
            tx.prepare_cached("DELETE FROM stock_lot WHERE id = ?1")?
                .execute([id])
                .map(|_| ())
        })?;
    }
    for (qty, day, cost) in new {
        tx.prepare_cached("INSERT INTO stock_lot (product_id, qty, received_on, unit_cost) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![product, qty, day, cost])?;
        let key = [Json::from(tx.last_insert_rowid())];
        rec.added(Audited::StockLot, &key)?;
    }
    Ok(())
}

/// Writes a traffic file's days: two rows for one SKU and day are summed (both are
/// visitors); a SKU that is not a product is counted, not stored.
pub(super) fn traffic(
    rec: &Recorder,
    rows: &[TrafficRow],
    s: &mut ImportSummary,
) -> rusqlite::Result<()> {
    let tx = rec.tx;
    let mut days: Vec<((&str, Day), i64)> = Vec::new();
    let mut pos: HashMap<(&str, Day), usize> = HashMap::new();
    for row in rows {
        let key = (row.sku.as_str(), row.day);
        match pos.get(&key) {
            Some(&i) => days[i].1 += row.visitors,
            None => {
                pos.insert(key, days.len());
                days.push((key, row.visitors));
            }
        }
    }
    for ((sku, day), visitors) in days {
        // Visitors of a SKU that is not a product count in no figure: reported, not stored.
        let Some(id) = product_id(tx, sku)? else {
            s.unknown_skus += 1;
            continue;
        };
        let key = [Json::from(id), Json::from(day.0)];
        let before = rec.snapshot(Audited::Traffic, &key)?;
        match before
            .as_ref()
            .and_then(|b| b.get("visitors"))
            .and_then(Json::as_i64)
        {
            Some(v) if v == visitors => s.unchanged += 1,
            found => {
                tx.prepare_cached(
                    "INSERT INTO traffic (product_id, day, visitors) VALUES (?1, ?2, ?3)
                     ON CONFLICT (product_id, day) DO UPDATE SET visitors = excluded.visitors",
                )?
                .execute(params![id, day.0, visitors])?;
                let after = rec.snapshot(Audited::Traffic, &key)?;
                rec.record(Audited::Traffic, &key, before, after)?;
                if found.is_some() {
                    s.changed += 1;
                } else {
                    s.added += 1;
                }
            }
        }
    }
    Ok(())
}
