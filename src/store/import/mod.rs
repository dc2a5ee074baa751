//! Writing validated import rows: one transaction per file, counting what was added,
//! changed and left as it was, so re-importing the same file changes nothing.

mod catalog;
mod demo;
mod keys;
pub(crate) mod orders;

use std::collections::HashMap;

use rusqlite::params;

use crate::domain::history::Summary;
use crate::domain::model::Line;
use crate::domain::money::Money;
use crate::import::native::{Parsed, ProductRow, StockRow, TrafficRow};
use crate::import::Kind;

use super::changes::audit::Recorder;
use super::line_cache;
use super::{now_text, Result, Store};
use catalog::Products;
pub use demo::DemoReplaced;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub kind: Option<Kind>,
    pub file: String,
    /// Data rows read (lots for stock, lines for orders).
    pub rows: usize,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Blank rows and repeated header rows left out.
    pub skipped: usize,
    /// Products created from an order or stock line, flagged "cost missing".
    pub created_products: usize,
    /// Traffic rows for SKUs that are not products (left out).
    pub unknown_skus: usize,
    /// The demo data was removed first (the first import of the user's own data).
    pub replaced_demo: bool,
    /// Then: what of the seller's own work was kept and what went with the demo.
    pub demo: Option<DemoReplaced>,
    pub dry_run: bool,
}

impl ImportSummary {
    /// What `added`/`changed`/`unchanged` count.
    pub fn unit(&self) -> &'static str {
        match self.kind {
            Some(Kind::Products) => "products",
            Some(Kind::Stock) => "SKUs' lots",
            Some(Kind::Orders) => "order lines",
            Some(Kind::Traffic) => "traffic days",
            None => "rows",
        }
    }
}

pub(super) fn micros(m: Money) -> i64 {
    m.micros() as i64
}

