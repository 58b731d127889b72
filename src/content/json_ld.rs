//! The schema.org description of an article, for search engines (JSON-LD in the page's head).

use super::Article;

/// The schema.org `Article` describing the page, as JSON text safe inside `<script>`.
/// No `FAQPage`: Google no longer shows FAQ rich results for sites like this one.
pub fn json_ld(article: &Article, canonical: &str) -> String {
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "inLanguage": article.lang,
        "mainEntityOfPage": { "@type": "WebPage", "@id": canonical },
        "url": canonical,
    });
    if let Some(author) = &article.author {
        ld["author"] = serde_json::json!({ "@type": "Person", "name": author });
    }
    if let Some(date) = &article.date_published {
        ld["datePublished"] = date.clone().into();
    }
    if let Some(date) = article
        .date_modified
        .as_ref()
        .or(article.date_published.as_ref())
    {
        ld["dateModified"] = date.clone().into();
    }
    // `<` never appears raw, so the text cannot close its <script>; `&` and `>` are escaped too
    // because the HTML renderer would otherwise turn them into entities JSON does not know.
    ld.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::content::client_article as article;

    #[test]
    fn json_ld_is_an_article_with_the_canonical_url() {
        let mut a = article();
        a.summary = "a < b & c > d".into();
        let text = json_ld(&a, "https://ex.org/chef-projet-digital.html");
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
    }

    #[test]
    fn json_ld_carries_author_and_dates_when_given() {
        let mut a = article();
        a.author = Some("Jeanne Martin".into());
        a.date_published = Some("2019-03-01".into());
        let v: serde_json::Value = serde_json::from_str(&json_ld(&a, "u")).unwrap();
        assert_eq!(v["author"]["name"], "Jeanne Martin");
        assert_eq!(v["datePublished"], "2019-03-01");
        assert_eq!(v["dateModified"], "2019-03-01");
    }
}
