//! Server-side rendering of the same `App`, for the build's prerender step (feature `ssr`).
//!
//! Each route is rendered to HTML under an owner with an SSR shared context, so that Leptos
//! serialises the article resource into the page: the hydrating wasm then reads the article from
//! the page itself instead of fetching it again. The result is spliced into Trunk's own
//! `index.html`, which stays a template: its `<!--HEAD-->` marker receives `leptos_meta`'s tags
//! and its empty `<body>` the app's markup, followed by the resource payload script.

use crate::config::SiteConfig;
use crate::content::Article;
use crate::data::Preloaded;
use crate::App;
use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// Marks a page this module wrote, so it is never taken for the template again.
pub const PRERENDERED_MARK: &str = "<!--cpd:prerendered-->";

/// Why a page could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// Renders the page at `path` (relative to the base path, such as `/` or `/chef-projet-digital.html`)
/// into `template`, Trunk's generated `index.html`.
pub fn render_page(
    template: &str,
    config: &SiteConfig,
    article: &Article,
    path: &str,
) -> Result<String, RenderError> {
    if template.contains(PRERENDERED_MARK) {
        return Err(RenderError(
            "the template is already a prerendered page; render from Trunk's fresh index.html"
                .into(),
        ));
    }
    let (head_end, body_at) = template_slots(template)?;
    let _ = any_spawner::Executor::init_futures_executor();

    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let (app_html, payload, meta) = owner.with(|| {
        let (meta_ctx, meta_out) = ServerMetaContext::new();
        provide_context(meta_ctx);
        provide_context(RequestUrl::new(&config.href(path)));
        let config = config.clone();
        let preloaded = Preloaded(article.clone());
        let app = view! { <App config preloaded/> };
        let shared = Owner::current_shared_context().expect("created with a shared context");
        futures::executor::block_on(async move {
            let html: String = app
                .to_html_stream_in_order()
                .collect::<Vec<_>>()
                .await
                .concat();
            let payload = match shared.pending_data() {
                Some(stream) => stream.collect::<Vec<_>>().await.concat(),
                None => String::new(),
            };
            // leptos_meta writes into the first chunk of a stream: give it the head alone.
            let head = &template[..head_end];
            let head = meta_out
                .inject_meta_context(
                    futures::stream::once(async move { format!("{head}</head>") }).boxed(),
                )
                .await
                .collect::<Vec<_>>()
                .await
                .concat();
            (html, payload, head)
        })
    });
    drop(owner);

    let head = meta.strip_suffix("</head>").unwrap_or(&meta);
    let head = defer_app(&drop_wasm_preload(head));
    let mut page = String::with_capacity(template.len() + app_html.len() + payload.len() + 256);
    page.push_str(&head);
    page.push_str(PRERENDERED_MARK);
    page.push_str(&template[head_end..body_at]);
    // The app's markup must come first in <body>: anything before it breaks hydration.
    page.push_str(&app_html);
    page.push_str("<script>");
    page.push_str(&payload);
    page.push_str("</script>");
    page.push_str(&template[body_at..]);
    Ok(page)
}

