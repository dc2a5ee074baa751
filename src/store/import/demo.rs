//! The seller's first import into the demo database: the demo's data goes, and what the
//! seller made while trying the demo stays — the plans, candidates and clearance batches
//! they added (a row whose creation is a change of theirs still in force; the demo's own
//! rows were written without one), the personas and the settings (never demo data).
//!
//! A kept batch keeps those of its SKUs the imported file brings again (found by SKU
//! code); one left with none goes, and a kept plan that followed a batch that goes keeps
//! its target without the batch. A kept candidate promoted to a SKU stays promoted when
//! the file brings that SKU. Everything is said in [`DemoReplaced`], so the import's
//! preview (the same transaction, rolled back) lists exactly what will happen.

use rusqlite::{params, OptionalExtension, Transaction};

/// What replacing the demo data keeps of the seller's own work and what goes with it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DemoReplaced {
    /// The seller's plans kept, by title.
    pub plans: Vec<String>,
    /// The seller's candidates kept, by name.
    pub candidates: Vec<String>,
    /// The seller's batches kept (some of their SKUs are in the file), by name.
    pub batches: Vec<String>,
    /// The seller's batches that go: none of their SKUs is in the file.
    pub batches_gone: Vec<String>,
    /// Kept plans that followed a batch that goes: they keep their target, no batch.
    pub plans_unlinked: Vec<String>,
    /// Kept candidates no longer promoted: (name, the SKU the file does not bring).
    pub unpromoted: Vec<(String, String)>,
    /// Where the copy of the demo database was written before (a real import of a
    /// database file), or would be (its folder, in a preview).
    pub copy: Option<String>,
}

/// What [`wipe`] took note of, to put back after the file's rows are in.
pub(super) struct Kept {
    plans: Vec<i64>,
    candidates: Vec<i64>,
    batches: Vec<i64>,
    /// (batch, SKU code, units to clear) of the kept batches.
    members: Vec<(i64, String, Option<i64>)>,
    /// (candidate, SKU code) of the kept candidates that were promoted.
    promoted: Vec<(i64, String)>,
    /// Kept plans whose batch is not kept.
    unlinked: Vec<i64>,
}

/// The ids of the rows of `table` the seller added by a change still in force.
fn own(tx: &Transaction, table: &str) -> rusqlite::Result<Vec<i64>> {
    let sql = format!(
        "SELECT DISTINCT t.id FROM change c
         JOIN change_set s ON s.id = c.change_set_id
         JOIN {table} t ON t.id = CAST(json_extract(c.row_key, '$[0]') AS INTEGER)
         WHERE s.kind = 'change' AND s.undone = 0 AND c.table_name = ?1
           AND c.old_value IS NULL AND c.new_value IS NOT NULL
         ORDER BY t.id"
    );
    tx.prepare(&sql)?
        .query_map([table], |r| r.get(0))?
        .collect()
}

/// `(1,2,3)`: ids for an `IN` list (integers, never text).
fn list(ids: &[i64]) -> String {
    let parts: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("({})", parts.join(","))
}

fn texts(tx: &Transaction, sql: &str) -> rusqlite::Result<Vec<String>> {
    tx.prepare(sql)?.query_map([], |r| r.get(0))?.collect()
}

