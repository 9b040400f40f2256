//! Line classification for the deck parser: pure prefix scanning, no allocation.
//!
//! Each function looks at one line (already stripped of its line ending and trailing
//! whitespace) and says what Markdown construct it opens, if any. The parser's state
//! machine decides what that means in context.

use std::borrow::Cow;

/// Columns of leading whitespace (a tab counts to the next multiple of 4) and the rest.
pub(super) fn split_indent(line: &str) -> (usize, &str) {
    let mut cols = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => return (cols, &line[i..]),
        }
    }
    (cols, "")
}

/// Drops up to `cols` columns of leading whitespace, keeping any deeper indentation.
pub(super) fn dedent(line: &str, cols: usize) -> &str {
    let mut seen = 0;
    for (i, b) in line.bytes().enumerate() {
        if seen >= cols {
            return &line[i..];
        }
        match b {
            b' ' => seen += 1,
            b'\t' => seen += 4 - seen % 4,
            _ => return &line[i..],
        }
    }
    ""
}

/// An ATX heading: `## Text`, at most three spaces of indentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Heading<'a> {
    pub level: usize,
    pub text: &'a str,
}

/// Recognises `#`…`######` headings; strips an optional closing `###` sequence.
pub(super) fn heading(line: &str) -> Option<Heading<'_>> {
    let (indent, rest) = split_indent(line);
    if indent > 3 || !rest.starts_with('#') {
        return None;
    }
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = after.trim();
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() {
        text = "";
    } else if without_closing.len() < text.len() && without_closing.ends_with([' ', '\t']) {
        text = without_closing.trim_end();
    }
    // A second marker after the first (`## # 1. INTRODUCTION`, as learning-zone's guides mark
    // their sections among `## Q. …` questions) makes a heading one level above its own.
    if let Some(inner) = text.strip_prefix("# ").map(str::trim_start)
        && level > 1
        && leading_number(inner).is_some_and(|(_, title)| !ends_with_question_mark(title))
    {
        return Some(Heading {
            level: level - 1,
            text: without_anchor(inner),
        });
    }
    Some(Heading {
        level,
        text: without_anchor(text),
    })
}

/// Heading text without an empty anchor before or after it (`<a name="q1"></a>1. What is a
/// list?`, `<a id="gil"/>`), which a reader never sees. (A heading that is a link stays one:
/// `### [Why is Go so fast?](…)` under `## Further reading` points to an article.)
fn without_anchor(text: &str) -> &str {
    let text = trailing_anchor(text).map_or(text, str::trim_end);
    // Pandoc's and Hugo's attributes after a heading (`What is a Pod? {#what-is-a-pod}`).
    let text = match text.rfind(" {") {
        Some(at) if text.ends_with('}') && text[at + 2..].starts_with(['#', '.']) => {
            text[..at].trim_end()
        }
        _ => text,
    };
    named(leading_anchor(without_top_link(text)))
}

/// Heading text without a link back to the top before it (`[[⬆]](#toc) General`, `[↑](#top)`),
/// a label of symbols only.
fn without_top_link(text: &str) -> &str {
    match in_page_link(text) {
        Some((label, after)) if !label.chars().any(char::is_alphanumeric) => after,
        _ => text,
    }
}

/// A link within the page that opens `text` (`[CSS](#css) …`): its label and the text after
/// it.
fn in_page_link(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('[')?;
    let at = inner.find("](#")?;
    let (label, rest) = (&inner[..at], &inner[at + 3..]);
    let end = rest.find(')')?;
    Some((label, rest[end + 1..].trim_start()))
}

/// A topic heading that is all a link within the page (`## [CSS](#css)`): its label. (As a
/// question it stays a link: a table of contents lists `### [1. What is Docker?](#…)` above
/// the question itself. A link elsewhere names an article.)
fn linked_topic(text: &str) -> &str {
    match in_page_link(text) {
        Some((label, "")) if !label.contains(['[', ']']) => label.trim(),
        _ => text,
    }
}

/// The text of a heading written inside a named anchor or span (`<a name="q1">1. Что такое
/// JVM?</a>`, `<span id="async">Асинхронность</span>`), a target for links, not a link.
fn named(text: &str) -> &str {
    for tag in ["a", "span"] {
        let Some(open) = text
            .strip_prefix('<')
            .and_then(|t| t.strip_prefix(tag))
            .and_then(|t| t.strip_prefix(' '))
        else {
            continue;
        };
        let close = format!("</{tag}>");
        let Some((attributes, rest)) = open.split_once('>') else {
            continue;
        };
        if let Some(inner) = rest.strip_suffix(close.as_str())
            && !attributes.contains("href")
            && !inner.contains('<')
            && !inner.trim().is_empty()
        {
            return inner.trim();
        }
    }
    text
}

/// The text before an empty anchor that ends it (`What does defer do? <a name="defer"></a>`).
fn trailing_anchor(text: &str) -> Option<&str> {
    let at = text.rfind("<a ")?;
    let tag = &text[at..];
    let closed = tag.ends_with("</a>") && tag.find('>')? + 1 == tag.len() - "</a>".len();
    (closed || (tag.ends_with("/>") && !tag[..tag.len() - 2].contains('>'))).then(|| &text[..at])
}

fn leading_anchor(text: &str) -> &str {
    let Some(tag) = text.strip_prefix("<a ") else {
        return text;
    };
    let Some((attributes, rest)) = tag.split_once('>') else {
        return text;
    };
    let rest = if attributes.ends_with('/') {
        Some(rest)
    } else {
        rest.strip_prefix("</a>")
    };
    rest.map_or(text, str::trim_start)
}

/// An open code fence: its character and length, so only a matching fence closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fence {
    ch: u8,
    len: usize,
}

/// Recognises a fence opening (```` ```go ````, `~~~`), at any indentation; says whether it
/// carries an info string (`go`).
pub(super) fn fence_open_info(line: &str) -> Option<(Fence, bool)> {
    let rest = line.trim_start();
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    if len < 3 {
        return None;
    }
    // A backtick fence's info string cannot hold backticks: "```x```" is inline code.
    if ch == b'`' && rest[len..].contains('`') {
        return None;
    }
    Some((Fence { ch, len }, !rest[len..].trim().is_empty()))
}

/// A quiz's options written as a task list with the right ones ticked (`- [ ] 3` / `- [x] 2`,
/// the LinkedIn skill-assessment quizzes): the text without the boxes, the options for the
/// front, and the ticked ones, the answer. Found as the first run of boxed items in `text`,
/// one ticked at least and one not, where the question `chooses` (a guide of such quizzes,
/// or its words in a guide of two ticked lists or more: [`one_ticked_runs`]). (A study list ticks what was done: `- [x] B-tree` /
/// `- [x] Hash` / `- [ ] GIN` under `Что такое индекс?`.) Returns the text before the run,
/// the options, the ticked ones and the text after.
pub(super) fn ticked_options(
    text: &str,
    chooses: bool,
) -> Option<(String, String, String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| boxed(l).is_some())?;
    let end = start
        + lines[start..]
            .iter()
            .take_while(|l| boxed(l).is_some())
            .count();
    let items: Vec<(bool, &str)> = lines[start..end].iter().filter_map(|l| boxed(l)).collect();
    let ticked: Vec<&str> = items.iter().filter(|i| i.0).map(|i| i.1).collect();
    let quiz = chooses && ticked.len() < items.len();
    if !quiz || ticked.is_empty() || ticked.len() == items.len() {
        return None;
    }
    let options: Vec<String> = items.iter().map(|(_, text)| format!("- {text}")).collect();
    Some((
        lines[..start].join("\n").trim_end().to_string(),
        options.join("\n"),
        ticked.join("\n"),
        lines[end..].join("\n").trim().to_string(),
    ))
}

/// An item of a task list: whether its box is ticked, and its text.
fn boxed(line: &str) -> Option<(bool, &str)> {
    let item = bullet_item(line.trim_start())?;
    match item.get(..4)? {
        "[ ] " => Some((false, item[4..].trim())),
        "[x] " | "[X] " => Some((true, item[4..].trim())),
        _ => None,
    }
}

/// How a guide ticks its task lists: whether it is a quiz of ticked options (two runs of
/// boxes or more tick exactly one of three or more, and they are most of its runs with a
/// tick; a study tracker ticks what was done, as many as it may), and how many runs tick
/// anything.
pub(super) fn one_ticked_runs(lines: &[&str]) -> (bool, usize) {
    let (mut single, mut ticked) = (0, 0);
    let mut run: Vec<bool> = Vec::new();
    for line in lines.iter().chain(std::iter::once(&"")) {
        match boxed(line) {
            Some((tick, _)) => run.push(tick),
            None if !run.is_empty() => {
                let ticks = run.iter().filter(|t| **t).count();
                ticked += usize::from(ticks > 0);
                single += usize::from(ticks == 1 && run.len() >= 3);
                run.clear();
            }
            None => {}
        }
    }
    (single >= 2 && single * 2 > ticked, ticked)
}

/// Whether a question asks to choose among options (`Which …`, `Select all …`, `Choose`,
/// `Какие …`, `Выберите …`, `Отметьте …`).
pub(super) fn chooses(question: &str) -> bool {
    const WORDS: [&str; 12] = [
        "which",
        "select",
        "choose",
        "pick",
        "какой",
        "какая",
        "какое",
        "какие",
        "каких",
        "выберите",
        "отметьте",
        "укажите",
    ];
    question
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w))
}

/// Whether `line` closes `fence`: the same character, at least as long, nothing after it.
pub(super) fn fence_closes(fence: Fence, line: &str) -> bool {
    let rest = line.trim();
    let len = rest.bytes().take_while(|&b| b == fence.ch).count();
    len >= fence.len && len == rest.len()
}

/// A thematic break: `---`, `***`, `___` (spaces allowed between the characters).
pub(super) fn is_rule(line: &str) -> bool {
    let rest = line.trim();
    let Some(&first) = rest.as_bytes().first() else {
        return false;
    };
    if !matches!(first, b'-' | b'*' | b'_') {
        return false;
    }
    let mut count = 0;
    for b in rest.bytes() {
        if b == first {
            count += 1;
        } else if b != b' ' && b != b'\t' {
            return false;
        }
    }
    count >= 3
}

/// An ordered-list item `12. text` or `12) text` (no indentation in `rest`).
pub(super) fn numbered_item(rest: &str) -> Option<(u32, &str)> {
    // A dot escaped as converters from Notion and Google Docs write it (`1\. Text`) reads
    // as an item's to the reader.
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let after = &rest[digits..];
    let after = after
        .strip_prefix('.')
        .or_else(|| after.strip_prefix(')'))
        .or_else(|| after.strip_prefix("\\."))?;
    if !(after.is_empty() || after.starts_with([' ', '\t', '\u{a0}'])) {
        return None;
    }
    let number = rest[..digits].parse().ok()?;
    Some((number, after.trim()))
}

/// A bullet item `- text`, `* text` or `+ text` (no indentation in `rest`): some authors
/// list follow-ups this way; they are numbered in order.
pub(super) fn bullet_item(rest: &str) -> Option<&str> {
    let after = rest
        .strip_prefix("- ")
        .or_else(|| rest.strip_prefix("* "))
        .or_else(|| rest.strip_prefix("+ "))?;
    Some(after.trim())
}

/// Case-insensitive `starts_with` that returns the remainder; works for Cyrillic. `word`
/// is in lower case (every word list here is), so only the text's letters are mapped.
pub(super) fn strip_prefix_ci<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for expected in word.chars() {
        let (_, c) = chars.next()?;
        // Exact match first, then ASCII, then Russian's capitals: case mapping is a table
        // lookup per character (most of this function's time in a large import), and the
        // labels we look for are ASCII or Cyrillic, never one cased as the other.
        let same = c == expected
            || match (c.is_ascii(), expected.is_ascii()) {
                (true, true) => c.eq_ignore_ascii_case(&expected),
                (false, false) => match c {
                    'А'..='Я' => char::from_u32(c as u32 + 0x20) == Some(expected),
                    'а'..='я' => false,
                    _ => c.to_lowercase().eq(std::iter::once(expected)),
                },
                _ => false,
            };
        if !same {
            return None;
        }
    }
    Some(chars.next().map_or("", |(i, _)| &s[i..]))
}

