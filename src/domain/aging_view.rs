//! Which SKUs the inventory-aging table shows, and in what order: its columns, filters,
//! search and sort. The app's aging tab and `skudesk export view aging` both call this,
//! so a file exported from the command line holds exactly the rows the tab would show.
//!
//! Pure: no I/O, no ratatui. The app keeps each column's order cached between keys
//! (sorting 100k rows is not free); a one-off export computes it once.

use std::str::FromStr;

use super::dates::Day;
use super::metrics::{Review, SkuFigures};
use super::mix_view::Breakdown;
use super::model::{Dataset, Lifecycle, Product, Tier};

pub use super::sku_column::Column;

impl Column {
    /// The columns the aging table sorts by, in screen order: the sort key cycles
    /// through them and `--sort` takes their names.
    pub const ALL: [Column; 9] = [
        Column::Sku,
        Column::Name,
        Column::Category,
        Column::Tier,
        Column::OnHand,
        Column::Capital,
        Column::LastSale,
        Column::Velocity,
        Column::Cover,
    ];
    /// Position in the view's column order ([`super::sku_column::VIEW`]), the order
    /// columns are drawn in.
    pub fn position(self) -> usize {
        super::sku_column::VIEW
            .iter()
            .position(|&c| c == self)
            .unwrap_or(usize::MAX)
    }
}

impl FromStr for Column {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Column::ALL
            .into_iter()
            .find(|c| c.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
                format!("unknown column {s:?} ({})", names.join(", "))
            })
    }
}

/// The aging table's row filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Slow,
    Best,
    CostMissing,
    /// SKUs in lifecycle "new" (a promoted candidate), with or without stock and sales.
    New,
    /// At or below the reorder point (METRICS.md "Next steps per SKU").
    Reorder,
    Tier(Tier),
}

impl Filter {
    /// The order the filter key steps through.
    pub const CYCLE: [Filter; 10] = [
        Filter::All,
        Filter::Slow,
        Filter::Best,
        Filter::CostMissing,
        Filter::New,
        Filter::Reorder,
        Filter::Tier(Tier::High),
        Filter::Tier(Tier::Mid),
        Filter::Tier(Tier::Low),
        Filter::Tier(Tier::Unclassified),
    ];
    /// As the app's info line writes it.
    pub fn label(self) -> String {
        match self {
            Filter::All => "all".into(),
            Filter::Slow => "slow movers".into(),
            Filter::Best => "best sellers".into(),
            Filter::CostMissing => "cost missing".into(),
            Filter::New => "new".into(),
            Filter::Reorder => "reorder now".into(),
            Filter::Tier(t) => format!("tier {t}"),
        }
    }
    /// The name on the command line (`--filter cost-missing`, `--filter high`).
    pub fn name(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Slow => "slow",
            Filter::Best => "best",
            Filter::CostMissing => "cost-missing",
            Filter::New => "new",
            Filter::Reorder => "reorder",
            Filter::Tier(t) => t.as_str(),
        }
    }
    pub fn next(self) -> Filter {
        let i = Filter::CYCLE.iter().position(|&f| f == self).unwrap_or(0);
        Filter::CYCLE[(i + 1) % Filter::CYCLE.len()]
    }
    fn keeps(self, p: &Product, f: &SkuFigures) -> bool {
        match self {
            Filter::All => true,
            Filter::Slow => f.slow,
            Filter::Best => f.best_seller,
            Filter::CostMissing => f.cost_missing,
            Filter::New => is_new(p),
            Filter::Reorder => f.reorder.now,
            Filter::Tier(t) => f.tier == t,
        }
    }
}

impl FromStr for Filter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Filter::CYCLE
            .into_iter()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Filter::CYCLE.iter().map(|f| f.name()).collect();
                format!("unknown filter {s:?} ({})", names.join(", "))
            })
    }
}

