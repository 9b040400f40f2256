//! An export's file written on a thread of its own: the exporter fills blocks, the thread
//! writes them. Where the file system allows, the blocks go to the disk directly
//! (`O_DIRECT`), not through the page cache: a 580 MB JSON export is read once by another
//! program if at all, and copying it into the cache would push out what the learner's
//! other programs keep there (and cost 0.1–0.5 s of system time here, the more the fuller
//! the cache).
//! Where direct writes are refused, the blocks go through the cache and are synced every
//! 32 MB, so that the `fsync` before the rename finds little left.

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc;

/// Each block is written whole, from an address and at an offset that are multiples of
/// `ALIGN`, as direct I/O asks (4096 covers the logical block sizes of disks); only the
/// last is shorter, and goes through the cache.
const BLOCK: usize = 1 << 20;
const ALIGN: usize = 4096;

/// The blocks in use: one filling, the rest on their way to the disk. A disk takes a
/// block in about a millisecond; the exporter fills one in several.
const BLOCKS: usize = 4;

/// Bytes written through the cache before they are synced.
const SYNC_BEHIND: u64 = 32 << 20;

/// Runs `write` over `file`, new and empty, whose bytes are written on another thread.
/// They are all in the file when it returns Ok, not yet synced. The writer's error is
/// the cause when both failed (the exporter then only saw the thread stop).
pub(super) fn write_behind<E>(
    file: &File,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    io_error: impl Fn(io::Error) -> E,
) -> Result<(), E> {
    write_through(file, true, write, io_error)
}

/// As [`write_behind`]; `direct` false keeps to the cache.
fn write_through<E>(
    file: &File,
    direct: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    io_error: impl Fn(io::Error) -> E,
) -> Result<(), E> {
    std::thread::scope(|scope| {
        let (send_full, full) = mpsc::sync_channel::<Block>(BLOCKS);
        let (send_empty, empty) = mpsc::channel::<Block>();
        let writer = scope.spawn(move || {
            let mut writer = Writer::new(file, direct);
            for block in full {
                writer.put(block.filled())?;
                // Gone only once the exporter is done.
                let _ = send_empty.send(block);
            }
            Ok::<_, io::Error>(())
        });
        let mut out = Blocks {
            filling: Block::new(),
            made: 1,
            full: send_full,
            empty,
        };
        // `out` is gone after this (taken by `finish` or dropped with the closure), which
        // ends the thread once it has written what it was sent.
        let written = write(&mut out).and_then(|()| out.finish().map_err(&io_error));
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            .map_err(io_error)?;
        written
    })
}

/// `BLOCK` bytes to fill, aligned in a buffer `ALIGN` longer.
struct Block {
    bytes: Vec<u8>,
    start: usize,
    len: usize,
}

impl Block {
    fn new() -> Block {
        let bytes = vec![0; BLOCK + ALIGN];
        // Should no aligned start be found, direct writes are refused and the cache used.
        let start = Some(bytes.as_ptr().align_offset(ALIGN)).filter(|&s| s < ALIGN);
        Block {
            bytes,
            start: start.unwrap_or(0),
            len: 0,
        }
    }

    fn filled(&self) -> &[u8] {
        &self.bytes[self.start..self.start + self.len]
    }

    fn room(&mut self) -> &mut [u8] {
        &mut self.bytes[self.start + self.len..self.start + BLOCK]
    }
}

/// The exporter's side: fills a block, sends it when full and takes one the writer is
/// done with. Only the last block may be short, and it goes at `finish`; so `flush` does
/// nothing, as a short block in the middle would leave the rest unaligned.
struct Blocks {
    filling: Block,
    /// Blocks made so far, at most `BLOCKS`.
    made: usize,
    full: mpsc::SyncSender<Block>,
    empty: mpsc::Receiver<Block>,
}

impl Blocks {
    fn send(&mut self) -> io::Result<()> {
        let next = if self.made < BLOCKS {
            self.made += 1;
            Block::new()
        } else {
            let mut block = self.empty.recv().map_err(|_| stopped())?;
            block.len = 0;
            block
        };
        let full = std::mem::replace(&mut self.filling, next);
        self.full.send(full).map_err(|_| stopped())
    }

    /// Sends the last block.
    fn finish(self) -> io::Result<()> {
        if self.filling.len > 0 {
            self.full.send(self.filling).map_err(|_| stopped())?;
        }
        Ok(())
    }
}

/// The writer thread stopped, on an error it reports itself.
fn stopped() -> io::Error {
    io::Error::other("the export's writer stopped")
}

impl Write for Blocks {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.filling.len == BLOCK {
            self.send()?;
        }
        let room = self.filling.room();
        let n = room.len().min(buf.len());
        room[..n].copy_from_slice(&buf[..n]);
        self.filling.len += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The thread's side: writes each block at the end of the file.
struct Writer<'f> {
    file: &'f File,
    direct: bool,
    unsynced: u64,
}

