//! The `.apkg` writer: a zip holding `collection.anki2` (Anki's schema 11 SQLite format)
//! and an empty `media` map. What each card's scheduling becomes in Anki is decided in
//! `scheduling`, the collection's JSON settings in `config`; this module assembles the rows,
//! `btree` writes them into the file SQLite made, and `package` zips it.

mod btree;
mod config;
mod package;
mod scheduling;

pub use config::NOTETYPE_NAME;

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::card::{Card, ReviewBrief};
use crate::deck::CardKind;
use rusqlite::{Connection, params};

use super::fields::{
    NoteFields, deck_level, deck_name, field_checksum, guid_hash, guid_text, plain_text,
    push_guid_text, stable_id, tags,
};
use super::{
    ExportDeck, ExportError, ExportOptions, ExportSummary, ReviewLog, exported_cards,
    write_atomically,
};
use config::{DEFAULT_DECK_ID, collection_conf, dconf_json, decks_json, models_json};
use scheduling::{
    RevlogEntry, Scheduling, card_changed_at, collection_created_secs, note_changed_at, scheduling,
};

/// Writes an Anki package of `decks` to `path` (atomically): one note and one card per
/// exported card, retired cards left out. With `opts.with_progress` the SM-2 state and the
/// review log (read from `log`) go along; otherwise every card is new.
pub fn write_anki(
    path: &Path,
    decks: &[ExportDeck],
    log: &mut dyn ReviewLog,
    opts: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    // The collection is built in a scratch file and zipped from there straight into the
    // target, as a stream (sizes and checksum after each entry's data, as zip allows): the
    // package can go where nothing can seek (a pipe, `-`), and neither the collection
    // (140 MB with a million reviews) nor the package is ever in memory.
    let scratch = tempfile::tempdir().map_err(ExportError::io(path))?;
    let collection_path = scratch.path().join("collection.anki2");
    let keys_path = scratch.path().join("revlog.keys");
    let build = |log: &mut dyn ReviewLog, order| {
        build_tables(&collection_path, &keys_path, decks, log, opts, order)
    };
    let tables = match build(log, LogOrder::AsRead)? {
        Some(tables) => tables,
        // The log's rows go in by id, which is when each answer was given: should two share
        // a millisecond, or come in another order than the log's, they are put in order in
        // memory and the collection built again (rare: a clock set back, a bulk import).
        None => {
            std::fs::remove_file(&collection_path).map_err(ExportError::io(scratch.path()))?;
            build(log, LogOrder::Sorted)?.ok_or_else(|| {
                ExportError::Log("the review log changed during the export".into())
            })?
        }
    };
    let (summary, ahead) = tables
        .write_indexes()
        .map_err(ExportError::io(&collection_path))?;
    as_memory_image(&collection_path).map_err(ExportError::io(scratch.path()))?;
    write_atomically(path, |out| {
        package::write_package(out, &collection_path, ahead).map_err(ExportError::io(path))
    })?;
    Ok(summary)
}

/// How the log's rows reach the collection.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LogOrder {
    /// As the log is read, each row with its answer's millisecond as its id.
    AsRead,
    /// All read first, given distinct ids ([`claim_log_ids`]) and sorted.
    Sorted,
}

/// The length of SQLite's file header.
const SQLITE_HEADER_LEN: usize = 100;

/// Makes the header of the collection written to the file at `path` the same bytes as
/// SQLite writes for a database in memory, as packages were built before: the file change
/// counter, the "version valid for" number and the library version are left at zero.
/// They are only bookkeeping for a file shared between processes (a zero counter equal to
/// a zero "valid for" keeps the page count in the header valid); the package is then the
/// same bytes whatever SQLite version built it.
fn as_memory_image(path: &Path) -> io::Result<()> {
    let mut file = File::options().read(true).write(true).open(path)?;
    let mut header = [0u8; SQLITE_HEADER_LEN];
    file.read_exact(&mut header)?;
    for range in [24..28, 92..96, 96..100] {
        header[range].fill(0);
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&header)
}

/// Hands out ids, moving one up by 1 until it is free: derived ids rarely collide, and
/// when they do the result still depends only on the export's contents.
#[derive(Default)]
struct Ids(HashSet<i64>);

impl Ids {
    fn with_capacity(ids: usize) -> Ids {
        Ids(HashSet::with_capacity_and_hasher(ids, Default::default()))
    }

    fn claim(&mut self, mut id: i64) -> i64 {
        while !self.0.insert(id) {
            id += 1;
        }
        id
    }
}

/// A card's row in `cards`: what a [`Placed`] card becomes once the log is read, made
/// no larger, so that the one list becomes the other in the same memory.
struct CardRow {
    id: i64,
    /// The card's place in document order.
    place: u32,
    note_id: i64,
    deck_id: i64,
    /// `mod`, in seconds.
    modified: i64,
    due: i64,
    factor: i64,
    ivl: u32,
    reps: u32,
    lapses: u32,
    ctype: i8,
    queue: i8,
}

impl CardRow {
    fn of(place: u32, p: &Placed<'_>, s: Scheduling) -> CardRow {
        let small = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        let tiny = |v: i64| i8::try_from(v).unwrap_or(i8::MAX);
        CardRow {
            id: p.id,
            place,
            note_id: p.note_id,
            deck_id: p.deck_id,
            modified: card_changed_at(p.note_changed_at, p.last_review).timestamp(),
            due: s.due,
            factor: s.factor,
            ivl: small(s.ivl),
            reps: small(s.reps),
            lapses: small(s.lapses),
            ctype: tiny(s.ctype),
            queue: tiny(s.queue),
        }
    }
}

/// The SHA-1s behind a card's guid and ids, three a card: a third of placing the cards,
/// and the same whatever the order, so they are worked out on two threads first.
struct Hashed {
    guid: u64,
    /// The ids it asks for, before they are claimed.
    note_id: i64,
    card_id: i64,
}

impl Hashed {
    fn of(card: &Card) -> Hashed {
        let guid = guid_hash(&card.deck_slug, &card.key);
        let text = guid_text(guid);
        Hashed {
            guid,
            note_id: stable_id(&["note", &text]),
            card_id: stable_id(&["card", &text]),
        }
    }

    /// Those of every exported card of `decks`, in document order.
    fn all(decks: &[ExportDeck]) -> Vec<Hashed> {
        let cards: Vec<&Card> = decks.iter().flat_map(exported_cards).collect();
        let (first, second) = cards.split_at(cards.len() / 2);
        let hash = |cards: &[&Card]| cards.iter().map(|c| Hashed::of(c)).collect::<Vec<_>>();
        std::thread::scope(|scope| {
            let other = std::thread::Builder::new().spawn_scoped(scope, || hash(second));
            let mut all = hash(first);
            match other {
                Ok(thread) => all.extend(
                    thread
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                ),
                Err(_) => all.extend(hash(second)),
            }
            all
        })
    }
}

/// An exported card placed in the collection: its ids, and what its `cards` row needs.
struct Placed<'d> {
    card: &'d Card,
    id: i64,
    note_id: i64,
    deck_id: i64,
    note_changed_at: DateTime<Utc>,
    /// Whether its log goes along: with progress, unless Anki sees the card as new.
    carries_log: bool,
    /// Its reviews in the log, and when the last one (by id) was answered.
    reviews: usize,
    last_review: Option<DateTime<Utc>>,
}

