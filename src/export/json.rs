//! Everything, for scripts and backups: each deck with its topics and every card as
//! `show --json` prints it, plus the full review log with the state before and after.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{ExportCard, ExportDeck, ExportError, ExportOptions, ExportSummary, write_atomically};
use crate::card::{CardState, CardView, Review, ReviewKind};
use crate::scheduler::Grade;

/// Version of the JSON layout; bumped on any incompatible change.
pub const JSON_EXPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonExport<'a> {
    version: u32,
    exported_at: DateTime<Utc>,
    today: NaiveDate,
    decks: Vec<JsonDeck<'a>>,
}

#[derive(Serialize)]
struct JsonDeck<'a> {
    slug: &'a str,
    title: &'a str,
    topics: &'a [String],
    cards: Vec<JsonCard>,
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
/// too (with `status: retired`), and always the progress.
pub fn write_json(
    path: &std::path::Path,
    decks: &[ExportDeck],
    opts: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary::default();
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
                cards: deck
                    .cards
                    .iter()
                    .map(|ExportCard { card, reviews }| {
                        summary.notes += 1;
                        summary.cards += 1;
                        summary.reviews += reviews.len();
                        JsonCard {
                            view: card.view(&opts.rule, Some(reviews)),
                            log: reviews.iter().map(JsonReview::from).collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    write_atomically(path, |out| {
        serde_json::to_writer_pretty(&mut *out, &export)?;
        std::io::Write::write_all(out, b"\n").map_err(ExportError::io(path))
    })?;
    Ok(summary)
}
