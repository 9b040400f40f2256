//! One function per command. The only place that reads the clock and the environment: each
//! command gets them once, here, and passes plain values down.

mod cards;
mod config;
mod decks;
mod export;
mod interview;
mod practice;
mod progress;
mod review;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::Local;

use crate::cli::{Cli, Command, Scope};
use crate::scheduler::{Clock, parse_now};
use crate::settings::Settings;
use crate::store::{CardFilter, Store};

/// A deck built into the binary, with its answer file.
pub struct Bundled {
    pub slug: &'static str,
    pub deck: &'static [u8],
    pub answers: &'static [u8],
}

/// Decks built into the binary, imported into an empty database.
pub const BUNDLED_DECKS: &[Bundled] = &[Bundled {
    slug: "python-backend-interview",
    deck: include_bytes!("../../decks/python-backend-interview.md"),
    answers: include_bytes!("../../decks/python-backend-interview.answers.md"),
}];

/// What every command runs with.
pub struct Ctx {
    pub store: Store,
    /// The database file, which no export may overwrite.
    pub db_path: PathBuf,
    pub clock: Clock,
    pub settings: Settings,
    pub json: bool,
    /// Colour on stdout: a terminal, and no NO_COLOR.
    pub color: bool,
    /// What this command did that was not asked for (a new database made, the bundled deck
    /// imported), as said on stderr: a session on a terminal says it again under its first
    /// card, since drawing that card clears the screen.
    pub notices: Vec<String>,
}

impl Ctx {
    /// Says `notice` on stderr, and keeps it for a session's first screen.
    pub fn notice(&mut self, notice: String) {
        eprintln!("recall: {notice}");
        self.notices.push(notice);
    }
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<()> {
    if let Command::Completions(args) = &cli.command {
        let mut cmd = <Cli as clap::CommandFactory>::command();
        clap_complete::generate(args.shell, &mut cmd, "recall", &mut std::io::stdout());
        return Ok(());
    }
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let now = match cli
        .now
        .clone()
        .or_else(|| env("RECALL_NOW").map(|v| v.to_string_lossy().into_owned()))
    {
        Some(text) => parse_now(&text)?,
        None => Local::now(),
    };
    let path = match cli
        .db
        .clone()
        .or_else(|| env("RECALL_DB").map(PathBuf::from))
    {
        Some(path) => path,
        None => default_db_path()?,
    };
    if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        bail!(
            "{}: a database is a file, not a directory: drop the last '/'",
            crate::text::visible(&path.display().to_string())
        );
    }
    // SQLite reads a name like `file:x.db` or `:memory:` as a URI or an in-memory database;
    // as a path from the root it is the file it names, which the export's guard can see.
    let path = std::path::absolute(&path).unwrap_or(path);
    // A bad grade is refused before the database is opened: a first command that fails
    // leaves no new database behind.
    if let Command::Grade(args) = &cli.command {
        args.grade.parse::<crate::scheduler::Grade>()?;
    }
    // An import into a new database reads its decks first: a malformed one leaves no new
    // database behind. (An existing database lets unchanged files skip parsing.)
    let out = &mut std::io::stdout().lock();
    let read = match &cli.command {
        Command::Import(args) if !path.exists() => Some(args.read(None, cli.json, out)?),
        _ => None,
    };
    // A dry run writes nothing, not even a new empty database file.
    let dry_run_on_nothing =
        matches!(&cli.command, Command::Import(i) if i.dry_run) && !path.exists();
    let existed = path.exists();
    let store = if dry_run_on_nothing {
        Store::open_in_memory()?
    } else {
        Store::open(&path)?
    };
    let settings = Settings::load(&store)?;
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut ctx = Ctx {
        store,
        db_path: path.clone(),
        clock: Clock::new(now, settings.rollover_hour),
        settings,
        json: cli.json,
        color,
        notices: Vec::new(),
    };
    if !existed && !dry_run_on_nothing {
        // A mistyped --db starts from zero: say so rather than silently.
        ctx.notice(format!(
            "new database at {}",
            crate::text::visible(&path.display().to_string())
        ));
    }
    let result = dispatch(&cli.command, &mut ctx, out, read).map_err(|mut error| {
        if let Some(store) = error.downcast_mut::<crate::store::StoreError>() {
            store.name_file(&path);
        }
        error
    });
    // Nothing is written when a command fails: a first command that fails (an unknown card,
    // a bad setting) leaves no new database behind, bundled deck and all. Not a session's,
    // whose answers were each committed as they were given.
    // Nor a command whose reader went away (`recall due | head`): it did its work, and
    // exits as a success.
    let session = matches!(cli.command, Command::Review(_) | Command::Interview(_));
    let failed = result.as_ref().is_err_and(|e| !closed_pipe(e));
    if failed && !existed && !dry_run_on_nothing && !session {
        drop(ctx);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut file = path.clone().into_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
    result
}

/// Whether an error is only stdout's reader having gone (`recall list | head`): no error
/// to the user, who asked for no more.
pub fn closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs `command` on the opened database.
fn dispatch(
    command: &Command,
    ctx: &mut Ctx,
    out: &mut std::io::StdoutLock<'_>,
    read: Option<decks::ReadDecks>,
) -> Result<()> {
    if !matches!(command, Command::Import(_) | Command::Config(_)) {
        decks::import_bundled(ctx)?;
    }
    match command {
        Command::Import(args) => args.run(ctx, out, read),
        Command::Decks(args) => args.run(ctx, out),
        Command::List(args) => args.run(ctx, out),
        Command::Show(args) => args.run(ctx, out),
        Command::Due(args) => args.run(ctx, out),
        Command::Grade(args) => args.run(ctx, out),
        Command::Cram(args) => args.run(ctx, out),
        Command::Search(args) => args.run(ctx, out),
        Command::Note(args) => args.run(ctx, out),
        Command::Undo(args) => args.run(ctx, out),
        Command::Suspend(args) => args.run(ctx, out),
        Command::Unsuspend(args) => args.run(ctx, out),
        Command::Unlock(args) => args.run(ctx, out),
        Command::Config(args) => args.run(ctx, out),
        Command::Review(args) => args.run(ctx, out),
        Command::Stats(args) => args.run(ctx, out),
        Command::Forecast(args) => args.run(ctx, out),
        Command::History(args) => args.run(ctx, out),
        Command::Export(args) => args.run(ctx, out),
        Command::Interview(args) => args.run(ctx, out),
        Command::Interviews(args) => args.run(ctx, out),
        Command::Completions(_) => Ok(()),
    }
}

fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "recall")
        .context("no home directory to keep the database in; pass --db PATH or set RECALL_DB")?;
    Ok(dirs.data_dir().join("recall.db"))
}

