//! The schema.org description of an article, for search engines (JSON-LD in the page's head).

use crate::model::Article;
use crate::settings::SiteSettings;

/// The schema.org `Article` describing the page, as JSON text safe inside `<script>`: its
/// author is the page's (else the site's), its publisher the site (`_config.yml`'s `title`).
/// No `FAQPage`: Google no longer shows FAQ rich results for sites like this one.
pub fn json_ld(article: &Article, canonical: &str, site: &SiteSettings) -> String {
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "inLanguage": article.lang,
        "mainEntityOfPage": { "@type": "WebPage", "@id": canonical },
        "url": canonical,
    });
    if let Some(author) = article.author.as_ref().or(site.author.as_ref()) {
        ld["author"] = serde_json::json!({ "@type": "Person", "name": author });
    }
    if let Some(name) = &site.title {
        ld["publisher"] = serde_json::json!({
            "@type": "Organization",
            "name": name,
            "url": site.absolute(""),
        });
    }
    if let Some(date) = &article.date_published {
        ld["datePublished"] = date.iso().into();
    }
    if let Some(date) = article.last_changed() {
        ld["dateModified"] = date.iso().into();
    }
    script_json(&ld)
}

/// `value` as JSON text to sit inside a `<script>` element: `<`, `>` and `&` are written as
/// JSON's `\u` escapes, so the text can neither close its element nor hold an HTML entity (the
/// HTML renderer would otherwise write `&` as `&amp;`, which JSON does not read back).
pub fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .expect("JSON of strings, numbers and lists")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::client_article as article;

    #[test]
    fn json_ld_is_an_article_with_the_canonical_url() {
        let mut a = article();
        a.summary = "a < b & c > d".into();
        let text = json_ld(
            &a,
            "https://ex.org/chef-projet-digital.html",
            &SiteSettings::default(),
        );
        assert!(!text.contains('<') && !text.contains('&'));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["@type"], "Article");
        assert_eq!(v["headline"], "Chef de Projet Digital");
        assert_eq!(v["description"], "a < b & c > d");
        assert_eq!(v["inLanguage"], "fr");
        assert_eq!(
            v["mainEntityOfPage"]["@id"],
            "https://ex.org/chef-projet-digital.html"
        );
        assert!(v.get("author").is_none() && v.get("datePublished").is_none());
        assert!(v.get("publisher").is_none());
    }

    #[test]
    fn json_ld_carries_author_and_dates_when_given() {
        let mut a = article();
        a.author = Some("Jeanne Martin".into());
        a.date_published =
            crate::jekyll::dates::parse_moment("2019-03-01", &crate::jekyll::dates::Zone::utc());
        let v: serde_json::Value =
            serde_json::from_str(&json_ld(&a, "u", &SiteSettings::default())).unwrap();
        assert_eq!(v["author"]["name"], "Jeanne Martin");
        assert_eq!(v["datePublished"], "2019-03-01");
        assert_eq!(v["dateModified"], "2019-03-01");
    }

    #[test]
    fn publisher_and_author_come_from_the_settings() {
        let mut site = SiteSettings::at("https://ex.org", "/docs/");
        site.title = Some("Le site".into());
        site.author = Some("Équipe".into());
        let v: serde_json::Value = serde_json::from_str(&json_ld(&article(), "u", &site)).unwrap();
        assert_eq!(v["publisher"]["@type"], "Organization");
        assert_eq!(v["publisher"]["name"], "Le site");
        assert_eq!(v["publisher"]["url"], "https://ex.org/docs/");
        assert_eq!(v["author"]["name"], "Équipe");
        let mut page = article();
        page.author = Some("Jeanne".into());
        let v: serde_json::Value = serde_json::from_str(&json_ld(&page, "u", &site)).unwrap();
        assert_eq!(v["author"]["name"], "Jeanne", "the page's own author wins");
    }

    #[test]
    fn text_from_front_matter_never_closes_the_script() {
        let mut a = article();
        a.title = "</script><script>alert(1)</script>".into();
        a.summary = "<!-- x".into();
        let text = json_ld(&a, "u", &SiteSettings::default());
        assert!(!text.contains('<'), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["headline"], "</script><script>alert(1)</script>");
    }
}
