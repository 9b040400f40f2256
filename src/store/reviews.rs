//! The review log and the answers that write it. Each answer and each undo is one IMMEDIATE
//! transaction that re-reads the card and refuses when it is not in the state the caller saw:
//! two processes (a session and `recall grade`, or ten `grade`s at once) never count a grade
//! twice, and an undo never takes back something it did not mean to.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::changes::{self, ChangeRow};
use super::rows::{
    self, Day, REVIEW_BRIEF_SELECT, REVIEW_SELECT, STATE_COLUMNS, day_param, instant_text,
};
use super::{Result, Store};
use crate::card::{Review, ReviewBrief};
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

/// Appends the answer's review and sets the card's state after it; `None`, writing nothing,
/// when the card is no longer in the state the outcome was computed from, or is suspended or
/// retired. What every way of answering a card shares.
pub(super) fn record_answer(tx: &Transaction<'_>, answer: &Answer) -> Result<Option<i64>> {
    match current_state(tx, answer.card_id)? {
        Some((state, false)) if state == answer.outcome.before => {}
        _ => return Ok(None),
    }
    let review_id = insert_review(tx, answer)?;
    put_state(tx, answer.card_id, &answer.outcome.after)?;
    Ok(Some(review_id))
}

fn insert_review(tx: &Transaction<'_>, answer: &Answer) -> Result<i64> {
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
            let Some(review_id) = record_answer(tx, answer)? else {
                return Ok(None);
            };
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
        card_reviews(&self.conn, card_id)
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

/// Batches read ahead and not yet asked for, at most: what the reading thread may hold.
const BATCHES_AHEAD: usize = 2;

/// Reads the review log card by card in an order known beforehand (an export's cards in
/// document order) without holding the whole log. One query fetches the reviews of the next
/// batch of cards, by a range of card ids when the batch's ids lie close together (the usual
/// case: cards get their ids in document order), one card at a time otherwise. From the
/// first card asked for, two threads with connections of their own read the following
/// batches ahead, in turn (both in one snapshot of the log), so that reading the log and
/// writing the export share the cores; a database in memory is read in place. A card asked
/// for out of order is read on its own. Large reads go through the page cache, not `mmap`,
/// while it lives: the pages of a log read once would otherwise stay mapped and count as
/// the process's memory.
pub struct LogReader<'s> {
    store: &'s Store,
    /// The cards expected, each once.
    order: Vec<i64>,
    /// Where in `order` the next card not yet handed out is.
    next: usize,
    /// The reviews of the cards from `next` on, as far as read.
    ready: VecDeque<Vec<Review>>,
    batch_cards: usize,
    source: Source,
    /// The log in brief, once asked for.
    briefs: Option<BriefsAhead>,
}

/// Where the batches come from.
enum Source {
    /// Nothing asked for yet.
    Unstarted,
    Ahead(ReadAhead),
    /// Read on the store's own connection when asked for.
    InPlace,
}

/// Threads that read the batches ahead, on connections of their own: reading and decoding
/// the log card by card is most of a JSON export's work, and two readers share the cores
/// with the writer (one kept it waiting).
const READERS: usize = 2;

/// The threads that read batches ahead, in order, from where the reader first was asked:
/// of the batches from there, thread `k` reads batches `k`, `k + n`, `k + 2n`, … for `n`
/// threads, and they are taken from each in turn.
struct ReadAhead {
    readers: Vec<(Receiver<Batch>, JoinHandle<()>)>,
    turn: usize,
}

/// The reviews of a batch of cards, card by card, as a reading thread sends them.
type Batch = Result<Vec<Vec<Review>>>;

impl ReadAhead {
    /// Stops the threads, each at its next batch, and waits for them; a thread's panic is
    /// returned.
    fn stop(self) -> std::thread::Result<()> {
        let mut ended = Ok(());
        for (batches, thread) in self.readers {
            // Closing its channel ends the thread at its next batch.
            drop(batches);
            ended = ended.and(thread.join());
        }
        ended
    }
}

