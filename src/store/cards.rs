//! Reading cards with their state, and the small per-card writes.

use chrono::{DateTime, NaiveDate, Utc};
use std::sync::mpsc;

use rusqlite::{OptionalExtension, params};

use super::rows::{self, CARD_SELECT, Day, day_text};
use super::{Result, Store};
use crate::card::Card;
use crate::deck::CardKind;
use crate::deck::Level;
use crate::scheduler::{MasteryRule, Progress};

/// A card's deck and position: its place in document order.
type DocumentPlace = (i64, i64);

/// Lists of at least this many cards are read in two halves at once ([`Store::cards`]).
const READ_IN_HALVES_FROM: usize = 4096;

/// Set when the learner removes a deck: a database left without decks then stays empty,
/// rather than getting the bundled deck back at the next command.
const DECKS_REMOVED: &str = "decks_removed";

/// Whether the database is new: no deck, and none ever removed (see [`DECKS_REMOVED`]).
pub(super) fn is_new(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM decks)
             AND NOT EXISTS (SELECT 1 FROM settings WHERE key = ?1)",
        [DECKS_REMOVED],
        |r| r.get(0),
    )?)
}

/// The second half comes over in batches of this many cards.
const BATCH: usize = 256;

/// Puts `items` in the order `order` gives, in place: `order[i]` is where the item that
/// goes at `i` is now. Each cycle of the order is followed once, an item moved at a time
/// (a second list of 120,000 cards would be 37 MB more).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// A new card as the daily queue's scan sees it: what the mastery gate needs, no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewCard {
    pub id: i64,
    pub kind: CardKind,
    pub unlocked: bool,
    /// The main question's progress, for a follow-up.
    pub parent: Option<Progress>,
}

impl NewCard {
    /// Whether the gate holds it back (a new card, so never introduced).
    pub fn is_locked(&self, rule: &MasteryRule) -> bool {
        crate::card::is_locked(self.parent, self.unlocked, true, rule)
    }
}

/// Which cards a listing covers; `None` means all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CardFilter {
    pub deck_id: Option<i64>,
    pub topic_id: Option<i64>,
    /// Only cards at or below this level (unmarked cards are left out).
    pub level: Option<Level>,
}

/// A deck with its card counts, for `recall decks`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeckSummary {
    #[serde(skip)]
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub source: String,
    pub topics: usize,
    pub cards: usize,
    pub main: usize,
    pub followups: usize,
    pub retired: usize,
}

/// A topic of a deck, for resolving `--topic`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    pub id: i64,
    pub deck_id: i64,
    pub name: String,
}

/// The reviews due by a day, drills excluded, in the order they are taken: `?1` the day,
/// `?2`–`?3` and `?5` the filter, `?4` how many, `?6` how many to pass over.
const DUE_REVIEWS: &str = "WHERE c.due <= ?1 AND c.introduced_on IS NOT NULL
       AND (c.drill_day IS NULL OR c.drill_day <> ?1)
       AND c.retired = 0 AND c.suspended = 0
       AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3) AND (?5 IS NULL OR c.level <= ?5)
     ORDER BY c.due, c.deck_id, c.position LIMIT ?4 OFFSET ?6";

fn due_params(
    today: NaiveDate,
    filter: CardFilter,
    limit: usize,
    skip: usize,
) -> impl rusqlite::Params {
    (
        day_text(today),
        filter.deck_id,
        filter.topic_id,
        limit as i64,
        filter.level,
        skip as i64,
    )
}

impl Store {
    /// True when the database is new: no deck imported yet, and none removed by the learner.
    pub fn is_new(&self) -> Result<bool> {
        is_new(&self.conn)
    }

    /// The card with this id, if there is one.
    pub fn card(&self, id: i64) -> Result<Option<Card>> {
        let sql = format!("{CARD_SELECT} WHERE c.id = ?1");
        Ok(self.conn.query_row(&sql, [id], rows::card).optional()?)
    }

    /// Active (not retired) cards whose key is `key`, in any deck or in `deck_id`.
    pub fn cards_with_key(&self, key: &str, deck_id: Option<i64>) -> Result<Vec<Card>> {
        let sql = format!(
            "{CARD_SELECT} WHERE c.key = ?1 AND c.retired = 0 AND (?2 IS NULL OR c.deck_id = ?2)
             ORDER BY c.deck_id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let cards = stmt
            .query_map(params![key, deck_id], rows::card)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cards)
    }

