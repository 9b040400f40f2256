//! Recall's SM-2 state and review log in Anki's terms, as pure functions over plain values.
//!
//! Day alignment: `col.crt` is noon UTC of the export's scheduling day `today`. Anki (no
//! `creationOffset` in the config, so its "legacy" day count) counts days from the local
//! calendar date of `crt` at its rollover hour; noon UTC has the same calendar date in
//! every zone within ±12 h, so day 0 is `today` and a review card's `due` is `(its SM-2 due
//! date − today)` in days (negative when overdue). Anki's importer shifts review due
//! numbers by the days elapsed since `crt`, so a package imported days later still shows
//! each card on its own due date.
//!
//! Decisions on recall states Anki does not have:
//! - A locked follow-up is exported as a new card, queued after every unlocked new card,
//!   so Anki introduces main questions first and the follow-ups when those run out (Anki
//!   has no mastery gate; suspending 400 cards would hide them for good from a learner who
//!   does not know to unsuspend). Without progress every follow-up is still locked for the
//!   learner, so all of them come after the main questions.
//! - A same-day drill is not carried: the card stays a review card on its SM-2 due date,
//!   which after a failed grade is tomorrow (interval 1), as recall itself schedules it.
//!   Anki's (re)learning queues count in seconds and would reschedule by Anki's own steps.

use chrono::{DateTime, NaiveDate, Utc};
use rustc_hash::FxHashMap;

use crate::card::{Card, ReviewBrief, ReviewKind, Status};
use crate::deck::CardKind;
use crate::export::ExportOptions;
use crate::scheduler::Grade;

/// Anki caps a review's recorded time at this (its default `maxTaken`, 60 s).
const MAX_TAKEN_MS: u64 = 60_000;

// Anki card types and queues.
const TYPE_NEW: i64 = 0;
const TYPE_REVIEW: i64 = 2;
const QUEUE_SUSPENDED: i64 = -1;
const QUEUE_NEW: i64 = 0;
const QUEUE_REVIEW: i64 = 2;
// Anki revlog types.
const REVLOG_LEARN: i64 = 0;
const REVLOG_REVIEW: i64 = 1;
const REVLOG_RELEARN: i64 = 2;
/// Anki's "filtered" review: practice that leaves the schedule alone (cram, mock interviews).
const REVLOG_FILTERED: i64 = 3;

/// Anki's card scheduling columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scheduling {
    /// `cards.type`: new or review.
    pub(super) ctype: i64,
    /// `cards.queue`: new, review or suspended.
    pub(super) queue: i64,
    /// `cards.due`: a new card's position, a review card's day relative to `col.crt`.
    pub(super) due: i64,
    /// `cards.ivl`, in days.
    pub(super) ivl: i64,
    /// `cards.factor`, the ease in permille.
    pub(super) factor: i64,
    /// `cards.reps`: the reviews in the log.
    pub(super) reps: i64,
    /// `cards.lapses`.
    pub(super) lapses: i64,
}

impl Scheduling {
    fn new_card(position: i64) -> Scheduling {
        Scheduling {
            ctype: TYPE_NEW,
            queue: QUEUE_NEW,
            due: position,
            ivl: 0,
            factor: 0,
            reps: 0,
            lapses: 0,
        }
    }

    /// Whether Anki sees the card as never studied, so it carries no review log.
    pub(super) fn is_new(&self) -> bool {
        self.ctype == TYPE_NEW
    }
}

/// Where a card goes in Anki. `reviews` is the length of its log, `position` its place
/// among all exported cards (from 1), `total` their number.
pub(super) fn scheduling(
    card: &Card,
    reviews: usize,
    opts: &ExportOptions,
    position: i64,
    total: i64,
) -> Scheduling {
    let status = card.status(&opts.rule);
    let mut sched = if !opts.with_progress {
        // A learner starting afresh in Anki has every follow-up still to unlock.
        match card.kind {
            CardKind::Main => Scheduling::new_card(position),
            CardKind::Followup => Scheduling::new_card(total + position),
        }
    } else if status == Status::Locked {
        Scheduling::new_card(total + position)
    } else if card.state.is_new() {
        Scheduling::new_card(position)
    } else {
        let state = &card.state;
        let due_days = state
            .due
            .map(|due| (due - opts.today).num_days())
            .unwrap_or(0);
        Scheduling {
            ctype: TYPE_REVIEW,
            queue: QUEUE_REVIEW,
            due: due_days,
            ivl: i64::from(state.sm2.interval_days.max(1)),
            factor: i64::from(state.sm2.ease_hundredths) * 10,
            reps: i64::try_from(reviews).unwrap_or(i64::MAX),
            lapses: i64::from(state.lapses),
        }
    };
    if status == Status::Suspended {
        sched.queue = QUEUE_SUSPENDED;
    }
    sched
}