impl<'s> LogReader<'s> {
    /// A reader of `store`'s log; from here on its reads (the cards too) skip `mmap`.
    pub fn new(store: &'s Store) -> Result<LogReader<'s>> {
        store.conn.pragma_update(None, "mmap_size", 0)?;
        Ok(LogReader {
            store,
            order: Vec::new(),
            next: 0,
            ready: VecDeque::new(),
            batch_cards: LOG_BATCH_CARDS,
            source: Source::Unstarted,
            briefs: None,
        })
    }

    /// The cards to be asked for, by id, in the order they will be (a card left out or asked
    /// for out of order is read on its own).
    pub fn expect(&mut self, order: Vec<i64>) {
        self.stop_reading_ahead();
        let mut seen = HashSet::new();
        self.order = order.into_iter().filter(|&id| seen.insert(id)).collect();
        self.next = 0;
        self.ready.clear();
    }

    /// The reviews of `card_id`, oldest first.
    pub fn reviews_of(&mut self, card_id: i64) -> Result<Vec<Review>> {
        let Some(mut at) = self.order[self.next..].iter().position(|&id| id == card_id) else {
            return self.store.reviews_of(card_id);
        };
        if let Source::Unstarted = self.source {
            // Cards skipped before the first asked for are not read at all.
            self.next += at;
            at = 0;
            self.source = self
                .start_reading_ahead()
                .map_or(Source::InPlace, Source::Ahead);
        }
        while self.ready.len() <= at {
            let batch = self.read_batch()?;
            self.ready.extend(batch);
        }
        self.ready.drain(..at);
        self.next += at + 1;
        Ok(self.ready.pop_front().unwrap_or_default())
    }

    /// The batch after what is ready: from the thread, or read here.
    fn read_batch(&mut self) -> Result<Vec<Vec<Review>>> {
        if let Source::Ahead(ahead) = &mut self.source {
            if let Ok(batch) = ahead.readers[ahead.turn].0.recv() {
                ahead.turn = (ahead.turn + 1) % ahead.readers.len();
                return batch;
            }
            // A thread stops early only after sending its error, or by panicking.
            if let Source::Ahead(ahead) = std::mem::replace(&mut self.source, Source::InPlace)
                && let Err(panic) = ahead.stop()
            {
                std::panic::resume_unwind(panic);
            }
        }
        let start = (self.next + self.ready.len()).min(self.order.len());
        let end = (start + self.batch_cards).min(self.order.len());
        batch_reviews(&self.store.conn, &self.order[start..end])
    }

    /// Starts the threads on the cards from `next` on; `None` when the database has no
    /// file a second connection can open (in memory) or it cannot be opened.
    fn start_reading_ahead(&self) -> Option<ReadAhead> {
        let readers = self
            .store
            .readers_at_one_moment(READERS)
            .or_else(|| self.store.readers_at_one_moment(1))?;
        let order: Arc<[i64]> = self.order[self.next..].into();
        let (batch_cards, threads) = (self.batch_cards, readers.len());
        let readers = (0..)
            .zip(readers)
            .map(|(k, reader)| {
                let order = Arc::clone(&order);
                let (send, batches) = mpsc::sync_channel(BATCHES_AHEAD);
                let thread = std::thread::spawn(move || {
                    for ids in order.chunks(batch_cards).skip(k).step_by(threads) {
                        let batch = batch_reviews(&reader.conn, ids);
                        let failed = batch.is_err();
                        // A closed channel: the reader is gone, nothing more is wanted.
                        if send.send(batch).is_err() || failed {
                            return;
                        }
                    }
                });
                (batches, thread)
            })
            .collect();
        Some(ReadAhead { readers, turn: 0 })
    }

    fn stop_reading_ahead(&mut self) {
        if let Source::Ahead(ahead) = std::mem::replace(&mut self.source, Source::Unstarted) {
            let _ = ahead.stop();
        }
    }
}

impl LogReader<'_> {
    /// Starts reading the log in brief ([`LogReader::each_brief`]) on a thread of its own,
    /// which reads up to [`BRIEFS_AHEAD`] batches before the first is asked for: an Anki
    /// export with progress starts it once it has read the cards, so that it reads while
    /// they are placed (one thread's work, which left the other core idle). Does nothing
    /// when it is started already, or the database has no file a second connection can
    /// open (in memory), or no thread is to be had.
    pub fn read_briefs_ahead(&mut self) {
        if self.briefs.is_some() {
            return;
        }
        let Some(reader) = self.store.reader() else {
            return;
        };
        let (send, batches) = mpsc::sync_channel::<Vec<ReviewBrief>>(BRIEFS_AHEAD);
        let thread = std::thread::Builder::new().spawn(move || {
            let mut stmt = log_in_brief(&reader.conn)?;
            // A closed channel: the visitor stopped, nothing more is wanted.
            let _stopped = briefs_in(&mut stmt, |briefs| {
                let full = std::mem::replace(briefs, Vec::with_capacity(BRIEF_BATCH));
                send.send(full)
            })?;
            Ok(())
        });
        if let Ok(thread) = thread {
            self.briefs = Some(BriefsAhead { batches, thread });
        }
    }

