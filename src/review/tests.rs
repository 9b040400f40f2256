//! Session tests: an in-memory backend that grades with the real `CardState::answer`, and a
//! prompter that plays a script of keys and keeps every screen.

use std::collections::VecDeque;

use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDate};

use super::*;
use crate::card::{Card, CardState, ReviewKind};
use crate::deck::CardKind;
use crate::scheduler::{Grade, MasteryRule, Reason, Sm2State};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

const TODAY: u32 = 1;

fn g(v: u8) -> Grade {
    Grade::new(v).unwrap()
}

pub(super) fn main_card(id: i64, key: &str, question: &str) -> Card {
    Card {
        id,
        deck_slug: "python".to_string(),
        deck_title: "Python Backend".to_string(),
        topic: "Основы Python".to_string(),
        key: key.to_string(),
        kind: CardKind::Main,
        parent_key: None,
        parent_question: None,
        parent_progress: None,
        position: id,
        question: question.to_string(),
        body: None,
        answer: None,
        note: None,
        text_changed_at: DateTime::from_timestamp(0, 0).unwrap(),
        retired: false,
        suspended: false,
        unlocked: false,
        state: CardState::default(),
    }
}

pub(super) fn followup(id: i64, parent: &Card, number: u32, question: &str) -> Card {
    Card {
        key: format!("{}.{number}", parent.key),
        kind: CardKind::Followup,
        parent_key: Some(parent.key.clone()),
        parent_question: Some(parent.question.clone()),
        parent_progress: Some(parent.state.progress()),
        ..main_card(id, "", question)
    }
}

/// A card reviewed before: `n` passes in a row, interval `interval_days`, due today.
fn reviewed(mut card: Card, n: u32, interval_days: u32, last: u8) -> Card {
    card.state = CardState {
        sm2: Sm2State {
            repetitions: n,
            interval_days,
            ease_hundredths: 250,
        },
        due: Some(day(TODAY)),
        lapses: 0,
        last_grade: Some(g(last)),
        drill_day: None,
        introduced_on: Some(day(TODAY) - chrono::Days::new(30)),
    };
    card
}

/// Storage in a Vec, with the store's rules: drills, due reviews, then new cards within the
/// allowance; the mastery gate; an undo stack of states.
struct FakeBackend {
    cards: Vec<Card>,
    new_per_day: usize,
    rule: MasteryRule,
    /// (card id, state before, grade) per review, oldest first.
    log: Vec<(i64, CardState, Grade)>,
}

impl FakeBackend {
    fn new(cards: Vec<Card>) -> Self {
        FakeBackend {
            cards,
            new_per_day: 10,
            rule: MasteryRule::default(),
            log: Vec::new(),
        }
    }

    fn today() -> NaiveDate {
        day(TODAY)
    }

    fn index(&self, card_id: i64) -> anyhow::Result<usize> {
        self.cards
            .iter()
            .position(|c| c.id == card_id)
            .with_context(|| format!("no card {card_id}"))
    }

    /// The card with its parent's progress as it is now, as the store would join it.
    fn fresh(&self, i: usize) -> Card {
        let mut card = self.cards[i].clone();
        if let Some(parent) = &card.parent_key {
            card.parent_progress = self
                .cards
                .iter()
                .find(|c| &c.key == parent)
                .map(|c| c.state.progress());
        }
        card
    }

    fn grades(&self) -> Vec<(String, u8)> {
        self.log
            .iter()
            .map(|(id, _, grade)| {
                let key = self.cards.iter().find(|c| c.id == *id).unwrap().key.clone();
                (key, grade.value())
            })
            .collect()
    }

    fn by_key(&self, key: &str) -> &Card {
        self.cards.iter().find(|c| c.key == key).unwrap()
    }
}

impl Backend for FakeBackend {
    fn today(&self) -> NaiveDate {
        FakeBackend::today()
    }

