use crate::components::{ArticleHeader, Lead, LoadErrorView, SectionView, Seo, TableOfContents};
use crate::content::Article;
use crate::data::ArticleData;
use crate::nav::{follow_hash, CurrentSection};
use crate::strings;
use leptos::either::Either;
use leptos::prelude::*;

/// The article route: a short loading state, then the article, or a French error with a retry.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let ArticleData(resource) = ArticleData::expect();
    let retry = Callback::new(move |()| resource.refetch());
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">{strings::LOADING}</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(article) => Either::Left(view! { <ArticleView article/> }),
                    Err(error) => Either::Right(view! { <LoadErrorView error on_retry=retry/> }),
                }
            })}
        </Suspense>
    }
}

/// The article itself, once loaded.
#[component]
fn ArticleView(article: Article) -> impl IntoView {
    // Mounted only once the content exists, so a cold load with a hash finds its target.
    follow_hash(CurrentSection::expect());
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
        <Seo article/>
        <header class="site-bar">
            <a href="#top">{title.clone()}</a>
        </header>
        <article class="article" id="top">
            <ArticleHeader title tagline/>
            <Lead paragraphs=lead/>
            <TableOfContents entries=toc/>
            <div class="sections">
                {part.map(|p| view! { <h2 class="part-title">{p}</h2> })}
                {sections
                    .into_iter()
                    .map(|section| view! { <SectionView section level/> })
                    .collect_view()}
            </div>
        </article>
    }
}
