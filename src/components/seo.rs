use super::DocumentTitle;
use crate::content::Article;
use crate::nav::CurrentSection;
use leptos::prelude::*;

/// The article's title and search/social metadata, all derived from the article.
///
/// The title follows the section the reader is on. The rest only matters to crawlers and link
/// previews, which read the prerendered HTML: it is rendered on the server alone.
#[component]
pub fn Seo(article: Article) -> impl IntoView {
    let current = CurrentSection::expect();
    let title = {
        let article = article.clone();
        Signal::derive(move || current.0.with(|a| article.title_for(a.as_deref())))
    };
    view! {
        <DocumentTitle text=title/>
        {server_meta(article)}
    }
}

#[cfg(feature = "ssr")]
fn server_meta(article: Article) -> impl IntoView {
    use crate::config::SiteConfig;
    use leptos_meta::{Link, Meta, Script};
    // The canonical URL is always the permalink, whichever route served the page.
    let canonical = expect_context::<SiteConfig>().absolute(&article.permalink);
    let json_ld = crate::seo::article_json_ld(&article, &canonical);
    let Article { title, summary, .. } = article;
    // The `()` leaves the placeholder the browser's `server_meta` hydrates against.
    let tags = view! {
        <Meta name="description" content=summary.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:locale" content="fr_FR"/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=summary.clone()/>
        <Meta property="og:url" content=canonical/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=summary/>
        <Script type_="application/ld+json">{json_ld}</Script>
    };
    (tags, ())
}

#[cfg(not(feature = "ssr"))]
fn server_meta(_article: Article) {}
