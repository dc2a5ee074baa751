//! skudesk's native layouts (DATA-FORMATS.md): each file becomes validated typed rows,
//! or every problem found, each at its line and column. Nothing here touches the store.

use std::collections::HashMap;
use std::str::FromStr;

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

/// An integer cell: `12`, `12.0`, `1,200`, `="12"`.
pub fn parse_int(raw: &str) -> Option<i64> {
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
        Some(_) => return None,
        None => digits,
    };
    let plain = if digits.contains(',') {
        let groups: Vec<&str> = digits.split(',').collect();
        let ok = (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
        groups.concat()
    } else {
        digits.to_string()
    };
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit()) || plain.len() > 12 {
        return None;
    }
    let v: i64 = plain.parse().ok()?;
    (v <= MAX_QTY).then_some(if neg { -v } else { v })
}

/// Collects the errors of every row so a file reports all its problems at once.
struct Checker {
    errors: Vec<ImportError>,
}

impl Checker {
    fn take<T>(&mut self, r: Result<T, ImportError>) -> Option<T> {
        r.map_err(|e| self.errors.push(e)).ok()
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
    parse_int(raw).ok_or_else(|| row.error(field, "is not a whole number"))
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

fn finish<T>(
    table: &Table,
    rows: Vec<T>,
    mut checker: Checker,
) -> Result<Parsed<T>, Vec<ImportError>> {
    if checker.errors.is_empty() {
        Ok(Parsed {
            file: table.file.clone(),
            rows,
            skipped: table.skipped,
        })
    } else {
        checker.errors.sort_by_key(|e| e.line);
        Err(checker.errors)
    }
}

pub fn products(file: &str, bytes: &[u8]) -> Result<Parsed<ProductRow>, Vec<ImportError>> {
    let table = Table::parse(file, bytes, PRODUCT_FIELDS)?;
    let mut c = Checker { errors: Vec::new() };
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut rows = Vec::with_capacity(table.len());
    for row in table.rows() {
        if let Some(e) = row.check_width() {
            c.errors.push(e);
            continue;
        }
        let sku = c.take(sku_of(&row));
        let unit_cost = c.take(money(&row, "unit_cost", false));
        let list_price = c.take(money(&row, "list_price", false));
        let launched_on = c.take(date(&row, "launched_on"));
        let lifecycle = match row.get("lifecycle") {
            Some("") | None => Some(None),
            Some(t) => c.take(
                Lifecycle::from_str(t)
                    .map(Some)
                    .map_err(|m| row.error("lifecycle", m)),
            ),
        };
        if let Some(sku) = &sku {
            if let Some(first) = seen.insert(sku.clone(), row.line) {
                c.errors
                    .push(row.error("sku", format!("duplicate SKU (first on line {first})")));
            }
        }
        if let (Some(sku), Some(unit_cost), Some(list_price), Some(launched_on), Some(lifecycle)) =
            (sku, unit_cost, list_price, launched_on, lifecycle)
        {
            rows.push(ProductRow {
                line: row.line,
                sku,
                name: optional_text(&row, "name"),
                category: optional_text(&row, "category"),
                brand: optional_text(&row, "brand"),
                unit_cost,
                list_price: table.has("list_price").then_some(list_price),
                launched_on: table.has("launched_on").then_some(launched_on),
                lifecycle: table.has("lifecycle").then_some(lifecycle),
                tags: row.get("tags").map(|t| {
                    t.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }),
            });
        }
    }
    finish(&table, rows, c)
}

pub fn stock(file: &str, bytes: &[u8]) -> Result<Parsed<StockRow>, Vec<ImportError>> {
    let table = Table::parse(file, bytes, STOCK_FIELDS)?;
    let mut c = Checker { errors: Vec::new() };
    let mut rows = Vec::with_capacity(table.len());
    for row in table.rows() {
        if let Some(e) = row.check_width() {
            c.errors.push(e);
            continue;
        }
        let sku = c.take(sku_of(&row));
        let qty = c.take(int(&row, "qty").and_then(|q| {
            if q < 0 {
                Err(row.error("qty", "stock quantity must not be negative"))
            } else {
                Ok(q)
            }
        }));
        let received = c.take(
            date(&row, "received_on")
                .and_then(|d| d.ok_or_else(|| row.error("received_on", "is empty"))),
        );
        let unit_cost = c.take(money(&row, "unit_cost", false));
        if let (Some(sku), Some(qty), Some(received), Some(unit_cost)) =
            (sku, qty, received, unit_cost)
        {
            rows.push(StockRow {
                line: row.line,
                sku,
                qty,
                received,
                unit_cost,
            });
        }
    }
    finish(&table, rows, c)
}

pub fn orders(file: &str, bytes: &[u8]) -> Result<Parsed<OrderRow>, Vec<ImportError>> {
    let table = Table::parse(file, bytes, ORDER_FIELDS)?;
    let mut c = Checker { errors: Vec::new() };
    let mut rows = Vec::with_capacity(table.len());
    let mut position: HashMap<String, i64> = HashMap::new();
    let mut identities: HashMap<(String, i64), u64> = HashMap::new();
    let explicit_line_no = table.has("line_no");
    for row in table.rows() {
        if let Some(e) = row.check_width() {
            c.errors.push(e);
            continue;
        }
        let order_id = unwrap_cell(row.text("order_id")).to_string();
        if order_id.is_empty() {
            c.errors.push(row.error("order_id", "is empty"));
        }
        let when = c.take(
            parse_date_or_datetime(row.text("ordered_at")).ok_or_else(|| {
                row.error(
                    "ordered_at",
                    "is not a date or date-time (expected YYYY-MM-DD[ HH:MM[:SS]])",
                )
            }),
        );
        let sku = c.take(sku_of(&row));
        let qty = c.take(int(&row, "qty"));
        let unit_price = c.take(required_money(&row, "unit_price", true));
        let discount = c.take(money(&row, "discount", false).map(|d| d.unwrap_or(Money::ZERO)));
        let counter = position.entry(order_id.clone()).or_insert(0);
        *counter += 1;
        let line_no = match row.get("line_no") {
            Some(t) if explicit_line_no && !t.is_empty() => c.take(
                parse_int(t)
                    .filter(|&n| n > 0)
                    .ok_or_else(|| row.error("line_no", "is not a positive whole number")),
            ),
            _ => Some(*counter),
        };
        if let Some(n) = line_no {
            if !order_id.is_empty() {
                if let Some(first) = identities.insert((order_id.clone(), n), row.line) {
                    c.errors.push(row.error(
                        "line_no",
                        format!(
                            "order {order_id:?} line {n} appears twice (first on line {first})"
                        ),
                    ));
                }
            }
        }
        if let (
            Some((date, ordered_at)),
            Some(sku),
            Some(qty),
            Some(unit_price),
            Some(discount),
            Some(line_no),
        ) = (when, sku, qty, unit_price, discount, line_no)
        {
            if order_id.is_empty() {
                continue;
            }
            rows.push(OrderRow {
                line: row.line,
                order_id,
                line_no,
                ordered_at,
                day: Day::from_date(date),
                sku,
                qty,
                unit_price,
                discount,
                customer: normalize_customer_id(row.text("customer_id")),
                channel: Some(row.text("channel").to_string()).filter(|s| !s.is_empty()),
                name: Some(row.text("name").to_string()).filter(|s| !s.is_empty()),
            });
        }
    }
    finish(&table, rows, c)
}

pub fn traffic(file: &str, bytes: &[u8]) -> Result<Parsed<TrafficRow>, Vec<ImportError>> {
    let table = Table::parse(file, bytes, TRAFFIC_FIELDS)?;
    let mut c = Checker { errors: Vec::new() };
    let mut rows = Vec::with_capacity(table.len());
    for row in table.rows() {
        if let Some(e) = row.check_width() {
            c.errors.push(e);
            continue;
        }
        let sku = c.take(sku_of(&row));
        let day =
            c.take(date(&row, "date").and_then(|d| d.ok_or_else(|| row.error("date", "is empty"))));
        let visitors = c.take(int(&row, "visitors").and_then(|v| {
            if v < 0 {
                Err(row.error("visitors", "must not be negative"))
            } else {
                Ok(v)
            }
        }));
        if let (Some(sku), Some(day), Some(visitors)) = (sku, day, visitors) {
            rows.push(TrafficRow {
                line: row.line,
                sku,
                day,
                visitors,
            });
        }
    }
    finish(&table, rows, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_in_the_forms_exports_write_them() {
        let cases = [
            ("12", Some(12)),
            ("-3", Some(-3)),
            ("12.0", Some(12)),
            ("1,200", Some(1200)),
            ("=\"7\"", Some(7)),
            ("1.5", None),
            ("abc", None),
            ("", None),
            ("12,00", None),
            ("99999999999999", None),
            ("+4", Some(4)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_int(text), want, "{text}");
        }
    }
}