/// Turns a `--deck` alone into a filter.
pub fn resolve_deck(store: &Store, deck: Option<&str>) -> Result<CardFilter> {
    let scope = Scope {
        deck: deck.map(str::to_string),
        ..Scope::default()
    };
    resolve_scope(store, &scope)
}

/// Turns `--deck` / `--topic` into ids; a topic may be named by a unique part or its number.
pub fn resolve_scope(store: &Store, scope: &Scope) -> Result<CardFilter> {
    let deck_id = match &scope.deck {
        Some(slug) => Some(store.deck_id(slug)?.with_context(|| {
            let known: Vec<String> = store
                .deck_names()
                .unwrap_or_default()
                .into_iter()
                .map(|(_, slug, _)| slug)
                .collect();
            format!("no deck '{slug}': the decks are {}", known.join(", "))
        })?),
        None => None,
    };
    let topic_id = match &scope.topic {
        Some(wanted) => {
            let topics = store.topics(deck_id)?;
            let lower = wanted.to_lowercase();
            let exact: Vec<_> = topics
                .iter()
                .filter(|t| t.name.to_lowercase() == lower)
                .collect();
            let partial: Vec<_> = topics
                .iter()
                .filter(|t| t.name.to_lowercase().contains(&lower))
                .collect();
            let numbered = wanted
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1 && topics.iter().all(|t| t.deck_id == topics[0].deck_id))
                .and_then(|n| topics.get(n - 1));
            let pick = if exact.len() == 1 {
                exact[0]
            } else if let Some(t) = numbered {
                t
            } else if partial.len() == 1 {
                partial[0]
            } else if partial.is_empty() {
                let names: Vec<&str> = topics.iter().map(|t| t.name.as_str()).collect();
                bail!("no topic '{wanted}': the topics are {}", names.join(", "))
            } else {
                let names: Vec<&str> = partial.iter().map(|t| t.name.as_str()).collect();
                bail!("topic '{wanted}' matches several: {}", names.join(", "))
            };
            Some(pick.id)
        }
        None => None,
    };
    Ok(CardFilter {
        deck_id,
        topic_id,
        level: scope.level,
    })
}

/// The width a listing's lines are cut to (`list`, `due`, `search`): the terminal's, or 80
/// columns when the output goes to a file or a pipe (so a script sees the same lines on any
/// screen).
pub fn listing_width() -> usize {
    if std::io::stdout().is_terminal() {
        let (_, columns) = console::Term::stdout().size();
        usize::from(columns).clamp(40, 200)
    } else {
        80
    }
}

/// Prints `value` as pretty JSON on its own.
fn print_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    // A write error stays an io::Error, so a closed pipe (`| head`) is recognised as one.
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
