//! Atom 1.0 feeds, as jekyll-feed writes them: the newest [`ENTRIES`] posts (on a site without
//! posts, pages that have a `date`), each with its full content, its links and images made
//! absolute; a post's summary is its excerpt unless it has one of its own.
//!
//! One feed per language that has a dated page: the site's language at `feed.xml`, any other
//! at `<lang>/feed.xml`. Each page links its language's feed from its head ([`link_tag`]).
//! An entry's id is its page's address, which does not change from one build to the next; the
//! feed's `updated` is its newest entry's, so an unchanged site writes the same feed.
//!
//! The content is the page as the build rendered it, its `<article>`, rewritten with an HTML
//! rewriter: the interactive parts (the contents list, the copy links, the islands' wrappers)
//! are left out, and every address is resolved against the page's. The XML is written, and
//! escaped, by `quick-xml`; titles and summaries are plain text (`type="text"`), the content
//! HTML.

use std::path::PathBuf;

use cpd_content::{page_url, Article, Moment, SiteSettings};
use lol_html::html_content::ContentType;
use lol_html::{doc_comments, element, rewrite_str, RewriteStrSettings};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::error::{BuildError, Result};
use crate::plan::Plan;

/// Where a page's `<article>` starts and ends, marked while its content is cleaned.
const START: &str = "<!--cpd:feed-->";
const END: &str = "<!--/cpd:feed-->";

/// Entries per feed, at most (jekyll-feed's default).
pub const ENTRIES: usize = 10;

/// A feed: its language, the file it is written to (under the base), and its pages, newest
/// first.
#[derive(Debug)]
pub struct Feed<'a> {
    pub lang: String,
    pub file: String,
    pub pages: Vec<&'a Article>,
}

/// Whether `page` is an entry of its language's feed: a post, as jekyll-feed lists them, or,
/// on a site without posts, any dated page.
fn in_feed(page: &Article, has_posts: bool) -> bool {
    page.date_published.is_some() && (page.post.is_some() || !has_posts)
}

/// Whether the site has posts: then only posts are feed entries.
fn has_posts(pages: &[Article]) -> bool {
    pages.iter().any(|p| p.post.is_some())
}

/// The site's feeds: one per language with an entry, the site's language first.
pub fn feeds<'a>(pages: &'a [Article], settings: &SiteSettings) -> Vec<Feed<'a>> {
    let posts = has_posts(pages);
    let mut langs: Vec<&str> = pages
        .iter()
        .filter(|p| in_feed(p, posts))
        .map(|p| p.lang.as_str())
        .collect();
    langs.sort_by_key(|lang| (*lang != settings.lang, *lang));
    langs.dedup();
    langs
        .into_iter()
        .map(|lang| {
            let mut dated: Vec<&Article> = pages
                .iter()
                .filter(|p| p.lang == lang && in_feed(p, posts))
                .collect();
            // Newest first; at the same time, the one changed last, then by address.
            dated.sort_by(|a, b| {
                let published = |p: &Article| p.date_published.map(|d| d.at);
                let changed = |p: &Article| p.last_changed().map(|d| d.at);
                published(b)
                    .cmp(&published(a))
                    .then(changed(b).cmp(&changed(a)))
                    .then(a.permalink.cmp(&b.permalink))
            });
            dated.truncate(ENTRIES);
            Feed {
                lang: lang.to_string(),
                file: feed_file(lang, settings),
                pages: dated,
            }
        })
        .collect()
}

/// Where the feed of `lang` is, under the base.
fn feed_file(lang: &str, settings: &SiteSettings) -> String {
    match lang == settings.lang {
        true => "feed.xml".to_string(),
        false => format!("{}/feed.xml", lang.to_ascii_lowercase()),
    }
}

/// The `<link rel="alternate">` a page of `lang` carries to its language's feed, if there is
/// one.
pub fn link_tag(lang: &str, site: &[Article], settings: &SiteSettings) -> Option<String> {
    let posts = has_posts(site);
    let has_feed = site.iter().any(|p| p.lang == lang && in_feed(p, posts));
    has_feed.then(|| {
        let title = settings.title.as_deref().unwrap_or("Atom");
        format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">",
            html_escape::encode_double_quoted_attribute(title),
            html_escape::encode_double_quoted_attribute(&settings.href(&feed_file(lang, settings)))
        )
    })
}

