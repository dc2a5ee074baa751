//! Writing validated import rows: one transaction per file, counting what was added,
//! changed and left as it was, so re-importing the same file changes nothing.

use std::collections::HashMap;
use std::ops::ControlFlow;

use rusqlite::{params, OptionalExtension, Transaction};

use crate::domain::dates::Day;
use crate::domain::history::Summary;
use crate::domain::money::Money;
use crate::import::native::{OrderRow, Parsed, ProductRow, StockRow, TrafficRow};
use crate::import::Kind;

use serde_json::Value as Json;

use super::changes::{snapshot, Recorder, ORDER_LINE, PRODUCT, STOCK_LOT, TRAFFIC};
use super::line_cache;
use super::{now_text, Result, Store};

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

/// Parsed order rows handed from the parsing thread to the writer at a time.
const PARSED_BATCH: usize = 4096;

fn micros(m: Money) -> i64 {
    m.micros() as i64
}

const WIPE_DEMO: &str = "
    DELETE FROM plan; DELETE FROM candidate; DELETE FROM batch_sku; DELETE FROM clearance_batch;
    DELETE FROM tier_override; DELETE FROM traffic; DELETE FROM order_line; DELETE FROM stock_lot;
    DELETE FROM sale_order; DELETE FROM customer; DELETE FROM product; DELETE FROM change;
    DELETE FROM change_set; DELETE FROM meta WHERE key = 'demo';";

/// Finds or creates products by SKU; created ones have no cost ("cost missing").
struct Products {
    ids: HashMap<String, i64>,
    created: usize,
}

impl Products {
    fn new() -> Self {
        Products {
            ids: HashMap::new(),
            created: 0,
        }
    }

    fn id(&mut self, rec: &Recorder, sku: &str, name: Option<&str>) -> rusqlite::Result<i64> {
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
                rec.record(&PRODUCT, &key, None, snapshot(tx, &PRODUCT, &key)?)?;
                id
            }
        };
        self.ids.insert(sku.to_string(), id);
        Ok(id)
    }
}

