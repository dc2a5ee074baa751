//! The per-SKU columns: one row for each figure a SKU has, read by every place that
//! lists SKUs — the aging tab, the CSV and JSON reports and the view export — so a new
//! figure is one row here (and its computation in `metrics`), not a column added to
//! four lists and a `match` arm in eight.
//!
//! A row says what the figure is called in each place and how to read it from a
//! product and its [`SkuFigures`], as a typed [`Value`]; each output formats the value
//! its own way (the screen rounds and groups, the CSV keeps full precision, the JSON
//! writes money as decimal strings). Which columns an output shows, in what order, is
//! its list below ([`CSV`], [`JSON`], [`VIEW`]); the screen's own list, with widths and
//! priorities, is in the aging tab.

use super::aging_view::Suggestion;
use super::dates::Day;
use super::metrics::{Bucket, Cover, SkuFigures};
use super::model::{Lifecycle, Product, Tier};
use super::money::Money;

/// Every per-SKU column. [`Column::ALL`] (in `aging_view`) lists the ones the aging
/// table sorts by and the command line's `--sort` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Sku,
    Name,
    Category,
    Tier,
    TierOverridden,
    TierMargin,
    NetRevenue,
    GrossProfit,
    Units,
    OnHand,
    Capital,
    LastSale,
    Velocity,
    Cover,
    CoverInfinite,
    Slow,
    Best,
    Ages,
    Cogs,
    ComputedTier,
    CostMissing,
    Lifecycle,
    Flags,
    Action,
    StockoutDate,
    ReorderNow,
    ReorderQty,
}

/// A figure of one SKU, typed so each output can format it its own way.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Text(&'a str),
    /// The tier, and whether it was set by hand.
    Tier(Tier, bool),
    Flag(bool),
    /// A whole number of units.
    Count(i64),
    /// Days since an event; `None` when it never happened.
    Days(Option<i64>),
    Money(Money),
    /// A ratio (0.25 is 25 %); `None` when undefined.
    Ratio(Option<f64>),
    /// Units a day.
    Rate(f64),
    Cover(Cover),
    /// Units and capital per age bucket, youngest first.
    Buckets(&'a [Bucket]),
    /// The slow / best-seller / cost-missing flags together.
    Flags(&'a SkuFigures),
    /// The suggested next step.
    Action(Suggestion),
    Lifecycle(Option<Lifecycle>),
    /// A calendar day; `None` when there is none.
    Date(Option<Day>),
}

impl Value<'_> {
    /// An integer that orders the values as the table sorts them, `None` for text and
    /// for values that are not sorted by. Missing days sort as "longest ago", infinite
    /// cover after every finite one.
    pub fn sort_key(&self) -> Option<i128> {
        Some(match *self {
            Value::Tier(t, _) => t as i128,
            Value::Count(n) => i128::from(n),
            Value::Days(d) => i128::from(d.unwrap_or(i64::MAX)),
            Value::Money(m) => m.micros(),
            Value::Rate(x) => i128::from(total_order(x)),
            Value::Ratio(x) => i128::from(total_order(x.unwrap_or(f64::NEG_INFINITY))),
            Value::Cover(c) => i128::from(total_order(c.sort_key())),
            Value::Flag(b) => i128::from(b),
            Value::Date(d) => i128::from(d.map_or(i32::MAX, |d| d.0)),
            Value::Text(_)
            | Value::Buckets(_)
            | Value::Flags(_)
            | Value::Action(_)
            | Value::Lifecycle(_) => return None,
        })
    }
}