/// What the aging table is asked to show: filter, category or brand (from a drill-down
/// on the mix tab; `Some("")` is the SKUs without one), search text and sort.
#[derive(Debug, Clone, PartialEq)]
pub struct AgingQuery {
    pub filter: Filter,
    pub category: Option<String>,
    /// Only this brand's SKUs (empty: those without one), the mix tab's brand drill-down.
    pub brand: Option<String>,
    pub search: String,
    pub sort: Option<Column>,
    pub descending: bool,
}

impl Default for AgingQuery {
    /// The table as the app opens it: every SKU, most capital tied up first.
    fn default() -> AgingQuery {
        AgingQuery {
            filter: Filter::All,
            category: None,
            brand: None,
            search: String::new(),
            sort: Some(Column::Capital),
            descending: true,
        }
    }
}

/// Per product, the lowercased "sku name" that search looks in.
pub fn search_text(ds: &Dataset) -> Vec<String> {
    ds.products
        .iter()
        .map(|p| format!("{} {}", p.sku, p.name).to_lowercase())
        .collect()
}

/// Whether a product's search text holds `needle`, which must already be lowercased
/// (see [`AgingQuery::needle`]). A longer needle only ever matches fewer products,
/// which is what lets the app narrow the shown rows as a character is typed.
pub fn search_matches(text: &str, needle: &str) -> bool {
    needle.is_empty() || text.contains(needle)
}

/// Every product index, ascending by the text column `col` (stable: ties keep product
/// order); `None` for a column of figures.
pub fn text_order(ds: &Dataset, col: Column) -> Option<Vec<usize>> {
    let n = ds.products.len();
    let p = |i: usize| &ds.products[i];
    match col {
        Column::Sku => Some(order_by_text(n, |i| p(i).sku.as_str())),
        Column::Name => Some(order_by_text(n, |i| p(i).name.as_str())),
        Column::Category => Some(order_by_text(n, |i| p(i).category.as_str())),
        _ => None,
    }
}

/// Every product index, ascending by `col` (stable: ties keep product order).
pub fn sort_order(ds: &Dataset, r: &Review, col: Column) -> Vec<usize> {
    match numeric_keys(ds, r, col) {
        Some(keys) => order_by(keys.len(), |i| keys[i]),
        None => text_order(ds, col).unwrap_or_else(|| (0..ds.products.len()).collect()),
    }
}

/// The sort keys of a numeric column, as integers in the same order: two equal key lists
/// give the same order, so a cached order can be kept. `None` for text columns.
pub fn numeric_keys(ds: &Dataset, r: &Review, col: Column) -> Option<Vec<i128>> {
    if col.is_text() {
        return None;
    }
    ds.products
        .iter()
        .zip(&r.skus)
        .map(|(p, f)| col.value(p, f).sort_key())
        .collect()
}

/// Indices `0..n` in the order of their keys, ties in index order (what a stable sort
/// gives). Sorting compact (key, index) pairs is several times faster at 100k rows than
/// comparing through the indices into the figures.
fn order_by<K: Ord>(n: usize, key: impl Fn(usize) -> K) -> Vec<usize> {
    let mut pairs: Vec<(K, u32)> = (0..n).map(|i| (key(i), i as u32)).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, i)| i as usize).collect()
}

