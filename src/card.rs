//! A card as the program sees it: the document's text plus the learner's state.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::deck::CardKind;
use crate::scheduler::{Grade, MasteryRule, Progress, Sm2State};

/// The learner's state of one card; the review log holds its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardState {
    pub sm2: Sm2State,
    /// Next scheduled review day; `None` while the card is new.
    pub due: Option<NaiveDate>,
    /// Failing scheduling grades after the card was first learned.
    pub lapses: u32,
    /// Grade of the last scheduling review.
    pub last_grade: Option<Grade>,
    /// The day on which the card is in same-day drill (graded below 4 and not yet 4 or 5).
    pub drill_day: Option<NaiveDate>,
    /// Day of the first scheduling review; `None` while new.
    pub introduced_on: Option<NaiveDate>,
}

impl CardState {
    pub fn progress(&self) -> Progress {
        Progress {
            repetitions: self.sm2.repetitions,
            interval_days: self.sm2.interval_days,
            last_grade: self.last_grade,
        }
    }

    pub fn is_new(&self) -> bool {
        self.introduced_on.is_none()
    }
}

/// Where a card stands, in the order that decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Removed from its deck; kept with its history, out of every queue.
    Retired,
    /// Put aside by the learner.
    Suspended,
    /// A follow-up whose main question is not mastered yet.
    Locked,
    /// Never reviewed.
    New,
    /// In the review cycle.
    Review,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::Locked,
        Status::Review,
        Status::Suspended,
        Status::Retired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Retired => "retired",
            Status::Suspended => "suspended",
            Status::Locked => "locked",
            Status::New => "new",
            Status::Review => "review",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Status, String> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                format!("unknown status '{s}': use new, locked, review, suspended or retired")
            })
    }
}

/// Whether a card waits behind the mastery gate: a follow-up (it has a parent) whose parent
/// is not mastered, unless it was already introduced (it then stays in rotation even if the
/// parent lapses) or opened by hand.
pub fn is_locked(
    parent: Option<Progress>,
    unlocked: bool,
    state: &CardState,
    rule: &MasteryRule,
) -> bool {
    parent.is_some_and(|p| !unlocked && state.is_new() && !rule.is_mastered(p))
}

/// Where a card stands; the first that applies of retired, suspended, locked, new, review.
pub fn status_of(retired: bool, suspended: bool, locked: bool, state: &CardState) -> Status {
    if retired {
        Status::Retired
    } else if suspended {
        Status::Suspended
    } else if locked {
        Status::Locked
    } else if state.is_new() {
        Status::New
    } else {
        Status::Review
    }
}

/// A card with its text, its state and what the gate needs of its parent.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub id: i64,
    pub deck_slug: String,
    pub deck_title: String,
    pub topic: String,
    pub key: String,
    pub kind: CardKind,
    pub parent_key: Option<String>,
    /// The parent question's text, shown as context for a follow-up.
    pub parent_question: Option<String>,
    /// The parent's progress, for the mastery gate; `None` for a main question.
    pub parent_progress: Option<Progress>,
    /// Document order within the deck.
    pub position: i64,
    pub question: String,
    pub body: Option<String>,
    pub answer: Option<String>,
    /// The learner's own note.
    pub note: Option<String>,
    /// When the question, body, answer or note last changed (for Anki's note `mod`).
    pub text_changed_at: DateTime<Utc>,
    pub retired: bool,
    pub suspended: bool,
    /// Opened by hand with `recall unlock`.
    pub unlocked: bool,
    pub state: CardState,
}

impl Card {
    pub fn is_locked(&self, rule: &MasteryRule) -> bool {
        is_locked(self.parent_progress, self.unlocked, &self.state, rule)
    }

    pub fn status(&self, rule: &MasteryRule) -> Status {
        status_of(
            self.retired,
            self.suspended,
            self.is_locked(rule),
            &self.state,
        )
    }

    pub fn is_mastered(&self, rule: &MasteryRule) -> bool {
        rule.is_mastered(self.state.progress())
    }

    /// `deck:key`, the reference that works whatever else is loaded.
    pub fn reference(&self) -> String {
        format!("{}:{}", self.deck_slug, self.key)
    }
}

/// Whether a review moved the schedule or was a same-day drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewKind {
    Schedule,
    Drill,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Schedule => "schedule",
            ReviewKind::Drill => "drill",
        }
    }
}

/// One row of the append-only review log.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: i64,
    pub card_id: i64,
    pub answered_at: DateTime<Utc>,
    /// The scheduling day the review counts for.
    pub day: NaiveDate,
    pub grade: Grade,
    pub kind: ReviewKind,
    pub taken_ms: Option<u64>,
    pub before: CardState,
    pub after: CardState,
}

