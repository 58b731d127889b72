//! Reading offline, and installing the site as an app.
//!
//! - At build time (feature `ssr`, called by the prerender hook): [`service_worker`] writes
//!   `sw.js` from the files the build produced, and [`with_head_tags`] puts the manifest link and
//!   the theme colour into every page's head. The manifest and its icons are static files in
//!   `public/`, copied by Trunk; their URLs are relative, so they work under any base path.
//! - In the browser: [`register`] registers `{base}sw.js` for the whole site.
//!
//! The worker precaches one deploy whole (pages, content-hashed wasm, JS, CSS, the content model,
//! manifest and icons) into a cache named after a hash of those files, so every deploy changes
//! `sw.js` and is installed on the next load. Its strategy is in the generated file's header.

#[cfg(feature = "ssr")]
use crate::config::SiteConfig;

/// The service worker's file, at the base path: its scope is the whole site.
pub const SW_FILE: &str = "sw.js";

/// The web app manifest, at the base path (copied from `public/` by Trunk).
pub const MANIFEST_FILE: &str = "manifest.webmanifest";

/// The browser's UI colour, the page background of `style/main.css` (`--bg`), light then dark.
/// `public/manifest.webmanifest` repeats the light one.
pub const THEME_COLORS: [(&str, &str); 2] = [("light", "#ffffff"), ("dark", "#15171a")];

/// The tags every page's `<head>` gets: the manifest link (absolute, so `404.html` served at any
/// depth finds it) and the theme colour for each colour scheme.
#[cfg(feature = "ssr")]
pub fn head_tags(config: &SiteConfig) -> String {
    let mut tags = format!(
        r#"<link rel="manifest" href="{}">"#,
        config.href(MANIFEST_FILE)
    );
    for (scheme, color) in THEME_COLORS {
        tags.push_str(&format!(
            r#"<meta name="theme-color" content="{color}" media="(prefers-color-scheme: {scheme})">"#
        ));
    }
    tags
}

/// Trunk's `index.html` with [`head_tags`] at the end of its head, before it is used as the
/// prerender's template. A template without `</head>` is returned as is (the prerender rejects it).
#[cfg(feature = "ssr")]
pub fn with_head_tags(template: &str, config: &SiteConfig) -> String {
    match template.find("</head>") {
        Some(at) => format!(
            "{}{}{}",
            &template[..at],
            head_tags(config),
            &template[at..]
        ),
        None => template.to_string(),
    }
}

