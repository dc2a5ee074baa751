//! The one way a command prints to stdout: every write goes through [`Out`], which
//! never panics (`println!` does when stdout is full or closed) and keeps the first
//! error, so the exit path can tell a reader that stopped early (`| head`: a closed
//! pipe, exit 0 without a word) from a write that failed (`> /dev/full`: exit 1, one
//! line on stderr).
//!
//! A command whose change is already committed when it prints ends with
//! [`Out::finish_committed`]: when its message could not be written, stderr says the
//! change was saved, so a failed stdout never reads as a failed change.

use std::fmt::Display;
use std::io::{self, Write};

use color_eyre::eyre::Result;

use super::Reported;

/// Writing to stdout failed; the exit path reports it (a closed pipe quietly).
#[derive(Debug, thiserror::Error)]
#[error("could not write to standard output: {0}")]
pub struct StdoutError(#[source] pub io::Error);

impl StdoutError {
    /// The reader went away (`| head`): not worth a message.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Stdout for one command: writes until the first error, then only remembers it.
pub struct Out {
    out: io::StdoutLock<'static>,
    failed: Option<io::Error>,
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}

impl Out {
    pub fn new() -> Out {
        Out {
            out: io::stdout().lock(),
            failed: None,
        }
    }

    /// One line of text.
    pub fn line(&mut self, text: impl Display) {
        self.write_with(|w| writeln!(w, "{text}"));
    }

    /// Whatever `write` produces (a report, a table), unless an earlier write failed.
    pub fn write_with(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
        if self.failed.is_none() {
            if let Err(e) = write(&mut self.out) {
                self.failed = Some(e);
            }
        }
    }

    /// Flushes; the first error of all the writes, if any.
    pub fn finish(mut self) -> Result<(), StdoutError> {
        if self.failed.is_none() {
            if let Err(e) = self.out.flush() {
                self.failed = Some(e);
            }
        }
        match self.failed.take() {
            None => Ok(()),
            Some(e) => Err(StdoutError(e)),
        }
    }

    /// Finishes the output of a command whose change is committed: when the output
    /// failed, stderr says the change was saved anyway (`saved`: what to say, given the
    /// error). A closed pipe then exits 0, any other failure 1.
    pub fn finish_committed(self, saved: impl FnOnce(&io::Error) -> String) -> Result<()> {
        match self.finish() {
            Ok(()) => Ok(()),
            Err(e) => {
                warn(&format!("skudesk: {}", saved(&e.0)));
                if e.is_closed_pipe() {
                    Ok(())
                } else {
                    Err(Reported(e.to_string()).into())
                }
            }
        }
    }
}

/// A line on stderr that cannot panic: when stderr itself is gone, there is nobody to
/// tell.
pub fn warn(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_told_apart_from_a_failed_write() {
        assert!(StdoutError(io::ErrorKind::BrokenPipe.into()).is_closed_pipe());
        let full = StdoutError(io::Error::from_raw_os_error(28));
        assert!(!full.is_closed_pipe());
        assert!(full
            .to_string()
            .starts_with("could not write to standard output: "));
    }
}
