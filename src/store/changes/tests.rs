//! Tests of applying commands and of undo and redo, of changes and of imports.

use super::*;
use crate::domain::command::{BatchRef, BatchSpec, MarkBatch, Reclassify, Refusal, TierChoice};
use crate::domain::dates::{parse_date, Day};
use crate::domain::history::{Row, Summary};
use crate::domain::model::{BatchChannel, BatchStatus, Lifecycle, Tier};
use crate::domain::money::Money;
use crate::import::native;

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let products = b"sku,name,category,unit_cost,list_price\nA,Hat,hats,10,20\nB,Case,cases,5,6\nC,Tee,apparel,8,9\n";
    s.import_products(&native::products("p.csv", products).unwrap(), false)
        .unwrap();
    s
}

fn day(s: &str) -> Day {
    Day::from_date(parse_date(s).unwrap())
}

fn spec(name: &str) -> BatchSpec {
    BatchSpec {
        name: name.into(),
        channel: BatchChannel::TieredDiscount,
        starts_on: day("2025-11-01"),
        ends_on: Some(day("2025-11-11")),
        ladder: "10%@3d,20%".parse().unwrap(),
        cash_target: "600.00".parse::<Money>().unwrap(),
        status: BatchStatus::Planned,
    }
}

fn tiers(s: &Store) -> Vec<(String, Option<Tier>, Option<Lifecycle>)> {
    s.load()
        .unwrap()
        .products
        .into_iter()
        .map(|p| (p.sku, p.tier_override, p.lifecycle))
        .collect()
}

#[test]
fn reclassify_undo_redo_round_trip() {
    let mut s = store();
    let before = tiers(&s);
    let cmd = Command::Reclassify(Reclassify {
        skus: vec!["A".into(), "B".into()],
        tier: Some(TierChoice::Set(Tier::Low)),
        lifecycle: Some(Lifecycle::Clearance),
        category: None,
        reason: "overstock".into(),
    });
    s.apply(&cmd).unwrap();
    let after = tiers(&s);
    assert_eq!(
        after[0],
        ("A".into(), Some(Tier::Low), Some(Lifecycle::Clearance))
    );
    assert_eq!(after[1].1, Some(Tier::Low));
    assert_eq!(after[2], before[2]);
    assert_eq!(s.undo().unwrap(), Summary::of(&cmd));
    assert_eq!(tiers(&s), before);
    // Next on the stack is the products import itself.
    assert!(matches!(
        s.undo().unwrap(),
        Summary::Import { file_kind, file, .. } if file_kind == "products" && file == "p.csv"
    ));
    assert!(s.load().unwrap().products.is_empty());
    assert!(matches!(s.undo(), Err(ChangeError::NothingToUndo)));
    s.redo().unwrap();
    assert_eq!(tiers(&s), before);
    s.redo().unwrap();
    assert_eq!(tiers(&s), after);
    assert!(matches!(s.redo(), Err(ChangeError::NothingToRedo)));
    let h = s.history(10).unwrap();
    assert_eq!(h[0].summary, Summary::of(&cmd));
    assert!(!h[0].undone);
}

#[test]
fn a_batch_with_skus_is_one_change_and_undoes_whole() {
    let mut s = store();
    s.apply(&Command::MarkBatch(MarkBatch {
        batch: BatchRef::New(spec("Double-11")),
        skus: vec![("A".into(), Some(40)), ("C".into(), None)],
    }))
    .unwrap();
    let ds = s.load().unwrap();
    assert_eq!(ds.batches.len(), 1);
    assert_eq!(ds.batches[0].skus.len(), 2);
    assert_eq!(ds.batches[0].ladder.to_string(), "10%@3d,20%");
    let id = ds.batches[0].id;
    s.apply(&Command::MarkBatch(MarkBatch {
        batch: BatchRef::Existing(id),
        skus: vec![("B".into(), Some(5))],
    }))
    .unwrap();
    assert_eq!(s.load().unwrap().batches[0].skus.len(), 3);
    s.undo().unwrap();
    assert_eq!(s.load().unwrap().batches[0].skus.len(), 2);
    s.undo().unwrap();
    assert!(s.load().unwrap().batches.is_empty());
    s.redo().unwrap();
    s.redo().unwrap();
    assert_eq!(s.load().unwrap().batches[0].skus.len(), 3);
    // Delete, then undo brings the batch and its SKUs back.
    s.apply(&Command::DeleteBatch { id }).unwrap();
    assert!(s.load().unwrap().batches.is_empty());
    s.undo().unwrap();
    let back = s.load().unwrap();
    assert_eq!(back.batches[0].skus.len(), 3);
    assert_eq!(back.batches[0].name, "Double-11");
}

