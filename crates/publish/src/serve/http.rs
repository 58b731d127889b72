//! The server's answers: the site's files as a static host serves them (a page's address
//! without `.html`, a folder's `index.html`, the site's `404.html` for anything else), cached
//! only when their name carries their hash; each page with `live.js`; and the events that tell
//! the pages to reload.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use tiny_http::{Header, Request, Response};

use crate::policy::{immutable, kind_of};

/// The page's side of the server, as it is.
const LIVE_JS: &str = include_str!("live.js");
/// The error overlay's style, which `live.js` links when it shows one.
const LIVE_CSS: &str = include_str!("live.css");
/// What the server adds to each page it serves.
const LIVE_TAG: &str = r#"<script type="module" src="/_cpd/live.js"></script>"#;

/// What is served: the folder, at the base path the site is built for (`/`, `/docs/`).
pub struct Site {
    pub dist: PathBuf,
    pub base: String,
}

/// The pages listening for builds, and the error they show while the build is failing.
#[derive(Default)]
pub struct Hub {
    listeners: Mutex<Vec<Box<dyn Write + Send>>>,
    failure: Mutex<Option<String>>,
}

impl Hub {
    /// A good build: the overlay goes, the pages reload.
    pub fn good(&self) {
        *self.failure.lock().expect("no panic holds it") = None;
        self.send("ok", "");
        self.send("reload", "");
    }

    /// A failed build: every page shows `message`, and so does any page opened until the next
    /// good build.
    pub fn failed(&self, message: &str) {
        *self.failure.lock().expect("no panic holds it") = Some(message.to_string());
        self.send("failed", message);
    }

    fn send(&self, name: &str, data: &str) {
        let event = event(name, data);
        // A page closed since it listened is a write that fails: it is let go.
        self.listeners
            .lock()
            .expect("no panic holds it")
            .retain_mut(|out| {
                out.write_all(event.as_bytes())
                    .and_then(|()| out.flush())
                    .is_ok()
            });
    }

    fn listen(&self, request: Request) {
        let mut out = request.into_writer();
        let mut head = String::from(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n",
        );
        if let Some(message) = self.failure.lock().expect("no panic holds it").as_deref() {
            head.push_str(&event("failed", message));
        }
        if out
            .write_all(head.as_bytes())
            .and_then(|()| out.flush())
            .is_ok()
        {
            self.listeners.lock().expect("no panic holds it").push(out);
        }
    }
}

/// One server-sent event: its name, and its data line by line.
fn event(name: &str, data: &str) -> String {
    let mut text = format!("event: {name}\n");
    for line in data.split('\n') {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    text
}

/// Answers one request.
pub fn answer(site: &Site, hub: &Hub, request: Request) {
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let response = match path.as_str() {
        "/_cpd/events" => return hub.listen(request),
        "/_cpd/live.js" => file(LIVE_JS.as_bytes().to_vec(), "live.js", 200),
        "/_cpd/live.css" => file(LIVE_CSS.as_bytes().to_vec(), "live.css", 200),
        _ => match resolve(&site.dist, &site.base, &path) {
            Ok(Some((name, status))) => match read(&site.dist.join(&name), &name) {
                Ok(bytes) => file(bytes, &name, status),
                Err(message) => text(&message, 500),
            },
            Ok(None) => text("not found, and the site has no 404.html (yet)", 404),
            Err(message) => text(&message, 400),
        },
    };
    // A reader gone before the answer is nothing to report.
    let _ = request.respond(response);
}

/// The file (relative to `dist`) and status that answer the address `path`, as a static host
/// answers it; `None` when nothing does, not even a 404 page.
fn resolve(dist: &Path, base: &str, path: &str) -> Result<Option<(String, u16)>, String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| format!("{path}: not UTF-8"))?;
    let not_found = || {
        dist.join("404.html")
            .is_file()
            .then(|| ("404.html".to_string(), 404))
    };
    // The site lives under its base path: `/docs` is its home, anything outside unknown.
    if !format!("{decoded}/").starts_with(base) {
        return Ok(not_found());
    }
    // Without leading slashes: a path joined to the folder stays in it.
    let relative = decoded
        .get(base.len()..)
        .unwrap_or_default()
        .trim_start_matches('/');
    if relative.split('/').any(|s| s == "..") {
        return Err(format!("{path}: `..` in an address"));
    }
    let candidates = if relative.is_empty() || relative.ends_with('/') {
        vec![format!("{relative}index.html")]
    } else {
        vec![
            relative.to_string(),
            format!("{relative}.html"),
            format!("{relative}/index.html"),
        ]
    };
    if let Some(found) = candidates.into_iter().find(|c| dist.join(c).is_file()) {
        return Ok(Some((found, 200)));
    }
    Ok(not_found())
}

