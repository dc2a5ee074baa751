//! The purchase list (`skudesk export view reorder`): every SKU to reorder now (METRICS.md
//! "Next steps per SKU"), grouped by brand with a subtotal per brand and a total — the
//! list a seller sends to suppliers.

use crate::domain::metrics::Review;
use crate::domain::model::Dataset;
use crate::domain::money::Money;

use super::view::{Kind, ViewTable};

/// The SKUs to reorder now, by brand (A to Z, no brand last) then SKU, each brand
/// followed by its subtotal row, then a total row.
pub fn purchase_list(ds: &Dataset, r: &Review) -> ViewTable {
    use Kind::{Number, Text};
    let columns: Vec<(String, Kind)> = [
        ("Brand", Text),
        ("SKU", Text),
        ("Name", Text),
        ("On hand", Number),
        ("Units/day", Number),
        ("Runs out", Text),
        ("Order qty", Number),
        ("Unit cost", Number),
        ("Order cost", Number),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_string(), k))
    .collect();
    let mut picked: Vec<usize> = (0..ds.products.len())
        .filter(|&i| r.skus[i].reorder.now && r.skus[i].reorder.qty > 0)
        .collect();
    let brand = |i: usize| ds.products[i].brand.trim();
    picked.sort_by(|&a, &b| {
        (brand(a).is_empty(), brand(a), &ds.products[a].sku).cmp(&(
            brand(b).is_empty(),
            brand(b),
            &ds.products[b].sku,
        ))
    });
    let mut rows = Vec::new();
    let (mut total_units, mut total_cost) = (0i64, Money::ZERO);
    let mut k = 0;
    while k < picked.len() {
        let b = brand(picked[k]);
        let (mut units, mut cost) = (0i64, Money::ZERO);
        while k < picked.len() && brand(picked[k]) == b {
            let i = picked[k];
            let (p, f) = (&ds.products[i], &r.skus[i]);
            let unit_cost = p.unit_cost;
            let line_cost = unit_cost.map(|c| c * f.reorder.qty);
            units += f.reorder.qty;
            cost += line_cost.unwrap_or(Money::ZERO);
            rows.push(vec![
                b.to_string(),
                p.sku.clone(),
                p.name.clone(),
                f.on_hand.to_string(),
                format!("{:.6}", f.velocity),
                f.reorder.stockout.map_or(String::new(), |d| d.to_string()),
                f.reorder.qty.to_string(),
                unit_cost.map_or(String::new(), |c| c.to_string()),
                line_cost.map_or(String::new(), |c| c.to_string()),
            ]);
            k += 1;
        }
        let label = if b.is_empty() { "(no brand)" } else { b };
        rows.push(vec![
            format!("Subtotal {label}"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            units.to_string(),
            String::new(),
            cost.to_string(),
        ]);
        total_units += units;
        total_cost += cost;
    }
    rows.push(vec![
        "Total".to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        total_units.to_string(),
        String::new(),
        total_cost.to_string(),
    ]);
    let f = r.frame;
    ViewTable {
        tab: "reorder",
        caption: format!(
            "Purchase list — {} SKUs to reorder now as of {} (velocity over {} days; a missing unit cost leaves its order cost empty and out of the totals)",
            picked.len(),
            f.as_of,
            f.velocity_days
        ),
        columns,
        rows,
    }
}
