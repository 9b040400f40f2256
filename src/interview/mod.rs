//! Mock interviews by the guide's own rules (issue 14): 10–15 main questions spread over
//! topics, follow-ups only after a correct answer, a time budget, a scored report.
//!
//! [`plan`] chooses questions and [`report`] scores them, both pure; [`session`] asks them
//! through the review session's [`crate::review::Prompter`], writing each answer through
//! [`answer`] before the next question is shown. [`pacing`] plans the days up to an interview
//! date.

pub mod pacing;
mod plan;
mod report;
mod session;

use anyhow::Result;
use chrono::Utc;

use crate::card::Card;
use crate::deck::CardKind;
use crate::scheduler::{Clock, Grade};
use crate::store::{Answer, Store};
use crate::study::Refusal;

pub use plan::{Candidate, DEFAULT_FOLLOWUPS, DEFAULT_QUESTIONS, choose_questions};
pub use report::{AnswerFact, InterviewSummary, Report, render_list, render_report, report, share};
pub use session::{Options, RealTimer, candidate, run};

/// Records one interview answer to `card` as the caller saw it: kind `interview`, SM-2
/// untouched, a failed main question brought forward to tomorrow. One transaction; refuses
/// ([`Refusal::Changed`]) when the card moved meanwhile. Returns the review's id.
pub fn answer(
    store: &mut Store,
    clock: &Clock,
    interview_id: i64,
    main_review_id: Option<i64>,
    card: &Card,
    grade: Grade,
    taken_ms: u64,
) -> Result<i64> {
    let outcome = card
        .state
        .interview_outcome(grade, clock.today, card.kind == CardKind::Main);
    let answer = Answer {
        card_id: card.id,
        outcome,
        answered_at: clock.now.with_timezone(&Utc),
        day: clock.today,
        taken_ms: Some(taken_ms),
    };
    match store.answer_in_interview(interview_id, main_review_id, &answer)? {
        Some(review_id) => Ok(review_id),
        None => Err(Refusal::Changed(card.key.clone()).into()),
    }
}
