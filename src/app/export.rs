//! `export anki|csv|json`.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::Utc;

use super::{Ctx, print_json, resolve_deck};
use crate::card::{Review, ReviewBrief};
use crate::cli::{self, ExportFormat};
use crate::export::{
    ExportDeck, ExportError, ExportOptions, ReviewLog, Target, write_anki, write_csv, write_json,
};
use crate::store::{CardFilter, LogReader};
use crate::text;

impl cli::Export {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        write_export(
            ctx,
            out,
            self.format,
            &self.output,
            self.deck.as_deref(),
            self.with_progress,
        )
    }
}

fn write_export(
    ctx: &Ctx,
    out: &mut dyn Write,
    format: ExportFormat,
    path: &Path,
    deck: Option<&str>,
    with_progress: bool,
) -> Result<()> {
    if format == ExportFormat::Csv && with_progress {
        bail!(
            "a CSV carries no progress (Anki's text import has no place for it): use `export anki --with-progress`, or `export json`, which always has it"
        );
    }
    // Where it goes is settled before anything is read: never the database, never a
    // package of binary bytes onto a terminal.
    let db = ctx.db_path.as_os_str();
    let protected: Vec<PathBuf> = ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = db.to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .collect();
    let target = Target::resolve(path, &protected)?;
    let to_stdout = target == Target::Stdout;
    if to_stdout && format == ExportFormat::Anki && std::io::stdout().is_terminal() {
        bail!("an Anki package is binary: redirect it (`-o - > deck.apkg`) or name a file with -o");
    }
    let filter = resolve_deck(&ctx.store, deck)?;
    // Everything below is one pass over large tables: read without mmap, so that pages read
    // once do not stay mapped and count as the process's memory.
    let mut log = LogReader::new(&ctx.store)?;
    let topics = ctx.store.all_topics(filter.deck_id)?;
    let mut decks = Vec::new();
    for (deck_id, slug, title) in ctx.store.deck_names()? {
        if filter.deck_id.is_some_and(|id| id != deck_id) {
            continue;
        }
        let filter = CardFilter {
            deck_id: Some(deck_id),
            ..CardFilter::default()
        };
        let cards = ctx.store.cards(filter)?;
        // Topics in document order that still hold a card: no empty decks in Anki. The
        // cards come topic by topic, so each topic is put in the set once per run of cards.
        let mut live: HashSet<&str> = HashSet::new();
        let mut last = None;
        for card in cards.iter().filter(|c| !c.retired) {
            if last != Some(card.topic.as_str()) {
                live.insert(&card.topic);
                last = Some(card.topic.as_str());
            }
        }
        let topics = topics
            .iter()
            .filter(|t| t.deck_id == deck_id && live.contains(t.name.as_str()))
            .map(|t| t.name.clone())
            .collect();
        decks.push(ExportDeck {
            slug,
            title,
            topics,
            cards,
        });
    }
    let opts = ExportOptions {
        with_progress,
        now: ctx.clock.now.with_timezone(&Utc),
        today: ctx.clock.today,
        rule: ctx.settings.rule,
    };
    // The JSON writer reads the log card by card as it goes; the Anki one reads it whole,
    // in one pass, and only with progress.
    if format == ExportFormat::Json {
        log.expect(
            decks
                .iter()
                .flat_map(|d| d.cards.iter().map(|c| c.id))
                .collect(),
        );
    }
    if format == ExportFormat::Anki && with_progress {
        // The Anki export with progress reads the whole log once it has placed the cards,
        // on one core: begun now, part of it is read on the other meanwhile.
        log.read_briefs_ahead();
    }
    let mut log = StoreLog(log);
    let written = match format {
        ExportFormat::Anki => write_anki(path, &decks, &mut log, &opts),
        ExportFormat::Csv => write_csv(path, &decks, &opts),
        ExportFormat::Json => write_json(path, &decks, &mut log, &opts),
    }
    .with_context(|| {
        format!(
            "export to {} failed; nothing was written",
            text::visible(&path.display().to_string())
        )
    })?;
    // The command ends with the export: its cards, a few strings each (120,000 cards are
    // half a million), are left for the process's exit to free. Freed one by one they took
    // 15-20 ms, and made the database's close after them as slow again (glibc gathering
    // the freed pieces).
    std::mem::forget(decks);
    let report = format!(
        "wrote {}: {}, {}, {}",
        if to_stdout {
            "standard output".to_string()
        } else {
            text::visible(&path.display().to_string()).into_owned()
        },
        text::count(written.notes, "note", "notes"),
        text::count(written.cards, "card", "cards"),
        text::count(written.reviews, "review", "reviews")
    );
    if to_stdout {
        // Standard output carries the export itself; the report goes beside it.
        eprintln!("recall: {report}");
        return Ok(());
    }
    if ctx.json {
        return print_json(
            out,
            &serde_json::json!({"file": path, "notes": written.notes, "cards": written.cards, "reviews": written.reviews}),
        );
    }
    writeln!(out, "{report}")?;
    Ok(())
}

/// The review log as the export writers read it: one card's reviews at a time.
struct StoreLog<'s>(LogReader<'s>);

impl ReviewLog for StoreLog<'_> {
    fn reviews_of(&mut self, card_id: i64) -> Result<Vec<Review>, ExportError> {
        self.0
            .reviews_of(card_id)
            .map_err(|err| ExportError::Log(Box::new(err)))
    }

    fn each_brief(
        &mut self,
        visit: &mut dyn FnMut(&ReviewBrief) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        self.0
            .each_brief(visit)
            .map_err(|err| ExportError::Log(Box::new(err)))?
    }
}