#[test]
fn a_new_change_drops_the_redo_history() {
    let mut s = store();
    let set = |t| {
        Command::Reclassify(Reclassify {
            skus: vec!["A".into()],
            tier: Some(TierChoice::Set(t)),
            lifecycle: None,
            category: None,
            reason: String::new(),
        })
    };
    s.apply(&set(Tier::Low)).unwrap();
    s.undo().unwrap();
    s.apply(&set(Tier::High)).unwrap();
    assert!(matches!(s.redo(), Err(ChangeError::NothingToRedo)));
    assert_eq!(tiers(&s)[0].1, Some(Tier::High));
}

#[test]
fn undo_refuses_when_the_row_was_changed_outside_skudesk_since() {
    let mut s = store();
    s.apply(&Command::Reclassify(Reclassify {
        skus: vec!["A".into()],
        tier: None,
        lifecycle: None,
        category: Some("clearance-bin".into()),
        reason: String::new(),
    }))
    .unwrap();
    // Another tool edits the row behind skudesk's back.
    s.conn
        .execute(
            "UPDATE product SET unit_cost = 11000000 WHERE sku = 'A'",
            [],
        )
        .unwrap();
    let before = s.load().unwrap().products[0].clone();
    let err = s.undo().unwrap_err();
    // What a person reads of it, in either language: `session::said`'s tests.
    match &err {
        ChangeError::Conflict { summary, what } => {
            assert_eq!(*what, Row::Sku("A".into()));
            assert!(
                matches!(summary, Summary::Reclassify { category: Some(c), .. } if c == "clearance-bin"),
                "{summary:?}"
            );
        }
        other => panic!("{other}"),
    }
    assert_eq!(
        s.load().unwrap().products[0],
        before,
        "a refused undo changes nothing"
    );
    let done = s.apply(&Command::DeleteBatch { id: 99 }).unwrap_err();
    assert!(
        matches!(done, ChangeError::Refused(Refusal::NoBatch(99))),
        "{done}"
    );
}

#[test]
fn bad_commands_are_refused_and_leave_no_history() {
    let mut s = store();
    let unknown = Command::Reclassify(Reclassify {
        skus: vec!["NOPE".into()],
        tier: Some(TierChoice::Auto),
        lifecycle: None,
        category: None,
        reason: String::new(),
    });
    assert!(matches!(
        s.apply(&unknown),
        Err(ChangeError::Refused(Refusal::UnknownSku(sku))) if sku == "NOPE"
    ));
    let mut bad = spec("x");
    bad.ends_on = Some(day("2025-10-01"));
    assert!(s
        .apply(&Command::MarkBatch(MarkBatch {
            batch: BatchRef::New(bad),
            skus: vec![]
        }))
        .is_err());
    s.apply(&Command::MarkBatch(MarkBatch {
        batch: BatchRef::New(spec("dup")),
        skus: vec![],
    }))
    .unwrap();
    assert!(s
        .apply(&Command::MarkBatch(MarkBatch {
            batch: BatchRef::New(spec("dup")),
            skus: vec![]
        }))
        .is_err());
    assert_eq!(
        s.history(10)
            .unwrap()
            .iter()
            .filter(|h| h.kind == "change")
            .count(),
        1
    );
}

