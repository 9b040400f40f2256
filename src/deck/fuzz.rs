//! Mutation fuzzing of the parser over the test decks: whatever a document holds, parsing
//! (and putting answers on it) gives a deck or an error, never a panic. A short run is part of
//! `cargo test`; `cargo test -- --ignored mutated_decks_long` runs a long one.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::{apply_answers, parse_deck};

/// The test decks, the bundled guide and its answers: every shape the parser knows.
const SEEDS: &[&str] = &[
    include_str!("../../tests/decks/bullet-questions.md"),
    include_str!("../../tests/decks/go-cicd-interview.md"),
    include_str!("../../tests/decks/headless.md"),
    include_str!("../../tests/decks/numbered-details.md"),
    include_str!("../../tests/decks/python-oop-en.md"),
    include_str!("../../tests/decks/question-answer-pairs.md"),
    include_str!("../../tests/decks/question-sections.md"),
    include_str!("../../tests/decks/restarted-numbering.md"),
    include_str!("../../tests/decks/system-design-scenarios.md"),
    include_str!("../../tests/decks/unnumbered-answers.md"),
    include_str!("../../tests/decks/windows-crlf.md"),
    include_str!("../../tests/decks/details-questions.md"),
    include_str!("../../tests/decks/bold-question-pairs.md"),
    include_str!("../../tests/decks/table-questions.md"),
];

/// Pieces that mean something to the parser, spliced in where they hurt most.
const TOKENS: &[&str] = &[
    "#",
    "## ",
    "### ",
    "#### ",
    "```",
    "~~~",
    "**Ответ:**",
    "**Углубляющие вопросы:**",
    "**Follow-up questions:**",
    "1. ",
    "12.3 ",
    "- ",
    "* ",
    "Q: ",
    "A: ",
    "<details>",
    "</details>",
    "<summary>",
    "</summary>",
    "<details><summary>Why?</summary>",
    "**Q:** ",
    "**Q1.** ",
    "**A:**",
    "> **Answer:** ",
    "> ",
    "**Keywords:** ",
    "<br>",
    "| ",
    "**What is X?**",
    "**Why?** Because ",
    "|---|---|",
    "| Question | Answer |",
    "\\|",
    "`",
    "🔹 ",
    "---",
    "===",
    "\n",
    "\r\n",
    "  ",
    "\t",
    "Вопрос 1:",
    "?",
    "__init__",
    "\u{feff}",
    "é",
    "🦀",
    ":",
    "1.1.1.1 ",
    // The shapes read since the tokens above: Cyrillic where text is cut at a phrase.
    "Что выведет код?",
    "Какой будет результат?",
    "**Вопрос:**\n",
    "🔥 **Вопрос дня #1**\n",
    "## # 1. ",
    "**Пояснение:** ",
    "Ответ — ",
    "- [ ] ",
    "<a name=\"x\"></a>",
    "## Answers\n\n1. ",
    "   А) ",
    "Назовите ",
    "1\\. ",
    "\u{a0}",
    "## Part 1: ",
    "**Q:** Что? **A:** ",
    "> [!question]- Что такое MVCC?\n> ",
    // The sixteenth round's: quotes, decorations, ticked options, keys, hints, prompts.
    "«Что такое JSX?»",
    "🔥 Что? 🔥",
    "[[⬆]](#toc) ",
    "<a name=\"q1\">",
    "</a>",
    "<span id=\"x\">",
    "[CSS](#css)",
    "- [x] ",
    "**Ответ: б**",
    "Правильный ответ: ",
    "Q.1 ",
    "<details><summary>💡 Hint</summary>\n",
    "Расскажите о себе",
    "Tell me about ",
    "🤔 **",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

/// Applies edits on line and character boundaries, so the text stays UTF-8.
fn mutate(seed: &str, edits: &[Edit]) -> String {
    let mut text: Vec<char> = seed.chars().collect();
    for e in edits {
        let len = text.len().max(1);
        match *e {
            Edit::Insert(at, t) => {
                let at = at % (text.len() + 1);
                text.splice(at..at, TOKENS[t].chars());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(text.len());
                text.drain(at.min(end)..end);
            }
            Edit::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n).min(text.len());
                let piece: Vec<char> = text[at.min(end)..end].to_vec();
                text.splice(end..end, piece);
            }
            Edit::Swap(a, b) => {
                let lines: Vec<String> = text
                    .iter()
                    .collect::<String>()
                    .lines()
                    .map(String::from)
                    .collect();
                if lines.len() > 1 {
                    let mut lines = lines;
                    let (a, b) = (a % lines.len(), b % lines.len());
                    lines.swap(a, b);
                    text = lines.join("\n").chars().collect();
                }
            }
        }
    }
    text.into_iter().collect()
}

fn run(cases: u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (0..SEEDS.len(), proptest::collection::vec(edit(), 1..12));
    runner
        .run(&strategy, |(seed, edits)| {
            let text = mutate(SEEDS[seed], &edits);
            if let Ok((mut deck, _)) = parse_deck("fuzz.md", "fuzz", text.as_bytes()) {
                let cards = deck.cards();
                prop_assert!(!cards.is_empty());
                // The document read again as its own answer file.
                apply_answers(&mut deck, "fuzz.answers.md", &text);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_decks_never_panic() {
    run(5000);
}

#[test]
#[ignore = "long: run with --ignored"]
fn mutated_decks_long() {
    run(200_000);
}
