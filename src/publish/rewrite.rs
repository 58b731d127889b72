//! Rewriting Trunk's `index.html` into a page, with an HTML rewriter (`lol_html`).
//!
//! Trunk writes the template: the stylesheet and icon links with their integrity hashes, the
//! theme script, a `modulepreload` of the JS glue, a `preload` of the wasm and a loader module
//! that imports the glue and starts the wasm at once. [`TrunkAssets::read`] checks that shape and
//! takes the glue's and the wasm's URLs; [`page`] then writes the page: the head tags, the body,
//! and the islands' loader (`loader.js`) in place of Trunk's, which starts after the first frame.
//! A template of any other shape fails the build with a message: a page is never shipped
//! half-rewritten.

use super::policy::CODE_STYLESHEET;
use super::PublishError;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use std::cell::RefCell;

impl From<lol_html::errors::RewritingError> for PublishError {
    fn from(e: lol_html::errors::RewritingError) -> Self {
        Self(format!("index.html: {e}"))
    }
}

fn shape(problem: &str) -> PublishError {
    PublishError(format!(
        "index.html is not of the shape Trunk 0.21 writes ({problem}); the islands' loader \
         cannot replace Trunk's"
    ))
}

/// What Trunk built for the page: the JS glue (with its integrity hash) and the wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrunkAssets {
    pub glue: String,
    pub integrity: String,
    pub wasm: String,
}

