//! The interview loop: each chosen main question like a review card, then, only after a
//! correct answer, up to K of its follow-ups, until the questions or the time run out.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::card::Card;
use crate::markdown;
use crate::review::{Action, Prompter, Side, Style, note_said};
use crate::scheduler::{Clock, Grade};
use crate::store::{Change, LogFacts, Store};
use crate::study::{self, Refusal};
use crate::text;

use super::plan::{Candidate, choose_followups};

/// What choosing questions needs to know of a card: its state and its log.
pub fn candidate(
    card: &Card,
    facts: LogFacts,
    topic: usize,
    position: usize,
    in_last_interview: bool,
) -> Candidate {
    Candidate {
        card_id: card.id,
        topic,
        position: position as i64,
        ease_hundredths: card.state.sm2.ease_hundredths,
        lapses: card.state.lapses,
        recent_lapses: facts.recent_lapses,
        introduced: !card.state.is_new(),
        interviewed: facts.interviewed > 0,
        failed_last_interview: facts.failed_last_interview,
        in_last_interview,
        last_reviewed: facts.last_reviewed,
    }
}
use super::report::{clock, is_correct};

/// The interview's own clock, passed in so tests can run time forward.
pub trait Timer {
    /// Time since the interview began.
    fn elapsed(&self) -> Duration;
}

/// Wall time since it was made.
pub struct RealTimer(Instant);

impl RealTimer {
    pub fn start() -> RealTimer {
        RealTimer(Instant::now())
    }
}

impl Timer for RealTimer {
    fn elapsed(&self) -> Duration {
        self.0.elapsed()
    }
}

/// How to run an interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Follow-ups asked at most after a correct main answer.
    pub followups: usize,
    /// `--minutes`: no question is started once it is spent.
    pub budget: Option<Duration>,
    pub style: Style,
    /// Said under the first question (a new database made, say).
    pub notice: Option<String>,
}

/// How an interview ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    /// Answers recorded, follow-ups included.
    pub answers: usize,
    /// The time budget ran out before the questions did.
    pub out_of_time: bool,
    /// The learner quit (or input ended) before the last question.
    pub quit: bool,
}

/// What became of one question.
enum Asked {
    Graded {
        grade: Grade,
        review_id: i64,
    },
    /// Moved or suspended elsewhere meanwhile: nothing written, go on.
    Skipped,
    Quit,
}

struct Session<'a, P: ?Sized, T: ?Sized> {
    store: &'a mut Store,
    clock: &'a Clock,
    interview_id: i64,
    prompter: &'a mut P,
    timer: &'a T,
    options: Options,
    log: &'a HashMap<i64, LogFacts>,
    /// Main questions planned.
    total: usize,
    pending: Option<String>,
}

const KEYS: &str =
    "Enter show answer · 0-5 grade (4-5 correct) · s suspend · n note · q end · ? keys";
/// The keys once the answer shows: Enter has nothing more to show.
const KEYS_BACK: &str = "0-5 grade (4-5 correct) · s suspend · n note · q end · ? keys";

const HELP: &str = "Keys:
  Enter, space  show the reference answer
  0-5           grade your answer (4 or 5 is correct: the interviewer goes deeper)
  s             suspend this card and go on to the next question
  n             write a note on this card (shown with the reference answer)
  q, Esc        end the interview; every answer given is kept
  ?             this list";

/// Asks the main questions `plan` (card ids, in order) in interview `interview_id`, each
/// answer committed before the next question. `log` holds what the review log said of each
/// card when the interview began (for choosing follow-ups).
#[allow(clippy::too_many_arguments)]
pub fn run<P, T>(
    store: &mut Store,
    clock: &Clock,
    interview_id: i64,
    plan: &[i64],
    log: &HashMap<i64, LogFacts>,
    prompter: &mut P,
    timer: &T,
    options: Options,
) -> anyhow::Result<Ended>
where
    P: Prompter + ?Sized,
    T: Timer + ?Sized,
{
    // An interview is timed: its clock moves while the candidate thinks.
    prompter.tick_every_second();
    let mut session = Session {
        pending: options.notice.clone(),
        store,
        clock,
        interview_id,
        prompter,
        timer,
        options,
        log,
        total: plan.len(),
    };
    session.interview(plan)
}

