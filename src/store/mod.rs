//! Every SQL statement of the program. The rest of the crate sees plain values: `Card`,
//! `Review`, counts. Opening checks the file is ours and migrates it forward.

mod cards;
mod changes;
mod import;
mod interviews;
mod migrate;
mod reviews;
mod rows;
mod settings;
mod stats;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use cards::{CardFilter, TopicRow};
pub use changes::Change;
pub use import::DeckSource;
pub use interviews::{LogFacts, NewInterview};
pub use reviews::{Answer, LogReader, UndoRefused, Undone};
pub use stats::find_card;

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
    #[error(
        "{path}: its tables are schema version {tables}'s, but it says version {found} (a copy made with `sqlite3 .dump` or `.recover` loses the number); set it back with `sqlite3 '{path}' 'PRAGMA user_version = {tables}'`"
    )]
    VersionLost {
        path: PathBuf,
        found: i64,
        tables: i64,
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
    #[error("{}the database is read-only; check that you may write to it and to its directory (SQLite writes files beside it), or pass another with --db", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    ReadOnly { path: Option<PathBuf> },
    #[error("{}cannot open a file SQLite keeps beside the database (its -wal or -shm) or in the temporary directory; check that you may write to the database's directory, or pass another with --db", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Files { path: Option<PathBuf> },
    #[error("the database is busy: another program (a recall session, sqlite3) has held it for over {} s; nothing was written: try again when it is done", BUSY_TIMEOUT.as_secs())]
    Busy,
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
}

impl StoreError {
    /// Names `path` where the error says nothing of where (a damaged page found by a query
    /// rather than on opening): the one line a user reads says what and where.
    pub fn name_file(&mut self, path: &Path) {
        if let StoreError::Corrupt { path: at, .. }
        | StoreError::ReadOnly { path: at }
        | StoreError::Files { path: at } = self
        {
            at.get_or_insert_with(|| path.to_path_buf());
        }
    }
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
}

/// How long a command waits for another process's write (a session's grade, an import)
/// before it gives up: long enough for any single write of ours.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of the database a store reads through `mmap`: all of it.
const MMAP_BYTES: i64 = 1 << 30;

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

    /// A second, read-only connection to the same database, for reading on another thread
    /// while this one reads too; `None` for a database in memory or when it cannot be
    /// opened (the caller then reads on this connection). Reads through the page cache,
    /// not `mmap`: it reads large tables once.
    pub fn reader(&self) -> Option<Store> {
        let path = self.conn.path().filter(|path| !path.is_empty())?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).ok()?;
        conn.busy_timeout(BUSY_TIMEOUT).ok()?;
        conn.pragma_update(None, "mmap_size", 0).ok()?;
        Some(Store { conn })
    }

    /// `n` read-only connections ([`Store::reader`]), each in a read transaction, that all
    /// see the database as of one moment: they start while this connection holds the write
    /// lock, so nothing is committed in between (readers of a WAL database never wait for
    /// it). `None` when a connection cannot be had, or, for more than one, the lock: a
    /// read-only file, or another process writing (not waited for: the caller reads on
    /// fewer).
    pub fn readers_at_one_moment(&self, n: usize) -> Option<Vec<Store>> {
        let readers = (0..n).map(|_| self.reader()).collect::<Option<Vec<_>>>()?;
        let locked = n > 1;
        if locked {
            self.conn.busy_timeout(Duration::ZERO).ok()?;
            let taken = self.conn.execute_batch("BEGIN IMMEDIATE");
            let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
            taken.ok()?;
        }
        // A read transaction takes its snapshot at its first read.
        let started = readers.iter().all(|r| {
            r.conn.execute_batch("BEGIN").is_ok()
                && r.conn
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
                    .is_ok()
        });
        if locked {
            // Nothing was written: this only lets go of the lock.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        started.then_some(readers)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn setup(conn: Connection, path: PathBuf) -> Result<Store> {
        let corrupt = |e| classify(Some(&path), e);
        // Set before anything else touches the file: another process creating, migrating or
        // writing it is waited for instead of failing with "database is locked".
        conn.busy_timeout(BUSY_TIMEOUT).map_err(corrupt)?;
        // Read-only look first: another program's SQLite file must leave here unchanged,
        // not switched to WAL.
        migrate::check(&conn, &path)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(corrupt)?;
        let mode = wal_mode(&conn).map_err(corrupt)?;
        debug_assert!(mode == "wal" || mode == "memory", "journal mode {mode}");
        // A grade reported to the user must survive power loss, not only a crash.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(corrupt)?;
        // Each command is a short process: checkpointing the WAL on every close would add a
        // second fsync to each grade. It is checkpointed on close once it has grown
        // (`Drop`), and SQLite checkpoints on its own within a long session.
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
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)
            .map_err(corrupt)?;
        let mut store = Store { conn };
        migrate::migrate(&mut store.conn, &path)?;
        Ok(store)
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is written, or none. The write lock
    /// is taken before anything is read, so what `f` reads is still true when it writes;
    /// another process's write is waited for (up to the busy timeout), never failed on.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
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

/// Switches `conn`'s database to WAL (a no-op when it is already), and returns the journal
/// mode it is in then: `memory` for a database in memory. Switching needs the file to
/// itself for a moment, and SQLite does not wait for that through the busy handler: thirty
/// first commands at once would see "database is locked". Wait here instead, as long as the
/// busy timeout.
fn wal_mode(conn: &Connection) -> rusqlite::Result<String> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => break other,
        }
    }
}

