//! No stock booked twice (METRICS.md "Clearance results"): a SKU may sit in two open
//! (planned or active) batches with overlapping dates only when the user confirms it.
//! This finds, for SKUs about to go into a batch with given dates, the open batches
//! that already hold them over an overlapping span.

use super::dates::Day;
use super::model::{BatchStatus, ClearanceBatch, Dataset, ProductIx};

/// A SKU already in another open batch whose dates overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap {
    pub product: ProductIx,
    pub batch_id: i64,
}

/// Whether two date spans share a day; `None` as an end is open-ended.
fn spans_overlap(a: (Day, Option<Day>), b: (Day, Option<Day>)) -> bool {
    let a_before_b = a.1.is_some_and(|end| end < b.0);
    let b_before_a = b.1.is_some_and(|end| end < a.0);
    !a_before_b && !b_before_a
}

/// Whether a batch is open: planned or active (a done batch books nothing).
pub fn is_open(b: &ClearanceBatch) -> bool {
    matches!(b.status, BatchStatus::Planned | BatchStatus::Active)
}

/// The SKUs of `products` that an open batch other than `except` holds over dates that
/// overlap `start` … `end`, in the order of `products` then of the batches.
pub fn overlaps(
    ds: &Dataset,
    products: &[ProductIx],
    start: Day,
    end: Option<Day>,
    except: Option<i64>,
) -> Vec<Overlap> {
    let mut out = Vec::new();
    for &p in products {
        for b in ds
            .batches
            .iter()
            .filter(|b| Some(b.id) != except && is_open(b))
        {
            if spans_overlap((start, end), (b.starts_on, b.ends_on))
                && b.skus.iter().any(|s| s.product == p)
            {
                out.push(Overlap {
                    product: p,
                    batch_id: b.id,
                });
            }
        }
    }
    out
}

/// For each product, the open batches that hold it (for the aging flag and the detail).
pub fn open_batches_of(ds: &Dataset) -> Vec<Vec<i64>> {
    let mut of = vec![Vec::new(); ds.products.len()];
    for b in ds.batches.iter().filter(|b| is_open(b)) {
        for s in &b.skus {
            if let Some(list) = of.get_mut(s.product as usize) {
                if !list.contains(&b.id) {
                    list.push(b.id);
                }
            }
        }
    }
    of
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{BatchChannel, BatchSku, Product};
    use chrono::NaiveDate;

    fn day(m: u32, d: u32) -> Day {
        Day::from_date(NaiveDate::from_ymd_opt(2025, m, d).unwrap())
    }

    fn batch(
        id: i64,
        status: BatchStatus,
        start: Day,
        end: Option<Day>,
        skus: &[u32],
    ) -> ClearanceBatch {
        ClearanceBatch {
            id,
            name: format!("b{id}"),
            channel: BatchChannel::TieredDiscount,
            starts_on: start,
            ends_on: end,
            ladder: Default::default(),
            cash_target: Default::default(),
            status,
            skus: skus
                .iter()
                .map(|&p| BatchSku {
                    product: p,
                    units_to_clear: None,
                })
                .collect(),
        }
    }

    fn shop() -> Dataset {
        Dataset {
            products: vec![Product::default(); 4],
            batches: vec![
                batch(
                    1,
                    BatchStatus::Planned,
                    day(11, 1),
                    Some(day(11, 11)),
                    &[0, 1],
                ),
                batch(2, BatchStatus::Done, day(9, 1), Some(day(9, 20)), &[2]),
                batch(3, BatchStatus::Active, day(10, 8), None, &[1, 3]),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn an_overlapping_open_batch_is_named_for_each_sku() {
        let ds = shop();
        // 10-30 … 11-02 overlaps batch 1 (from 11-01) and the open-ended batch 3.
        let got = overlaps(&ds, &[0, 1, 2], day(10, 30), Some(day(11, 2)), None);
        let pairs: Vec<(u32, i64)> = got.iter().map(|o| (o.product, o.batch_id)).collect();
        assert_eq!(pairs, vec![(0, 1), (1, 1), (1, 3)]);
    }

    #[test]
    fn touching_ends_overlap_and_a_day_apart_does_not() {
        let ds = shop();
        assert_eq!(
            overlaps(&ds, &[0], day(11, 11), Some(day(11, 20)), None).len(),
            1
        );
        assert!(overlaps(&ds, &[0], day(11, 12), None, None).is_empty());
        assert!(overlaps(&ds, &[0], day(10, 1), Some(day(10, 31)), None).is_empty());
    }

    #[test]
    fn done_batches_and_the_batch_itself_do_not_count() {
        let ds = shop();
        assert!(overlaps(&ds, &[2], day(9, 1), Some(day(9, 30)), None).is_empty());
        assert!(overlaps(&ds, &[0], day(11, 1), Some(day(11, 11)), Some(1)).is_empty());
        assert_eq!(
            open_batches_of(&ds),
            vec![vec![1], vec![1, 3], vec![], vec![3]]
        );
    }
}