/// Drops Trunk's `<link rel=preload as=fetch>` of the wasm: on a prerendered page the text must
/// paint first, and a high-priority preload of the largest file competes with the stylesheet for
/// the first round trips. The loader module still fetches the wasm right after parsing. (Its
/// `integrity` would be ignored anyway: Chromium warns about it on every load, crbug.com/981419.)
fn drop_wasm_preload(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(start) = rest.find("<link ") {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        if !(tag.contains("rel=\"preload\"") && tag.contains("as=\"fetch\"")) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Makes Trunk's loader start only after the first frame: the prerendered text paints first,
/// and neither the JS glue nor the wasm competes with the page for the first round trips.
///
/// Trunk writes a `modulepreload` of the glue (with its SRI hash) and a module that imports it
/// statically, so both are fetched as soon as the head is parsed. This moves the preload into
/// the loader, after a frame has been painted, with the same `integrity`, and turns the static
/// import into a dynamic one that the preload serves: the glue is still checked against Trunk's
/// hash. A loader of another shape is left as it is.
fn defer_app(head: &str) -> String {
    const IMPORT: &str = "import init, * as bindings from '";
    let Some(start) = head.find(IMPORT) else {
        return head.to_string();
    };
    let url_start = start + IMPORT.len();
    let Some(url_len) = head[url_start..].find('\'') else {
        return head.to_string();
    };
    let url = &head[url_start..url_start + url_len];
    let Some(statement_end) = head[url_start..].find(';').map(|e| url_start + e + 1) else {
        return head.to_string();
    };
    // Trunk's preload of the glue: its integrity moves into the loader.
    let href = format!("href=\"{url}\"");
    let Some((link_start, link_end)) = find_tag(head, "<link rel=\"modulepreload\"", &href) else {
        return head.to_string();
    };
    let link = &head[link_start..link_end];
    let integrity = attribute(link, "integrity").unwrap_or_default();
    let loader = format!(
        "await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n\
         document.head.append(Object.assign(document.createElement(\"link\"), \
         {{ rel: \"modulepreload\", href: \"{url}\", integrity: \"{integrity}\", crossOrigin: \"anonymous\" }}));\n\
         const bindings = await import(\"{url}\");\n\
         const init = bindings.default;"
    );
    // Two edits, in whichever order Trunk wrote them: the import becomes the loader, the
    // link goes.
    let mut edits = [
        (start, statement_end, loader.as_str()),
        (link_start, link_end, ""),
    ];
    edits.sort_by_key(|(at, _, _)| *at);
    if edits[0].1 > edits[1].0 {
        return head.to_string();
    }
    let mut out = String::with_capacity(head.len() + loader.len());
    let mut from = 0;
    for (at, end, with) in edits {
        out.push_str(&head[from..at]);
        out.push_str(with);
        from = end;
    }
    out.push_str(&head[from..]);
    out
}

/// The span of the first tag starting with `prefix` that contains `needle`.
fn find_tag(html: &str, prefix: &str, needle: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = html[from..].find(prefix).map(|a| from + a) {
        let end = html[at..].find('>').map(|e| at + e + 1)?;
        if html[at..end].contains(needle) {
            return Some((at, end));
        }
        from = end;
    }
    None
}

/// The value of `name="…"` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

/// Finds `</head>` and the end of the empty `<body …>` in the template.
fn template_slots(template: &str) -> Result<(usize, usize), RenderError> {
    let missing = |what: &str| RenderError(format!("the template index.html has no {what}"));
    if !template.contains("<!--HEAD-->") {
        return Err(missing("<!--HEAD--> marker in <head>"));
    }
    let head_end = template.find("</head>").ok_or_else(|| missing("</head>"))?;
    let body_start = template[head_end..]
        .find("<body")
        .ok_or_else(|| missing("<body>"))?
        + head_end;
    let body_at = template[body_start..]
        .find('>')
        .ok_or_else(|| missing("<body>"))?
        + body_start
        + 1;
    Ok((head_end, body_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load;

    const TEMPLATE: &str = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><!--HEAD--><script type=\"module\">/* loader */</script></head><body></body></html>";

    fn article() -> Article {
        let source = include_str!("../content/chef-projet-digital.md");
        load("content/chef-projet-digital.md", source).expect("the client's text parses")
    }

    /// The page's visible text: tags dropped, entities decoded, whitespace folded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        let out = out
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        fold(&out)
    }

    /// Whitespace folded as in `text_of` (the typeset text holds no-break spaces).
    fn fold(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn render(path: &str) -> String {
        render_page(
            TEMPLATE,
            &SiteConfig::new("https://ex.org", "/"),
            &article(),
            path,
        )
        .unwrap()
    }

    #[test]
    fn article_routes_carry_the_whole_text() {
        let article = article();
        for path in ["/", "/chef-projet-digital.html"] {
            let html = render(path);
            let body =
                &html[html.find("<body>").unwrap()..html.find("<script>__RESOLVED").unwrap()];
            let text = text_of(body);
            assert!(text.contains(&article.title), "{path}: title");
            for section in &article.sections {
                assert!(
                    html.contains(&format!("id=\"{}\"", section.id)),
                    "{path}: anchor {}",
                    section.id
                );
                let heading = fold(&section.heading);
                assert!(text.contains(&heading), "{path}: heading {heading}");
                for p in &section.paragraphs {
                    let words = fold(&p.plain_text());
                    assert!(text.contains(&words), "{path}: paragraph {words}");
                }
            }
            for entry in &article.toc {
                assert!(
                    html.contains(&format!("href=\"#{}\"", entry.anchor)),
                    "{path}: toc {}",
                    entry.anchor
                );
            }
            assert!(!text.contains("Page introuvable"), "{path}");
        }
    }

    #[test]
    fn body_starts_with_the_app_and_ends_with_the_payload() {
        let html = render("/chef-projet-digital.html");
        let body = &html[html.find("<body>").unwrap() + "<body>".len()..];
        assert!(
            body.starts_with('<') && !body.starts_with("<script"),
            "app markup first: {}",
            &body[..80]
        );
        assert!(
            body.contains("<script>__RESOLVED_RESOURCES"),
            "resource payload in the page"
        );
        assert!(body.ends_with("</script></body></html>"));
        assert!(html.contains(PRERENDERED_MARK));
    }

    #[test]
    fn head_carries_title_description_and_canonical() {
        let html = render("/");
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains("<title>Chef de Projet Digital</title>"),
            "{head}"
        );
        assert!(head.contains("name=\"description\""));
        assert!(
            head.contains(
                "<link href=\"https://ex.org/chef-projet-digital.html\" rel=\"canonical\">"
            ),
            "{head}"
        );
        assert!(head.contains("property=\"og:title\""));
        assert!(head.find("<!--HEAD-->").unwrap() < head.find("<title>").unwrap());
        let open = "<script type=\"application/ld+json\">";
        let start = head.find(open).expect("JSON-LD in the head") + open.len();
        let end = start + head[start..].find("</script>").unwrap();
        let ld: serde_json::Value =
            serde_json::from_str(&head[start..end]).expect("JSON-LD parses");
        assert_eq!(ld["@type"], "Article");
        assert_eq!(
            ld["mainEntityOfPage"]["@id"],
            "https://ex.org/chef-projet-digital.html"
        );
    }

    #[test]
    fn unknown_path_renders_not_found() {
        let html = render("/404.html");
        let text = text_of(&html[html.find("<body>").unwrap()..]);
        assert!(text.contains("Page introuvable"));
        assert!(html.contains("href=\"/chef-projet-digital.html\""));
        assert!(!html.contains("id=\"missions\""));
    }

    #[test]
    fn sub_path_links_follow_the_base() {
        let config = SiteConfig::new("https://ex.org", "/docs/");
        let html = render_page(TEMPLATE, &config, &article(), "/404.html").unwrap();
        assert!(
            html.contains("href=\"/docs/chef-projet-digital.html\""),
            "{html}"
        );
        let html = render_page(TEMPLATE, &config, &article(), "/chef-projet-digital.html").unwrap();
        assert!(html.contains("https://ex.org/docs/chef-projet-digital.html"));
        assert!(
            html.contains("id=\"qui-est\""),
            "the article route matches under the base"
        );
    }

    #[test]
    fn the_app_starts_after_the_first_frame_with_its_integrity_kept() {
        let head = "<link rel=\"stylesheet\" href=\"/a.css\"/>\n<link rel=\"modulepreload\" href=\"/x-0123.js\" crossorigin=\"anonymous\" integrity=\"sha384-GLUE\">\n<script type=\"module\">\nimport init, * as bindings from '/x-0123.js';\nconst wasm = await init({ module_or_path: '/x_bg.wasm' });\nwindow.wasmBindings = bindings;\n</script>";
        let out = defer_app(head);
        assert!(!out.contains("<link rel=\"modulepreload\""), "{out}");
        assert!(!out.contains("import init"), "{out}");
        let wait = out.find("requestAnimationFrame").expect("the loader waits");
        let preload = out
            .find("integrity: \"sha384-GLUE\"")
            .expect("integrity kept");
        let import = out
            .find("await import(\"/x-0123.js\")")
            .expect("dynamic import");
        let init = out.find("await init(").unwrap();
        assert!(wait < preload && preload < import && import < init);
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/a.css\"/>"));
        assert!(out.contains("window.wasmBindings = bindings;"));
        // Trunk writes the link after the loader: the same result.
        let (link, rest) = head.split_at(head.find("<script").unwrap());
        let (_, link) = link.split_at(link.find("<link rel=\"modulepreload\"").unwrap());
        let reordered = format!(
            "{}{rest}\n{link}",
            &head[..head.find("<link rel=\"modulepreload\"").unwrap()]
        );
        let squeeze = |s: &str| s.replace('\n', "");
        assert_eq!(squeeze(&defer_app(&reordered)), squeeze(&out));
        // Anything else is left alone.
        assert_eq!(defer_app("<script>x</script>"), "<script>x</script>");
    }

    #[test]
    fn only_the_wasm_preload_goes() {
        let head = r#"<link rel="stylesheet" href="/a.css" integrity="sha384-A"/><link rel="preload" href="/x_bg.wasm" crossorigin="anonymous" integrity="sha384-B" as="fetch" type="application/wasm"><link rel="modulepreload" href="/x.js" integrity="sha384-C">"#;
        let out = drop_wasm_preload(head);
        assert_eq!(
            out,
            r#"<link rel="stylesheet" href="/a.css" integrity="sha384-A"/><link rel="modulepreload" href="/x.js" integrity="sha384-C">"#
        );
    }

    #[test]
    fn refuses_its_own_output_and_bad_templates() {
        let page = render("/");
        assert!(render_page(&page, &SiteConfig::default(), &article(), "/").is_err());
        let no_marker = TEMPLATE.replace("<!--HEAD-->", "");
        assert!(render_page(&no_marker, &SiteConfig::default(), &article(), "/").is_err());
    }
}
