//! Reading offline, and installing the site as an app (build side).
//!
//! - [`service_worker`] writes `sw.js` from the files the build produced, from the template
//!   `sw.js` beside this file; the page's loader registers it (`loader.js`).
//! - [`head_tags`] are the manifest link and the theme colours every page's head gets. The
//!   manifest and its icons are static files in `public/`, copied by Trunk; their URLs are
//!   relative, so they work under any base path.
//!
//! The worker precaches one deploy whole (pages, content-hashed wasm, JS, CSS, manifest and
//! icons) into a cache named after a hash of those files, so every deploy changes `sw.js` and is
//! installed on the next load. Its strategy is in the template's header.

use super::policy::{is_hashed, precached, MANIFEST_FILE, PRECACHED_PAGES_BYTES};
use crate::config::SiteConfig;

/// The site's icons, from `public/icons/`: a small one for tabs, a large one for home screens.
pub const TAB_ICON: &str = "icons/icon-32.png";
pub const TOUCH_ICON: &str = "icons/icon-192.png";

/// The browser's UI colour, the page background of `style/main.css` (`--bg`), light then dark.
/// `public/manifest.webmanifest` repeats the light one.
pub const THEME_COLORS: [(&str, &str); 2] = [("light", "#ffffff"), ("dark", "#15171a")];

/// The tags every page's `<head>` gets: the manifest link, the icons (absolute, so `404.html`
/// served at any depth finds them) and the theme colour for each colour scheme. The tab's icon
/// is a PNG: an SVG icon costs the page an image document of its own, and one with text a font
/// layout besides.
pub fn head_tags(config: &SiteConfig) -> String {
    let mut tags = format!(
        r#"<link rel="manifest" href="{}"><link rel="icon" type="image/png" href="{}"><link rel="apple-touch-icon" href="{}">"#,
        config.href(MANIFEST_FILE),
        config.href(TAB_ICON),
        config.href(TOUCH_ICON),
    );
    for (scheme, color) in THEME_COLORS {
        tags.push_str(&format!(
            r#"<meta name="theme-color" content="{color}" media="(prefers-color-scheme: {scheme})">"#
        ));
    }
    tags
}

/// The pages the service worker precaches, from the built files (name, bytes): the pages of
/// `first` (the home page, then the site menu's), `404.html`, then the others in name order, up
/// to [`PRECACHED_PAGES_BYTES`] of HTML. The first page is always in: offline, the site opens
/// there.
pub fn precached_pages(files: &[(String, usize)], first: &[String]) -> Vec<String> {
    let rank = |name: &str| {
        first
            .iter()
            .position(|f| f == name)
            .or((name == "404.html").then_some(first.len()))
            .unwrap_or(usize::MAX)
    };
    let mut pages: Vec<&(String, usize)> = files
        .iter()
        .filter(|(name, _)| precached(name) && name.ends_with(".html"))
        .collect();
    pages.sort_by_key(|(name, _)| (rank(name), name.clone()));
    let mut budget = PRECACHED_PAGES_BYTES;
    let mut chosen = Vec::new();
    for (i, (name, size)) in pages.into_iter().enumerate() {
        if i == 0 || *size <= budget {
            budget = budget.saturating_sub(*size);
            chosen.push(name.clone());
        }
    }
    chosen
}

/// The URL a built file is requested at: `dir/index.html` is `dir/`, as hosts serve it.
fn url_of(config: &SiteConfig, name: &str) -> String {
    let url = config.href(name);
    match url.strip_suffix("index.html") {
        Some(dir) if dir.ends_with('/') => dir.to_string(),
        _ => url,
    }
}