/// Indices `0..n` in the byte order of their texts, ties in index order. Sorts integer
/// keys — the first 16 bytes, and the length when the text is no longer — so that
/// comparing them compares the texts; only texts longer than 16 bytes that share those
/// bytes are compared whole, run by run. Sorting (text, index) pairs compared through
/// 100k string pointers took two frames.
fn order_by_text<'a>(n: usize, text: impl Fn(usize) -> &'a str) -> Vec<usize> {
    const PREFIX: usize = 16;
    let key = |i: usize| {
        let bytes = text(i).as_bytes();
        let mut prefix = [0u8; PREFIX];
        let k = bytes.len().min(PREFIX);
        prefix[..k].copy_from_slice(&bytes[..k]);
        // A padded prefix and a length ≤ 16 give the text; past 16, `LONG` says "compare
        // the rest". A shorter text sorts first among equal prefixes, as in byte order.
        let len = bytes.len().min(PREFIX + 1) as u8;
        (u128::from_be_bytes(prefix), len, i as u32)
    };
    let mut keys: Vec<(u128, u8, u32)> = (0..n).map(key).collect();
    keys.sort_unstable();
    let long = (PREFIX + 1) as u8;
    let mut start = 0;
    while start < keys.len() {
        let (prefix, len, _) = keys[start];
        let end = start + keys[start..].partition_point(|k| (k.0, k.1) == (prefix, len));
        if len == long && end - start > 1 {
            keys[start..end].sort_by(|a, b| text(a.2 as usize).cmp(text(b.2 as usize)));
        }
        start = end;
    }
    keys.into_iter().map(|(_, _, i)| i as usize).collect()
}

impl AgingQuery {
    /// Whether `p` is in the category and brand asked for (any, when not asked).
    pub fn in_group(&self, p: &Product) -> bool {
        let wanted =
            |by: Breakdown, name: &Option<String>| name.as_deref().is_none_or(|n| by.key(p) == n);
        wanted(Breakdown::Category, &self.category) && wanted(Breakdown::Brand, &self.brand)
    }

    /// The search text lowercased, as [`search_matches`] wants it.
    pub fn needle(&self) -> String {
        self.search.to_lowercase()
    }

    /// The rows shown, given every product in ascending order of the sort column
    /// (`order`, e.g. from [`sort_order`], or product order when unsorted) and each
    /// product's [`search_text`]. SKUs with no stock and no sales in the window are
    /// left out unless their cost is missing (that needs fixing whatever they sell) or
    /// they are new (a candidate just promoted has neither yet, and must be found).
    pub fn rows(
        &self,
        ds: &Dataset,
        r: &Review,
        search_text: &[String],
        order: impl IntoIterator<Item = usize>,
    ) -> Vec<usize> {
        let needle = self.needle();
        let keep = |&i: &usize| {
            let (p, f) = (&ds.products[i], &r.skus[i]);
            (f.active || f.cost_missing || is_new(p))
                && self.filter.keeps(p, f)
                && self.in_group(p)
                && search_matches(&search_text[i], &needle)
        };
        let mut rows: Vec<usize> = order.into_iter().filter(keep).collect();
        if self.sort.is_some() && self.descending {
            rows.reverse();
        }
        rows
    }

    /// The rows shown, computed from scratch (a command-line export).
    pub fn rows_from_scratch(&self, ds: &Dataset, r: &Review) -> Vec<usize> {
        let order = match self.sort {
            Some(col) => sort_order(ds, r, col),
            None => (0..ds.products.len()).collect(),
        };
        self.rows(ds, r, &search_text(ds), order)
    }
}

/// A SKU in lifecycle "new".
fn is_new(p: &Product) -> bool {
    p.lifecycle == Some(Lifecycle::New)
}

/// The suggested next step for a SKU, from its flags and the seed review's levers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    /// Its cost is missing: no figure about it can be trusted until it has one.
    AddCost,
    /// A slow mover without a brand: a second-hand platform.
    SecondHand,
    /// A slow mover with too much stock: a promotion with a tiered discount.
    TieredPromotion,
    /// A seasonal slow mover: consignment.
    Consignment,
    /// Any other slow mover: a clearance batch.
    ClearanceBatch,
    /// Stock runs short: order `qty` by `by` (see [`super::reorder::Reorder::order_by`]).
    Order {
        qty: i64,
        by: Day,
    },
    /// A best seller not yet at its reorder point: reorder by `by`.
    ReorderBy {
        by: Day,
    },
    None,
}

