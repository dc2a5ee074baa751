//! The undo engine held to the schema: for every audited table, the columns the engine
//! records are the table's (`PRAGMA table_info`, after every migration) and its key is
//! the table's primary key; the table undo parks an import's lines in mirrors
//! `order_line`; and a column a later migration adds is undone and redone with its row.

use super::audit::{columns, primary_key, Audited};
use crate::domain::command::Command;
use crate::domain::model::Candidate;
use crate::store::Store;

fn schema_columns(s: &Store, table: &str) -> Vec<String> {
    columns(&s.conn, table).unwrap()
}

#[test]
fn the_engine_records_every_column_of_every_audited_table() {
    let s = Store::open_in_memory().unwrap();
    for t in Audited::ALL {
        let schema = schema_columns(&s, t.name());
        assert!(!schema.is_empty(), "{}: no such table", t.name());
        let engine = &s.audit.table(t).unwrap().cols;
        assert_eq!(
            engine,
            &schema,
            "{}: the undo engine's columns are not the table's",
            t.name()
        );
        assert_eq!(
            primary_key(&s.conn, t.name()).unwrap(),
            t.key(),
            "{}: the key recorded is not the table's primary key",
            t.name()
        );
    }
}

#[test]
fn the_table_undo_parks_lines_in_has_every_column_of_order_line() {
    // Undoing an import moves the lines it added to order_line_undone, whole, and redo
    // brings them back: a column order_line gains must be added there too.
    let s = Store::open_in_memory().unwrap();
    let mut lines = vec!["set_id".to_string()];
    lines.extend(schema_columns(&s, "order_line"));
    assert_eq!(schema_columns(&s, "order_line_undone"), lines);
}

/// A file database with one persona and one candidate, as a later migration might
/// find it; `extra` is run on it first (a migration of the future).
fn with_candidate(dir: &tempfile::TempDir, extra: &str) -> std::path::PathBuf {
    let path = dir.path().join("shop.db");
    let s = Store::open(&path).unwrap();
    s.execute_for_tests(extra);
    s.execute_for_tests(
        "INSERT INTO candidate (id, name, market_growth_pct, competitive_gap, user_pain, brand_fit,
             expected_unit_cost, expected_price) VALUES (1, 'Lamp', '10', 3, 3, 3, 1000000, 3000000);",
    );
    path
}

fn source_of(s: &Store) -> Option<String> {
    s.conn
        .query_row("SELECT source FROM candidate WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn a_column_a_later_migration_adds_is_undone_and_redone_with_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_candidate(&dir, "ALTER TABLE candidate ADD COLUMN source TEXT;");
    // Opened again: the engine reads the schema as it is now.
    let mut s = Store::open(&path).unwrap();
    s.execute_for_tests("UPDATE candidate SET source = 'trade fair' WHERE id = 1;");
    s.apply(&Command::DeleteCandidate { id: 1 }).unwrap();
    s.undo().unwrap();
    assert_eq!(
        source_of(&s).as_deref(),
        Some("trade fair"),
        "undo brought the row back without the column"
    );
    s.redo().unwrap();
    s.undo().unwrap();
    assert_eq!(source_of(&s).as_deref(), Some("trade fair"));
}

#[test]
fn a_change_recorded_before_a_column_was_added_still_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_candidate(&dir, "");
    let mut s = Store::open(&path).unwrap();
    let mut renamed: Candidate = s.load().unwrap().candidates[0].clone();
    renamed.name = "Desk lamp".into();
    s.apply(&Command::SaveCandidate {
        id: Some(1),
        candidate: Box::new(renamed),
    })
    .unwrap();
    // A later skudesk adds a column: the change recorded before it knows nothing of it.
    s.execute_for_tests("ALTER TABLE candidate ADD COLUMN source TEXT DEFAULT 'shop';");
    drop(s);
    let mut s = Store::open(&path).unwrap();
    s.undo().unwrap();
    let back = &s.load().unwrap().candidates[0];
    assert_eq!(back.name, "Lamp");
    assert_eq!(
        source_of(&s).as_deref(),
        Some("shop"),
        "the column the change did not record keeps its value"
    );
    s.redo().unwrap();
    assert_eq!(s.load().unwrap().candidates[0].name, "Desk lamp");
}
