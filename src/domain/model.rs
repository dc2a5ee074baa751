//! The seller's data as the metrics read it: products, stock lots, order lines, traffic,
//! clearance batches, candidates and plans. Plain values, loaded by `store`.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::dates::Day;
pub use super::lines::Lines;
use super::money::Money;

/// Index of a product in [`Dataset::products`].
pub type ProductIx = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    High,
    Mid,
    Low,
    Unclassified,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::High, Tier::Mid, Tier::Low, Tier::Unclassified];
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::High => "high",
            Tier::Mid => "mid",
            Tier::Low => "low",
            Tier::Unclassified => "unclassified",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tier {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "high" => Ok(Tier::High),
            "mid" => Ok(Tier::Mid),
            "low" => Ok(Tier::Low),
            "unclassified" => Ok(Tier::Unclassified),
            other => Err(format!(
                "unknown tier {other:?} (high, mid, low, unclassified)"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifecycle {
    New,
    Core,
    Seasonal,
    Clearance,
    Discontinued,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 5] = [
        Lifecycle::New,
        Lifecycle::Core,
        Lifecycle::Seasonal,
        Lifecycle::Clearance,
        Lifecycle::Discontinued,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::New => "new",
            Lifecycle::Core => "core",
            Lifecycle::Seasonal => "seasonal",
            Lifecycle::Clearance => "clearance",
            Lifecycle::Discontinued => "discontinued",
        }
    }
}

impl FromStr for Lifecycle {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Lifecycle::ALL
            .into_iter()
            .find(|l| l.as_str() == t)
            .ok_or_else(|| {
                format!("unknown lifecycle {t:?} (new, core, seasonal, clearance, discontinued)")
            })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Product {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub brand: String,
    /// `None` when the cost is missing (a product first seen on an order line).
    pub unit_cost: Option<Money>,
    pub list_price: Option<Money>,
    pub launched_on: Option<Day>,
    pub lifecycle: Option<Lifecycle>,
    pub tags: Vec<String>,
    pub tier_override: Option<Tier>,
    /// Days from order to stock, for reorder; `None`: the setting applies.
    pub lead_time_days: Option<u32>,
}

impl Product {
    pub fn cost_missing(&self) -> bool {
        self.unit_cost.is_none()
    }
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lot {
    pub product: ProductIx,
    pub qty: i64,
    pub received: Day,
    /// `None`: the product's unit cost.
    pub unit_cost: Option<Money>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    None,
    Mobile,
    Other,
}

impl Channel {
    pub fn classify(text: Option<&str>) -> Channel {
        match text.map(str::trim) {
            None | Some("") => Channel::None,
            Some(t) if t.eq_ignore_ascii_case("mobile") => Channel::Mobile,
            Some(_) => Channel::Other,
        }
    }
}

/// One order line, reduced to what the figures need, in 32 bytes: 5M lines take 160 MB
/// (with plain fields, an `i128` revenue and an `Option` customer, 240 MB). The channel
/// rides in the customer word and the net revenue is a 96-bit integer: a valid line
/// reaches at most 10^9 units × 10^9 a unit = 10^24 micro-units, and 2^95 is 4 × 10^28.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub product: ProductIx,
    pub day: Day,
    /// Dense id of the order (distinct orders per customer).
    pub order: u32,
    qty: i32,
    /// Bits 0–29: the customer's dense id + 1, 0 when the line has none; bits 30–31:
    /// the channel.
    customer_channel: u32,
    /// qty × unit price − discount in micro-units: a 96-bit two's-complement integer,
    /// least significant word first.
    revenue: [u32; 3],
}

impl Line {
    /// Customer ids must be below this (the loader renumbers them densely otherwise).
    pub const CUSTOMER_LIMIT: u32 = (1 << 30) - 1;

    /// A line, or `None` when a value does not fit: a qty beyond ±2^31, a revenue
    /// beyond ±2^95 micro-units, a customer id of [`Line::CUSTOMER_LIMIT`] or more.
    pub fn new(
        product: ProductIx,
        day: Day,
        qty: i64,
        net_revenue: Money,
        order: u32,
        customer: Option<u32>,
        channel: Channel,
    ) -> Option<Line> {
        let mut line = Line {
            product,
            day,
            order,
            qty: i32::try_from(qty).ok()?,
            customer_channel: 0,
            revenue: [0; 3],
        };
        line.set_net_revenue(net_revenue)?;
        line.set_customer(customer)?;
        line.set_channel(channel);
        Some(line)
    }

    pub fn qty(&self) -> i64 {
        i64::from(self.qty)
    }

    pub fn net_revenue(&self) -> Money {
        let [a, b, c] = self.revenue;
        // Sign-extend the top word: the 96 bits as an i128.
        let v = i128::from(c as i32) << 64 | i128::from(b) << 32 | i128::from(a);
        Money::from_micros(v)
    }

    /// The customer's dense id; `None` when the line has none.
    pub fn customer(&self) -> Option<u32> {
        match self.customer_channel & Self::CUSTOMER_LIMIT {
            0 => None,
            c => Some(c - 1),
        }
    }

    pub fn channel(&self) -> Channel {
        match self.customer_channel >> 30 {
            1 => Channel::Mobile,
            2 => Channel::Other,
            _ => Channel::None,
        }
    }

    /// `None` (and the line unchanged) when the id is [`Line::CUSTOMER_LIMIT`] or more.
    pub fn set_customer(&mut self, customer: Option<u32>) -> Option<()> {
        let word = match customer {
            None => 0,
            Some(c) if c < Self::CUSTOMER_LIMIT => c + 1,
            Some(_) => return None,
        };
        self.customer_channel = self.customer_channel & !Self::CUSTOMER_LIMIT | word;
        Some(())
    }

    pub fn set_channel(&mut self, channel: Channel) {
        let code = match channel {
            Channel::None => 0,
            Channel::Mobile => 1,
            Channel::Other => 2,
        };
        self.customer_channel = self.customer_channel & Self::CUSTOMER_LIMIT | code << 30;
    }

    /// `None` (and the line unchanged) when the revenue does not fit in 96 bits.
    pub fn set_net_revenue(&mut self, revenue: Money) -> Option<()> {
        let v = revenue.micros();
        const LIMIT: i128 = 1 << 95;
        if !(-LIMIT..LIMIT).contains(&v) {
            return None;
        }
        self.revenue = [v as u32, (v >> 32) as u32, (v >> 64) as u32];
        Some(())
    }

    /// `None` (and the line unchanged) when the qty does not fit in 32 bits.
    pub fn set_qty(&mut self, qty: i64) -> Option<()> {
        self.qty = i32::try_from(qty).ok()?;
        Some(())
    }
}

impl std::fmt::Debug for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Line")
            .field("product", &self.product)
            .field("day", &self.day)
            .field("qty", &self.qty())
            .field("net_revenue", &self.net_revenue())
            .field("order", &self.order)
            .field("customer", &self.customer())
            .field("channel", &self.channel())
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visits {
    pub product: ProductIx,
    pub day: Day,
    pub visitors: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchChannel {
    TieredDiscount,
    FlashSale,
    Bogo,
    SecondHand,
    Consignment,
    Bundle,
}

impl BatchChannel {
    pub const ALL: [BatchChannel; 6] = [
        BatchChannel::TieredDiscount,
        BatchChannel::FlashSale,
        BatchChannel::Bogo,
        BatchChannel::SecondHand,
        BatchChannel::Consignment,
        BatchChannel::Bundle,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            BatchChannel::TieredDiscount => "tiered_discount",
            BatchChannel::FlashSale => "flash_sale",
            BatchChannel::Bogo => "bogo",
            BatchChannel::SecondHand => "second_hand",
            BatchChannel::Consignment => "consignment",
            BatchChannel::Bundle => "bundle",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            BatchChannel::TieredDiscount => "tiered discount",
            BatchChannel::FlashSale => "flash sale",
            BatchChannel::Bogo => "buy-one-get-one",
            BatchChannel::SecondHand => "second-hand platform",
            BatchChannel::Consignment => "consignment",
            BatchChannel::Bundle => "bundle",
        }
    }
}

impl FromStr for BatchChannel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        BatchChannel::ALL
            .into_iter()
            .find(|c| c.as_str() == t)
            .ok_or_else(|| format!("unknown channel {s:?}"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchStatus {
    Planned,
    Active,
    Done,
}

impl BatchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchStatus::Planned => "planned",
            BatchStatus::Active => "active",
            BatchStatus::Done => "done",
        }
    }
}

impl FromStr for BatchStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "planned" | "" => Ok(BatchStatus::Planned),
            "active" => Ok(BatchStatus::Active),
            "done" => Ok(BatchStatus::Done),
            other => Err(format!("unknown batch status {other:?}")),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchSku {
    pub product: ProductIx,
    /// `None`: all on hand.
    pub units_to_clear: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClearanceBatch {
    pub id: i64,
    pub name: String,
    pub channel: BatchChannel,
    pub starts_on: Day,
    pub ends_on: Option<Day>,
    pub ladder: super::clearance::Ladder,
    pub cash_target: Money,
    pub status: BatchStatus,
    pub skus: Vec<BatchSku>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub market_growth_pct: rust_decimal::Decimal,
    pub competitive_gap: u8,
    pub gap_note: String,
    pub user_pain: u8,
    pub pain_note: String,
    pub brand_fit: u8,
    pub expected_unit_cost: Money,
    pub expected_price: Money,
    pub personas: Vec<String>,
    pub notes: String,
    /// The SKU it was promoted to, once launched.
    pub promoted_sku: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Horizon {
    Short,
    Mid,
    Long,
}

impl Horizon {
    pub fn as_str(self) -> &'static str {
        match self {
            Horizon::Short => "short",
            Horizon::Mid => "mid",
            Horizon::Long => "long",
        }
    }
}

impl FromStr for Horizon {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "short" => Ok(Horizon::Short),
            "mid" => Ok(Horizon::Mid),
            "long" => Ok(Horizon::Long),
            other => Err(format!("unknown horizon {other:?} (short, mid, long)")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanStatus {
    Todo,
    Doing,
    Done,
    Dropped,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Todo => "todo",
            PlanStatus::Doing => "doing",
            PlanStatus::Done => "done",
            PlanStatus::Dropped => "dropped",
        }
    }
}

impl FromStr for PlanStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "todo" | "" => Ok(PlanStatus::Todo),
            "doing" => Ok(PlanStatus::Doing),
            "done" => Ok(PlanStatus::Done),
            "dropped" => Ok(PlanStatus::Dropped),
            other => Err(format!("unknown plan status {other:?}")),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: i64,
    pub horizon: Horizon,
    pub title: String,
    pub due_on: Option<Day>,
    pub status: PlanStatus,
    pub target: Option<super::plan::Target>,
    /// The day the plan's progress is measured from (METRICS.md "Plans over time"): the
    /// as-of date when it was made, unless set. `None` for a plan that follows a
    /// clearance batch (it starts with the batch) and for one the data gave no day for.
    pub start: Option<Day>,
    /// The target metric's value as of the start, computed when the plan is made and
    /// editable; `None` where it was undefined then (nothing to divide by), and for a
    /// plan that follows a batch (its baseline is 0).
    pub baseline: Option<rust_decimal::Decimal>,
    pub note: String,
}

/// Everything loaded from one database, ready for [`super::metrics::review`].
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub products: Vec<Product>,
    pub lots: Vec<Lot>,
    /// Shared with the snapshots the app hands its worker (see [`Lines`]).
    pub lines: Lines,
    pub traffic: Vec<Visits>,
    pub batches: Vec<ClearanceBatch>,
    pub candidates: Vec<Candidate>,
    pub plans: Vec<Plan>,
    /// (code, label) of the personas a candidate may match.
    pub personas: Vec<(String, String)>,
    /// (key, value) of the settings the seller set in the app, by key; they win over the
    /// config file (see `crate::config::layers`).
    pub settings: Vec<(String, String)>,
    /// Lookups over `lines`, built by [`Dataset::prepare`]; figures are the same without
    /// it, only slower.
    pub line_index: LineIndex,
}

