//! SIGINT/SIGTERM while `init` installs packages: the signal is recorded
//! (not fatal) so the install can be forwarded the signal, waited for, and
//! package.json and the lockfile restored before exiting 128 + signal.
//! During a prompt, they bring the hidden cursor back before exiting.

use std::sync::atomic::{AtomicI32, Ordering};

static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// While alive, SIGINT and SIGTERM are handled by this module; dropping it
/// restores the default handling.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        #[cfg(unix)]
        set_handler(libc::SIG_DFL);
    }
}

/// Starts recording SIGINT and SIGTERM instead of ending the process.
pub fn catch() -> Guard {
    RECEIVED.store(0, Ordering::SeqCst);
    #[cfg(unix)]
    set_handler(record as extern "C" fn(libc::c_int) as libc::sighandler_t);
    Guard(())
}

/// Guards a prompt, which hides the cursor while it runs: SIGINT and
/// SIGTERM show the cursor again and end the process with 128 + signal.
pub fn guard_prompt() -> Guard {
    #[cfg(unix)]
    set_handler(show_cursor_and_exit as extern "C" fn(libc::c_int) as libc::sighandler_t);
    Guard(())
}

/// Sets the disposition of SIGINT and SIGTERM.
#[cfg(unix)]
fn set_handler(handler: libc::sighandler_t) {
    // SAFETY: the handlers of this module only store into an atomic, or call
    // write(2) and _exit(2); all are async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

#[cfg(unix)]
extern "C" fn record(signal: libc::c_int) {
    RECEIVED.store(signal, Ordering::SeqCst);
}

#[cfg(unix)]
extern "C" fn show_cursor_and_exit(signal: libc::c_int) {
    const SHOW_CURSOR: &[u8] = b"\x1b[?25h\n";
    // SAFETY: write(2) and _exit(2) are async-signal-safe.
    unsafe {
        libc::write(2, SHOW_CURSOR.as_ptr().cast(), SHOW_CURSOR.len());
        libc::_exit(128 + signal);
    }
}

/// The signal received since [`catch`], if any.
pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// The name of a signal number, for messages.
pub fn name(signal: i32) -> &'static str {
    match signal {
        2 => "SIGINT",
        15 => "SIGTERM",
        _ => "a signal",
    }
}