impl Store {
    fn import_with(
        &mut self,
        kind: Kind,
        file: &str,
        rows: usize,
        skipped: usize,
        dry_run: bool,
        body: impl FnOnce(&Recorder, &mut ImportSummary) -> rusqlite::Result<()>,
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
        self.conn.execute_batch(pragmas).map_err(|e| self.sql(e))?;
        let result = self.import_in_transaction(kind, file, rows, skipped, dry_run, demo, body);
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
        body: impl FnOnce(&Recorder, &mut ImportSummary) -> rusqlite::Result<()>,
    ) -> Result<ImportSummary> {
        let path = self.path.clone();
        let sql = |e| super::StoreError::sqlite(&path, e);
        let tx = self.begin_write().map_err(sql)?;
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
            if demo {
                tx.execute_batch(WIPE_DEMO)?;
            }
            // The import is a change set: its rows are recorded so it can be undone. The
            // one that replaces the demo data is kept in the history but not undoable.
            tx.execute(
                "INSERT INTO change_set (at, kind, summary) VALUES (?1, ?2, '')",
                params![now_text(), if demo { "import_demo" } else { "import" }],
            )?;
            let set = tx.last_insert_rowid();
            body(&Recorder { tx: &tx, set }, &mut s)?;
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
                    upsert_product(rec, row, s)?;
                }
                Ok(())
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
                    replace_lots(rec, id, &rows, s)?;
                }
                s.created_products = products.created;
                Ok(())
            },
        )
    }

    pub fn import_orders(&mut self, p: &Parsed<OrderRow>, dry_run: bool) -> Result<ImportSummary> {
        self.import_with(
            Kind::Orders,
            &p.file,
            p.rows.len(),
            p.skipped,
            dry_run,
            |rec, s| {
                let mut w = OrderWriter::new(rec.tx)?;
                for row in &p.rows {
                    w.write(rec, row, s)?;
                }
                w.finish(rec, s)?;
                s.created_products = w.products.created;
                Ok(())
            },
        )
    }

    /// Imports an orders file as it is read, row by row, in one transaction: a file of
    /// millions of lines is never held in memory. Bad values roll the whole file back and
    /// come back as the inner `Err`.
    pub fn import_orders_stream(
        &mut self,
        file: &str,
        bytes: &[u8],
        dry_run: bool,
    ) -> Result<std::result::Result<ImportSummary, Vec<crate::import::ImportError>>> {
        self.import_orders_stream_with(file, bytes, dry_run, &mut |_| {})
    }

    /// [`Store::import_orders_stream`], telling `on_row` the file line of each row written
    /// (for progress).
    pub fn import_orders_stream_with(
        &mut self,
        file: &str,
        bytes: &[u8],
        dry_run: bool,
        on_row: &mut dyn FnMut(u64),
    ) -> Result<std::result::Result<ImportSummary, Vec<crate::import::ImportError>>> {
        let mut parse_errors = None;
        let result = self.import_with(Kind::Orders, file, 0, 0, dry_run, |rec, s| {
            let mut w = OrderWriter::new(rec.tx)?;
            let mut db_error = None;
            // The file is parsed on another thread while the rows are written here, in
            // file order: parsing is about a third of an import, and has a core to itself.
            let streamed = std::thread::scope(|scope| {
                let (send, batches) = std::sync::mpsc::sync_channel::<Vec<OrderRow>>(8);
                // Written batches go back to the parser, whose thread allocated their
                // strings: freed there, they cost no lock on another thread's heap.
                let (give_back, written) = std::sync::mpsc::sync_channel::<Vec<OrderRow>>(8);
                let parser = scope.spawn(move || {
                    let fresh = || {
                        let mut batch = written.try_recv().unwrap_or_default();
                        batch.clear();
                        batch.reserve(PARSED_BATCH);
                        batch
                    };
                    let mut batch = fresh();
                    let streamed = crate::import::native::orders_each(file, bytes, |row| {
                        batch.push(row);
                        if batch.len() == PARSED_BATCH {
                            let full = std::mem::replace(&mut batch, fresh());
                            // Fails only once the writer stopped at a database error,
                            // which is then the import's outcome: the rest of the file
                            // is not read.
                            if send.send(full).is_err() {
                                return ControlFlow::Break(());
                            }
                        }
                        ControlFlow::Continue(())
                    });
                    let _ = send.send(batch);
                    streamed
                });
                for batch in batches {
                    for row in &batch {
                        if let Err(e) = w.write(rec, row, s) {
                            db_error = Some(e);
                            break;
                        }
                        on_row(row.line);
                    }
                    if db_error.is_some() {
                        break;
                    }
                    let _ = give_back.try_send(batch);
                }
                drop(give_back);
                parser
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            if let Some(e) = db_error {
                return Err(e);
            }
            match streamed {
                Ok(st) => {
                    w.finish(rec, s)?;
                    s.rows = st.rows;
                    s.skipped = st.skipped;
                    s.created_products = w.products.created;
                    Ok(())
                }
                Err(errors) => {
                    parse_errors = Some(errors);
                    // Any error aborts the transaction: nothing of the file lands.
                    Err(rusqlite::Error::QueryReturnedNoRows)
                }
            }
        });
        match parse_errors {
            Some(errors) => Ok(Err(errors)),
            None => result.map(Ok),
        }
    }

    pub fn import_traffic(
        &mut self,
        p: &Parsed<TrafficRow>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        self.import_with(Kind::Traffic, &p.file, p.rows.len(), p.skipped, dry_run, |rec, s| {
            let tx = rec.tx;
            // Two rows for one SKU and day in a file are summed: both are visitors.
            let mut days: Vec<((&str, Day), i64)> = Vec::new();
            let mut pos: HashMap<(&str, Day), usize> = HashMap::new();
            for row in &p.rows {
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
                let before = snapshot(tx, &TRAFFIC, &key)?;
                match before.as_ref().and_then(|b| b.get("visitors")).and_then(Json::as_i64) {
                    Some(v) if v == visitors => s.unchanged += 1,
                    found => {
                        tx.prepare_cached(
                            "INSERT INTO traffic (product_id, day, visitors) VALUES (?1, ?2, ?3)
                             ON CONFLICT (product_id, day) DO UPDATE SET visitors = excluded.visitors",
                        )?
                        .execute(params![id, day.0, visitors])?;
                        rec.record(&TRAFFIC, &key, before, snapshot(tx, &TRAFFIC, &key)?)?;
                        if found.is_some() {
                            s.changed += 1;
                        } else {
                            s.added += 1;
                        }
                    }
                }
            }
            Ok(())
        })
    }
}

fn product_id(tx: &Transaction, sku: &str) -> rusqlite::Result<Option<i64>> {
    tx.prepare_cached("SELECT id FROM product WHERE sku = ?1")?
        .query_row([sku], |r| r.get(0))
        .optional()
}

/// Writes order lines, remembering the ids of products, orders and customers it has seen.
/// Its statements are prepared once per file and held: looking them up in rusqlite's
/// statement cache hashes the SQL text on every row, a sixth of the import's time.
struct OrderWriter<'t> {
    products: Products,
    /// Ids by the file's sequences (`OrderRow::order_seq`, `sku_seq`, `customer_seq`).
    orders: BySeq,
    skus: BySeq,
    customers: BySeq,
    order_keys: Keys<'t>,
    customer_keys: Keys<'t>,
    add_line: rusqlite::Statement<'t>,
    /// With no orders and no lines at the start, every line is new: lines are written
    /// [`LINES_PER_INSERT`] to a statement, not looked up one by one.
    fresh: Option<FreshLines<'t>>,
}

