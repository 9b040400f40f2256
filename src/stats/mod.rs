//! Progress figures, pure, and their rendering.
//!
//! The caller reads the database and passes plain values ([`CardFacts`], [`TopicReviews`],
//! reviews per day, `today`); nothing here touches SQL, the clock or the environment. The
//! figure types serialize to the `stats --json`, `forecast --json` and `history --json`
//! output; [`render_stats`], [`render_forecast`] and [`render_history`] draw them for a terminal.

mod render;

pub use render::{render_forecast, render_history, render_stats};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::card::Status;
use crate::deck::CardKind;

/// Days `forecast` looks ahead when the user gives no `--days`.
pub const DEFAULT_FORECAST_DAYS: u32 = 14;
/// Weeks `history` looks back when the user gives no `--weeks`.
pub const DEFAULT_HISTORY_WEEKS: u32 = 26;

/// What the figures need of one card, as the caller loaded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardFacts {
    /// Index into the topic names passed alongside.
    pub topic_index: usize,
    pub kind: CardKind,
    /// Retired cards are left out of every figure.
    pub status: Status,
    pub mastered: bool,
    /// Next scheduled review day; `None` while new.
    pub due: Option<NaiveDate>,
    pub ease_hundredths: u32,
    /// Graded below 4 today and not yet 4 or 5: it comes back today.
    pub in_drill_today: bool,
}

impl CardFacts {
    /// Waits for a grade today: a review whose day has come, or a same-day drill.
    fn is_due_today(&self, today: NaiveDate) -> bool {
        self.status == Status::Review
            && (self.in_drill_today || self.due.is_some_and(|due| due <= today))
    }
}

/// Scheduling reviews of one topic in the last 30 days, counted by the caller's query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicReviews {
    pub topic_index: usize,
    /// `schedule` reviews (first reviews of new cards included), drills left out.
    pub schedule_reviews_30d: u32,
    /// Those of them graded 3 or more.
    pub passed_30d: u32,
}

/// Progress by topic: the `stats --json` output (DESIGN §4).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub today: NaiveDate,
    /// One entry per topic, in document order, empty topics included.
    pub topics: Vec<TopicStats>,
    /// All topics together, named `Total`.
    pub total: TopicStats,
    /// Reviews of any kind recorded today.
    pub reviews_today: u32,
    /// See [`streak_days`].
    pub streak_days: u32,
    /// The countdown to the interview date; null when none is set or it has passed. Filled
    /// in by the caller (it needs the settings).
    pub interview: Option<crate::interview::pacing::Countdown>,
}

/// The figures of one topic (or of all of them); retired cards are not counted anywhere.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicStats {
    pub topic: String,
    pub cards: u32,
    pub main: u32,
    pub followups: u32,
    /// Status `new`: unlocked and never reviewed.
    pub new: u32,
    pub locked: u32,
    pub review: u32,
    pub suspended: u32,
    /// Cards that meet the mastery rule, suspended ones included.
    pub mastered: u32,
    /// In review and not mastered; drawn in the progress bar, not part of the JSON contract.
    #[serde(skip)]
    pub in_progress: u32,
    /// Reviews whose day has come (overdue included) plus today's drills.
    pub due_today: u32,
    /// Share (0..1) of the last 30 days' scheduling reviews graded 3 or more; `None` (null)
    /// when there were none.
    pub retention_30d: Option<f64>,
    /// Mean ease of the cards in review, rounded to hundredths like ease itself; `None`
    /// (null) when no card is in review.
    pub average_ease: Option<f64>,
}

/// Running counts of one topic; one fixed-size value per topic, so a pass over the cards
/// allocates nothing per card.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    cards: u32,
    main: u32,
    followups: u32,
    new: u32,
    locked: u32,
    review: u32,
    suspended: u32,
    mastered: u32,
    in_progress: u32,
    due_today: u32,
    review_ease_hundredths: u64,
    schedule_reviews: u64,
    passed: u64,
}