    /// The most recently retired card whose key was `key`.
    pub fn retired_card_with_key(&self, key: &str, deck_id: Option<i64>) -> Result<Option<Card>> {
        let sql = format!(
            "{CARD_SELECT} WHERE c.key = ?1 AND c.retired = 1 AND (?2 IS NULL OR c.deck_id = ?2)
             ORDER BY c.id DESC LIMIT 1"
        );
        Ok(self
            .conn
            .query_row(&sql, params![key, deck_id], rows::card)
            .optional()?)
    }

    /// Cards in document order (deck, then position), retired ones included.
    ///
    /// A long list is read in two halves at once, the second on a [`Store::reader`]: the
    /// reading (text checked as UTF-8, dates parsed, strings made) is most of an export's
    /// first quarter of a second. The halves are cut by card id, which a card keeps, so
    /// each card is in one half whatever changes between the two reads.
    pub fn cards(&self, filter: CardFilter) -> Result<Vec<Card>> {
        let (count, low, high): (i64, Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT count(*), min(id), max(id) FROM cards c WHERE (?1 IS NULL OR c.deck_id = ?1)",
            [filter.deck_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let count = usize::try_from(count).unwrap_or(0);
        let everything = (i64::MIN, i64::MAX);
        let halves = match (low, high) {
            (Some(low), Some(high)) if count >= READ_IN_HALVES_FROM => {
                self.reader().map(|reader| (reader, low + (high - low) / 2))
            }
            _ => None,
        };
        let mut cards = Vec::with_capacity(count);
        let Some((reader, middle)) = halves else {
            self.cards_between(filter, everything, |card, _| cards.push(card))?;
            return Ok(cards);
        };
        let second_half = (middle.saturating_add(1), i64::MAX);
        // Each card's place in document order, as they come: the two halves interleaved.
        let mut places = Vec::with_capacity(count);
        let mut keep = |card: Card, place: DocumentPlace| {
            cards.push(card);
            places.push(place);
        };
        std::thread::scope(|scope| {
            // The second half comes over in small batches, taken between this thread's own
            // rows, so that few are ever waiting. Half the cards in one list, freed here,
            // made glibc keep more freed memory from then on (its trim threshold follows
            // the largest block freed): 10 MB more at an export's peak. Kept as many small
            // lists until the end, they stayed in the other thread's heap: 19 MB more.
            let (send, batches) = mpsc::sync_channel::<Vec<(Card, DocumentPlace)>>(4);
            let other = std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut batch = Vec::with_capacity(BATCH);
                reader.cards_between(filter, second_half, |card, place| {
                    batch.push((card, place));
                    if batch.len() == BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        // This thread stops early only on an error, returned below.
                        let _ = send.send(full);
                    }
                })?;
                let _ = send.send(batch);
                Ok::<_, super::StoreError>(())
            });
            let Ok(other) = other else {
                self.cards_between(filter, (i64::MIN, middle), &mut keep)?;
                return self.cards_between(filter, second_half, &mut keep);
            };
            self.cards_between(filter, (i64::MIN, middle), |card, place| {
                keep(card, place);
                while let Ok(batch) = batches.try_recv() {
                    batch
                        .into_iter()
                        .for_each(|(card, place)| keep(card, place));
                }
            })?;
            for batch in batches.iter() {
                batch
                    .into_iter()
                    .for_each(|(card, place)| keep(card, place));
            }
            other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
        // Sorted by place, the cards are in document order.
        let mut order: Vec<usize> = (0..cards.len()).collect();
        order.sort_unstable_by_key(|&i| places[i]);
        drop(places);
        permute(&mut cards, &mut order);
        cards.shrink_to_fit();
        Ok(cards)
    }

    /// The cards of `filter` whose ids lie between `from` and `to` (inclusive), in
    /// document order, each handed to `each` with its place in that order.
    fn cards_between(
        &self,
        filter: CardFilter,
        (from, to): (i64, i64),
        mut each: impl FnMut(Card, DocumentPlace),
    ) -> Result<()> {
        let sql = format!(
            "{CARD_SELECT} WHERE (?1 IS NULL OR c.deck_id = ?1) AND (?2 IS NULL OR c.topic_id = ?2) AND (?3 IS NULL OR c.level <= ?3)
               AND +c.id BETWEEN ?4 AND ?5
             ORDER BY c.deck_id, c.position"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![
            filter.deck_id,
            filter.topic_id,
            filter.level,
            from,
            to
        ])?;
        while let Some(row) = rows.next()? {
            each(rows::card(row)?, rows::document_place(row)?);
        }
        Ok(())
    }