    fn queue(&mut self) -> anyhow::Result<Vec<QueueItem>> {
        let today = FakeBackend::today();
        let live: Vec<Card> = (0..self.cards.len())
            .map(|i| self.fresh(i))
            .filter(|c| !c.suspended && !c.retired && !c.is_locked(&self.rule))
            .collect();
        let introduced_today = live
            .iter()
            .filter(|c| c.state.introduced_on == Some(today))
            .count();
        let tagged = |reason| {
            move |card: &Card| QueueItem {
                card: card.clone(),
                reason,
            }
        };
        let drills = live
            .iter()
            .filter(|c| c.state.drill_day == Some(today))
            .map(tagged(Reason::Drill));
        let reviews = live
            .iter()
            .filter(|c| c.state.drill_day != Some(today) && c.state.is_due(today))
            .map(tagged(Reason::Review));
        let new = live
            .iter()
            .filter(|c| c.state.is_new())
            .take(self.new_per_day.saturating_sub(introduced_today))
            .map(tagged(Reason::New));
        Ok(drills.chain(reviews).chain(new).collect())
    }

    fn card(&mut self, card_id: i64) -> anyhow::Result<Card> {
        Ok(self.fresh(self.index(card_id)?))
    }

    fn grade(&mut self, card_id: i64, grade: Grade, _taken_ms: u64) -> anyhow::Result<Graded> {
        let i = self.index(card_id)?;
        let card = self.fresh(i);
        if card.is_locked(&self.rule) {
            bail!("card {} is locked", card.key);
        }
        let was_mastered = card.is_mastered(&self.rule);
        let before = card.state;
        let (kind, after) = before.answer(grade, FakeBackend::today());
        self.cards[i].state = after;
        self.log.push((card_id, before, grade));
        let unlocked = if card.kind == CardKind::Main
            && !was_mastered
            && self.cards[i].is_mastered(&self.rule)
        {
            self.cards
                .iter()
                .filter(|c| c.parent_key.as_deref() == Some(&card.key) && c.state.is_new())
                .map(|c| c.key.clone())
                .collect()
        } else {
            Vec::new()
        };
        Ok(Graded {
            kind,
            after,
            unlocked,
        })
    }

    fn undo(&mut self) -> anyhow::Result<Option<i64>> {
        let Some((card_id, before, _)) = self.log.pop() else {
            return Ok(None);
        };
        let i = self.index(card_id)?;
        self.cards[i].state = before;
        Ok(Some(card_id))
    }

    fn suspend(&mut self, card_id: i64) -> anyhow::Result<()> {
        let i = self.index(card_id)?;
        self.cards[i].suspended = true;
        Ok(())
    }

    fn set_note(&mut self, card_id: i64, note: Option<String>) -> anyhow::Result<()> {
        let i = self.index(card_id)?;
        self.cards[i].note = note;
        Ok(())
    }

    fn outlook(&mut self) -> anyhow::Result<Outlook> {
        let today = FakeBackend::today();
        let tomorrow = today.succ_opt().context("end of time")?;
        let live = || self.cards.iter().filter(|c| !c.suspended && !c.retired);
        Ok(Outlook {
            due_tomorrow: live()
                .filter(|c| c.state.due.is_some_and(|d| d <= tomorrow))
                .count(),
            next_due: live()
                .filter_map(|c| c.state.due)
                .filter(|d| *d > today)
                .min(),
            cards: live().count(),
        })
    }
}

/// Plays a script: each character one key (`.` for Enter, else as typed), then the end of
/// input. Keeps every screen and message.
#[derive(Default)]
struct Scripted {
    keys: VecDeque<Action>,
    notes: VecDeque<Option<String>>,
    screens: Vec<(Side, String)>,
    messages: Vec<String>,
}

impl Scripted {
    fn new(script: &str) -> Self {
        Scripted {
            keys: script
                .chars()
                .map(|c| match c {
                    '.' => Action::Reveal,
                    c => Action::from_char(c).unwrap(),
                })
                .collect(),
            ..Scripted::default()
        }
    }

    fn with_note(mut self, note: Option<&str>) -> Self {
        self.notes.push_back(note.map(str::to_string));
        self
    }

