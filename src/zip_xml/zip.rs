//! A minimal, deterministic zip writer for the .docx package: deflated
//! entries in the order given, every timestamp 1980-01-01 00:00, no extra
//! fields, so the same parts always give the same bytes.
//!
//! Why not the `zip` crate's writer (the crate reads .docx on import): with
//! the same timestamps, order and deflate level its output differs from this
//! one only in each central-directory record, and no option changes that.
//! zip 2.6 marked every entry it wrote as made on Unix (`version made by`
//! 0x0314, here 0x0014, MS-DOS) and ORed `S_IFREG` into its permissions, so
//! the external attributes were 0x81A4_0000 (mode 100644), here 0. Keeping
//! this writer keeps the packages' directories as they were in those
//! already issued (the deflated bytes changed twice: with flate2's zlib-rs
//! backend, then with libdeflate).

/// DOS time 00:00:00.
const DOS_TIME: u16 = 0;
/// DOS date 1980-01-01 (year 0, month 1, day 1).
const DOS_DATE: u16 = (1 << 5) | 1;
/// Version needed to extract: 2.0 (deflate).
const VERSION: u16 = 20;
/// Compression method: deflate.
const DEFLATE: u16 = 8;

/// Packs `entries` (name, bytes) into a zip archive, in the order given.
/// Names must be unique; the total stays far below the 4 GiB zip32 limit.
pub fn write(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use rayon::prelude::*;
    // Each entry deflated on whichever core is free (a long OFD has
    // thousands of pages); the bytes are the same in any order.
    let packed: Vec<(u32, Vec<u8>)> = entries
        .par_iter()
        .map(|(_, data)| (crc32fast::hash(data), deflate(data)))
        .collect();
    let mut out = Vec::new();
    let mut central = Vec::new();
    for ((name, data), (crc, packed)) in entries.iter().zip(packed) {
        let offset = out.len() as u32;
        let name = name.as_bytes();

        let sizes = (crc, packed.len() as u32, data.len() as u32);

        put32(&mut out, 0x0403_4b50);
        put_entry(&mut out, sizes, name);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(&packed);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, VERSION); // made by: MS-DOS, 2.0
        put_entry(&mut central, sizes, name);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0); // comment length
    out
}

/// libdeflate's level for the parts: an Office package's parts are XML of
/// a hundred kilobytes or so; at 9 the benchmark report's .docx and .xlsx
/// parts come to within 0.3 % of zlib-rs's best level, in a quarter of the
/// instructions, with no new compressor (half a megabyte zeroed) a part.
const LEVEL: i32 = 9;

/// `data` as raw deflate, by this thread's compressor (kept between parts
/// and packages; it carries nothing from one buffer to the next).
fn deflate(data: &[u8]) -> Vec<u8> {
    use libdeflater::{CompressionLvl, Compressor};
    use std::cell::RefCell;
    thread_local! {
        static DEFLATE: RefCell<Option<Compressor>> = const { RefCell::new(None) };
    }
    let with = |z: &mut Compressor| {
        let mut out = vec![0; z.deflate_compress_bound(data.len())];
        let n = z
            .deflate_compress(data, &mut out)
            .expect("the bound is room enough");
        out.truncate(n);
        out
    };
    let new = || Compressor::new(CompressionLvl::new(LEVEL).unwrap_or_default());
    DEFLATE.with(|kept| match kept.try_borrow_mut() {
        Ok(mut z) => with(z.get_or_insert_with(new)),
        Err(_) => with(&mut new()),
    })
}

/// The fields an entry's local header and its central-directory record
/// share, from the version needed to extract to the name's length: with
/// its CRC, compressed and uncompressed sizes (`sizes`), no flags.
fn put_entry(out: &mut Vec<u8>, (crc, packed, size): (u32, u32, u32), name: &[u8]) {
    put16(out, VERSION);
    put16(out, 0); // flags
    put16(out, DEFLATE);
    put16(out, DOS_TIME);
    put16(out, DOS_DATE);
    put32(out, crc);
    put32(out, packed);
    put32(out, size);
    put16(out, name.len() as u16);
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Reads back the entries of an archive with the `zip` crate (for tests:
/// an independent reader checks every header, size and CRC).
#[cfg(test)]
pub(crate) fn read(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read as _;
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("an entry");
            assert_eq!(entry.compression(), ::zip::CompressionMethod::Deflated);
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("CRC and size match");
            (entry.name().expect("a UTF-8 name").into_owned(), data)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_is_deterministic() {
        let entries = [("a.xml", b"<a/>".to_vec()), ("b/c.xml", vec![b'x'; 5000])];
        let z = write(&entries);
        assert_eq!(write(&entries), z);
        let back = read(&z);
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].0, "a.xml");
        assert_eq!(back[1].1, entries[1].1);
        // End of central directory: two entries.
        let eocd = z.len() - 22;
        assert_eq!(&z[eocd..eocd + 4], &[0x50, 0x4b, 0x05, 0x06]);
        assert_eq!(z[eocd + 10], 2);
    }
}