/// Marker texts that introduce the follow-up list, lower case, without colon or emphasis.
const FOLLOW_UP_MARKERS: [&str; 11] = [
    "углубляющие вопросы",
    "уточняющие вопросы",
    "дополнительные вопросы",
    "follow-up вопросы",
    "follow up вопросы",
    "follow-up questions",
    "follow up questions",
    "followup questions",
    "follow-ups",
    "followups",
    "follow-up",
];

/// Titles of follow-up lists that only a label line opens (`**Вопросы с подвохом:**`), never
/// a heading and never alone telling what a document is: as a section's title (`##
/// Вопросы с подвохом`) they name main questions.
const LABEL_ONLY_MARKERS: [&str; 10] = [
    "доп. вопросы",
    "доп вопросы",
    "вопросы на засыпку",
    "вопросы с подвохом",
    "вопросы вдогонку",
    "подвопросы",
    "каверзные вопросы",
    "что ещё могут спросить",
    "что еще могут спросить",
    "additional questions",
];

/// The line that opens a follow-up list inside a question: `**Углубляющие вопросы:**`,
/// `**Follow-ups**:`, `Follow-up questions:` and so on, in any case, or one of those with a
/// word or two more ([`qualified_marker`]).
pub(super) fn is_follow_up_marker(line: &str) -> bool {
    follow_up_marker(line, true)
}

/// A follow-up marker as written exactly (no words around it): only these tell what a
/// whole document is (its text under question headings is then their body, and a marker
/// outside a question is a mistake). A qualified one is a question's own affair, and so is
/// the singular `Follow-up`, which guides write over one deeper question under an answer.
pub(super) fn is_exact_follow_up_marker(line: &str) -> bool {
    let s = line
        .trim()
        .trim_start_matches(['#', ' '])
        .trim_matches(['*', '_', ':']);
    strip_prefix_ci(s.trim(), "follow-up") != Some("") && follow_up_marker(line, false)
}

fn follow_up_marker(line: &str, qualified: bool) -> bool {
    let line = line.trim();
    let s = line.trim_start_matches(['#', ' ']);
    // The longest accepted form is well under this; skip the work on ordinary prose.
    if s.len() > 100 {
        return false;
    }
    // Qualified, a marker must read as a label: in bold or ending in a colon, and not a
    // list item or a section's heading.
    let titled = !line.starts_with('#')
        && (s.starts_with("**")
            || s.starts_with("__")
            || s.trim_end_matches(['*', '_']).ends_with(':'));
    let s = s.trim_matches(['*', '_']);
    let s = s.strip_suffix(':').unwrap_or(s);
    let s = s.trim_end_matches(['*', '_']).trim();
    FOLLOW_UP_MARKERS
        .iter()
        .any(|m| strip_prefix_ci(s, m) == Some(""))
        || (qualified
            && titled
            && s.starts_with(char::is_alphabetic)
            && (qualified_marker(s)
                || LABEL_ONLY_MARKERS
                    .iter()
                    .any(|m| strip_prefix_ci(s, m) == Some(""))))
}

/// A marker of several words, or a plural, with a word or two around it, as authors write
/// them: `Возможные уточняющие вопросы`, `Follow-up questions to expect`, `Possible
/// follow-ups`, `Углубляющие вопросы (для продвинутых)`. A title, not a sentence: no `?`,
/// at most two words besides the marker's own, a trailing `(…)` aside.
fn qualified_marker(s: &str) -> bool {
    if s.contains('?') {
        return false;
    }
    // Most lines name no questions at all: skip them before splitting into words.
    let lower = s.to_lowercase();
    if !(lower.contains("вопрос") || lower.contains("question") || lower.contains("follow")) {
        return false;
    }
    let s = lower.as_str();
    let s = match s.find('(') {
        Some(i) if s.ends_with(')') => s[..i].trim_end(),
        _ => s,
    };
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .collect();
    // Of the one-word markers, the plurals (`Possible follow-ups`): `Follow-up` alone may
    // open a sentence.
    FOLLOW_UP_MARKERS
        .iter()
        .filter(|m| m.contains(' ') || m.ends_with('s'))
        .any(|m| {
            let marker: Vec<&str> = m.split(' ').collect();
            words.len() <= marker.len() + 2
                && words.windows(marker.len()).any(|w| w == marker.as_slice())
        })
}

/// Labels of one follow-up written on the label's own line. The first that matches is the
/// one read, so none is a prefix of a label after it.
const FOLLOW_UP_LABELS: [&str; 12] = [
    "follow-up question",
    "follow up question",
    "followup question",
    "follow-up вопрос",
    "follow up вопрос",
    "follow-up",
    "follow up",
    "followup",
    "углубляющий вопрос",
    "уточняющий вопрос",
    "дополнительный вопрос",
    "доп. вопрос",
];

/// One follow-up question written after its label on one line at the margin, as guides
/// that ask a single deeper question under each main one do: `**Follow-up:** When is an
/// index slower?`, `*Уточняющий вопрос:* …?`, `Follow-up question: …?`. Returns the
/// question, without emphasis around it; it must end with `?` (a `Follow-up: see the docs`
/// is a remark), a closing quote aside.
pub(super) fn inline_follow_up(line: &str) -> Option<&str> {
    let (indent, rest) = split_indent(line);
    if indent > 1 {
        return None;
    }
    let (_, text) = qa_label(rest, &FOLLOW_UP_LABELS)?;
    let text = ["**", "__", "*", "_"]
        .iter()
        .find_map(|m| text.strip_prefix(m)?.strip_suffix(m))
        .map_or(text, str::trim);
    let asks = text
        .trim_end_matches(['"', '\'', '”', '»', ')'])
        .ends_with('?');
    (asks && !text.starts_with(['*', '_'])).then_some(text)
}

/// Labels that open an answer block (`**Ответ:**`), and the titles of answer sub-headings
/// (`### Короткий ответ`).
/// The short ones (`Отв.:`, `Ans:`) come last, after the words they begin. A letter alone
/// (`A:`) labels answers only in a document of `Q:`/`A:` pairs ([`ANSWER_WORDS`]):
/// elsewhere it is as often a lettered option (`A: "null"` / `B: "object"`) or a record.
const ANSWER_LABELS: [&str; 15] = [
    "ответ",
    "правильный ответ",
    "верный ответ",
    "correct answer",
    "короткий ответ",
    "краткий ответ",
    "архитектура решения",
    "решение",
    "answer",
    "short answer",
    "sample answer",
    "model answer",
    "solution",
    "отв.",
    "ans",
];

/// Labels of an answer that as often explain one given above (`**Answer: B**` /
/// `**Explanation:** …`): they answer only right under the question ([`explains`]).
const EXPLANATION_LABELS: [&str; 11] = [
    "развёрнутый ответ",
    "развернутый ответ",
    "подробный ответ",
    "ожидаемый ответ",
    "что хотим услышать",
    "разбор",
    "пояснение",
    "объяснение",
    "expected answer",
    "example answer",
    "explanation",
];

/// Whether a sub-heading's text names an answer section: `Короткий ответ`, `Answer`.
pub(super) fn is_answer_heading(text: &str) -> bool {
    let s = text.trim_matches(['*', '_', ' ']);
    let s = s
        .strip_suffix(':')
        .unwrap_or(s)
        .trim_end_matches(['*', '_', ' ']);
    ANSWER_LABELS
        .iter()
        .chain(&EXPLANATION_LABELS)
        .any(|w| strip_prefix_ci(s, w) == Some(""))
}

/// An answer label at the start of `rest` (`**Ответ:**`, `**Answer**:`, `Answer:`, `*Ответ:*`,
/// or a bold `**Answer**` alone on its line), maybe after an emoji (`✅ Ответ:`, `💡 **Ответ:**`)
/// and with an aside before its colon (`**Ответ (кратко):**`); returns the text after the
/// label on the same line.
pub(super) fn answer_label(rest: &str) -> Option<&str> {
    labelled(rest, &ANSWER_LABELS, false).or_else(|| {
        labelled(rest, &ANSWER_LABELS, true).or_else(|| labelled(rest, &EXPLANATION_LABELS, true))
    })
}

/// Whether `rest` opens with an answer label that answers only right under its question
/// ([`EXPLANATION_LABELS`], or a label with a dash for its colon, `Ответ — …`): after text
/// of the question's own, or inside an answer, it is part of that text.
pub(super) fn explains(rest: &str) -> bool {
    labelled(rest, &ANSWER_LABELS, false).is_none() && answer_label(rest).is_some()
}

/// [`answer_label`] with one of `words`; `dashed`: a spaced dash may stand for a plain
/// label's colon.
fn labelled<'a>(rest: &'a str, words: &[&str], dashed: bool) -> Option<&'a str> {
    let (mark, s) = emphasis_open(without_symbols(rest));
    let s = without_symbols(s);
    let (word, after) = words
        .iter()
        .find_map(|w| Some((w, strip_prefix_ci(s, w)?)))?;
    let after = without_aside(after);
    // In bold, a dot or a dash may stand for the colon (`**Ответ.**`, `**Answer -**`).
    let bold_end = |a: &'a str| {
        a.strip_prefix([':', '.']).or_else(|| {
            a.trim_start_matches(' ')
                .strip_prefix(['-', '–', '—'])
                .map(|a| a.trim_start_matches(' '))
        })
    };
    let after = match mark {
        // The short words may end in a dot instead (`Ans. …`; `Отв.` has its own).
        "" if *word == "ans" => after.strip_prefix([':', '.'])?,
        "" if word.ends_with('.') => after.strip_prefix(':').unwrap_or(after),
        // Or a spaced dash (`Ответ — …`).
        "" => after.strip_prefix(':').or_else(|| {
            after
                .strip_prefix(' ')?
                .trim_start()
                .strip_prefix(['—', '–'])
                .filter(|a| dashed && a.starts_with(' '))
        })?,
        // The colon may be left out of a label alone on its line (`**Answer**`).
        "**" | "__" if after.trim_end() == mark => return Some(""),
        "**" | "__" => bold_end(after)
            .and_then(|a| a.strip_prefix(mark))
            .or_else(|| after.strip_prefix(mark)?.strip_prefix(':'))
            .or_else(|| short_bold_answer(after, mark))?,
        // Italics hold the colon (`*Ответ:*`), as in `qa_label`.
        _ => after.strip_prefix(':')?.strip_prefix(mark)?,
    };
    if !(after.is_empty() || after.starts_with([' ', '\t', '\u{a0}'])) {
        return None;
    }
    // A dash after the label is no part of the answer (`**Ответ:** — текст`).
    Some(without_dash(after.trim()))
}

/// The answer held in a bold label that is the whole line, a few words at most (`**Answer:
/// b**`, `**Ответ: б**`): a quiz's key. (Not a sentence that goes on after the bold,
/// `**Answer: it depends** on the load`.)
fn short_bold_answer<'a>(after: &'a str, mark: &str) -> Option<&'a str> {
    let inner = after.strip_prefix(':')?.trim_end().strip_suffix(mark)?;
    // A key, not a sentence: no full stop (`**Answer: amortized.** Worst case …`).
    let short = !inner.contains(mark)
        && !inner.ends_with('.')
        && (1..=4).contains(&inner.split_whitespace().count());
    short.then_some(inner)
}

/// Whether `rest` is a quiz's key in a bold label, the whole line (`**Answer: b**`): it
/// answers right under its question or under options, and is text after other text (`…
/// пишут в HAVING.` / `**Ответ: нет**`, where the text above is the answer's).
pub(super) fn is_short_key(rest: &str) -> bool {
    let (mark, s) = emphasis_open(without_symbols(rest));
    if !matches!(mark, "**" | "__") {
        return false;
    }
    let s = without_symbols(s);
    ANSWER_LABELS.iter().any(|w| {
        strip_prefix_ci(s, w)
            .map(without_aside)
            .and_then(|after| short_bold_answer(after, mark))
            .is_some()
    })
}

/// Where the last paragraph of `lines` is: its lines up to the last that says something,
/// from the blank line before them (empty when there is none).
pub(super) fn last_paragraph(lines: &[&str]) -> std::ops::Range<usize> {
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let start = lines[..end]
        .iter()
        .rposition(|l| l.trim().is_empty())
        .map_or(0, |i| i + 1);
    start..end
}

