//! Exports: Anki packages, Anki-shaped CSV, and JSON with everything.
//! Each takes plain values loaded by `app` and writes one file atomically; the review log,
//! which can be far larger than the cards, is read one card at a time through [`ReviewLog`].

use chrono::{DateTime, NaiveDate, Utc};

use crate::card::{Card, Review, ReviewBrief};
use crate::scheduler::MasteryRule;

/// One deck to export, cards in document order.
#[derive(Debug, Clone)]
pub struct ExportDeck {
    pub slug: String,
    pub title: String,
    /// Topic names in document order.
    pub topics: Vec<String>,
    pub cards: Vec<Card>,
}

/// Where an export reads a card's review log (oldest first), one card at a time as it
/// writes: a history of a million reviews is never in memory at once.
pub trait ReviewLog {
    /// The reviews of the card with this id, oldest first.
    fn reviews_of(&mut self, card_id: i64) -> Result<Vec<Review>, ExportError>;

    /// Every review, in log order (by id), in brief, handed to `visit` one at a time; an
    /// error from `visit` stops the pass and is returned.
    fn each_brief(
        &mut self,
        visit: &mut dyn FnMut(&ReviewBrief) -> Result<(), ExportError>,
    ) -> Result<(), ExportError>;
}

/// What every export needs to know besides the cards.
#[derive(Debug, Clone, Copy)]
pub struct ExportOptions {
    /// Carry SM-2 state and the review log (Anki); ignored by JSON, which always has them.
    pub with_progress: bool,
    pub now: DateTime<Utc>,
    /// The learner's scheduling day, for due dates relative to today.
    pub today: NaiveDate,
    pub rule: MasteryRule,
}

mod anki;
mod csv;
mod disk;
mod fields;
mod json;
mod target;

pub use anki::write_anki;
pub use csv::write_csv;
pub use json::write_json;
pub use target::Target;

use std::io;
use std::path::{Path, PathBuf};

/// What went wrong while writing an export; the target file is then left as it was.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("cannot build the Anki collection")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot encode JSON")]
    Json(#[from] serde_json::Error),
    #[error("cannot read the review log")]
    Log(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("refusing to overwrite the database with an export: {} is the database recall is using; choose another file", .0.display())]
    Database(PathBuf),
    #[error("{} is a directory: name a file in it", .0.display())]
    Directory(PathBuf),
    #[error("{} is a block device (a disk?): an export goes to a file, a pipe or standard output", .0.display())]
    BlockDevice(PathBuf),
    #[error("{} is read-only: make it writable, or choose another file", .0.display())]
    ReadOnly(PathBuf),
}

impl ExportError {
    fn io(path: &Path) -> impl Fn(io::Error) -> ExportError + '_ {
        move |source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What an export wrote, for the command's one-line report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportSummary {
    pub notes: usize,
    pub cards: usize,
    pub reviews: usize,
}

/// Writes an export's bytes to `path` as [`Target::resolve`] decides: standard output, a
/// device in place, or a file replaced atomically.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    Target::resolve(path, &[])?.write(path, write)
}

