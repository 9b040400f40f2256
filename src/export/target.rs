//! Where an export's bytes go, decided before any is written: standard output (`-o -`), a
//! FIFO or device written in place, or a regular file replaced atomically (through a link,
//! which stays a link). The learner's database is never a target.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::ExportError;

/// Bytes gathered before each write to the target: exports are written in many small pieces
/// (a JSON field, a CSV cell), and large writes keep the copying and system calls few.
const OUT_BUFFER: usize = 1 << 20;

/// A resolved export target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `-o -`.
    Stdout,
    /// A FIFO, a character or block device: opened and written as it is, never renamed over.
    InPlace(PathBuf),
    /// A regular file, existing or not (a symlink already followed to it): written next to it
    /// and renamed into place, keeping its permissions.
    Replace(PathBuf),
}

/// Names of standard output in the file system.
const STDOUT_NAMES: [&str; 3] = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"];

/// A disk, say: written in place it would be overwritten from its first byte.
fn is_block_device(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_block_device()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// The file a path ends up at, symlinks followed even when the last one dangles.
fn follow(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            Err(_) => break,
        }
    }
    current
}

/// `path` made absolute through its directory, for comparing with the database's files.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir)
                .map(|d| d.join(name))
                .unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

impl Target {
    /// Resolves `path`; `protected` are files never to be written (the database, its WAL and
    /// shared-memory files).
    pub fn resolve(path: &Path, protected: &[PathBuf]) -> Result<Target, ExportError> {
        // `/dev/stdout` is standard output by another name: written through the open
        // descriptor, it keeps what the shell made of it (`>>` appends).
        if path == Path::new("-") || STDOUT_NAMES.iter().any(|name| path == Path::new(name)) {
            return Ok(Target::Stdout);
        }
        let real = follow(path);
        let full = canonical(&real);
        if protected.iter().any(|p| canonical(p) == full) {
            return Err(ExportError::Database(path.to_path_buf()));
        }
        // What the path opens, through the kernel's own links too (`/dev/stdout` may be a
        // pipe, whose link names no file).
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => Err(ExportError::Directory(path.to_path_buf())),
            Ok(meta) if is_block_device(&meta) => Err(ExportError::BlockDevice(path.to_path_buf())),
            Ok(meta) if !meta.is_file() => Ok(Target::InPlace(path.to_path_buf())),
            // A file the user made read-only is one they meant to keep.
            Ok(meta) if meta.permissions().readonly() => {
                Err(ExportError::ReadOnly(path.to_path_buf()))
            }
            _ => Ok(Target::Replace(real)),
        }
    }

    /// Runs `write` over the target's bytes; for a file, the old one stays whole until the
    /// new one is complete. `shown` is the path as the user wrote it, for messages.
    pub fn write(
        &self,
        shown: &Path,
        write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let io_err = ExportError::io(shown);
        match self {
            Target::Stdout => {
                let mut out = BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock());
                write(&mut out)?;
                out.flush().map_err(io_err)
            }
            Target::InPlace(path) => {
                let file = OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(ExportError::io(shown))?;
                let mut out = BufWriter::with_capacity(OUT_BUFFER, file);
                write(&mut out)?;
                out.flush().map_err(io_err)
            }
            Target::Replace(path) => replace(path, shown, write),
        }
    }
}

/// Writes `path` through a temporary file in the same directory, renamed into place only
/// when `write` succeeded: a failed export leaves no partial file and the old one intact.
fn replace(
    path: &Path,
    shown: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|err| ExportError::io(shown)(no_temp_file(dir, &err)))?;
    let file = temp.as_file();
    super::disk::write_behind(file, write, ExportError::io(shown))?;
    file.sync_all().map_err(ExportError::io(shown))?;
    set_export_permissions(temp.as_file(), path).map_err(ExportError::io(shown))?;
    temp.persist(path)
        .map_err(|err| ExportError::io(shown)(err.error))?;
    Ok(())
}

/// Why no temporary file could be made in `dir`. tempfile's own error ends with the random
/// name it tried (`at path ".../.tmpXk3p9a"`), which means nothing to the user: say which
/// directory, and what kind of failure.
fn no_temp_file(dir: &Path, err: &io::Error) -> io::Error {
    let why = match err.kind() {
        io::ErrorKind::NotFound if !dir.is_dir() => {
            format!("the directory {} does not exist", dir.display())
        }
        io::ErrorKind::PermissionDenied => {
            format!("no permission to create a file in {}", dir.display())
        }
        kind => format!("cannot create a file in {}: {kind}", dir.display()),
    };
    io::Error::new(err.kind(), why)
}

