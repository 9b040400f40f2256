//! The review log: one row per grade, written with the card's new state in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, day_text, parse_day};
use crate::card::{CardState, Review, ReviewKind};
use crate::scheduler::{Grade, Sm2State};

const REVIEW_SELECT: &str = "
SELECT id, card_id, answered_at, day, grade, kind, taken_ms,
       before_repetitions, before_interval_days, before_ease_hundredths, before_due,
       before_lapses, before_last_grade, before_drill_day, before_introduced_on,
       after_repetitions, after_interval_days, after_ease_hundredths, after_due,
       after_lapses, after_last_grade, after_drill_day, after_introduced_on
FROM reviews";

fn state_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<CardState> {
    Ok(CardState {
        sm2: Sm2State {
            repetitions: row.get(first)?,
            interval_days: row.get(first + 1)?,
            ease_hundredths: row.get(first + 2)?,
        },
        due: parse_day(row.get(first + 3)?),
        lapses: row.get(first + 4)?,
        last_grade: row
            .get::<_, Option<u8>>(first + 5)?
            .and_then(|g| Grade::new(g).ok()),
        drill_day: parse_day(row.get(first + 6)?),
        introduced_on: parse_day(row.get(first + 7)?),
    })
}

fn review_from_row(row: &Row<'_>) -> rusqlite::Result<Review> {
    let at: String = row.get(2)?;
    let day: String = row.get(3)?;
    let grade: u8 = row.get(4)?;
    Ok(Review {
        id: row.get(0)?,
        card_id: row.get(1)?,
        answered_at: DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default(),
        day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap_or_default(),
        grade: Grade::new(grade).unwrap_or(Grade::ALL[0]),
        kind: if row.get_ref(5)?.as_str()? == "drill" {
            ReviewKind::Drill
        } else {
            ReviewKind::Schedule
        },
        taken_ms: row.get::<_, Option<i64>>(6)?.map(|ms| ms.max(0) as u64),
        before: state_from_row(row, 7)?,
        after: state_from_row(row, 15)?,
    })
}

/// Writes `state` as the card's current state.
fn put_state(tx: &rusqlite::Transaction<'_>, card_id: i64, s: &CardState) -> Result<()> {
    tx.prepare_cached(
        "UPDATE cards SET repetitions = ?2, interval_days = ?3, ease_hundredths = ?4, due = ?5,
             lapses = ?6, last_grade = ?7, drill_day = ?8, introduced_on = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        card_id,
        s.sm2.repetitions,
        s.sm2.interval_days,
        s.sm2.ease_hundredths,
        day_text(s.due),
        s.lapses,
        s.last_grade.map(Grade::value),
        day_text(s.drill_day),
        day_text(s.introduced_on),
    ])?;
    Ok(())
}

/// A grade to record: everything but the row id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReview {
    pub card_id: i64,
    pub answered_at: DateTime<Utc>,
    pub day: NaiveDate,
    pub grade: Grade,
    pub kind: ReviewKind,
    pub taken_ms: Option<u64>,
    pub before: CardState,
    pub after: CardState,
}

impl Store {
    /// Appends the review and sets the card's state to its `after`, in one transaction that
    /// is on disk (synchronous=FULL) when this returns.
    pub fn record_review(&mut self, review: &NewReview) -> Result<i64> {
        self.write(|tx| {
            let (b, a) = (&review.before, &review.after);
            tx.prepare_cached(
                "INSERT INTO reviews (card_id, answered_at, day, grade, kind, taken_ms,
                    before_repetitions, before_interval_days, before_ease_hundredths, before_due,
                    before_lapses, before_last_grade, before_drill_day, before_introduced_on,
                    after_repetitions, after_interval_days, after_ease_hundredths, after_due,
                    after_lapses, after_last_grade, after_drill_day, after_introduced_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                         ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            )?
            .execute(params![
                review.card_id,
                review
                    .answered_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                day_text(Some(review.day)),
                review.grade.value(),
                review.kind.as_str(),
                review
                    .taken_ms
                    .map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)),
                b.sm2.repetitions,
                b.sm2.interval_days,
                b.sm2.ease_hundredths,
                day_text(b.due),
                b.lapses,
                b.last_grade.map(Grade::value),
                day_text(b.drill_day),
                day_text(b.introduced_on),
                a.sm2.repetitions,
                a.sm2.interval_days,
                a.sm2.ease_hundredths,
                day_text(a.due),
                a.lapses,
                a.last_grade.map(Grade::value),
                day_text(a.drill_day),
                day_text(a.introduced_on),
            ])?;
            let id = tx.last_insert_rowid();
            put_state(tx, review.card_id, a)?;
            Ok(id)
        })
    }

    /// Takes back the last review: the card gets its state from before it, exactly, and the
    /// row leaves the log. Returns the review taken back.
    pub fn undo_last_review(&mut self) -> Result<Option<Review>> {
        self.write(|tx| {
            let sql = format!("{REVIEW_SELECT} ORDER BY id DESC LIMIT 1");
            let Some(last) = tx.query_row(&sql, [], review_from_row).optional()? else {
                return Ok(None);
            };
            put_state(tx, last.card_id, &last.before)?;
            tx.execute("DELETE FROM reviews WHERE id = ?1", [last.id])?;
            Ok(Some(last))
        })
    }

    /// A card's reviews, oldest first.
    pub fn reviews_of(&self, card_id: i64) -> Result<Vec<Review>> {
        let sql = format!("{REVIEW_SELECT} WHERE card_id = ?1 ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let reviews = stmt
            .query_map([card_id], review_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reviews)
    }

    /// Every review, oldest first (exports).
    pub fn all_reviews(&self) -> Result<Vec<Review>> {
        let sql = format!("{REVIEW_SELECT} ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let reviews = stmt
            .query_map([], review_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reviews)
    }
}
