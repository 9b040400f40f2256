//! `import` and `decks`, and the bundled deck on first run.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::Utc;

use super::{BUNDLED_DECKS, Ctx, print_json};
use crate::cli;
use crate::deck::{DeckFile, parse_deck};
use crate::import::ImportCounts;
use crate::store::{CardFilter, DeckSource};

/// What identifies a deck file's contents for this version of recall: a new version may
/// parse the same bytes differently, so it re-reads them once.
fn fingerprint(bytes: &[u8]) -> String {
    use sha1::Digest;
    let digest = sha1::Sha1::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}:{hex}", env!("CARGO_PKG_VERSION"))
}
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
            fingerprint: Some(fingerprint(bytes)),
        });
    }
    ctx.store
        .import_if_empty(&decks, ctx.clock.now.with_timezone(&Utc))?;
    Ok(())
}

impl cli::Import {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let (files, dry_run) = (&self.files, self.dry_run);
        // Read and parse everything first: one malformed file and nothing is written.
        let mut decks: Vec<DeckSource> = Vec::new();
        let mut counts: Vec<Option<ImportCounts>> = Vec::new();
        for path in files {
            let file = DeckFile::read(path)?;
            if let Some(other) = decks.iter().find(|d| d.deck.slug == file.slug) {
                bail!(
                    "{} and {} are both deck '{}' (a deck is named by its file name): rename one",
                    other.source,
                    path.display(),
                    file.slug
                );
            }
            let source = std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string();
            let fingerprint = fingerprint(&file.bytes);
            // The very file imported last time: nothing can have changed, no need to parse it.
            if let Some((deck_id, Some(stored), stored_source)) =
                ctx.store.deck_fingerprint(&file.slug)?
                && stored == fingerprint
                && stored_source == source
            {
                let filter = CardFilter {
                    deck_id: Some(deck_id),
                    topic_id: None,
                };
                let unchanged = ctx.store.count_cards(filter)?;
                counts.push(Some(ImportCounts {
                    unchanged,
                    ..ImportCounts::default()
                }));
                continue;
            }
            let (deck, warnings) = file.parse()?;
            for w in warnings {
                eprintln!("recall: {w}");
            }
            counts.push(None);
            decks.push(DeckSource {
                deck,
                source,
                fingerprint: Some(fingerprint),
            });
        }
        let mut imported = ctx
            .store
            .import(&decks, ctx.clock.now.with_timezone(&Utc), dry_run)?
            .into_iter();
        let counts: Vec<ImportCounts> = counts
            .into_iter()
            .map(|known| known.or_else(|| imported.next()).unwrap_or_default())
            .collect();
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
}

impl cli::Decks {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
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
}