/// What makes a figure over a window cost the lines in that window instead of all of
/// them: `lines` sorted by day, and each product's distinct sale days.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// `lines.len()` when built: an index for another length is stale and unused.
    built_for: Option<usize>,
    /// Where each product's days start in `sale_days` (one more entry than products).
    /// (Shared, as the lines are, with the dataset's snapshots.)
    sale_offsets: Arc<Vec<u32>>,
    /// Distinct days with a line of qty > 0, ascending, grouped by product.
    sale_days: Arc<Vec<Day>>,
}

/// Each product's distinct days with a line of qty > 0 among some lines sorted by day,
/// grouped by product (a counting sort).
struct SaleDays {
    offsets: Vec<u32>,
    days: Vec<Day>,
}

impl SaleDays {
    fn of(lines: &[Line], n: usize) -> SaleDays {
        let mut last: Vec<Option<Day>> = vec![None; n];
        let mut counts = vec![0u32; n + 1];
        for l in lines.iter().filter(|l| l.qty > 0) {
            let p = l.product as usize;
            if p < n && last[p] != Some(l.day) {
                last[p] = Some(l.day);
                counts[p + 1] += 1;
            }
        }
        for i in 1..=n {
            counts[i] += counts[i - 1];
        }
        let mut next = counts.clone();
        let mut days = vec![Day(0); counts[n] as usize];
        last.iter_mut().for_each(|d| *d = None);
        for l in lines.iter().filter(|l| l.qty > 0) {
            let p = l.product as usize;
            if p < n && last[p] != Some(l.day) {
                last[p] = Some(l.day);
                days[next[p] as usize] = l.day;
                next[p] += 1;
            }
        }
        SaleDays {
            offsets: counts,
            days,
        }
    }

