//! Loading the whole dataset the figures read, in a handful of sequential scans.

use std::collections::HashMap;
use std::str::FromStr;

use rusqlite::OptionalExtension;
use rust_decimal::Decimal;

use crate::domain::clearance::Ladder;
use crate::domain::dates::Day;
use crate::domain::model::*;
use crate::domain::money::Money;
use crate::domain::plan::{Target, TargetMetric};

use super::line_cache::{self, Decoded};
use super::{Result, Store};

fn money(v: Option<i64>) -> Option<Money> {
    v.map(|m| Money::from_micros(m.into()))
}

fn parse_or<T: FromStr>(text: &str, fallback: T) -> T {
    text.parse().unwrap_or(fallback)
}

const PRODUCT_SELECT: &str =
    "SELECT p.id, p.sku, p.name, p.category, p.brand, p.unit_cost, p.list_price, p.launched_on,
            p.lifecycle, p.tags, o.tier, p.lead_time_days
     FROM product p LEFT JOIN tier_override o ON o.product_id = p.id";

fn product_of(r: &rusqlite::Row) -> rusqlite::Result<Product> {
    let tags: String = r.get(9)?;
    Ok(Product {
        id: r.get(0)?,
        sku: r.get(1)?,
        name: r.get(2)?,
        category: r.get(3)?,
        brand: r.get(4)?,
        unit_cost: money(r.get(5)?),
        list_price: money(r.get(6)?),
        launched_on: r.get::<_, Option<i32>>(7)?.map(Day),
        lifecycle: r.get::<_, Option<String>>(8)?.and_then(|l| l.parse().ok()),
        tags: tags
            .split(';')
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        tier_override: r.get::<_, Option<String>>(10)?.and_then(|t| t.parse().ok()),
        lead_time_days: r
            .get::<_, Option<i64>>(11)?
            .and_then(|d| u32::try_from(d).ok()),
    })
}

/// Moves whenever another connection commits (SQLite's own counter, per connection).
pub(super) fn data_version(c: &rusqlite::Connection) -> rusqlite::Result<i64> {
    c.query_row("PRAGMA data_version", [], |r| r.get(0))
}

pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// What every skudesk write moves: the latest change set and how many are undone.
fn history_stamp(c: &rusqlite::Connection) -> rusqlite::Result<(i64, i64)> {
    c.query_row(
        "SELECT coalesce(max(id), 0), coalesce(sum(undone), 0) FROM change_set",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Lines read in chunks of a fixed size: a `Vec` grown by doubling would hold up to
/// twice the lines' memory at its peak, millions of lines in.
type Chunks = Vec<Vec<Line>>;
const CHUNK: usize = 1 << 16;

/// Chunks into one `Vec`, each chunk freed as soon as it is copied.
fn concat(parts: Vec<Chunks>) -> Vec<Line> {
    let total = parts.iter().flatten().map(Vec::len).sum();
    let mut lines = Vec::with_capacity(total);
    for chunk in parts.into_iter().flatten() {
        lines.extend_from_slice(&chunk);
    }
    lines
}

/// A stored order line's net revenue: qty × unit price − discount, both stored in
/// micro-units (what the loader and an import's copy of the lines both compute).
pub(super) fn stored_net_revenue(qty: i64, unit_price: i64, discount: i64) -> Money {
    Money::from_micros(unit_price.into()) * qty - Money::from_micros(discount.into())
}

/// Order lines, reduced to what the figures need; `filter` is empty or a WHERE clause.
fn scan_lines<P: rusqlite::Params>(
    c: &rusqlite::Connection,
    filter: &str,
    params: P,
    ix: impl Fn(i64) -> ProductIx,
    mut customer_ix: impl FnMut(i64) -> u32,
) -> rusqlite::Result<Chunks> {
    let mut chunks: Chunks = Vec::new();
    let mut lines = Vec::with_capacity(CHUNK);
    let mut stmt = c.prepare(&format!(
        "SELECT product_id, day, qty, unit_price, discount, order_id, customer_id, channel
         FROM order_line {filter}"
    ))?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        let qty: i64 = r.get(2)?;
        let channel = Channel::classify(r.get_ref(7)?.as_str_or_null()?);
        let line = Line::new(
            ix(r.get(0)?),
            Day(r.get(1)?),
            qty,
            stored_net_revenue(qty, r.get(3)?, r.get(4)?),
            r.get::<_, i64>(5)? as u32,
            r.get::<_, Option<i64>>(6)?.map(&mut customer_ix),
            channel,
        );
        // Imports keep a qty within ±10^9 (and customer ids are renumbered before they
        // grow too large): only a line another program wrote can be out of range.
        let Some(line) = line else {
            let order: i64 = r.get(5)?;
            let customer: Option<i64> = r.get(6)?;
            return Err(rusqlite::Error::FromSqlConversionFailure(
                2,
                rusqlite::types::Type::Integer,
                format!(
                    "an order line of order id {order} holds a value beyond what skudesk reads \
                     (qty {qty}: at most ±2^31; customer id {}): it was not written by a skudesk import",
                    customer.map_or("none".to_string(), |c| c.to_string())
                )
                .into(),
            ));
        };
        lines.push(line);
        if lines.len() == CHUNK {
            chunks.push(std::mem::replace(&mut lines, Vec::with_capacity(CHUNK)));
        }
    }
    lines.shrink_to_fit();
    chunks.push(lines);
    Ok(chunks)
}

/// What [`Store::refresh_catalog`] re-read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogRefresh {
    /// A SKU code or product name changed (the search text must be built again).
    pub names_changed: bool,
    /// The products re-read, by index; `None` when all were (a large change set).
    pub products: Option<Vec<ProductIx>>,
}

