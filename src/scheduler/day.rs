//! Day boundaries: which calendar day an instant belongs to for scheduling.

use chrono::{
    DateTime, Datelike, Duration, Local, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
};

/// The one clock a command runs on: read once in `app`, passed down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// The instant, in the local zone.
    pub now: DateTime<Local>,
    /// The scheduling day `now` belongs to, after the rollover hour.
    pub today: NaiveDate,
}

impl Clock {
    pub fn new(now: DateTime<Local>, rollover_hour: u32) -> Clock {
        Clock {
            now,
            today: review_day(now.naive_local(), rollover_hour),
        }
    }
}

/// The scheduling day of a local wall-clock time: before `rollover_hour` o'clock it is still
/// the previous day (02:30 on the 5th belongs to the 4th with the default of 4), as in Anki.
/// Working on wall-clock time keeps a DST change from moving the boundary.
pub fn review_day(local: NaiveDateTime, rollover_hour: u32) -> NaiveDate {
    (local - Duration::hours(i64::from(rollover_hour.min(23)))).date()
}

/// A `--now` value that is not one of the accepted forms, or not a time recall can keep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error(
        "bad time '{0}': use YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339 (2026-03-01T09:30:00+01:00)"
    )]
    Bad(String),
    #[error("time out of range: '{0}' (recall keeps dates from year 1 to 9999)")]
    OutOfRange(String),
}

/// The years a date may have: what the database's `YYYY-MM-DD` text can hold and sort.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Parses `--now`: RFC 3339, or a local `YYYY-MM-DDTHH:MM[:SS]`, or a bare date, which means
/// noon of that day, safely inside it whatever the rollover hour.
pub fn parse_now(text: &str) -> Result<DateTime<Local>, TimeError> {
    let text = text.trim();
    let err = || TimeError::Bad(text.to_string());
    let out_of_range = || TimeError::OutOfRange(text.to_string());
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        let local = instant.with_timezone(&Local);
        if !YEARS.contains(&local.year()) || !YEARS.contains(&instant.year()) {
            return Err(out_of_range());
        }
        return Ok(local);
    }
    let naive = if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        date.and_time(NaiveTime::from_hms_opt(12, 0, 0).ok_or_else(err)?)
    } else {
        [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(err)?
    };
    if !YEARS.contains(&naive.year()) {
        return Err(out_of_range());
    }
    local_instant(naive)
        .filter(|t| YEARS.contains(&t.year()))
        .ok_or_else(out_of_range)
}

/// A local wall-clock time as an instant: the earlier one in a DST fold, and one hour later
/// for a time skipped by a DST gap.
fn local_instant(naive: NaiveDateTime) -> Option<DateTime<Local>> {
    match Local.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t),
        LocalResult::Ambiguous(early, _) => Some(early),
        LocalResult::None => Local
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn before_the_rollover_hour_is_still_yesterday() {
        assert_eq!(review_day(at("2026-03-05 02:30"), 4), date("2026-03-04"));
        assert_eq!(review_day(at("2026-03-05 03:59"), 4), date("2026-03-04"));
        assert_eq!(review_day(at("2026-03-05 04:00"), 4), date("2026-03-05"));
        assert_eq!(review_day(at("2026-03-05 23:59"), 4), date("2026-03-05"));
    }

    #[test]
    fn rollover_at_midnight_is_the_calendar_day() {
        assert_eq!(review_day(at("2026-03-05 00:00"), 0), date("2026-03-05"));
        assert_eq!(review_day(at("2026-03-04 23:59"), 0), date("2026-03-04"));
    }

    #[test]
    fn rollover_across_a_month_and_year_end() {
        assert_eq!(review_day(at("2027-01-01 01:00"), 4), date("2026-12-31"));
    }

    #[test]
    fn a_bare_date_is_noon_of_that_day() {
        let now = parse_now("2026-03-05").unwrap();
        assert_eq!(now.naive_local(), at("2026-03-05 12:00"));
        assert_eq!(Clock::new(now, 4).today, date("2026-03-05"));
    }

    #[test]
    fn local_and_rfc3339_times_parse() {
        assert_eq!(
            parse_now("2026-03-05T02:30").unwrap().naive_local(),
            at("2026-03-05 02:30")
        );
        let rfc = parse_now("2026-03-05T02:30:00Z").unwrap();
        assert_eq!(rfc.timestamp(), 1_772_677_800);
        assert!(parse_now("yesterday").is_err());
        assert!(parse_now("2026-13-01").is_err());
    }
}
