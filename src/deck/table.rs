//! Questions in Markdown tables (GitHub's pipe tables): a table at the margin whose header
//! names a question column (`Question`, `Вопросы`, `Q`) holding questions, or whose cells in
//! one column mostly end with `?`, gives a question per row. A column named as the answer
//! (`Answer`, `Ответ`, `Solution`, `Description`) is each row's answer, its `<br>`s line breaks; one named
//! as the number (`#`, `No.`, `№`) is the row's key, one named `Level` its level. A table whose questions come with links
//! and no answers is a table of contents, not questions.

use std::collections::{BTreeMap, HashSet};

use super::levels::{self, Level};
use super::outline::LineKind;
use super::scan;

/// One row of a question table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row<'a> {
    /// The number the row gives itself, if any.
    pub key: Option<String>,
    pub question: String,
    /// The answer cell's lines (split at `<br>`); empty without an answer.
    pub answer: Vec<&'a str>,
    /// What a `Level` / `Уровень` column says (`junior`, `middle`, `senior`).
    pub level: Option<Level>,
}

/// The question rows of every question table in the document, by line (1-based).
/// Without `unnamed`, only a column named as the questions' counts.
pub(super) fn question_rows<'a>(
    lines: &[&'a str],
    kinds: &[LineKind],
    unnamed: bool,
) -> BTreeMap<usize, Row<'a>> {
    let mut rows = BTreeMap::new();
    let text = |index: usize| kinds.get(index) == Some(&LineKind::Text);
    // The numbers rows gave themselves since the last heading.
    let mut numbered: HashSet<String> = HashSet::new();
    let mut index = 0;
    while index + 1 < lines.len() {
        if matches!(kinds[index], LineKind::Heading(_)) {
            numbered.clear();
        }
        // A table is a header row with a delimiter row of as many cells under it; one
        // indented under a list item is part of that item.
        let at_margin = scan::split_indent(lines[index]).0 < 2;
        let header = cells(lines[index]);
        let delimiter = cells(lines[index + 1]);
        if !(at_margin && text(index) && text(index + 1) && header.len() >= 2)
            || delimiter.len() != header.len()
            || !delimiter.iter().all(|c| is_delimiter_cell(c))
        {
            index += 1;
            continue;
        }
        let first = index + 2;
        let mut end = first;
        while end < lines.len() && text(end) && lines[end].contains('|') {
            end += 1;
        }
        let body: Vec<Vec<&str>> = lines[first..end].iter().map(|l| cells(l)).collect();
        if let Some(columns) = Columns::of(&header, &body, unnamed) {
            let mut table: Vec<(usize, Row<'a>)> = body
                .iter()
                .enumerate()
                .filter_map(|(offset, row)| Some((first + offset + 1, columns.row(row)?)))
                .collect();
            // Two numbered tables under one heading (`**Junior**` 1–5, `**Senior**` 1–5):
            // the second's numbers would clash, so its rows count on by position.
            if table
                .iter()
                .any(|(_, r)| r.key.as_ref().is_some_and(|k| numbered.contains(k)))
            {
                table.iter_mut().for_each(|(_, r)| r.key = None);
            }
            numbered.extend(table.iter().filter_map(|(_, r)| r.key.clone()));
            rows.extend(table);
        }
        index = end;
    }
    rows
}

/// Which column of a table holds what.
struct Columns {
    question: usize,
    answer: Option<usize>,
    number: Option<usize>,
    level: Option<usize>,
}

