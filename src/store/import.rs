//! Applying a parsed deck to the database, keeping every card's identity and progress.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, ToSql, Transaction, TransactionBehavior, params};

use super::{Result, Store};
use crate::deck::{CardKind, Deck, Level};
use crate::import::{Existing, ImportCounts, match_cards};

/// A deck to import and where it came from (a path, or `bundled`).
#[derive(Debug, Clone)]
pub struct DeckSource {
    pub deck: Deck,
    pub source: String,
    /// The file's fingerprint, kept to recognise the same file next time.
    pub fingerprint: Option<String>,
    /// Whether an answer file came with the deck. Without one, a deck that gives no answers
    /// at all leaves its cards the answers they have, and one without levels their levels:
    /// a copy of a deck taken without its answer file would otherwise wipe them all.
    pub answer_file: bool,
}

/// A card's columns that an import may change: as stored (owned), or as the deck wants them
/// (borrowed from it, not copied for each card).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row<'a> {
    key: Cow<'a, str>,
    kind: CardKind,
    parent_id: Option<i64>,
    topic_id: i64,
    position: i64,
    question: Cow<'a, str>,
    body: Option<Cow<'a, str>>,
    answer: Option<Cow<'a, str>>,
    level: Option<Level>,
    retired: bool,
}

impl Store {
    /// The deck `slug`'s id, and the fingerprint and source of the file it was last
    /// imported from.
    pub fn deck_fingerprint(&self, slug: &str) -> Result<Option<(i64, Option<String>, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, fingerprint, source FROM decks WHERE slug = ?1",
                [slug],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// Imports decks in one transaction: all of them land, or nothing does. With `dry_run`
    /// the same work is done and rolled back. A document identical to what is stored writes
    /// nothing at all.
    pub fn import(
        &mut self,
        decks: &[DeckSource],
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<Vec<ImportCounts>> {
        self.import_when(decks, now, dry_run, false)
            .map(Option::unwrap_or_default)
    }

    /// Imports decks only if the database is new ([`Store::is_new`]), deciding under the
    /// write lock: of several first commands started together, one imports and the others
    /// find it done. Returns what was imported, or `None` when the database was not new.
    pub fn import_if_new(
        &mut self,
        decks: &[DeckSource],
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<ImportCounts>>> {
        self.import_when(decks, now, false, true)
    }

    fn import_when(
        &mut self,
        decks: &[DeckSource],
        now: DateTime<Utc>,
        dry_run: bool,
        only_if_new: bool,
    ) -> Result<Option<Vec<ImportCounts>>> {
        // Each statement of 64 new cards may abort midway (a constraint), so SQLite keeps a
        // copy of every page it changes, to undo that statement alone: in a temporary file,
        // three quarters of a first import's writes, unless temporary storage is memory. For
        // this transaction only. (Changing it drops TEMP tables; this connection has none.
        // It cannot fail outside a transaction, and a transaction never outlives the import.)
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let rollback_journal = !dry_run && self.rollback_journal_if_empty()?;
        let imported = self.import_in_transaction(decks, now, dry_run, only_if_new);
        let restored = self.conn.pragma_update(None, "temp_store", "DEFAULT");
        if rollback_journal {
            // Back to WAL (waiting for the file as opening does), and to reading through
            // `mmap`. The import is done by now, failed or committed, and neither failing
            // would change that: a switch left undone is made by the next store to open the
            // file, and without `mmap` reads only cost more.
            let _ = super::wal_mode(&self.conn);
            let _ = self
                .conn
                .pragma_update(None, "mmap_size", super::MMAP_BYTES);
        }
        let imported = imported?;
        restored?;
        Ok(imported)
    }

    /// The first import into a database with no cards writes its pages once, into the file
    /// under a rollback journal, rather than into the WAL and then again into the file at
    /// the checkpoint: a rollback journal keeps a copy only of the pages that existed before
    /// the transaction, and nearly all of these are new (a first import of 120,000 cards:
    /// 37 MB written once instead of twice, and read back once less; a fifth of its time).
    /// Leaving WAL needs the file to itself: if another connection has it open, this says
    /// no at once and the import goes through the WAL as usual. Pages are read through the
    /// page cache meanwhile: through `mmap`, every page the import wrote and read back
    /// would count as the process's memory.
    fn rollback_journal_if_empty(&mut self) -> Result<bool> {
        let empty = no_cards(&self.conn)?;
        let wal: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !empty || wal != "wal" {
            return Ok(false);
        }
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            });
        self.conn.busy_timeout(super::BUSY_TIMEOUT)?;
        if !matches!(mode.as_deref(), Ok("delete")) {
            return Ok(false);
        }
        // Failing, it costs only memory: not worth failing the import for.
        let _ = self.conn.pragma_update(None, "mmap_size", 0);
        Ok(true)
    }

    fn import_in_transaction(
        &mut self,
        decks: &[DeckSource],
        now: DateTime<Utc>,
        dry_run: bool,
        only_if_new: bool,
    ) -> Result<Option<Vec<ImportCounts>>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if only_if_new && !super::cards::is_new(&tx)? {
            return Ok(None);
        }
        let key_index = drop_key_index_if_empty(&tx)?;
        let mut all = Vec::with_capacity(decks.len());
        for deck in decks {
            all.push(import_deck(&tx, deck, now)?);
        }
        if let Some(sql) = key_index {
            tx.execute_batch(&sql)?;
        }
        let wrote = all
            .iter()
            .any(|c| c.added + c.updated + c.retired + c.restored > 0);
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
            if wrote {
                // The import is committed: a checkpoint that fails now (a full disk) loses
                // nothing, and SQLite checkpoints again later. Reporting it as a failed import
                // would be false.
                let _ = self.checkpoint();
            }
        }
        Ok(Some(all))
    }
}