impl Tally {
    fn add_card(&mut self, card: &CardFacts, today: NaiveDate) {
        self.cards += 1;
        match card.kind {
            CardKind::Main => self.main += 1,
            CardKind::Followup => self.followups += 1,
        }
        match card.status {
            Status::New => self.new += 1,
            Status::Locked => self.locked += 1,
            Status::Suspended => self.suspended += 1,
            Status::Review => {
                self.review += 1;
                self.review_ease_hundredths += u64::from(card.ease_hundredths);
                if !card.mastered {
                    self.in_progress += 1;
                }
            }
            Status::Retired => {}
        }
        self.mastered += u32::from(card.mastered);
        self.due_today += u32::from(card.is_due_today(today));
    }

    fn add(&mut self, other: &Tally) {
        self.cards += other.cards;
        self.main += other.main;
        self.followups += other.followups;
        self.new += other.new;
        self.locked += other.locked;
        self.review += other.review;
        self.suspended += other.suspended;
        self.mastered += other.mastered;
        self.in_progress += other.in_progress;
        self.due_today += other.due_today;
        self.review_ease_hundredths += other.review_ease_hundredths;
        self.schedule_reviews += other.schedule_reviews;
        self.passed += other.passed;
    }

    fn finish(&self, topic: String) -> TopicStats {
        let retention_30d =
            (self.schedule_reviews > 0).then(|| self.passed as f64 / self.schedule_reviews as f64);
        let average_ease = (self.review > 0)
            .then(|| (self.review_ease_hundredths as f64 / f64::from(self.review)).round() / 100.0);
        TopicStats {
            topic,
            cards: self.cards,
            main: self.main,
            followups: self.followups,
            new: self.new,
            locked: self.locked,
            review: self.review,
            suspended: self.suspended,
            mastered: self.mastered,
            in_progress: self.in_progress,
            due_today: self.due_today,
            retention_30d,
            average_ease,
        }
    }
}

/// Progress by topic in one pass over the cards.
///
/// Cards and review counts whose `topic_index` names no topic are ignored (the caller
/// builds both from the same topic list). Several `TopicReviews` for one topic add up.
pub fn stats(
    cards: &[CardFacts],
    topic_names: &[String],
    topic_reviews: &[TopicReviews],
    daily_reviews: &[(NaiveDate, u32)],
    today: NaiveDate,
) -> Stats {
    let mut tallies = vec![Tally::default(); topic_names.len()];
    for card in cards {
        if card.status == Status::Retired {
            continue;
        }
        if let Some(tally) = tallies.get_mut(card.topic_index) {
            tally.add_card(card, today);
        }
    }
    for reviews in topic_reviews {
        if let Some(tally) = tallies.get_mut(reviews.topic_index) {
            tally.schedule_reviews += u64::from(reviews.schedule_reviews_30d);
            tally.passed += u64::from(reviews.passed_30d);
        }
    }
    let mut total = Tally::default();
    for tally in &tallies {
        total.add(tally);
    }
    Stats {
        today,
        topics: tallies
            .iter()
            .zip(topic_names)
            .map(|(tally, name)| tally.finish(name.clone()))
            .collect(),
        total: total.finish("Total".to_owned()),
        reviews_today: daily_reviews
            .iter()
            .filter(|(day, _)| *day == today)
            .fold(0, |sum, (_, count)| sum.saturating_add(*count)),
        streak_days: streak_days(daily_reviews, today),
        interview: None,
    }
}

/// Consecutive days with at least one review, ending today, or ending yesterday when there
/// has been no review yet today (the streak is not broken before the day is over).
/// Entries may come in any order and repeat a day; days after `today` are ignored.
pub fn streak_days(daily_reviews: &[(NaiveDate, u32)], today: NaiveDate) -> u32 {
    let mut active: Vec<NaiveDate> = daily_reviews
        .iter()
        .filter(|(day, count)| *count > 0 && *day <= today)
        .map(|(day, _)| *day)
        .collect();
    active.sort_unstable_by(|a, b| b.cmp(a));
    active.dedup();
    let mut days = active.into_iter().peekable();
    let mut expected = match days.peek() {
        Some(&latest) if latest == today || Some(latest) == today.pred_opt() => latest,
        _ => return 0,
    };
    let mut streak = 0;
    for day in days {
        if day != expected {
            break;
        }
        streak += 1;
        match expected.pred_opt() {
            Some(previous) => expected = previous,
            None => break,
        }
    }
    streak
}