impl Store {
    /// Reads everything the review needs into memory.
    pub fn load(&self) -> Result<Dataset> {
        self.load_inner().map_err(|e| self.sql(e))
    }

    /// [`Store::load`]; then, when the copy of the order lines (`line_cache`) is stale
    /// and the shop has many lines, writes a fresh copy so that the next open reads it
    /// instead of the table. The copy is written only when the write lock is free at
    /// once and nothing was committed since the reading (`PRAGMA data_version`): it
    /// never waits on, or holds up, another writer for longer than the writing itself,
    /// and never copies data that is no longer current (then the next load tries
    /// again). The app calls this; commands that only read (reports, exports) call
    /// [`Store::load`], which reads a valid copy but never writes one. A read-only
    /// database is only read.
    pub fn load_and_cache(&self) -> Result<Dataset> {
        if self.read_only.is_some() {
            return self.load();
        }
        (|| {
            let tx = self.conn.unchecked_transaction()?;
            let version = data_version(&self.conn)?;
            let (mut ds, from_copy) = self.read_all()?;
            tx.commit()?;
            // The copy holds the lines as the figures read them: sorted by day and order.
            ds.prepare();
            if !from_copy && ds.lines.len() >= self.cache_from {
                self.write_line_copy(&ds, version)?;
            }
            Ok(ds)
        })()
        .map_err(|e| self.sql(e))
    }