    /// Every review, in log order (by id), in brief, handed to `visit` one at a time: one
    /// pass over the table, for a reader that wants the whole log (a card's reviews lie all
    /// over it, and reading them card by card costs a page read per review). `visit` stops
    /// the pass by returning an error, which comes back as the inner result.
    ///
    /// The rows are read and decoded on another thread ([`LogReader::read_briefs_ahead`]),
    /// with a connection of its own, and visited here as they come: reading and decoding
    /// was most of the pass, and the thread visiting (an Anki export placing each review)
    /// was the one the export waited on. A database in memory is read here. One statement
    /// reads the log as of one moment: no transaction around it is needed.
    pub fn each_brief<E>(
        &mut self,
        mut visit: impl FnMut(&ReviewBrief) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<(), E>> {
        self.read_briefs_ahead();
        let Some(ahead) = self.briefs.take() else {
            let mut stmt = log_in_brief(&self.store.conn)?;
            return briefs_in(&mut stmt, |briefs| briefs.iter().try_for_each(&mut visit));
        };
        let visited = ahead
            .batches
            .iter()
            .try_for_each(|batch| batch.iter().try_for_each(&mut visit));
        // The thread's error, should it have stopped on one (its channel closed early).
        ahead.stop()?;
        Ok(visited)
    }
}

/// The log in brief being read on a thread of its own, [`BRIEFS_AHEAD`] batches at most
/// waiting to be visited.
struct BriefsAhead {
    batches: Receiver<Vec<ReviewBrief>>,
    thread: JoinHandle<Result<()>>,
}

impl BriefsAhead {
    /// Stops the thread at its next batch and waits for it; returns its error.
    fn stop(self) -> Result<()> {
        drop(self.batches);
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// Batches of the log in brief read ahead of the visitor, at most: 48 of 4,096 reviews are
/// 11 MB, about a fifth of a million-review log. In the unit tests, one: their logs are a
/// few batches long, and the thread must then wait on a full channel, as it does on a
/// large log.
const BRIEFS_AHEAD: usize = if cfg!(test) { 1 } else { 48 };

/// The whole log in brief, in log order.
fn log_in_brief(conn: &Connection) -> Result<rusqlite::Statement<'_>> {
    Ok(conn.prepare(&format!("{REVIEW_BRIEF_SELECT} ORDER BY id"))?)
}

/// Reviews in brief decoded in batches of this many by [`LogReader::each_brief`].
const BRIEF_BATCH: usize = 4096;

/// Runs `stmt` (of [`REVIEW_BRIEF_SELECT`]) and hands its rows to `take` in batches,
/// which it may keep (leaving an empty one); an error from `take` stops it and is returned
/// as the inner result.
fn briefs_in<E>(
    stmt: &mut rusqlite::Statement<'_>,
    mut take: impl FnMut(&mut Vec<ReviewBrief>) -> std::result::Result<(), E>,
) -> Result<std::result::Result<(), E>> {
    let mut rows = stmt.query([])?;
    let mut batch = Vec::with_capacity(BRIEF_BATCH);
    while let Some(row) = rows.next()? {
        batch.push(rows::review_brief(row)?);
        if batch.len() == BRIEF_BATCH {
            if let Err(err) = take(&mut batch) {
                return Ok(Err(err));
            }
            batch.clear();
        }
    }
    if batch.is_empty() {
        return Ok(Ok(()));
    }
    Ok(take(&mut batch))
}

impl Drop for LogReader<'_> {
    fn drop(&mut self) {
        self.stop_reading_ahead();
        if let Some(ahead) = self.briefs.take() {
            let _ = ahead.stop();
        }
        // Back to the setting of `Store::setup`; failing that only costs speed.
        let _ = self
            .store
            .conn
            .pragma_update(None, "mmap_size", super::MMAP_BYTES);
    }
}

/// The reviews of each of `ids` (distinct), oldest first: in one query over their range of
/// ids when it is narrow, else card by card (a range much wider than the batch would read
/// other cards' reviews for nothing).
fn batch_reviews(conn: &Connection, ids: &[i64]) -> Result<Vec<Vec<Review>>> {
    let (Some(&low), Some(&high)) = (ids.iter().min(), ids.iter().max()) else {
        return Ok(Vec::new());
    };
    if (high - low) as usize > 4 * ids.len() {
        return ids.iter().map(|&id| card_reviews(conn, id)).collect();
    }
    let slot: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut batch = vec![Vec::new(); ids.len()];
    let sql = format!("{REVIEW_SELECT} WHERE card_id BETWEEN ?1 AND ?2 ORDER BY card_id, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![low, high])?;
    while let Some(row) = rows.next()? {
        let review = rows::review(row)?;
        if let Some(&i) = slot.get(&review.card_id) {
            batch[i].push(review);
        }
    }
    Ok(batch)
}

/// A card's reviews, oldest first.
fn card_reviews(conn: &Connection, card_id: i64) -> Result<Vec<Review>> {
    let sql = format!("{REVIEW_SELECT} WHERE card_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let reviews = stmt
        .query_map([card_id], rows::review)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(reviews)
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::deck::parse_deck;
    use crate::scheduler::{Grade, ReviewKind};
    use crate::store::{CardFilter, DeckSource};

    const CARDS: usize = 60;

    /// A deck of [`CARDS`] questions, card `i` reviewed `i % 4` times, the reviews of
    /// different cards interleaved in the log as days of study leave them.
    fn store_with_log(store: &mut Store) -> Vec<i64> {
        let mut text = String::from("# Deck\n\n## Topic\n\n");
        for i in 1..=CARDS {
            text.push_str(&format!("### {i}. Question {i}?\n\n"));
        }
        let (deck, _) = parse_deck("d.md", "d", text.as_bytes()).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
        let source = DeckSource {
            deck,
            source: "d.md".into(),
            fingerprint: None,
            answer_file: false,
        };
        store.import(&[source], now, false).unwrap();
        let ids: Vec<i64> = store
            .cards(CardFilter::default())
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        store
            .write(|tx| {
                let mut states = vec![CardState::default(); ids.len()];
                for round in 0..3u32 {
                    let day = NaiveDate::from_ymd_opt(2026, 1, 1 + round).unwrap();
                    for (i, &card_id) in ids
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % 4 > round as usize)
                    {
                        let outcome = states[i].outcome(Grade::new((i % 6) as u8).unwrap(), day);
                        insert_review(
                            tx,
                            &Answer {
                                card_id,
                                outcome,
                                answered_at: day.and_hms_opt(9, 0, 0).unwrap().and_utc(),
                                day,
                                taken_ms: Some(i as u64),
                            },
                        )?;
                        states[i] = outcome.after;
                    }
                }
                Ok(())
            })
            .unwrap();
        ids
    }

    /// Asks `reader`, set to expect `expected`, for `asked` in turn: each answer must be
    /// what the store reads for that card on its own.
    fn check(store: &Store, expected: &[i64], asked: &[i64]) {
        let mut reader = LogReader::new(store).unwrap();
        // Small batches: many of them, some read ahead, for a few dozen cards.
        reader.batch_cards = 7;
        reader.expect(expected.to_vec());
        for &id in asked {
            assert_eq!(
                reader.reviews_of(id).unwrap(),
                store.reviews_of(id).unwrap(),
                "card {id}"
            );
        }
    }

    fn orders(ids: &[i64]) -> Vec<(Vec<i64>, Vec<i64>)> {
        let every_third: Vec<i64> = ids.iter().copied().step_by(3).collect();
        // Ids far apart in each batch: read card by card.
        let (front, back) = ids.split_at(ids.len() / 2);
        let zipped: Vec<i64> = front
            .iter()
            .zip(back.iter().rev())
            .flat_map(|(&a, &b)| [a, b])
            .collect();
        let mut again = ids[..10].to_vec();
        again.extend(&ids[3..6]); // asked for a second time, out of order
        again.push(-1); // no such card
        again.extend(&ids[10..]);
        let twice: Vec<i64> = ids.iter().chain(ids).copied().collect();
        vec![
            (ids.to_vec(), ids.to_vec()),
            (ids.to_vec(), every_third),
            (ids.to_vec(), ids[40..].to_vec()),
            (zipped.clone(), zipped),
            (ids.to_vec(), again),
            (twice, ids.to_vec()),
        ]
    }

    #[test]
    fn the_reader_gives_each_card_its_reviews_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        let ids = store_with_log(&mut store);
        assert_eq!(
            store.all_reviews().unwrap().len(),
            (0..CARDS).map(|i| i % 4).sum::<usize>()
        );
        for (expected, asked) in orders(&ids) {
            check(&store, &expected, &asked);
        }
    }

    #[test]
    fn a_second_reader_sees_the_file_and_cannot_write_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        store_with_log(&mut store);
        let reader = store.reader().expect("a file can be opened twice");
        assert_eq!(reader.all_reviews().unwrap(), store.all_reviews().unwrap());
        assert!(reader.conn.execute("DELETE FROM reviews", []).is_err());
        assert!(Store::open_in_memory().unwrap().reader().is_none());
    }

