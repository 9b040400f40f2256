//! The session in plain lines, for when stdin is not a terminal: each screen is printed as
//! text and each answer is one line, so the session can be scripted (`printf '\n4\n' | recall
//! review`).

use std::io::{BufRead, Read, Write};

use super::{Action, Prompter, Side};

/// Reads one line per action from `input`, prints screens to `output`.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
}

/// The longest line read whole: an answer is one key, a note one line.
const MAX_LINE: u64 = 64 << 10;

/// What to type, said again after a line that means nothing.
const HINT: &str = "Type 0-5 to grade, an empty line to show the answer, or u (undo), s (suspend), n (note), q (quit), ? (keys).";

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    pub fn new(input: R, output: W) -> Self {
        PlainPrompter { input, output }
    }

    /// The writer back, for tests that look at what was printed.
    #[cfg(test)]
    pub fn into_output(self) -> W {
        self.output
    }

    /// One line without its line ending; `None` at the end of input. A line longer than any
    /// answer ([`MAX_LINE`]) ends the session: input without line breaks (`< /dev/zero`)
    /// would otherwise be held in memory for as long as it lasts.
    fn read_line(&mut self) -> anyhow::Result<Option<String>> {
        let mut line = Vec::new();
        if (&mut self.input)
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)?
            == 0
        {
            return Ok(None);
        }
        if line.last() != Some(&b'\n') && line.len() as u64 == MAX_LINE {
            anyhow::bail!(
                "a line of input over {} KiB is no answer: the session stops here, with every \
                 grade before it saved",
                MAX_LINE >> 10
            );
        }
        let line = String::from_utf8_lossy(&line);
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }

    fn prompt(&mut self, text: &str) -> anyhow::Result<()> {
        write!(self.output, "{text}")?;
        self.output.flush()?;
        Ok(())
    }
}

/// The action a line stands for: an empty line reveals, otherwise one key as on a terminal.
pub fn parse_line(line: &str) -> Option<Action> {
    let line = line.trim();
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Some(Action::Reveal),
        (Some(c), None) => Action::from_char(c),
        _ => None,
    }
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn show(&mut self, _side: Side, screen: &str) -> anyhow::Result<()> {
        writeln!(self.output)?;
        write!(self.output, "{screen}")?;
        Ok(())
    }

    fn read_action(&mut self) -> anyhow::Result<Option<Action>> {
        loop {
            self.prompt("> ")?;
            let Some(line) = self.read_line()? else {
                // End the prompt line so the summary starts on a line of its own.
                writeln!(self.output)?;
                return Ok(None);
            };
            match parse_line(&line) {
                Some(action) => return Ok(Some(action)),
                None => writeln!(self.output, "{HINT}")?,
            }
        }
    }

    fn edit_note(&mut self, current: Option<&str>) -> anyhow::Result<Option<String>> {
        if let Some(note) = current {
            writeln!(self.output, "Current note: {note}")?;
        }
        self.prompt("Note (one line; empty keeps it, - removes it): ")?;
        Ok(match self.read_line()? {
            None => None,
            Some(line) if line.trim().is_empty() => None,
            Some(line) if line.trim() == "-" => Some(String::new()),
            Some(line) => Some(line),
        })
    }

    fn message(&mut self, text: &str) -> anyhow::Result<()> {
        writeln!(self.output, "{text}")?;
        Ok(())
    }
}
