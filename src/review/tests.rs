//! Session tests: the real store in memory, answered through the same use case as
//! `recall grade`; only the keyboard is played by a script.

use std::collections::VecDeque;

use chrono::{DateTime, Days, NaiveDate};

use super::*;
use crate::card::Card;
use crate::deck::{CardKind, parse_deck};
use crate::scheduler::{Clock, Grade, ReviewKind, parse_now};
use crate::settings::Settings;
use crate::store::{CardFilter, DeckSource, Store};
use crate::study::{self, Desk};

const TODAY: &str = "2026-03-10";

fn g(v: u8) -> Grade {
    Grade::new(v).unwrap()
}

/// A card as the render tests draw it; not stored anywhere.
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
        question: question.to_string(),
        body: None,
        answer: None,
        note: None,
        text_changed_at: DateTime::from_timestamp(0, 0).unwrap(),
        retired: false,
        suspended: false,
        unlocked: false,
        state: crate::scheduler::CardState::default(),
        level: None,
    }
}

/// A follow-up of `parent`, for the render tests.
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

const QUESTIONS: [&str; 4] = [
    "List, tuple, set?",
    "What is the GIL?",
    "How does the garbage collector work?",
    "Deep and shallow copy?",
];

/// A deck of `mains` main questions without follow-ups.
fn plain_deck(mains: usize) -> String {
    let mut md = String::from("# Python Backend\n\n## Основы Python\n\n");
    for (i, q) in QUESTIONS.iter().take(mains).enumerate() {
        md.push_str(&format!("### {}. {q}\n\n", i + 1));
    }
    md
}

/// Main question 1 with five follow-ups.
fn deck_with_followups() -> String {
    let mut md = String::from(
        "# Python Backend\n\n## Основы Python\n\n### 1. Объясните разницу между list, tuple и set в Python\n**Углубляющие вопросы:**\n",
    );
    for n in 1..=5 {
        md.push_str(&format!("{n}. Follow-up number {n}\n"));
    }
    md
}

/// A database in memory with one imported deck, the learner's settings and a clock.
struct Bench {
    store: Store,
    settings: Settings,
    clock: Clock,
}

impl Bench {
    fn new(markdown: &str) -> Bench {
        Bench::with_store(Store::open_in_memory().unwrap(), markdown)
    }

    /// A database with no deck at all.
    fn empty() -> Bench {
        Bench {
            store: Store::open_in_memory().unwrap(),
            settings: Settings::default(),
            clock: Clock::new(parse_now(TODAY).unwrap(), 4),
        }
    }

    fn with_store(mut store: Store, markdown: &str) -> Bench {
        let (deck, _) = parse_deck("python.md", "python", markdown.as_bytes()).unwrap();
        let clock = Clock::new(parse_now(TODAY).unwrap(), 4);
        store
            .import(
                &[DeckSource {
                    deck,
                    source: "test".into(),
                    fingerprint: None,
                    answer_file: false,
                }],
                clock.now.to_utc(),
                false,
            )
            .unwrap();
        Bench {
            store,
            settings: Settings::default(),
            clock,
        }
    }

    fn run<P: Prompter>(&mut self, prompter: &mut P, options: &Options) -> anyhow::Result<Summary> {
        let mut desk = Desk {
            store: &mut self.store,
            settings: &self.settings,
            clock: &self.clock,
            filter: CardFilter::default(),
            practice: study::Practice::Review,
        };
        run(&mut desk, prompter, options)
    }

    fn card(&self, key: &str) -> Card {
        study::resolve_card(&self.store, key).unwrap()
    }

    /// Grades `key` `days_ago` days before today, as `recall grade` would have then.
    fn graded_before(&mut self, key: &str, grade: u8, days_ago: u64) {
        let now = self.clock.now - chrono::Duration::days(days_ago as i64);
        let clock = Clock::new(now, 4);
        let card = self.card(key);
        study::answer(
            &mut self.store,
            &self.settings,
            &clock,
            &card,
            g(grade),
            None,
            false,
        )
        .unwrap();
    }

    /// Every review in the log, oldest first, as (key, grade, kind).
    fn log(&self) -> Vec<(String, u8, ReviewKind)> {
        self.store
            .all_reviews()
            .unwrap()
            .into_iter()
            .map(|r| {
                let key = self.store.card(r.card_id).unwrap().unwrap().key;
                (key, r.grade.value(), r.kind)
            })
            .collect()
    }

