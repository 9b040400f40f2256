//! Aggregates for `stats`, `forecast` and `history`, done in SQL so a million-row log is
//! never loaded whole.

use chrono::NaiveDate;
use rusqlite::params;

use super::rows::{Day, day_text};
use super::{CardFilter, Result, Store};
use crate::deck::CardKind;
use crate::scheduler::Progress;

/// What the figures need of one card: no text, and of its state only what they read. Each
/// column read costs a few calls into SQLite for each of 120,000 rows, and each day parsed
/// more: the state's other days are compared in SQL.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardFactsRow {
    pub id: i64,
    pub topic_id: i64,
    pub kind: CardKind,
    pub retired: bool,
    pub suspended: bool,
    pub unlocked: bool,
    /// The main question's progress, for a follow-up.
    pub parent: Option<Progress>,
    /// Never introduced: no scheduling review yet.
    pub new: bool,
    pub progress: Progress,
    /// Next scheduled review day; `None` while new.
    pub due: Option<NaiveDate>,
    pub ease_hundredths: u32,
    /// In a same-day drill on the day asked for.
    pub in_drill: bool,
}

/// Where card `id` is in `items`, which are sorted by card id. Card ids are rowids handed out
/// in order and rows are never deleted, so a card's distance from the first id is nearly
/// always its index: that guess is tried before a binary search, whose cache misses showed in
/// profiles (`stats` looks up 160,000 parents and reviews among 120,000 cards).
pub fn find_card<T>(items: &[T], id: i64, id_of: impl Fn(&T) -> i64) -> Option<usize> {
    let first = id_of(items.first()?);
    let guess = usize::try_from(id.checked_sub(first)?).ok();
    match guess.and_then(|i| items.get(i)) {
        Some(item) if id_of(item) == id => guess,
        _ => items.binary_search_by_key(&id, id_of).ok(),
    }
}

/// The cards of a selection (deck, topic, level; `NULL` for all) with what the figures need,
/// in id order, read from the `cards_facts` index alone. The six yes/no facts come as the
/// bits of one column: every column read is a few calls into SQLite for each row, and those
/// calls were the largest cost left in `stats`.
const CARD_FACTS: &str = "
    SELECT c.id, c.parent_id, c.topic_id,
           (c.kind = 'followup') | (c.retired << 1) | (c.suspended << 2) | (c.unlocked << 3)
               | ((c.introduced_on IS NULL) << 4) | ((c.drill_day IS ?4) << 5),
           c.repetitions, c.interval_days, c.last_grade, c.due, c.ease_hundredths
    FROM cards c
    WHERE (?1 IS NULL OR c.deck_id = ?1) AND (?2 IS NULL OR c.topic_id = ?2) AND (?3 IS NULL OR c.level <= ?3)
    ORDER BY c.id";

