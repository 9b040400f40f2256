//! Schema migrations on `PRAGMA user_version`, each in one transaction.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StoreError, classify};

/// Migrations in order; `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("migrations/002_practice_levels_changes.sql"),
    include_str!("migrations/003_interviews.sql"),
    include_str!("migrations/004_card_facts_index.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Tables of the current schema: a file with other tables and no version is not ours.
const OUR_TABLES: &[&str] = &[
    "decks",
    "topics",
    "cards",
    "reviews",
    "settings",
    "changes",
    "interviews",
    "interview_answers",
];

/// Refuses, reading only, a file this version must not touch: one made by a newer recall,
/// or another program's SQLite database.
pub(super) fn check(conn: &Connection, path: &Path) -> Result<()> {
    let version = user_version(conn, path)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| classify(Some(path), e))?;
        if let Some(foreign) = tables.iter().find(|t| !OUR_TABLES.contains(&t.as_str())) {
            return Err(StoreError::NotOurs {
                path: path.to_path_buf(),
                reason: format!("it holds a table '{foreign}' that recall does not know"),
            });
        }
    }
    Ok(())
}

/// The schema version the tables are at, whatever `user_version` says: each migration
/// leaves something of its own.
fn tables_version(conn: &Connection, path: &Path) -> Result<i64> {
    let marks = [
        ("table", "cards"),
        ("table", "changes"),
        ("table", "interviews"),
        ("index", "cards_facts"),
    ];
    let mut version = 0;
    for (index, (kind, name)) in (1..).zip(marks) {
        let found: bool = conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                [kind, name],
                |r| r.get(0),
            )
            .map_err(|e| classify(Some(path), e))?;
        if found {
            version = index;
        }
    }
    Ok(version)
}

fn user_version(conn: &Connection, path: &Path) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(Some(path), e))
}

/// Brings the schema up to date in one IMMEDIATE transaction. The version is read again
/// under the write lock: of thirty processes started together on a new file, one creates the
/// tables and the others find them made.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    if user_version(conn, path)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = user_version(&tx, path)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    // A copy made with `sqlite3 .dump` (or `.recover`) has the tables but version 0: the
    // migrations would fail on them half-way, in SQLite's words.
    let tables = tables_version(&tx, path)?;
    if tables > version {
        return Err(StoreError::VersionLost {
            path: path.to_path_buf(),
            found: version,
            tables,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_copy_that_lost_its_version_is_refused_with_the_command_that_sets_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 0").unwrap();
        drop(conn);
        let before = std::fs::read(&path).unwrap();
        let error = Store::open(&path).err().unwrap().to_string();
        assert_eq!(
            error,
            format!(
                "{p}: its tables are schema version {SCHEMA_VERSION}'s, but it says version 0 (a \
                 copy made with `sqlite3 .dump` or `.recover` loses the number); set it back with \
                 `sqlite3 '{p}' 'PRAGMA user_version = {SCHEMA_VERSION}'`",
                p = path.display()
            )
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_new_database_gets_the_current_schema() {
        let store = Store::open_in_memory().unwrap();
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn a_version_one_database_moves_forward_with_its_history() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO decks VALUES (1, 'd', 'D', 'bundled', NULL, '2026-03-01T00:00:00Z');
             INSERT INTO topics VALUES (1, 1, 'T', 0);
             INSERT INTO cards (id, deck_id, topic_id, key, kind, position, question, text_changed_at)
                 VALUES (1, 1, 1, '1', 'main', 0, 'Q?', '2026-03-01T00:00:00Z');
             INSERT INTO reviews VALUES (7, 1, '2026-03-01T10:00:00.000Z', '2026-03-01', 4, 'schedule', NULL,
                 0, 0, 250, NULL, 0, NULL, NULL, NULL, 1, 1, 250, '2026-03-02', 0, 4, NULL, '2026-03-01');",
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let reviews = store.reviews_of(1).unwrap();
        assert_eq!((reviews.len(), reviews[0].id), (1, 7));
        // Version 4's index holds the cards that were there before it.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let facts = store.card_facts(Default::default(), today).unwrap();
        assert_eq!(
            facts.iter().map(|f| (f.id, f.new)).collect::<Vec<_>>(),
            [(1, true)]
        );
        let indexed: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM cards INDEXED BY cards_facts WHERE id > 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexed, 1);
        store
            .conn
            .execute_batch("UPDATE reviews SET kind = 'cram' WHERE id = 7")
            .unwrap();
    }

    #[test]
    fn a_newer_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(err.contains("made by a newer version of recall"), "{err}");
    }

    #[test]
    fn another_programs_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
            .unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(err.contains("not a recall database"), "{err}");
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 0);
    }

    #[test]
    fn a_text_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "just some notes, not a database at all").unwrap();
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(
            err.contains("not a recall database (not an SQLite file)"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "just some notes, not a database at all"
        );
    }
}
