//! Decks: the Markdown document model and its parser.

mod answers;
#[cfg(test)]
mod fuzz;
mod levels;
mod model;
mod outline;
mod parse;
mod preview;
mod scan;
mod table;
#[cfg(test)]
mod tests;

pub use answers::apply_answers;
pub use levels::Level;
pub use model::{CardDraft, CardKind, Deck};
#[cfg(test)]
use model::{FollowUp, Question, Topic};
pub use parse::{DeckFile, ParseError, parse_deck, read_deck};
#[cfg(test)]
use parse::{ParseErrorKind, ParseWarning};
pub use preview::render_outline;

/// Bumped whenever the parser reads the same bytes differently (a shape read that was not,
/// a level taken from a section): a deck imported before is read again on its next
/// import, once, instead of being known unchanged by its bytes alone.
pub const PARSER_REVISION: u32 = 12;
