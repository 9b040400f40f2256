//! SM-2 as published by P. Wozniak, with easiness kept exact in hundredths.

use std::fmt;

use serde::Serialize;

/// Easiness of a new card, in hundredths (2.5).
pub const INITIAL_EASE_HUNDREDTHS: u32 = 250;
/// SM-2's floor on easiness, in hundredths (1.3).
pub const MINIMUM_EASE_HUNDREDTHS: u32 = 130;

/// A grade 0..=5 (0 blackout … 5 perfect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Grade(u8);

/// A grade outside 0..=5, or not a number at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad grade '{0}': a grade is a whole number from 0 to 5")]
pub struct GradeError(pub String);

impl Grade {
    /// All six grades, worst first.
    pub const ALL: [Grade; 6] = [Grade(0), Grade(1), Grade(2), Grade(3), Grade(4), Grade(5)];
    /// Right after a hesitation: the lowest grade that ends a same-day drill.
    pub const FOUR: Grade = Grade(4);

    pub fn new(value: u8) -> Result<Grade, GradeError> {
        if value <= 5 {
            Ok(Grade(value))
        } else {
            Err(GradeError(value.to_string()))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// A grade of 3 or more counts as a successful recall.
    pub fn is_pass(self) -> bool {
        self.0 >= 3
    }

    /// SM-2's meaning of the grade, for the review screen.
    pub fn label(self) -> &'static str {
        match self.0 {
            0 => "blackout",
            1 => "wrong, familiar",
            2 => "wrong, easy to recall",
            3 => "right, hard",
            4 => "right, hesitated",
            _ => "perfect",
        }
    }
}

impl std::str::FromStr for Grade {
    type Err = GradeError;