    fn of_product(&self, p: usize) -> &[Day] {
        &self.days[self.offsets[p] as usize..self.offsets[p + 1] as usize]
    }
}

impl Dataset {
    /// The default as-of date: the latest order-line or stock-lot date.
    pub fn latest_day(&self) -> Option<Day> {
        let lines = self.line_days().map(|(_, last)| last);
        let lots = self.lots.iter().map(|l| l.received).max();
        lines.max(lots)
    }

    /// Sorts `lines` by day and, within a day, by order (the copy of the lines in the
    /// database then codes each order as a small step from the last, and a line's
    /// customer as "the same as the line before"), and builds the
    /// [`LineIndex`]; sorts `lots` by product (a stable sort: each product's lots stay in
    /// the order they came in), so a review adds them up SKU after SKU instead of at
    /// random. Call it again after changing `lines`. The order of one order's lines is
    /// left to the sort: no figure depends on it, and an in-place sort needs no second
    /// copy of millions of lines.
    pub fn prepare(&mut self) {
        self.lots.sort_by_key(|l| l.product);
        // Lines from the copy come sorted: checking costs a fifth of sorting.
        if !self.lines.is_sorted_by_key(|l| (l.day, l.order)) {
            self.lines.sort_unstable_by_key(|l| (l.day, l.order));
        }
        self.lines.shrink_to_fit();
        let n = self.products.len();
        // Each half of the lines, split where the day changes, indexed on its own core;
        // a product's days are then its early half's followed by its late half's.
        let mut mid = self.lines.len() / 2;
        while mid > 0 && mid < self.lines.len() && self.lines[mid].day == self.lines[mid - 1].day {
            mid += 1;
        }
        let (early, late) = self.lines.split_at(mid);
        let (late, early) = crate::par::join(|| SaleDays::of(late, n), || SaleDays::of(early, n));
        let mut offsets = Vec::with_capacity(n + 1);
        let mut days = Vec::with_capacity(early.days.len() + late.days.len());
        offsets.push(0);
        for p in 0..n {
            days.extend_from_slice(early.of_product(p));
            days.extend_from_slice(late.of_product(p));
            offsets.push(days.len() as u32);
        }
        self.line_index = LineIndex {
            built_for: Some(self.lines.len()),
            sale_offsets: Arc::new(offsets),
            sale_days: Arc::new(days),
        };
    }

