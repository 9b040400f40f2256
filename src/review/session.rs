//! The session loop: one card at a time, front, reveal, grade, until the day's work is done.

use std::collections::HashSet;
use std::time::Instant;

use chrono::NaiveDate;

use crate::card::Card;
use crate::scheduler::{Grade, Reason, ReviewKind};
use crate::study::{Desk, Graded, Refusal};

use super::render::{Shown, note_said, render_back, render_front, render_help};
use super::{Action, Prompter, Side, Style, Summary, Unlocked};

/// How to run a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `--limit N`: at most this many cards from the queue (drills coming back do not count).
    pub limit: Option<usize>,
    pub style: Style,
    /// Said under the first card (a new database made, say).
    pub notice: Option<String>,
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
    grade: Grade,
    graded: Graded,
}

/// What became of the card on screen.
enum Step {
    /// Move on to the card at `cursor`.
    Next,
    /// The learner quit, or input ended.
    Quit,
}

struct Session<'a, 'd, P: ?Sized> {
    desk: &'a mut Desk<'d>,
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
    /// The key of the last card suspended here, for the hint when `u` finds no grade.
    last_suspended: Option<String>,
    /// Said after the next screen is drawn (a terminal clears the screen first).
    pending: Option<String>,
}

/// Runs one review session over today's queue and returns what it did. Each grade is
/// committed before the next card is shown. The caller prints [`super::render_summary`] of
/// the result; when nothing is due no screen is shown at all.
pub fn run<P>(desk: &mut Desk<'_>, prompter: &mut P, options: &Options) -> anyhow::Result<Summary>
where
    P: Prompter + ?Sized,
{
    let today = desk.today();
    let queue = desk.queue()?;
    let take = options.limit.unwrap_or(usize::MAX);
    let list: Vec<Entry> = queue
        .iter()
        .take(take)
        .map(|(card, reason)| Entry::of(card, *reason))
        .collect();
    let mut session = Session {
        seen: list.iter().map(|e| e.card_id).collect(),
        budget: options.limit.map(|limit| limit - list.len()),
        list,
        desk,
        prompter,
        style: options.style,
        today,
        cursor: 0,
        history: Vec::new(),
        suspended: 0,
        last_suspended: None,
        pending: options.notice.clone(),
    };
    let started_with = session.list.len();
    if started_with > 0 {
        session.review()?;
    }
    // What the last card's step had to say, with no card after it to show it with.
    if let Some(message) = session.pending.take() {
        session.prompter.message(&message)?;
    }
    session.summary(started_with)
}

impl<P> Session<'_, '_, P>
where
    P: Prompter + ?Sized,
{
    fn review(&mut self) -> anyhow::Result<()> {
        loop {
            if self.cursor >= self.list.len() && self.refill()? == 0 {
                return Ok(());
            }
            let entry = self.list[self.cursor].clone();
            let card = self.desk.card(entry.card_id)?;
            let Some(card) = card.filter(|c| self.still_waits(c, entry.reason)) else {
                // Suspended or graded elsewhere meanwhile, or a drill that an undo took back.
                self.list.remove(self.cursor);
                continue;
            };
            match self.one_card(card, entry)? {
                Step::Next => {}
                Step::Quit => return Ok(()),
            }
        }
    }

    /// Whether the card still waits for what the list holds it for: another process (a
    /// `recall grade`, a second session) may have graded it since the list was made.
    fn still_waits(&self, card: &Card, reason: Reason) -> bool {
        !card.suspended
            && !card.retired
            && match reason {
                Reason::Drill => card.state.in_drill(self.today),
                Reason::Review => card.state.is_due(self.today),
                Reason::New => card.state.is_new(),
                Reason::Cram => true,
            }
    }

    /// Looks at the queue again once the list is done: follow-ups unlocked during the session
    /// may have joined it (within the day's new-card allowance). Returns how many were added.
    fn refill(&mut self) -> anyhow::Result<usize> {
        if self.budget == Some(0) {
            return Ok(0);
        }
        let room = self.budget.unwrap_or(usize::MAX);
        let fresh: Vec<Entry> = self
            .desk
            .queue()?
            .iter()
            .filter(|(card, _)| !self.seen.contains(&card.id))
            .take(room)
            .map(|(card, reason)| Entry::of(card, *reason))
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
        // A resized terminal lays the screen out at its new width.
        if let Some(columns) = self.prompter.columns() {
            self.style.width = columns;
        }
        let screen = match side {
            Side::Front => render_front(shown, self.style),
            Side::Back => {
                let outcomes = self.desk.outcomes(card);
                render_back(shown, &outcomes, self.today, self.style)
            }
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
                    let graded = match self.desk.answer(&card, grade, taken_ms) {
                        Ok(graded) => graded,
                        // Another program holds the database: the card stays, to be graded
                        // again (or left with `q`).
                        Err(err)
                            if matches!(
                                err.downcast_ref::<crate::store::StoreError>(),
                                Some(crate::store::StoreError::Busy)
                            ) =>
                        {
                            self.prompter.message(
                                "Not saved: another program has held the database for too \
                                 long. Grade again, or q to quit.",
                            )?;
                            continue;
                        }
                        Err(err) => match err.downcast::<Refusal>() {
                            // Graded, suspended or locked elsewhere meanwhile: say so and
                            // move on; nothing was written. (`--force` is no advice here.)
                            Ok(refusal) => {
                                let said = match refusal {
                                    Refusal::NotDue { key, .. } => Refusal::Changed(key),
                                    refusal => refusal,
                                };
                                self.pending = Some(format!("{said}."));
                                self.cursor += 1;
                                return Ok(Step::Next);
                            }
                            Err(err) => return Err(err),
                        },
                    };
                    // A drill comes back at the end; practice (cram) never reschedules.
                    let schedules = matches!(
                        graded.outcome.kind,
                        ReviewKind::Schedule | ReviewKind::Drill
                    );
                    if schedules && graded.outcome.in_drill(self.today) {
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
                    self.desk.suspend(&card)?;
                    self.suspended += 1;
                    self.pending = Some(format!("Suspended {}.", entry.key));
                    self.last_suspended = Some(entry.key.clone());
                    self.cursor += 1;
                    return Ok(Step::Next);
                }
                Action::Note => {
                    if let Some(text) = self.prompter.edit_note(card.note.as_deref())? {
                        // Shown as kept: trimmed, control characters dropped.
                        card.note = self.desk.set_note(card.id, &text)?;
                        self.pending = Some(note_said(card.note.as_deref()).to_string());
                    }
                    self.draw(&card, entry.reason, side)?;
                }
                Action::Help => self.prompter.message(&render_help())?,
                Action::Redraw => self.draw(&card, entry.reason, side)?,
                // No clock here.
                Action::Tick => {}
                Action::Quit => return Ok(Step::Quit),
            }
        }
    }

    /// Takes back the last grade of this session and puts its card back on screen. Returns
    /// false (and says why) when there is nothing to take back.
    fn undo(&mut self) -> anyhow::Result<bool> {
        let Some(done) = self.history.last() else {
            // `u` takes back grades; a suspend is undone by name.
            let message = match &self.last_suspended {
                Some(key) => format!(
                    "No grade to take back in this session; `recall unsuspend {key}` puts {key} back."
                ),
                None => "Nothing to undo in this session.".to_string(),
            };
            self.prompter.message(&message)?;
            return Ok(false);
        };
        let expected = done.entry.card_id;
        if let Err(err) = self.desk.undo(done.graded.review_id, &done.entry.key) {
            match err.downcast::<Refusal>() {
                // Another process graded the card after this session did; its grade stays.
                Ok(refusal) => {
                    self.prompter.message(&format!("{refusal}."))?;
                    return Ok(false);
                }
                Err(err) => return Err(err),
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
        let outlook = self.desk.outlook()?;
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
                .filter(|d| d.graded.outcome.kind == ReviewKind::Drill)
                .count(),
            suspended: self.suspended,
            unlocked,
            left: self.list.len().saturating_sub(self.cursor),
            due_tomorrow: outlook.due_tomorrow,
            new_tomorrow: outlook.new_tomorrow,
            next_due: outlook.next_due,
            total_cards: outlook.cards,
        })
    }
}
