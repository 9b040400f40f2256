//! The collection's large tables and their indexes, written straight into SQLite's file
//! format (<https://sqlite.org/fileformat2.html>).
//!
//! SQLite makes the file: the schema, the `col` row, and an empty root page for every
//! table and index. The rows of the large tables are all known before they go in, a
//! table's by rowid and an index's once sorted here, so each b-tree is built from the
//! bottom up, page after page appended to the file, and its top page written over the
//! empty root SQLite left. Through SQLite the same rows cost most of the export in its
//! statement, b-tree and sorter machinery. What SQLite itself says of the result
//! (`PRAGMA integrity_check`, which also matches every index entry to its row) is what
//! the tests ask.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::mpsc;

use super::package::{Ahead, Behind};

/// Page types, the first byte of a b-tree page.
const TABLE_LEAF: u8 = 0x0d;
const TABLE_INTERIOR: u8 = 0x05;
const INDEX_LEAF: u8 = 0x0a;
const INDEX_INTERIOR: u8 = 0x02;

/// Where the header's page count lies: SQLite trusts it only while it matches the file.
const PAGE_COUNT_AT: u64 = 28;

/// The pages of a database file that SQLite made, with more appended after its own. Only
/// SQLite's own pages are ever written over (the roots); an appended page is written once,
/// which is what lets the package deflate it as soon as it is in the file.
pub(super) struct Pages {
    file: File,
    size: usize,
    /// How many pages SQLite made.
    made: u32,
    count: u32,
    /// Told how many bytes of the file are written, after each page appended; closed
    /// before `behind` is waited for (fields drop in this order).
    written: Option<mpsc::Sender<u64>>,
    /// Deflating the pages appended, as they come.
    behind: Option<Behind>,
    /// A page being laid out, kept to save an allocation per page.
    page: Vec<u8>,
}

impl Pages {
    /// The pages of the database in `file`, as its header gives them.
    pub(super) fn of(mut file: File) -> io::Result<Pages> {
        let mut header = [0u8; 100];
        file.seek(SeekFrom::Start(0))?;
        file.read_exact(&mut header)?;
        let size = match u16::from_be_bytes([header[16], header[17]]) {
            1 => 65536,
            size => usize::from(size),
        };
        // Bytes kept at the end of each page (for a checksum, say) would change every
        // rule below; SQLite as recall builds it keeps none.
        if header[20] != 0 || size < 512 {
            return Err(io::Error::other(
                "a database whose pages are not laid out plainly",
            ));
        }
        let count = u32::from_be_bytes([header[28], header[29], header[30], header[31]]);
        Ok(Pages {
            file,
            size,
            made: count,
            count,
            written: None,
            behind: None,
            page: Vec::with_capacity(size),
        })
    }

    /// Has the pages appended from now on deflated on another thread as they come, from
    /// the file at `path` into a new file at `into`. Without a thread to be had, they are
    /// deflated with the rest when the package is written.
    pub(super) fn deflate_behind(&mut self, path: &Path, into: &Path) {
        let from = u64::from(self.count) * self.size as u64;
        if let Some((behind, written)) = Behind::start(path, from, into) {
            self.written = Some(written);
            self.behind = Some(behind);
        }
    }

    /// Lays out a page of `cells` and appends it; returns its number.
    fn append(&mut self, kind: u8, cells: &Cells, right: Option<u32>) -> io::Result<u32> {
        self.lay_out(kind, cells, right);
        self.append_laid_out()
    }

    /// Appends `chunk` as an overflow page that goes on at page `next` (0: the last).
    fn append_overflow(&mut self, next: u32, chunk: &[u8]) -> io::Result<u32> {
        self.page.clear();
        self.page.extend_from_slice(&next.to_be_bytes());
        self.page.extend_from_slice(chunk);
        self.page.resize(self.size, 0);
        self.append_laid_out()
    }

