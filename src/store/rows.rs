//! How rows become values: one mapping per row shape (card, state, review), and the column
//! types. A value this version cannot read is an error that names the database as damaged,
//! never a quiet default.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::card::{Card, Review, ReviewBrief};
use crate::deck::{CardKind, Level};
use crate::scheduler::{CardState, Grade, Progress, ReviewKind, Sm2State};

/// Columns of a card row, read by [`card`]; the state columns are in [`STATE_COLUMNS`] order.
/// The last two, its place in document order, are read by [`document_place`].
pub(super) const CARD_SELECT: &str = "
SELECT c.id, d.slug, d.title, t.name, c.key, c.kind, p.key, p.question,
       p.repetitions, p.interval_days, p.last_grade,
       c.question, c.body, c.answer, c.note, c.text_changed_at,
       c.retired, c.suspended, c.unlocked,
       c.repetitions, c.interval_days, c.ease_hundredths, c.due, c.lapses, c.last_grade,
       c.drill_day, c.introduced_on, c.level,
       c.deck_id, c.position
FROM cards c
JOIN decks d ON d.id = c.deck_id
JOIN topics t ON t.id = c.topic_id
LEFT JOIN cards p ON p.id = c.parent_id
";

/// A card's state columns, in the order [`state`] reads them.
pub(super) const STATE_COLUMNS: &str = "repetitions, interval_days, ease_hundredths, due, lapses, last_grade, drill_day, introduced_on";

/// Columns of a review row, read by [`review`].
pub(super) const REVIEW_SELECT: &str = "
SELECT id, card_id, answered_at, day, grade, kind, taken_ms,
       before_repetitions, before_interval_days, before_ease_hundredths, before_due,
       before_lapses, before_last_grade, before_drill_day, before_introduced_on,
       after_repetitions, after_interval_days, after_ease_hundredths, after_due,
       after_lapses, after_last_grade, after_drill_day, after_introduced_on
FROM reviews";

/// Columns of a review row read by [`review_brief`]: those an Anki export's log needs, and
/// three facts about the state before, worked out by SQLite so that no date is parsed but
/// `answered_at`. Days are stored in one form (`YYYY-MM-DD`), so equal texts are equal days.
/// The grade, the kind and the three facts come as one number: the grade times 64, a bit
/// for each fact (8, 16, 32) and the kind's code ([`KIND_CODES`], 7 for a name this
/// version does not know) below them. A million rows read for an export spent more in
/// fetching columns one by one, the kind's text most, than in SQLite's reading of them.
/// The grade keeps its own value (a damaged one is still seen).
pub(super) const REVIEW_BRIEF_SELECT: &str = "
SELECT card_id, answered_at, taken_ms,
       before_interval_days, after_interval_days, after_ease_hundredths,
       grade * 64 + 8 * (before_introduced_on IS NULL) + 16 * (before_repetitions = 0)
                  + 32 * (before_introduced_on IS day)
                  + CASE kind WHEN 'schedule' THEN 0 WHEN 'drill' THEN 1
                              WHEN 'cram' THEN 2 WHEN 'interview' THEN 3 ELSE 7 END
FROM reviews";

/// Each kind by its code in [`REVIEW_BRIEF_SELECT`].
const KIND_CODES: [ReviewKind; 4] = [
    ReviewKind::Schedule,
    ReviewKind::Drill,
    ReviewKind::Cram,
    ReviewKind::Interview,
];

fn damaged(what: String) -> FromSqlError {
    FromSqlError::Other(what.into())
}

impl FromSql for Grade {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let v = i64::column_result(value)?;
        u8::try_from(v)
            .ok()
            .and_then(|v| Grade::new(v).ok())
            .ok_or_else(|| damaged(format!("grade {v} outside 0-5")))
    }
}

impl ToSql for Grade {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(i64::from(self.value())))
    }
}

impl FromSql for CardKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "main" => Ok(CardKind::Main),
            "followup" => Ok(CardKind::Followup),
            other => Err(damaged(format!("unknown card kind '{other}'"))),
        }
    }
}

