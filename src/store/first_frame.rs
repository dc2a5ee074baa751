//! The first frame's figures, kept with the data (issue 23): what the app draws before
//! it has read the order lines, so that opening a large shop shows its figures at once.
//!
//! One row in `first_frame`: a key (what the figures were computed for: the settings,
//! the frame, skudesk's version; the app builds and compares it) and the figures, both
//! text the app writes. The row is deleted by triggers on every table the figures read,
//! on any insert, update or delete by skudesk or by any other program, so figures of
//! other data are never shown. The bulk writers of order lines drop the triggers on the
//! line tables with the line copy's ([`super::line_cache::lines_changing`]) and delete
//! the row themselves. It is written only from data read at a known `PRAGMA
//! data_version`, and only if nothing was committed since.

use rusqlite::OptionalExtension;

use super::Store;
use crate::store::Result;

/// One table's three triggers that delete the first frame.
macro_rules! first_frame_trigger {
    ($t:literal) => {
        concat!(
            "CREATE TRIGGER first_frame_stale_",
            $t,
            "_insert AFTER INSERT ON ",
            $t,
            " WHEN EXISTS (SELECT 1 FROM first_frame) BEGIN DELETE FROM first_frame; END;\n",
            "CREATE TRIGGER first_frame_stale_",
            $t,
            "_update AFTER UPDATE ON ",
            $t,
            " WHEN EXISTS (SELECT 1 FROM first_frame) BEGIN DELETE FROM first_frame; END;\n",
            "CREATE TRIGGER first_frame_stale_",
            $t,
            "_delete AFTER DELETE ON ",
            $t,
            " WHEN EXISTS (SELECT 1 FROM first_frame) BEGIN DELETE FROM first_frame; END;\n",
        )
    };
}

/// The triggers on the tables an orders import writes in bulk (dropped while it does,
/// with the line copy's). Migration 8 expands this text: change it only together with
/// a new migration that drops and recreates the triggers.
macro_rules! first_frame_line_triggers {
    () => {
        concat!(
            first_frame_trigger!("order_line"),
            first_frame_trigger!("sale_order"),
            first_frame_trigger!("customer"),
        )
    };
}

/// The triggers on the other tables the figures read. Migration 8 expands this text.
macro_rules! first_frame_other_triggers {
    () => {
        concat!(
            first_frame_trigger!("product"),
            first_frame_trigger!("stock_lot"),
            first_frame_trigger!("traffic"),
            first_frame_trigger!("tier_override"),
            first_frame_trigger!("clearance_batch"),
            first_frame_trigger!("batch_sku"),
            first_frame_trigger!("persona"),
            first_frame_trigger!("candidate"),
            first_frame_trigger!("plan"),
            first_frame_trigger!("setting"),
        )
    };
}
pub(super) use {first_frame_line_triggers, first_frame_other_triggers, first_frame_trigger};

/// What [`super::line_cache::lines_changing`] also drops (IF EXISTS: a file whose
/// triggers were lost still imports; they come back at the end of the write).
pub(super) const DROP_LINE_TRIGGERS: &str = "
DROP TRIGGER IF EXISTS first_frame_stale_order_line_insert;
DROP TRIGGER IF EXISTS first_frame_stale_order_line_update;
DROP TRIGGER IF EXISTS first_frame_stale_order_line_delete;
DROP TRIGGER IF EXISTS first_frame_stale_sale_order_insert;
DROP TRIGGER IF EXISTS first_frame_stale_sale_order_update;
DROP TRIGGER IF EXISTS first_frame_stale_sale_order_delete;
DROP TRIGGER IF EXISTS first_frame_stale_customer_insert;
DROP TRIGGER IF EXISTS first_frame_stale_customer_update;
DROP TRIGGER IF EXISTS first_frame_stale_customer_delete;
DELETE FROM first_frame;";

impl Store {
    /// The first frame kept with the data: (key, figures), as [`Store::save_first_frame`]
    /// wrote them; `None` when there is none (never written, or the data changed since).
    pub fn first_frame(&self) -> Result<Option<(String, String)>> {
        self.conn
            .query_row("SELECT key, data FROM first_frame WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// `PRAGMA data_version`: moves when another connection commits. Read it before
    /// reading the data a first frame is computed from, and pass it to
    /// [`Store::save_first_frame`].
    pub fn data_version(&self) -> Result<i64> {
        super::load::data_version(&self.conn).map_err(|e| self.sql(e))
    }

    /// Keeps `data` as the first frame for `key`, if the database is writable, its
    /// write lock free now, and nothing was committed by another connection since
    /// `version` was read; `Ok(false)` when it was not written (it is only a cache: the
    /// next open computes the figures from the data instead).
    pub fn save_first_frame(&self, key: &str, data: &str, version: i64) -> Result<bool> {
        if self.read_only.is_some() || self.check_writable().is_err() {
            return Ok(false);
        }
        let c = &self.conn;
        let write = || -> rusqlite::Result<bool> {
            c.busy_timeout(std::time::Duration::ZERO)?;
            let began =
                rusqlite::Transaction::new_unchecked(c, rusqlite::TransactionBehavior::Immediate);
            c.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
            let tx = match began {
                Ok(tx) => tx,
                Err(e) if super::load::is_busy(&e) => return Ok(false),
                Err(e) => return Err(e),
            };
            if super::load::data_version(c)? != version {
                return Ok(false);
            }
            tx.execute(
                "INSERT OR REPLACE INTO first_frame (id, key, data) VALUES (1, ?1, ?2)",
                [key, data],
            )?;
            tx.commit()?;
            Ok(true)
        };
        write().map_err(|e| self.sql(e))
    }
}