/// Order lines an import writes at once into a table that had none (a statement costs
/// about as much as the rows it inserts).
const LINES_PER_INSERT: usize = 64;

/// The columns an import writes to `order_line`.
const LINE_COLUMNS: &str = "order_id, line_no, product_id, day, ordered_at, qty, unit_price, discount, customer_id, channel, import_set";

/// `INSERT INTO order_line` of `rows` rows. Plain, not ON CONFLICT: these lines are new,
/// and a line that was not would fail the file rather than be dropped.
fn insert_lines_sql(rows: usize) -> String {
    let one = format!("({})", vec!["?"; LINE_COLUMNS.split(',').count()].join(","));
    format!(
        "INSERT INTO order_line ({LINE_COLUMNS}) VALUES {}",
        vec![one; rows].join(",")
    )
}

/// A new line waiting to be written: its texts are ranges of `FreshLines::text`.
struct PendingLine {
    order: i64,
    line_no: i64,
    product: i64,
    day: i32,
    ordered_at: std::ops::Range<usize>,
    qty: i64,
    unit_price: i64,
    discount: i64,
    customer: Option<i64>,
    channel: Option<std::ops::Range<usize>>,
}

/// New lines, held until [`LINES_PER_INSERT`] of them are written by one statement.
struct FreshLines<'t> {
    insert: rusqlite::Statement<'t>,
    pending: Vec<PendingLine>,
    text: String,
}

/// Binds `lines` to an insert of as many rows, and runs it.
fn run_insert(
    stmt: &mut rusqlite::Statement,
    lines: &[PendingLine],
    text: &str,
    set: i64,
) -> rusqlite::Result<usize> {
    let mut at = 1;
    for l in lines {
        let text = |r: &std::ops::Range<usize>| &text[r.clone()];
        let values: [&dyn rusqlite::ToSql; 11] = [
            &l.order,
            &l.line_no,
            &l.product,
            &l.day,
            &text(&l.ordered_at),
            &l.qty,
            &l.unit_price,
            &l.discount,
            &l.customer,
            &l.channel.as_ref().map(text),
            &set,
        ];
        for v in values {
            stmt.raw_bind_parameter(at, v)?;
            at += 1;
        }
    }
    stmt.raw_execute()
}