/// Each exported card's place in document order (its index in the list of placed cards),
/// by its id in recall: looked up once per review, a million times. Recall's ids are
/// rowids handed out in turn, so they lie in a narrow range, and a table indexed by id
/// (4 bytes a card) stays in the cache where a hash map's lookups missed it nearly every
/// time; the map is left for ids scattered wide.
enum Places {
    Table { first: i64, index: Vec<u32> },
    Map(HashMap<i64, u32>),
}

impl Places {
    /// A slot of the table no card has.
    const EMPTY: u32 = u32::MAX;

    /// The places of `ids`, in document order.
    fn of(ids: impl Iterator<Item = i64> + Clone) -> Places {
        let (count, first, last) = ids
            .clone()
            .fold((0usize, i64::MAX, i64::MIN), |(n, lo, hi), id| {
                (n + 1, lo.min(id), hi.max(id))
            });
        let span = usize::try_from(last.saturating_sub(first)).map_or(usize::MAX, |d| d + 1);
        if count == 0 || span > 4 * count {
            return Places::Map((0u32..).zip(ids).map(|(i, id)| (id, i)).collect());
        }
        let mut index = vec![Self::EMPTY; span];
        for (i, id) in (0u32..).zip(ids) {
            index[(id - first) as usize] = i;
        }
        Places::Table { first, index }
    }

    fn get(&self, id: i64) -> Option<u32> {
        match self {
            Places::Table { first, index } => id
                .checked_sub(*first)
                .and_then(|slot| usize::try_from(slot).ok())
                .and_then(|slot| index.get(slot))
                .copied()
                .filter(|&i| i != Self::EMPTY),
            Places::Map(map) => map.get(&id).copied(),
        }
    }
}

/// A note waiting for its turn: its fields are rendered only when it goes in, in id order.
struct NoteRow<'d> {
    id: i64,
    /// The hash its guid is written from.
    guid: u64,
    modified: i64,
    /// Its `tags` column, as an index into the distinct ones.
    tags: usize,
    card: &'d Card,
}

/// A batch of notes rendered on one thread, every text column of every note in one buffer.
/// The writer frees a batch on another thread than the one that made it, and glibc's
/// allocator takes a lock for that: three strings freed per note, across threads, kept the
/// renderer waiting on that lock about as long as it rendered.
struct RenderedBatch {
    text: String,
    notes: Vec<RenderedNote>,
}

/// A note's rendered columns, the texts as ranges of its batch's buffer.
struct RenderedNote {
    id: i64,
    modified: i64,
    tags: usize,
    checksum: i64,
    guid: Range<usize>,
    fields: Range<usize>,
    sort_field: Range<usize>,
}

impl RenderedBatch {
    fn of(notes: &[NoteRow<'_>]) -> RenderedBatch {
        let mut text = String::new();
        let notes = notes
            .iter()
            .map(|note| {
                let start = text.len();
                push_guid_text(note.guid, &mut text);
                let guid = start..text.len();
                let question = NoteFields::push_joined(note.card, &mut text);
                let fields = guid.end..text.len();
                let sort_field = plain_text(&text[question]);
                let checksum = field_checksum(&sort_field);
                text.push_str(&sort_field);
                RenderedNote {
                    id: note.id,
                    modified: note.modified,
                    tags: note.tags,
                    checksum,
                    guid,
                    sort_field: fields.end..text.len(),
                    fields,
                }
            })
            .collect();
        RenderedBatch { text, notes }
    }
}

/// A `revlog` row, packed: the rows go to the writer thread in batches, and when two
/// answers share a millisecond they wait in memory to be given their ids and sorted.
/// `card` is the card's place in document order, `card_id` its id. Every number comes
/// from a `u32` of recall's state, or is at most 60,000 ms, so none is cut.
struct LogRow {
    id: i64,
    card_id: i64,
    card: u32,
    ivl: u32,
    last_ivl: u32,
    factor: u32,
    taken_ms: u16,
    ease: u8,
    kind: u8,
}

impl LogRow {
    fn new(card: u32, card_id: i64, review: &ReviewBrief) -> LogRow {
        let e = RevlogEntry::of(review);
        let narrow = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        LogRow {
            id: review.answered_at.timestamp_millis(),
            card_id,
            card,
            ivl: narrow(e.ivl),
            last_ivl: narrow(e.last_ivl),
            factor: narrow(e.factor),
            taken_ms: u16::try_from(e.taken_ms).unwrap_or(u16::MAX),
            ease: u8::try_from(e.ease).unwrap_or(u8::MAX),
            kind: u8::try_from(e.kind).unwrap_or(u8::MAX),
        }
    }
}

/// Gives each log row its id: its answer's millisecond, moved up by 1 while taken, in
/// document order of the cards and then each card's log. `rows` come in log order (by
/// review id).
fn claim_log_ids(rows: &mut [LogRow]) {
    // Stable: each card's rows stay in log order.
    rows.sort_by_key(|r| r.card);
    let mut claimed = Ids::default();
    for row in rows {
        row.id = claimed.claim(row.id);
    }
}

/// Log rows go from the reader to the writer thread in batches of this many.
const LOG_BATCH: usize = 1024;

/// Notes are rendered in batches of this many, dealt in turn to this many threads.
const RENDER_BATCH: usize = 256;
const RENDERERS: usize = 2;

/// The collection's pages: large, so that a b-tree of a million rows is two levels deep.
const PAGE_SIZE: usize = 65536;

/// The root pages SQLite gave the tables and indexes whose rows are written here.
struct Roots {
    notes: u32,
    cards: u32,
    revlog: u32,
    cards_nid: u32,
    revlog_cid: u32,
}

impl Roots {
    fn of(conn: &Connection) -> Result<Roots, ExportError> {
        let root = |name: &str| -> Result<u32, ExportError> {
            Ok(conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [name],
                |r| r.get(0),
            )?)
        };
        Ok(Roots {
            notes: root("notes")?,
            cards: root("cards")?,
            revlog: root("revlog")?,
            cards_nid: root("ix_cards_nid")?,
            revlog_cid: root("ix_revlog_cid")?,
        })
    }
}

/// Makes the collection at `path` with SQLite: the schema, every table and index empty but
/// `col`, whose one row is given. Returns where the other tables' roots are, and the
/// file's pages, to which theirs are appended.
fn create_collection(
    path: &Path,
    col: &[&dyn rusqlite::ToSql],
) -> Result<(Roots, btree::Pages), ExportError> {
    let conn = Connection::open(path)?;
    conn.execute_batch(&format!(
        "PRAGMA page_size = {PAGE_SIZE}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
    ))?;
    conn.execute_batch(include_str!("schema11.sql"))?;
    conn.execute(
        "INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
         VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        col,
    )?;
    let roots = Roots::of(&conn)?;
    conn.close().map_err(|(_, e)| e)?;
    let mut pages = File::options()
        .read(true)
        .write(true)
        .open(path)
        .and_then(btree::Pages::of)
        .map_err(ExportError::io(path))?;
    pages.deflate_behind(path, &path.with_extension("deflated"));
    Ok((roots, pages))
}

