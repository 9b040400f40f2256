//! Aggregates for `stats`, `forecast` and `history`, done in SQL so a million-row log is
//! never loaded whole.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::rows::{self, Day, day_text};
use super::{CardFilter, Result, Store};
use crate::card::CardState;
use crate::deck::CardKind;
use crate::scheduler::Progress;

/// What the figures need of one card, without its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardFactsRow {
    pub id: i64,
    pub topic_id: i64,
    pub kind: CardKind,
    pub retired: bool,
    pub suspended: bool,
    pub unlocked: bool,
    pub parent: Option<Progress>,
    pub state: CardState,
}

impl Store {
    /// Every card of the selection (retired ones too), lean. Parents are looked up in what
    /// was read rather than joined: one pass over the table.
    pub fn card_facts(&self, filter: CardFilter) -> Result<Vec<CardFactsRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.parent_id, c.topic_id, c.kind = 'followup', c.retired, c.suspended,
                    c.unlocked, c.repetitions, c.interval_days, c.ease_hundredths, c.due,
                    c.lapses, c.last_grade, c.drill_day, c.introduced_on
             FROM cards c
             WHERE (?1 IS NULL OR c.deck_id = ?1) AND (?2 IS NULL OR c.topic_id = ?2) AND (?3 IS NULL OR c.level <= ?3)",
        )?;
        let mut parents: Vec<Option<i64>> = Vec::new();
        let mut progress: HashMap<i64, Progress> = HashMap::new();
        let mut rows: Vec<CardFactsRow> = stmt
            .query_map(
                params![filter.deck_id, filter.topic_id, filter.level],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        CardFactsRow {
                            id: r.get(0)?,
                            topic_id: r.get(2)?,
                            kind: if r.get(3)? {
                                CardKind::Followup
                            } else {
                                CardKind::Main
                            },
                            retired: r.get(4)?,
                            suspended: r.get(5)?,
                            unlocked: r.get(6)?,
                            parent: None,
                            state: rows::state(r, 7)?,
                        },
                    ))
                },
            )?
            .map(|row| {
                row.map(|(id, parent, facts)| {
                    if facts.kind == CardKind::Main {
                        progress.insert(id, facts.state.progress());
                    }
                    parents.push(parent);
                    facts
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        for (row, parent) in rows.iter_mut().zip(parents) {
            row.parent = parent.map(|id| {
                progress.get(&id).copied().unwrap_or(Progress {
                    repetitions: 0,
                    interval_days: 0,
                    last_grade: None,
                })
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
        let mut probe = self.conn.prepare(
            "SELECT COUNT(*) FROM (SELECT 1 FROM reviews r JOIN cards c ON c.id = r.card_id
             WHERE r.day = ?1 AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3) AND (?5 IS NULL OR c.level <= ?5)
             LIMIT ?4)",
        )?;
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
