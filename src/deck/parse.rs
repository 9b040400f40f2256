//! Markdown → `Deck`. Pure: `parse_deck` takes bytes; `read_deck` only adds the file read.

// Keys and question texts of one's own file: Fx hashing, as no one attacks their own
// deck, and SipHash over 120,000 keys showed in profiles of a large import.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;
use std::path::Path;

use super::levels::{self, Level};
use super::model::{Deck, FollowUp, Question, Topic};
use super::outline::{self, LineKind, Outline, Role, Shape};
use super::{scan, table};

/// At most this many errors are reported from one run.
const MAX_ERRORS: usize = 20;

/// Why a deck could not be read, with the file and, where it applies, the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// The file as the user named it.
    pub path: String,
    /// 1-based line, when the problem is at one place.
    pub line: Option<usize>,
    pub kind: ParseErrorKind,
    /// Further problems found in the same run, in document order (at most 19): one run
    /// reports them all.
    pub more: Box<[ParseError]>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.kind)?,
            None => write!(f, "{}: {}", self.path, self.kind)?,
        }
        for other in &self.more {
            write!(f, "\n{other}")?;
        }
        Ok(())
    }
}

/// What is wrong with a deck.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    #[error("cannot read file: {0}")]
    Io(String),
    #[error("not a UTF-8 text file")]
    NotText,
    #[error("binary data (control bytes) in a text deck")]
    Binary,
    /// `contents` says what the document holds instead.
    #[error("no questions found ({contents}); see decks/README.md for the shapes recall reads")]
    NoQuestions { contents: String },
    #[error(
        "follow-up list outside a question: the heading above it asks nothing; number it (`### 3. …`) or end it with `?`"
    )]
    FollowUpsOutsideQuestion,
    #[error("question number {key} appears twice (first on line {first_line})")]
    DuplicateQuestion { key: String, first_line: usize },
    #[error("follow-up number {number} appears twice in question {key}")]
    DuplicateFollowUp { key: String, number: u32 },
    #[error("empty question text")]
    EmptyQuestion,
    /// Two `**Ответ:**` blocks under one main question.
    #[error("question {key} has a second answer (first on line {first_line})")]
    DuplicateAnswer { key: String, first_line: usize },
    /// A main question's key equals another question's follow-up key (`1.1` vs `1` item 1).
    #[error("card key {key} is also follow-up {number} of question {parent} (line {line})")]
    KeyClash {
        key: String,
        parent: String,
        number: u32,
        line: usize,
    },
}

/// Something odd that does not stop the import, such as a declared count that does not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: warning: {}", self.path, self.line, self.message)
    }
}

/// Reads and parses a deck file; the slug is the file stem.
pub fn read_deck(path: &Path) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
    DeckFile::read(path)?.parse()
}

/// A deck file's bytes, read but not parsed yet: the importer can tell an unchanged file by
/// its bytes and skip the parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckFile {
    /// The path as the user gave it, for messages.
    pub label: String,
    /// The file stem: the deck's identity.
    pub slug: String,
    pub bytes: Vec<u8>,
}

impl DeckFile {
    pub fn read(path: &Path) -> Result<DeckFile, ParseError> {
        let label = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|e| error(&label, None, ParseErrorKind::Io(e.to_string())))?;
        let slug = slug_of(&path.file_stem().unwrap_or_default().to_string_lossy());
        Ok(DeckFile { label, slug, bytes })
    }

    pub fn parse(&self) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
        parse_deck(&self.label, &self.slug, &self.bytes)
    }
}

/// A deck's name from its file name, typeable back in `DECK:KEY`: letters and digits of any
/// script, `-`, `_` and `.` are kept; anything else (a `:`, spaces, control characters) runs
/// into one `-`.
fn slug_of(stem: &str) -> String {
    let mut slug = String::with_capacity(stem.len());
    for c in stem.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches(['-', '.']);
    if slug.is_empty() {
        "deck".to_string()
    } else {
        slug.to_string()
    }
}

/// Parses a deck document. `path` is only used in messages.
///
/// Pure: no I/O. The document is read line by line; see `decks/README.md` for the format.
pub fn parse_deck(
    path: &str,
    slug: &str,
    bytes: &[u8],
) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
    let text = decode(path, bytes)?;
    // `trim_end` also drops the `\r` of CRLF files.
    let mut lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let outline = outline::outline(&mut lines);
    let mut parser = Parser::new(path, &outline);
    for (index, line) in lines.iter().enumerate() {
        if let Err(e) = parser.line(index + 1, line) {
            parser.errors.push(e);
            if parser.errors.len() >= MAX_ERRORS {
                break;
            }
        }
    }
    parser.finish(slug, &lines)
}

fn error(path: &str, line: Option<usize>, kind: ParseErrorKind) -> ParseError {
    ParseError {
        path: path.to_string(),
        line,
        kind,
        more: Box::default(),
    }
}

/// Checks that the bytes are text: no control bytes, valid UTF-8; drops a BOM.
fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let line_of = |at: usize| bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    // Non-short-circuit operators so the block scan vectorises; a hit is then located.
    let is_control =
        |b: u8| ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7f);
    for (index, block) in bytes.chunks(64).enumerate() {
        if block.iter().fold(false, |found, &b| found | is_control(b)) {
            let at = index * 64 + block.iter().position(|&b| is_control(b)).unwrap_or(0);
            return Err(error(path, Some(line_of(at)), ParseErrorKind::Binary));
        }
    }
    // Checked with the processor's vector instructions (the standard library's check was a
    // tenth of a large deck's parse); a failure is located by the standard one.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        error(
            path,
            Some(line_of(e.valid_up_to())),
            ParseErrorKind::NotText,
        )
    })
}

/// Where the parser is within the current question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No open question: contents, instructions, text after a non-question heading.
    Outside,
    /// Between a question and its answer or follow-up marker.
    Body,
    /// Inside the main question's answer.
    Answer,
    /// After the follow-up marker: list items and what is nested under them.
    List,
    /// After the follow-up list (or a `<details>` answer) ended, until the next question.
    AfterList,
}

/// A section heading; it becomes a topic when its first question appears.
struct Section {
    name: String,
    line: usize,
    declared: Option<u32>,
}

/// Lines of a body or answer, as slices of the document.
struct Block<'a> {
    line: usize,
    /// The label that opened it, as written (`**Ответ:**`), to tell a second answer.
    label: &'a str,
    lines: Vec<&'a str>,
    /// Opened inside a block quote (`> **Answer:**`): its quoted lines lose the `>`.
    quoted: bool,
}

impl<'a> Block<'a> {
    /// An answer opened on line `line` by `label` (`""` for none), not in a block quote.
    fn new(line: usize, label: &'a str, lines: Vec<&'a str>) -> Block<'a> {
        Block {
            line,
            label,
            lines,
            quoted: false,
        }
    }

    /// A line of a `<details>` answer (`rest` without its indentation): the block's own HTML
    /// (a `<summary>`, the closing tag) stays out. Returns whether it closes the block.
    fn push_details_line(&mut self, rest: &'a str, line: &'a str) -> bool {
        if rest.starts_with("<summary") || rest.contains("</details>") {
            let (content, closed) = scan::details_content(rest);
            self.lines.push(content);
            closed
        } else {
            self.lines.push(line);
            false
        }
    }
}

/// Joins lines, dropping leading and trailing blank ones; `None` when nothing is left.
fn join_lines(lines: &[&str]) -> Option<String> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    let end = lines.iter().rposition(|l| !l.trim().is_empty())? + 1;
    Some(lines[start..end].join("\n"))
}

/// An answer's lines joined, ending at its last line that says something. Pages leave
/// things after an answer that are not part of it: HTML that is only markup (`<br>`, the
/// closing `</p>` of a banner, its `<img …>`), a link back up the page, a heading with
/// nothing under it (a footer's `#### Explore all 100 answers here`), a last paragraph
/// ending in a colon that introduces nothing (a pasted "Here is the requested content,
/// formatted in markdown:").
fn join_answer(lines: &[&str]) -> Option<String> {
    // Markup alone before the answer says nothing either (`<br><b>` after a summary).
    let start = lines
        .iter()
        .position(|l| !(l.trim().is_empty() || markup_only(l.trim())))?;
    let lines = &lines[start..];
    let mut end = lines.len();
    loop {
        while end > 0 && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        let last = lines.get(end.checked_sub(1)?)?.trim();
        let alone = end < 2 || lines[end - 2].trim().is_empty();
        // The answer's first paragraph stays, whatever it ends with.
        let first = lines[..end - 1].iter().all(|l| l.trim().is_empty());
        if !first
            && (markup_only(last)
                || tags_only(last)
                || back_link(last)
                || scan::heading(last).is_some()
                || (alone && last.ends_with(':')))
        {
            end -= 1;
        } else {
            return join_lines(&lines[..end]);
        }
    }
}

/// Whether a line lists a question's keywords: `**Keywords:** BFS, locks`, `Ключевые
/// слова: …` (bold or not, the colon inside or outside).
fn is_keywords_line(line: &str) -> bool {
    let s = line.trim_start().trim_start_matches('*');
    ["keywords", "key words", "ключевые слова"].iter().any(|w| {
        scan::strip_prefix_ci(s, w)
            .is_some_and(|rest| rest.trim_start_matches('*').starts_with(':'))
    })
}

/// Whether a line is only a link back up the page: `**[⬆ Back to Top](#contents)**`,
/// `[Наверх](#оглавление)`, `<div align="right"><a href="#top">⬆ back to top</a></div>`.
fn back_link(line: &str) -> bool {
    let s = line.trim().trim_matches(['*', '_']);
    let markdown = s.starts_with('[') && s.ends_with(')') && s.matches("](").count() == 1;
    let html = s.starts_with('<') && s.ends_with('>');
    if !((markdown && s.contains("](#")) || (html && s.contains("href=\"#"))) {
        return false;
    }
    // The link's own words say where it goes: `top`, not `topics`.
    let text = match s.find("](") {
        Some(end) if markdown => &s[..end],
        _ => s,
    };
    if text.contains(['⬆', '↑']) {
        return true;
    }
    let text = text.to_lowercase();
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        [
            "top",
            "back",
            "наверх",
            "назад",
            "содержание",
            "содержанию",
            "оглавление",
            "оглавлению",
            "contents",
        ]
        .contains(&w)
    })
}