impl Writer<'_> {
    fn new(file: &File, direct: bool) -> Writer<'_> {
        let direct = direct && set_direct(file, true).is_ok();
        Writer {
            file,
            direct,
            unsynced: 0,
        }
    }

    fn put(&mut self, mut rest: &[u8]) -> io::Result<()> {
        while !rest.is_empty() {
            // Every block starts aligned, and all but the last are a multiple of `ALIGN`
            // long: what is left of one is aligned exactly when its length is.
            if self.direct && !rest.len().is_multiple_of(ALIGN) {
                self.through_cache()?;
            }
            match Write::write(&mut self.file, rest) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    rest = &rest[n..];
                    if !self.direct {
                        self.unsynced += n as u64;
                        if self.unsynced >= SYNC_BEHIND {
                            self.file.sync_data()?;
                            self.unsynced = 0;
                        }
                    }
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                // The file system took the flag but not the write: the cache from here on.
                Err(err) if self.direct && err.raw_os_error() == Some(EINVAL) => {
                    self.through_cache()?;
                }
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    fn through_cache(&mut self) -> io::Result<()> {
        self.direct = false;
        set_direct(self.file, false)
    }
}

#[cfg(target_os = "linux")]
const EINVAL: i32 = rustix::io::Errno::INVAL.raw_os_error();
#[cfg(not(target_os = "linux"))]
const EINVAL: i32 = 22;

#[cfg(target_os = "linux")]
fn set_direct(file: &File, on: bool) -> io::Result<()> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let mut flags = fcntl_getfl(file)?;
    flags.set(OFlags::DIRECT, on);
    Ok(fcntl_setfl(file, flags)?)
}

#[cfg(not(target_os = "linux"))]
fn set_direct(_file: &File, on: bool) -> io::Result<()> {
    if on {
        Err(io::ErrorKind::Unsupported.into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes `0..len` of a pattern that shows any byte lost, doubled or moved.
    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    fn written(direct: bool, bytes: &[u8], piece: usize) -> Vec<u8> {
        let file = tempfile::NamedTempFile::new().unwrap();
        write_through(
            file.as_file(),
            direct,
            |out| {
                bytes
                    .chunks(piece.max(1))
                    .try_for_each(|p| out.write_all(p))
            },
            |e| e,
        )
        .unwrap();
        std::fs::read(file.path()).unwrap()
    }

    #[test]
    fn every_byte_arrives_in_order_whatever_the_sizes() {
        // Pieces of uneven sizes, so that blocks and syncs fall inside them; totals that
        // end inside a block, on its edge, and on an `ALIGN` edge inside one.
        let sizes = [
            0,
            1,
            ALIGN,
            BLOCK,
            3 * BLOCK + ALIGN,
            (BLOCKS + 3) * BLOCK + 12_345,
            SYNC_BEHIND as usize + 777,
        ];
        for direct in [true, false] {
            for len in sizes {
                let bytes = pattern(len);
                for piece in [700_001, 4096, 3 * BLOCK] {
                    assert!(
                        written(direct, &bytes, piece) == bytes,
                        "direct {direct}, {len} bytes in pieces of {piece}"
                    );
                }
            }
        }
    }

    #[test]
    fn direct_writes_are_taken_where_the_file_system_allows() {
        // The temporary directory's file system here (ext4, tmpfs) takes them: this is the
        // path that runs, not only the fallback.
        let file = tempfile::tempfile().unwrap();
        if cfg!(target_os = "linux") && set_direct(&file, true).is_ok() {
            assert!(Writer::new(&file, true).direct);
        }
        assert!(!Writer::new(&file, false).direct);
    }

    #[test]
    fn the_exporters_error_is_returned_and_the_writer_stops() {
        let file = tempfile::tempfile().unwrap();
        let result = write_through(
            &file,
            true,
            |out| {
                out.write_all(&pattern(2 * BLOCK))?;
                Err(io::Error::other("the log changed"))
            },
            |e| e,
        );
        assert_eq!(result.unwrap_err().to_string(), "the log changed");
    }

    #[test]
    fn the_writers_error_is_the_cause_when_both_fail() {
        // A file opened for reading only: the thread's first write fails.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("read-only");
        std::fs::write(&path, b"").unwrap();
        let file = File::open(&path).unwrap();
        let result = write_through(
            &file,
            false,
            |out| out.write_all(&pattern((BLOCKS + 2) * BLOCK)),
            |e| e,
        );
        let err = result.unwrap_err();
        assert_ne!(err.to_string(), stopped().to_string(), "{err}");
    }
}
