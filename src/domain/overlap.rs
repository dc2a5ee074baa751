//! No stock booked twice (METRICS.md "Clearance results"): a SKU may sit in two open
//! (planned or active) batches with overlapping dates only when the user confirms it.
//! This finds, for SKUs about to go into a batch with given dates, the open batches
//! that already hold them over an overlapping span.

use super::command::{BatchRef, Command};
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
    books(b.status)
}

/// Whether a batch of this status books stock: planned or active.
fn books(status: BatchStatus) -> bool {
    matches!(status, BatchStatus::Planned | BatchStatus::Active)
}

/// What a batch command would book: its SKUs over its dates, in the batch `except`
/// (itself, when it exists already, does not count against them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub products: Vec<ProductIx>,
    pub start: Day,
    pub end: Option<Day>,
    pub except: Option<i64>,
}

/// The booking of `cmd`, as the CLI (`batch create|add`) and the batch form see it: a
/// new batch's SKUs over its dates; SKUs added to an existing batch over that batch's
/// dates; a batch's edited dates over its own SKUs. `None` when it books nothing: not
/// a batch command, a batch that is done (or not in the data). A SKU the data does not
/// have is left out (the store refuses it).
pub fn booking(ds: &Dataset, cmd: &Command) -> Option<Booking> {
    match cmd {
        Command::MarkBatch(m) => {
            let (start, end, except) = match &m.batch {
                BatchRef::New(spec) if books(spec.status) => (spec.starts_on, spec.ends_on, None),
                BatchRef::New(_) => return None,
                BatchRef::Existing(id) => {
                    let b = ds.batches.iter().find(|b| b.id == *id && is_open(b))?;
                    (b.starts_on, b.ends_on, Some(b.id))
                }
            };
            let products = m
                .skus
                .iter()
                .filter_map(|(sku, _)| ds.product_ix(sku))
                .collect();
            Some(Booking {
                products,
                start,
                end,
                except,
            })
        }
        Command::EditBatch { id, spec } if books(spec.status) => {
            let b = ds.batches.iter().find(|b| b.id == *id)?;
            Some(Booking {
                products: b.skus.iter().map(|s| s.product).collect(),
                start: spec.starts_on,
                end: spec.ends_on,
                except: Some(b.id),
            })
        }
        _ => None,
    }
}

/// The [`overlaps`] of what `cmd` would book (none when it books nothing).
pub fn overlaps_of(ds: &Dataset, cmd: &Command) -> Vec<Overlap> {
    booking(ds, cmd).map_or_else(Vec::new, |b| {
        overlaps(ds, &b.products, b.start, b.end, b.except)
    })
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
    use crate::domain::command::{BatchSpec, MarkBatch};
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
            products: (0..4)
                .map(|i| Product {
                    sku: format!("S{i}"),
                    ..Product::default()
                })
                .collect(),
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

    fn spec(start: Day, end: Option<Day>, status: BatchStatus) -> BatchSpec {
        BatchSpec {
            name: "new".into(),
            channel: BatchChannel::FlashSale,
            starts_on: start,
            ends_on: end,
            ladder: Default::default(),
            cash_target: Default::default(),
            status,
        }
    }

    fn mark(batch: BatchRef, skus: &[&str]) -> Command {
        Command::MarkBatch(MarkBatch {
            batch,
            skus: skus.iter().map(|s| (s.to_string(), Some(1))).collect(),
        })
    }

    fn pairs(ds: &Dataset, cmd: &Command) -> Vec<(u32, i64)> {
        overlaps_of(ds, cmd)
            .iter()
            .map(|o| (o.product, o.batch_id))
            .collect()
    }

    #[test]
    fn a_new_batch_books_its_skus_over_its_dates() {
        let ds = shop();
        let new = |status| {
            let s = spec(day(11, 5), Some(day(11, 20)), status);
            mark(BatchRef::New(s), &["S0", "S3", "NOPE"])
        };
        let cmd = new(BatchStatus::Planned);
        assert_eq!(
            booking(&ds, &cmd),
            Some(Booking {
                products: vec![0, 3],
                start: day(11, 5),
                end: Some(day(11, 20)),
                except: None,
            }),
            "a SKU the data lacks is left to the store"
        );
        assert_eq!(pairs(&ds, &cmd), vec![(0, 1), (3, 3)]);
        assert_eq!(booking(&ds, &new(BatchStatus::Done)), None);
    }

    #[test]
    fn skus_added_to_a_batch_book_its_dates_and_it_does_not_count() {
        let ds = shop();
        // Batch 3 runs from 10-08, open-ended: it overlaps batch 1 (11-01 … 11-11).
        let cmd = mark(BatchRef::Existing(3), &["S0", "S1"]);
        let b = booking(&ds, &cmd).unwrap();
        assert_eq!((b.start, b.end, b.except), (day(10, 8), None, Some(3)));
        assert_eq!(pairs(&ds, &cmd), vec![(0, 1), (1, 1)]);
        // A done batch books nothing; nor does a batch the data lacks.
        assert_eq!(booking(&ds, &mark(BatchRef::Existing(2), &["S0"])), None);
        assert_eq!(booking(&ds, &mark(BatchRef::Existing(9), &["S0"])), None);
    }

    #[test]
    fn an_edited_batch_books_its_own_skus_over_its_new_dates() {
        let ds = shop();
        let edit = |start, end, status| Command::EditBatch {
            id: 1,
            spec: spec(start, end, status),
        };
        // Batch 1 (S0, S1) moved to 10-01 … 10-20: S1 is in batch 3 from 10-08.
        let cmd = edit(day(10, 1), Some(day(10, 20)), BatchStatus::Planned);
        assert_eq!(
            booking(&ds, &cmd).map(|b| (b.products, b.except)),
            Some((vec![0, 1], Some(1)))
        );
        assert_eq!(pairs(&ds, &cmd), vec![(1, 3)]);
        // Moved before batch 3 starts: nothing.
        let early = edit(day(9, 1), Some(day(10, 7)), BatchStatus::Active);
        assert!(pairs(&ds, &early).is_empty());
        // Done: books nothing.
        let done = edit(day(10, 1), Some(day(10, 20)), BatchStatus::Done);
        assert_eq!(booking(&ds, &done), None);
        assert!(pairs(&ds, &Command::DeleteBatch { id: 1 }).is_empty());
    }
}