/// Whether the last paragraph of `lines` is a quiz's options: lettered (`a) …`, `B. …`,
/// `- A: …`) or numbered (`1. Network`), each line.
pub(super) fn ends_with_options(lines: &[&str]) -> bool {
    let std::ops::Range { start, end } = last_paragraph(lines);
    end > start
        && lines[start..end].iter().all(|l| {
            let t = l.trim();
            let t = bullet_item(t).unwrap_or(t);
            letters_option(t) || numbered_item(t).is_some()
        })
}

/// The emphasis that opens `rest` (`**`, `__`, `*`, `_`, right against its text: `* Q:` is a
/// list item) and the text after it; `""` and `rest` when there is none.
fn emphasis_open(rest: &str) -> (&'static str, &str) {
    ["**", "__", "*", "_"]
        .iter()
        .find_map(|&m| {
            let s = rest.strip_prefix(m)?;
            (!s.starts_with([' ', '\t'])).then_some((m, s))
        })
        .unwrap_or(("", rest))
}

/// `text` without the emoji and other symbols a label may start with (`✅ `, `❓ `, `💡`,
/// `👉 `), and the spaces after them. Only characters outside ASCII that are neither letters
/// nor digits: Markdown's own marks stay.
pub(super) fn without_symbols(text: &str) -> &str {
    let rest = text.trim_start_matches(is_pictograph);
    if rest.len() == text.len() {
        text
    } else {
        rest.trim_start_matches([' ', '\t'])
    }
}

/// Whether a character is an emoji or a pictograph (`✅`, `❓`, `💡`, `👉`, `⭐`) or joins one
/// (a variation selector, the zero-width joiner); quotes, bullets and dashes are not.
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21FF}' | '\u{2300}'..='\u{23FF}' | '\u{2600}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}' | '\u{FE0F}' | '\u{200D}'
        | '\u{20E3}')
}

/// Whether a `<details>` summary names what it hides as a hint (`💡 Hint`, `Show hint`,
/// `Подсказка`): the front's, not the answer.
pub(super) fn names_a_hint(summary: &str) -> bool {
    const LABELS: [&str; 7] = [
        "hint",
        "hints",
        "show hint",
        "show a hint",
        "подсказка",
        "подсказки",
        "показать подсказку",
    ];
    // The label alone, an emoji, a number or a colon aside (`💡 Hint 2:`); not a summary that
    // only mentions one (`Example hint`).
    let lower = without_symbols(summary.trim()).to_lowercase();
    let label =
        lower.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ':' | '.' | ' ' | '#'));
    LABELS.contains(&label)
}

/// Whether a `<details>` summary names what it hides as an answer: `Answer`, `Show answer`,
/// `Ответ`, `Показать ответ`, `Solution`.
pub(super) fn names_an_answer(summary: &str) -> bool {
    let lower = summary.to_lowercase();
    ["answer", "ответ", "solution", "решение"]
        .iter()
        .any(|w| lower.contains(w))
}

/// A short aside in parentheses after a label's word (`Ответ (кратко)`, `Answer (short)`)
/// taken out: the text after it.
fn without_aside(after: &str) -> &str {
    let Some(inner) = after.trim_start_matches(' ').strip_prefix('(') else {
        return after;
    };
    match inner.split_once(')') {
        Some((aside, rest)) if aside.chars().count() <= 30 && !aside.contains(['(', '*']) => rest,
        _ => after,
    }
}

/// Words that label an answer in a document of question/answer pairs (`A:`, `**A:**`, `Ответ:`), longest first.
pub(super) const ANSWER_WORDS: [&str; 5] = ["answer", "ответ", "отв.", "ans", "a"];

/// A question or answer label at the start of `rest`: one of `words`, bold, italic or
/// plain, maybe numbered, then a colon (`Q:`, `**Q:**`, `**Q**:`, `*A:*`, `Answer:`) or,
/// after a number, a dot or a parenthesis (`Q1.`, `**Q12)**`). Returns the number, if any,
/// and the text after it.
pub(super) fn qa_label<'a>(rest: &'a str, words: &[&str]) -> Option<(Option<&'a str>, &'a str)> {
    // An emoji may come first, outside the emphasis or inside it (`❓ Вопрос:`, `**❓ Q:**`).
    let (mark, s) = emphasis_open(without_symbols(rest));
    let s = without_symbols(s);
    let bold = !mark.is_empty();
    let (word, s) = words
        .iter()
        .find_map(|w| Some((w, strip_prefix_ci(s, w)?)))?;
    // A word's number may stand apart from it (`Question 1:`, `Вопрос 2.`) or after a sign
    // (`Вопрос №1:`, `Question #2:`); a letter's may not (`Q 1` is no label).
    let s = match s.trim_start_matches(' ') {
        spaced if word.len() > 1 => {
            let signed = spaced
                .strip_prefix(['№', '#'])
                .map_or(spaced, |n| n.trim_start_matches(' '));
            if signed.starts_with(|c: char| c.is_ascii_digit()) {
                signed
            } else {
                s
            }
        }
        // A letter's number may follow a dot (`Q.1 What is OOP?`, Indian tutorial sites).
        _ => s,
    };
    let dotted = word.len() == 1
        && s.strip_prefix('.')
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
    let s = if dotted { &s[1..] } else { s };
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, s) = s.split_at(digits);
    let number = (!number.is_empty()).then_some(number);
    let punct = |s: &'a str| match s.strip_prefix(':') {
        Some(t) => Some(t),
        // `Q.1 What is …?`: the dot before the number stands for the one after it.
        None if number.is_some() => s.strip_prefix(['.', ')']).or(dotted.then_some(s)),
        // A word in bold may end with a dot (`**Ответ.**`); a letter may not (`**A.**`
        // letters an option).
        None if bold && word.len() > 1 => s.strip_prefix('.'),
        // `Ans.` is as common as `Ans:`.
        None if *word == "ans" => s.strip_prefix('.'),
        None => None,
    };
    let close = |s: &'a str| if bold { s.strip_prefix(mark) } else { Some(s) };
    // The emphasis may close after the colon or before it (`**Q:**`, `**Q**:`), or hold the
    // whole line (`**Q: What is LRU?**`, `*Q: What is hoisting?*`).
    // Italics must hold the colon (`*A:*`): `*Q*: the query matrix` is a variable named.
    let closed_first = || {
        (mark.len() != 1)
            .then(|| close(s).and_then(punct))
            .flatten()
    };
    let after = match punct(s).and_then(close).or_else(closed_first) {
        Some(after) => after,
        None if bold => punct(s)?.strip_suffix(mark)?,
        None => return None,
    };
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((number, after.trim()))
}

/// Words a page's footer is made of: asking to follow, star or share, naming its author or
/// its date, thanking the reader. Stems, matched at the start of a word; the short English
/// ones whole (`star`, not `start`).
const FOOTER_STEMS: [&str; 15] = [
    "подпис",
    "subscrib",
    "поделит",
    "автор",
    "author",
    "обновл",
    "contribut",
    "лиценз",
    "licens",
    "канал",
    "channel",
    "telegram",
    "телеграм",
    "спасиб",
    "thank",
];
const FOOTER_WORDS: [&str; 6] = ["star", "follow", "share", "issue", "updated", "удачи"];

/// Whether a line reads as a page's footer rather than as text of an answer: it links, names
/// a handle, carries an emoji, is all in emphasis (`*Last updated: March 2024*`), or speaks
/// of following, stars, authors and thanks ([`FOOTER_WORDS`], [`FOOTER_STEMS`]).
pub(super) fn reads_as_footer(line: &str) -> bool {
    let line = line.trim();
    // Code is an answer's (`@property`, a channel in Go).
    if line.contains('`') {
        return false;
    }
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    if words
        .iter()
        .any(|w| FOOTER_SIGNS.iter().any(|s| w.starts_with(s)))
    {
        return true;
    }
    // Otherwise two signs of these: one alone is as often an answer's.
    let emphasised = ["*", "_"]
        .iter()
        .any(|m| line.len() > 2 && line.starts_with(m) && line.ends_with(m));
    let signs = [
        emphasised,
        line.contains("](") || lower.contains("http"),
        line.split_whitespace()
            .any(|w| w.starts_with('@') && w.len() > 1),
        line.chars().any(is_pictograph),
        words.iter().any(|word| {
            FOOTER_WORDS.contains(word) || FOOTER_STEMS.iter().any(|s| word.starts_with(s))
        }),
    ];
    signs.iter().filter(|&&s| s).count() >= 2
}

/// Whether a line thanks the reader for reading, as a post's closing words do (`Thanks 🙌
/// for reading`, `Спасибо, что дочитали`, `Спасибо за внимание`); not `thanks to the proxy`.
pub(super) fn thanks_for_reading(line: &str) -> bool {
    let lower = line.to_lowercase();
    (lower.contains("thank") && (lower.contains("for reading") || lower.contains("for watching")))
        || (lower.contains("спасибо")
            && ["прочтение", "чтение", "внимание", "дочитал"]
                .iter()
                .any(|w| lower.contains(w)))
}

/// Stems that alone make a footer: asking to subscribe or to save the page.
const FOOTER_SIGNS: [&str; 4] = ["подпис", "subscrib", "сохраняйте", "дочитал"];

/// Whether a line (its indentation taken off) starts a block of its own, rather than going
/// on with the paragraph above: a list item, a code fence, HTML, a table, a quote.
pub(super) fn starts_block(rest: &str) -> bool {
    numbered_item(rest).is_some()
        || bullet_item(rest).is_some()
        || fence_open_info(rest).is_some()
        || rest.starts_with(['<', '|', '>', '#'])
}

/// Whether the line `rest` (its indentation taken off) goes on with the question `text`
/// above it, written over several lines: only while the question has not ended (a `?`), and
/// when the line starts nothing of its own (a block, an answer label).
pub(super) fn continues_item(text: &str, rest: &str) -> bool {
    !ends_with_question_mark(text) && !starts_block(rest) && answer_label(rest).is_none()
}

/// Whether a list question that requests (`Назовите виды тестирования.`, `Протестируйте
/// карандаш.`, `Severity vs Priority — приведите пример …`) has ended at its full stop, the
/// line `rest` under it neither asking on nor leading in: in a section whose questions are
/// answered, that line is its answer. (In Russian any imperative will do.)
pub(super) fn request_ended(text: &str, rest: &str) -> bool {
    let clause = text.rsplit(" — ").next().unwrap_or(text);
    let russian_imperative = clause
        .split_whitespace()
        .next()
        .map(|w| w.trim_end_matches(',').to_lowercase())
        .is_some_and(|w| w.chars().count() > 4 && (w.ends_with("ите") || w.ends_with("йте")));
    // A task to code goes on with its condition (`Implement debounce.` / `Signature: …`).
    const TASKS: [&str; 10] = [
        "implement",
        "write",
        "design",
        "create",
        "build",
        "напишите",
        "реализуйте",
        "спроектируйте",
        "создайте",
        "разработайте",
    ];
    let first = clause
        .split_whitespace()
        .next()
        .map(|w| w.trim_end_matches(',').to_lowercase())
        .unwrap_or_default();
    text.trim_end().ends_with(['.', '!'])
        && (imperative(clause) || russian_imperative)
        && !TASKS.contains(&first.as_str())
        && !ends_with_question_mark(rest)
        && !rest.trim_end().ends_with(':')
}

/// Whether a heading asks: its text ends with a question mark, emphasis and what authors put
/// after the mark aside: a tag (`[Junior]`, `(Middle)`), an emoji (`What is MVCC? 🔥`).
pub(super) fn asks_before_tags(text: &str) -> bool {
    let mut text = text.trim_end_matches(['*', '_', ' ']);
    loop {
        let bracketed = [('[', ']'), ('(', ')')].iter().find_map(|&(open, close)| {
            let inner = text.strip_suffix(close)?;
            Some(inner[..inner.rfind(open)?].trim_end())
        });
        // Spaces and symbols (emoji) go; letters, digits and punctuation stay.
        let shorter = bracketed.unwrap_or(text).trim_end_matches(|c: char| {
            !(c.is_alphanumeric() || c.is_ascii_punctuation() || c == '？')
        });
        if shorter.len() == text.len() {
            break;
        }
        text = shorter.trim_end_matches(['*', '_', ' ']);
    }
    ends_with_question_mark(text)
}

