//! The learner's use cases over the store: today's queue, answering a card, taking an answer
//! back. `recall grade`, `recall undo` and the review session all go through here, so a rule
//! (the gate, the limits, what "due" means) is applied the same way whoever asks.

use anyhow::Result;
use chrono::{Days, NaiveDate, Utc};

use crate::card::{Card, Review, Status};
use crate::deck::CardKind;
use crate::interview::pacing;
use crate::scheduler::queue::{Allowance, assemble};
use crate::scheduler::{Clock, Grade, MasteryRule, Outcome, Reason, ReviewKind};
use crate::settings::Settings;
use crate::store::{self, Answer, CardFilter, Change, Store, UndoRefused};
use crate::text;

/// Why a card cannot be named or answered now. Each says what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no card '{0}': see `recall list` for the keys")]
    NoCard(String),
    #[error("card '{reference}' is in several decks ({}): write DECK:KEY, e.g. {}:{key}", decks.join(", "), decks[0])]
    Ambiguous {
        reference: String,
        key: String,
        decks: Vec<String>,
    },
    #[error(
        "card {0} was removed from its deck (retired): its history is kept, but it takes no more reviews"
    )]
    Retired(String),
    #[error("card {0} is suspended: `recall unsuspend {0}` first")]
    Suspended(String),
    #[error("card {key} is locked: {reason}")]
    Locked { key: String, reason: String },
    #[error("card {key} is not due until {due}; add --force to review it early")]
    NotDue { key: String, due: String },
    #[error("card {0} was just graded elsewhere; nothing written")]
    Changed(String),
    #[error("card {0} was graded again since; nothing undone")]
    GradedSince(String),
    #[error("the last {} was on {day}; add --force to undo it", if *review { "review" } else { "change" })]
    EarlierDay { day: NaiveDate, review: bool },
}

/// Why a locked card is locked, in words: `master question 12 first — 2 more successful reviews`.
pub fn lock_reason(card: &Card, rule: &MasteryRule) -> String {
    let parent = card.parent_key.as_deref().unwrap_or("?");
    let missing = card
        .parent_progress
        .and_then(|p| rule.missing(p))
        .unwrap_or_default();
    format!("master question {parent} first — {missing}")
}

/// Finds the card a user named: `KEY`, or `DECK:KEY` when several decks are loaded. A
/// retired card answers only when no active card has the key (grading it then says why).
pub fn resolve_card(store: &Store, reference: &str) -> Result<Card> {
    let reference = reference.trim();
    let (deck_id, key) = match reference.split_once(':') {
        Some((deck, key)) => match store.deck_id(deck.trim())? {
            Some(id) => (Some(id), key.trim()),
            None => (None, reference),
        },
        None => (None, reference),
    };
    let mut found = store.cards_with_key(key, deck_id)?;
    if found.is_empty()
        && let Some(card) = store.retired_card_with_key(key, deck_id)?
    {
        return Ok(card);
    }
    match found.len() {
        0 => Err(Refusal::NoCard(reference.to_string()).into()),
        1 => Ok(found.remove(0)),
        _ => Err(Refusal::Ambiguous {
            reference: reference.to_string(),
            key: key.to_string(),
            decks: found.into_iter().map(|c| c.deck_slug).collect(),
        }
        .into()),
    }
}

/// Refuses a grade the card cannot take today, saying why; `force` allows one not due yet.
pub fn check_gradable(
    card: &Card,
    rule: &MasteryRule,
    today: NaiveDate,
    force: bool,
) -> Result<(), Refusal> {
    match card.status(rule) {
        Status::Retired => Err(Refusal::Retired(card.key.clone())),
        Status::Suspended => Err(Refusal::Suspended(card.key.clone())),
        Status::Locked => Err(Refusal::Locked {
            key: card.key.clone(),
            reason: lock_reason(card, rule),
        }),
        Status::New => Ok(()),
        Status::Review if card.state.is_due(today) || force => Ok(()),
        Status::Review => Err(Refusal::NotDue {
            key: card.key.clone(),
            due: card.state.due.map_or("later".into(), |d| {
                format!("{d} ({})", text::relative(d, today))
            }),
        }),
    }
}

/// What answering a card did.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub outcome: Outcome,
    /// The log row written, so exactly this answer can be taken back.
    pub review_id: i64,
    /// Keys of the follow-ups the answer unlocked, in document order.
    pub unlocked: Vec<String>,
}

