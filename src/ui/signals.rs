//! SIGTERM, SIGHUP and SIGINT end the app as `q` does: the run loop sees the signal
//! within a tick, finishes what it was doing (a write is one transaction either way),
//! and the terminal is restored.
//!
//! A watchdog makes sure the process ends even when the run loop cannot get there: when
//! the terminal is gone (a closed window, `tmux kill-session`), crossterm's reader spins
//! on the dead tty and never returns to the loop (crossterm issue #793), which left an
//! orphan at 100 % CPU. If the loop has not finished [`GRACE`] after the signal, the
//! watchdog restores what it can and exits; a second SIGTERM or SIGINT exits at once.
//! Committed data is safe either way: SQLite rolls back a transaction cut short.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the run loop has to end by itself after a signal.
pub const GRACE: Duration = Duration::from_secs(3);

/// The signals received and whether the run loop has ended.
#[derive(Clone, Default)]
pub struct Watch {
    /// The number of the first signal received, 0 while none.
    received: Arc<AtomicUsize>,
    /// Set once the run loop has ended and the terminal is restored.
    finished: Arc<AtomicBool>,
}

impl Watch {
    /// Starts listening; `restore` puts the terminal back before a forced exit.
    #[cfg(unix)]
    pub fn start(restore: fn()) -> std::io::Result<Watch> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let watch = Watch::default();
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let shared = watch.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    let first = shared.received.compare_exchange(
                        0,
                        sig as usize,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    );
                    match first {
                        Ok(_) => shared.clone().end_after_grace(sig, restore),
                        // Asked twice: now. (A hang-up often comes twice, from the
                        // terminal and the shell: that one waits for the grace.)
                        Err(_) if sig != SIGHUP => exit(sig, restore),
                        Err(_) => {}
                    }
                }
            })?;
        Ok(watch)
    }

    #[cfg(not(unix))]
    pub fn start(_restore: fn()) -> std::io::Result<Watch> {
        Ok(Watch::default())
    }

    /// The signal received, if one was.
    pub fn received(&self) -> Option<u8> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            n => u8::try_from(n).ok(),
        }
    }

    /// The run loop has ended and the terminal is restored: no forced exit.
    pub fn finished(&self) {
        self.finished.store(true, Ordering::SeqCst);
    }

    /// Waits (on its own thread) for the run loop to end; exits if it does not in time.
    fn end_after_grace(self, sig: i32, restore: fn()) {
        let _ = std::thread::Builder::new()
            .name("signal grace".into())
            .spawn(move || {
                let deadline = Instant::now() + GRACE;
                while Instant::now() < deadline {
                    if self.finished.load(Ordering::SeqCst) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                if !self.finished.load(Ordering::SeqCst) {
                    exit(sig, restore);
                }
            });
    }
}

/// Puts the terminal back as far as it can and ends the process: 128 + the signal.
fn exit(sig: i32, restore: fn()) -> ! {
    restore();
    std::process::exit(128 + sig)
}
