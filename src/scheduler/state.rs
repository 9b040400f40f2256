//! A card's learning state and the one transition that moves it: every outcome of a grade
//! on a given day comes from [`CardState::outcomes`], so the review screen's preview and the
//! recorded answer are the same value.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::gate::Progress;
use super::sm2::{Grade, Sm2State};

/// The grade that ends a same-day drill (SM-2 step 7: repeat until the answer is 4 or 5).
pub const DRILL_PASS_GRADE: Grade = Grade::FOUR;

/// Longest interval ever scheduled: a hundred years. Past it the due date would leave the
/// calendar the program can store (and no learner waits that long).
pub const MAX_INTERVAL_DAYS: u32 = 36_500;

/// The last day a due date can be: the stored `YYYY-MM-DD` has four digits of year.
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// The learner's state of one card; the review log holds its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardState {
    pub sm2: Sm2State,
    /// Next scheduled review day; `None` while the card is new.
    pub due: Option<NaiveDate>,
    /// Failing scheduling grades after the card was first learned.
    pub lapses: u32,
    /// Grade of the last scheduling review.
    pub last_grade: Option<Grade>,
    /// The day on which the card is in same-day drill (graded below 4 and not yet 4 or 5).
    pub drill_day: Option<NaiveDate>,
    /// Day of the first scheduling review; `None` while new.
    pub introduced_on: Option<NaiveDate>,
}

/// What a review was: one that moved the schedule, a same-day drill, or practice outside the
/// schedule (cram, a mock interview), which is logged but leaves SM-2 as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewKind {
    Schedule,
    Drill,
    Cram,
    Interview,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Schedule => "schedule",
            ReviewKind::Drill => "drill",
            ReviewKind::Cram => "cram",
            ReviewKind::Interview => "interview",
        }
    }

    /// The kind a stored name stands for; `None` for a name this version does not know.
    pub fn from_name(name: &str) -> Option<ReviewKind> {
        match name {
            "schedule" => Some(ReviewKind::Schedule),
            "drill" => Some(ReviewKind::Drill),
            "cram" => Some(ReviewKind::Cram),
            "interview" => Some(ReviewKind::Interview),
            _ => None,
        }
    }
}

/// What one grade does to a card on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub grade: Grade,
    pub kind: ReviewKind,
    pub before: CardState,
    pub after: CardState,
}

impl Outcome {
    /// Whether the card comes back later the same day (a drill started or goes on).
    pub fn in_drill(&self, today: NaiveDate) -> bool {
        self.after.drill_day == Some(today)
    }
}

impl CardState {
    pub fn progress(&self) -> Progress {
        Progress {
            repetitions: self.sm2.repetitions,
            interval_days: self.sm2.interval_days,
            last_grade: self.last_grade,
        }
    }

    pub fn is_new(&self) -> bool {
        self.introduced_on.is_none()
    }

    /// Whether the card waits for a grade today: in a drill, or its review day has come.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.in_drill(today) || self.due.is_some_and(|due| due <= today)
    }

    /// Whether the card is in today's same-day drill.
    pub fn in_drill(&self, today: NaiveDate) -> bool {
        self.drill_day == Some(today)
    }

    /// Every outcome of grading the card on `today`, indexed by grade 0..=5.
    ///
    /// The first grade of a day moves the schedule; a grade below [`DRILL_PASS_GRADE`] then
    /// keeps the card in a same-day drill, whose grades change nothing but ending the drill.
    pub fn outcomes(self, today: NaiveDate) -> [Outcome; 6] {
        Grade::ALL.map(|grade| self.outcome(grade, today))
    }

    /// The outcome of one grade on `today`; the same value [`CardState::outcomes`] lists.
    pub fn outcome(self, grade: Grade, today: NaiveDate) -> Outcome {
        let ends_drill = grade >= DRILL_PASS_GRADE;
        if self.in_drill(today) {
            let after = CardState {
                drill_day: (!ends_drill).then_some(today),
                ..self
            };
            return Outcome {
                grade,
                kind: ReviewKind::Drill,
                before: self,
                after,
            };
        }
        let mut sm2 = self.sm2.next(grade);
        sm2.interval_days = sm2.interval_days.min(MAX_INTERVAL_DAYS);
        let lapsed = !grade.is_pass() && self.sm2.repetitions > 0;
        let after = CardState {
            sm2,
            // The stored calendar ends with year 9999: a later date is kept as its last day,
            // so every reviewed card has a due date that sorts and reads back.
            due: Some(
                today
                    .checked_add_days(Days::new(u64::from(sm2.interval_days)))
                    .map_or(LAST_DAY, |due| due.min(LAST_DAY))
                    .max(today),
            ),
            lapses: self.lapses.saturating_add(u32::from(lapsed)),
            last_grade: Some(grade),
            drill_day: (!ends_drill).then_some(today),
            introduced_on: self.introduced_on.or(Some(today)),
        };
        Outcome {
            grade,
            kind: ReviewKind::Schedule,
            before: self,
            after,
        }
    }
}

