//! The mastery gate: a follow-up waits until its main question is mastered.

use super::sm2::Grade;

/// When a main question counts as mastered. Defaults: three passes in a row, the last graded
/// 4 or better, or an interval of 21 days (Anki's "mature").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MasteryRule {
    pub min_repetitions: u32,
    pub min_grade: u8,
    pub mature_days: u32,
}

impl Default for MasteryRule {
    fn default() -> Self {
        MasteryRule {
            min_repetitions: 3,
            min_grade: 4,
            mature_days: 21,
        }
    }
}

/// What the gate looks at in a card's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub repetitions: u32,
    pub interval_days: u32,
    /// The grade of the last scheduling review (drills excluded).
    pub last_grade: Option<Grade>,
}

impl MasteryRule {
    pub fn is_mastered(&self, p: Progress) -> bool {
        p.repetitions >= self.min_repetitions
            && (p.last_grade.is_some_and(|g| g.value() >= self.min_grade)
                || p.interval_days >= self.mature_days)
    }

    /// What the card still lacks, in words: `2 more successful reviews`.
    pub fn missing(&self, p: Progress) -> Option<String> {
        if self.is_mastered(p) {
            return None;
        }
        let more = self.min_repetitions.saturating_sub(p.repetitions);
        Some(match more {
            0 => format!(
                "a review graded {} or better (or an interval of {} days)",
                self.min_grade, self.mature_days
            ),
            1 => "1 more successful review".to_string(),
            n => format!("{n} more successful reviews"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(repetitions: u32, interval_days: u32, last: Option<u8>) -> Progress {
        Progress {
            repetitions,
            interval_days,
            last_grade: last.map(|g| Grade::new(g).unwrap()),
        }
    }

    #[test]
    fn default_rule_cases() {
        let rule = MasteryRule::default();
        let cases = [
            (progress(0, 0, None), false),
            (progress(2, 6, Some(5)), false),
            (progress(3, 15, Some(4)), true),
            (progress(3, 14, Some(3)), false),
            (progress(3, 21, Some(3)), true),
            (progress(5, 40, Some(5)), true),
            (progress(0, 1, Some(1)), false),
        ];
        for (p, mastered) in cases {
            assert_eq!(rule.is_mastered(p), mastered, "{p:?}");
        }
    }

    #[test]
    fn missing_says_what_is_left() {
        let rule = MasteryRule::default();
        assert_eq!(
            rule.missing(progress(1, 1, Some(4))).as_deref(),
            Some("2 more successful reviews")
        );
        assert_eq!(
            rule.missing(progress(2, 6, Some(4))).as_deref(),
            Some("1 more successful review")
        );
        assert_eq!(
            rule.missing(progress(3, 14, Some(3))).as_deref(),
            Some("a review graded 4 or better (or an interval of 21 days)")
        );
        assert_eq!(rule.missing(progress(3, 15, Some(5))), None);
    }

    #[test]
    fn settings_change_the_rule() {
        let rule = MasteryRule {
            min_repetitions: 1,
            min_grade: 5,
            mature_days: 100,
        };
        assert!(!rule.is_mastered(progress(1, 1, Some(4))));
        assert!(rule.is_mastered(progress(1, 1, Some(5))));
    }
}
