//! SIGINT/SIGTERM while `init` installs packages: the signal is recorded
//! (not fatal) so the install can be forwarded the signal, waited for, and
//! package.json and the lockfile restored before exiting 128 + signal.
//! During a prompt, they bring the hidden cursor back before exiting.

use std::sync::atomic::{AtomicI32, Ordering};

static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// While alive, SIGINT and SIGTERM are recorded instead of ending the
/// process; dropping it restores the default handling.
pub struct Catch(());

/// Starts recording SIGINT and SIGTERM.
pub fn catch() -> Catch {
    RECEIVED.store(0, Ordering::SeqCst);
    #[cfg(unix)]
    // SAFETY: `record` only stores into an atomic, which is
    // async-signal-safe; the handlers are put back in `Drop`.
    unsafe {
        let handler = record as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
    Catch(())
}

impl Drop for Catch {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: restores the default dispositions set at start-up.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGTERM, libc::SIG_DFL);
        }
    }
}

#[cfg(unix)]
extern "C" fn record(signal: libc::c_int) {
    RECEIVED.store(signal, Ordering::SeqCst);
}

/// While alive (a prompt is showing, with the cursor hidden), SIGINT and
/// SIGTERM show the cursor again and end the process with 128 + signal.
pub struct PromptGuard(());

/// Guards a prompt (see [`PromptGuard`]).
pub fn guard_prompt() -> PromptGuard {
    #[cfg(unix)]
    // SAFETY: `show_cursor_and_exit` only calls write(2) and _exit(2),
    // which are async-signal-safe; the handlers are put back in `Drop`.
    unsafe {
        let handler = show_cursor_and_exit as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
    PromptGuard(())
}

impl Drop for PromptGuard {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: restores the default dispositions.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGTERM, libc::SIG_DFL);
        }
    }
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