impl<'t> FreshLines<'t> {
    fn new(tx: &'t Transaction) -> rusqlite::Result<FreshLines<'t>> {
        Ok(FreshLines {
            insert: tx.prepare(&insert_lines_sql(LINES_PER_INSERT))?,
            pending: Vec::with_capacity(LINES_PER_INSERT),
            text: String::new(),
        })
    }

    fn push(
        &mut self,
        rec: &Recorder,
        line: PendingLine,
        s: &mut ImportSummary,
    ) -> rusqlite::Result<()> {
        self.pending.push(line);
        if self.pending.len() == LINES_PER_INSERT {
            self.flush(rec, s)?;
        }
        Ok(())
    }

    fn keep(&mut self, text: &str) -> std::ops::Range<usize> {
        let start = self.text.len();
        self.text.push_str(text);
        start..self.text.len()
    }

    /// Writes the lines held.
    fn flush(&mut self, rec: &Recorder, s: &mut ImportSummary) -> rusqlite::Result<()> {
        let rows = self.pending.len();
        if rows == 0 {
            return Ok(());
        }
        let written = if rows == LINES_PER_INSERT {
            run_insert(&mut self.insert, &self.pending, &self.text, rec.set)?
        } else {
            let mut partial = rec.tx.prepare(&insert_lines_sql(rows))?;
            run_insert(&mut partial, &self.pending, &self.text, rec.set)?
        };
        debug_assert_eq!(written, rows);
        s.added += rows;
        self.pending.clear();
        self.text.clear();
        Ok(())
    }
}

impl Default for Products {
    fn default() -> Self {
        Products::new()
    }
}

impl<'t> OrderWriter<'t> {
    fn new(tx: &'t Transaction) -> rusqlite::Result<OrderWriter<'t>> {
        let empty = |table: &str| -> rusqlite::Result<bool> {
            let sql = format!("SELECT NOT EXISTS (SELECT 1 FROM {table})");
            tx.query_row(&sql, [], |r| r.get(0))
        };
        let orders_were_empty = empty("sale_order")?;
        let fresh = if orders_were_empty && empty("order_line")? {
            Some(FreshLines::new(tx)?)
        } else {
            None
        };
        Ok(OrderWriter {
            order_keys: Keys::new(tx, "sale_order", "order_no", orders_were_empty)?,
            customer_keys: Keys::new(tx, "customer", "code", empty("customer")?)?,
            fresh,
            products: Products::new(),
            orders: BySeq::default(),
            skus: BySeq::default(),
            customers: BySeq::default(),
            add_line: tx.prepare(
                // ON CONFLICT, not OR IGNORE: OR IGNORE would also skip a row that fails a
                // CHECK, silently dropping it instead of failing the file.
                "INSERT INTO order_line
                 (order_id, line_no, product_id, day, ordered_at, qty, unit_price, discount, customer_id, channel, import_set)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (order_id, line_no) DO NOTHING",
            )?,
        })
    }

    fn write(
        &mut self,
        rec: &Recorder,
        row: &OrderRow,
        s: &mut ImportSummary,
    ) -> rusqlite::Result<()> {
        let tx = rec.tx;
        let products = &mut self.products;
        let product = self.skus.id(row.sku_seq, || {
            products.id(rec, &row.sku, row.name.as_deref())
        })?;
        let order_keys = &mut self.order_keys;
        let order = self
            .orders
            .id(row.order_seq, || order_keys.id(tx, &row.order_id))?;
        let customer = match row.customer.as_deref() {
            None => None,
            Some(code) => {
                let customer_keys = &mut self.customer_keys;
                Some(
                    self.customers
                        .id(row.customer_seq, || customer_keys.id(tx, code))?,
                )
            }
        };
        match &mut self.fresh {
            Some(fresh) => {
                let line = PendingLine {
                    order,
                    line_no: row.line_no,
                    product,
                    day: row.day.0,
                    ordered_at: fresh.keep(&row.ordered_at),
                    qty: row.qty,
                    unit_price: micros(row.unit_price),
                    discount: micros(row.discount),
                    customer,
                    channel: row.channel.as_deref().map(|c| fresh.keep(c)),
                };
                fresh.push(rec, line, s)
            }
            None => upsert_line(rec, &mut self.add_line, row, order, product, customer, s),
        }
    }

    /// Writes what the writer still holds: call once the last row is written.
    fn finish(&mut self, rec: &Recorder, s: &mut ImportSummary) -> rusqlite::Result<()> {
        self.order_keys.flush()?;
        self.customer_keys.flush()?;
        match &mut self.fresh {
            Some(fresh) => fresh.flush(rec, s),
            None => Ok(()),
        }
    }
}

/// Ids by a sequence number of the file (`OrderRow::order_seq` and the like): found by
/// index, not by hashing the text.
#[derive(Default)]
struct BySeq(Vec<Option<i64>>);

impl BySeq {
    /// The id of value number `seq`, from `find` the first time.
    fn id(
        &mut self,
        seq: usize,
        find: impl FnOnce() -> rusqlite::Result<i64>,
    ) -> rusqlite::Result<i64> {
        if let Some(&Some(id)) = self.0.get(seq) {
            return Ok(id);
        }
        let id = find()?;
        if seq >= self.0.len() {
            self.0.resize(seq + 1, None);
        }
        self.0[seq] = Some(id);
        Ok(id)
    }
}

/// The ids of order numbers or customer codes (a table of `id` and a unique text
/// column), each added when new.
enum Keys<'t> {
    /// The table had rows: a lookup, then a plain insert when new. (An upsert with
    /// RETURNING costs three times as much.)
    Lookup {
        find: rusqlite::Statement<'t>,
        add: rusqlite::Statement<'t>,
    },
    /// The table was empty when the import began: every value the file's sequence
    /// meets for the first time is new. Ids are given here, counting on from the
    /// table's, and rows written [`LINES_PER_INSERT`] to a statement.
    Fresh {
        tx: &'t Transaction<'t>,
        table: &'static str,
        column: &'static str,
        insert: rusqlite::Statement<'t>,
        next: i64,
        /// The values not yet written, end to end, with where each ends; the first of
        /// them gets id `next - ends.len()`.
        text: String,
        ends: Vec<usize>,
    },
}

impl<'t> Keys<'t> {
    fn new(
        tx: &'t Transaction<'t>,
        table: &'static str,
        column: &'static str,
        was_empty: bool,
    ) -> rusqlite::Result<Keys<'t>> {
        if !was_empty {
            return Ok(Keys::Lookup {
                find: tx.prepare(&format!("SELECT id FROM {table} WHERE {column} = ?1"))?,
                add: tx.prepare(&format!("INSERT INTO {table} ({column}) VALUES (?1)"))?,
            });
        }
        let next: i64 = tx.query_row(
            &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        Ok(Keys::Fresh {
            tx,
            table,
            column,
            insert: tx.prepare(&Keys::insert_sql(table, column, LINES_PER_INSERT))?,
            next,
            text: String::new(),
            ends: Vec::with_capacity(LINES_PER_INSERT),
        })
    }

