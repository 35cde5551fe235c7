//! Packing the objects into a PDF 1.5 file: every stream deflated (spread
//! over the cores), the small dictionaries gathered into compressed object
//! streams, a compressed cross-reference stream, and an `/ID` that is a
//! hash of the file so that the same input gives the same bytes.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use pdf_writer::Stream;
use pdf_writer::{Chunk, Filter, Name, Ref, Settings, Str};

/// Most objects in one object stream. A report's few hundred (pages, fonts,
/// the structure tree's elements) fit in one, which deflates about 5 %
/// smaller than two; a reader parses one stream's index of offsets to find
/// any of them, which stays small at this size.
const PER_OBJECT_STREAM: usize = 1_000;

/// Extra entries of a stream dictionary, written when the stream is.
type Extra<'a> = Box<dyn FnOnce(&mut Stream<'_>) + 'a>;

/// A stream waiting to be deflated and written.
struct Pending<'a> {
    id: Ref,
    /// How the stream is deflated (`None`: it is not).
    deflate: Option<Level>,
    data: Cow<'a, [u8]>,
    extra: Extra<'a>,
}

/// How a stream is deflated. A font program is the longest single task of
/// a build, and what deflate finds in it is mostly in its bytes'
/// frequencies: a CFF program's charstrings are already a compact code, so
/// they are Huffman-coded only ([`huffman_only`](super::huffman_only)); on
/// the benchmark report the body face's 194 KB come out 2.7 % larger than
/// at libdeflate's level 1 (171.7 against 167.1 KB) in about a quarter of
/// the time. A TrueType program (glyph outlines that do repeat) and the
/// pages' content streams (the serial end of a build) at libdeflate's
/// level 1: on the benchmark, 292 and 954 bytes more than at level 6 for a
/// third and a half of the time; and so is everything else (object
/// streams, ToUnicode maps), 1.8 KB more than at level 6 for two million
/// instructions less, all of it on the writing thread. docs/benchmark.md
/// has the figures (issue 76).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Level {
    /// A CFF font program (Huffman coding only).
    Cff,
    /// Any other stream: a TrueType font program, the pages' content
    /// streams, object streams, ToUnicode maps (libdeflate's level 1).
    Fast,
}

impl Level {
    /// libdeflate's level; `None` for Huffman coding only.
    fn libdeflate(self) -> Option<i32> {
        match self {
            Level::Cff => None,
            Level::Fast => Some(1),
        }
    }
}

/// The objects of one file, numbered from 1 in the order asked for.
pub(crate) struct Objects<'a> {
    next: i32,
    /// Dictionaries and other small objects, bound for object streams.
    small: Chunk,
    /// Each small object's id and its byte range in `small`.
    spans: Vec<(Ref, usize, usize)>,
    streams: Vec<Pending<'a>>,
}

impl<'a> Objects<'a> {
    /// No objects yet.
    pub(crate) fn new() -> Self {
        Objects {
            next: 1,
            small: Chunk::with_settings(compact()),
            spans: Vec::new(),
            streams: Vec::new(),
        }
    }

    /// A new object number.
    pub(crate) fn next_ref(&mut self) -> Ref {
        let r = Ref::new(self.next);
        self.next += 1;
        r
    }

    /// Adds object `id`, which `write` writes into the chunk it is given
    /// (one indirect object, nothing else).
    pub(crate) fn small(&mut self, id: Ref, write: impl FnOnce(&mut Chunk)) {
        let start = self.small.len();
        write(&mut self.small);
        self.spans.push((id, start, self.small.len()));
    }

