//! Markdown → `Deck`. Pure: `parse_deck` takes bytes; `read_deck` only adds the file read.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::model::{Deck, FollowUp, Question, Topic};
use super::scan::{self, Fence};

/// Why a deck could not be read, with the file and, where it applies, the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// The file as the user named it.
    pub path: String,
    /// 1-based line, when the problem is at one place.
    pub line: Option<usize>,
    pub kind: ParseErrorKind,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.kind),
            None => write!(f, "{}: {}", self.path, self.kind),
        }
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
    #[error("no questions found")]
    NoQuestions,
    #[error("follow-up list outside a question")]
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
        let bytes = std::fs::read(path).map_err(|e| ParseError {
            path: label.clone(),
            line: None,
            kind: ParseErrorKind::Io(e.to_string()),
        })?;
        let slug = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "deck".to_string());
        Ok(DeckFile { label, slug, bytes })
    }

    pub fn parse(&self) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
        parse_deck(&self.label, &self.slug, &self.bytes)
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
    let mut parser = Parser::new(path);
    for (index, raw) in text.split('\n').enumerate() {
        // `trim_end` also drops the `\r` of CRLF files.
        parser.line(index + 1, raw.trim_end())?;
    }
    parser.finish(slug)
}

fn error(path: &str, line: Option<usize>, kind: ParseErrorKind) -> ParseError {
    ParseError {
        path: path.to_string(),
        line,
        kind,
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
    std::str::from_utf8(bytes).map_err(|e| {
        error(
            path,
            Some(line_of(e.valid_up_to())),
            ParseErrorKind::NotText,
        )
    })
}

/// Where the parser is between headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No open question: contents, instructions, text after a non-question `###`.
    Outside,
    /// Between a question heading and its answer or follow-up marker.
    Body,
    /// Inside the main question's `**Ответ:**` block.
    Answer,
    /// After the follow-up marker: numbered items and what is nested under them.
    List,
    /// After the follow-up list ended, until the next heading.
    AfterList,
}

/// Where a main question key was defined.
struct KeyPlace {
    line: usize,
    topic: usize,
    index: usize,
}

/// A `#` or `##` section; it becomes a topic when its first question appears.
struct Section {
    name: String,
    line: usize,
    declared: Option<u32>,
}

/// Lines of a body or answer, as slices of the document.
struct Block<'a> {
    line: usize,
    lines: Vec<&'a str>,
}

/// Joins lines, dropping leading and trailing blank ones; `None` when nothing is left.
fn join_lines(lines: &[&str]) -> Option<String> {
    let start = lines.iter().position(|l| !l.is_empty())?;
    let end = lines.iter().rposition(|l| !l.is_empty())? + 1;
    Some(lines[start..end].join("\n"))
}

struct OpenFollowUp<'a> {
    number: u32,
    line: usize,
    text: String,
    answer: Option<Block<'a>>,
    /// Indentation of the answer label; answer lines lose this much.
    answer_indent: usize,
}

struct OpenQuestion<'a> {
    key: String,
    line: usize,
    text: String,
    body: Vec<&'a str>,
    answer: Option<Block<'a>>,
    marker_line: Option<usize>,
    followups: Vec<OpenFollowUp<'a>>,
    /// Indentation of the first item; items sit at most one column deeper.
    list_indent: usize,
    /// A blank line since the last list line: ends lazy continuation.
    blank_before: bool,
    warned_trailing: bool,
}

struct Parser<'a> {
    path: &'a str,
    title: Option<String>,
    topics: Vec<Topic>,
    warnings: Vec<ParseWarning>,
    section: Option<Section>,
    /// The current section's topic, created with its first question.
    topic: Option<usize>,
    /// The topic of questions that precede every heading; named after the deck title.
    headless_topic: Option<usize>,
    question: Option<OpenQuestion<'a>>,
    mode: Mode,
    fence: Option<(Fence, usize)>,
    /// Each main question key: its line, topic and index there.
    keys: HashMap<String, KeyPlace>,
}

