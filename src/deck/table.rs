//! Questions in Markdown tables (GitHub's pipe tables): a table whose header names a
//! question column (`Question`, `Вопросы`, `Q`), or whose cells in one column mostly end
//! with `?`, gives a question per row. A column named as the answer (`Answer`, `Ответ`,
//! `A`) is each row's answer, its `<br>`s line breaks; one named as the number (`#`,
//! `No.`, `№`) is the row's key. A table whose question cells are only links is a table of
//! contents, not questions.

use std::collections::BTreeMap;

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
}

/// The question rows of every question table in the document, by line (1-based).
pub(super) fn question_rows<'a>(lines: &[&'a str], kinds: &[LineKind]) -> BTreeMap<usize, Row<'a>> {
    let mut rows = BTreeMap::new();
    let text = |index: usize| kinds.get(index) == Some(&LineKind::Text);
    let mut index = 0;
    while index + 1 < lines.len() {
        let header = cells(lines[index]);
        let delimiter = cells(lines[index + 1]);
        // A table is a header row with a delimiter row of as many cells under it.
        if !(text(index) && text(index + 1) && header.len() >= 2)
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
        if let Some(columns) = Columns::of(&header, &body) {
            for (offset, row) in body.iter().enumerate() {
                if let Some(row) = columns.row(row) {
                    rows.insert(first + offset + 1, row);
                }
            }
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
}

impl Columns {
    /// The columns of a question table, or `None` when it is another kind of table.
    fn of(header: &[&str], body: &[Vec<&str>]) -> Option<Columns> {
        let names: Vec<String> = header.iter().map(|h| header_name(h)).collect();
        let named = |words: &[&str]| names.iter().position(|n| names_one_of(n, words));
        let asking = |column: usize| {
            let filled: Vec<&str> = body
                .iter()
                .map(|row| cell(row, column))
                .filter(|c| !c.is_empty())
                .collect();
            let asked = filled
                .iter()
                .filter(|c| scan::ends_with_question_mark(c))
                .count();
            filled.len() >= 2 && asked * 2 >= filled.len()
        };
        let question =
            named(&scan::QUESTION_WORDS).or_else(|| (0..header.len()).find(|&c| asking(c)))?;
        let answer = named(&scan::ANSWER_WORDS).filter(|&c| c != question);
        let number = named(&NUMBER_WORDS).filter(|&c| c != question && Some(c) != answer);
        // Cells that are only links point to where the questions are: a table of contents.
        let questions: Vec<&str> = body
            .iter()
            .map(|row| cell(row, question))
            .filter(|c| !c.is_empty())
            .collect();
        let links = questions.iter().filter(|c| is_link(c)).count();
        if questions.is_empty() || (answer.is_none() && links * 2 >= questions.len()) {
            return None;
        }
        Some(Columns {
            question,
            answer,
            number,
        })
    }

    fn row<'a>(&self, cells: &[&'a str]) -> Option<Row<'a>> {
        let question = unwrap_emphasis(cells.get(self.question)?.trim());
        if question.is_empty() {
            return None;
        }
        let question = split_breaks(question)
            .into_iter()
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replace("\\|", "|");
        let written = self
            .number
            .and_then(|c| cells.get(c))
            .map(|c| c.trim().trim_end_matches(['.', ')']))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        let (key, question) = match (written, scan::leading_number(&question)) {
            (Some(key), _) => (Some(key.to_string()), question),
            (None, Some((key, text))) => (Some(key.to_string()), text.to_string()),
            (None, None) => (None, question),
        };
        let answer = self
            .answer
            .and_then(|c| cells.get(c))
            .map(|c| {
                split_breaks(c)
                    .into_iter()
                    .map(str::trim)
                    .skip_while(|l| l.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Some(Row {
            key,
            question,
            answer,
        })
    }
}

/// Header names of a number column, lower case.
const NUMBER_WORDS: [&str; 7] = ["#", "№", "no", "nr", "n", "number", "номер"];

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

/// A header cell as a plain lower-case name: `**Вопрос**` → `вопрос`, `No.` → `no`.
fn header_name(cell: &str) -> String {
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
            b'`' => {
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
    cells.push(row[start..].trim());
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Row<'_>)> {
        let lines: Vec<&str> = text.lines().collect();
        let kinds = vec![LineKind::Text; lines.len()];
        question_rows(&lines, &kinds).into_iter().collect()
    }

    fn row<'a>(key: Option<&str>, question: &str, answer: &[&'a str]) -> Row<'a> {
        Row {
            key: key.map(str::to_string),
            question: question.to_string(),
            answer: answer.to_vec(),
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
        let text = "Topic | Ask | Level\n--- | --- | ---\n\
                    Python | What is a decorator? | junior\n\
                    Python | 3. How does `asyncio` schedule tasks? | middle\n\
                    SQL | Why index a foreign key | senior\n";
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
            let found = question_rows(&lines, &kinds);
            assert_eq!(found.len(), 1, "{header}");
            assert_eq!(found[&3].answer, ["Because."], "{header}");
        }
        assert!(!names_one_of("faq", &scan::QUESTION_WORDS));
        assert!(!names_one_of("iq", &scan::QUESTION_WORDS));
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
        assert!(question_rows(&lines, &kinds).is_empty());
    }
}