/// An integer that orders as `f64::total_cmp` orders the float.
pub(crate) fn total_order(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

/// One per-SKU column.
pub struct SkuColumn {
    pub column: Column,
    /// The name in the CSV and JSON reports (`on_hand`): a contract, never renamed.
    pub key: &'static str,
    /// The name on the command line (`--sort on-hand`).
    pub cli: &'static str,
    /// The short English title (the screen's header comes from the message table).
    pub title: &'static str,
    /// The English header of the view export, with its unit.
    pub header: &'static str,
    /// Reads the figure.
    pub value: for<'a> fn(&'a Product, &'a SkuFigures) -> Value<'a>,
    /// A number (right-aligned, summable in a spreadsheet) rather than text; a fresh
    /// sort on it starts largest first rather than A to Z.
    pub number: bool,
}

macro_rules! col {
    ($c:ident, $key:literal, $cli:literal, $title:literal, $header:literal, $desc:literal, |$p:ident, $f:ident| $v:expr) => {
        SkuColumn {
            column: Column::$c,
            key: $key,
            cli: $cli,
            title: $title,
            header: $header,
            value: |$p, $f| {
                let _ = (&$p, &$f);
                $v
            },
            number: $desc,
        }
    };
}

/// Every column, in the order of [`Column`]'s variants (a test checks it).
/// Fields: column, report key, `--sort` name, title, view-export header, number?, value.
#[rustfmt::skip]
pub static SKU_COLUMNS: [SkuColumn; 27] = [
    col!(Sku, "sku", "sku", "SKU", "SKU", false, |p, f| Value::Text(&p.sku)),
    col!(Name, "name", "name", "Name", "Name", false, |p, f| Value::Text(&p.name)),
    col!(Category, "category", "category", "Category", "Category", false, |p, f| Value::Text(&p.category)),
    col!(Tier, "tier", "tier", "Tier", "Tier", false, |p, f| Value::Tier(f.tier, f.tier_overridden)),
    col!(TierOverridden, "tier_overridden", "tier-overridden", "Set by hand", "Tier set by hand", false, |p, f| Value::Flag(f.tier_overridden)),
    col!(TierMargin, "tier_margin", "tier-margin", "Margin", "Margin", true, |p, f| Value::Ratio(f.tier_margin)),
    col!(NetRevenue, "net_revenue", "net-revenue", "Revenue", "Net revenue", true, |p, f| Value::Money(f.net_revenue)),
    col!(GrossProfit, "gross_profit", "gross-profit", "GP", "Gross profit", true, |p, f| Value::Money(f.gross_profit)),
    col!(Units, "units", "units", "Units", "Units sold", true, |p, f| Value::Count(f.units)),
    col!(OnHand, "on_hand", "on-hand", "On hand", "On hand", true, |p, f| Value::Count(f.on_hand)),
    col!(Capital, "capital", "capital", "Capital", "Capital", true, |p, f| Value::Money(f.capital)),
    col!(LastSale, "days_since_last_sale", "last-sale", "Last sale", "Last sale (days ago)", true, |p, f| Value::Days(f.days_since_last_sale)),
    col!(Velocity, "velocity", "velocity", "Units/day", "Units/day", true, |p, f| Value::Rate(f.velocity)),
    col!(Cover, "days_of_cover", "cover", "Cover", "Cover (days)", true, |p, f| Value::Cover(f.cover)),
    col!(CoverInfinite, "cover_infinite", "cover-infinite", "Cover infinite", "Cover infinite", false, |p, f| Value::Flag(f.cover == Cover::Infinite)),
    col!(Slow, "slow", "slow", "Slow", "Slow mover", false, |p, f| Value::Flag(f.slow)),
    col!(Best, "best_seller", "best", "Best", "Best seller", false, |p, f| Value::Flag(f.best_seller)),
    col!(Ages, "age_buckets", "ages", "Ages", "Units aged", false, |p, f| Value::Buckets(&f.age_buckets)),
    col!(Cogs, "cogs", "cogs", "COGS", "COGS", true, |p, f| Value::Money(f.cogs)),
    col!(ComputedTier, "computed_tier", "computed-tier", "Computed tier", "Computed tier", false, |p, f| Value::Tier(f.computed_tier, false)),
    col!(CostMissing, "cost_missing", "cost-missing", "Cost missing", "Cost missing", false, |p, f| Value::Flag(f.cost_missing)),
    col!(Lifecycle, "lifecycle", "lifecycle", "Lifecycle", "Lifecycle", false, |p, f| Value::Lifecycle(p.lifecycle)),
    col!(Flags, "flags", "flags", "Flags", "Flags", false, |p, f| Value::Flags(f)),
    col!(Action, "suggested_action", "action", "Suggested action", "Suggested action", false, |p, f| Value::Action(super::aging_view::suggested_action(p, f))),
    col!(StockoutDate, "stockout_date", "runs-out", "Runs out", "Runs out", true, |p, f| Value::Date(f.reorder.stockout)),
    col!(ReorderNow, "reorder_now", "reorder-now", "Reorder now", "Reorder now", false, |p, f| Value::Flag(f.reorder.now)),
    col!(ReorderQty, "reorder_qty", "order", "Order", "Order qty", true, |p, f| Value::Count(f.reorder.qty)),
];

/// The columns of the CSV report, in order (age buckets expand to one column each).
pub const CSV: &[Column] = &[
    Column::Sku,
    Column::Name,
    Column::Category,
    Column::Tier,
    Column::TierOverridden,
    Column::TierMargin,
    Column::NetRevenue,
    Column::GrossProfit,
    Column::Units,
    Column::OnHand,
    Column::Capital,
    Column::Velocity,
    Column::Cover,
    Column::LastSale,
    Column::Slow,
    Column::Best,
    Column::CostMissing,
    Column::Ages,
    Column::StockoutDate,
    Column::ReorderNow,
    Column::ReorderQty,
];

/// The fields of each SKU in the JSON report, in order (METRICS.md's contract).
pub const JSON: &[Column] = &[
    Column::Sku,
    Column::Name,
    Column::Category,
    Column::Tier,
    Column::TierOverridden,
    Column::TierMargin,
    Column::NetRevenue,
    Column::GrossProfit,
    Column::Units,
    Column::OnHand,
    Column::Capital,
    Column::Velocity,
    Column::Cover,
    Column::CoverInfinite,
    Column::LastSale,
    Column::Slow,
    Column::Best,
    Column::Ages,
    Column::Cogs,
    Column::ComputedTier,
    Column::CostMissing,
    Column::Lifecycle,
    Column::StockoutDate,
    Column::ReorderNow,
    Column::ReorderQty,
];

/// The columns of the aging table's view export, in the screen's order (the screen
/// shows the ones that fit; the export has them all).
pub const VIEW: &[Column] = &[
    Column::Sku,
    Column::Name,
    Column::Category,
    Column::Tier,
    Column::TierOverridden,
    Column::OnHand,
    Column::Capital,
    Column::LastSale,
    Column::Velocity,
    Column::Cover,
    Column::StockoutDate,
    Column::ReorderQty,
    Column::Ages,
    Column::Flags,
    Column::Action,
];

impl SkuFigures {
    /// The SKU's flags by their names in the exports (`slow best cost-missing in-batch`).
    pub fn flag_names(&self) -> Vec<&'static str> {
        [
            (self.slow, "slow"),
            (self.best_seller, "best"),
            (self.cost_missing, "cost-missing"),
            (self.in_open_batch, "in-batch"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }
}

impl Column {
    /// This column's row of [`SKU_COLUMNS`].
    pub fn spec(self) -> &'static SkuColumn {
        &SKU_COLUMNS[self as usize]
    }
    /// Reads this column's figure for one SKU.
    pub fn value<'a>(self, p: &'a Product, f: &'a SkuFigures) -> Value<'a> {
        (self.spec().value)(p, f)
    }
    /// The name on the command line (`--sort on-hand`).
    pub fn name(self) -> &'static str {
        self.spec().cli
    }
    /// The short English title.
    pub fn title(self) -> &'static str {
        self.spec().title
    }
    /// The direction a fresh sort on this column takes: numbers read best largest
    /// first, text A to Z.
    pub fn descending_by_default(self) -> bool {
        self.spec().number
    }
    /// Whether the column shows product text (code, name, category): its order depends
    /// on the catalog alone, not on the figures.
    pub fn is_text(self) -> bool {
        matches!(self, Column::Sku | Column::Name | Column::Category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rows_are_in_variant_order_so_spec_finds_its_own_row() {
        for (i, row) in SKU_COLUMNS.iter().enumerate() {
            assert_eq!(row.column as usize, i, "{:?} is out of place", row.column);
        }
    }

    #[test]
    fn names_are_unique_in_every_namespace() {
        for name in [
            |c: &SkuColumn| c.key,
            |c: &SkuColumn| c.cli,
            |c: &SkuColumn| c.header,
        ] {
            let mut seen = HashSet::new();
            for c in &SKU_COLUMNS {
                assert!(seen.insert(name(c)), "{} twice", name(c));
            }
        }
        for list in [CSV, JSON, VIEW] {
            let set: HashSet<_> = list.iter().collect();
            assert_eq!(set.len(), list.len());
        }
    }

    #[test]
    fn text_columns_have_no_numeric_sort_key() {
        let p = Product {
            sku: "X-1".into(),
            name: "Hat".into(),
            ..Product::default()
        };
        let f = SkuFigures {
            tier: Tier::Mid,
            computed_tier: Tier::Mid,
            tier_overridden: false,
            tier_margin: None,
            net_revenue: Money::ZERO,
            cogs: Money::ZERO,
            gross_profit: Money::ZERO,
            units: 0,
            units_velocity: 0,
            on_hand: 3,
            capital: Money::ZERO,
            velocity: 0.0,
            cover: Cover::Infinite,
            days_since_last_sale: None,
            slow: false,
            best_seller: false,
            age_buckets: Vec::new(),
            active: true,
            cost_missing: false,
            reorder: Default::default(),
            in_open_batch: false,
        };
        for row in &SKU_COLUMNS {
            let v = row.column.value(&p, &f);
            if row.column.is_text() {
                assert!(v.sort_key().is_none(), "{:?}", row.column);
            }
        }
        assert!(Column::OnHand.value(&p, &f).sort_key().is_some());
    }
}