impl Store {
    /// Every card of the selection (retired ones too), lean, in id order, with whether it is
    /// in a drill on `today`. Parents are looked up in what was read rather than joined: one
    /// pass over an index.
    pub fn card_facts(&self, filter: CardFilter, today: NaiveDate) -> Result<Vec<CardFactsRow>> {
        let mut stmt = self.conn.prepare(CARD_FACTS)?;
        let mut parents: Vec<Option<i64>> = Vec::new();
        let mut rows: Vec<CardFactsRow> = stmt
            .query_map(
                params![
                    filter.deck_id,
                    filter.topic_id,
                    filter.level,
                    day_text(today)
                ],
                |r| {
                    let flags: u8 = r.get(3)?;
                    let flag = |bit: u8| flags & (1 << bit) != 0;
                    Ok((
                        r.get::<_, Option<i64>>(1)?,
                        CardFactsRow {
                            id: r.get(0)?,
                            topic_id: r.get(2)?,
                            kind: if flag(0) {
                                CardKind::Followup
                            } else {
                                CardKind::Main
                            },
                            retired: flag(1),
                            suspended: flag(2),
                            unlocked: flag(3),
                            parent: None,
                            new: flag(4),
                            progress: Progress {
                                repetitions: r.get(4)?,
                                interval_days: r.get(5)?,
                                last_grade: r.get(6)?,
                            },
                            due: r.get::<_, Option<Day>>(7)?.map(|d| d.0),
                            ease_hundredths: r.get(8)?,
                            in_drill: flag(5),
                        },
                    ))
                },
            )?
            .map(|row| {
                row.map(|(parent, facts)| {
                    parents.push(parent);
                    facts
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        // The rows are in id order (the index's own order, so the sort is free): a parent is
        // found among them, with no map of 120,000 entries to build.
        for (i, parent) in parents.into_iter().enumerate() {
            rows[i].parent = parent.map(|id| {
                find_card(&rows, id, |row| row.id)
                    .map(|j| &rows[j])
                    .filter(|row| row.kind == CardKind::Main)
                    .map_or(
                        Progress {
                            repetitions: 0,
                            interval_days: 0,
                            last_grade: None,
                        },
                        |row| row.progress,
                    )
            });
        }
        Ok(rows)
    }

    /// Every scheduling review's card and grade on days `from..=to`, read from the covering
    /// day index alone: the caller knows each card's topic already, so no row of `cards` is
    /// looked up per review.
    pub fn schedule_grades(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mut visit: impl FnMut(i64, u8),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT card_id, grade FROM reviews
             WHERE day BETWEEN ?1 AND ?2 AND kind = 'schedule'",
        )?;
        let mut rows = stmt.query(params![day_text(from), day_text(to)])?;
        while let Some(row) = rows.next()? {
            visit(row.get(0)?, row.get(1)?);
        }
        Ok(())
    }

    /// Reviews (all kinds) per day on days `from..=to`.
    pub fn daily_review_counts(
        &self,
        filter: CardFilter,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, u32)>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.day, COUNT(*) FROM reviews r JOIN cards c ON c.id = r.card_id
             WHERE r.day BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR c.deck_id = ?3) AND (?4 IS NULL OR c.topic_id = ?4) AND (?5 IS NULL OR c.level <= ?5)
             GROUP BY r.day",
        )?;
        let rows = stmt
            .query_map(
                params![
                    day_text(from),
                    day_text(to),
                    filter.deck_id,
                    filter.topic_id,
                    filter.level
                ],
                |r| Ok((r.get::<_, Day>(0)?.0, r.get::<_, u32>(1)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The run of days with reviews that ends today (or yesterday, when nothing was reviewed
    /// yet today), walking back one indexed probe per day instead of counting the whole log:
    /// today with its count, earlier days with 1.
    pub fn streak_days(
        &self,
        filter: CardFilter,
        today: NaiveDate,
    ) -> Result<Vec<(NaiveDate, u32)>> {
        // With nothing to select by, no card is looked up: every review has its card (a
        // foreign key), and the lookup was a page read per day walked back.
        let mut probe = self.conn.prepare(if filter == CardFilter::default() {
            "SELECT COUNT(*) FROM (SELECT 1 FROM reviews r
             WHERE r.day = ?1 AND ?2 IS NULL AND ?3 IS NULL AND ?5 IS NULL
             LIMIT ?4)"
        } else {
            "SELECT COUNT(*) FROM (SELECT 1 FROM reviews r JOIN cards c ON c.id = r.card_id
             WHERE r.day = ?1 AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3) AND (?5 IS NULL OR c.level <= ?5)
             LIMIT ?4)"
        })?;
        let mut count = |day: NaiveDate, limit: i64| -> Result<u32> {
            Ok(probe.query_row(
                params![
                    day_text(day),
                    filter.deck_id,
                    filter.topic_id,
                    limit,
                    filter.level
                ],
                |r| r.get(0),
            )?)
        };
        let mut days = Vec::new();
        let today_count = count(today, -1)?;
        if today_count > 0 {
            days.push((today, today_count));
        }
        let mut day = today;
        while let Some(before) = day.pred_opt() {
            if count(before, 1)? == 0 {
                break;
            }
            days.push((before, 1));
            day = before;
        }
        Ok(days)
    }

    /// Active cards in the selection.
    pub fn count_cards(&self, filter: CardFilter) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM cards c WHERE c.retired = 0
               AND (?1 IS NULL OR c.deck_id = ?1) AND (?2 IS NULL OR c.topic_id = ?2) AND (?3 IS NULL OR c.level <= ?3)",
            params![filter.deck_id, filter.topic_id, filter.level],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::Grade;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// A deck with a main question (id 1) and follow-ups 2 to 8, each with one fact set.
    fn store() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO decks VALUES (1, 'd', 'D', 'bundled', NULL, '2026-03-01T00:00:00Z');
                 INSERT INTO topics VALUES (1, 1, 'T', 0);
                 INSERT INTO cards (id, deck_id, topic_id, parent_id, key, kind, position, question,
                                    text_changed_at, retired, suspended, unlocked, repetitions,
                                    interval_days, ease_hundredths, due, last_grade, drill_day,
                                    introduced_on)
                 VALUES
                   (1, 1, 1, NULL, '1', 'main', 0, 'Q', 'x', 0, 0, 0, 3, 21, 260, '2026-03-20', 5, NULL, '2026-02-01'),
                   (2, 1, 1, 1, '1.1', 'followup', 1, 'F', 'x', 1, 0, 0, 0, 0, 250, NULL, NULL, NULL, NULL),
                   (3, 1, 1, 1, '1.2', 'followup', 2, 'F', 'x', 0, 1, 0, 0, 0, 250, NULL, NULL, NULL, NULL),
                   (4, 1, 1, 1, '1.3', 'followup', 3, 'F', 'x', 0, 0, 1, 0, 0, 250, NULL, NULL, NULL, NULL),
                   (5, 1, 1, 1, '1.4', 'followup', 4, 'F', 'x', 0, 0, 0, 1, 1, 230, '2026-03-02', 3, '2026-03-01', '2026-03-01'),
                   (6, 1, 1, 1, '1.5', 'followup', 5, 'F', 'x', 0, 0, 0, 1, 1, 230, '2026-03-02', 3, '2026-02-28', '2026-02-28');",
            )
            .unwrap();
        store
    }

