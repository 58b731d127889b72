use crate::components::{
    AppStatus, ArticleHeader, BackToTop, Lead, LiveRegion, SectionView, Seo, SiteBar, SiteMeta,
    TableOfContents,
};
use crate::config::SiteConfig;
use crate::content::Article;
use crate::islands::Reader;
use crate::strings;
use leptos::prelude::*;

/// An article page: the text as HTML, inside the [`Reader`] island that makes it move.
#[component]
pub fn ArticlePage(article: Article) -> impl IntoView {
    let page = expect_context::<SiteConfig>().href(&article.permalink);
    let Article {
        title,
        tagline,
        lead,
        toc,
        part,
        sections,
        ..
    } = article.clone();
    // Sections sit one level under the part heading when there is one.
    let level = if part.is_some() { 3 } else { 2 };
    view! {
        <SiteMeta/>
        <Seo article/>
        <a class="skip-link" href="#contenu">{strings::SKIP_LINK}</a>
        <Reader>
            // The bar is the page's banner, outside <main>.
            <SiteBar title=title.clone() entries=toc.clone()/>
            <main id="contenu" tabindex="-1">
                <article class="article" id="top" tabindex="-1">
                    <ArticleHeader title tagline/>
                    <Lead paragraphs=lead/>
                    <TableOfContents entries=toc/>
                    <div class="sections">
                        {part.map(|p| view! { <h2 class="part-title">{p}</h2> })}
                        {sections
                            .into_iter()
                            .map(|section| {
                                view! { <SectionView section level page=page.clone()/> }
                            })
                            .collect_view()}
                    </div>
                </article>
            </main>
            <BackToTop/>
        </Reader>
        <LiveRegion/>
        <AppStatus/>
    }
}
