//! Planning to an interview date, pure: how many new cards a day the date requires, the due
//! date pulled in to the eve, and the countdown `stats` shows. The caller passes `today`.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::scheduler::{Outcome, ReviewKind};

/// Every main question is introduced at least this many days before the interview.
pub const INTRODUCED_DAYS_BEFORE: u64 = 3;

/// The last day on which main questions still have to be introduced.
fn last_intro_day(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(INTRODUCED_DAYS_BEFORE))
        .unwrap_or(NaiveDate::MIN)
}

/// New main questions a day needed on `today` so that the `left` not introduced before today
/// are all introduced by three days before `date`: spread evenly over the days from today to
/// that day, all of them at once when that day has passed, none on or after the date.
pub fn new_needed(date: NaiveDate, today: NaiveDate, left: u32) -> u32 {
    if today >= date || left == 0 {
        return 0;
    }
    let days = (last_intro_day(date) - today).num_days() + 1;
    if days < 1 {
        return left;
    }
    left.div_ceil(u32::try_from(days).unwrap_or(u32::MAX))
}

/// The day's new-card allowance: the larger of the learner's `new_per_day` and what the date
/// requires. Without a date ahead it is `new_per_day`.
pub fn new_per_day(new_per_day: u32, date: Option<NaiveDate>, today: NaiveDate, left: u32) -> u32 {
    match date {
        Some(date) => new_per_day.max(new_needed(date, today, left)),
        None => new_per_day,
    }
}

/// Whether an interview date paces `today`: it is set and still ahead.
pub fn is_ahead(date: Option<NaiveDate>, today: NaiveDate) -> bool {
    date.is_some_and(|d| d > today)
}

/// A scheduling answer given before the interview is due no later than its eve: SM-2's
/// repetitions, ease and interval stay as computed, only the due date is pulled in. On the
/// eve itself (no day left between) and after the date, the outcome is left as it is.
pub fn pull_in(outcome: Outcome, date: Option<NaiveDate>, today: NaiveDate) -> Outcome {
    let Some(eve) = date.and_then(|d| d.pred_opt()) else {
        return outcome;
    };
    if outcome.kind != ReviewKind::Schedule || eve <= today {
        return outcome;
    }
    let mut outcome = outcome;
    outcome.after.due = outcome.after.due.map(|due| due.min(eve));
    outcome
}

/// The countdown line of `stats`, and its `"interview"` JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Countdown {
    pub date: NaiveDate,
    pub days_left: i64,
    /// Active main questions in the selection (suspended ones aside).
    pub mains_total: u32,
    /// Of them, introduced (reviewed on schedule at least once).
    pub mains_seen: u32,
    pub mains_mastered: u32,
    pub new_per_day_needed: u32,
    /// The learner's own `new_per_day` is enough to see every main question three days
    /// before the date (or they all have been seen).
    pub on_track: bool,
    /// The learner's own `new_per_day`, for the words of the countdown line.
    #[serde(skip)]
    pub new_per_day: u32,
    /// The last day for first seeing a main question has passed with some still unseen.
    #[serde(skip)]
    pub late: bool,
}

/// What the main questions in scope need of the days left. `left` are those not introduced
/// before today. `None` once the date has passed.
pub fn countdown(
    date: NaiveDate,
    today: NaiveDate,
    new_per_day: u32,
    mains_total: u32,
    mains_seen: u32,
    mains_mastered: u32,
    left: u32,
) -> Option<Countdown> {
    if date < today {
        return None;
    }
    let all_seen = mains_seen >= mains_total;
    // (`left` counts today's new cards as still to see, so the day's allowance does not
    // shrink as they are seen; once every one is, nothing more is needed.)
    let needed = if all_seen {
        0
    } else {
        new_needed(date, today, left)
    };
    Some(Countdown {
        date,
        days_left: (date - today).num_days(),
        mains_total,
        mains_seen,
        mains_mastered,
        new_per_day_needed: needed,
        on_track: all_seen || (today <= last_intro_day(date) && needed <= new_per_day),
        new_per_day,
        late: !all_seen && today > last_intro_day(date),
    })
}