/// Answers `card` as the caller saw it: checks it may be graded, computes the outcome from
/// that state and writes it in one transaction that refuses ([`Refusal::Changed`]) when
/// the card moved meanwhile. Nothing is read after the commit.
pub fn answer(
    store: &mut Store,
    settings: &Settings,
    clock: &Clock,
    card: &Card,
    grade: Grade,
    taken_ms: Option<u64>,
    force: bool,
) -> Result<Graded> {
    check_gradable(card, &settings.rule, clock.today, force)?;
    let outcome = scheduled_outcome(card, settings, grade, clock.today);
    write_outcome(store, settings, clock, card, outcome, taken_ms)
}

/// What answering `card` with `grade` on `today` writes: SM-2's outcome, with the due date
/// pulled in to the eve of an interview date ahead. The review screen's preview is built from
/// the same values, so it shows the day the card will really come back.
fn scheduled_outcome(card: &Card, settings: &Settings, grade: Grade, today: NaiveDate) -> Outcome {
    let outcome = card.state.outcome(grade, today);
    pacing::pull_in(outcome, settings.interview_date, today)
}

/// A practice grade (cram): logged, the card's state before and after the same.
fn practice_outcome(card: &Card, grade: Grade) -> Outcome {
    Outcome {
        grade,
        kind: ReviewKind::Cram,
        before: card.state,
        after: card.state,
    }
}

/// Writes an outcome computed from `card` as the caller saw it, refusing
/// ([`Refusal::Changed`]) when the card moved meanwhile.
fn write_outcome(
    store: &mut Store,
    settings: &Settings,
    clock: &Clock,
    card: &Card,
    outcome: Outcome,
    taken_ms: Option<u64>,
) -> Result<Graded> {
    let answer = Answer {
        card_id: card.id,
        outcome,
        answered_at: clock.now.with_timezone(&Utc),
        day: clock.today,
        taken_ms,
    };
    let Some(answered) = store.answer(&answer, &settings.rule)? else {
        return Err(Refusal::Changed(card.key.clone()).into());
    };
    Ok(Graded {
        outcome,
        review_id: answered.review_id,
        unlocked: answered.unlocked,
    })
}

/// Logs a practice grade (cram): kind `cram`, the card's state before and after the same.
/// Written like any answer, so a card graded elsewhere meanwhile is refused.
pub fn practise(
    store: &mut Store,
    settings: &Settings,
    clock: &Clock,
    card: &Card,
    grade: Grade,
    taken_ms: u64,
) -> Result<Graded> {
    if card.retired {
        return Err(Refusal::Retired(card.key.clone()).into());
    }
    let outcome = practice_outcome(card, grade);
    write_outcome(store, settings, clock, card, outcome, Some(taken_ms))
}

/// What `recall undo` took back, with its card as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub what: store::Undone,
    pub card: Card,
}

/// Takes back the newest change of any kind (`recall undo`); `None` when there is none. One
/// made on an earlier day needs `force`.
pub fn undo_last(store: &mut Store, today: NaiveDate, force: bool) -> Result<Option<Undone>> {
    let what = match store.undo_last(today, force)? {
        Ok(what) => what,
        Err(UndoRefused::Nothing) => return Ok(None),
        Err(UndoRefused::EarlierDay { day, review }) => {
            return Err(Refusal::EarlierDay { day, review }.into());
        }
        // The last review's card moved without a review (cannot happen through recall).
        Err(UndoRefused::GradedSince) => {
            anyhow::bail!("the last review no longer matches its card; nothing undone")
        }
    };
    let card_id = match &what {
        store::Undone::Review(r) => r.card_id,
        store::Undone::Change(c) => c.card_id,
    };
    let card = store
        .card(card_id)?
        .ok_or_else(|| anyhow::anyhow!("the card of the undone change is gone"))?;
    Ok(Some(Undone { what, card }))
}

/// Takes back one answer by its log row, if its card has not been graded since.
pub fn undo_answer(store: &mut Store, review_id: i64, key: &str) -> Result<Review> {
    store
        .undo_review(review_id)?
        .map_err(|_| Refusal::GradedSince(key.to_string()).into())
}

/// Suspends, unsuspends or unlocks a card, journaled so `undo` can take it back. Returns
/// false when the card already was that way.
pub fn change(store: &mut Store, clock: &Clock, card: &Card, change: Change) -> Result<bool> {
    Ok(store.change(card.id, change, clock.now.with_timezone(&Utc), clock.today)?)
}