    /// The second line of each screen (`Question 1 · new`) with its side, in order.
    fn trail(&self) -> Vec<String> {
        self.screens
            .iter()
            .map(|(side, text)| {
                let what = text.lines().nth(1).unwrap_or("");
                let side = if *side == Side::Front {
                    "front"
                } else {
                    "back"
                };
                format!("{side} {what}")
            })
            .collect()
    }

    fn positions(&self) -> Vec<String> {
        self.screens
            .iter()
            .filter(|(side, _)| *side == Side::Front)
            .map(|(_, text)| {
                let first = text.lines().next().unwrap_or("");
                first.rsplit(' ').next().unwrap_or("").to_string()
            })
            .collect()
    }
}

impl Prompter for Scripted {
    fn show(&mut self, side: Side, screen: &str) -> anyhow::Result<()> {
        self.screens.push((side, screen.to_string()));
        Ok(())
    }

    fn read_action(&mut self) -> anyhow::Result<Option<Action>> {
        Ok(self.keys.pop_front())
    }

    fn edit_note(&mut self, _current: Option<&str>) -> anyhow::Result<Option<String>> {
        Ok(self.notes.pop_front().flatten())
    }

    fn message(&mut self, text: &str) -> anyhow::Result<()> {
        self.messages.push(text.to_string());
        Ok(())
    }
}

fn options() -> Options {
    Options {
        limit: None,
        style: Style::plain(80),
    }
}

fn three_new() -> Vec<Card> {
    vec![
        main_card(1, "1", "List, tuple, set?"),
        main_card(2, "2", "What is the GIL?"),
        main_card(3, "3", "How does the garbage collector work?"),
    ]
}

fn grades_of(list: &[(&str, u8)]) -> Vec<(String, u8)> {
    list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn grades_are_recorded_in_order_and_counted() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new());
    let mut prompter = Scripted::new(".4.5.3.4");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert_eq!(
        backend.grades(),
        grades_of(&[("1", 4), ("2", 5), ("3", 3), ("3", 4)])
    );
    assert_eq!(
        prompter.trail(),
        vec![
            "front Question 1 · new",
            "back Question 1 · new",
            "front Question 2 · new",
            "back Question 2 · new",
            "front Question 3 · new",
            "back Question 3 · new",
            "front Question 3 · drill",
            "back Question 3 · drill",
        ]
    );
    assert_eq!(summary.cards, 3);
    assert_eq!(summary.reviews, 4);
    assert_eq!(summary.grades, [0, 0, 0, 1, 2, 1]);
    assert_eq!(summary.drill_reviews, 1);
    assert_eq!(summary.left, 0);
    assert_eq!(summary.due_tomorrow, 3);
    Ok(())
}

#[test]
fn a_grade_on_the_front_is_taken_as_it_is() -> anyhow::Result<()> {
    // Scripts send one line per card: a grade digit without revealing first.
    let mut backend = FakeBackend::new(three_new());
    let mut prompter = Scripted::new("45");
    run(&mut backend, &mut prompter, &options())?;

    assert_eq!(backend.grades(), grades_of(&[("1", 4), ("2", 5)]));
    assert!(prompter.messages.is_empty());
    Ok(())
}

#[test]
fn undo_restores_the_card_and_shows_it_again() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new());
    let mut prompter = Scripted::new(".2u.5");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert_eq!(backend.grades(), grades_of(&[("1", 5)]));
    assert_eq!(
        backend.by_key("1").state,
        CardState::default().answer(g(5), day(TODAY)).1
    );
    assert_eq!(
        prompter.trail(),
        vec![
            "front Question 1 · new",
            "back Question 1 · new",
            "front Question 2 · new",
            "front Question 1 · new",
            "back Question 1 · new",
            "front Question 2 · new",
        ]
    );
    // The drill the 2 had appended went with it: three cards, not four.
    assert_eq!(prompter.positions(), vec!["1/3", "2/4", "1/3", "2/3"]);
    assert_eq!(prompter.messages, vec!["Took back grade 2 of 1."]);
    assert_eq!(
        (summary.reviews, summary.grades[2], summary.grades[5]),
        (1, 0, 1)
    );
    assert_eq!(summary.left, 2);
    Ok(())
}