    #[test]
    fn readers_started_together_all_see_the_log_as_it_was_then() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        store_with_log(&mut store);
        let before = store.all_reviews().unwrap();
        let readers = store
            .readers_at_one_moment(2)
            .expect("two readers of a file");
        // The lock is let go of, and a write after the readers started is seen by neither.
        assert!(store.conn.is_autocommit());
        store
            .conn
            .execute(
                "DELETE FROM reviews WHERE id = (SELECT max(id) FROM reviews)",
                [],
            )
            .unwrap();
        assert_eq!(store.all_reviews().unwrap().len(), before.len() - 1);
        for reader in &readers {
            assert_eq!(reader.all_reviews().unwrap(), before);
        }
    }

    #[test]
    fn readers_are_not_started_together_while_another_connection_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let mut store = Store::open(&path).unwrap();
        let ids = store_with_log(&mut store);
        let writer = Store::open(&path).unwrap();
        writer.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        // Not waited for (the busy timeout is 30 s): one reader reads instead, and the log
        // reader still reads it all.
        let asked = std::time::Instant::now();
        assert!(store.readers_at_one_moment(2).is_none());
        assert!(
            asked.elapsed() < crate::store::BUSY_TIMEOUT / 3,
            "{:?}",
            asked.elapsed()
        );
        assert_eq!(store.readers_at_one_moment(1).unwrap().len(), 1);
        check(&store, &ids, &ids);
        writer.conn.execute_batch("ROLLBACK").unwrap();
        assert_eq!(store.readers_at_one_moment(2).unwrap().len(), 2);
    }

    #[test]
    fn the_reader_gives_each_card_its_reviews_in_memory() {
        let mut store = Store::open_in_memory().unwrap();
        let ids = store_with_log(&mut store);
        for (expected, asked) in orders(&ids) {
            check(&store, &expected, &asked);
        }
    }

    /// Answers `(card, grade, days later, kind, taken_ms)` on the cards `ids`, each computed
    /// from the card's state as recall would; a kind of 2 or 3 is practice (cram, interview),
    /// which leaves the state alone.
    fn answered(store: &mut Store, ids: &[i64], answers: &[(usize, u8, u64, u8, Option<u64>)]) {
        let mut states = vec![CardState::default(); ids.len()];
        let mut day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        store
            .write(|tx| {
                for (minute, &(card, grade, later, kind, taken_ms)) in answers.iter().enumerate() {
                    day = day + chrono::Days::new(later);
                    let before = states[card];
                    let mut outcome = before.outcome(Grade::new(grade).unwrap(), day);
                    if kind >= 2 {
                        outcome.kind =
                            [ReviewKind::Cram, ReviewKind::Interview][usize::from(kind - 2)];
                        outcome.after = before;
                    }
                    let answered_at = day.and_hms_opt(9, 0, 0).unwrap().and_utc()
                        + chrono::Duration::milliseconds(minute as i64 * 60_001);
                    insert_review(
                        tx,
                        &Answer {
                            card_id: ids[card],
                            outcome,
                            answered_at,
                            day,
                            taken_ms,
                        },
                    )?;
                    states[card] = outcome.after;
                }
                Ok(())
            })
            .unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The log read in brief says of each review what its full row says.
        #[test]
        fn the_log_in_brief_is_each_review_in_brief(
            answers in proptest::collection::vec(
                (0usize..4, 0u8..=5, 0u64..3, 0u8..4, proptest::option::of(0u64..200_000)),
                0..40,
            )
        ) {
            let mut store = Store::open_in_memory().unwrap();
            let ids = store_with_log(&mut store);
            answered(&mut store, &ids[..4], &answers);
            let mut reader = LogReader::new(&store).unwrap();
            let mut briefs = Vec::new();
            reader.each_brief(|brief| -> std::result::Result<(), ()> {
                briefs.push(*brief);
                Ok(())
            }).unwrap().unwrap();
            let full: Vec<ReviewBrief> = store.all_reviews().unwrap().iter().map(ReviewBrief::from).collect();
            proptest::prop_assert_eq!(briefs, full);
        }
    }

    /// The log in brief, read by a thread of its own (a database in a file).
    fn briefs(store: &Store) -> Vec<ReviewBrief> {
        let mut briefs = Vec::new();
        LogReader::new(store)
            .unwrap()
            .each_brief(|brief| -> std::result::Result<(), ()> {
                briefs.push(*brief);
                Ok(())
            })
            .unwrap()
            .unwrap();
        briefs
    }

    #[test]
    fn a_log_of_many_batches_read_on_another_thread_comes_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        let ids = store_with_log(&mut store);
        let answers: Vec<_> = (0..2 * BRIEF_BATCH + 7)
            .map(|i| {
                (
                    i % 4,
                    (i % 6) as u8,
                    u64::from(i % 97 == 0),
                    (i % 3) as u8,
                    None,
                )
            })
            .collect();
        answered(&mut store, &ids[..4], &answers);
        let full: Vec<ReviewBrief> = store
            .all_reviews()
            .unwrap()
            .iter()
            .map(ReviewBrief::from)
            .collect();
        assert!(full.len() > 2 * BRIEF_BATCH);
        assert!(briefs(&store) == full);

        // Read ahead before it is asked for, the log is the same; a reader dropped with
        // its log read ahead and never asked for stops its thread, which waits on a full
        // channel (a test that hangs here has lost that).
        let mut ahead = LogReader::new(&store).unwrap();
        ahead.read_briefs_ahead();
        assert!(ahead.briefs.is_some());
        let mut read = Vec::new();
        ahead
            .each_brief(|brief| -> std::result::Result<(), ()> {
                read.push(*brief);
                Ok(())
            })
            .unwrap()
            .unwrap();
        assert!(read == full);
        let mut unread = LogReader::new(&store).unwrap();
        unread.read_briefs_ahead();
        drop(unread);

        // A visitor that stops has its error back, and is handed nothing after it; the
        // next pass reads the log as it is then.
        let mut seen = 0;
        let stopped = LogReader::new(&store).unwrap().each_brief(|_| {
            seen += 1;
            if seen == BRIEF_BATCH + 3 {
                Err("enough")
            } else {
                Ok(())
            }
        });
        assert_eq!(stopped.unwrap(), Err("enough"));
        assert_eq!(seen, BRIEF_BATCH + 3);
        store.conn.execute("DELETE FROM reviews", []).unwrap();
        assert!(briefs(&store).is_empty());
    }

    #[test]
    fn a_review_kind_this_version_does_not_know_is_reported_from_the_log_in_brief() {
        // The kind comes packed as a code: a name without one must not pass as a kind.
        let mut store = Store::open_in_memory().unwrap();
        store_with_log(&mut store);
        store
            .conn
            .execute_batch(
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE reviews SET kind = 'later' WHERE id = (SELECT max(id) FROM reviews);",
            )
            .unwrap();
        let read = LogReader::new(&store)
            .unwrap()
            .each_brief(|_| -> std::result::Result<(), ()> { Ok(()) });
        let err = read.map(|_| ()).unwrap_err();
        assert!(
            format!("{err:?}").contains("a review kind this version does not know"),
            "{err:?}"
        );
    }

    #[test]
    fn a_damaged_grade_in_the_log_read_in_brief_is_reported() {
        // The grade comes packed with three facts about the state before: a value out of
        // range must still show as itself, not as some other grade; read here (in memory)
        // or on another thread (in a file).
        let dir = tempfile::tempdir().unwrap();
        let stores = [-1, 6, 9].map(|grade| {
            let file = dir.path().join(format!("{grade}.db"));
            [
                (grade, Store::open_in_memory().unwrap()),
                (grade, Store::open(&file).unwrap()),
            ]
        });
        for (grade, mut store) in stores.into_iter().flatten() {
            store_with_log(&mut store);
            store
                .conn
                .execute_batch(&format!(
                    "PRAGMA ignore_check_constraints = ON;
                     UPDATE reviews SET grade = {grade} WHERE id = (SELECT max(id) FROM reviews);"
                ))
                .unwrap();
            let mut reader = LogReader::new(&store).unwrap();
            let read = reader.each_brief(|_| -> std::result::Result<(), ()> { Ok(()) });
            let err = read.map(|_| ()).unwrap_err();
            assert!(
                format!("{err:?}").contains(&format!("grade {grade} outside 0-5")),
                "{grade}: {err:?}"
            );
        }
    }

    #[test]
    fn a_reader_left_early_stops_reading_ahead() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        let ids = store_with_log(&mut store);
        let mut reader = LogReader::new(&store).unwrap();
        reader.batch_cards = 1;
        reader.expect(ids.clone());
        reader.reviews_of(ids[1]).unwrap();
        assert!(matches!(reader.source, Source::Ahead(_)));
        drop(reader);
        // Back on the store's connection, which is free again.
        assert_eq!(store.reviews_of(ids[3]).unwrap().len(), 3);
    }
}
