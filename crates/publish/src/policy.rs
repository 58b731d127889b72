//! The hosting policy, written once: which files carry a content hash, how each kind of file is
//! cached, which are served compressed, which the service worker precaches. The `_headers` file,
//! the nginx server block, the worker and the precompression all read it from here.

use regex::Regex;
use std::sync::LazyLock;

/// The service worker's file, at the base path: its scope is the whole site.
pub const SW_FILE: &str = "sw.js";

/// The web app manifest, at the base path (copied from `public/` by Trunk).
pub const MANIFEST_FILE: &str = "manifest.webmanifest";

/// The host headers file of Netlify and Cloudflare Pages.
pub const HEADERS_FILE: &str = "_headers";
/// The redirects file Netlify and Cloudflare Pages read (jekyll-redirect-from's moves).
pub const REDIRECTS_FILE: &str = "_redirects";

/// The empty file that stops GitHub Pages from running Jekyll on the upload.
pub const NO_JEKYLL_FILE: &str = ".nojekyll";

/// `Strict-Transport-Security`: two years, this host only (the site's domain may have
/// subdomains that are not the site's to speak for). Off with `hsts: false` in `_config.yml`.
pub const HSTS: &str = "max-age=63072000";

/// The nginx server block the build writes beside `_headers`, for `hosting/nginx.conf`.
pub const NGINX_FILE: &str = "nginx-site.conf";

macro_rules! hash {
    () => {
        r"-[0-9a-f]{12,16}(_bg)?"
    };
}

/// A name Trunk gave a content hash (`name-0123456789abcdef.ext`, or `…_bg.wasm`): such a file
/// never changes under its name. Trunk writes the 64-bit hash in hex without leading zeros, so
/// one name in sixteen has 15 digits (fewer than 12 is a chance of one in 65,536). The build
/// writes it into the tests' facts, which the end-to-end tests read.
pub const HASHED_PATTERN: &str = concat!(hash!(), r"\.[a-z0-9]+$");

/// The content hash part of a hashed name, before its extension: nginx's immutable files are
/// this, then one of the extensions whose kind may be immutable.
pub const HASH: &str = hash!();

/// `Cache-Control` for content-hashed files: a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` for everything that keeps its name across deploys (pages, the worker, the
/// manifest, icons): always revalidated, so a deploy shows at once.
pub const REVALIDATE: &str = "no-cache";

/// The stylesheet of code blocks (`style/code.css`, which Trunk names `code-<hash>.css`): only
/// pages that show code load it.
pub const CODE_STYLESHEET: &str = "code-";
/// The stylesheet of a blog's pages (`style/blog.css`: a post's date, tags and neighbours, the
/// lists): only posts and list pages load it.
pub const BLOG_STYLESHEET: &str = "blog-";
/// The stylesheet of kramdown's classes, frames and videos (`style/extras.css`): only pages
/// that show one load it.
pub const EXTRAS_STYLESHEET: &str = "extras-";

/// The search dialog's stylesheet (`style/search.css`, `search-<hash>.css`): no page links it;
/// the loader does when the reader goes to search.
pub const SEARCH_STYLESHEET: &str = "search-";

/// How a file is compressed: its brotli level, and its gzip level when it gets a `.gz` too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Levels {
    pub brotli: u32,
    pub gzip: Option<u32>,
}

/// Brotli's best, gzip's best beside it: for the assets and the pages a first visit loads.
/// Measured on an 11 KB page: brotli 11 takes about 100 ms and gives 3.6 KB; level 4, 3 ms and
/// 4.3 KB; levels 5 to 9, 20 to 30 ms for hardly less.
pub const BEST: Levels = Levels {
    brotli: 11,
    gzip: Some(9),
};

/// A fast brotli level, and zlib's fastest beside it: for the feeds and the sitemap of a large
/// site, which feed readers and crawlers (not all of which read brotli) fetch.
pub const FAST: Levels = Levels {
    brotli: 4,
    gzip: Some(1),
};