/// Removes the demo data, keeping the seller's own work (see the module); returns what
/// was kept, for [`restore`] after the file's rows are written.
pub(super) fn wipe(tx: &Transaction) -> rusqlite::Result<Kept> {
    let plans = own(tx, "plan")?;
    let candidates = own(tx, "candidate")?;
    let batches = own(tx, "clearance_batch")?;
    let (p, c, b) = (list(&plans), list(&candidates), list(&batches));
    let members = tx
        .prepare(&format!(
            "SELECT bs.batch_id, p.sku, bs.units_to_clear FROM batch_sku bs
             JOIN product p ON p.id = bs.product_id WHERE bs.batch_id IN {b}
             ORDER BY bs.batch_id, p.sku"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let promoted = tx
        .prepare(&format!(
            "SELECT c.id, p.sku FROM candidate c JOIN product p ON p.id = c.product_id
             WHERE c.id IN {c} ORDER BY c.id"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let unlinked = tx
        .prepare(&format!(
            "SELECT id FROM plan WHERE id IN {p} AND batch_id IS NOT NULL AND batch_id NOT IN {b}"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    // Explicitly, child rows first: an orders import runs with foreign keys off.
    tx.execute_batch(&format!(
        "DELETE FROM plan WHERE id NOT IN {p};
         UPDATE plan SET batch_id = NULL WHERE batch_id IS NOT NULL AND batch_id NOT IN {b};
         DELETE FROM candidate WHERE id NOT IN {c};
         UPDATE candidate SET product_id = NULL;
         DELETE FROM batch_sku;
         DELETE FROM clearance_batch WHERE id NOT IN {b};
         DELETE FROM tier_override; DELETE FROM traffic; DELETE FROM order_line;
         DELETE FROM stock_lot; DELETE FROM sale_order; DELETE FROM customer;
         DELETE FROM product; DELETE FROM change; DELETE FROM change_set;
         DELETE FROM meta WHERE key = 'demo';"
    ))?;
    Ok(Kept {
        plans,
        candidates,
        batches,
        members,
        promoted,
        unlinked,
    })
}

fn product_of(tx: &Transaction, sku: &str) -> rusqlite::Result<Option<i64>> {
    tx.query_row("SELECT id FROM product WHERE sku = ?1", [sku], |r| r.get(0))
        .optional()
}

/// After the file's rows are written: the kept batches' SKUs and the kept candidates'
/// promotions found again by code; a kept batch left without SKUs goes (its plans keep
/// their target without it). Says what was kept and what went.
pub(super) fn restore(tx: &Transaction, kept: Kept) -> rusqlite::Result<DemoReplaced> {
    for (batch, sku, units) in &kept.members {
        if let Some(product) = product_of(tx, sku)? {
            tx.execute(
                "INSERT OR IGNORE INTO batch_sku (batch_id, product_id, units_to_clear) VALUES (?1, ?2, ?3)",
                params![batch, product, units],
            )?;
        }
    }
    let b = list(&kept.batches);
    let empty: Vec<(i64, String)> = tx
        .prepare(&format!(
            "SELECT id, name FROM clearance_batch WHERE id IN {b}
             AND NOT EXISTS (SELECT 1 FROM batch_sku WHERE batch_id = clearance_batch.id) ORDER BY id"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let gone: Vec<i64> = empty.iter().map(|(id, _)| *id).collect();
    let g = list(&gone);
    let mut unlinked = kept.unlinked.clone();
    unlinked.extend(
        tx.prepare(&format!("SELECT id FROM plan WHERE batch_id IN {g}"))?
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    tx.execute_batch(&format!(
        "UPDATE plan SET batch_id = NULL WHERE batch_id IN {g};
         DELETE FROM clearance_batch WHERE id IN {g};"
    ))?;
    let mut unpromoted = Vec::new();
    for (candidate, sku) in &kept.promoted {
        match product_of(tx, sku)? {
            Some(product) => {
                tx.execute(
                    "UPDATE candidate SET product_id = ?2 WHERE id = ?1",
                    params![candidate, product],
                )?;
            }
            None => {
                let name: String = tx.query_row(
                    "SELECT name FROM candidate WHERE id = ?1",
                    [candidate],
                    |r| r.get(0),
                )?;
                unpromoted.push((name, sku.clone()));
            }
        }
    }
    let (p, c, u) = (list(&kept.plans), list(&kept.candidates), list(&unlinked));
    Ok(DemoReplaced {
        plans: texts(
            tx,
            &format!("SELECT title FROM plan WHERE id IN {p} ORDER BY id"),
        )?,
        candidates: texts(
            tx,
            &format!("SELECT name FROM candidate WHERE id IN {c} ORDER BY id"),
        )?,
        batches: texts(
            tx,
            &format!("SELECT name FROM clearance_batch WHERE id IN {b} ORDER BY id"),
        )?,
        batches_gone: empty.into_iter().map(|(_, name)| name).collect(),
        plans_unlinked: texts(
            tx,
            &format!("SELECT title FROM plan WHERE id IN {u} ORDER BY id"),
        )?,
        unpromoted,
        copy: None,
    })
}