/// Builds the schema 11 collection of `decks` in a new file at `path`, but for the
/// indexes ([`Tables::write_indexes`]); `keys` is a scratch file's path. `None` when the
/// log, read as it is ([`LogOrder::AsRead`]), turned out not to be in id order: the file is
/// then unfinished, to be built again with [`LogOrder::Sorted`].
fn build_tables(
    path: &Path,
    keys: &Path,
    decks: &[ExportDeck],
    log: &mut dyn ReviewLog,
    opts: &ExportOptions,
    order: LogOrder,
) -> Result<Option<Tables>, ExportError> {
    let notetype_id = stable_id(&["notetype", NOTETYPE_NAME]);
    let mut deck_ids = Ids::default();
    deck_ids.claim(DEFAULT_DECK_ID);
    let mut anki_decks: Vec<(i64, String)> = Vec::new();
    let mut deck_id_by_name: HashMap<String, i64> = HashMap::default();
    let mut deck_id_for = |name: String| -> i64 {
        if let Some(&id) = deck_id_by_name.get(&name) {
            return id;
        }
        let id = deck_ids.claim(stable_id(&["deck", &name]));
        deck_id_by_name.insert(name.clone(), id);
        anki_decks.push((id, name));
        id
    };

    let total = decks
        .iter()
        .map(|d| exported_cards(d).count())
        .sum::<usize>();
    let total_i64 = i64::try_from(total).unwrap_or(i64::MAX);
    let mut note_ids = Ids::with_capacity(total);
    let mut card_ids = Ids::with_capacity(total);
    // Every id is claimed in document order (ids depend on it when two collide); then the
    // rows go in sorted by id, each b-tree written from its first page to its last.
    let mut placed = Vec::with_capacity(total);
    let mut notes = Vec::with_capacity(total);
    // A note's tags are its deck, topic and kind: a few distinct texts, each made once.
    let mut tag_texts: Vec<String> = Vec::new();
    let mut tag_index: HashMap<(&str, &str, CardKind), usize> = HashMap::default();
    let mut hashed = Hashed::all(decks).into_iter();
    for deck in decks {
        deck_id_for(deck_level(&deck.title));
        for topic in &deck.topics {
            deck_id_for(deck_name(&deck.title, topic));
        }
        // A follow-up's parent is a main question: only theirs are looked up.
        let mut changed_at = HashMap::default();
        changed_at.extend(
            exported_cards(deck)
                .filter(|c| c.kind == CardKind::Main)
                .map(|c| (c.key.as_str(), c.text_changed_at)),
        );
        // Cards come topic by topic: the deck and tags of the one before are usually this
        // one's too (its tags by kind, main or follow-up).
        let mut run: Option<(&str, i64, [Option<usize>; 2])> = None;
        for card in exported_cards(deck) {
            let (_, deck_id, run_tags) = match &mut run {
                Some(same) if same.0 == card.topic => same,
                _ => {
                    let id = deck_id_for(deck_name(&deck.title, &card.topic));
                    run.insert((&card.topic, id, [None; 2]))
                }
            };
            let deck_id = *deck_id;
            let by_kind = &mut run_tags[usize::from(card.kind == CardKind::Followup)];
            let tags = *by_kind.get_or_insert_with(|| {
                *tag_index
                    .entry((&card.deck_slug, &card.topic, card.kind))
                    .or_insert_with(|| {
                        tag_texts.push(format!(" {} ", tags(card).join(" ")));
                        tag_texts.len() - 1
                    })
            });
            let hashed = hashed.next().unwrap_or_else(|| Hashed::of(card));
            let note_id = note_ids.claim(hashed.note_id);
            let card_id = card_ids.claim(hashed.card_id);
            let note_changed_at = note_changed_at(card, &changed_at);
            // Whether Anki sees a card as new does not depend on the length of its log.
            let position = i64::try_from(placed.len() + 1).unwrap_or(i64::MAX);
            let carries_log =
                opts.with_progress && !scheduling(card, 0, opts, position, total_i64).is_new();
            notes.push(NoteRow {
                id: note_id,
                guid: hashed.guid,
                modified: note_changed_at.timestamp(),
                tags,
                card,
            });
            placed.push(Placed {
                card,
                id: card_id,
                note_id,
                deck_id,
                note_changed_at,
                carries_log,
                reviews: 0,
                last_review: None,
            });
        }
    }
    // The claimed ids are all in `placed` now.
    drop((note_ids, card_ids, hashed));
    notes.sort_unstable_by_key(|n| n.id);

    let now_secs = opts.now.timestamp();
    let log_keys = KeyFile::create(keys, total).map_err(ExportError::io(keys))?;
    let (roots, mut pages) = create_collection(
        path,
        params![
            collection_created_secs(opts.today, opts.now),
            opts.now.timestamp_millis(),
            collection_conf(notetype_id, 2 * total_i64 + 1).to_string(),
            models_json(notetype_id).to_string(),
            decks_json(&anki_decks, now_secs).to_string(),
            dconf_json().to_string(),
        ],
    )?;

    // Three threads: two render the notes (the Markdown, the plain sort field and its
    // checksum), this one reads the log, and one writes both into the file as they come.
    // The log is the largest part of the collection: read only when it goes along, in one
    // pass in log order (a card's reviews lie all over the table). Each row goes in as it
    // comes, with its answer's millisecond as its id: in log order that is id order.
    let mut summary = ExportSummary {
        notes: total,
        cards: total,
        reviews: 0,
    };
    let place = if opts.with_progress {
        Places::of(placed.iter().map(|p| p.card.id))
    } else {
        Places::of(std::iter::empty())
    };
    let written = std::thread::scope(|scope| {
        // A few batches in flight keep the threads busy without holding many rows. The
        // writer takes notes and log rows in turn, so the log, read more slowly, may run
        // ahead while the notes go in: 64 batches of log rows are 2.6 MB.
        let (send, log_in) = mpsc::sync_channel::<Vec<LogRow>>(64);
        let mut notes_in = InTurn {
            from: Vec::with_capacity(RENDERERS),
            next: 0,
        };
        for renderer in 0..RENDERERS {
            let (send_notes, rendered) = mpsc::sync_channel::<RenderedBatch>(4);
            notes_in.from.push(rendered);
            let notes = &notes;
            scope.spawn(move || {
                let dealt = notes.chunks(RENDER_BATCH).skip(renderer);
                for batch in dealt.step_by(RENDERERS) {
                    // The writer stops early only on an error, which it returns below.
                    if send_notes.send(RenderedBatch::of(batch)).is_err() {
                        break;
                    }
                }
            });
        }
        let pages = &mut pages;
        let roots = &roots;
        let same = SameInEveryNote {
            notetype_id,
            tag_texts: &tag_texts,
        };
        let writer =
            scope.spawn(move || write_rows(path, pages, roots, notes_in, log_in, log_keys, same));
        let read = if opts.with_progress {
            let mut batch = Vec::with_capacity(LOG_BATCH);
            let mut sorted = Vec::new();
            let read = log.each_brief(&mut |review| {
                if let Some(index) = place.get(review.card_id) {
                    let p = &mut placed[index as usize];
                    p.reviews += 1;
                    p.last_review = Some(review.answered_at);
                    if p.carries_log {
                        let row = LogRow::new(index, p.id, review);
                        match order {
                            LogOrder::AsRead => batch.push(row),
                            LogOrder::Sorted => sorted.push(row),
                        }
                    }
                }
                if batch.len() == LOG_BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(LOG_BATCH));
                    // As above: a failed send leaves the writer's error to report.
                    send.send(full)
                        .map_err(|_| ExportError::Log("the collection writer stopped".into()))?;
                }
                Ok(())
            });
            if order == LogOrder::Sorted {
                let mut ids = HashSet::with_capacity_and_hasher(sorted.len(), Default::default());
                if !sorted.iter().all(|row| ids.insert(row.id)) {
                    claim_log_ids(&mut sorted);
                }
                sorted.sort_unstable_by_key(|r| r.id);
                batch = sorted;
            }
            if read.is_ok() && !batch.is_empty() {
                // As above.
                let _ = send.send(batch);
            }
            read
        } else {
            Ok(())
        };
        drop(send);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The writer's error is the cause when both failed, and a log out of order is
        // why the reader was stopped.
        let written = written?;
        if written.is_some() {
            read?;
        }
        Ok::<_, ExportError>(written)
    })?;
    let Some(Written { log_keys }) = written else {
        return Ok(None);
    };
    summary.reviews = placed
        .iter()
        .filter(|p| p.carries_log)
        .map(|p| p.reviews)
        .sum();

    // The cards go in by id, which is no order of theirs in memory: each placed card is
    // made its row in document order (the cards read one after another), in the same
    // memory, and the rows sorted.
    drop((notes, place));
    let mut card_rows: Vec<CardRow> = (0..)
        .zip(placed)
        .map(|(place, p)| {
            let position = i64::from(place) + 1;
            CardRow::of(
                place,
                &p,
                scheduling(p.card, p.reviews, opts, position, total_i64),
            )
        })
        .collect();
    card_rows.sort_unstable_by_key(|r| r.id);
    let mut cards = btree::Table::new(roots.cards);
    let mut record = btree::Record::default();
    let io = ExportError::io(path);
    for r in &card_rows {
        record.clear();
        record
            .null()
            .int(r.note_id)
            .int(r.deck_id)
            .int(0)
            .int(r.modified)
            .int(0)
            .int(r.ctype.into())
            .int(r.queue.into())
            .int(r.due)
            .int(r.ivl.into())
            .int(r.factor)
            .int(r.reps.into())
            .int(r.lapses.into())
            .int(0)
            .int(0)
            .int(0)
            .int(0)
            .text("");
        cards.push(&mut pages, r.id, &record).map_err(&io)?;
    }
    cards.finish(&mut pages).map_err(&io)?;
    Ok(Some(Tables {
        summary,
        pages,
        roots,
        log_keys,
        card_rows,
    }))
}

