//! skudesk's native layouts (DATA-FORMATS.md): each file becomes validated typed rows,
//! or every problem found, each at its line and column. Nothing here touches the store.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::str::FromStr;

use rustc_hash::FxHashMap;

use crate::domain::dates::{parse_date, parse_date_or_datetime, Day};
use crate::domain::model::Lifecycle;
use crate::domain::money::Money;
use crate::domain::text::{normalize_customer_id, unwrap_cell};

use super::table::{Field, ImportError, Row, Table};

const fn req(name: &'static str) -> Field {
    Field {
        name,
        required: true,
    }
}
const fn opt(name: &'static str) -> Field {
    Field {
        name,
        required: false,
    }
}

pub const PRODUCT_FIELDS: &[Field] = &[
    req("sku"),
    opt("name"),
    opt("category"),
    opt("brand"),
    req("unit_cost"),
    opt("list_price"),
    opt("launched_on"),
    opt("lifecycle"),
    opt("tags"),
    opt("lead_time_days"),
];
pub const STOCK_FIELDS: &[Field] = &[req("sku"), req("qty"), req("received_on"), opt("unit_cost")];
pub const ORDER_FIELDS: &[Field] = &[
    req("order_id"),
    req("ordered_at"),
    req("sku"),
    req("qty"),
    req("unit_price"),
    opt("discount"),
    opt("customer_id"),
    opt("channel"),
    opt("line_no"),
    opt("name"),
];
pub const TRAFFIC_FIELDS: &[Field] = &[req("sku"), req("date"), req("visitors")];

/// An optional column: `None` when the file has no such column (keep what is stored),
/// `Some(None)` when the cell is empty (the default).
pub type Column<T> = Option<Option<T>>;

#[derive(Debug, Clone, PartialEq)]
pub struct ProductRow {
    pub line: u64,
    pub sku: String,
    pub name: Option<String>,
    pub category: Option<String>,
    pub brand: Option<String>,
    /// `None`: an empty cell, the cost is missing.
    pub unit_cost: Option<Money>,
    pub list_price: Column<Money>,
    pub launched_on: Column<Day>,
    pub lifecycle: Column<Lifecycle>,
    pub tags: Option<Vec<String>>,
    /// Days from order to stock; an empty cell: the setting applies.
    pub lead_time_days: Column<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StockRow {
    pub line: u64,
    pub sku: String,
    pub qty: i64,
    pub received: Day,
    pub unit_cost: Option<Money>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderRow {
    pub line: u64,
    pub order_id: String,
    /// The order's place among the file's order numbers in the order first met, from
    /// 0: every row of one order has the same. Likewise the SKU's among the SKUs and the
    /// customer's among the customers: the writer finds ids by these, hashing no text,
    /// and trusts them: a row whose `order_id`, `sku` or `customer` is changed after
    /// parsing must get its numbers changed to match (a number not used before is new).
    pub order_seq: usize,
    pub sku_seq: usize,
    pub customer_seq: usize,
    pub line_no: i64,
    pub ordered_at: String,
    pub day: Day,
    pub sku: String,
    pub qty: i64,
    pub unit_price: Money,
    pub discount: Money,
    pub customer: Option<String>,
    pub channel: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrafficRow {
    pub line: u64,
    pub sku: String,
    pub day: Day,
    pub visitors: i64,
}

/// Rows of one file, plus how many rows were left out (blank or repeated headers).
#[derive(Debug)]
pub struct Parsed<T> {
    pub file: String,
    pub rows: Vec<T>,
    pub skipped: usize,
}

const MAX_QTY: i64 = 1_000_000_000;

/// Why a cell is not a whole number skudesk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntError {
    NotWhole,
    /// A whole number beyond ±[`MAX_QTY`].
    TooLarge,
}

impl IntError {
    pub fn message(self) -> &'static str {
        match self {
            IntError::NotWhole => "is not a whole number",
            IntError::TooLarge => "is too large (the limit is 1,000,000,000 either way)",
        }
    }
}

/// An integer cell: `12`, `12.0`, `1,200`, `="12"`.
pub fn parse_int(raw: &str) -> Option<i64> {
    parse_whole(raw).ok()
}

/// An integer cell as [`parse_int`] reads it, or why not.
pub fn parse_whole(raw: &str) -> Result<i64, IntError> {
    let in_range = |v: i64| {
        if (-MAX_QTY..=MAX_QTY).contains(&v) {
            Ok(v)
        } else {
            Err(IntError::TooLarge)
        }
    };
    // The common plain form, without allocating.
    if let Ok(v) = raw.parse::<i64>() {
        return in_range(v);
    }
    let t: String = unwrap_cell(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let digits = match digits.split_once('.') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b == b'0') => i,
        Some(_) => return Err(IntError::NotWhole),
        None => digits,
    };
    let plain = if digits.contains(',') {
        let groups: Vec<&str> = digits.split(',').collect();
        let ok = (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(IntError::NotWhole);
        }
        groups.concat()
    } else {
        digits.to_string()
    };
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IntError::NotWhole);
    }
    let significant = plain.trim_start_matches('0');
    if significant.len() > 12 {
        return Err(IntError::TooLarge);
    }
    let v: i64 = significant.parse().unwrap_or(0);
    in_range(if neg { -v } else { v })
}

