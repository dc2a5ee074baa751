//! The code offered for a new SKU (a candidate promoted): the shop's own pattern, the
//! most common prefix and digit width among its codes (`SP-` and four digits), and the
//! next number after the largest of that pattern (`SP-1015`); the candidate's category
//! is asked first, so a pet product gets the pet SKUs' prefix.
//!
//! Pure: no I/O.

use std::collections::BTreeMap;

use super::model::{Candidate, Dataset};

/// A code split into the text before its trailing digits and those digits; `None`
/// when it does not end in a digit or has nothing before the digits.
fn split(code: &str) -> Option<(&str, &str)> {
    let digits = code.len() - code.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = code.split_at(code.len() - digits);
    (digits > 0 && !prefix.is_empty()).then_some((prefix, number))
}

/// The next free code of the most common (prefix, digit width) among `codes`: one
/// after the largest number of that pattern, zero-padded to its width. Ties go to the
/// pattern seen first. `None` when no code ends in digits after a prefix.
pub fn suggest<'a>(codes: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // (prefix, width) → (count, largest number, first seen)
    let mut patterns: BTreeMap<(&str, usize), (usize, u128, usize)> = BTreeMap::new();
    for (seen, code) in codes.into_iter().enumerate() {
        let Some((prefix, number)) = split(code.trim()) else {
            continue;
        };
        let Ok(n) = number.parse::<u128>() else {
            continue;
        };
        let entry = patterns
            .entry((prefix, number.len()))
            .or_insert((0, 0, seen));
        entry.0 += 1;
        entry.1 = entry.1.max(n);
    }
    let ((prefix, width), (_, largest, _)) = patterns
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .2.cmp(&a.1 .2)))?;
    let next = largest.checked_add(1)?;
    Some(format!("{prefix}{next:0width$}"))
}

/// The code offered when `c` is promoted: the pattern of its category's SKUs when they
/// have one, else the shop's, else `NEW-<candidate id>`.
pub fn suggest_for(ds: &Dataset, c: &Candidate) -> String {
    let of_category = ds
        .products
        .iter()
        .filter(|p| !c.category.is_empty() && p.category == c.category)
        .map(|p| p.sku.as_str());
    suggest(of_category)
        .or_else(|| suggest(ds.products.iter().map(|p| p.sku.as_str())))
        .unwrap_or_else(|| format!("NEW-{}", c.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_common_prefix_and_width_with_the_next_number() {
        let codes = [
            "AB-01", "AB-07", "AB-03", "X9", "CD-0100", "CD-0101", "plain",
        ];
        assert_eq!(suggest(codes).as_deref(), Some("AB-08"));
        // Width is part of the pattern: SP-1014 is the largest four-digit one.
        let codes = ["SP-1001", "SP-1014", "SP-99", "SP-1002"];
        assert_eq!(suggest(codes).as_deref(), Some("SP-1015"));
        // A tie goes to the pattern seen first; a number past its width grows.
        assert_eq!(suggest(["B9", "A1"]).as_deref(), Some("B10"));
        assert_eq!(suggest(["123", "plain", ""]), None);
        assert_eq!(suggest([]), None);
    }
}
