use crate::components::{
    ArticleHeader, BackToTop, Lead, LoadErrorView, SectionView, Seo, SiteBar, TableOfContents,
};
use crate::content::Article;
use crate::data::ArticleData;
use crate::nav::{follow_hash, CurrentSection};
use crate::spy::SectionInView;
use crate::strings;
use leptos::either::Either;
use leptos::prelude::*;

/// The article route: a short loading state, then the article, or a French error with a retry.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let ArticleData(resource) = ArticleData::expect();
    let retry = Callback::new(move |()| resource.refetch());
    view! {
        <Suspense fallback=|| {
            view! {
                <main id="contenu" tabindex="-1">
                    <p class="loading" role="status">{strings::LOADING}</p>
                </main>
            }
        }>
            // A plain read, not a `Suspend`: the view is built outside any future, which keeps
            // a large async state machine out of the wasm. Suspense still waits for it.
            {move || {
                resource
                    .get()
                    .map(|loaded| match loaded {
                        Ok(article) => Either::Left(view! { <ArticleView article/> }),
                        Err(error) => {
                            Either::Right(
                                view! {
                                    <main id="contenu" tabindex="-1">
                                        <LoadErrorView error on_retry=retry/>
                                    </main>
                                },
                            )
                        }
                    })
            }}
        </Suspense>
    }
}

/// The article itself, once loaded.
#[component]
fn ArticleView(article: Article) -> impl IntoView {
    // Mounted only once the content exists, so a cold load with a hash finds its target.
    follow_hash(CurrentSection::expect(), SectionInView::expect());
    #[cfg(target_arch = "wasm32")]
    {
        let anchors: Vec<String> = article.sections.iter().map(|s| s.id.clone()).collect();
        // In an effect: the spy measures the laid-out page, after this view is in the DOM.
        Effect::new(move |_| crate::spy::watch(anchors.clone()));
    }
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
                    .map(|section| view! { <SectionView section level/> })
                    .collect_view()}
            </div>
        </article>
        </main>
        <BackToTop/>
    }
}