/// The deploy's version: FNV-1a (64 bits) over each precached file's name, length and bytes, in
/// name order. Not a security hash: it only has to change when any precached byte changes.
fn version(files: &[(&String, &Vec<u8>)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (name, bytes) in files {
        eat(name.as_bytes());
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(bytes);
    }
    format!("{hash:016x}")
}

/// The text of `sw.js`, from every file of the build as (path relative to the dist directory
/// with `/`, contents). Files that are not [`precached`] are ignored.
///
/// Pages are precached as [`precached_pages`] chooses; a page left out is cached when visited.
pub fn service_worker(
    config: &SiteConfig,
    files: &[(String, Vec<u8>)],
    first: &[String],
) -> String {
    let sizes: Vec<(String, usize)> = files
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes.len()))
        .collect();
    let pages = precached_pages(&sizes, first);
    let mut files: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter(|(name, _)| precached(name) && (!name.ends_with(".html") || pages.contains(name)))
        .map(|(name, bytes)| (name, bytes))
        .collect();
    files.sort();
    let version = version(&files);
    // The wasm every page of this deploy loads: a page that does not name it is another deploy's.
    let wasm = files
        .iter()
        .map(|(name, _)| *name)
        .find(|name| name.ends_with("_bg.wasm") && is_hashed(name))
        .map(|name| config.href(name))
        .unwrap_or_default();
    let (mut pages, mut hashed, mut fresh) = (Vec::new(), Vec::new(), Vec::new());
    for (name, bytes) in &files {
        let url = url_of(config, name);
        if is_hashed(name) {
            hashed.push(url);
            continue;
        }
        let names_wasm = !wasm.is_empty()
            && name.ends_with(".html")
            && String::from_utf8_lossy(bytes).contains(&wasm);
        if names_wasm {
            pages.push(url.clone());
        }
        fresh.push(url);
    }
    // JSON is valid JavaScript for these values (file paths).
    fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
        serde_json::to_string(value).expect("strings serialise")
    }
    include_str!("sw.js")
        .replace("__VERSION__", &version)
        .replace("__BASE__", &json(&config.base))
        .replace("__WASM__", &json(&wasm))
        .replace("__PAGES__", &json(&pages))
        .replace("__FRESH__", &json(&fresh))
        .replace("__HASHED__", &json(&hashed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WASM: &str = "chef-projet-digital-f8e2c82f35477068_bg.wasm";

    /// A build as the prerender hook sees it: pages naming the wasm, hashed assets, the content
    /// model, the manifest and icons, plus what must stay out of the cache.
    fn build(base: &str) -> Vec<(String, Vec<u8>)> {
        let page = format!("<html><script type=module>init('{base}{WASM}')</script></html>");
        [
            ("index.html", page.as_str()),
            ("chef-projet-digital.html", page.as_str()),
            ("404.html", page.as_str()),
            (
                "chef-projet-digital-f8e2c82f35477068.js",
                "export default 1",
            ),
            (WASM, "\0asm"),
            ("main-bde87ab9c381b77e.css", "body{}"),
            ("favicon-862fab4a8bba3744.svg", "<svg/>"),
            ("manifest.webmanifest", "{}"),
            ("icons/icon-192.png", "png"),
            ("icons/icon.svg", "<svg/>"),
            ("index.html.br", "x"),
            ("main-bde87ab9c381b77e.css.gz", "x"),
            ("_headers", "/*"),
            ("sitemap.xml", "<urlset/>"),
            ("robots.txt", "User-agent: *"),
            ("sw.js", "old worker"),
        ]
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect()
    }

    fn worker(base: &str, files: &[(String, Vec<u8>)]) -> String {
        service_worker(
            &SiteConfig::new("https://ex.org", base),
            files,
            &["index.html".to_string()],
        )
    }

    /// The JSON array the worker assigns to `const NAME`.
    fn list(sw: &str, name: &str) -> Vec<String> {
        let start = sw.find(&format!("const {name} = ")).expect(name) + name.len() + 9;
        let end = start + sw[start..].find(";\n").unwrap();
        serde_json::from_str(&sw[start..end]).expect("a JSON array")
    }

    fn version_of(sw: &str) -> String {
        let start = sw.find("const VERSION = '").unwrap() + 17;
        sw[start..start + 16].to_string()
    }

    #[test]
    fn precaches_pages_hashed_assets_manifest_and_icons() {
        let sw = worker("/", &build("/"));
        assert_eq!(
            list(&sw, "HASHED"),
            [
                "/chef-projet-digital-f8e2c82f35477068.js",
                "/chef-projet-digital-f8e2c82f35477068_bg.wasm",
                "/favicon-862fab4a8bba3744.svg",
                "/main-bde87ab9c381b77e.css",
            ]
        );
        assert_eq!(
            list(&sw, "FRESH"),
            [
                "/404.html",
                "/chef-projet-digital.html",
                "/icons/icon-192.png",
                "/icons/icon.svg",
                "/",
                "/manifest.webmanifest",
            ]
        );
        // Every page names the wasm, so each is checked at install.
        assert_eq!(
            list(&sw, "PAGES"),
            ["/404.html", "/chef-projet-digital.html", "/"]
        );
        assert!(sw.contains(&format!("const WASM = \"/{WASM}\";")));
        for absent in [".br", ".gz", "_headers", "sitemap", "robots", "sw.js"] {
            let lists = [list(&sw, "FRESH"), list(&sw, "HASHED")].concat();
            assert!(lists.iter().all(|url| !url.contains(absent)), "{absent}");
        }
        assert!(!sw.contains("__"), "every placeholder filled");
    }

    #[test]
    fn a_page_without_this_deploys_wasm_is_cached_unchecked() {
        let mut files = build("/");
        files.push(("bench.html".into(), b"<html>no app</html>".to_vec()));
        let sw = worker("/", &files);
        assert!(list(&sw, "FRESH").contains(&"/bench.html".to_string()));
        assert!(!list(&sw, "PAGES").contains(&"/bench.html".to_string()));
    }

    #[test]
    fn version_follows_every_precached_byte_and_nothing_else() {
        let files = build("/");
        let base = version_of(&worker("/", &files));
        assert_eq!(base.len(), 16);
        assert!(base.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(version_of(&worker("/", &files)), base, "deterministic");
        for i in 0..files.len() {
            let mut changed = files.clone();
            changed[i].1.push(b' ');
            let name = &files[i].0;
            let same = version_of(&worker("/", &changed)) == base;
            assert_eq!(same, !precached(name), "{name}");
        }
        // A renamed file (a new content hash) is a new deploy too.
        let mut renamed = files.clone();
        renamed[0].0 = "index2.html".into();
        assert_ne!(version_of(&worker("/", &renamed)), base);
        // The order the directory listed them in does not matter.
        let mut reversed = files.clone();
        reversed.reverse();
        assert_eq!(version_of(&worker("/", &reversed)), base);
    }

    #[test]
    fn under_a_sub_path_everything_is_under_the_base() {
        let sw = worker("/docs/", &build("/docs/"));
        assert!(sw.contains("const BASE = \"/docs/\";"));
        assert!(sw.contains("const CACHE = `cpd:${BASE}:${VERSION}`;"));
        let all = [list(&sw, "FRESH"), list(&sw, "HASHED")].concat();
        assert_eq!(all.len(), 10);
        assert!(all.iter().all(|url| url.starts_with("/docs/")), "{all:?}");
        assert!(all.contains(&"/docs/".to_string()));
        assert!(all.contains(&format!("/docs/{WASM}")));
        assert_eq!(list(&sw, "PAGES").len(), 3);
        // The root build's pages name `/…wasm`, not `/docs/…wasm`: none passes the check.
        let sw = worker("/docs/", &build("/"));
        assert!(list(&sw, "PAGES").is_empty());
    }

    #[test]
    fn the_worker_stays_within_a_strict_csp() {
        let sw = worker("/", &build("/"));
        for banned in ["eval(", "new Function", "importScripts", "setTimeout(\""] {
            assert!(!sw.contains(banned), "{banned}");
        }
        assert!(sw.len() < 5_000, "{} bytes", sw.len());
    }

    #[test]
    fn head_tags_follow_the_base() {
        let tags = head_tags(&SiteConfig::new("https://ex.org", "/docs/"));
        assert_eq!(
            tags,
            "<link rel=\"manifest\" href=\"/docs/manifest.webmanifest\"><link rel=\"icon\" type=\"image/png\" href=\"/docs/icons/icon-32.png\"><link rel=\"apple-touch-icon\" href=\"/docs/icons/icon-192.png\"><meta name=\"theme-color\" content=\"#ffffff\" media=\"(prefers-color-scheme: light)\"><meta name=\"theme-color\" content=\"#15171a\" media=\"(prefers-color-scheme: dark)\">"
        );
    }

    #[test]
    fn manifest_is_installable_under_any_base() {
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("../../public/manifest.webmanifest")).unwrap();
        assert_eq!(manifest["name"], "Chef de Projet Digital");
        assert_eq!(manifest["lang"], "fr");
        assert_eq!(manifest["display"], "standalone");
        // Relative to the manifest's own URL, so the site works under a sub-path.
        for key in ["start_url", "scope", "id"] {
            assert_eq!(manifest[key], "./", "{key}");
        }
        assert_eq!(manifest["theme_color"], THEME_COLORS[0].1);
        assert_eq!(manifest["background_color"], THEME_COLORS[0].1);
        let icons = manifest["icons"].as_array().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        for size in ["192x192", "512x512"] {
            assert!(icons
                .iter()
                .any(|i| i["sizes"] == size && i["type"] == "image/png"));
        }
        for icon in icons {
            let src = icon["src"].as_str().unwrap();
            assert!(!src.starts_with('/'), "{src} is relative");
            let bytes = std::fs::read(dir.join(src)).unwrap_or_else(|e| panic!("{src}: {e}"));
            if let Some(size) = icon["sizes"].as_str().filter(|s| *s != "any") {
                // The PNG's IHDR: width and height, big-endian, at bytes 16..24.
                assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{src}");
                let dim = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
                assert_eq!(format!("{}x{}", dim(16), dim(20)), size, "{src}");
            }
        }
    }
}