/// A list item's question as the card shows it: without a heading's `#`s written into the
/// item (`1. ### What is Vue?`, the large GitHub guides), a `Q:` label, or bold around all
/// of it (`1. **What is the box model?**`).
pub(super) fn item_question_text(text: &str) -> &str {
    // A task list's box (`- [ ] What is …?`, `- [x] …`) is no part of the question.
    let text = ["[ ] ", "[x] ", "[X] "]
        .iter()
        .find_map(|b| text.strip_prefix(b))
        .map_or(text, str::trim_start);
    let hashes = text.len() - text.trim_start_matches('#').len();
    let text = match text[hashes..].strip_prefix(' ') {
        // (`# of threads` is text: one `#` is not taken for a heading's.)
        Some(rest) if (2..=6).contains(&hashes) => rest.trim_start(),
        _ => text,
    };
    let text = without_question_label(text);
    // A notes app's card tag after it (`Что такое горутина? #card`, Logseq's) marks it, asks
    // nothing.
    let text = ["#card", "#flashcard", "#anki"]
        .iter()
        .find_map(|tag| text.strip_suffix(tag).filter(|t| t.ends_with(' ')))
        .map_or(text, str::trim_end);
    for mark in ["**", "__"] {
        if let Some(inner) = text.strip_prefix(mark).and_then(|t| t.strip_suffix(mark))
            && !inner.is_empty()
            && !inner.contains(mark)
        {
            return inner.trim();
        }
    }
    text
}

/// A question without an unnumbered label before it (`Q: What is …?`, `**Question:** …`):
/// the label is no part of what the card asks.
pub(super) fn without_question_label(text: &str) -> &str {
    match qa_label(text, &QUESTION_WORDS) {
        Some((None, asked)) if !asked.is_empty() => asked,
        _ => dotted_label(text, 'Q').unwrap_or(text),
    }
}

/// What follows a label that opens an answer (`**Ответ:**`, `**Short answer:**`, `A:`,
/// `*A:*`), if `rest` starts with one.
pub(super) fn answer_opening(rest: &str) -> Option<&str> {
    answer_label(rest).or_else(|| match qa_label(rest, &ANSWER_WORDS) {
        Some((None, after)) => Some(after),
        _ => None,
    })
}

/// Verbs that ask when a heading starts with them (`Explain partitions and offsets`,
/// `Опишите жизненный цикл запроса`), lower case.
/// (`design` only before an article: `## Design a URL shortener` asks, `## Design
/// patterns` is a topic.)
const ASKING_VERBS: [&str; 13] = [
    "explain",
    "describe",
    "compare",
    "define",
    "implement",
    "объясните",
    "опишите",
    "расскажите",
    "сравните",
    "назовите",
    "спроектируйте",
    "реализуйте",
    "напишите",
];

/// Whether a heading asks by its first word, an imperative ([`ASKING_VERBS`]) with two
/// words or more after it, as a task or a question phrased without `?` does. Not a
/// keyword in capitals (`EXPLAIN ANALYZE`), nor `Напишите нам`.
pub(super) fn asks_by_verb(text: &str) -> bool {
    let mut words = text.trim_start_matches(['*', '_', ' ']).split_whitespace();
    let (Some(first), Some(_), Some(_)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let capitals = first.chars().filter(|c| c.is_uppercase()).count() > 1;
    !capitals
        && (design_prompt(text)
            || ASKING_VERBS
                .iter()
                .any(|verb| strip_prefix_ci(first, verb) == Some("")))
}

/// Whether a heading is a behavioural interview prompt: `Tell me about a time you …`,
/// `Walk me through your resume`, `Describe a situation where …`, `Give an example of …`,
/// `Расскажите о себе`, `Опишите ситуацию, когда …`, `Приведите пример …`. Such a prompt asks
/// wherever it stands (a behavioural guide's first and last headings are prompts too), unlike
/// a bare `Explain …` or `Describe …`, which as often opens or closes a section. Quotes around
/// it (`### «Расскажите о себе»`) are no part of it.
pub(super) fn behavioural_prompt(text: &str) -> bool {
    const PROMPTS: [&[&str]; 13] = [
        &["tell", "me"],
        &["walk", "me", "through"],
        &["give", "an", "example"],
        &["give", "me", "an", "example"],
        &["describe", "a", "time"],
        &["describe", "a", "situation"],
        &["describe", "the", "most"],
        &["расскажите", "о"],
        &["расскажите", "об"],
        &["расскажите", "про"],
        &["опишите", "ситуацию"],
        &["опишите", "случай"],
        &["приведите", "пример"],
    ];
    let text = without_symbols(text.trim_start_matches(['*', '_', ' ', '«', '"', '“']));
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ':']))
        .collect();
    // Spoken to the candidate: `Tell me …`, or with a word for them (`you`, `your`, `вы`, `о
    // себе`, `свой проект`). Not `Describe a situation briefly`, `Give an example of a
    // closure` (a how-to's, an answer's sub-title), `Walk me through a first deploy` (a
    // README's), `Расскажите о нас`, nor a call to comment (`Расскажите о своём опыте в
    // комментариях`).
    const THEM: [&str; 24] = [
        "you",
        "your",
        "yourself",
        "you've",
        "you're",
        "you'd",
        "вы",
        "вас",
        "вам",
        "вами",
        "ваш",
        "ваша",
        "ваше",
        "ваши",
        "вашем",
        "вашей",
        "себе",
        "себя",
        "свой",
        "своём",
        "своем",
        "своей",
        "свою",
        "своих",
    ];
    let lower = text.to_lowercase();
    let tell_me = words.len() > 1
        && words[0].eq_ignore_ascii_case("tell")
        && words[1].eq_ignore_ascii_case("me");
    // Beyond `Tell me …`, the candidate and what they lived through: a time, a situation, a
    // conflict, an example, themselves (not `Describe your environment`, an issue
    // template's).
    const LIVED: [&str; 26] = [
        "time",
        "situation",
        "example",
        "moment",
        "project",
        "resume",
        "yourself",
        "conflict",
        "mistake",
        "failure",
        "challenge",
        "disagree",
        "decision",
        "ситуац",
        "случа",
        "пример",
        "момент",
        "проект",
        "себе",
        "себя",
        "конфликт",
        "ошиб",
        "провал",
        "сложн",
        "решени",
        "резюме",
    ];
    let lived = |w: &str| LIVED.iter().any(|l| w.starts_with(l));
    let words_of: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .collect();
    let to_them =
        tell_me || (words_of.iter().any(|w| THEM.contains(w)) && words_of.iter().any(|w| lived(w)));
    let comments = lower.contains("комментари") || lower.contains("comment");
    words.len() >= 3
        && to_them
        && !comments
        && PROMPTS.iter().any(|p| {
            p.len() < words.len()
                && p.iter()
                    .zip(&words)
                    .all(|(p, w)| strip_prefix_ci(w, p) == Some(""))
        })
}

/// Verbs that ask as a list item's first word, besides [`ASKING_VERBS`]: in a list of
/// questions `Write a query that …` or `Перечислите виды JOIN.` is a task, where a heading
/// `## Write-ups` or `## List of tools` names a section.
const ITEM_VERBS: [&str; 9] = [
    "write",
    "name",
    "list",
    "tell",
    "give",
    "перечислите",
    "приведите",
    "выведите",
    "дайте",
];

/// Words a question may start with when its author left out the `?` (`What is a prototype
/// chain`, `Как работает GIL`), lower case. `What`, `How`, `Why`, `When` and `Where` ask
/// only before an auxiliary ([`AUXILIARIES`]) or a word in [`WH_FOLLOWERS`]: `How DNS
/// works` is a title.
const INTERROGATIVES: [&str; 30] = [
    "what",
    "what's",
    "how",
    "how's",
    "why",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "что",
    "как",
    "почему",
    "зачем",
    "когда",
    "где",
    "какой",
    "какая",
    "какое",
    "какие",
    "каким",
    "какого",
    "каких",
    "чем",
    "чём",
    "кто",
    "сколько",
    "куда",
    "откуда",
];

/// Auxiliaries: a question inverts around one (`What is …`, `How do you …`, `What paradigm
/// is …`), and a heading that starts with one of the first thirteen asks (`Is JavaScript
/// single-threaded`; not `Have fun`, `May 2024`).
const AUXILIARIES: [&str; 20] = [
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "would", "will",
    "isn't", "has", "have", "had", "may", "might", "must", "shall",
];

/// Words after a wh-word that make a question without an auxiliary (`What happens if …`,
/// `How many …`, `Which of …`).
const WH_FOLLOWERS: [&str; 9] = [
    "happens", "happened", "many", "much", "long", "often", "of", "kind", "type",
];

/// Words after an interrogative that make a title of it, not a question: `How it works`,
/// `What we offer`, `How to contribute`, `Как это работает`, `Что мы спрашиваем`.
const TITLE_AFTER_INTERROGATIVE: [&str; 22] = [
    "it", "this", "that", "these", "those", "we", "you", "they", "i", "he", "she", "to", "это",
    "этот", "эта", "мы", "вы", "я", "они", "он", "она", "нам",
];

/// Words that name the guide itself or its parts: a heading that asks about them (`Is this
/// guide free`, `Для кого эта статья?`) introduces the guide rather than asking the reader.
const GUIDE_WORDS: [&str; 24] = [
    "guide",
    "repo",
    "repository",
    "article",
    "book",
    "course",
    "section",
    "readme",
    "handbook",
    "cheatsheet",
    "гайд",
    "гайда",
    "статья",
    "статьи",
    "статье",
    "статью",
    "репозиторий",
    "репозитория",
    "курс",
    "курса",
    "раздел",
    "раздела",
    "материал",
    "шпаргалка",
];

/// Whether a section's title names questions or tasks (`## CSS Questions`, `## Задачи`,
/// `## Practice`): its requests (`- Describe floats.`) are questions.
pub(super) fn names_questions(title: &str) -> bool {
    // (Not `interview`: `## Interview tips` is advice.)
    const STEMS: [&str; 11] = [
        "question",
        "вопрос",
        "task",
        "задач",
        "exercise",
        "упражнен",
        "practice",
        "практик",
        "coding",
        "кодинг",
        "leetcode",
    ];
    let lower = title.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| STEMS.iter().any(|s| w.starts_with(s)))
}

/// Whether a heading that asks speaks of the guide, its reader or their reading rather than
/// of the subject: `Для кого эта статья?`, `Why this guide?`, `Что почитать?`, `Есть
/// вопросы?`, `How to use it?`; not `What is Docker?`.
pub(super) fn introduces(text: &str) -> bool {
    const WORDS: [&str; 22] = [
        "you",
        "your",
        "вы",
        "вас",
        "вам",
        "ты",
        "тебя",
        "тебе",
        "read",
        "reading",
        "use",
        "почитать",
        "прочитать",
        "читать",
        "посмотреть",
        "пользоваться",
        "questions",
        "вопросы",
        "feedback",
        "contribute",
        "mistake",
        "ошибку",
    ];
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| GUIDE_WORDS.contains(&w) || WORDS.contains(&w))
}

