//! The report of a mock interview, pure: figures from the answers as logged, and their
//! rendering. `interview --json` and `interviews ID --json` print [`Report`].

use chrono::NaiveDate;
use serde::Serialize;

use crate::scheduler::Grade;
use crate::text::{self, Style};

/// The grade from which an interview answer counts as correct (the guide: 4–5).
pub const CORRECT_GRADE: Grade = Grade::FOUR;

/// Topics named as the ones to study next, at most.
const WEAKEST_TOPICS: usize = 3;

/// One answer as logged, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFact {
    /// The review row; a follow-up names its main question's in `main_review_id`.
    pub review_id: i64,
    pub main_review_id: Option<i64>,
    pub key: String,
    pub topic: String,
    pub grade: Grade,
    pub taken_ms: Option<u64>,
}

/// A past interview, as the listing and the comparison need it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewSummary {
    pub id: i64,
    pub day: NaiveDate,
    /// Main questions answered.
    pub questions: u32,
    /// Of them, answered correctly.
    #[serde(skip)]
    pub correct: u32,
    pub score: f64,
}

/// What one interview showed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub id: i64,
    pub day: NaiveDate,
    /// Share (0..1) of main questions answered correctly (grade 4 or 5).
    pub score: f64,
    pub questions: Vec<QuestionReport>,
    /// Per topic, in the order first asked.
    pub topics: Vec<TopicReport>,
    /// Follow-ups asked (each one only after a correct main answer).
    pub followups_reached: u32,
    /// Topics with the lowest share of correct answers, worst first; none when all were right.
    pub weakest_topics: Vec<String>,
    /// The interview before this one, for the change in score.
    pub previous: Option<InterviewSummary>,
    /// Time spent on answers, in seconds.
    pub seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionReport {
    pub key: String,
    pub topic: String,
    pub grade: Grade,
    pub seconds: u64,
    pub followups: Vec<FollowupReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowupReport {
    pub key: String,
    pub grade: Grade,
    pub seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicReport {
    pub topic: String,
    pub asked: u32,
    pub correct: u32,
}

fn seconds(taken_ms: Option<u64>) -> u64 {
    taken_ms.map_or(0, |ms| ms.saturating_add(500) / 1000)
}

/// Whether an interview answer counts as correct.
pub fn is_correct(grade: Grade) -> bool {
    grade >= CORRECT_GRADE
}

/// Builds the report of interview `id` from its answers in the order given. Follow-ups whose
/// main answer is not among them (taken back with `undo`) are left out.
pub fn report(
    id: i64,
    day: NaiveDate,
    answers: &[AnswerFact],
    previous: Option<InterviewSummary>,
) -> Report {
    let mut questions: Vec<(i64, QuestionReport)> = Vec::new();
    let mut followups_reached = 0;
    for a in answers {
        match a.main_review_id {
            None => questions.push((
                a.review_id,
                QuestionReport {
                    key: a.key.clone(),
                    topic: a.topic.clone(),
                    grade: a.grade,
                    seconds: seconds(a.taken_ms),
                    followups: Vec::new(),
                },
            )),
            Some(main) => {
                if let Some((_, q)) = questions.iter_mut().find(|(id, _)| *id == main) {
                    followups_reached += 1;
                    q.followups.push(FollowupReport {
                        key: a.key.clone(),
                        grade: a.grade,
                        seconds: seconds(a.taken_ms),
                    });
                }
            }
        }
    }
    let questions: Vec<QuestionReport> = questions.into_iter().map(|(_, q)| q).collect();
    let mut topics: Vec<TopicReport> = Vec::new();
    for q in &questions {
        let at = match topics.iter().position(|t| t.topic == q.topic) {
            Some(at) => at,
            None => {
                topics.push(TopicReport {
                    topic: q.topic.clone(),
                    asked: 0,
                    correct: 0,
                });
                topics.len() - 1
            }
        };
        topics[at].asked += 1;
        topics[at].correct += u32::from(is_correct(q.grade));
    }
    let mut weak: Vec<&TopicReport> = topics.iter().filter(|t| t.correct < t.asked).collect();
    // Lowest share first; among equal shares, the topic with more misses.
    weak.sort_by(|a, b| {
        let share = |t: &TopicReport| f64::from(t.correct) / f64::from(t.asked);
        share(a)
            .total_cmp(&share(b))
            .then((b.asked - b.correct).cmp(&(a.asked - a.correct)))
    });
    let correct = questions.iter().filter(|q| is_correct(q.grade)).count();
    let seconds_total = questions
        .iter()
        .map(|q| q.seconds + q.followups.iter().map(|f| f.seconds).sum::<u64>())
        .sum();
    Report {
        id,
        day,
        score: share(correct, questions.len()),
        weakest_topics: weak
            .into_iter()
            .take(WEAKEST_TOPICS)
            .map(|t| t.topic.clone())
            .collect(),
        questions,
        topics,
        followups_reached,
        previous,
        seconds: seconds_total,
    }
}

/// `part / whole` as a share, 0 when `whole` is 0.
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn percent(score: f64) -> String {
    format!("{}%", (score * 100.0).round())
}

/// `m:ss`.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The report as the learner reads it.
pub fn render_report(report: &Report, style: Style) -> String {
    let mut out = Vec::new();
    let asked = report.questions.len();
    out.push(style.bold(&format!(
        "Interview {} · {} · {} in {}",
        report.id,
        report.day,
        text::count(asked, "question", "questions"),
        clock(report.seconds)
    )));
    let correct = report
        .questions
        .iter()
        .filter(|q| is_correct(q.grade))
        .count();
    let mut score = format!(
        "Score: {correct} of {asked} main questions correct ({})",
        percent(report.score)
    );
    if let Some(previous) = &report.previous {
        let points = ((report.score - previous.score) * 100.0).round();
        let change = match points {
            p if p > 0.0 => format!("up {p} points"),
            p if p < 0.0 => format!("down {} points", -p),
            _ => "no change".to_string(),
        };
        score.push_str(&format!(
            " — {change} since interview {} ({})",
            previous.id,
            percent(previous.score)
        ));
    }
    out.push(score);
    let followups_right = report
        .questions
        .iter()
        .flat_map(|q| &q.followups)
        .filter(|f| is_correct(f.grade))
        .count();
    out.push(format!(
        "Follow-ups reached: {} ({followups_right} correct)",
        report.followups_reached
    ));
    out.push(String::new());
    let width = report
        .topics
        .iter()
        .map(|t| text::width(&t.topic))
        .max()
        .unwrap_or(5)
        .clamp(5, 40);
    out.push(style.dim(&format!("{}  asked  correct", text::pad("Topic", width))));
    for t in &report.topics {
        out.push(format!(
            "{}  {:>5}  {:>7}",
            text::pad(&text::fit(&t.topic, width), width),
            t.asked,
            t.correct
        ));
    }
    out.push(String::new());
    for q in &report.questions {
        let mark = if is_correct(q.grade) { "✓" } else { "✗" };
        let mut line = format!("{mark} {:<6} {}  {}", q.key, q.grade, clock(q.seconds));
        for f in &q.followups {
            line.push_str(&format!("   {} {}", f.key, f.grade));
        }
        out.push(line);
    }
    out.push(String::new());
    out.push(if report.weakest_topics.is_empty() {
        "Every main question answered correctly.".to_string()
    } else {
        format!("Study next: {}.", report.weakest_topics.join(", "))
    });
    text::finish(out)
}

/// The list of past interviews.
pub fn render_list(interviews: &[InterviewSummary]) -> String {
    if interviews.is_empty() {
        return "No interviews yet. Start one with `recall interview`.\n".to_string();
    }
    let mut out = vec!["  id  day         questions  score".to_string()];
    for i in interviews {
        out.push(format!(
            "{:>4}  {}  {:>9}  {:>5}",
            i.id,
            i.day,
            i.questions,
            percent(i.score)
        ));
    }
    text::finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(v: u8) -> Grade {
        Grade::new(v).unwrap()
    }

    fn answer(review_id: i64, main: Option<i64>, key: &str, topic: &str, grade: u8) -> AnswerFact {
        AnswerFact {
            review_id,
            main_review_id: main,
            key: key.into(),
            topic: topic.into(),
            grade: g(grade),
            taken_ms: Some(review_id as u64 * 10_000),
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    #[test]
    fn score_topics_and_followups_from_the_answers() {
        let answers = [
            answer(1, None, "1", "Python", 5),
            answer(2, Some(1), "1.3", "Python", 4),
            answer(3, Some(1), "1.1", "Python", 2),
            answer(4, None, "38", "DB", 3),
            answer(5, None, "2", "Python", 1),
            answer(6, None, "39", "DB", 4),
        ];
        let previous = InterviewSummary {
            id: 1,
            day: day(),
            questions: 4,
            correct: 1,
            score: 0.25,
        };
        let r = report(2, day(), &answers, Some(previous));
        assert_eq!(r.score, 0.5);
        assert_eq!(r.followups_reached, 2);
        assert_eq!(
            r.topics,
            vec![
                TopicReport {
                    topic: "Python".into(),
                    asked: 2,
                    correct: 1
                },
                TopicReport {
                    topic: "DB".into(),
                    asked: 2,
                    correct: 1
                },
            ]
        );
        assert_eq!(r.weakest_topics, vec!["Python", "DB"]);
        assert_eq!(
            r.questions[0].followups,
            vec![
                FollowupReport {
                    key: "1.3".into(),
                    grade: g(4),
                    seconds: 20
                },
                FollowupReport {
                    key: "1.1".into(),
                    grade: g(2),
                    seconds: 30
                },
            ]
        );
        assert_eq!(r.seconds, 210);
        let text = render_report(&r, Style::plain(80));
        assert!(
            text.contains(
                "Score: 2 of 4 main questions correct (50%) — up 25 points since interview 1 (25%)"
            ),
            "{text}"
        );
        assert!(text.contains("Study next: Python, DB."), "{text}");
    }

    #[test]
    fn a_followup_without_its_main_answer_is_left_out() {
        let r = report(1, day(), &[answer(2, Some(1), "1.1", "Python", 5)], None);
        assert_eq!(
            (r.questions.len(), r.followups_reached, r.score),
            (0, 0, 0.0)
        );
    }
}
