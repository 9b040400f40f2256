//! The interactive review session (DESIGN §5).
//!
//! The loop in [`session`] knows neither SQL nor terminals: it asks a [`Backend`] for cards
//! and records grades through it, and talks to the learner through a [`Prompter`]. The store
//! implements `Backend`; [`TermPrompter`] (single keys on a terminal) and [`PlainPrompter`]
//! (one line per answer, for pipes and scripts) implement `Prompter`, and the tests drive the
//! loop with a scripted one. Screens are rendered by pure functions in [`render`].

pub mod plain;
pub mod render;
pub mod session;
pub mod terminal;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::card::{Card, CardState, ReviewKind};
use crate::scheduler::{Grade, Reason};

pub use plain::PlainPrompter;
pub use render::{Side, Style, render_back, render_front, render_help, render_summary};
pub use session::{Options, Summary, Unlocked, run};
pub use terminal::TermPrompter;

/// One card of today's queue and why it is there.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub card: Card,
    pub reason: Reason,
}

/// What recording one grade did.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    /// Whether the grade moved the schedule or was a same-day drill.
    pub kind: ReviewKind,
    /// The card's state after the grade.
    pub after: CardState,
    /// Keys of the follow-ups this grade unlocked (the card has just become mastered), in
    /// document order; empty otherwise.
    pub unlocked: Vec<String>,
}

/// What lies ahead once today's queue is done, for the summary and the nothing-due message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Cards in tomorrow's queue if nothing more is done today: due reviews, unfinished
    /// drills excluded, plus new cards within tomorrow's allowance.
    pub due_tomorrow: usize,
    /// The first day after today whose queue is not empty; `None` when no card is scheduled
    /// and no new card is waiting (all locked or suspended).
    pub next_due: Option<NaiveDate>,
    /// Cards in the selection that are not retired, whatever their status; 0 means the
    /// learner has no cards at all.
    pub cards: usize,
}

/// What the session needs from storage. Every mutating call is committed before it returns,
/// so quitting, a closed terminal or a killed process loses nothing already graded.
pub trait Backend {
    /// The scheduling day the session runs on.
    fn today(&self) -> NaiveDate;

    /// Today's queue as it stands now, in queue order (drills, reviews, new), filtered by the
    /// caller's deck and topic selection and within today's limits.
    fn queue(&mut self) -> anyhow::Result<Vec<QueueItem>>;

    /// The card as stored now (state, note, suspension).
    fn card(&mut self, card_id: i64) -> anyhow::Result<Card>;

    /// Records one review of `card_id` on [`Backend::today`], in one transaction.
    fn grade(&mut self, card_id: i64, grade: Grade, taken_ms: u64) -> anyhow::Result<Graded>;

    /// Takes back the last review in the log, exactly; returns its card, or `None` when the
    /// log is empty.
    fn undo(&mut self) -> anyhow::Result<Option<i64>>;

    /// Puts the card aside: out of every queue until unsuspended.
    fn suspend(&mut self, card_id: i64) -> anyhow::Result<()>;

    /// Sets (or, with `None`, removes) the learner's note on the card.
    fn set_note(&mut self, card_id: i64, note: Option<String>) -> anyhow::Result<()>;

    /// What is due next, for the summary.
    fn outlook(&mut self) -> anyhow::Result<Outlook>;
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
}

impl Action {
    /// The action of a key as typed: a digit, a letter, or a space; `None` for anything else.
    /// Enter (an empty line) is the caller's business.
    pub fn from_char(c: char) -> Option<Action> {
        Some(match c {
            ' ' => Action::Reveal,
            '0'..='5' => Action::Grade(Grade::new(c as u8 - b'0').ok()?),
            'u' | 'U' => Action::Undo,
            's' | 'S' => Action::Suspend,
            'n' | 'N' => Action::Note,
            'q' | 'Q' => Action::Quit,
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
}
