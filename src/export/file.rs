//! Writing an export file whole or not at all: the content goes to a temporary file in
//! the target's folder, is synced, and is then renamed over the target. A full disk, a
//! write error or a crash half-way leaves the target as it was (or absent) and no
//! temporary file behind.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

/// The UTF-8 byte order mark Excel looks for to read a CSV as UTF-8.
pub const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// An export file that could not be written, and where.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// The folder a path lives in, `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `path` through `write`, all or nothing (see the module docs). `bom` puts a
/// UTF-8 BOM first. The new file gets the usual permissions (0644 less the umask).
pub fn write_atomic(
    path: &Path,
    bom: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |source: io::Error| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".skudesk-export-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let tmp = builder.tempfile_in(folder_of(path)).map_err(fail)?;
    {
        let mut out = BufWriter::new(tmp.as_file());
        if bom {
            out.write_all(BOM).map_err(fail)?;
        }
        write(&mut out).map_err(fail)?;
        out.flush().map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    // On failure the temporary file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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
        let err = write_atomic(&path, false, |w| {
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
        write_atomic(&path, true, |w| w.write_all(b"a,b\n")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"\xEF\xBB\xBFa,b\n");
        assert_eq!(entries(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("out.csv");
        let err = write_atomic(&path, false, |w| w.write_all(b"x")).unwrap_err();
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