    /// Adds stream `id` holding `data`; `extra` adds entries to its
    /// dictionary besides `/Length` and `/Filter`.
    pub(crate) fn stream(
        &mut self,
        id: Ref,
        data: impl Into<Cow<'a, [u8]>>,
        extra: impl FnOnce(&mut Stream<'_>) + 'a,
    ) {
        self.stream_at(id, data, Level::Fast, extra);
    }

    /// [`Objects::stream`] deflated at `level`.
    pub(crate) fn stream_at(
        &mut self,
        id: Ref,
        data: impl Into<Cow<'a, [u8]>>,
        level: Level,
        extra: impl FnOnce(&mut Stream<'_>) + 'a,
    ) {
        self.streams.push(Pending {
            id,
            deflate: Some(level),
            data: data.into(),
            extra: Box::new(extra),
        });
    }

    /// Adds stream `id` holding `data` as it is, never deflated (the XMP
    /// metadata, which PDF/A wants readable without a filter).
    pub(crate) fn plain_stream(
        &mut self,
        id: Ref,
        data: Vec<u8>,
        extra: impl FnOnce(&mut Stream<'_>) + 'a,
    ) {
        self.stream(id, data, extra);
        if let Some(s) = self.streams.last_mut() {
            s.deflate = None;
        }
    }

    /// The file, with `catalog` as its root and `info` as its document
    /// information.
    pub(crate) fn finish(mut self, catalog: Ref, info: Ref) -> Vec<u8> {
        // The object streams join the streams to deflate.
        let mut packed = Vec::new(); // (id, its object stream, index in it)
        let mut loose = Vec::new(); // small objects that could not be packed
        let groups: Vec<Vec<(Ref, usize, usize)>> = self
            .spans
            .chunks(PER_OBJECT_STREAM)
            .map(<[_]>::to_vec)
            .collect();
        for group in groups {
            let id = self.next_ref();
            let (data, first, members) = object_stream(self.small.as_bytes(), &group, &mut loose);
            let n = members.len() as i32;
            packed.extend(members.iter().enumerate().map(|(i, &m)| (m, id, i)));
            self.stream(id, data, move |s| {
                s.pair(Name(b"Type"), Name(b"ObjStm"));
                s.pair(Name(b"N"), n);
                s.pair(Name(b"First"), first);
            });
        }
        let deflated = deflate_all(&self.streams);
        let xref = self.next_ref();
        let mut file = Vec::with_capacity(
            deflated
                .iter()
                .zip(&self.streams)
                .map(|(d, s)| d.as_ref().map_or(s.data.len(), |d| d.len()) + 100)
                .sum::<usize>()
                + 1024,
        );
        file.extend_from_slice(b"%PDF-1.5\n%\x80\x80\x80\x80\n");
        let mut offsets = Vec::new(); // (id, offset in the file)
        for (s, deflated) in self.streams.into_iter().zip(deflated) {
            offsets.push((s.id, file.len()));
            let data = deflated.as_deref().unwrap_or(&s.data);
            // Room for the data and its dictionary: no regrowing.
            let mut chunk = Chunk::with_settings_and_capacity(compact(), data.len() + 256);
            let mut stream = chunk.stream(s.id, data);
            if deflated.is_some() {
                stream.filter(Filter::FlateDecode);
            }
            (s.extra)(&mut stream);
            drop(stream);
            file.extend_from_slice(chunk.as_bytes());
        }
        for (id, start, end) in loose {
            offsets.push((id, file.len()));
            file.extend_from_slice(&self.small.as_bytes()[start..end]);
        }
        let trailer = Trailer {
            catalog,
            info,
            id: file_id(&file),
        };
        write_xref(&mut file, xref, &offsets, &packed, &trailer);
        file
    }
}

/// Compact serialization (no indentation).
fn compact() -> Settings {
    Settings { pretty: false }
}

/// An object stream of the small objects `group` (id and byte range of
/// each in `small`): its uncompressed data, the offset of the first object
/// in it (`/First`) and the ids it holds, in order. An object whose bytes
/// are not one indirect object as pdf-writer writes them goes to `loose`
/// and is written on its own.
fn object_stream(
    small: &[u8],
    group: &[(Ref, usize, usize)],
    loose: &mut Vec<(Ref, usize, usize)>,
) -> (Vec<u8>, i32, Vec<Ref>) {
    use std::fmt::Write;
    let mut index = String::new();
    let mut bodies: Vec<u8> = Vec::new();
    let mut members = Vec::new();
    let mut head = String::new();
    for &(id, start, end) in group {
        let object = &small[start..end];
        // Into buffers kept from one object to the next (writing into a
        // `String` cannot fail).
        head.clear();
        let _ = writeln!(head, "{} 0 obj", id.get());
        let Some(body) = object
            .strip_prefix(head.as_bytes())
            .and_then(|b| b.strip_suffix(b"\nendobj\n"))
        else {
            loose.push((id, start, end));
            continue;
        };
        if !members.is_empty() {
            bodies.push(b'\n');
        }
        let _ = write!(index, "{} {} ", id.get(), bodies.len());
        bodies.extend_from_slice(body);
        members.push(id);
    }
    index.pop();
    index.push('\n');
    let first = index.len() as i32;
    let mut data = index.into_bytes();
    data.extend_from_slice(&bodies);
    (data, first, members)
}

/// Each stream deflated (at its [`Level`]), spread over the cores; `None`
/// where that would not make it smaller by more than the `/Filter` entry
/// costs (lopdf's rule). The result does not depend on the number of
/// threads.
fn deflate_all(streams: &[Pending<'_>]) -> Vec<Option<Deflated>> {
    deflate_all_with(streams, &KEPT)
}

/// Streams at least this long are kept deflated in [`KEPT`]: in practice
/// the body faces' programs, which a batch's reports share. A stream
/// deflated ahead ([`deflate_ahead`]: a smaller face's program) is kept
/// whatever its length, for the file that holds it.
const KEEP_FROM: usize = 32 * 1024;

/// Most streams kept deflated (the oldest goes first).
const KEEP_MOST: usize = 8;

/// Streams longer than this are not kept (a long-running server would hold
/// 8 of them): a body face's subset is a few hundred kilobytes.
const KEEP_UP_TO: usize = 1024 * 1024;

/// Large streams already deflated in this process, with their bytes: the
/// same body face subset in the next report of a batch, or in the next
/// rebuild of the workbench, is not deflated again. Looked up by comparing
/// the whole stream, so a hit is exact.
static KEPT: Kept = Mutex::new(Vec::new());

type Kept = Mutex<Vec<(Arc<[u8]>, Level, Option<Arc<Vec<u8>>>)>>;

/// A stream's deflated bytes: made for this file, or shared with [`KEPT`]
/// (the body face's program, deflated ahead on the other core: the file
/// takes them without a copy).
#[derive(Debug, Clone, PartialEq)]
enum Deflated {
    /// Deflated for this file alone.
    Made(Vec<u8>),
    /// The bytes kept in [`KEPT`], shared.
    Kept(Arc<Vec<u8>>),
}

impl std::ops::Deref for Deflated {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Deflated::Made(bytes) => bytes,
            Deflated::Kept(bytes) => bytes,
        }
    }
}

fn deflate_all_with(streams: &[Pending<'_>], kept: &Kept) -> Vec<Option<Deflated>> {
    use rayon::prelude::*;
    // Largest first, one stream a task: the body face's program (most of the
    // work) starts at once and the other core takes the rest beside it.
    let data: Vec<(&[u8], Option<Level>)> = streams.iter().map(|s| (&*s.data, s.deflate)).collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(data[i].0.len()));
    let deflated: Vec<Option<Deflated>> = order
        .par_iter()
        .with_max_len(1)
        .map(|&i| {
            let (d, level) = data[i];
            deflate_kept(d, level?, kept, false)
        })
        .collect();
    let mut out = vec![None; streams.len()];
    for (i, z) in order.into_iter().zip(deflated) {
        out[i] = z;
    }
    out
}

/// Deflates `data` now into [`KEPT`], so that the file that holds it later
/// finds it there; nothing for a stream too long to be kept (it would be
/// deflated again).
pub(crate) fn deflate_ahead(data: &[u8], level: Level) {
    if data.len() <= KEEP_UP_TO {
        deflate_kept(data, level, &KEPT, true);
    }
}

/// `data` deflated (`None` where that does not make it smaller by more than
/// the `/Filter` entry costs) at `level`, from `kept` or into it when it
/// is deflated `ahead` or its length is one that is kept.
fn deflate_kept(d: &[u8], level: Level, kept: &Kept, ahead: bool) -> Option<Deflated> {
    let shrunk = |z: &Vec<u8>| z.len() + 19 < d.len();
    if d.len() > KEEP_UP_TO {
        return zlib_at(d, level).filter(shrunk).map(Deflated::Made);
    }
    if let Some(z) = kept.lock().ok().and_then(|k| {
        k.iter()
            .find(|(raw, at, _)| *at == level && **raw == *d)
            .map(|(_, _, z)| z.clone())
    }) {
        return z.map(Deflated::Kept);
    }
    let z = zlib_at(d, level).filter(shrunk);
    if !ahead && d.len() < KEEP_FROM {
        return z.map(Deflated::Made);
    }
    // Kept for the process's life: no room beyond the bytes (libdeflate's
    // buffer was made at its bound).
    let z = z.map(|mut z| {
        z.shrink_to_fit();
        Arc::new(z)
    });
    if let Ok(mut k) = kept.lock() {
        if k.len() >= KEEP_MOST {
            k.remove(0);
        }
        k.push((Arc::from(d), level, z.clone()));
    }
    z.map(Deflated::Kept)
}

/// `data` as a zlib stream at [`Level::Fast`] ([`zlib_at`]).
fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    zlib_at(data, Level::Fast)
}

/// `data` as a zlib stream (header, deflate, Adler-32) at `level`; `None`
/// if that failed (it does not in memory).
///
/// Each thread keeps one libdeflate compressor (it allocates its
/// match finder's tables with it); a compressor carries nothing from one
/// buffer to the next, so the bytes do not depend on which thread deflates
/// which stream.
fn zlib_at(data: &[u8], level: Level) -> Option<Vec<u8>> {
    use libdeflater::{CompressionLvl, Compressor};
    use std::cell::RefCell;
    thread_local! {
        static DEFLATE: RefCell<Option<Compressor>> = const { RefCell::new(None) };
    }
    let Some(libdeflate_level) = level.libdeflate() else {
        return Some(super::huffman_only::zlib(data));
    };
    let with = |z: &mut Compressor| {
        let mut out = vec![0; z.zlib_compress_bound(data.len())];
        let n = z.zlib_compress(data, &mut out).ok()?;
        out.truncate(n);
        Some(out)
    };
    let new = || Compressor::new(CompressionLvl::new(libdeflate_level).unwrap_or_default());
    DEFLATE.with(|kept| match kept.try_borrow_mut() {
        Ok(mut z) => with(z.get_or_insert_with(new)),
        // Not reentered in practice; a fresh one if it ever is.
        Err(_) => with(&mut new()),
    })
}

/// What the cross-reference stream carries besides the offsets.
struct Trailer {
    catalog: Ref,
    info: Ref,
    id: [u8; 16],
}

/// A file identifier from the bytes of the file: two FNV-1a-style hashes
/// over its 8-byte words, with different starting points. Not a
/// cryptographic hash: it only has to differ between documents and stay the
/// same for the same one.
fn file_id(bytes: &[u8]) -> [u8; 16] {
    let fnv = |mut h: u64| {
        for word in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..word.len()].copy_from_slice(word);
            h ^= u64::from_le_bytes(w);
            h = h.wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
        }
        h ^ bytes.len() as u64
    };
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&fnv(0xcbf2_9ce4_8422_2325).to_be_bytes());
    id[8..].copy_from_slice(&fnv(0x6c62_272e_07bb_0142).to_be_bytes());
    id
}

