//! Which questions a mock interview asks, pure: the caller loads the facts of each candidate
//! card; nothing here reads the store or the clock.

use std::cmp::Reverse;

use chrono::NaiveDate;

use crate::scheduler::sm2::INITIAL_EASE_HUNDREDTHS;

/// Main questions per interview when the learner gives no `--questions` (the guide says 10–15).
pub const DEFAULT_QUESTIONS: u32 = 12;
/// Follow-ups asked after a correct main answer when the learner gives no `--followups`.
pub const DEFAULT_FOLLOWUPS: u32 = 2;

/// What the choice needs of one card (a main question or a follow-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub card_id: i64,
    /// Index of its topic in document order (follow-ups: unused).
    pub topic: usize,
    /// Place in document order, the last tie-breaker.
    pub position: i64,
    pub ease_hundredths: u32,
    pub lapses: u32,
    /// Failing scheduling grades of the last 30 days on a card already learned.
    pub recent_lapses: u32,
    /// Reviewed on schedule at least once.
    pub introduced: bool,
    /// Asked in any earlier interview.
    pub interviewed: bool,
    /// Its last interview answer was not correct (below 4).
    pub failed_last_interview: bool,
    /// Asked in the most recent interview.
    pub in_last_interview: bool,
    /// The last day it was reviewed in any way; `None` never.
    pub last_reviewed: Option<NaiveDate>,
}

/// How much a main question is wanted, best first (the guide's order within a topic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// Low ease, recent lapses, or failed when last asked in an interview.
    Weak,
    /// Never reviewed and never asked.
    Unseen,
    Rest,
    /// Asked in the last interview: only when nothing else is left in the topic.
    LastInterview,
}

impl Candidate {
    fn is_weak(&self) -> bool {
        self.failed_last_interview
            || (self.introduced
                && (self.ease_hundredths < INITIAL_EASE_HUNDREDTHS || self.recent_lapses > 0))
    }

    fn tier(&self) -> Tier {
        if self.in_last_interview {
            Tier::LastInterview
        } else if self.is_weak() {
            Tier::Weak
        } else if !self.introduced && !self.interviewed {
            Tier::Unseen
        } else {
            Tier::Rest
        }
    }

    /// The order of preference, smaller first: the tier, then within it the weakest, then
    /// the longest unseen, then document order.
    fn preference(&self) -> impl Ord + use<> {
        (
            self.tier(),
            Reverse(self.failed_last_interview),
            Reverse(self.recent_lapses),
            self.ease_hundredths,
            Reverse(self.lapses),
            self.last_reviewed,
            self.position,
        )
    }
}

/// Picks up to `count` main questions, spread over topics: topics take turns, so no topic is
/// asked twice before every topic with questions left has been asked once; within a turn the
/// topic whose best question is weakest goes first. Returns card ids in the order to ask.
pub fn choose_questions(candidates: &[Candidate], count: usize) -> Vec<i64> {
    let topics = candidates.iter().map(|c| c.topic + 1).max().unwrap_or(0);
    let mut by_topic: Vec<Vec<&Candidate>> = vec![Vec::new(); topics];
    for c in candidates {
        by_topic[c.topic].push(c);
    }
    for list in &mut by_topic {
        // Reversed, so the best is popped from the end.
        list.sort_by_key(|c| Reverse(c.preference()));
    }
    let mut chosen = Vec::with_capacity(count.min(candidates.len()));
    while chosen.len() < count {
        let mut turn: Vec<usize> = (0..topics).filter(|&t| !by_topic[t].is_empty()).collect();
        if turn.is_empty() {
            break;
        }
        turn.sort_by_key(|&t| (by_topic[t].last().map(|c| c.preference()), t));
        for t in turn {
            if chosen.len() == count {
                break;
            }
            if let Some(c) = by_topic[t].pop() {
                chosen.push(c.card_id);
            }
        }
    }
    chosen
}

/// Orders the follow-ups of a question the learner answered correctly, the ones they know
/// least first (failed when last asked, never studied, low ease, lapses), and keeps `count`.
pub fn choose_followups(candidates: &[Candidate], count: usize) -> Vec<i64> {
    let mut list: Vec<&Candidate> = candidates.iter().collect();
    list.sort_by_key(|c| {
        (
            Reverse(c.failed_last_interview),
            c.introduced,
            c.ease_hundredths,
            Reverse(c.lapses),
            c.position,
        )
    });
    list.into_iter().take(count).map(|c| c.card_id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh(card_id: i64, topic: usize) -> Candidate {
        Candidate {
            card_id,
            topic,
            position: card_id,
            ease_hundredths: INITIAL_EASE_HUNDREDTHS,
            lapses: 0,
            recent_lapses: 0,
            introduced: false,
            interviewed: false,
            failed_last_interview: false,
            in_last_interview: false,
            last_reviewed: None,
        }
    }

    fn learned(card_id: i64, topic: usize, ease: u32) -> Candidate {
        Candidate {
            introduced: true,
            ease_hundredths: ease,
            last_reviewed: NaiveDate::from_ymd_opt(2026, 3, 1),
            ..fresh(card_id, topic)
        }
    }

    #[test]
    fn every_topic_is_asked_once_before_any_twice() {
        // Topic 0 has five questions, topics 1 and 2 one each.
        let cards = [
            fresh(1, 0),
            fresh(2, 0),
            fresh(3, 0),
            fresh(4, 0),
            fresh(5, 0),
            fresh(6, 1),
            fresh(7, 2),
        ];
        assert_eq!(choose_questions(&cards, 4), vec![1, 6, 7, 2]);
        assert_eq!(choose_questions(&cards, 10), vec![1, 6, 7, 2, 3, 4, 5]);
    }

    #[test]
    fn weak_then_unseen_then_the_rest_then_last_interviews() {
        let cards = [
            Candidate {
                in_last_interview: true,
                ..learned(1, 0, 130)
            },
            learned(2, 0, 260),
            fresh(3, 0),
            learned(4, 0, 200),
            Candidate {
                failed_last_interview: true,
                interviewed: true,
                ..fresh(5, 0)
            },
            Candidate {
                recent_lapses: 1,
                ..learned(6, 0, 250)
            },
        ];
        assert_eq!(choose_questions(&cards, 6), vec![5, 6, 4, 3, 2, 1]);
    }

    #[test]
    fn the_topic_with_the_weakest_question_goes_first_in_a_turn() {
        let cards = [fresh(1, 0), learned(2, 1, 150), fresh(3, 2)];
        assert_eq!(choose_questions(&cards, 3), vec![2, 1, 3]);
    }

    #[test]
    fn followups_least_known_first() {
        let cards = [
            learned(1, 0, 250),
            learned(2, 0, 170),
            fresh(3, 0),
            Candidate {
                failed_last_interview: true,
                ..learned(4, 0, 260)
            },
        ];
        assert_eq!(choose_followups(&cards, 2), vec![4, 3]);
        assert_eq!(choose_followups(&cards, 9), vec![4, 3, 2, 1]);
        assert_eq!(choose_followups(&cards, 0), Vec::<i64>::new());
    }
}