/// Collects the errors of every row so a file reports all its problems at once.
struct Checker {
    errors: Vec<ImportError>,
    /// Errors past the ones kept.
    dropped: usize,
}

impl Checker {
    fn push(&mut self, e: ImportError) {
        if self.errors.len() < MAX_ERRORS_KEPT {
            self.errors.push(e);
        } else {
            self.dropped += 1;
        }
    }
    fn take<T>(&mut self, r: Result<T, ImportError>) -> Option<T> {
        r.map_err(|e| self.push(e)).ok()
    }
}

fn sku_of(row: &Row) -> Result<String, ImportError> {
    let sku = unwrap_cell(row.text("sku"));
    if sku.is_empty() {
        return Err(row.error("sku", "is empty"));
    }
    if sku.chars().count() > 200 {
        return Err(row.error("sku", "is longer than 200 characters"));
    }
    // A SKU is a code typed and matched as one piece of text: a line break or a quote in
    // it is a broken cell (a quote left open, a row split), not part of the code.
    if sku.contains(['\n', '\r']) {
        return Err(row.error(
            "sku",
            "contains a line break (a quoted cell spans lines?): a SKU is one line of text",
        ));
    }
    if sku.contains('"') {
        return Err(row.error(
            "sku",
            "contains a quote (\"): a SKU cannot hold one (a stray quote in the file?)",
        ));
    }
    if sku.contains(char::is_control) {
        return Err(row.error("sku", "contains a control character"));
    }
    Ok(sku.to_string())
}

fn money(row: &Row, field: &str, allow_negative: bool) -> Result<Option<Money>, ImportError> {
    let raw = row.text(field);
    if raw.is_empty() {
        return Ok(None);
    }
    let m = Money::from_str(raw).map_err(|e| row.error(field, e.to_string()))?;
    if !allow_negative && m.micros() < 0 {
        return Err(row.error(field, "must not be negative"));
    }
    Ok(Some(m))
}

fn required_money(row: &Row, field: &str, allow_negative: bool) -> Result<Money, ImportError> {
    money(row, field, allow_negative)?.ok_or_else(|| row.error(field, "is empty"))
}

fn int(row: &Row, field: &str) -> Result<i64, ImportError> {
    let raw = row.text(field);
    if raw.is_empty() {
        return Err(row.error(field, "is empty"));
    }
    parse_whole(raw).map_err(|e| row.error(field, e.message()))
}