fn import_deck(
    tx: &Transaction<'_>,
    source: &DeckSource,
    now: DateTime<Utc>,
) -> Result<ImportCounts> {
    let deck = &source.deck;
    let now_text = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    let found: Option<(i64, String, String, Option<String>)> = tx
        .query_row(
            "SELECT id, title, source, fingerprint FROM decks WHERE slug = ?1",
            [&deck.slug],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let deck_id = match found {
        Some((id, title, src, fingerprint)) => {
            if title != deck.title || src != source.source || fingerprint != source.fingerprint {
                tx.execute(
                    "UPDATE decks SET title = ?2, source = ?3, fingerprint = ?4 WHERE id = ?1",
                    params![id, deck.title, source.source, source.fingerprint],
                )?;
            }
            id
        }
        None => {
            tx.execute(
                "INSERT INTO decks (slug, title, source, fingerprint, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    deck.slug,
                    deck.title,
                    source.source,
                    source.fingerprint,
                    now_text
                ],
            )?;
            tx.last_insert_rowid()
        }
    };

    let topic_ids = sync_topics(tx, deck_id, deck)?;

    // Stored cards of this deck, retired ones too: a question that comes back gets its card.
    let mut ids = Vec::new();
    let mut rows = Vec::new();
    let mut existing = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT id, key, kind, parent_id, topic_id, position, question, body, answer, retired,
                    level
             FROM cards WHERE deck_id = ?1 ORDER BY position",
        )?;
        let mut q = stmt.query([deck_id])?;
        while let Some(r) = q.next()? {
            let kind: String = r.get(2)?;
            let kind = if kind == "followup" {
                CardKind::Followup
            } else {
                CardKind::Main
            };
            let row = Row {
                key: Cow::Owned(r.get(1)?),
                kind,
                parent_id: r.get(3)?,
                topic_id: r.get(4)?,
                position: r.get(5)?,
                question: Cow::Owned(r.get(6)?),
                body: r.get::<_, Option<String>>(7)?.map(Cow::Owned),
                answer: r.get::<_, Option<String>>(8)?.map(Cow::Owned),
                level: r.get(10)?,
                retired: r.get(9)?,
            };
            let id: i64 = r.get(0)?;
            existing.push(Existing {
                id,
                key: row.key.to_string(),
                kind,
                parent_id: row.parent_id,
                question: row.question.to_string(),
                retired: row.retired,
            });
            ids.push(id);
            rows.push(row);
        }
    }

    let drafts = deck.cards();
    let keeps_answers = !source.answer_file && drafts.iter().all(|d| d.answer.is_none());
    let keeps_levels = !source.answer_file && drafts.iter().all(|d| d.level.is_none());
    let matching = match_cards(&existing, &drafts);
    let mut counts = ImportCounts {
        retired: matching.retire.len(),
        ..ImportCounts::default()
    };

    // Retire first, and take cards whose key changes out of the unique key index, so that
    // keys can move between cards (an insertion renumbers everything after it).
    let mut retire = tx.prepare_cached("UPDATE cards SET retired = 1 WHERE id = ?1")?;
    for &i in &matching.retire {
        retire.execute([ids[i]])?;
    }
    for (d, m) in drafts.iter().zip(&matching.matches) {
        if let Some(i) = *m
            && rows[i].key != d.key
            && !rows[i].retired
        {
            retire.execute([ids[i]])?;
        }
    }

    // New cards get their ids here, after the largest there is (as SQLite would give them):
    // a follow-up knows its new parent's id before either is written, and new cards can wait
    // to go in many to one statement.
    let mut next_id: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM cards", [], |r| {
        r.get(0)
    })?;
    let mut new_cards: Vec<(i64, Row<'_>)> = Vec::with_capacity(NEW_CARDS_PER_STATEMENT);
    let mut update = tx.prepare_cached(
        "UPDATE cards SET topic_id = ?2, parent_id = ?3, key = ?4, kind = ?5, position = ?6,
             question = ?7, body = ?8, answer = ?9, retired = 0,
             text_changed_at = CASE WHEN ?10 THEN ?11 ELSE text_changed_at END, level = ?12
         WHERE id = ?1",
    )?;
    // The main questions' ids by key, for their follow-ups' parent links.
    let mains = drafts.iter().filter(|d| d.kind == CardKind::Main).count();
    let mut card_ids: HashMap<&str, i64> = HashMap::with_capacity(mains);
    for (position, (d, m)) in drafts.iter().zip(&matching.matches).enumerate() {
        let parent_id = d.parent_key.and_then(|k| card_ids.get(k).copied());
        let mut wanted = Row {
            key: Cow::Borrowed(&d.key),
            kind: d.kind,
            parent_id,
            topic_id: topic_ids[d.topic],
            position: position as i64,
            question: Cow::Borrowed(d.question),
            body: d.body.map(Cow::Borrowed),
            answer: d.answer.map(Cow::Borrowed),
            level: d.level,
            retired: false,
        };
        let id = match *m {
            Some(i) => {
                let old = &rows[i];
                if keeps_answers
                    && wanted.answer.is_none()
                    && let Some(answer) = &old.answer
                {
                    wanted.answer = Some(Cow::Owned(answer.to_string()));
                    counts.kept_answers += 1;
                }
                if keeps_levels && wanted.level.is_none() {
                    wanted.level = old.level;
                }
                let text_changed = old.question != wanted.question
                    || old.body != wanted.body
                    || old.answer != wanted.answer;
                if old.retired {
                    // A question that comes back gets its card and history again.
                    counts.restored += 1;
                } else if text_changed
                    || old.key != wanted.key
                    || old.topic_id != wanted.topic_id
                    || old.parent_id != wanted.parent_id
                    || old.level != wanted.level
                {
                    counts.updated += 1;
                } else {
                    counts.unchanged += 1;
                }
                if *old != wanted {
                    // The new cards it may name as its parent are written first.
                    insert_cards(tx, deck_id, &now_text, &new_cards)?;
                    new_cards.clear();
                    update.execute(params![
                        ids[i],
                        wanted.topic_id,
                        wanted.parent_id,
                        wanted.key,
                        wanted.kind.as_str(),
                        wanted.position,
                        wanted.question,
                        wanted.body,
                        wanted.answer,
                        text_changed,
                        now_text,
                        wanted.level,
                    ])?;
                }
                ids[i]
            }
            None => {
                counts.added += 1;
                let id = next_id;
                next_id += 1;
                new_cards.push((id, wanted));
                if new_cards.len() == NEW_CARDS_PER_STATEMENT {
                    insert_cards(tx, deck_id, &now_text, &new_cards)?;
                    new_cards.clear();
                }
                id
            }
        };
        if d.kind == CardKind::Main {
            card_ids.insert(d.key.as_str(), id);
        }
    }
    insert_cards(tx, deck_id, &now_text, &new_cards)?;
    Ok(counts)
}