/// Whether a line is HTML tags and nothing else (`<br>`, `</a>`, `<img src="…">`).
fn markup_only(line: &str) -> bool {
    // `<https://go.dev/doc>` is a link, not markup.
    let autolink = line.contains("://") && !line.contains(char::is_whitespace);
    line.starts_with('<') && !autolink && scan::strip_tags(line).trim().is_empty()
}

/// A line of tags alone (`#собеседование #postgres`), as notes apps end a note with.
fn tags_only(line: &str) -> bool {
    line.split_whitespace().all(|word| {
        word.strip_prefix('#')
            .is_some_and(|tag| tag.starts_with(char::is_alphabetic))
    })
}

/// The most lines a page's footer has ([`Parser::close_question`]).
const FOOTER_LINES: usize = 3;

/// The label of an answer given as a `<details>` block.
const DETAILS: &str = "<details>";
/// The label of an answer in a table's answer column.
const TABLE: &str = "|";

struct OpenFollowUp<'a> {
    number: u32,
    line: usize,
    text: String,
    answer: Option<Block<'a>>,
    /// Indentation of the answer label; answer lines lose this much.
    answer_indent: usize,
    /// Its answer is written at the margin under the list: the lines after it are the
    /// answer's until the next follow-up's number.
    margin_answer: bool,
    /// The number the margin answer's own numbered list goes on with, if it has one.
    answer_list_next: Option<u32>,
    /// Written on its label's line (`**Follow-up:** …?`) under an answered question: the
    /// text under it, labelled or not, is its answer, and no list item there asks.
    inline: bool,
}

impl OpenQuestion<'_> {
    /// The highest follow-up number so far (0 before the first).
    fn last_number(&self) -> u32 {
        self.followups.iter().map(|f| f.number).max().unwrap_or(0)
    }

    /// A marker ends the answer of a follow-up written on its label's line: the list under
    /// it is the question's.
    fn end_inline_answer(&mut self) {
        if let Some(f) = self.followups.last_mut().filter(|f| f.inline) {
            f.inline = false;
            f.margin_answer = false;
        }
    }
}

impl OpenFollowUp<'_> {
    fn new(number: u32, line: usize, text: String) -> Self {
        OpenFollowUp {
            number,
            line,
            text,
            answer: None,
            answer_indent: 0,
            margin_answer: false,
            answer_list_next: None,
            inline: false,
        }
    }
}

struct OpenQuestion<'a> {
    /// The number or label as written; empty when the question has none.
    key: String,
    line: usize,
    text: String,
    body: Vec<&'a str>,
    answer: Option<Block<'a>>,
    marker_line: Option<usize>,
    followups: Vec<OpenFollowUp<'a>>,
    /// Indentation of the first follow-up item (or, for a list-item question, of its first
    /// nested line).
    list_indent: usize,
    /// A blank line since the last list line: ends lazy continuation.
    blank_before: bool,
    warned_trailing: bool,
    /// How many body and answer lines there were at each rule (`---`) among them.
    rules: Vec<(usize, usize)>,
    /// A level given other than by a line of the body (a table's level column, a tag).
    level: Option<Level>,
    /// The level its section names.
    section_level: Option<Level>,
    /// It leads in (`Consider this code:`) or asks after its snippet: without answer
    /// labels, its body is its front up to where it asks.
    leads_in: bool,
    /// A follow-up marker came after follow-ups: the next group may number from 1 again.
    second_list: bool,
    /// Added to the written numbers of a second group that numbered from 1 again.
    number_offset: u32,
    /// For a list-item question, the column its text starts at (`1. ` → 3).
    item_column: usize,
    /// Lettered lines right under a list question were kept on its front as options: with
    /// no answer label after them, they were its answer (`a) extend Thread; b) …`).
    options_kept: bool,
}

struct Parser<'a, 'o> {
    path: &'a str,
    outline: &'o Outline<'a>,
    title: Option<String>,
    topics: Vec<Topic>,
    warnings: Vec<ParseWarning>,
    errors: Vec<ParseError>,
    section: Option<Section>,
    /// Index of the current section in `Outline::question_lists`.
    section_index: usize,
    /// The current section's topic, created with its first question.
    topic: Option<usize>,
    /// The topic of questions that precede every heading; named after the deck title.
    headless_topic: Option<usize>,
    question: Option<OpenQuestion<'a>>,
    mode: Mode,
    /// The last code block warned about, so that one block gives one warning.
    warned_block: usize,
    /// In a guide of question headings, list items or `Q:` lines that ask outside every
    /// question: the line of the heading above each, its own line, and its text.
    unread: Vec<(usize, usize, &'a str)>,
    /// The line of the last heading read.
    last_heading: usize,
    /// `<details>` blocks open inside a `<details>` question's answer: their `</details>`
    /// does not end it.
    nested_details: usize,
    /// Questions closed, how many of them ended at a rule (`---` between questions), and
    /// how many had a rule inside their text (an answer in parts).
    closed: usize,
    ended_at_rule: usize,
    ruled_inside: usize,
    /// The document has ended: the question being closed is the last.
    at_end: bool,
    /// The level each heading above the current line names, by its depth (`#` to `######`):
    /// the deepest one is the level of the questions under it.
    heading_levels: [Option<Level>; 6],
    /// A list of questions that no answer keeps was warned about.
    warned_unkept: bool,
    /// What the lines of the open code block under a list question lose of their indent.
    code_indent: usize,
    /// A question label alone on its line was read: the question's line, and its number.
    label_above: Option<(usize, Option<String>)>,
    /// List questions of this section answered by an indented line right under them: a
    /// request's next line is then its answer, not more of it.
    tight_answers: usize,
}

impl<'a, 'o> Parser<'a, 'o> {
    fn new(path: &'a str, outline: &'o Outline<'a>) -> Self {
        Parser {
            path,
            outline,
            title: None,
            topics: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            section: None,
            section_index: 0,
            topic: None,
            headless_topic: None,
            question: None,
            mode: Mode::Outside,
            warned_block: 0,
            unread: Vec::new(),
            last_heading: 0,
            nested_details: 0,
            closed: 0,
            ended_at_rule: 0,
            ruled_inside: 0,
            at_end: false,
            heading_levels: [None; 6],
            warned_unkept: false,
            label_above: None,
            tight_answers: 0,
            code_indent: 0,
        }
    }

    fn error(&self, line: usize, kind: ParseErrorKind) -> ParseError {
        error(self.path, Some(line), kind)
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(ParseWarning {
            path: self.path.to_string(),
            line,
            message,
        });
    }

    fn line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        match self.outline.kinds[no - 1] {
            LineKind::Skip => Ok(()),
            LineKind::Code { open } => {
                self.code_line(no, line, open);
                Ok(())
            }
            LineKind::Heading(index) => self.heading(no, index, line),
            LineKind::Text => match self.outline.shape {
                Shape::Headings => self.text_line(no, line),
                Shape::QuestionAnswer => self.qa_line(no, line),
                Shape::Lists => self.list_item_line(no, line),
                Shape::Details => self.details_line(no, line),
            },
        }
    }

    /// A fence or a line inside a code block: kept verbatim where the block belongs.
    fn code_line(&mut self, no: usize, line: &'a str, open: usize) {
        let opens = open == no
            && self.outline.shape == Shape::Lists
            && self.mode == Mode::Body
            && self.question.as_ref().is_some_and(|q| q.answer.is_none());
        // A code block that stands alone under a list question whose neighbours are
        // answered is its answer ([`Outline::block_answers`]); opened below, once its
        // indent is known.
        let alone = opens && self.outline.block_answers.get(no - 1) == Some(&true);
        // A code block at the margin under a list question answered at the margin opens
        // (or goes on with) its answer.
        if opens && !alone && scan::split_indent(line).0 < 2 && self.answered_here() {
            if let Some(q) = self.question.as_mut() {
                q.answer = Some(Block::new(no, "", Vec::new()));
            }
            self.mode = Mode::Answer;
        }
        let in_margin_answer = self
            .question
            .as_ref()
            .and_then(|q| q.followups.last())
            .is_some_and(|f| f.margin_answer);
        if open == no && self.mode == Mode::List && !in_margin_answer {
            match self.nested_indent(line) {
                Some(_) => {
                    if let Some(q) = self.question.as_mut() {
                        q.blank_before = false;
                    }
                }
                None => self.trailing(no),
            }
        }
        if open != no && self.warned_block != open && looks_structural(line) {
            self.warned_block = open;
            let message = format!(
                "a question heading or follow-up marker inside the code block opened on line \
                 {open} is read as code; is that block closed where you meant?"
            );
            self.warn(no, message);
        }
        // A block under a list question loses the indent of the question's nested lines,
        // as Markdown reads it. When the block comes first, it loses its fence's, and the
        // lines after it the item's text column.
        if open == no
            && self.outline.shape == Shape::Lists
            && let Some(q) = self.question.as_mut()
        {
            let fence = scan::split_indent(line).0;
            let first = q.answer.is_none() && q.body.iter().all(|l| l.trim().is_empty());
            if first {
                q.list_indent = match q.item_column {
                    0 => fence,
                    column => fence.min(column),
                };
            }
            self.code_indent = if first { fence } else { q.list_indent };
            if alone {
                q.answer = Some(Block::new(no, "", Vec::new()));
                self.mode = Mode::Answer;
            }
        }
        match self.outline.shape {
            Shape::Lists if matches!(self.mode, Mode::Body | Mode::Answer) => {
                self.verbatim(scan::dedent(line, self.code_indent));
            }
            _ => self.verbatim(line),
        }
    }

    /// A line inside a code fence: kept as it is wherever the fence belongs.
    fn verbatim(&mut self, line: &'a str) {
        let mode = self.mode;
        let Some(q) = self.question.as_mut() else {
            return;
        };
        match mode {
            Mode::Body => q.body.push(line),
            Mode::Answer => {
                if let Some(answer) = q.answer.as_mut() {
                    answer.lines.push(line);
                }
            }
            Mode::List => {
                if let Some(item) = q.followups.last_mut() {
                    match item.answer.as_mut() {
                        Some(answer) => answer.lines.push(scan::dedent(line, item.answer_indent)),
                        None => append_text(&mut item.text, line.trim()),
                    }
                }
            }
            Mode::Outside | Mode::AfterList => {}
        }
    }