/// The fast brotli level alone: for the other pages of a large site and the search index's
/// data files. Every browser that runs the site's wasm, and so its search, reads brotli; a
/// client that does not gets these pages compressed on the fly by the host (`gzip on` in the
/// nginx block; the CDNs compress what has no twin). On the 10,000 pages of the benchmark
/// (166 MB) their `.gz` at level 1 took 2.5 s of one core, and 20,000 files with the index's.
/// On the 1,504 data files of a 1,000-page index (3.9 MB, 2.6 KB each), brotli 11 takes 20 s
/// of one core for 1.88 MB, level 4 0.6 s for 2.13 MB. The whole index in one file (3.9 MB on
/// 1,000 pages): Debian's brotli gives 1.53 MB at level 9 in 0.67 s, 1.58 MB at level 5 in
/// 0.32 s, 1.61 MB at level 4 in 0.13 s (the build's, the `brotli` crate, 0.58 s at level 5).
pub const FAST_BROTLI_ONLY: Levels = Levels {
    brotli: 4,
    gzip: None,
};

/// A file at a fast level from this size on is compressed in parts cut by its content, the
/// parts a build has seen taken from the cache: the whole search index, which every edit
/// changes in a few places, and a large site's sitemap. Its least, usual and largest part, in
/// bytes: a brotli part may refer to the part before it only, so larger parts compress better
/// and smaller ones make an edit recompress less.
pub const PARTED_FROM: usize = 1024 * 1024;
pub const PART_BYTES: [usize; 3] = [32 * 1024, 128 * 1024, 512 * 1024];

/// The pages the service worker precaches, in bytes of HTML: enough for a site of dozens of
/// pages, so that a site of thousands does not download them all on the first visit.
pub const PRECACHED_PAGES_BYTES: usize = 512 * 1024;

/// The search index's shards and text chunks the service worker precaches, in bytes (its meta
/// file and the search's code always are): the whole index of a site of dozens of pages, so
/// that search works offline after a first visit; a larger site's other files are cached when
/// a search first reads them.
pub const PRECACHED_SEARCH_BYTES: usize = 512 * 1024;

/// The largest index written whole in one file too, in bytes of its shards and texts (about
/// half as many travel, compressed): a site of about 2,000 pages. A reader who has searched
/// once gets it in the background, and the next keystrokes wait on no file; a larger site's
/// readers keep reading it file by file.
pub const WHOLE_INDEX_BYTES: usize = 8 * 1024 * 1024;

/// What the site is made of, one kind of file per extension: its media type, whether it is
/// text (served with `charset=utf-8`), served precompressed (a `.br` and a `.gz` beside it),
/// precached by the service worker, and cached for a year when its name carries a content hash.
/// `_headers`, the nginx block, the service worker and the compressor all read this table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FileKind {
    pub extension: &'static str,
    pub media_type: &'static str,
    pub text: bool,
    pub compressed: bool,
    pub precached: bool,
    pub immutable_when_hashed: bool,
}

const fn kind(
    extension: &'static str,
    media_type: &'static str,
    [text, compressed, precached, immutable_when_hashed]: [bool; 4],
) -> FileKind {
    FileKind {
        extension,
        media_type,
        text,
        compressed,
        precached,
        immutable_when_hashed,
    }
}

/// Every kind of file the site serves. Pages are never immutable: their names never change.
/// The sitemap, `robots.txt` and other text files are for crawlers and downloads, not offline
/// reading.
pub const FILE_KINDS: [FileKind; 18] = [
    //                                               text   compr. precach. immutable
    kind("html", "text/html", [true, true, true, false]),
    kind("css", "text/css", [true, true, true, true]),
    kind("js", "text/javascript", [true, true, true, true]),
    kind("wasm", "application/wasm", [false, true, true, true]),
    kind("json", "application/json", [true, true, true, true]),
    // The search's index (postcard).
    kind("bin", "application/octet-stream", [false, true, true, true]),
    kind(
        "webmanifest",
        "application/manifest+json",
        [true, true, true, false],
    ),
    kind("xml", "application/xml", [true, true, false, false]),
    kind("txt", "text/plain", [true, true, false, false]),
    kind("svg", "image/svg+xml", [true, true, true, true]),
    kind("png", "image/png", [false, false, true, true]),
    kind("jpg", "image/jpeg", [false, false, true, true]),
    kind("jpeg", "image/jpeg", [false, false, true, true]),
    kind("gif", "image/gif", [false, false, true, true]),
    kind("webp", "image/webp", [false, false, true, true]),
    kind("avif", "image/avif", [false, false, true, true]),
    kind(
        "ico",
        "image/vnd.microsoft.icon",
        [false, false, true, true],
    ),
    kind("woff2", "font/woff2", [false, false, true, true]),
];

static HASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(HASHED_PATTERN).expect("a valid pattern"));

/// Whether a file name carries Trunk's content hash.
pub fn is_hashed(file_name: &str) -> bool {
    HASHED.is_match(file_name)
}

/// The kind of a file, by its extension (any case); `None` for a kind the site does not know
/// (served as `application/octet-stream`, as it is, and never precached).
pub fn kind_of(name: &str) -> Option<&'static FileKind> {
    let file = name.rsplit('/').next()?;
    let (_, extension) = file.rsplit_once('.')?;
    FILE_KINDS
        .iter()
        .find(|k| k.extension.eq_ignore_ascii_case(extension))
}

/// Whether a built file is served precompressed.
pub fn compressible(name: &str) -> bool {
    kind_of(name).is_some_and(|k| k.compressed)
}

/// Whether a built file is served as immutable: its name carries a content hash, and its kind
/// may be.
pub fn immutable(name: &str) -> bool {
    is_hashed(name) && kind_of(name).is_some_and(|k| k.immutable_when_hashed)
}

/// Whether the worker precaches a built file (path relative to the dist directory, with `/`):
/// not the worker itself, not the precompressed twins (the browser asks for the plain URL), not
/// the host's files (`_headers`, the nginx block, `robots.txt`, `sitemap.xml`), nor anything
/// hidden.
pub fn precached(name: &str) -> bool {
    name != SW_FILE
        && !name.split('/').any(cpd_content::is_hidden)
        && kind_of(name).is_some_and(|k| k.precached)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed("chef-projet-digital-f8e2c82f35477068.js"));
        assert!(is_hashed("chef-projet-digital-f8e2c82f35477068_bg.wasm"));
        assert!(is_hashed("main-bde87ab9c381b77e.css"));
        assert!(is_hashed("docs/favicon-862fab4a8bba3744.svg"));
        // Trunk drops the hash's leading zeros.
        assert!(is_hashed("chef-projet-digital-4c0190b39b8bb90_bg.wasm"));
        assert!(!is_hashed("icons/icon-192.png"));
        assert!(!is_hashed("chef-projet-digital.html"));
        assert!(!is_hashed("main-bde87ab9c38.css"));
        assert!(!is_hashed("404.html"));
    }

    #[test]
    fn precached_files() {
        for yes in [
            "index.html",
            "x-0123456789abcdef_bg.wasm",
            "manifest.webmanifest",
            "icons/icon-512.png",
        ] {
            assert!(precached(yes), "{yes}");
        }
        for no in [
            "sw.js",
            "sw.js.br",
            "index.html.gz",
            "_headers",
            NGINX_FILE,
            "robots.txt",
            "sitemap.xml",
            ".stage/index.html",
            "README",
        ] {
            assert!(!precached(no), "{no}");
        }
    }

    #[test]
    fn compressed_files() {
        assert!(compressible("a/b.HTML"));
        assert!(compressible("x_bg.wasm"));
        assert!(!compressible("icons/icon-192.png"));
        assert!(!compressible("README"));
    }

    #[test]
    fn immutable_files() {
        assert!(immutable("main-bde87ab9c381b77e.css"));
        assert!(immutable("images/paysage-0123456789abcdef.png"));
        assert!(!immutable("icons/icon-192.png"));
        assert!(
            !immutable("page-0123456789abcdef.html"),
            "pages keep their names"
        );
    }

    #[test]
    fn one_kind_per_extension() {
        for (i, kind) in FILE_KINDS.iter().enumerate() {
            assert!(
                FILE_KINDS[i + 1..]
                    .iter()
                    .all(|k| k.extension != kind.extension),
                "{}",
                kind.extension
            );
            // Whatever is precompressed or precached has a media type nginx sends.
            assert!(kind.media_type.contains('/'), "{}", kind.extension);
        }
    }
}