/// The cards an export carries: retired ones stay behind.
fn exported_cards(deck: &ExportDeck) -> impl Iterator<Item = &Card> {
    deck.cards.iter().filter(|c| !c.retired)
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! A small deck with one card in each situation the exports treat differently.

    use std::collections::HashMap;

    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use super::{ExportDeck, ExportError, ExportOptions, ReviewLog};
    use crate::card::{Card, CardState, Review, ReviewBrief};
    use crate::deck::CardKind;
    use crate::scheduler::{Grade, MasteryRule};

    pub fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
    }

    pub fn at(d: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, d, hour, 0, 0).unwrap()
    }

    pub fn options(with_progress: bool) -> ExportOptions {
        ExportOptions {
            with_progress,
            now: at(9, 12),
            today: day(9),
            rule: MasteryRule::default(),
        }
    }

    pub fn card(key: &str, topic: &str, question: &str, position: i64) -> Card {
        Card {
            id: position,
            deck_slug: "interview".to_string(),
            deck_title: "Собеседование".to_string(),
            topic: topic.to_string(),
            key: key.to_string(),
            kind: CardKind::Main,
            parent_key: None,
            parent_question: None,
            parent_progress: None,
            question: question.to_string(),
            body: None,
            answer: None,
            note: None,
            text_changed_at: at(1, 8),
            retired: false,
            suspended: false,
            unlocked: false,
            state: CardState::default(),
            level: None,
        }
    }

    /// A fixture card with its review log.
    #[derive(Debug, Clone)]
    pub struct Fixture {
        pub card: Card,
        pub reviews: Vec<Review>,
    }

    /// The fixture deck's review logs, by card id.
    impl ReviewLog for HashMap<i64, Vec<Review>> {
        fn reviews_of(&mut self, card_id: i64) -> Result<Vec<Review>, ExportError> {
            Ok(self.get(&card_id).cloned().unwrap_or_default())
        }

        fn each_brief(
            &mut self,
            visit: &mut dyn FnMut(&ReviewBrief) -> Result<(), ExportError>,
        ) -> Result<(), ExportError> {
            let mut all: Vec<&Review> = self.values().flatten().collect();
            all.sort_by_key(|r| (r.id, r.card_id));
            all.into_iter().try_for_each(|r| visit(&r.into()))
        }
    }

    /// Grades a card on the given days (one review at 10:00 each), as recall would.
    pub fn graded(mut card: Card, grades: &[(u32, u8)]) -> Fixture {
        let mut reviews = Vec::new();
        for (i, &(d, g)) in grades.iter().enumerate() {
            let before = card.state;
            let outcome = before.outcome(Grade::new(g).unwrap(), day(d));
            let (kind, after) = (outcome.kind, outcome.after);
            reviews.push(Review {
                id: i as i64 + 1,
                card_id: card.id,
                answered_at: at(d, 10) + chrono::Duration::minutes(i as i64),
                day: day(d),
                grade: Grade::new(g).unwrap(),
                kind,
                taken_ms: Some(90_000),
                before,
                after,
            });
            card.state = after;
        }
        Fixture { card, reviews }
    }

    /// Cards, in order: `1` (main with body, code and answer, never reviewed), `1.1`
    /// (its follow-up, locked), `2` (graded 4, 4, then 2 and a drill 4 on the 8th, 5 on the
    /// 9th: n 1, interval 1, ease 2.28, one lapse, due the 10th), `3` (retired), `4` (suspended), `2.1` (follow-up of 2, locked).
    pub fn cards() -> Vec<Fixture> {
        let mut first = card("1", "Основы Python", "Объясните __init__ & <T>", 1);
        first.body = Some("Пример:\n```python\ndef __init__(self):\n\tpass\n```".to_string());
        first.answer = Some("Use `a < b` & \"quotes\"\nsecond line".to_string());
        first.note = Some("remember __new__".to_string());

        let mut follow = card("1.1", "Основы Python", "Когда __new__?", 2);
        follow.kind = CardKind::Followup;
        follow.parent_key = Some("1".to_string());
        follow.parent_question = Some(first.question.clone());
        follow.parent_progress = Some(first.state.progress());

        let reviewed = graded(
            card("2", "Web фреймворки", "Что такое WSGI?", 3),
            &[(1, 4), (2, 4), (8, 2), (8, 4), (9, 5)],
        );
        let mut follow2 = card("2.1", "Web фреймворки", "А ASGI?", 6);
        follow2.kind = CardKind::Followup;
        follow2.parent_key = Some("2".to_string());
        follow2.parent_question = Some(reviewed.card.question.clone());
        follow2.parent_progress = Some(reviewed.card.state.progress());

        let mut retired = card("3", "Web фреймворки", "Retired one", 4);
        retired.retired = true;
        let mut suspended = card("4", "Web фреймворки", "Suspended one", 5);
        suspended.suspended = true;

        let plain = |card| Fixture {
            card,
            reviews: Vec::new(),
        };
        vec![
            plain(first),
            plain(follow),
            reviewed,
            plain(retired),
            plain(suspended),
            plain(follow2),
        ]
    }

    /// The fixture deck: the cards of [`cards`].
    pub fn deck() -> ExportDeck {
        ExportDeck {
            slug: "interview".to_string(),
            title: "Собеседование".to_string(),
            topics: vec!["Основы Python".to_string(), "Web фреймворки".to_string()],
            cards: cards().into_iter().map(|f| f.card).collect(),
        }
    }

    /// The review logs of [`cards`].
    pub fn log() -> HashMap<i64, Vec<Review>> {
        cards()
            .into_iter()
            .map(|f| (f.card.id, f.reviews))
            .collect()
    }
}