impl Columns {
    /// The columns of a question table, or `None` when it is another kind of table.
    fn of(header: &[&str], body: &[Vec<&str>], unnamed: bool) -> Option<Columns> {
        let names: Vec<String> = header.iter().map(|h| header_name(h)).collect();
        let named = |words: &[&str]| names.iter().position(|n| names_one_of(n, words));
        let filled = |column: usize| -> Vec<&str> {
            body.iter()
                .map(|row| cell(row, column))
                .filter(|c| !c.is_empty())
                .collect()
        };
        let mostly = |column: usize, test: fn(&str) -> bool| {
            let cells = filled(column);
            let passed = cells.iter().filter(|c| test(c)).count();
            !cells.is_empty() && passed * 2 >= cells.len()
        };
        // A column named so must hold questions (`| Section | Questions |` may count them);
        // an unnamed one must ask them.
        let question = named(&scan::QUESTION_WORDS)
            .filter(|&c| filled(c).iter().any(|q| asks(q)) || mostly(c, looks_asked))
            .or_else(|| {
                (0..header.len())
                    .filter(|_| unnamed)
                    .find(|&c| filled(c).len() >= 2 && mostly(c, asks))
            })?;
        // `Answer` before `Description`: a table may have both, a topic's note and the answer.
        let answer = named(&ANSWER_WORDS)
            .or_else(|| named(&DESCRIPTION_WORDS))
            .filter(|&c| c != question);
        let number = named(&NUMBER_WORDS).filter(|&c| c != question && Some(c) != answer);
        let level = named(&levels::LABELS).filter(|&c| c != question);
        // Questions that are links, or that come with links and no answers, point to where
        // the answers are: a table of contents.
        let links =
            (0..header.len()).any(|c| (c == question || answer.is_none()) && mostly(c, is_link));
        if links {
            return None;
        }
        Some(Columns {
            question,
            answer,
            number,
            level,
        })
    }

    fn row<'a>(&self, cells: &[&'a str]) -> Option<Row<'a>> {
        let written = cell(cells, self.question);
        // A row that only names a group of the questions below (`| **Basics** | |`).
        let alone = (0..cells.len()).all(|c| c == self.question || cell(cells, c).is_empty());
        if alone && !asks(written) && (unwrap_emphasis(written) != written || !looks_asked(written))
        {
            return None;
        }
        let question = split_breaks(unwrap_emphasis(written))
            .into_iter()
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replace("\\|", "|");
        let number = self
            .number
            .map(|c| cell(cells, c).trim_end_matches(['.', ')']))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        // The number in the question's own text goes, whether or not a column gives it too.
        let (own, question) = match scan::leading_number(&question) {
            Some((key, text)) => (Some(key.to_string()), text.to_string()),
            None => (None, question),
        };
        if question.is_empty() {
            return None;
        }
        let mut answer: Vec<&str> = self
            .answer
            .map(|c| split_breaks(cell(cells, c)))
            .unwrap_or_default()
            .into_iter()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .collect();
        // A label at the answer's start (`**Ответ:** …`) says what the column does.
        if let Some(first) = answer.first_mut()
            && let Some(rest) = scan::answer_label(first)
        {
            *first = rest;
        }
        Some(Row {
            key: number.map(str::to_string).or(own),
            question,
            answer,
            level: self
                .level
                .and_then(|c| Level::from_name(unwrap_emphasis(cell(cells, c)))),
        })
    }
}

/// Header names of an answer column, lower case.
const ANSWER_WORDS: [&str; 12] = [
    "answer",
    "ответ",
    "a",
    "solution",
    "explanation",
    "решение",
    "пояснение",
    "разбор",
    "что хотим услышать",
    // A flashcard app's export (Anki, Quizlet, Notion): `| Front | Back |`.
    "back",
    "оборот",
    "оборотная сторона",
];

/// Header names of a column that answers where no column is named as [`ANSWER_WORDS`] are.
const DESCRIPTION_WORDS: [&str; 6] = [
    "description",
    "definition",
    "meaning",
    "описание",
    "определение",
    "объяснение",
];

/// Header names of a number column, lower case.
const NUMBER_WORDS: [&str; 7] = ["#", "№", "no", "nr", "n", "number", "номер"];

/// Whether a cell reads as a question: it ends with `?`, or is a phrase (three words or
/// more, with letters: `Explain the GIL`) rather than a count, a label (`Вопрос 1`) or a
/// name.
fn looks_asked(cell: &str) -> bool {
    asks(cell) || cell.split_whitespace().count() >= 3 && cell.chars().any(char::is_alphabetic)
}

/// Whether a cell asks, `?` at its end (emphasis aside).
fn asks(cell: &str) -> bool {
    scan::ends_with_question_mark(cell)
}

