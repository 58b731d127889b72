//! Rewriting Trunk's `index.html` into a page, with an HTML rewriter (`lol_html`).
//!
//! Trunk writes the template: the stylesheet and icon links with their integrity hashes, the
//! theme script, a `modulepreload` of the JS glue, a `preload` of the wasm and a loader module
//! that imports the glue and starts the wasm at once. [`TrunkAssets::read`] checks that shape and
//! takes the glue's and the wasm's URLs; [`page`] then writes the page: the head tags, the body,
//! and the islands' loader (`loader.js`) in place of Trunk's, which starts after the first frame.
//! A template of any other shape fails the build with a message: a page is never shipped
//! half-rewritten.

use crate::error::{BuildError, Result};
use crate::policy::{BLOG_STYLESHEET, CODE_STYLESHEET, EXTRAS_STYLESHEET, SEARCH_STYLESHEET};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use std::cell::RefCell;

/// How messages name the template.
const TEMPLATE: &str = "index.html";

/// The id of the `<script type="application/json">` that gives the loader its data.
pub const BOOT_ID: &str = "cpd-boot";

fn shape(problem: &str) -> BuildError {
    BuildError::invalid(
        TEMPLATE,
        format!(
            "not of the shape Trunk 0.21 writes ({problem}); the islands' loader cannot replace Trunk's"
        ),
    )
}

fn rewriting(error: lol_html::errors::RewritingError) -> BuildError {
    BuildError::invalid(TEMPLATE, error.to_string())
}

/// What Trunk built for the page: the JS glue (with its integrity hash) and the wasm, and the
/// search dialog's stylesheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrunkAssets {
    pub glue: String,
    pub integrity: String,
    pub wasm: String,
    pub search_style: String,
}

/// The file name of a stylesheet link's address.
fn file_of(href: &str) -> &str {
    href.rsplit('/').next().unwrap_or_default()
}

/// What the template holds, as read, before its shape is checked.
#[derive(Default)]
struct Found {
    /// `modulepreload` links: the glue, with its integrity.
    preloads: Vec<(String, Option<String>)>,
    /// `preload` links of the wasm.
    wasm: Vec<String>,
    /// The search's stylesheet links.
    search_styles: Vec<String>,
    /// The text of each module script.
    modules: Vec<String>,
    /// `head`, `body`, and `prerendered` for a page already written by this build.
    marks: Vec<&'static str>,
    /// The names of the elements in `<body>` other than scripts.
    body: String,
}

impl TrunkAssets {
    /// Reads the assets from Trunk's template, checking its shape.
    pub fn read(template: &str) -> Result<Self> {
        scan(template)?.check()
    }
}