impl CardState {
    /// The state after grading on `today`, and the kind of review that was. The first grade
    /// of a day moves the schedule; a grade below 4 then keeps the card in a same-day drill,
    /// whose grades change nothing but ending the drill with a 4 or 5 (SM-2 step 7).
    pub fn answer(self, grade: Grade, today: NaiveDate) -> (ReviewKind, CardState) {
        if self.drill_day == Some(today) {
            let drill_day = if grade.value() >= 4 {
                None
            } else {
                Some(today)
            };
            return (ReviewKind::Drill, CardState { drill_day, ..self });
        }
        let sm2 = self.sm2.next(grade);
        let lapsed = !grade.is_pass() && self.sm2.repetitions > 0;
        let after = CardState {
            sm2,
            due: today.checked_add_days(chrono::Days::new(u64::from(sm2.interval_days))),
            lapses: self.lapses + u32::from(lapsed),
            last_grade: Some(grade),
            drill_day: (grade.value() < 4).then_some(today),
            introduced_on: self.introduced_on.or(Some(today)),
        };
        (ReviewKind::Schedule, after)
    }

    /// Whether the card waits for a grade today: in a drill, or its review day has come.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.drill_day == Some(today) || self.due.is_some_and(|due| due <= today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn g(v: u8) -> Grade {
        Grade::new(v).unwrap()
    }

    #[test]
    fn first_grade_schedules_the_card() {
        let (kind, after) = CardState::default().answer(g(4), day(1));
        assert_eq!(kind, ReviewKind::Schedule);
        assert_eq!(after.due, Some(day(2)));
        assert_eq!(after.introduced_on, Some(day(1)));
        assert_eq!(after.drill_day, None);
        assert_eq!(after.last_grade, Some(g(4)));
    }

    #[test]
    fn a_low_grade_starts_a_drill_that_changes_nothing_until_a_four() {
        let (_, after_three) = CardState::default().answer(g(3), day(1));
        assert_eq!(after_three.drill_day, Some(day(1)));
        assert!(after_three.is_due(day(1)));

        let (kind, after_two) = after_three.answer(g(2), day(1));
        assert_eq!(kind, ReviewKind::Drill);
        assert_eq!(after_two, after_three);

        let (kind, done) = after_two.answer(g(5), day(1));
        assert_eq!(kind, ReviewKind::Drill);
        assert_eq!(
            done,
            CardState {
                drill_day: None,
                ..after_three
            }
        );
        assert!(!done.is_due(day(1)));
        assert!(done.is_due(day(2)));
    }

    #[test]
    fn a_drill_left_unfinished_ends_with_the_day() {
        let (_, state) = CardState::default().answer(g(1), day(1));
        let (kind, _) = state.answer(g(4), day(2));
        assert_eq!(kind, ReviewKind::Schedule);
    }

    #[test]
    fn lapses_count_fails_of_learned_cards_only() {
        let (_, s) = CardState::default().answer(g(1), day(1));
        assert_eq!(s.lapses, 0);
        let (_, s) = s.answer(g(4), day(2));
        let (_, s) = s.answer(g(2), day(3));
        assert_eq!(s.lapses, 1);
        assert_eq!(s.due, Some(day(4)));
    }
}

/// A card as `show --json` and `list --json` print it (DESIGN §4); `reviews` only in `show`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardView {
    pub deck: String,
    pub key: String,
    pub kind: CardKind,
    pub parent: Option<String>,
    pub topic: String,
    pub question: String,
    pub body: Option<String>,
    pub answer: Option<String>,
    pub note: Option<String>,
    pub status: Status,
    pub mastered: bool,
    pub repetitions: u32,
    pub interval: u32,
    pub ease: f64,
    pub due: Option<NaiveDate>,
    pub lapses: u32,
    pub last_grade: Option<Grade>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews: Option<Vec<ReviewView>>,
}

/// One review as `show --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewView {
    /// RFC 3339 instant.
    pub at: DateTime<Utc>,
    pub day: NaiveDate,
    pub grade: Grade,
    pub kind: ReviewKind,
    pub interval: u32,
    pub ease: f64,
    pub due: Option<NaiveDate>,
    pub taken_ms: Option<u64>,
}

impl Card {
    /// The printable view; pass the reviews for `show`, `None` for listings.
    pub fn view(&self, rule: &MasteryRule, reviews: Option<&[Review]>) -> CardView {
        CardView {
            deck: self.deck_slug.clone(),
            key: self.key.clone(),
            kind: self.kind,
            parent: self.parent_key.clone(),
            topic: self.topic.clone(),
            question: self.question.clone(),
            body: self.body.clone(),
            answer: self.answer.clone(),
            note: self.note.clone(),
            status: self.status(rule),
            mastered: self.is_mastered(rule),
            repetitions: self.state.sm2.repetitions,
            interval: self.state.sm2.interval_days,
            ease: self.state.sm2.ease(),
            due: self.state.due,
            lapses: self.state.lapses,
            last_grade: self.state.last_grade,
            reviews: reviews.map(|rs| {
                rs.iter()
                    .map(|r| ReviewView {
                        at: r.answered_at,
                        day: r.day,
                        grade: r.grade,
                        kind: r.kind,
                        interval: r.after.sm2.interval_days,
                        ease: r.after.sm2.ease(),
                        due: r.after.due,
                        taken_ms: r.taken_ms,
                    })
                    .collect()
            }),
        }
    }
}
