//! The review log and the answers that write it. Each answer and each undo is one IMMEDIATE
//! transaction that re-reads the card and refuses when it is not in the state the caller saw:
//! two processes (a session and `recall grade`, or ten `grade`s at once) never count a grade
//! twice, and an undo never takes back something it did not mean to.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::changes::{self, ChangeRow};
use super::rows::{self, Day, REVIEW_SELECT, STATE_COLUMNS, day_param, instant_text};
use super::{Result, Store};
use crate::card::Review;
use crate::scheduler::{CardState, MasteryRule, Outcome};

/// One answer to write: the outcome the caller computed from the state it saw, and when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answer {
    pub card_id: i64,
    pub outcome: Outcome,
    pub answered_at: DateTime<Utc>,
    /// The scheduling day the review counts for.
    pub day: NaiveDate,
    pub taken_ms: Option<u64>,
}

/// What writing an answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// The log row, so a session can take back exactly this answer.
    pub review_id: i64,
    /// Keys of the follow-ups this answer unlocked (it mastered their main question), in
    /// document order.
    pub unlocked: Vec<String>,
}

/// Why an undo wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoRefused {
    /// The log holds no review (or not the one asked for).
    Nothing,
    /// The card was reviewed again after the review asked for.
    GradedSince,
    /// The newest change (a review, or another kind) was made on this earlier day.
    EarlierDay { day: NaiveDate, review: bool },
}

/// What an undo took back.
#[derive(Debug, Clone, PartialEq)]
pub enum Undone {
    Review(Review),
    Change(ChangeRow),
}

/// The card's state as stored now; `None` when no such card.
pub(super) fn current_state(
    tx: &Transaction<'_>,
    card_id: i64,
) -> Result<Option<(CardState, bool)>> {
    let sql = format!("SELECT {STATE_COLUMNS}, retired OR suspended FROM cards WHERE id = ?1");
    Ok(tx
        .query_row(&sql, [card_id], |row| {
            Ok((rows::state(row, 0)?, row.get::<_, bool>(8)?))
        })
        .optional()?)
}

/// Writes `state` as the card's current state.
pub(super) fn put_state(tx: &Transaction<'_>, card_id: i64, s: &CardState) -> Result<()> {
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
        day_param(s.due),
        s.lapses,
        s.last_grade,
        day_param(s.drill_day),
        day_param(s.introduced_on),
    ])?;
    Ok(())
}

pub(super) fn insert_review(tx: &Transaction<'_>, answer: &Answer) -> Result<i64> {
    let Outcome {
        grade,
        kind,
        before: b,
        after: a,
    } = answer.outcome;
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
        answer.card_id,
        instant_text(answer.answered_at),
        Day(answer.day),
        grade,
        kind,
        answer
            .taken_ms
            .map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)),
        b.sm2.repetitions,
        b.sm2.interval_days,
        b.sm2.ease_hundredths,
        day_param(b.due),
        b.lapses,
        b.last_grade,
        day_param(b.drill_day),
        day_param(b.introduced_on),
        a.sm2.repetitions,
        a.sm2.interval_days,
        a.sm2.ease_hundredths,
        day_param(a.due),
        a.lapses,
        a.last_grade,
        day_param(a.drill_day),
        day_param(a.introduced_on),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Follow-ups of `parent_id` that wait behind the gate: not yet introduced, not opened by
