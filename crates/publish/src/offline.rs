//! Reading offline, and installing the site as an app (build side).
//!
//! - [`service_worker`] writes `sw.js`: the deploy's data (one JSON object, [`Deploy`]), then
//!   the worker's code, `sw.js` beside this file, as it is; the page's loader registers it
//!   (`loader.js`).
//! - [`head_tags`] are the manifest link and the theme colours every page's head gets. The
//!   manifest and its icons are static files in `public/`, copied by Trunk; their URLs are
//!   relative, so they work under any base path.
//!
//! The worker precaches one deploy whole (pages, content-hashed wasm, JS, CSS, manifest, icons,
//! the search's code and index) into a cache named after a hash of those files, so every
//! deploy changes `sw.js` and is installed on the next load:
//!
//! - install: this deploy's files into the cache, all or nothing. A page that does not load
//!   this deploy's wasm means the host is half-way through another deploy: the install fails
//!   and the browser tries again on a later load;
//! - pages, the manifest, icons (files that keep their name): network first, so an online load
//!   always gets the current deploy; this version's copy when the network fails. Pages are
//!   precached up to a byte budget; a page past it is cached when visited, only if it names
//!   this deploy's wasm, so the cache stays one deploy. A visited page that names another wasm
//!   is a new deploy: the worker asks for its successor then, not at the browser's next check;
//! - content-hashed files: from the cache, else the network. A name never changes its bytes.
//!   The search index's files past their precache budget are cached when a search reads them;
//! - skipWaiting + clients.claim: the new worker takes over at once. That cannot mix deploys: a
//!   page only ever asks for the hashed files it names, which no worker can answer with other
//!   bytes, and offline a page comes from the same cache as its assets. A page already open
//!   keeps the wasm it runs; its next load is the new deploy.

use std::path::PathBuf;