    /// A plain insert of `rows` values: a value met twice fails the file. (The ids are
    /// left to SQLite, which appends; given ones cost it a search each.)
    fn insert_sql(table: &str, column: &str, rows: usize) -> String {
        format!(
            "INSERT INTO {table} ({column}) VALUES {}",
            vec!["(?)"; rows].join(",")
        )
    }

    /// The id of `value`, which the file has not met before.
    fn id(&mut self, tx: &Transaction, value: &str) -> rusqlite::Result<i64> {
        match self {
            Keys::Lookup { find, add } => {
                if let Some(id) = find.query_row([value], |r| r.get(0)).optional()? {
                    return Ok(id);
                }
                add.execute([value])?;
                Ok(tx.last_insert_rowid())
            }
            Keys::Fresh {
                next, text, ends, ..
            } => {
                let id = *next;
                *next += 1;
                text.push_str(value);
                ends.push(text.len());
                if ends.len() == LINES_PER_INSERT {
                    self.flush()?;
                }
                Ok(id)
            }
        }
    }

    /// Writes the values held.
    fn flush(&mut self) -> rusqlite::Result<()> {
        let Keys::Fresh {
            tx,
            table,
            column,
            insert,
            next,
            text,
            ends,
        } = self
        else {
            return Ok(());
        };
        if ends.is_empty() {
            return Ok(());
        }
        let mut partial;
        let stmt = if ends.len() == LINES_PER_INSERT {
            insert
        } else {
            partial = tx.prepare(&Keys::insert_sql(table, column, ends.len()))?;
            &mut partial
        };
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, &text[start..end])?;
            start = end;
        }
        stmt.raw_execute()?;
        // SQLite gives a table without AUTOINCREMENT one more than its largest id, row
        // by row; the ids handed out must be those it gave.
        if tx.last_insert_rowid() != *next - 1 {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL),
                Some(format!("{table}: ids were not given in sequence")),
            ));
        }
        text.clear();
        ends.clear();
        Ok(())
    }
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
);