/// Reviews due per day: the `forecast --json` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forecast {
    pub days: Vec<ForecastDay>,
}

/// One day of the forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ForecastDay {
    pub day: NaiveDate,
    pub due: u32,
}

/// Reviews due on each of the `days` days from today. Day 0 holds what `due` shows today:
/// overdue reviews and drills too. A card in a drill today also counts on its next due day.
/// Only cards in review count (new cards are not reviews; locked, suspended and retired
/// cards wait).
pub fn forecast(cards: &[CardFacts], today: NaiveDate, days: u32) -> Forecast {
    let mut due = vec![0u32; days as usize];
    for card in cards.iter().filter(|card| card.status == Status::Review) {
        if card.is_due_today(today)
            && let Some(first) = due.first_mut()
        {
            *first += 1;
        }
        if let Some(day) = card.due.filter(|day| *day > today) {
            let offset = (day - today).num_days();
            if let Some(slot) = usize::try_from(offset).ok().and_then(|i| due.get_mut(i)) {
                *slot += 1;
            }
        }
    }
    Forecast {
        days: due
            .into_iter()
            .zip(today.iter_days())
            .map(|(due, day)| ForecastDay { day, due })
            .collect(),
    }
}

/// Reviews per day over whole weeks: the `history --json` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History {
    /// Monday of the first week shown.
    pub from: NaiveDate,
    /// Today, the last day counted (the rest of its week is still to come).
    pub to: NaiveDate,
    pub weeks: u32,
    /// Every day from `from` to `to`, in order, days without reviews included.
    pub days: Vec<HistoryDay>,
    /// Reviews in `days`.
    pub total: u32,
    /// Days in `days` with at least one review.
    pub active_days: u32,
    /// See [`streak_days`]; it may reach back before `from`.
    pub streak_days: u32,
}

/// One day of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HistoryDay {
    pub day: NaiveDate,
    pub reviews: u32,
}

/// Reviews per day over the last `weeks` calendar weeks (Monday to Sunday), the current week
/// last, like a contributions graph. `weeks` 0 is taken as 1. Entries may come in any order
/// and repeat a day (they add up); days outside the weeks are ignored.
pub fn history(daily_reviews: &[(NaiveDate, u32)], today: NaiveDate, weeks: u32) -> History {
    let weeks = weeks.max(1);
    let monday = days_before(today, u64::from(today.weekday().num_days_from_monday()));
    let from = days_before(monday, 7 * u64::from(weeks - 1));
    let len = usize::try_from((today - from).num_days() + 1).unwrap_or(0);
    let mut counts = vec![0u32; len];
    for (day, count) in daily_reviews {
        if *day < from || *day > today {
            continue;
        }
        if let Some(slot) = usize::try_from((*day - from).num_days())
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            *slot = slot.saturating_add(*count);
        }
    }
    History {
        from,
        to: today,
        weeks,
        total: counts.iter().fold(0, |sum, n| sum.saturating_add(*n)),
        active_days: counts.iter().filter(|n| **n > 0).count() as u32,
        streak_days: streak_days(daily_reviews, today),
        days: counts
            .into_iter()
            .zip(from.iter_days())
            .map(|(reviews, day)| HistoryDay { day, reviews })
            .collect(),
    }
}

