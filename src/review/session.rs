//! The session loop: one card at a time, front, reveal, grade, until the day's work is done.

use std::collections::HashSet;
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;

use crate::card::{Card, ReviewKind};
use crate::scheduler::Reason;

use super::render::{Shown, render_back, render_front, render_help};
use super::{Action, Backend, Graded, Prompter, Side, Style};

/// How to run a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `--limit N`: at most this many cards from the queue (drills coming back do not count).
    pub limit: Option<usize>,
    pub style: Style,
}

/// Follow-ups that became reviewable because their main question was mastered this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unlocked {
    pub deck: String,
    /// Key of the main question.
    pub parent: String,
    /// Keys of the follow-ups, in document order.
    pub followups: Vec<String>,
}

/// What a session did, for the closing lines (see [`super::render_summary`]) and `--json`.
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
    /// The first day after today with cards due.
    pub next_due: Option<NaiveDate>,
    /// Cards in the selection, whatever their status; 0 when there are none at all.
    pub total_cards: usize,
}

/// One place in the session list.
#[derive(Debug, Clone)]
struct Entry {
    card_id: i64,
    reason: Reason,
    deck: String,
    key: String,
}

impl Entry {
    fn of(card: &Card, reason: Reason) -> Entry {
        Entry {
            card_id: card.id,
            reason,
            deck: card.deck_slug.clone(),
            key: card.key.clone(),
        }
    }
}

/// A grade made in this session and kept (not undone).
#[derive(Debug, Clone)]
struct Done {
    /// Where the card stood in the list when it was graded.
    index: usize,
    entry: Entry,
    grade: crate::scheduler::Grade,
    graded: Graded,
}

/// What became of the card on screen.
enum Step {
    /// Move on to the card at `cursor`.
    Next,
    /// The learner quit, or input ended.
    Quit,
}

struct Session<'a, B: ?Sized, P: ?Sized> {
    backend: &'a mut B,
    prompter: &'a mut P,
    style: Style,
    today: NaiveDate,
    list: Vec<Entry>,
    cursor: usize,
    /// Every card that has been in the list, so a later look at the queue adds only new ones.
    seen: HashSet<i64>,
    /// Cards `--limit` still allows from later looks at the queue.
    budget: Option<usize>,
    history: Vec<Done>,
    suspended: usize,
    /// Said after the next screen is drawn (a terminal clears the screen first).
    pending: Option<String>,
}

/// Runs one review session over today's queue and returns what it did. Each grade is
/// committed by the backend before the next card is shown. The caller prints
/// [`super::render_summary`] of the result; when nothing is due no screen is shown at all.
pub fn run<B, P>(backend: &mut B, prompter: &mut P, options: &Options) -> anyhow::Result<Summary>
where
    B: Backend + ?Sized,
    P: Prompter + ?Sized,
{
    let today = backend.today();
    let queue = backend.queue()?;
    let take = options.limit.unwrap_or(usize::MAX);
    let list: Vec<Entry> = queue
        .iter()
        .take(take)
        .map(|item| Entry::of(&item.card, item.reason))
        .collect();
    let mut session = Session {
        seen: list.iter().map(|e| e.card_id).collect(),
        budget: options.limit.map(|limit| limit - list.len()),
        list,
        backend,
        prompter,
        style: options.style,
        today,
        cursor: 0,
        history: Vec::new(),
        suspended: 0,
        pending: None,
    };
    let started_with = session.list.len();
    if started_with > 0 {
        session.review()?;
    }
    session.summary(started_with)
}

