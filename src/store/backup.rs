//! Copies of the database through SQLite's online backup API (consistent even while
//! another connection writes), kept to the last few, and restoring one.

use std::path::{Path, PathBuf};

use rusqlite::DatabaseName;

use super::{Result, Store, StoreError};

/// How many backups a database keeps in its `backups/` folder.
pub const KEEP: usize = 10;

/// `<dir of the db>/backups/`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn prune(dir: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut ours: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(stem) && n.ends_with(".db"))
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(KEEP);
    for old in ours.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
}

impl Store {
    /// Writes a consistent copy to `out`, or to a new timestamped file in the backup
    /// folder (pruned to the last [`KEEP`]); returns where it went.
    pub fn backup(&self, out: Option<&Path>) -> Result<PathBuf> {
        let db = PathBuf::from(&self.path);
        let target = match out {
            Some(p) => p.to_path_buf(),
            None => {
                let dir = backup_dir(&db);
                std::fs::create_dir_all(&dir).map_err(|e| StoreError::Create {
                    path: dir.display().to_string(),
                    detail: format!("cannot create the backup folder: {e}"),
                })?;
                let stem = db
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("skudesk")
                    .to_string();
                // Two backups within one millisecond would get one name: wait for the
                // next stamp (names keep sorting by time, which pruning relies on).
                let mut target = PathBuf::new();
                for _ in 0..100 {
                    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
                    target = dir.join(format!("{stem}-{stamp}.db"));
                    if !target.exists() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                target
            }
        };
        if target.exists() {
            return Err(StoreError::Create {
                path: target.display().to_string(),
                detail: "exists already; choose another file".into(),
            });
        }
        self.conn
            .backup(DatabaseName::Main, &target, None)
            .map_err(|e| StoreError::Sqlite {
                path: target.display().to_string(),
                source: e,
            })?;
        if out.is_none() {
            let stem = db
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("skudesk")
                .to_string();
            prune(&backup_dir(&db), &stem);
        }
        Ok(target)
    }

    /// Replaces the database's content with a backup, after checking the backup is a
    /// skudesk database this build can read. The current content is backed up first.
    pub fn restore(&mut self, from: &Path) -> Result<PathBuf> {
        self.check_writable()?;
        // Refuses a file that is not a skudesk database, or from a newer skudesk.
        Store::open_read_only(from, "restoring from it")?;
        let safety = self.backup(None)?;
        self.conn
            .restore(
                DatabaseName::Main,
                from,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| StoreError::Sqlite {
                path: from.display().to_string(),
                source: e,
            })?;
        Ok(safety)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::native;

    #[test]
    fn backup_and_restore_round_trip_and_keep_the_last_ten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shop.db");
        let mut s = Store::open(&db).unwrap();
        s.import_products(
            &native::products("p.csv", b"sku,unit_cost\nA,1\n").unwrap(),
            false,
        )
        .unwrap();
        let copy = s.backup(None).unwrap();
        assert!(copy.starts_with(dir.path().join("backups")));
        s.import_products(
            &native::products("p.csv", b"sku,unit_cost\nB,2\n").unwrap(),
            false,
        )
        .unwrap();
        assert_eq!(s.load().unwrap().products.len(), 2);
        let safety = s.restore(&copy).unwrap();
        assert_eq!(
            s.load().unwrap().products.len(),
            1,
            "back to the backup's content"
        );
        // The state before the restore was kept too.
        let before = Store::open_read_only(&safety, "test").unwrap();
        assert_eq!(before.load().unwrap().products.len(), 2);
        for _ in 0..12 {
            s.backup(None).unwrap();
        }
        let kept = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "db")
            })
            .count();
        assert_eq!(kept, KEEP);
    }

    #[test]
    fn restoring_from_a_file_that_is_not_a_skudesk_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shop.db");
        let mut s = Store::open(&db).unwrap();
        s.import_products(
            &native::products("p.csv", b"sku,unit_cost\nA,1\n").unwrap(),
            false,
        )
        .unwrap();
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"not a database at all, just text").unwrap();
        assert!(s.restore(&junk).is_err());
        assert_eq!(s.load().unwrap().products.len(), 1, "unchanged");
        let other = dir.path().join("other.db");
        rusqlite::Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        assert!(matches!(s.restore(&other), Err(StoreError::Foreign { .. })));
    }

    #[test]
    fn a_read_only_store_refuses_every_write_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shop.db");
        {
            let mut s = Store::open(&db).unwrap();
            s.import_products(
                &native::products("p.csv", b"sku,unit_cost\nA,1\n").unwrap(),
                false,
            )
            .unwrap();
        }
        let bytes = std::fs::read(&db).unwrap();
        let mut s = Store::open_read_only(&db, "--read-only").unwrap();
        assert_eq!(s.read_only(), Some("--read-only"));
        assert_eq!(s.load().unwrap().products.len(), 1);
        let err = s
            .import_products(
                &native::products("p.csv", b"sku,unit_cost\nB,1\n").unwrap(),
                false,
            )
            .unwrap_err();
        assert!(err.to_string().contains("read-only (--read-only)"), "{err}");
        assert!(s.undo().is_err());
        drop(s);
        assert_eq!(std::fs::read(&db).unwrap(), bytes, "the file is untouched");
    }
}