impl Suggestion {
    /// In English, as the view export writes it.
    pub fn english(self) -> String {
        match self {
            Suggestion::AddCost => "add unit cost".into(),
            Suggestion::SecondHand => "second-hand platform".into(),
            Suggestion::TieredPromotion => "tiered discount".into(),
            Suggestion::Consignment => "consignment".into(),
            Suggestion::ClearanceBatch => "clearance batch".into(),
            Suggestion::Order { qty, by } => {
                format!("order {qty} by {}", by.date().format("%m-%d"))
            }
            Suggestion::ReorderBy { by } => format!("reorder by {}", by.date().format("%m-%d")),
            Suggestion::None => String::new(),
        }
    }
}

/// The rule, in order: cost missing → add it; slow movers: unbranded → second-hand,
/// overstock → tiered promotion, seasonal → consignment, others → clearance batch; stock
/// at its reorder point → order; a best seller → reorder by the day that keeps it in
/// stock.
pub fn suggested_action(p: &Product, f: &SkuFigures) -> Suggestion {
    if f.cost_missing {
        Suggestion::AddCost
    } else if f.slow {
        if p.has_tag("unbranded") {
            Suggestion::SecondHand
        } else if p.has_tag("overstock") {
            Suggestion::TieredPromotion
        } else if p.has_tag("seasonal") || p.lifecycle == Some(Lifecycle::Seasonal) {
            Suggestion::Consignment
        } else {
            Suggestion::ClearanceBatch
        }
    } else if let (true, Some(by)) = (f.reorder.now && f.reorder.qty > 0, f.reorder.order_by) {
        Suggestion::Order {
            qty: f.reorder.qty,
            by,
        }
    } else if let (true, Some(by)) = (f.best_seller, f.reorder.order_by) {
        Suggestion::ReorderBy { by }
    } else {
        Suggestion::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_names_round_trip() {
        for c in Column::ALL {
            assert_eq!(c.name().parse::<Column>(), Ok(c));
        }
        for f in Filter::CYCLE {
            assert_eq!(f.name().parse::<Filter>(), Ok(f));
        }
        assert_eq!("ON_HAND".parse::<Column>(), Ok(Column::OnHand));
        assert_eq!("Cost_Missing".parse::<Filter>(), Ok(Filter::CostMissing));
        let err = "price".parse::<Column>().unwrap_err();
        assert!(
            err.contains("on-hand") && err.contains("\"price\""),
            "{err}"
        );
        assert!("fast"
            .parse::<Filter>()
            .unwrap_err()
            .contains("cost-missing"));
    }

    /// The rule order of issue 21: the seed's 2,000 sun hats, tagged seasonal and
    /// overstock, are told promotion (the seed's own lever), not consignment.
    #[test]
    fn suggestions_follow_the_rule_order() {
        use crate::domain::metrics::{Cover, SkuFigures};
        use crate::domain::money::Money;
        use crate::domain::reorder::Reorder;
        let day = |d| Day::from_date(chrono::NaiveDate::from_ymd_opt(2025, 12, d).unwrap());
        let figures = |slow, best, cost_missing, reorder| SkuFigures {
            tier: Tier::Mid,
            computed_tier: Tier::Mid,
            tier_overridden: false,
            tier_margin: None,
            net_revenue: Money::ZERO,
            cogs: Money::ZERO,
            gross_profit: Money::ZERO,
            units: 0,
            units_velocity: 0,
            on_hand: 1,
            capital: Money::ZERO,
            velocity: 0.0,
            cover: Cover::Infinite,
            days_since_last_sale: None,
            slow,
            best_seller: best,
            age_buckets: Vec::new(),
            active: true,
            cost_missing,
            reorder,
            in_open_batch: false,
        };
        let tagged = |tags: &[&str]| Product {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Product::default()
        };
        let slow = figures(true, false, false, Reorder::default());
        for (tags, want) in [
            (
                &["unbranded", "overstock", "seasonal"][..],
                Suggestion::SecondHand,
            ),
            (&["seasonal", "overstock"][..], Suggestion::TieredPromotion),
            (&["seasonal"][..], Suggestion::Consignment),
            (&[][..], Suggestion::ClearanceBatch),
        ] {
            assert_eq!(suggested_action(&tagged(tags), &slow), want, "{tags:?}");
        }
        let seasonal = Product {
            lifecycle: Some(Lifecycle::Seasonal),
            ..Product::default()
        };
        assert_eq!(suggested_action(&seasonal, &slow), Suggestion::Consignment);
        let missing = figures(true, false, true, Reorder::default());
        assert_eq!(
            suggested_action(&tagged(&["unbranded"]), &missing),
            Suggestion::AddCost
        );
        let short = Reorder {
            stockout: Some(day(30)),
            now: true,
            qty: 46,
            lead_days: 5,
            order_by: Some(day(25)),
        };
        let best = figures(false, true, false, short);
        assert_eq!(
            suggested_action(&Product::default(), &best),
            Suggestion::Order {
                qty: 46,
                by: day(25)
            }
        );
        let later = Reorder {
            now: false,
            qty: 0,
            ..short
        };
        assert_eq!(
            suggested_action(&Product::default(), &figures(false, true, false, later)),
            Suggestion::ReorderBy { by: day(25) }
        );
        assert_eq!(
            suggested_action(&Product::default(), &figures(false, false, false, later)),
            Suggestion::None
        );
    }

    #[test]
    fn the_filter_key_cycles_back_to_all() {
        let mut f = Filter::All;
        for _ in 0..Filter::CYCLE.len() {
            f = f.next();
        }
        assert_eq!(f, Filter::All);
    }

    #[test]
    fn a_longer_search_matches_a_subset() {
        let text = "ht-1001 sun hat";
        assert!(search_matches(text, ""));
        assert!(search_matches(text, "hat"));
        assert!(!search_matches(text, "hats"));
    }
}

#[cfg(test)]
mod sort_tests {
    use super::super::sku_column::total_order;
    use super::{order_by, order_by_text};

    #[test]
    fn float_keys_order_as_total_cmp() {
        let xs = [
            3.5,
            f64::NEG_INFINITY,
            -0.0,
            0.0,
            -2.25,
            f64::INFINITY,
            1e-300,
            -1e300,
            f64::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(
                    total_order(a).cmp(&total_order(b)),
                    a.total_cmp(&b),
                    "{a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn ties_keep_index_order_like_a_stable_sort() {
        let keys = [2, 1, 2, 0, 1, 2];
        let got = order_by(keys.len(), |i| keys[i]);
        let mut want: Vec<usize> = (0..keys.len()).collect();
        want.sort_by_key(|&i| keys[i]);
        assert_eq!(got, want);
        assert_eq!(got, vec![3, 1, 4, 0, 2, 5]);
    }

    /// Texts around the 16-byte prefix: empty, NUL bytes, exactly 16 and 17 bytes, long
    /// texts sharing their first 16 bytes, CJK (several bytes a character), duplicates.
    #[test]
    fn text_order_is_byte_order_with_ties_in_index_order() {
        let texts = [
            "智能家居0 Max smart-home 1",
            "",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnop\0",
            "abcdefghijklmno",
            "abc",
            "abc\0",
            "智能家居0 Max smart-home 10",
            "abcdefghijklmnopZ",
            "智能家居0 Max smart-home 1",
            "abcdefghijklmnopAB",
            "",
            "ab",
            "abcdefghijklmnopq",
            "智能手环2 Mini",
            "Zebra",
        ];
        let got = order_by_text(texts.len(), |i| texts[i]);
        let mut want: Vec<usize> = (0..texts.len()).collect();
        want.sort_by_key(|&i| texts[i]);
        assert_eq!(got, want);
        // Duplicates keep their index order.
        let first = got.iter().position(|&i| i == 0).unwrap();
        assert_eq!(got[first + 1], 10);
    }
}
