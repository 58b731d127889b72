//! What the native tests share: a staging directory as Trunk leaves it, the `prerender` binary
//! run over it with options that the test's environment cannot change, and readers of what the
//! build writes (HTML, XML, `_headers`, the service worker's data), so that a test checks a
//! fact of a document rather than a substring of its text.
// Each test binary compiles this module and uses a part of it.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::rc::Rc;

use lol_html::html_content::{ContentType, TextType};
use lol_html::{doc_text, element, end_tag, rewrite_str, RewriteStrSettings};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Trunk's `index.html`, as the hook finds it in the staging directory.
pub const TEMPLATE: &str = include_str!("../../../../tests/fixtures/trunk-index.html");
/// The search's JS glue, as Trunk leaves it.
const SEARCH_GLUE: &str = include_str!("../../../../tests/fixtures/trunk-search.js");

/// The project's content folder.
pub const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
/// The project's tables of words.
pub const I18N: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n");
/// The fixture site: every Markdown construct, two languages, several pages.
pub const FIXTURE_SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/site");
/// A Jekyll blog brought over unchanged.
pub const FIXTURE_BLOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/blog");

/// A file of the repository, by its path from the root.
pub fn repo_file(path: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Writes into `dir` what Trunk leaves there before its hook runs: its `index.html`, and the
/// search's glue, wasm and stylesheet.
pub fn stage(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("index.html"), TEMPLATE).unwrap();
    std::fs::write(dir.join("search.js"), SEARCH_GLUE).unwrap();
    std::fs::write(dir.join("search_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("search-0123456789abcdef.css"), ".search {}").unwrap();
}

/// A staging directory as Trunk leaves it ([`stage`]), removed when dropped.
pub fn staging() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    stage(dir.path());
    dir
}

/// The `prerender` binary, as Trunk's hook runs it. Its environment is only what is set here,
/// so that a variable of the test's own (`TRUNK_PROFILE`, `SITE_URL`, `CPD_DRAFTS`…) never
/// changes the build: by default a development build at the root of `https://ex.org`, with the
/// project's words.
pub struct Prerender(Command);

impl Prerender {
    pub fn new(out: &Path, content: &Path) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_prerender"));
        command
            .env_clear()
            .env("TRUNK_STAGING_DIR", out)
            .env("TRUNK_PUBLIC_URL", "/")
            .env("SITE_URL", "https://ex.org")
            .env("CONTENT_DIR", content)
            .env("I18N_DIR", I18N);
        if let Some(backtrace) = std::env::var_os("RUST_BACKTRACE") {
            command.env("RUST_BACKTRACE", backtrace);
        }
        Self(command)
    }

    /// The base path (`TRUNK_PUBLIC_URL`, as Trunk's `--public-url` gives it).
    pub fn base(mut self, base: &str) -> Self {
        self.0.env("TRUNK_PUBLIC_URL", base);
        self
    }

    /// The public origin (`SITE_URL`).
    pub fn site_url(mut self, url: &str) -> Self {
        self.0.env("SITE_URL", url);
        self
    }

    /// No `SITE_URL`: the origin is the site's own settings', if any.
    pub fn without_site_url(mut self) -> Self {
        self.0.env_remove("SITE_URL");
        self
    }

    /// Another folder of tables of words.
    pub fn words(mut self, i18n: &Path) -> Self {
        self.0.env("I18N_DIR", i18n);
        self
    }

    /// Where to write the end-to-end tests' data (`CPD_TEST_DATA`).
    pub fn test_data(mut self, dir: &Path) -> Self {
        self.0.env("CPD_TEST_DATA", dir);
        self
    }

    /// A release build, as `trunk build --release` runs the hook: minified, compressed.
    pub fn release(mut self) -> Self {
        self.0.env("TRUNK_PROFILE", "release");
        self
    }

    /// With the build's cache in `dir`, as Trunk's hook keeps it.
    pub fn cache(mut self, dir: &Path) -> Self {
        self.0.arg("--cache").arg(dir);
        self
    }

    /// Runs as under `scripts/serve.sh`: Trunk's output kept in `work` for the server.
    pub fn serving(mut self, work: &Path) -> Self {
        self.0.env("CPD_SERVE_DIR", work);
        self
    }

    pub fn run(mut self) -> Output {
        self.0.output().expect("the prerender binary runs")
    }

    /// Runs it, and fails the test with the build's own words if the build fails.
    pub fn succeeds(self) -> Output {
        let out = self.run();
        assert!(out.status.success(), "{}", stderr(&out));
        out
    }

    /// Runs it, and fails the test if the build succeeds: what it said, for the test to read.
    pub fn fails(self) -> String {
        let out = self.run();
        assert!(
            !out.status.success(),
            "the build succeeded: {}",
            stderr(&out)
        );
        stderr(&out)
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A text file of a built site.
pub fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every file under `dir`, as paths from it with `/`, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// An element of an HTML document: its tag, its attributes (entities decoded), and the text of
/// its content, descendants' included (decoded, but for a script's or a style's raw text).
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub tag: String,
    pub attrs: BTreeMap<String, String>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// The elements of `html` that the CSS selector `selector` matches, in document order, read by
/// an HTML parser (lol_html, the build's own).
pub fn select(html: &str, selector: &str) -> Vec<Element> {
    let found: Rc<RefCell<Vec<Element>>> = Rc::default();
    // The matched elements still open: the text read goes to each of them.
    let open: Rc<RefCell<Vec<usize>>> = Rc::default();
    let (found_el, open_el, open_text, found_text) =
        (found.clone(), open.clone(), open.clone(), found.clone());
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!(selector, move |el| {
                let mut found = found_el.borrow_mut();
                found.push(Element {
                    tag: el.tag_name(),
                    attrs: el
                        .attributes()
                        .iter()
                        .map(|a| (a.name(), decode(&a.value())))
                        .collect(),
                    text: String::new(),
                });
                if el.can_have_content() {
                    open_el.borrow_mut().push(found.len() - 1);
                    let open = open_el.clone();
                    el.on_end_tag(end_tag!(move |_| {
                        open.borrow_mut().pop();
                        Ok(())
                    }))?;
                }
                Ok(())
            })],
            document_content_handlers: vec![doc_text!(move |chunk| {
                let text = match chunk.text_type() {
                    TextType::Data | TextType::RCData => decode(chunk.as_str()),
                    _ => chunk.as_str().to_string(),
                };
                let mut found = found_text.borrow_mut();
                for &i in open_text.borrow().iter() {
                    found[i].text.push_str(&text);
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .unwrap_or_else(|e| panic!("`{selector}`: {e}"));
    let found = found.borrow().clone();
    found
}

/// The one element of `html` that `selector` matches.
pub fn one(html: &str, selector: &str) -> Element {
    let mut found = select(html, selector);
    assert_eq!(found.len(), 1, "`{selector}`: {found:?}");
    found.remove(0)
}

fn decode(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

/// The elements whose start tag begins a line in [`pretty_html`]: those of the document's
/// structure, and the blocks of its text.
const BLOCKS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "link",
    "title",
    "script",
    "style",
    "noscript",
    "template",
    "header",
    "nav",
    "main",
    "footer",
    "section",
    "article",
    "aside",
    "div",
    "p",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "hr",
    "form",
    "dialog",
    "details",
    "summary",
    "button",
    "iframe",
    "leptos-island",
    "leptos-children",
];

/// `html` with each block on a line of its own, indented by its depth: a line break and spaces
/// before the start tag of each element of [`BLOCKS`], and before its end tag when it holds
/// another; everything else, text and inline markup, exactly as written.
pub fn pretty_html(html: &str) -> String {
    // Each open element: whether it is a block, and whether it holds one.
    let stack: Rc<RefCell<Vec<(bool, bool)>>> = Rc::default();
    let line = |depth: usize| format!("\n{}", "  ".repeat(depth));
    let pretty = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("*", move |el| {
                let block = BLOCKS.contains(&el.tag_name().as_str());
                let mut open = stack.borrow_mut();
                if block {
                    let depth = open.iter().filter(|(b, _)| *b).count();
                    if let Some(parent) = open.iter_mut().rev().find(|(b, _)| *b) {
                        parent.1 = true;
                    }
                    el.before(&line(depth), ContentType::Html);
                }
                if el.can_have_content() {
                    open.push((block, false));
                    let stack = stack.clone();
                    el.on_end_tag(end_tag!(move |end| {
                        let mut open = stack.borrow_mut();
                        if let Some((true, true)) = open.pop() {
                            let depth = open.iter().filter(|(b, _)| *b).count();
                            end.before(&line(depth), ContentType::Html);
                        }
                        Ok(())
                    }))?;
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .expect("the build's HTML parses");
    pretty.trim_start_matches('\n').to_string()
}

/// The text of every element `<name>` of the XML document `xml`, entities resolved, in order.
pub fn xml_texts(xml: &str, name: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut texts = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == name => {
                let raw = reader.read_text(e.name()).unwrap().into_inner();
                texts.push(quick_xml::escape::unescape(&raw).unwrap().into_owned());
            }
            Event::Eof => break texts,
            _ => {}
        }
    }
}

/// The attributes (values unescaped) of every element `<name>` of the XML document `xml`, in
/// order.
pub fn xml_elements(xml: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = Reader::from_str(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == name => found.push(
                e.attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap();
                        (a.key.as_ref().to_string(), value.into_owned())
                    })
                    .collect(),
            ),
            Event::Eof => break found,
            _ => {}
        }
    }
}

/// The rules of a `_headers` file (Cloudflare's and Netlify's format): each path, with its
/// headers as `(name, value)` in order (a detach, `! Name`, as `("!", name)`).
pub fn headers(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if !line.starts_with([' ', '\t']) {
            rules.push((line.trim().to_string(), Vec::new()));
            continue;
        }
        let (_, list) = rules.last_mut().expect("a header under a path");
        let line = line.trim();
        match line.strip_prefix('!') {
            Some(name) => list.push(("!".into(), name.trim().into())),
            None => {
                let (name, value) = line.split_once(':').expect("Name: value");
                list.push((name.trim().into(), value.trim().into()));
            }
        }
    }
    rules
}

/// A Content-Security-Policy as its directives: each name with its sources.
pub fn csp(policy: &str) -> BTreeMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace().map(String::from);
            Some((words.next()?, words.collect()))
        })
        .collect()
}

/// The deploy's data that starts the service worker (`self.deploy = {…};`), and the rest of it.
pub fn worker(sw: &str) -> (serde_json::Value, &str) {
    let (first, rest) = sw.split_once('\n').unwrap_or((sw, ""));
    let data = first
        .strip_prefix("self.deploy = ")
        .and_then(|l| l.strip_suffix(';'))
        .expect("sw.js starts with the deploy's data");
    (serde_json::from_str(data).unwrap(), rest)
}

/// A copy of the folder `from` at `to`, to edit without touching a fixture.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
