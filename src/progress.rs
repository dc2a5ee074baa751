//! Progress of long imports on stderr (`indicatif`): a bar with rows/s and ETA on a
//! terminal, a plain line every few seconds otherwise, nothing for short imports. Callers
//! report every row; the clock is read only every [`Progress::every`] rows, so the cost
//! on the import loop is one counter compare per row.
//!
//! An import of several files shows one bar over them all ([`Progress::start_batch`]):
//! the passes over each file move it through that file's share, and each file done
//! moves it on; short batches print nothing either (the bar waits the same delay).
//!
//! `SKUDESK_PROGRESS_MS=N` (for tests and the curious) shows progress after N ms and at
//! most every N ms, for files of any size, checking the clock on every row.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Files smaller than this are done in well under the delay: never watched.
const MIN_BYTES: usize = 4 << 20;
const SHOW_AFTER: Duration = Duration::from_secs(2);
const PLAIN_EVERY: Duration = Duration::from_secs(5);
const ROWS_PER_CHECK: u64 = 16_384;

pub struct Progress {
    tty: bool,
    after: Duration,
    every_plain: Duration,
    rows_per_check: u64,
    min_bytes: usize,
    phase: Option<Phase>,
    batch: Option<Batch>,
}

/// One bar over the files of an import.
struct Batch {
    label: String,
    files: u64,
    done: u64,
    start: Instant,
    rows: u64,
    next_check: u64,
    last_line: Option<Instant>,
    bar: Option<ProgressBar>,
    /// Lines of the pass over the current file, and the last line reported in it.
    pass_lines: u64,
    pass_line: u64,
}

/// How far one file moves a batch's bar.
const PER_FILE: u64 = 1000;