#[test]
fn undo_with_nothing_graded_in_the_session_says_so() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new());
    let mut prompter = Scripted::new("u");
    run(&mut backend, &mut prompter, &options())?;

    assert_eq!(prompter.messages, vec!["Nothing to undo in this session."]);
    assert!(backend.log.is_empty());
    Ok(())
}

#[test]
fn suspend_puts_the_card_aside_and_moves_on() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new());
    let mut prompter = Scripted::new("s.4");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert!(backend.by_key("1").suspended);
    assert_eq!(backend.grades(), grades_of(&[("2", 4)]));
    assert_eq!(summary.suspended, 1);
    assert_eq!(prompter.messages, vec!["Suspended 1."]);
    let text = render_summary(&summary, Style::plain(80));
    assert!(text.contains("\nSuspended 1 card.\n"), "{text}");
    Ok(())
}

#[test]
fn a_card_in_drill_can_be_suspended() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new()[..1].to_vec());
    let mut prompter = Scripted::new(".1s");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert_eq!(prompter.positions(), vec!["1/1", "2/2"]);
    assert_eq!(summary.left, 0);
    Ok(())
}

#[test]
fn a_note_is_saved_and_shown_on_later_reveals() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new()[..1].to_vec());
    let mut prompter = Scripted::new("n.2.5").with_note(Some("  tuple is hashable  "));
    run(&mut backend, &mut prompter, &options())?;

    assert_eq!(
        backend.by_key("1").note.as_deref(),
        Some("tuple is hashable")
    );
    let backs: Vec<&String> = prompter
        .screens
        .iter()
        .filter(|(side, _)| *side == Side::Back)
        .map(|(_, text)| text)
        .collect();
    assert_eq!(backs.len(), 2);
    for back in backs {
        assert!(back.contains("── Your note ─"), "{back}");
        assert!(back.contains("\ntuple is hashable\n"), "{back}");
    }
    assert_eq!(prompter.messages, vec!["Note saved."]);
    Ok(())
}

#[test]
fn an_empty_note_removes_it_and_a_cancelled_edit_keeps_it() -> anyhow::Result<()> {
    let mut cards = three_new();
    cards[0].note = Some("old".to_string());
    let mut backend = FakeBackend::new(cards);
    let mut prompter = Scripted::new("nn").with_note(None).with_note(Some(" "));
    run(&mut backend, &mut prompter, &options())?;

    assert_eq!(backend.by_key("1").note, None);
    assert_eq!(prompter.messages, vec!["Note removed."]);
    Ok(())
}

#[test]
fn quitting_keeps_earlier_grades_and_counts_them() -> anyhow::Result<()> {
    let mut cards = three_new();
    cards.push(main_card(4, "4", "Deep and shallow copy?"));
    let mut backend = FakeBackend::new(cards);
    let mut prompter = Scripted::new(".4.5.q.3");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert_eq!(backend.grades(), grades_of(&[("1", 4), ("2", 5)]));
    assert_eq!(summary.cards, 2);
    assert_eq!(summary.grades, [0, 0, 0, 0, 1, 1]);
    assert_eq!(summary.left, 2);
    let text = render_summary(&summary, Style::plain(80));
    assert!(
        text.contains("Stopped early: 2 cards left for today."),
        "{text}"
    );
    Ok(())
}