/// Whether a heading asks by its first word, an interrogative ([`INTERROGATIVES`], an
/// auxiliary, `Можно ли`, `Для чего`, `В чём`) with two words or more after it, though
/// it does not end with `?`: `What is a prototype chain`, `How do you clone an object`,
/// `Что такое индекс`. Not a title phrased so: `How it works`, `How to contribute`, `How
/// DNS works`, `Как пользоваться гайдом` (an infinitive right after it).
pub(super) fn asks_by_interrogative(text: &str) -> bool {
    let words: Vec<String> = text
        .trim_start_matches(['*', '_', ' '])
        .split_whitespace()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\''))
                .replace('’', "'")
                .to_lowercase()
        })
        .collect();
    if words.len() < 3 || text.trim_end_matches(['*', '_', ' ']).ends_with(':') {
        return false;
    }
    // A title in title case (`What Every Programmer Should Know About Memory`, `How
    // Browsers Work`), or one about the guide itself (`Who maintains this guide`, `Как
    // устроен курс`), asks nothing of the reader.
    let capital = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    let titled = text
        .split_whitespace()
        .skip(1)
        .take(2)
        .filter(capital)
        .count()
        == 2;
    let lower = text.to_lowercase();
    let about_the_guide = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| GUIDE_WORDS.contains(&w));
    if titled || about_the_guide {
        return false;
    }
    let is = |word: &str, list: &[&str]| list.contains(&word);
    let (first, second) = (words[0].as_str(), words[1].as_str());
    // Two-word openings: `Можно ли`, `Нужно ли`, `Для чего`, `В чём`.
    if matches!(
        (first, second),
        ("можно" | "нужно" | "есть", "ли")
            | ("для", "чего")
            | ("в", "чём" | "чем")
            // What a guide asks as often as `What is the difference between …`.
            | ("разница" | "различие" | "различия", "между")
            | ("difference", "between")
    ) {
        return true;
    }
    if is(first, &AUXILIARIES[..13]) {
        return !is(second, &["not", "to"]);
    }
    if !is(first, &INTERROGATIVES) || is(second, &TITLE_AFTER_INTERROGATIVE) {
        return false;
    }
    if first.is_ascii() {
        // `Which`, `Who` and `Whose` start few titles (`Which keyword declares a constant`);
        // `What's` and `How's` hold their auxiliary.
        let contracted = first.ends_with("'s");
        return contracted
            || is(first, &["which", "who", "whom", "whose"])
            || is(second, &WH_FOLLOWERS)
            || words[1..].iter().take(3).any(|w| is(w, &AUXILIARIES));
    }
    // Russian needs no inversion; an infinitive right after it is `how to` (`Как
    // установить пакет`), a title as often as a question.
    let infinitive = ["ть", "ться", "ти", "тись", "чь"]
        .iter()
        .any(|end| second.ends_with(end));
    !infinitive
}

/// Verbs that request something after a question (`Что такое индекс? Приведите пример.`),
/// besides [`ASKING_VERBS`], lower case.
const REQUEST_VERBS: [&str; 10] = [
    "приведите",
    "покажите",
    "перечислите",
    "поясните",
    "give",
    "provide",
    "show",
    "list",
    "name",
    "justify",
];

/// Whether text asks and then requests something in a sentence of its own: `Что такое
/// индекс? Приведите пример.`, `What is a mutex? Give an example.` The request starts with
/// a verb ([`ASKING_VERBS`], [`REQUEST_VERBS`]) and ends the text.
pub(super) fn asks_then_requests(text: &str) -> bool {
    let text = text.trim_end_matches(['*', '_', ' ']);
    let Some(mark) = text.rfind(['?', '？']) else {
        return false;
    };
    let (asked, request) = (&text[..mark], text[mark..].trim_start_matches(['?', '？']));
    let request = request.trim_start_matches(['*', '_', ' ']);
    let Some(first) = request.split_whitespace().next() else {
        return false;
    };
    let first = first.trim_end_matches([',', ':']);
    let verb = ASKING_VERBS
        .iter()
        .chain(&REQUEST_VERBS)
        .any(|v| strip_prefix_ci(first, v) == Some(""));
    let one_sentence = request
        .trim_end_matches(['.', '!', ' '])
        .chars()
        .all(|c| !matches!(c, '.' | '!' | '?' | '？'))
        || request.contains('`');
    // `Нашли ошибку? Напишите нам`, `Want to contribute? Show us …`, `Хотите добавить
    // вопрос? Опишите его в issue` speak to the reader.
    const TO_THE_READER: [&str; 10] = [
        "хотите",
        "нашли",
        "остались",
        "нужна",
        "нужен",
        "want",
        "found",
        "need",
        "have",
        "got",
    ];
    let opens = asked.split_whitespace().next().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    let to_the_reader =
        addresses_the_reader(request) || opens.is_some_and(|w| TO_THE_READER.contains(&w.as_str()));
    verb && !to_the_reader
        && one_sentence
        && request.split_whitespace().count() >= 2
        && !asked.trim().is_empty()
}

/// Whether a list item asks without a `?`: a request (`Explain the GIL.`, `Расскажите про
/// индексы.`, `Напишите запрос, который …`; [`ASKING_VERBS`] and [`ITEM_VERBS`]) or a
/// question written without its mark ([`asks_by_interrogative`]: `What is a closure`, `Что
/// такое GIL`). Not a keyword in capitals (`EXPLAIN ANALYZE`), a label (`**Define**: …`),
/// nor `Напишите нам`.
pub(super) fn requests(text: &str) -> bool {
    imperative(text) || asks_by_interrogative(text)
}

/// Whether text opens with a verb that requests an answer ([`ASKING_VERBS`],
/// [`ITEM_VERBS`]): `Explain the GIL.`, `Объясните, что такое …`, `Tell me about …`.
pub(super) fn imperative(text: &str) -> bool {
    let text = text.trim_start_matches(['*', '_', ' ']);
    let mut words = text.split_whitespace();
    let (Some(first), Some(_)) = (words.next(), words.next()) else {
        return false;
    };
    if first.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return false;
    }
    // `Объясните, что такое …`: the comma is no part of the verb.
    let first = first.strip_suffix(',').unwrap_or(first).to_lowercase();
    let first = first.as_str();
    let imperative = ASKING_VERBS.contains(&first) || ITEM_VERBS.contains(&first);
    // `Tell me about …` and `Расскажите мне …` ask; `Напишите нам` and `Write to us` do not.
    let to_the_reader = !matches!(first, "tell" | "расскажите") && addresses_the_reader(text);
    imperative && !to_the_reader
}

/// A system-design prompt: `Design a URL shortener`, `Design an API for …` (three words at
/// least). Seldom an introduction, unlike `Explain how to use this guide`.
pub(super) fn design_prompt(text: &str) -> bool {
    design_with(text, &["a", "an", "the"])
}

/// A system-design prompt with an indefinite article (`Design a URL shortener`), which an
/// introduction (`Design the system in four steps`) does not have.
pub(super) fn design_a_prompt(text: &str) -> bool {
    design_with(text, &["a", "an"])
}

