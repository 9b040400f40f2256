//! The outline `recall import --dry-run` shows: what a document gives before anything is
//! written. Pure text from a parsed deck and its warnings.

use std::fmt::Write;

use super::levels::Level;
use super::model::Deck;
use super::parse::ParseWarning;
use crate::text::{count, fit, visible};

/// How many questions of each topic the outline lists.
const FIRST_QUESTIONS: usize = 3;

/// Renders the outline: the deck, its totals, each topic with its counts and first
/// questions (key and text), then the warnings.
pub fn render_outline(deck: &Deck, warnings: &[ParseWarning]) -> String {
    let mut out = String::new();
    let mains: usize = deck.topics.iter().map(|t| t.questions.len()).sum();
    let (followups, answers) =
        deck.topics
            .iter()
            .flat_map(|t| &t.questions)
            .fold((0, 0), |(f, a), q| {
                let item_answers = q.followups.iter().filter(|f| f.answer.is_some()).count();
                (
                    f + q.followups.len(),
                    a + usize::from(q.answer.is_some()) + item_answers,
                )
            });
    let _ = writeln!(out, "{} ({})", visible(&deck.title), visible(&deck.slug));
    let _ = writeln!(
        out,
        "{}, {}, {}, {}: {}",
        count(deck.topics.len(), "topic", "topics"),
        count(mains, "main question", "main questions"),
        count(followups, "follow-up", "follow-ups"),
        count(answers, "answer", "answers"),
        count(mains + followups, "card", "cards"),
    );
    // Levels, when the guide gives any: a guide by level shows here whether it was read so.
    let mut by_level = [0usize; Level::ALL.len()];
    let questions = deck.topics.iter().flat_map(|t| &t.questions);
    for level in questions.filter_map(|q| q.level.or(q.section_level)) {
        by_level[level as usize] += 1;
    }
    if by_level.iter().any(|&n| n > 0) {
        let named: Vec<String> = Level::ALL
            .iter()
            .zip(by_level)
            .map(|(level, n)| format!("{level} {n}"))
            .collect();
        let unmarked = mains - by_level.iter().sum::<usize>();
        let _ = writeln!(out, "levels: {}, unmarked {unmarked}", named.join(", "));
    }
    for topic in &deck.topics {
        let followups: usize = topic.questions.iter().map(|q| q.followups.len()).sum();
        // Follow-ups' answers too, as the deck's line counts them.
        let answers: usize = topic
            .questions
            .iter()
            .map(|q| {
                usize::from(q.answer.is_some())
                    + q.followups.iter().filter(|f| f.answer.is_some()).count()
            })
            .sum();
        let _ = writeln!(
            out,
            "\n  {}: {}, {}, {}",
            visible(&topic.name),
            count(topic.questions.len(), "question", "questions"),
            count(followups, "follow-up", "follow-ups"),
            count(answers, "answer", "answers"),
        );
        for q in topic.questions.iter().take(FIRST_QUESTIONS) {
            let _ = writeln!(out, "    {}  {}", visible(&q.key), fit(&q.text, 70));
        }
        let more = topic.questions.len().saturating_sub(FIRST_QUESTIONS);
        if more > 0 {
            let _ = writeln!(out, "    … {more} more");
        }
    }
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n{}:", count(warnings.len(), "warning", "warnings"));
        for w in warnings {
            let _ = writeln!(out, "  {}", visible(&w.to_string()));
        }
    }
    out
}