/// hand, active. An answer that masters the parent opens exactly these.
fn waiting_followups(tx: &Transaction<'_>, parent_id: i64) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT key FROM cards
         WHERE parent_id = ?1 AND introduced_on IS NULL AND unlocked = 0
           AND retired = 0 AND suspended = 0
         ORDER BY position",
    )?;
    let keys = stmt
        .query_map([parent_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

impl Store {
    /// Records an answer: appends the review, sets the card's state and works out the
    /// follow-ups it unlocked, in one transaction that is on disk (synchronous=FULL) when this
    /// returns. Returns `None`, writing nothing, when the card is no longer in the state the
    /// outcome was computed from (graded, suspended or retired meanwhile by another process).
    pub fn answer(&mut self, answer: &Answer, rule: &MasteryRule) -> Result<Option<Answered>> {
        self.write(|tx| {
            match current_state(tx, answer.card_id)? {
                Some((state, false)) if state == answer.outcome.before => {}
                _ => return Ok(None),
            }
            let review_id = insert_review(tx, answer)?;
            put_state(tx, answer.card_id, &answer.outcome.after)?;
            let is_main: bool = tx.query_row(
                "SELECT parent_id IS NULL FROM cards WHERE id = ?1",
                [answer.card_id],
                |r| r.get(0),
            )?;
            let was = rule.is_mastered(answer.outcome.before.progress());
            let now = rule.is_mastered(answer.outcome.after.progress());
            let unlocked = if is_main && !was && now {
                waiting_followups(tx, answer.card_id)?
            } else {
                Vec::new()
            };
            Ok(Some(Answered {
                review_id,
                unlocked,
            }))
        })
    }

    /// Takes back the newest change of any kind — a review (its card gets its state from
    /// before it, exactly, and the row leaves the log) or a suspension, unsuspension or
    /// unlock — in one transaction. One made on a day before `today` is refused unless
    /// `force`: yesterday's work is not taken back by a stray keystroke.
    pub fn undo_last(
        &mut self,
        today: NaiveDate,
        force: bool,
    ) -> Result<Result<Undone, UndoRefused>> {
        self.write(|tx| {
            let sql = format!("{REVIEW_SELECT} ORDER BY id DESC LIMIT 1");
            let review = tx.query_row(&sql, [], rows::review).optional()?;
            match (changes::newest(tx)?, review) {
                (Some((change, newer)), review) if newer || review.is_none() => {
                    if change.day < today && !force {
                        return Ok(Err(UndoRefused::EarlierDay {
                            day: change.day,
                            review: false,
                        }));
                    }
                    changes::revert(tx, &change)?;
                    Ok(Ok(Undone::Change(change)))
                }
                (_, Some(review)) => {
                    if review.day < today && !force {
                        return Ok(Err(UndoRefused::EarlierDay {
                            day: review.day,
                            review: true,
                        }));
                    }
                    Ok(undo_in(tx, review)?.map(Undone::Review))
                }
                (_, None) => Ok(Err(UndoRefused::Nothing)),
            }
        })
    }

    /// Takes back one review, named by its row: only when it is still its card's last one
    /// and the card is in the state it left (a session undoing its own grade).
    pub fn undo_review(&mut self, review_id: i64) -> Result<Result<Review, UndoRefused>> {
        self.write(|tx| {
            let sql = format!("{REVIEW_SELECT} WHERE id = ?1");
            let Some(review) = tx.query_row(&sql, [review_id], rows::review).optional()? else {
                return Ok(Err(UndoRefused::Nothing));
            };
            let later: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM reviews WHERE card_id = ?1 AND id > ?2)",
                params![review.card_id, review.id],
                |r| r.get(0),
            )?;
            if later {
                return Ok(Err(UndoRefused::GradedSince));
            }
            undo_in(tx, review)
        })
    }

    /// A card's reviews, oldest first.
    pub fn reviews_of(&self, card_id: i64) -> Result<Vec<Review>> {
        let sql = format!("{REVIEW_SELECT} WHERE card_id = ?1 ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let reviews = stmt
            .query_map([card_id], rows::review)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reviews)
    }

    /// Every review, oldest first (exports).
    pub fn all_reviews(&self) -> Result<Vec<Review>> {
        let sql = format!("{REVIEW_SELECT} ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let reviews = stmt
            .query_map([], rows::review)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reviews)
    }
}

/// Cards read in one query by [`LogReader`].
const LOG_BATCH_CARDS: usize = 1024;

