//! The only module that talks to SQLite: opening a file safely, migrations, loading the
//! data the figures need, and writing imports in one transaction each.

mod backup;
mod changes;
mod first_frame;
pub(crate) mod import;
mod integrity;
mod line_cache;
mod load;
mod plans;
mod schema;

pub use backup::{backup_dir, KEEP as BACKUPS_KEPT};
pub use changes::{Applied, ChangeError, HistoryEntry, Pending, Replayed};
pub use import::{DemoReplaced, ImportSummary};
pub use load::CatalogRefresh;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: this database was written by a newer skudesk (schema version {found}, this build knows up to {known}); upgrade skudesk to open it")]
    NewerVersion {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: this is not a skudesk database (an SQLite file of another application); choose another file with --db")]
    Foreign { path: String },
    #[error("{path}: this is not a database file, or it is damaged ({detail})")]
    NotADatabase { path: String, detail: String },
    #[error("{path}: cannot create the database: {detail}")]
    Create { path: String, detail: String },
    #[error("{path}: the database is open read-only ({why}); nothing was changed")]
    ReadOnly { path: String, why: String },
    /// The path is there but is not a file a database can be (a directory, a FIFO, a
    /// device, a socket), or is not what a command needs (a backup that does not exist,
    /// a copy's name that is taken); `problem` says which, and what to do.
    #[error("{path}: {problem}")]
    Unusable { path: String, problem: String },
    #[error("{path}: an empty file, not a skudesk database; nothing was changed. Only an import sets up a new database in an empty file (skudesk --db {path} import products products.csv); or choose another file with --db")]
    EmptyFile { path: String },
    #[error("{path}: the database is damaged ({detail}); nothing was changed. {remedy}")]
    Damaged {
        path: String,
        detail: String,
        remedy: String,
    },
    #[error("{path}: this backup is damaged (PRAGMA integrity_check: {detail}); nothing was restored, {db} is as it was. Choose another backup")]
    DamagedBackup {
        path: String,
        detail: String,
        db: String,
    },
    #[error("{path}: another program kept the database locked for over {seconds} s; nothing was changed. Try again when it is done")]
    Busy { path: String, seconds: u64 },
    #[error("{path}: database error: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Whether `e` is SQLite failing to write: a full disk or an I/O error (the CLI then
/// says what to check). Here so that rusqlite stays inside the store.
pub fn is_write_failure(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<rusqlite::Error>()
        .and_then(|r| r.sqlite_error_code())
        .is_some_and(|code| {
            matches!(
                code,
                rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure
            )
        })
}

impl StoreError {
    /// An SQLite error on the file at `path`; one that is about another connection's
    /// lock (after the busy timeout) says so, with what to do.
    pub(crate) fn sqlite(path: &str, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy {
                    path: path.to_string(),
                    seconds: BUSY_TIMEOUT_MS / 1000,
                }
            }
            _ => StoreError::Sqlite {
                path: path.to_string(),
                source: e,
            },
        }
    }
}

pub struct Store {
    conn: Connection,
    path: String,
    /// Why the database is open read-only, when it is.
    read_only: Option<String>,
    /// From how many order lines [`Store::load_and_cache`] keeps a copy of them (below,
    /// the table reads fast enough and the copy would only take room).
    cache_from: usize,
    /// Up to how many lines an orders import into empty line tables holds (32 bytes
    /// each) to write the copy of the lines in the same pass; beyond, it holds none and
    /// the next load writes the copy, as after any other import.
    copy_in_import_up_to: usize,
    /// Whether the file passed `PRAGMA quick_check` in this session (checked once, at
    /// the first write: see [`Store::check_writable`]).
    sound: std::cell::Cell<bool>,
    /// How another connection opens this file to read alongside (the name SQLite is
    /// given and its flags): as this one does when it reads the file `immutable`.
    reader: (String, OpenFlags),
    /// The columns of the tables changes may touch, read from the schema once it is up
    /// to date (see `changes::audit`).
    audit: changes::audit::Audit,
}

/// How long a write waits for another process's write to finish.
const BUSY_TIMEOUT_MS: u64 = 5000;

/// The default of `Store::cache_from`.
const CACHE_FROM_LINES: usize = 50_000;

/// The default of `Store::copy_in_import_up_to`: 512 MB of lines.
const COPY_IN_IMPORT_UP_TO: usize = 16_000_000;

