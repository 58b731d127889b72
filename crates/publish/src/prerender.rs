//! Rendering a page to HTML, natively, under Leptos's islands mode.
//!
//! The page is rendered under an owner with `SsrSharedContext::new_islands()`: the components'
//! output is plain HTML with no hydration markers and no serialised data, and only the
//! `#[island]`s come out as `<leptos-island>` elements, which the browser hydrates. The head tags
//! the page declares with `leptos_meta` are collected beside it.

use crate::error::{BuildError, Result};
use cpd_content::SiteSettings;
use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// A page as HTML: the content of its `<body>`, and the tags for its `<head>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub body: String,
    pub head: String,
}

/// Renders the view `page` makes, as served at `path` (relative to the base path).
pub fn render<V: IntoView + 'static>(
    settings: &SiteSettings,
    path: &str,
    page: impl FnOnce() -> V,
) -> Result<Rendered> {
    let _ = any_spawner::Executor::init_futures_executor();
    let owner = Owner::new_root(Some(Arc::new(
        hydration_context::SsrSharedContext::new_islands(),
    )));
    let rendered = owner.with(|| {
        let (meta_ctx, meta_out) = ServerMetaContext::new();
        provide_context(meta_ctx);
        leptos_meta::provide_meta_context();
        // The router inside an island needs the URL it is rendered at.
        provide_context(RequestUrl::new(&settings.href(path)));
        provide_context(settings.clone());
        let view = page();
        let shared = Owner::current_shared_context().expect("created with a shared context");
        futures::executor::block_on(async move {
            let body: String = view
                .to_html_stream_in_order()
                .collect::<Vec<_>>()
                .await
                .concat();
            let payload = match shared.pending_data() {
                Some(stream) => stream.collect::<Vec<_>>().await.concat(),
                None => String::new(),
            };
            // leptos_meta writes its tags into the first chunk of a stream, before `</head>`.
            let head = meta_out
                .inject_meta_context(futures::stream::once(async { "</head>".to_string() }).boxed())
                .await
                .collect::<Vec<_>>()
                .await
                .concat();
            (body, payload, head)
        })
    });
    drop(owner);
    let (body, payload, head) = rendered;
    // Islands carry everything they need in their markup: a page never holds serialised data,
    // only Leptos's empty initialisers (`__RESOLVED_RESOURCES=[];` and the like), which nothing
    // reads when there is no resource, so they are not written either.
    let data: String = payload
        .split(';')
        .filter(|statement| !statement.trim().is_empty() && !statement.ends_with("=[]"))
        .collect();
    if !data.is_empty() {
        return Err(BuildError::invalid(
            path,
            format!(
                "the page would carry hydration data ({} bytes: {}…); islands take no props",
                data.len(),
                data.chars().take(120).collect::<String>()
            ),
        ));
    }
    let head = head
        .strip_suffix("</head>")
        .ok_or_else(|| BuildError::invalid(path, "the head tags did not render"))?
        .to_string();
    Ok(Rendered { body, head })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpd_content::client_article as article;
    use cpd_view::components::MenuEntry;
    use cpd_view::pages::{ArticlePage, NotFoundPage};

    /// Renders with the project's French words, as the build renders a French page.
    fn render_fr<V: IntoView + 'static>(
        settings: &SiteSettings,
        path: &str,
        page: impl FnOnce() -> V,
    ) -> Result<Rendered> {
        let tables = cpd_content::Tables::load(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n")),
            "i18n",
        )
        .unwrap();
        let words = tables.words("fr", "fr").clone();
        render(settings, path, move || {
            provide_context(words);
            page()
        })
    }

    fn render_article(settings: &SiteSettings, path: &str) -> Rendered {
        let article = article();
        render_fr(settings, path, move || view! { <ArticlePage article/> }).unwrap()
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

    fn fold(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_paragraph_is_in_the_page_once_as_text_and_nowhere_else() {
        let article = article();
        for path in ["/", "/chef-projet-digital.html"] {
            let page = render_article(&SiteSettings::at("https://ex.org", "/"), path);
            let text = text_of(&page.body);
            assert!(text.contains(&article.title), "{path}: title");
            let all = [
                &article.lead[..],
                &article
                    .sections
                    .iter()
                    .flat_map(|s| s.blocks.clone())
                    .collect::<Vec<_>>(),
            ]
            .concat();
            for p in all {
                let words = fold(&p.plain_text());
                assert_eq!(text.matches(&words).count(), 1, "{path}: {words}");
                // Nor as data: a distinctive piece of it appears once in the whole HTML.
                let piece: String = words.chars().take(40).collect();
                let raw = fold(&page.body.replace("&#x27;", "'"));
                assert!(raw.matches(&piece).count() <= 1, "{path}: {piece}");
            }
            for section in &article.sections {
                assert!(page.body.contains(&format!("id=\"{}\"", section.id)));
                assert!(text.contains(&fold(&section.heading_text())));
            }
            for entry in &article.toc {
                // The outline and the phone menu.
                let href = format!("href=\"#{}\"", entry.anchor);
                assert!(page.body.matches(&href).count() >= 2, "{path}: {href}");
            }
            assert!(!text.contains("Page introuvable"));
        }
    }

    #[test]
    fn the_bar_names_the_site_unless_the_page_has_its_name() {
        let named = |title: &str| SiteSettings {
            title: Some(title.into()),
            ..SiteSettings::at("https://ex.org", "/docs/")
        };
        let page = render_article(&named("Le site & ses pages"), "/");
        assert!(
            page.body.contains(
                "<a href=\"/docs/\" rel=\"external\" class=\"site-name\">Le site &amp; ses pages</a>"
            ),
            "{}",
            page.body
        );
        let page = render_article(&named(&article().title), "/");
        assert!(!page.body.contains("site-name"));
    }

    #[test]
    fn one_page_with_nav_order_is_a_menu() {
        let article = article();
        let menu = vec![
            MenuEntry {
                title: "Guide".into(),
                url: "/guide.html".into(),
                current: false,
                lang: None,
            },
            MenuEntry {
                title: "Reading notes".into(),
                url: "/en/reading/".into(),
                current: false,
                lang: Some("en".into()),
            },
        ];
        let settings = SiteSettings::at("https://ex.org", "/");
        let page = render_fr(
            &settings,
            "/",
            move || view! { <ArticlePage article menu/> },
        )
        .unwrap();
        assert!(
            page.body.contains("aria-label=\"Pages du site\""),
            "{}",
            page.body
        );
        assert!(page
            .body
            .contains("<a href=\"/guide.html\" rel=\"external\">Guide</a>"));
        // An entry in another language than the page says so.
        assert!(page
            .body
            .contains("<a href=\"/en/reading/\" rel=\"external\" lang=\"en\">Reading notes</a>"));
        let article = cpd_content::client_article();
        let page = render_fr(&settings, "/", move || view! { <ArticlePage article/> }).unwrap();
        assert!(!page.body.contains("Pages du site"));
    }

    #[test]
    fn attribute_lists_styles_and_frames_render_as_elements() {
        let text = concat!(
            "---\ntitle: T\nlang: fr\n---\n",
            "Texte.\n{:.callout}\n\n",
            "> Cité\n{: .a #q}\n\n",
            "- un\n{: .liste}\n\n",
            "[Lien](https://ex.org){: .btn} <span style=\"color:#c00\">rouge</span>\n\n",
            "<iframe src=\"https://player.example.org/v/1\" title=\"Un lecteur\" width=\"560\" style=\"color:#c00\" allowfullscreen></iframe>\n\n",
            "<iframe src=\"https://www.youtube.com/embed/abcdefghijk\" title=\"Une vidéo\"></iframe>\n",
        );
        let article =
            cpd_content::parse::parse_page(&cpd_content::parse::PageSource::alone("t.md"), text)
                .unwrap()
                .article;
        let style = cpd_content::walk::styles(&article).remove(0);
        let page = render_fr(
            &SiteSettings::at("https://ex.org", "/"),
            "/t.html",
            move || {
                view! { <ArticlePage article/> }
            },
        )
        .unwrap();
        let body = &page.body;
        for expected in [
            "<p class=\"callout\">Texte.",
            "<blockquote id=\"q\" class=\"a\">",
            "<ul class=\"liste\"><li>",
            "class=\"btn\">Lien",
            &format!("<span class=\"{}\">rouge", cpd_content::style_class(&style)),
            &format!("<iframe src=\"https://player.example.org/v/1\" title=\"Un lecteur\" width=\"560\" allowfullscreen loading=\"lazy\" class=\"frame {}\"></iframe>", cpd_content::style_class(&style)),
            "href=\"https://www.youtube.com/watch?v=abcdefghijk\"",
            "data-frame=\"https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1\"",
            "<span class=\"video-title\">Une vidéo</span>",
        ] {
            assert!(body.contains(expected), "{expected}\n{body}");
        }
        assert!(!body.contains("{:"), "{body}");
        assert!(!body.contains("style="), "no inline style: {body}");
        assert!(
            !body.contains("youtube.com/embed"),
            "nothing from YouTube before a click"
        );
        assert_eq!(body.matches("data-component=\"PlayVideo_").count(), 1);
    }

    #[test]
    fn only_the_islands_carry_hydration_markup() {
        let page = render_article(&SiteSettings::at("https://ex.org", "/"), "/");
        let islands = |name: &str| {
            page.body
                .matches(&format!("data-component=\"{name}_"))
                .count()
        };
        assert_eq!(islands("Reader"), 1);
        assert_eq!(islands("SectionMenu"), 1);
        assert_eq!(islands("CopyLink"), article().sections.len());
        assert_eq!(
            page.body.matches("<leptos-island").count(),
            2 + article().sections.len()
        );
        assert!(!page.body.contains("data-props"), "islands take no props");
        assert!(!page.body.contains("data-hk"), "no hydration keys");
        assert!(!page.body.contains("<script"), "no serialised data");
        // The copy links carry the section's address on the page's permalink.
        assert!(page.body.contains(&format!(
            "{}=\"/chef-projet-digital#missions\"",
            cpd_view::dom::SHARE_ATTR
        )));
    }

    #[test]
    fn head_carries_title_description_canonical_and_json_ld() {
        let page = render_article(&SiteSettings::at("https://ex.org", "/"), "/");
        let head = &page.head;
        assert!(
            head.contains("<title>Chef de Projet Digital</title>"),
            "{head}"
        );
        assert!(head.contains("name=\"description\""));
        assert!(
            head.contains("<link href=\"https://ex.org/chef-projet-digital\" rel=\"canonical\">"),
            "{head}"
        );
        assert!(head.contains("property=\"og:title\""));
        assert!(
            head.contains("<meta name=\"cpd-base\" content=\"/\">"),
            "{head}"
        );
        let open = "<script type=\"application/ld+json\">";
        let start = head.find(open).expect("JSON-LD in the head") + open.len();
        let end = start + head[start..].find("</script>").unwrap();
        let ld: serde_json::Value =
            serde_json::from_str(&head[start..end]).expect("JSON-LD parses");
        assert_eq!(ld["@type"], "Article");
        assert_eq!(
            ld["mainEntityOfPage"]["@id"],
            "https://ex.org/chef-projet-digital"
        );
    }

    #[test]
    fn the_site_settings_name_the_site_and_describe_a_page_without_a_summary() {
        let mut settings = SiteSettings::at("https://ex.org", "/");
        settings.title = Some("Le « site » & co".into());
        settings.description = Some("Ce que le site offre.".into());
        let mut page = article();
        page.summary = String::new();
        let head = render_fr(
            &settings,
            "/",
            move || view! { <ArticlePage article=page/> },
        )
        .unwrap()
        .head;
        assert!(
            head.contains("<meta property=\"og:site_name\" content=\"Le « site » &amp; co\">"),
            "{head}"
        );
        assert!(
            head.contains("<meta name=\"description\" content=\"Ce que le site offre.\">"),
            "{head}"
        );
        // With a summary of its own, a page is described by it.
        let head = render_article(&settings, "/").head;
        assert!(!head.contains("Ce que le site offre."), "{head}");
    }

    #[test]
    fn the_not_found_page_links_to_the_article_under_the_base() {
        for (base, href) in [
            ("/", "/chef-projet-digital.html"),
            ("/docs/", "/docs/chef-projet-digital.html"),
        ] {
            let settings = SiteSettings::at("https://ex.org", base);
            let page = render_fr(&settings, "/404.html", || {
                view! {
                    <NotFoundPage
                        home_title="Chef de Projet Digital".to_string()
                        home_url="/chef-projet-digital.html".to_string()
                    />
                }
            })
            .unwrap();
            assert!(text_of(&page.body).contains("Page introuvable"));
            assert!(
                page.body.contains(&format!("href=\"{href}\"")),
                "{}",
                page.body
            );
            assert!(!page.body.contains("<leptos-island"), "nothing moves on it");
            assert!(page
                .head
                .contains("<meta name=\"robots\" content=\"noindex\">"));
        }
    }

    #[test]
    fn under_a_sub_path_the_addresses_follow_the_base() {
        let page = render_article(
            &SiteSettings::at("https://ex.org", "/docs/"),
            "/chef-projet-digital.html",
        );
        assert!(page
            .head
            .contains("https://ex.org/docs/chef-projet-digital"));
        assert!(page
            .body
            .contains("data-share=\"/docs/chef-projet-digital#qui-est\""));
    }
}