impl<'a> Parser<'a> {
    fn new(path: &'a str) -> Self {
        Parser {
            path,
            title: None,
            topics: Vec::new(),
            warnings: Vec::new(),
            section: None,
            topic: None,
            headless_topic: None,
            question: None,
            mode: Mode::Outside,
            fence: None,
            keys: HashMap::new(),
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
        if let Some((fence, _)) = self.fence {
            if scan::fence_closes(fence, line) {
                self.fence = None;
            }
            self.verbatim(line);
            return Ok(());
        }
        if self.mode == Mode::List
            && let Some(indent) = self.nested_indent(line)
        {
            return self.nested_line(no, line, indent);
        }
        if let Some(heading) = scan::heading(line)
            && heading.level <= 3
        {
            return self.heading(no, heading);
        }
        if let Some(fence) = scan::fence_open(line) {
            if self.mode == Mode::List {
                self.trailing(no);
            }
            self.fence = Some((fence, no));
            self.verbatim(line);
            return Ok(());
        }
        match self.mode {
            Mode::Outside => {
                if scan::is_follow_up_marker(line) {
                    return Err(self.error(no, ParseErrorKind::FollowUpsOutsideQuestion));
                }
            }
            Mode::Body | Mode::Answer => return self.body_line(no, line),
            Mode::List => return self.list_line(no, line),
            Mode::AfterList => {
                if scan::is_follow_up_marker(line) {
                    self.start_list(no);
                } else if let Some(rest) = scan::answer_label(line.trim_start()) {
                    self.start_answer(no, rest)?;
                } else if !line.is_empty() && !scan::is_rule(line) {
                    self.trailing(no);
                }
            }
        }
        Ok(())
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

    fn heading(&mut self, no: usize, heading: scan::Heading<'a>) -> Result<(), ParseError> {
        self.close_question();
        match heading.level {
            1 => {
                if self.title.is_none() && !heading.text.is_empty() {
                    self.title = Some(heading.text.to_string());
                }
                let (name, _) = scan::topic_heading(heading.text);
                // A title's count is for the whole deck, not for this section.
                self.open_section(no, name, None);
            }
            2 => {
                let (name, declared) = scan::topic_heading(heading.text);
                self.open_section(no, name, declared);
            }
            _ => match scan::question_heading(heading.text) {
                Some((key, text)) => self.open_question(no, key, text)?,
                None => self.mode = Mode::Outside,
            },
        }
        Ok(())
    }

    fn open_section(&mut self, no: usize, name: String, declared: Option<u32>) {
        self.close_section();
        self.section = Some(Section {
            name,
            line: no,
            declared,
        });
        self.topic = None;
        self.mode = Mode::Outside;
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

    fn open_question(&mut self, no: usize, key: String, text: String) -> Result<(), ParseError> {
        if text.is_empty() {
            return Err(self.error(no, ParseErrorKind::EmptyQuestion));
        }
        if let Some(first) = self.keys.get(&key) {
            let first_line = first.line;
            return Err(self.error(no, ParseErrorKind::DuplicateQuestion { key, first_line }));
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
        if let Some(topic) = self.topic {
            let index = self.topics[topic].questions.len();
            let place = KeyPlace {
                line: no,
                topic,
                index,
            };
            self.keys.insert(key.clone(), place);
        }
        self.question = Some(OpenQuestion {
            key,
            line: no,
            text,
            body: Vec::new(),
            answer: None,
            marker_line: None,
            followups: Vec::new(),
            list_indent: 0,
            blank_before: true,
            warned_trailing: false,
        });
        self.mode = Mode::Body;
        Ok(())
    }

    fn close_question(&mut self) {
        self.mode = Mode::Outside;
        let Some(q) = self.question.take() else {
            return;
        };
        if let (Some(marker_line), true) = (q.marker_line, q.followups.is_empty()) {
            let message = format!(
                "no numbered list after the follow-up marker of question {}",
                q.key
            );
            self.warn(marker_line, message);
        }
        let question = Question {
            key: q.key,
            line: q.line,
            text: q.text,
            body: join_lines(&q.body),
            answer: q.answer.and_then(|a| join_lines(&a.lines)),
            followups: q
                .followups
                .into_iter()
                .map(|f| FollowUp {
                    number: f.number,
                    line: f.line,
                    text: f.text,
                    answer: f.answer.and_then(|a| join_lines(&a.lines)),
                })
                .collect(),
        };
        // A question is only opened after its topic, so the index is always set.
        if let Some(topic) = self.topic {
            self.topics[topic].questions.push(question);
        }
    }

    /// Body and main-answer lines: the marker, an answer label and rules are special.
    fn body_line(&mut self, no: usize, line: &'a str) -> Result<(), ParseError> {
        if scan::is_follow_up_marker(line) {
            self.start_list(no);
        } else if let Some(rest) = scan::answer_label(line.trim_start()) {
            self.start_answer(no, rest)?;
        } else if !scan::is_rule(line)
            && let Some(q) = self.question.as_mut()
        {
            match (self.mode, q.answer.as_mut()) {
                (Mode::Answer, Some(answer)) => answer.lines.push(line),
                _ => q.body.push(line),
            }
        }
        Ok(())
    }

    fn start_list(&mut self, no: usize) {
        if let Some(q) = self.question.as_mut() {
            q.marker_line.get_or_insert(no);
            q.blank_before = true;
        }
        self.mode = Mode::List;
    }

    fn start_answer(&mut self, no: usize, rest: &'a str) -> Result<(), ParseError> {
        let Some(q) = self.question.as_mut() else {
            return Ok(());
        };
        if let Some(first) = &q.answer {
            let kind = ParseErrorKind::DuplicateAnswer {
                key: q.key.clone(),
                first_line: first.line,
            };
            return Err(self.error(no, kind));
        }
        q.answer = Some(Block {
            line: no,
            lines: vec![rest],
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
                q.key
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
        if let Some(fence) = scan::fence_open(line) {
            self.fence = Some((fence, no));
        }
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
            None => match scan::answer_label(rest) {
                Some(first) if self.fence.is_none() => {
                    item.answer = Some(Block {
                        line: no,
                        lines: vec![first],
                    });
                    item.answer_indent = indent;
                }
                _ => append_text(&mut item.text, rest),
            },
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
        let next = q.followups.len() as u32 + 1;
        let item = scan::numbered_item(rest).or_else(|| scan::bullet_item(rest).map(|t| (next, t)));
        if let Some((number, text)) = item {
            if q.followups.iter().any(|f| f.number == number) {
                let kind = ParseErrorKind::DuplicateFollowUp {
                    key: q.key.clone(),
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
            q.followups.push(OpenFollowUp {
                number,
                line: no,
                text: text.to_string(),
                answer: None,
                answer_indent: 0,
            });
            q.blank_before = false;
            return Ok(());
        }
        if scan::is_follow_up_marker(line) {
            q.blank_before = true;
            return Ok(());
        }
        if let Some(rest) = scan::answer_label(rest) {
            return self.start_answer(no, rest);
        }
        if scan::is_rule(line) {
            self.mode = Mode::AfterList;
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

    fn finish(mut self, slug: &str) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
        self.close_question();
        self.close_section();
        if let Some((_, line)) = self.fence {
            self.warn(line, "code block is never closed".to_string());
        }
        if self.topics.is_empty() {
            return Err(error(self.path, None, ParseErrorKind::NoQuestions));
        }
        let title = self.title.unwrap_or_else(|| slug.to_string());
        if let Some(index) = self.headless_topic {
            self.topics[index].name = scan::topic_heading(&title).0;
        }
        check_key_clashes(self.path, &self.topics, &self.keys)?;
        let deck = Deck {
            slug: slug.to_string(),
            title,
            topics: self.topics,
        };
        Ok((deck, self.warnings))
    }
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
fn check_key_clashes(
    path: &str,
    topics: &[Topic],
    keys: &HashMap<String, KeyPlace>,
) -> Result<(), ParseError> {
    for q in topics.iter().flat_map(|t| &t.questions) {
        let Some((parent, number)) = q.key.rsplit_once('.') else {
            continue;
        };
        let Some(place) = keys.get(parent) else {
            continue;
        };
        let clash = topics[place.topic].questions[place.index]
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