/// A cell's text split at its line breaks (`<br>`, `<br/>`, `<BR />`).
fn split_breaks(cell: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(at) = cell[from..].find('<').map(|k| from + k) {
        let tag = &cell[at + 1..];
        let end = tag
            .get(..2)
            .filter(|name| name.eq_ignore_ascii_case("br"))
            .map(|_| tag[2..].trim_start_matches([' ', '/']))
            .and_then(|t| t.strip_prefix('>'))
            .map(|after| cell.len() - after.len());
        if let Some(end) = end {
            parts.push(&cell[start..at]);
            start = end;
        }
        from = end.unwrap_or(at + 1);
    }
    parts.push(&cell[start..]);
    parts
}

/// Whether a table row names a question column (`| Question | Answer |`, `| Вопрос | … |`):
/// a table of questions' header, as a section's sign.
pub(super) fn asks_in_header(line: &str) -> bool {
    cells(line)
        .iter()
        .any(|c| names_one_of(&header_name(c), &scan::QUESTION_WORDS))
}

/// A header cell as a plain lower-case name: `**Вопрос**` → `вопрос`, `No.` → `no`,
/// `Answer (short)` → `answer`.
fn header_name(cell: &str) -> String {
    let cell = match cell.find('(') {
        Some(at) if at > 0 => &cell[..at],
        _ => cell,
    };
    cell.trim()
        .trim_matches(['*', '_', '`', ' '])
        .trim_end_matches([':', '.', '?'])
        .trim()
        .to_lowercase()
}

/// Whether a header name is one of `words`, maybe plural or after other words
/// (`Questions`, `Вопросы`, `Interview question`); a one-letter word only alone (`Q`).
fn names_one_of(name: &str, words: &[&str]) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    words.iter().any(|w| {
        name == *w
            || (w.chars().count() > 1 && [*w, &format!("{w}s"), &format!("{w}ы")].contains(&last))
    })
}

/// `**text**`, `__text__`, `*text*` or `_text_` around the whole cell: the text.
fn unwrap_emphasis(cell: &str) -> &str {
    for mark in ["**", "__", "*", "_"] {
        if let Some(inner) = cell.strip_prefix(mark).and_then(|c| c.strip_suffix(mark))
            && !inner.is_empty()
            && !inner.contains(mark)
        {
            return inner.trim();
        }
    }
    cell
}

/// A row's cell in `column`, trimmed; empty when the row is short.
fn cell<'a>(row: &[&'a str], column: usize) -> &'a str {
    row.get(column).map_or("", |c| c.trim())
}

/// Whether a cell is only a Markdown link (`[What is X?](#what-is-x)`).
fn is_link(cell: &str) -> bool {
    let cell = unwrap_emphasis(cell);
    cell.starts_with('[') && cell.ends_with(')') && cell.contains("](")
}

/// A delimiter row's cell: dashes, with a colon at either end for alignment.
fn is_delimiter_cell(cell: &str) -> bool {
    let inner = cell.trim().trim_start_matches(':').trim_end_matches(':');
    !inner.is_empty() && inner.bytes().all(|b| b == b'-')
}

/// The cells of a table row (`| a | b |`, or `a | b` without the outer pipes). An escaped
/// pipe (`\|`) and one inside a code span do not split a cell: a reader would not split
/// `` `a | b` `` either. A line with no pipe has no cells.
pub(super) fn cells(line: &str) -> Vec<&str> {
    split_cells(line, true)
}