struct Phase {
    label: String,
    total_lines: u64,
    start: Instant,
    rows: u64,
    next_check: u64,
    last_line: Option<Instant>,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Progress on stderr, as the environment asks.
    pub fn from_env() -> Progress {
        let forced = std::env::var("SKUDESK_PROGRESS_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok());
        let tty = std::io::stderr().is_terminal();
        match forced {
            Some(ms) => Progress {
                tty,
                after: Duration::from_millis(ms),
                every_plain: Duration::from_millis(ms),
                rows_per_check: 1,
                min_bytes: 0,
                phase: None,
                batch: None,
            },
            None => Progress {
                tty,
                after: SHOW_AFTER,
                every_plain: PLAIN_EVERY,
                rows_per_check: ROWS_PER_CHECK,
                min_bytes: MIN_BYTES,
                phase: None,
                batch: None,
            },
        }
    }

    /// No progress at all (the app shows its own).
    pub fn quiet() -> Progress {
        Progress {
            tty: false,
            after: Duration::MAX,
            every_plain: Duration::MAX,
            rows_per_check: ROWS_PER_CHECK,
            min_bytes: usize::MAX,
            phase: None,
            batch: None,
        }
    }

    /// Starts one bar over `files` files (e.g. "importing 300 files"): until
    /// [`Progress::end_batch`], each file's passes move it, and [`Progress::file_done`]
    /// moves it on to the next file.
    pub fn start_batch(&mut self, label: impl Into<String>, files: usize) {
        self.finish();
        self.end_batch();
        self.batch = Some(Batch {
            label: label.into(),
            files: (files as u64).max(1),
            done: 0,
            start: Instant::now(),
            rows: 0,
            next_check: self.rows_per_check,
            last_line: None,
            bar: None,
            pass_lines: 0,
            pass_line: 0,
        });
    }

    /// One file of the batch is done (read, or written).
    pub fn file_done(&mut self) {
        if let Some(b) = &mut self.batch {
            b.done = (b.done + 1).min(b.files);
            b.pass_lines = 0;
            b.pass_line = 0;
            self.check_batch();
        }
    }

    /// Ends the batch (clears the bar; a plain line says it is done).
    pub fn end_batch(&mut self) {
        if let Some(b) = self.batch.take() {
            if let Some(bar) = b.bar {
                bar.finish_and_clear();
            } else if b.last_line.is_some() {
                let _ = writeln!(
                    std::io::stderr(),
                    "skudesk: {}: done, {} rows in {:.1}s",
                    b.label,
                    group(b.rows),
                    b.start.elapsed().as_secs_f64()
                );
            }
        }
    }

    fn check_batch(&mut self) {
        let (tty, after, every_plain) = (self.tty, self.after, self.every_plain);
        let Some(b) = &mut self.batch else { return };
        let elapsed = b.start.elapsed();
        if elapsed < after {
            return;
        }
        let secs = elapsed.as_secs_f64().max(1e-3);
        let within = match b.pass_lines {
            0 => 0,
            n => b.pass_line.min(n) * PER_FILE / n,
        };
        let total = b.files * PER_FILE;
        let at = (b.done * PER_FILE + within).min(total);
        let eta = if at > 0 {
            format!("{:.0}s", secs * (total - at) as f64 / at as f64)
        } else {
            "?".into()
        };
        let files = format!("{} of {} files", b.done, b.files);
        let rate = format!("{} rows/s, ETA {eta}", group((b.rows as f64 / secs) as u64));
        if tty {
            match &b.bar {
                Some(bar) => {
                    bar.set_message(format!("{files}, {rate}"));
                    bar.set_position(at);
                }
                None => {
                    let bar =
                        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
                    bar.set_style(bar_style());
                    bar.set_prefix(b.label.clone());
                    bar.set_message(format!("{files}, {rate}"));
                    bar.set_position(at);
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    b.bar = Some(bar);
                }
            }
            return;
        }
        if b.last_line.is_some_and(|t| t.elapsed() < every_plain) {
            return;
        }
        b.last_line = Some(Instant::now());
        let _ = writeln!(
            std::io::stderr(),
            "skudesk: {}: {files} ({}%), {rate}",
            b.label,
            at * 100 / total,
        );
    }

    /// Starts watching one pass over `bytes` (e.g. "importing orders.csv"); a file too
    /// small to take long is not watched at all.
    pub fn start(&mut self, label: impl Into<String>, bytes: &[u8]) {
        if let Some(b) = &mut self.batch {
            b.pass_lines = bytes.iter().filter(|&&c| c == b'\n').count() as u64;
            b.pass_line = 0;
            return;
        }
        self.finish();
        if bytes.len() < self.min_bytes {
            return;
        }
        let total_lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        self.phase = Some(Phase {
            label: label.into(),
            total_lines: total_lines.max(1),
            start: Instant::now(),
            rows: 0,
            next_check: self.rows_per_check,
            last_line: None,
            bar: None,
        });
    }

    /// One row read, at `line` of the file.
    #[inline]
    pub fn row(&mut self, line: u64) {
        if let Some(b) = &mut self.batch {
            b.rows += 1;
            b.pass_line = line;
            if b.rows >= b.next_check {
                b.next_check = b.rows + self.rows_per_check;
                self.check_batch();
            }
            return;
        }
        if let Some(p) = &mut self.phase {
            p.rows += 1;
            if p.rows >= p.next_check {
                p.next_check = p.rows + self.rows_per_check;
                self.check(line);
            }
        }
    }

    fn check(&mut self, line: u64) {
        let (tty, after, every_plain) = (self.tty, self.after, self.every_plain);
        let Some(p) = &mut self.phase else { return };
        let elapsed = p.start.elapsed();
        if elapsed < after {
            return;
        }
        let secs = elapsed.as_secs_f64().max(1e-3);
        let rate = p.rows as f64 / secs;
        let line = line.min(p.total_lines);
        // Lines, not rows, measure the way through the file (a cell may span lines).
        let lines_per_s = line as f64 / secs;
        let left = p.total_lines.saturating_sub(line);
        let eta = if lines_per_s > 0.0 {
            format!("{:.0}s", left as f64 / lines_per_s)
        } else {
            "?".into()
        };
        let rate_eta = format!("{} rows/s, ETA {eta}", group(rate as u64));
        if tty {
            match &p.bar {
                Some(bar) => {
                    bar.set_message(rate_eta);
                    bar.set_position(line);
                }
                None => {
                    // Filled in while hidden, so the first frame drawn is complete.
                    let bar = ProgressBar::with_draw_target(
                        Some(p.total_lines),
                        ProgressDrawTarget::hidden(),
                    );
                    bar.set_style(bar_style());
                    bar.set_prefix(p.label.clone());
                    bar.set_message(rate_eta);
                    bar.set_position(line);
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    p.bar = Some(bar);
                }
            }
            return;
        }
        if p.last_line.is_some_and(|t| t.elapsed() < every_plain) {
            return;
        }
        p.last_line = Some(Instant::now());
        let _ = writeln!(
            std::io::stderr(),
            "skudesk: {}: {} of ~{} lines ({}%), {rate_eta}",
            p.label,
            group(line),
            group(p.total_lines),
            line * 100 / p.total_lines,
        );
    }

    /// Ends the current pass (clears the bar; a plain line says it is done).
    pub fn finish(&mut self) {
        if let Some(p) = self.phase.take() {
            if let Some(bar) = p.bar {
                bar.finish_and_clear();
            } else if p.last_line.is_some() {
                let _ = writeln!(
                    std::io::stderr(),
                    "skudesk: {}: done, {} rows in {:.1}s",
                    p.label,
                    group(p.rows),
                    p.start.elapsed().as_secs_f64()
                );
            }
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
        self.end_batch();
    }
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{prefix} [{bar:30}] {percent:>3}% {msg}")
        .expect("a valid template")
        .progress_chars("=> ")
}

/// `1234567` → `1,234,567`.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_style_is_valid_and_counts_are_grouped() {
        let _ = bar_style();
        assert_eq!(group(0), "0");
        assert_eq!(group(1234), "1,234");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn small_files_are_never_watched() {
        let mut p = Progress::from_env();
        p.min_bytes = 100;
        p.start("x", b"a,b\n1,2\n");
        assert!(p.phase.is_none());
        p.start("x", &[b'\n'; 200]);
        assert!(p.phase.is_some());
        p.finish();
        assert!(p.phase.is_none());
    }

    #[test]
    fn a_batch_is_one_bar_whatever_the_files_and_passes() {
        let mut p = Progress::from_env();
        p.min_bytes = 100;
        p.start_batch("importing 3 files", 3);
        // Passes over files inside a batch start no bar of their own, however big.
        p.start("reading a.csv", &[b'\n'; 200]);
        p.row(100);
        assert!(p.phase.is_none());
        assert_eq!(
            p.batch.as_ref().map(|b| (b.pass_lines, b.pass_line)),
            Some((200, 100))
        );
        p.finish();
        assert!(p.batch.is_some(), "a pass ending does not end the batch");
        p.file_done();
        p.file_done();
        p.file_done();
        p.file_done();
        assert_eq!(
            p.batch.as_ref().map(|b| b.done),
            Some(3),
            "never past the last file"
        );
        p.end_batch();
        assert!(p.batch.is_none());
        p.start("reading b.csv", &[b'\n'; 200]);
        assert!(
            p.phase.is_some(),
            "after the batch, passes are watched again"
        );
    }
}