/// Reads what the template holds with an HTML parser.
fn scan(template: &str) -> Result<Found> {
    let found = RefCell::new(Found::default());
    let cell = &found;
    let mark = |name| {
        move |_: &mut lol_html::html_content::Element| {
            cell.borrow_mut().marks.push(name);
            Ok(())
        }
    };
    let scanned = rewrite_str(
        template,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("link[rel=modulepreload]", |el| {
                    let preload = el
                        .get_attribute("href")
                        .map(|h| (h, el.get_attribute("integrity")));
                    found.borrow_mut().preloads.extend(preload);
                    Ok(())
                }),
                element!("link[rel=preload][as=fetch]", |el| {
                    found.borrow_mut().wasm.extend(el.get_attribute("href"));
                    Ok(())
                }),
                element!("link[rel=stylesheet]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    if file_of(&href).starts_with(SEARCH_STYLESHEET) {
                        found.borrow_mut().search_styles.push(href);
                    }
                    Ok(())
                }),
                element!("script[type=module]", |_| {
                    found.borrow_mut().modules.push(String::new());
                    Ok(())
                }),
                text!("script[type=module]", |t| {
                    if let Some(m) = found.borrow_mut().modules.last_mut() {
                        m.push_str(t.as_str());
                    }
                    Ok(())
                }),
                element!("head", mark("head")),
                element!("body", mark("body")),
                element!("meta[name=cpd-base], leptos-island", mark("prerendered")),
                element!("body *", |el| {
                    // Trunk's live reload is the only thing a template's body may hold.
                    if el.tag_name() != "script" {
                        found.borrow_mut().body.push_str(&el.tag_name());
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    );
    scanned.map_err(rewriting)?;
    Ok(found.into_inner())
}

impl Found {
    /// The assets, if the template is of Trunk's shape.
    fn check(self) -> Result<TrunkAssets> {
        if self.marks.contains(&"prerendered") {
            return Err(BuildError::invalid(
                TEMPLATE,
                "already a prerendered page; render from Trunk's fresh output",
            ));
        }
        for tag in ["head", "body"] {
            if !self.marks.contains(&tag) {
                return Err(shape(&format!("no <{tag}> tag")));
            }
        }
        if !self.body.is_empty() {
            return Err(shape("the <body> is not empty"));
        }
        let [(glue, integrity)] = one(self.preloads, "modulepreload links")?;
        let integrity = integrity.ok_or_else(|| shape("the glue's preload has no integrity"))?;
        let [wasm] = one(self.wasm, "wasm preloads")?;
        let [search_style] = one(self.search_styles, "search stylesheets")?;
        let [loader] = one(self.modules, "module scripts")?;
        if !(loader.contains(&glue) && loader.contains(&wasm) && loader.contains("init(")) {
            return Err(shape(
                "its module script does not start the glue and the wasm",
            ));
        }
        Ok(TrunkAssets {
            glue,
            integrity,
            wasm,
            search_style,
        })
    }
}

/// The one element of `items`, or a shape error counting them.
fn one<T>(items: Vec<T>, what: &str) -> Result<[T; 1]> {
    items
        .try_into()
        .map_err(|items: Vec<T>| shape(&format!("{} {what}, not 1", items.len())))
}

/// What goes into the template to make a page.
pub struct Fill<'a> {
    /// Tags appended to `<head>`.
    pub head: &'a str,
    /// The page's markup, the whole content of `<body>`.
    pub body: &'a str,
    /// The islands' loader, in place of Trunk's.
    pub loader: &'a str,
    /// The loader's data: a JSON object, written as a data block before it.
    pub boot: &'a str,
    /// The base path, for Trunk's live-reload script under `trunk serve`.
    pub base: &'a str,
    /// The page's language, for `<html lang>`.
    pub lang: &'a str,
    /// The stylesheets of what only some pages show.
    pub sheets: Sheets,
}

/// Which of the stylesheets of what only some pages show a page loads: without the thing, it
/// does not load its sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sheets {
    /// Code, inline or in blocks (`code-*.css`).
    pub code: bool,
    /// A post, or a list of posts, tags or pages (`blog-*.css`).
    pub blog: bool,
    /// kramdown's classes, frames and videos (`extras-*.css`).
    pub extras: bool,
}

impl Sheets {
    /// Whether a stylesheet named `file` is one this page leaves out.
    fn leaves_out(self, file: &str) -> bool {
        (!self.code && file.starts_with(CODE_STYLESHEET))
            || (!self.blog && file.starts_with(BLOG_STYLESHEET))
            || (!self.extras && file.starts_with(EXTRAS_STYLESHEET))
    }
}