/// [`cells`]; without `code`, backticks are plain characters (a row whose code span never
/// closes is split as if it had none, as GitHub does).
fn split_cells(line: &str, code_spans: bool) -> Vec<&str> {
    let row = line.trim();
    if !row.contains('|') {
        return Vec::new();
    }
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = match row.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => row,
    };
    let bytes = row.as_bytes();
    let mut cells = Vec::new();
    let (mut start, mut code, mut i) = (0, 0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' if code_spans => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                // A code span closes on a run of as many backticks.
                code = if code == 0 {
                    run
                } else if code == run {
                    0
                } else {
                    code
                };
                i += run - 1;
            }
            b'|' if code == 0 => {
                cells.push(row[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if code != 0 {
        return split_cells(line, false);
    }
    cells.push(row[start..].trim());
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Row<'_>)> {
        let lines: Vec<&str> = text.lines().collect();
        let kinds = vec![LineKind::Text; lines.len()];
        question_rows(&lines, &kinds, true).into_iter().collect()
    }

    fn row<'a>(key: Option<&str>, question: &str, answer: &[&'a str]) -> Row<'a> {
        Row {
            key: key.map(str::to_string),
            question: question.to_string(),
            answer: answer.to_vec(),
            level: None,
        }
    }

    #[test]
    fn cells_split_at_pipes_outside_code_and_escapes() {
        assert_eq!(cells("| a | b |"), ["a", "b"]);
        assert_eq!(cells("a | b"), ["a", "b"]);
        assert_eq!(cells("| `x | y` | z |"), ["`x | y`", "z"]);
        assert_eq!(cells(r"| a \| b | c |"), [r"a \| b", "c"]);
        assert_eq!(cells("| ``a ` | b`` | c |"), ["``a ` | b``", "c"]);
        assert_eq!(cells("| a |  |"), ["a", ""]);
        assert!(cells("no pipes here").is_empty());
    }

    #[test]
    fn named_columns_give_number_question_and_answer() {
        let text = "| # | Вопрос | Ответ |\n|:-:|---|---|\n\
                    | 1 | **Что такое GIL?** | Мьютекс интерпретатора.<br>Один поток за раз. |\n\
                    | 2. | Что такое `a \\| b`? | Объединение множеств. |\n";
        assert_eq!(
            rows(text),
            [
                (
                    3,
                    row(
                        Some("1"),
                        "Что такое GIL?",
                        &["Мьютекс интерпретатора.", "Один поток за раз."]
                    )
                ),
                (
                    4,
                    row(Some("2"), "Что такое `a | b`?", &["Объединение множеств."])
                ),
            ]
        );
    }

    #[test]
    fn an_unnamed_column_of_questions_is_found_by_its_question_marks() {
        let text = "Topic | Ask | Difficulty\n--- | --- | ---\n\
                    Python | What is a decorator? | easy\n\
                    Python | 3. How does `asyncio` schedule tasks? | medium\n\
                    SQL | Why index a foreign key | hard\n";
        assert_eq!(
            rows(text),
            [
                (3, row(None, "What is a decorator?", &[])),
                (4, row(Some("3"), "How does `asyncio` schedule tasks?", &[])),
                (5, row(None, "Why index a foreign key", &[])),
            ]
        );
    }

    #[test]
    fn other_tables_give_no_questions() {
        // Figures, a table of contents, a header row without a delimiter under it.
        let figures = "| Job | Time |\n| --- | --- |\n| import | 1 s |\n| export | 2 s |\n";
        let contents = "| No. | Questions |\n| --- | --- |\n| 1 | [What is React?](#what-is-react) |\n\
                        | 2 | [What is JSX?](#what-is-jsx) |\n";
        let loose = "| Question | Answer |\n| What is X? | Y |\n";
        for text in [figures, contents, loose] {
            assert_eq!(rows(text), [], "{text}");
        }
    }

    #[test]
    fn header_names_may_be_plural_bold_or_after_other_words() {
        for header in ["**Questions**", "Interview question", "Вопросы", "Q"] {
            let text = format!("| {header} | A |\n|---|---|\n| Why? | Because. |\n");
            let lines: Vec<&str> = text.lines().collect();
            let kinds = vec![LineKind::Text; lines.len()];
            let found = question_rows(&lines, &kinds, true);
            assert_eq!(found.len(), 1, "{header}");
            assert_eq!(found[&3].answer, ["Because."], "{header}");
        }
        assert!(!names_one_of("faq", &scan::QUESTION_WORDS));
        assert!(!names_one_of("iq", &scan::QUESTION_WORDS));
    }

    #[test]
    fn a_column_named_for_questions_must_hold_them() {
        // Counts of questions per section, and quarters: no questions in either.
        let counts = "| Section | Questions |\n|---|---|\n| Containers | 1–2 |\n| Storage | 3 |\n";
        let quarters = "| Q | Revenue |\n|---|---|\n| Q1 | 10 |\n| Q2 | 12 |\n";
        for text in [counts, quarters] {
            assert_eq!(rows(text), [], "{text}");
        }
    }

    #[test]
    fn group_rows_and_rows_left_empty_are_no_questions() {
        let text = "| Question | Answer |\n|---|---|\n| **Basics** | |\n| What is X? | x |\n\
                    | <br> | y |\n| 2. | y |\n| Networking | |\n| What is Y | |\n";
        assert_eq!(
            rows(text),
            [
                (4, row(None, "What is X?", &["x"])),
                (8, row(None, "What is Y", &[])),
            ]
        );
    }

    #[test]
    fn questions_that_come_with_links_and_no_answers_are_contents() {
        let text = "| # | Вопрос | Ссылка |\n|---|---|---|\n| 1 | Что такое горутина? | [→](#q1) |\n\
                    | 2 | Что такое канал? | [→](#q2) |\n";
        assert_eq!(rows(text), []);
        // With an answer column, links are the answers' own.
        let answered = "| Question | Answer |\n|---|---|\n| What is a goroutine? | [The tour](https://go.dev/tour) |\n";
        assert_eq!(rows(answered).len(), 1);
    }

    #[test]
    fn answers_under_other_names_and_labels() {
        for header in [
            "Solution",
            "Answer (short)",
            "Пояснение",
            "Explanations",
            "Description",
            "Определение",
            "Разбор",
            "Что хотим услышать",
        ] {
            let text = format!("| Question | {header} |\n|---|---|\n| Why? | **Ответ:** So. |\n");
            let lines: Vec<&str> = text.lines().collect();
            let kinds = vec![LineKind::Text; lines.len()];
            assert_eq!(
                question_rows(&lines, &kinds, true)[&3].answer,
                ["So."],
                "{header}"
            );
        }
    }

    #[test]
    fn the_number_leaves_the_question_text_and_a_lone_backtick_splits_nothing() {
        let text = "| # | Question | Answer |\n|---|---|---|\n| 1 | 1. What is X? | x |\n\
                    | 2 | What does the ` character do? | Command substitution. |\n";
        assert_eq!(
            rows(text),
            [
                (3, row(Some("1"), "What is X?", &["x"])),
                (
                    4,
                    row(
                        Some("2"),
                        "What does the ` character do?",
                        &["Command substitution."]
                    )
                ),
            ]
        );
    }

    #[test]
    fn a_level_column_gives_the_level() {
        let text = "| Question | Level |\n|---|---|\n| Why? | **Senior** |\n| How? | hard |\n";
        let levels: Vec<Option<Level>> = rows(text).into_iter().map(|(_, r)| r.level).collect();
        assert_eq!(levels, [Some(Level::Senior), None]);
    }

    #[test]
    fn numbers_that_start_again_under_one_heading_give_way_to_positions() {
        let table = "| # | Question |\n|---|---|\n| 1 | What is X? |\n| 2 | What is Y? |\n";
        let text = format!("**Junior**\n\n{table}\n**Senior**\n\n{table}");
        let lines: Vec<&str> = text.lines().collect();
        let kinds = vec![LineKind::Text; lines.len()];
        let keys: Vec<Option<String>> = question_rows(&lines, &kinds, true)
            .into_values()
            .map(|r| r.key)
            .collect();
        assert_eq!(keys, [Some("1".into()), Some("2".into()), None, None]);
        // Under a heading of their own, each table keeps its numbers.
        let mut kinds = kinds;
        kinds[7] = LineKind::Heading(0);
        let keys = question_rows(&lines, &kinds, true)
            .into_values()
            .filter(|r| r.key.is_some());
        assert_eq!(keys.count(), 4);
    }

    #[test]
    fn rows_in_code_blocks_are_not_read() {
        let text = "```\n| Q | A |\n|---|---|\n| Why? | So. |\n```\n";
        let lines: Vec<&str> = text.lines().collect();
        let kinds = [
            LineKind::Code { open: 1 },
            LineKind::Code { open: 1 },
            LineKind::Code { open: 1 },
            LineKind::Code { open: 1 },
            LineKind::Code { open: 1 },
        ];
        assert!(question_rows(&lines, &kinds, true).is_empty());
    }
}