/// A served file's bytes: a page with `live.js` added to its head.
fn read(path: &Path, name: &str) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if !name.ends_with(".html") {
        return Ok(bytes);
    }
    let html = String::from_utf8(bytes).map_err(|_| format!("{name}: not UTF-8"))?;
    let mut added = false;
    let live = rewrite_str(
        &html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("head", |el| {
                el.append(LIVE_TAG, ContentType::Html);
                added = true;
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| format!("{name}: {e}"))?;
    if !added {
        return Err(format!("{name}: a page without a <head>"));
    }
    Ok(live.into_bytes())
}

fn file(bytes: Vec<u8>, name: &str, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    let media = kind_of(name).map_or("application/octet-stream", |k| k.media_type);
    // A file whose name carries its content's hash never changes: a reload takes it from the
    // browser's cache, and only the page and what has no hash come again.
    let cache = match immutable(name) {
        true => "public, max-age=31536000, immutable",
        false => "no-cache",
    };
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", media))
        .with_header(header("Cache-Control", cache))
}

fn text(message: &str, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(message.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_resolve_as_a_static_host_resolves_them() {
        let dist = tempfile::tempdir().unwrap();
        for name in [
            "index.html",
            "a.html",
            "dir/index.html",
            "404.html",
            "x.css",
        ] {
            crate::files::write(&dist.path().join(name), b"<head></head>").unwrap();
        }
        let at = |path: &str| resolve(dist.path(), "/", path).unwrap();
        assert_eq!(at("/"), Some(("index.html".into(), 200)));
        assert_eq!(at("/a"), Some(("a.html".into(), 200)));
        assert_eq!(at("/a.html"), Some(("a.html".into(), 200)));
        assert_eq!(at("/dir/"), Some(("dir/index.html".into(), 200)));
        assert_eq!(at("/dir"), Some(("dir/index.html".into(), 200)));
        assert_eq!(at("/x.css"), Some(("x.css".into(), 200)));
        assert_eq!(at("/nowhere"), Some(("404.html".into(), 404)));
        assert!(resolve(dist.path(), "/", "/../etc/passwd").is_err());
        assert_eq!(at("//etc/passwd"), Some(("404.html".into(), 404)));
        // Under a base path: the site's addresses are under it, and nothing else is.
        let at = |path: &str| resolve(dist.path(), "/docs/", path).unwrap();
        assert_eq!(at("/docs/"), Some(("index.html".into(), 200)));
        assert_eq!(at("/docs"), Some(("index.html".into(), 200)));
        assert_eq!(at("/docs/a"), Some(("a.html".into(), 200)));
        assert_eq!(at("/a"), Some(("404.html".into(), 404)));
        assert_eq!(at("/docsa"), Some(("404.html".into(), 404)));
    }

    #[test]
    fn pages_get_the_live_script_in_their_head() {
        let dist = tempfile::tempdir().unwrap();
        let path = dist.path().join("a.html");
        std::fs::write(
            &path,
            "<html><head><title>A</title></head><body></body></html>",
        )
        .unwrap();
        let page = String::from_utf8(read(&path, "a.html").unwrap()).unwrap();
        assert_eq!(
            page,
            format!("<html><head><title>A</title>{LIVE_TAG}</head><body></body></html>")
        );
    }

    #[test]
    fn an_event_has_a_data_line_per_line() {
        assert_eq!(
            event("failed", "a.md:3: bad\nmore"),
            "event: failed\ndata: a.md:3: bad\ndata: more\n\n"
        );
    }
}
