//! `import` and `decks`, and the bundled deck on first run.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::Utc;

use super::{BUNDLED_DECKS, Ctx, print_json};
use crate::deck::{parse_deck, read_deck};
use crate::import::ImportCounts;
use crate::store::DeckSource;
use crate::text;

/// With no deck at all, imports the decks built into the binary, so that the first
/// `recall review` on a new machine has cards.
pub fn import_bundled_if_empty(ctx: &mut Ctx) -> Result<()> {
    if !ctx.store.is_empty()? {
        return Ok(());
    }
    let mut decks = Vec::new();
    for (slug, bytes) in BUNDLED_DECKS {
        let (deck, _) = parse_deck(&format!("{slug}.md"), slug, bytes)?;
        decks.push(DeckSource {
            deck,
            source: "bundled".into(),
        });
    }
    ctx.store
        .import(&decks, ctx.clock.now.with_timezone(&Utc), false)?;
    Ok(())
}

pub fn import(ctx: &mut Ctx, out: &mut dyn Write, files: &[PathBuf], dry_run: bool) -> Result<()> {
    // Parse everything first: one malformed file and nothing is written.
    let mut decks: Vec<DeckSource> = Vec::new();
    for path in files {
        let (deck, warnings) = read_deck(path)?;
        for w in warnings {
            eprintln!("recall: {w}");
        }
        if let Some(other) = decks.iter().find(|d| d.deck.slug == deck.slug) {
            bail!(
                "{} and {} are both deck '{}' (a deck is named by its file name): rename one",
                other.source,
                path.display(),
                deck.slug
            );
        }
        let source = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        decks.push(DeckSource {
            deck,
            source: source.display().to_string(),
        });
    }
    let counts = ctx
        .store
        .import(&decks, ctx.clock.now.with_timezone(&Utc), dry_run)?;
    let mut total = ImportCounts::default();
    for c in &counts {
        total += *c;
    }
    if ctx.json {
        return print_json(out, &total);
    }
    let line = |c: &ImportCounts| {
        format!(
            "added {}, updated {}, retired {}, unchanged {}",
            c.added, c.updated, c.retired, c.unchanged
        )
    };
    for (path, c) in files.iter().zip(&counts) {
        writeln!(out, "{}: {}", path.display(), line(c))?;
    }
    if files.len() > 1 {
        writeln!(out, "total: {}", line(&total))?;
    }
    if dry_run {
        writeln!(out, "dry run: nothing was written")?;
    }
    Ok(())
}

pub fn list(ctx: &Ctx, out: &mut dyn Write) -> Result<()> {
    let decks = ctx.store.decks()?;
    if ctx.json {
        return print_json(out, &decks);
    }
    for d in &decks {
        writeln!(out, "{}  {}", d.slug, d.title)?;
        let mut line = format!(
            "  {}, {} ({} main, {} follow-ups)",
            text::count(d.topics, "topic", "topics"),
            text::count(d.cards, "card", "cards"),
            d.main,
            d.followups
        );
        if d.retired > 0 {
            line.push_str(&format!(", {} retired", d.retired));
        }
        writeln!(out, "{line}")?;
        writeln!(out, "  from {}", d.source)?;
    }
    Ok(())
}
