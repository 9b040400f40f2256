//! Settings the learner changed, as text; the meaning and defaults live in `app`.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::rows::day_text;
use super::{Result, Store};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        put_setting(&self.conn, key, value)
    }

    /// Sets the interview date and, in the same transaction, pulls every scheduled review
    /// due after `eve` in to it (the date's eve, when the date is ahead): the learner walks in
    /// having seen every studied card, those reviewed before the date was set included.
    /// Returns how many reviews were pulled in.
    pub fn set_interview_date(
        &mut self,
        key: &str,
        value: &str,
        eve: Option<NaiveDate>,
    ) -> Result<usize> {
        self.write(|tx| {
            put_setting(tx, key, value)?;
            let Some(eve) = eve else { return Ok(0) };
            Ok(tx.execute(
                "UPDATE cards SET due = ?1
                 WHERE due > ?1 AND introduced_on IS NOT NULL AND retired = 0",
                [day_text(eve)],
            )?)
        })
    }

    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings ORDER BY key")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn put_setting(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