    /// The log's (key, grade) pairs of today only.
    fn grades(&self) -> Vec<(String, u8)> {
        let today = self.clock.today;
        self.store
            .all_reviews()
            .unwrap()
            .into_iter()
            .filter(|r| r.day == today)
            .map(|r| {
                let key = self.store.card(r.card_id).unwrap().unwrap().key;
                (key, r.grade.value())
            })
            .collect()
    }
}

fn day(offset_from_today: i64) -> NaiveDate {
    let today = Clock::new(parse_now(TODAY).unwrap(), 4).today;
    if offset_from_today >= 0 {
        today + Days::new(offset_from_today as u64)
    } else {
        today - Days::new(offset_from_today.unsigned_abs())
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
    /// Run just before the key at this index is read: another process acting meanwhile.
    hook: Option<(usize, Box<dyn FnMut()>)>,
    read: usize,
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

    fn with_hook(mut self, at: usize, hook: impl FnMut() + 'static) -> Self {
        self.hook = Some((at, Box::new(hook)));
        self
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
        if let Some((at, hook)) = &mut self.hook
            && *at == self.read
        {
            hook();
        }
        self.read += 1;
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
        notice: None,
    }
}

fn grades_of(list: &[(&str, u8)]) -> Vec<(String, u8)> {
    list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn grades_are_recorded_in_order_and_counted() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(3));
    let mut prompter = Scripted::new(".4.5.3.4");
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(
        bench.grades(),
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
    let mut bench = Bench::new(&plain_deck(3));
    let mut prompter = Scripted::new("45");
    bench.run(&mut prompter, &options())?;

    assert_eq!(bench.grades(), grades_of(&[("1", 4), ("2", 5)]));
    assert!(prompter.messages.is_empty());
    Ok(())
}

#[test]
fn undo_restores_the_card_and_shows_it_again() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(3));
    let mut prompter = Scripted::new(".2u.5");
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(bench.grades(), grades_of(&[("1", 5)]));
    assert_eq!(
        bench.card("1").state,
        crate::scheduler::CardState::default()
            .outcome(g(5), day(0))
            .after
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
    let mut bench = Bench::new(&plain_deck(3));
    let mut prompter = Scripted::new("u");
    bench.run(&mut prompter, &options())?;

    assert_eq!(prompter.messages, vec!["Nothing to undo in this session."]);
    assert!(bench.log().is_empty());
    Ok(())
}

#[test]
fn undo_after_a_suspend_alone_says_how_to_put_the_card_back() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(3));
    let mut prompter = Scripted::new("su");
    bench.run(&mut prompter, &options())?;

    assert_eq!(
        prompter.messages,
        vec![
            "Suspended 1.",
            "No grade to take back in this session; `recall unsuspend 1` puts 1 back."
        ]
    );
    assert!(bench.card("1").suspended);
    Ok(())
}

#[test]
fn suspend_puts_the_card_aside_and_moves_on() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(3));
    let mut prompter = Scripted::new("s.4");
    let summary = bench.run(&mut prompter, &options())?;

    assert!(bench.card("1").suspended);
    assert_eq!(bench.grades(), grades_of(&[("2", 4)]));
    assert_eq!(summary.suspended, 1);
    assert_eq!(prompter.messages, vec!["Suspended 1."]);
    let text = render_summary(&summary, Style::plain(80));
    assert!(text.contains("\nSuspended 1 card.\n"), "{text}");
    Ok(())
}

#[test]
fn a_card_in_drill_can_be_suspended() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(1));
    let mut prompter = Scripted::new(".1s");
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(prompter.positions(), vec!["1/1", "2/2"]);
    assert_eq!(summary.left, 0);
    Ok(())
}

#[test]
fn a_note_is_saved_and_shown_on_later_reveals() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(1));
    let mut prompter = Scripted::new("n.2.5").with_note(Some("  tuple is hashable  "));
    bench.run(&mut prompter, &options())?;

    assert_eq!(bench.card("1").note.as_deref(), Some("tuple is hashable"));
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
fn a_note_is_redrawn_as_kept_without_control_characters() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(1));
    let mut prompter = Scripted::new(".n").with_note(Some("red \u{1b}[31malert\u{7}"));
    bench.run(&mut prompter, &options())?;

    assert_eq!(bench.card("1").note.as_deref(), Some("red [31malert"));
    let (_, redrawn) = prompter.screens.last().unwrap();
    assert!(redrawn.contains("\nred [31malert\n"), "{redrawn}");
    assert!(!redrawn.contains('\u{1b}'), "{redrawn}");
    Ok(())
}