    /// Warns of questions outside every question heading (a "Rapid fire" list after the
    /// headings), two or more under one heading: one shape is read per document, and they
    /// would be lost without a word. A list that repeats the headings' questions (contents)
    /// loses nothing.
    fn warn_unread(&mut self) {
        if self.unread.is_empty() {
            return;
        }
        let asked: HashSet<&str> = self
            .topics
            .iter()
            .flat_map(|t| &t.questions)
            .map(|q| q.text.as_str())
            .collect();
        let unread: Vec<_> = std::mem::take(&mut self.unread)
            .into_iter()
            .filter(|(_, _, text)| !asked.contains(text))
            .collect();
        for group in unread.chunk_by(|a, b| a.0 == b.0) {
            if let [(_, line, _), _, ..] = group {
                let message = format!(
                    "{} questions in a list or as Q: lines here are not read: this guide asks \
                     in headings; give each its own heading, or move them to a deck of their own",
                    group.len()
                );
                self.warn(*line, message);
            }
        }
    }

    fn heading(&mut self, no: usize, index: usize, line: &'a str) -> Result<(), ParseError> {
        self.last_heading = no;
        let outline = self.outline;
        let heading = &outline.headings[index];
        if heading.role != Role::Inner {
            // A question heading names no section's level, and ends those below it.
            let named = match heading.role {
                Role::Question { .. } => None,
                _ => levels::section_level(heading.text),
            };
            let depth = heading.level.clamp(1, 6) - 1;
            self.heading_levels[depth] = named;
            self.heading_levels[depth + 1..].fill(None);
        }
        let role = match (&heading.role, outline.shape) {
            // Without question headings, every heading is a section of list items or pairs.
            (Role::Other | Role::Inner, Shape::Lists | Shape::QuestionAnswer | Shape::Details) => {
                &Role::Section
            }
            (role, _) => role,
        };
        match role {
            Role::Title | Role::Section => {
                self.close_question();
                self.section_index = index + 1;
                if *role == Role::Title && self.title.is_none() && !heading.text.is_empty() {
                    self.title = Some(heading.text.to_string());
                }
                let (name, declared) = scan::topic_heading(heading.text);
                // A title's count is for the whole deck, not for this section.
                let declared = if *role == Role::Title { None } else { declared };
                self.open_section(no, name, declared);
            }
            Role::Question { key, text } => {
                self.close_question();
                self.open_question(no, key.clone(), text.clone())?;
                if let Some(q) = self.question.as_mut() {
                    q.leads_in |= heading.asked_after_code;
                }
            }
            Role::Inner => self.inner_heading(no, heading.text, line)?,
            Role::Other => self.close_question(),
        }
        // A label heading (`## Вопрос 3`) over nothing that asks (a list, a table) is no
        // question: say so rather than lose it quietly.
        let asks_below = outline.headings[index + 1..]
            .iter()
            .take_while(|h| h.level > heading.level)
            .any(|h| matches!(h.role, Role::Question { .. }));
        if !matches!(heading.role, Role::Question { .. } | Role::Inner)
            && (2..=4).contains(&heading.level)
            && outline.shape == Shape::Headings
            && !asks_below
            && scan::bare_question_label(heading.text).is_some()
        {
            let text = heading.text;
            self.warn(
                no,
                format!(
                    "\"{text}\" is a question label with no question under it (a paragraph \
                     that asks); it is read as a section"
                ),
            );
        }
        // A heading that asks by a verb before the first question heading or after the
        // last, with none under it, is taken for an introduction (`## Explain how to use
        // this guide`) or a closing section (`## Напишите нам`): say so, in case it asks.
        let leaf = outline
            .headings
            .get(index + 1)
            .is_none_or(|next| next.level <= heading.level);
        if matches!(role, Role::Title | Role::Section | Role::Other)
            && outline.shape == Shape::Headings
            && leaf
            && scan::asks_by_verb(heading.text)
            && !scan::addresses_the_reader(heading.text)
        {
            let later = outline.headings[index + 1..]
                .iter()
                .any(|h| matches!(h.role, Role::Question { .. }));
            let place = match (self.closed > 0, later) {
                (false, true) => Some("before the first question is read as an introduction"),
                (true, false) => Some("after the last question is read as a closing section"),
                _ => None,
            };
            if let Some(place) = place {
                let text = heading.text;
                self.warn(
                    no,
                    format!("\"{text}\" {place}, not a question; end it with `?` if it asks"),
                );
            }
        }
        Ok(())
    }

    /// A sub-heading inside a question: a follow-up marker, an answer section, or content.
    fn inner_heading(&mut self, no: usize, text: &str, line: &'a str) -> Result<(), ParseError> {
        if scan::is_follow_up_marker(text) {
            self.start_list(no);
            return Ok(());
        }
        let has_answer = self.question.as_ref().is_some_and(|q| q.answer.is_some());
        match self.mode {
            Mode::Body if !has_answer && scan::is_answer_heading(text) => {
                self.start_answer(no, line, "", false)
            }
            Mode::Body | Mode::Answer => self.body_line(no, line),
            Mode::List | Mode::AfterList => {
                // Under a follow-up on its label's line, a sub-heading is its answer's.
                let in_list = self.mode == Mode::List;
                let inline_answer = self
                    .question
                    .as_mut()
                    .and_then(|q| q.followups.last_mut())
                    .filter(|f| f.inline && in_list)
                    .and_then(|f| f.answer.as_mut());
                match inline_answer {
                    Some(answer) => answer.lines.push(line),
                    None => self.trailing(no),
                }
                Ok(())
            }
            Mode::Outside => Ok(()),
        }
    }

