use super::blog::{PostHeader, PostMeta};
use super::inline::Inlines;
use cpd_content::Inline;
use leptos::prelude::*;

/// The article's title and, when the source has one, its one-sentence pitch; a post's date,
/// author and tags under them.
#[component]
pub fn ArticleHeader(
    title: String,
    tagline: Option<Vec<Inline>>,
    #[prop(optional)] post: Option<PostMeta>,
) -> impl IntoView {
    view! {
        <header class="article-header">
            <h1 class="article-title" tabindex="-1">{title}</h1>
            {tagline.map(|t| view! { <p class="tagline"><Inlines inlines=t/></p> })}
            {post.map(|meta| view! { <PostHeader meta/> })}
        </header>
    }
}
