use cpd_content::{json_ld::json_ld, page_url, Article, SiteSettings};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};

/// The article's title and search/social metadata, all derived from the article and the site's
/// settings, for the prerendered `<head>` (crawlers and link previews read the HTML). In the
/// browser the [`crate::islands::Reader`] keeps `document.title` in step with the section in
/// view.
#[component]
pub fn Seo(article: Article) -> impl IntoView {
    let settings = expect_context::<SiteSettings>();
    // The canonical URL is always the permalink, whichever path served the page.
    let canonical = settings.absolute(page_url(&article.permalink));
    let json_ld = json_ld(&article, &canonical, &settings);
    let locale = og_locale(&article.lang);
    let image = article.image.as_ref().map(|i| settings.absolute(i));
    let site_name = settings.title.clone();
    let Article { title, summary, .. } = article;
    // As jekyll-seo-tag does: a page without a summary is described by the site's description.
    let summary = match summary.is_empty() {
        true => settings.description.clone().unwrap_or_default(),
        false => summary,
    };
    // leptos_meta writes the title's text into `<title>` as it is: it is escaped here, so a
    // title holding `</title>` stays text.
    let escaped_title = html_escape::encode_text(&title).into_owned();
    view! {
        <Title text=escaped_title/>
        <Meta name="description" content=summary.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:locale" content=locale/>
        {site_name.map(|name| view! { <Meta property="og:site_name" content=name/> })}
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

/// Tells search engines not to index a page (the « page introuvable » view).
#[component]
pub fn NoIndex() -> impl IntoView {
    view! { <Meta name="robots" content="noindex"/> }
}

/// Open Graph's locale for a language tag: `fr` is `fr_FR`, `en-GB` is `en_GB`.
fn og_locale(lang: &str) -> String {
    match lang.split_once('-') {
        Some((l, r)) => format!("{l}_{}", r.to_ascii_uppercase()),
        None => match lang {
            "en" => "en_US".to_string(),
            l => format!("{l}_{}", l.to_ascii_uppercase()),
        },
    }
}
