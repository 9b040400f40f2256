//! The interactive review session (DESIGN §5).
//!
//! The loop in [`session`] knows neither SQL nor terminals: it answers cards through the same
//! use case as `recall grade` ([`crate::study::Desk`]) and talks to the learner through a
//! [`Prompter`]: [`TermPrompter`] (single keys on a terminal) and [`PlainPrompter`] (one line
//! per answer, for pipes and scripts); the tests drive the loop with a scripted one over a
//! real store in memory. Screens are rendered by pure functions in [`render`].

mod plain;
mod render;
mod session;
mod terminal;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

use crate::scheduler::Grade;

pub use crate::text::Style;
pub use plain::PlainPrompter;
pub use render::{Side, note_said, render_summary};
pub use session::{Options, run};
pub use terminal::TermPrompter;

/// Follow-ups that became reviewable because their main question was mastered this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unlocked {
    pub deck: String,
    /// Key of the main question.
    pub parent: String,
    /// Keys of the follow-ups, in document order.
    pub followups: Vec<String>,
}

/// What a session did, for the closing lines (see [`render_summary`]) and `--json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The scheduling day of the session.
    pub today: NaiveDate,
    /// Cards in the queue when the session began (after `--limit`); 0 means nothing was due.
    pub started_with: usize,
    /// Distinct cards graded.
    pub cards: usize,
    /// Grades given, drills included (undone ones are not counted).
    pub reviews: usize,
    /// How many times each grade 0..=5 was given.
    pub grades: [usize; 6],
    /// Of `reviews`, those that were same-day drills.
    pub drill_reviews: usize,
    pub suspended: usize,
    pub unlocked: Vec<Unlocked>,
    /// Cards still waiting in the session when the learner quit; 0 when it ran to the end.
    pub left: usize,
    /// Cards due tomorrow as things stand.
    pub due_tomorrow: usize,
    /// Of them, new cards.
    pub new_tomorrow: usize,
    /// The first day after today with cards due.
    pub next_due: Option<NaiveDate>,
    /// Cards in the selection, whatever their status; 0 when there are none at all.
    pub total_cards: usize,
}

/// One thing the learner asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Enter or space: show the answer.
    Reveal,
    /// `0`–`5`.
    Grade(Grade),
    /// `u`: take back the last grade of this session.
    Undo,
    /// `s`: suspend the card on screen.
    Suspend,
    /// `n`: write a note on the card on screen.
    Note,
    /// `q`, Esc or Ctrl-C.
    Quit,
    /// `?`: list the keys.
    Help,
    /// The terminal changed size: draw the screen again at the new width.
    Redraw,
    /// A second went by ([`Prompter::tick_every_second`]): a clock on the screen moves.
    Tick,
}

impl Action {
    /// The action of a key as typed: a digit, a letter, or a space; `None` for anything else.
    /// Enter (an empty line) is the caller's business.
    pub fn from_char(c: char) -> Option<Action> {
        Some(match c {
            ' ' => Action::Reveal,
            '0'..='5' => Action::Grade(Grade::new(c as u8 - b'0').ok()?),
            // The same keys in the Russian layout (й ц у к е н): no switching to grade.
            'u' | 'U' | 'г' | 'Г' => Action::Undo,
            's' | 'S' | 'ы' | 'Ы' => Action::Suspend,
            'n' | 'N' | 'т' | 'Т' => Action::Note,
            'q' | 'Q' | 'й' | 'Й' => Action::Quit,
            '?' | 'h' | 'H' => Action::Help,
            _ => return None,
        })
    }
}

/// The learner's side of the session: shows screens, reads keys.
pub trait Prompter {
    /// Shows a rendered screen, replacing the previous one where the medium allows.
    fn show(&mut self, side: Side, screen: &str) -> anyhow::Result<()>;

    /// Waits for the next action; `Ok(None)` at the end of input or when the terminal is
    /// gone, which ends the session like a quit.
    fn read_action(&mut self) -> anyhow::Result<Option<Action>>;

    /// Lets the learner edit the note on the card, starting from `current`. Returns the new
    /// text (empty to remove the note), or `None` to leave it as it was.
    fn edit_note(&mut self, current: Option<&str>) -> anyhow::Result<Option<String>>;

    /// Shows a short message under the current screen.
    fn message(&mut self, text: &str) -> anyhow::Result<()>;

    /// The columns to lay screens out for now, when the medium knows (a terminal that was
    /// resized); `None` keeps the session's own width.
    fn columns(&self) -> Option<usize> {
        None
    }

    /// From now on, a wait for a key that lasts a second ends with [`Action::Tick`], where
    /// the medium can show a clock moving (a terminal). Nothing elsewhere.
    fn tick_every_second(&mut self) {}

    /// Writes `line` over the first line of the screen on show, leaving the rest and the
    /// cursor as they are, where the medium can (the whole screen in view on a terminal).
    fn retitle(&mut self, _line: &str) -> anyhow::Result<()> {
        Ok(())
    }
}