impl CardState {
    /// The outcome of an answer in a mock interview: logged as [`ReviewKind::Interview`],
    /// SM-2 untouched. A main question failed (below 3) that is due later than tomorrow is
    /// brought forward to tomorrow, so the next daily review takes it first; a new card stays
    /// new (it has no schedule to move: the queue takes such a main question before other new
    /// cards instead).
    pub fn interview_outcome(self, grade: Grade, today: NaiveDate, is_main: bool) -> Outcome {
        let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
        let failed = !grade.is_pass();
        let due = match self.due {
            Some(due) if is_main && failed && due > tomorrow => Some(tomorrow),
            due => due,
        };
        Outcome {
            grade,
            kind: ReviewKind::Interview,
            before: self,
            after: CardState { due, ..self },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn g(v: u8) -> Grade {
        Grade::new(v).unwrap()
    }

    fn after(state: CardState, grade: u8, today: NaiveDate) -> (ReviewKind, CardState) {
        let o = state.outcome(g(grade), today);
        (o.kind, o.after)
    }

    #[test]
    fn first_grade_schedules_the_card() {
        let (kind, after) = after(CardState::default(), 4, day(1));
        assert_eq!(kind, ReviewKind::Schedule);
        assert_eq!(after.due, Some(day(2)));
        assert_eq!(after.introduced_on, Some(day(1)));
        assert_eq!(after.drill_day, None);
        assert_eq!(after.last_grade, Some(g(4)));
    }

    #[test]
    fn a_low_grade_starts_a_drill_that_changes_nothing_until_a_four() {
        let (_, three) = after(CardState::default(), 3, day(1));
        assert_eq!(three.drill_day, Some(day(1)));
        assert!(three.is_due(day(1)));

        let (kind, two) = after(three, 2, day(1));
        assert_eq!(kind, ReviewKind::Drill);
        assert_eq!(two, three);

        let (kind, done) = after(two, 5, day(1));
        assert_eq!(kind, ReviewKind::Drill);
        assert_eq!(
            done,
            CardState {
                drill_day: None,
                ..three
            }
        );
        assert!(!done.is_due(day(1)));
        assert!(done.is_due(day(2)));
    }

    #[test]
    fn a_drill_left_unfinished_ends_with_the_day() {
        let (_, state) = after(CardState::default(), 1, day(1));
        let (kind, _) = after(state, 4, day(2));
        assert_eq!(kind, ReviewKind::Schedule);
    }

    #[test]
    fn lapses_count_fails_of_learned_cards_only() {
        let (_, s) = after(CardState::default(), 1, day(1));
        assert_eq!(s.lapses, 0);
        let (_, s) = after(s, 4, day(2));
        let (_, s) = after(s, 2, day(3));
        assert_eq!(s.lapses, 1);
        assert_eq!(s.due, Some(day(4)));
    }

    #[test]
    fn the_drill_pass_grade_is_where_drills_end() {
        let (_, drilling) = after(CardState::default(), 0, day(1));
        let ends: Vec<bool> = drilling
            .outcomes(day(1))
            .iter()
            .map(|o| !o.in_drill(day(1)))
            .collect();
        assert_eq!(ends, vec![false, false, false, false, true, true]);
        assert_eq!(DRILL_PASS_GRADE.value(), 4);
    }

    #[test]
    fn intervals_stop_at_a_hundred_years() {
        let mut state = CardState::default();
        let mut today = day(1);
        for _ in 0..17 {
            let o = state.outcome(g(5), today);
            state = o.after;
            today = state.due.unwrap();
        }
        assert_eq!(state.sm2.interval_days, MAX_INTERVAL_DAYS);
        assert!(state.due.is_some());
    }

    #[test]
    fn due_dates_stay_within_the_stored_calendar() {
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        let o = CardState::default().outcome(g(5), last);
        assert_eq!(o.after.due, Some(last));
    }

    #[test]
    fn an_interview_answer_moves_only_a_failed_main_question_forward() {
        let (_, learned) = after(CardState::default(), 5, day(1));
        let (_, learned) = after(learned, 5, day(2)); // due day 8
        let failed = learned.interview_outcome(g(2), day(3), true);
        assert_eq!(failed.kind, ReviewKind::Interview);
        assert_eq!(
            failed.after,
            CardState {
                due: Some(day(4)),
                ..learned
            }
        );
        for (grade, is_main) in [(3, true), (5, true), (0, false)] {
            let o = learned.interview_outcome(g(grade), day(3), is_main);
            assert_eq!(o.after, learned, "grade {grade}, main {is_main}");
        }
        // Due tomorrow or earlier already: left alone; new cards stay new.
        assert_eq!(learned.interview_outcome(g(0), day(7), true).after, learned);
        let new = CardState::default();
        assert_eq!(new.interview_outcome(g(0), day(3), true).after, new);
    }

    proptest! {
        #[test]
        fn outcomes_list_exactly_what_each_grade_does(grades in proptest::collection::vec(0u8..=5, 0..30), offsets in proptest::collection::vec(0u64..3, 30)) {
            let mut state = CardState::default();
            let mut today = day(1);
            for (i, grade) in grades.iter().enumerate() {
                today = today + Days::new(offsets[i]);
                let all = state.outcomes(today);
                let one = state.outcome(g(*grade), today);
                prop_assert_eq!(all[usize::from(*grade)], one);
                prop_assert_eq!(one.before, state);
                if one.kind == ReviewKind::Drill {
                    // A drill never moves the schedule.
                    prop_assert_eq!(one.after.sm2, state.sm2);
                    prop_assert_eq!(one.after.due, state.due);
                }
                prop_assert!(one.after.due.is_some());
                state = one.after;
            }
        }
    }
}
