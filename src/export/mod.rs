//! Exports: Anki packages, Anki-shaped CSV, and JSON with everything.
//! Each takes plain values loaded by `app` and writes one file atomically.

use chrono::{DateTime, NaiveDate, Utc};

use crate::card::{Card, Review};
use crate::scheduler::MasteryRule;

/// One deck to export, cards in document order.
#[derive(Debug, Clone)]
pub struct ExportDeck {
    pub slug: String,
    pub title: String,
    /// Topic names in document order.
    pub topics: Vec<String>,
    pub cards: Vec<ExportCard>,
}

/// A card with its review log (oldest first).
#[derive(Debug, Clone)]
pub struct ExportCard {
    pub card: Card,
    pub reviews: Vec<Review>,
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
