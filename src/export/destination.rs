//! Where an export may go, checked before anything is written: the open database, its
//! `-wal`/`-shm`/`-journal` companions (by path and by file identity, so a symlink or a
//! hard link to them is caught) and any existing SQLite file are refused, as is a
//! folder, and a folder that does not exist is named. Also decides how the writer in
//! [`super::file`] reaches the path: by a rename over the file (its symlinks resolved),
//! or directly for a device, FIFO or descriptor.
//!
//! Must not open the database: it only compares paths and file identities, and reads
//! the first 16 bytes of an existing regular file.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};

use super::file::folder_of;

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The files SQLite keeps beside a database, which must never be written over.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Why an export file was not written.
#[derive(Debug)]
pub enum Problem {
    /// Reading or writing failed.
    Io(io::Error),
    /// The path is the open database (the path shown is the database's).
    OpenDatabase(PathBuf),
    /// The path is one of the open database's companion files: which one, and the
    /// database's path.
    DatabaseCompanion(&'static str, PathBuf),
    /// The path is an existing SQLite database.
    SqliteFile,
    /// The path names a folder.
    Folder,
    /// The folder the file would go in does not exist.
    NoFolder(PathBuf),
}

/// An export file that could not be written, where, and why.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub problem: Problem,
    /// The language it is displayed in (English unless [`WriteError::in_lang`]).
    pub lang: Lang,
}

impl WriteError {
    pub(super) fn io(path: &Path, source: io::Error) -> WriteError {
        WriteError {
            path: path.to_path_buf(),
            problem: Problem::Io(source),
            lang: Lang::En,
        }
    }

    /// The same error, displayed in `lang`.
    pub fn in_lang(self, lang: Lang) -> WriteError {
        WriteError { lang, ..self }
    }

    /// What went wrong and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let path = self.path.display();
        match &self.problem {
            Problem::Io(e) => lang.f(Msg::ExportCannotWrite, &[&path, e]),
            Problem::OpenDatabase(db) if db == &self.path => {
                lang.f(Msg::ExportIsOpenDatabase, &[&path])
            }
            Problem::OpenDatabase(db) => {
                lang.f(Msg::ExportIsLinkToDatabase, &[&path, &db.display()])
            }
            Problem::DatabaseCompanion(which, db) => lang.f(
                Msg::ExportIsDatabaseCompanion,
                &[&path, which, &db.display()],
            ),
            Problem::SqliteFile => lang.f(Msg::ExportIsSqliteFile, &[&path]),
            Problem::Folder => {
                let example = Path::new(&self.path).join("FILE");
                lang.f(Msg::ExportIsFolder, &[&path, &example.display()])
            }
            Problem::NoFolder(folder) => {
                lang.f(Msg::ExportFolderMissing, &[&path, &folder.display()])
            }
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(self.lang))
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            Problem::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// How the content reaches the path.
pub(super) enum Destination {
    /// Into a temporary file renamed over `real` (the path with its symlinks
    /// resolved); `existing` is what is there now.
    Replace {
        real: PathBuf,
        existing: Option<Metadata>,
    },
    /// Straight into the path: a device, a FIFO, or one of our own descriptors.
    Direct { append: bool },
}

/// One of the process's own descriptors by name (`/dev/stdout`, `/dev/fd/1`,
/// `/proc/self/fd/1`): the file behind it belongs to whoever opened the descriptor
/// (a shell's `>` or `>>`), so it is written through, not replaced by name.
pub fn is_descriptor_alias(path: &Path) -> bool {
    let s = path.as_os_str().to_string_lossy();
    ["/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/"]
        .iter()
        .any(|prefix| s.starts_with(prefix))
}

/// `path` with every symlink resolved, for a path that may not exist yet: an existing
/// file is canonicalised; a dangling symlink is followed to the name it points at; the
/// folder of what remains must exist.
fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Ok(real);
    }
    let mut at = path.to_path_buf();
    // Follow a dangling link (and links to links) as open(2) would, up to its limit.
    for _ in 0..40 {
        match std::fs::read_link(&at) {
            Ok(target) => at = folder_of(&at).join(target),
            Err(_) => break,
        }
    }
    let folder = folder_of(&at);
    let name = at.file_name().ok_or_else(|| WriteError {
        path: path.to_path_buf(),
        problem: Problem::Folder,
        lang: Lang::En,
    })?;
    match std::fs::canonicalize(folder) {
        Ok(real_folder) => Ok(real_folder.join(name)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(WriteError {
            path: path.to_path_buf(),
            problem: Problem::NoFolder(folder.to_path_buf()),
            lang: Lang::En,
        }),
        Err(e) => Err(WriteError::io(path, e)),
    }
}

/// The same file on disk (device and inode), where the platform can tell.
#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    false
}