    /// A text line of a document whose questions are headings.
    fn text_line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        if self.mode == Mode::List
            && let Some(indent) = self.nested_indent(line)
        {
            return self.nested_line(no, line, indent);
        }
        match self.mode {
            Mode::Outside => {
                if scan::is_exact_follow_up_marker(line) {
                    return Err(self.error(no, ParseErrorKind::FollowUpsOutsideQuestion));
                }
                let asked = match outline::top_level_item(line) {
                    Some((_, text)) if outline::asks_in_list(text) => Some(text),
                    Some(_) => None,
                    None => scan::qa_question(line).map(|(_, text)| text),
                };
                if let Some(text) = asked {
                    self.unread.push((self.last_heading, no, text.trim()));
                }
            }
            Mode::Body | Mode::Answer => return self.body_line(no, line),
            Mode::List => return self.list_line(no, line),
            Mode::AfterList => {
                if scan::is_follow_up_marker(line) {
                    self.start_list(no);
                } else if let Some(text) = scan::inline_follow_up(line) {
                    self.inline_follow_up(no, text);
                } else if let Some(rest) = scan::answer_label(line.trim_start()) {
                    self.start_answer(no, line, rest, false)?;
                } else if !line.is_empty() && !scan::is_rule(line) {
                    self.trailing(no);
                }
            }
        }
        Ok(())
    }

    /// A line of a document of `Q:` / `A:` pairs.
    fn qa_line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        let trimmed = line.trim_start();
        // A callout that asks (`> [!question]- What is MVCC?`): its quoted lines answer.
        if let Some(title) = scan::callout_question(trimmed) {
            self.close_question();
            self.open_question(no, None, title.to_string())?;
            if let Some(q) = self.question.as_mut() {
                q.answer = Some(Block {
                    line: no,
                    label: "",
                    lines: Vec::new(),
                    quoted: true,
                });
            }
            self.mode = Mode::Answer;
            return Ok(());
        }
        // `**Вопрос:**` alone, the question on the line below it.
        if let Some(&below) = self.outline.labels_alone.get(&no) {
            self.close_question();
            let number = scan::qa_label(trimmed, &scan::QUESTION_WORDS)
                .and_then(|(n, _)| n.map(str::to_string))
                .or_else(|| scan::bare_question_label(scan::without_symbols(trimmed.trim_end())));
            self.label_above = Some((below, number));
            return Ok(());
        }
        if let Some((below, _)) = &self.label_above
            && *below == no
            && let Some((_, number)) = self.label_above.take()
        {
            // Bold around the whole question is no part of it (`**What is a CTE?**`).
            let text = scan::item_question_text(trimmed.trim_end());
            self.open_question(no, number, text.to_string())?;
            if let Some(q) = self.question.as_mut() {
                q.blank_before = false;
            }
            return Ok(());
        }
        // Bold questions with their answers on the same line, in a document asking so.
        if self.outline.bold_inline
            && scan::split_indent(line).0 < 2
            && let Some((text, rest)) = scan::inline_bold_question(trimmed)
        {
            self.close_question();
            // Its number is its key (`**12. What is LRU?** …`), as on a line of its own.
            let (key, text) = match scan::leading_number(text) {
                Some((key, text)) => (Some(key.to_string()), text),
                None => (None, text),
            };
            self.open_question(no, key, text.to_string())?;
            if let Some(q) = self.question.as_mut() {
                q.body.push(rest);
            }
            return Ok(());
        }
        // Bold question lines, in a document asking with those alone, at the margin.
        let bold = || {
            let at_margin = scan::split_indent(line).0 < 2;
            (self.outline.bold_questions && at_margin)
                .then(|| scan::bold_question(trimmed))
                .flatten()
                .map(|text| (None, text))
        };
        if let Some((number, text, answer)) = scan::bold_question_answered(trimmed) {
            self.close_question();
            self.open_question(no, number.map(str::to_string), text.to_string())?;
            if let Some(q) = self.question.as_mut() {
                q.answer = Some(Block::new(no, "", vec![answer]));
                self.mode = Mode::Answer;
            }
            return Ok(());
        }
        // A bold numbered request that goes on with the numbering (`**2. Explain the
        // bias–variance trade-off.**` after `**1. …?**`): a question, though no `?` ends it.
        let next_request = || {
            let inner = trimmed.trim_end().strip_prefix("**")?.strip_suffix("**")?;
            let (number, text) = scan::leading_number(inner)?;
            // The question open, or the last one closed (at a topic's heading). Not in an
            // answer that numbers its own steps in bold (`**1. Describe the situation.**`).
            let numbers_steps = |lines: &[&str]| {
                lines.iter().any(|l| {
                    l.trim_start()
                        .strip_prefix("**")
                        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
                })
            };
            let previous: u32 = match &self.question {
                Some(q)
                    if numbers_steps(&q.body)
                        || q.answer.as_ref().is_some_and(|a| numbers_steps(&a.lines)) =>
                {
                    return None;
                }
                Some(q) => q.key.parse().ok()?,
                None => self
                    .topics
                    .iter()
                    .rev()
                    .find_map(|t| t.questions.last())?
                    .key
                    .parse()
                    .ok()?,
            };
            (number.parse::<u32>().ok()? == previous + 1 && scan::imperative(text))
                .then_some((Some(number), text))
        };
        if let Some((number, rest)) = scan::qa_question(trimmed)
            .or_else(bold)
            .or_else(next_request)
        {
            self.close_question();
            // Its answer may follow on the same line (`**Q:** …? **A:** …`).
            let answered = scan::answered_inline(rest);
            let text = answered.map_or(rest, |(asked, _)| asked);
            self.open_question(no, number.map(str::to_string), text.to_string())?;
            if let Some(q) = self.question.as_mut() {
                q.blank_before = false;
                if let Some((_, answer)) = answered {
                    q.answer = Some(Block::new(no, "", vec![answer]));
                    self.mode = Mode::Answer;
                }
            }
            return Ok(());
        }
        let mode = self.mode;
        let Some(q) = self.question.as_mut() else {
            return Ok(());
        };
        // Follow-ups, as under question headings: a marker and its list, or one on its
        // label's line; the list's lines are read as there.
        if scan::is_follow_up_marker(line) {
            self.start_list(no);
            return Ok(());
        }
        if matches!(mode, Mode::List | Mode::AfterList) {
            // `A:` at the margin answers, as `Answer:` does there: the question, or the last
            // follow-up once the question has its answer (under the list, whether or not
            // text after it had ended it).
            if scan::split_indent(line).0 < 2
                && let Some((_, rest)) = scan::qa_label(trimmed, &scan::ANSWER_WORDS)
            {
                self.mode = Mode::List;
                return self.start_answer(no, line, rest, false);
            }
            return self.text_line(no, line);
        }
        if let Some(text) = scan::inline_follow_up(line) {
            self.inline_follow_up(no, text);
            return Ok(());
        }
        let dotted = || {
            self.outline
                .dotted_pairs
                .then(|| scan::dotted_label(trimmed, 'A'))
                .flatten()
        };
        if q.answer.is_none()
            && let Some(rest) = scan::qa_label(trimmed, &scan::ANSWER_WORDS)
                .map(|(_, rest)| rest)
                .or_else(dotted)
                // `**Answer**` alone on its line, as under a label alone.
                .or_else(|| scan::answer_label(trimmed).filter(|rest| rest.is_empty()))
                // Any label under a quiz's options (`Правильный ответ: б`).
                .or_else(|| {
                    scan::answer_label(trimmed).filter(|_| scan::ends_with_options(&q.body))
                })
        {
            return self.start_answer(no, line, rest, false);
        }
        // A `<details>` block answers, its summary (`Answer`, `Show answer`) left out: right
        // under the question, or under text when its summary says it answers (an
        // `Example` block after the answer is the answer's, a hint before `A:` the front's).
        // In a guide that labels its answers (`A:`), only a summary that says so answers.
        let nothing_above =
            q.body.iter().all(|l| l.trim().is_empty()) && !self.outline.has_answer_labels;
        if q.answer.is_none()
            && trimmed.starts_with("<details")
            && !self.outline.hint_details.contains(&no)
            && (nothing_above || self.outline.answer_details.contains(&no))
        {
            return self.details_answer(no, trimmed);
        }
        if scan::is_rule(line) {
            self.rule();
            return Ok(());
        }
        match (mode, q.answer.as_mut()) {
            (Mode::Answer, Some(answer)) if answer.label == DETAILS => {
                if answer.push_details_line(trimmed, line) {
                    self.mode = Mode::Body;
                }
            }
            // A callout's answer ends with its quote (the next line not quoted); a callout
            // nested in it (`> > [!answer]-`) is the answer's, its header left out.
            (Mode::Answer, Some(answer)) if answer.quoted && answer.label.is_empty() => {
                if line.trim_start().starts_with('>') {
                    let mut inner = scan::unquote(line);
                    while inner.trim_start().starts_with('>') {
                        inner = scan::unquote(inner);
                    }
                    if !inner.trim_start().starts_with("[!") {
                        answer.lines.push(inner);
                    }
                } else if !line.trim().is_empty() {
                    self.close_question();
                    return self.text_line(no, line);
                }
            }
            (Mode::Answer, Some(answer)) => answer.lines.push(line),
            _ if line.is_empty() => {
                q.blank_before = true;
                q.body.push(line);
            }
            // A question that wraps onto the next line. Without `A:` labels in the document
            // a line under the question may be its answer: then nothing wraps.
            _ if !q.blank_before
                && q.body.is_empty()
                && self.outline.has_answer_labels
                && scan::continues_item(&q.text, trimmed) =>
            {
                append_text(&mut q.text, trimmed)
            }
            _ => q.body.push(line),
        }
        Ok(())
    }

    /// A line of a document whose questions are `<details>` blocks: the summary asks, what
    /// the block holds answers; text between the blocks belongs to no card.
    fn details_line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        let (indent, rest) = scan::split_indent(line);
        if let Some(summary) = self.outline.details.get(&no) {
            // The block may be a list item's (`- <details>…`): its lines are indented so.
            let item = scan::bullet_item(rest).unwrap_or(rest);
            let content_indent = indent + rest.len() - item.len();
            let rest = item;
            self.close_question();
            let (key, text) = match scan::leading_number(summary) {
                Some((key, text)) => (Some(key.to_string()), text.to_string()),
                None => (None, summary.clone()),
            };
            self.open_question(no, key, text)?;
            self.nested_details = 0;
            if let Some(q) = self.question.as_mut() {
                q.list_indent = content_indent;
            }
            let (content, closed) = scan::details_content(rest);
            self.start_answer(no, DETAILS, content, false)?;
            if closed {
                self.close_question();
            }
            return Ok(());
        }
        let Some(q) = self.question.as_mut() else {
            return Ok(());
        };
        let content_indent = q.list_indent;
        let Some(answer) = q.answer.as_mut() else {
            return Ok(());
        };
        let line = scan::dedent(line, content_indent);
        if rest.starts_with("<details") {
            self.nested_details += 1;
            answer.lines.push(line);
        } else if rest.contains("</details>") && self.nested_details > 0 {
            self.nested_details -= 1;
            answer.lines.push(line);
        } else if answer.push_details_line(rest, line) {
            self.close_question();
        }
        Ok(())
    }

    /// Whether the text under a question is its answer, made so when the question closes:
    /// under a question heading in a guide without follow-up markers, under a `Q:` in one
    /// without `A:`.
    fn text_is_answer(&self) -> bool {
        match self.outline.shape {
            Shape::Headings => !self.outline.has_markers,
            Shape::QuestionAnswer => !self.outline.has_answer_labels,
            Shape::Lists | Shape::Details => false,
        }
    }

    /// Whether the current section's list questions are answered at the margin
    /// ([`Outline::answered_lists`]).
    fn answered_here(&self) -> bool {
        self.outline
            .answered_lists
            .get(self.section_index)
            .copied()
            .unwrap_or(false)
    }

    /// A rule (`---`) under the open question: where its text stood is kept, for the
    /// footer of a guide whose questions end at rules.
    fn rule(&mut self) {
        if let Some(q) = self.question.as_mut() {
            let at = (q.body.len(), q.answer.as_ref().map_or(0, |a| a.lines.len()));
            q.rules.push(at);
        }
    }

    /// A line of a list question's answer written at the margin: it starts the answer, or
    /// goes on with it.
    fn margin_answer(&mut self, no: usize, line: &'a str) {
        let Some(q) = self.question.as_mut() else {
            return;
        };
        q.blank_before = false;
        let trimmed = line.trim();
        match q.answer.as_mut() {
            Some(answer) if answer.quoted => answer.lines.push(scan::unquote(line)),
            // A `<details>` answer's summaries and tags stay out; a second block (`Подсказка`,
            // then `Решение`) goes on with it.
            Some(answer)
                if answer.label == DETAILS
                    && (trimmed.starts_with("<details")
                        || trimmed.starts_with("<summary")
                        || trimmed.starts_with("</summary")
                        || trimmed.contains("</details>")) =>
            {
                let (content, _) = scan::details_content(trimmed);
                if !content.is_empty() && !content.starts_with("</summary") {
                    answer.lines.push(content);
                }
            }
            Some(answer) => answer.lines.push(line),
            // A `<details>` block right under the item, at the margin.
            None if trimmed.starts_with("<details") => {
                let (content, _) = scan::details_content(trimmed);
                q.answer = Some(Block::new(no, DETAILS, vec![content]));
                self.mode = Mode::Answer;
            }
            // A label says what the lines are (`**Ответ:** …`, `> **Answer:** …`).
            None if let Some((after, quoted)) = scan::quoted_answer_label(line) => {
                // Only a second answer of this question is an error, and this is its first.
                let _ = self.start_answer(no, line, after, quoted);
            }
            None => {
                q.answer = Some(Block::new(no, "", vec![line]));
                self.mode = Mode::Answer;
            }
        }
    }

    /// A row of a question table: it holds its whole question and answer.
    fn table_row(&mut self, no: usize, row: &table::Row<'a>) -> Result<(), ParseError> {
        self.close_question();
        self.open_question(no, row.key.clone(), row.question.clone())?;
        if let Some(q) = self.question.as_mut() {
            q.level = row.level.or(q.level);
            q.answer = (!row.answer.is_empty()).then(|| Block::new(no, TABLE, row.answer.clone()));
        }
        self.close_question();
        Ok(())
    }

    /// A line of a document whose questions are list items under section headings.
    fn list_item_line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        if let Some(row) = self.outline.table_rows.get(&no) {
            return self.table_row(no, row);
        }
        let questions_here = self
            .outline
            .question_lists
            .get(self.section_index)
            .copied()
            .unwrap_or(false);
        // An item of a list in a question's answer (`They are:` / `1. Single
        // responsibility`) is no question: part of the answer, or of no card.
        let of_answer = self.outline.answer_items.get(no - 1) == Some(&true);
        let item = outline::top_level_item(line).filter(|_| !of_answer);
        if questions_here && let Some((number, text)) = item {
            self.close_question();
            // `- **What is X?** It is …`: the bold asks, the rest answers; so in `- What is
            // X? — It is …`.
            if let Some((asked, answer)) =
                scan::inline_bold_question(text).or_else(|| scan::dashed_question(text))
            {
                self.open_question(no, number.map(|n| n.to_string()), asked.to_string())?;
                if let Some(q) = self.question.as_mut() {
                    q.answer = Some(Block::new(no, "", vec![answer]));
                    q.list_indent = scan::split_indent(line).0 + 2;
                }
                self.mode = Mode::Answer;
                return Ok(());
            }
            let column = if line.ends_with(text) {
                line.len() - text.len()
            } else {
                0
            };
            let text = scan::item_question_text(text);
            self.open_question(no, number.map(|n| n.to_string()), text.to_string())?;
            // The item's text may go on over the next lines.
            if let Some(q) = self.question.as_mut() {
                q.blank_before = false;
                q.item_column = column;
            }
            return Ok(());
        }
        let mode = self.mode;
        // Items that ask, taken for the list of the text above them (numbered from 1 again
        // after `**Middle**`), and kept by no answer: say so rather than drop them silently.
        if questions_here
            && of_answer
            && !(self.question.is_some()
                && self.answered_here()
                && matches!(mode, Mode::Body | Mode::Answer))
            && outline::top_level_item(line).is_some_and(|(_, text)| outline::asks_in_list(text))
        {
            if !self.warned_unkept {
                self.warned_unkept = true;
                self.warn(
                    no,
                    "questions in a list after a paragraph are taken for the paragraph's \
                     list and not read (their numbering starts again); give them a heading \
                     of their own (`### Middle`)"
                        .to_string(),
                );
            }
        } else if !of_answer && !line.trim().is_empty() {
            self.warned_unkept = false;
        }
        let block_answers = self.outline.block_answers.get(no - 1) == Some(&true);
        let answered = self.answered_here();
        let tight_answers = self.tight_answers;
        let Some(q) = self.question.as_mut() else {
            if scan::is_exact_follow_up_marker(line) {
                return Err(self.error(no, ParseErrorKind::FollowUpsOutsideQuestion));
            }
            return Ok(());
        };
        let (indent, rest) = scan::split_indent(line);
        if line.is_empty() {
            q.blank_before = true;
            match (mode, q.answer.as_mut()) {
                (Mode::Answer, Some(answer)) => answer.lines.push(line),
                (Mode::Body, _) => q.body.push(line),
                _ => {}
            }
            return Ok(());
        }
        let goes_on = !q.blank_before
            && q.body.is_empty()
            && q.answer.is_none()
            && mode == Mode::Body
            && scan::continues_item(&q.text, rest)
            && !((answered || (indent >= 2 && tight_answers > 0))
                && scan::request_ended(&q.text, rest));
        if indent < 2 {
            if goes_on {
                // Lazy continuation of the item's text.
                append_text(&mut q.text, rest);
            } else if self.answered_here() && matches!(mode, Mode::Body | Mode::Answer) {
                // The question's answer, written under it at the margin.
                if scan::is_rule(line) {
                    self.rule();
                } else {
                    self.margin_answer(no, line);
                }
            } else {
                // A paragraph after the list: the question ends.
                self.close_question();
            }
            return Ok(());
        }
        // An indented line right under the item's text may go on with it too
        // (`1. What is a long question that` / `   wraps onto this line?`).
        if goes_on {
            append_text(&mut q.text, rest);
            return Ok(());
        }
        q.blank_before = false;
        // Blank lines may come before the item's first nested line.
        let first = q.answer.is_none() && q.body.iter().all(|l| l.trim().is_empty());
        if first {
            q.list_indent = indent;
        }
        let nested = scan::dedent(line, q.list_indent);
        match mode {
            // A paragraph under the question is its answer (a sub-list, code or a quote
            // stays with the question).
            // Its options (`   A) "null"`) stay on the front with it.
            Mode::Body if first && !scan::starts_block(rest) && !scan::letters_option(rest) => {
                // Right under the item, it shows how this list answers (see `goes_on`).
                if !q.blank_before {
                    self.tight_answers += 1;
                }
                // `   **A:** …`, `   Answer: …`: the label is no part of the answer.
                let first_line = scan::answer_opening(rest).unwrap_or(nested);
                q.body.clear();
                q.answer = Some(Block::new(no, "", vec![first_line]));
                self.mode = Mode::Answer;
            }
            // `   - **Ответ:** …` under the item: a labelled answer in a nested bullet.
            Mode::Body
                if first
                    && let Some(after) = scan::bullet_item(rest).and_then(scan::answer_opening) =>
            {
                q.body.clear();
                q.answer = Some(Block::new(no, "", vec![after]));
                self.mode = Mode::Answer;
            }
            // `   - A lock that …` under the item, where sub-lists answer: the answer.
            Mode::Body if first && block_answers => {
                q.body.clear();
                q.answer = Some(Block::new(no, "", vec![nested]));
                self.mode = Mode::Answer;
            }
            // `   **Ответ:** …` after the question's snippet or list: they stay on the
            // front, the label starts the answer.
            Mode::Body
                if !first
                    && q.answer.is_none()
                    && let Some(after) = scan::answer_opening(rest) =>
            {
                q.answer = Some(Block::new(no, "", vec![after]));
                self.mode = Mode::Answer;
            }
            Mode::Body if rest.starts_with("<details") && q.answer.is_none() => {
                q.answer = Some(Block::new(no, DETAILS, Vec::new()));
                self.mode = Mode::Answer;
            }
            Mode::Body => {
                q.options_kept |= first && scan::letters_option(rest);
                q.body.push(nested);
            }
            Mode::Answer if rest.starts_with("</details") => self.mode = Mode::AfterList,
            Mode::Answer if rest.starts_with("<summary") && rest.ends_with("</summary>") => {}
            Mode::Answer => {
                if let Some(answer) = q.answer.as_mut() {
                    answer.lines.push(nested);
                }
            }
            Mode::List | Mode::AfterList | Mode::Outside => {}
        }
        Ok(())
    }

    fn open_section(&mut self, no: usize, name: String, declared: Option<u32>) {
        self.close_section();
        // Questions after a table of contents with no heading of their own (`### Table of
        // Contents`, then `1. ### What is Vue?`) are the deck's, not a topic "Contents".
        self.section = (!scan::is_contents_title(&name)).then_some(Section {
            name,
            line: no,
            declared,
        });
        self.topic = None;
        self.mode = Mode::Outside;
        self.tight_answers = 0;
    }

    fn close_section(&mut self) {
        let (Some(section), Some(topic)) = (self.section.take(), self.topic) else {
            return;
        };
        let found = self.topics[topic].questions.len();
        if let Some(declared) = section.declared
            && usize::try_from(declared).ok() != Some(found)
        {
            let message = format!(
                "topic \"{}\" declares {declared} questions but has {found}",
                section.name
            );
            self.warn(section.line, message);
        }
    }

    fn open_question(
        &mut self,
        no: usize,
        key: Option<String>,
        text: String,
    ) -> Result<(), ParseError> {
        if text.is_empty() {
            return Err(self.error(no, ParseErrorKind::EmptyQuestion));
        }
        if self.topic.is_none() {
            let name = self.section.as_ref().map(|s| s.name.clone());
            if name.is_none() {
                self.headless_topic = Some(self.topics.len());
            }
            self.topic = Some(self.topics.len());
            self.topics.push(Topic {
                name: name.unwrap_or_default(),
                questions: Vec::new(),
            });
        }
        self.question = Some(OpenQuestion {
            key: key.unwrap_or_default(),
            line: no,
            body: Vec::new(),
            answer: None,
            marker_line: None,
            followups: Vec::new(),
            list_indent: 0,
            blank_before: true,
            warned_trailing: false,
            rules: Vec::new(),
            level: levels::tagged_level(&text),
            section_level: self.heading_levels.iter().rev().find_map(|&l| l),
            leads_in: scan::leads_in(&text),
            second_list: false,
            number_offset: 0,
            item_column: 0,
            options_kept: false,
            text,
        });
        self.mode = Mode::Body;
        Ok(())
    }

    fn close_question(&mut self) {
        self.mode = Mode::Outside;
        let Some(mut q) = self.question.take() else {
            return;
        };
        if q.options_kept && q.answer.is_none() {
            q.answer = Some(Block::new(q.line, "", std::mem::take(&mut q.body)));
        }
        if let (Some(marker_line), true) = (q.marker_line, q.followups.is_empty()) {
            let message = format!(
                "no list after the follow-up marker of question {}",
                display_key(&q.key, q.line)
            );
            self.warn(marker_line, message);
        }
        // Whether only blank lines follow the question's last rule.
        // The question's text after a rule: its lines not blank.
        let after = |(body_len, answer_len): (usize, usize)| -> Vec<&str> {
            // A body emptied since the rule (its blank lines gave way to an answer) holds
            // less than the rule saw: clamped.
            let answer = q
                .answer
                .as_ref()
                .and_then(|a| a.lines.get(answer_len..))
                .unwrap_or_default();
            q.body
                .get(body_len..)
                .unwrap_or_default()
                .iter()
                .chain(answer)
                .copied()
                .filter(|l| !l.trim().is_empty())
                .collect()
        };
        // Something of the answer came before the rule.
        let before = |(body_len, answer_len): (usize, usize)| match &q.answer {
            Some(_) => answer_len > 0,
            None => q.body.iter().take(body_len).any(|l| !l.trim().is_empty()),
        };
        if q.rules.last().is_some_and(|&at| after(at).is_empty()) {
            self.ended_at_rule += 1;
        } else if !self.at_end && !q.rules.is_empty() {
            self.ruled_inside += 1;
        } else if self.at_end {
            // In a guide whose questions end at a rule, what follows the last question's
            // rule is the page's footer ("Found a mistake? Open an issue."), not its answer:
            // a few lines, no code. (It may have rules of its own: the first such rule
            // counts.) In a guide with no rule inside an answer before, so is a footer
            // that reads as one (`Подписывайтесь на канал @…`, `⭐ the repo`), where a
            // plain sentence may go on with the answer.
            let ruled = self.closed >= 2 && self.ended_at_rule * 2 >= self.closed;
            let unruled = self.closed >= 1 && self.ruled_inside == 0;
            let footer = |at| {
                let lines = after(at);
                lines.len() <= FOOTER_LINES
                    && !lines
                        .iter()
                        .any(|l| scan::fence_open_info(l.trim()).is_some())
                    && (ruled || (unruled && lines.iter().all(|l| scan::reads_as_footer(l))))
            };
            if let Some(&(body_len, answer_len)) =
                q.rules.iter().find(|&&at| before(at) && footer(at))
            {
                q.body.truncate(body_len);
                if let Some(answer) = q.answer.as_mut() {
                    answer.lines.truncate(answer_len);
                }
            } else if unruled {
                // With no rule before it, a blog's closing words (`> *Thanks 🙌 for reading
                // …* [site](…)`) end the last answer: its last paragraph, when every line
                // of it reads as a footer and one thanks the reader for reading.
                // (An unlabelled answer is still the body here.)
                let lines = match q.answer.as_mut() {
                    Some(answer) => &mut answer.lines,
                    None => &mut q.body,
                };
                let std::ops::Range { start, end } = scan::last_paragraph(lines);
                let last = &lines[start..end];
                if start > 0
                    && (1..=FOOTER_LINES).contains(&last.len())
                    && last.iter().all(|l| scan::reads_as_footer(scan::unquote(l)))
                    && last
                        .iter()
                        .any(|l| scan::thanks_for_reading(scan::unquote(l)))
                    && lines[..start].iter().any(|l| !l.trim().is_empty())
                {
                    lines.truncate(start);
                }
            }
        }
        self.closed += 1;
        let mut body = join_lines(&q.body);
        let level = levels::take_level(&mut body).or(q.level);
        let mut answer = q.answer.and_then(|a| {
            let text = join_answer(&a.lines);
            // Out of its table, a cell's escaped pipe is a pipe (in code spans too).
            if a.label == TABLE {
                text.map(|t| t.replace("\\|", "|"))
            } else {
                text
            }
        });
        // (Follow-ups under a marker written exactly keep a question heading's text the
        // body, as in the bundled deck; one under a marker with words of its own, in a guide
        // without those, do not. Under a `Q:` they never do.)
        let marked_by_list = self.outline.shape == Shape::Headings && self.outline.has_markers;
        if self.text_is_answer() && answer.is_none() && (q.followups.is_empty() || !marked_by_list)
        {
            let lines: Vec<&str> = body
                .as_deref()
                .map_or_else(Vec::new, |b| b.lines().collect());
            // A question that leads in (`Consider this code:`) goes on in its body, up to
            // where it asks: that much is the front.
            let asked = if q.leads_in {
                scan::lead_in_end(&lines)
            } else if scan::points_at_code(&q.text) {
                // A question that points at its snippet (`What does this code print?`) shows
                // the one right under it, if an answer follows: a snippet that is all there
                // is answers it.
                Some(scan::snippet_end(&lines))
                    .filter(|&end| lines[end..].iter().any(|l| !l.trim().is_empty()))
                    .unwrap_or(0)
            } else {
                0
            };
            answer = join_answer(&lines[asked..]);
            body = join_lines(&lines[..asked]);
        }
        // Keywords name what the answer should mention: on the front they would give it
        // away, so they open the back.
        if let Some(text) = body.take_if(|b| b.lines().any(is_keywords_line)) {
            let (keywords, rest): (Vec<&str>, Vec<&str>) =
                text.lines().partition(|l| is_keywords_line(l));
            body = join_lines(&rest);
            let keywords = keywords.join("\n");
            answer = Some(match answer {
                Some(answer) => format!("{keywords}\n\n{answer}"),
                None => keywords,
            });
        }
        // A hint folded in `<details>` is the front's, written out.
        if let Some(unfolded) = body.as_deref().and_then(scan::unfold_hints) {
            body = join_lines(&unfolded.lines().collect::<Vec<_>>());
        }
        // A quiz that ticks its right options (`- [x] 2`): the options go on the front,
        // unticked, and the ticked ones are the answer, before what explains them.
        // (A question that chooses, in a guide of two ticked lists: one alone under `Какие
        // темы повторить?` is a study list.)
        let chooses =
            self.outline.ticked_quiz || (self.outline.ticked_lists >= 2 && scan::chooses(&q.text));
        if let Some((before, options, ticked, after)) = answer
            .as_deref()
            .and_then(|a| scan::ticked_options(a, chooses))
            && before.is_empty()
        {
            body = Some(match body {
                Some(body) => format!("{body}\n\n{options}"),
                None => options,
            });
            answer = Some(if after.is_empty() {
                ticked
            } else {
                format!("{ticked}\n\n{after}")
            });
        } else if let Some((before, options, ticked, after)) = body
            .as_deref()
            .and_then(|b| scan::ticked_options(b, chooses))
        {
            let parts = [before, options, after];
            body = Some(
                parts
                    .iter()
                    .filter(|p| !p.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            );
            answer.get_or_insert(ticked);
        }
        let mut followups: Vec<FollowUp> = q
            .followups
            .into_iter()
            .map(|f| FollowUp {
                number: f.number,
                line: f.line,
                text: f.text,
                answer: f.answer.and_then(|a| join_answer(&a.lines)),
            })
            .collect();
        // The list was collected in the place of the open items, which are larger and were
        // pushed one by one: without this, the slack stays for as long as the deck does
        // (9 MB of a 120,000-card deck's import).
        followups.shrink_to_fit();
        let question = Question {
            key: q.key,
            line: q.line,
            text: q.text,
            body,
            answer,
            level,
            section_level: q.section_level,
            followups,
        };
        // A question is only opened after its topic, so the index is always set.
        if let Some(topic) = self.topic {
            self.topics[topic].questions.push(question);
        }
    }

    /// Body and main-answer lines: the marker, an answer label and rules are special.
    fn body_line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        let rest = line.trim_start();
        // A `<details>` answer is HTML's: nothing in it is a label of ours.
        let in_details = self.mode == Mode::Answer
            && self
                .question
                .as_ref()
                .and_then(|q| q.answer.as_ref())
                .is_some_and(|a| a.label == DETAILS);
        if scan::is_follow_up_marker(line) {
            self.start_list(no);
        } else if !in_details && let Some(text) = scan::inline_follow_up(line) {
            self.inline_follow_up(no, text);
        } else if let Some((after, quoted)) = scan::quoted_answer_label(rest) {
            self.start_answer(no, line, after, quoted)?;
        } else if self.mode == Mode::Body
            && rest.starts_with("<details")
            && self.question.as_ref().is_some_and(|q| q.answer.is_none())
            && !self.outline.hint_details.contains(&no)
        {
            self.details_answer(no, rest)?;
        } else if scan::is_rule(line) {
            self.rule();
        } else if let Some(q) = self.question.as_mut() {
            match (self.mode, q.answer.as_mut()) {
                (Mode::Answer, Some(answer)) if answer.label == DETAILS => {
                    if answer.push_details_line(rest, line) {
                        self.mode = Mode::Body;
                    }
                }
                (Mode::Answer, Some(answer)) if answer.quoted => {
                    answer.lines.push(scan::unquote(line));
                }
                (Mode::Answer, Some(answer)) => answer.lines.push(line),
                _ => q.body.push(line),
            }
        }
        Ok(())
    }

    /// A follow-up on its label's line (`**Follow-up:** …?`), the question's next. Under an
    /// answered question (or one with text, where that is its answer), what follows it up
    /// to the next follow-up, marker or question is its answer, labelled or not (an empty
    /// one until something comes). Under one not yet answered, what follows stays where it
    /// was going: an answer labelled after it is still the question's own, whose answer
    /// guides give first.
    fn inline_follow_up(&mut self, no: usize, text: &str) {
        let mode = self.mode;
        let unmarked = self.text_is_answer();
        let Some(q) = self.question.as_mut() else {
            return;
        };
        let mut item = OpenFollowUp::new(q.last_number() + 1, no, text.to_string());
        let said = q.body.iter().any(|l| !l.trim().is_empty());
        if q.answer.is_some() || (unmarked && said) {
            item.answer = Some(Block::new(no, "", Vec::new()));
            item.margin_answer = true;
            item.inline = true;
            if q.followups.is_empty() {
                q.list_indent = 0;
            }
            q.marker_line.get_or_insert(no);
            self.mode = Mode::List;
        }
        q.followups.push(item);
        // Nothing after it joins its text, and a list after it numbered from 1 goes on
        // from its number.
        q.blank_before = mode != Mode::Body;
        q.second_list = true;
    }

    fn start_list(&mut self, no: usize) {
        if let Some(q) = self.question.as_mut() {
            q.marker_line.get_or_insert(no);
            q.blank_before = true;
            q.second_list |= !q.followups.is_empty();
            q.end_inline_answer();
        }
        self.mode = Mode::List;
    }

    /// Opens the main answer at a `<details>` block (`rest`, its line without indentation),
    /// the block's own markup left out; a block closed on its line leaves the body open.
    fn details_answer(&mut self, no: usize, rest: &'a str) -> Result<(), ParseError> {
        let (content, closed) = scan::details_content(rest);
        self.start_answer(no, DETAILS, content, false)?;
        if closed {
            self.mode = Mode::Body;
        }
        Ok(())
    }

    /// Opens the main answer at a label line; `first` is what follows the label.
    fn start_answer(
        &mut self,
        no: usize,
        line: &'a str,
        first: &'a str,
        quoted: bool,
    ) -> Result<(), ParseError> {
        // An explanation's label (`**Пояснение:**`, `Explanation:`, `Ответ — …`) answers only
        // right under the question: after its own text (`**Answer: B**`, options) or its
        // answer, or under its follow-ups, it is text as it was.
        // So does a quiz's key (`**Answer: b**`), and under its options too.
        let plain = scan::unquote(line).trim_start();
        // (Not in a guide of `Q:` / `**Answer: …**` pairs, whose labels all answer.)
        let key = line != DETAILS
            && self.outline.shape != Shape::QuestionAnswer
            && scan::is_short_key(plain);
        if line != DETAILS && (key || scan::explains(plain)) {
            let mode = self.mode;
            let open = mode == Mode::Body
                && self
                    .question
                    .as_ref()
                    .is_some_and(|q| q.answer.is_none() && q.followups.is_empty());
            let question = self.question.as_ref();
            let fresh =
                open && question.is_some_and(|q| q.body.iter().all(|l| l.trim().is_empty()));
            let after_options =
                key && open && question.is_some_and(|q| scan::ends_with_options(&q.body));
            if !fresh && !after_options {
                match (mode, self.question.as_mut()) {
                    (Mode::Body, Some(q)) => q.body.push(line),
                    (Mode::Answer, Some(q)) => {
                        if let Some(answer) = q.answer.as_mut() {
                            answer.lines.push(if answer.quoted {
                                scan::unquote(line)
                            } else {
                                line
                            });
                        }
                    }
                    (Mode::List | Mode::AfterList, _) => self.trailing(no),
                    _ => {}
                }
                return Ok(());
            }
        }
        let label = if line == DETAILS {
            DETAILS
        } else {
            label_of(line, first)
        };
        let mode = self.mode;
        let Some(q) = self.question.as_mut() else {
            return Ok(());
        };
        // Another label inside the answer (`**Keywords:**` … `**Sample Answer:**`) continues
        // it.
        if mode == Mode::Answer
            && let Some(answer) = q.answer.as_mut()
            && !answer.label.eq_ignore_ascii_case(label)
        {
            answer.lines.push(line);
            return Ok(());
        }
        // Under the follow-ups of an answered question, an answer at the margin is the last
        // follow-up's, unless it has one. Under one written on its label's line, text may
        // have come first (its answer, unlabelled): the label goes on with it.
        if mode == Mode::List
            && q.answer.is_some()
            && let Some(item) = q.followups.last_mut()
        {
            let said = item
                .answer
                .as_ref()
                .is_some_and(|a| a.lines.iter().any(|l| !l.trim().is_empty()));
            if said && item.inline {
                if let Some(answer) = item.answer.as_mut() {
                    answer.lines.push(line);
                }
                q.blank_before = false;
                return Ok(());
            }
            if !said && (item.inline || item.answer.is_none()) {
                item.answer = Some(Block::new(no, label, vec![first]));
                item.answer_indent = 0;
                item.margin_answer = true;
                q.blank_before = false;
                return Ok(());
            }
        }
        // Indented under an item of the answer's own list, a label is that item's, part of
        // this answer (a list of trick questions, each with its answer): only one at the
        // margin is a second answer.
        if mode == Mode::Answer
            && scan::split_indent(line).0 >= 2
            && let Some(answer) = q.answer.as_mut()
        {
            answer.lines.push(line);
            return Ok(());
        }
        // The same label again is a second answer.
        if let Some(answer) = &q.answer {
            let kind = ParseErrorKind::DuplicateAnswer {
                key: display_key(&q.key, q.line),
                first_line: answer.line,
            };
            return Err(self.error(no, kind));
        }
        q.answer = Some(Block {
            line: no,
            label,
            lines: vec![first],
            quoted,
        });
        self.mode = Mode::Answer;
        Ok(())
    }

    /// Text after the follow-up list that belongs to no card: warn once per question.
    fn trailing(&mut self, no: usize) {
        self.mode = Mode::AfterList;
        let Some(q) = self.question.as_mut() else {
            return;
        };
        if !q.warned_trailing {
            q.warned_trailing = true;
            let message = format!(
                "text after the follow-up list of question {} is not part of any card",
                display_key(&q.key, q.line)
            );
            self.warn(no, message);
        }
    }

    /// Indentation of a line nested under the current follow-up item, if it is one.
    fn nested_indent(&self, line: &str) -> Option<usize> {
        let q = self.question.as_ref()?;
        if q.followups.is_empty() || line.is_empty() {
            return None;
        }
        let (indent, _) = scan::split_indent(line);
        (indent > q.list_indent + 1).then_some(indent)
    }

    /// An indented line under a follow-up item: its answer, or more of its text.
    fn nested_line(&mut self, no: usize, line: &'a str, indent: usize) -> Result<(), ParseError> {
        let Some(q) = self.question.as_mut() else {
            return Ok(());
        };
        q.blank_before = false;
        let Some(item) = q.followups.last_mut() else {
            return Ok(());
        };
        let rest = line.trim_start();
        match item.answer.as_mut() {
            Some(answer) => answer.lines.push(scan::dedent(line, item.answer_indent)),
            None => {
                // The label on a line of its own, or as a nested bullet (`- **Ответ:** …`),
                // whose continuation lines are indented past its marker.
                let label = match scan::answer_label(rest) {
                    Some(first) => Some((first, indent)),
                    None => scan::bullet_item(rest)
                        .and_then(scan::answer_label)
                        .map(|first| (first, indent + 2)),
                };
                match label {
                    Some((first, answer_indent)) => {
                        item.answer = Some(Block::new(no, label_of(line, first), vec![first]));
                        item.answer_indent = answer_indent;
                    }
                    None => append_text(&mut item.text, rest),
                }
            }
        }
        Ok(())
    }
    /// An unindented line after the follow-up marker.
    fn list_line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        let Some(q) = self.question.as_mut() else {
            return Ok(());
        };
        if line.is_empty() {
            q.blank_before = true;
            if let Some(answer) = q.followups.last_mut().and_then(|f| f.answer.as_mut()) {
                answer.lines.push("");
            }
            return Ok(());
        }
        let (indent, rest) = scan::split_indent(line);
        let last = q.last_number();
        let numbered = scan::numbered_item(rest).map(|(n, t)| {
            // A second group under a marker of its own (`**Senior follow-ups:**`) numbered
            // from 1 again goes on from the first group's numbers.
            if std::mem::take(&mut q.second_list) && n <= last {
                q.number_offset = last;
            }
            (n + q.number_offset, t)
        });
        let item = numbered.or_else(|| scan::bullet_item(rest).map(|t| (last + 1, t)));
        // Under an answer at the margin, only the next follow-up's number ends it: other
        // items are the answer's list.
        let in_margin_answer = q.followups.last().is_some_and(|f| f.margin_answer);
        let inline = q.followups.last().is_some_and(|f| f.inline);
        let answer_list_next = q.followups.last().and_then(|f| f.answer_list_next);
        let item = item.filter(|&(number, _)| {
            !in_margin_answer
                || (!inline
                    && number == last + 1
                    && answer_list_next != Some(number)
                    && scan::numbered_item(rest).is_some())
        });
        if in_margin_answer
            && item.is_none()
            && !scan::is_follow_up_marker(line)
            && scan::inline_follow_up(line).is_none()
            && scan::answer_label(rest).is_none()
            && !scan::is_rule(line)
            && let Some(f) = q.followups.last_mut()
            && let Some(answer) = f.answer.as_mut()
        {
            answer.lines.push(line);
            if let Some((n, _)) = scan::numbered_item(rest) {
                f.answer_list_next = Some(n + 1);
            }
            return Ok(());
        }
        if let Some((number, text)) = item {
            if q.followups.iter().any(|f| f.number == number) {
                let kind = ParseErrorKind::DuplicateFollowUp {
                    key: display_key(&q.key, q.line),
                    number,
                };
                return Err(self.error(no, kind));
            }
            if text.is_empty() {
                return Err(self.error(no, ParseErrorKind::EmptyQuestion));
            }
            if q.followups.is_empty() {
                q.list_indent = indent;
            }
            q.followups
                .push(OpenFollowUp::new(number, no, text.to_string()));
            q.blank_before = false;
            return Ok(());
        }
        if scan::is_follow_up_marker(line) {
            q.blank_before = true;
            q.second_list |= !q.followups.is_empty();
            q.end_inline_answer();
            return Ok(());
        }
        // On its label's line, a follow-up opens the list or goes on with one of such; inside
        // a numbered list it is the item's text going on, as it was.
        if q.followups.last().is_none_or(|f| f.inline)
            && let Some(text) = scan::inline_follow_up(line)
        {
            self.inline_follow_up(no, text);
            return Ok(());
        }
        if let Some(rest) = scan::answer_label(rest) {
            return self.start_answer(no, line, rest, false);
        }
        if scan::is_rule(line) {
            self.mode = Mode::AfterList;
            return Ok(());
        }
        // Under a marker with no list, one question at the margin is the follow-up (`####
        // Follow-up` / `What if two users shorten the same URL?`).
        if q.followups.is_empty()
            && indent < 2
            && scan::heading(line).is_none()
            && scan::ends_with_question_mark(rest)
        {
            self.inline_follow_up(no, rest.trim());
            return Ok(());
        }
        let lazy = !q.blank_before && scan::heading(line).is_none();
        match q.followups.last_mut() {
            // Markdown's lazy continuation: an unindented line right after an item.
            Some(item) if lazy => match item.answer.as_mut() {
                Some(answer) => answer.lines.push(line),
                None => append_text(&mut item.text, rest),
            },
            _ => self.trailing(no),
        }
        Ok(())
    }

    fn finish(
        mut self,
        slug: &str,
        lines: &[&str],
    ) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
        self.at_end = true;
        self.close_question();
        self.close_section();
        self.warn_unread();
        if let Some(line) = self.outline.unclosed_fence {
            self.warn(line, "code block is never closed".to_string());
        }
        if self.topics.is_empty() && self.errors.is_empty() {
            let contents = describe(lines, self.outline);
            self.errors.push(error(
                self.path,
                None,
                ParseErrorKind::NoQuestions { contents },
            ));
        }
        let title = self.title.unwrap_or_else(|| slug.to_string());
        if let Some(index) = self.headless_topic {
            self.topics[index].name = scan::topic_heading(&title).0;
        }
        assign_keys(self.path, &mut self.topics, &mut self.errors);
        if self.errors.is_empty()
            && let Err(e) = check_key_clashes(self.path, &self.topics)
        {
            self.errors.push(e);
        }
        if !self.errors.is_empty() {
            let mut errors = self.errors;
            errors.sort_by_key(|e| e.line.unwrap_or(0));
            errors.truncate(MAX_ERRORS);
            let mut first = errors.remove(0);
            first.more = errors.into_boxed_slice();
            return Err(first);
        }
        answers_at_the_end(lines, self.outline, &mut self.topics);
        let deck = Deck {
            slug: slug.to_string(),
            title,
            topics: self.topics,
        };
        Ok((deck, self.warnings))
    }
}

