//! Writing an orders file: its lines, and the products, orders and customers they
//! name, row by row as the file is read (a file of millions of lines is never held
//! whole), or many lines to a statement into a table that had none.

use std::ops::ControlFlow;

use rusqlite::{params, Transaction};
use serde_json::Value as Json;

use crate::domain::dates::Day;
use crate::domain::model::{Channel, Line};
use crate::import::native::{OrderRow, Parsed};
use crate::import::Kind;
use crate::store::changes::audit::{Audited, Recorder};
use crate::store::{Result, Store};

use super::catalog::Products;
use super::keys::Keys;
use super::{micros, ImportSummary};

/// Parsed order rows handed from the parsing thread to the writer at a time.
const PARSED_BATCH: usize = 4096;

impl Store {
    pub fn import_orders(&mut self, p: &Parsed<OrderRow>, dry_run: bool) -> Result<ImportSummary> {
        let limit = self.copy_limit(dry_run);
        self.import_with(
            Kind::Orders,
            &p.file,
            p.rows.len(),
            p.skipped,
            dry_run,
            |rec, s| {
                let mut w = OrderWriter::new(rec.tx, limit)?;
                for row in &p.rows {
                    w.write(rec, row, s)?;
                }
                let all = w.finish(rec, s)?;
                s.created_products = w.products.created;
                Ok(all)
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
        let limit = self.copy_limit(dry_run);
        let result = self.import_with(Kind::Orders, file, 0, 0, dry_run, |rec, s| {
            let mut w = OrderWriter::new(rec.tx, limit)?;
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
                    let all = w.finish(rec, s)?;
                    s.rows = st.rows;
                    s.skipped = st.skipped;
                    s.created_products = w.products.created;
                    Ok(all)
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
}

impl Store {
    /// How many lines an orders import holds to write the copy of the lines from: none
    /// for a dry run, which writes nothing.
    fn copy_limit(&self, dry_run: bool) -> usize {
        if dry_run {
            0
        } else {
            self.copy_in_import_up_to
        }
    }
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
pub(super) const LINES_PER_INSERT: usize = 64;

/// The columns an import writes to `order_line`.
const LINE_COLUMNS: &str = "order_id, line_no, product_id, day, ordered_at, qty, unit_price, discount, customer_id, channel, import_set";

/// How an order line's `ordered_at` is stored: the time of day alone (`12:34:56`), or
/// nothing for a date alone, when the text begins with the line's own day
/// (`2025-09-30 12:34:56` on 2025-09-30), since `day` holds that; any other text whole.
/// On 5M lines this keeps 55 MB out of the file (issue 23). Applied to text already
/// stored, it gives it back unchanged, so a line stored whole by an earlier skudesk
/// compares equal to the same line read again.
pub(crate) fn stored_ordered_at(day: Day, text: &str) -> &str {
    use chrono::Datelike;
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = day.date();
    let same_day = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4) == u32::try_from(date.year()).ok()
        && digits(5..7) == Some(date.month())
        && digits(8..10) == Some(date.day());
    match (same_day, b.get(10)) {
        (true, None) => "",
        (true, Some(b' ')) if b.len() > 11 => &text[11..],
        _ => text,
    }
}

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
    /// Every line written, as the figures read it (with the product's id as its
    /// `product`), to write the copy of the lines from; `None` once a line does not fit
    /// a [`Line`] (then the next load reads the table, and says why) or there are more
    /// than `limit` lines.
    all: Option<Vec<Line>>,
    limit: usize,
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
    fn new(tx: &'t Transaction, limit: usize) -> rusqlite::Result<FreshLines<'t>> {
        Ok(FreshLines {
            insert: tx.prepare(&insert_lines_sql(LINES_PER_INSERT))?,
            pending: Vec::with_capacity(LINES_PER_INSERT),
            text: String::new(),
            all: Some(Vec::new()),
            limit,
        })
    }

    fn push(
        &mut self,
        rec: &Recorder,
        line: PendingLine,
        channel: Option<&str>,
        s: &mut ImportSummary,
    ) -> rusqlite::Result<()> {
        if let Some(all) = &mut self.all {
            match figures_line(&line, channel).filter(|_| all.len() < self.limit) {
                Some(l) => all.push(l),
                // Freed at once: a file this large keeps no copy of its lines in memory.
                None => self.all = None,
            }
        }
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

impl<'t> OrderWriter<'t> {
    /// A writer; into empty line tables it holds up to `copy_limit` lines to write the
    /// copy of the lines from.
    fn new(tx: &'t Transaction, copy_limit: usize) -> rusqlite::Result<OrderWriter<'t>> {
        let empty = |table: &str| -> rusqlite::Result<bool> {
            let sql = format!("SELECT NOT EXISTS (SELECT 1 FROM {table})");
            tx.query_row(&sql, [], |r| r.get(0))
        };
        let orders_were_empty = empty("sale_order")?;
        let fresh = if orders_were_empty && empty("order_line")? {
            Some(FreshLines::new(tx, copy_limit)?)
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
                    ordered_at: fresh.keep(stored_ordered_at(row.day, &row.ordered_at)),
                    qty: row.qty,
                    unit_price: micros(row.unit_price),
                    discount: micros(row.discount),
                    customer,
                    channel: row.channel.as_deref().map(|c| fresh.keep(c)),
                };
                fresh.push(rec, line, row.channel.as_deref(), s)
            }
            None => upsert_line(rec, &mut self.add_line, row, order, product, customer, s),
        }
    }

    /// Writes what the writer still holds: call once the last row is written. Gives
    /// every line of the database as the figures read it, when the tables were empty
    /// and each line fits.
    fn finish(
        &mut self,
        rec: &Recorder,
        s: &mut ImportSummary,
    ) -> rusqlite::Result<Option<Vec<Line>>> {
        self.order_keys.flush()?;
        self.customer_keys.flush()?;
        match &mut self.fresh {
            Some(fresh) => {
                fresh.flush(rec, s)?;
                Ok(fresh.all.take())
            }
            None => Ok(None),
        }
    }
}

/// A new line as the figures read it, as the loader would make it of the row written
/// (`crate::store::load`), its `product` the product's id; `None` when an id or value
/// does not fit.
fn figures_line(l: &PendingLine, channel: Option<&str>) -> Option<Line> {
    let customer = match l.customer {
        None => None,
        Some(c) => Some(u32::try_from(c).ok()?),
    };
    Line::new(
        u32::try_from(l.product).ok()?,
        Day(l.day),
        l.qty,
        crate::store::load::stored_net_revenue(l.qty, l.unit_price, l.discount),
        u32::try_from(l.order).ok()?,
        customer,
        Channel::classify(channel),
    )
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
    let ordered_at = stored_ordered_at(row.day, &row.ordered_at);
    let values = params![
        order,
        row.line_no,
        product,
        row.day.0,
        ordered_at,
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
    let Some(before) = rec.snapshot(Audited::OrderLine, &key)? else {
        return Ok(());
    };
    let same = |col: &str, v: Json| before.get(col) == Some(&v);
    let unchanged = same("product_id", Json::from(product))
        && same("day", Json::from(row.day.0))
        // As stored now, whether it was stored whole (by an earlier skudesk) or not.
        && before
            .get("ordered_at")
            .and_then(Json::as_str)
            .is_some_and(|t| stored_ordered_at(row.day, t) == ordered_at)
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
    let after = rec.snapshot(Audited::OrderLine, &key)?;
    rec.record(Audited::OrderLine, &key, Some(before), after)?;
    s.changed += 1;
    Ok(())
}