/// A collection whose tables are in, and what its indexes are made of.
struct Tables {
    summary: ExportSummary,
    pages: btree::Pages,
    roots: Roots,
    /// Each log row's (cid, id), in id order; the cards' rows.
    log_keys: KeyFile,
    card_rows: Vec<CardRow>,
}

impl Tables {
    /// Writes the indexes, each sorted here and written bottom up, and finishes the file;
    /// returns what of it is deflated already.
    fn write_indexes(self) -> io::Result<(ExportSummary, Option<package::Ahead>)> {
        let Tables {
            summary,
            mut pages,
            roots,
            log_keys,
            mut card_rows,
        } = self;
        let mut index = |root: u32, count: usize, entry: &dyn Fn(usize, &mut btree::Record)| {
            btree::write_index(&mut pages, root, count, |i, record| entry(i, record))
        };
        // The cards' rows come sorted by id.
        let card_ids: Vec<(u32, i64)> = card_rows.iter().map(|c| (c.place, c.id)).collect();
        card_rows.sort_unstable_by_key(|c| (c.note_id, c.id));
        index(roots.cards_nid, card_rows.len(), &|i, r| {
            r.int(card_rows[i].note_id).int(card_rows[i].id);
        })?;
        drop(card_rows);
        let log_keys = log_keys.by_card(&card_ids)?;
        drop(card_ids);
        index(roots.revlog_cid, log_keys.len(), &|i, r| {
            r.int(log_keys[i].0).int(log_keys[i].1);
        })?;
        Ok((summary, pages.finish()?))
    }
}

/// The log rows' keys for their index, kept in a scratch file until it is made: a million
/// rows' are 12 MB, which in memory would come on top of the cards while the log goes in.
/// Each is a row's card (its place) and its id; they come in id order.
struct KeyFile {
    file: io::BufWriter<File>,
    count: usize,
    /// Rows by the card's place.
    per_card: Vec<u32>,
}

impl KeyFile {
    fn create(path: &Path, cards: usize) -> io::Result<KeyFile> {
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)?;
        Ok(KeyFile {
            file: io::BufWriter::new(file),
            count: 0,
            per_card: vec![0; cards],
        })
    }

    fn push(&mut self, card: u32, id: i64) -> io::Result<()> {
        let count = self
            .per_card
            .get_mut(card as usize)
            .ok_or_else(|| io::Error::other(format!("a log row of card {card}, not placed")))?;
        *count += 1;
        self.file.write_all(&card.to_le_bytes())?;
        self.file.write_all(&id.to_le_bytes())?;
        self.count += 1;
        Ok(())
    }

    /// The index's entries, (card id, id) in order. Rows dealt out in the order they came
    /// (by id) into one run per card, the runs in the order of the cards' ids, are in that
    /// order without a sort: a comparison sort of a million pairs was the longest step of
    /// the export's end, with one core to itself. `cards` are the cards' places and ids,
    /// sorted by id.
    fn by_card(self, cards: &[(u32, i64)]) -> io::Result<Vec<(i64, i64)>> {
        let mut run_at = vec![0usize; self.per_card.len()];
        let mut card_id = vec![0i64; self.per_card.len()];
        let mut at = 0;
        for &(place, id) in cards {
            let place = place as usize;
            run_at[place] = at;
            card_id[place] = id;
            at += self.per_card[place] as usize;
        }
        let mut file = io::BufReader::new(self.file.into_inner().map_err(|e| e.into_error())?);
        file.seek(SeekFrom::Start(0))?;
        let mut keys = vec![(0, 0); self.count];
        let mut key = [0u8; 12];
        for _ in 0..self.count {
            file.read_exact(&mut key)?;
            let (place, id) = key.split_at(4);
            let place = u32::from_le_bytes(place.try_into().unwrap_or_default()) as usize;
            let id = i64::from_le_bytes(id.try_into().unwrap_or_default());
            let slot = keys
                .get_mut(run_at[place])
                .ok_or_else(|| io::Error::other("more log rows than were counted"))?;
            *slot = (card_id[place], id);
            run_at[place] += 1;
        }
        Ok(keys)
    }
}