/// A WAL larger than this is checkpointed and emptied when a store closes.
const WAL_LIMIT_BYTES: u64 = 512 << 10;

impl Drop for Store {
    /// Empties a WAL that has grown past [`WAL_LIMIT_BYTES`]. Every process that opens the
    /// database first reads all the WAL holds (its index lives in shared memory, which
    /// the first connection rebuilds), and SQLite's own checkpoints leave the WAL to be
    /// emptied by the next write of the same process: one-shot commands (`grade` from a
    /// script) would grow it without end, and every `due` would read it all. A grade adds
    /// a few pages, so one in ten or twenty pays for this checkpoint; the others stay one
    /// fsync.
    fn drop(&mut self) {
        let Some(wal) = self
            .conn
            .path()
            .filter(|path| !path.is_empty())
            .map(|path| PathBuf::from(format!("{path}-wal")))
        else {
            return;
        };
        let grown = std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_LIMIT_BYTES);
        if !grown || self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            return;
        }
        // Not waited for: with another process reading or writing, SQLite answers busy at
        // once and a later close tries again. Whatever happens, the WAL keeps every commit.
        if self.conn.busy_timeout(Duration::ZERO).is_ok() {
            let _ = self.checkpoint();
        }
    }
}

/// Refuses a file that is plainly not SQLite before SQLite gets a chance to say something
/// vaguer (or, for an empty file, to silently turn it into a database).
fn check_file(path: &Path) -> Result<()> {
    use std::io::Read;
    // A FIFO would block the open below, a device is no database: only a regular file (or
    // a link to one) is read.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(StoreError::NotOurs {
            path: path.to_path_buf(),
            reason: if meta.is_dir() {
                "a directory".into()
            } else {
                "not a regular file".into()
            },
        });
    }
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
    use rusqlite::ErrorCode::{CannotOpen, DatabaseBusy, DatabaseCorrupt, NotADatabase, ReadOnly};
    // A value this version cannot read (an unknown kind, a bad date or grade): the file was
    // changed by something other than recall.
    match &error {
        rusqlite::Error::FromSqlConversionFailure(_, _, reason) => {
            return StoreError::Corrupt {
                path: path.map(Path::to_path_buf),
                reason: reason.to_string(),
            };
        }
        rusqlite::Error::Utf8Error(_, reason) => {
            return StoreError::Corrupt {
                path: path.map(Path::to_path_buf),
                reason: format!("text that is not UTF-8: {reason}"),
            };
        }
        rusqlite::Error::IntegralValueOutOfRange(_, value) => {
            return StoreError::Corrupt {
                path: path.map(Path::to_path_buf),
                reason: format!("number {value} out of range"),
            };
        }
        rusqlite::Error::InvalidColumnType(_, name, kind) => {
            return StoreError::Corrupt {
                path: path.map(Path::to_path_buf),
                reason: format!("column {name} holds {kind}"),
            };
        }
        _ => {}
    }
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
        Some(ReadOnly) => StoreError::ReadOnly {
            path: path.map(Path::to_path_buf),
        },
        // Open already, SQLite fails to open a file of its own: its `-wal` or `-shm` beside
        // the database, or a temporary file.
        Some(CannotOpen) => StoreError::Files {
            path: path.map(Path::to_path_buf),
        },
        Some(DatabaseBusy) => StoreError::Busy,
        _ => StoreError::Sql(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wal_stays_short_across_many_one_shot_writes() -> Result<()> {
        // Each open reads the whole WAL back; commands that each write once (a script
        // grading card by card) must not grow it without end.
        let dir = tempfile::tempdir().map_err(|e| StoreError::Dir {
            path: PathBuf::new(),
            reason: e.to_string(),
        })?;
        let path = dir.path().join("recall.db");
        let wal = dir.path().join("recall.db-wal");
        let mut largest = 0;
        for i in 0..300 {
            let mut store = Store::open(&path)?;
            store.set_setting("probe", &i.to_string())?;
            drop(store);
            largest = largest.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
        }
        assert!(largest > 0, "every commit goes through the WAL");
        assert!(
            largest <= WAL_LIMIT_BYTES + (64 << 10),
            "the WAL grew to {largest} bytes"
        );
        assert_eq!(
            Store::open(&path)?.setting("probe")?.as_deref(),
            Some("299")
        );
        Ok(())
    }

    #[test]
    fn a_database_held_too_long_is_busy_in_words() {
        let busy = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY);
        let error = classify(None, rusqlite::Error::SqliteFailure(busy, None));
        assert!(matches!(error, StoreError::Busy));
        assert!(
            error
                .to_string()
                .starts_with("the database is busy: another program"),
            "{error}"
        );
    }

    #[test]
    fn a_read_only_database_is_named_as_such() {
        let error = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some("attempt to write a readonly database".into()),
        );
        let error = classify(Some(Path::new("/data/recall.db")), error);
        assert!(matches!(error, StoreError::ReadOnly { .. }));
        assert!(
            error.to_string().starts_with(
                "/data/recall.db: the database is read-only; check that you may write"
            ),
            "{error}"
        );
    }
}