/// Today's queue: drills, due reviews (oldest first), then new cards in document order that
/// the mastery gate lets through, within what today's limits have left.
pub fn today_queue(
    store: &Store,
    settings: &Settings,
    today: NaiveDate,
    filter: CardFilter,
) -> Result<Vec<(Card, Reason)>> {
    let (new_done, reviews_done) = store.done_today(today)?;
    let allowance = Allowance::remaining(
        new_per_day(store, settings, today, filter)?,
        settings.reviews_per_day,
        new_done,
        reviews_done,
    );
    let drills = store.drill_cards(today, filter)?;
    let reviews = store.due_reviews(today, filter, allowance.reviews)?;
    let mains_first = pacing::is_ahead(settings.interview_date, today);
    let new = new_cards(store, settings, filter, allowance.new_cards, mains_first)?;
    let mut by_id: std::collections::HashMap<i64, Card> = drills
        .iter()
        .chain(&reviews)
        .chain(&new)
        .map(|c| (c.id, c.clone()))
        .collect();
    let order = assemble(
        drills.iter().map(|c| c.id),
        reviews.iter().map(|c| c.id),
        new.iter().map(|c| c.id),
        allowance,
    );
    Ok(order
        .into_iter()
        .filter_map(|e| by_id.remove(&e.card_id).map(|c| (c, e.reason)))
        .collect())
}

/// The day's new-card allowance: `new_per_day`, raised as far as an interview date ahead
/// requires (see [`pacing::new_needed`]).
fn new_per_day(
    store: &Store,
    settings: &Settings,
    day: NaiveDate,
    filter: CardFilter,
) -> Result<u32> {
    // `review --extra-new` raises the day's own allowance; pacing may raise it further.
    if !pacing::is_ahead(settings.interview_date, day) {
        return Ok(settings.new_cards_on(day));
    }
    let (_, _, left) = store.main_counts(filter, day)?;
    Ok(pacing::new_per_day(
        settings.new_cards_on(day),
        settings.interview_date,
        day,
        left,
    ))
}

/// Up to `limit` new cards the gate lets through: first the main questions failed in a mock
/// interview before they were ever studied, then document order; with `mains_first` (pacing
/// to an interview date) every main question comes before any follow-up.
fn new_cards(
    store: &Store,
    settings: &Settings,
    filter: CardFilter,
    limit: usize,
    mains_first: bool,
) -> Result<Vec<Card>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut new = store.new_mains_failed_in_interview(filter)?;
    new.truncate(limit);
    let first: std::collections::HashSet<i64> = new.iter().copied().collect();
    let passes: &[Option<CardKind>] = if mains_first {
        &[Some(CardKind::Main), Some(CardKind::Followup)]
    } else {
        &[None]
    };
    for kind in passes {
        if new.len() >= limit {
            break;
        }
        store.scan_new_cards(filter, |card| {
            if kind.is_none_or(|k| k == card.kind)
                && !card.is_locked(&settings.rule)
                && !first.contains(&card.id)
            {
                new.push(card.id);
            }
            new.len() < limit
        })?;
    }
    Ok(store.cards_by_id(&new)?)
}

/// Sets (or with `None` or blank text, removes) the learner's note on a card; returns the
/// note as kept. Text from outside goes in without control characters: a pasted escape
/// sequence would otherwise act on every terminal that later shows the note.
pub fn set_note(
    store: &mut Store,
    clock: &Clock,
    card_id: i64,
    note: Option<&str>,
) -> Result<Option<String>> {
    let note = note
        .map(|n| {
            n.chars()
                .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
                .collect::<String>()
        })
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    store.set_note(card_id, note.as_deref(), clock.now.with_timezone(&Utc))?;
    Ok(note)
}

/// What lies ahead once today's queue is done, for the summary and the nothing-due message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Cards in tomorrow's queue if nothing more is done today: due reviews, unfinished
    /// drills excluded, plus new cards within tomorrow's allowance.
    pub due_tomorrow: usize,
    /// Of them, the new cards (`forecast` counts the reviews alone).
    pub new_tomorrow: usize,
    /// The first day after today whose queue is not empty; `None` when no card is scheduled
    /// and no new card is waiting (all locked or suspended).
    pub next_due: Option<NaiveDate>,
    /// Cards in the selection that are not retired, whatever their status; 0 means the
    /// learner has no cards at all.
    pub cards: usize,
}

