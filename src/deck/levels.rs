//! Question levels: the guide's own "pick questions to the candidate's level". A deck author
//! marks a main question with a line of its own right under its heading, in the deck or in
//! its answer file: `**Level:** middle` (also `Level: middle`, `**Уровень:** middle`).
//! Guides written without recall in mind say it their own way, which is read too: a tag in
//! the question (`What is MVCC? [Senior]`), or a section the question stands in (`## Junior`,
//! a title `Senior questions`).

use serde::Serialize;

/// How senior a question is. Ordered: `Junior < Middle < Senior`, so "at or below" is `<=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Python basics and web basics.
    Junior,
    /// Deep Python, frameworks, architecture.
    Middle,
    /// Production systems and architectural decisions.
    Senior,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Junior, Level::Middle, Level::Senior];

    /// The stored and printed name. The names sort as the levels do (j < m < s), which the
    /// store relies on to select "at or below" with one text comparison.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Middle => "middle",
            Level::Senior => "senior",
        }
    }

    /// The level a name stands for, in any case; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Level> {
        let name = name.trim().to_lowercase();
        Level::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Level, String> {
        Level::from_name(s)
            .ok_or_else(|| format!("unknown level '{s}': use junior, middle or senior"))
    }
}

/// Labels a level line may start with, bold or not, with the colon inside or outside; also
/// the names of a question table's level column.
pub(super) const LABELS: [&str; 6] = [
    "level",
    "уровень",
    "grade",
    "грейд",
    "difficulty",
    "сложность",
];

/// The level a line declares: `**Level:** middle`, `Level: middle`, `**Уровень**: senior`.
/// `None` when the line is anything else (an unknown level name included: then the line is
/// ordinary text, kept where it was).
pub fn level_line(line: &str) -> Option<Level> {
    let line = line.trim();
    let plain = line.replace("**", "");
    let (label, value) = plain.split_once(':')?;
    let label = label.trim().to_lowercase();
    if !LABELS.contains(&label.as_str()) {
        return None;
    }
    // One word, as guides name levels: `Junior+`, `Мидл`, `сеньор`.
    let value = value.trim().trim_end_matches(['+', '-', '.', ' ']);
    if value.is_empty() || value.contains(char::is_whitespace) {
        return None;
    }
    Level::from_name(value).or_else(|| word_level(value))
}

