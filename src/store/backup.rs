//! Copies of the database through SQLite's online backup API (consistent even while
//! another connection writes), kept to the last few, and restoring one.

use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::{integrity, Result, Store, StoreError, BUSY_TIMEOUT_MS};

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

/// What to do about a damaged database: restore a backup, naming the newest one in
/// its backup folder when there is one (restore checks it before it goes in).
pub(crate) fn how_to_restore(db: &Path) -> String {
    let dir = backup_dir(db);
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("skudesk");
    let newest = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(stem) && n.ends_with(".db"))
            })
            .max()
    });
    match newest {
        Some(file) => format!(
            "Restore a backup, e.g. the newest: skudesk --db {} restore {} (the backups are in {}; restore checks one before it goes in)",
            db.display(),
            file.display(),
            dir.display()
        ),
        None => format!(
            "Restore a backup: skudesk --db {} restore {}/<file> (none there yet: use a copy you made with skudesk backup --out)",
            db.display(),
            dir.display()
        ),
    }
}

/// Copies every page of `from` over `to` through SQLite's online backup. One step does
/// it all: the copy is one consistent state of `from`, and `to` changes in one
/// transaction (or not at all). A lock held by another connection is waited for up to
/// the busy timeout, then the copy gives up with SQLITE_BUSY: it never spins.
fn copy_pages(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(from, to)?;
    let deadline = Instant::now() + Duration::from_millis(BUSY_TIMEOUT_MS);
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // Busy, locked, or (from a step of every page) started over: no progress.
            _ if Instant::now() >= deadline => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    None,
                ))
            }
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

impl Store {
    /// Writes a consistent copy to `out` (a new file: an existing one is refused), or
    /// to a new timestamped file in the backup folder (pruned to the last [`KEEP`]);
    /// returns where it went. A copy that fails is removed.
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
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
                // Two backups in one millisecond (a restore right after a backup): the
                // second gets a suffix, and names still sort in the order they were made.
                (0..)
                    .map(|n| match n {
                        0 => dir.join(format!("{stem}-{stamp}.db")),
                        n => dir.join(format!("{stem}-{stamp}_{n:03}.db")),
                    })
                    .find(|p| !p.exists())
                    .unwrap_or_else(|| dir.join(format!("{stem}-{stamp}.db")))
            }
        };
        let shown = target.display().to_string();
        // Claimed first: a file that is there (even one made a moment ago) is not ours.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Unusable {
                    path: shown,
                    problem:
                        "exists already; choose another name for the backup (nothing was written)"
                            .into(),
                })
            }
            Err(e) => {
                return Err(StoreError::Unusable {
                    path: shown,
                    problem: format!("cannot write the backup there: {e}"),
                })
            }
        }
        let copied = Connection::open(&target).and_then(|mut to| copy_pages(&self.conn, &mut to));
        if let Err(e) = copied {
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = std::fs::remove_file(super::with_suffix(&target, suffix));
            }
            return Err(match e.sqlite_error_code() {
                // The lock that stopped the copy was on the database, not the copy.
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    StoreError::sqlite(&self.path, e)
                }
                _ => StoreError::sqlite(&shown, e),
            });
        }
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
    /// sound skudesk database this build can read (`PRAGMA integrity_check` and
    /// `foreign_key_check`: a damaged backup is refused before anything is done). The
    /// current content is backed up first. A damaged database may be restored over:
    /// that is the way out its own error message points to (its pages are kept in that
    /// first copy).
    pub fn restore(&mut self, from: &Path) -> Result<PathBuf> {
        self.check_not_read_only()?;
        let source = from.display().to_string();
        if !from.exists() {
            return Err(StoreError::Unusable {
                path: source,
                problem:
                    "no such file: there is no backup here to restore from; nothing was changed"
                        .into(),
            });
        }
        // Refuses a file that is not a skudesk database, or from a newer skudesk.
        let backup = Store::open_read_only(from, "restoring from it")?;
        let problems = integrity::problems(&backup.conn, integrity::Depth::Full);
        if !problems.is_empty() {
            return Err(StoreError::DamagedBackup {
                path: source,
                detail: problems.join("; "),
                db: self.path.clone(),
            });
        }
        let safety = self.backup(None)?;
        copy_pages(&backup.conn, &mut self.conn).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::sqlite(&self.path, e)
            }
            _ => StoreError::sqlite(&format!("{} (restoring from {source})", self.path), e),
        })?;
        self.read_audit()?;
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
