//! Mock interviews: the interview rows, each answer written with its review in one
//! transaction, and what choosing questions and reporting need to read.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::reviews::{Answer, record_answer};
use super::rows::{Day, day_text, instant_text};
use super::{CardFilter, Result, Store};
use crate::interview::{AnswerFact, InterviewSummary};
use crate::scheduler::{Grade, ReviewKind};

/// An interview about to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewInterview {
    pub started_at: DateTime<Utc>,
    pub day: NaiveDate,
    pub planned: u32,
    pub followups: u32,
    pub minutes: Option<u32>,
}

/// What the log says of one card, for choosing interview questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogFacts {
    /// Interview answers ever given.
    pub interviewed: u32,
    /// The last interview answer was below 4.
    pub failed_last_interview: bool,
    /// Failing scheduling grades since the day asked for, of a card already learned.
    pub recent_lapses: u32,
    pub last_reviewed: Option<NaiveDate>,
}

/// New main questions whose last interview answer failed, oldest failure first. Read from
/// the interview answers (a small table) out, so a daily queue over a long history pays
/// nothing for it: CROSS JOIN keeps SQLite from starting at the log, which it would
/// otherwise scan whole (a million rows, 30 ms on every `due`).
const NEW_MAINS_FAILED_IN_INTERVIEW: &str = "
    SELECT c.id
    FROM (SELECT r.card_id, MAX(a.review_id) AS last
            FROM interview_answers a CROSS JOIN reviews r ON r.id = a.review_id
           GROUP BY r.card_id) l
    JOIN reviews r ON r.id = l.last
    JOIN cards c ON c.id = l.card_id
    WHERE c.kind = 'main' AND c.introduced_on IS NULL AND c.retired = 0
      AND c.suspended = 0 AND r.grade < 3
      AND (?1 IS NULL OR c.deck_id = ?1) AND (?2 IS NULL OR c.topic_id = ?2)
      AND (?3 IS NULL OR c.level <= ?3)
    ORDER BY r.id";