/// Appends the cross-reference stream `xref` (entries for the objects at
/// `offsets` and for those `packed` into object streams), `startxref` and
/// the end-of-file marker.
fn write_xref(
    file: &mut Vec<u8>,
    xref: Ref,
    offsets: &[(Ref, usize)],
    packed: &[(Ref, Ref, usize)],
    trailer: &Trailer,
) {
    let at = file.len();
    let size = xref.get() as usize + 1;
    // Type 0 (free), 1 (offset) or 2 (object stream, index); unused
    // numbers stay free.
    let mut entries = vec![(0u8, 0usize, 0xffffusize); size];
    for &(id, offset) in offsets {
        entries[id.get() as usize] = (1, offset, 0);
    }
    for &(id, stream, i) in packed {
        entries[id.get() as usize] = (2, stream.get() as usize, i);
    }
    entries[xref.get() as usize] = (1, at, 0);
    for e in entries.iter_mut().skip(1).filter(|e| e.0 == 0) {
        e.2 = 0;
    }
    let width = (usize::BITS - at.leading_zeros()).div_ceil(8).max(1) as usize;
    let columns = 3 + width;
    // Each row as its difference from the row above (PNG "Up"), which
    // deflates the rising offsets far better.
    let mut data = Vec::with_capacity(size * (1 + columns));
    let mut above = vec![0u8; columns];
    let mut row = Vec::with_capacity(columns);
    for (kind, field, generation) in entries {
        row.clear();
        row.push(kind);
        row.extend_from_slice(&(field as u64).to_be_bytes()[8 - width..]);
        row.extend_from_slice(&(generation as u16).to_be_bytes());
        data.push(2);
        data.extend(row.iter().zip(&above).map(|(b, a)| b.wrapping_sub(*a)));
        above.clone_from(&row);
    }
    let deflated = zlib(&data);
    let mut chunk = Chunk::with_settings(compact());
    let mut stream = chunk.stream(xref, deflated.as_deref().unwrap_or(&data));
    if deflated.is_some() {
        stream.filter(Filter::FlateDecode);
    }
    stream.pair(Name(b"Type"), Name(b"XRef"));
    stream
        .insert(Name(b"DecodeParms"))
        .dict()
        .pair(Name(b"Predictor"), 12)
        .pair(Name(b"Columns"), columns as i32);
    stream.pair(Name(b"Size"), size as i32);
    stream
        .insert(Name(b"W"))
        .array()
        .items([1, width as i32, 2]);
    stream.pair(Name(b"Root"), trailer.catalog);
    stream.pair(Name(b"Info"), trailer.info);
    stream
        .insert(Name(b"ID"))
        .array()
        .items([Str(&trailer.id), Str(&trailer.id)]);
    drop(stream);
    file.extend_from_slice(chunk.as_bytes());
    file.extend_from_slice(format!("startxref\n{at}\n%%EOF\n").as_bytes());
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// `data` inflated by flate2 (another implementation than the writer's).
    pub(in crate::render::pdf::writer) fn inflate(z: &[u8]) -> Vec<u8> {
        use std::io::Read as _;
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(z)
            .read_to_end(&mut back)
            .unwrap();
        back
    }

    #[test]
    fn a_reused_compressor_gives_the_same_bytes_as_a_new_one() {
        // Like a face's program: repetitive at a distance, not in a row.
        let big: Vec<u8> = (0..300_000u32)
            .map(|i| (u64::from(i / 3) * 2_654_435_761 % 4099 % 256) as u8)
            .collect();
        let first = zlib(&big).unwrap();
        let small = zlib(b"BT /F1 12 Tf ET").unwrap();
        assert_eq!(zlib(&big).unwrap(), first);
        let fresh = std::thread::spawn(move || zlib(b"BT /F1 12 Tf ET").unwrap());
        assert_eq!(fresh.join().unwrap(), small);
        assert_eq!(inflate(&first), big);
        assert_eq!(inflate(&small), b"BT /F1 12 Tf ET");
        assert_eq!(inflate(&zlib(b"").unwrap()), b"");
        assert!(first.len() < big.len() / 3, "{}", first.len());
        // A zlib stream: deflate with a 32 KiB window, header check bits.
        assert_eq!(first[0], 0x78);
        assert_eq!(u16::from_be_bytes([first[0], first[1]]) % 31, 0);
    }

    #[test]
    fn a_program_deflated_ahead_is_kept_whatever_its_length() {
        let kept: Kept = Mutex::new(Vec::new());
        let program: Vec<u8> = (0..4_000).map(|i| (i % 13) as u8).collect();
        assert!(program.len() < KEEP_FROM);
        let ahead = deflate_kept(&program, Level::Cff, &kept, true);
        assert_eq!(ahead.as_deref(), zlib_at(&program, Level::Cff).as_deref());
        assert_eq!(kept.lock().unwrap().len(), 1);
        // The file finds it there, at its level only.
        kept.lock().unwrap()[0].2 = Some(Arc::new(b"kept".to_vec()));
        let stream = |level| Pending {
            id: Ref::new(1),
            deflate: Some(level),
            data: Cow::Borrowed(&program[..]),
            extra: Box::new(|_| {}),
        };
        let found = deflate_all_with(&[stream(Level::Cff)], &kept);
        assert_eq!(found[0].as_deref(), Some(&b"kept"[..]));
        let other = deflate_all_with(&[stream(Level::Fast)], &kept);
        assert_eq!(other[0].as_deref(), zlib(&program).as_deref());
        // A short stream the file deflates itself is not kept.
        assert_eq!(kept.lock().unwrap().len(), 1);
    }

    #[test]
    fn large_streams_are_deflated_once_and_kept() {
        let kept: Kept = Mutex::new(Vec::new());
        let program: Vec<u8> = (0..100_000u32).map(|i| (i * 13 % 97) as u8).collect();
        let pending = |data: Vec<u8>| Pending {
            id: Ref::new(1),
            deflate: Some(Level::Fast),
            data: Cow::Owned(data),
            extra: Box::new(|_| {}),
        };
        let first = deflate_all_with(&[pending(program.clone()), pending(b"q Q".to_vec())], &kept);
        assert_eq!(first[0].as_deref(), zlib(&program).as_deref());
        assert_eq!(first[1], None, "three bytes do not shrink");
        assert_eq!(kept.lock().unwrap().len(), 1, "only the large one is kept");
        // The kept bytes come back for the same stream, and only for it.
        kept.lock().unwrap()[0].2 = Some(Arc::new(b"kept".to_vec()));
        let again = deflate_all_with(&[pending(program.clone())], &kept);
        assert_eq!(again[0].as_deref(), Some(&b"kept"[..]));
        let mut other = program;
        other[50_000] ^= 1;
        let changed = deflate_all_with(&[pending(other.clone())], &kept);
        assert_eq!(changed[0].as_deref(), zlib(&other).as_deref());
        for n in 0..KEEP_MOST + 3 {
            let data: Vec<u8> = (0..KEEP_FROM + n).map(|i| (i % 7) as u8).collect();
            deflate_all_with(&[pending(data)], &kept);
        }
        assert_eq!(kept.lock().unwrap().len(), KEEP_MOST);
        // Too long to keep.
        let huge: Vec<u8> = (0..KEEP_UP_TO + 1).map(|i| (i % 5) as u8).collect();
        let lengths = || -> Vec<usize> {
            let kept = kept.lock().unwrap();
            kept.iter().map(|(r, _, _)| r.len()).collect()
        };
        let before = lengths();
        deflate_all_with(&[pending(huge)], &kept);
        assert_eq!(before, lengths());
    }

    fn two_objects() -> (Objects<'static>, Ref, Ref) {
        let mut objects = Objects::new();
        let (a, b) = (objects.next_ref(), objects.next_ref());
        objects.small(a, |c| {
            c.indirect(a).dict().pair(Name(b"Next"), b);
        });
        objects.small(b, |c| {
            c.indirect(b).primitive(42);
        });
        (objects, a, b)
    }

    #[test]
    fn the_id_changes_with_any_byte_and_with_the_length() {
        let a = vec![7u8; 1001];
        let mut b = a.clone();
        b[500] = 8;
        assert_ne!(file_id(&a), file_id(&b));
        assert_ne!(file_id(&a), file_id(&a[..1000]));
        assert_eq!(file_id(&a), file_id(&a.clone()));
    }

    #[test]
    fn small_objects_go_into_an_object_stream() {
        let (objects, a, b) = two_objects();
        let (data, first, members) =
            object_stream(objects.small.as_bytes(), &objects.spans, &mut Vec::new());
        assert_eq!(members, vec![a, b]);
        assert_eq!(
            String::from_utf8(data).unwrap(),
            "1 0 2 16\n<</Next 2 0 R>>\n42"
        );
        assert_eq!(first, 9);
    }

    #[test]
    fn an_object_not_written_as_expected_is_written_on_its_own() {
        let (objects, a, b) = two_objects();
        // The range of object 1 as if it were object 2.
        let spans = [(b, objects.spans[0].1, objects.spans[0].2)];
        let mut loose = Vec::new();
        let (_, _, members) = object_stream(objects.small.as_bytes(), &spans, &mut loose);
        assert!(members.is_empty());
        assert_eq!(loose, spans);
        let _ = a;
    }

    #[test]
    fn the_file_reads_back_and_its_id_is_a_hash_of_it() {
        let (mut objects, a, _) = two_objects();
        let s = objects.next_ref();
        objects.stream(s, vec![b'x'; 1000], |st| {
            st.pair(Name(b"Length1"), 1000);
        });
        // A catalog and a page, which the reader looks for.
        let (catalog, page) = (objects.next_ref(), objects.next_ref());
        objects.small(page, |c| {
            c.indirect(page)
                .dict()
                .pair(Name(b"Type"), Name(b"Page"))
                .pair(Name(b"Contents"), s);
        });
        objects.small(catalog, |c| {
            c.indirect(catalog).dict().pair(Name(b"Pages"), page);
        });
        let file = objects.finish(catalog, a);
        use hayro_syntax::object::{Array, Dict, ObjectIdentifier, Stream, String as PdfString};
        let doc = hayro_syntax::Pdf::new(file.clone()).expect("the reader reads it");
        let first = doc
            .xref()
            .get::<Dict<'_>>(ObjectIdentifier::new(a.get() as u32, 0))
            .unwrap();
        assert_eq!(first.get::<i64>(b"Next"), Some(42));
        let stream = doc
            .xref()
            .get::<Stream<'_>>(ObjectIdentifier::new(3, 0))
            .unwrap();
        assert_eq!(&stream.decoded().unwrap()[..], &vec![b'x'; 1000][..]);
        assert!(file.len() < 600, "deflated: {} bytes", file.len());
        let at = file.windows(9).rposition(|w| w == b"startxref").unwrap();
        let xref_start = file[..at]
            .windows(7)
            .rposition(|w| w == b" 0 obj\n")
            .unwrap();
        let head = file[..xref_start]
            .iter()
            .rposition(|&c| c == b'\n')
            .unwrap()
            + 1;
        // The trailer is the cross-reference stream's dictionary.
        let number: u32 = std::str::from_utf8(&file[head..xref_start])
            .unwrap()
            .parse()
            .unwrap();
        let xref = doc
            .xref()
            .get::<Stream<'_>>(ObjectIdentifier::new(number, 0))
            .unwrap();
        let ids = xref.dict().get::<Array<'_>>(b"ID").unwrap();
        let id = ids.iter::<PdfString<'_>>().next().unwrap();
        let id = id.as_bytes();
        assert_eq!(id, file_id(&file[..head]));
    }
}