    /// Writes `ds`'s lines as the copy, if the write lock is free now and the database
    /// is still at `version`; otherwise leaves it for the next load.
    fn write_line_copy(&self, ds: &Dataset, version: i64) -> rusqlite::Result<()> {
        // Nothing is written into a damaged file (its first real write says so); the
        // check runs once a session, here only when the copy is stale.
        if self.check_writable().is_err() {
            return Ok(());
        }
        let c = &self.conn;
        c.busy_timeout(std::time::Duration::ZERO)?;
        let began =
            rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate);
        c.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
        let tx = match began {
            Ok(tx) => tx,
            Err(e) if is_busy(&e) => return Ok(()),
            Err(e) => return Err(e),
        };
        if data_version(c)? != version {
            return Ok(());
        }
        let products = &ds.products;
        line_cache::write(&tx, &ds.lines, |ix| {
            products.get(ix as usize).map_or(-1, |p| p.id)
        })?;
        tx.commit()
    }

    /// Writes a fresh copy of the order lines when the copy is stale and the shop has
    /// many lines (see [`Store::load_and_cache`]), so the next open is fast: an import
    /// calls it once its files are in.
    pub fn refresh_line_copy(&self) -> Result<()> {
        let valid = line_cache::is_valid(&self.conn).map_err(|e| self.sql(e))?;
        if self.read_only.is_some() || valid {
            return Ok(());
        }
        self.load_and_cache().map(drop)
    }

    fn load_inner(&self) -> rusqlite::Result<Dataset> {
        // One read transaction: every table as of one committed state.
        let tx = self.conn.unchecked_transaction()?;
        let (mut ds, _) = self.read_all()?;
        tx.commit()?;
        ds.prepare();
        Ok(ds)
    }

    /// Every table, inside the caller's transaction; true when the order lines came
    /// from their copy. Not yet prepared.
    fn read_all(&self) -> rusqlite::Result<(Dataset, bool)> {
        // The copy's bytes are read first and decoded on another core while the products,
        // lots and traffic are read here (one connection, so one snapshot: the other
        // thread only turns bytes into lines, with product ids to map afterwards); then
        // this thread decodes parts from the other end until the two meet.
        let fetched = if line_cache::is_valid(&self.conn)? {
            line_cache::fetch(&self.conn)?
        } else {
            None
        };
        let shared = fetched.map(line_cache::Fetched::share);
        let (products, ix_of, lots, (lines, from_copy), traffic) =
            std::thread::scope(|scope| -> rusqlite::Result<_> {
                let decoding = shared
                    .as_ref()
                    .map(|s| (s, scope.spawn(move || s.decode_front())));
                let (products, ix_of) = self.load_products()?;
                let (lots, lines, traffic) = self.load_facts(&ix_of, decoding)?;
                Ok((products, ix_of, lots, lines, traffic))
            })?;
        let (batches, candidates, plans) =
            self.load_catalog(&|id| ix_of.get(&id).copied().unwrap_or(0))?;
        let personas = self.load_personas()?;
        let settings = self.load_settings()?;
        let ds = Dataset {
            products,
            lots,
            lines: lines.into(),
            traffic,
            batches,
            candidates,
            plans,
            personas,
            settings,
            ..Dataset::default()
        };
        Ok((ds, from_copy))
    }

    /// After a change this process applied (it touches products, tiers, batches or
    /// plans, never lines or lots): re-reads the products the latest change set touched,
    /// and batches, candidates, plans and personas, and keeps the rest. Returns what it
    /// re-read, or `None` — changing nothing — when the products differ in number or a
    /// touched one is not loaded: load it all then. (Changes by other processes are
    /// found by `changed_by_others` and reloaded whole.)
    ///
    /// `set`: the change set to refresh after (an undone or redone one); `None`: the
    /// latest.
    pub fn refresh_catalog(
        &self,
        ds: &mut Dataset,
        set: Option<i64>,
    ) -> Result<Option<CatalogRefresh>> {
        (|| {
            let count: i64 = self
                .conn
                .query_row("SELECT count(*) FROM product", [], |r| r.get(0))?;
            if count != ds.products.len() as i64 {
                return Ok(None);
            }
            let mut touched: Vec<i64> = Vec::new();
            let mut stmt = self.conn.prepare(
                "SELECT row_key FROM change
                 WHERE change_set_id = coalesce(?1, (SELECT max(id) FROM change_set))
                   AND table_name IN ('product', 'tier_override')",
            )?;
            let mut rows = stmt.query([set])?;
            while let Some(r) = rows.next()? {
                let key: String = r.get(0)?;
                match serde_json::from_str::<[i64; 1]>(&key) {
                    Ok([id]) => touched.push(id),
                    Err(_) => return Ok(None),
                }
            }
            let (mut names_changed, mut all) = (false, false);
            if touched.len() > 256 {
                // A large change set (an import's): one scan beats a lookup per product.
                let (products, _) = self.load_products()?;
                if products.iter().zip(&ds.products).any(|(a, b)| a.id != b.id) {
                    return Ok(None);
                }
                names_changed = products
                    .iter()
                    .zip(&ds.products)
                    .any(|(a, b)| a.sku != b.sku || a.name != b.name);
                ds.products = products;
                touched.clear();
                all = true;
            }
            // Staged, and put in only once every one is found: a `None` below must leave
            // `ds` as it was (the caller then reloads it all and compares with it).
            let mut fresh_products = Vec::with_capacity(touched.len());
            for id in touched {
                // Products are loaded in id order.
                let Ok(i) = ds.products.binary_search_by_key(&id, |p| p.id) else {
                    return Ok(None);
                };
                let Some(fresh) = self
                    .conn
                    .prepare_cached(&format!("{PRODUCT_SELECT} WHERE p.id = ?1"))?
                    .query_row([id], product_of)
                    .optional()?
                else {
                    return Ok(None);
                };
                let old = &ds.products[i];
                names_changed |= old.sku != fresh.sku || old.name != fresh.name;
                fresh_products.push((i, fresh));
            }
            let mut reread = Vec::with_capacity(fresh_products.len());
            for (i, fresh) in fresh_products {
                ds.products[i] = fresh;
                reread.push(i as ProductIx);
            }
            // Products are in id order: a binary search finds a batch's SKUs (a map of all
            // 100k ids cost more than the rest of the refresh's reading).
            let products = &ds.products;
            let (batches, candidates, plans) = self.load_catalog(&|id| {
                products
                    .binary_search_by_key(&id, |p| p.id)
                    .map_or(0, |i| i as ProductIx)
            })?;
            ds.batches = batches;
            ds.candidates = candidates;
            ds.plans = plans;
            ds.personas = self.load_personas()?;
            ds.settings = self.load_settings()?;
            Ok(Some(CatalogRefresh {
                names_changed,
                products: (!all).then_some(reread),
            }))
        })()
        .map_err(|e| self.sql(e))
    }

    fn load_personas(&self) -> rusqlite::Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT code, label FROM persona ORDER BY code")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    fn load_settings(&self) -> rusqlite::Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM setting ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    /// The settings stored in the database (set in the app or with `skudesk config set`).
    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        self.load_settings().map_err(|e| self.sql(e))
    }

    fn load_products(&self) -> rusqlite::Result<(Vec<Product>, HashMap<i64, ProductIx>)> {
        let mut ix_of: HashMap<i64, ProductIx> = HashMap::new();
        let mut products = Vec::new();
        let mut stmt = self
            .conn
            .prepare(&format!("{PRODUCT_SELECT} ORDER BY p.id"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let p = product_of(r)?;
            ix_of.insert(p.id, products.len() as ProductIx);
            products.push(p);
        }
        Ok((products, ix_of))
    }

    /// The order lines. On a file with many orders, the two halves of the order range
    /// are read at once, the second on its own read-only connection, as two scans of
    /// half the file take about half the time on two cores. Both read the same
    /// committed state (checked by the change history's stamp, which every skudesk
    /// write moves); otherwise the second half is read again here.
    fn load_lines_in_halves(
        &self,
        ix: &(impl Fn(i64) -> ProductIx + Sync),
    ) -> rusqlite::Result<Vec<Line>> {
        self.load_lines_split(ix, 200_000)
    }

    /// [`Self::load_lines_in_halves`], splitting when the order ids span `min_span`.
    pub(super) fn load_lines_split(
        &self,
        ix: &(impl Fn(i64) -> ProductIx + Sync),
        min_span: i64,
    ) -> rusqlite::Result<Vec<Line>> {
        let c = &self.conn;
        let (lo, hi): (Option<i64>, Option<i64>) = c.query_row(
            "SELECT min(order_id), max(order_id) FROM order_line",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let same = |id: i64| id as u32;
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Ok(Vec::new());
        };
        if self.path == ":memory:" || hi - lo < min_span {
            return Ok(concat(vec![scan_lines(c, "", [], ix, same)?]));
        }
        let mid = lo + (hi - lo) / 2;
        let stamp = history_stamp(c)?;
        // Opened as this store reads the file (`immutable` for one it may not write:
        // a plain read-only open would leave a -wal and -shm behind).
        let (name, flags) = self.reader.clone();
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(move || -> rusqlite::Result<Option<Chunks>> {
                let conn = rusqlite::Connection::open_with_flags(&name, flags)?;
                conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
                let tx = conn.unchecked_transaction()?;
                if history_stamp(&tx)? != stamp {
                    return Ok(None);
                }
                let lines = scan_lines(&tx, "WHERE order_id > ?1", [mid], ix, same)?;
                tx.commit()?;
                Ok(Some(lines))
            });
            let first = scan_lines(c, "WHERE order_id <= ?1", [mid], ix, same);
            (first, other.join())
        });
        let first = first?;
        let second = match second {
            Ok(Ok(Some(rest))) => rest,
            // Another state, an error or a panic over there: read it here instead.
            _ => scan_lines(c, "WHERE order_id > ?1", [mid], ix, same)?,
        };
        Ok(concat(vec![first, second]))
    }

    #[allow(clippy::type_complexity)]
    fn load_facts(
        &self,
        ix_of: &HashMap<i64, ProductIx>,
        decoding: Option<(
            &line_cache::Shared,
            std::thread::ScopedJoinHandle<'_, Decoded>,
        )>,
    ) -> rusqlite::Result<(Vec<Lot>, (Vec<Line>, bool), Vec<Visits>)> {
        let c = &self.conn;
        // Product ids are rowids, handed out one after another: a flat table indexed by
        // id answers the per-line lookup without hashing (5M lookups matter).
        let max_id = ix_of.keys().copied().max().unwrap_or(0);
        let flat: Option<Vec<ProductIx>> =
            (max_id >= 0 && max_id <= 4 * ix_of.len() as i64 + 1_000_000).then(|| {
                let mut flat = vec![0; max_id as usize + 1];
                for (&id, &i) in ix_of {
                    flat[id as usize] = i;
                }
                flat
            });
        let ix = |id: i64| match &flat {
            Some(flat) => usize::try_from(id)
                .ok()
                .and_then(|id| flat.get(id).copied())
                .unwrap_or(0),
            None => ix_of.get(&id).copied().unwrap_or(0),
        };
        let mut lots = Vec::new();
        let mut stmt =
            c.prepare("SELECT product_id, qty, received_on, unit_cost FROM stock_lot ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            lots.push(Lot {
                product: ix(r.get(0)?),
                qty: r.get(1)?,
                received: Day(r.get(2)?),
                unit_cost: money(r.get(3)?),
            });
        }

        let mut traffic = Vec::new();
        let mut stmt = c.prepare("SELECT product_id, day, visitors FROM traffic")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            traffic.push(Visits {
                product: ix(r.get(0)?),
                day: Day(r.get(1)?),
                visitors: r.get(2)?,
            });
        }

        // This thread decodes the copy's parts from the back while the other, which has
        // been at it from the front, finishes. A copy that did not decode (or a panic
        // over there): the table is read.
        let copy = match decoding {
            None => None,
            Some((shared, front)) => {
                let back = shared.decode_back(&ix);
                match (front.join().unwrap_or(Decoded::Damaged), back) {
                    (Decoded::Lines(front), Some(back)) => shared.join(front, back, &ix),
                    // Same transaction, so the same bytes: decoded here with the indices.
                    (Decoded::WideIds, Some(_)) => {
                        line_cache::fetch(c)?.and_then(|f| f.decode(&ix))
                    }
                    _ => None,
                }
            }
        };
        let from_copy = copy.is_some();
        let lines = match copy {
            Some(lines) => lines,
            None => self.scan_all_lines(&ix)?,
        };
        Ok((lots, (lines, from_copy), traffic))
    }

    /// Every order line from the table.
    fn scan_all_lines(
        &self,
        ix: &(impl Fn(i64) -> ProductIx + Sync),
    ) -> rusqlite::Result<Vec<Line>> {
        let c = &self.conn;
        // Customer ids index arrays in the figures: keep them dense. SQLite hands out
        // rowids one after another, so the ids are used as they are unless some are far
        // beyond the count, or negative (rows written by another tool): then they are
        // renumbered.
        if customer_ids_far(c)? {
            let mut dense: HashMap<i64, u32> = HashMap::new();
            Ok(concat(vec![scan_lines(c, "", [], ix, |id| {
                let next = dense.len() as u32;
                *dense.entry(id).or_insert(next)
            })?]))
        } else {
            self.load_lines_in_halves(ix)
        }
    }

    #[allow(clippy::type_complexity)]
    fn load_catalog(
        &self,
        ix: &dyn Fn(i64) -> ProductIx,
    ) -> rusqlite::Result<(Vec<ClearanceBatch>, Vec<Candidate>, Vec<Plan>)> {
        let c = &self.conn;
        let mut batch_skus: HashMap<i64, Vec<BatchSku>> = HashMap::new();
        let mut stmt = c.prepare("SELECT batch_id, product_id, units_to_clear FROM batch_sku ORDER BY batch_id, product_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            batch_skus.entry(r.get(0)?).or_default().push(BatchSku {
                product: ix(r.get(1)?),
                units_to_clear: r.get(2)?,
            });
        }
        let mut batches = Vec::new();
        let mut stmt = c.prepare(
            "SELECT id, name, channel, starts_on, ends_on, ladder, cash_target, status FROM clearance_batch ORDER BY starts_on, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            batches.push(ClearanceBatch {
                id,
                name: r.get(1)?,
                channel: parse_or(&r.get::<_, String>(2)?, BatchChannel::TieredDiscount),
                starts_on: Day(r.get(3)?),
                ends_on: r.get::<_, Option<i32>>(4)?.map(Day),
                ladder: parse_or(&r.get::<_, String>(5)?, Ladder::default()),
                cash_target: Money::from_micros(r.get::<_, i64>(6)?.into()),
                status: parse_or(&r.get::<_, String>(7)?, BatchStatus::Planned),
                skus: batch_skus.remove(&id).unwrap_or_default(),
            });
        }

        let mut candidates = Vec::new();
        let mut stmt = c.prepare(
            "SELECT id, name, category, market_growth_pct, competitive_gap, gap_note, user_pain, pain_note,
                    brand_fit, expected_unit_cost, expected_price, personas, notes,
                    (SELECT sku FROM product WHERE product.id = candidate.product_id) FROM candidate ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let personas: String = r.get(11)?;
            candidates.push(Candidate {
                id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                market_growth_pct: parse_or(&r.get::<_, String>(3)?, Decimal::ZERO),
                competitive_gap: r.get(4)?,
                gap_note: r.get(5)?,
                user_pain: r.get(6)?,
                pain_note: r.get(7)?,
                brand_fit: r.get(8)?,
                expected_unit_cost: Money::from_micros(r.get::<_, i64>(9)?.into()),
                expected_price: Money::from_micros(r.get::<_, i64>(10)?.into()),
                personas: personas
                    .split(';')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
                notes: r.get(12)?,
                promoted_sku: r.get(13)?,
            });
        }

        let mut plans = Vec::new();
        let mut stmt = c.prepare(
            "SELECT id, horizon, title, due_on, status, target_metric, target_value, batch_id, note,
                    starts_on, baseline, category FROM plan
             ORDER BY CASE horizon WHEN 'short' THEN 0 WHEN 'mid' THEN 1 ELSE 2 END, due_on, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let metric: Option<TargetMetric> =
                r.get::<_, Option<String>>(5)?.and_then(|m| m.parse().ok());
            let value: Option<Decimal> =
                r.get::<_, Option<String>>(6)?.and_then(|v| v.parse().ok());
            let category: Option<String> = r.get(11)?;
            plans.push(Plan {
                id: r.get(0)?,
                horizon: parse_or(&r.get::<_, String>(1)?, Horizon::Short),
                title: r.get(2)?,
                due_on: r.get::<_, Option<i32>>(3)?.map(Day),
                status: parse_or(&r.get::<_, String>(4)?, PlanStatus::Todo),
                target: metric.map(|metric| Target {
                    metric,
                    value: value.unwrap_or(Decimal::ZERO),
                    batch_id: None,
                    category: category.clone(),
                }),
                start: r.get::<_, Option<i32>>(9)?.map(Day),
                baseline: r.get::<_, Option<String>>(10)?.and_then(|b| b.parse().ok()),
                note: r.get(8)?,
            });
            if let (Some(t), Some(b)) = (
                plans.last_mut().and_then(|p| p.target.as_mut()),
                r.get::<_, Option<i64>>(7)?,
            ) {
                t.batch_id = Some(b);
            }
        }

        Ok((batches, candidates, plans))
    }
}

/// Whether the lines are read with their customers renumbered (see
/// `Store::scan_all_lines`) rather than with the customers' ids.
pub(super) fn customer_ids_far(c: &rusqlite::Connection) -> rusqlite::Result<bool> {
    let (customers, min_customer, max_customer): (i64, i64, i64) = c.query_row(
        "SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0) FROM customer",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(max_customer > 2 * customers + 1_000_000
        || max_customer >= i64::from(Line::CUSTOMER_LIMIT)
        || min_customer < 0)
}