/// The stage: every feed, from the pages as rendered, `(file, html)`, each page's HTML asked
/// for only when a feed holds it.
pub fn stage<'a, H>(
    plan: &Plan,
    rendered: impl IntoIterator<Item = (&'a str, H)>,
) -> Result<Vec<PathBuf>>
where
    H: Fn() -> Result<&'a str>,
{
    let rendered: std::collections::HashMap<&str, H> = rendered.into_iter().collect();
    let settings = &plan.site.settings;
    feeds(&plan.site.pages, settings)
        .iter()
        .map(|feed| {
            let xml = atom(feed, settings, |article| {
                let file = article.permalink.trim_start_matches('/');
                let html = rendered.get(file).ok_or_else(|| {
                    BuildError::invalid(file, "the feed names a page the build did not render")
                })?()?;
                content(html, &settings.absolute(&article.permalink))
                    .map_err(|message| BuildError::invalid(file, message))
            })?;
            crate::files::write(&plan.options.out.join(&feed.file), xml.as_bytes())
        })
        .collect()
}

/// A date as Atom wants it (RFC 3339): a day is its midnight in the site's zone.
pub fn rfc3339(date: &Moment) -> String {
    Moment {
        day_only: false,
        ..*date
    }
    .iso()
}

/// The feed's XML; `content` gives each page's HTML.
pub fn atom(
    feed: &Feed,
    settings: &SiteSettings,
    content: impl Fn(&Article) -> Result<String>,
) -> Result<String> {
    let contents: Vec<String> = feed
        .pages
        .iter()
        .map(|p| content(p))
        .collect::<Result<_>>()?;
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = xml
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .and_then(|()| {
            xml.create_element("feed")
                .with_attributes([
                    ("xmlns", "http://www.w3.org/2005/Atom"),
                    ("xml:lang", feed.lang.as_str()),
                ])
                .write_inner_content(|x| {
                    head(x, feed, settings)?;
                    for (page, html) in feed.pages.iter().zip(&contents) {
                        entry(x, page, html, settings)?;
                    }
                    Ok(())
                })
                .map(|_| ())
        });
    written.map_err(|e| BuildError::invalid(&feed.file, format!("cannot be written: {e}")))?;
    let mut text = String::from_utf8(xml.into_inner()).expect("XML written from text");
    text.push('\n');
    Ok(text)
}

/// What the feed says of itself: generator, links, last change, id, title, subtitle, author.
fn head(x: &mut Writer<Vec<u8>>, feed: &Feed, settings: &SiteSettings) -> std::io::Result<()> {
    let self_url = settings.absolute(&feed.file);
    let home = settings.absolute("");
    let updated = feed
        .pages
        .iter()
        .filter_map(|p| p.last_changed())
        .max_by_key(|d| d.at)
        .map(rfc3339);
    x.create_element("generator")
        .with_attribute(("uri", "https://github.com/leptos-rs/leptos"))
        .write_text_content(BytesText::new("Leptos"))?;
    x.create_element("link")
        .with_attributes([
            ("href", self_url.as_str()),
            ("rel", "self"),
            ("type", "application/atom+xml"),
        ])
        .write_empty()?;
    x.create_element("link")
        .with_attributes([
            ("href", home.as_str()),
            ("rel", "alternate"),
            ("type", "text/html"),
            ("hreflang", feed.lang.as_str()),
        ])
        .write_empty()?;
    if let Some(updated) = &updated {
        text(x, "updated", updated)?;
    }
    text(x, "id", &self_url)?;
    x.create_element("title")
        .with_attribute(("type", "text"))
        .write_text_content(BytesText::new(settings.title.as_deref().unwrap_or(&home)))?;
    if let Some(description) = &settings.description {
        text(x, "subtitle", description)?;
    }
    if let Some(name) = &settings.author {
        author(x, name)?;
    }
    Ok(())
}

/// `<name>text</name>`.
fn text(x: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    x.create_element(name)
        .write_text_content(BytesText::new(text))
        .map(|_| ())
}

/// `<author><name>…</name></author>`.
fn author(x: &mut Writer<Vec<u8>>, name: &str) -> std::io::Result<()> {
    x.create_element("author")
        .write_inner_content(|a| text(a, "name", name))
        .map(|_| ())
}

