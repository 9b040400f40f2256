//! Command-line types (clap derive) only; `app` gives them meaning.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::deck::Level;

/// Spaced-repetition flashcards in the terminal: Markdown question decks, SM-2 over SQLite,
/// follow-up questions held back until their main question is mastered.
#[derive(Debug, Parser)]
#[command(name = "recall", version, max_term_width = 100)]
pub struct Cli {
    // RECALL_DB and RECALL_NOW are read in `app`, not by clap's `env`: clap would list an
    // option set from the environment in every usage error as if it had been typed.
    /// Database file [env: RECALL_DB] [default: the platform data directory, e.g.
    /// ~/.local/share/recall/recall.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The time to act at: YYYY-MM-DD (noon), YYYY-MM-DDTHH:MM (local) or RFC 3339
    /// [env: RECALL_NOW]
    #[arg(long, global = true, value_name = "TIME")]
    pub now: Option<String>,

    /// Print JSON only, for scripts
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// One subcommand, each with its own arguments and its own `run` (in `app`).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add or update decks from Markdown files, keeping progress
    Import(Import),
    /// Decks with their card counts; `decks remove SLUG` deletes one
    Decks(Decks),
    /// Browse cards: key, status, due date, question
    List(List),
    /// One card: its text, state and review history
    Show(Show),
    /// Today's queue in order, with why each card is in it
    Due(Due),
    /// The interactive review session
    Review(Review),
    /// Record one review without the interactive session
    Grade(Grade),
    /// Practise chosen cards without touching their schedule
    Cram(Cram),
    /// Find cards by text in question, body, answer or note
    Search(Search),
    /// Set, edit or clear your own note on a card
    Note(Note),
    /// Take back the last change: a grade, a suspend, an unsuspend or an unlock
    Undo(Undo),
    /// Keep a card out of every queue
    Suspend(Suspend),
    /// Put a suspended card back
    Unsuspend(Unsuspend),
    /// Open a locked follow-up before its main question is mastered
    Unlock(Unlock),
    /// Progress by topic
    Stats(Stats),
    /// Reviews due per day ahead
    Forecast(Forecast),
    /// Calendar of reviews per day, and the streak
    History(History),
    /// Write the cards to an Anki package, Anki-shaped CSV, or JSON
    Export(Export),
    /// Show or change settings: new_per_day, reviews_per_day, rollover_hour, mastery.*,
    /// interview_date
    Config(Config),
    /// A mock interview: main questions across topics, follow-ups after correct answers
    Interview(Interview),
    /// Past mock interviews, or the report of one
    Interviews(Interviews),
    /// Print a shell completion script
    Completions(Completions),
}

#[derive(Debug, Args)]
pub struct Import {
    /// Deck files (Markdown); an answer file named with its deck goes with it
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Answers for the deck's cards by key [default: NAME.answers.md beside NAME.md]
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Show what would change without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct Decks {
    #[command(subcommand)]
    pub action: Option<DecksAction>,
}

/// What to do with a deck.
#[derive(Debug, Subcommand)]
pub enum DecksAction {
    /// Delete a deck, its cards and their review history
    Remove(RemoveDeck),
}

#[derive(Debug, Args)]
pub struct RemoveDeck {
    /// The deck's slug, as `recall decks` lists it
    pub slug: String,
    /// Do not ask for confirmation (needed without a terminal)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct Search {
    /// Text to find in questions, bodies, answers and notes (any case, any script)
    pub text: String,
    #[command(flatten)]
    pub scope: Scope,
}

#[derive(Debug, Args)]
pub struct Note {
    /// KEY, or DECK:KEY when several decks are loaded
    pub card: String,
    /// The note; without it, $EDITOR opens on a terminal and standard input is read otherwise
    #[arg(conflicts_with = "clear")]
    pub text: Option<String>,
    /// Remove the note
    #[arg(long)]
    pub clear: bool,
}

/// Which cards a cram session takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CramStatus {
    /// Never reviewed
    New,
    /// Reviewed before
    Review,
    /// Everything not retired or suspended, locked follow-ups included
    All,
}

#[derive(Debug, Args)]
pub struct Cram {
    #[command(flatten)]
    pub scope: Scope,
    /// Only these cards [default: new and reviewed ones, locked follow-ups left out]
    #[arg(long, value_enum)]
    pub status: Option<CramStatus>,
    /// At most this many cards
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub limit: Option<u32>,
}

