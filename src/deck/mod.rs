//! Decks: the Markdown document model and its parser.

mod model;
mod outline;
mod parse;
mod preview;
mod scan;
#[cfg(test)]
mod tests;

pub use model::{CardDraft, CardKind, Deck, FollowUp, Question, Topic};
pub use parse::{DeckFile, ParseError, ParseErrorKind, ParseWarning, parse_deck, read_deck};
pub use preview::render_outline;