/// Refuses the open database and its companions: `real` is the destination with its
/// links resolved, `meta` what is there now (following links).
fn check_not_database(
    path: &Path,
    real: Option<&Path>,
    meta: Option<&Metadata>,
    open_db: Option<&Path>,
) -> Result<(), WriteError> {
    let Some(db) = open_db.filter(|d| !d.as_os_str().is_empty() && *d != Path::new(":memory:"))
    else {
        return Ok(());
    };
    let real_db = resolve(db)
        .ok()
        .unwrap_or_else(|| std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf()));
    for suffix in std::iter::once("").chain(COMPANIONS) {
        let mut name = real_db.clone().into_os_string();
        name.push(suffix);
        let candidate = PathBuf::from(name);
        let same_path = real.is_some_and(|r| r == candidate);
        let same_inode = match (meta, std::fs::metadata(&candidate)) {
            (Some(m), Ok(c)) => same_file(m, &c),
            _ => false,
        };
        if same_path || same_inode {
            let problem = if suffix.is_empty() {
                Problem::OpenDatabase(db.to_path_buf())
            } else {
                Problem::DatabaseCompanion(suffix, db.to_path_buf())
            };
            return Err(WriteError {
                path: path.to_path_buf(),
                problem,
                lang: Lang::En,
            });
        }
    }
    Ok(())
}

/// Whether the regular file at `path` starts as a SQLite database does. A file that
/// cannot be read counts as not one (writing it will report its own error).
fn is_sqlite_file(path: &Path) -> bool {
    let mut head = [0u8; 16];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == SQLITE_MAGIC)
}

/// Checks `path` as an export destination (see the module docs) and says how to
/// write it. Writes nothing.
pub(super) fn destination(path: &Path, open_db: Option<&Path>) -> Result<Destination, WriteError> {
    let refuse = |problem| WriteError {
        path: path.to_path_buf(),
        problem,
        lang: Lang::En,
    };
    let raw = path.as_os_str().to_string_lossy();
    if raw.ends_with(std::path::is_separator) || path.file_name().is_none() {
        return Err(refuse(Problem::Folder));
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(refuse(Problem::Folder)),
        Ok(meta) if !meta.is_file() => {
            check_not_database(path, None, Some(&meta), open_db)?;
            Ok(Destination::Direct { append: false })
        }
        Ok(meta) => {
            let real = resolve(path)?;
            check_not_database(path, Some(&real), Some(&meta), open_db)?;
            if is_sqlite_file(&real) {
                return Err(refuse(Problem::SqliteFile));
            }
            if is_descriptor_alias(path) {
                // A shell's `>>` must keep its appending, and `>` has emptied it already.
                return Ok(Destination::Direct { append: true });
            }
            Ok(Destination::Replace {
                real,
                existing: Some(meta),
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let real = resolve(path)?;
            check_not_database(path, Some(&real), None, open_db)?;
            Ok(Destination::Replace {
                real,
                existing: None,
            })
        }
        Err(e) => Err(WriteError::io(path, e)),
    }
}

/// Checks `path` as an export destination without writing anything: the refusals of
/// [`super::file::write_export`] (the open database, a SQLite file, a folder, a missing folder), so
/// a command can stop before its work.
pub fn check_destination(path: &Path, open_db: Option<&Path>) -> Result<(), WriteError> {
    destination(path, open_db).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(path: &Path, db: &Path) -> Problem {
        check_destination(path, Some(db)).unwrap_err().problem
    }

    #[test]
    fn item_01_the_database_and_its_companions_are_refused_even_before_they_exist() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shop.db");
        std::fs::write(&db, b"SQLite format 3\0rest").unwrap();
        assert!(matches!(refused(&db, &db), Problem::OpenDatabase(_)));
        // No journal exists, but one written by name would be a hot journal.
        let journal = dir.path().join("shop.db-journal");
        assert!(matches!(
            refused(&journal, &db),
            Problem::DatabaseCompanion("-journal", _)
        ));
        // Another SQLite file, not the open one.
        let other = dir.path().join("other.csv");
        std::fs::copy(&db, &other).unwrap();
        let fresh = dir.path().join("fresh.db");
        assert!(matches!(refused(&other, &fresh), Problem::SqliteFile));
        // A plain new file is fine.
        assert!(check_destination(&dir.path().join("out.csv"), Some(&db)).is_ok());
    }

    #[test]
    fn item_16_a_folder_and_a_missing_folder_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let slash = PathBuf::from(format!("{}/", dir.path().display()));
        let err = check_destination(&slash, None).unwrap_err();
        assert!(matches!(err.problem, Problem::Folder));
        assert!(err.to_string().contains("names a folder"), "{err}");
        let missing = dir.path().join("nope").join("out.csv");
        let err = check_destination(&missing, None).unwrap_err();
        assert!(
            matches!(&err.problem, Problem::NoFolder(f) if f.ends_with("nope")),
            "{err}"
        );
    }
}