    fn from_str(s: &str) -> Result<Grade, GradeError> {
        s.trim()
            .parse::<u8>()
            .ok()
            .and_then(|v| Grade::new(v).ok())
            .ok_or_else(|| GradeError(s.to_string()))
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The SM-2 memory state of one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sm2State {
    /// Successful reviews in a row (`n`).
    pub repetitions: u32,
    /// Days until the next review (`I`).
    pub interval_days: u32,
    /// Easiness factor × 100, exact (`EF`).
    pub ease_hundredths: u32,
}

impl Default for Sm2State {
    fn default() -> Self {
        Sm2State::NEW
    }
}

impl Sm2State {
    /// A card never reviewed.
    pub const NEW: Sm2State = Sm2State {
        repetitions: 0,
        interval_days: 0,
        ease_hundredths: INITIAL_EASE_HUNDREDTHS,
    };

    /// Easiness as a number (2.36).
    pub fn ease(self) -> f64 {
        f64::from(self.ease_hundredths) / 100.0
    }

    /// The state after one scheduling review graded `grade`.
    pub fn next(self, grade: Grade) -> Sm2State {
        let q = i64::from(grade.value());
        let (repetitions, interval_days) = if grade.is_pass() {
            let interval = match self.repetitions {
                0 => 1,
                1 => 6,
                // ceil(I * EF) with EF as it was before this review.
                _ => {
                    let product = u64::from(self.interval_days) * u64::from(self.ease_hundredths);
                    u32::try_from(product.div_ceil(100)).unwrap_or(u32::MAX)
                }
            };
            (self.repetitions.saturating_add(1), interval)
        } else {
            (0, 1)
        };
        // EF' = EF + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02), in hundredths.
        let miss = 5 - q;
        let delta = 10 - miss * (8 + miss * 2);
        let ease =
            (i64::from(self.ease_hundredths) + delta).max(i64::from(MINIMUM_EASE_HUNDREDTHS));
        Sm2State {
            repetitions,
            interval_days,
            ease_hundredths: u32::try_from(ease).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(grades: &[u8]) -> Vec<Sm2State> {
        let mut state = Sm2State::NEW;
        grades
            .iter()
            .map(|&g| {
                state = state.next(Grade::new(g).unwrap());
                state
            })
            .collect()
    }

    fn intervals(grades: &[u8]) -> Vec<u32> {
        run(grades).iter().map(|s| s.interval_days).collect()
    }

    #[test]
    fn ten_fives_follow_the_integer_rule() {
        assert_eq!(
            intervals(&[5; 10]),
            vec![1, 6, 17, 48, 140, 420, 1302, 4167, 13752, 46757]
        );
        assert_eq!(run(&[5; 10])[9].ease_hundredths, 350);
    }

    #[test]
    fn fours_keep_ease_and_multiply_by_it() {
        assert_eq!(intervals(&[4; 5]), vec![1, 6, 15, 38, 95]);
        assert!(run(&[4; 5]).iter().all(|s| s.ease_hundredths == 250));
    }

    #[test]
    fn threes_pass_but_lower_ease() {
        let states = run(&[3, 3, 3, 3]);
        assert_eq!(
            states.iter().map(|s| s.ease_hundredths).collect::<Vec<_>>(),
            vec![236, 222, 208, 194]
        );
        // ceil(6 * 2.22) = 14, ceil(14 * 2.08) = 30
        assert_eq!(intervals(&[3, 3, 3, 3]), vec![1, 6, 14, 30]);
        assert_eq!(states[3].repetitions, 4);
    }

    #[test]
    fn a_fail_after_a_long_interval_resets_to_one_day() {
        let states = run(&[5, 5, 5, 5, 5, 1]);
        assert_eq!(states[4].interval_days, 140);
        assert_eq!(
            states[5],
            Sm2State {
                repetitions: 0,
                interval_days: 1,
                ease_hundredths: 300 - 54
            }
        );
        // After the fail the ladder starts again at 1, 6, then multiplies by the lowered EF.
        let mut s = states[5];
        s = s.next(Grade::new(4).unwrap());
        assert_eq!((s.repetitions, s.interval_days), (1, 1));
        s = s.next(Grade::new(4).unwrap());
        assert_eq!((s.repetitions, s.interval_days), (2, 6));
    }

    #[test]
    fn ease_stops_at_the_floor() {
        let states = run(&[0, 0, 0, 0]);
        assert_eq!(
            states.iter().map(|s| s.ease_hundredths).collect::<Vec<_>>(),
            vec![170, 130, 130, 130]
        );
    }

    #[test]
    fn ease_steps_per_grade() {
        let deltas: Vec<i64> = Grade::ALL
            .iter()
            .map(|&g| i64::from(Sm2State::NEW.next(g).ease_hundredths) - 250)
            .collect();
        assert_eq!(deltas, vec![-80, -54, -32, -14, 0, 10]);
    }

    #[test]
    fn grades_outside_zero_to_five_are_refused() {
        assert!(Grade::new(6).is_err());
        assert!("7".parse::<Grade>().is_err());
        assert!("-1".parse::<Grade>().is_err());
        assert!("four".parse::<Grade>().is_err());
        assert_eq!("4".parse::<Grade>(), Ok(Grade(4)));
    }

    fn any_state() -> impl Strategy<Value = Sm2State> {
        (0u32..20, 0u32..5000, 130u32..400).prop_map(|(n, i, e)| Sm2State {
            repetitions: n,
            interval_days: if n == 0 { i.min(1) } else { i.max(1) },
            ease_hundredths: e,
        })
    }

    proptest! {
        #[test]
        fn ease_never_below_floor(state in any_state(), g in 0u8..=5) {
            prop_assert!(state.next(Grade::new(g).unwrap()).ease_hundredths >= MINIMUM_EASE_HUNDREDTHS);
        }

        #[test]
        fn a_pass_never_shortens_the_interval_once_past_the_second(state in any_state(), g in 3u8..=5) {
            prop_assume!(state.repetitions >= 2);
            prop_assert!(state.next(Grade::new(g).unwrap()).interval_days >= state.interval_days);
        }

        #[test]
        fn a_fail_always_resets_to_one_day(state in any_state(), g in 0u8..3) {
            let next = state.next(Grade::new(g).unwrap());
            prop_assert_eq!((next.repetitions, next.interval_days), (0, 1));
        }

        #[test]
        fn a_pass_counts_one_more_repetition(state in any_state(), g in 3u8..=5) {
            prop_assert_eq!(state.next(Grade::new(g).unwrap()).repetitions, state.repetitions + 1);
        }

        #[test]
        fn ease_moves_by_the_published_steps(grades in proptest::collection::vec(0u8..=5, 1..60)) {
            let mut state = Sm2State::NEW;
            for g in grades {
                let next = state.next(Grade::new(g).unwrap());
                let step = [-80i64, -54, -32, -14, 0, 10][usize::from(g)];
                let expected = (i64::from(state.ease_hundredths) + step).max(130);
                prop_assert_eq!(i64::from(next.ease_hundredths), expected);
                state = next;
            }
        }
    }
}
