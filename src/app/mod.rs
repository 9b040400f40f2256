//! One function per command. The only place that reads the clock and the environment: each
//! command gets them once, here, and passes plain values down.

mod cards;
mod config;
mod decks;
mod export;
mod progress;
mod review;
mod settings;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::Local;

pub use settings::Settings;

use crate::card::Card;
use crate::cli::{Cli, Command, Scope};
use crate::scheduler::queue::{Allowance, assemble};
use crate::scheduler::{Clock, Reason, parse_now};
use crate::store::{CardFilter, Store};

/// Decks built into the binary, imported into an empty database.
pub const BUNDLED_DECKS: &[(&str, &[u8])] = &[(
    "python-backend-interview",
    include_bytes!("../../decks/python-backend-interview.md"),
)];

/// What every command runs with.
pub struct Ctx {
    pub store: Store,
    pub clock: Clock,
    pub settings: Settings,
    pub json: bool,
    /// Colour on stdout: a terminal, and no NO_COLOR.
    pub color: bool,
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<()> {
    if let Command::Completions { shell } = cli.command {
        let mut cmd = <Cli as clap::CommandFactory>::command();
        clap_complete::generate(shell, &mut cmd, "recall", &mut std::io::stdout());
        return Ok(());
    }
    let now = match &cli.now {
        Some(text) => parse_now(text)?,
        None => Local::now(),
    };
    let path = match cli.db {
        Some(path) => path,
        None => default_db_path()?,
    };
    let store = Store::open(&path)?;
    let settings = Settings::load(&store)?;
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut ctx = Ctx {
        store,
        clock: Clock::new(now, settings.rollover_hour),
        settings,
        json: cli.json,
        color,
    };
    if !matches!(cli.command, Command::Import { .. } | Command::Config { .. }) {
        decks::import_bundled_if_empty(&mut ctx)?;
    }
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Import { files, dry_run } => decks::import(&mut ctx, &mut out, &files, dry_run),
        Command::Decks => decks::list(&ctx, &mut out),
        Command::List { scope, status } => cards::list(&ctx, &mut out, &scope, status.as_deref()),
        Command::Show { card } => cards::show(&ctx, &mut out, &card),
        Command::Due { scope } => cards::due(&ctx, &mut out, &scope),
        Command::Grade { card, grade, force } => {
            cards::grade(&mut ctx, &mut out, &card, &grade, force)
        }
        Command::Undo => cards::undo(&mut ctx, &mut out),
        Command::Suspend { card } => cards::suspend(&mut ctx, &mut out, &card, true),
        Command::Unsuspend { card } => cards::suspend(&mut ctx, &mut out, &card, false),
        Command::Unlock { card } => cards::unlock(&mut ctx, &mut out, &card),
        Command::Config { key, value } => {
            config::run(&mut ctx, &mut out, key.as_deref(), value.as_deref())
        }
        Command::Review { scope, limit } => review::review(&mut ctx, &mut out, &scope, limit),
        Command::Stats { deck } => progress::stats(&ctx, &mut out, deck.as_deref()),
        Command::Forecast { days } => progress::forecast(&ctx, &mut out, days),
        Command::History { weeks } => progress::history(&ctx, &mut out, weeks),
        Command::Export {
            format,
            output,
            deck,
            with_progress,
        } => export::export(
            &ctx,
            &mut out,
            format,
            &output,
            deck.as_deref(),
            with_progress,
        ),
        Command::Completions { .. } => Ok(()),
    }
}

fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "recall")
        .context("no home directory to keep the database in; pass --db PATH or set RECALL_DB")?;
    Ok(dirs.data_dir().join("recall.db"))
}

/// Finds the card a user named: `KEY`, or `DECK:KEY` when several decks are loaded.
pub fn resolve_card(store: &Store, reference: &str) -> Result<Card> {
    let reference = reference.trim();
    let (deck_id, key) = match reference.split_once(':') {
        Some((deck, key)) => match store.deck_id(deck.trim())? {
            Some(id) => (Some(id), key.trim()),
            None => (None, reference),
        },
        None => (None, reference),
    };
    let mut found = store.cards_with_key(key, deck_id)?;
    // A retired card answers only when no active card has the key; grading it then says why.
    if found.is_empty()
        && let Some(card) = store.retired_card_with_key(key, deck_id)?
    {
        return Ok(card);
    }
    match found.len() {
        0 => bail!("no card '{reference}': see `recall list` for the keys"),
        1 => Ok(found.remove(0)),
        _ => {
            let decks: Vec<&str> = found.iter().map(|c| c.deck_slug.as_str()).collect();
            bail!(
                "card '{reference}' is in several decks ({}): write DECK:KEY, e.g. {}:{key}",
                decks.join(", "),
                decks[0]
            )
        }
    }
}

/// Turns a `--deck` alone into a filter.
pub fn resolve_deck(store: &Store, deck: Option<&str>) -> Result<CardFilter> {
    let scope = Scope {
        deck: deck.map(str::to_string),
        topic: None,
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
    Ok(CardFilter { deck_id, topic_id })
}

/// Today's queue: drills, due reviews (oldest first), then new cards in document order that
/// the mastery gate lets through, within what today's limits have left.
pub fn today_queue(ctx: &Ctx, filter: CardFilter) -> Result<Vec<(Card, Reason)>> {
    let today = ctx.clock.today;
    let (new_done, reviews_done) = ctx.store.done_today(today)?;
    let allowance = Allowance::remaining(
        ctx.settings.new_per_day,
        ctx.settings.reviews_per_day,
        new_done,
        reviews_done,
    );
    let drills = ctx.store.drill_cards(today, filter)?;
    let reviews = ctx.store.due_reviews(today, filter, allowance.reviews)?;
    let mut new = Vec::new();
    if allowance.new_cards > 0 {
        ctx.store.scan_new_cards(filter, |card| {
            if !card.is_locked(&ctx.settings.rule) {
                new.push(card);
            }
            new.len() < allowance.new_cards
        })?;
    }
    let mut by_id: std::collections::HashMap<i64, Card> = drills
        .iter()
        .chain(&reviews)
        .chain(&new)
        .map(|c| (c.id, c.clone()))
        .collect();
    let order = assemble(
        drills.iter().map(|c| c.id),
        reviews.iter().map(|c| c.id),
        new.iter().map(|c| c.id),
        allowance,
    );
    Ok(order
        .into_iter()
        .filter_map(|e| by_id.remove(&e.card_id).map(|c| (c, e.reason)))
        .collect())
}

/// Prints `value` as pretty JSON on its own.
fn print_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