    #[test]
    fn card_facts_reads_each_fact_of_each_card() {
        let rows = store()
            .card_facts(CardFilter::default(), day("2026-03-01"))
            .unwrap();
        let main = Progress {
            repetitions: 3,
            interval_days: 21,
            last_grade: Some(Grade::new(5).unwrap()),
        };
        let new = CardFactsRow {
            id: 2,
            topic_id: 1,
            kind: CardKind::Followup,
            retired: false,
            suspended: false,
            unlocked: false,
            parent: Some(main),
            new: true,
            progress: Progress {
                repetitions: 0,
                interval_days: 0,
                last_grade: None,
            },
            due: None,
            ease_hundredths: 250,
            in_drill: false,
        };
        let drilled = CardFactsRow {
            id: 5,
            new: false,
            progress: Progress {
                repetitions: 1,
                interval_days: 1,
                last_grade: Some(Grade::new(3).unwrap()),
            },
            due: Some(day("2026-03-02")),
            ease_hundredths: 230,
            in_drill: true,
            ..new
        };
        assert_eq!(
            rows,
            [
                CardFactsRow {
                    id: 1,
                    kind: CardKind::Main,
                    parent: None,
                    progress: main,
                    due: Some(day("2026-03-20")),
                    ease_hundredths: 260,
                    new: false,
                    ..new
                },
                CardFactsRow {
                    retired: true,
                    ..new
                },
                CardFactsRow {
                    id: 3,
                    suspended: true,
                    ..new
                },
                CardFactsRow {
                    id: 4,
                    unlocked: true,
                    ..new
                },
                drilled,
                // A drill of another day is over.
                CardFactsRow {
                    id: 6,
                    in_drill: false,
                    ..drilled
                },
            ]
        );
    }

    #[test]
    fn card_facts_reads_its_index_not_the_cards() {
        let store = store();
        let mut plan = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {CARD_FACTS}"))
            .unwrap();
        let steps: Vec<String> = plan
            .query_map(params![1, 1, "senior", "2026-03-01"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(steps, ["SCAN c USING COVERING INDEX cards_facts"]);
    }

    #[test]
    fn the_streak_counts_the_days_of_the_selection_or_of_every_card() {
        let store = store();
        // Card 1 (topic 1) was reviewed on the 27th and the 1st, card 7 (topic 2) on each day.
        store
            .conn
            .execute_batch(
                "INSERT INTO topics VALUES (2, 1, 'U', 1);
                 INSERT INTO cards (id, deck_id, topic_id, key, kind, position, question, text_changed_at)
                 VALUES (7, 1, 2, '2', 'main', 6, 'Q2', 'x');
                 INSERT INTO reviews (card_id, answered_at, day, grade, kind, before_repetitions,
                                      before_interval_days, before_ease_hundredths, before_lapses,
                                      after_repetitions, after_interval_days,
                                      after_ease_hundredths, after_lapses)
                 VALUES (1, 'x', '2026-02-27', 4, 'schedule', 0, 0, 250, 0, 1, 1, 250, 0),
                        (7, 'x', '2026-02-27', 4, 'drill', 0, 0, 250, 0, 1, 1, 250, 0),
                        (7, 'x', '2026-02-28', 4, 'schedule', 0, 0, 250, 0, 1, 1, 250, 0),
                        (1, 'x', '2026-03-01', 4, 'schedule', 1, 1, 250, 0, 2, 6, 250, 0),
                        (7, 'x', '2026-03-01', 4, 'schedule', 1, 1, 250, 0, 2, 6, 250, 0);",
            )
            .unwrap();
        let today = day("2026-03-01");
        let every_day = vec![(today, 2), (day("2026-02-28"), 1), (day("2026-02-27"), 1)];
        assert_eq!(
            store.streak_days(CardFilter::default(), today).unwrap(),
            every_day
        );
        let everything_selected = CardFilter {
            deck_id: Some(1),
            ..CardFilter::default()
        };
        assert_eq!(
            store.streak_days(everything_selected, today).unwrap(),
            every_day
        );
        let topic_one = CardFilter {
            topic_id: Some(1),
            ..CardFilter::default()
        };
        assert_eq!(
            store.streak_days(topic_one, today).unwrap(),
            vec![(today, 1)]
        );
    }

    #[test]
    fn a_card_is_found_by_its_id_whether_or_not_the_ids_are_dense() {
        let ids = [3, 4, 5, 9, 10, 200];
        for (i, &id) in ids.iter().enumerate() {
            assert_eq!(find_card(&ids, id, |&id| id), Some(i));
        }
        for id in [0, 2, 6, 8, 11, 199, 201, i64::MIN, i64::MAX] {
            assert_eq!(find_card(&ids, id, |&id| id), None);
        }
        assert_eq!(find_card(&[] as &[i64], 1, |&id| id), None);
    }
}
