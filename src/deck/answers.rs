//! Answer files: `NAME.answers.md` beside `NAME.md` gives the back of the deck's cards by key,
//! so a guide that holds only questions gets answers without its file being touched.
//!
//! The shape (documented in `decks/README.md`): one heading per card, `## 12. Question` or
//! `## 12.3 Follow-up`, the question text after the key optional; the answer is everything
//! down to the next such heading, kept as written. A `# Title` line is the file's own.

use std::collections::{HashMap, HashSet};

use super::levels::{Level, take_level};
use super::model::Deck;
use super::parse::ParseWarning;

/// One answer as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerEntry {
    pub key: String,
    /// The question repeated after the key, if the author wrote it.
    pub question: Option<String>,
    pub answer: String,
    /// A `**Level:** middle` line right under the heading (taken out of the answer).
    pub level: Option<Level>,
    /// 1-based line of the heading.
    pub line: usize,
}

/// The key and question of a heading's text: `12. Question`, `12.3 Question`,
/// `Сценарий 1: Question`, or a key alone.
fn split_heading(text: &str, known: &HashSet<&str>) -> Option<(String, Option<String>)> {
    let text = text.trim();
    let question = |rest: &str| {
        let rest = rest.trim();
        (!rest.is_empty()).then(|| rest.to_string())
    };
    // A label and a number before a colon: `Сценарий 1: …`, `Question 2.1: …`.
    if let Some((label, rest)) = text.split_once(':') {
        let label = label.trim();
        if known.contains(label) || label.chars().last().is_some_and(|c| c.is_ascii_digit()) {
            return Some((label.to_string(), question(rest)));
        }
    }
    let (first, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let key = first.trim_end_matches(['.', ':', ')']);
    if key.is_empty() {
        return None;
    }
    if known.contains(key) || key.starts_with(|c: char| c.is_ascii_digit()) {
        return Some((key.to_string(), question(rest)));
    }
    None
}

/// Reads an answer file. `known` are the deck's card keys: a heading is an entry when it
/// starts with one of them, or with something shaped like a key (a number); any other
/// heading below level 1 belongs to the answer above it.
pub fn parse_answers(text: &str, known: &HashSet<&str>) -> Vec<AnswerEntry> {
    let mut entries: Vec<AnswerEntry> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut fence: Option<&str> = None;
    let finish = |entries: &mut Vec<AnswerEntry>, body: &mut Vec<&str>| {
        if let Some(last) = entries.last_mut() {
            let mut answer = Some(body.join("\n"));
            last.level = take_level(&mut answer);
            last.answer = answer
                .unwrap_or_default()
                .trim_matches('\n')
                .trim_end()
                .to_string();
        }
        body.clear();
    };
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open)
                && trimmed
                    .trim_start_matches(open.chars().next().unwrap_or('`'))
                    .trim()
                    .is_empty()
            {
                fence = None;
            }
            body.push(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            body.push(line);
            continue;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let is_heading = (1..=6).contains(&hashes) && line[hashes..].starts_with(' ');
        if is_heading {
            let heading = &line[hashes..];
            if hashes == 1 && entries.is_empty() {
                continue; // the file's title
            }
            if let Some((key, question)) = split_heading(heading, known) {
                finish(&mut entries, &mut body);
                entries.push(AnswerEntry {
                    key,
                    question,
                    answer: String::new(),
                    level: None,
                    line: index + 1,
                });
                continue;
            }
        }
        if !entries.is_empty() {
            body.push(line);
        }
    }
    finish(&mut entries, &mut body);
    entries
}