#[test]
fn an_empty_note_removes_it_and_a_cancelled_edit_keeps_it() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(3));
    let id = bench.card("1").id;
    bench
        .store
        .set_note(id, Some("old"), bench.clock.now.to_utc())?;
    let mut prompter = Scripted::new("nn").with_note(None).with_note(Some(" "));
    bench.run(&mut prompter, &options())?;

    assert_eq!(bench.card("1").note, None);
    assert_eq!(prompter.messages, vec!["Note removed."]);
    Ok(())
}

#[test]
fn quitting_keeps_earlier_grades_and_counts_them() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(4));
    let mut prompter = Scripted::new(".4.5.q.3");
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(bench.grades(), grades_of(&[("1", 4), ("2", 5)]));
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
    let mut bench = Bench::new(&plain_deck(2));
    let mut prompter = Scripted::new(".2.4.3.4.5");
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(
        bench.grades(),
        grades_of(&[("1", 2), ("2", 4), ("1", 3), ("1", 4)])
    );
    assert_eq!(prompter.positions(), vec!["1/2", "2/3", "3/3", "4/4"]);
    let kinds: Vec<ReviewKind> = bench.log().into_iter().map(|(_, _, kind)| kind).collect();
    assert_eq!(
        kinds,
        vec![
            ReviewKind::Schedule,
            ReviewKind::Schedule,
            ReviewKind::Drill,
            ReviewKind::Drill
        ]
    );
    assert_eq!(bench.card("1").state.drill_day, None);
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
    let mut bench = Bench::new(&plain_deck(1));
    let mut prompter = Scripted::new(".1.");
    bench.run(&mut prompter, &options())?;

    let (_, last) = prompter.screens.last().unwrap();
    assert!(last.contains("Drill: 4 or 5 ends it"), "{last}");
    assert!(!last.contains(" d\n"), "{last}");
    Ok(())
}

#[test]
fn limit_takes_only_the_first_cards() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(4));
    let mut prompter = Scripted::new(".4.4.4");
    let summary = bench.run(
        &mut prompter,
        &Options {
            limit: Some(2),
            ..options()
        },
    )?;

    assert_eq!(bench.grades(), grades_of(&[("1", 4), ("2", 4)]));
    assert_eq!(prompter.positions(), vec!["1/2", "2/2"]);
    assert_eq!((summary.started_with, summary.left), (2, 0));
    Ok(())
}

/// Main question 1 one pass short of mastery and due today (5 on each of the last two
/// review days), with five follow-ups behind the gate.
fn almost_mastered() -> Bench {
    let mut bench = Bench::new(&deck_with_followups());
    bench.graded_before("1", 5, 7);
    bench.graded_before("1", 5, 6);
    bench
}

#[test]
fn mastering_a_question_brings_its_follow_ups_into_the_session() -> anyhow::Result<()> {
    let mut bench = almost_mastered();
    bench.settings.new_per_day = 3;
    let mut prompter = Scripted::new(".4.5");
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(bench.grades(), grades_of(&[("1", 4), ("1.1", 5)]));
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
    let mut bench = almost_mastered();
    let mut prompter = Scripted::new(".4u");
    let summary = bench.run(&mut prompter, &options())?;

    assert!(bench.grades().is_empty());
    assert_eq!(
        bench.card("1.1").status(&bench.settings.rule),
        crate::card::Status::Locked
    );
    assert_eq!(prompter.positions(), vec!["1/1", "2/6", "1/1"]);
    assert!(summary.unlocked.is_empty());
    Ok(())
}

#[test]
fn nothing_due_shows_no_screen_and_says_when_next() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(1));
    bench.graded_before("1", 5, 4);
    bench.graded_before("1", 5, 3);
    let mut prompter = Scripted::new(".4");
    let summary = bench.run(&mut prompter, &options())?;

    assert!(prompter.screens.is_empty());
    assert_eq!(
        render_summary(&summary, Style::plain(80)),
        "Nothing due today. Next review on 2026-03-13 (in 3 days).\n"
    );
    Ok(())
}

#[test]
fn no_cards_at_all_says_so() -> anyhow::Result<()> {
    let mut bench = Bench::empty();
    let mut prompter = Scripted::new("");
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(
        render_summary(&summary, Style::plain(80)),
        "No cards yet. Add a deck with `recall import FILE`.\n"
    );
    Ok(())
}

