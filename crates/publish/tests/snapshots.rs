//! The fixture sites as the build writes them, compared whole with their reviewed snapshots
//! (`snapshots/<site>/`, insta): the list of files, every page, every feed, the sitemap, the
//! host files (`_headers`, `_redirects`, `nginx-site.conf`, `robots.txt`) and the service
//! worker's data. Each site is built twice, from two places into two others, and must come out
//! the same to the byte: what a snapshot shows does not depend on the run.
//!
//! The options are fixed (a development build, the site's origin, a base path, the test
//! template `tests/fixtures/trunk-index.html`); nothing of the run is redacted, because nothing
//! of it reaches the files. For review, a page is shown one block a line (`pretty_html`), its
//! islands' loader, `crates/publish/src/loader.js` written as it is, by its name, and an
//! island's number by `[hash]`: Leptos names each island with std's `DefaultHasher` over the
//! island's tokens, whose algorithm may change with the compiler, not with the site. A feed
//! entry's HTML is shown unescaped, one block a line. To accept a change: `INSTA_UPDATE=always`
//! (or `cargo insta review`), then review the diff.
mod common;

use std::path::Path;

use common::*;
use quick_xml::events::Event;
use quick_xml::Reader;

/// The islands' loader, as the build writes it in a development build.
const LOADER: &str = include_str!("../src/loader.js");
/// The service worker after its first line, the deploy's data.
const WORKER: &str = include_str!("../src/sw.js");

/// A site to build, under which name its snapshots are kept.
struct Site {
    name: &'static str,
    content: &'static str,
    url: &'static str,
    base: &'static str,
}

#[test]
fn the_fixture_site_as_built() {
    check(&Site {
        name: "site",
        content: FIXTURE_SITE,
        url: "https://fixture.example",
        base: "/essai/",
    });
}

#[test]
fn the_jekyll_blog_as_built() {
    check(&Site {
        name: "blog",
        content: FIXTURE_BLOG,
        url: "https://blog.example",
        base: "/",
    });
}

fn build(site: &Site, content: &Path) -> tempfile::TempDir {
    let staged = staging();
    Prerender::new(staged.path(), content)
        .site_url(site.url)
        .base(site.base)
        .succeeds();
    staged
}

fn check(site: &Site) {
    let built = build(site, Path::new(site.content));
    let dir = built.path();
    // The same folder elsewhere, built into another directory: the same bytes.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copie");
    copy_dir(Path::new(site.content), &copy);
    let again = build(site, &copy);
    let listed = files(dir);
    assert_eq!(listed, files(again.path()), "the files of two builds");
    for file in &listed {
        let [first, second] = [dir, again.path()].map(|d| std::fs::read(d.join(file)).unwrap());
        assert!(first == second, "{file} differs from one build to the next");
    }

    let snapshot = |name: &str, description: &str, shown: String| {
        insta::with_settings!({
            snapshot_path => format!("snapshots/{}", site.name),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => description,
        }, {
            insta::assert_snapshot!(name, shown);
        });
    };
    snapshot(
        "files",
        "Every file the build writes; the search index's shards and texts counted.",
        listing(&listed),
    );
    for file in &listed {
        let text = || read(dir, file);
        match file.rsplit_once('.').map_or("", |(_, e)| e) {
            "html" => snapshot(
                file,
                &format!(
                    "{file}, one block a line; the loader by its name, islands' numbers redacted."
                ),
                page(&text()),
            ),
            "xml" if text().contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") => snapshot(
                file,
                &format!("{file} as built; each entry's HTML unescaped, one block a line."),
                feed(&text()),
            ),
            "xml" | "conf" | "txt" if !file.contains('/') => {
                snapshot(file, &format!("{file} as built."), text())
            }
            _ if ["_headers", "_redirects"].contains(&file.as_str()) => {
                snapshot(file, &format!("{file} as built."), text())
            }
            "js" if file == "sw.js" => {
                let sw = text();
                let (data, rest) = worker(&sw);
                assert_eq!(
                    rest, WORKER,
                    "sw.js is its data, then crates/publish/src/sw.js"
                );
                snapshot(
                    "sw.js",
                    "The deploy's data that starts sw.js (the rest is crates/publish/src/sw.js).",
                    serde_json::to_string_pretty(&data).unwrap(),
                );
            }
            _ => {}
        }
    }
}

/// A copy of the folder `from` at `to`.
fn copy_dir(from: &Path, to: &Path) {
    for file in files(from) {
        let target = to.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&file), target).unwrap();
    }
}

/// The files, one a line; the search's shards and texts, named by their number and the
/// index's build, as a count each (their number follows the fixture's words).
fn listing(files: &[String]) -> String {
    let numbered = regex::Regex::new(r"^search/(terms|text)-\d+-([0-9a-f]{16})\.bin$").unwrap();
    let mut lines = Vec::new();
    let mut counted: Vec<(String, usize)> = Vec::new();
    for file in files {
        match numbered.captures(file) {
            Some(c) => {
                let name = format!("search/{}-<n>-{}.bin", &c[1], &c[2]);
                match counted.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => counted.push((name, 1)),
                }
            }
            None => lines.push(file.clone()),
        }
    }
    lines.extend(
        counted
            .into_iter()
            .map(|(name, count)| format!("{name} × {count}")),
    );
    lines.sort();
    lines.join("\n") + "\n"
}

/// A page for review: one block a line, the loader by its name, islands' numbers redacted.
fn page(html: &str) -> String {
    let loader = format!("<script type=\"module\">{LOADER}</script>");
    let html = html.replace(
        &loader,
        "<script type=\"module\">/* crates/publish/src/loader.js */</script>",
    );
    let island = regex::Regex::new(r#"data-component="(\w+?)_\d+""#).unwrap();
    let html = island.replace_all(&html, r#"data-component="${1}_[hash]""#);
    pretty_html(&html)
}

/// A feed for review: as built, but each `<content type="html">`'s text unescaped and one
/// block a line, from the start of a line.
fn feed(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut shown = String::new();
    let mut copied = 0;
    loop {
        match reader.read_event().expect("a well-formed feed") {
            Event::Start(e) if e.name().as_ref() == "content" => {
                let span = reader.read_to_end(e.name()).unwrap();
                let (start, end) = (span.start as usize, span.end as usize);
                let html = quick_xml::escape::unescape(&xml[start..end]).unwrap();
                let indent = &xml[xml[..start].rfind('\n').map_or(0, |i| i + 1)..];
                let indent = &indent[..indent.len() - indent.trim_start().len()];
                shown.push_str(&xml[copied..start]);
                shown.push('\n');
                shown.push_str(&pretty_html(&html));
                shown.push('\n');
                shown.push_str(indent);
                copied = end;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    shown.push_str(&xml[copied..]);
    shown
}