/// One `<entry>`.
fn entry(
    x: &mut Writer<Vec<u8>>,
    page: &Article,
    html: &str,
    settings: &SiteSettings,
) -> std::io::Result<()> {
    let url = settings.absolute(page_url(&page.permalink));
    // An entry's id never changes once published (RFC 4287, 4.2.6): it stays the address the
    // feed first gave, the page's file (`/a.html`, a folder's `/a/`), where links now drop `.html`.
    let file = &page.permalink;
    let id = settings.absolute(file.strip_suffix("index.html").unwrap_or(file));
    let published = page.date_published.as_ref().map(rfc3339);
    let changed = page.last_changed().map(rfc3339);
    x.create_element("entry")
        .with_attribute(("xml:lang", page.lang.as_str()))
        .write_inner_content(|e| {
            e.create_element("title")
                .with_attribute(("type", "text"))
                .write_text_content(BytesText::new(&page.title))?;
            e.create_element("link")
                .with_attributes([
                    ("href", url.as_str()),
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("title", page.title.as_str()),
                ])
                .write_empty()?;
            if let Some(published) = &published {
                text(e, "published", published)?;
            }
            if let Some(changed) = &changed {
                text(e, "updated", changed)?;
            }
            text(e, "id", &id)?;
            e.create_element("content")
                .with_attributes([("type", "html"), ("xml:base", url.as_str())])
                .write_text_content(BytesText::new(html))?;
            if let Some(name) = page.author.as_ref().or(settings.author.as_ref()) {
                author(e, name)?;
            }
            if !page.summary.is_empty() {
                e.create_element("summary")
                    .with_attribute(("type", "text"))
                    .write_text_content(BytesText::new(&page.summary))?;
            }
            Ok(())
        })
        .map(|_| ())
}

/// A `srcset`, each candidate's address made absolute.
fn srcset_absolute(
    srcset: &str,
    absolute: impl Fn(&str) -> std::result::Result<String, String>,
) -> std::result::Result<String, String> {
    let resolved = srcset
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (address, size) = candidate.split_once(' ').unwrap_or((candidate, ""));
            absolute(address).map(|a| format!("{a} {size}").trim().to_string())
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(resolved.join(", "))
}