#[test]
fn the_summary_reads_well() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(3));
    let mut prompter = Scripted::new(".4.5.2.4");
    let summary = bench.run(&mut prompter, &options())?;

    insta::assert_snapshot!(render_summary(&summary, Style::plain(80)));
    Ok(())
}

#[test]
fn the_summary_tells_tomorrows_reviews_from_its_new_cards() -> anyhow::Result<()> {
    // Two graded today come back tomorrow; new cards wait in tomorrow's allowance.
    let mut bench = Bench::new(&plain_deck(14));
    let mut prompter = Scripted::new(".4.4q");
    let summary = bench.run(&mut prompter, &options())?;

    let text = render_summary(&summary, Style::plain(80));
    assert!(
        text.contains("Due tomorrow: 4 cards (2 reviews, 2 new).\n"),
        "{text}"
    );
    Ok(())
}

fn plain_session(mains: usize, input: &str) -> anyhow::Result<(Bench, String)> {
    let mut bench = Bench::new(&plain_deck(mains));
    let mut prompter = PlainPrompter::new(input.as_bytes(), Vec::new());
    bench.run(&mut prompter, &options())?;
    let output = String::from_utf8(prompter.into_output())?;
    Ok((bench, output))
}

#[test]
fn plain_lines_ask_again_after_nonsense() -> anyhow::Result<()> {
    let (bench, output) = plain_session(3, "x\n\n7\nfour\n4\n")?;

    assert_eq!(bench.grades(), grades_of(&[("1", 4)]));
    assert_eq!(output.matches("Type 0-5 to grade").count(), 3, "{output}");
    Ok(())
}

#[test]
fn plain_lines_end_cleanly_at_the_end_of_input() -> anyhow::Result<()> {
    let (bench, output) = plain_session(3, "\n4\n\n")?;

    assert_eq!(bench.grades(), grades_of(&[("1", 4)]));
    // The back of card 2 was shown, then input ended mid-card.
    assert!(output.contains("Question 2 · new"), "{output}");
    assert!(output.ends_with("> \n"), "{output:?}");
    Ok(())
}

#[test]
fn plain_lines_take_letters_and_notes() -> anyhow::Result<()> {
    let (bench, output) = plain_session(3, "n\nmy note\n?\ns\nq\n")?;

    assert_eq!(bench.card("1").note.as_deref(), Some("my note"));
    assert!(bench.card("1").suspended);
    assert!(output.contains("Keys:"), "{output}");
    assert!(bench.log().is_empty());
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
        ("ы", Some(Action::Suspend)),
        ("й", Some(Action::Quit)),
        ("ж", None),
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

#[test]
fn the_new_card_limit_holds_across_sessions_of_a_day() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(4));
    bench.settings.new_per_day = 2;
    let mut first = Scripted::new("4444");
    let summary = bench.run(&mut first, &options())?;
    assert_eq!(bench.grades(), grades_of(&[("1", 4), ("2", 4)]));
    assert_eq!(summary.started_with, 2);

    let mut second = Scripted::new("4");
    let summary = bench.run(&mut second, &options())?;
    assert_eq!(summary.started_with, 0);
    assert!(second.screens.is_empty());
    Ok(())
}

/// A bench whose database is a file, so a second `Store` can act as another process.
fn on_disk(mains: usize) -> (Bench, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recall.db");
    let bench = Bench::with_store(Store::open(&path).unwrap(), &plain_deck(mains));
    (bench, dir, path)
}

/// Grades `key` from a second connection, as `recall grade KEY GRADE` in another terminal.
fn grade_elsewhere(path: &std::path::Path, key: &str, grade: u8) {
    let mut store = Store::open(path).unwrap();
    let clock = Clock::new(parse_now(TODAY).unwrap(), 4);
    let card = study::resolve_card(&store, key).unwrap();
    study::answer(
        &mut store,
        &Settings::default(),
        &clock,
        &card,
        g(grade),
        None,
        false,
    )
    .unwrap();
}

#[test]
fn a_card_graded_elsewhere_meanwhile_is_not_counted_twice() -> anyhow::Result<()> {
    let (mut bench, _dir, path) = on_disk(2);
    // Card 1 is on screen; before the learner's 4, another process grades it 5.
    let mut prompter = Scripted::new(".44").with_hook(1, move || grade_elsewhere(&path, "1", 5));
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(bench.grades(), grades_of(&[("1", 5), ("2", 4)]));
    assert_eq!(
        prompter.messages,
        vec!["card 1 was just graded elsewhere; nothing written."]
    );
    assert_eq!(summary.reviews, 1);
    Ok(())
}

