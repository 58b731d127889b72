use crate::config::SiteConfig;
use crate::content::Article;
use crate::nav::CurrentSection;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The document's title and search/social metadata, all derived from the article.
/// The canonical URL is always the permalink, whichever route served the page.
#[component]
pub fn Seo(article: Article) -> impl IntoView {
    let config = expect_context::<SiteConfig>();
    let current = CurrentSection::expect();
    let canonical = config.absolute(&article.permalink);
    let title = {
        let article = article.clone();
        move || current.0.with(|a| article.title_for(a.as_deref()))
    };
    let Article {
        title: name,
        summary,
        ..
    } = article;
    view! {
        <Title text=title/>
        <Meta name="description" content=summary.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:locale" content="fr_FR"/>
        <Meta property="og:title" content=name.clone()/>
        <Meta property="og:description" content=summary.clone()/>
        <Meta property="og:url" content=canonical/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=name/>
        <Meta name="twitter:description" content=summary/>
    }
}