    /// Active follow-ups of a main question, in order.
    pub fn followups(&self, parent_id: i64) -> Result<Vec<Card>> {
        let sql =
            format!("{CARD_SELECT} WHERE c.parent_id = ?1 AND c.retired = 0 ORDER BY c.position");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let cards = stmt
            .query_map([parent_id], rows::card)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cards)
    }

    /// Cards in a same-day drill on `today`.
    pub fn drill_cards(&self, today: NaiveDate, filter: CardFilter) -> Result<Vec<Card>> {
        let sql = format!(
            "{CARD_SELECT} WHERE c.drill_day = ?1 AND c.retired = 0 AND c.suspended = 0
               AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3) AND (?4 IS NULL OR c.level <= ?4)
             ORDER BY (SELECT MAX(r.id) FROM reviews r WHERE r.card_id = c.id)"
        );
        self.query_cards(
            &sql,
            params![
                day_text(today),
                filter.deck_id,
                filter.topic_id,
                filter.level
            ],
        )
    }

    /// Reviews due on or before `today`, oldest due first, at most `limit`; drills excluded.
    pub fn due_reviews(
        &self,
        today: NaiveDate,
        filter: CardFilter,
        limit: usize,
    ) -> Result<Vec<Card>> {
        let sql = format!("{CARD_SELECT} {DUE_REVIEWS}");
        self.query_cards(&sql, due_params(today, filter, limit, 0))
    }

    /// Whether more reviews are due by `today` than the `shown` first of them (those past the
    /// day's limit): one step along the due index past them, not a count of them all.
    pub fn more_due_reviews(
        &self,
        today: NaiveDate,
        filter: CardFilter,
        shown: usize,
    ) -> Result<bool> {
        let sql = format!("SELECT 1 FROM cards c {DUE_REVIEWS}");
        Ok(self
            .conn
            .query_row(&sql, due_params(today, filter, 1, shown), |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// New cards in document order, handed one by one to `visit` (which returns false to
    /// stop) as the few columns the gate needs: a large deck's locked follow-ups are passed
    /// over without reading their text. Fetch the chosen ones with [`Store::cards_by_id`].
    pub fn scan_new_cards(
        &self,
        filter: CardFilter,
        mut visit: impl FnMut(&NewCard) -> bool,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.kind, c.unlocked, p.repetitions, p.interval_days, p.last_grade
             FROM cards c LEFT JOIN cards p ON p.id = c.parent_id
             WHERE c.introduced_on IS NULL AND c.retired = 0 AND c.suspended = 0
               AND (?1 IS NULL OR c.deck_id = ?1) AND (?2 IS NULL OR c.topic_id = ?2)
               AND (?3 IS NULL OR c.level <= ?3)
             ORDER BY c.deck_id, c.position",
        )?;
        let mut rows = stmt.query(params![filter.deck_id, filter.topic_id, filter.level])?;
        while let Some(row) = rows.next()? {
            let parent = match row.get::<_, Option<u32>>(3)? {
                Some(repetitions) => Some(Progress {
                    repetitions,
                    interval_days: row.get(4)?,
                    last_grade: row.get(5)?,
                }),
                None => None,
            };
            let card = NewCard {
                id: row.get(0)?,
                kind: row.get(1)?,
                unlocked: row.get(2)?,
                parent,
            };
            if !visit(&card) {
                break;
            }
        }
        Ok(())
    }

    /// Cards by id, in the order asked.
    pub fn cards_by_id(&self, ids: &[i64]) -> Result<Vec<Card>> {
        let sql = format!("{CARD_SELECT} WHERE c.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut cards = Vec::with_capacity(ids.len());
        for id in ids {
            cards.push(stmt.query_row([id], rows::card)?);
        }
        Ok(cards)
    }

    fn query_cards(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Card>> {
        let mut stmt = self.conn.prepare(sql)?;
        let cards = stmt
            .query_map(params, rows::card)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cards)
    }

    /// Cards first introduced on `today`, and cards reviewed on schedule today after their
    /// first day: what today's new and review limits have already used.
    pub fn done_today(&self, today: NaiveDate) -> Result<(u32, u32)> {
        let day = day_text(today);
        let new: u32 = self.conn.query_row(
            "SELECT COUNT(*) FROM cards WHERE introduced_on = ?1",
            [&day],
            |r| r.get(0),
        )?;
        let reviews: u32 = self.conn.query_row(
            "SELECT COUNT(DISTINCT card_id) FROM reviews
             WHERE day = ?1 AND kind = 'schedule' AND before_introduced_on IS NOT NULL",
            [&day],
            |r| r.get(0),
        )?;
        Ok((new, reviews))
    }

    /// The earliest due day after `today` among active cards, for "next review on …".
    pub fn next_due_after(
        &self,
        today: NaiveDate,
        filter: CardFilter,
    ) -> Result<Option<NaiveDate>> {
        let day: Option<Day> = self.conn.query_row(
            "SELECT MIN(c.due) FROM cards c
             WHERE c.due > ?1 AND c.introduced_on IS NOT NULL AND c.retired = 0 AND c.suspended = 0
               AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3) AND (?4 IS NULL OR c.level <= ?4)",
            params![day_text(today), filter.deck_id, filter.topic_id, filter.level],
            |r| r.get(0),
        )?;
        Ok(day.map(|d| d.0))
    }

    /// Active cards due on or before `day` (for "due tomorrow": what will wait then).
    pub fn count_due_by(&self, day: NaiveDate, filter: CardFilter) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM cards c
             WHERE c.due <= ?1 AND c.introduced_on IS NOT NULL AND c.retired = 0 AND c.suspended = 0
               AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3) AND (?4 IS NULL OR c.level <= ?4)",
            params![day_text(day), filter.deck_id, filter.topic_id, filter.level],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }

    /// Deletes a deck with its topics, cards, their review history and journaled changes, in
    /// one transaction. Other decks are untouched.
    pub fn remove_deck(&mut self, deck_id: i64) -> Result<()> {
        self.write(|tx| {
            // Mock interviews held on this deck alone go with it; one that also asked
            // another deck's questions keeps those.
            tx.execute(
                "DELETE FROM interviews WHERE id IN (
                     SELECT a.interview_id FROM interview_answers a
                     JOIN reviews r ON r.id = a.review_id JOIN cards c ON c.id = r.card_id
                     WHERE c.deck_id = ?1)
                 AND NOT EXISTS (
                     SELECT 1 FROM interview_answers a
                     JOIN reviews r ON r.id = a.review_id JOIN cards c ON c.id = r.card_id
                     WHERE a.interview_id = interviews.id AND c.deck_id <> ?1)",
                [deck_id],
            )?;
            tx.execute(
                "DELETE FROM reviews WHERE card_id IN (SELECT id FROM cards WHERE deck_id = ?1)",
                [deck_id],
            )?;
            tx.execute(
                "DELETE FROM changes WHERE card_id IN (SELECT id FROM cards WHERE deck_id = ?1)",
                [deck_id],
            )?;
            tx.execute("DELETE FROM cards WHERE deck_id = ?1", [deck_id])?;
            tx.execute("DELETE FROM topics WHERE deck_id = ?1", [deck_id])?;
            tx.execute("DELETE FROM decks WHERE id = ?1", [deck_id])?;
            tx.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, '1')",
                [DECKS_REMOVED],
            )?;
            Ok(())
        })
    }

    /// Sets the learner's note. The note travels in the Anki export's Answer field, so it
    /// counts as a text change (Anki updates a note only when it is newer than its copy).
    pub fn set_note(&mut self, card_id: i64, note: Option<&str>, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE cards SET note = ?2, text_changed_at = ?3 WHERE id = ?1 AND note IS NOT ?2",
            params![
                card_id,
                note,
                now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ],
        )?;
        Ok(())
    }

    pub fn decks(&self) -> Result<Vec<DeckSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.slug, d.title, d.source,
                    (SELECT COUNT(DISTINCT c.topic_id) FROM cards c WHERE c.deck_id = d.id AND c.retired = 0),
                    COALESCE(SUM(c.retired = 0), 0),
                    COALESCE(SUM(c.retired = 0 AND c.kind = 'main'), 0),
                    COALESCE(SUM(c.retired = 0 AND c.kind = 'followup'), 0),
                    COALESCE(SUM(c.retired = 1), 0)
             FROM decks d LEFT JOIN cards c ON c.deck_id = d.id
             GROUP BY d.id ORDER BY d.id",
        )?;
        let decks = stmt
            .query_map([], |r| {
                Ok(DeckSummary {
                    id: r.get(0)?,
                    slug: r.get(1)?,
                    title: r.get(2)?,
                    source: r.get(3)?,
                    topics: r.get::<_, i64>(4)? as usize,
                    cards: r.get::<_, i64>(5)? as usize,
                    main: r.get::<_, i64>(6)? as usize,
                    followups: r.get::<_, i64>(7)? as usize,
                    retired: r.get::<_, i64>(8)? as usize,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(decks)
    }

    /// Every deck's id, slug and title, in import order (cheap, unlike `decks`).
    pub fn deck_names(&self) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, slug, title FROM decks ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many decks there are (cheap, unlike `decks`).
    pub fn deck_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM decks", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Topics that hold active cards, in document order.
    pub fn topics(&self, deck_id: Option<i64>) -> Result<Vec<TopicRow>> {
        self.topic_rows(deck_id, true)
    }

    /// Every topic ever imported, emptied ones too, in document order; cheaper than `topics`
    /// for callers that see the cards anyway.
    pub fn all_topics(&self, deck_id: Option<i64>) -> Result<Vec<TopicRow>> {
        self.topic_rows(deck_id, false)
    }

    fn topic_rows(&self, deck_id: Option<i64>, with_cards_only: bool) -> Result<Vec<TopicRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.deck_id, t.name FROM topics t
             WHERE (?1 IS NULL OR t.deck_id = ?1)
               AND (NOT ?2 OR t.id IN (SELECT topic_id FROM cards WHERE retired = 0))
             ORDER BY t.deck_id, t.position",
        )?;
        let topics = stmt
            .query_map(params![deck_id, with_cards_only], |r| {
                Ok(TopicRow {
                    id: r.get(0)?,
                    deck_id: r.get(1)?,
                    name: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(topics)
    }

    pub fn deck_id(&self, slug: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM decks WHERE slug = ?1", [slug], |r| r.get(0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    use super::*;
    use crate::deck::parse_deck;
    use crate::store::DeckSource;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn import(store: &mut Store, questions: impl Iterator<Item = String>) -> TestResult {
        let mut text = String::from("# Deck\n\n## First\n\n");
        for (i, question) in questions.enumerate() {
            if i == 3000 {
                text.push_str("## Second\n\n");
            }
            text.push_str(&format!("### {}. {question}\n\n", i + 1));
        }
        let (deck, _) = parse_deck("d.md", "d", text.as_bytes())?;
        let source = DeckSource {
            deck,
            source: "d.md".into(),
            fingerprint: None,
            answer_file: false,
        };
        store.import(
            &[source],
            Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap(),
            false,
        )?;
        Ok(())
    }

    #[test]
    fn a_long_list_read_in_halves_is_the_list_read_at_once() -> TestResult {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(&dir.path().join("recall.db"))?;
        import(&mut store, (0..5000).map(|i| format!("Question {i}?")))?;
        // New questions put in at the front and in the middle: their ids are the largest,
        // their places early, so id order is not document order.
        let edited = (0..300)
            .map(|i| format!("New first {i}?"))
            .chain((0..5000).map(|i| format!("Question {i}?")))
            .chain((0..200).map(|i| format!("New last {i}?")));
        import(&mut store, edited.clone())?;
        assert!(
            store.reader().is_some(),
            "a file-backed store has a second reader"
        );

        let everything = (i64::MIN, i64::MAX);
        for filter in [
            CardFilter::default(),
            CardFilter {
                topic_id: store.all_topics(None)?.first().map(|t| t.id),
                ..CardFilter::default()
            },
        ] {
            // The deck has enough cards to be read in halves, with a filter too.
            let mut at_once = Vec::new();
            store.cards_between(filter, everything, |card, _| at_once.push(card))?;
            let halves = store.cards(filter)?;
            assert!(halves.len() >= 3000, "{} cards", halves.len());
            assert!(halves == at_once, "{filter:?}: another list or order");
        }
        let questions: Vec<String> = store
            .cards(CardFilter::default())?
            .into_iter()
            .map(|c| c.question)
            .collect();
        assert_eq!(questions, edited.collect::<Vec<_>>());
        Ok(())
    }

    proptest! {
        #[test]
        fn permute_puts_each_item_where_the_order_says(
            order in (0usize..200).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        ) {
            let items: Vec<String> = (0..order.len()).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut permuted = items;
            permute(&mut permuted, &mut order.clone());
            prop_assert_eq!(permuted, expected);
        }
    }
}