#[test]
fn a_card_graded_elsewhere_before_its_turn_is_not_shown() -> anyhow::Result<()> {
    let (mut bench, _dir, path) = on_disk(3);
    // While card 1 is on screen, another process grades card 2: the session goes on to 3.
    let mut prompter = Scripted::new("444").with_hook(0, move || grade_elsewhere(&path, "2", 5));
    let summary = bench.run(&mut prompter, &options())?;

    assert_eq!(
        prompter.trail(),
        ["front Question 1 · new", "front Question 3 · new"]
    );
    assert_eq!(bench.grades(), grades_of(&[("2", 5), ("1", 4), ("3", 4)]));
    assert_eq!(summary.reviews, 2);
    Ok(())
}

#[test]
fn what_the_last_card_had_to_say_is_said_before_the_summary() -> anyhow::Result<()> {
    let (mut bench, _dir, path) = on_disk(1);
    let mut prompter = Scripted::new(".4").with_hook(1, move || grade_elsewhere(&path, "1", 5));
    bench.run(&mut prompter, &options())?;
    assert_eq!(
        prompter.messages,
        vec!["card 1 was just graded elsewhere; nothing written."]
    );
    Ok(())
}

#[test]
fn undo_takes_back_only_this_sessions_own_grade() -> anyhow::Result<()> {
    let (mut bench, _dir, path) = on_disk(2);
    // The session grades 1; another process then grades 2; `u` must take back 1's grade,
    // naming it, and leave the other process's grade alone.
    let mut prompter = Scripted::new("4u").with_hook(1, move || grade_elsewhere(&path, "2", 3));
    bench.run(&mut prompter, &options())?;

    assert_eq!(bench.grades(), grades_of(&[("2", 3)]));
    assert!(bench.card("1").state.is_new());
    assert_eq!(prompter.messages, vec!["Took back grade 4 of 1."]);
    Ok(())
}

#[test]
fn undo_refuses_when_the_card_was_graded_again_elsewhere() -> anyhow::Result<()> {
    let (mut bench, _dir, path) = on_disk(2);
    // The session grades 1 with a 2 (a drill); another process then ends the drill with a 5.
    let mut prompter = Scripted::new("2u").with_hook(1, move || grade_elsewhere(&path, "1", 5));
    bench.run(&mut prompter, &options())?;

    assert_eq!(bench.grades(), grades_of(&[("1", 2), ("1", 5)]));
    assert_eq!(
        prompter.messages,
        vec!["card 1 was graded again since; nothing undone."]
    );
    Ok(())
}

#[test]
fn the_preview_shows_the_day_an_interview_date_brings_the_card_back() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(1));
    bench.graded_before("1", 4, 7);
    bench.graded_before("1", 4, 6);
    bench.settings.interview_date = Some(day(5));
    let mut prompter = Scripted::new(".4");
    bench.run(&mut prompter, &options())?;

    let (_, back) = &prompter.screens[1];
    let line = back.lines().find(|l| l.contains("4  right")).unwrap();
    assert!(
        line.ends_with("→ 4 d (before the interview; SM-2: 15 d)"),
        "{back}"
    );
    // What the preview said is what the answer wrote.
    let card = bench.card("1");
    assert_eq!(card.state.due, Some(day(4)));
    assert_eq!(card.state.sm2.interval_days, 15);
    Ok(())
}

#[test]
fn a_cram_preview_promises_no_new_schedule() -> anyhow::Result<()> {
    let mut bench = Bench::new(&plain_deck(1));
    bench.graded_before("1", 4, 1);
    let before = bench.card("1").state;
    let mut prompter = Scripted::new(".5");
    let mut desk = Desk {
        store: &mut bench.store,
        settings: &bench.settings,
        clock: &bench.clock,
        filter: CardFilter::default(),
        practice: study::Practice::Cram(study::CramStatus::Studied),
    };
    run(&mut desk, &mut prompter, &options())?;

    let (_, back) = &prompter.screens[1];
    assert!(back.contains("Question 1 · cram"), "{back}");
    let grades: Vec<&str> = back.lines().filter(|l| l.contains(" → ")).collect();
    assert_eq!(grades.len(), 6, "{back}");
    assert!(
        grades.iter().all(|l| l.ends_with("→ schedule unchanged")),
        "{back}"
    );
    assert_eq!(bench.card("1").state, before);
    Ok(())
}