/// What tomorrow holds for the selection.
pub fn outlook(
    store: &Store,
    settings: &Settings,
    today: NaiveDate,
    filter: CardFilter,
) -> Result<Outlook> {
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let reviews = store
        .count_due_by(tomorrow, filter)?
        .min(settings.reviews_per_day as usize);
    let mut new = 0usize;
    let wanted = new_per_day(store, settings, tomorrow, filter)? as usize;
    if wanted > 0 {
        store.scan_new_cards(filter, |card| {
            if !card.is_locked(&settings.rule) {
                new += 1;
            }
            new < wanted
        })?;
    }
    let next_due = if new > 0 {
        Some(tomorrow)
    } else {
        store.next_due_after(today, filter)?
    };
    Ok(Outlook {
        due_tomorrow: reviews + new,
        new_tomorrow: new,
        next_due,
        cards: store.count_cards(filter)?,
    })
}

/// Which cards a cram session takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CramStatus {
    New,
    Review,
    /// New and reviewed cards, locked follow-ups left out (the default).
    Studied,
    /// Locked follow-ups too.
    All,
}

impl CramStatus {
    /// Whether a card belongs in a cram session of this status (never retired or suspended).
    pub fn takes(self, card: &Card, rule: &MasteryRule) -> bool {
        use CramStatus::{All, New, Review, Studied};
        matches!(
            (card.status(rule), self),
            (Status::New, New | Studied | All)
                | (Status::Review, Review | Studied | All)
                | (Status::Locked, All)
        )
    }
}

/// What a session is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Practice {
    /// Today's queue, graded by SM-2.
    Review,
    /// Chosen cards, in document order; grades are logged as `cram` and move nothing.
    Cram(CramStatus),
}

/// A review session's hold on the database: the store, the day, the learner's settings and
/// the deck/topic selection. Every call commits before it returns, so quitting, a closed
/// terminal or a killed process loses nothing already graded.
pub struct Desk<'a> {
    pub store: &'a mut Store,
    pub settings: &'a Settings,
    pub clock: &'a Clock,
    pub filter: CardFilter,
    pub practice: Practice,
}

impl Desk<'_> {
    pub fn today(&self) -> NaiveDate {
        self.clock.today
    }

    pub fn queue(&self) -> Result<Vec<(Card, Reason)>> {
        match self.practice {
            Practice::Review => {
                today_queue(self.store, self.settings, self.clock.today, self.filter)
            }
            Practice::Cram(status) => {
                let rule = &self.settings.rule;
                Ok(self
                    .store
                    .cards(self.filter)?
                    .into_iter()
                    .filter(|c| status.takes(c, rule))
                    .map(|c| (c, Reason::Cram))
                    .collect())
            }
        }
    }

    /// The card as stored now; `None` if it is gone.
    pub fn card(&self, card_id: i64) -> Result<Option<Card>> {
        Ok(self.store.card(card_id)?)
    }

    /// Answers the card as the session last saw it; the same use case as `recall grade`, or
    /// in a cram session a logged grade that changes nothing.
    pub fn answer(&mut self, card: &Card, grade: Grade, taken_ms: u64) -> Result<Graded> {
        if let Practice::Cram(_) = self.practice {
            return practise(self.store, self.settings, self.clock, card, grade, taken_ms);
        }
        answer(
            self.store,
            self.settings,
            self.clock,
            card,
            grade,
            Some(taken_ms),
            false,
        )
    }

    /// What each grade, 0 to 5, would do to the card in this session: exactly what
    /// [`Desk::answer`] writes for it.
    pub fn outcomes(&self, card: &Card) -> [Outcome; 6] {
        let today = self.clock.today;
        Grade::ALL.map(|grade| match self.practice {
            Practice::Review => scheduled_outcome(card, self.settings, grade, today),
            Practice::Cram(_) => practice_outcome(card, grade),
        })
    }

    /// Takes back one of the session's own answers.
    pub fn undo(&mut self, review_id: i64, key: &str) -> Result<Review> {
        undo_answer(self.store, review_id, key)
    }

    /// Puts the card aside, journaled like `recall suspend`.
    pub fn suspend(&mut self, card: &Card) -> Result<()> {
        change(self.store, self.clock, card, Change::Suspend)?;
        Ok(())
    }

    /// Sets the learner's note; blank text removes it. Returns the note as kept.
    pub fn set_note(&mut self, card_id: i64, note: &str) -> Result<Option<String>> {
        set_note(self.store, self.clock, card_id, Some(note))
    }

    pub fn outlook(&self) -> Result<Outlook> {
        outlook(self.store, self.settings, self.clock.today, self.filter)
    }
}
