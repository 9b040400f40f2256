//! The `.apkg` container: a zip of the collection and an empty media map. It is written
//! here rather than with the `zip` crate for one reason: the collection, the whole size of
//! the package, is deflated on every core in pieces (as pigz does), and the crate takes no
//! data compressed elsewhere. The zip is the plain one of PKWARE's APPNOTE: per entry a
//! local header and the data, then the central directory and its end record. It is
//! written front to back, so a package can go where nothing can seek (a pipe): the
//! collection's checksum and compressed size follow its data, in a data descriptor.
//!
//! Most of the collection is deflated while it is being written ([`Behind`]): past the
//! pages SQLite made, the file only grows, a page at a time, and no page there is written
//! twice, so each piece is deflated on another core as soon as the writer is past it.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::mpsc;

use flate2::{Compress, Compression, FlushCompress, Status};

use super::InTurn;

/// The collection is deflated in pieces of this many bytes, each on its own: a piece's
/// matches start afresh (pigz shares the last 32 KiB instead; on SQLite pages the package
/// grows by about half a percent without), and a piece is the unit handed to a thread.
const PIECE: usize = 1 << 20;

/// One zip entry as the central directory describes it.
struct Entry {
    name: &'static str,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    /// Where its local header starts.
    offset: u32,
}

/// The compression methods: deflate, and none.
const DEFLATED: u16 = 8;
const STORED: u16 = 0;
/// Flag bit 3: the checksum and sizes follow the data, in a data descriptor.
const SIZES_AFTER_DATA: u16 = 1 << 3;
/// Made by Unix (3), version 2.0: the external attributes are Unix modes.
const MADE_BY: u16 = (3 << 8) | 20;
const NEEDED: u16 = 20;
/// `-rw-r--r--`, a regular file, for whoever unzips the package.
const FILE_MODE: u32 = 0o100_644 << 16;
/// 1980-01-01 00:00, the first instant a zip can say: the same bytes on every run.
const DOS_DATE: u16 = (1 << 5) | 1;

/// Writes the package of the collection at `collection` to `out`, with what of it was
/// deflated ahead.
pub(super) fn write_package(
    out: &mut dyn Write,
    collection: &Path,
    ahead: Option<Ahead>,
) -> io::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    write_package_on(out, collection, ahead, cores)
}

/// [`write_package`], deflating on `threads` threads.
fn write_package_on(
    out: &mut dyn Write,
    collection: &Path,
    ahead: Option<Ahead>,
    threads: usize,
) -> io::Result<()> {
    let mut out = Counted { out, written: 0 };
    let size = File::open(collection)?.metadata()?.len();
    let too_large = || {
        io::Error::other("the collection is over 4 GiB, more than a package without ZIP64 holds")
    };
    let size32 = u32::try_from(size).map_err(|_| too_large())?;
    let ahead = ahead.filter(|ahead| ahead.end <= size);

    let mut collection_entry = Entry {
        name: "collection.anki2",
        method: DEFLATED,
        flags: SIZES_AFTER_DATA,
        crc: 0,
        compressed: 0,
        size: size32,
        offset: 0,
    };
    local_header(&mut out, &collection_entry)?;
    let start = out.written;
    let crc = match ahead {
        Some(ahead) => {
            let nothing = |_: &mut Counted<'_>| Ok(());
            let mut crc = deflate_range(
                collection,
                0..ahead.start,
                threads,
                false,
                &mut out,
                nothing,
            )?;
            crc.combine(&ahead.crc);
            // The rest is deflated while what was deflated ahead is copied out.
            let copy_ahead = |out: &mut Counted<'_>| {
                let mut deflated = &ahead.deflated;
                out.written += io::copy(&mut deflated, out.out)?;
                Ok(())
            };
            crc.combine(&deflate_range(
                collection,
                ahead.end..size,
                threads,
                true,
                &mut out,
                copy_ahead,
            )?);
            crc
        }
        None => deflate_range(collection, 0..size, threads, true, &mut out, |_| Ok(()))?,
    };
    collection_entry.crc = crc.sum();
    collection_entry.compressed = u32::try_from(out.written - start).map_err(|_| too_large())?;
    out.put(&[
        &0x0807_4b50u32.to_le_bytes(),
        &collection_entry.crc.to_le_bytes(),
        &collection_entry.compressed.to_le_bytes(),
        &collection_entry.size.to_le_bytes(),
    ])?;

    let media = b"{}";
    let mut crc = flate2::Crc::new();
    crc.update(media);
    let media_entry = Entry {
        name: "media",
        method: STORED,
        flags: 0,
        crc: crc.sum(),
        compressed: media.len() as u32,
        size: media.len() as u32,
        offset: u32::try_from(out.written).map_err(|_| too_large())?,
    };
    local_header(&mut out, &media_entry)?;
    out.put(&[media])?;

    let directory_start = u32::try_from(out.written).map_err(|_| too_large())?;
    let entries = [collection_entry, media_entry];
    for entry in &entries {
        out.put(&[
            &0x0201_4b50u32.to_le_bytes(),
            &MADE_BY.to_le_bytes(),
            &NEEDED.to_le_bytes(),
            &entry.flags.to_le_bytes(),
            &entry.method.to_le_bytes(),
            &0u16.to_le_bytes(),
            &DOS_DATE.to_le_bytes(),
            &entry.crc.to_le_bytes(),
            &entry.compressed.to_le_bytes(),
            &entry.size.to_le_bytes(),
            &(entry.name.len() as u16).to_le_bytes(),
            // Extra field, comment, disk, internal attributes.
            &[0; 8],
            &FILE_MODE.to_le_bytes(),
            &entry.offset.to_le_bytes(),
            entry.name.as_bytes(),
        ])?;
    }
    let directory_size = u32::try_from(out.written).map_err(|_| too_large())? - directory_start;
    let count = (entries.len() as u16).to_le_bytes();
    out.put(&[
        &0x0605_4b50u32.to_le_bytes(),
        // This disk, the directory's disk.
        &[0; 4],
        &count,
        &count,
        &directory_size.to_le_bytes(),
        &directory_start.to_le_bytes(),
        // No comment.
        &[0; 2],
    ])?;
    out.out.flush()
}

