//! recall: spaced-repetition flashcards for the terminal.
//!
//! The pure core (deck parser, SM-2, mastery gate, day boundaries, queue, figures) knows
//! nothing of files, clocks or SQL; `store` holds every SQL statement; `app` wires them to
//! the command line and is the only place that reads the clock and the environment.

pub mod app;
pub mod card;
pub mod cli;
pub mod deck;
pub mod export;
pub mod import;
pub mod review;
pub mod scheduler;
pub mod stats;
pub mod store;
pub mod text;