impl ToSql for CardKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for ReviewKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let name = value.as_str()?;
        ReviewKind::from_name(name).ok_or_else(|| damaged(format!("unknown review kind '{name}'")))
    }
}

impl ToSql for ReviewKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Level {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let name = value.as_str()?;
        Level::from_name(name).ok_or_else(|| damaged(format!("unknown level '{name}'")))
    }
}

impl ToSql for Level {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

/// A stored `YYYY-MM-DD`.
pub(super) struct Day(pub NaiveDate);

impl FromSql for Day {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let ValueRef::Text(text) = value else {
            return Err(FromSqlError::InvalidType);
        };
        parse_day(text)
            .map(Day)
            .ok_or_else(|| damaged(format!("bad date '{}'", String::from_utf8_lossy(text))))
    }
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(day_text(self.0)))
    }
}

/// A day as stored: `YYYY-MM-DD`, which sorts as text in date order.
pub(super) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// An optional day as a parameter.
pub(super) fn day_param(day: Option<NaiveDate>) -> Option<String> {
    day.map(day_text)
}

/// Reads a stored `YYYY-MM-DD`. Done by hand because it runs for every row of the large
/// reads (stats over 120,000 cards), where chrono's format parser showed in profiles; from
/// bytes, because a day is ASCII or wrong, and checking each one as UTF-8 showed too.
pub(super) fn parse_day(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

fn day_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(row.get::<_, Option<Day>>(index)?.map(|d| d.0))
}

/// An instant as stored: RFC 3339.
pub(super) fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Reads a stored RFC 3339 instant. The two shapes recall writes, `…T10:00:00Z` and
/// `…T10:00:00.000Z`, are read by hand like days (an export of the log reads a million);
/// anything else, or anything the hand reading refuses, goes through chrono's parser.
pub(super) fn parse_instant(b: &[u8]) -> Option<DateTime<Utc>> {
    let ours = (b.len() == 20 || (b.len() == 24 && b[19] == b'.'))
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[b.len() - 1] == b'Z';
    let by_hand = || -> Option<DateTime<Utc>> {
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            b[range].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let millis = if b.len() == 24 { number(20..23)? } else { 0 };
        let time = chrono::NaiveTime::from_hms_milli_opt(
            number(11..13)?,
            number(14..16)?,
            number(17..19)?,
            millis,
        )?;
        Some(parse_day(&b[..10])?.and_time(time).and_utc())
    };
    ours.then(by_hand).flatten().or_else(|| {
        let text = std::str::from_utf8(b).ok()?;
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    })
}

fn instant_at(row: &Row<'_>, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    let ValueRef::Text(text) = row.get_ref(index)? else {
        return Err(FromSqlError::InvalidType.into());
    };
    parse_instant(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("bad time '{}'", String::from_utf8_lossy(text)).into(),
        )
    })
}

/// The eight state columns starting at `first`, in [`STATE_COLUMNS`] order.
pub(super) fn state(row: &Row<'_>, first: usize) -> rusqlite::Result<CardState> {
    Ok(CardState {
        sm2: Sm2State {
            repetitions: row.get(first)?,
            interval_days: row.get(first + 1)?,
            ease_hundredths: row.get(first + 2)?,
        },
        due: day_at(row, first + 3)?,
        lapses: row.get(first + 4)?,
        last_grade: row.get(first + 5)?,
        drill_day: day_at(row, first + 6)?,
        introduced_on: day_at(row, first + 7)?,
    })
}

/// A row of [`CARD_SELECT`].
pub(super) fn card(row: &Row<'_>) -> rusqlite::Result<Card> {
    let parent_progress = match row.get::<_, Option<u32>>(8)? {
        Some(repetitions) => Some(Progress {
            repetitions,
            interval_days: row.get(9)?,
            last_grade: row.get(10)?,
        }),
        None => None,
    };
    Ok(Card {
        id: row.get(0)?,
        deck_slug: row.get(1)?,
        deck_title: row.get(2)?,
        topic: row.get(3)?,
        key: row.get(4)?,
        kind: row.get(5)?,
        parent_key: row.get(6)?,
        parent_question: row.get(7)?,
        parent_progress,
        question: row.get(11)?,
        body: row.get(12)?,
        answer: row.get(13)?,
        note: row.get(14)?,
        text_changed_at: instant_at(row, 15)?,
        retired: row.get(16)?,
        suspended: row.get(17)?,
        unlocked: row.get(18)?,
        state: state(row, 19)?,
        level: row.get(27)?,
    })
}