#[test]
fn drills_come_back_at_the_end_until_a_four() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new()[..2].to_vec());
    let mut prompter = Scripted::new(".2.4.3.4.5");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert_eq!(
        backend.grades(),
        grades_of(&[("1", 2), ("2", 4), ("1", 3), ("1", 4)])
    );
    assert_eq!(prompter.positions(), vec!["1/2", "2/3", "3/3", "4/4"]);
    let kinds: Vec<ReviewKind> = backend
        .log
        .iter()
        .map(|(_, before, grade)| before.answer(*grade, day(TODAY)).0)
        .collect();
    assert_eq!(
        kinds,
        vec![
            ReviewKind::Schedule,
            ReviewKind::Schedule,
            ReviewKind::Drill,
            ReviewKind::Drill
        ]
    );
    assert_eq!(backend.by_key("1").state.drill_day, None);
    assert_eq!(
        (summary.cards, summary.reviews, summary.drill_reviews),
        (2, 4, 2)
    );
    assert_eq!(summary.left, 0);
    // The session was over before the last two keys.
    assert_eq!(prompter.keys.len(), 2);
    Ok(())
}

#[test]
fn the_back_of_a_drill_says_how_it_ends() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new()[..1].to_vec());
    let mut prompter = Scripted::new(".1.");
    run(&mut backend, &mut prompter, &options())?;

    let (_, last) = prompter.screens.last().unwrap();
    assert!(last.contains("Drill: 4 or 5 ends it"), "{last}");
    assert!(!last.contains(" d\n"), "{last}");
    Ok(())
}

#[test]
fn limit_takes_only_the_first_cards() -> anyhow::Result<()> {
    let mut cards = three_new();
    cards.push(main_card(4, "4", "Deep and shallow copy?"));
    let mut backend = FakeBackend::new(cards);
    let mut prompter = Scripted::new(".4.4.4");
    let summary = run(
        &mut backend,
        &mut prompter,
        &Options {
            limit: Some(2),
            ..options()
        },
    )?;

    assert_eq!(backend.grades(), grades_of(&[("1", 4), ("2", 4)]));
    assert_eq!(prompter.positions(), vec!["1/2", "2/2"]);
    assert_eq!((summary.started_with, summary.left), (2, 0));
    Ok(())
}

/// Main question 1 one pass short of mastery, due today, with five locked follow-ups.
fn almost_mastered() -> Vec<Card> {
    let parent = reviewed(
        main_card(1, "1", "Объясните разницу между list, tuple и set в Python"),
        2,
        6,
        4,
    );
    let mut cards = vec![parent.clone()];
    for n in 1..=5 {
        cards.push(followup(
            10 + i64::from(n),
            &parent,
            n,
            &format!("Follow-up number {n}"),
        ));
    }
    cards
}

#[test]
fn mastering_a_question_brings_its_follow_ups_into_the_session() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(almost_mastered());
    backend.new_per_day = 3;
    let mut prompter = Scripted::new(".4.5");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert_eq!(backend.grades(), grades_of(&[("1", 4), ("1.1", 5)]));
    assert_eq!(prompter.positions(), vec!["1/1", "2/4", "3/4"]);
    let (_, front) = &prompter.screens[2];
    assert!(
        front.contains("Main question 1: Объясните разницу между list, tuple и set в Python"),
        "{front}"
    );
    assert_eq!(
        summary.unlocked,
        vec![Unlocked {
            deck: "python".to_string(),
            parent: "1".to_string(),
            followups: ["1.1", "1.2", "1.3", "1.4", "1.5"]
                .map(String::from)
                .to_vec(),
        }]
    );
    let text = render_summary(&summary, Style::plain(80));
    assert!(
        text.contains("Unlocked 5 follow-ups of question 1."),
        "{text}"
    );
    Ok(())
}

#[test]
fn undoing_the_mastering_grade_takes_the_follow_ups_out_again() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(almost_mastered());
    let mut prompter = Scripted::new(".4u");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert!(backend.log.is_empty());
    assert_eq!(prompter.positions(), vec!["1/1", "2/6", "1/1"]);
    assert!(summary.unlocked.is_empty());
    Ok(())
}

#[test]
fn nothing_due_shows_no_screen_and_says_when_next() -> anyhow::Result<()> {
    let mut card = reviewed(main_card(1, "1", "Q"), 2, 6, 4);
    card.state.due = Some(day(TODAY + 3));
    let mut backend = FakeBackend::new(vec![card]);
    let mut prompter = Scripted::new(".4");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert!(prompter.screens.is_empty());
    assert_eq!(
        render_summary(&summary, Style::plain(80)),
        "Nothing due today. Next review on 2026-03-04 (in 3 days).\n"
    );
    Ok(())
}