/// An entry's local header; with [`SIZES_AFTER_DATA`] its checksum and sizes are zero.
fn local_header(out: &mut Counted<'_>, entry: &Entry) -> io::Result<()> {
    let known = entry.flags & SIZES_AFTER_DATA == 0;
    let or_zero = |value: u32| if known { value } else { 0 };
    out.put(&[
        &0x0403_4b50u32.to_le_bytes(),
        &NEEDED.to_le_bytes(),
        &entry.flags.to_le_bytes(),
        &entry.method.to_le_bytes(),
        &0u16.to_le_bytes(),
        &DOS_DATE.to_le_bytes(),
        &or_zero(entry.crc).to_le_bytes(),
        &or_zero(entry.compressed).to_le_bytes(),
        &or_zero(entry.size).to_le_bytes(),
        &(entry.name.len() as u16).to_le_bytes(),
        &0u16.to_le_bytes(),
        entry.name.as_bytes(),
    ])
}

/// The output, counting what went through: the offsets the directory gives.
struct Counted<'w> {
    out: &'w mut dyn Write,
    written: u64,
}

impl Counted<'_> {
    fn put(&mut self, parts: &[&[u8]]) -> io::Result<()> {
        for part in parts {
            self.out.write_all(part)?;
            self.written += part.len() as u64;
        }
        Ok(())
    }
}

/// A piece deflated, with the CRC-32 of its bytes before.
struct Deflated {
    data: Vec<u8>,
    crc: flate2::Crc,
}

/// Bytes `start..end` of the collection, deflated before the collection was finished, as
/// pieces that each end in a sync flush, one after the other in a file of their own (in
/// memory they would be most of the package).
pub(super) struct Ahead {
    start: u64,
    end: u64,
    deflated: File,
    /// The CRC-32 of the bytes deflated.
    crc: flate2::Crc,
}

/// A thread deflating a file as it is written, from a byte on which nothing written is
/// ever written again: each piece as soon as the file is written past its end. The writer
/// says how far it has written through the channel [`Behind::start`] gives it, and closes
/// it when it is done (before this is dropped, which waits for the thread).
pub(super) struct Behind(Option<std::thread::JoinHandle<io::Result<Ahead>>>);

impl Behind {
    /// Starts deflating the file at `path` from byte `start`, into a new file at `into`.
    /// `None` when no thread is to be had: the package then deflates it all.
    pub(super) fn start(
        path: &Path,
        start: u64,
        into: &Path,
    ) -> Option<(Behind, mpsc::Sender<u64>)> {
        let (written, lengths) = mpsc::channel();
        let (path, into) = (path.to_path_buf(), into.to_path_buf());
        let thread = std::thread::Builder::new()
            .spawn(move || follow(&path, start, &lengths, &into))
            .ok()?;
        Some((Behind(Some(thread)), written))
    }

