//! The product-mix tab's breakdown rows: each category's (or brand's) SKUs, revenue and
//! gross profit, split by tier. The app's mix tab and `skudesk export view mix` both
//! read these.
//!
//! Pure: no I/O, no ratatui.

use std::collections::BTreeMap;

use super::kpis::Costed;
use super::metrics::Review;
use super::model::{Dataset, Product};
use super::money::Money;

/// What the mix tab's breakdown groups SKUs by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Breakdown {
    #[default]
    Category,
    Brand,
}

impl Breakdown {
    /// The product's group: its category or its brand (empty when it has none).
    pub fn key(self, p: &Product) -> &str {
        match self {
            Breakdown::Category => &p.category,
            Breakdown::Brand => &p.brand,
        }
    }

    /// The other breakdown (what the mix tab's toggle switches to).
    pub fn other(self) -> Breakdown {
        match self {
            Breakdown::Category => Breakdown::Brand,
            Breakdown::Brand => Breakdown::Category,
        }
    }

    /// Its name in exports: `category`, `brand`.
    pub fn name(self) -> &'static str {
        match self {
            Breakdown::Category => "category",
            Breakdown::Brand => "brand",
        }
    }

    /// Its groups' name in exports: `categories`, `brands`.
    pub fn plural(self) -> &'static str {
        match self {
            Breakdown::Category => "categories",
            Breakdown::Brand => "brands",
        }
    }

    /// What exports call the group of SKUs without a category or brand.
    pub fn none_label(self) -> &'static str {
        match self {
            Breakdown::Category => "(none)",
            Breakdown::Brand => "(no brand)",
        }
    }

    /// The group's name in exports: the key, or [`Breakdown::none_label`] when empty.
    pub fn label(self, key: &str) -> &str {
        if key.is_empty() {
            self.none_label()
        } else {
            key
        }
    }
}

/// One group's figures (a category or a brand), with revenue and GP by tier.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GroupRow {
    /// The category or brand; empty for the SKUs without one.
    pub name: String,
    pub skus: i64,
    pub revenue: Money,
    pub gross_profit: Money,
    pub tier_revenue: [Money; 4],
    /// Revenue and GP of its SKUs that have a unit cost.
    pub costed: Costed,
}

/// The groups `by` of SKUs that are active or sold in the window, most revenue first
/// (ties by name, A to Z; the group without a name first).
pub fn breakdown(ds: &Dataset, r: &Review, by: Breakdown) -> Vec<GroupRow> {
    let mut groups: BTreeMap<&str, GroupRow> = BTreeMap::new();
    for (p, f) in ds.products.iter().zip(&r.skus) {
        if !f.active && f.net_revenue.is_zero() {
            continue;
        }
        let key = by.key(p);
        let row = groups.entry(key).or_insert_with(|| GroupRow {
            name: key.to_string(),
            skus: 0,
            revenue: Money::ZERO,
            gross_profit: Money::ZERO,
            tier_revenue: [Money::ZERO; 4],
            costed: Costed::default(),
        });
        row.skus += 1;
        row.revenue += f.net_revenue;
        row.gross_profit += f.gross_profit;
        row.tier_revenue[f.tier.index()] += f.net_revenue;
        row.costed.add(f);
    }
    let mut rows: Vec<GroupRow> = groups.into_values().collect();
    rows.sort_by_key(|c| std::cmp::Reverse(c.revenue));
    rows
}

/// The categories of SKUs that are active or sold in the window (see [`breakdown`]).
pub fn categories(ds: &Dataset, r: &Review) -> Vec<GroupRow> {
    breakdown(ds, r, Breakdown::Category)
}