/// Temporary files are private (0600); an export is an ordinary file: it keeps the
/// permissions of the file it replaces, or gets 0644.
#[cfg(unix)]
fn set_export_permissions(file: &File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = match std::fs::metadata(target) {
        Ok(existing) => existing.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o644),
    };
    file.set_permissions(permissions)
}

#[cfg(not(unix))]
fn set_export_permissions(_file: &File, _target: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_files_and_disks_are_not_targets_and_kernel_links_are_opened_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.json");
        std::fs::write(&kept, b"mine").unwrap();
        let mut read_only = std::fs::metadata(&kept).unwrap().permissions();
        read_only.set_readonly(true);
        std::fs::set_permissions(&kept, read_only).unwrap();
        assert!(matches!(
            Target::resolve(&kept, &[]),
            Err(ExportError::ReadOnly(_))
        ));
        // Resolving writes nothing: a block device, where the machine has one, is refused.
        let disks = ["/dev/loop0", "/dev/sda", "/dev/vda", "/dev/nvme0n1"];
        if let Some(disk) = disks
            .iter()
            .map(Path::new)
            .find(|d| std::fs::metadata(d).is_ok_and(|m| is_block_device(&m)))
        {
            assert!(matches!(
                Target::resolve(disk, &[]),
                Err(ExportError::BlockDevice(_))
            ));
        }
        assert_eq!(
            Target::resolve(Path::new("/dev/null"), &[]).unwrap(),
            Target::InPlace("/dev/null".into())
        );
        // Standard output by name is written through its descriptor: a file the shell
        // opened for appending (`>> log`) keeps what it held.
        assert_eq!(
            Target::resolve(Path::new("/dev/stdout"), &[]).unwrap(),
            Target::Stdout
        );
    }

    #[test]
    fn the_database_and_its_companions_are_never_targets() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        std::fs::write(&db, b"x").unwrap();
        let protected = [db.clone(), dir.path().join("r.db-wal")];
        assert!(matches!(
            Target::resolve(&db, &protected),
            Err(ExportError::Database(_))
        ));
        assert!(matches!(
            Target::resolve(&dir.path().join("r.db-wal"), &protected),
            Err(ExportError::Database(_))
        ));
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        assert!(matches!(
            Target::resolve(&link, &protected),
            Err(ExportError::Database(_))
        ));
    }

    #[test]
    fn a_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        let target = Target::resolve(&link, &[]).unwrap();
        assert_eq!(target, Target::Replace(real.clone()));
        target
            .write(&link, |out| {
                out.write_all(b"hi").map_err(ExportError::io(&link))
            })
            .unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"hi");
    }

    /// Bytes `0..len` of a pattern that shows any byte lost, doubled or moved.
    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn a_replaced_file_is_whole_and_a_failure_leaves_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let bytes = pattern((9 << 20) + 12_345);
        let target = Target::resolve(&path, &[]).unwrap();
        target
            .write(&path, |out| {
                for piece in bytes.chunks(700_001) {
                    out.write_all(piece).map_err(ExportError::io(&path))?;
                }
                Ok(())
            })
            .unwrap();
        assert!(std::fs::read(&path).unwrap() == bytes);

        let failed = target.write(&path, |out| {
            out.write_all(&pattern((5 << 20) + 1))
                .map_err(ExportError::io(&path))?;
            Err(ExportError::Log("stopped".into()))
        });
        assert!(matches!(failed, Err(ExportError::Log(_))));
        assert!(std::fs::read(&path).unwrap() == bytes);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn fifos_are_written_in_place_and_directories_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Target::resolve(dir.path(), &[]),
            Err(ExportError::Directory(_))
        ));
        assert_eq!(
            Target::resolve(Path::new("/dev/null"), &[]).unwrap(),
            Target::InPlace(PathBuf::from("/dev/null"))
        );
        assert_eq!(
            Target::resolve(Path::new("-"), &[]).unwrap(),
            Target::Stdout
        );
    }

    #[test]
    fn a_missing_directory_is_named_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("deck.apkg");
        let target = Target::resolve(&path, &[]).unwrap();
        let Err(ExportError::Io { source, .. }) = target.write(&path, |_| Ok(())) else {
            panic!("a missing directory must fail the export");
        };
        assert_eq!(source.kind(), io::ErrorKind::NotFound);
        let gone = dir.path().join("gone");
        let expected = format!("the directory {} does not exist", gone.display());
        assert_eq!(source.to_string(), expected);
    }
}