/// Whether the worker precaches a built file (path relative to the dist directory, with `/`):
/// pages, scripts, wasm, styles, the content model, the manifest and images. Not the worker
/// itself, not the precompressed twins (`.br`, `.gz`: the browser asks for the plain URL), not the
/// host's files (`_headers`, `robots.txt`, `sitemap.xml`), nor anything hidden.
#[cfg(feature = "ssr")]
pub fn precached(name: &str) -> bool {
    const EXTENSIONS: [&str; 13] = [
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
    name != SW_FILE
        && !name
            .split('/')
            .any(|part| part.starts_with('.') || part.starts_with('_'))
        && name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
}

/// The URL a built file is requested at: `dir/index.html` is `dir/`, as hosts serve it.
#[cfg(feature = "ssr")]
fn url_of(config: &SiteConfig, name: &str) -> String {
    let url = config.href(name);
    match url.strip_suffix("index.html") {
        Some(dir) if dir.ends_with('/') => dir.to_string(),
        _ => url,
    }
}

/// The deploy's version: FNV-1a (64 bits) over each precached file's name, length and bytes, in
/// name order. Not a security hash: it only has to change when any precached byte changes.
#[cfg(feature = "ssr")]
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
#[cfg(feature = "ssr")]
pub fn service_worker(config: &SiteConfig, files: &[(String, Vec<u8>)]) -> String {
    let mut files: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter(|(name, _)| precached(name))
        .map(|(name, bytes)| (name, bytes))
        .collect();
    files.sort();
    let version = version(&files);
    // The wasm every page of this deploy loads: a page that does not name it is another deploy's.
    let wasm = files
        .iter()
        .map(|(name, _)| *name)
        .find(|name| name.ends_with("_bg.wasm") && crate::hosting::is_hashed(name))
        .map(|name| config.href(name))
        .unwrap_or_default();
    let (mut pages, mut hashed, mut fresh) = (Vec::new(), Vec::new(), Vec::new());
    for (name, bytes) in &files {
        let url = url_of(config, name);
        if crate::hosting::is_hashed(name) {
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
    SW_TEMPLATE
        .replace("__VERSION__", &version)
        .replace("__BASE__", &json(&config.base))
        .replace("__WASM__", &json(&wasm))
        .replace("__PAGES__", &json(&pages))
        .replace("__FRESH__", &json(&fresh))
        .replace("__HASHED__", &json(&hashed))
}

/// The worker, with its strategy. `__NAME__` placeholders are filled by [`service_worker`].
/// Plain script, no `eval`, no imports: it runs under `script-src 'self'; worker-src 'self'`.
#[cfg(feature = "ssr")]
const SW_TEMPLATE: &str = r#"// Chef de Projet Digital: the service worker, generated by the build (src/offline.rs). Do not edit.
//
// One cache per deploy, named after a hash of every precached file: a deploy changes this file,
// so the browser installs the new worker on the next page load.
// - install: fetch this deploy's files into the cache, all or nothing. A page that does not load
//   this deploy's wasm means the host is half-way through another deploy: the install fails and
//   the browser tries again on a later load.
// - pages, the content model, the manifest, icons (files that keep their name): network first, so
//   an online load always gets the current deploy; this version's copy when the network fails.
//   Network responses are never written to the cache: it stays one deploy, whole.
// - content-hashed files: from the cache, else the network. A name never changes its bytes.
// - skipWaiting + clients.claim: the new worker takes over at once. That cannot mix deploys:
//   a page only ever asks for the hashed files it names, which no worker can answer with other
//   bytes, and offline a page comes from the same cache as its assets. A page already open keeps
//   the wasm it runs; its next load is the new deploy.
'use strict';

const VERSION = '__VERSION__';
const BASE = __BASE__;
const CACHE = `cpd:${BASE}:${VERSION}`;
const WASM = __WASM__;
const PAGES = __PAGES__;
const FRESH = __FRESH__;
const HASHED = __HASHED__;

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(`cpd:${BASE}:`) && name !== CACHE) await caches.delete(name);
    }
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
  const path = url.pathname;
  if (HASHED.includes(path)) {
    event.respondWith(cached(path).then((hit) => hit || fetch(request)));
  } else if (request.mode === 'navigate') {
    const page = path.replace(/\/index\.html$/, '/');
    event.respondWith(networkFirst(event, [page, `${page}.html`, `${BASE}404.html`]));
  } else if (FRESH.includes(path)) {
    event.respondWith(networkFirst(event, [path]));
  }
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all([...FRESH, ...HASHED].map(async (path) => {
    const response = await fetch(path, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    if (PAGES.includes(path) && !(await response.clone().text()).includes(WASM)) {
      throw new Error(`${path}: a page of another deploy`);
    }
    // A redirected response may not answer a navigation: keep its body and headers only.
    const { status, statusText, headers } = response;
    await cache.put(path, response.redirected ? new Response(response.body, { status, statusText, headers }) : response);
  }));
}

function cached(path) {
  return caches.match(path, { cacheName: CACHE });
}

async function networkFirst(event, fallbacks) {
  try {
    return (await event.preloadResponse) || (await fetch(event.request));
  } catch (error) {
    for (const path of fallbacks) {
      const hit = await cached(path);
      if (hit) return hit;
    }
    throw error;
  }
}
"#;

/// Selects the `config::BASE_META` meta: a literal, as a `format!` would cost wasm bytes (a test
/// checks that they agree).
#[cfg(any(target_arch = "wasm32", all(test, feature = "ssr")))]
const BASE_META_SELECTOR: &str = "meta[name=\"cpd-base\"]";

/// Registers the service worker, `{base}sw.js`, on a page the build prerendered (its `cpd-base`
/// meta gives the base). Its scope is the default, the script's directory: the base path.
/// Release builds only: a development build is rebuilt too often to be worth caching. Through
/// `Reflect` rather than web-sys's `ServiceWorkerContainer` bindings: fewer bytes of wasm.
#[cfg(target_arch = "wasm32")]
pub fn register() {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    if cfg!(debug_assertions) {
        return;
    }
    let get = |target: &JsValue, key: &str| {
        Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    };
    let Some(base) = leptos::prelude::document()
        .query_selector(BASE_META_SELECTOR)
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
    else {
        return;
    };
    let window: JsValue = leptos::prelude::window().into();
    let container = get(&get(&window, "navigator"), "serviceWorker");
    let register = get(&container, "register");
    if !register.is_function() {
        return;
    }
    let url = JsValue::from_str(&(base + SW_FILE));
    let Ok(promise) = register.unchecked_ref::<Function>().call1(&container, &url) else {
        return;
    };
    // A refusal (private browsing, storage turned off…) is not the reader's problem: handle the
    // rejection, with the global `Boolean` as a ready-made no-op (no closure in the wasm).
    let catch = get(&promise, "catch");
    if catch.is_function() {
        let _ = catch
            .unchecked_ref::<Function>()
            .call1(&promise, &get(&window, "Boolean"));
    }
}

#[cfg(all(test, feature = "ssr"))]
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
            ("content/chef-projet-digital.json", "{}"),
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
        service_worker(&SiteConfig::new("https://ex.org", base), files)
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
    fn precaches_pages_hashed_assets_content_manifest_and_icons() {
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
                "/content/chef-projet-digital.json",
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
        assert_eq!(all.len(), 11);
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
    fn precached_files() {
        for yes in [
            "index.html",
            "content/chef-projet-digital.json",
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
            "robots.txt",
            "sitemap.xml",
            ".stage/index.html",
            "README",
        ] {
            assert!(!precached(no), "{no}");
        }
    }

    #[test]
    fn the_browser_finds_the_base_meta() {
        let expected = format!("meta[name=\"{}\"]", crate::config::BASE_META);
        assert_eq!(BASE_META_SELECTOR, expected);
    }

    #[test]
    fn head_tags_follow_the_base() {
        let config = SiteConfig::new("https://ex.org", "/docs/");
        let template =
            "<html><head><!--HEAD--><link rel=\"stylesheet\"></head><body></body></html>";
        let page = with_head_tags(template, &config);
        assert!(page.contains(
            "<link rel=\"stylesheet\"><link rel=\"manifest\" href=\"/docs/manifest.webmanifest\"><meta name=\"theme-color\" content=\"#ffffff\" media=\"(prefers-color-scheme: light)\"><meta name=\"theme-color\" content=\"#15171a\" media=\"(prefers-color-scheme: dark)\"></head>"
        ), "{page}");
        assert!(page.contains("<!--HEAD-->"));
        assert_eq!(with_head_tags("<p>no head", &config), "<p>no head");
    }

    #[test]
    fn manifest_is_installable_under_any_base() {
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("../public/manifest.webmanifest")).unwrap();
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
