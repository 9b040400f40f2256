//! The daily queue: drills, then due reviews, then new cards, within the day's limits.

use serde::Serialize;

/// Why a card is in today's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// Graded below 4 earlier today; comes back until it gets a 4 or 5.
    Drill,
    /// Due for its scheduled review.
    Review,
    /// Never reviewed.
    New,
    /// Practised outside the schedule (`recall cram`); never in the daily queue.
    Cram,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Drill => "drill",
            Reason::Review => "review",
            Reason::New => "new",
            Reason::Cram => "cram",
        }
    }
}

/// One card in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueEntry {
    pub card_id: i64,
    pub reason: Reason,
}

/// How many more cards of each kind today allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub new_cards: usize,
    pub reviews: usize,
}

impl Allowance {
    /// The room left after what was already done today; never negative.
    pub fn remaining(
        new_per_day: u32,
        reviews_per_day: u32,
        new_done: u32,
        reviews_done: u32,
    ) -> Self {
        Allowance {
            new_cards: new_per_day.saturating_sub(new_done) as usize,
            reviews: reviews_per_day.saturating_sub(reviews_done) as usize,
        }
    }
}

/// Orders today's queue. `drills` and `reviews` come in their own order (reviews oldest due
/// first), `new` in document order, already filtered by the mastery gate; drills are not
/// limited, since they finish work the learner already started.
pub fn assemble(
    drills: impl IntoIterator<Item = i64>,
    reviews: impl IntoIterator<Item = i64>,
    new: impl IntoIterator<Item = i64>,
    allowance: Allowance,
) -> Vec<QueueEntry> {
    let tag = |reason| move |card_id| QueueEntry { card_id, reason };
    drills
        .into_iter()
        .map(tag(Reason::Drill))
        .chain(
            reviews
                .into_iter()
                .take(allowance.reviews)
                .map(tag(Reason::Review)),
        )
        .chain(
            new.into_iter()
                .take(allowance.new_cards)
                .map(tag(Reason::New)),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drills_then_reviews_then_new_within_limits() {
        let queue = assemble(
            [9],
            [5, 6, 7],
            [1, 2, 3],
            Allowance {
                new_cards: 2,
                reviews: 2,
            },
        );
        let got: Vec<(i64, Reason)> = queue.iter().map(|e| (e.card_id, e.reason)).collect();
        assert_eq!(
            got,
            vec![
                (9, Reason::Drill),
                (5, Reason::Review),
                (6, Reason::Review),
                (1, Reason::New),
                (2, Reason::New)
            ]
        );
    }

    #[test]
    fn work_done_today_uses_up_the_allowance() {
        assert_eq!(
            Allowance::remaining(10, 200, 4, 0),
            Allowance {
                new_cards: 6,
                reviews: 200
            }
        );
        assert_eq!(
            Allowance::remaining(10, 200, 12, 250),
            Allowance {
                new_cards: 0,
                reviews: 0
            }
        );
    }
}