    fn indexed(&self) -> bool {
        self.line_index.built_for == Some(self.lines.len())
            && self.line_index.sale_offsets.len() == self.products.len() + 1
    }

    /// The lines dated `from..=to`: a slice of the sorted lines when prepared, else a
    /// scan of them all.
    pub fn lines_between(&self, from: Day, to: Day) -> impl Iterator<Item = &Line> + '_ {
        self.lines_around(from, to)
            .iter()
            .filter(move |l| l.day >= from && l.day <= to)
    }

    /// A slice holding every line dated `from..=to`: exactly those when prepared, else
    /// all the lines (the caller filters).
    pub fn lines_around(&self, from: Day, to: Day) -> &[Line] {
        if self.indexed() {
            let start = self.lines.partition_point(|l| l.day < from);
            let end = self.lines.partition_point(|l| l.day <= to);
            &self.lines[start..end.max(start)]
        } else {
            &self.lines
        }
    }

    /// The first and last day with an order line.
    pub fn line_days(&self) -> Option<(Day, Day)> {
        if self.indexed() {
            return Some((self.lines.first()?.day, self.lines.last()?.day));
        }
        let first = self.lines.iter().map(|l| l.day).min()?;
        let last = self.lines.iter().map(|l| l.day).max()?;
        Some((first, last))
    }

    /// Each product's last day on or before `as_of` with a line of qty > 0.
    pub fn last_sales(&self, as_of: Day) -> Vec<Option<Day>> {
        let n = self.products.len();
        if self.indexed() {
            let ix = &self.line_index;
            return (0..n)
                .map(|p| {
                    let days =
                        &ix.sale_days[ix.sale_offsets[p] as usize..ix.sale_offsets[p + 1] as usize];
                    let k = days.partition_point(|&d| d <= as_of);
                    k.checked_sub(1).map(|k| days[k])
                })
                .collect();
        }
        let mut last: Vec<Option<Day>> = vec![None; n];
        for l in &self.lines {
            let p = l.product as usize;
            if l.qty > 0 && l.day <= as_of && p < n && last[p].is_none_or(|d| l.day > d) {
                last[p] = Some(l.day);
            }
        }
        last
    }

    pub fn product_ix(&self, sku: &str) -> Option<ProductIx> {
        self.products
            .iter()
            .position(|p| p.sku == sku)
            .map(|i| i as ProductIx)
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod line_tests;