/// `12 days to the interview · 34 of 80 main questions seen · 4 new a day needed · on track`.
/// When the date needs more than the learner's `new_per_day`, the line says so rather than
/// "behind": the daily queue already brings what is needed. "Behind" is for when the days
/// for first seeing the questions are over.
pub fn render_countdown(c: &Countdown) -> String {
    let when = match c.days_left {
        0 => "The interview is today".to_string(),
        1 => "1 day to the interview".to_string(),
        n => format!("{n} days to the interview"),
    };
    format!(
        "{when} · {} of {} main questions seen · {} new a day needed · {}",
        c.mains_seen,
        c.mains_total,
        c.new_per_day_needed,
        if c.on_track {
            "on track".to_string()
        } else if c.late {
            "behind".to_string()
        } else {
            format!(
                "above your {} a day, so the queue brings more",
                c.new_per_day
            )
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::{CardState, Grade};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn the_needed_pace_spreads_what_is_left_up_to_three_days_before() {
        // Interview on the 15th: the last day to introduce is the 12th, 12 days from the 1st.
        let cases = [
            (1, 80, 7), // 80 / 12 = 6.67
            (1, 0, 0),  // nothing left
            (12, 5, 5), // the last day: all of it
            (13, 5, 5), // past it: all at once
            (15, 5, 0), // the day itself: no pacing
            (11, 9, 5), // 9 over two days
        ];
        for (today, left, want) in cases {
            assert_eq!(
                new_needed(day(15), day(today), left),
                want,
                "{today}/{left}"
            );
        }
        assert_eq!(new_per_day(10, Some(day(15)), day(1), 80), 10);
        assert_eq!(new_per_day(2, Some(day(15)), day(1), 80), 7);
        assert_eq!(new_per_day(2, None, day(1), 80), 2);
    }

    #[test]
    fn due_dates_are_pulled_in_to_the_eve() {
        let state = CardState::default();
        let first = state.outcome(Grade::FOUR, day(1)); // due the 2nd
        let later = first.after.outcome(Grade::FOUR, day(2)); // interval 6: due the 8th
        assert_eq!(later.after.due, Some(day(8)));
        let pulled = pull_in(later, Some(day(5)), day(2));
        assert_eq!(pulled.after.due, Some(day(4)));
        assert_eq!(pulled.after.sm2, later.after.sm2);
        // Already before the eve, on the eve itself, after the date, or no date: unchanged.
        for date in [
            Some(day(20)),
            Some(day(3)),
            Some(day(2)),
            Some(day(1)),
            None,
        ] {
            assert_eq!(pull_in(later, date, day(2)), later, "{date:?}");
        }
    }

    #[test]
    fn the_countdown_reads_as_the_issue_shows() {
        let c = countdown(day(13), day(1), 4, 80, 34, 10, 46).unwrap();
        assert_eq!(
            c,
            Countdown {
                date: day(13),
                days_left: 12,
                mains_total: 80,
                mains_seen: 34,
                mains_mastered: 10,
                new_per_day_needed: 5, // 46 over the 1st..10th
                on_track: false,
                new_per_day: 4,
                late: false,
            }
        );
        assert_eq!(
            render_countdown(&c),
            "12 days to the interview · 34 of 80 main questions seen · 5 new a day needed · above your 4 a day, so the queue brings more"
        );
        // Two days before, with one still unseen: too late to see it three days before.
        let late = countdown(day(13), day(11), 10, 80, 79, 10, 1).unwrap();
        assert!(late.late && !late.on_track);
        assert!(render_countdown(&late).ends_with(" · 1 new a day needed · behind"));
        assert!(
            countdown(day(13), day(1), 10, 80, 34, 10, 46)
                .unwrap()
                .on_track
        );
        assert!(
            countdown(day(13), day(12), 10, 80, 80, 10, 0)
                .unwrap()
                .on_track
        );
        assert!(
            !countdown(day(13), day(12), 10, 80, 79, 10, 1)
                .unwrap()
                .on_track
        );
        assert_eq!(countdown(day(13), day(14), 10, 80, 80, 10, 0), None);
        // Every main question seen today: none more needed, though the day's allowance was
        // set by the 80 left this morning.
        let done = countdown(day(13), day(1), 10, 80, 80, 0, 80).unwrap();
        assert_eq!(done.new_per_day_needed, 0);
    }
}