impl Store {
    /// Starts an interview; returns its id.
    pub fn begin_interview(&mut self, new: &NewInterview) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO interviews (started_at, day, planned, followups, minutes)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    instant_text(new.started_at),
                    Day(new.day),
                    new.planned,
                    new.followups,
                    new.minutes
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Removes an interview in which nothing was answered (quit at the first question).
    pub fn drop_interview_if_empty(&mut self, interview_id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM interviews WHERE id = ?1
                   AND NOT EXISTS (SELECT 1 FROM interview_answers WHERE interview_id = ?1)",
                [interview_id],
            )?;
            Ok(())
        })
    }

    /// Records an interview answer: the review, the card's state after it and its place in
    /// the interview, in one transaction that refuses (`None`, nothing written) when the card
    /// is not in the state the outcome was computed from, or is suspended or retired.
    pub fn answer_in_interview(
        &mut self,
        interview_id: i64,
        main_review_id: Option<i64>,
        answer: &Answer,
    ) -> Result<Option<i64>> {
        debug_assert_eq!(answer.outcome.kind, ReviewKind::Interview);
        self.write(|tx| {
            let Some(review_id) = record_answer(tx, answer)? else {
                return Ok(None);
            };
            tx.execute(
                "INSERT INTO interview_answers (review_id, interview_id, main_review_id)
                 VALUES (?1, ?2, ?3)",
                params![review_id, interview_id, main_review_id],
            )?;
            Ok(Some(review_id))
        })
    }

    /// Active, unsuspended main questions of the selection: how many there are, how many
    /// have been introduced, and how many were not introduced before `today` (what pacing to
    /// an interview date spreads over the days left).
    pub fn main_counts(&self, filter: CardFilter, today: NaiveDate) -> Result<(u32, u32, u32)> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(c.introduced_on IS NOT NULL), 0),
                    COALESCE(SUM(c.introduced_on IS NULL OR c.introduced_on >= ?1), 0)
             FROM cards c
             WHERE c.kind = 'main' AND c.retired = 0 AND c.suspended = 0
               AND (?2 IS NULL OR c.deck_id = ?2) AND (?3 IS NULL OR c.topic_id = ?3)
               AND (?4 IS NULL OR c.level <= ?4)",
            params![
                day_text(today),
                filter.deck_id,
                filter.topic_id,
                filter.level
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Per card, what the review log says (cards without reviews are absent).
    pub fn log_facts(&self, since: NaiveDate) -> Result<HashMap<i64, LogFacts>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.card_id,
                    SUM(r.kind = 'interview'),
                    (SELECT i.grade < 4 FROM reviews i
                      WHERE i.card_id = r.card_id AND i.kind = 'interview'
                      ORDER BY i.id DESC LIMIT 1),
                    SUM(r.kind = 'schedule' AND r.grade < 3 AND r.before_repetitions > 0
                        AND r.day >= ?1),
                    MAX(r.day)
             FROM reviews r GROUP BY r.card_id",
        )?;
        let rows = stmt
            .query_map([day_text(since)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    LogFacts {
                        interviewed: r.get(1)?,
                        failed_last_interview: r.get::<_, Option<bool>>(2)?.unwrap_or(false),
                        recent_lapses: r.get(3)?,
                        last_reviewed: r.get::<_, Option<Day>>(4)?.map(|d| d.0),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// New main questions (never reviewed on schedule) whose last interview answer failed
    /// (below 3), oldest failure first: the daily queue takes them before other new cards.
    pub fn new_mains_failed_in_interview(&self, filter: CardFilter) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(NEW_MAINS_FAILED_IN_INTERVIEW)?;
        let ids = stmt
            .query_map(
                params![filter.deck_id, filter.topic_id, filter.level],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Cards asked in the most recent interview that has answers.
    pub fn cards_in_last_interview(&self) -> Result<HashSet<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.card_id FROM interview_answers a JOIN reviews r ON r.id = a.review_id
             WHERE a.interview_id = (SELECT MAX(interview_id) FROM interview_answers)",
        )?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Interviews with at least one answer, oldest first, with their scores.
    pub fn interviews(&self) -> Result<Vec<InterviewSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.id, i.day,
                    SUM(a.main_review_id IS NULL),
                    SUM(a.main_review_id IS NULL AND r.grade >= 4)
             FROM interviews i
             JOIN interview_answers a ON a.interview_id = i.id
             JOIN reviews r ON r.id = a.review_id
             GROUP BY i.id ORDER BY i.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let questions: u32 = r.get(2)?;
                let correct: u32 = r.get(3)?;
                Ok(InterviewSummary {
                    id: r.get(0)?,
                    day: r.get::<_, Day>(1)?.0,
                    questions,
                    correct,
                    score: crate::interview::share(correct as usize, questions as usize),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The day of interview `id`, if there is one.
    pub fn interview_day(&self, interview_id: i64) -> Result<Option<NaiveDate>> {
        Ok(self
            .conn
            .query_row(
                "SELECT day FROM interviews WHERE id = ?1",
                [interview_id],
                |r| r.get::<_, Day>(0),
            )
            .optional()?
            .map(|d| d.0))
    }

    /// The answers of interview `id`, in the order given.
    pub fn interview_answers(&self, interview_id: i64) -> Result<Vec<AnswerFact>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.review_id, a.main_review_id, c.key, t.name, r.grade, r.taken_ms
             FROM interview_answers a
             JOIN reviews r ON r.id = a.review_id
             JOIN cards c ON c.id = r.card_id
             JOIN topics t ON t.id = c.topic_id
             WHERE a.interview_id = ?1 ORDER BY a.review_id",
        )?;
        let rows = stmt
            .query_map([interview_id], |r| {
                Ok(AnswerFact {
                    review_id: r.get(0)?,
                    main_review_id: r.get(1)?,
                    key: r.get(2)?,
                    topic: r.get(3)?,
                    grade: r.get::<_, Grade>(4)?,
                    taken_ms: r.get::<_, Option<i64>>(5)?.map(|ms| ms.max(0) as u64),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failed_new_mains_are_found_from_the_interview_answers_not_the_log() {
        let store = Store::open_in_memory().unwrap();
        let mut plan = store
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {NEW_MAINS_FAILED_IN_INTERVIEW}"
            ))
            .unwrap();
        let steps: Vec<String> = plan
            .query_map(params![None::<i64>, None::<i64>, None::<i64>], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(steps.iter().any(|s| s.starts_with("SCAN a")), "{steps:?}");
        assert!(!steps.iter().any(|s| s.starts_with("SCAN r")), "{steps:?}");
    }
}