/// Where a row of [`CARD_SELECT`] stands in document order: its deck, its position.
pub(super) fn document_place(row: &Row<'_>) -> rusqlite::Result<(i64, i64)> {
    Ok((row.get(28)?, row.get(29)?))
}

/// A row of [`REVIEW_SELECT`].
pub(super) fn review(row: &Row<'_>) -> rusqlite::Result<Review> {
    Ok(Review {
        id: row.get(0)?,
        card_id: row.get(1)?,
        answered_at: instant_at(row, 2)?,
        day: row.get::<_, Day>(3)?.0,
        grade: row.get(4)?,
        kind: row.get(5)?,
        taken_ms: taken_ms_at(row, 6)?,
        before: state(row, 7)?,
        after: state(row, 15)?,
    })
}

/// A row of [`REVIEW_BRIEF_SELECT`].
pub(super) fn review_brief(row: &Row<'_>) -> rusqlite::Result<ReviewBrief> {
    let packed: i64 = row.get(6)?;
    let bad = |what: String| {
        rusqlite::Error::FromSqlConversionFailure(
            6,
            rusqlite::types::Type::Integer,
            damaged(what).into(),
        )
    };
    let grade = u8::try_from(packed >> 6)
        .ok()
        .and_then(|g| Grade::new(g).ok())
        .ok_or_else(|| bad(format!("grade {} outside 0-5", packed >> 6)))?;
    let kind = *KIND_CODES
        .get((packed & 7) as usize)
        .ok_or_else(|| bad("a review kind this version does not know".to_string()))?;
    Ok(ReviewBrief {
        card_id: row.get(0)?,
        answered_at: instant_at(row, 1)?,
        grade,
        kind,
        taken_ms: taken_ms_at(row, 2)?,
        interval_days_before: row.get(3)?,
        interval_days_after: row.get(4)?,
        ease_hundredths_after: row.get(5)?,
        was_new: packed & 8 != 0,
        was_unrepeated: packed & 16 != 0,
        introduced_that_day: packed & 32 != 0,
    })
}

/// A review's `taken_ms`; a negative one (never written by recall) reads as 0.
fn taken_ms_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<u64>> {
    Ok(row
        .get::<_, Option<i64>>(index)?
        .map(|ms| u64::try_from(ms).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_instants_read_by_hand_as_chrono_reads_them() {
        let chrono_reads = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|t| t.with_timezone(&Utc))
        };
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 3, 5, 7, 8, 9).unwrap()
            + chrono::Duration::milliseconds(42);
        for text in [
            instant_text(at).as_str(),
            "2026-03-05T07:08:09Z",
            "2026-03-05T07:08:09.042Z",
            "2026-12-31T23:59:59.999Z",
            "2026-03-05T07:08:09+02:00",
            "2026-03-05T07:08:09.5Z",
            "2026-02-30T07:08:09Z",
            "2026-03-05T24:08:09Z",
            "2026-03-05T07:08:60.000Z",
            "2026-03-05T07:08:09.0a2Z",
            "2026-03-05 07:08:09Z",
            "garbage",
        ] {
            assert_eq!(parse_instant(text.as_bytes()), chrono_reads(text), "{text}");
        }
        assert_eq!(parse_instant(instant_text(at).as_bytes()), Some(at));
    }

    #[test]
    fn stored_days_parse_exactly() {
        assert_eq!(
            parse_day(b"2026-03-05"),
            NaiveDate::from_ymd_opt(2026, 3, 5)
        );
        assert_eq!(
            parse_day(b"2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(parse_day(b"2026-02-30"), None);
        assert_eq!(parse_day(b"2026-3-5"), None);
        assert_eq!(parse_day(b"20a6-03-05"), None);
    }
}
