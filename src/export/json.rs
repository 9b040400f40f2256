//! Everything, for scripts and backups: each deck with its topics and every card as
//! `show --json` prints it, plus the full review log with the state before and after.

use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, Utc};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{ExportDeck, ExportError, ExportOptions, ExportSummary, ReviewLog, write_atomically};
use crate::card::{Card, CardState, CardView, Review, ReviewKind};
use crate::scheduler::{Grade, MasteryRule};

/// Version of the JSON layout; bumped on any incompatible change.
pub const JSON_EXPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonExport<'a, 'l> {
    version: u32,
    exported_at: DateTime<Utc>,
    today: NaiveDate,
    decks: Vec<JsonDeck<'a, 'l>>,
}

#[derive(Serialize)]
struct JsonDeck<'a, 'l> {
    slug: &'a str,
    title: &'a str,
    topics: &'a [String],
    cards: JsonCards<'a, 'l>,
}

/// A deck's cards, each with its log read from the [`ReviewLog`] as it is written: the
/// encoder holds one card's reviews at a time, never the whole history.
struct JsonCards<'a, 'l> {
    cards: &'a [Card],
    rule: &'a MasteryRule,
    stream: &'a RefCell<Stream<'l>>,
}

/// What the streamed cards share: where the logs come from, what was written so far, and
/// the log's own error when reading it failed (the encoder can only carry a message).
struct Stream<'l> {
    log: &'l mut dyn ReviewLog,
    summary: ExportSummary,
    failed: Option<ExportError>,
}

impl Serialize for JsonCards<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.cards.len()))?;
        for card in self.cards {
            let reviews = {
                let mut stream = self.stream.borrow_mut();
                match stream.log.reviews_of(card.id) {
                    Ok(reviews) => reviews,
                    Err(err) => {
                        stream.failed = Some(err);
                        return Err(S::Error::custom("cannot read the review log"));
                    }
                }
            };
            seq.serialize_element(&JsonCard {
                view: card.view(self.rule, Some(&reviews)),
                log: reviews.iter().map(JsonReview::from).collect(),
            })?;
            let summary = &mut self.stream.borrow_mut().summary;
            summary.notes += 1;
            summary.cards += 1;
            summary.reviews += reviews.len();
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonCard {
    #[serde(flatten)]
    view: CardView,
    /// The review log with the full state around each review, oldest first.
    log: Vec<JsonReview>,
}

#[derive(Serialize)]
struct JsonReview {
    at: DateTime<Utc>,
    day: NaiveDate,
    grade: Grade,
    kind: ReviewKind,
    taken_ms: Option<u64>,
    before: JsonState,
    after: JsonState,
}

#[derive(Serialize)]
struct JsonState {
    repetitions: u32,
    interval: u32,
    ease: f64,
    due: Option<NaiveDate>,
    lapses: u32,
    last_grade: Option<Grade>,
    drill_day: Option<NaiveDate>,
    introduced_on: Option<NaiveDate>,
}

impl From<&CardState> for JsonState {
    fn from(s: &CardState) -> JsonState {
        JsonState {
            repetitions: s.sm2.repetitions,
            interval: s.sm2.interval_days,
            ease: s.sm2.ease(),
            due: s.due,
            lapses: s.lapses,
            last_grade: s.last_grade,
            drill_day: s.drill_day,
            introduced_on: s.introduced_on,
        }
    }
}

impl From<&Review> for JsonReview {
    fn from(r: &Review) -> JsonReview {
        JsonReview {
            at: r.answered_at,
            day: r.day,
            grade: r.grade,
            kind: r.kind,
            taken_ms: r.taken_ms,
            before: (&r.before).into(),
            after: (&r.after).into(),
        }
    }
}

/// Writes the JSON export (atomically). As a backup it holds every card, retired ones
/// too (with `status: retired`), and always the progress, read card by card from `log`.
pub fn write_json(
    path: &std::path::Path,
    decks: &[ExportDeck],
    log: &mut dyn ReviewLog,
    opts: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    let stream = RefCell::new(Stream {
        log,
        summary: ExportSummary::default(),
        failed: None,
    });
    let export = JsonExport {
        version: JSON_EXPORT_VERSION,
        exported_at: opts.now,
        today: opts.today,
        decks: decks
            .iter()
            .map(|deck| JsonDeck {
                slug: &deck.slug,
                title: &deck.title,
                topics: &deck.topics,
                cards: JsonCards {
                    cards: &deck.cards,
                    rule: &opts.rule,
                    stream: &stream,
                },
            })
            .collect(),
    };
    write_atomically(path, |out| {
        // A failed write is the disk's or the pipe's doing, not the encoder's: say so.
        serde_json::to_writer(&mut *out, &export).map_err(|e| {
            if let Some(failed) = stream.borrow_mut().failed.take() {
                failed
            } else if e.is_io() {
                ExportError::io(path)(e.into())
            } else {
                ExportError::Json(e)
            }
        })?;
        out.write_all(b"\n").map_err(ExportError::io(path))
    })?;
    let summary = stream.into_inner().summary;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::export::fixtures::{deck, log, options};

    #[test]
    fn json_holds_decks_cards_and_full_review_log() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("backup.json");
        let summary = write_json(&path, &[deck()], &mut log(), &options(false))?;
        assert_eq!(
            summary,
            ExportSummary {
                notes: 6,
                cards: 6,
                reviews: 5
            }
        );
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        assert_eq!(value["version"], json!(1));
        assert_eq!(value["exported_at"], json!("2026-01-09T12:00:00Z"));
        let deck = &value["decks"][0];
        assert_eq!(deck["slug"], json!("interview"));
        assert_eq!(deck["title"], json!("Собеседование"));
        assert_eq!(deck["topics"], json!(["Основы Python", "Web фреймворки"]));
        let cards = deck["cards"].as_array().ok_or("cards")?;
        let statuses: Vec<&str> = cards.iter().filter_map(|c| c["status"].as_str()).collect();
        assert_eq!(
            statuses,
            ["new", "locked", "review", "retired", "suspended", "locked"]
        );
        let reviewed = &cards[2];
        assert_eq!(reviewed["key"], json!("2"));
        assert_eq!(reviewed["ease"], json!(2.28));
        assert_eq!(reviewed["due"], json!("2026-01-10"));
        assert_eq!(reviewed["reviews"].as_array().map(Vec::len), Some(5));
        assert_eq!(
            reviewed["log"][2],
            json!({
                "at": "2026-01-08T10:02:00Z",
                "day": "2026-01-08",
                "grade": 2,
                "kind": "schedule",
                "taken_ms": 90000,
                "before": {"repetitions": 2, "interval": 6, "ease": 2.5, "due": "2026-01-08",
                           "lapses": 0, "last_grade": 4, "drill_day": null,
                           "introduced_on": "2026-01-01"},
                "after": {"repetitions": 0, "interval": 1, "ease": 2.18, "due": "2026-01-09",
                          "lapses": 1, "last_grade": 2, "drill_day": "2026-01-08",
                          "introduced_on": "2026-01-01"},
            })
        );
        Ok(())
    }
}
