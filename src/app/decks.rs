//! `import` and `decks`, and the bundled deck on first run.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::Utc;

use super::{BUNDLED_DECKS, Ctx, print_json};
use crate::cli;
use crate::deck::{DeckFile, PARSER_REVISION, apply_answers, parse_deck, render_outline};
use crate::import::ImportCounts;
use crate::store::{CardFilter, DeckSource, Store};
use crate::text;

/// What identifies a deck's contents (its file and its answer file) for this version of
/// recall and of its parser: either may read the same bytes differently, so a change of
/// either re-reads them once.
fn fingerprint(deck: &[u8], answers: Option<&[u8]>) -> String {
    use sha1::Digest;
    let mut hasher = sha1::Sha1::new();
    hasher.update(deck);
    if let Some(answers) = answers {
        hasher.update(b"\0answers\0");
        hasher.update(answers);
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}+{PARSER_REVISION}:{hex}", env!("CARGO_PKG_VERSION"))
}

/// The bundled decks, parsed, with their answers applied.
fn bundled() -> Result<Vec<DeckSource>> {
    let mut decks = Vec::new();
    for bundled in BUNDLED_DECKS {
        let label = format!("{}.md", bundled.slug);
        let (mut deck, _) = parse_deck(&label, bundled.slug, bundled.deck)?;
        let answers = std::str::from_utf8(bundled.answers)?;
        apply_answers(&mut deck, &format!("{}.answers.md", bundled.slug), answers);
        decks.push(DeckSource {
            deck,
            source: BUNDLED_SOURCE.into(),
            fingerprint: Some(fingerprint(bundled.deck, Some(bundled.answers))),
            answer_file: true,
        });
    }
    Ok(decks)
}

/// Where a bundled deck says it came from.
const BUNDLED_SOURCE: &str = "bundled";

/// Imports the decks built into the binary into an empty database, so that the first
/// `recall review` on a new machine has cards; and brings a bundled deck already there up to
/// this version's text and answers (progress kept, as with any re-import).
pub fn import_bundled(ctx: &mut Ctx) -> Result<()> {
    let now = ctx.clock.now.with_timezone(&Utc);
    if ctx.store.is_new()? {
        let decks = bundled()?;
        if ctx.store.import_if_new(&decks, now)?.is_some() {
            // Said once: where the cards of a new database came from.
            for d in &decks {
                let cards = d.deck.cards();
                let mains = cards.iter().filter(|c| c.parent_key.is_none()).count();
                ctx.notice(format!(
                    "imported the bundled deck: {}, {}, {}",
                    text::count(cards.len(), "card", "cards"),
                    text::count(mains, "question", "questions"),
                    text::count(cards.len() - mains, "follow-up", "follow-ups")
                ));
            }
        }
        return Ok(());
    }
    let mut stale = false;
    for b in BUNDLED_DECKS {
        if let Some((_, stored, source)) = ctx.store.deck_fingerprint(b.slug)?
            && source == BUNDLED_SOURCE
            && stored.as_deref() != Some(&fingerprint(b.deck, Some(b.answers)))
        {
            stale = true;
        }
    }
    if stale {
        let decks: Vec<DeckSource> = bundled()?
            .into_iter()
            .filter(|d| {
                matches!(ctx.store.deck_fingerprint(&d.deck.slug),
                    Ok(Some((_, _, source))) if source == BUNDLED_SOURCE)
            })
            .collect();
        ctx.store.import(&decks, now, false)?;
    }
    Ok(())
}

/// Where the answer file of the deck at `path` would be: `NAME.answers.md` beside `NAME.md`.
fn answers_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}{ANSWERS_SUFFIX}"))
}

/// The answer file beside the deck at `path`, if there is one.
fn answers_beside(path: &Path) -> Option<PathBuf> {
    let candidate = answers_path(path);
    candidate.is_file().then_some(candidate)
}

/// The largest deck file `import` reads: far above any real guide (the 120,000-card
/// benchmark deck is about 20 MB), far below what would exhaust memory.
const MAX_DECK_BYTES: u64 = 256 << 20;

/// Refuses, before reading, what is not a deck file: a FIFO or device (which could block or
/// never end), a directory, or something too large to be a deck.
fn check_readable(path: &Path) -> Result<()> {
    let shown = text::visible(&path.display().to_string()).into_owned();
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // the read that follows says why it cannot be read
    };
    if meta.is_dir() {
        bail!("{shown} is a directory: name the deck files in it (e.g. {shown}/*.md)");
    }
    if !meta.is_file() {
        bail!("{shown} is not a regular file (a pipe or a device?): save it to a file first");
    }
    if meta.len() > MAX_DECK_BYTES {
        bail!(
            "{shown} is {} MB: a deck file can be at most {} MB",
            meta.len() >> 20,
            MAX_DECK_BYTES >> 20
        );
    }
    Ok(())
}