#[test]
fn undo_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut s = Store::open(&path).unwrap();
        let products = b"sku,unit_cost\nA,1\n";
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        s.apply(&Command::Reclassify(Reclassify {
            skus: vec!["A".into()],
            tier: Some(TierChoice::Set(Tier::High)),
            lifecycle: None,
            category: None,
            reason: "r".into(),
        }))
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(tiers(&s)[0].1, Some(Tier::High));
    s.undo().unwrap();
    drop(s);
    let mut s = Store::open(&path).unwrap();
    assert_eq!(tiers(&s)[0].1, None);
    s.redo().unwrap();
    assert_eq!(tiers(&s)[0].1, Some(Tier::High));
}

/// Imports of every kind, undone and redone.
mod imports {
    use super::*;
    use crate::store::changes::audit::to_json;

    fn dump(s: &Store) -> Vec<String> {
        let mut out = Vec::new();
        for t in [
            "product",
            "stock_lot",
            "order_line",
            "traffic",
            "sale_order",
            "customer",
        ] {
            let cols = if t == "order_line" {
                "order_id, line_no, product_id, day, qty, unit_price, discount, customer_id, channel"
            } else {
                "*"
            };
            let mut stmt = s
                .conn
                .prepare(&format!("SELECT {cols} FROM {t} ORDER BY 1, 2"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| to_json(r.get_ref(i).unwrap()).to_string())
                        .collect();
                    Ok(format!("{t}: {}", cells.join(",")))
                })
                .unwrap();
            out.extend(rows.map(|r| r.unwrap()));
        }
        out
    }

    #[test]
    fn every_kind_of_import_undoes_and_redoes_exactly() {
        let mut s = Store::open_in_memory().unwrap();
        let products = b"sku,name,unit_cost,list_price\nA,Hat,10,20\nB,Case,5,6\n";
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        let orders = b"order_id,ordered_at,sku,qty,unit_price,customer_id\n1,2025-09-01,A,2,20,C1\n1,2025-09-01,NEW,1,3,C1\n2,2025-09-02,B,1,6,C2\n";
        let stock = b"sku,qty,received_on\nA,5,2025-08-01\nA,3,2025-08-15\n";
        let traffic = b"sku,date,visitors\nA,2025-09-01,10\n";
        s.import_stock(&native::stock("s.csv", stock).unwrap(), false)
            .unwrap();
        s.import_traffic(&native::traffic("t.csv", traffic).unwrap(), false)
            .unwrap();
        let before_orders = dump(&s);
        s.import_orders(&native::orders("o.csv", orders).unwrap(), false)
            .unwrap();
        let after_orders = dump(&s);
        assert!(after_orders
            .iter()
            .any(|r| r.starts_with("product") && r.contains("NEW")));
        // A second file changes one line and one product, replaces A's lots, and a day of traffic.
        let changed =
            b"order_id,ordered_at,sku,qty,unit_price,customer_id\n1,2025-09-01,A,3,20,C1\n";
        s.import_orders(&native::orders("o2.csv", changed).unwrap(), false)
            .unwrap();
        s.import_products(
            &native::products("p2.csv", b"sku,name,unit_cost\nB,Case v2,5\n").unwrap(),
            false,
        )
        .unwrap();
        s.import_stock(
            &native::stock("s2.csv", b"sku,qty,received_on\nA,1,2025-09-10\n").unwrap(),
            false,
        )
        .unwrap();
        s.import_traffic(
            &native::traffic(
                "t2.csv",
                b"sku,date,visitors\nA,2025-09-01,12\nA,2025-09-02,4\n",
            )
            .unwrap(),
            false,
        )
        .unwrap();
        let latest = dump(&s);
        for _ in 0..4 {
            s.undo().unwrap();
        }
        assert_eq!(
            dump(&s),
            after_orders,
            "four undos: back to just after the first orders file"
        );
        s.undo().unwrap();
        assert_eq!(
            dump(&s)
                .into_iter()
                .filter(|r| !r.starts_with("sale_order") && !r.starts_with("customer"))
                .collect::<Vec<_>>(),
            before_orders
                .into_iter()
                .filter(|r| !r.starts_with("sale_order") && !r.starts_with("customer"))
                .collect::<Vec<_>>(),
            "the orders file undone: its lines and the product it created are gone"
        );
        for _ in 0..5 {
            s.redo().unwrap();
        }
        assert_eq!(dump(&s), latest, "redo brings every file back");
    }

    #[test]
    fn reimporting_the_same_file_adds_no_history_and_keeps_redo() {
        let mut s = Store::open_in_memory().unwrap();
        let products = b"sku,unit_cost\nA,1\n";
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        s.import_products(
            &native::products("p2.csv", b"sku,unit_cost\nB,1\n").unwrap(),
            false,
        )
        .unwrap();
        s.undo().unwrap();
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        assert_eq!(s.history(10).unwrap().len(), 2);
        s.redo().unwrap();
        assert_eq!(s.load().unwrap().products.len(), 2);
    }

    #[test]
    fn the_import_that_replaced_the_demo_cannot_be_undone() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::fill(&mut s).unwrap();
        s.import_products(
            &native::products("mine.csv", b"sku,unit_cost\nMINE,1\n").unwrap(),
            false,
        )
        .unwrap();
        let err = s.undo().unwrap_err();
        assert!(
            matches!(err, ChangeError::Refused(Refusal::UndoDemo(_))),
            "{err}"
        );
        assert_eq!(s.load().unwrap().products.len(), 1);
    }
}

