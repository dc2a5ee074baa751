//! The ids of order numbers and customer codes an orders import meets: looked up and
//! added one by one, or, into a table that was empty, given here and written many to a
//! statement.

use rusqlite::{OptionalExtension, Transaction};

use super::orders::LINES_PER_INSERT;

/// The ids of order numbers or customer codes (a table of `id` and a unique text
/// column), each added when new.
pub(super) enum Keys<'t> {
    /// The table had rows: a lookup, then a plain insert when new. (An upsert with
    /// RETURNING costs three times as much.)
    Lookup {
        find: rusqlite::Statement<'t>,
        add: rusqlite::Statement<'t>,
    },
    /// The table was empty when the import began: every value the file's sequence
    /// meets for the first time is new. Ids are given here, counting on from the
    /// table's, and rows written [`LINES_PER_INSERT`] to a statement.
    Fresh {
        tx: &'t Transaction<'t>,
        table: &'static str,
        column: &'static str,
        insert: rusqlite::Statement<'t>,
        next: i64,
        /// The values not yet written, end to end, with where each ends; the first of
        /// them gets id `next - ends.len()`.
        text: String,
        ends: Vec<usize>,
    },
}

impl<'t> Keys<'t> {
    pub(super) fn new(
        tx: &'t Transaction<'t>,
        table: &'static str,
        column: &'static str,
        was_empty: bool,
    ) -> rusqlite::Result<Keys<'t>> {
        if !was_empty {
            return Ok(Keys::Lookup {
                find: tx.prepare(&format!("SELECT id FROM {table} WHERE {column} = ?1"))?,
                add: tx.prepare(&format!("INSERT INTO {table} ({column}) VALUES (?1)"))?,
            });
        }
        let next: i64 = tx.query_row(
            &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        Ok(Keys::Fresh {
            tx,
            table,
            column,
            insert: tx.prepare(&Keys::insert_sql(table, column, LINES_PER_INSERT))?,
            next,
            text: String::new(),
            ends: Vec::with_capacity(LINES_PER_INSERT),
        })
    }

    /// A plain insert of `rows` values: a value met twice fails the file. (The ids are
    /// left to SQLite, which appends; given ones cost it a search each.)
    fn insert_sql(table: &str, column: &str, rows: usize) -> String {
        format!(
            "INSERT INTO {table} ({column}) VALUES {}",
            vec!["(?)"; rows].join(",")
        )
    }

    /// The id of `value`, which the file has not met before.
    pub(super) fn id(&mut self, tx: &Transaction, value: &str) -> rusqlite::Result<i64> {
        match self {
            Keys::Lookup { find, add } => {
                if let Some(id) = find.query_row([value], |r| r.get(0)).optional()? {
                    return Ok(id);
                }
                add.execute([value])?;
                Ok(tx.last_insert_rowid())
            }
            Keys::Fresh {
                next, text, ends, ..
            } => {
                let id = *next;
                *next += 1;
                text.push_str(value);
                ends.push(text.len());
                if ends.len() == LINES_PER_INSERT {
                    self.flush()?;
                }
                Ok(id)
            }
        }
    }

    /// Writes the values held.
    pub(super) fn flush(&mut self) -> rusqlite::Result<()> {
        let Keys::Fresh {
            tx,
            table,
            column,
            insert,
            next,
            text,
            ends,
        } = self
        else {
            return Ok(());
        };
        if ends.is_empty() {
            return Ok(());
        }
        let mut partial;
        let stmt = if ends.len() == LINES_PER_INSERT {
            insert
        } else {
            partial = tx.prepare(&Keys::insert_sql(table, column, ends.len()))?;
            &mut partial
        };
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, &text[start..end])?;
            start = end;
        }
        stmt.raw_execute()?;
        // SQLite gives a table without AUTOINCREMENT one more than its largest id, row
        // by row; the ids handed out must be those it gave.
        if tx.last_insert_rowid() != *next - 1 {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL),
                Some(format!("{table}: ids were not given in sequence")),
            ));
        }
        text.clear();
        ends.clear();
        Ok(())
    }
}