    fn append_laid_out(&mut self) -> io::Result<u32> {
        let number = self.count + 1;
        self.write(number)?;
        self.count = number;
        if let Some(written) = &self.written {
            // A receiver gone has failed, and says so when it is joined.
            let _ = written.send(u64::from(number) * self.size as u64);
        }
        Ok(number)
    }

    /// Lays out a page of `cells` and writes it over page `number`, one SQLite made (not
    /// the first, which holds the file's header and the schema).
    fn put(&mut self, number: u32, kind: u8, cells: &Cells, right: Option<u32>) -> io::Result<()> {
        if number < 2 || number > self.made {
            return Err(io::Error::other(format!(
                "page {number} is not a page SQLite made, to be written over"
            )));
        }
        self.lay_out(kind, cells, right);
        self.write(number)
    }

    /// Lays out a page of `cells` (with `right`, the right-most child of an interior page):
    /// the cells one after the other up to the end of the page, their pointers after the
    /// header, zeros between.
    fn lay_out(&mut self, kind: u8, cells: &Cells, right: Option<u32>) {
        let content = self.size - cells.bytes.len();
        self.page.clear();
        self.page.push(kind);
        // No free block; the cell count; where the cells start (0 standing for 65536); no
        // fragmented bytes.
        self.page.extend_from_slice(&[0, 0]);
        self.page
            .extend_from_slice(&(cells.ends.len() as u16).to_be_bytes());
        self.page.extend_from_slice(&(content as u16).to_be_bytes());
        self.page.push(0);
        if let Some(right) = right {
            self.page.extend_from_slice(&right.to_be_bytes());
        }
        let mut start = 0;
        for &end in &cells.ends {
            self.page
                .extend_from_slice(&((content + start) as u16).to_be_bytes());
            start = end;
        }
        self.page.resize(content, 0);
        self.page.extend_from_slice(&cells.bytes);
    }

    fn write(&mut self, number: u32) -> io::Result<()> {
        let at = u64::from(number - 1) * self.size as u64;
        self.file.seek(SeekFrom::Start(at))?;
        self.file.write_all(&self.page)
    }

    /// Puts the page count in the file's header, once every page is in; returns what of
    /// the file is deflated already.
    pub(super) fn finish(mut self) -> io::Result<Option<Ahead>> {
        self.file.seek(SeekFrom::Start(PAGE_COUNT_AT))?;
        self.file.write_all(&self.count.to_be_bytes())?;
        self.file.flush()?;
        self.written = None;
        self.behind.take().map(Behind::finish).transpose()
    }

    /// The most payload a table leaf cell holds in its page; more overflows.
    fn table_local_max(&self) -> usize {
        self.size - 35
    }

    /// The least payload an overflowing cell keeps in its page.
    fn local_min(&self) -> usize {
        (self.size - 12) * 32 / 255 - 23
    }

    /// The most payload an index cell holds in its page. Index keys here are a few
    /// integers, far below it.
    fn index_local_max(&self) -> usize {
        (self.size - 12) * 64 / 255 - 23
    }
}

/// The cells of a page being filled, in key order, back to back.
#[derive(Default)]
struct Cells {
    bytes: Vec<u8>,
    /// Where each cell ends in `bytes`.
    ends: Vec<usize>,
}

impl Cells {
    /// Whether a page with a `header` of this many bytes holds one more cell of `len`.
    fn fits(&self, header: usize, len: usize, page: usize) -> bool {
        header + 2 * (self.ends.len() + 1) + self.bytes.len() + len <= page
    }

