use crate::components::{
    AppStatus, ArticleHeader, BackToTop, Footnotes, Inlines, LanguageLink, Lead, Listing,
    ListingView, LiveRegion, MenuEntry, PostMeta, PostNeighbours, SectionView, Seo, SiteBar,
    SiteMeta, TableOfContents,
};
use crate::islands::Reader;
use cpd_content::{page_url, Article, SiteSettings, Words};
use leptos::prelude::*;

/// A page of the site: the text as HTML, inside the [`Reader`] island that makes it move.
/// `menu` is the site menu as seen from this page; a post has its `post` line and neighbours,
/// and a list page its `listing` after its text.
#[component]
pub fn ArticlePage(
    article: Article,
    #[prop(optional)] menu: Vec<MenuEntry>,
    #[prop(optional)] languages: Vec<LanguageLink>,
    #[prop(optional)] post: Option<PostMeta>,
    #[prop(optional)] listing: Option<ListingView>,
) -> impl IntoView {
    let page = expect_context::<SiteSettings>().href(page_url(&article.permalink));
    let Article {
        title,
        tagline,
        lead,
        toc,
        part,
        sections,
        footnotes,
        ..
    } = article.clone();
    view! {
        <SiteMeta/>
        <Seo article/>
        <a class="skip-link" href="#contenu">{expect_context::<Words>().skip_link}</a>
        <Reader>
            // The bar is the page's banner, outside <main>.
            <SiteBar title=title.clone() entries=toc.clone() menu languages/>
            <main id="contenu" tabindex="-1">
                <article class="article" id="top" tabindex="-1">
                    {match post.clone() {
                        Some(post) => view! { <ArticleHeader title tagline post/> }.into_any(),
                        None => view! { <ArticleHeader title tagline/> }.into_any(),
                    }}
                    <Lead blocks=lead/>
                    {(!toc.is_empty()).then(|| view! { <TableOfContents entries=toc/> })}
                    <div class="sections">
                        {part.map(|p| view! { <h2 class="part-title"><Inlines inlines=p/></h2> })}
                        {sections
                            .into_iter()
                            .map(|section| view! { <SectionView section page=page.clone()/> })
                            .collect_view()}
                    </div>
                    {listing.map(|listing| view! { <Listing listing/> })}
                    <Footnotes notes=footnotes/>
                    {post.map(|meta| view! { <PostNeighbours meta/> })}
                </article>
            </main>
            <BackToTop/>
        </Reader>
        <LiveRegion/>
        <AppStatus/>
    }
}