/// What a path that is there but is not a regular file is ("is a directory"), if so.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("is a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("is a named pipe (FIFO)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("is a device");
        }
        if kind.is_socket() {
            return Some("is a socket");
        }
    }
    Some("is not a regular file")
}

/// Refuses, before anything opens it, a database path that is there but is not a
/// regular file: SQLite would block on a FIFO and blame the disk for a device. A path
/// that is not there passes (whether it may be created is the caller's call); a
/// symbolic link counts as what it points to.
pub fn check_db_path(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) => match not_regular(&meta) {
            Some(what) => Err(StoreError::Unusable {
                path: path.display().to_string(),
                problem: format!("{what}, not a database file; choose a database file with --db"),
            }),
            None => Ok(()),
        },
        Err(_) => Ok(()),
    }
}

/// Whether an existing database file is empty: no byte in it, nor in a `-wal` beside it
/// (a new database's first pages may wait there).
fn is_empty_file(path: &Path) -> bool {
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    len(path) == 0 && len(&with_suffix(path, "-wal")) == 0
}

/// `shop.db` → `shop.db-wal` (SQLite's names for its companions).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Why a database file cannot be written, if it cannot: the file or its directory
/// (where SQLite keeps its -wal and -shm files) is not writable.
pub fn unwritable_reason(path: &Path) -> Option<String> {
    if std::fs::OpenOptions::new().append(true).open(path).is_err() {
        return Some("the file is not writable".into());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".skudesk-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(_) => Some("its directory is not writable".into()),
    }
}

impl Store {
    fn new(conn: Connection, path: String, read_only: Option<String>) -> Store {
        Store {
            conn,
            reader: (
                path.clone(),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ),
            path,
            read_only,
            cache_from: CACHE_FROM_LINES,
            copy_in_import_up_to: COPY_IN_IMPORT_UP_TO,
            sound: std::cell::Cell::new(false),
            audit: changes::audit::Audit::unread(),
        }
    }

    /// Opens an existing skudesk database for a command that does not set up a new
    /// one: a file that is not there, not a regular file, or empty is refused (only an
    /// import, asked to put data into it, turns an empty file into a database).
    pub fn open_existing(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        check_db_path(path)?;
        if !path.exists() {
            return Err(StoreError::Unusable {
                path: shown,
                problem: "no such file".into(),
            });
        }
        if is_empty_file(path) {
            return Err(StoreError::EmptyFile { path: shown });
        }
        Store::open(path)
    }