    /// What was deflated, once the writer has closed the channel.
    pub(super) fn finish(mut self) -> io::Result<Ahead> {
        match self.0.take().map(std::thread::JoinHandle::join) {
            Some(Ok(ahead)) => ahead,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Err(io::Error::other(
                "the compression thread was already joined",
            )),
        }
    }
}

impl Drop for Behind {
    /// A collection given up on: the thread stops once its writer is gone, having
    /// deflated what was written.
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            let _ = thread.join();
        }
    }
}

/// The thread of [`Behind`]: deflates whole pieces from `start` up to the last length it
/// was told, until the channel closes.
fn follow(
    path: &Path,
    start: u64,
    lengths: &mpsc::Receiver<u64>,
    into: &Path,
) -> io::Result<Ahead> {
    let mut file = File::open(path)?;
    let mut deflated = io::BufWriter::new(
        File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(into)?,
    );
    let mut crc = flate2::Crc::new();
    let (mut end, mut written) = (start, start);
    let (mut input, mut output) = (Vec::new(), Vec::new());
    // Once the writer is done, what is left goes to the package, which deflates it on every
    // core: this thread stops after the piece in hand.
    'following: loop {
        loop {
            match lengths.try_recv() {
                Ok(length) => written = length,
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => break 'following,
            }
        }
        if end + (PIECE as u64) > written {
            // No whole piece to deflate: wait for the writer.
            match lengths.recv() {
                Ok(length) => written = length,
                Err(_) => break,
            }
            continue;
        }
        let piece = deflate_piece(
            &mut file,
            end..end + PIECE as u64,
            false,
            &mut input,
            output,
        )?;
        deflated.write_all(&piece.data)?;
        crc.combine(&piece.crc);
        output = piece.data;
        end += PIECE as u64;
    }
    let mut deflated = deflated.into_inner().map_err(|e| e.into_error())?;
    deflated.seek(SeekFrom::Start(0))?;
    Ok(Ahead {
        start,
        end,
        deflated,
        crc,
    })
}

/// `range` cut into pieces of [`PIECE`] bytes, the last one shorter.
fn pieces(range: Range<u64>) -> impl Iterator<Item = Range<u64>> {
    (range.start..range.end)
        .step_by(PIECE)
        .map(move |start| start..(start + PIECE as u64).min(range.end))
}

/// Deflates bytes `range` of the file at `path` into `out`, a piece at a time on up to
/// `threads` threads, and returns their CRC-32; `first` writes what goes before them, while
/// the threads begin. Every piece ends in a sync flush (an empty stored block, so the next
/// piece starts on a byte), but with `ends` the last, which ends the stream (an empty range
/// then still writes the stream's end): pieces put one after the other are one stream. The
/// pieces are dealt to the threads in turn and taken back in turn, so the bytes are the
/// same whatever the number of threads.
fn deflate_range(
    path: &Path,
    range: Range<u64>,
    threads: usize,
    ends: bool,
    out: &mut Counted<'_>,
    first: impl FnOnce(&mut Counted<'_>) -> io::Result<()>,
) -> io::Result<flate2::Crc> {
    let mut all: Vec<Range<u64>> = pieces(range.clone()).collect();
    if all.is_empty() && ends {
        all.push(range.start..range.start);
    }
    let count = all.len();
    let threads = threads.clamp(1, count.max(1));
    let all = &all;
    std::thread::scope(|scope| {
        let mut deflated = InTurn {
            from: Vec::with_capacity(threads),
            next: 0,
        };
        for thread in 0..threads {
            // One piece waiting per thread: enough to keep it busy, little to hold.
            let (send, receive) = mpsc::sync_channel(1);
            deflated.from.push(receive);
            std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut file = match File::open(path) {
                    Ok(file) => file,
                    Err(err) => {
                        let _ = send.send(Err(err));
                        return;
                    }
                };
                let mut input = Vec::new();
                for index in (thread..count).step_by(threads) {
                    let last = ends && index + 1 == count;
                    let piece =
                        deflate_piece(&mut file, all[index].clone(), last, &mut input, Vec::new());
                    let failed = piece.is_err();
                    // A closed channel: the writer stopped on an error of its own.
                    if send.send(piece).is_err() || failed {
                        return;
                    }
                }
            })?;
        }
        first(out)?;
        let mut crc = flate2::Crc::new();
        for _ in 0..count {
            let piece = deflated
                .recv()
                .ok_or_else(|| io::Error::other("a compression thread stopped"))??;
            out.put(&[&piece.data])?;
            crc.combine(&piece.crc);
        }
        Ok(crc)
    })
}

