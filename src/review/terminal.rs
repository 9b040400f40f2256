//! The session on a terminal: the screen is redrawn for each card and single keys act at
//! once, without Enter.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Key, Term};

use super::{Action, Prompter, Side};

/// Single keys on a terminal, through `console`, and a one-line editor for notes.
pub struct TermPrompter {
    term: Term,
    /// Set by SIGWINCH: the terminal changed size since the screen was drawn.
    resized: Arc<AtomicBool>,
    /// Set by SIGALRM, once a second while [`Prompter::tick_every_second`] is on.
    ticked: Arc<AtomicBool>,
    ticking: bool,
    /// The terminal rows the screen on show takes, messages under it included.
    rows: usize,
}

impl TermPrompter {
    /// Draws on `term` (normally `Term::stdout()`) and reads keys from the terminal.
    pub fn new(term: Term) -> Self {
        let resized = Arc::new(AtomicBool::new(false));
        // Without the flag the screen simply is not redrawn on a resize: not worth failing.
        let _ = signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized));
        TermPrompter {
            term,
            resized,
            ticked: Arc::new(AtomicBool::new(false)),
            ticking: false,
            rows: 0,
        }
    }

    /// The rows `text` takes on the terminal, its long lines wrapped.
    fn rows_of(&self, text: &str) -> usize {
        let columns = usize::from(self.term.size().1).max(1);
        text.lines()
            .map(|line| console::measure_text_width(line).div_ceil(columns).max(1))
            .sum()
    }

    /// Whether a wait for a key was cut short by a signal of ours (a resize, a tick), not
    /// by Ctrl-C: `console` reports both as Ctrl-C. Taken: the caller draws the screen
    /// anew after the note anyway.
    fn signalled(&self) -> bool {
        let resized = self.resized.swap(false, Ordering::Relaxed);
        self.ticked.swap(false, Ordering::Relaxed) || resized
    }
}

/// Arms (`Some`) or disarms (`None`) the process's interval timer, whose SIGALRM ends a
/// wait for a key (`console` waits in `poll`, which a signal always interrupts).
fn set_interval_timer(every: Option<std::time::Duration>) -> io::Result<()> {
    let every = every.unwrap_or_default();
    let interval = libc::timeval {
        tv_sec: every.as_secs() as libc::time_t,
        tv_usec: every.subsec_micros() as libc::suseconds_t,
    };
    let timer = libc::itimerval {
        it_interval: interval,
        it_value: interval,
    };
    // SAFETY: `setitimer` reads the struct given and writes nothing (no old value asked).
    let done = unsafe { libc::setitimer(libc::ITIMER_REAL, &timer, std::ptr::null_mut()) };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

impl Drop for TermPrompter {
    /// Stops the clock with the session: what comes after waits for nothing.
    fn drop(&mut self) {
        if self.ticking {
            let _ = set_interval_timer(None);
        }
    }
}

/// The action of a key, or `None` for keys that mean nothing here (ignored).
pub fn action_of(key: &Key) -> Option<Action> {
    match key {
        Key::Enter => Some(Action::Reveal),
        Key::Escape | Key::CtrlC => Some(Action::Quit),
        Key::Char(c) => Action::from_char(*c),
        _ => None,
    }
}

/// Whether a read error means the terminal is gone (end the session) rather than a fault.
fn is_closed(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::UnexpectedEof | io::ErrorKind::BrokenPipe
    ) || err.raw_os_error() == Some(EIO)
}

/// A read from a terminal whose other end hung up fails with EIO on Unix.
const EIO: i32 = 5;

impl Prompter for TermPrompter {
    fn show(&mut self, _side: Side, screen: &str) -> anyhow::Result<()> {
        self.term.clear_screen()?;
        self.term.write_str(screen)?;
        self.term.flush()?;
        self.rows = self.rows_of(screen);
        Ok(())
    }