/// Titles of a section that answers the questions above it by their numbers (`## Answers`
/// / `1. …`), as quizzes keep their answers out of sight.
const ANSWER_KEY_TITLES: [&str; 10] = [
    "answers",
    "answer key",
    "correct answers",
    "solutions",
    "ответы",
    "правильные ответы",
    "ответы на вопросы",
    "ключ",
    "ключи",
    "решения",
];

/// Gives questions without an answer the items of an answer key (`## Answers` and a list
/// numbered as the questions are) that bear their keys, when most of its items do.
fn answers_at_the_end(lines: &[&str], outline: &Outline<'_>, topics: &mut [Topic]) {
    let mut keyed: HashMap<String, String> = HashMap::default();
    let mut items = 0;
    // A key that holds a question (`## Solutions` / `### 3. Design …`, or an item that
    // asks) is a section of questions: it answers nothing.
    let mut asks = false;
    let mut section: Option<usize> = None;
    let mut open: Option<(String, Vec<&str>)> = None;
    let close = |open: &mut Option<(String, Vec<&str>)>, keyed: &mut HashMap<_, _>| {
        if let Some((key, text)) = open.take()
            && let Some(answer) = join_lines(&text)
        {
            keyed.insert(key, answer);
        }
    };
    for (index, line) in lines.iter().enumerate() {
        if let LineKind::Heading(h) = outline.kinds[index] {
            close(&mut open, &mut keyed);
            let heading = &outline.headings[h];
            let title = heading.text.trim_matches(['*', '_', ' ', ':']);
            // After a part's label (`## Part 2: Answers`).
            let title = scan::without_symbols(title.rsplit(':').next().unwrap_or(title).trim());
            // Not a question's own sub-section (`#### Answers` under `### 5. Quiz`).
            let question = matches!(heading.role, Role::Question { .. });
            let keys = ANSWER_KEY_TITLES
                .iter()
                .any(|w| scan::strip_prefix_ci(title, w) == Some(""))
                && !question
                && heading.role != Role::Inner;
            section = match section {
                Some(level) if heading.level > level => {
                    asks |= question;
                    Some(level)
                }
                _ => keys.then_some(heading.level),
            };
            continue;
        }
        if section.is_none()
            || !matches!(outline.kinds[index], LineKind::Text | LineKind::Code { .. })
        {
            continue;
        }
        let (indent, rest) = scan::split_indent(line);
        if indent < 2
            && outline.kinds[index] == LineKind::Text
            && let Some((number, text)) = scan::numbered_item(rest)
        {
            close(&mut open, &mut keyed);
            items += 1;
            asks |= outline::asks_in_list(text);
            open = Some((number.to_string(), vec![text]));
        } else if let Some((_, text)) = open.as_mut() {
            if indent < 2 && !line.is_empty() && outline.kinds[index] == LineKind::Text {
                close(&mut open, &mut keyed);
            } else {
                text.push(scan::dedent(line, 3));
            }
        }
    }
    close(&mut open, &mut keyed);
    let unanswered = |q: &&mut Question| q.answer.is_none() && keyed.contains_key(&q.key);
    let matched = topics
        .iter_mut()
        .flat_map(|t| t.questions.iter_mut())
        .filter(|q| unanswered(q))
        .count();
    if asks || items < 2 || matched * 2 < items {
        return;
    }
    for q in topics.iter_mut().flat_map(|t| t.questions.iter_mut()) {
        if q.answer.is_none() {
            q.answer = keyed.remove(&q.key);
        }
    }
}

