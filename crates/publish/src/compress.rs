//! The compress stage: a `.br`, and for most a `.gz`, beside every file the policy serves
//! compressed, for hosts that serve precompressed files (nginx `brotli_static`/`gzip_static`,
//! most CDNs). The benchmark compresses the sites it compares with this same function.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use sha2::{Digest, Sha256};

use crate::cache::{key, Cache};
use crate::error::{BuildError, Result};
use crate::files::{list, Manifest};
use crate::plan::Plan;
use crate::policy::{compressible, Levels, BEST, FAST, FAST_BROTLI_ONLY, PARTED_FROM};
use crate::search::{is_index_data, is_index_entry, is_whole_index};

mod parts;

/// Compresses the release build's files. Brotli's best is slow (about 100 ms a page): the assets
/// and the pages a first visit is likely to land on (the home page, the site menu's, `404.html`)
/// get it. The other pages, the sitemap that lists them and the search index's data files (a
/// query reads a few, of 1 to 4 KB each) get a fast level, so the build stays linear in pages;
/// so do the whole search index, which no reader waits for, and the index's entry (20 KB at
/// 1,000 pages, mostly hashes: level 11 saves 5 % of it, in 40 ms that every edit paid). These
/// pages and the index get no `.gz` ([`FAST_BROTLI_ONLY`]). A development
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
    compress(files, |name| levels(name, &best), cache)
}

/// How the built file `name` is compressed, given the pages a first visit lands on.
fn levels(name: &str, first_pages: &[String]) -> Levels {
    let other_page =
        name.ends_with(".html") && name != "404.html" && !first_pages.iter().any(|b| b == name);
    let search = is_index_entry(name) || is_index_data(name) || is_whole_index(name);
    if other_page || search {
        FAST_BROTLI_ONLY
    } else if name.ends_with(".xml") {
        FAST
    } else {
        BEST
    }
}

/// Compresses every compressible file under `root`, at the levels `levels` gives its name
/// (relative to `root`), on every core.
pub fn compress_dir(root: &Path, levels: impl Fn(&str) -> Levels + Sync) -> Result<Vec<PathBuf>> {
    compress(list(root)?, levels, None)
}

/// Compresses the compressible `files` (name, path), taking from `cache` the twins of a file
/// whose bytes it has seen.
fn compress(
    files: impl IntoIterator<Item = (String, PathBuf)>,
    levels: impl Fn(&str) -> Levels + Sync,
    cache: Option<&Cache>,
) -> Result<Vec<PathBuf>> {
    let mut jobs = Vec::new();
    for (name, path) in files {
        if compressible(&name) {
            let len = std::fs::metadata(&path)
                .map_err(BuildError::io(&path, "read the size of"))?
                .len();
            jobs.push((path, levels(&name), len));
        }
    }
    // The slowest first (the whole search index, the wasm at the best level), so that no core
    // is left alone with one long job at the end: brotli's best costs about ten times a byte
    // what the other levels do.
    jobs.sort_by_key(|(_, levels, len)| {
        std::cmp::Reverse(len * if levels.brotli == BEST.brotli { 10 } else { 1 })
    });
    let jobs: Vec<(PathBuf, Levels)> = jobs.into_iter().map(|(p, l, _)| (p, l)).collect();
    let twins: Vec<Vec<PathBuf>> = jobs
        .par_iter()
        .map(|(path, levels)| precompress(path, *levels, cache))
        .collect::<Result<_>>()?;
    Ok(twins.into_iter().flatten().collect())
}

/// A twin's format.
#[derive(Clone, Copy)]
enum Codec {
    Brotli,
    Gzip,
}

