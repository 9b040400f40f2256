//! Command-line types (clap derive) only; `app` gives them meaning.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Spaced-repetition flashcards in the terminal: Markdown question decks, SM-2 over SQLite,
/// follow-up questions held back until their main question is mastered.
#[derive(Debug, Parser)]
#[command(name = "recall", version, max_term_width = 100)]
pub struct Cli {
    /// Database file [default: the platform data directory, e.g. ~/.local/share/recall/recall.db]
    #[arg(long, global = true, env = "RECALL_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The time to act at: YYYY-MM-DD (noon), YYYY-MM-DDTHH:MM (local) or RFC 3339
    #[arg(long, global = true, env = "RECALL_NOW", value_name = "TIME")]
    pub now: Option<String>,

    /// Print JSON only, for scripts
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add or update decks from Markdown files, keeping progress
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Show what would change without writing anything
        #[arg(long)]
        dry_run: bool,
    },
    /// Decks with their card counts
    Decks,
    /// Browse cards: key, status, due date, question
    List {
        #[command(flatten)]
        scope: Scope,
        /// Only cards with this status
        #[arg(long, value_parser = ["new", "locked", "review", "suspended", "retired"])]
        status: Option<String>,
    },
    /// One card: its text, state and review history
    Show {
        /// KEY, or DECK:KEY when several decks are loaded
        card: String,
    },
    /// Today's queue in order, with why each card is in it
    Due {
        #[command(flatten)]
        scope: Scope,
    },
    /// The interactive review session
    Review {
        #[command(flatten)]
        scope: Scope,
        /// At most this many cards in this session
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Record one review without the interactive session
    Grade {
        /// KEY, or DECK:KEY when several decks are loaded
        card: String,
        /// 0 blackout, 1 wrong, 2 wrong but easy to recall, 3 right but hard, 4 right, 5 perfect
        grade: String,
        /// Review a card that is not due today
        #[arg(long)]
        force: bool,
    },
    /// Take back the last review, exactly
    Undo,
    /// Keep a card out of every queue
    Suspend { card: String },
    /// Put a suspended card back
    Unsuspend { card: String },
    /// Open a locked follow-up before its main question is mastered
    Unlock { card: String },
    /// Progress by topic
    Stats {
        #[arg(long, value_name = "DECK")]
        deck: Option<String>,
    },
    /// Reviews due per day ahead
    Forecast {
        #[arg(long, default_value_t = 14, value_name = "N")]
        days: u32,
    },
    /// Calendar of reviews per day, and the streak
    History {
        #[arg(long, default_value_t = 26, value_name = "N")]
        weeks: u32,
    },
    /// Write the cards to an Anki package, Anki-shaped CSV, or JSON
    Export {
        format: ExportFormat,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, value_name = "DECK")]
        deck: Option<String>,
        /// Carry scheduling state and the review log (Anki)
        #[arg(long)]
        with_progress: bool,
    },
    /// Show or change settings: new_per_day, reviews_per_day, rollover_hour, mastery.*
    Config {
        key: Option<String>,
        value: Option<String>,
    },
    /// Print a shell completion script
    Completions { shell: clap_complete::Shell },
}

/// Narrowing to one deck or topic.
#[derive(Debug, Clone, Default, Args)]
pub struct Scope {
    /// Only this deck (its slug, the file name without .md)
    #[arg(long, value_name = "DECK")]
    pub deck: Option<String>,
    /// Only this topic (its name, a unique part of it, or its number)
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Anki,
    Csv,
    Json,
}