fn design_with(text: &str, articles: &[&str]) -> bool {
    let mut words = text.trim_start_matches(['*', '_', ' ']).split_whitespace();
    let (Some(first), Some(second), Some(_)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let is = |word: &str, one: &str| strip_prefix_ci(word, one) == Some("");
    is(first, "design") && articles.iter().any(|a| is(second, a))
}

/// Whether a heading that asks by a verb speaks to the reader about the guide instead
/// (`Напишите нам в Telegram`, `Write to us`).
pub(super) fn addresses_the_reader(text: &str) -> bool {
    let mut words = text.split_whitespace().skip(1);
    let second = words
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    ["нам", "мне", "us", "me", "to"].contains(&second.to_lowercase().as_str())
}

/// Whether a heading names a table of contents: `Table of Contents`, `Contents`,
/// `Содержание`, `Оглавление` (emphasis, a colon and emoji aside).
pub(super) fn is_contents_title(text: &str) -> bool {
    let (_, s) = split_symbols(text);
    let s = s.trim_matches(['*', '_', ' ', ':']);
    ["table of contents", "contents", "содержание", "оглавление"]
        .iter()
        .any(|w| strip_prefix_ci(s, w) == Some(""))
}

/// Whether text ends with a question mark, emphasis and closing quotes aside (`«Что такое
/// JSX?»`, `"What is state?"`).
pub(super) fn ends_with_question_mark(text: &str) -> bool {
    let mut text = text.trim_end_matches(['*', '_', ' ']);
    // Only a quote around all of it: `Доклад «Зачем нам Kubernetes?»` names a talk.
    let opening = without_symbols(text.trim_start_matches(['*', '_', ' ']));
    for (open, close) in [('«', '»'), ('“', '”'), ('"', '"')] {
        if opening.starts_with(open) && text.ends_with(close) {
            text = text[..text.len() - close.len_utf8()].trim_end_matches(['*', '_', ' ']);
            break;
        }
    }
    text.ends_with('?') || text.ends_with('？')
}

/// Whether a question's own text ends with a question mark, a level tag after it aside
/// (`What is a dict? (junior)`), or with a request after its `?` ([`asks_then_requests`]).
/// Only where a heading or a list item is judged as a question: a tagged line in an answer
/// is no sign that the document asks in lists.
pub(super) fn asks_before_any_level_tag(text: &str) -> bool {
    let text = super::levels::without_level_tag(text);
    ends_with_question_mark(text) || asks_then_requests(text)
}

/// Whether a question is set between the same emoji on both sides (`🔥 Что такое Event Loop?
/// 🔥`): a decoration, which asks as plainly as the `?` alone. (One emoji after the `?`
/// alone is a weaker sign: `## Что внутри? 👇` introduces.)
pub(super) fn asks_between_symbols(text: &str) -> bool {
    let inner = without_symbols(text);
    let symbols = text[..text.len() - inner.len()].trim_end();
    !symbols.is_empty()
        && inner
            .strip_suffix(symbols)
            .is_some_and(ends_with_question_mark)
}

/// Whether text ends with a question mark only before a level tag (`What is MVCC?
/// [Senior]`).
pub(super) fn asks_before_level_tag(text: &str) -> bool {
    ends_with_question_mark(super::levels::without_level_tag(text))
        && !ends_with_question_mark(text)
}

/// Whether a question leads in to what it asks, with a colon at its end (`Consider this
/// code:`, `**Рассмотрим пример:**`).
pub(super) fn leads_in(text: &str) -> bool {
    text.trim_end_matches(['*', '_', ' ']).ends_with(':')
}

/// Whether a question points at a snippet it shows (`What will this code print?`,
/// `Rewrite this loop with iterators.`, `Что выведет следующий код?`): a snippet right
/// under it is then part of what it asks, not its answer. Only words that point (`this`,
/// `following`, `этот`), each pointer a whole phrase (`this codebase` points at nothing).
pub(super) fn points_at_code(text: &str) -> bool {
    const POINTERS: [&str; 29] = [
        "this code",
        "the following code",
        "the following function",
        "программа ниже",
        "функция ниже",
        "the code below",
        "this snippet",
        "the following snippet",
        "this loop",
        "this program",
        "the following program",
        "этот код",
        "этого кода",
        "этом коде",
        "следующий код",
        "следующего кода",
        "следующем коде",
        "данный код",
        "данного кода",
        "код ниже",
        "приведённый код",
        "приведенный код",
        "этот фрагмент",
        "следующий фрагмент",
        "фрагмент кода",
        "эта программа",
        "этой программы",
        "эту программу",
        "этот цикл",
    ];
    // Questions about what the snippet does, with no word for it: `What does this print?`.
    const ABOUT_IT: [&str; 27] = [
        "найдите ошибку",
        "what gets logged",
        "what will be logged",
        "what is logged",
        "why does this",
        "where is the bug",
        "find the bug",
        "fix the bug",
        "где ошибка",
        "what's wrong",
        "what is wrong",
        "что не так",
        "почему этот",
        "почему это",
        "what does this print",
        "what will this print",
        "what does this output",
        "what does this return",
        "what does this do",
        "what does this function do",
        "what does this function return",
        "what is printed",
        "what gets printed",
        "what will be printed",
        "guess the output",
        "что будет выведено",
        "что напечатает",
    ];
    // Questions that end where the snippet begins: `What's the output?`, not `What is the
    // output of `ls`?`.
    const ENDING_AT_IT: [&str; 28] = [
        "what is the output",
        "what is the output of the following",
        "predict the output",
        "каков результат выполнения",
        "каким будет результат выполнения",
        "what's the output",
        "what will be the output",
        "what would be the output",
        "what will it print",
        "what will happen",
        "what is the result",
        "что выведет",
        "что выведет код",
        "что выведет в консоль",
        "что выведется",
        "что выведется в консоль",
        "что будет в консоли",
        "что будет выведено в консоль",
        "каков вывод",
        "какой будет вывод",
        "каким будет вывод",
        "какой будет результат",
        "каким будет результат",
        "что произойдёт",
        "что произойдет",
        "что вернёт функция",
        "что вернет функция",
        "что вернёт код",
    ];
    let text = text.to_lowercase();
    let whole = |pointer: &str| {
        text.match_indices(pointer).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + pointer.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    let asked = text
        .trim_end_matches(['?', '!', '.', ':', ' '])
        .replace('’', "'");
    // A question that shows its own code inline (`What gets printed by `cargo tree -d`?`)
    // has the output under it, its answer.
    let inline_code = text.contains('`');
    POINTERS.iter().any(|pointer| whole(pointer))
        || (!inline_code && ABOUT_IT.iter().any(|pointer| whole(pointer)))
        || ENDING_AT_IT.iter().any(|end| {
            // The whole question, not a second one after it (`How do you read a file? What
            // is the result?` shows its solution).
            asked.strip_suffix(end).is_some_and(|before| {
                !before.contains(['?', '？'])
                    && !before
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
        })
}

/// Where a snippet that opens `lines` ends (the line after its closing fence), or 0 when
/// they open otherwise.
pub(super) fn snippet_end(lines: &[&str]) -> usize {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return 0;
    };
    let Some((fence, _)) = fence_open_info(lines[first]) else {
        return 0;
    };
    (first + 1..lines.len())
        .find(|&i| fence_closes(fence, lines[i]))
        .map_or(0, |close| close + 1)
}

/// Where a question that leads in (`Consider this code:`) stops asking, in the lines under
/// it: a snippet first, then the line after it if that ends in `?`; or a first line that
/// ends in `?`. 0 when the lines start otherwise (prose under `Difference between a list
/// and a tuple:` answers it).
pub(super) fn lead_in_end(lines: &[&str]) -> usize {
    let nonblank = |from: usize| (from..lines.len()).find(|&i| !lines[i].trim().is_empty());
    // The end of the code block opened at `open`, and of any blocks right after it.
    let blocks_end = |open: usize| -> Option<usize> {
        let mut at = open;
        loop {
            let (fence, _) = fence_open_info(lines[at])?;
            let close = (at + 1..lines.len()).find(|&i| fence_closes(fence, lines[i]))?;
            match nonblank(close + 1) {
                Some(next) if fence_open_info(lines[next]).is_some() => at = next,
                _ => return Some(close + 1),
            }
        }
    };
    let asks_at = |i: Option<usize>| i.filter(|&i| ends_with_question_mark(lines[i].trim()));
    let Some(first) = nonblank(0) else {
        return 0;
    };
    if asks_at(Some(first)).is_some() {
        return first + 1;
    }
    let code_first = fence_open_info(lines[first]).is_some();
    // A paragraph may come before the snippet (`We have this function:`); what asks then
    // is the line right after it.
    let open = if code_first {
        Some(first)
    } else {
        (first..lines.len()).find(|&i| fence_open_info(lines[i]).is_some())
    };
    let Some(end) = open.and_then(blocks_end) else {
        return 0;
    };
    match asks_at(nonblank(end)) {
        Some(line) => line + 1,
        None if code_first => end,
        None => 0,
    }
}

/// A question in a document of question/answer pairs: a labelled one ([`qa_label`]), or a
/// numbered question written as a bold line of its own (`**12. What is LRU?**`; the `?`
/// tells it from a bold numbered title).
pub(super) fn qa_question(line: &str) -> Option<(Option<&str>, &str)> {
    if let Some((number, text)) = qa_label(line, &QUESTION_WORDS) {
        // A bare `Q:` is a question without text (an error with its line); a bare
        // `Question:` is more likely a label of something else.
        let bare_q = qa_label(line, &["q"]).is_some();
        return (!text.is_empty() || bare_q).then_some((number, text));
    }
    if let Some(text) = dotted_label(line, 'Q') {
        return Some((None, text));
    }
    let inner = line.strip_prefix("**")?.strip_suffix("**")?;
    let (number, text) = leading_number(inner)?;
    // (A verb is not enough on a line of its own: `**1. Describe the situation.**` numbers
    // the steps of an answer as often.)
    ends_with_question_mark(text).then_some((Some(number), text))
}

/// A `Q:` question's text with its answer on the same line (`What is a goroutine? **A:** A
/// lightweight thread.`, `…?<br>A: …`): the question, its `?` kept, and the answer.
pub(super) fn answered_inline(text: &str) -> Option<(&str, &str)> {
    let at = text.find(['?', '？'])?;
    let mark = text[at..].chars().next().map_or(1, char::len_utf8);
    let answer = answer_after(&text[at + mark..])?;
    // Options written on the line (`A: `yield` B: `return``) are no answer.
    let options = [" B:", " B)", " b)", " Б)", " б)"]
        .iter()
        .any(|o| answer.contains(o));
    (!options).then(|| (text[..at + mark].trim(), answer))
}

/// A whole bold `Q:` question with its answer after the bold on the same line (`**Q: What
/// is …?**<br>**A:** …`, `**Q: …?** A: …`): the question's number, its text and the answer.
pub(super) fn bold_question_answered(line: &str) -> Option<(Option<&str>, &str, &str)> {
    let end = line.find("?**")? + "?**".len();
    let (number, text) = qa_question(&line[..end])?;
    Some((number, text, answer_after(&line[end..])?))
}

/// The answer labelled in `rest`, after a `<br>` or spaces: its text, when it has some.
fn answer_after(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    let rest = ["<br>", "<br/>", "<br />"]
        .iter()
        .find_map(|br| rest.strip_prefix(br))
        .map_or(rest, str::trim_start);
    let answer = qa_label(rest, &ANSWER_WORDS)
        .map(|(_, answer)| answer)
        .or_else(|| answer_label(rest))?;
    (!answer.is_empty()).then_some(answer)
}

/// Whether text letters an option of a question (`a) …`, `(b) …`, `C. …`, `Б) …`).
pub(super) fn letters_option(text: &str) -> bool {
    let t = text.strip_prefix('(').unwrap_or(text);
    let mut chars = t.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(c), Some(')' | '.' | ':'), Some(' ')) if c.is_alphabetic()
    )
}

/// The question an Obsidian or GitHub callout asks (`> [!question]- What is MVCC?`, also
/// `[!faq]`, `[!help]`): its title. Its quoted lines are its answer.
pub(super) fn callout_question(line: &str) -> Option<&str> {
    let inner = line.trim_start().strip_prefix('>')?.trim_start();
    let (kind, title) = inner.strip_prefix("[!")?.split_once(']')?;
    let asks = ["question", "faq", "help", "вопрос"]
        .iter()
        .any(|k| kind.eq_ignore_ascii_case(k) || strip_prefix_ci(kind, k) == Some(""));
    let title = title.trim_start_matches(['-', '+']).trim();
    (asks && !title.is_empty()).then_some(title)
}

/// A question label with nothing after it (`**Вопрос:**`, `❓ Вопрос:`, `Question:`), the
/// question on the line below it; not a bare `Q:`, which is an empty question.
pub(super) fn question_label_alone(line: &str) -> bool {
    // A label alone is short; most lines are not (and this runs on every one).
    if line.len() > 64 {
        return false;
    }
    let labelled = qa_label(line, &QUESTION_WORDS).is_some_and(|(_, text)| text.is_empty())
        || (line.contains("**") && bare_question_label(without_symbols(line.trim())).is_some());
    labelled && qa_label(line, &["q"]).is_none()
}

/// A line labelled with a letter and a dot (`Q. What is TCP?`, `**A.** A protocol.`): the text
/// after it. A question's `Q.` is unambiguous; an answer's `A.` also letters options, so it is
/// read only in a guide whose questions are labelled `Q.`.
pub(super) fn dotted_label(rest: &str, letter: char) -> Option<&str> {
    let (bold, s) = match rest.strip_prefix("**") {
        Some(s) => (true, s),
        None => (false, rest),
    };
    let s = s
        .strip_prefix([letter, letter.to_ascii_lowercase()])?
        .strip_prefix('.')?;
    let s = if bold { s.strip_prefix("**")? } else { s };
    let text = s.strip_prefix([' ', '\t'])?.trim();
    (!text.is_empty()).then_some(text)
}

/// A question written as a bold line of its own, without a number (`**What is a
/// goroutine?**`, `🤔 **Что такое горутина?**` in a Telegram post): its text. The `?` inside
/// the bold tells it from a bold sub-title.
pub(super) fn bold_question(line: &str) -> Option<&str> {
    let line = without_symbols(line);
    let inner = ["**", "__"].iter().find_map(|mark| {
        let inner = line.strip_prefix(mark)?.strip_suffix(mark)?;
        (!inner.contains(mark)).then_some(inner)
    })?;
    let inner = inner.trim();
    (inner.ends_with('?') || inner.ends_with('？')).then_some(inner)
}

/// A bold question with its answer after it on the same line (`**What is a goroutine?** A
/// function run …`): the question and the rest of the line.
pub(super) fn inline_bold_question(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix("**")?;
    let end = inner.find("**")?;
    let question = inner[..end].trim();
    let rest = without_dash(inner[end + 2..].trim());
    // A numbered one may ask by its verb too (`**3. Explain the GIL.** A mutex …`).
    let asks = question.ends_with('?')
        || question.ends_with('？')
        || leading_number(question).is_some_and(|(_, text)| asks_by_verb(text));
    (asks && !rest.is_empty()).then_some((question, rest))
}

/// A question and its answer on one line after a dash, as blitz lists write them (`Что
/// вернёт `typeof null`? — `"object"`.`): the question, its `?` kept, and the answer.
pub(super) fn dashed_question(text: &str) -> Option<(&str, &str)> {
    let (at, _) = text
        .match_indices('?')
        .find(|&(at, _)| without_dash(&text[at + 1..]).len() < text[at + 1..].len())?;
    let answer = without_dash(&text[at + 1..]);
    // Not a second question (`Что такое метакласс? — и зачем он нужен?`) nor a remark in
    // parentheses (`— (asked at Yandex)`).
    let remark = answer.starts_with('(') && answer.trim_end_matches('.').ends_with(')');
    let answers = !(answer.is_empty() || ends_with_question_mark(answer) || remark);
    answers.then(|| (text[..=at].trim(), answer))
}

/// `text` without a dash that opens it and the spaces around (`— "object"` is `"object"`);
/// as it is when it opens otherwise.
fn without_dash(text: &str) -> &str {
    let trimmed = text.trim_start();
    match trimmed.strip_prefix(['—', '–', '-']) {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim(),
        _ => text,
    }
}

/// An answer label, also at the start of a block quote (`> **Answer:** …`): the text after
/// it, and whether it was quoted.
pub(super) fn quoted_answer_label(rest: &str) -> Option<(&str, bool)> {
    if let Some(after) = answer_label(rest) {
        return Some((after, false));
    }
    let inner = rest.strip_prefix('>')?.trim_start();
    answer_label(inner)
        .or_else(|| answer_callout(inner))
        .map(|after| (after, true))
}

/// The first line of a callout that answers (Obsidian's and GitHub's `> [!answer]- Ответ`,
/// `> [!success] Answer`, or any type titled as an answer: `> [!note]- Ответ`), without its
/// `>`: its title's text beyond the label, usually nothing.
fn answer_callout(inner: &str) -> Option<&str> {
    // Kinds that only answer; `success`, `check` and `done` do when titled so (above).
    const TYPES: [&str; 3] = ["answer", "solution", "ответ"];
    let (kind, title) = inner.strip_prefix("[!")?.split_once(']')?;
    let title = title.trim_start_matches(['-', '+']).trim();
    if is_answer_heading(title) {
        return Some("");
    }
    TYPES
        .contains(&kind.to_lowercase().as_str())
        .then_some(title)
}

/// A line of a block quote without its `>` (and the space after it); other lines as they are.
pub(super) fn unquote(line: &str) -> &str {
    match line.trim_start().strip_prefix('>') {
        Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
        None => line,
    }
}

/// The `<summary>` text of a `<details>` block that opens at `line` (the summary on the same
/// line or the first of `after`), HTML tags inside it taken out, and, for a summary written
/// over several lines as formatters leave it (`<summary>` / `What is …?` / `</summary>`), how
/// many lines after `line` its closing tag is on; `None` when `line` opens no block.
pub(super) fn details_summary(line: &str, after: &[&str]) -> Option<(String, Option<usize>)> {
    let rest = line.trim().strip_prefix("<details")?;
    let rest = rest.split_once('>').map_or("", |(_, r)| r).trim();
    let (mut at, rest) = if rest.is_empty() {
        (1, after.first()?.trim())
    } else {
        (0, rest)
    };
    let inner = rest.strip_prefix("<summary")?.split_once('>')?.1;
    if let Some((summary, _)) = inner.split_once("</summary>") {
        return Some((strip_tags(summary).trim().to_string(), None));
    }
    let mut text = vec![inner.trim()];
    for line in after.iter().skip(at).take(24) {
        at += 1;
        if line.contains("</details>") {
            return None;
        }
        if let Some((before, _)) = line.split_once("</summary>") {
            text.push(before.trim());
            text.retain(|t| !t.is_empty());
            return Some((strip_tags(&text.join(" ")).trim().to_string(), Some(at)));
        }
        text.push(line.trim());
    }
    None
}

/// Text with its HTML tags taken out (`<b>What</b> is it?` → `What is it?`), code kept as
/// code (`<code>nohup</code>` → `` `nohup` ``).
pub(super) fn strip_tags(text: &str) -> String {
    let text = text.replace("<code>", "`").replace("</code>", "`");
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words a `<summary>` starts with when it only labels what it hides (`Ответ:`, `Show
/// answer`, `Hint`), rather than asking the question.
const REVEAL_WORDS: [&str; 22] = [
    "ответ",
    "решение",
    "показать",
    "подробнее",
    "подсказка",
    "пример",
    "развернуть",
    "раскрыть",
    "посмотреть",
    "спойлер",
    "answer",
    "solution",
    "show",
    "click",
    "reveal",
    "expand",
    "hint",
    "example",
    "output",
    "code",
    "spoiler",
    "details",
];

/// Whether a `<summary>` asks a question rather than labelling what it hides: it ends with
/// `?`, or does not start with a labelling word (a whole word: `ClickHouse` asks).
pub(super) fn summary_asks(summary: &str) -> bool {
    let s = summary.trim_matches(|c: char| !c.is_alphanumeric());
    if s.is_empty() {
        return false;
    }
    ends_with_question_mark(summary)
        || !REVEAL_WORDS.iter().any(|w| {
            strip_prefix_ci(s, w).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        })
}

/// What a line of a `<details>` answer holds once its HTML is gone: the text after its
/// `<details>` tag and one-line `<summary>…</summary>`, up to a `</details>`; and whether
/// that closes the block. `<details><summary>Answer</summary>Datagrams.</details>` holds
/// `Datagrams.` and closes.
pub(super) fn details_content(line: &str) -> (&str, bool) {
    let mut rest = line.trim();
    if let Some(after) = rest.strip_prefix("<details") {
        rest = after.split_once('>').map_or("", |(_, r)| r).trim_start();
    }
    if rest.starts_with("<summary") {
        // A summary that goes on over the next lines leaves nothing here.
        rest = rest
            .split_once("</summary>")
            .map_or("", |(_, after)| after.trim_start());
    }
    match rest.rsplit_once("</details>") {
        Some((before, _)) => (before.trim_end(), true),
        None => (rest, false),
    }
}

/// Text with each `<details>` hint block (`<details><summary>💡 Hint</summary>` … `</details>`)
/// written out as its summary in bold and its content: a card's front shows the hint as a
/// person reads it, not the HTML that folds it away.
pub(super) fn unfold_hints(text: &str) -> Option<String> {
    if !text.contains("<details") {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let summary = line
            .trim()
            .starts_with("<details")
            .then(|| details_summary(line, &lines[i + 1..]))
            .flatten()
            .filter(|(summary, _)| names_a_hint(summary));
        let Some((summary, spans)) = summary else {
            out.push(line.to_string());
            i += 1;
            continue;
        };
        changed = true;
        out.push(format!("**{}**", summary.trim_end_matches(':')));
        i += spans.unwrap_or(0);
        // The summary on the line after `<details>`, as formatters leave it.
        if lines[i].trim() == "<details>"
            && lines
                .get(i + 1)
                .is_some_and(|l| l.trim_start().starts_with("<summary"))
        {
            i += 1;
        }
        let (first, mut closed) = details_content(lines[i]);
        if !first.is_empty() {
            out.push(first.to_string());
        }
        i += 1;
        while !closed && i < lines.len() {
            let (before, end) = match lines[i].split_once("</details>") {
                Some((before, _)) => (before.trim_end(), true),
                None => (lines[i], false),
            };
            closed = end;
            if !(end && before.trim().is_empty()) {
                out.push(before.to_string());
            }
            i += 1;
        }
    }
    changed.then(|| out.join("\n"))
}

/// Removes the first `**…**` pair when the text starts with one, so that
/// `**12. Text**`, `**12.** Text` and `**Сценарий 1:** Text` read like plain headings.
pub(super) fn strip_leading_bold(text: &str) -> Cow<'_, str> {
    let Some(inner) = text.strip_prefix("**") else {
        return Cow::Borrowed(text);
    };
    match inner.find("**") {
        Some(0) | None => Cow::Borrowed(text),
        Some(end) if end + 2 == inner.len() => Cow::Borrowed(inner[..end].trim()),
        Some(end) => {
            let mut joined = String::with_capacity(inner.len());
            joined.push_str(&inner[..end]);
            joined.push_str(&inner[end + 2..]);
            Cow::Owned(joined.trim().to_string())
        }
    }
}

/// Splits a leading section number: `12. Text`, `12) Text`, `1.1 Text`, `1.1. Text`.
/// A bare single number (`2024 год`) is not a section number. Returns the number as
/// written (without its trailing dot) and the trimmed rest.
pub(super) fn leading_number(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut end = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if end == 0 {
        return None;
    }
    let mut dotted = false;
    while bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1;
        end += bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        dotted = true;
    }
    let key = &text[..end];
    // A date is no number (`14.02.2024 — Озон`, an interview diary's day): two parts of one
    // or two digits and a year of four.
    let parts: Vec<&str> = key.split('.').collect();
    if let [day, month, year] = parts[..]
        && day.len() <= 2
        && month.len() <= 2
        && year.len() == 4
    {
        return None;
    }
    let mut rest = &text[end..];
    // A short number may also stand before a colon or a dash (`1: …`, `1 - Reverse a
    // string`, `2 — …`); a year does not (`2024 - Year in review`).
    let short = end <= 3 && !dotted;
    let dashed = short
        .then(|| rest.strip_prefix(' ')?.strip_prefix(['-', '–', '—']))
        .flatten();
    // An escaped dot or bracket (`## 1\. What is …`, as Medium's and Notion's exports write
    // it) reads as the number's own.
    let punctuated = match rest
        .strip_prefix(['.', ')'])
        .or_else(|| {
            rest.strip_prefix("\\.")
                .or_else(|| rest.strip_prefix("\\)"))
        })
        .or_else(|| short.then(|| rest.strip_prefix(':')).flatten())
        .or(dashed)
    {
        Some(after) => {
            rest = after;
            true
        }
        None => false,
    };
    if !(punctuated || dotted) {
        return None;
    }
    // A no-break space after it, as pasted from a web page or Word, is a space.
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\u{a0}'])) {
        return None;
    }
    let rest = rest.trim();
    // Nor is a day and month, two digits each, before a dash and a name (`12.03 — Яндекс`),
    // unless the name asks (`03.04 — Что такое B-дерево`); `1.1 — Что такое GIL` numbers.
    let day_month = key.len() == 5 && key.as_bytes()[2] == b'.';
    if day_month && !punctuated && rest.starts_with(['—', '–', '-']) {
        let name = rest.trim_start_matches(['—', '–', '-']).trim_start();
        if !(ends_with_question_mark(name) || asks_by_interrogative(name) || imperative(name)) {
            return None;
        }
    }
    Some((key, rest))
}