impl Codec {
    /// The cache's name for the work, and the twin's suffix.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Codec::Brotli => ("brotli", ".br"),
            Codec::Gzip => ("gzip", ".gz"),
        }
    }

    /// `data` (the file `path`) at `level`; in parts ([`parts`], found in `cache` when kept)
    /// when `parted`.
    fn compress(
        self,
        path: &Path,
        data: &[u8],
        level: u32,
        parted: bool,
        cache: Option<&Cache>,
    ) -> Result<Vec<u8>> {
        match (self, parted) {
            (Codec::Brotli, true) => parts::brotli(path, data, level, cache),
            (Codec::Gzip, true) => parts::gzip(path, data, level, cache),
            (Codec::Brotli, false) => brotli(path, data, level),
            (Codec::Gzip, false) => gzip(path, data, level),
        }
    }
}

/// Writes `file.br`, and `file.gz` when `levels` has gzip, beside `file`, both at once (a large
/// file alone at the end, the whole search index, would otherwise leave a core idle for as long
/// as its gzip takes). With a cache, a twin of bytes it has seen is a link to the one kept,
/// found by the hash of the file's bytes (known when the build wrote it through the cache),
/// without reading or compressing anything.
fn precompress(path: &Path, levels: Levels, cache: Option<&Cache>) -> Result<Vec<PathBuf>> {
    let data = std::sync::OnceLock::new();
    let data = || -> Result<&Vec<u8>> {
        if data.get().is_none() {
            let _ = data.set(std::fs::read(path).map_err(BuildError::io(path, "read"))?);
        }
        Ok(data.get().expect("just set"))
    };
    // The file's hash, which finds its twins in the cache.
    let content = match cache.map(|cache| cache.written(path)) {
        Some(Some(hash)) => Some(hash),
        Some(None) => Some(cpd_content::conventions::hex(&Sha256::digest(data()?))),
        None => None,
    };
    let twin = |codec: Codec, level: u32| -> Result<PathBuf> {
        let (work, suffix) = codec.names();
        let twin_path = with_suffix(path, suffix);
        let make = || {
            let data = data()?;
            // A large file at a fast level, which an edit changes in places.
            let parted = levels.brotli != BEST.brotli && data.len() >= PARTED_FROM;
            codec.compress(path, data, level, parted, cache)
        };
        match (cache, &content) {
            (Some(cache), Some(content)) => {
                let key = key(work, &[content.as_bytes(), &level.to_le_bytes()]);
                cache.write_made(key, &twin_path, make)
            }
            _ => crate::files::write(&twin_path, &make()?),
        }
    };
    let (br, gz) = rayon::join(
        || twin(Codec::Brotli, levels.brotli),
        || {
            levels
                .gzip
                .map(|level| twin(Codec::Gzip, level))
                .transpose()
        },
    );
    Ok([Some(br?), gz?].into_iter().flatten().collect())
}

fn gzip(path: &Path, data: &[u8], level: u32) -> Result<Vec<u8>> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    gz.write_all(data)
        .and_then(|()| gz.finish())
        .map_err(BuildError::io(path, "gzip"))
}

fn brotli(path: &Path, data: &[u8], quality: u32) -> Result<Vec<u8>> {
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
        let level = |name: &str| levels(name, &first);
        for name in [
            "index.html",
            "missions/index.html",
            "404.html",
            "main-0123456789abcdef.css",
            "app-0123456789abcdef_bg.wasm",
            "search/search-0123456789abcdef.js",
            "search/words-fr-0123456789abcdef.bin",
        ] {
            assert_eq!(level(name), BEST, "{name}");
        }
        for name in ["sitemap.xml", "fr/feed.xml"] {
            assert_eq!(level(name), FAST, "{name}");
        }
        // Read only by a browser, which reads brotli: no gzip.
        for name in [
            "2024/01/02/post.html",
            "search/index.bin",
            "search/terms-3-0123456789abcdef.bin",
            "search/text-12-0123456789abcdef.bin",
            "search/whole-0123456789abcdef.bin",
        ] {
            assert_eq!(level(name), FAST_BROTLI_ONLY, "{name}");
        }
    }
}
