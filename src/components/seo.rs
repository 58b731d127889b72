use crate::content::Article;
use leptos::prelude::*;

/// The article's title and search/social metadata, all derived from the article, for the
/// prerendered `<head>` (crawlers and link previews read the HTML). In the browser the
/// [`crate::islands::Reader`] keeps `document.title` in step with the section in view.
#[component]
pub fn Seo(article: Article) -> impl IntoView {
    server_meta(article)
}

/// Tells search engines not to index a page (the « page introuvable » view).
#[component]
pub fn NoIndex() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        view! { <leptos_meta::Meta name="robots" content="noindex"/> }
    }
}

#[cfg(feature = "ssr")]
fn server_meta(article: Article) -> impl IntoView {
    use crate::config::SiteConfig;
    use leptos_meta::{Link, Meta, Script, Title};
    // The canonical URL is always the permalink, whichever path served the page.
    let config = expect_context::<SiteConfig>();
    let canonical = config.absolute(crate::content::page_url(&article.permalink));
    let json_ld = crate::content::json_ld::json_ld(&article, &canonical);
    let locale = og_locale(&article.lang);
    let image = article.image.as_ref().map(|i| config.absolute(i));
    let Article { title, summary, .. } = article;
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=summary.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:locale" content=locale/>
        {image.map(|i| view! { <Meta property="og:image" content=i/> })}
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=summary.clone()/>
        <Meta property="og:url" content=canonical/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=summary/>
        <Script type_="application/ld+json">{json_ld}</Script>
    }
}

/// Open Graph's locale for a language tag: `fr` is `fr_FR`, `en-GB` is `en_GB`.
#[cfg(feature = "ssr")]
fn og_locale(lang: &str) -> String {
    match lang.split_once('-') {
        Some((l, r)) => format!("{l}_{}", r.to_ascii_uppercase()),
        None => match lang {
            "en" => "en_US".to_string(),
            l => format!("{l}_{}", l.to_ascii_uppercase()),
        },
    }
}

#[cfg(not(feature = "ssr"))]
fn server_meta(_article: Article) {}
