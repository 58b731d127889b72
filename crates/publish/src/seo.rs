//! What search engines read besides the pages: `sitemap.xml` and `robots.txt`, derived from the
//! pages and the site's settings, and each page's links to its translations (the pages' JSON-LD
//! is `cpd_content::json_ld`). Addresses are percent-encoded by the settings; the XML is
//! written, and escaped, by `quick-xml`.

use std::path::PathBuf;

use cpd_content::site::translations;
use cpd_content::{page_url, Article, SiteSettings};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// The stage: `sitemap.xml` and `robots.txt`.
pub fn stage(plan: &crate::plan::Plan) -> crate::error::Result<Vec<PathBuf>> {
    let out = &plan.options.out;
    let settings = &plan.site.settings;
    let pages: Vec<&Article> = plan.site.pages.iter().collect();
    Ok(vec![
        crate::files::write(
            &out.join("sitemap.xml"),
            sitemap(&pages, settings).as_bytes(),
        )?,
        crate::files::write(&out.join("robots.txt"), robots(settings).as_bytes())?,
    ])
}

/// `sitemap.xml`: every page's canonical URL (the root, when it repeats a page, is not listed),
/// with the date it last changed when it says one, and its translations (`xhtml:link`, with
/// `x-default`).
pub fn sitemap(pages: &[&Article], settings: &SiteSettings) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = xml
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| {
            xml.create_element("urlset")
                .with_attributes([
                    ("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"),
                    ("xmlns:xhtml", "http://www.w3.org/1999/xhtml"),
                ])
                .write_inner_content(|urls| {
                    for article in pages {
                        let url = urls.create_element("url");
                        url.write_inner_content(|url| {
                            let loc = settings.absolute(page_url(&article.permalink));
                            url.create_element("loc")
                                .write_text_content(BytesText::new(&loc))?;
                            if let Some(date) = last_modified(article) {
                                url.create_element("lastmod")
                                    .write_text_content(BytesText::new(&date))?;
                            }
                            let translations = translations(pages.iter().copied(), article);
                            for (lang, href) in alternates(&translations, settings) {
                                url.create_element("xhtml:link")
                                    .with_attributes([
                                        ("rel", "alternate"),
                                        ("hreflang", lang.as_str()),
                                        ("href", href.as_str()),
                                    ])
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })
                .map(|_| ())
        });
    // Writing into memory cannot fail.
    written.expect("XML written into memory");
    let mut text = String::from_utf8(xml.into_inner()).expect("XML written from text");
    text.push('\n');
    text
}

/// A page's `translations` (`cpd_content::site::translations`, itself included), as (language,
/// absolute URL), then `x-default`: the one in the site's language, else the first. Empty for a
/// page without translations.
pub fn alternates(all: &[&Article], settings: &SiteSettings) -> Vec<(String, String)> {
    let url = |p: &Article| settings.absolute(page_url(&p.permalink));
    let mut links: Vec<(String, String)> = all.iter().map(|p| (p.lang.clone(), url(p))).collect();
    let default = all
        .iter()
        .find(|p| p.lang == settings.lang)
        .or(all.first())
        .map(|p| url(p));
    links.extend(default.map(|u| ("x-default".to_string(), u)));
    links
}

/// The `<link rel="alternate" hreflang>` tags of a page's head, for its [`alternates`].
pub fn alternate_tags(translations: &[&Article], settings: &SiteSettings) -> String {
    alternates(translations, settings)
        .into_iter()
        .map(|(lang, href)| {
            format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
                html_escape::encode_double_quoted_attribute(&lang),
                html_escape::encode_double_quoted_attribute(&href)
            )
        })
        .collect()
}

/// The day a page last changed, if it says: `last_modified_at`, else `date`.
fn last_modified(article: &Article) -> Option<String> {
    Some(article.last_changed()?.date().to_string())
}

/// `robots.txt`: everything may be crawled; the sitemap is announced.
pub fn robots(settings: &SiteSettings) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        settings.absolute("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpd_content::client_article as article;

    #[test]
    fn sitemap_and_robots_follow_the_base_path() {
        let settings = SiteSettings::at("https://ex.org", "/docs/");
        let map = sitemap(&[&article()], &settings);
        assert!(
            map.contains("<loc>https://ex.org/docs/chef-projet-digital</loc>"),
            "{map}"
        );
        assert!(map.starts_with("<?xml"));
        assert_eq!(
            robots(&settings),
            "User-agent: *\nAllow: /\n\nSitemap: https://ex.org/docs/sitemap.xml\n"
        );
    }

    #[test]
    fn translations_list_each_other_in_the_sitemap_and_the_head() {
        let settings = SiteSettings::at("https://ex.org", "/");
        let page = |permalink: &str, lang: &str, reference: Option<&str>| Article {
            permalink: permalink.into(),
            lang: lang.into(),
            reference: reference.map(str::to_string),
            ..article()
        };
        let fr = page("/notes.html", "fr", Some("notes"));
        let en = page("/en/notes/index.html", "en", Some("notes"));
        let alone = page("/seule.html", "fr", Some("seule"));
        let pages = [&fr, &en, &alone];
        let map = sitemap(&pages, &settings);
        assert!(
            map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""),
            "{map}"
        );
        // Both pages list both, and the default (the site's language).
        assert_eq!(
            map.matches(
                "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://ex.org/en/notes/\"/>"
            )
            .count(),
            2,
            "{map}"
        );
        assert_eq!(
            map.matches("hreflang=\"x-default\" href=\"https://ex.org/notes\"")
                .count(),
            2,
            "{map}"
        );
        assert_eq!(map.matches("<xhtml:link").count(), 6, "{map}");
        let head = alternate_tags(&translations(pages, &en), &settings);
        assert_eq!(
            head,
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://ex.org/en/notes/\"><link rel=\"alternate\" hreflang=\"fr\" href=\"https://ex.org/notes\"><link rel=\"alternate\" hreflang=\"x-default\" href=\"https://ex.org/notes\">"
        );
        assert_eq!(alternate_tags(&translations(pages, &alone), &settings), "");
    }

    #[test]
    fn addresses_are_percent_encoded_and_the_xml_escaped() {
        let mut page = article();
        page.permalink = "/Réunion d'équipe & <bilan>.html".into();
        page.date_published = cpd_content::jekyll::dates::parse_moment(
            "2024-05-02",
            &cpd_content::jekyll::dates::Zone::utc(),
        );
        let map = sitemap(&[&page], &SiteSettings::at("https://ex.org", "/"));
        assert!(
            map.contains(
                "<loc>https://ex.org/R%C3%A9union%20d&apos;%C3%A9quipe%20&amp;%20%3Cbilan%3E</loc>"
            ),
            "{map}"
        );
        assert!(map.contains("<lastmod>2024-05-02</lastmod>"), "{map}");
    }
}