/// New cards written by one statement: on a first import, each statement's own cost (the
/// cursors it opens and closes, the parents it checks) was a good part of the time.
const NEW_CARDS_PER_STATEMENT: usize = 64;

/// Writes new cards of the deck `deck_id` with the ids given: a full batch by one statement,
/// fewer one by one.
fn insert_cards(
    tx: &Transaction<'_>,
    deck_id: i64,
    now_text: &str,
    cards: &[(i64, Row<'_>)],
) -> Result<()> {
    const COLUMNS: &str = "INSERT INTO cards (id, deck_id, topic_id, parent_id, key, kind, position, question, body, answer, text_changed_at, level) VALUES ";
    const ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if cards.is_empty() {
        return Ok(());
    }
    let per_statement = match cards.len() {
        NEW_CARDS_PER_STATEMENT => NEW_CARDS_PER_STATEMENT,
        _ => 1,
    };
    let sql = format!("{COLUMNS}{}", vec![ROW; per_statement].join(", "));
    let mut insert = tx.prepare_cached(&sql)?;
    for rows in cards.chunks(per_statement) {
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(rows.len() * 12);
        for (id, row) in rows {
            values.extend([
                id as &dyn ToSql,
                &deck_id,
                &row.topic_id,
                &row.parent_id,
                &row.key,
                &row.kind,
                &row.position,
                &row.question,
                &row.body,
                &row.answer,
                &now_text,
                &row.level,
            ]);
        }
        insert.execute(values.as_slice())?;
    }
    Ok(())
}

/// Whether the `cards` table is empty: a first import, for the writing's purposes.
fn no_cards(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM cards)", [], |r| r.get(0))?)
}

/// Into an empty `cards` table the active-key index is built after the rows, by one sort,
/// instead of updated with each: keys sort as text (`1`, `1.1`, `10`, `100`), not in the order
/// cards go in, so each new key landed somewhere else in it. The other indexes are appended to
/// (they lead with the id or the position) and are cheaper kept up than built again, which
/// reads the whole table once for each. Drops it and returns the statement that makes it
/// again, as stored; nothing is dropped when the table holds cards.
fn drop_key_index_if_empty(tx: &Transaction<'_>) -> Result<Option<String>> {
    if !no_cards(tx)? {
        return Ok(None);
    }
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'cards_active_key'",
        [],
        |r| r.get(0),
    )?;
    tx.execute_batch("DROP INDEX cards_active_key")?;
    Ok(Some(sql))
}