/// Batches from several threads, taken from each in turn: dealt out in turn, they come
/// back in the order they were dealt.
struct InTurn<T> {
    from: Vec<mpsc::Receiver<T>>,
    next: usize,
}

impl<T> InTurn<T> {
    /// The next batch; none once the thread whose turn it is has no more, for then none
    /// of the others has either.
    fn recv(&mut self) -> Option<T> {
        let batch = self.from.get(self.next)?.recv().ok()?;
        self.next = (self.next + 1) % self.from.len();
        Some(batch)
    }
}

/// The columns of a note that come from a few values: its note type, and its tags (an
/// index into `tag_texts`).
#[derive(Clone, Copy)]
struct SameInEveryNote<'t> {
    notetype_id: i64,
    tag_texts: &'t [String],
}

/// What the writer thread leaves for the log's index: each log row's (cid, id), in id
/// order.
struct Written {
    log_keys: KeyFile,
}

/// Writes the notes and log rows that come through `notes` and `log` (each in id order)
/// into their tables. `None` when a log row's id is not above the one before: the log
/// is then left unfinished, to be written again in order. The two are taken in turn, a
/// batch of each, rather than as they come: their pages lie in the file in the order
/// they were written, and in turn that is the same on every run, so the same export
/// gives the same bytes.
fn write_rows(
    path: &Path,
    pages: &mut btree::Pages,
    roots: &Roots,
    mut notes: InTurn<RenderedBatch>,
    log: mpsc::Receiver<Vec<LogRow>>,
    log_keys: KeyFile,
    same: SameInEveryNote<'_>,
) -> Result<Option<Written>, ExportError> {
    let io = ExportError::io(path);
    let mut note_table = btree::Table::new(roots.notes);
    let mut log_table = btree::Table::new(roots.revlog);
    let mut written = Written { log_keys };
    let mut record = btree::Record::default();
    let mut numbers = SortFieldNumbers::default();
    let (mut notes_open, mut log_open) = (true, true);
    while notes_open || log_open {
        if notes_open {
            match notes.recv() {
                Some(batch) => {
                    let text = |range: &Range<usize>| &batch.text[range.clone()];
                    for n in &batch.notes {
                        record.clear();
                        record
                            .null()
                            .text(text(&n.guid))
                            .int(same.notetype_id)
                            .int(n.modified)
                            .int(0)
                            .text(&same.tag_texts[n.tags])
                            .text(text(&n.fields));
                        numbers.put(&mut record, text(&n.sort_field))?;
                        record.int(n.checksum).int(0).text("");
                        note_table.push(pages, n.id, &record).map_err(&io)?;
                    }
                }
                None => notes_open = false,
            }
        }
        if log_open {
            match log.recv() {
                Ok(batch) => {
                    for row in &batch {
                        if log_table.last().is_some_and(|last| row.id <= last) {
                            return Ok(None);
                        }
                        record.clear();
                        record
                            .null()
                            .int(row.card_id)
                            .int(0)
                            .int(row.ease.into())
                            .int(row.ivl.into())
                            .int(row.last_ivl.into())
                            .int(row.factor.into())
                            .int(row.taken_ms.into())
                            .int(row.kind.into());
                        log_table.push(pages, row.id, &record).map_err(&io)?;
                        written.log_keys.push(row.card, row.id).map_err(&io)?;
                    }
                }
                Err(_) => log_open = false,
            }
        }
    }
    note_table.finish(pages).map_err(&io)?;
    log_table.finish(pages).map_err(&io)?;
    Ok(Some(written))
}

/// Anki declares the sort field `sfld` an INTEGER column, so SQLite keeps a sort field
/// that reads as a number as that number (`"42"` as 42, `"2.5"` as 2.5). Which texts do,
/// and what they become, is SQLite's own rule: the rare field that may be one is handed
/// to SQLite to store in such a column, and read back.
#[derive(Default)]
struct SortFieldNumbers(Option<Connection>);

impl SortFieldNumbers {
    fn put(&mut self, record: &mut btree::Record, text: &str) -> Result<(), ExportError> {
        let may_be_number = text.bytes().any(|b| b.is_ascii_digit())
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE \t\n\r\x0b\x0c".contains(&b));
        if !may_be_number {
            record.text(text);
            return Ok(());
        }
        let conn = match &mut self.0 {
            Some(conn) => conn,
            None => {
                let conn = Connection::open_in_memory()?;
                conn.execute_batch("CREATE TABLE sort_field (v INTEGER)")?;
                self.0.insert(conn)
            }
        };
        conn.execute("INSERT INTO sort_field VALUES (?1)", [text])?;
        let stored: rusqlite::types::Value =
            conn.query_row("SELECT v FROM sort_field", [], |r| r.get(0))?;
        conn.execute("DELETE FROM sort_field", [])?;
        match stored {
            rusqlite::types::Value::Integer(i) => record.int(i),
            rusqlite::types::Value::Real(r) => record.real(r),
            _ => record.text(text),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    use super::*;
    use crate::card::Review;
    use crate::export::fields::note_guid;
    use crate::export::fixtures::{deck, log, options};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// Writes a package and opens its collection.
    fn export(
        dir: &Path,
        name: &str,
        opts: &ExportOptions,
    ) -> Result<(ExportSummary, Connection), Box<dyn std::error::Error>> {
        export_of(dir, name, deck(), &mut log(), opts)
    }

    /// Writes a package of `deck` with `log` and opens its collection.
    fn export_of(
        dir: &Path,
        name: &str,
        deck: ExportDeck,
        log: &mut dyn ReviewLog,
        opts: &ExportOptions,
    ) -> Result<(ExportSummary, Connection), Box<dyn std::error::Error>> {
        let path = dir.join(name);
        let summary = write_anki(&path, &[deck], log, opts)?;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path)?)?;
        let mut media = String::new();
        io::Read::read_to_string(&mut zip.by_name("media")?, &mut media)?;
        assert_eq!(media, "{}");
        let db_path = dir.join(format!("{name}.anki2"));
        io::copy(
            &mut zip.by_name("collection.anki2")?,
            &mut std::fs::File::create(&db_path)?,
        )?;
        Ok((summary, Connection::open(db_path)?))
    }