/// `day` minus `n` days, clamped to the earliest representable date.
fn days_before(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn date(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).unwrap()
    }

    /// Wednesday.
    pub(super) fn today() -> NaiveDate {
        date(3, 4)
    }

    fn card(topic_index: usize, kind: CardKind, status: Status) -> CardFacts {
        CardFacts {
            topic_index,
            kind,
            status,
            mastered: false,
            due: None,
            ease_hundredths: 250,
            in_drill_today: false,
        }
    }

    fn reviewed(topic_index: usize, kind: CardKind, due: NaiveDate, ease: u32) -> CardFacts {
        CardFacts {
            due: Some(due),
            ease_hundredths: ease,
            ..card(topic_index, kind, Status::Review)
        }
    }

    pub(super) fn topic_names() -> Vec<String> {
        vec![
            "Основы Python".into(),
            "Базы данных".into(),
            "Пустая".into(),
        ]
    }

    /// Thirteen cards over three topics; the figures below are worked out by hand.
    pub(super) fn cards() -> Vec<CardFacts> {
        use CardKind::{Followup, Main};
        vec![
            // Topic 0.
            CardFacts {
                mastered: true,
                ..reviewed(0, Main, date(3, 10), 260)
            },
            reviewed(0, Main, date(3, 4), 236),
            reviewed(0, Main, date(3, 2), 250),
            CardFacts {
                in_drill_today: true,
                ..reviewed(0, Followup, date(3, 5), 218)
            },
            card(0, Followup, Status::New),
            card(0, Followup, Status::Locked),
            card(0, Followup, Status::Locked),
            CardFacts {
                status: Status::Suspended,
                mastered: true,
                ..reviewed(0, Main, date(3, 1), 270)
            },
            CardFacts {
                status: Status::Retired,
                mastered: true,
                in_drill_today: true,
                ..reviewed(0, Main, date(3, 1), 250)
            },
            // Topic 1.
            CardFacts {
                mastered: true,
                ..reviewed(1, Main, date(3, 20), 280)
            },
            card(1, Main, Status::New),
            card(1, Followup, Status::Locked),
            reviewed(1, Main, date(3, 6), 130),
        ]
    }

    pub(super) fn topic_reviews() -> Vec<TopicReviews> {
        vec![
            TopicReviews {
                topic_index: 0,
                schedule_reviews_30d: 20,
                passed_30d: 17,
            },
            TopicReviews {
                topic_index: 1,
                schedule_reviews_30d: 5,
                passed_30d: 3,
            },
        ]
    }

    /// Three days in a row up to today; 1 March has an entry but no review.
    pub(super) fn daily_reviews() -> Vec<(NaiveDate, u32)> {
        vec![
            (date(3, 3), 5),
            (date(2, 28), 4),
            (date(3, 4), 7),
            (date(3, 1), 0),
            (date(3, 2), 2),
            (date(1, 10), 9),
        ]
    }

    #[test]
    fn stats_by_topic_and_total() {
        let stats = stats(
            &cards(),
            &topic_names(),
            &topic_reviews(),
            &daily_reviews(),
            today(),
        );
        let python = TopicStats {
            topic: "Основы Python".into(),
            cards: 8,
            main: 4,
            followups: 4,
            new: 1,
            locked: 2,
            review: 4,
            suspended: 1,
            mastered: 2,
            in_progress: 3,
            // due today, overdue since 2 March, drill (due again tomorrow)
            due_today: 3,
            retention_30d: Some(0.85),
            // (260 + 236 + 250 + 218) / 4 = 241; the suspended card's 270 is not in review
            average_ease: Some(2.41),
        };
        let databases = TopicStats {
            topic: "Базы данных".into(),
            cards: 4,
            main: 3,
            followups: 1,
            new: 1,
            locked: 1,
            review: 2,
            suspended: 0,
            mastered: 1,
            in_progress: 1,
            due_today: 0,
            retention_30d: Some(0.6),
            average_ease: Some(2.05),
        };
        let empty = TopicStats {
            topic: "Пустая".into(),
            cards: 0,
            main: 0,
            followups: 0,
            new: 0,
            locked: 0,
            review: 0,
            suspended: 0,
            mastered: 0,
            in_progress: 0,
            due_today: 0,
            retention_30d: None,
            average_ease: None,
        };
        let total = TopicStats {
            topic: "Total".into(),
            cards: 12,
            main: 7,
            followups: 5,
            new: 2,
            locked: 3,
            review: 6,
            suspended: 1,
            mastered: 3,
            in_progress: 4,
            due_today: 3,
            // 20 of 25
            retention_30d: Some(0.8),
            // (964 + 410) / 6 = 229
            average_ease: Some(2.29),
        };
        assert_eq!(
            stats,
            Stats {
                today: today(),
                topics: vec![python, databases, empty],
                total,
                reviews_today: 7,
                streak_days: 3,
                interview: None,
            }
        );
    }

    #[test]
    fn retired_cards_count_nowhere() {
        let retired = CardFacts {
            status: Status::Retired,
            mastered: true,
            in_drill_today: true,
            ..reviewed(0, CardKind::Main, today(), 250)
        };
        let names = vec!["T".to_owned()];
        let stats = stats(&[retired; 3], &names, &[], &[], today());
        assert_eq!(stats.topics[0], stats.total.clone().renamed("T"));
        assert_eq!(stats.total.cards, 0);
        assert_eq!(stats.total.mastered, 0);
        assert_eq!(stats.total.due_today, 0);
        assert_eq!(stats.total.average_ease, None);
        assert_eq!(forecast(&[retired], today(), 3).days[0].due, 0);
    }

    impl TopicStats {
        fn renamed(self, topic: &str) -> TopicStats {
            TopicStats {
                topic: topic.into(),
                ..self
            }
        }
    }

    #[test]
    fn retention_is_null_without_reviews_even_with_cards() {
        let names = vec!["T".to_owned()];
        let zero = TopicReviews {
            topic_index: 0,
            schedule_reviews_30d: 0,
            passed_30d: 0,
        };
        let stats = stats(&cards()[..1], &names, &[zero], &[], today());
        assert_eq!(stats.topics[0].retention_30d, None);
        assert_eq!(stats.total.retention_30d, None);
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["topics"][0]["retention_30d"], serde_json::Value::Null);
    }

    #[test]
    fn unknown_topic_indexes_are_ignored() {
        let names = vec!["T".to_owned()];
        let stray = TopicReviews {
            topic_index: 7,
            schedule_reviews_30d: 4,
            passed_30d: 4,
        };
        let stats = stats(
            &[card(7, CardKind::Main, Status::New)],
            &names,
            &[stray],
            &[],
            today(),
        );
        assert_eq!(stats.total.cards, 0);
        assert_eq!(stats.total.retention_30d, None);
    }

    #[test]
    fn stats_json_has_the_contract_fields() {
        let stats = stats(
            &cards(),
            &topic_names(),
            &topic_reviews(),
            &daily_reviews(),
            today(),
        );
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(
            json["topics"][1],
            serde_json::json!({
                "topic": "Базы данных", "cards": 4, "main": 3, "followups": 1, "new": 1,
                "locked": 1, "review": 2, "suspended": 0, "mastered": 1, "due_today": 0,
                "retention_30d": 0.6, "average_ease": 2.05
            })
        );
        assert_eq!(json["today"], "2026-03-04");
        assert_eq!(json["total"]["topic"], "Total");
        assert_eq!(json["reviews_today"], 7);
        assert_eq!(json["streak_days"], 3);
    }

    #[test]
    fn streak_cases() {
        type Case = (&'static str, Vec<(NaiveDate, u32)>, u32);
        let cases: &[Case] = &[
            ("no reviews", vec![], 0),
            ("only today", vec![(date(3, 4), 1)], 1),
            (
                "none yet today: the streak ends yesterday",
                vec![(date(3, 3), 2), (date(3, 2), 1)],
                2,
            ),
            (
                "a zero entry today does not break it",
                vec![(date(3, 4), 0), (date(3, 3), 2)],
                1,
            ),
            ("yesterday missed", vec![(date(3, 2), 3)], 0),
            (
                "a gap ends it",
                vec![(date(3, 4), 1), (date(3, 3), 1), (date(3, 1), 1)],
                2,
            ),
            (
                "any order, repeated days",
                vec![
                    (date(3, 2), 1),
                    (date(3, 4), 1),
                    (date(3, 3), 1),
                    (date(3, 4), 2),
                ],
                3,
            ),
            (
                "days after today are ignored",
                vec![(date(3, 5), 4), (date(3, 4), 1)],
                1,
            ),
            (
                "across a month end",
                vec![(date(3, 1), 1), (date(2, 28), 1), (date(3, 2), 1)],
                0,
            ),
        ];
        for (name, reviews, expected) in cases {
            assert_eq!(streak_days(reviews, today()), *expected, "{name}");
        }
        let month_end = [(date(3, 1), 1), (date(2, 28), 1), (date(2, 27), 1)];
        assert_eq!(streak_days(&month_end, date(3, 1)), 3);
    }

    #[test]
    fn forecast_counts_overdue_and_drills_on_day_zero() {
        let forecast = forecast(&cards(), today(), 4);
        let day = |m, d, due| ForecastDay {
            day: date(m, d),
            due,
        };
        assert_eq!(
            forecast,
            Forecast {
                days: vec![
                    // today, overdue and the drill
                    day(3, 4, 3),
                    // the drill card again
                    day(3, 5, 1),
                    day(3, 6, 1),
                    day(3, 7, 0),
                ]
            }
        );
    }

    #[test]
    fn forecast_day_zero_matches_due_today_and_looks_no_further_than_asked() {
        let cards = cards();
        let forecast = forecast(&cards, today(), DEFAULT_FORECAST_DAYS);
        assert_eq!(forecast.days.len(), 14);
        let stats = stats(&cards, &topic_names(), &[], &[], today());
        assert_eq!(forecast.days[0].due, stats.total.due_today);
        // 10 March is in, 20 March is past the horizon; suspended cards are never due
        assert_eq!(
            forecast.days[6],
            ForecastDay {
                day: date(3, 10),
                due: 1
            }
        );
        let sum: u32 = forecast.days.iter().map(|d| d.due).sum();
        assert_eq!(sum, 6);
        assert_eq!(super::forecast(&cards, today(), 0).days, vec![]);
        let json = serde_json::to_value(&forecast).unwrap();
        assert_eq!(
            json["days"][0],
            serde_json::json!({"day": "2026-03-04", "due": 3})
        );
    }

    #[test]
    fn history_aligns_to_weeks() {
        let mut reviews = daily_reviews();
        reviews.push((date(3, 5), 3));
        reviews.push((date(3, 3), 1));
        let history = history(&reviews, today(), 2);
        let counts = [0, 0, 0, 0, 0, 4, 0, 2, 6, 7];
        assert_eq!(
            history,
            History {
                from: date(2, 23),
                to: today(),
                weeks: 2,
                days: counts
                    .iter()
                    .zip(date(2, 23).iter_days())
                    .map(|(&reviews, day)| HistoryDay { day, reviews })
                    .collect(),
                total: 19,
                active_days: 4,
                streak_days: 3,
            }
        );
        let json = serde_json::to_value(&history).unwrap();
        assert_eq!(json["from"], "2026-02-23");
        assert_eq!(
            json["days"][9],
            serde_json::json!({"day": "2026-03-04", "reviews": 7})
        );
    }

    #[test]
    fn history_on_a_monday_and_on_a_sunday() {
        let monday = history(&[], date(3, 2), 1);
        assert_eq!((monday.from, monday.days.len()), (date(3, 2), 1));
        let sunday = history(&[], date(3, 8), 26);
        assert_eq!(
            (sunday.from, sunday.days.len()),
            (NaiveDate::from_ymd_opt(2025, 9, 8).unwrap(), 26 * 7)
        );
        assert_eq!(history(&[], today(), 0).weeks, 1);
    }

    #[test]
    fn a_large_collection_in_one_pass() {
        let names: Vec<String> = (0..100).map(|i| format!("Topic {i}")).collect();
        let cards: Vec<CardFacts> = (0..120_000)
            .map(|i| CardFacts {
                topic_index: i % 100,
                kind: if i % 6 == 0 {
                    CardKind::Main
                } else {
                    CardKind::Followup
                },
                status: Status::ALL[i % 5],
                mastered: i % 10 == 4,
                due: Some(today() + Days::new((i % 30) as u64)),
                ease_hundredths: 250,
                in_drill_today: false,
            })
            .collect();
        let stats = stats(&cards, &names, &[], &[], today());
        assert_eq!(stats.total.cards, 96_000);
        assert_eq!(stats.total.main, 20_000 - 4_000);
        assert_eq!(stats.total.review, 24_000);
        // topic t holds only cards of status ALL[t % 5]
        assert_eq!(stats.topics[2].review, 1_200);
        assert_eq!(stats.total.average_ease, Some(2.5));
    }
}