/// How an answer file's name ends.
const ANSWERS_SUFFIX: &str = ".answers.md";

fn is_answer_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(ANSWERS_SUFFIX))
}

/// `NAME.md` for `NAME.answers.md`.
fn deck_of_answer_file(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let stem = name.strip_suffix(ANSWERS_SUFFIX).unwrap_or(&name);
    path.with_file_name(format!("{stem}.md"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// An import's deck files, read and parsed: nothing is written before all of them are.
pub struct ReadDecks<'f> {
    files: Vec<&'f PathBuf>,
    /// The decks to import, in the order of `counts`' `None`s.
    decks: Vec<DeckSource>,
    /// Per file: the counts of a file unchanged since its last import, which is not parsed.
    counts: Vec<Option<ImportCounts>>,
}

impl cli::Import {
    /// Reads and parses the deck files (and their answer files). With the database they go
    /// into (`None` while it does not exist yet), a file imported unchanged is not parsed
    /// again. A dry run's outline goes to `out`, unless `json`.
    pub fn read(
        &self,
        store: Option<&Store>,
        json: bool,
        out: &mut dyn Write,
    ) -> Result<ReadDecks<'_>> {
        let dry_run = self.dry_run;
        // `recall import decks/*.md` names answer files too: they go with their deck.
        let deck_files: Vec<&PathBuf> = self.files.iter().filter(|p| !is_answer_file(p)).collect();
        for path in self.files.iter().filter(|p| is_answer_file(p)) {
            let deck = deck_of_answer_file(path);
            if !deck_files.iter().any(|d| same_file(d, &deck)) {
                bail!(
                    "{} is an answer file: import its deck, {}, and it comes along",
                    path.display(),
                    deck.display()
                );
            }
        }
        if self.answers.is_some() && deck_files.len() != 1 {
            bail!("--answers goes with exactly one deck file");
        }
        let files = &deck_files;
        // Read and parse everything first: one malformed file and nothing is written.
        let mut decks: Vec<DeckSource> = Vec::new();
        let mut counts: Vec<Option<ImportCounts>> = Vec::new();
        let mut slugs: Vec<(String, &Path)> = Vec::new();
        for path in files.iter().copied() {
            check_readable(path)?;
            let file = DeckFile::read(path)?;
            if let Some((_, other)) = slugs.iter().find(|(slug, _)| *slug == file.slug) {
                bail!(
                    "{} and {} are both deck '{}' (a deck is named by its file name): rename one",
                    other.display(),
                    path.display(),
                    file.slug
                );
            }
            slugs.push((file.slug.clone(), path));
            let answers_path = self.answers.clone().or_else(|| answers_beside(path));
            let answers = match &answers_path {
                Some(p) => Some({
                    check_readable(p)?;
                    std::fs::read(p)
                        .with_context(|| format!("cannot read the answer file {}", p.display()))?
                }),
                None => None,
            };
            let source = std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string();
            let fingerprint = fingerprint(&file.bytes, answers.as_deref());
            let known = match store {
                Some(store) => store.deck_fingerprint(&file.slug)?,
                None => None,
            };
            // Another file of the same name updates that deck: right for a moved file, a
            // surprise for a second `questions.md` in another folder, whose import retires
            // the first one's cards. Said before anything is written. (The bundled deck
            // taken up from its own file, `decks/…`, is no surprise.)
            if let Some((_, _, stored_source)) = &known
                && *stored_source != source
                && stored_source != BUNDLED_SOURCE
            {
                eprintln!(
                    "recall: {} updates deck '{}', imported before from {} (a deck is named by its file name); to keep both, rename one file",
                    text::visible(&path.display().to_string()),
                    file.slug,
                    text::visible(stored_source),
                );
            }
            // The very files imported last time: nothing can have changed, no need to parse.
            if let Some(store) = store
                && let Some((deck_id, Some(stored), stored_source)) = known
                && stored == fingerprint
                && stored_source == source
            {
                let filter = CardFilter {
                    deck_id: Some(deck_id),
                    ..CardFilter::default()
                };
                let unchanged = store.count_cards(filter)?;
                counts.push(Some(ImportCounts {
                    unchanged,
                    ..ImportCounts::default()
                }));
                continue;
            }
            let (mut deck, mut warnings) = file.parse()?;
            if let (Some(p), Some(bytes)) = (&answers_path, &answers) {
                let label = p.display().to_string();
                let text = std::str::from_utf8(bytes)
                    .with_context(|| format!("{label}: not a UTF-8 text file"))?;
                warnings.extend(apply_answers(&mut deck, &label, text));
            }
            if dry_run && !json {
                // The outline shows the warnings with everything else, before any write;
                // with `--json`, standard output is the JSON alone.
                writeln!(out, "{}", render_outline(&deck, &warnings))?;
            } else {
                for w in warnings {
                    eprintln!("recall: {}", text::visible(&w.to_string()));
                }
            }
            counts.push(None);
            decks.push(DeckSource {
                deck,
                source,
                fingerprint: Some(fingerprint),
                answer_file: answers_path.is_some(),
            });
        }
        Ok(ReadDecks {
            files: deck_files,
            decks,
            counts,
        })
    }

    /// Imports the decks `read` (read here when `None`).
    pub fn run(
        &self,
        ctx: &mut Ctx,
        out: &mut dyn Write,
        read: Option<ReadDecks<'_>>,
    ) -> Result<()> {
        let read = match read {
            Some(read) => read,
            None => self.read(Some(&ctx.store), ctx.json, out)?,
        };
        let (files, decks, counts) = (&read.files, read.decks, read.counts);
        let dry_run = self.dry_run;
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
        for (path, c) in files.iter().zip(&counts) {
            if c.kept_answers > 0 {
                let answers = answers_path(path);
                eprintln!(
                    "recall: {}: no answers in it and no {} beside it: {} keep the answers they had",
                    text::visible(&path.display().to_string()),
                    text::visible(&answers.display().to_string()),
                    text::count(c.kept_answers, "card", "cards"),
                );
            }
        }
        if ctx.json {
            return print_json(out, &total);
        }
        let line = |c: &ImportCounts| {
            let mut line = format!(
                "added {}, updated {}, retired {}, unchanged {}",
                c.added, c.updated, c.retired, c.unchanged
            );
            if c.restored > 0 {
                line.push_str(&format!(", restored {}", c.restored));
            }
            line
        };
        for (path, c) in files.iter().zip(&counts) {
            writeln!(
                out,
                "{}: {}",
                text::visible(&path.display().to_string()),
                line(c)
            )?;
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

impl cli::RemoveDeck {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let decks = ctx.store.decks()?;
        let Some(deck) = decks.iter().find(|d| d.slug == self.slug) else {
            let known: Vec<&str> = decks.iter().map(|d| d.slug.as_str()).collect();
            bail!(
                "no deck '{}': the decks are {}",
                text::visible(&self.slug),
                known.join(", ")
            );
        };
        let what = format!(
            "deck {} ({}) and the review history of its cards",
            text::visible(&deck.slug),
            text::count(deck.cards + deck.retired, "card", "cards")
        );
        if !self.yes {
            let on_terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
            if !on_terminal {
                bail!("removing the {what} needs confirmation: add --yes");
            }
            let sure = dialoguer::Confirm::new()
                .with_prompt(format!("Remove the {what}? This cannot be undone"))
                .default(false)
                .interact()?;
            if !sure {
                writeln!(out, "nothing removed")?;
                return Ok(());
            }
        }
        ctx.store.remove_deck(deck.id)?;
        writeln!(out, "removed the {what}")?;
        if decks.len() == 1 {
            // The bundled deck does not come back by itself: say how to get cards again.
            writeln!(
                out,
                "No decks left. Add one with `recall import FILE`; a new database (--db) starts with the bundled deck again."
            )?;
        }
        Ok(())
    }
}

impl cli::Decks {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        if let Some(cli::DecksAction::Remove(remove)) = &self.action {
            return remove.run(ctx, out);
        }
        let decks = ctx.store.decks()?;
        if ctx.json {
            return print_json(out, &decks);
        }
        if decks.is_empty() {
            writeln!(out, "No decks. Add one with `recall import FILE`.")?;
        }
        for d in &decks {
            writeln!(
                out,
                "{}  {}",
                text::visible(&d.slug),
                text::visible(&d.title)
            )?;
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
            writeln!(out, "  from {}", text::visible(&d.source))?;
        }
        Ok(())
    }
}