    fn push(&mut self, cell: &[u8]) {
        self.bytes.extend_from_slice(cell);
        self.ends.push(self.bytes.len());
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    /// Takes the last cell off.
    fn pop(&mut self) {
        self.ends.pop();
        self.bytes.truncate(self.ends.last().copied().unwrap_or(0));
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

const LEAF_HEADER: usize = 8;
const INTERIOR_HEADER: usize = 12;

/// One row's values, encoded as SQLite's record format: a header of serial types, then
/// the values, integers in as few bytes as hold them.
#[derive(Default)]
pub(super) struct Record {
    header: Vec<u8>,
    body: Vec<u8>,
}

impl Record {
    pub(super) fn clear(&mut self) {
        self.header.clear();
        self.body.clear();
    }

    /// NULL: what an `INTEGER PRIMARY KEY` column holds in the record, the rowid being
    /// its value.
    pub(super) fn null(&mut self) -> &mut Self {
        self.header.push(0);
        self
    }

    pub(super) fn int(&mut self, value: i64) -> &mut Self {
        let (serial, len) = match value {
            0 => (8, 0),
            1 => (9, 0),
            -0x80..=0x7f => (1, 1),
            -0x8000..=0x7fff => (2, 2),
            -0x80_0000..=0x7f_ffff => (3, 3),
            -0x8000_0000..=0x7fff_ffff => (4, 4),
            -0x8000_0000_0000..=0x7fff_ffff_ffff => (5, 6),
            _ => (6, 8),
        };
        self.header.push(serial);
        if len > 0 {
            // All eight bytes go in, the value's `len` low ones first, and the rest comes
            // off: a copy of a fixed size where one of `len` bytes was a call to memcpy,
            // several million times in an export with its log.
            let start = self.body.len();
            self.body
                .extend_from_slice(&(value << (64 - 8 * len)).to_be_bytes());
            self.body.truncate(start + len);
        }
        self
    }

    pub(super) fn real(&mut self, value: f64) -> &mut Self {
        self.header.push(7);
        self.body.extend_from_slice(&value.to_bits().to_be_bytes());
        self
    }

    pub(super) fn text(&mut self, value: &str) -> &mut Self {
        put_varint(&mut self.header, 13 + 2 * value.len() as u64);
        self.body.extend_from_slice(value.as_bytes());
        self
    }

    /// The header's length, which counts the varint that says it.
    fn header_len(&self) -> usize {
        let mut len = self.header.len() + 1;
        while self.header.len() + varint_len(len as u64) != len {
            len = self.header.len() + varint_len(len as u64);
        }
        len
    }

    /// The record's bytes, after whatever `out` holds.
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(out, self.header_len() as u64);
        out.extend_from_slice(&self.header);
        out.extend_from_slice(&self.body);
    }

    fn len(&self) -> usize {
        self.header_len() + self.body.len()
    }
}

/// SQLite's variable-length integer: 7 bits a byte, high bits first, the high bit set on
/// every byte but the last; a ninth byte, when needed, carries 8.
fn put_varint(out: &mut Vec<u8>, value: u64) {
    if value < 0x80 {
        out.push(value as u8);
        return;
    }
    let len = varint_len(value);
    let mut bytes = [0u8; 9];
    let mut rest = value;
    if len == 9 {
        bytes[8] = value as u8;
        rest >>= 8;
    }
    for byte in bytes[..len.min(8)].iter_mut().rev() {
        *byte = (rest as u8 & 0x7f) | 0x80;
        rest >>= 7;
    }
    if len < 9 {
        bytes[len - 1] &= 0x7f;
    }
    // As in `Record::int`: nine bytes copied, the ones past the varint taken off.
    let start = out.len();
    out.extend_from_slice(&bytes);
    out.truncate(start + len);
}

fn varint_len(value: u64) -> usize {
    match value {
        v if v >> 56 != 0 => 9,
        v => (64 - v.leading_zeros() as usize).div_ceil(7).max(1),
    }
}

/// A table's b-tree, built as rows come in rowid order: leaves appended as they fill,
/// the interior pages above them at the end.
pub(super) struct Table {
    root: u32,
    leaf: Cells,
    /// The leaves appended so far, each with its largest rowid.
    children: Vec<(u32, i64)>,
    last: Option<i64>,
    cell: Vec<u8>,
}

impl Table {
    /// The table whose root SQLite made at page `root`, empty.
    pub(super) fn new(root: u32) -> Table {
        Table {
            root,
            leaf: Cells::default(),
            children: Vec::new(),
            last: None,
            cell: Vec::new(),
        }
    }

    /// The largest rowid in, if any.
    pub(super) fn last(&self) -> Option<i64> {
        self.last
    }

    /// Adds a row after the others: its rowid must be larger than theirs.
    pub(super) fn push(
        &mut self,
        pages: &mut Pages,
        rowid: i64,
        record: &Record,
    ) -> io::Result<()> {
        if self.last.is_some_and(|last| rowid <= last) {
            return Err(io::Error::other(format!(
                "row {rowid} comes after row {} in a table built in rowid order",
                self.last.unwrap_or_default()
            )));
        }
        let len = record.len();
        if len <= pages.table_local_max() {
            // The usual row: the whole record in the cell, written straight into the leaf.
            let cell = varint_len(len as u64) + varint_len(rowid as u64) + len;
            self.make_room(pages, cell)?;
            put_varint(&mut self.leaf.bytes, len as u64);
            put_varint(&mut self.leaf.bytes, rowid as u64);
            record.put(&mut self.leaf.bytes);
            self.leaf.ends.push(self.leaf.bytes.len());
        } else {
            let mut payload = Vec::with_capacity(len);
            record.put(&mut payload);
            self.cell.clear();
            put_varint(&mut self.cell, len as u64);
            put_varint(&mut self.cell, rowid as u64);
            self.spill(pages, &payload)?;
            self.make_room(pages, self.cell.len())?;
            self.leaf.push(&self.cell);
        }
        self.last = Some(rowid);
        Ok(())
    }

    /// Appends the leaf being filled if a cell of `len` bytes would not fit in it.
    fn make_room(&mut self, pages: &mut Pages, len: usize) -> io::Result<()> {
        if self.leaf.len() > 0 && !self.leaf.fits(LEAF_HEADER, len, pages.size) {
            let page = pages.append(TABLE_LEAF, &self.leaf, None)?;
            self.children.push((page, self.last.unwrap_or_default()));
            self.leaf.clear();
        }
        Ok(())
    }

    /// Ends the cell of a row whose record does not fit in a page: as much of it as
    /// SQLite's rule keeps in the page, the rest in a chain of overflow pages, appended now.
    fn spill(&mut self, pages: &mut Pages, payload: &[u8]) -> io::Result<()> {
        let (max, min) = (pages.table_local_max(), pages.local_min());
        let total = payload.len();
        let spill = min + (total - min) % (pages.size - 4);
        let local = if spill <= max { spill } else { min };
        self.cell.extend_from_slice(&payload[..local]);
        let chunks: Vec<&[u8]> = payload[local..].chunks(pages.size - 4).collect();
        // Overflow pages go one after another, so each one's successor is the next page.
        let first = pages.count + 1;
        for (i, chunk) in chunks.iter().enumerate() {
            let next = if i + 1 == chunks.len() {
                0
            } else {
                pages.count + 2
            };
            pages.append_overflow(next, chunk)?;
        }
        self.cell.extend_from_slice(&first.to_be_bytes());
        Ok(())
    }

    /// Writes what is left: the last leaf and the interior pages, the top one over the
    /// root. A table that took no row keeps the empty root SQLite made.
    pub(super) fn finish(mut self, pages: &mut Pages) -> io::Result<()> {
        let Some(last) = self.last else {
            return Ok(());
        };
        if self.children.is_empty() {
            return pages.put(self.root, TABLE_LEAF, &self.leaf, None);
        }
        let page = pages.append(TABLE_LEAF, &self.leaf, None)?;
        self.children.push((page, last));
        let mut children = self.children;
        let mut cells = Cells::default();
        let mut cell = Vec::new();
        loop {
            // A page holds cells for children a..b, each with the child's largest rowid,
            // and child b as its right-most; the next page starts at child b + 1.
            let mut above = Vec::new();
            let mut a = 0;
            while a < children.len() {
                cells.clear();
                let mut b = a;
                while b + 1 < children.len() {
                    cell.clear();
                    cell.extend_from_slice(&children[b].0.to_be_bytes());
                    put_varint(&mut cell, children[b].1 as u64);
                    if !cells.fits(INTERIOR_HEADER, cell.len(), pages.size) {
                        break;
                    }
                    cells.push(&cell);
                    b += 1;
                }
                // A last page with no cell, only a right-most child, is no page SQLite
                // writes: this one gives it its last cell.
                if b + 2 == children.len() && cells.len() > 1 {
                    cells.pop();
                    b -= 1;
                }
                let right = children[b];
                if a == 0 && b + 1 == children.len() {
                    return pages.put(self.root, TABLE_INTERIOR, &cells, Some(right.0));
                }
                let page = pages.append(TABLE_INTERIOR, &cells, Some(right.0))?;
                above.push((page, right.1));
                a = b + 1;
            }
            children = above;
        }
    }
}

/// Writes the b-tree of an index whose root SQLite made at page `root`: `count` entries,
/// in SQLite's order (key columns, then rowid), entry `i`'s record put by `entry(i)`.
/// Built from the bottom: leaves filled in order, each followed by the entry that parts
/// it from the next, which goes up into the level above (an index keeps every entry
/// once: in a leaf, or in an interior page between two children).
pub(super) fn write_index(
    pages: &mut Pages,
    root: u32,
    count: usize,
    mut entry: impl FnMut(usize, &mut Record),
) -> io::Result<()> {
    if count == 0 {
        return Ok(());
    }
    let max = pages.index_local_max();
    let mut record = Record::default();
    let mut cell = Vec::new();
    // Entry `i`'s record, and its length.
    let mut record_of = |i: usize, record: &mut Record| -> io::Result<usize> {
        record.clear();
        entry(i, record);
        let len = record.len();
        if len > max {
            return Err(io::Error::other("an index entry too large for its page"));
        }
        Ok(len)
    };

    // The leaves: children[k] and dividers[k] (an entry) lie before children[k + 1].
    let mut children = Vec::new();
    let mut dividers = Vec::new();
    let mut cells = Cells::default();
    let mut a = 0;
    loop {
        cells.clear();
        let mut b = a;
        while b < count {
            let len = record_of(b, &mut record)?;
            if !cells.fits(LEAF_HEADER, varint_len(len as u64) + len, pages.size) {
                break;
            }
            put_varint(&mut cells.bytes, len as u64);
            record.put(&mut cells.bytes);
            cells.ends.push(cells.bytes.len());
            b += 1;
        }
        if b == count {
            if children.is_empty() {
                return pages.put(root, INDEX_LEAF, &cells, None);
            }
            children.push(pages.append(INDEX_LEAF, &cells, None)?);
            break;
        }
        // Entry b parts this leaf from the next; were it the last entry, the next leaf
        // would be empty, so the entry before it parts them instead.
        if b + 1 == count {
            if cells.len() < 2 {
                return Err(io::Error::other("an index entry too large for its page"));
            }
            cells.pop();
            b -= 1;
        }
        children.push(pages.append(INDEX_LEAF, &cells, None)?);
        dividers.push(b);
        a = b + 1;
    }

    // The levels above, until one page holds them all: the root.
    loop {
        let mut above = Vec::new();
        let mut above_dividers = Vec::new();
        let n = dividers.len();
        let mut a = 0;
        loop {
            cells.clear();
            let mut b = a;
            while b < n {
                let len = record_of(dividers[b], &mut record)?;
                cell.clear();
                cell.extend_from_slice(&children[b].to_be_bytes());
                put_varint(&mut cell, len as u64);
                record.put(&mut cell);
                if !cells.fits(INTERIOR_HEADER, cell.len(), pages.size) {
                    break;
                }
                cells.push(&cell);
                b += 1;
            }
            if b == n {
                if above.is_empty() {
                    return pages.put(root, INDEX_INTERIOR, &cells, Some(children[n]));
                }
                above.push(pages.append(INDEX_INTERIOR, &cells, Some(children[n]))?);
                break;
            }
            // Child b ends this page, divider b goes up; as with the leaves, the next
            // page must keep a cell.
            if b + 1 == n {
                if cells.len() < 2 {
                    return Err(io::Error::other("an index entry too large for its page"));
                }
                cells.pop();
                b -= 1;
            }
            above.push(pages.append(INDEX_INTERIOR, &cells, Some(children[b]))?);
            above_dividers.push(dividers[b]);
            a = b + 1;
        }
        children = above;
        dividers = above_dividers;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rusqlite::Connection;
    use rusqlite::types::Value;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// A row of the test table `t (id INTEGER PRIMARY KEY, k INTEGER, v)`, indexed on `k`.
    #[derive(Debug, Clone)]
    struct Row {
        id: i64,
        k: i64,
        v: Value,
    }

    /// A database of `page` bytes a page with the test table and its index made by SQLite,
    /// then `rows` (in rowid order) written here; returns its connection.
    fn written(
        dir: &tempfile::TempDir,
        page: usize,
        rows: &[Row],
    ) -> Result<Connection, Box<dyn std::error::Error>> {
        let path = dir.path().join("t.db");
        let conn = Connection::open(&path)?;
        conn.execute_batch(&format!(
            "PRAGMA page_size = {page}; PRAGMA journal_mode = OFF;
             CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, v);
             CREATE INDEX t_k ON t (k);
             CREATE TABLE other (x INTEGER PRIMARY KEY, y TEXT);
             INSERT INTO other VALUES (1, 'made by SQLite');"
        ))?;
        let root = |name: &str| -> rusqlite::Result<u32> {
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
        };
        let (table_root, index_root) = (root("t")?, root("t_k")?);
        drop(conn);

        let file = File::options().read(true).write(true).open(&path)?;
        let mut pages = Pages::of(file)?;
        let mut table = Table::new(table_root);
        let mut record = Record::default();
        for row in rows {
            record.clear();
            record.null().int(row.k);
            match &row.v {
                Value::Null => record.null(),
                Value::Integer(i) => record.int(*i),
                Value::Real(r) => record.real(*r),
                Value::Text(t) => record.text(t),
                Value::Blob(_) => unreachable!("no blobs in the test rows"),
            };
            table.push(&mut pages, row.id, &record)?;
        }
        table.finish(&mut pages)?;
        let mut keys: Vec<(i64, i64)> = rows.iter().map(|r| (r.k, r.id)).collect();
        keys.sort_unstable();
        write_index(&mut pages, index_root, keys.len(), |i, record| {
            record.int(keys[i].0).int(keys[i].1);
        })?;
        pages.finish()?;
        Ok(Connection::open(&path)?)
    }

    /// What SQLite finds wrong with the file: empty when nothing.
    fn problems(conn: &Connection) -> Result<Vec<String>, rusqlite::Error> {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found.into_iter().filter(|line| line != "ok").collect())
    }

    fn read_back(conn: &Connection) -> Result<Vec<(i64, i64, Value)>, rusqlite::Error> {
        let mut stmt = conn.prepare("SELECT id, k, v FROM t ORDER BY id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect()
    }

    fn check(page: usize, rows: &[Row]) -> TestResult {
        let dir = tempfile::tempdir()?;
        let conn = written(&dir, page, rows)?;
        assert_eq!(problems(&conn)?, Vec::<String>::new());
        let expected: Vec<(i64, i64, Value)> =
            rows.iter().map(|r| (r.id, r.k, r.v.clone())).collect();
        assert_eq!(read_back(&conn)?, expected);
        // The index answers on its own, in its order.
        let mut by_key: Vec<(i64, i64)> = rows.iter().map(|r| (r.k, r.id)).collect();
        by_key.sort_unstable();
        let mut stmt = conn.prepare("SELECT k, id FROM t INDEXED BY t_k ORDER BY k, id")?;
        let found: Vec<(i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(found, by_key);
        // SQLite goes on writing the file as its own.
        conn.execute_batch(
            "INSERT INTO t (k, v) VALUES (7, 'after'); DELETE FROM t WHERE id % 3 = 0;",
        )?;
        assert_eq!(problems(&conn)?, Vec::<String>::new());
        let other: String = conn.query_row("SELECT y FROM other", [], |r| r.get(0))?;
        assert_eq!(other, "made by SQLite");
        Ok(())
    }

    fn rows(count: i64, text: impl Fn(i64) -> String) -> Vec<Row> {
        (1..=count)
            .map(|i| Row {
                id: i * 3 + 1_700_000_000_000,
                k: (i * 7919) % 101 - 50,
                v: Value::Text(text(i)),
            })
            .collect()
    }

    #[test]
    fn varints_and_records_read_back_as_sqlite_reads_them() -> TestResult {
        let conn = Connection::open_in_memory()?;
        for value in [
            0u64,
            1,
            127,
            128,
            16_383,
            16_384,
            (1 << 56) - 1,
            1 << 56,
            u64::MAX,
        ] {
            // After other bytes, which it must leave as they are.
            let mut bytes = vec![0xff];
            put_varint(&mut bytes, value);
            assert_eq!(bytes[0], 0xff);
            let varint = &bytes[1..];
            assert_eq!(varint.len(), varint_len(value), "{value}");
            // Read back as SQLite reads one: 7 bits a byte while the high bit is set, 8 in
            // a ninth.
            let mut read = 0u64;
            for (i, &byte) in varint.iter().enumerate() {
                if i == 8 {
                    read = (read << 8) | u64::from(byte);
                    break;
                }
                read = (read << 7) | u64::from(byte & 0x7f);
                assert_eq!(byte & 0x80 == 0, i + 1 == varint.len(), "{value}: byte {i}");
            }
            assert_eq!(read, value);
        }
        // Every width of integer, and texts whose serial types take one and two bytes.
        let ints = [
            0,
            1,
            -1,
            127,
            -128,
            300,
            -40_000,
            8_000_000,
            -3_000_000_000,
            1 << 47,
            -(1 << 47) - 1,
            i64::MAX,
            i64::MIN,
        ];
        let texts = ["", "short", &"ж".repeat(40), &"x".repeat(70_000)];
        // SQLite reads the record back as a row of a table written here.
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("r.db");
        let columns: Vec<String> = (0..ints.len() + texts.len() + 2)
            .map(|i| format!("c{i}"))
            .collect();
        let setup = Connection::open(&path)?;
        setup.execute_batch(&format!(
            "PRAGMA page_size = 1024; CREATE TABLE r (id INTEGER PRIMARY KEY, {});",
            columns.join(", ")
        ))?;
        let root: u32 = setup.query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'r'",
            [],
            |r| r.get(0),
        )?;
        drop((setup, conn));
        let mut full = Record::default();
        full.null();
        for &i in &ints {
            full.int(i);
        }
        for t in texts {
            full.text(t);
        }
        full.real(2.5).null();
        let mut bytes = Vec::new();
        full.put(&mut bytes);
        assert_eq!(bytes.len(), full.len());
        let mut pages = Pages::of(File::options().read(true).write(true).open(&path)?)?;
        let mut table = Table::new(root);
        table.push(&mut pages, 5, &full)?;
        table.finish(&mut pages)?;
        pages.finish()?;
        let conn = Connection::open(&path)?;
        assert_eq!(problems(&conn)?, Vec::<String>::new());
        let row: Vec<Value> = conn.query_row(
            &format!("SELECT id, {} FROM r", columns.join(", ")),
            [],
            |r| (0..=columns.len()).map(|i| r.get(i)).collect(),
        )?;
        let mut expected = vec![Value::Integer(5)];
        expected.extend(ints.iter().map(|&i| Value::Integer(i)));
        expected.extend(texts.iter().map(|t| Value::Text(t.to_string())));
        expected.extend([Value::Real(2.5), Value::Null]);
        assert_eq!(row, expected);
        Ok(())
    }

    #[test]
    fn one_page_tables_and_indexes_are_their_roots() -> TestResult {
        check(4096, &rows(3, |i| format!("row {i}")))
    }

    #[test]
    fn an_empty_table_keeps_the_root_sqlite_made() -> TestResult {
        check(4096, &[])
    }

    #[test]
    fn deep_trees_have_every_row_and_entry() -> TestResult {
        // On 512-byte pages, 20,000 rows make three levels of table and four of index.
        check(
            512,
            &rows(20_000, |i| {
                format!("{i:0>width$}", width = (i % 40) as usize)
            }),
        )
    }

    #[test]
    fn long_rows_overflow_into_chains_of_pages() -> TestResult {
        // Lengths around every edge of the rule for what stays in the page.
        check(512, &rows(400, |i| "é".repeat((i as usize * 37) % 3000)))?;
        check(65536, &rows(30, |i| "ы".repeat(i as usize * 5_000)))
    }

    #[test]
    fn every_count_at_the_edge_of_a_page_makes_a_sound_file() -> TestResult {
        // Rows and entries of one size: on 512-byte pages a table leaf holds 36 rows and
        // an interior page 42 children; an index leaf 42 entries and an interior page 31.
        // So these counts end a level with one child or one entry left over, the cases
        // where the page before must give it a cell.
        let dir = tempfile::tempdir()?;
        let counts = (1..=90).chain(1_400..=1_560);
        for count in counts {
            let rows: Vec<Row> = (0..count)
                .map(|i| Row {
                    id: 1_700_000_000_000 + i,
                    k: 5,
                    v: Value::Text(String::new()),
                })
                .collect();
            let conn = written(&dir, 512, &rows)?;
            assert_eq!(problems(&conn)?, Vec::<String>::new(), "{count} rows");
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM t INDEXED BY t_k WHERE k = 5",
                [],
                |r| r.get(0),
            )?;
            assert_eq!(n, count);
            drop(conn);
            std::fs::remove_file(dir.path().join("t.db"))?;
        }
        Ok(())
    }

    #[test]
    fn rows_out_of_order_are_refused() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("t.db");
        Connection::open(&path)?.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY)")?;
        let mut pages = Pages::of(File::options().read(true).write(true).open(&path)?)?;
        let mut table = Table::new(2);
        let mut record = Record::default();
        record.null();
        table.push(&mut pages, 5, &record)?;
        assert!(table.push(&mut pages, 5, &record).is_err());
        assert!(table.push(&mut pages, 4, &record).is_err());
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the rows, SQLite finds the file sound and reads back what went in.
        #[test]
        fn any_rows_make_a_sound_file(
            gaps in prop::collection::vec((1i64..1_000_000, -5i64..5, 0usize..2_000), 0..1_500),
            page in prop::sample::select(vec![512usize, 1024, 4096]),
        ) {
            let mut id = -3;
            let rows: Vec<Row> = gaps
                .iter()
                .map(|&(gap, k, len)| {
                    id += gap;
                    Row { id, k, v: Value::Text("q".repeat(len)) }
                })
                .collect();
            check(page, &rows).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }
}
