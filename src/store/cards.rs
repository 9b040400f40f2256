//! Reading cards with their state, and the small per-card writes.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::rows::{self, CARD_SELECT, Day, day_text};
use super::{Result, Store};
use crate::card::Card;
use crate::deck::CardKind;
use crate::deck::Level;
use crate::scheduler::{MasteryRule, Progress};

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

impl Store {
    /// True when no deck has been imported yet.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM decks)", [], |r| r.get(0))?)
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
    pub fn cards(&self, filter: CardFilter) -> Result<Vec<Card>> {
        let sql = format!(
            "{CARD_SELECT} WHERE (?1 IS NULL OR c.deck_id = ?1) AND (?2 IS NULL OR c.topic_id = ?2) AND (?3 IS NULL OR c.level <= ?3)
             ORDER BY c.deck_id, c.position"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut cards: Vec<Card> = stmt
            .query_map(
                params![filter.deck_id, filter.topic_id, filter.level],
                rows::card,
            )?
            .collect::<rusqlite::Result<_>>()?;
        // The list grew by doubling: an export of 120,000 cards held 10,000 empty places.
        cards.shrink_to_fit();
        Ok(cards)
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
        let sql = format!(
            "{CARD_SELECT} WHERE c.due <= ?1 AND c.introduced_on IS NOT NULL
               AND (c.drill_day IS NULL OR c.drill_day <> ?1)
               AND c.retired = 0 AND c.suspended = 0
               AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3) AND (?5 IS NULL OR c.level <= ?5)
             ORDER BY c.due, c.deck_id, c.position LIMIT ?4"
        );
        self.query_cards(
            &sql,
            params![
                day_text(today),
                filter.deck_id,
                filter.topic_id,
                limit as i64,
                filter.level
            ],
        )
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