/// Text compared loosely: case, spacing and closing punctuation do not count, so a question
/// copied with a trailing `?` dropped still matches.
fn same_question(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['?', '.', '!', ':', '？'])
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// Puts the answers of `text` (the file at `path`, for messages) on the deck's cards.
/// An unknown key, a question that no longer matches the deck's, a key answered twice, or a
/// card whose deck already has an answer, is a warning with the line; the rest applies.
pub fn apply_answers(deck: &mut Deck, path: &str, text: &str) -> Vec<ParseWarning> {
    let cards = deck.cards();
    let known: HashSet<&str> = cards.iter().map(|c| c.key.as_str()).collect();
    let questions: HashMap<&str, &str> =
        cards.iter().map(|c| (c.key.as_str(), c.question)).collect();
    let main_keys: HashSet<String> = deck
        .topics
        .iter()
        .flat_map(|t| &t.questions)
        .map(|q| q.key.clone())
        .collect();
    let entries = parse_answers(text, &known);
    let warn = |line: usize, message: String| ParseWarning {
        path: path.to_string(),
        line,
        message,
    };
    let mut warnings = Vec::new();
    let mut wanted: HashMap<String, String> = HashMap::new();
    let mut levels: HashMap<String, (Level, usize)> = HashMap::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for entry in entries {
        let Some(asked) = questions.get(entry.key.as_str()) else {
            warnings.push(warn(
                entry.line,
                format!("no card {} in the deck; answer not used", entry.key),
            ));
            continue;
        };
        if let Some(question) = &entry.question
            && !same_question(question, asked)
        {
            warnings.push(warn(
                entry.line,
                format!(
                    "the answer for {} repeats the question \"{question}\", but the deck now asks \"{asked}\"; answer not used",
                    entry.key
                ),
            ));
            continue;
        }
        if let Some(first) = first_line.get(&entry.key) {
            warnings.push(warn(
                entry.line,
                format!(
                    "a second answer for {} (first on line {first}); the first is used",
                    entry.key
                ),
            ));
            continue;
        }
        if let Some(level) = entry.level {
            if main_keys.contains(&entry.key) {
                levels.insert(entry.key.clone(), (level, entry.line));
            } else {
                warnings.push(warn(
                    entry.line,
                    format!(
                        "{} is a follow-up: it takes its main question's level; level not used",
                        entry.key
                    ),
                ));
            }
        }
        if entry.answer.trim().is_empty() {
            continue;
        }
        first_line.insert(entry.key.clone(), entry.line);
        wanted.insert(entry.key, entry.answer);
    }
    let mut line_of = first_line;
    for topic in &mut deck.topics {
        for q in &mut topic.questions {
            if let Some((level, line)) = levels.remove(&q.key) {
                match q.level {
                    Some(own) if own != level => warnings.push(warn(
                        line,
                        format!(
                            "question {} is marked {own} in the deck itself; the deck's level is kept",
                            q.key
                        ),
                    )),
                    _ => q.level = Some(level),
                }
            }
            let keyed = std::iter::once((q.key.clone(), &mut q.answer)).chain(
                q.followups
                    .iter_mut()
                    .map(|f| (format!("{}.{}", q.key, f.number), &mut f.answer)),
            );
            for (key, slot) in keyed {
                let Some(answer) = wanted.remove(&key) else {
                    continue;
                };
                if slot.is_some() {
                    warnings.push(warn(
                        line_of.remove(&key).unwrap_or(0),
                        format!("card {key} has an answer in the deck itself; the deck's is kept"),
                    ));
                } else {
                    *slot = Some(answer);
                }
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    const DECK: &str = "# T\n\n## Topic\n\n### 1. What is a list?\n**Углубляющие вопросы:**\n1. Why O(1) append?\n2. What about tuples?\n\n### 2. What is the GIL?\n\n**Answer:** the deck's own.\n";

    fn deck() -> Deck {
        parse_deck("t.md", "t", DECK.as_bytes()).unwrap().0
    }

    fn answers(deck: &Deck) -> Vec<(String, Option<String>)> {
        deck.cards()
            .into_iter()
            .map(|c| (c.key, c.answer.map(str::to_string)))
            .collect()
    }

    #[test]
    fn answers_land_on_their_cards_by_key() {
        let mut deck = deck();
        let text = "# Answers\n\n## 1. What is a list?\n\nA mutable sequence.\n\n```python\n# not a heading\nxs = []\n```\n\n## 1.2\n\nImmutable ones.\n";
        let warnings = apply_answers(&mut deck, "t.answers.md", text);
        assert_eq!(warnings, vec![]);
        assert_eq!(
            answers(&deck),
            vec![
                (
                    "1".into(),
                    Some("A mutable sequence.\n\n```python\n# not a heading\nxs = []\n```".into())
                ),
                ("1.1".into(), None),
                ("1.2".into(), Some("Immutable ones.".into())),
                ("2".into(), Some("the deck's own.".into())),
            ]
        );
    }

    #[test]
    fn unknown_keys_changed_questions_and_the_decks_own_answers_warn_with_the_line() {
        let mut deck = deck();
        let text = "## 7. Gone\n\nx\n\n## 1.1 Why is append slow?\n\ny\n\n## 2. What is the GIL\n\nz\n\n## 1.2 What about tuples\n\nt\n\n## 1.2\n\nagain\n";
        let warnings: Vec<String> = apply_answers(&mut deck, "a.md", text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            warnings,
            vec![
                "a.md:1: warning: no card 7 in the deck; answer not used",
                "a.md:5: warning: the answer for 1.1 repeats the question \"Why is append slow?\", but the deck now asks \"Why O(1) append?\"; answer not used",
                "a.md:17: warning: a second answer for 1.2 (first on line 13); the first is used",
                "a.md:9: warning: card 2 has an answer in the deck itself; the deck's is kept",
            ]
        );
        assert_eq!(answers(&deck)[2], ("1.2".into(), Some("t".into())));
        assert_eq!(answers(&deck)[1].1, None);
    }

    #[test]
    fn levels_come_from_a_line_under_the_heading() {
        let mut deck = deck();
        let text = "## 1. What is a list?\n\n**Level:** junior\n\nA mutable sequence.\n\n## 1.1\n\nLevel: senior\n\n## 2\n\nУровень: middle\n";
        let warnings: Vec<String> = apply_answers(&mut deck, "a.md", text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            warnings,
            vec![
                "a.md:7: warning: 1.1 is a follow-up: it takes its main question's level; level not used"
            ]
        );
        let levels: Vec<(String, Option<Level>)> =
            deck.cards().into_iter().map(|c| (c.key, c.level)).collect();
        assert_eq!(
            levels,
            vec![
                ("1".into(), Some(Level::Junior)),
                ("1.1".into(), Some(Level::Junior)),
                ("1.2".into(), Some(Level::Junior)),
                ("2".into(), Some(Level::Middle)),
            ]
        );
        assert_eq!(answers(&deck)[0].1.as_deref(), Some("A mutable sequence."));
        assert_eq!(answers(&deck)[3].1.as_deref(), Some("the deck's own."));
    }

    #[test]
    fn a_level_in_the_deck_itself_wins() {
        let text = "# T\n\n## Topic\n\n### 1. What is a list?\n\n**Level:** senior\n\nBody.\n";
        let mut deck = parse_deck("t.md", "t", text.as_bytes()).unwrap().0;
        let q = &deck.topics[0].questions[0];
        // Without follow-up markers the text under the heading is the answer.
        assert_eq!(
            (q.level, q.answer.as_deref()),
            (Some(Level::Senior), Some("Body."))
        );
        let warnings = apply_answers(&mut deck, "a.md", "## 1\n\nLevel: junior\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(deck.topics[0].questions[0].level, Some(Level::Senior));
    }

    #[test]
    fn a_guide_says_a_level_by_its_sections_and_tags() {
        // A guide by level, as people write them: sections named for a level, list
        // questions under them, one question tagged, a topic below a level section.
        let text = "# Python questions\n\n## Junior\n\n1. What is a list?\n2. What is a dict? [Senior]\n\n\
                    ## Middle+\n\n### Concurrency\n\n1. What is the GIL?\n2. What is asyncio?\n\n\
                    ## Bonus\n\n1. What is a descriptor?\n";
        let mut deck = parse_deck("t.md", "t", text.as_bytes()).unwrap().0;
        let levels = |deck: &Deck| -> Vec<(String, Option<Level>)> {
            deck.cards()
                .into_iter()
                .map(|c| (c.question.to_string(), c.level))
                .collect()
        };
        assert_eq!(
            levels(&deck),
            vec![
                ("What is a list?".into(), Some(Level::Junior)),
                ("What is a dict? [Senior]".into(), Some(Level::Senior)),
                ("What is the GIL?".into(), Some(Level::Middle)),
                ("What is asyncio?".into(), Some(Level::Middle)),
                // A section that names no level ends the one before.
                ("What is a descriptor?".into(), None),
            ]
        );
        // The answer file's own level wins over a section's, silently; a tag is the deck's
        // own word and wins over the answer file's, with a warning.
        let keys: Vec<String> = deck.cards().into_iter().map(|c| c.key).collect();
        let answers = format!(
            "## {}\n\nLevel: senior\n\n## {}\n\nLevel: junior\n",
            keys[0], keys[1]
        );
        let warnings = apply_answers(&mut deck, "a.md", &answers);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(levels(&deck)[0].1, Some(Level::Senior));
        assert_eq!(levels(&deck)[1].1, Some(Level::Senior));
    }

    #[test]
    fn labelled_keys_and_other_headings() {
        let known: HashSet<&str> = ["Сценарий 1", "3"].into_iter().collect();
        let text = "## Сценарий 1: Deploy\n\nsteps\n\n### Details\n\nmore\n\n## 3\n\nthree\n";
        let entries = parse_answers(text, &known);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].key, "Сценарий 1");
        assert_eq!(entries[0].question.as_deref(), Some("Deploy"));
        assert_eq!(entries[0].answer, "steps\n\n### Details\n\nmore");
        assert_eq!((entries[1].key.as_str(), entries[1].line), ("3", 9));
    }
}