#[derive(Debug, Args)]
pub struct List {
    #[command(flatten)]
    pub scope: Scope,
    /// Only cards with this status
    #[arg(long, value_parser = ["new", "locked", "review", "suspended", "retired"])]
    pub status: Option<String>,
}

#[derive(Debug, Args)]
pub struct Show {
    /// KEY, or DECK:KEY when several decks are loaded
    pub card: String,
}

#[derive(Debug, Args)]
pub struct Due {
    #[command(flatten)]
    pub scope: Scope,
}

#[derive(Debug, Args)]
pub struct Review {
    #[command(flatten)]
    pub scope: Scope,
    /// At most this many cards in this session
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub limit: Option<u32>,
    /// Allow N more new cards today (for the rest of the day; `due` shows them too)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub extra_new: Option<u32>,
}

#[derive(Debug, Args)]
pub struct Grade {
    /// KEY, or DECK:KEY when several decks are loaded
    pub card: String,
    /// 0 blackout, 1 wrong, 2 wrong but easy to recall, 3 right but hard, 4 right, 5 perfect
    // A negative grade is a bad grade (exit 1), not an unknown option.
    #[arg(allow_negative_numbers = true)]
    pub grade: String,
    /// Review a card that is not due today
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct Undo {
    /// Also take back a change made on an earlier day
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct Suspend {
    /// KEY, or DECK:KEY when several decks are loaded
    pub card: String,
}

#[derive(Debug, Args)]
pub struct Unsuspend {
    /// KEY, or DECK:KEY when several decks are loaded
    pub card: String,
}

#[derive(Debug, Args)]
pub struct Unlock {
    /// KEY, or DECK:KEY when several decks are loaded
    pub card: String,
}

#[derive(Debug, Args)]
pub struct Stats {
    /// Only this deck (its slug, the file name without .md)
    #[arg(long, value_name = "DECK")]
    pub deck: Option<String>,
    /// Only questions at or below this level
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<Level>,
}

#[derive(Debug, Args)]
pub struct Forecast {
    /// Days ahead, 1 to 3650
    #[arg(long, default_value_t = crate::stats::DEFAULT_FORECAST_DAYS, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
}

#[derive(Debug, Args)]
pub struct History {
    /// Weeks back, 1 to 520
    #[arg(long, default_value_t = crate::stats::DEFAULT_HISTORY_WEEKS, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
}

#[derive(Debug, Args)]
pub struct Export {
    /// anki (a package Anki imports), csv (Anki-shaped) or json (everything)
    pub format: ExportFormat,
    /// The file to write (`-` for standard output); replaced only when the export is whole
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Only this deck (its slug, the file name without .md)
    #[arg(long, value_name = "DECK")]
    pub deck: Option<String>,
    /// Carry scheduling state and the review log (Anki)
    #[arg(long)]
    pub with_progress: bool,
}

#[derive(Debug, Args)]
pub struct Config {
    /// The setting to show or change; without one, all of them
    pub key: Option<String>,
    /// Its new value (`interview_date`: YYYY-MM-DD, or none)
    // A negative value is a bad value (exit 1), not an unknown option.
    #[arg(allow_negative_numbers = true)]
    pub value: Option<String>,
}

#[derive(Debug, Args)]
pub struct Interview {
    /// Only this deck (its slug)
    #[arg(long, value_name = "DECK")]
    pub deck: Option<String>,
    /// Only these topics (repeat the option for several)
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,
    /// Only questions at or below this level
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<Level>,
    /// Main questions to ask (the guide says 10-15)
    #[arg(long, value_name = "N", default_value_t = crate::interview::DEFAULT_QUESTIONS,
          value_parser = clap::value_parser!(u32).range(1..=200))]
    pub questions: u32,
    /// Follow-ups at most after each correct main answer
    #[arg(long, value_name = "K", default_value_t = crate::interview::DEFAULT_FOLLOWUPS,
          value_parser = clap::value_parser!(u32).range(0..=50))]
    pub followups: u32,
    /// Time budget: no question is started once it is spent
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: Option<u32>,
}

#[derive(Debug, Args)]
pub struct Interviews {
    /// Show this interview's report again
    pub id: Option<i64>,
}

#[derive(Debug, Args)]
pub struct Completions {
    pub shell: clap_complete::Shell,
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
    /// Only questions at or below this level (a follow-up takes its main question's)
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<Level>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Anki,
    Csv,
    Json,
}