/// Writes a page from Trunk's template (checked by [`TrunkAssets::read`] first).
pub fn page(template: &str, fill: &Fill) -> Result<String> {
    let reload = RefCell::new(String::new());
    let boot = format!(
        "<script type=\"application/json\" id=\"{BOOT_ID}\">{}</script>",
        fill.boot
    );
    let out = rewrite_str(
        template,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("html", |el| Ok(el.set_attribute("lang", fill.lang)?)),
                element!("link[rel=stylesheet]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    let file = file_of(&href);
                    if file.starts_with(SEARCH_STYLESHEET) || fill.sheets.leaves_out(file) {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("head", |el| {
                    el.append(fill.head, ContentType::Html);
                    Ok(())
                }),
                // The loader fetches the glue itself, after the first paint; the wasm follows.
                element!(
                    "link[rel=modulepreload], link[rel=preload][as=fetch]",
                    |el| {
                        el.remove();
                        Ok(())
                    }
                ),
                element!("script[type=module]", |el| {
                    el.before(&boot, ContentType::Html);
                    el.set_inner_content(fill.loader, ContentType::Html);
                    Ok(())
                }),
                element!("body", |el| {
                    el.prepend(fill.body, ContentType::Html);
                    Ok(())
                }),
                text!("body > script:not([type])", |t| {
                    live_reload(&reload, t, fill.base);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    );
    out.map_err(rewriting)
}

/// Under `trunk serve`, Trunk's server fills its live-reload script's address in every
/// response, which would no longer match the hash the policy lists: it is filled here, from the
/// page's own location, so the bytes served are the bytes hashed. These are Trunk's own slots.
fn live_reload(
    script: &RefCell<String>,
    chunk: &mut lol_html::html_content::TextChunk,
    base: &str,
) {
    script.borrow_mut().push_str(chunk.as_str());
    if !chunk.last_in_text_node() {
        chunk.remove();
        return;
    }
    let filled = script
        .take()
        .replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
        .replace("`{{__TRUNK_ADDRESS__}}`", "window.location.host")
        .replace("{{__TRUNK_WS_BASE__}}", base);
    chunk.replace(&filled, ContentType::Html);
}

/// The page with the Content-Security-Policy as the first tag of its head (before any script).
pub fn with_csp_meta(page: &str, file: &str, policy: &str) -> Result<String> {
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        html_escape::encode_double_quoted_attribute(policy)
    );
    let out = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![element!("head", |el| {
                el.prepend(&meta, ContentType::Html);
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    );
    out.map_err(|e| BuildError::invalid(file, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's output for this project's `index.html`, in a release build.
    const TEMPLATE: &str = include_str!("../../../tests/fixtures/trunk-index.html");

    fn assets() -> TrunkAssets {
        TrunkAssets::read(TEMPLATE).expect("Trunk's shape")
    }

    #[test]
    fn reads_the_glue_its_integrity_and_the_wasm() {
        assert_eq!(
            assets(),
            TrunkAssets {
                glue: "/x-0123456789abcdef.js".into(),
                integrity: "sha384-GLUE".into(),
                wasm: "/x-0123456789abcdef_bg.wasm".into(),
                search_style: "/search-0123456789abcdef.css".into(),
            }
        );
        // Minified (unquoted attributes, one line): the same.
        let minified = TEMPLATE
            .replace("rel=\"modulepreload\"", "rel=modulepreload")
            .replace("type=\"module\"", "type=module")
            .replace('\n', "");
        assert_eq!(TrunkAssets::read(&minified).unwrap(), assets());
    }

    #[test]
    fn an_unexpected_template_fails_with_a_message() {
        let cases = [
            (
                TEMPLATE.replace("<link rel=\"modulepreload\"", "<link rel=\"x\""),
                "modulepreload",
            ),
            (TEMPLATE.replace("as=\"fetch\"", "as=\"x\""), "wasm preload"),
            (
                TEMPLATE.replace(
                    "import init, * as bindings from '/x-0123456789abcdef.js';",
                    "",
                ),
                "module script",
            ),
            (TEMPLATE.replace("init({", "start({"), "does not start"),
            (
                TEMPLATE.replace(" integrity=\"sha384-GLUE\"", ""),
                "integrity",
            ),
            (
                TEMPLATE.replace("<body></body>", "<body><p>x</p></body>"),
                "not empty",
            ),
            (
                TEMPLATE.replace("<script type=\"module\">", "<script>"),
                "module scripts",
            ),
        ];
        for (template, expected) in cases {
            let error = TrunkAssets::read(&template)
                .expect_err(expected)
                .to_string();
            assert!(error.contains(expected), "{expected}: {error}");
            assert!(error.contains("Trunk"), "{error}");
        }
        let page = page(TEMPLATE, &fill("<p>x</p>")).unwrap();
        let error = TrunkAssets::read(&page).unwrap_err().to_string();
        assert!(error.contains("already a prerendered page"), "{error}");
    }

    fn fill(body: &str) -> Fill<'_> {
        Fill {
            head: "<meta name=\"cpd-base\" content=\"/\">",
            body,
            loader: "/* islands */",
            boot: "{\"wasm\":\"/x.wasm\"}",
            base: "/",
            lang: "fr",
            sheets: Sheets::default(),
        }
    }

    #[test]
    fn only_pages_with_code_load_the_code_stylesheet() {
        let template = TEMPLATE.replace(
            "</head>",
            "<link rel=\"stylesheet\" href=\"/code-0123456789abcdef.css\"></head>",
        );
        let without = page(&template, &fill("<p>x</p>")).unwrap();
        assert!(!without.contains("code-0123456789abcdef.css"));
        assert!(without.contains("main-"), "the main stylesheet stays");
        let mut with_code = fill("<p><code>x</code></p>");
        with_code.sheets.code = true;
        assert!(page(&template, &with_code)
            .unwrap()
            .contains("code-0123456789abcdef.css"));
    }

    #[test]
    fn only_pages_with_extras_or_posts_load_their_stylesheets() {
        let template = TEMPLATE.replace(
            "</head>",
            "<link rel=\"stylesheet\" href=\"/extras-0123456789abcdef.css\"><link rel=\"stylesheet\" href=\"/blog-0123456789abcdef.css\"></head>",
        );
        let without = page(&template, &fill("<p>x</p>")).unwrap();
        assert!(!without.contains("extras-0123456789abcdef.css"));
        assert!(!without.contains("blog-0123456789abcdef.css"));
        let mut post = fill("<p class=\"post-meta\">x</p>");
        post.sheets.blog = true;
        let post = page(&template, &post).unwrap();
        assert!(post.contains("blog-0123456789abcdef.css"));
        assert!(!post.contains("extras-0123456789abcdef.css"));
        let mut video = fill("<a class=\"video\">x</a>");
        video.sheets.extras = true;
        assert!(page(&template, &video)
            .unwrap()
            .contains("extras-0123456789abcdef.css"));
    }

    #[test]
    fn writes_head_body_and_the_loader_in_place_of_trunks() {
        let out = page(TEMPLATE, &fill("<main>text</main>")).unwrap();
        assert!(
            out.contains(
                "<meta name=\"cpd-base\" content=\"/\"></head><body><main>text</main></body>"
            ),
            "{out}"
        );
        assert!(
            out.contains("<script type=\"application/json\" id=\"cpd-boot\">{\"wasm\":\"/x.wasm\"}</script><script type=\"module\">/* islands */</script>"),
            "{out}"
        );
        assert!(
            !out.contains("modulepreload") && !out.contains("as=\"fetch\""),
            "{out}"
        );
        assert!(!out.contains("import init"), "{out}");
        // Everything else stays: the stylesheet with its integrity, the theme script.
        assert!(out.contains("integrity=\"sha384-CSS\""));
        assert!(out.contains("<script>/* theme */</script>"));
    }

    #[test]
    fn the_live_reload_script_is_filled_where_it_is_hashed() {
        let template = TEMPLATE.replace(
            "<body></body>",
            "<body><script>const address = '{{__TRUNK_ADDRESS__}}'; const base = '{{__TRUNK_WS_BASE__}}';</script></body>",
        );
        TrunkAssets::read(&template).expect("a live-reload script is allowed");
        let out = page(
            &template,
            &Fill {
                base: "/docs/",
                ..fill("<main></main>")
            },
        )
        .unwrap();
        assert!(out.contains("<body><main></main><script>const address = window.location.host; const base = '/docs/';</script></body>"), "{out}");
    }

    #[test]
    fn the_policy_comes_first_in_the_head() {
        let out = with_csp_meta(
            "<html><head><meta charset=utf-8></head></html>",
            "a.html",
            "script-src 'self' \"x\"",
        )
        .unwrap();
        assert_eq!(
            out,
            "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' &quot;x&quot;\"><meta charset=utf-8></head></html>"
        );
    }
}