/// `col.crt` in seconds: noon UTC of `today`, the day the review cards' `due` counts from.
pub(super) fn collection_created_secs(today: NaiveDate, now: DateTime<Utc>) -> i64 {
    today
        .and_hms_opt(12, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or_else(|| now.timestamp())
}

/// A review as Anki's `revlog` columns, without its id and card id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RevlogEntry {
    /// `revlog.ease`: the answer button, 1 Again to 4 Easy.
    pub(super) ease: i64,
    /// `revlog.ivl`: the interval after the review, in days.
    pub(super) ivl: i64,
    /// `revlog.lastIvl`: the interval before it, in days.
    pub(super) last_ivl: i64,
    /// `revlog.factor`: the ease after the review, in permille.
    pub(super) factor: i64,
    /// `revlog.time`, in milliseconds.
    pub(super) taken_ms: i64,
    /// `revlog.type`: learn, review or relearn.
    pub(super) kind: i64,
}

impl RevlogEntry {
    /// The log entry Anki would have written for `review`.
    pub(super) fn of(review: &ReviewBrief) -> RevlogEntry {
        RevlogEntry {
            ease: anki_ease(review.grade),
            ivl: i64::from(review.interval_days_after),
            last_ivl: i64::from(review.interval_days_before),
            factor: i64::from(review.ease_hundredths_after * 10),
            taken_ms: i64::try_from(review.taken_ms.unwrap_or(0).min(MAX_TAKEN_MS)).unwrap_or(0),
            kind: revlog_type(review),
        }
    }
}

/// SM-2 grades on Anki's four buttons: 0-2 Again, 3 Hard, 4 Good, 5 Easy.
fn anki_ease(grade: Grade) -> i64 {
    match grade.value() {
        0..=2 => 1,
        3 => 2,
        4 => 3,
        _ => 4,
    }
}

/// Anki's revlog type: the first grade learns, a grade after a fail relearns, drills
/// repeat (re)learning within the day, practice outside the schedule is filtered.
fn revlog_type(review: &ReviewBrief) -> i64 {
    match review.kind {
        ReviewKind::Schedule if review.was_new => REVLOG_LEARN,
        ReviewKind::Schedule if review.was_unrepeated => REVLOG_RELEARN,
        ReviewKind::Schedule => REVLOG_REVIEW,
        ReviewKind::Drill if review.introduced_that_day => REVLOG_LEARN,
        ReviewKind::Drill => REVLOG_RELEARN,
        ReviewKind::Cram | ReviewKind::Interview => REVLOG_FILTERED,
    }
}

/// When the note's fields last changed: the card's own text, or for a follow-up also its
/// parent's text (the Context field shows the parent question). Anki updates a note on
/// import only when this is newer than its copy, so a reworded main question must reach its
/// follow-ups too. `changed_at` maps the deck's card keys to their `text_changed_at`.
pub(super) fn note_changed_at(
    card: &Card,
    changed_at: &FxHashMap<&str, DateTime<Utc>>,
) -> DateTime<Utc> {
    card.parent_key
        .as_deref()
        .and_then(|key| changed_at.get(key))
        .map_or(card.text_changed_at, |&parent| {
            parent.max(card.text_changed_at)
        })
}