fn date(row: &Row, field: &str) -> Result<Option<Day>, ImportError> {
    let raw = row.text(field);
    if raw.is_empty() {
        return Ok(None);
    }
    let d = parse_date(raw)
        .or_else(|| parse_date_or_datetime(raw).map(|(d, _)| d))
        .ok_or_else(|| row.error(field, "is not a date (expected YYYY-MM-DD)"))?;
    Ok(Some(Day::from_date(d)))
}

fn optional_text(row: &Row, field: &str) -> Option<String> {
    row.get(field).map(str::to_string)
}

/// How many errors a file keeps in full; the rest are counted.
const MAX_ERRORS_KEPT: usize = 1000;

/// Rows streamed out of a file: how many, and how many were skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Streamed {
    pub rows: usize,
    pub skipped: usize,
}

/// Runs a row parser over a file, handing each good row to `emit`, until `emit` breaks
/// (the rest of the file is then not read); all problems are returned at once (sorted by
/// line; past [`MAX_ERRORS_KEPT`] only counted, as a last summary line).
fn stream<T>(
    mut table: Table,
    mut parse: impl FnMut(&Row, &mut Checker) -> Option<T>,
    mut emit: impl FnMut(T) -> ControlFlow<()>,
) -> Result<Streamed, Vec<ImportError>> {
    let mut c = Checker {
        errors: Vec::new(),
        dropped: 0,
    };
    let mut rows = 0;
    let end = table.for_each(|row| {
        if let Some(e) = row.check_width() {
            c.push(e);
            return ControlFlow::Continue(());
        }
        if let Some(t) = parse(row, &mut c) {
            if c.errors.is_empty() {
                rows += 1;
                return emit(t);
            }
        }
        ControlFlow::Continue(())
    });
    if let Err(e) = end {
        c.push(e);
    }
    if c.errors.is_empty() {
        return Ok(Streamed {
            rows,
            skipped: table.skipped,
        });
    }
    c.errors.sort_by_key(|e| e.line);
    if c.dropped > 0 {
        let last = c.errors.last().map_or(0, |e| e.line);
        c.errors.push(ImportError {
            file: table.file.clone(),
            line: last,
            column: None,
            message: format!("… {} more errors in this file not listed", c.dropped),
            value: None,
        });
    }
    Err(c.errors)
}

fn collect<T>(
    file: &str,
    run: impl FnOnce(&mut dyn FnMut(T) -> ControlFlow<()>) -> Result<Streamed, Vec<ImportError>>,
) -> Result<Parsed<T>, Vec<ImportError>> {
    let mut rows = Vec::new();
    let streamed = run(&mut |t| {
        rows.push(t);
        ControlFlow::Continue(())
    })?;
    Ok(Parsed {
        file: file.to_string(),
        rows,
        skipped: streamed.skipped,
    })
}

pub fn products(file: &str, bytes: &[u8]) -> Result<Parsed<ProductRow>, Vec<ImportError>> {
    collect(file, |emit| products_each(file, bytes, emit))
}
pub fn stock(file: &str, bytes: &[u8]) -> Result<Parsed<StockRow>, Vec<ImportError>> {
    collect(file, |emit| stock_each(file, bytes, emit))
}
pub fn orders(file: &str, bytes: &[u8]) -> Result<Parsed<OrderRow>, Vec<ImportError>> {
    collect(file, |emit| orders_each(file, bytes, emit))
}
pub fn traffic(file: &str, bytes: &[u8]) -> Result<Parsed<TrafficRow>, Vec<ImportError>> {
    collect(file, |emit| traffic_each(file, bytes, emit))
}