/// What the next undo and redo would replay is read before asking; the yes then replays
/// that set only, and is refused (changing nothing) when another one is next meanwhile.
#[test]
fn the_next_undo_and_redo_are_known_before_and_replayed_exactly() {
    let mut s = store();
    let batch = Command::MarkBatch(MarkBatch {
        batch: BatchRef::New(spec("Nov")),
        skus: vec![("A".into(), None), ("B".into(), Some(2))],
    });
    s.apply(&batch).unwrap();
    let id = s.batch_id("Nov").unwrap().unwrap();
    s.apply(&Command::SetBatchStatus {
        id,
        status: BatchStatus::Done,
    })
    .unwrap();
    let next = s.next_undo().unwrap().expect("something to undo");
    assert_eq!(next.kind, "change");
    assert_eq!(
        next.summary,
        Summary::BatchStatus {
            id,
            status: BatchStatus::Done
        }
    );
    assert_eq!(next.batch.as_deref(), Some("Nov"));
    assert_eq!(s.next_redo().unwrap(), None);
    // The batch's own set: its name and SKUs.
    s.undo_exactly(next.id).unwrap();
    let new_batch = s.next_undo().unwrap().unwrap();
    assert_eq!(
        (new_batch.batch.as_deref(), new_batch.batch_skus),
        (Some("Nov"), 2)
    );
    assert_eq!(s.next_redo().unwrap().map(|p| p.id), Some(next.id));
    // A yes to a set that is no longer next changes nothing.
    let before = s.load().unwrap().batches;
    let refused = s.undo_exactly(next.id).unwrap_err();
    assert!(
        matches!(refused, ChangeError::Refused(Refusal::HistoryMoved)),
        "{refused:?}"
    );
    assert!(matches!(
        s.redo_exactly(new_batch.id).unwrap_err(),
        ChangeError::Refused(Refusal::HistoryMoved)
    ));
    assert_eq!(s.load().unwrap().batches, before);
    s.redo_exactly(next.id).unwrap();
    assert_eq!(s.load().unwrap().batches[0].status, BatchStatus::Done);
    // The import is the oldest set: after undoing the rest it is next, as an import.
    s.undo().unwrap();
    s.undo().unwrap();
    let import = s.next_undo().unwrap().unwrap();
    assert_eq!(import.kind, "import");
    assert!(matches!(import.summary, Summary::Import { added: 3, .. }));
}