/// When the card last changed (`cards.mod`): its note's change or its last review (the
/// last in the log), the later.
pub(super) fn card_changed_at(
    note_changed_at: DateTime<Utc>,
    last_review: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    last_review.unwrap_or(note_changed_at).max(note_changed_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{CardState, Review};
    use crate::export::fixtures::{Fixture, at, cards, day, options};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// The fixture deck's card with `key`.
    fn fixture(key: &str) -> Result<Fixture, String> {
        cards()
            .into_iter()
            .find(|c| c.card.key == key)
            .ok_or_else(|| format!("no card {key} in the fixture deck"))
    }

    fn new_at(position: i64, queue: i64) -> Scheduling {
        Scheduling {
            queue,
            ..Scheduling::new_card(position)
        }
    }

    #[test]
    fn without_progress_every_card_is_new_and_follow_ups_come_after_main_questions() -> TestResult {
        let opts = options(false);
        for (key, position, due, queue) in [
            ("1", 1, 1, QUEUE_NEW),
            ("1.1", 2, 7, QUEUE_NEW),
            ("2", 3, 3, QUEUE_NEW),
            ("4", 4, 4, QUEUE_SUSPENDED),
        ] {
            let c = fixture(key)?;
            assert_eq!(
                scheduling(&c.card, c.reviews.len(), &opts, position, 5),
                new_at(due, queue),
                "card {key}"
            );
        }
        Ok(())
    }

    #[test]
    fn with_progress_a_reviewed_card_is_a_review_card_on_its_sm2_state() -> TestResult {
        let c = fixture("2")?;
        // Due the 10th, exported on the 9th: day 1 after the collection's day 0.
        assert_eq!(
            scheduling(&c.card, c.reviews.len(), &options(true), 3, 5),
            Scheduling {
                ctype: TYPE_REVIEW,
                queue: QUEUE_REVIEW,
                due: 1,
                ivl: 1,
                factor: 2280,
                reps: 5,
                lapses: 1,
            }
        );
        Ok(())
    }

    #[test]
    fn an_overdue_card_has_a_negative_due_day() -> TestResult {
        let c = fixture("2")?;
        let mut opts = options(true);
        opts.today = day(12);
        assert_eq!(scheduling(&c.card, c.reviews.len(), &opts, 3, 5).due, -2);
        Ok(())
    }

    #[test]
    fn a_suspended_review_card_keeps_its_state_in_the_suspended_queue() -> TestResult {
        let mut c = fixture("2")?;
        c.card.suspended = true;
        assert_eq!(
            scheduling(&c.card, c.reviews.len(), &options(true), 3, 5),
            Scheduling {
                ctype: TYPE_REVIEW,
                queue: QUEUE_SUSPENDED,
                due: 1,
                ivl: 1,
                factor: 2280,
                reps: 5,
                lapses: 1,
            }
        );
        Ok(())
    }

    #[test]
    fn with_progress_a_locked_followup_is_new_after_every_unlocked_card() -> TestResult {
        let opts = options(true);
        let locked = fixture("1.1")?;
        assert_eq!(
            scheduling(&locked.card, 0, &opts, 2, 5),
            new_at(7, QUEUE_NEW)
        );
        let mut opened = locked.card;
        opened.unlocked = true;
        assert_eq!(scheduling(&opened, 0, &opts, 2, 5), new_at(2, QUEUE_NEW));
        Ok(())
    }

    #[test]
    fn grades_map_to_anki_buttons() {
        assert_eq!(Grade::ALL.map(anki_ease), [1, 1, 1, 2, 3, 4]);
    }

    #[test]
    fn the_review_log_learns_reviews_and_relearns() -> TestResult {
        // Card 2: 4, 4, a fail and a drill on the 8th, then 5 on the 9th.
        let entries: Vec<RevlogEntry> = fixture("2")?
            .reviews
            .iter()
            .map(|r| RevlogEntry::of(&r.into()))
            .collect();
        let entry = |ease, ivl, last_ivl, factor, kind| RevlogEntry {
            ease,
            ivl,
            last_ivl,
            factor,
            taken_ms: MAX_TAKEN_MS as i64,
            kind,
        };
        assert_eq!(
            entries,
            vec![
                entry(3, 1, 0, 2500, REVLOG_LEARN),
                entry(3, 6, 1, 2500, REVLOG_REVIEW),
                entry(1, 1, 6, 2180, REVLOG_REVIEW),
                entry(3, 1, 1, 2180, REVLOG_RELEARN),
                entry(4, 1, 1, 2280, REVLOG_RELEARN),
            ]
        );
        Ok(())
    }

    #[test]
    fn a_drill_on_the_first_day_is_still_learning() -> TestResult {
        let before = CardState::default();
        let failed = before.outcome(Grade::new(2)?, day(1)).after;
        let drill = failed.outcome(Grade::new(4)?, day(1));
        assert_eq!(drill.kind, ReviewKind::Drill);
        let review = Review {
            id: 2,
            card_id: 1,
            answered_at: at(1, 10),
            day: day(1),
            grade: Grade::new(4)?,
            kind: drill.kind,
            taken_ms: None,
            before: failed,
            after: drill.after,
        };
        assert_eq!(
            RevlogEntry::of(&ReviewBrief::from(&review)),
            RevlogEntry {
                ease: 3,
                ivl: 1,
                last_ivl: 1,
                factor: 2180,
                taken_ms: 0,
                kind: REVLOG_LEARN,
            }
        );
        Ok(())
    }

    #[test]
    fn a_followup_note_changes_with_its_parent_question() -> TestResult {
        let mut follow = fixture("1.1")?.card;
        follow.text_changed_at = at(3, 8);
        let parent_edited = FxHashMap::from_iter([("1", at(7, 9))]);
        let parent_older = FxHashMap::from_iter([("1", at(2, 9))]);
        assert_eq!(
            [
                note_changed_at(&follow, &parent_edited),
                note_changed_at(&follow, &parent_older),
                note_changed_at(&follow, &FxHashMap::default()),
                note_changed_at(&fixture("1")?.card, &parent_edited),
            ],
            [at(7, 9), at(3, 8), at(3, 8), at(1, 8)]
        );
        Ok(())
    }

    #[test]
    fn a_card_changes_with_its_note_or_its_last_review() -> TestResult {
        let reviews = fixture("2")?.reviews;
        let last_review = reviews.last().ok_or("no reviews")?.answered_at;
        assert_eq!(
            [
                card_changed_at(at(1, 8), reviews.last().map(|r| r.answered_at)),
                card_changed_at(at(20, 8), reviews.last().map(|r| r.answered_at)),
                card_changed_at(at(1, 8), None),
            ],
            [last_review, at(20, 8), at(1, 8)]
        );
        Ok(())
    }

    #[test]
    fn the_collection_starts_at_noon_utc_of_today() {
        assert_eq!(
            collection_created_secs(day(9), at(9, 23)),
            at(9, 12).timestamp()
        );
    }
}