pub fn products_each(
    file: &str,
    bytes: &[u8],
    emit: impl FnMut(ProductRow) -> ControlFlow<()>,
) -> Result<Streamed, Vec<ImportError>> {
    let table = Table::parse(file, bytes, PRODUCT_FIELDS)?;
    let has = [
        table.has("list_price"),
        table.has("launched_on"),
        table.has("lifecycle"),
        table.has("lead_time_days"),
    ];
    let mut seen: HashMap<String, u64> = HashMap::new();
    stream(
        table,
        |row, c| {
            let sku = c.take(sku_of(row));
            let unit_cost = c.take(money(row, "unit_cost", false));
            let list_price = c.take(money(row, "list_price", false));
            let launched_on = c.take(date(row, "launched_on"));
            let lifecycle = match row.get("lifecycle") {
                Some("") | None => Some(None),
                Some(t) => c.take(
                    Lifecycle::from_str(t)
                        .map(Some)
                        .map_err(|m| row.error("lifecycle", m)),
                ),
            };
            let lead_time_days = match row.get("lead_time_days").map(str::trim) {
                Some("") | None => Some(None),
                Some(t) => c.take(
                    t.parse::<u32>()
                        .ok()
                        .filter(|d| *d <= 36_500)
                        .map(Some)
                        .ok_or_else(|| {
                            row.error(
                                "lead_time_days",
                                format!("must be a whole number of days from 0 to 36500 ({t})"),
                            )
                        }),
                ),
            };
            if let Some(sku) = &sku {
                if let Some(first) = seen.insert(sku.clone(), row.line) {
                    c.push(row.error("sku", format!("duplicate SKU (first on line {first})")));
                }
            }
            Some(ProductRow {
                line: row.line,
                sku: sku?,
                name: optional_text(row, "name"),
                category: optional_text(row, "category"),
                brand: optional_text(row, "brand"),
                unit_cost: unit_cost?,
                list_price: has[0].then_some(list_price?),
                launched_on: has[1].then_some(launched_on?),
                lifecycle: has[2].then_some(lifecycle?),
                lead_time_days: has[3].then_some(lead_time_days?),
                tags: row.get("tags").map(|t| {
                    t.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }),
            })
        },
        emit,
    )
}

pub fn stock_each(
    file: &str,
    bytes: &[u8],
    emit: impl FnMut(StockRow) -> ControlFlow<()>,
) -> Result<Streamed, Vec<ImportError>> {
    let table = Table::parse(file, bytes, STOCK_FIELDS)?;
    stream(
        table,
        |row, c| {
            let sku = c.take(sku_of(row));
            let qty = c.take(int(row, "qty").and_then(|q| {
                if q < 0 {
                    Err(row.error("qty", "stock quantity must not be negative"))
                } else {
                    Ok(q)
                }
            }));
            let received = c.take(
                date(row, "received_on")
                    .and_then(|d| d.ok_or_else(|| row.error("received_on", "is empty"))),
            );
            let unit_cost = c.take(money(row, "unit_cost", false));
            Some(StockRow {
                line: row.line,
                sku: sku?,
                qty: qty?,
                received: received?,
                unit_cost: unit_cost?,
            })
        },
        emit,
    )
}

/// Numbers the distinct values of a column in the order first met, from 0. The hash is
/// Fx, not SipHash: a 5M-line file hashes three keys a line, and a file the seller
/// imports into their own database has no one to defend against. The rows of one order
/// mostly come together, with one customer: the last value is compared before hashing.
#[derive(Default)]
struct Sequence {
    numbers: FxHashMap<String, usize>,
    last: Option<(String, usize)>,
}

impl Sequence {
    fn of(&mut self, value: &str) -> usize {
        if let Some((text, n)) = &self.last {
            if text == value {
                return *n;
            }
        }
        let n = match self.numbers.get(value) {
            Some(&n) => n,
            None => {
                let n = self.numbers.len();
                self.numbers.insert(value.to_string(), n);
                n
            }
        };
        match &mut self.last {
            Some((text, last)) => {
                text.clear();
                text.push_str(value);
                *last = n;
            }
            None => self.last = Some((value.to_string(), n)),
        }
        n
    }
}

