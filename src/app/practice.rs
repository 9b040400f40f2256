//! `search`, `note` and `cram`: finding cards, writing on them, practising them.

use std::io::{IsTerminal, Read, Write};

use anyhow::{Context, Result, bail};

use super::{Ctx, listing_width, print_json, resolve_scope};
use crate::card::Card;
use crate::cli;
use crate::deck::CardKind;
use crate::study::{self, CramStatus, Desk, Practice, resolve_card};
use crate::text;

/// Where `needle` (already lower-cased) first appears in the card's texts: the field's name
/// and a short piece of it around the match.
fn find(card: &Card, needle: &str) -> Option<(&'static str, String)> {
    let fields = [
        ("question", Some(&card.question)),
        ("body", card.body.as_ref()),
        ("answer", card.answer.as_ref()),
        ("note", card.note.as_ref()),
    ];
    fields.into_iter().find_map(|(name, text)| {
        let text = text?;
        let lower = text.to_lowercase();
        let at = lower.find(needle)?;
        // Lower-casing can change byte lengths (İ, ẞ): cut the original by characters.
        let start = lower[..at].chars().count();
        let chars: Vec<char> = text.chars().collect();
        let from = start.saturating_sub(30);
        let to = (start + needle.chars().count() + 40).min(chars.len());
        let piece: String = chars[from..to].iter().collect();
        let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        let lead = if from > 0 { "…" } else { "" };
        let tail = if to < chars.len() { "…" } else { "" };
        Some((name, format!("{lead}{piece}{tail}")))
    })
}

/// The longest note taken: far more than a card's notes need, little enough that a stream
/// given by mistake (`< /dev/urandom`) is refused rather than read on.
const MAX_NOTE_BYTES: u64 = 256 << 10;

impl cli::Search {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let filter = resolve_scope(&ctx.store, &self.scope)?;
        let needle = self.text.trim().to_lowercase();
        anyhow::ensure!(!needle.is_empty(), "nothing to search for: give some text");
        let rule = &ctx.settings.rule;
        let found: Vec<(Card, &'static str, String)> = ctx
            .store
            .cards(filter)?
            .into_iter()
            .filter(|c| !c.retired)
            .filter_map(|c| find(&c, &needle).map(|(field, piece)| (c, field, piece)))
            .collect();
        if ctx.json {
            let views: Vec<_> = found.iter().map(|(c, ..)| c.view(rule, None)).collect();
            return print_json(out, &views);
        }
        if found.is_empty() {
            writeln!(out, "no card holds '{}'", text::visible(&self.text))?;
            return Ok(());
        }
        let several_decks = ctx.store.deck_count()? > 1;
        let width = listing_width();
        for (card, field, piece) in &found {
            let key = if several_decks {
                card.reference()
            } else {
                card.key.clone()
            };
            let indent = if card.kind == CardKind::Followup {
                "  "
            } else {
                ""
            };
            let head = format!(
                "{}  {:<9}  {indent}",
                text::pad(&key, 6),
                card.status(rule).as_str()
            );
            let room = width.saturating_sub(text::width(&head));
            writeln!(out, "{head}{}", text::fit(&card.question, room.max(20)))?;
            if *field != "question" {
                writeln!(
                    out,
                    "        {field}: {}",
                    text::fit(piece, width.saturating_sub(10).max(20))
                )?;
            }
        }
        writeln!(
            out,
            "{}",
            text::count(found.len(), "card", "cards") + " found"
        )?;
        Ok(())
    }
}

impl cli::Note {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let card = resolve_card(&ctx.store, &self.card)?;
        let note: Option<String> = if self.clear {
            None
        } else if let Some(text) = &self.text {
            Some(text.clone())
        } else if std::io::stdin().is_terminal() {
            // The editor starts from the note as it is; closing it without saving changes
            // nothing.
            match dialoguer::Editor::new()
                .extension(".md")
                .edit(card.note.as_deref().unwrap_or(""))
                .context("cannot run the editor ($VISUAL or $EDITOR)")?
            {
                // An editor that failed gives back the text it was handed: unchanged too.
                Some(text) if text.trim() != card.note.as_deref().unwrap_or("").trim() => {
                    Some(text)
                }
                _ => {
                    writeln!(out, "{}: note unchanged", card.key)?;
                    return Ok(());
                }
            }
        } else {
            // Bytes first: the cut at the limit may fall inside a character.
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_NOTE_BYTES + 1)
                .read_to_end(&mut bytes)
                .context("cannot read the note from standard input")?;
            if bytes.len() as u64 > MAX_NOTE_BYTES {
                bail!(
                    "the note is over {} KiB: a note is a few lines of your own",
                    MAX_NOTE_BYTES >> 10
                );
            }
            let text = String::from_utf8(bytes)
                .context("cannot read the note from standard input: it is not UTF-8 text")?;
            // Empty input is more likely a script's mistake than a wish to remove the note.
            if text.trim().is_empty() {
                bail!("no note text on standard input; to remove the note, use --clear");
            }
            Some(text)
        };
        if note
            .as_ref()
            .is_some_and(|n| n.len() as u64 > MAX_NOTE_BYTES)
        {
            bail!(
                "the note is over {} KiB: a note is a few lines of your own",
                MAX_NOTE_BYTES >> 10
            );
        }
        let had_note = card.note.is_some();
        let note = study::set_note(&mut ctx.store, &ctx.clock, card.id, note.as_deref())?;
        let card = Card { note, ..card };
        if ctx.json {
            return print_json(out, &card.view(&ctx.settings.rule, None));
        }
        match &card.note {
            Some(_) => writeln!(out, "{}: note saved", card.key)?,
            None if had_note => writeln!(out, "{}: note removed", card.key)?,
            None => writeln!(out, "{}: had no note; nothing to remove", card.key)?,
        }
        Ok(())
    }
}

impl cli::Cram {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let filter = resolve_scope(&ctx.store, &self.scope)?;
        let status = match self.status {
            None => CramStatus::Studied,
            Some(cli::CramStatus::New) => CramStatus::New,
            Some(cli::CramStatus::Review) => CramStatus::Review,
            Some(cli::CramStatus::All) => CramStatus::All,
        };
        let mut desk = Desk {
            store: &mut ctx.store,
            settings: &ctx.settings,
            clock: &ctx.clock,
            filter,
            practice: Practice::Cram(status),
        };
        super::review::run_session(
            &mut desk,
            out,
            ctx.json,
            ctx.color,
            self.limit,
            &ctx.notices,
        )
    }
}