/// A key for messages before keys are assigned: the written one, or the line.
fn display_key(key: &str, line: usize) -> String {
    if key.is_empty() {
        format!("on line {line}")
    } else {
        key.to_string()
    }
}

/// The label part of an answer line: `**Ответ:**` of `**Ответ:** text`.
fn label_of<'a>(line: &'a str, after: &str) -> &'a str {
    let line = line.trim();
    match line.len().checked_sub(after.len()) {
        Some(end) if line.is_char_boundary(end) => line[..end].trim(),
        _ => line,
    }
}

/// A line inside code that would have been a question heading or a follow-up marker.
fn looks_structural(line: &str) -> bool {
    let rest = line.trim_start();
    if rest.starts_with("##") {
        return scan::heading(rest).is_some_and(|h| {
            (2..=4).contains(&h.level) && scan::question_heading(h.text).is_some()
        });
    }
    rest.starts_with("**") && scan::is_follow_up_marker(rest)
}

/// Gives every main question its key (see `decks/README.md`, "Keys"):
/// - the number or label as written; an unnumbered question gets the first number from 1
///   not written in its topic, in document order;
/// - when numbering restarts (a key appears in two topics), every main key is prefixed with
///   its topic's number: `2-1`;
/// - the same written key twice in one topic is an error.
fn assign_keys(path: &str, topics: &mut [Topic], errors: &mut Vec<ParseError>) {
    let mut owner: HashMap<String, usize> = HashMap::default();
    let mut restarts = false;
    for (t, topic) in topics.iter_mut().enumerate() {
        // One number on every question (`1.` each time, which Markdown counts on by itself
        // in a list) numbers none of them: they are numbered in order.
        let mut keyed = topic.questions.iter().filter(|q| !q.key.is_empty());
        if let Some(first) = keyed.next().map(|q| q.key.clone())
            && first.parse::<u32>().is_ok()
            && keyed.clone().next().is_some()
            && keyed.all(|q| q.key == first)
            && topic.questions.iter().all(|q| !q.key.is_empty())
        {
            topic.questions.iter_mut().for_each(|q| q.key.clear());
        }
        let mut first_line: HashMap<&str, usize> = HashMap::default();
        for q in &topic.questions {
            if q.key.is_empty() {
                continue;
            }
            if let Some(&first) = first_line.get(q.key.as_str()) {
                let kind = ParseErrorKind::DuplicateQuestion {
                    key: q.key.clone(),
                    first_line: first,
                };
                errors.push(error(path, Some(q.line), kind));
            } else {
                first_line.insert(&q.key, q.line);
            }
        }
        let written: HashSet<String> = first_line.keys().map(|k| k.to_string()).collect();
        let mut next = 1u32;
        for q in &mut topic.questions {
            if q.key.is_empty() {
                while written.contains(&next.to_string()) {
                    next += 1;
                }
                q.key = next.to_string();
                next += 1;
            }
            match owner.get(&q.key) {
                Some(&other) if other != t => restarts = true,
                Some(_) => {}
                None => {
                    owner.insert(q.key.clone(), t);
                }
            }
        }
    }
    if restarts {
        for (t, topic) in topics.iter_mut().enumerate() {
            for q in &mut topic.questions {
                q.key = format!("{}-{}", t + 1, q.key);
            }
        }
    }
}