/// Takes a level line off the start of `text` (its first non-blank line) and returns the
/// level; the text keeps the rest, or becomes `None` when nothing else was in it.
pub fn take_level(text: &mut Option<String>) -> Option<Level> {
    let body = text.as_deref()?;
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let (first, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let level = level_line(first)?;
    let after = after.trim_matches('\n').trim_end();
    *text = (!after.trim().is_empty()).then(|| after.to_string());
    Some(level)
}

/// The level one word names: `junior`, `Middle`, `seniors`, and the Russian loanwords in
/// their case forms and adjectives (`джуна`, `мидлов`, `сеньору`, `синьор`, `миддл`,
/// `сеньорские`). Whole words only: `middleware` and `мидлвары` name none.
fn word_level(word: &str) -> Option<Level> {
    const ENGLISH: [(&str, Level); 3] = [
        ("junior", Level::Junior),
        ("middle", Level::Middle),
        ("senior", Level::Senior),
    ];
    const RUSSIAN: [(&str, Level); 8] = [
        ("джун", Level::Junior),
        ("джуниор", Level::Junior),
        ("мидл", Level::Middle),
        ("миддл", Level::Middle),
        ("сеньор", Level::Senior),
        ("сеньёр", Level::Senior),
        ("синьор", Level::Senior),
        ("сениор", Level::Senior),
    ];
    const ENDINGS: [&str; 10] = ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"];
    const ADJECTIVE: [&str; 8] = [
        "ский",
        "ская",
        "ское",
        "ские",
        "ских",
        "ским",
        "ского",
        "ской",
    ];
    let word = word.to_lowercase();
    if let Some(&(_, level)) = ENGLISH.iter().find(|(name, _)| {
        word.strip_prefix(name)
            .is_some_and(|e| e.is_empty() || e == "s")
    }) {
        return Some(level);
    }
    RUSSIAN
        .iter()
        .find(|(stem, _)| {
            word.strip_prefix(stem).is_some_and(|e| {
                ENDINGS.contains(&e) || ADJECTIVE.contains(&e.strip_prefix("ов").unwrap_or(e))
            })
        })
        .map(|&(_, level)| level)
}

/// The words of `text`, each with the text before and after it.
fn words(text: &str) -> Vec<(&str, &str, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((&text[..s], &text[s..i], &text[i..]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The level a heading's word names where it stands: `Middle` is an ordinary English word
/// as well (`Man-in-the-middle attacks`, `Middle-tier caching`, `the middle of the
/// array`), and a level word joined by a hyphen to another word is part of that word,
/// but for `Junior-level` and `mid-level`.
fn level_here(i: usize, words: &[(&str, &str, &str)]) -> Option<Level> {
    let (before, word, after) = words[i];
    let next = words.get(i + 1).map(|w| w.1.to_lowercase());
    let previous = i.checked_sub(1).map(|p| words[p].1.to_lowercase());
    let level = match word_level(word) {
        Some(level) => level,
        // `Mid-level`, `mid level`.
        None if word.eq_ignore_ascii_case("mid") && next.as_deref() == Some("level") => {
            Level::Middle
        }
        None => return None,
    };
    let is_level = |w: &Option<String>| w.as_deref().is_some_and(|w| word_level(w).is_some());
    let joined_after = after.starts_with('-')
        && !matches!(next.as_deref(), Some("level" | "only"))
        && !is_level(&next);
    let joined_before = before.ends_with('-') && !is_level(&previous);
    let ordinary_middle = level == Level::Middle
        && word.eq_ignore_ascii_case("middle")
        && (previous.as_deref() == Some("the")
            || matches!(
                next.as_deref(),
                Some("of" | "east" | "ground" | "management" | "tier" | "school" | "class" | "age")
            ));
    (!joined_after && !joined_before && !ordinary_middle).then_some(level)
}

/// The one level of `found`, if they are all the same and there is one.
fn one_level(mut found: impl Iterator<Item = Level>) -> Option<Level> {
    let first = found.next()?;
    found.all(|other| other == first).then_some(first)
}

/// The level a section heading gives the questions under it: `## Junior`, `Senior questions
/// python:`, `## Вопросы для мидла`. `None` when it names no level, or more than one
/// (`## Junior vs Senior`).
pub fn section_level(heading: &str) -> Option<Level> {
    let words = words(heading);
    one_level((0..words.len()).filter_map(|i| level_here(i, &words)))
}

/// The level a tag in a question's own text gives it: a bracketed group that holds a level
/// and nothing else but a word such as "level" (`(Senior)`, `[middle+]`, `[Level: junior]`,
/// `(уровень: джун)`, `[Mid]`, `[Sr]`). Brackets with other words in them (`(see the Junior
/// part)`), brackets of code (`arr[middle]`, inside backticks) and two levels give none.
pub fn tagged_level(question: &str) -> Option<Level> {
    let mut found = None;
    let mut in_code = false;
    let mut previous = ' ';
    for (i, c) in question.char_indices() {
        let after = std::mem::replace(&mut previous, c);
        let close = match c {
            '`' => {
                in_code = !in_code;
                continue;
            }
            '(' => ')',
            '[' => ']',
            _ => continue,
        };
        // `arr[middle]`, `f(junior)`: brackets of code, not tags.
        if in_code || after.is_alphanumeric() || after == '_' {
            continue;
        }
        let rest = &question[i + 1..];
        // A tag is short: what is longer is no tag, and not searched to the end (a line
        // of brackets stays linear).
        let window = rest
            .char_indices()
            .nth(TAG_LIMIT)
            .map_or(rest, |(at, _)| &rest[..at]);
        let Some(end) = window.find(close) else {
            continue;
        };
        if let Some(level) = tag_level(&rest[..end]) {
            if found.is_some_and(|f| f != level) {
                return None;
            }
            found = Some(level);
        }
    }
    found
}

/// Characters a tag's brackets hold at most (`уровень: джуниор+`).
const TAG_LIMIT: usize = 40;

/// The level the inside of a bracket names, if it holds a level and nothing else but a
/// word such as "level".
fn tag_level(inside: &str) -> Option<Level> {
    const FILLERS: [&str; 4] = ["level", "уровень", "for", "для"];
    let mut levels = Vec::new();
    for (_, word, _) in words(inside) {
        let lower = word.to_lowercase();
        let level = word_level(word).or(match lower.as_str() {
            "mid" | "mids" => Some(Level::Middle),
            "jr" => Some(Level::Junior),
            "sr" => Some(Level::Senior),
            _ => None,
        });
        match level {
            Some(level) => levels.push(level),
            None if FILLERS.contains(&lower.as_str()) => {}
            None => return None,
        }
    }
    one_level(levels.into_iter())
}

/// `text` without a level tag at its end (`What is a dict? (junior)` is `What is a dict?`),
/// so that a tagged question still ends in its `?`.
pub fn without_level_tag(text: &str) -> &str {
    let trimmed = text.trim_end_matches(['*', '_', ' ']);
    let Some(close) = trimmed
        .chars()
        .next_back()
        .filter(|c| matches!(c, ')' | ']'))
    else {
        return text;
    };
    let open = if close == ')' { '(' } else { '[' };
    match trimmed.rfind(open) {
        Some(i)
            if trimmed[i + 1..].chars().count() <= TAG_LIMIT + 1
                && tag_level(&trimmed[i + 1..trimmed.len() - 1]).is_some() =>
        {
            trimmed[..i].trim_end()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_lines_in_the_documented_forms() {
        let cases = [
            ("**Level:** middle", Some(Level::Middle)),
            ("**Level**: Senior", Some(Level::Senior)),
            ("Level: junior", Some(Level::Junior)),
            ("**Уровень:** junior", Some(Level::Junior)),
            ("  уровень: MIDDLE  ", Some(Level::Middle)),
            ("**Уровень:** Джун", Some(Level::Junior)),
            ("**Грейд:** мидл", Some(Level::Middle)),
            ("Уровень: сеньор", Some(Level::Senior)),
            ("**Level:** Junior+", Some(Level::Junior)),
            ("Level: middle developers ask this", None),
            ("**Сложность:** Senior", Some(Level::Senior)),
            ("Difficulty: hard", None),
            ("Level: expert", None),
            ("The level: junior devs know this", None),
            ("junior", None),
        ];
        for (line, want) in cases {
            assert_eq!(level_line(line), want, "{line}");
        }
    }

    #[test]
    fn a_level_line_is_taken_off_the_top_only() {
        let mut text = Some("\n**Level:** senior\n\nThe body.\n".to_string());
        assert_eq!(take_level(&mut text), Some(Level::Senior));
        assert_eq!(text.as_deref(), Some("The body."));

        let mut alone = Some("Level: junior".to_string());
        assert_eq!(take_level(&mut alone), Some(Level::Junior));
        assert_eq!(alone, None);

        let mut later = Some("Text first.\nLevel: junior".to_string());
        assert_eq!(take_level(&mut later), None);
        assert_eq!(later.as_deref(), Some("Text first.\nLevel: junior"));
    }

    #[test]
    fn a_section_heading_names_one_level_by_a_whole_word() {
        let cases = [
            ("Junior", Some(Level::Junior)),
            ("Senior questions python:", Some(Level::Senior)),
            ("Вопросы для мидла", Some(Level::Middle)),
            ("Middle+ / Python", Some(Level::Middle)),
            ("Собеседование на сеньора", Some(Level::Senior)),
            ("Junior-level basics", Some(Level::Junior)),
            ("Middleware in Django", None),
            ("Мидлвары", None),
            ("Junior vs Senior", None),
            ("Основы Python", None),
            ("Man-in-the-middle attacks", None),
            ("Middle-tier caching", None),
            ("The middle of the array", None),
            ("Middle management", None),
            ("Mid-level questions", Some(Level::Middle)),
            ("Сеньёрские вопросы", Some(Level::Senior)),
            ("Джуновские задачи", Some(Level::Junior)),
            ("Миддл", Some(Level::Middle)),
        ];
        for (heading, want) in cases {
            assert_eq!(section_level(heading), want, "{heading}");
        }
    }

    #[test]
    fn a_tag_in_brackets_gives_a_question_its_level() {
        let cases = [
            ("What is MVCC? [Senior]", Some(Level::Senior)),
            ("What is a decorator? (junior)", Some(Level::Junior)),
            ("Что такое GIL? [уровень: мидл]", Some(Level::Middle)),
            ("Explain the GIL (Level: Middle+)", Some(Level::Middle)),
            ("(Senior) How would you shard a table?", Some(Level::Senior)),
            ("How does asyncio work (see the Junior part)?", None),
            ("What does f(x) return?", None),
            ("What is middleware (in Django)?", None),
            ("Tagged twice? [Junior] [Senior]", None),
            ("A senior engineer's view of logging?", None),
            ("Why does `arr[middle]` loop forever?", None),
            ("What does levels[senior] hold?", None),
            ("Explain sharding [Sr]", Some(Level::Senior)),
            ("What is a B-tree? [Mid]", Some(Level::Middle)),
            ("Что такое GIL? (для джунов)", Some(Level::Junior)),
        ];
        for (question, want) in cases {
            assert_eq!(tagged_level(question), want, "{question}");
        }
    }

    #[test]
    fn a_level_tag_at_the_end_is_taken_off_for_the_question_mark() {
        assert_eq!(
            without_level_tag("What is a dict? (junior)"),
            "What is a dict?"
        );
        assert_eq!(
            without_level_tag("**What is MVCC? [Senior]**"),
            "**What is MVCC?"
        );
        assert_eq!(without_level_tag("What does f(x) do"), "What does f(x) do");
        assert_eq!(
            without_level_tag("Sharding (see above)"),
            "Sharding (see above)"
        );
    }

    #[test]
    fn names_sort_as_levels_do() {
        // The store selects "at or below" by comparing the stored names as text.
        let mut by_name = Level::ALL;
        by_name.sort_by_key(|l| l.as_str());
        assert_eq!(by_name, Level::ALL);
        assert!(Level::Junior < Level::Middle && Level::Middle < Level::Senior);
    }
}
