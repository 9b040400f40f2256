//! Markdown → `Deck`. Pure: `parse_deck` takes bytes; `read_deck` only adds the file read.

use std::fmt;
use std::path::Path;

use super::model::Deck;

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
    #[error("question outside a topic: put a '## Topic' heading above it")]
    QuestionOutsideTopic,
    #[error("empty question text")]
    EmptyQuestion,
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
    parse_deck(&label, &slug, &bytes)
}

/// Parses a deck document. `path` is only used in messages.
pub fn parse_deck(
    path: &str,
    slug: &str,
    bytes: &[u8],
) -> Result<(Deck, Vec<ParseWarning>), ParseError> {
    let _ = (slug, bytes);
    Err(ParseError {
        path: path.to_string(),
        line: None,
        kind: ParseErrorKind::NoQuestions,
    })
}