impl TrunkAssets {
    /// Reads the assets from Trunk's template, checking its shape.
    pub fn read(template: &str) -> Result<Self, PublishError> {
        let preloads = RefCell::new(Vec::<(String, Option<String>)>::new());
        let wasm = RefCell::new(Vec::<String>::new());
        let modules = RefCell::new(Vec::<String>::new());
        let marks = RefCell::new(Vec::<&str>::new());
        let body = RefCell::new(String::new());
        rewrite_str(
            template,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("link[rel=modulepreload]", |el| {
                        if let Some(href) = el.get_attribute("href") {
                            preloads
                                .borrow_mut()
                                .push((href, el.get_attribute("integrity")));
                        }
                        Ok(())
                    }),
                    element!("link[rel=preload][as=fetch]", |el| {
                        wasm.borrow_mut().extend(el.get_attribute("href"));
                        Ok(())
                    }),
                    element!("script[type=module]", |_| {
                        modules.borrow_mut().push(String::new());
                        Ok(())
                    }),
                    text!("script[type=module]", |t| {
                        if let Some(m) = modules.borrow_mut().last_mut() {
                            m.push_str(t.as_str());
                        }
                        Ok(())
                    }),
                    element!("head", |_| {
                        marks.borrow_mut().push("head");
                        Ok(())
                    }),
                    element!("body", |_| {
                        marks.borrow_mut().push("body");
                        Ok(())
                    }),
                    element!("body *", |el| {
                        // Trunk's live reload is the only thing a template's body may hold.
                        if el.tag_name() != "script" {
                            body.borrow_mut().push_str(&el.tag_name());
                        }
                        Ok(())
                    }),
                    element!("meta[name=cpd-base], leptos-island", |_| {
                        marks.borrow_mut().push("prerendered");
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )?;
        let marks = marks.into_inner();
        if marks.contains(&"prerendered") {
            return Err(PublishError(
                "index.html is already a prerendered page; render from Trunk's fresh output".into(),
            ));
        }
        for tag in ["head", "body"] {
            if !marks.contains(&tag) {
                return Err(shape(&format!("no <{tag}> tag")));
            }
        }
        if !body.into_inner().is_empty() {
            return Err(shape("the <body> is not empty"));
        }
        let [(glue, integrity)]: [(String, Option<String>); 1] =
            preloads
                .into_inner()
                .try_into()
                .map_err(|p: Vec<_>| shape(&format!("{} modulepreload links, not 1", p.len())))?;
        let integrity = integrity.ok_or_else(|| shape("the glue's preload has no integrity"))?;
        let [wasm]: [String; 1] = wasm
            .into_inner()
            .try_into()
            .map_err(|w: Vec<_>| shape(&format!("{} wasm preloads, not 1", w.len())))?;
        let [loader]: [String; 1] = modules
            .into_inner()
            .try_into()
            .map_err(|m: Vec<_>| shape(&format!("{} module scripts, not 1", m.len())))?;
        if !(loader.contains(&glue) && loader.contains(&wasm) && loader.contains("init(")) {
            return Err(shape(
                "its module script does not start the glue and the wasm",
            ));
        }
        Ok(Self {
            glue,
            integrity,
            wasm,
        })
    }
}

/// The islands' loader for these assets, from `loader.js`. `worker` is the service worker's
/// URL, registered once the islands are hydrated, or `None` for none.
pub fn loader(assets: &TrunkAssets, worker: Option<&str>, status_id: &str) -> String {
    let json = |s: &str| serde_json::to_string(s).expect("strings serialise");
    include_str!("loader.js")
        .replace("__GLUE__", &json(&assets.glue))
        .replace("__INTEGRITY__", &json(&assets.integrity))
        .replace("__WASM__", &json(&assets.wasm))
        .replace("__WORKER__", &worker.map_or("null".into(), json))
        .replace("__STATUS__", &json(status_id))
}

/// What goes into the template to make a page.
pub struct Fill<'a> {
    /// Tags appended to `<head>`.
    pub head: &'a str,
    /// The page's markup, the whole content of `<body>`.
    pub body: &'a str,
    /// The script that replaces Trunk's loader ([`loader`]).
    pub loader: &'a str,
    /// The base path, for Trunk's live-reload script under `trunk serve`.
    pub base: &'a str,
    /// The page's language, for `<html lang>`.
    pub lang: &'a str,
    /// Whether the page shows code: without any, it does not load the code stylesheet.
    pub code: bool,
}

/// Writes a page from Trunk's template (checked by [`TrunkAssets::read`] first).
pub fn page(template: &str, fill: &Fill) -> Result<String, PublishError> {
    let reload = RefCell::new(String::new());
    let out = rewrite_str(
        template,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("html", |el| {
                    el.set_attribute("lang", fill.lang)?;
                    Ok(())
                }),
                element!("link[rel=stylesheet]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    let file = href.rsplit('/').next().unwrap_or_default();
                    if !fill.code && file.starts_with(CODE_STYLESHEET) {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("head", |el| {
                    el.append(fill.head, ContentType::Html);
                    Ok(())
                }),
                // The loader fetches the glue itself, after the first frame; the wasm follows.
                element!(
                    "link[rel=modulepreload], link[rel=preload][as=fetch]",
                    |el| {
                        el.remove();
                        Ok(())
                    }
                ),
                element!("script[type=module]", |el| {
                    el.set_inner_content(fill.loader, ContentType::Html);
                    Ok(())
                }),
                element!("body", |el| {
                    el.prepend(fill.body, ContentType::Html);
                    Ok(())
                }),
                // Under `trunk serve`, Trunk's server fills its live-reload script's address in
                // every response, which would no longer match the hash the policy lists: fill
                // it here, from the page's own location, so the bytes served are the bytes hashed.
                text!("body > script:not([type])", |t| {
                    reload.borrow_mut().push_str(t.as_str());
                    if t.last_in_text_node() {
                        let script = reload
                            .take()
                            .replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
                            .replace("`{{__TRUNK_ADDRESS__}}`", "window.location.host")
                            .replace("{{__TRUNK_WS_BASE__}}", fill.base);
                        t.replace(&script, ContentType::Html);
                    } else {
                        t.remove();
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )?;
    Ok(out)
}

/// The page with the Content-Security-Policy as the first tag of its head (before any script).
pub fn with_csp_meta(page: &str, policy: &str) -> Result<String, PublishError> {
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        html_escape(policy)
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
    )?;
    Ok(out)
}

/// Escapes text for an HTML attribute value in double quotes.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's output for this project's `index.html`, in a release build.
    const TEMPLATE: &str = include_str!("../../tests/fixtures/trunk-index.html");

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
            let error = TrunkAssets::read(&template).expect_err(expected).0;
            assert!(error.contains(expected), "{expected}: {error}");
            assert!(error.contains("Trunk"), "{error}");
        }
        let page = page(TEMPLATE, &fill("<p>x</p>")).unwrap();
        let error = TrunkAssets::read(&page).unwrap_err().0;
        assert!(error.contains("already a prerendered page"), "{error}");
    }

    fn fill(body: &str) -> Fill<'_> {
        Fill {
            head: "<meta name=\"cpd-base\" content=\"/\">",
            body,
            loader: "/* islands */",
            base: "/",
            lang: "fr",
            code: false,
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
        with_code.code = true;
        assert!(page(&template, &with_code)
            .unwrap()
            .contains("code-0123456789abcdef.css"));
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
            out.contains("<script type=\"module\">/* islands */</script>"),
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
    fn the_loader_is_filled_and_waits_for_the_first_paint() {
        let js = loader(&assets(), Some("/sw.js"), "app-status");
        assert!(!js.contains("__"), "{js}");
        assert!(js.contains("const glue = \"/x-0123456789abcdef.js\";"));
        assert!(js.contains("const integrity = \"sha384-GLUE\";"));
        assert!(js.contains("const wasm = \"/x-0123456789abcdef_bg.wasm\";"));
        assert!(js.contains("const worker = \"/sw.js\";"));
        // The glue fetched while the page renders, run after the first contentful paint; the
        // wasm then; then the islands.
        let preload = js.find("rel: 'modulepreload'").unwrap();
        let paint = js.find("first-contentful-paint").unwrap();
        let import = js.find("await import(glue)").unwrap();
        let wasm = js.find("module_or_path: wasm").unwrap();
        let islands = js.find("querySelectorAll('leptos-island')").unwrap();
        assert!(preload < paint && paint < import && import < wasm && wasm < islands);
        assert!(loader(&assets(), None, "s").contains("const worker = null;"));
        for banned in ["eval(", "new Function", "innerHTML"] {
            assert!(!js.contains(banned), "{banned}");
        }
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
            "script-src 'self' \"x\"",
        )
        .unwrap();
        assert_eq!(
            out,
            "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' &quot;x&quot;\"><meta charset=utf-8></head></html>"
        );
    }
}