fn upsert_product(rec: &Recorder, row: &ProductRow, s: &mut ImportSummary) -> rusqlite::Result<()> {
    let tx = rec.tx;
    let old: Option<(i64, ProductValues)> = tx
        .prepare_cached(
            "SELECT id, name, category, brand, unit_cost, list_price, launched_on, lifecycle, tags FROM product WHERE sku = ?1",
        )?
        .query_row([&row.sku], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)))
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
    );
    match old {
        None => {
            tx.prepare_cached(
                "INSERT INTO product (sku, name, category, brand, unit_cost, list_price, launched_on, lifecycle, tags)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![row.sku, new.0, new.1, new.2, new.3, new.4, new.5, new.6, new.7])?;
            let key = [Json::from(tx.last_insert_rowid())];
            rec.record(&PRODUCT, &key, None, snapshot(tx, &PRODUCT, &key)?)?;
            s.added += 1;
        }
        Some((_, ref old_values)) if *old_values == new => s.unchanged += 1,
        Some((id, _)) => {
            rec.change(&PRODUCT, &[Json::from(id)], || {
                tx.prepare_cached(
                    "UPDATE product SET name = ?2, category = ?3, brand = ?4, unit_cost = ?5, list_price = ?6,
                     launched_on = ?7, lifecycle = ?8, tags = ?9 WHERE id = ?1",
                )?
                .execute(params![id, new.0, new.1, new.2, new.3, new.4, new.5, new.6, new.7])
                .map(|_| ())
            })?;
            s.changed += 1;
        }
    }
    Ok(())
}

fn replace_lots(
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
        rec.change(&STOCK_LOT, &[Json::from(id)], || {
            tx.prepare_cached("DELETE FROM stock_lot WHERE id = ?1")?
                .execute([id])
                .map(|_| ())
        })?;
    }
    for (qty, day, cost) in new {
        tx.prepare_cached("INSERT INTO stock_lot (product_id, qty, received_on, unit_cost) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![product, qty, day, cost])?;
        let key = [Json::from(tx.last_insert_rowid())];
        rec.record(&STOCK_LOT, &key, None, snapshot(tx, &STOCK_LOT, &key)?)?;
    }
    Ok(())
}

fn upsert_line(
    rec: &Recorder,
    add_line: &mut rusqlite::Statement,
    row: &OrderRow,
    order: i64,
    product: i64,
    customer: Option<i64>,
    s: &mut ImportSummary,
) -> rusqlite::Result<()> {
    let tx = rec.tx;
    let values = params![
        order,
        row.line_no,
        product,
        row.day.0,
        row.ordered_at,
        row.qty,
        micros(row.unit_price),
        micros(row.discount),
        customer,
        row.channel,
        rec.set
    ];
    let added = add_line.execute(values)?;
    if added == 1 {
        // An added line is marked with the import; undo finds it by that mark.
        s.added += 1;
        return Ok(());
    }
    let key = [Json::from(order), Json::from(row.line_no)];
    let Some(before) = snapshot(tx, &ORDER_LINE, &key)? else {
        return Ok(());
    };
    let same = |col: &str, v: Json| before.get(col) == Some(&v);
    let unchanged = same("product_id", Json::from(product))
        && same("day", Json::from(row.day.0))
        && same("ordered_at", Json::from(row.ordered_at.clone()))
        && same("qty", Json::from(row.qty))
        && same("unit_price", Json::from(micros(row.unit_price)))
        && same("discount", Json::from(micros(row.discount)))
        && same("customer_id", customer.map_or(Json::Null, Json::from))
        && same(
            "channel",
            row.channel.clone().map_or(Json::Null, Json::from),
        );
    if unchanged {
        s.unchanged += 1;
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE order_line SET product_id = ?3, day = ?4, ordered_at = ?5, qty = ?6, unit_price = ?7,
                discount = ?8, customer_id = ?9, channel = ?10, import_set = ?11
         WHERE order_id = ?1 AND line_no = ?2",
    )?
    .execute(values)?;
    rec.record(
        &ORDER_LINE,
        &key,
        Some(before),
        snapshot(tx, &ORDER_LINE, &key)?,
    )?;
    s.changed += 1;
    Ok(())
}
