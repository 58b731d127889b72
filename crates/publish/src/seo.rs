//! What search engines read besides the pages: `sitemap.xml` and `robots.txt`, derived from the
//! pages and the site's settings (the pages' JSON-LD is `cpd_content::json_ld`). Addresses are
//! percent-encoded by the settings; the XML is written, and escaped, by `quick-xml`.

use std::path::PathBuf;

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
/// with the date it last changed when it says one.
pub fn sitemap(pages: &[&Article], settings: &SiteSettings) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = xml
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| {
            xml.create_element("urlset")
                .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
                .write_inner_content(|urls| {
                    for article in pages {
                        let url = urls.create_element("url");
                        url.write_inner_content(|url| {
                            let loc = settings.absolute(page_url(&article.permalink));
                            url.create_element("loc")
                                .write_text_content(BytesText::new(&loc))?;
                            if let Some(date) = last_modified(article) {
                                url.create_element("lastmod")
                                    .write_text_content(BytesText::new(date))?;
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

/// The day a page last changed, if it says: `last_modified_at`, else `date`.
fn last_modified(article: &Article) -> Option<&str> {
    let date = article
        .date_modified
        .as_ref()
        .or(article.date_published.as_ref())?;
    date.get(..10)
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
            map.contains("<loc>https://ex.org/docs/chef-projet-digital.html</loc>"),
            "{map}"
        );
        assert!(map.starts_with("<?xml"));
        assert_eq!(
            robots(&settings),
            "User-agent: *\nAllow: /\n\nSitemap: https://ex.org/docs/sitemap.xml\n"
        );
    }

    #[test]
    fn addresses_are_percent_encoded_and_the_xml_escaped() {
        let mut page = article();
        page.permalink = "/Réunion d'équipe & <bilan>.html".into();
        page.date_published = Some("2024-05-02".into());
        let map = sitemap(&[&page], &SiteSettings::at("https://ex.org", "/"));
        assert!(
            map.contains(
                "<loc>https://ex.org/R%C3%A9union%20d&apos;%C3%A9quipe%20&amp;%20%3Cbilan%3E.html</loc>"
            ),
            "{map}"
        );
        assert!(map.contains("<lastmod>2024-05-02</lastmod>"), "{map}");
    }
}
