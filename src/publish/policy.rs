//! The hosting policy, written once: which files carry a content hash, how each kind of file is
//! cached, which are served compressed, which the service worker precaches. The `_headers` file,
//! the nginx server block, the worker and the precompression all read it from here.

use regex::Regex;
use std::sync::LazyLock;

/// The service worker's file, at the base path: its scope is the whole site.
pub const SW_FILE: &str = "sw.js";

/// The web app manifest, at the base path (copied from `public/` by Trunk).
pub const MANIFEST_FILE: &str = "manifest.webmanifest";

/// The nginx server block the build writes beside `_headers`, for `hosting/nginx.conf`.
pub const NGINX_FILE: &str = "nginx-site.conf";

/// A name Trunk gave a content hash (`name-0123456789abcdef.ext`, or `…_bg.wasm`): such a file
/// never changes under its name. Trunk writes the 64-bit hash in hex without leading zeros, so
/// one name in sixteen has 15 digits (fewer than 12 is a chance of one in 65,536). The same
/// pattern serves nginx's `location ~*`; `tests/e2e/helpers.ts` repeats it for the tests.
pub const HASHED_PATTERN: &str = r"-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$";

/// `Cache-Control` for content-hashed files: a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` for everything that keeps its name across deploys (pages, the worker, the
/// manifest, icons): always revalidated, so a deploy shows at once.
pub const REVALIDATE: &str = "no-cache";

/// Extensions served precompressed (a `.br` and a `.gz` beside each file): text and the wasm.
pub const COMPRESSIBLE: [&str; 9] = [
    "html",
    "css",
    "js",
    "wasm",
    "json",
    "xml",
    "txt",
    "svg",
    "webmanifest",
];

/// Extensions the service worker may precache: pages, code, styles, data, images, fonts.
/// The stylesheet of code blocks (`style/code.css`, which Trunk names `code-<hash>.css`): only
/// pages that show code load it.
pub const CODE_STYLESHEET: &str = "code-";

/// Brotli levels: the best for assets and the pages a first visit loads, a fast one for the
/// other pages of a large site. Measured on an 11 KB page: level 11 takes about 100 ms and
/// gives 3.6 KB; level 4, 3 ms and 4.3 KB; levels 5 to 9, 20 to 30 ms for hardly less.
pub const BROTLI_BEST: u32 = 11;
pub const BROTLI_FAST: u32 = 4;

/// The pages the service worker precaches, in bytes of HTML: enough for a site of dozens of
/// pages, so that a site of thousands does not download them all on the first visit.
pub const PRECACHED_PAGES_BYTES: usize = 512 * 1024;

pub const PRECACHEABLE: [&str; 13] = [
    "html",
    "js",
    "wasm",
    "css",
    "json",
    "webmanifest",
    "svg",
    "png",
    "ico",
    "webp",
    "avif",
    "woff2",
    "woff",
];

/// The media types nginx sends, by extension (the ones the site is made of).
pub const MEDIA_TYPES: [(&str, &str); 10] = [
    ("html", "text/html"),
    ("css", "text/css"),
    ("js", "text/javascript"),
    ("wasm", "application/wasm"),
    ("json", "application/json"),
    ("xml", "application/xml"),
    ("txt", "text/plain"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("webmanifest", "application/manifest+json"),
];

static HASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(HASHED_PATTERN).expect("a valid pattern"));

/// Whether a file name carries Trunk's content hash.
pub fn is_hashed(file_name: &str) -> bool {
    HASHED.is_match(file_name)
}

/// A file's extension, lowercase.
fn extension(name: &str) -> Option<String> {
    let file = name.rsplit('/').next()?;
    file.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
}

/// Whether a built file is served precompressed.
pub fn compressible(name: &str) -> bool {
    extension(name).is_some_and(|ext| COMPRESSIBLE.contains(&ext.as_str()))
}

/// Whether the worker precaches a built file (path relative to the dist directory, with `/`):
/// not the worker itself, not the precompressed twins (the browser asks for the plain URL), not
/// the host's files (`_headers`, the nginx block, `robots.txt`, `sitemap.xml`), nor anything
/// hidden.
pub fn precached(name: &str) -> bool {
    name != SW_FILE
        && !name
            .split('/')
            .any(|part| part.starts_with('.') || part.starts_with('_'))
        && extension(name).is_some_and(|ext| PRECACHEABLE.contains(&ext.as_str()))
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
}
