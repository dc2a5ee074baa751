//! The SKUs a form was opened for, kept by code: product indices move when the data is
//! reloaded (another program committed), codes do not.

use std::collections::HashMap;

use crate::domain::model::Dataset;
use crate::i18n::{Lang, Msg};

/// The SKU codes of product indices.
pub fn codes_of(ds: &Dataset, products: &[usize]) -> Vec<String> {
    products
        .iter()
        .filter_map(|&i| ds.products.get(i).map(|p| p.sku.clone()))
        .collect()
}

/// Each SKU code's product index in `ds` (one pass, not a scan per code: a selection
/// can hold every SKU of a large shop).
pub fn sku_index(ds: &Dataset) -> HashMap<&str, usize> {
    ds.products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.sku.as_str(), i))
        .collect()
}

/// The product indices of SKU codes in `ds`, leaving out those that are gone.
pub fn indices_of(index: &HashMap<&str, usize>, skus: &[String]) -> Vec<usize> {
    skus.iter()
        .filter_map(|s| index.get(s.as_str()).copied())
        .collect()
}

/// Refuses, naming them, SKUs that are no longer in the data (another program removed
/// them while a form was open).
pub fn check_still_there(ds: &Dataset, skus: &[String], lang: Lang) -> Result<(), String> {
    let index = sku_index(ds);
    let gone: Vec<String> = skus
        .iter()
        .filter(|s| !index.contains_key(s.as_str()))
        .map(|s| crate::domain::text::sanitize(s).into_owned())
        .collect();
    if gone.is_empty() {
        return Ok(());
    }
    let mut list = gone[..gone.len().min(5)].join(", ");
    if gone.len() > 5 {
        list.push_str(&format!(" +{}", gone.len() - 5));
    }
    Err(lang.f(Msg::SkusGone, &[&list]))
}
