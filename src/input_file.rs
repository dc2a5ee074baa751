//! Reading a file the user names as input (a data file to import, a mapping file, the
//! config file) without trusting what the path is: memory is bounded by the file, not by
//! a stream. A regular file is read whole (it is as large as it is); a pipe
//! (`<(gunzip -c x.gz)`) is read up to a limit; a device (`/dev/zero`, a terminal) or a
//! socket is refused at once, since it may never end. The first block is checked for
//! binary data, so a binary file is refused before it is read to its end.
//!
//! Owns no format: what the bytes mean is the caller's business.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How much of a file is looked at for binary data before the rest is read.
const FIRST_BLOCK: usize = 64 * 1024;

/// Why an input file was not read.
#[derive(Debug)]
pub enum InputError {
    NotFound,
    PermissionDenied,
    Directory,
    /// A device or a socket: `what` it is.
    NotAFile(&'static str),
    /// A pipe longer than the limit, in bytes.
    TooLong(u64),
    /// Binary data (a NUL code unit) in the first block, on this line.
    Binary {
        line: u64,
    },
    Io(io::Error),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NotFound => f.write_str("file not found"),
            InputError::PermissionDenied => f.write_str("permission denied"),
            InputError::Directory => f.write_str("is a directory, not a file"),
            InputError::NotAFile(what) => write!(
                f,
                "is {what}, not a file: give the path of a file (save the data to a file first)"
            ),
            InputError::TooLong(limit) => write!(
                f,
                "is a pipe longer than {}: save the data to a file and give that file's path",
                shown_size(*limit)
            ),
            InputError::Binary { .. } => f.write_str("is not a text file (binary data found)"),
            InputError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

fn shown_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= 1024 * MIB && bytes.is_multiple_of(1024 * MIB) {
        format!("{} GiB", bytes / (1024 * MIB))
    } else if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// What kind of non-regular file `meta` describes, for a message.
#[cfg(unix)]
fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_char_device() || t.is_block_device() {
        Some("a device")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn not_a_file(_meta: &std::fs::Metadata) -> Option<&'static str> {
    None
}

fn io_error(e: io::Error) -> InputError {
    match e.kind() {
        io::ErrorKind::NotFound => InputError::NotFound,
        io::ErrorKind::PermissionDenied => InputError::PermissionDenied,
        _ => InputError::Io(e),
    }
}

/// Reads `path`: a regular file whole, a pipe up to `stream_limit` bytes; refuses a
/// directory, a device or a socket, and binary data in the first block (`text_only`:
/// any NUL byte; otherwise a NUL code unit, so BOM-less UTF-16 text still passes).
pub fn read(path: &Path, stream_limit: u64, text_only: bool) -> Result<Vec<u8>, InputError> {
    // Looked at before opening: opening a device may block or have effects.
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(InputError::Directory);
    }
    if let Some(what) = not_a_file(&meta) {
        return Err(InputError::NotAFile(what));
    }
    let file = File::open(path).map_err(io_error)?;
    // The opened file decides (the path may have been swapped since).
    let meta = file.metadata().map_err(io_error)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(InputError::NotAFile(what));
    }
    let regular = meta.is_file();
    let limit = if regular { u64::MAX } else { stream_limit };
    let mut bytes = Vec::with_capacity(if regular {
        usize::try_from(meta.len()).unwrap_or(0).saturating_add(1)
    } else {
        FIRST_BLOCK
    });
    let mut reader = file.take(limit.saturating_add(1));
    // The first block, then the rest.
    (&mut reader)
        .take(FIRST_BLOCK as u64)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if let Some(offset) = binary_at(&bytes, text_only) {
        return Err(InputError::Binary {
            line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64,
        });
    }
    reader.read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLong(stream_limit));
    }
    Ok(bytes)
}

/// Where the first block shows binary data, if it does. A text file has no NUL byte,
/// except UTF-16, whose NULs are halves of characters: with a UTF-16 byte order mark
/// the block is text; without one, a NUL code unit (two NUL bytes at an even offset)
/// is binary.
fn binary_at(block: &[u8], text_only: bool) -> Option<usize> {
    let nul = memchr_nul(block)?;
    if text_only {
        return Some(nul);
    }
    if block.starts_with(b"\xFF\xFE") || block.starts_with(b"\xFE\xFF") {
        return None;
    }
    block
        .chunks_exact(2)
        .position(|unit| unit == [0, 0])
        .map(|i| i * 2)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    match bytes.contains(&0) {
        true => bytes.iter().position(|&b| b == 0),
        false => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_a_nul_code_unit_unless_text_only_asks_for_none() {
        assert_eq!(binary_at(b"sku,qty\nA,1\n", false), None);
        assert_eq!(binary_at(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false), Some(8));
        assert_eq!(binary_at(&[0u8; 16], false), Some(0));
        // BOM-less UTF-16LE "sku" reads as text; with `text_only` it does not.
        assert_eq!(binary_at(b"s\0k\0u\0", false), None);
        assert_eq!(binary_at(b"s\0k\0u\0", true), Some(1));
        assert_eq!(
            binary_at(b"\xFF\xFEs\0\0\0", false),
            None,
            "a BOM says UTF-16"
        );
    }

    #[test]
    fn a_device_is_refused_without_reading_it() {
        let e = read(Path::new("/dev/zero"), 1024, false).unwrap_err();
        assert!(matches!(e, InputError::NotAFile("a device")), "{e:?}");
        assert!(e.to_string().contains("is a device, not a file"), "{e}");
        assert!(matches!(
            read(Path::new("/"), 1024, false),
            Err(InputError::Directory)
        ));
    }

    #[test]
    fn a_regular_file_is_read_whole_and_binary_data_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("a.csv");
        let big = "sku,qty\n".repeat(20_000);
        std::fs::write(&text, &big).unwrap();
        assert_eq!(read(&text, 10, false).unwrap(), big.as_bytes());
        let bin = dir.path().join("b.bin");
        std::fs::write(&bin, b"a\nb\n\0\0rest").unwrap();
        assert!(matches!(
            read(&bin, 10, false),
            Err(InputError::Binary { line: 3 })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_read_up_to_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let writer = |n: usize| {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                // The reader may stop early: a broken pipe is expected then.
                let _ = f.write_all(&b"x,y\n".repeat(n));
            })
        };
        let w = writer(100);
        assert_eq!(read(&fifo, 400, false).unwrap().len(), 400);
        w.join().unwrap();
        let w = writer(100_000);
        let e = read(&fifo, 400, false).unwrap_err();
        assert!(matches!(e, InputError::TooLong(400)), "{e:?}");
        assert!(e.to_string().contains("longer than 400 bytes"), "{e}");
        w.join().unwrap();
    }
}