/// Splits a labelled number: `Сценарий 1: Text` → (`Сценарий 1`, `Text`). The label is
/// one to three words of letters.
pub(super) fn labelled_number(text: &str) -> Option<(&str, &str)> {
    let digit_at = text.find(|c: char| c.is_ascii_digit())?;
    let label = &text[..digit_at];
    if !label.ends_with(' ') {
        return None;
    }
    let words = label.split_whitespace();
    let mut count = 0;
    for word in words {
        count += 1;
        if count > 3 || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
    }
    // A label that names a part of a guide (`Part 1: Basics`, `Day 2: SQL`, `Часть 3:
    // Сети`) titles a section, not a question.
    let section = SECTION_LABELS
        .iter()
        .any(|w| strip_prefix_ci(label.trim(), w) == Some(""))
        && !ends_with_question_mark(text);
    if count == 0 || section {
        return None;
    }
    let bytes = text.as_bytes();
    let mut end = digit_at;
    end += bytes[end..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    while bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1;
        end += bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    }
    let rest = text[end..].strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((&text[..end], rest.trim()))
}

/// Words that label a part of a guide with its number, lower case.
const SECTION_LABELS: [&str; 26] = [
    "part",
    "chapter",
    "section",
    "round",
    "day",
    "week",
    "module",
    "lesson",
    "stage",
    "step",
    "unit",
    "phase",
    "level",
    "раздел",
    "часть",
    "глава",
    "этап",
    "урок",
    "день",
    "неделя",
    "модуль",
    "тема",
    "блок",
    "секция",
    "шаг",
    "уровень",
];

/// Labels that only say "question": `Вопрос 1:` and `Question 1.1:` have keys `1`, `1.1`;
/// in a document of question/answer pairs they label the questions (`Q:`, `**Q1.**`). A
/// word that begins another comes after it.
pub(super) const QUESTION_WORDS: [&str; 5] = [
    "вопрос дня",
    "вопрос",
    "question of the day",
    "question",
    "q",
];

/// Splits the emoji and other symbols a heading may start with (`🔹 `, `▶ `) from the rest,
/// so that a number after them still counts: (`"🔹 "`, `"1. Text"`).
fn split_symbols(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| c.is_alphanumeric() || c.is_ascii_punctuation())
        .unwrap_or(text.len());
    text.split_at(end)
}

/// A number written with a mark instead of a dot: `#12 Text`, `№ 3: Text`, or in keycap
/// emoji (`1️⃣ Text`, `1️⃣2️⃣ Text`, `🔟 Text`). The number and the text after it.
fn marked_number(text: &str) -> Option<(String, &str)> {
    const KEYCAP: char = '\u{20E3}';
    if let Some(rest) = text.strip_prefix("🔟") {
        return rest
            .starts_with([' ', '\t'])
            .then(|| ("10".to_string(), rest.trim()));
    }
    let (number, rest) = if let Some(rest) = text.strip_prefix(['#', '№']) {
        let rest = rest.trim_start_matches(' ');
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = &rest[digits..];
        (
            rest[..digits].to_string(),
            after.strip_prefix([':', '.', ')']).unwrap_or(after),
        )
    } else {
        // Keycaps: a digit, an optional variation selector, the enclosing keycap.
        let mut number = String::new();
        let mut rest = text;
        while let Some(digit) = rest.chars().next().filter(char::is_ascii_digit) {
            let after = rest[1..].strip_prefix('\u{FE0F}').unwrap_or(&rest[1..]);
            let Some(after) = after.strip_prefix(KEYCAP) else {
                break;
            };
            number.push(digit);
            rest = after;
        }
        (number, rest)
    };
    (!number.is_empty() && rest.starts_with([' ', '\t'])).then(|| (number, rest.trim()))
}

/// Whether a heading is numbered with a mark (`#1 …`, `1️⃣ …`) rather than a dot.
pub(super) fn marked_heading_number(text: &str) -> bool {
    marked_number(&strip_leading_bold(text)).is_some()
}

/// A main-question heading's key and text, if the heading text is numbered or labelled.
pub(super) fn question_heading(text: &str) -> Option<(String, String)> {
    let text = strip_leading_bold(text);
    let (_, numbered) = split_symbols(&text);
    if let Some((key, rest)) = leading_number(numbered) {
        return Some((key.to_string(), rest.to_string()));
    }
    if let Some((number, rest)) = question_number(&text) {
        return Some((number.to_string(), rest.to_string()));
    }
    if let Some((key, rest)) = task_number(&text) {
        return Some((key, rest.to_string()));
    }
    if let Some((number, rest)) = marked_number(&text) {
        return Some((number, rest.to_string()));
    }
    let (key, rest) = labelled_number(&text)?;
    let (label, number) = key.rsplit_once(' ').unwrap_or(("", key));
    let generic = QUESTION_WORDS
        .iter()
        .any(|w| strip_prefix_ci(label.trim(), w) == Some(""));
    let key = if generic { number } else { key };
    Some((key.to_string(), rest.to_string()))
}

/// Words that label a task the way `Вопрос` labels a question (`## Задача 1`, `### Task 2`):
/// a heading of one and its number asks the paragraph below it, and keeps the word in its
/// key (`Задача 1`), apart from the questions of the same guide.
const TASK_WORDS: [&str; 7] = [
    "задача",
    "задачка",
    "задание",
    "упражнение",
    "task",
    "problem",
    "exercise",
];