/// Reads bytes `range` of `file` and deflates them on their own; `last` ends the stream,
/// any other piece ends in a sync flush. `input` and `data` are buffers to use again: a
/// megabyte asked of the allocator per piece cost it as much as the reading.
fn deflate_piece(
    file: &mut File,
    range: Range<u64>,
    last: bool,
    input: &mut Vec<u8>,
    mut data: Vec<u8>,
) -> io::Result<Deflated> {
    let len = (range.end - range.start) as usize;
    input.resize(len, 0);
    file.seek(SeekFrom::Start(range.start))?;
    file.read_exact(input)?;
    let mut crc = flate2::Crc::new();
    crc.update(input);

    let mut deflate = Compress::new(Compression::fast(), false);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    // Deflate's bound on stored data, which incompressible bytes fall back to.
    data.clear();
    data.reserve(len + len / 1024 * 5 + 64);
    loop {
        let read = deflate.total_in() as usize;
        let status = deflate
            .compress_vec(&input[read..], &mut data, flush)
            .map_err(io::Error::other)?;
        // A flush is done once all input is in and the output had room to spare.
        let done = match status {
            Status::StreamEnd => true,
            Status::Ok | Status::BufError => {
                !last && deflate.total_in() as usize == len && data.len() < data.capacity()
            }
        };
        if done {
            return Ok(Deflated { data, crc });
        }
        data.reserve(64 * 1024);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// Bytes shaped like a collection: runs of repeated text (compressible) between runs
    /// of noise (not), from a fixed seed.
    fn collection_like(len: usize) -> Vec<u8> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut noise = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        };
        let text = "Что такое GIL и как он влияет на потоки? <b>answer</b>\x1f".as_bytes();
        let mut bytes = Vec::with_capacity(len);
        while bytes.len() < len {
            let take = (len - bytes.len()).min(40_000);
            if bytes.len() / 40_000 % 3 == 2 {
                bytes.extend((0..take).map(|_| noise()));
            } else {
                bytes.extend(text.iter().cycle().take(take));
            }
        }
        bytes
    }

    /// A zip entry's name and bytes.
    type Entries = Vec<(String, Vec<u8>)>;

    /// The package of `collection` written on `threads` threads, and what a second zip
    /// implementation reads back from it: each entry's name and bytes (checked against
    /// its CRC-32 as it is read).
    fn package_on(
        collection: &[u8],
        threads: usize,
    ) -> Result<(Vec<u8>, Entries), Box<dyn std::error::Error>> {
        package_of(collection, |_| Ok(None), threads)
    }

    /// The package of `collection` with what `ahead` deflated ahead of it (given its path),
    /// and what is read back from it.
    fn package_of(
        collection: &[u8],
        ahead: impl FnOnce(&Path) -> io::Result<Option<Ahead>>,
        threads: usize,
    ) -> Result<(Vec<u8>, Entries), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("collection.anki2");
        std::fs::write(&path, collection)?;
        let ahead = ahead(&path)?;
        let mut package = Vec::new();
        write_package_on(&mut package, &path, ahead, threads)?;
        let mut zip = zip::ZipArchive::new(io::Cursor::new(package.clone()))?;
        let mut entries = Vec::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i)?;
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes)?;
            entries.push((entry.name()?.to_string(), bytes));
        }
        Ok((package, entries))
    }

    #[test]
    fn a_collection_of_many_pieces_reads_back_whole_with_the_media_map() -> TestResult {
        // Two and a half pieces: the last is short, and noise makes some blocks stored.
        let collection = collection_like(2 * PIECE + PIECE / 2);
        let (package, entries) = package_on(&collection, 2)?;
        assert_eq!(
            entries,
            vec![
                ("collection.anki2".to_string(), collection.clone()),
                ("media".to_string(), b"{}".to_vec()),
            ]
        );
        assert!(package.len() < collection.len() / 2, "{}", package.len());
        Ok(())
    }

    #[test]
    fn the_bytes_are_the_same_on_any_number_of_threads() -> TestResult {
        let collection = collection_like(3 * PIECE + 1);
        let (one, _) = package_on(&collection, 1)?;
        for threads in [2, 3, 8] {
            assert!(
                package_on(&collection, threads)?.0 == one,
                "{threads} threads"
            );
        }
        Ok(())
    }

    /// Deflates the file at `path` behind a writer that goes from `start` to `end` in
    /// steps of `step` bytes, saying so after each.
    fn behind(path: &Path, start: u64, end: u64, step: u64) -> io::Result<Ahead> {
        let Some((behind, written)) = Behind::start(path, start, &path.with_extension("behind"))
        else {
            return Err(io::Error::other("no thread"));
        };
        let mut at = start;
        while at < end {
            at = (at + step).min(end);
            written.send(at).map_err(io::Error::other)?;
        }
        drop(written);
        behind.finish()
    }

    /// `pieces` pieces of the file at `path` from `start`, deflated as [`Behind`] does, as
    /// though it had got that far.
    fn ahead_by(path: &Path, start: u64, pieces: u64) -> io::Result<Ahead> {
        let mut file = File::open(path)?;
        let mut deflated = tempfile::tempfile()?;
        let mut crc = flate2::Crc::new();
        let end = start + pieces * PIECE as u64;
        for piece in (start..end).step_by(PIECE) {
            let piece = deflate_piece(
                &mut file,
                piece..piece + PIECE as u64,
                false,
                &mut Vec::new(),
                Vec::new(),
            )?;
            deflated.write_all(&piece.data)?;
            crc.combine(&piece.crc);
        }
        deflated.seek(SeekFrom::Start(0))?;
        Ok(Ahead {
            start,
            end,
            deflated,
            crc,
        })
    }

    #[test]
    fn pieces_deflated_behind_the_writer_are_whole_and_written() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("collection.anki2");
        std::fs::write(&path, collection_like(4 * PIECE))?;
        let piece = PIECE as u64;
        // How far the thread gets depends on the threads' timing; never past the whole
        // pieces written, and never into a piece the writer has not finished.
        for (start, end, step) in [
            (4096, 4096 + piece - 1, 1000),
            (4096, 4096 + 5 * piece / 2, 65_536),
            (65_536, 4 * piece, 4 * piece),
        ] {
            let ahead = behind(&path, start, end, step)?;
            assert_eq!(ahead.start, start);
            assert_eq!((ahead.end - start) % piece, 0, "{start}..{end}");
            assert!(
                ahead.end <= end,
                "{start}..{end}: deflated up to {}",
                ahead.end
            );
        }
        Ok(())
    }

    #[test]
    fn the_package_is_the_same_however_far_the_pages_were_deflated_behind() -> TestResult {
        // A first page, pieces after it, and a tail; and pieces that end the file, which
        // leave no tail. Nothing, some or all deflated behind the writer: the same bytes.
        let collection = collection_like(4 * PIECE);
        let piece = PIECE as u64;
        for (start, end) in [(65_536, 65_536 + 5 * piece / 2), (4096, 4096 + 3 * piece)] {
            let whole_pieces = (end - start) / piece;
            let (package, entries) =
                package_of(&collection, |path| ahead_by(path, start, 0).map(Some), 2)?;
            assert_eq!(entries[0].1, collection, "{start}..{end}");
            for pieces in 1..=whole_pieces {
                let (same, _) = package_of(
                    &collection,
                    |path| ahead_by(path, start, pieces).map(Some),
                    3,
                )?;
                assert!(
                    same == package,
                    "{start}..{end}: {pieces} pieces ahead, other bytes"
                );
            }
            let (same, _) = package_of(
                &collection,
                |path| behind(path, start, end, 65_536).map(Some),
                2,
            )?;
            assert!(
                same == package,
                "{start}..{end}: deflated behind, other bytes"
            );
            // Its pieces start at `start`, not on the whole file's piece boundaries: the
            // bytes show that the pieces from `start` went in.
            let (whole, _) = package_on(&collection, 2)?;
            assert!(whole != package, "{start}..{end}: not cut from its start");
        }
        Ok(())
    }

    /// A destination that takes `room` bytes, then fails.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::other("no room left"));
            }
            let took = buf.len().min(self.room);
            self.room -= took;
            Ok(took)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_destination_that_fails_while_the_pieces_ahead_go_out_stops_the_package() -> TestResult {
        // The pieces after those deflated ahead are being deflated meanwhile: the threads
        // stop, and the destination's error comes back.
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("collection.anki2");
        std::fs::write(&path, collection_like(6 * PIECE))?;
        for room in [0, 100, 300_000] {
            let ahead = ahead_by(&path, 4096, 2)?;
            let err = write_package_on(&mut Full { room }, &path, Some(ahead), 2)
                .expect_err("a full destination");
            assert_eq!(err.to_string(), "no room left", "{room}");
        }
        Ok(())
    }

    #[test]
    fn an_empty_or_exactly_one_piece_collection_reads_back() -> TestResult {
        for collection in [Vec::new(), collection_like(PIECE)] {
            let (_, entries) = package_on(&collection, 2)?;
            assert_eq!(entries[0].1, collection);
        }
        Ok(())
    }
}