    fn rows(conn: &Connection, sql: &str) -> Result<Vec<Vec<Value>>, rusqlite::Error> {
        let mut stmt = conn.prepare(sql)?;
        let width = stmt.column_count();
        stmt.query_map([], |row| {
            (0..width)
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Integer(n) => json!(n),
                        rusqlite::types::ValueRef::Text(t) => {
                            json!(String::from_utf8_lossy(t))
                        }
                        _ => Value::Null,
                    })
                })
                .collect()
        })?
        .collect()
    }

    fn col_json(conn: &Connection, column: &str) -> Result<Value, Box<dyn std::error::Error>> {
        let text: String =
            conn.query_row(&format!("SELECT {column} FROM col"), [], |r| r.get(0))?;
        Ok(serde_json::from_str(&text)?)
    }

    fn deck_names(conn: &Connection) -> Result<BTreeMap<i64, String>, Box<dyn std::error::Error>> {
        let decks = col_json(conn, "decks")?;
        let mut names = BTreeMap::new();
        for (id, deck) in decks.as_object().ok_or("decks is not an object")? {
            assert_eq!(deck["id"].as_i64(), Some(id.parse()?));
            names.insert(id.parse()?, deck["name"].as_str().unwrap_or("").to_string());
        }
        Ok(names)
    }

    #[test]
    fn ids_and_guids_are_the_same_in_two_exports() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (_, first) = export(dir.path(), "a.apkg", &options(false))?;
        let mut later = options(true);
        later.now += chrono::Duration::days(3);
        let (_, second) = export(dir.path(), "b.apkg", &later)?;
        for sql in [
            "SELECT id, guid, mid FROM notes ORDER BY id",
            "SELECT id, nid, did FROM cards ORDER BY id",
        ] {
            assert_eq!(rows(&first, sql)?, rows(&second, sql)?);
        }
        assert_eq!(deck_names(&first)?, deck_names(&second)?);
        let models = |c: &Connection| -> Result<Vec<String>, Box<dyn std::error::Error>> {
            Ok(col_json(c, "models")?
                .as_object()
                .ok_or("models")?
                .keys()
                .cloned()
                .collect())
        };
        assert_eq!(models(&first)?, models(&second)?);
        let guid: String = first.query_row(
            "SELECT guid FROM notes WHERE sfld LIKE 'Что такое WSGI%'",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(guid, note_guid("interview", "2"));
        Ok(())
    }

    #[test]
    fn notes_hold_escaped_html_fields_checksum_and_tags() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (summary, conn) = export(dir.path(), "a.apkg", &options(false))?;
        assert_eq!(
            summary,
            ExportSummary {
                notes: 5,
                cards: 5,
                reviews: 0
            }
        );
        let (flds, sfld, csum, tags, modified): (String, String, i64, String, i64) = conn
            .query_row(
                "SELECT flds, sfld, csum, tags, mod FROM notes WHERE guid = ?1",
                [note_guid("interview", "1")],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
        let fields: Vec<&str> = flds.split('\x1f').collect();
        assert_eq!(
            fields,
            vec![
                "Объясните __init__ &amp; &lt;T&gt;<div class=\"body\">Пример:<pre><code class=\"language-python\">def __init__(self):<br>&#9;pass</code></pre></div>",
                "",
                "Use <code>a &lt; b</code> &amp; &quot;quotes&quot;<br>second line<div class=\"learner-note\"><b>My note:</b><br>remember __new__</div>",
                "Основы Python",
                "1",
            ]
        );
        assert_eq!(
            sfld,
            "Объясните __init__ & <T>Пример:def __init__(self):\tpass"
        );
        assert_eq!(csum, field_checksum(&sfld));
        assert_eq!(tags, " interview Основы_Python main ");
        assert_eq!(modified, crate::export::fixtures::at(1, 8).timestamp());

        let (flds, tags): (String, String) = conn.query_row(
            "SELECT flds, tags FROM notes WHERE guid = ?1",
            [note_guid("interview", "1.1")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let fields: Vec<&str> = flds.split('\x1f').collect();
        assert_eq!(fields[1], "Объясните __init__ &amp; &lt;T&gt;");
        assert_eq!(fields[4], "1.1");
        assert_eq!(tags, " interview Основы_Python followup ");
        Ok(())
    }

    #[test]
    fn a_followup_note_changes_when_its_parent_question_does() -> TestResult {
        // The follow-up's Context shows the parent question: rewording the parent must make
        // the follow-up's note newer too, or Anki keeps the old Context on re-import.
        let mut deck = deck();
        deck.cards[0].text_changed_at = crate::export::fixtures::at(7, 9);
        let dir = tempfile::tempdir()?;
        let (_, conn) = export_of(dir.path(), "a.apkg", deck, &mut log(), &options(false))?;
        let modified = |key: &str| -> Result<i64, rusqlite::Error> {
            conn.query_row(
                "SELECT mod FROM notes WHERE guid = ?1",
                [note_guid("interview", key)],
                |r| r.get(0),
            )
        };
        let edited = crate::export::fixtures::at(7, 9).timestamp();
        assert_eq!(modified("1")?, edited);
        assert_eq!(modified("1.1")?, edited);
        assert_eq!(
            modified("2.1")?,
            crate::export::fixtures::at(1, 8).timestamp()
        );
        Ok(())
    }

    #[test]
    fn decks_are_title_and_topic_under_the_title() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (_, conn) = export(dir.path(), "a.apkg", &options(false))?;
        let names = deck_names(&conn)?;
        let mut sorted: Vec<&str> = names.values().map(String::as_str).collect();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            vec![
                "Default",
                "Собеседование",
                "Собеседование::Web фреймворки",
                "Собеседование::Основы Python",
            ]
        );
        assert_eq!(names.get(&1).map(String::as_str), Some("Default"));
        let by_deck = rows(
            &conn,
            "SELECT n.sfld, c.did FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.due",
        )?;
        for row in by_deck {
            let did = row[1].as_i64().ok_or("did")?;
            let expected = if row[0]
                .as_str()
                .is_some_and(|q| q.starts_with("Объясните") || q.starts_with("Когда"))
            {
                "Собеседование::Основы Python"
            } else {
                "Собеседование::Web фреймворки"
            };
            assert_eq!(names[&did], expected);
        }
        Ok(())
    }

    #[test]
    fn without_progress_every_card_is_new_main_questions_first() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (_, conn) = export(dir.path(), "a.apkg", &options(false))?;
        let cards = rows(
            &conn,
            "SELECT n.sfld, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses
             FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.due",
        )?;
        let expected = vec![
            json!([
                "Объясните __init__ & <T>Пример:def __init__(self):\tpass",
                0,
                0,
                1,
                0,
                0,
                0,
                0
            ]),
            json!(["Что такое WSGI?", 0, 0, 3, 0, 0, 0, 0]),
            json!(["Suspended one", 0, -1, 4, 0, 0, 0, 0]),
            json!(["Когда __new__?", 0, 0, 7, 0, 0, 0, 0]),
            json!(["А ASGI?", 0, 0, 10, 0, 0, 0, 0]),
        ];
        assert_eq!(
            cards.into_iter().map(Value::from).collect::<Vec<_>>(),
            expected
        );
        let revlog: i64 = conn.query_row("SELECT count(*) FROM revlog", [], |r| r.get(0))?;
        assert_eq!(revlog, 0);
        let conf = col_json(&conn, "conf")?;
        assert_eq!(conf["schedVer"], json!(2));
        let (ver, crt): (i64, i64) = conn.query_row("SELECT ver, crt FROM col", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        assert_eq!(ver, 11);
        assert_eq!(crt, crate::export::fixtures::at(9, 12).timestamp());
        Ok(())
    }

    #[test]
    fn with_progress_a_reviewed_card_carries_its_sm2_state_and_log() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (summary, conn) = export(dir.path(), "a.apkg", &options(true))?;
        assert_eq!(summary.reviews, 5);
        let (cid, ctype, queue, due, ivl, factor, reps, lapses): (
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
        ) = conn.query_row(
            "SELECT c.id, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses
                 FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ?1",
            [note_guid("interview", "2")],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )?;
        // Due the 10th, exported on the 9th: one day after the collection's day 0.
        assert_eq!(
            (ctype, queue, due, ivl, factor, reps, lapses),
            (2, 2, 1, 1, 2280, 5, 1)
        );
        let log = rows(
            &conn,
            &format!(
                "SELECT id, ease, ivl, lastIvl, factor, time, type FROM revlog WHERE cid = {cid} ORDER BY id"
            ),
        )?;
        let at = |d, minute: i64| {
            (crate::export::fixtures::at(d, 10) + chrono::Duration::minutes(minute))
                .timestamp_millis()
        };
        assert_eq!(
            log.into_iter().map(Value::from).collect::<Vec<_>>(),
            vec![
                json!([at(1, 0), 3, 1, 0, 2500, 60000, 0]),
                json!([at(2, 1), 3, 6, 1, 2500, 60000, 1]),
                json!([at(8, 2), 1, 1, 6, 2180, 60000, 1]),
                json!([at(8, 3), 3, 1, 1, 2180, 60000, 2]),
                json!([at(9, 4), 4, 1, 1, 2280, 60000, 2]),
            ]
        );
        Ok(())
    }

    #[test]
    fn a_placed_cards_row_fits_where_it_was_placed() {
        // The placed cards become their rows in the same memory only while a row is no
        // larger (a larger one makes the list anew: 9 MB more at the export's end).
        assert!(std::mem::size_of::<CardRow>() <= std::mem::size_of::<Placed<'_>>());
        assert_eq!(
            std::mem::align_of::<CardRow>(),
            std::mem::align_of::<Placed<'_>>()
        );
    }

    #[test]
    fn the_collection_carries_the_indexes_importers_look_rows_up_by() -> TestResult {
        // Anki before 2.1.50 reads the log card by card (`WHERE cid = ?`): without its
        // index each card would scan the whole log. The sync, duplicate and queue indexes
        // are left to the collection that imports.
        let dir = tempfile::tempdir()?;
        let (summary, conn) = export(dir.path(), "a.apkg", &options(true))?;
        assert_eq!(summary.reviews, 5);
        let indexes: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(indexes, ["ix_cards_nid", "ix_revlog_cid"]);
        let plan: String = conn.query_row(
            "EXPLAIN QUERY PLAN SELECT * FROM revlog WHERE cid = 1",
            [],
            |r| r.get(3),
        )?;
        assert!(plan.contains("ix_revlog_cid"), "{plan}");
        let problems: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(problems, "ok");
        Ok(())
    }

    #[test]
    fn the_logs_index_holds_each_cards_reviews_together_when_the_cards_took_turns() -> TestResult {
        // The log comes in time order, eight cards taking turns each day; its index must
        // list the rows by card id, then by id, and Anki's ids for the cards are in no
        // order of the deck's.
        use crate::export::fixtures::{card, graded};
        let days = [(1, 4), (2, 4), (4, 5), (8, 3)];
        let mut cards = Vec::new();
        let mut log = std::collections::HashMap::new();
        for c in 0..8u32 {
            let key = (c + 1).to_string();
            let mut f = graded(card(&key, "T", &format!("Q{c}?"), i64::from(c) + 1), &days);
            for (i, review) in f.reviews.iter_mut().enumerate() {
                review.answered_at = crate::export::fixtures::at(days[i].0, 10)
                    + chrono::Duration::minutes(c.into());
                review.id = (i * 8) as i64 + i64::from(c) + 1;
            }
            log.insert(f.card.id, f.reviews);
            cards.push(f.card);
        }
        let deck = ExportDeck {
            topics: vec!["T".to_string()],
            cards,
            ..deck()
        };
        let dir = tempfile::tempdir()?;
        let (summary, conn) = export_of(dir.path(), "a.apkg", deck, &mut log, &options(true))?;
        assert_eq!(summary.reviews, 32);
        // In the index's own order: a scan of it, which SQLite does not sort.
        let scanned: Vec<(i64, i64)> = conn
            .prepare("SELECT cid, id FROM revlog INDEXED BY ix_revlog_cid WHERE cid > -1")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut rows: Vec<(i64, i64)> = conn
            .prepare("SELECT cid, id FROM revlog")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows.sort_unstable();
        assert_eq!(scanned, rows);
        let cards_in_log_order: Vec<i64> = conn
            .prepare("SELECT cid FROM revlog ORDER BY id LIMIT 8")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert!(
            !cards_in_log_order.is_sorted(),
            "the cards took turns out of id order"
        );
        let problems: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(problems, "ok");
        Ok(())
    }

    #[test]
    fn sort_fields_that_read_as_numbers_are_stored_as_sqlite_stores_them() -> TestResult {
        // Anki's `sfld` is an INTEGER column: what SQLite would make of each sort field
        // there is what the collection must hold, number or text.
        let questions = [
            "42",
            " 7 ",
            "2.5",
            "1e3",
            "-0",
            "3.0",
            "9223372036854775808",
            "12abc",
            "0x10",
            "4 2",
            "e",
            ".",
        ];
        let mut deck = deck();
        for (card, question) in deck.cards.iter_mut().zip(questions) {
            card.question = question.to_string();
            card.body = None;
        }
        let dir = tempfile::tempdir()?;
        let (_, conn) = export_of(
            dir.path(),
            "n.apkg",
            deck.clone(),
            &mut log(),
            &options(false),
        )?;
        conn.execute_batch("CREATE TEMP TABLE expected (v INTEGER)")?;
        let mut checked = 0;
        for card in deck.cards.iter().filter(|c| !c.retired) {
            let sort_field = plain_text(&NoteFields::of(card).question);
            conn.execute("DELETE FROM expected", [])?;
            conn.execute("INSERT INTO expected VALUES (?1)", [&sort_field])?;
            let expected: (String, rusqlite::types::Value) =
                conn.query_row("SELECT typeof(v), v FROM expected", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let stored: (String, rusqlite::types::Value) = conn.query_row(
                "SELECT typeof(sfld), sfld FROM notes WHERE guid = ?1",
                [note_guid(&card.deck_slug, &card.key)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            assert_eq!(stored, expected, "{sort_field:?}");
            checked += 1;
        }
        assert!(checked >= 5, "only {checked} notes checked");
        Ok(())
    }

    #[test]
    fn answers_in_the_same_millisecond_get_ids_in_document_order() -> TestResult {
        // Card 4 is given card 2's state and a copy of its log: every answer shares its
        // millisecond with one of card 2's, and comes first in the log. Card 2 stands first
        // in the document, so its rows keep their milliseconds and card 4's move up by one.
        let mut deck = deck();
        let mut log = log();
        let reviewed = deck.cards[2].clone();
        let mut reviews = log[&reviewed.id].clone();
        for (i, r) in reviews.iter_mut().enumerate() {
            r.id = 100 + i as i64;
        }
        let copy = &mut deck.cards[4];
        copy.state = reviewed.state;
        let copied: Vec<Review> = reviews
            .iter()
            .enumerate()
            .map(|(i, r)| Review {
                id: i as i64,
                card_id: copy.id,
                ..r.clone()
            })
            .collect();
        log.insert(reviewed.id, reviews.clone());
        log.insert(copy.id, copied);
        let dir = tempfile::tempdir()?;
        let (summary, conn) = export_of(dir.path(), "a.apkg", deck, &mut log, &options(true))?;
        assert_eq!(summary.reviews, 10);
        let ids_of = |key: &str| -> Result<Vec<i64>, rusqlite::Error> {
            let mut stmt = conn.prepare(
                "SELECT r.id FROM revlog r JOIN cards c ON c.id = r.cid JOIN notes n ON n.id = c.nid
                 WHERE n.guid = ?1 ORDER BY r.id",
            )?;
            stmt.query_map([note_guid("interview", key)], |r| r.get(0))?
                .collect()
        };
        let answered: Vec<i64> = reviews
            .iter()
            .map(|r| r.answered_at.timestamp_millis())
            .collect();
        assert_eq!(ids_of("2")?, answered);
        assert_eq!(
            ids_of("4")?,
            answered.iter().map(|ms| ms + 1).collect::<Vec<_>>()
        );
        Ok(())
    }

    #[test]
    fn a_log_whose_ids_and_times_disagree_goes_in_whole_by_time() -> TestResult {
        // The reviewed card's answers, read in log order, go back in time (a clock set
        // back): the table is built in id order, so the rows are sorted and go in all the
        // same, each with its own millisecond.
        let deck = deck();
        let mut log = log();
        let reviewed = deck.cards[2].id;
        let reviews = log.get_mut(&reviewed).ok_or("no log")?;
        let count = reviews.len();
        assert!(count >= 3, "{count} reviews");
        for (i, r) in reviews.iter_mut().enumerate() {
            r.answered_at = crate::export::fixtures::at(8, 10) - chrono::Duration::hours(i as i64);
        }
        let mut answered: Vec<i64> = reviews
            .iter()
            .map(|r| r.answered_at.timestamp_millis())
            .collect();
        answered.sort_unstable();
        let dir = tempfile::tempdir()?;
        let (summary, conn) = export_of(dir.path(), "a.apkg", deck, &mut log, &options(true))?;
        assert_eq!(summary.reviews, count);
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM revlog ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(ids, answered);
        let problems: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(problems, "ok");
        Ok(())
    }

    #[test]
    fn with_progress_locked_followups_are_new_after_the_unlocked_cards() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (_, conn) = export(dir.path(), "a.apkg", &options(true))?;
        let cards = rows(
            &conn,
            "SELECT n.sfld, c.type, c.queue, c.due FROM cards c JOIN notes n ON n.id = c.nid
             WHERE c.type = 0 ORDER BY c.due",
        )?;
        assert_eq!(
            cards.into_iter().map(Value::from).collect::<Vec<_>>(),
            vec![
                json!([
                    "Объясните __init__ & <T>Пример:def __init__(self):\tpass",
                    0,
                    0,
                    1
                ]),
                json!(["Suspended one", 0, -1, 4]),
                json!(["Когда __new__?", 0, 0, 7]),
                json!(["А ASGI?", 0, 0, 10]),
            ]
        );
        Ok(())
    }

    #[test]
    fn batches_dealt_to_threads_in_turn_come_back_in_order() {
        // Ten batches over three threads: the last round is short, as at the end of a deck.
        let batches: Vec<usize> = (0..10).collect();
        let received = std::thread::scope(|scope| {
            let mut turn = InTurn {
                from: Vec::new(),
                next: 0,
            };
            for thread in 0..3 {
                let (send, receive) = mpsc::sync_channel(1);
                turn.from.push(receive);
                let batches = &batches;
                scope.spawn(move || {
                    for &batch in batches.iter().skip(thread).step_by(3) {
                        send.send(batch).unwrap();
                    }
                });
            }
            std::iter::from_fn(|| turn.recv()).collect::<Vec<_>>()
        });
        assert_eq!(received, batches);
    }

    #[test]
    fn places_are_found_by_id_in_a_table_or_a_map() {
        let cases: [&[i64]; 5] = [
            &[],
            &[5, 3, 4, 9, 7],
            &[-2, 1, 0, 2],
            &[1, 1_000, 2],
            &[i64::MAX, i64::MIN, 0],
        ];
        for ids in cases {
            let places = Places::of(ids.iter().copied());
            assert_eq!(
                matches!(places, Places::Table { .. }),
                ids.len() == 4 || ids.len() == 5,
                "{ids:?}"
            );
            let expected: HashMap<i64, u32> = (0u32..)
                .zip(ids.iter().copied())
                .map(|(i, id)| (id, i))
                .collect();
            for probe in [
                i64::MIN,
                i64::MIN + 1,
                -3,
                -2,
                -1,
                0,
                1,
                2,
                3,
                4,
                5,
                6,
                8,
                9,
                10,
                999,
                1_000,
                i64::MAX - 1,
                i64::MAX,
            ] {
                assert_eq!(
                    places.get(probe),
                    expected.get(&probe).copied(),
                    "{ids:?} {probe}"
                );
            }
        }
    }

    #[test]
    fn a_missing_directory_fails_and_writes_nothing() -> TestResult {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("missing").join("deck.apkg");
        let err = write_anki(&target, &[deck()], &mut log(), &options(false))
            .err()
            .ok_or("export succeeded")?;
        assert!(matches!(err, ExportError::Io { .. }), "{err}");
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);
        Ok(())
    }

    #[test]
    fn an_existing_file_is_replaced_whole_and_no_temp_file_stays() -> TestResult {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("deck.apkg");
        std::fs::write(&target, "old")?;
        write_anki(&target, &[deck()], &mut log(), &options(false))?;
        assert!(zip::ZipArchive::new(std::fs::File::open(&target)?).is_ok());
        let names: Vec<_> = std::fs::read_dir(dir.path())?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()?;
        assert_eq!(names, vec![std::ffi::OsString::from("deck.apkg")]);
        Ok(())
    }

    /// Writes `plain.apkg`, `progress.apkg` and `edited.apkg` (card 2's question changed
    /// later) for `tests/anki/check.py` into `$RECALL_ANKI_SAMPLES`, or a temp dir. The
    /// export day is the real scheduling day, so Anki's "today" matches it.
    #[test]
    fn writes_sample_packages_for_the_anki_check() -> TestResult {
        let temp = tempfile::tempdir()?;
        let dir = std::env::var_os("RECALL_ANKI_SAMPLES")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| temp.path().to_path_buf());
        let mut opts = options(false);
        opts.now = chrono::Utc::now();
        opts.today = crate::scheduler::review_day(chrono::Local::now().naive_local(), 4);
        write_anki(&dir.join("plain.apkg"), &[deck()], &mut log(), &opts)?;
        let summary = write_anki(
            &dir.join("progress.apkg"),
            &[deck()],
            &mut log(),
            &ExportOptions {
                with_progress: true,
                ..opts
            },
        )?;
        assert_eq!(summary.reviews, 5);
        let mut edited = deck();
        let card = &mut edited.cards[2];
        card.question = "Что такое WSGI? (edited)".to_string();
        card.text_changed_at = crate::export::fixtures::at(9, 11);
        write_anki(&dir.join("edited.apkg"), &[edited], &mut log(), &opts)?;
        Ok(())
    }
}
