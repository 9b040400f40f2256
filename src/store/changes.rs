//! The learner's changes besides grades (suspend, unsuspend, unlock), journaled so that
//! `undo` can take back the last change of any kind, exactly.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::rows::{Day, day_text, instant_text};
use super::{Result, Store};

/// A change to a card other than a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Suspend,
    Unsuspend,
    Unlock,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Suspend => "suspend",
            Change::Unsuspend => "unsuspend",
            Change::Unlock => "unlock",
        }
    }

    fn from_name(name: &str) -> Option<Change> {
        match name {
            "suspend" => Some(Change::Suspend),
            "unsuspend" => Some(Change::Unsuspend),
            "unlock" => Some(Change::Unlock),
            _ => None,
        }
    }

    /// The column it sets, and the value it sets it to.
    fn column(self) -> (&'static str, bool) {
        match self {
            Change::Suspend => ("suspended", true),
            Change::Unsuspend => ("suspended", false),
            Change::Unlock => ("unlocked", true),
        }
    }
}

/// A journaled change, as `undo` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub id: i64,
    pub card_id: i64,
    pub change: Change,
    pub day: NaiveDate,
}

/// The newest journaled change and whether it is newer than every review.
pub(super) fn newest(tx: &Transaction<'_>) -> Result<Option<(ChangeRow, bool)>> {
    let newest_review: i64 =
        tx.query_row("SELECT COALESCE(MAX(id), 0) FROM reviews", [], |r| r.get(0))?;
    let row = tx
        .query_row(
            "SELECT id, card_id, what, day, after_review FROM changes ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                let what: String = r.get(2)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    what,
                    r.get::<_, Day>(3)?.0,
                    r.get::<_, i64>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((id, card_id, what, day, after_review)) = row else {
        return Ok(None);
    };
    let change = Change::from_name(&what).ok_or_else(|| super::StoreError::Corrupt {
        path: None,
        reason: format!("unknown change '{what}'"),
    })?;
    Ok(Some((
        ChangeRow {
            id,
            card_id,
            change,
            day,
        },
        after_review >= newest_review,
    )))
}

/// Takes a change back: the flag returns to what it was, the journal row goes.
pub(super) fn revert(tx: &Transaction<'_>, row: &ChangeRow) -> Result<()> {
    let (column, value) = row.change.column();
    // The column name comes from `Change::column`, never from input.
    tx.execute(
        &format!("UPDATE cards SET {column} = ?2 WHERE id = ?1"),
        params![row.card_id, !value],
    )?;
    tx.execute("DELETE FROM changes WHERE id = ?1", [row.id])?;
    Ok(())
}

impl Store {
    /// Applies `change` to the card and journals it, in one transaction. Returns false, and
    /// writes nothing, when the card already was that way (suspending a suspended card).
    pub fn change(
        &mut self,
        card_id: i64,
        change: Change,
        at: DateTime<Utc>,
        day: NaiveDate,
    ) -> Result<bool> {
        let (column, value) = change.column();
        self.write(|tx| {
            let changed = tx.execute(
                &format!("UPDATE cards SET {column} = ?2 WHERE id = ?1 AND {column} <> ?2"),
                params![card_id, value],
            )?;
            if changed == 0 {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO changes (card_id, at, day, what, after_review)
                 VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(id), 0) FROM reviews))",
                params![card_id, instant_text(at), day_text(day), change.as_str()],
            )?;
            Ok(true)
        })
    }
}
