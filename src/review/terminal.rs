//! The session on a terminal: the screen is redrawn for each card and single keys act at
//! once, without Enter.

use std::io;

use console::{Key, Term};

use super::{Action, Prompter, Side};

/// Single keys on a terminal, through `console`; notes are edited with `dialoguer`.
pub struct TermPrompter {
    term: Term,
}

impl TermPrompter {
    /// Draws on `term` (normally `Term::stdout()`) and reads keys from the terminal.
    pub fn new(term: Term) -> Self {
        TermPrompter { term }
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
        Ok(())
    }

    fn read_action(&mut self) -> anyhow::Result<Option<Action>> {
        // Not a terminal: `read_key` would answer `Unknown` forever.
        if !self.term.is_term() {
            return Ok(None);
        }
        loop {
            // The raw read reports Ctrl-C as a key instead of raising SIGINT, so the session
            // ends through its summary.
            match self.term.read_key_raw() {
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
        self.term.write_line("")?;
        let text = dialoguer::Input::<String>::new()
            .with_prompt("Note (empty removes it)")
            .with_initial_text(current.unwrap_or(""))
            .allow_empty(true)
            .interact_text_on(&self.term);
        match text {
            Ok(text) => Ok(Some(text)),
            Err(dialoguer::Error::IO(err)) if is_closed(&err) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    fn message(&mut self, text: &str) -> anyhow::Result<()> {
        self.term.write_line(text)?;
        Ok(())
    }
}
