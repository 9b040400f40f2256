//! Every SQL statement of the program. The rest of the crate sees plain values: `Card`,
//! `Review`, counts. Opening checks the file is ours and migrates it forward.

mod cards;
mod import;
mod migrate;
mod reviews;
mod settings;
mod stats;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

pub use cards::{CardFilter, DeckSummary, TopicRow};
pub use import::DeckSource;
pub use migrate::SCHEMA_VERSION;
pub use reviews::NewReview;
pub use stats::{CardFactsRow, TopicReviewCounts};

/// What can go wrong with the database, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a recall database ({reason}); pass another file with --db or RECALL_DB")]
    NotOurs { path: PathBuf, reason: String },
    #[error(
        "{path}: made by a newer version of recall (schema {found}, this one knows up to {known}); upgrade recall to open it"
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}the database is damaged ({reason}); restore it from a backup or start a new one with --db", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Corrupt {
        path: Option<PathBuf>,
        reason: String,
    },
    #[error("cannot create the directory for {}: {reason}", path.display())]
    Dir { path: PathBuf, reason: String },
    #[error("{}: cannot open the database file; check that it is a file in a directory you can write to, or pass another with --db", path.display())]
    Open { path: PathBuf },
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        classify(None, error)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// SQLite's header, the first 16 bytes of every database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        check_file(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Dir {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|_| StoreError::Open {
            path: path.to_path_buf(),
        })?;
        Store::setup(conn, path.to_path_buf())
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn setup(conn: Connection, path: PathBuf) -> Result<Store> {
        let corrupt = |e| classify(Some(&path), e);
        // A second process (stats during a review) waits for the lock instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(corrupt)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(corrupt)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(corrupt)?;
        debug_assert!(mode == "wal" || mode == "memory", "journal mode {mode}");
        // A grade reported to the user must survive power loss, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(corrupt)?;
        // Each command is a short process: checkpointing the WAL on every close would add a
        // second fsync to each grade. SQLite checkpoints on its own as the WAL grows.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .map_err(corrupt)?;
        // ...and a WAL left large by an import would make every later commit checkpoint:
        // cut it back after each checkpoint.
        conn.pragma_update(None, "journal_size_limit", 4 << 20)
            .map_err(corrupt)?;
        // Large reads (stats, exports) go through the page cache without a copy per page.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)
            .map_err(corrupt)?;
        let mut store = Store { conn, path };
        migrate::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one transaction: all of it is written, or none.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Moves everything from the WAL into the database file and empties the WAL: after a
    /// large write, so that the small commits that follow (grades) stay one fsync each.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        Ok(())
    }
}

/// Refuses a file that is plainly not SQLite before SQLite gets a chance to say something
/// vaguer (or, for an empty file, to silently turn it into a database).
fn check_file(path: &Path) -> Result<()> {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return Ok(()); // missing: it will be created
    };
    let mut header = [0u8; 16];
    let read = file.read(&mut header).unwrap_or(0);
    if read == 0 {
        return Ok(());
    }
    if read < 16 || header != SQLITE_HEADER {
        return Err(StoreError::NotOurs {
            path: path.to_path_buf(),
            reason: "not an SQLite file".into(),
        });
    }
    Ok(())
}

/// Turns SQLite's "not a database" and "malformed" codes into a clear message.
fn classify(path: Option<&Path>, error: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match error.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => StoreError::Corrupt {
            path: path.map(Path::to_path_buf),
            reason: match &error {
                rusqlite::Error::SqliteFailure(_, Some(message)) if !message.is_empty() => {
                    message.clone()
                }
                _ => "not a valid SQLite file".to_string(),
            },
        },
        _ => StoreError::Sql(error),
    }
}

/// Reads a stored `YYYY-MM-DD`. Done by hand because it runs for every row of the large
/// reads (stats over 120,000 cards), where chrono's format parser showed in profiles.
fn parse_day(text: Option<String>) -> Option<NaiveDate> {
    let text = text?;
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

fn day_text(day: Option<NaiveDate>) -> Option<String> {
    day.map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_days_parse_exactly() {
        let day = |s: &str| parse_day(Some(s.to_string()));
        assert_eq!(day("2026-03-05"), NaiveDate::from_ymd_opt(2026, 3, 5));
        assert_eq!(day("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(day("2026-02-30"), None);
        assert_eq!(day("2026-3-5"), None);
        assert_eq!(day("20a6-03-05"), None);
        assert_eq!(parse_day(None), None);
    }
}