/// What a document without questions holds, for the `no questions found` message.
fn describe(lines: &[&str], outline: &Outline<'_>) -> String {
    let mut levels = [0usize; 6];
    for h in &outline.headings {
        levels[h.level.clamp(1, 6) - 1] += 1;
    }
    let mut items = 0;
    let mut blocks = 0;
    let mut text = 0;
    let mut table_rows = 0;
    for (index, (line, kind)) in lines.iter().zip(&outline.kinds).enumerate() {
        match kind {
            LineKind::Code { open } if *open == index + 1 => blocks += 1,
            LineKind::Text if !line.is_empty() => {
                let (_, rest) = scan::split_indent(line);
                if rest.starts_with('|') {
                    table_rows += 1;
                } else if scan::numbered_item(rest).is_some() || scan::bullet_item(rest).is_some() {
                    items += 1;
                } else if !scan::is_rule(line) {
                    text += 1;
                }
            }
            _ => {}
        }
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts: Vec<String> = Vec::new();
    for (i, &n) in levels.iter().enumerate() {
        if n > 0 {
            let level = i + 1;
            parts.push(plural(
                n,
                &format!("level-{level} heading"),
                &format!("level-{level} headings"),
            ));
        }
    }
    if items > 0 {
        parts.push(plural(items, "list item", "list items"));
    }
    if blocks > 0 {
        parts.push(plural(blocks, "code block", "code blocks"));
    }
    if table_rows > 0 {
        // Rows of a table that names no question column and asks nothing.
        parts.push(plural(table_rows, "table row", "table rows"));
    }
    if text > 0 {
        parts.push(plural(text, "line of text", "lines of text"));
    }
    if parts.is_empty() {
        return "the document is empty".to_string();
    }
    // Questions asked at `#####` or `######` are read only when numbered: say so, or the
    // message seems to deny the `?` headings the reader sees.
    let deep = outline
        .headings
        .iter()
        .filter(|h| h.level >= 5 && scan::ends_with_question_mark(h.text))
        .count();
    let deep = match deep {
        0 => String::new(),
        n => format!(
            "; {} at level 5 or 6 ask but are read only when numbered (`##### 1. …?`) or \
             raised to `##`–`####`",
            plural(n, "heading", "headings")
        ),
    };
    format!(
        "{}; no numbered (`### 12.`), labelled (`## Вопрос 1:`) or `?` question headings, \
         no `Q:` lines, no `<details>` questions, no list or table of questions, no bold \
         question lines{deep}",
        parts.join(", ")
    )
}

/// Adds a continuation line to a follow-up's text, joined with a space.
fn append_text(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(more);
}

/// Card keys must be unique: main `1.1` and follow-up 1 of main `1` would both be `1.1`.
fn check_key_clashes(path: &str, topics: &[Topic]) -> Result<(), ParseError> {
    let mut keys: HashMap<&str, &Question> = HashMap::default();
    for q in topics.iter().flat_map(|t| &t.questions) {
        keys.insert(&q.key, q);
    }
    for q in topics.iter().flat_map(|t| &t.questions) {
        let Some((parent, number)) = q.key.rsplit_once('.') else {
            continue;
        };
        let Some(parent_question) = keys.get(parent) else {
            continue;
        };
        let clash = parent_question
            .followups
            .iter()
            .find(|f| f.number.to_string() == number);
        if let Some(followup) = clash {
            let kind = ParseErrorKind::KeyClash {
                key: q.key.clone(),
                parent: parent.to_string(),
                number: followup.number,
                line: followup.line,
            };
            return Err(error(path, Some(q.line), kind));
        }
    }
    Ok(())
}
