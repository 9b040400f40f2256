//! recall: spaced-repetition flashcards for the terminal.
//!
//! The pure core (deck parser, SM-2 and its state machine, mastery gate, day boundaries,
//! queue, figures) takes plain values and the day it is told; `store` holds every SQL
//! statement; `study` holds the use cases every command shares (answering, undoing, today's
//! queue); `app` wires them to the command line and is the only place that reads the clock
//! and the environment.

mod app;
mod card;
mod cli;
mod deck;
mod export;
mod import;
mod interview;
mod markdown;
mod review;
mod scheduler;
mod settings;
mod stats;
mod store;
mod study;
mod text;

pub use app::{closed_pipe, run};
pub use card::{Card, Status};
pub use cli::Cli;
pub use deck::{Deck, ParseError, parse_deck, read_deck};
pub use scheduler::{CardState, Grade, MasteryRule, Outcome, ReviewKind, Sm2State, review_day};
pub use settings::Settings;
pub use store::{DeckSource, Store, StoreError};
pub use study::Refusal;
pub use text::visible;
