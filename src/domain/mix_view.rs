//! The product-mix tab's category rows: each category's SKUs, revenue and gross profit,
//! split by tier. The app's mix tab and `skudesk export view mix` both read these.
//!
//! Pure: no I/O, no ratatui.

use std::collections::BTreeMap;

use super::kpis::Costed;
use super::metrics::Review;
use super::model::Dataset;
use super::money::Money;

/// One category's figures, with revenue and GP by tier.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CategoryRow {
    /// The category, or "(none)" for SKUs without one.
    pub category: String,
    pub skus: i64,
    pub revenue: Money,
    pub gross_profit: Money,
    pub tier_revenue: [Money; 4],
    /// Revenue and GP of its SKUs that have a unit cost.
    pub costed: Costed,
}

/// The categories of SKUs that are active or sold in the window, most revenue first
/// (ties by name, A to Z).
pub fn categories(ds: &Dataset, r: &Review) -> Vec<CategoryRow> {
    let mut by_cat: BTreeMap<&str, CategoryRow> = BTreeMap::new();
    for (p, f) in ds.products.iter().zip(&r.skus) {
        if !f.active && f.net_revenue.is_zero() {
            continue;
        }
        let row = by_cat
            .entry(p.category.as_str())
            .or_insert_with(|| CategoryRow {
                category: if p.category.is_empty() {
                    "(none)".into()
                } else {
                    p.category.clone()
                },
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
    let mut categories: Vec<CategoryRow> = by_cat.into_values().collect();
    categories.sort_by_key(|c| std::cmp::Reverse(c.revenue));
    categories
}