/// The content of a rendered page for a feed: its `<article>` without the title (the entry's),
/// the contents list, the copy links and the islands' wrappers, every address absolute
/// (resolved against `url`, the page's). A page without one `<article>` is an error.
pub fn content(page: &str, url: &str) -> std::result::Result<String, String> {
    let base = url::Url::parse(url).map_err(|e| format!("its address `{url}`: {e}"))?;
    let absolute = |value: &str| {
        base.join(value)
            .map(String::from)
            .map_err(|e| format!("the address `{value}`: {e}"))
    };
    let articles = std::cell::Cell::new(0);
    let cleaned = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("article", |el| {
                    articles.set(articles.get() + 1);
                    el.prepend(START, ContentType::Html);
                    el.append(END, ContentType::Html);
                    el.remove_and_keep_content();
                    Ok(())
                }),
                element!(
                    "article header, nav.toc, a.copy-link, button, script, style, template",
                    |el| {
                        el.remove();
                        Ok(())
                    }
                ),
                element!("leptos-island, leptos-children, .copy-link-box", |el| {
                    el.remove_and_keep_content();
                    Ok(())
                }),
                element!("a[href], area[href]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    el.set_attribute("href", &absolute(&href)?)?;
                    Ok(())
                }),
                element!("img[src], source[src], video[src], audio[src]", |el| {
                    let src = el.get_attribute("src").unwrap_or_default();
                    el.set_attribute("src", &absolute(&src)?)?;
                    Ok(())
                }),
                element!("[srcset]", |el| {
                    let srcset = el.get_attribute("srcset").unwrap_or_default();
                    el.set_attribute("srcset", &srcset_absolute(&srcset, absolute)?)?;
                    Ok(())
                }),
                element!("[tabindex]", |el| {
                    el.remove_attribute("tabindex");
                    Ok(())
                }),
            ],
            document_content_handlers: vec![doc_comments!(|c| {
                c.remove();
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())?;
    if articles.get() != 1 {
        return Err(format!(
            "{} <article> elements, not 1: no content for its feed",
            articles.get()
        ));
    }
    // The article's children: between the two marks the rewriter put there (the only comments
    // left, the page's own were removed).
    cleaned
        .split_once(START)
        .and_then(|(_, rest)| rest.split_once(END))
        .map(|(inside, _)| inside.to_string())
        .ok_or_else(|| "its <article> has no end".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpd_content::client_article;
    use cpd_content::jekyll::dates::{parse_moment, Zone};

    fn page(permalink: &str, lang: &str, date: Option<&str>) -> Article {
        Article {
            permalink: permalink.into(),
            title: format!("Page {permalink}"),
            lang: lang.into(),
            date_published: date.map(|d| parse_moment(d, &Zone::utc()).unwrap()),
            ..client_article()
        }
    }

    #[test]
    fn dates_are_rfc_3339() {
        let rfc = |d: &str| rfc3339(&parse_moment(d, &Zone::utc()).unwrap());
        assert_eq!(rfc("2024-05-02"), "2024-05-02T00:00:00Z");
        assert_eq!(rfc("2024-06-10T09:30:00"), "2024-06-10T09:30:00Z");
        // As in Jekyll, a written offset is read into the site's zone (here UTC).
        assert_eq!(rfc("2024-06-10T09:30:00+02:00"), "2024-06-10T07:30:00Z");
        assert_eq!(rfc("2024-06-10T09:30:00Z"), "2024-06-10T09:30:00Z");
    }

    #[test]
    fn one_feed_per_language_with_a_dated_page_newest_first_ten_at_most() {
        let settings = SiteSettings::at("https://ex.org", "/");
        let mut pages: Vec<Article> = (1..=12)
            .map(|day| {
                page(
                    &format!("/fr-{day}.html"),
                    "fr",
                    Some(&format!("2024-05-{day:02}")),
                )
            })
            .collect();
        pages.push(page("/undated.html", "fr", None));
        pages.push(page("/en/a.html", "en", Some("2024-01-01")));
        pages.push(page("/de/undated.html", "de", None));
        let feeds = feeds(&pages, &settings);
        let files: Vec<&str> = feeds.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(files, ["feed.xml", "en/feed.xml"]);
        let french: Vec<&str> = feeds[0]
            .pages
            .iter()
            .map(|p| p.permalink.as_str())
            .collect();
        assert_eq!(french.len(), ENTRIES);
        assert_eq!(french[0], "/fr-12.html");
        assert_eq!(french[9], "/fr-3.html");
        assert!(link_tag("de", &pages, &settings).is_none());
        assert_eq!(
            link_tag("en", &pages, &settings).unwrap(),
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"/en/feed.xml\">"
        );
    }

    #[test]
    fn content_is_the_article_without_its_interactive_parts_every_address_absolute() {
        let html = r##"<html><head><title>t</title><script>x()</script></head><body><!>
<article id="top" tabindex="-1"><header><h1>Titre</h1></header><nav class="toc"><a href="#a">A</a></nav>
<h2 id="a" tabindex="-1">A<!></h2><leptos-island data-component="C"><span class="copy-link-box"><leptos-children><a class="copy-link" href="#a">#</a></leptos-children></span></leptos-island>
<p><a href="#a">ici</a>, <a href="../autre.html">là</a>, <a href="/docs/img/x.png">x</a>, <a href="https://ailleurs.org/">ailleurs</a>
<img src="img/y.png" srcset="img/y.png 1x, img/y@2.png 2x" alt="y"></p></article><footer>pied</footer></body></html>"##;
        let out = content(html, "https://ex.org/docs/guide/page.html").unwrap();
        assert!(!out.contains("<h1"), "{out}");
        assert!(!out.contains("toc") && !out.contains("copy-link"), "{out}");
        assert!(
            !out.contains("leptos") && !out.contains("<!") && !out.contains("tabindex"),
            "{out}"
        );
        assert!(!out.contains("pied") && !out.contains("x()"), "{out}");
        for expected in [
            "href=\"https://ex.org/docs/guide/page.html#a\"",
            "href=\"https://ex.org/docs/autre.html\"",
            "href=\"https://ex.org/docs/img/x.png\"",
            "href=\"https://ailleurs.org/\"",
            "src=\"https://ex.org/docs/guide/img/y.png\"",
            "srcset=\"https://ex.org/docs/guide/img/y.png 1x, https://ex.org/docs/guide/img/y@2.png 2x\"",
        ] {
            assert!(out.contains(expected), "{expected} in {out}");
        }
        assert!(content("<p>no article</p>", "https://ex.org/").is_err());
    }

    #[test]
    fn text_from_content_never_changes_the_feed_s_structure() {
        let settings = SiteSettings {
            title: Some("Site </title><x>".into()),
            ..SiteSettings::at("https://ex.org", "/")
        };
        let mut hostile = page("/a.html", "fr", Some("2024-05-02"));
        hostile.title = "A </title><entry>".into();
        hostile.summary = "B ]]> & <b>".into();
        let pages = [hostile];
        let feeds = feeds(&pages, &settings);
        let xml = atom(&feeds[0], &settings, |_| Ok("<p>C </content></p>".into())).unwrap();
        assert_eq!(xml.matches("<entry").count(), 1, "{xml}");
        assert_eq!(xml.matches("</title>").count(), 2, "{xml}");
        assert!(xml.contains("A &lt;/title&gt;&lt;entry&gt;"), "{xml}");
        assert!(
            xml.contains("&lt;p&gt;C &lt;/content&gt;&lt;/p&gt;"),
            "{xml}"
        );
    }
}