impl<B, P> Session<'_, B, P>
where
    B: Backend + ?Sized,
    P: Prompter + ?Sized,
{
    fn review(&mut self) -> anyhow::Result<()> {
        loop {
            if self.cursor >= self.list.len() && self.refill()? == 0 {
                return Ok(());
            }
            let entry = self.list[self.cursor].clone();
            let card = self.backend.card(entry.card_id)?;
            if !self.still_waits(&card, entry.reason) {
                // Suspended meanwhile, or a drill that an undo took back.
                self.list.remove(self.cursor);
                continue;
            }
            match self.one_card(card, entry)? {
                Step::Next => {}
                Step::Quit => return Ok(()),
            }
        }
    }

    fn still_waits(&self, card: &Card, reason: Reason) -> bool {
        !card.suspended
            && !card.retired
            && (reason != Reason::Drill || card.state.drill_day == Some(self.today))
    }

    /// Looks at the queue again once the list is done: follow-ups unlocked during the session
    /// may have joined it (within the day's new-card allowance). Returns how many were added.
    fn refill(&mut self) -> anyhow::Result<usize> {
        if self.budget == Some(0) {
            return Ok(0);
        }
        let room = self.budget.unwrap_or(usize::MAX);
        let fresh: Vec<Entry> = self
            .backend
            .queue()?
            .iter()
            .filter(|item| !self.seen.contains(&item.card.id))
            .take(room)
            .map(|item| Entry::of(&item.card, item.reason))
            .collect();
        self.seen.extend(fresh.iter().map(|e| e.card_id));
        if let Some(budget) = &mut self.budget {
            *budget -= fresh.len();
        }
        let added = fresh.len();
        self.list.extend(fresh);
        Ok(added)
    }

    fn draw(&mut self, card: &Card, reason: Reason, side: Side) -> anyhow::Result<()> {
        let shown = Shown {
            card,
            reason,
            index: self.cursor + 1,
            total: self.list.len(),
        };
        let screen = match side {
            Side::Front => render_front(shown, self.style),
            Side::Back => render_back(shown, self.today, self.style),
        };
        self.prompter.show(side, &screen)?;
        if let Some(message) = self.pending.take() {
            self.prompter.message(&message)?;
        }
        Ok(())
    }

    /// Shows one card until it is graded, suspended or left (undo, quit).
    fn one_card(&mut self, mut card: Card, entry: Entry) -> anyhow::Result<Step> {
        let started = Instant::now();
        let mut side = Side::Front;
        self.draw(&card, entry.reason, side)?;
        loop {
            let Some(action) = self.prompter.read_action()? else {
                return Ok(Step::Quit);
            };
            match action {
                Action::Reveal => {
                    if side == Side::Front {
                        side = Side::Back;
                        self.draw(&card, entry.reason, side)?;
                    }
                }
                Action::Grade(grade) => {
                    let taken_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                    let graded = self.backend.grade(card.id, grade, taken_ms)?;
                    if graded.after.drill_day == Some(self.today) {
                        self.list.push(Entry {
                            reason: Reason::Drill,
                            ..entry.clone()
                        });
                    }
                    self.history.push(Done {
                        index: self.cursor,
                        entry,
                        grade,
                        graded,
                    });
                    self.cursor += 1;
                    return Ok(Step::Next);
                }
                Action::Undo => {
                    if self.undo()? {
                        return Ok(Step::Next);
                    }
                }
                Action::Suspend => {
                    self.backend.suspend(card.id)?;
                    self.suspended += 1;
                    self.pending = Some(format!("Suspended {}.", entry.key));
                    self.cursor += 1;
                    return Ok(Step::Next);
                }
                Action::Note => {
                    if let Some(text) = self.prompter.edit_note(card.note.as_deref())? {
                        let text = text.trim();
                        let note = (!text.is_empty()).then(|| text.to_string());
                        self.backend.set_note(card.id, note.clone())?;
                        self.pending = Some(match note {
                            Some(_) => "Note saved.".to_string(),
                            None => "Note removed.".to_string(),
                        });
                        card.note = note;
                    }
                    self.draw(&card, entry.reason, side)?;
                }
                Action::Help => self.prompter.message(&render_help())?,
                Action::Quit => return Ok(Step::Quit),
            }
        }
    }

    /// Takes back the last grade of this session and puts its card back on screen. Returns
    /// false (and says why) when there is nothing to take back.
    fn undo(&mut self) -> anyhow::Result<bool> {
        let Some(done) = self.history.last() else {
            self.prompter.message("Nothing to undo in this session.")?;
            return Ok(false);
        };
        let expected = done.entry.card_id;
        match self.backend.undo()? {
            Some(id) if id == expected => {}
            other => {
                // Another process reviewed after our last grade; what it undid was its own.
                self.prompter.message(&format!(
                    "The last review in the log was not from this session (card {}); \
                     it was taken back instead. Is another recall running?",
                    other.map_or_else(|| "none".to_string(), |id| id.to_string())
                ))?;
                return Ok(false);
            }
        }
        let Some(done) = self.history.pop() else {
            return Ok(false);
        };
        // The drill entry this grade appended has not been reached (later grades were undone
        // first), unless it was skipped; take it out so the card is not asked twice.
        if let Some(at) = (self.cursor.max(done.index + 1)..self.list.len())
            .rev()
            .find(|&i| self.list[i].card_id == expected && self.list[i].reason == Reason::Drill)
        {
            self.list.remove(at);
        }
        // Follow-ups the grade unlocked are locked again; drop those a refill brought in.
        if !done.graded.unlocked.is_empty() {
            let mut i = done.index + 1;
            while i < self.list.len() {
                let e = &self.list[i];
                if i >= self.cursor
                    && e.deck == done.entry.deck
                    && done.graded.unlocked.contains(&e.key)
                {
                    self.seen.remove(&e.card_id);
                    if let Some(budget) = &mut self.budget {
                        *budget += 1;
                    }
                    self.list.remove(i);
                } else {
                    i += 1;
                }
            }
        }
        self.cursor = done.index;
        self.pending = Some(format!(
            "Took back grade {} of {}.",
            done.grade, done.entry.key
        ));
        Ok(true)
    }

    fn summary(self, started_with: usize) -> anyhow::Result<Summary> {
        let outlook = self.backend.outlook()?;
        let mut grades = [0; 6];
        let mut cards = HashSet::new();
        let mut unlocked = Vec::new();
        for done in &self.history {
            grades[usize::from(done.grade.value())] += 1;
            cards.insert(done.entry.card_id);
            if !done.graded.unlocked.is_empty() {
                unlocked.push(Unlocked {
                    deck: done.entry.deck.clone(),
                    parent: done.entry.key.clone(),
                    followups: done.graded.unlocked.clone(),
                });
            }
        }
        Ok(Summary {
            today: self.today,
            started_with,
            cards: cards.len(),
            reviews: self.history.len(),
            grades,
            drill_reviews: self
                .history
                .iter()
                .filter(|d| d.graded.kind == ReviewKind::Drill)
                .count(),
            suspended: self.suspended,
            unlocked,
            left: self.list.len().saturating_sub(self.cursor),
            due_tomorrow: outlook.due_tomorrow,
            next_due: outlook.next_due,
            total_cards: outlook.cards,
        })
    }
}
