//! The compress stage: a `.br` and a `.gz` beside every file the policy serves compressed, for
//! hosts that serve precompressed files (nginx `brotli_static`/`gzip_static`, most CDNs). The
//! benchmark compresses the sites it compares with this same function.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use sha2::{Digest, Sha256};

use crate::cache::{key, Cache};
use crate::error::{BuildError, Result};
use crate::files::{list, Manifest};
use crate::plan::Plan;
use crate::policy::{compressible, gzip_level, BROTLI_BEST, BROTLI_FAST, PARTED_FROM};
use crate::search::{is_index_data, is_whole_index};

mod parts;

/// Compresses the release build's files. Brotli's best is slow (about 100 ms a page): the assets
/// and the pages a first visit is likely to land on (the home page, the site menu's, `404.html`)
/// get it. The other pages, the sitemap that lists them and the search index's data files (a
/// query reads a few, of 1 to 4 KB each) get a fast level, so the build stays linear in pages;
/// so does the whole search index, which no reader waits for and every edit changes. A development
/// build is remade on every save, and `trunk serve` serves no twins: it gets none; nor does a
/// site for a host that ignores them (`compress: false`, or its `host:`).
pub fn stage(plan: &Plan, cache: Option<&Cache>, manifest: &Manifest) -> Result<Vec<PathBuf>> {
    if !plan.options.release || !plan.site.settings.hosting.compress {
        return Ok(Vec::new());
    }
    let best = crate::offline::first_pages(&plan.site);
    let files = manifest
        .files()
        .map(|(name, path)| (name, path.to_path_buf()));
    compress(files, |name| quality(name, &best), cache)
}

/// The brotli level of the built file `name`, given the pages a first visit lands on.
fn quality(name: &str, first_pages: &[String]) -> u32 {
    let other_page =
        name.ends_with(".html") && name != "404.html" && !first_pages.iter().any(|b| b == name);
    if other_page || name.ends_with(".xml") || is_index_data(name) || is_whole_index(name) {
        BROTLI_FAST
    } else {
        BROTLI_BEST
    }
}

/// Compresses every compressible file under `root`, at the brotli quality `quality` gives its
/// name (relative to `root`), on every core.
pub fn compress_dir(root: &Path, quality: impl Fn(&str) -> u32 + Sync) -> Result<Vec<PathBuf>> {
    compress(list(root)?, quality, None)
}

/// Compresses the compressible `files` (name, path), taking from `cache` the twins of a file
/// whose bytes it has seen.
fn compress(
    files: impl IntoIterator<Item = (String, PathBuf)>,
    quality: impl Fn(&str) -> u32 + Sync,
    cache: Option<&Cache>,
) -> Result<Vec<PathBuf>> {
    let mut jobs = Vec::new();
    for (name, path) in files {
        if compressible(&name) {
            let len = std::fs::metadata(&path)
                .map_err(BuildError::io(&path, "read the size of"))?
                .len();
            jobs.push((path, quality(&name), len));
        }
    }
    // The slowest first (the whole search index, the wasm at the best level), so that no core
    // is left alone with one long job at the end: brotli's best costs about ten times a byte
    // what the other levels do.
    jobs.sort_by_key(|(_, quality, len)| {
        std::cmp::Reverse(len * if *quality == BROTLI_BEST { 10 } else { 1 })
    });
    let jobs: Vec<(PathBuf, u32)> = jobs.into_iter().map(|(p, q, _)| (p, q)).collect();
    let twins: Vec<[PathBuf; 2]> = jobs
        .par_iter()
        .map(|(path, quality)| precompress(path, *quality, cache))
        .collect::<Result<_>>()?;
    Ok(twins.into_iter().flatten().collect())
}