/// Topic ids in the deck's order, creating topics that are new and renumbering moved ones.
fn sync_topics(tx: &Transaction<'_>, deck_id: i64, deck: &Deck) -> Result<Vec<i64>> {
    let mut known: HashMap<String, (i64, i64)> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT name, id, position FROM topics WHERE deck_id = ?1")?;
        let mut q = stmt.query([deck_id])?;
        while let Some(r) = q.next()? {
            known.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
    }
    let mut ids = Vec::with_capacity(deck.topics.len());
    // Two sections with one name in a document are one topic, placed where it first appears.
    let mut placed: HashMap<&str, i64> = HashMap::new();
    for (position, topic) in deck.topics.iter().enumerate() {
        if let Some(&id) = placed.get(topic.name.as_str()) {
            ids.push(id);
            continue;
        }
        let position = position as i64;
        let id = match known.get(&topic.name) {
            Some(&(id, old)) => {
                if old != position {
                    tx.execute(
                        "UPDATE topics SET position = ?2 WHERE id = ?1",
                        params![id, position],
                    )?;
                }
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO topics (deck_id, name, position) VALUES (?1, ?2, ?3)",
                    params![deck_id, topic.name, position],
                )?;
                tx.last_insert_rowid()
            }
        };
        placed.insert(&topic.name, id);
        ids.push(id);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    fn source(markdown: &str) -> DeckSource {
        DeckSource {
            deck: parse_deck("d.md", "d", markdown.as_bytes()).unwrap().0,
            source: "test".into(),
            fingerprint: None,
            answer_file: false,
        }
    }

    /// Card 1's answer and level as stored.
    fn answer_and_level(store: &Store) -> (Option<String>, Option<String>) {
        store
            .conn
            .query_row("SELECT answer, level FROM cards WHERE key = '1'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    }

    #[test]
    fn an_import_leaves_the_connections_settings_as_they_were() {
        let now = Utc::now();
        let mut store = Store::open_in_memory().unwrap();
        store
            .import(&[source("## T\n### 1. Q\n")], now, false)
            .unwrap();
        let temp_store: i64 = store
            .conn
            .query_row("PRAGMA temp_store", [], |r| r.get(0))
            .unwrap();
        // Journals in memory are for the import alone (a TEMP table would be dropped by
        // the switch, and a sort could grow in memory); foreign keys were never off.
        assert_eq!(temp_store, 0, "back to the default after the import");
        let enforced: bool = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(enforced);
    }

    /// The journal mode, `mmap` size and card count of the file `store` has open.
    fn file_state(store: &Store) -> (String, i64, i64) {
        let pragma = |name: &str| -> String {
            store
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |r| {
                    r.get::<_, rusqlite::types::Value>(0)
                })
                .map(|v| match v {
                    rusqlite::types::Value::Text(t) => t,
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    other => format!("{other:?}"),
                })
                .unwrap()
        };
        let cards = store
            .conn
            .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
            .unwrap();
        (
            pragma("journal_mode"),
            pragma("mmap_size").parse().unwrap(),
            cards,
        )
    }

    #[test]
    fn a_first_import_into_a_file_leaves_it_in_wal_whoever_else_has_it_open() {
        let now = Utc::now();
        let deck = "## T\n### 1. Q\n### 2. R\n**Углубляющие вопросы:**\n1. S?\n";
        let dir = tempfile::tempdir().unwrap();
        let after = ("wal".to_string(), crate::store::MMAP_BYTES, 3);

        // Alone: through a rollback journal, and back to WAL.
        let path = dir.path().join("alone.db");
        let mut store = Store::open(&path).unwrap();
        store.import(&[source(deck)], now, false).unwrap();
        assert_eq!(file_state(&store), after);
        assert!(!dir.path().join("alone.db-journal").exists());

        // With another connection on the file, the import cannot leave WAL: it goes through
        // it, without waiting for the other.
        let path = dir.path().join("shared.db");
        let mut store = Store::open(&path).unwrap();
        let other = Store::open(&path).unwrap();
        assert_eq!(
            other
                .count_cards(crate::store::CardFilter::default())
                .unwrap(),
            0
        );
        store.import(&[source(deck)], now, false).unwrap();
        assert_eq!(file_state(&store), after);
        assert_eq!(
            other
                .count_cards(crate::store::CardFilter::default())
                .unwrap(),
            3
        );

        // A second import into the file is no first import: it stays in WAL throughout.
        let counts = store.import(&[source(deck)], now, false).unwrap();
        assert_eq!(counts[0].unchanged, 3);
        assert_eq!(file_state(&store), after);
    }

    #[test]
    fn without_an_answer_file_a_deck_of_bare_questions_keeps_answers_and_levels() {
        let now = Utc::now();
        let mut store = Store::open_in_memory().unwrap();
        let full = "## T\n### 1. Q\n**Level:** senior\n\n**Answer:**\nA\n";
        store.import(&[source(full)], now, false).unwrap();
        let had = (Some("A".to_string()), Some("senior".to_string()));
        assert_eq!(answer_and_level(&store), had);

        let counts = store
            .import(&[source("## T\n### 1. Q\n")], now, false)
            .unwrap();
        assert_eq!((counts[0].unchanged, counts[0].kept_answers), (1, 1));
        assert_eq!(answer_and_level(&store), had);

        let with_file = DeckSource {
            answer_file: true,
            ..source("## T\n### 1. Q\n")
        };
        let counts = store.import(&[with_file], now, false).unwrap();
        assert_eq!((counts[0].updated, counts[0].kept_answers), (1, 0));
        assert_eq!(answer_and_level(&store), (None, None));
    }

    fn indexes(store: &Store) -> Vec<(String, Option<String>)> {
        store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_first_import_leaves_every_index_as_it_was_and_the_key_index_filled() {
        let mut store = Store::open_in_memory().unwrap();
        let before = indexes(&store);
        let deck =
            "# D\n\n## T\n\n### 1. One?\n\n**Углубляющие вопросы:**\n1. Why?\n\n### 2. Two?\n";
        let now = "2026-03-01T10:00:00Z".parse().unwrap();
        store.import(&[source(deck)], now, false).unwrap();
        assert_eq!(indexes(&store), before);
        let check: String = store
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let keys: Vec<String> = store
            .conn
            .prepare("SELECT key FROM cards INDEXED BY cards_active_key WHERE key > '' AND retired = 0 ORDER BY key")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(keys, ["1", "1.1", "2"]);
    }

    #[test]
    fn cards_written_many_to_a_statement_get_ids_in_document_order_and_their_parents() {
        let mut store = Store::open_in_memory().unwrap();
        let deck = |questions: usize| {
            let mut text = String::from("# D\n\n## T\n\n");
            for n in 1..=questions {
                text +=
                    &format!("### {n}. Question {n}?\n\n**Углубляющие вопросы:**\n1. Why {n}?\n\n");
            }
            source(&text)
        };
        let now = "2026-03-01T10:00:00Z".parse().unwrap();
        // 150 cards, then 150 more: full statements, a rest, and a re-import that adds.
        store.import(&[deck(75)], now, false).unwrap();
        let counts = store.import(&[deck(150)], now, false).unwrap();
        assert_eq!((counts[0].added, counts[0].unchanged), (150, 150));
        let cards: Vec<(i64, String, Option<i64>, i64)> = store
            .conn
            .prepare("SELECT id, key, parent_id, position FROM cards ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let expected: Vec<(i64, String, Option<i64>, i64)> = (1..=150)
            .flat_map(|n| {
                let main = 2 * n - 1;
                [
                    (main, n.to_string(), None, main - 1),
                    (main + 1, format!("{n}.1"), Some(main), main),
                ]
            })
            .collect();
        assert_eq!(cards, expected);
    }
}