#[test]
fn no_cards_at_all_says_so() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(Vec::new());
    let mut prompter = Scripted::new("");
    let summary = run(&mut backend, &mut prompter, &options())?;

    assert_eq!(
        render_summary(&summary, Style::plain(80)),
        "No cards yet. Add a deck with `recall import FILE`.\n"
    );
    Ok(())
}

#[test]
fn the_summary_reads_well() -> anyhow::Result<()> {
    let mut backend = FakeBackend::new(three_new());
    let mut prompter = Scripted::new(".4.5.2.4");
    let summary = run(&mut backend, &mut prompter, &options())?;

    insta::assert_snapshot!(render_summary(&summary, Style::plain(80)));
    Ok(())
}

fn plain_session(cards: Vec<Card>, input: &str) -> anyhow::Result<(FakeBackend, String)> {
    let mut backend = FakeBackend::new(cards);
    let mut prompter = PlainPrompter::new(input.as_bytes(), Vec::new());
    run(&mut backend, &mut prompter, &options())?;
    let output = String::from_utf8(prompter.into_output())?;
    Ok((backend, output))
}

#[test]
fn plain_lines_ask_again_after_nonsense() -> anyhow::Result<()> {
    let (backend, output) = plain_session(three_new(), "x\n\n7\nfour\n4\n")?;

    assert_eq!(backend.grades(), grades_of(&[("1", 4)]));
    assert_eq!(output.matches("Type 0-5 to grade").count(), 3, "{output}");
    Ok(())
}

#[test]
fn plain_lines_end_cleanly_at_the_end_of_input() -> anyhow::Result<()> {
    let (backend, output) = plain_session(three_new(), "\n4\n\n")?;

    assert_eq!(backend.grades(), grades_of(&[("1", 4)]));
    // The back of card 2 was shown, then input ended mid-card.
    assert!(output.contains("Question 2 · new"), "{output}");
    assert!(output.ends_with("> \n"), "{output:?}");
    Ok(())
}

#[test]
fn plain_lines_take_letters_and_notes() -> anyhow::Result<()> {
    let (backend, output) = plain_session(three_new(), "n\nmy note\n?\ns\nq\n")?;

    assert_eq!(backend.by_key("1").note.as_deref(), Some("my note"));
    assert!(backend.by_key("1").suspended);
    assert!(output.contains("Keys:"), "{output}");
    assert!(backend.log.is_empty());
    Ok(())
}

#[test]
fn plain_line_parsing() {
    use super::plain::parse_line;
    let cases = [
        ("", Some(Action::Reveal)),
        ("  ", Some(Action::Reveal)),
        ("4", Some(Action::Grade(g(4)))),
        (" 0 ", Some(Action::Grade(g(0)))),
        ("u", Some(Action::Undo)),
        ("Q", Some(Action::Quit)),
        ("?", Some(Action::Help)),
        ("6", None),
        ("44", None),
        ("quit", None),
        ("ы", None),
    ];
    for (line, expected) in cases {
        assert_eq!(parse_line(line), expected, "{line:?}");
    }
}

#[test]
fn terminal_keys_map_to_actions() {
    use super::terminal::action_of;
    use console::Key;
    assert_eq!(action_of(&Key::Enter), Some(Action::Reveal));
    assert_eq!(action_of(&Key::Char(' ')), Some(Action::Reveal));
    assert_eq!(action_of(&Key::Char('5')), Some(Action::Grade(g(5))));
    assert_eq!(action_of(&Key::Escape), Some(Action::Quit));
    assert_eq!(action_of(&Key::CtrlC), Some(Action::Quit));
    assert_eq!(action_of(&Key::Char('9')), None);
    assert_eq!(action_of(&Key::ArrowUp), None);
}
