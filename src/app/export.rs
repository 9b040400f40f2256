//! `export anki|csv|json`.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::Utc;

use super::{Ctx, print_json, resolve_deck};
use crate::cli::{self, ExportFormat};
use crate::export::{ExportCard, ExportDeck, ExportOptions, write_anki, write_csv, write_json};
use crate::store::CardFilter;

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
    let filter = resolve_deck(&ctx.store, deck)?;
    // The log is the largest part of the database: read it only when it goes along.
    let mut reviews: HashMap<i64, Vec<_>> = HashMap::new();
    if with_progress || format == ExportFormat::Json {
        for r in ctx.store.all_reviews()? {
            reviews.entry(r.card_id).or_default().push(r);
        }
    }
    let topics = ctx.store.all_topics(filter.deck_id)?;
    let mut decks = Vec::new();
    for (deck_id, slug, title) in ctx.store.deck_names()? {
        if filter.deck_id.is_some_and(|id| id != deck_id) {
            continue;
        }
        let filter = CardFilter {
            deck_id: Some(deck_id),
            topic_id: None,
        };
        let cards: Vec<ExportCard> = ctx
            .store
            .cards(filter)?
            .into_iter()
            .map(|card| ExportCard {
                reviews: reviews.remove(&card.id).unwrap_or_default(),
                card,
            })
            .collect();
        // Topics in document order that still hold a card: no empty decks in Anki.
        let live: HashSet<&str> = cards
            .iter()
            .filter(|c| !c.card.retired)
            .map(|c| c.card.topic.as_str())
            .collect();
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
    let written = match format {
        ExportFormat::Anki => write_anki(path, &decks, &opts),
        ExportFormat::Csv => write_csv(path, &decks, &opts),
        ExportFormat::Json => write_json(path, &decks, &opts),
    }
    .with_context(|| format!("export to {} failed; nothing was written", path.display()))?;
    if ctx.json {
        return print_json(
            out,
            &serde_json::json!({"file": path, "notes": written.notes, "cards": written.cards, "reviews": written.reviews}),
        );
    }
    writeln!(
        out,
        "wrote {}: {} notes, {} cards, {} reviews",
        path.display(),
        written.notes,
        written.cards,
        written.reviews
    )?;
    Ok(())
}