impl<P, T> Session<'_, P, T>
where
    P: Prompter + ?Sized,
    T: Timer + ?Sized,
{
    fn out_of_time(&self) -> bool {
        self.options
            .budget
            .is_some_and(|budget| self.timer.elapsed() >= budget)
    }

    fn interview(&mut self, plan: &[i64]) -> anyhow::Result<Ended> {
        let mut ended = Ended {
            answers: 0,
            out_of_time: false,
            quit: false,
        };
        'questions: for (index, &card_id) in plan.iter().enumerate() {
            if self.out_of_time() {
                ended.out_of_time = true;
                break;
            }
            let Some(card) = self
                .store
                .card(card_id)?
                .filter(|c| !c.suspended && !c.retired)
            else {
                continue;
            };
            let place = format!("question {}/{}", index + 1, self.total);
            let (grade, main_review) = match self.ask(&card, &place, None)? {
                Asked::Graded { grade, review_id } => (grade, review_id),
                Asked::Skipped => continue,
                Asked::Quit => {
                    ended.quit = true;
                    break;
                }
            };
            ended.answers += 1;
            if !is_correct(grade) {
                continue;
            }
            for (n, followup) in self.followups(&card)?.iter().enumerate() {
                if self.out_of_time() {
                    ended.out_of_time = true;
                    break 'questions;
                }
                let place = format!(
                    "question {}/{} · follow-up {}",
                    index + 1,
                    self.total,
                    n + 1
                );
                match self.ask(followup, &place, Some(main_review))? {
                    Asked::Graded { grade, .. } => {
                        ended.answers += 1;
                        if !is_correct(grade) {
                            break;
                        }
                    }
                    Asked::Skipped => {}
                    Asked::Quit => {
                        ended.quit = true;
                        break 'questions;
                    }
                }
            }
        }
        Ok(ended)
    }

    /// The follow-ups of `main` to ask, least known first; the mastery gate does not apply.
    fn followups(&self, main: &Card) -> anyhow::Result<Vec<Card>> {
        let mut cards: Vec<Card> = self
            .store
            .followups(main.id)?
            .into_iter()
            .filter(|c| !c.suspended)
            .collect();
        let candidates: Vec<Candidate> = cards
            .iter()
            .enumerate()
            .map(|(position, c)| {
                let facts = self.log.get(&c.id).copied().unwrap_or_default();
                candidate(c, facts, 0, position, false)
            })
            .collect();
        let order = choose_followups(&candidates, self.options.followups);
        Ok(order
            .into_iter()
            .filter_map(|id| {
                let at = cards.iter().position(|c| c.id == id)?;
                Some(cards.swap_remove(at))
            })
            .collect())
    }

    /// The card's screen as of now, its clock included.
    fn screen(&mut self, card: &Card, place: &str, side: Side) -> String {
        let elapsed = self.timer.elapsed().as_secs();
        let time = match self.options.budget {
            Some(budget) => format!("{} of {}", clock(elapsed), clock(budget.as_secs())),
            None => clock(elapsed),
        };
        if let Some(columns) = self.prompter.columns() {
            self.options.style.width = columns;
        }
        render_card(card, place, &time, side, self.options.style)
    }

    fn draw(&mut self, card: &Card, place: &str, side: Side) -> anyhow::Result<()> {
        let screen = self.screen(card, place, side);
        self.prompter.show(side, &screen)?;
        if let Some(message) = self.pending.take() {
            self.prompter.message(&message)?;
        }
        Ok(())
    }

    fn ask(&mut self, card: &Card, place: &str, main: Option<i64>) -> anyhow::Result<Asked> {
        // A note written here is shown at once; the card is copied only then.
        let mut card = Cow::Borrowed(card);
        let started = self.timer.elapsed();
        let mut side = Side::Front;
        self.draw(&card, place, side)?;
        loop {
            let Some(action) = self.prompter.read_action()? else {
                return Ok(Asked::Quit);
            };
            match action {
                Action::Reveal => {
                    if side == Side::Front {
                        side = Side::Back;
                        self.draw(&card, place, side)?;
                    }
                }
                Action::Grade(grade) => {
                    let taken = self.timer.elapsed().saturating_sub(started);
                    let taken_ms = u64::try_from(taken.as_millis()).unwrap_or(u64::MAX);
                    let answered = super::answer(
                        self.store,
                        self.clock,
                        self.interview_id,
                        main,
                        &card,
                        grade,
                        taken_ms,
                    );
                    return match answered {
                        Ok(review_id) => {
                            let verdict = if is_correct(grade) {
                                "correct"
                            } else {
                                "not yet"
                            };
                            self.pending = Some(format!(
                                "{} graded {grade} ({verdict}) in {}.",
                                card.key,
                                clock(taken.as_secs())
                            ));
                            Ok(Asked::Graded { grade, review_id })
                        }
                        Err(err) => match err.downcast::<Refusal>() {
                            Ok(refusal) => {
                                self.pending = Some(format!("{refusal}."));
                                Ok(Asked::Skipped)
                            }
                            Err(err) => Err(err),
                        },
                    };
                }
                Action::Quit => return Ok(Asked::Quit),
                Action::Help => self.prompter.message(HELP)?,
                Action::Redraw => self.draw(&card, place, side)?,
                // The clock moves on the header line alone: a message under the card stays.
                Action::Tick => {
                    let screen = self.screen(&card, place, side);
                    self.prompter
                        .retitle(screen.lines().next().unwrap_or_default())?;
                }
                Action::Suspend => {
                    study::change(self.store, self.clock, &card, Change::Suspend)?;
                    self.pending = Some(format!("Suspended {}.", card.key));
                    return Ok(Asked::Skipped);
                }
                Action::Note => {
                    if let Some(text) = self.prompter.edit_note(card.note.as_deref())? {
                        let kept = study::set_note(self.store, self.clock, card.id, Some(&text))?;
                        self.pending = Some(note_said(kept.as_deref()).to_string());
                        card.to_mut().note = kept;
                    }
                    self.draw(&card, place, side)?;
                }
                // As in a real interview, an answer given stays given.
                Action::Undo => self
                    .prompter
                    .message("An interview answer cannot be taken back; the next one counts.")?,
            }
        }
    }
}

