//! Writing an export file whole or not at all, without harming what the path is.
//!
//! Before anything is written the destination is checked ([`super::destination`]: never
//! the open database, its companions or another SQLite file). Then the content is
//! written according to what the path is:
//! - a new file or a regular file with one link: to a temporary file in the target's
//!   folder, synced, then renamed over the target. A full disk, a write error or a
//!   crash half-way leaves the target as it was (or absent) and no temporary file
//!   behind. An existing file keeps its mode (and owner, where we may set it).
//! - a symlink: the same, at the file it points to (the link stays a link).
//! - a regular file with more than one hard link: see `copy_into` (why it is copied).
//! - a device, FIFO or socket (`/dev/null`, `/dev/full`, a named pipe), or one of the
//!   process's own descriptors (`/dev/stdout`, `/dev/fd/N`): written directly, as a
//!   shell's `>` would; there is nothing to rename over.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

pub use super::destination::{check_destination, Problem, WriteError};
use super::destination::{destination, Destination};

/// The UTF-8 byte order mark Excel looks for to read a CSV as UTF-8.
pub const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// The folder a path lives in, `.` for a bare file name.
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `path` through `write` (see the module docs). `open_db` is the database the
/// process has open, never to be written over; `bom` puts a UTF-8 BOM first. A new
/// file gets the usual permissions (0644 less the umask).
pub fn write_export(
    path: &Path,
    open_db: Option<&Path>,
    bom: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |source: io::Error| WriteError::io(path, source);
    let (real, existing) = match destination(path, open_db)? {
        Destination::Direct { append } => {
            let file = OpenOptions::new()
                .write(true)
                .append(append)
                .open(path)
                .map_err(fail)?;
            produce(&file, bom, write).map_err(fail)?;
            if file.metadata().is_ok_and(|m| m.is_file()) {
                file.sync_all().map_err(fail)?;
            }
            return Ok(());
        }
        Destination::Replace { real, existing } => (real, existing),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".skudesk-export-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    // On any failure below the temporary file is dropped, which deletes it.
    let mut tmp = builder.tempfile_in(folder_of(&real)).map_err(fail)?;
    produce(tmp.as_file(), bom, write).map_err(fail)?;
    if let Some(old) = &existing {
        keep_owner_and_mode(tmp.as_file(), old).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    if existing.as_ref().is_some_and(|m| link_count(m) > 1) {
        copy_into(tmp.as_file_mut(), &real).map_err(fail)?;
        return Ok(());
    }
    tmp.persist(&real).map_err(|e| fail(e.error))?;
    // The rename is durable once the folder's entry is: best effort, as not every
    // system can sync a folder.
    if let Ok(folder) = File::open(folder_of(&real)) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Writes the content (after a BOM if asked) to `file`, buffered, and flushes it.
fn produce(
    file: &File,
    bom: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = BufWriter::new(file);
    if bom {
        out.write_all(BOM)?;
    }
    write(&mut out)?;
    out.flush()
}

#[cfg(unix)]
fn link_count(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn link_count(_: &Metadata) -> u64 {
    1
}

/// Gives the new content the replaced file's owner (where we may: as root; otherwise
/// an owner we cannot set is left as ours) and then its mode (after the owner, as a
/// change of owner clears set-id bits).
fn keep_owner_and_mode(tmp: &File, old: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = tmp.metadata()?;
        if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
            match std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid())) {
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {}
                other => other?,
            }
        }
    }
    tmp.set_permissions(old.permissions())
}

/// Copies the finished, synced temporary file into `real`, which has other hard
/// links. Renaming over it would give this name a new file and leave the other names
/// with the old content: the link would be broken. So the content is copied into the
/// existing file instead. This gives up the rename's all-or-nothing for this one case
/// (a crash or a full disk during the copy can leave `real` part-written), which is
/// why the content is produced in full first: an error while making it, the common
/// failure, still leaves `real` untouched.
fn copy_into(tmp: &mut File, real: &Path) -> io::Result<()> {
    tmp.seek(SeekFrom::Start(0))?;
    let mut target = OpenOptions::new().write(true).open(real)?;
    let len = io::copy(tmp, &mut target)?;
    target.set_len(len)?;
    target.sync_all()
}

/// `<dir>/<stem>-YYYYMMDD-HHMMSS.<ext>`, with `-2`, `-3`, … added when that name is
/// taken (two exports in one second).
pub fn timestamped_path(dir: &Path, stem: &str, ext: &str, now: NaiveDateTime) -> PathBuf {
    let base = format!("{stem}-{}", now.format("%Y%m%d-%H%M%S"));
    let mut path = dir.join(format!("{base}.{ext}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.{ext}"));
        n += 1;
    }
    path
}

/// Where the app puts its exports: an `exports` folder next to the database file;
/// `None` for a database that is not a file (`:memory:`).
pub fn exports_dir(db_path: &str) -> Option<PathBuf> {
    if db_path.is_empty() || db_path == ":memory:" {
        return None;
    }
    Some(folder_of(Path::new(db_path)).join("exports"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let err = write_export(&path, None, false, |w| {
            w.write_all(b"half of it")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("out.csv") && err.to_string().contains("disk full"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_good_write_replaces_the_file_with_a_bom_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        write_export(&path, None, true, |w| w.write_all(b"a,b\n")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"\xEF\xBB\xBFa,b\n");
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("out.csv");
        let err = write_export(&path, None, false, |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
    }

    #[test]
    fn timestamped_names_do_not_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2025, 9, 30)
            .unwrap()
            .and_hms_opt(14, 5, 9)
            .unwrap();
        let first = timestamped_path(dir.path(), "aging", "csv", now);
        assert_eq!(first, dir.path().join("aging-20250930-140509.csv"));
        std::fs::write(&first, "").unwrap();
        let second = timestamped_path(dir.path(), "aging", "csv", now);
        assert_eq!(second, dir.path().join("aging-20250930-140509-2.csv"));
    }

    #[test]
    fn exports_go_next_to_the_database() {
        assert_eq!(
            exports_dir("/data/shop.db"),
            Some(PathBuf::from("/data/exports"))
        );
        assert_eq!(exports_dir("shop.db"), Some(PathBuf::from("./exports")));
        assert_eq!(exports_dir(":memory:"), None);
    }
}