    /// Opens (creating if missing) a skudesk database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let mut exists = path.exists();
        if !exists {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| StoreError::Create {
                    path: shown.clone(),
                    detail: format!("cannot create directory {}: {e}", parent.display()),
                })?;
            }
            // Claim the new file: when another process creates it at the same moment, it is
            // theirs to set up (and, should that fail, theirs to remove — never ours).
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => exists = true,
                Err(e) => {
                    return Err(StoreError::Create {
                        path: shown,
                        detail: format!("{e} (is the directory writable?)"),
                    })
                }
            }
        } else {
            check_db_path(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::Create {
            path: shown.clone(),
            detail: if exists {
                format!("{e} (check the file's permissions)")
            } else {
                format!("{e} (is the directory writable?)")
            },
        })?;
        let mut store = Store::new(conn, shown, None);
        match store.prepare(exists) {
            Ok(()) => Ok(store),
            Err(e) => {
                drop(store);
                if !exists {
                    // Leave nothing behind when a new file could not be set up.
                    for suffix in ["", "-wal", "-shm", "-journal"] {
                        let mut p = PathBuf::from(path).into_os_string();
                        p.push(suffix);
                        let _ = std::fs::remove_file(p);
                    }
                }
                Err(e)
            }
        }
    }

    /// Opens an existing database without ever writing to it. `why` is shown to the
    /// user. No `-wal` or `-shm` file is left behind: a file this process may write is
    /// opened as a writer would open it (so SQLite removes its companions on close, and
    /// sees other programs' commits) but refuses every write (`query_only`, and
    /// [`Store::check_writable`]); a file it may not write is read as it is
    /// (`immutable`: no lock, no companion file; a read-only -shm left by an older run
    /// made SQLite spin). Only when committed pages wait in a -wal (another program
    /// writing, or a crash) is it opened read-only through them, as they are.
    pub fn open_read_only(path: &Path, why: &str) -> Result<Store> {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| StoreError::Unusable {
            path: shown.clone(),
            problem: if e.kind() == std::io::ErrorKind::NotFound {
                "no such file".to_string()
            } else {
                format!("cannot read it: {e}")
            },
        })?;
        if let Some(what) = not_regular(&meta) {
            return Err(StoreError::Unusable {
                path: shown,
                problem: format!("{what}, not a database file"),
            });
        }
        if is_empty_file(path) {
            return Err(StoreError::EmptyFile { path: shown });
        }
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let uri = |extra: &str| {
            format!(
                "file:{}?{extra}",
                abs.display()
                    .to_string()
                    .replace('%', "%25")
                    .replace('?', "%3f")
                    .replace('#', "%23")
            )
        };
        let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let wal_pages = std::fs::metadata(with_suffix(path, "-wal")).is_ok_and(|m| m.len() > 0);
        let ways: Vec<(String, OpenFlags)> = if wal_pages {
            // mode=ro reads the -wal; immutable=1 when no -shm can be made beside it.
            vec![
                (uri("mode=ro"), read_only),
                (uri("mode=ro&immutable=1"), read_only),
            ]
        } else if unwritable_reason(path).is_none() {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            vec![(shown.clone(), flags)]
        } else {
            vec![(uri("mode=ro&immutable=1"), read_only)]
        };
        let mut last = None;
        for (name, flags) in ways {
            match Connection::open_with_flags(&name, flags) {
                Ok(conn) => {
                    let mut store = Store::new(conn, shown.clone(), Some(why.to_string()));
                    if flags.contains(OpenFlags::SQLITE_OPEN_URI) {
                        store.reader = (name, read_only);
                    }
                    match store.check_read_only() {
                        Ok(()) => return Ok(store),
                        Err(e) => last = Some(e),
                    }
                }
                Err(e) => {
                    last = Some(StoreError::NotADatabase {
                        path: shown.clone(),
                        detail: e.to_string(),
                    })
                }
            }
        }
        Err(last.unwrap_or(StoreError::NotADatabase {
            path: shown,
            detail: "cannot open it".into(),
        }))
    }

    fn check_read_only(&mut self) -> Result<()> {
        let (version, app_id, _) = self.header()?;
        let known = schema::MIGRATIONS.len() as i64;
        if app_id != schema::APPLICATION_ID {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        }
        if version > known {
            return Err(StoreError::NewerVersion {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        if version < known {
            return Err(StoreError::Unusable {
                path: self.path.clone(),
                problem: format!(
                    "written by an older skudesk; it needs an upgrade, which a database open read-only ({}) cannot take",
                    self.read_only.as_deref().unwrap_or("read-only")
                ),
            });
        }
        self.conn
            .execute_batch(&format!(
                "PRAGMA query_only = ON; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS};"
            ))
            .map_err(|e| self.sql(e))?;
        self.read_audit()
    }

    /// Reads the audited tables' columns from the schema (after the migrations, or a
    /// restore that replaced the file's pages).
    fn read_audit(&mut self) -> Result<()> {
        self.audit = changes::audit::Audit::read(&self.conn).map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Why the store is read-only, when it is.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Refuses a write on a read-only store with a message that says why.
    pub(crate) fn check_not_read_only(&self) -> Result<()> {
        match &self.read_only {
            Some(why) => Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: why.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Refuses a write on a read-only store, or on a damaged file: every path that
    /// writes (apply, undo, redo, import, settings, the app's line copy) asks here
    /// first, so a damaged file is left as it is and the user is told how to restore
    /// it. The file is checked once a session, at its first write (`PRAGMA
    /// quick_check`, about a second a GB): commands that only read never pay for it.
    pub(crate) fn check_writable(&self) -> Result<()> {
        self.check_not_read_only()?;
        self.check_sound()
    }

    /// `Err(Damaged)` unless the file passes `PRAGMA quick_check` (once a session).
    pub fn check_sound(&self) -> Result<()> {
        if self.sound.get() || self.path == ":memory:" {
            return Ok(());
        }
        let problems = integrity::problems(&self.conn, integrity::Depth::Quick);
        if problems.is_empty() {
            self.sound.set(true);
            return Ok(());
        }
        Err(StoreError::Damaged {
            path: self.path.clone(),
            detail: format!("PRAGMA quick_check: {}", problems.join("; ")),
            remedy: backup::how_to_restore(Path::new(&self.path)),
        })
    }

    /// Moves everything from the WAL into the main file and empties the WAL.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .map_err(|e| self.sql(e))
    }

    /// Whether another connection (another skudesk, a script) changed the file since
    /// the last call: SQLite's `data_version` moves on every commit by others.
    pub fn changed_by_others(&self, last: &mut i64) -> bool {
        let now: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .unwrap_or(*last);
        let changed = now != *last;
        *last = now;
        changed
    }

    /// An in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError::Sqlite {
            path: ":memory:".into(),
            source: e,
        })?;
        let mut store = Store::new(conn, ":memory:".into(), None);
        store.prepare(false)?;
        Ok(store)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn sql(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, e)
    }

    /// (user_version, application_id, number of schema objects); the first read of the
    /// file, so a damaged or non-SQLite file shows here.
    fn header(&self) -> Result<(i64, i32, i64)> {
        let not_db = |e: rusqlite::Error| StoreError::NotADatabase {
            path: self.path.clone(),
            detail: e.to_string(),
        };
        let c = &self.conn;
        let version: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_db)?;
        let app_id: i32 = c
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(not_db)?;
        let tables: i64 = c
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(not_db)?;
        Ok((version, app_id, tables))
    }

    fn prepare(&mut self, existed: bool) -> Result<()> {
        let (version, app_id, tables) = self.header()?;
        if existed && app_id != schema::APPLICATION_ID && (tables > 0 || version > 0) {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        }
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::NewerVersion {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        self.conn
            .execute_batch(&format!(
                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS};"
            ))
            .map_err(|e| self.sql(e))?;
        if self.path != ":memory:" {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            let _ = mode;
            self.conn
                .execute_batch("PRAGMA synchronous = NORMAL;")
                .map_err(|e| self.sql(e))?;
        }
        if existed && version > 0 && version < known {
            // An upgrade rewrites the schema: keep a copy of the file as it was.
            self.backup(None)?;
        }
        self.migrate(version)?;
        self.read_audit()
    }

    fn migrate(&self, from: i64) -> Result<()> {
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
            let version = i as i64 + 1;
            // IMMEDIATE takes the write lock first (waiting for another skudesk that is
            // migrating the same file); the version is read again under the lock.
            let step = || -> rusqlite::Result<()> {
                self.conn.execute_batch("BEGIN IMMEDIATE")?;
                let done: i64 = self
                    .conn
                    .query_row("PRAGMA user_version", [], |r| r.get(0))?;
                if done < version {
                    self.conn.execute_batch(sql)?;
                    self.conn.execute_batch(&format!(
                        "PRAGMA user_version = {version}; PRAGMA application_id = {};",
                        schema::APPLICATION_ID
                    ))?;
                }
                self.conn.execute_batch("COMMIT")
            };
            if let Err(e) = step() {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(self.sql(e));
            }
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Whether the database holds the built-in demo data (and none of the user's).
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.meta("demo")?.as_deref() == Some("1"))
    }

    /// Whether the welcome screen was dismissed for good on this database.
    pub fn welcome_dismissed(&self) -> Result<bool> {
        Ok(self.meta("welcome_dismissed")?.is_some())
    }

    /// Remembers that the welcome screen was dismissed: a preference of this file, not a
    /// change of data (no history entry, nothing to undo).
    pub fn dismiss_welcome(&mut self) -> Result<()> {
        let at = now_text();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('welcome_dismissed', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [at],
            )
            .map(|_| ())
        })
    }

    /// Runs `f` in one transaction: all of it lands, or none of it.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>,
    ) -> Result<T> {
        self.check_writable()?;
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.begin_write().map_err(sql)?;
        let out = f(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(out)
    }

    /// A writing transaction: `BEGIN IMMEDIATE` takes the write lock first, waiting up
    /// to the busy timeout for another writer. (A deferred one that reads first and
    /// then writes fails at once with "database is locked" when another program wrote
    /// in between: SQLite cannot wait there without risking a deadlock.)
    pub(crate) fn begin_write(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    /// [`Store::begin_write`], with the audited tables a [`changes::audit::Recorder`]
    /// writes through.
    pub(crate) fn begin_audited(
        &mut self,
    ) -> rusqlite::Result<(rusqlite::Transaction<'_>, &changes::audit::Audit)> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        Ok((tx, &self.audit))
    }
}

/// Runs SQL on the store's connection, for tests above the store that need a row
/// changed behind skudesk's back (or written as an older skudesk wrote it).
#[cfg(test)]
impl Store {
    pub(crate) fn execute_for_tests(&self, sql: &str) {
        self.conn.execute_batch(sql).expect("test SQL");
    }
}

pub(crate) fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests;
