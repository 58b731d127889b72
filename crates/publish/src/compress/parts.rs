//! A large file compressed in parts: cut where its bytes say (content-defined chunking, so an
//! edit moves no cut far from it), each part compressed on its own (a brotli part with the part
//! before it as its dictionary), and the parts joined into one standard stream, brotli's by its
//! concatenation of catable streams, gzip's as one member of byte-aligned deflate blocks. An edit of a large file that every edit changes (the whole
//! search index) compresses the few parts around what changed; the others are the last build's,
//! from the cache. A clean build cuts and joins the same way: both give the same bytes.

use std::path::Path;

use brotli::concat::{BroCatli, BroCatliResult};
use rayon::prelude::*;

use crate::cache::{key, Cache};
use crate::error::{BuildError, Result};
use crate::policy::{PARTED_FROM, PART_BYTES};

/// The file's parts: `PART_BYTES` gives their least, usual and largest size.
fn cut(data: &[u8]) -> Vec<&[u8]> {
    let [least, usual, most] = PART_BYTES;
    fastcdc::v2020::FastCDC::new(data, least, usual, most)
        .map(|chunk| &data[chunk.offset..chunk.offset + chunk.length])
        .collect()
}

/// Each part compressed by `make`, given the part before it when `primed` (else, and for the
/// first, nothing), or taken from `cache` when the last build compressed the same bytes after
/// the same bytes the same way (`work` at `level`).
fn each(
    data: &[u8],
    (work, level, primed): (&str, u32, bool),
    cache: Option<&Cache>,
    make: impl Fn(&[u8], &[u8]) -> Result<Vec<u8>> + Sync,
) -> Result<Vec<Vec<u8>>> {
    let parts = cut(data);
    (0..parts.len())
        .into_par_iter()
        .map(|at| {
            let before = if at == 0 || !primed {
                &[][..]
            } else {
                parts[at - 1]
            };
            let part = parts[at];
            match cache {
                Some(cache) => cache
                    .get_or(&key(work, &[before, part, &level.to_le_bytes()]), || {
                        make(before, part)
                    }),
                None => make(before, part),
            }
        })
        .collect()
}

/// `data` compressed with brotli at `quality`, in parts.
pub fn brotli(path: &Path, data: &[u8], quality: u32, cache: Option<&Cache>) -> Result<Vec<u8>> {
    let parts = each(
        data,
        ("brotli part", quality, true),
        cache,
        |before, part| brotli_part(path, before, part, quality),
    )?;
    join_brotli(path, &parts)
}

/// A part as a brotli stream that another can follow: no last block, and no reference to the
/// static dictionary (whose distances depend on where the part lands). It may refer to the part
/// `before` it, given as its dictionary: the joined stream has those bytes just before it. A
/// part alone compresses the whole index about 8 % worse than one stream; with the part before
/// it, about 3 % (128 KiB parts).
fn brotli_part(path: &Path, before: &[u8], part: &[u8], quality: u32) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: window_bits(),
        // As for a large file (a part's own size makes the encoder's tables too small to find
        // the matches in the part before it); fixed, so that a part's bytes do not depend on
        // the file's size.
        size_hint: PARTED_FROM * 4,
        catable: true,
        appendable: true,
        use_dictionary: false,
        ..Default::default()
    };
    let (mut input, mut output) = ([0; 4096], [0; 4096]);
    let mut out = Vec::new();
    brotli::enc::BrotliCompressCustomIoCustomDict(
        &mut brotli::IoReaderWrapper(&mut &part[..]),
        &mut brotli::IoWriterWrapper(&mut out),
        &mut input,
        &mut output,
        &params,
        brotli::enc::StandardAlloc::default(),
        &mut |_: &mut _, _: &mut _, _, _: &mut _| (),
        before,
        std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "brotli input ended"),
    )
    .map_err(BuildError::io(path, "compress with brotli"))?;
    Ok(out)
}

/// Every part's window: one that holds the largest part and the part before it (a joined
/// stream keeps the first part's window, and no later one may need more).
fn window_bits() -> i32 {
    (usize::BITS - (2 * PART_BYTES[2]).leading_zeros()) as i32
}

fn join_brotli(path: &Path, parts: &[Vec<u8>]) -> Result<Vec<u8>> {
    let failed = |what: BroCatliResult| {
        BuildError::invalid(
            path.display().to_string(),
            format!("its brotli parts could not be joined: {what:?}"),
        )
    };
    // A joined stream is its parts less their ends, plus one end: never longer than the
    // parts with a few bytes to spare.
    let mut out = vec![0; parts.iter().map(Vec::len).sum::<usize>() + 16];
    let (mut cat, mut at) = (BroCatli::new(), 0);
    for part in parts {
        cat.new_brotli_file();
        let mut read = 0;
        loop {
            match cat.stream(part, &mut read, &mut out, &mut at) {
                BroCatliResult::NeedsMoreInput if read < part.len() => continue,
                BroCatliResult::NeedsMoreInput | BroCatliResult::Success => break,
                other => return Err(failed(other)),
            }
        }
    }
    match cat.finish(&mut out, &mut at) {
        BroCatliResult::Success => {
            out.truncate(at);
            Ok(out)
        }
        other => Err(failed(other)),
    }
}