use crate::error::{BuildError, Result};
use crate::files::{write, Manifest};
use crate::plan::Plan;
use crate::policy::{
    is_hashed, precached, MANIFEST_FILE, PRECACHED_PAGES_BYTES, PRECACHED_SEARCH_BYTES, SW_FILE,
};
use crate::search::{is_index_data, is_whole_index, FOLDER as SEARCH_FOLDER};
use cpd_content::site::Site;
use cpd_content::SiteSettings;
use serde::Serialize;
use sha2::{Digest, Sha256};

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
pub fn head_tags(settings: &SiteSettings) -> String {
    let mut tags = format!(
        r#"<link rel="manifest" href="{}"><link rel="icon" type="image/png" href="{}"><link rel="apple-touch-icon" href="{}">"#,
        settings.href(MANIFEST_FILE),
        settings.href(TAB_ICON),
        settings.href(TOUCH_ICON),
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

/// The search index's data files the service worker precaches: its shards and text chunks in
/// name order (the meta file and the search's code are always in), up to
/// [`PRECACHED_SEARCH_BYTES`]. The whole index repeats them: it is cached when first read.
pub fn precached_search(files: &[(String, usize)]) -> Vec<String> {
    let mut budget = PRECACHED_SEARCH_BYTES;
    let mut chosen = Vec::new();
    for (name, size) in files {
        if !name.starts_with(SEARCH_FOLDER) || is_whole_index(name) {
            continue;
        }
        if !is_index_data(name) {
            chosen.push(name.clone());
        } else if *size <= budget {
            budget -= size;
            chosen.push(name.clone());
        }
    }
    chosen
}

/// The URL a built file is requested at: a page's address as links write it (`/a` for
/// `a.html`, `/dir/` for `dir/index.html`), any other file's path.
fn url_of(settings: &SiteSettings, name: &str) -> String {
    settings.href(cpd_content::page_url(name))
}

/// The deploy's version: SHA-256 over each precached file's name, length and bytes, in name
/// order (16 hex digits of it). It changes when any precached byte changes.
fn version(files: &[(&String, &Vec<u8>)]) -> String {
    let mut hash = Sha256::new();
    for (name, bytes) in files {
        hash.update(name.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    cpd_content::conventions::short_hash(&hash.finalize())
}

/// What the worker knows of a deploy: the data `sw.js` starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Deploy {
    /// Changes with any precached byte: the cache's name.
    pub version: String,
    /// The base path: the worker's scope.
    pub base: String,
    /// The wasm every page of this deploy loads: a page that does not name it is another
    /// deploy's.
    pub wasm: String,
    /// The precached pages, checked to name the wasm at install.
    pub pages: Vec<String>,
    /// Files that keep their name across deploys: fetched network first.
    pub fresh: Vec<String>,
    /// Content-hashed files: from the cache.
    pub hashed: Vec<String>,
    /// The search's folder: its files not precached are cached when first read.
    pub search: String,
}

/// The deploy, from every file of the build as (path relative to the dist directory with `/`,
/// contents). Files that are not [`precached`] are ignored; pages are precached as
/// [`precached_pages`] chooses, and a page left out is cached when visited.
pub fn deploy(settings: &SiteSettings, files: &[(String, Vec<u8>)], first: &[String]) -> Deploy {
    let sizes: Vec<(String, usize)> = files
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes.len()))
        .collect();
    let pages = precached_pages(&sizes, first);
    let search = precached_search(&sizes);
    let mut files: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter(|(name, _)| precached(name) && (!name.ends_with(".html") || pages.contains(name)))
        .filter(|(name, _)| !name.starts_with(SEARCH_FOLDER) || search.contains(name))
        .map(|(name, bytes)| (name, bytes))
        .collect();
    files.sort();
    let wasm = files
        .iter()
        .map(|(name, _)| *name)
        .find(|name| name.ends_with("_bg.wasm") && is_hashed(name))
        .map(|name| settings.href(name))
        .unwrap_or_default();
    let mut deploy = Deploy {
        version: version(&files),
        base: settings.base.clone(),
        wasm,
        pages: Vec::new(),
        fresh: Vec::new(),
        hashed: Vec::new(),
        search: settings.href(SEARCH_FOLDER),
    };
    for (name, bytes) in &files {
        let url = url_of(settings, name);
        if is_hashed(name) {
            deploy.hashed.push(url);
            continue;
        }
        let names_wasm = !deploy.wasm.is_empty()
            && name.ends_with(".html")
            && String::from_utf8_lossy(bytes).contains(&deploy.wasm);
        if names_wasm {
            deploy.pages.push(url.clone());
        }
        deploy.fresh.push(url);
    }
    deploy
}

/// The pages a first visit is likely to land on, as files of the output: the home page, then
/// the site menu's. The worker precaches them first, the compressor gives them its best.
pub fn first_pages(site: &Site) -> Vec<String> {
    let home = site
        .home()
        .filter(|home| home.permalink != "/index.html")
        .map(|_| "index.html".to_string());
    home.into_iter()
        .chain(
            site.home()
                .into_iter()
                .chain(site.menu())
                .map(|p| p.permalink.trim_start_matches('/').to_string()),
        )
        .collect()
}

/// The stage: `sw.js`, from every precachable file built by now (so it comes after every page).
pub fn stage(plan: &Plan, manifest: &Manifest) -> Result<PathBuf> {
    let out = &plan.options.out;
    let first = first_pages(&plan.site);
    // Only the files precached are read: on a large site, a few of its pages.
    let mut sizes = Vec::new();
    for (name, path) in manifest.files().filter(|(name, _)| precached(name)) {
        let size = std::fs::metadata(path)
            .map_err(BuildError::io(path, "read the size of"))?
            .len();
        sizes.push((name, path, size as usize));
    }
    let listed: Vec<(String, usize)> = sizes.iter().map(|(n, _, s)| (n.clone(), *s)).collect();
    let (pages, search) = (precached_pages(&listed, &first), precached_search(&listed));
    let mut built = Vec::new();
    for (name, path, _) in sizes {
        let page = name.ends_with(".html");
        let kept = if page {
            pages.contains(&name)
        } else if name.starts_with(SEARCH_FOLDER) {
            search.contains(&name)
        } else {
            true
        };
        if kept {
            let bytes = std::fs::read(path).map_err(BuildError::io(path, "read"))?;
            built.push((name, bytes));
        }
    }
    // Chosen again from what was chosen, the same files.
    let deploy = deploy(&plan.site.settings, &built, &first);
    write(&out.join(SW_FILE), service_worker(&deploy).as_bytes())
}

/// The worker's code, as it is: it reads the deploy from `self.deploy`.
const WORKER: &str = include_str!("sw.js");

/// The text of `sw.js`: the deploy's data as its first line, then the worker's code.
pub fn service_worker(deploy: &Deploy) -> String {
    let data = serde_json::to_string(deploy).expect("strings and lists serialise");
    format!("self.deploy = {data};\n{WORKER}")
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
        service_worker(&deploy(
            &SiteSettings::at("https://ex.org", base),
            files,
            &["index.html".to_string()],
        ))
    }

    /// The deploy `sw.js` starts with, read back as JSON.
    fn deploy_of(sw: &str) -> Deploy {
        let line = sw.lines().next().unwrap();
        let json = line.strip_prefix("self.deploy = ").unwrap();
        serde_json::from_str(json.strip_suffix(';').unwrap()).expect("a JSON object")
    }

    /// One of the deploy's lists.
    fn list(sw: &str, name: &str) -> Vec<String> {
        let d = deploy_of(sw);
        match name {
            "HASHED" => d.hashed,
            "FRESH" => d.fresh,
            "PAGES" => d.pages,
            _ => unreachable!("{name}"),
        }
    }

    fn version_of(sw: &str) -> String {
        deploy_of(sw).version
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
                "/404",
                "/chef-projet-digital",
                "/icons/icon-192.png",
                "/icons/icon.svg",
                "/",
                "/manifest.webmanifest",
            ]
        );
        // Every page names the wasm, so each is checked at install.
        assert_eq!(list(&sw, "PAGES"), ["/404", "/chef-projet-digital", "/"]);
        assert_eq!(deploy_of(&sw).wasm, format!("/{WASM}"));
        for absent in [".br", ".gz", "_headers", "sitemap", "robots", "sw.js"] {
            let lists = [list(&sw, "FRESH"), list(&sw, "HASHED")].concat();
            assert!(lists.iter().all(|url| !url.contains(absent)), "{absent}");
        }
        assert!(!sw.contains("__"), "every placeholder filled");
    }

    #[test]
    fn the_search_is_precached_but_its_whole_index_and_data_past_the_budget() {
        let file = |name: &str, size: usize| (format!("{SEARCH_FOLDER}{name}"), size);
        let files = [
            file("index.bin", 100),
            file("search-0123456789abcdef_bg.wasm", 40_000),
            file("terms-0-b1.bin", PRECACHED_SEARCH_BYTES - 10),
            file("text-0-b1.bin", 20),
            file("text-1-b1.bin", 10),
            file("whole-b1.bin", 100),
            ("main-0123456789abcdef.css".to_string(), 10),
        ];
        let chosen = precached_search(&files);
        assert_eq!(
            chosen,
            [
                "search/index.bin",
                "search/search-0123456789abcdef_bg.wasm",
                "search/terms-0-b1.bin",
                "search/text-1-b1.bin",
            ]
        );
    }

    #[test]
    fn a_page_without_this_deploys_wasm_is_cached_unchecked() {
        let mut files = build("/");
        files.push(("bench.html".into(), b"<html>no app</html>".to_vec()));
        let sw = worker("/", &files);
        assert!(list(&sw, "FRESH").contains(&"/bench".to_string()));
        assert!(!list(&sw, "PAGES").contains(&"/bench".to_string()));
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
        assert_eq!(deploy_of(&sw).base, "/docs/");
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
        let tags = head_tags(&SiteSettings::at("https://ex.org", "/docs/"));
        assert_eq!(
            tags,
            "<link rel=\"manifest\" href=\"/docs/manifest.webmanifest\"><link rel=\"icon\" type=\"image/png\" href=\"/docs/icons/icon-32.png\"><link rel=\"apple-touch-icon\" href=\"/docs/icons/icon-192.png\"><meta name=\"theme-color\" content=\"#ffffff\" media=\"(prefers-color-scheme: light)\"><meta name=\"theme-color\" content=\"#15171a\" media=\"(prefers-color-scheme: dark)\">"
        );
    }

    #[test]
    fn manifest_is_installable_under_any_base() {
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("../../../public/manifest.webmanifest")).unwrap();
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
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public");
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