impl Store {
    /// Runs `body` as one import, in one transaction. The body may hand back every
    /// order line of the database (an orders import into empty line tables knows them
    /// all): they are written as the copy of the lines in the same transaction, so no
    /// later load has to read them back.
    fn import_with(
        &mut self,
        kind: Kind,
        file: &str,
        rows: usize,
        skipped: usize,
        dry_run: bool,
        body: impl FnOnce(&Recorder, &mut ImportSummary) -> rusqlite::Result<Option<Vec<Line>>>,
    ) -> Result<ImportSummary> {
        self.check_writable()?;
        let demo = self.is_demo()?;
        // A bigger page cache while a file goes in: the order-line tree outgrows the default.
        // Order lines are written without foreign-key checks (three lookups a line): the
        // writer takes every product, order and customer id from the rows it found or
        // inserted in this transaction, or, into empty tables, from the ids it gives the
        // orders and customers it writes at the next flush (checked then, and the file
        // fails if SQLite gave others); it deletes nothing. (SQLite ignores this
        // pragma inside a transaction, so it is set before and restored after.)
        let relax_keys = kind == Kind::Orders;
        let pragmas = if relax_keys {
            "PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF;"
        } else {
            "PRAGMA cache_size = -262144;"
        };
        // The demo data cannot come back by undo once replaced: a copy of the database
        // as it is goes to the backup folder first (a database in memory has none).
        let copy = match (demo, dry_run, self.path.as_str()) {
            (false, _, _) | (_, _, ":memory:") => None,
            (true, true, path) => Some(super::backup_dir(std::path::Path::new(path))),
            (true, false, _) => Some(self.backup(None)?),
        };
        self.conn.execute_batch(pragmas).map_err(|e| self.sql(e))?;
        let result = self.import_in_transaction(kind, file, rows, skipped, dry_run, demo, body);
        let result = result.map(|mut s| {
            if let Some(d) = s.demo.as_mut() {
                d.copy = copy.map(|p| p.display().to_string());
            }
            s
        });
        let restored = self
            .conn
            .execute_batch("PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.sql(e));
        let s = result?;
        restored?;
        Ok(s)
    }

    #[allow(clippy::too_many_arguments)]
    fn import_in_transaction(
        &mut self,
        kind: Kind,
        file: &str,
        rows: usize,
        skipped: usize,
        dry_run: bool,
        demo: bool,
        body: impl FnOnce(&Recorder, &mut ImportSummary) -> rusqlite::Result<Option<Vec<Line>>>,
    ) -> Result<ImportSummary> {
        let path = self.path.clone();
        let cache_from = self.cache_from;
        let sql = |e| super::StoreError::sqlite(&path, e);
        let (tx, audit) = self.begin_audited().map_err(sql)?;
        let mut s = ImportSummary {
            kind: Some(kind),
            file: file.to_string(),
            rows,
            skipped,
            replaced_demo: demo,
            dry_run,
            ..ImportSummary::default()
        };
        // Order lines move (or, replacing the demo, go): the copy of them is seen to
        // once, not by a trigger call per line.
        let lines = kind == Kind::Orders || demo;
        (|| {
            if lines {
                line_cache::lines_changing(&tx)?;
            }
            let kept = if demo { Some(demo::wipe(&tx)?) } else { None };
            // The import is a change set: its rows are recorded so it can be undone. The
            // one that replaces the demo data is kept in the history but not undoable.
            tx.execute(
                "INSERT INTO change_set (at, kind, summary) VALUES (?1, ?2, '')",
                params![now_text(), if demo { "import_demo" } else { "import" }],
            )?;
            let set = tx.last_insert_rowid();
            let all_lines = body(
                &Recorder {
                    tx: &tx,
                    set,
                    audit,
                },
                &mut s,
            )?;
            if let Some(kept) = kept {
                s.demo = Some(demo::restore(&tx, kept)?);
            }
            // Only an import that changed something is a change; re-importing the same
            // file leaves the database (and the redo history) as it was.
            if s.added + s.changed + s.created_products > 0 || demo {
                let summary = Summary::Import {
                    file_kind: kind.as_str().to_string(),
                    file: file.to_string(),
                    added: s.added,
                    changed: s.changed,
                    unchanged: s.unchanged,
                }
                .to_stored();
                tx.execute("UPDATE change_set SET summary = ?2 WHERE id = ?1", params![set, summary])?;
                tx.execute("DELETE FROM order_line_undone WHERE set_id IN (SELECT id FROM change_set WHERE undone = 1)", [])?;
                tx.execute("DELETE FROM change_set WHERE undone = 1", [])?;
            } else {
                tx.execute("DELETE FROM change_set WHERE id = ?1", [set])?;
            }
            if lines {
                let moved = demo || (kind == Kind::Orders && s.added + s.changed > 0);
                line_cache::lines_changed(&tx, moved)?;
            }
            if let Some(mut lines) = all_lines.filter(|l| !dry_run && l.len() >= cache_from) {
                // The copy saves the next open a read of the table; it is not part of the
                // import. Written under a savepoint: when it cannot be (no room left on
                // the disk, say), the import still lands, without it, as after any other
                // import (the next load writes it, or reads the table).
                tx.execute_batch("SAVEPOINT line_copy")?;
                let undo = match line_cache::write_all(&tx, &mut lines) {
                    Ok(()) => "RELEASE line_copy",
                    Err(_) => "ROLLBACK TO line_copy; RELEASE line_copy",
                };
                tx.execute_batch(undo)?;
            }
            Ok(())
        })()
        .map_err(sql)?;
        if dry_run {
            tx.rollback().map_err(sql)?;
        } else {
            tx.commit().map_err(sql)?;
        }
        Ok(s)
    }

    pub fn import_products(
        &mut self,
        p: &Parsed<ProductRow>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        self.import_with(
            Kind::Products,
            &p.file,
            p.rows.len(),
            p.skipped,
            dry_run,
            |rec, s| {
                for row in &p.rows {
                    catalog::upsert_product(rec, row, s)?;
                }
                Ok(None)
            },
        )
    }

    pub fn import_stock(&mut self, p: &Parsed<StockRow>, dry_run: bool) -> Result<ImportSummary> {
        self.import_with(
            Kind::Stock,
            &p.file,
            p.rows.len(),
            p.skipped,
            dry_run,
            |rec, s| {
                let mut by_sku: Vec<(&str, Vec<&StockRow>)> = Vec::new();
                let mut pos: HashMap<&str, usize> = HashMap::new();
                for row in &p.rows {
                    let i = *pos.entry(&row.sku).or_insert_with(|| {
                        by_sku.push((&row.sku, Vec::new()));
                        by_sku.len() - 1
                    });
                    by_sku[i].1.push(row);
                }
                let mut products = Products::new();
                for (sku, rows) in by_sku {
                    let id = products.id(rec, sku, None)?;
                    catalog::replace_lots(rec, id, &rows, s)?;
                }
                s.created_products = products.created;
                Ok(None)
            },
        )
    }

    pub fn import_traffic(
        &mut self,
        p: &Parsed<TrafficRow>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        self.import_with(
            Kind::Traffic,
            &p.file,
            p.rows.len(),
            p.skipped,
            dry_run,
            |rec, s| catalog::traffic(rec, &p.rows, s).map(|()| None),
        )
    }
}