/// Reads the review log card by card in an order known beforehand (an export's cards in
/// document order) without holding the whole log: one query fetches the reviews of the next
/// batch of cards, by a range of card ids when the batch's ids lie close together (the usual
/// case: cards get their ids in document order), one card at a time otherwise. Large
/// reads go through the page cache, not `mmap`, while it lives: the pages of a log read
/// once would otherwise stay mapped and count as the process's memory.
pub struct LogReader<'s> {
    store: &'s Store,
    order: Vec<i64>,
    /// Where in `order` the next batch starts.
    next: usize,
    /// The batch read last: each of its cards' reviews, until asked for.
    batch: HashMap<i64, Vec<Review>>,
}

impl<'s> LogReader<'s> {
    /// A reader of `store`'s log; from here on its reads (the cards too) skip `mmap`.
    pub fn new(store: &'s Store) -> Result<LogReader<'s>> {
        store.conn.pragma_update(None, "mmap_size", 0)?;
        Ok(LogReader {
            store,
            order: Vec::new(),
            next: 0,
            batch: HashMap::new(),
        })
    }

    /// The cards to be asked for, by id, in the order they will be (a card left out or asked
    /// for out of order is read on its own).
    pub fn expect(&mut self, order: Vec<i64>) {
        self.order = order;
        self.next = 0;
        self.batch.clear();
    }

    /// The reviews of `card_id`, oldest first.
    pub fn reviews_of(&mut self, card_id: i64) -> Result<Vec<Review>> {
        if let Some(reviews) = self.batch.remove(&card_id) {
            return Ok(reviews);
        }
        let Some(at) = self.order[self.next..].iter().position(|&id| id == card_id) else {
            return self.store.reviews_of(card_id);
        };
        let start = self.next + at;
        let end = (start + LOG_BATCH_CARDS).min(self.order.len());
        self.next = end;
        let ids = &self.order[start..end];
        let (low, high) = ids
            .iter()
            .fold((card_id, card_id), |(lo, hi), &id| (lo.min(id), hi.max(id)));
        // A range much wider than the batch would read other cards' reviews for nothing.
        if (high - low) as usize > 4 * LOG_BATCH_CARDS {
            self.next = start + 1;
            return self.store.reviews_of(card_id);
        }
        self.batch = ids.iter().map(|&id| (id, Vec::new())).collect();
        let sql = format!("{REVIEW_SELECT} WHERE card_id BETWEEN ?1 AND ?2 ORDER BY card_id, id");
        let mut stmt = self.store.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![low, high])?;
        while let Some(row) = rows.next()? {
            let review = rows::review(row)?;
            if let Some(reviews) = self.batch.get_mut(&review.card_id) {
                reviews.push(review);
            }
        }
        Ok(self.batch.remove(&card_id).unwrap_or_default())
    }
}

impl LogReader<'_> {
    /// Every review, in log order (by id), handed to `visit` one at a time: one pass over the
    /// table, for a reader that wants the whole log (a card's reviews lie all over it, and
    /// reading them card by card costs a page read per review). `visit` stops the pass by
    /// returning an error, which comes back as the inner result.
    pub fn each_review<E>(
        &self,
        mut visit: impl FnMut(&Review) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<(), E>> {
        let sql = format!("{REVIEW_SELECT} ORDER BY id");
        let mut stmt = self.store.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Err(err) = visit(&rows::review(row)?) {
                return Ok(Err(err));
            }
        }
        Ok(Ok(()))
    }
}

impl Drop for LogReader<'_> {
    fn drop(&mut self) {
        // Back to the setting of `Store::setup`; failing that only costs speed.
        let _ = self.store.conn.pragma_update(None, "mmap_size", 1i64 << 30);
    }
}

/// Restores the card to the state before `review` and removes the row, if the card is still
/// in the state the review left it in.
fn undo_in(tx: &Transaction<'_>, review: Review) -> Result<Result<Review, UndoRefused>> {
    match current_state(tx, review.card_id)? {
        Some((state, _)) if state == review.after => {}
        _ => return Ok(Err(UndoRefused::GradedSince)),
    }
    put_state(tx, review.card_id, &review.before)?;
    tx.execute("DELETE FROM reviews WHERE id = ?1", [review.id])?;
    Ok(Ok(review))
}