/// `data` as gzip at `level`, in parts: one member whose deflate blocks are the parts', each
/// ended by a sync flush (an empty stored block, which leaves the stream on a byte), then an
/// empty last block and the trailer of the whole.
pub fn gzip(path: &Path, data: &[u8], level: u32, cache: Option<&Cache>) -> Result<Vec<u8>> {
    // Deflate's window is 32 KiB: the part before would hardly help.
    let parts = each(data, ("deflate part", level, false), cache, |_, part| {
        deflate_part(path, part, level)
    })?;
    // The header (RFC 1952): magic, deflate, no flags, no time, no extra flags, unknown system.
    const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    // A last block, of fixed codes, holding only its end: three bits, then seven zero bits.
    const LAST_EMPTY_BLOCK: [u8; 2] = [0x03, 0x00];
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum::<usize>() + 20);
    out.extend_from_slice(&HEADER);
    for part in &parts {
        out.extend_from_slice(part);
    }
    out.extend_from_slice(&LAST_EMPTY_BLOCK);
    out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    // The size modulo 2³², as the format has it.
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    Ok(out)
}

fn deflate_part(path: &Path, part: &[u8], level: u32) -> Result<Vec<u8>> {
    let mut deflate = flate2::Compress::new(flate2::Compression::new(level), false);
    let mut out = Vec::with_capacity(part.len() + part.len() / 8 + 64);
    loop {
        let read = deflate.total_in() as usize;
        deflate
            .compress_vec(&part[read..], &mut out, flate2::FlushCompress::Sync)
            .map_err(|e| {
                BuildError::invalid(path.display().to_string(), format!("deflate: {e}"))
            })?;
        // The flush is done when all is read and the output was not full.
        if deflate.total_in() as usize == part.len() && out.len() < out.capacity() {
            return Ok(out);
        }
        out.reserve(part.len() / 8 + 64);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Text like an index's: words repeated at distances, across parts.
    fn sample(len: usize, seed: u64) -> Vec<u8> {
        let words = [
            "chef",
            "projet",
            "digital",
            "missions",
            "équipe",
            "site",
            "web",
            "\u{0}\u{7f}",
        ];
        let mut state = seed;
        let mut out = Vec::new();
        while out.len() < len {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            out.extend_from_slice(words[(state >> 60) as usize % words.len()].as_bytes());
            out.extend_from_slice(&(state >> 40).to_le_bytes()[..(state >> 62) as usize]);
        }
        out.truncate(len);
        out
    }

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::Decompressor::new(bytes, 4096)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn ungzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        // A single member: the multi-member reader would hide a second one.
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn the_joined_streams_are_the_file_for_a_standard_decoder() {
        let path = Path::new("whole.bin");
        for len in [1, 100, PART_BYTES[0], 3 * PART_BYTES[2] + 17] {
            let data = sample(len, len as u64);
            assert_eq!(
                unbrotli(&brotli(path, &data, 4, None).unwrap()),
                data,
                "{len}"
            );
            assert_eq!(ungzip(&gzip(path, &data, 1, None).unwrap()), data, "{len}");
        }
    }

    #[test]
    fn an_edit_moves_only_the_cuts_around_it() {
        let data = sample(2 * 1024 * 1024, 7);
        let mut edited = data.clone();
        edited.splice(
            1_000_000..1_000_010,
            b"un paragraphe de plus".iter().copied(),
        );
        let before = cut(&data);
        let after = cut(&edited);
        assert!(before.len() > 8, "{} parts", before.len());
        let kept = after.iter().filter(|part| before.contains(part)).count();
        assert!(
            kept >= after.len() - 2,
            "{kept} of {} parts kept",
            after.len()
        );
    }

    #[test]
    fn parts_from_the_cache_give_the_bytes_of_parts_compressed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = Path::new("whole.bin");
        let data = sample(1024 * 1024, 3);
        let mut edited = data.clone();
        edited[500_000] ^= 1;
        let cache = Cache::open(dir.path(), "test").unwrap().unwrap();
        brotli(path, &data, 4, Some(&cache)).unwrap();
        gzip(path, &data, 1, Some(&cache)).unwrap();
        cache.save().unwrap();
        let cache = Cache::open(dir.path(), "test").unwrap().unwrap();
        let br = brotli(path, &edited, 4, Some(&cache)).unwrap();
        let gz = gzip(path, &edited, 1, Some(&cache)).unwrap();
        assert!(cache.reused() > 0);
        assert_eq!(br, brotli(path, &edited, 4, None).unwrap());
        assert_eq!(gz, gzip(path, &edited, 1, None).unwrap());
        assert_eq!(unbrotli(&br), edited);
        assert_eq!(ungzip(&gz), edited);
    }
}