/// A heading that is only a question or task label and its number (`Вопрос 1:`,
/// `**Question 2**`, `Q3.`, `Вопрос №8`, `🔹 Вопрос 1`, `Вопрос 1 из 5`, `Question 2/10`,
/// `Задача 3`): the key, the number alone for a question and the word and number for a task.
pub(super) fn bare_question_label(text: &str) -> Option<String> {
    let text = text.trim_matches(['*', '_', ' ']);
    // An emoji or symbol before the label (`🔹 Вопрос 1`).
    let (_, text) = split_symbols(text);
    let text = text.trim_end_matches([':', '.', ' ', '*', '_', ')']);
    let (s, task) = match QUESTION_WORDS.iter().find_map(|w| strip_prefix_ci(text, w)) {
        Some(s) => (s, false),
        None => (
            TASK_WORDS.iter().find_map(|w| strip_prefix_ci(text, w))?,
            true,
        ),
    };
    // The number and what follows it, to the end of the heading.
    let from_number = s
        .trim_start()
        .trim_start_matches(['№', '#', '-', '–', '—'])
        .trim_start();
    let rest = from_number.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let number = from_number[..from_number.len() - rest.len()].trim_end_matches('.');
    // Out of how many (`1 из 5`, `2 of 10`, `3/12`).
    let rest = rest.trim_start();
    // A difficulty or note in brackets (`Task 1 (easy)`; its `)` was trimmed above).
    let counted = rest.is_empty()
        || rest.starts_with('(')
        || ["из ", "of ", "/"]
            .iter()
            .find_map(|w| strip_prefix_ci(rest, w))
            .map(str::trim_start)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if !number.starts_with(|c: char| c.is_ascii_digit()) || !counted {
        return None;
    }
    Some(match task {
        // The word as written, the number however it was marked (`Задача №1` is `Задача 1`).
        true => format!("{} {number}", &text[..text.len() - s.len()]),
        false => number.to_string(),
    })
}

/// A question word and its number before the text: `Q1: Text`, `Q9 — Text`, `Q4 - Text`,
/// `Вопрос №8: Text`, `Question 3. Text`. Returns the number and the text.
fn question_number(text: &str) -> Option<(&str, &str)> {
    let (_, number, rest, dashed) = labelled_title(text, &QUESTION_WORDS)?;
    // After a dash only a question asks (`Q4 - Planning` may be a quarter's plan).
    (!dashed || ends_with_question_mark(rest)).then_some((number, rest))
}

/// A task word and its number before the task's title: `Задача 1. Палиндром`,
/// `Problem 2 — Two Sum`, `Task 3) Merge intervals`. Returns the key (`Задача 1`) and the
/// title.
fn task_number(text: &str) -> Option<(String, &str)> {
    let (word, number, rest, _) = labelled_title(text, &TASK_WORDS)?;
    Some((format!("{word} {number}"), rest))
}

/// One of `words` (as written), its number and the text after them, and whether a dash
/// separated them: `Question 3. Text`, `Вопрос №8: Text`, `Задача 1 — Text`.
fn labelled_title<'a>(text: &'a str, words: &[&str]) -> Option<(&'a str, &'a str, &'a str, bool)> {
    let after_word = words.iter().find_map(|w| strip_prefix_ci(text, w))?;
    let word = &text[..text.len() - after_word.len()];
    let s = after_word
        .trim_start()
        .trim_start_matches(['№', '#'])
        .trim_start();
    let digits = s.len()
        - s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    let (number, rest) = s.split_at(digits);
    // A dot after the number separates it (`Question 3. Text`).
    let (number, dotted) = match number.strip_suffix('.') {
        Some(number) => (number, true),
        None => (number, false),
    };
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start();
    let (rest, dashed) = if dotted {
        (rest, false)
    } else if let Some(after) = rest.strip_prefix([':', ')', '.']) {
        (after.trim_start(), false)
    } else {
        (rest.strip_prefix(['—', '–', '-'])?.trim_start(), true)
    };
    (!rest.is_empty()).then_some((word, number, rest, dashed))
}

/// Words that make a parenthesised count at the end of a topic heading.
const COUNT_WORDS: [&str; 5] = ["вопросов", "вопроса", "вопрос", "questions", "question"];

/// A topic heading's name and declared question count: `1. Основы CI/CD (10 вопросов)`
/// → (`Основы CI/CD`, `Some(10)`). Emoji and other text are kept as written.
pub(super) fn topic_heading(text: &str) -> (String, Option<u32>) {
    let text = strip_leading_bold(linked_topic(text));
    let mut name: &str = &text;
    // `📦 1. Коллекции` is the topic `📦 Коллекции`: the number goes, the emoji stays.
    let (symbols, numbered) = split_symbols(name);
    let joined;
    if let Some((_, rest)) = leading_number(numbered) {
        joined = format!("{symbols}{rest}");
        name = &joined;
    } else if let Some((_, rest)) = marked_number(name) {
        name = rest;
    } else if let Some(rest) = roman_numbered(name) {
        name = rest;
    }
    // A title written as a label (`General Questions:`) names the topic without its colon.
    name = name.strip_suffix(':').map_or(name, str::trim_end);
    let mut declared = None;
    if let Some(open) = name.strip_suffix(')').and_then(|s| s.rfind('(')) {
        let inner = name[open + 1..name.len() - 1].trim();
        let mut parts = inner.split_whitespace();
        if let (Some(n), Some(word), None) = (parts.next(), parts.next(), parts.next()) {
            let is_count_word = COUNT_WORDS
                .iter()
                .any(|w| strip_prefix_ci(word, w) == Some(""));
            if let (Ok(n), true) = (n.parse::<u32>(), is_count_word) {
                declared = Some(n);
                name = name[..open].trim_end();
            }
        }
    }
    if name.is_empty() {
        return (text.into_owned(), None);
    }
    (name.to_string(), declared)
}

/// The text after a section's Roman number (`II. Алгоритмическая секция`, `IV) Design`):
/// only `I`, `V` and `X`, since a lettered section (`C. Tools`) keeps its letter.
fn roman_numbered(text: &str) -> Option<&str> {
    let digits = text.len() - text.trim_start_matches(['I', 'V', 'X']).len();
    let rest = text[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && rest.starts_with(' ') && !rest.trim().is_empty()).then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follow_up_marker_may_carry_a_word_or_two_as_a_label() {
        for marker in [
            "**Углубляющие вопросы:**",
            "Follow-ups:",
            "#### Follow-up questions",
            "Возможные уточняющие вопросы:",
            "**Дополнительные вопросы по теме**",
            "**Follow-up questions to expect:**",
            "**Углубляющие вопросы (для продвинутых):**",
            "__Common follow-up questions__",
            "**Possible follow-ups:**",
        ] {
            assert!(is_follow_up_marker(marker), "{marker}");
        }
        for line in [
            // An item of a list, a section's heading, a question, a sentence.
            "- ✅ **Common follow-up questions**",
            "1. Follow-up questions to expect:",
            "## Common follow-up questions",
            "**Какие уточняющие вопросы задают на собеседовании?**",
            "Follow-up questions come only after the main one is answered well:",
            // Not a label: no bold, no colon.
            "Возможные уточняющие вопросы",
            "**Questions to expect:**",
            "**Follow-up with the team lead:**",
        ] {
            assert!(!is_follow_up_marker(line), "{line}");
        }
    }

    #[test]
    fn a_heading_asks_by_its_question_word_only_as_a_question_does() {
        for text in [
            "What is a prototype chain",
            "What is Kafka",
            "What's the difference between let and var",
            "How do you clone an object",
            "What paradigm is JavaScript",
            "What happens when you type a URL",
            "How many bytes is an int",
            "Which keyword declares a constant",
            "Is JavaScript single-threaded",
            "Can you modify a tuple",
            "**Why are strings immutable**",
            "Что такое замыкание",
            "Как работает GIL",
            "Чем list отличается от tuple",
            "Можно ли наследоваться от int",
        ] {
            assert!(asks_by_interrogative(text), "{text}");
        }
        for text in [
            // Titles phrased with a question word.
            "How it works",
            "How to contribute to this guide",
            "How DNS works",
            "What we offer here",
            "Why this guide matters",
            "Как это работает",
            "Как пользоваться этим гайдом",
            // Too short, a lead-in, or no question word.
            "What Kafka",
            "Что почитать",
            "What is asked in each round:",
            "Do's and don'ts",
            "Have fun with the guide",
            "Whatever is left over",
        ] {
            assert!(!asks_by_interrogative(text), "{text}");
        }
    }

    #[test]
    fn a_request_after_a_question_mark_asks_with_it() {
        for text in [
            "Что такое индекс? Приведите пример.",
            "What is a mutex? Give an example.",
            "Что такое ACID? Назовите свойства",
            "**What is a view? Explain with an example.**",
        ] {
            assert!(asks_then_requests(text), "{text}");
        }
        for text in [
            "What is a mutex?",
            "Why Go? A short history.",
            "Что такое индекс? Приведите пример. Что такое ключ?",
            "? Give an example.",
        ] {
            assert!(!asks_then_requests(text), "{text}");
        }
    }

    #[test]
    fn the_words_looked_for_are_in_lower_case_as_strip_prefix_ci_needs() {
        let lists: [&[&str]; 14] = [
            &INTERROGATIVES,
            &AUXILIARIES,
            &WH_FOLLOWERS,
            &TITLE_AFTER_INTERROGATIVE,
            &REQUEST_VERBS,
            &FOLLOW_UP_MARKERS,
            &FOLLOW_UP_LABELS,
            &ASKING_VERBS,
            &ANSWER_LABELS,
            &EXPLANATION_LABELS,
            &ANSWER_WORDS,
            &QUESTION_WORDS,
            &REVEAL_WORDS,
            &COUNT_WORDS,
        ];
        for word in lists.iter().flat_map(|l| l.iter()) {
            assert_eq!(*word, word.to_lowercase(), "{word}");
        }
        for (i, label) in FOLLOW_UP_LABELS.iter().enumerate() {
            for later in &FOLLOW_UP_LABELS[i + 1..] {
                assert!(!later.starts_with(label), "{label} hides {later}");
            }
        }
        assert_eq!(strip_prefix_ci("ОТВЕТ: да", "ответ"), Some(": да"));
        assert_eq!(strip_prefix_ci("Answer", "answer"), Some(""));
        assert_eq!(strip_prefix_ci("Ответ", "ответы"), None);
    }

    #[test]
    fn footers_read_as_footers_and_answers_do_not() {
        for footer in [
            "Подписывайтесь на канал [@pythonist_ru](https://t.me/pythonist_ru)!",
            "Made with ❤️ by @sqlguru.",
            "If you found this useful, please ⭐ the repo and share it!",
            "*Last updated: March 2024*",
            "Спасибо, что дочитали до конца",
            "📌 Сохраняйте, чтобы не потерять!",
            "*Автор: @ivan_dev*",
        ] {
            assert!(reads_as_footer(footer), "{footer}");
        }
        // One sign alone is an answer's as often.
        for answer in [
            "But hashable.",
            "Start with a profiler — «сначала измерь».",
            "В 3.13 её можно отключить: `--disable-gil`.",
            "Stars and bars is a counting technique.",
            "Threads share memory; processes do not.",
            "Use `@property` for computed attributes.",
            "**Rule of thumb: measure first.**",
            "See [the docs](https://docs.python.org).",
            "Latency ≤ 10 ms.",
            "Open an issue with a reproducer.",
        ] {
            assert!(!reads_as_footer(answer), "{answer}");
        }
    }

    #[test]
    fn strip_prefix_ci_maps_every_capital_as_char_does() {
        // The Russian capitals by a shortcut, the rest (Ё, Ukrainian Є, Greek) by the table.
        for word in ["ёлка", "єдність", "ягода", "ария", "σοφία", "über"]
        {
            let upper = word.to_uppercase();
            assert_eq!(strip_prefix_ci(&upper, word), Some(""), "{upper}");
            let title: String = word
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(word.chars().skip(1))
                .collect();
            assert_eq!(strip_prefix_ci(&title, word), Some(""), "{title}");
        }
        // A lower-case letter is never another's capital.
        assert_eq!(strip_prefix_ci("апрель", "ответ"), None);
        assert_eq!(strip_prefix_ci("Я", "а"), None);
    }
}