/// One question of the interview on screen: where it stands and the time, the question (a
/// follow-up with its main question as context), and on the back the reference answer.
pub fn render_card(card: &Card, place: &str, time: &str, side: Side, style: Style) -> String {
    let width = style.columns();
    let mut out = Vec::new();
    let head = format!("Interview · {place}");
    let gap = " ".repeat(
        width
            .saturating_sub(text::width(&head) + text::width(time))
            .max(1),
    );
    out.push(format!("{}{gap}{}", style.bold(&head), style.accent(time)));
    out.push(text::fit(
        &format!("{} › {} · {}", card.deck_title, card.topic, card.key),
        width,
    ));
    out.push(style.dim(&"─".repeat(width)));
    if let (Some(key), Some(parent)) = (&card.parent_key, &card.parent_question) {
        let context = format!("Main question {key}: {parent}");
        out.extend(markdown::render_context(&context, width, style));
        out.push(String::new());
    }
    out.extend(markdown::render_question(&card.question, width, style));
    if let Some(body) = card.body.as_deref().filter(|b| !b.trim().is_empty()) {
        out.push(String::new());
        out.extend(markdown::render(body, width, style));
    }
    if side == Side::Back {
        out.push(style.dim(&format!(
            "── Reference answer {}",
            "─".repeat(width.saturating_sub(20))
        )));
        match card.answer.as_deref().filter(|a| !a.trim().is_empty()) {
            Some(answer) => out.extend(markdown::render(answer, width, style)),
            None => out.push(style.dim("No reference answer in the deck.")),
        }
        if let Some(note) = card.note.as_deref().filter(|n| !n.trim().is_empty()) {
            out.push(style.dim("── Your note"));
            out.extend(markdown::render(note, width, style));
        }
    }
    out.push(style.dim(&"─".repeat(width)));
    let keys = if side == Side::Back { KEYS_BACK } else { KEYS };
    out.push(style.dim(&text::fit(keys, width)));
    text::finish(out)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::review::PlainPrompter;
    use crate::scheduler::parse_now;
    use crate::store::{DeckSource, NewInterview};

    /// Each look at the clock moves it a minute on.
    struct Minutes(Cell<u64>);

    impl Timer for Minutes {
        fn elapsed(&self) -> Duration {
            let now = self.0.get();
            self.0.set(now + 60);
            Duration::from_secs(now)
        }
    }

    const DECK: &str = "# T\n\n## A\n\n### 1. One?\n**Углубляющие вопросы:**\n1. One one?\n2. One two?\n3. One three?\n\n### 2. Two?\n**Углубляющие вопросы:**\n1. Two one?\n\n### 3. Three?\n";

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let (deck, _) = crate::deck::parse_deck("t.md", "t", DECK.as_bytes()).unwrap();
        let now = parse_now("2026-03-01").unwrap();
        store
            .import(
                &[DeckSource {
                    deck,
                    source: "t.md".into(),
                    fingerprint: None,
                    answer_file: false,
                }],
                now.into(),
                false,
            )
            .unwrap();
        store
    }

    fn interview(input: &str, budget: Option<u64>) -> (Ended, Vec<(String, u8)>, String) {
        interview_in(&mut store(), input, budget)
    }

    /// Runs an interview over main questions 1, 2 and 3 of `store` with `input` typed.
    fn interview_in(
        store: &mut Store,
        input: &str,
        budget: Option<u64>,
    ) -> (Ended, Vec<(String, u8)>, String) {
        let clock = Clock::new(parse_now("2026-03-01").unwrap(), 4);
        let id = store
            .begin_interview(&NewInterview {
                started_at: clock.now.into(),
                day: clock.today,
                planned: 3,
                followups: 2,
                minutes: None,
            })
            .unwrap();
        let plan: Vec<i64> = ["1", "2", "3"]
            .iter()
            .map(|k| store.cards_with_key(k, None).unwrap()[0].id)
            .collect();
        let mut prompter = PlainPrompter::new(input.as_bytes(), Vec::new());
        let options = Options {
            followups: 2,
            budget: budget.map(|m| Duration::from_secs(m * 60)),
            style: Style::plain(80),
            notice: None,
        };
        let ended = run(
            store,
            &clock,
            id,
            &plan,
            &HashMap::new(),
            &mut prompter,
            &Minutes(Cell::new(0)),
            options,
        )
        .unwrap();
        let asked = store
            .interview_answers(id)
            .unwrap()
            .into_iter()
            .map(|a| (a.key, a.grade.value()))
            .collect();
        let screen = String::from_utf8(prompter.into_output()).unwrap();
        (ended, asked, screen)
    }

    fn asked(pairs: &[(&str, u8)]) -> Vec<(String, u8)> {
        pairs.iter().map(|(k, g)| (k.to_string(), *g)).collect()
    }

    #[test]
    fn a_card_suspended_in_an_interview_is_passed_over_and_stays_suspended() {
        let mut store = store();
        // 1 is correct; its first follow-up is suspended, the second asked; then 2 and 2.1.
        let (ended, got, screen) = interview_in(&mut store, "\n5\ns\n\n4\n\n4\n\n4\n", None);
        assert_eq!(got, asked(&[("1", 5), ("1.2", 4), ("2", 4), ("2.1", 4)]));
        assert!(screen.contains("Suspended 1.1."), "{screen}");
        assert_eq!(ended.answers, 4);
        let suspended = &store.cards_with_key("1.1", None).unwrap()[0];
        assert!(suspended.suspended);
    }

    #[test]
    fn a_note_written_in_an_interview_is_kept_and_shown_at_once() {
        let mut store = store();
        let (_, got, screen) = interview_in(&mut store, "\nn\nsee the GIL\n2\nq\n", None);
        assert_eq!(got, asked(&[("1", 2)]));
        assert!(screen.contains("Note saved."), "{screen}");
        let redrawn = screen.split("Note saved.").next().unwrap();
        assert!(redrawn.contains("── Your note\nsee the GIL"), "{screen}");
        let card = &store.cards_with_key("1", None).unwrap()[0];
        assert_eq!(card.note.as_deref(), Some("see the GIL"));
    }

    #[test]
    fn the_answer_side_offers_no_key_to_show_the_answer() {
        let (_, _, screen) = interview("\nq\n", None);
        let (front, back) = screen.split_once("── Reference answer").unwrap();
        assert!(front.contains("Enter show answer"), "{screen}");
        assert!(!back.contains("Enter show answer"), "{screen}");
        assert!(back.contains("0-5 grade (4-5 correct)"), "{screen}");
    }

    #[test]
    fn an_interview_answer_cannot_be_taken_back() {
        let (_, got, screen) = interview("\n2\nu\nq\n", None);
        assert_eq!(got, asked(&[("1", 2)]));
        assert!(screen.contains("cannot be taken back"), "{screen}");
    }

    #[test]
    fn followups_only_after_a_correct_answer_and_until_a_wrong_one() {
        let (ended, got, _) = interview("\n5\n4\n2\n3\n\n4\n", None);
        assert_eq!(
            got,
            asked(&[("1", 5), ("1.1", 4), ("1.2", 2), ("2", 3), ("3", 4)])
        );
        assert_eq!(
            (ended.answers, ended.out_of_time, ended.quit),
            (5, false, false)
        );
    }

    #[test]
    fn the_budget_ends_the_interview_between_questions() {
        // The fake clock moves a minute at each look: the third question starts too late.
        let (ended, got, screen) = interview("5\n5\n5\n5\n5\n", Some(8));
        assert!(ended.out_of_time);
        assert!(got.len() < 5, "{got:?}");
        assert!(screen.contains(" of 8:00"), "{screen}");
    }

    #[test]
    fn quitting_keeps_what_was_answered() {
        let (ended, got, _) = interview("4\nq\n", None);
        assert_eq!(got, asked(&[("1", 4)]));
        assert!(ended.quit);
    }
}
