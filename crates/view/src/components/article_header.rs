use super::inline::Inlines;
use cpd_content::Inline;
use leptos::prelude::*;

/// The article's title and, when the source has one, its one-sentence pitch.
#[component]
pub fn ArticleHeader(title: String, tagline: Option<Vec<Inline>>) -> impl IntoView {
    view! {
        <header class="article-header">
            <h1 class="article-title" tabindex="-1">{title}</h1>
            {tagline.map(|t| view! { <p class="tagline"><Inlines inlines=t/></p> })}
        </header>
    }
}