    fn read_action(&mut self) -> anyhow::Result<Option<Action>> {
        // Not a terminal: `read_key` would answer `Unknown` forever.
        if !self.term.is_term() {
            return Ok(None);
        }
        loop {
            // A resize while the screen was being drawn came before the wait: no signal
            // will cut it short now.
            if self.resized.swap(false, Ordering::Relaxed) {
                return Ok(Some(Action::Redraw));
            }
            // A tick from before this wait (while drawing) is not what ends it.
            self.ticked.store(false, Ordering::Relaxed);
            // The raw read reports Ctrl-C as a key instead of raising SIGINT, so the session
            // ends through its summary.
            match self.term.read_key_raw() {
                // A signal interrupts the wait for a key, and `console` reports that as
                // Ctrl-C: a resize or a tick is told apart by its flag.
                Ok(Key::CtrlC) if self.resized.swap(false, Ordering::Relaxed) => {
                    return Ok(Some(Action::Redraw));
                }
                Ok(Key::CtrlC) if self.ticked.swap(false, Ordering::Relaxed) => {
                    return Ok(Some(Action::Tick));
                }
                Ok(key) => {
                    if let Some(action) = action_of(&key) {
                        return Ok(Some(action));
                    }
                }
                Err(err) if is_closed(&err) => return Ok(None),
                Err(err) => return Err(err.into()),
            }
        }
    }

    fn edit_note(&mut self, current: Option<&str>) -> anyhow::Result<Option<String>> {
        // A one-line editor of our own: Enter keeps the text (empty removes the note),
        // Esc or Ctrl-C cancels and leaves the note as it was.
        const PROMPT: &str = "Note (Enter saves, empty removes, Esc cancels): ";
        let mut text: Vec<char> = current.unwrap_or("").chars().collect();
        self.term.write_line("")?;
        // Rows the last drawing took: a note longer than the line wraps, and each redraw
        // clears them all, not only the row the cursor is on.
        let mut rows = 1;
        loop {
            self.term.clear_line()?;
            for _ in 1..rows {
                self.term.move_cursor_up(1)?;
                self.term.clear_line()?;
            }
            let shown: String = text
                .iter()
                .map(|&c| if c == '\n' { '↵' } else { c })
                .collect();
            let line = format!("{PROMPT}{shown}");
            self.term.write_str(&line)?;
            self.term.flush()?;
            let columns = usize::from(self.term.size().1).max(1);
            rows = console::measure_text_width(&line).div_ceil(columns).max(1);
            match self.term.read_key_raw() {
                Ok(Key::Enter) => {
                    self.term.write_line("")?;
                    return Ok(Some(text.into_iter().collect()));
                }
                // A resize or a tick goes by while a note is written (the session draws
                // the screen again after it, at the new width).
                Ok(Key::CtrlC) if self.signalled() => {}
                Ok(Key::Escape | Key::CtrlC) => {
                    self.term.write_line("")?;
                    return Ok(None);
                }
                Ok(Key::Backspace) => {
                    text.pop();
                }
                Ok(Key::Char(c)) if !c.is_control() => text.push(c),
                Ok(_) => {}
                Err(err) if is_closed(&err) => return Ok(None),
                Err(err) => return Err(err.into()),
            }
        }
    }

    fn message(&mut self, text: &str) -> anyhow::Result<()> {
        self.term.write_line(text)?;
        self.rows += self.rows_of(text);
        Ok(())
    }

    fn columns(&self) -> Option<usize> {
        let (_, columns) = self.term.size();
        Some(usize::from(columns).clamp(super::Style::MIN_WIDTH, 100))
    }

    fn tick_every_second(&mut self) {
        if self.ticking {
            return;
        }
        // SIGALRM ends the process unless it is caught: the timer only with the flag's
        // handler in place.
        let caught =
            signal_hook::flag::register(signal_hook::consts::SIGALRM, Arc::clone(&self.ticked));
        self.ticking =
            caught.is_ok() && set_interval_timer(Some(std::time::Duration::from_secs(1))).is_ok();
    }

    fn retitle(&mut self, line: &str) -> anyhow::Result<()> {
        // With the screen taller than the terminal, its first line has scrolled away.
        let (height, _) = self.term.size();
        if self.rows >= usize::from(height) {
            return Ok(());
        }
        // Save the cursor, write over the top line, and put the cursor back.
        self.term.write_str("\x1b7")?;
        self.term.move_cursor_to(0, 0)?;
        self.term.clear_line()?;
        self.term.write_str(line)?;
        self.term.write_str("\x1b8")?;
        self.term.flush()?;
        Ok(())
    }
}