pub fn orders_each(
    file: &str,
    bytes: &[u8],
    emit: impl FnMut(OrderRow) -> ControlFlow<()>,
) -> Result<Streamed, Vec<ImportError>> {
    let table = Table::parse(file, bytes, ORDER_FIELDS)?;
    let explicit_line_no = table.has("line_no");
    // Per order: its index among the file's orders, and (by that index) its lines so far.
    let mut orders = Sequence::default();
    let mut lines_of: Vec<i64> = Vec::new();
    // (order index, line number) → file line: the order's text is not copied per line.
    let mut identities: FxHashMap<(usize, i64), u64> = FxHashMap::default();
    let (mut skus, mut customers) = (Sequence::default(), Sequence::default());
    stream(
        table,
        |row, c| {
            let order_id = unwrap_cell(row.text("order_id")).to_string();
            if order_id.is_empty() {
                c.push(row.error("order_id", "is empty"));
            }
            let when = c.take(
                parse_date_or_datetime(row.text("ordered_at")).ok_or_else(|| {
                    row.error(
                        "ordered_at",
                        "is not a date or date-time (expected YYYY-MM-DD[ HH:MM[:SS]])",
                    )
                }),
            );
            let sku = c.take(sku_of(row));
            let qty = c.take(int(row, "qty"));
            let unit_price = c.take(required_money(row, "unit_price", true));
            let discount = c.take(money(row, "discount", false).map(|d| d.unwrap_or(Money::ZERO)));
            let order_ix = orders.of(&order_id);
            if order_ix == lines_of.len() {
                lines_of.push(0);
            }
            lines_of[order_ix] += 1;
            let counter = lines_of[order_ix];
            let line_no = match row.get("line_no") {
                Some(t) if explicit_line_no && !t.is_empty() => c.take(
                    parse_int(t)
                        .filter(|&n| n > 0)
                        .ok_or_else(|| row.error("line_no", "is not a positive whole number")),
                ),
                _ => Some(counter),
            };
            // Derived line numbers are unique by construction; given ones are checked.
            if let (Some(n), true) = (line_no, explicit_line_no) {
                if !order_id.is_empty() {
                    if let Some(first) = identities.insert((order_ix, n), row.line) {
                        c.push(row.error(
                            "line_no",
                            format!(
                                "order {order_id:?} line {n} appears twice (first on line {first})"
                            ),
                        ));
                    }
                }
            }
            let (date, ordered_at) = when?;
            if order_id.is_empty() {
                return None;
            }
            let sku = sku?;
            let customer = normalize_customer_id(row.text("customer_id"));
            Some(OrderRow {
                line: row.line,
                order_id,
                order_seq: order_ix,
                sku_seq: skus.of(&sku),
                customer_seq: customer.as_deref().map_or(0, |c| customers.of(c)),
                line_no: line_no?,
                ordered_at,
                day: Day::from_date(date),
                sku,
                qty: qty?,
                unit_price: unit_price?,
                discount: discount?,
                customer,
                channel: Some(row.text("channel").to_string()).filter(|s| !s.is_empty()),
                name: Some(row.text("name").to_string()).filter(|s| !s.is_empty()),
            })
        },
        emit,
    )
}

pub fn traffic_each(
    file: &str,
    bytes: &[u8],
    emit: impl FnMut(TrafficRow) -> ControlFlow<()>,
) -> Result<Streamed, Vec<ImportError>> {
    let table = Table::parse(file, bytes, TRAFFIC_FIELDS)?;
    stream(
        table,
        |row, c| {
            let sku = c.take(sku_of(row));
            let day = c.take(
                date(row, "date").and_then(|d| d.ok_or_else(|| row.error("date", "is empty"))),
            );
            let visitors = c.take(int(row, "visitors").and_then(|v| {
                if v < 0 {
                    Err(row.error("visitors", "must not be negative"))
                } else {
                    Ok(v)
                }
            }));
            Some(TrafficRow {
                line: row.line,
                sku: sku?,
                day: day?,
                visitors: visitors?,
            })
        },
        emit,
    )
}

#[cfg(test)]
#[path = "native_tests.rs"]
mod tests;
