//! A card as the program sees it: the document's text plus the learner's state.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::deck::{CardKind, Level};
pub use crate::scheduler::{CardState, ReviewKind};
use crate::scheduler::{Grade, MasteryRule, Progress};

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
pub fn is_locked(parent: Option<Progress>, unlocked: bool, new: bool, rule: &MasteryRule) -> bool {
    parent.is_some_and(|p| !unlocked && new && !rule.is_mastered(p))
}

/// Where a card stands; the first that applies of retired, suspended, locked, new, review.
pub fn status_of(retired: bool, suspended: bool, locked: bool, new: bool) -> Status {
    if retired {
        Status::Retired
    } else if suspended {
        Status::Suspended
    } else if locked {
        Status::Locked
    } else if new {
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
    /// The main question's level (a follow-up carries its main question's); `None` unmarked.
    pub level: Option<Level>,
}

impl Card {
    pub fn is_locked(&self, rule: &MasteryRule) -> bool {
        is_locked(
            self.parent_progress,
            self.unlocked,
            self.state.is_new(),
            rule,
        )
    }

    pub fn status(&self, rule: &MasteryRule) -> Status {
        status_of(
            self.retired,
            self.suspended,
            self.is_locked(rule),
            self.state.is_new(),
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

/// What an Anki export's log carries of a review: a million of these are read where a
/// whole [`Review`] (two states, eight dates) would cost several times as much to decode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewBrief {
    pub card_id: i64,
    pub answered_at: DateTime<Utc>,
    pub grade: Grade,
    pub kind: ReviewKind,
    pub taken_ms: Option<u64>,
    /// The SM-2 interval before and after, and the ease after.
    pub interval_days_before: u32,
    pub interval_days_after: u32,
    pub ease_hundredths_after: u32,
    /// Whether the card was new before the review.
    pub was_new: bool,
    /// Whether it stood at zero repetitions before (new, or after a lapse).
    pub was_unrepeated: bool,
    /// Whether it was introduced on the review's own day.
    pub introduced_that_day: bool,
}

impl From<&Review> for ReviewBrief {
    fn from(review: &Review) -> ReviewBrief {
        ReviewBrief {
            card_id: review.card_id,
            answered_at: review.answered_at,
            grade: review.grade,
            kind: review.kind,
            taken_ms: review.taken_ms,
            interval_days_before: review.before.sm2.interval_days,
            interval_days_after: review.after.sm2.interval_days,
            ease_hundredths_after: review.after.sm2.ease_hundredths,
            was_new: review.before.is_new(),
            was_unrepeated: review.before.sm2.repetitions == 0,
            introduced_that_day: review.before.introduced_on == Some(review.day),
        }
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
    pub level: Option<Level>,
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
            level: self.level,
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