/// Writes `file.br` (brotli at `quality`) and `file.gz` (gzip at the level beside it) beside
/// `file`. With a cache, a twin of bytes it has seen is a link to the one kept, found by the
/// hash of the file's bytes (known when the build wrote it through the cache), without reading
/// or compressing anything.
fn precompress(path: &Path, quality: u32, cache: Option<&Cache>) -> Result<[PathBuf; 2]> {
    let level = gzip_level(quality);
    let (br_path, gz_path) = (with_suffix(path, ".br"), with_suffix(path, ".gz"));
    let read = || std::fs::read(path).map_err(BuildError::io(path, "read"));
    let Some(cache) = cache else {
        let data = read()?;
        // Both at once: a large file alone at the end (the whole search index, which every
        // edit changes) would otherwise leave a core idle for as long as its gzip takes.
        let (br, gz) = rayon::join(
            || brotli(path, &data, quality, None),
            || gzip(path, &data, quality, None),
        );
        crate::files::write(&gz_path, &gz?)?;
        crate::files::write(&br_path, &br?)?;
        return Ok([br_path, gz_path]);
    };
    let data = std::sync::OnceLock::new();
    let data = || -> Result<&Vec<u8>> {
        if data.get().is_none() {
            let _ = data.set(read()?);
        }
        Ok(data.get().expect("just set"))
    };
    let content = match cache.written(path) {
        Some(hash) => hash,
        None => cpd_content::conventions::hex(&Sha256::digest(data()?)),
    };
    let twin = |work: &str,
                level: u32,
                twin_path: &Path,
                make: &(dyn Fn(&[u8]) -> Result<Vec<u8>> + Sync)|
     -> Result<PathBuf> {
        let key = key(work, &[content.as_bytes(), &level.to_le_bytes()]);
        cache.write_made(key, twin_path, || make(data()?))
    };
    let (br, gz) = rayon::join(
        || {
            twin("brotli", quality, &br_path, &|data| {
                brotli(path, data, quality, Some(cache))
            })
        },
        || {
            twin("gzip", level, &gz_path, &|data| {
                gzip(path, data, quality, Some(cache))
            })
        },
    );
    br?;
    gz?;
    Ok([br_path, gz_path])
}

/// Whether `data`, at brotli's `quality`, is compressed in parts ([`parts`]).
fn parted(data: &[u8], quality: u32) -> bool {
    quality != BROTLI_BEST && data.len() >= PARTED_FROM
}

/// `data` as gzip at the level beside brotli's `quality`.
fn gzip(path: &Path, data: &[u8], quality: u32, cache: Option<&Cache>) -> Result<Vec<u8>> {
    let level = gzip_level(quality);
    if parted(data, quality) {
        return parts::gzip(path, data, level, cache);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    gz.write_all(data)
        .and_then(|()| gz.finish())
        .map_err(BuildError::io(path, "gzip"))
}

fn brotli(path: &Path, data: &[u8], quality: u32, cache: Option<&Cache>) -> Result<Vec<u8>> {
    if parted(data, quality) {
        return parts::brotli(path, data, quality, cache);
    }
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        // The window need not exceed the file: a smaller one saves allocating 4 MiB per page.
        lgwin: (usize::BITS - data.len().max(1 << 10).leading_zeros()).clamp(10, 22) as i32,
        // Lets the encoder size its hash tables to the file instead of to megabytes.
        size_hint: data.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut br, &params)
        .map_err(BuildError::io(path, "compress with brotli"))?;
    Ok(br)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_for_what_a_first_visit_loads_fast_for_what_a_query_or_a_later_page_reads() {
        let first = vec!["index.html".to_string(), "missions/index.html".to_string()];
        let level = |name: &str| quality(name, &first);
        for name in [
            "index.html",
            "missions/index.html",
            "404.html",
            "main-0123456789abcdef.css",
            "app-0123456789abcdef_bg.wasm",
            "search/search-0123456789abcdef.js",
            "search/index.bin",
            "search/words-fr-0123456789abcdef.bin",
        ] {
            assert_eq!(level(name), BROTLI_BEST, "{name}");
        }
        for name in [
            "2024/01/02/post.html",
            "sitemap.xml",
            "search/terms-3-0123456789abcdef.bin",
            "search/text-12-0123456789abcdef.bin",
            "search/whole-0123456789abcdef.bin",
        ] {
            assert_eq!(level(name), BROTLI_FAST, "{name}");
        }
    }
}
