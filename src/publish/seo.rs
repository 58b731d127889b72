//! What search engines read besides the pages: `sitemap.xml` and `robots.txt`, derived from the
//! article and the site's configuration by pure functions (the pages' JSON-LD is
//! `content::json_ld`).

use crate::config::SiteConfig;
use crate::content::page_url;
use crate::content::Article;

/// `sitemap.xml`: every page's canonical URL (the root, when it repeats a page, is not listed).
pub fn sitemap(pages: &[&Article], config: &SiteConfig) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for article in pages {
        let lastmod = article
            .date_modified
            .as_ref()
            .or(article.date_published.as_ref())
            .map(|d| format!("<lastmod>{}</lastmod>", d.get(..10).unwrap_or(d)))
            .unwrap_or_default();
        out.push_str(&format!(
            "  <url><loc>{}</loc>{lastmod}</url>\n",
            xml_escape(&config.absolute(page_url(&article.permalink)))
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap is announced.
pub fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.absolute("sitemap.xml")
    )
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::client_article as article;

    #[test]
    fn sitemap_and_robots_follow_the_base_path() {
        let config = SiteConfig::new("https://ex.org", "/docs/");
        let map = sitemap(&[&article()], &config);
        assert!(
            map.contains("<loc>https://ex.org/docs/chef-projet-digital.html</loc>"),
            "{map}"
        );
        assert!(map.starts_with("<?xml"));
        assert_eq!(
            robots(&config),
            "User-agent: *\nAllow: /\n\nSitemap: https://ex.org/docs/sitemap.xml\n"
        );
    }
}
