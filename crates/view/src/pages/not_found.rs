use crate::components::{AppStatus, NoIndex, SiteMeta};
use cpd_content::{SiteSettings, Words};
use leptos::prelude::*;
use leptos_meta::Title;

/// Any address the site does not know: say so, and offer the home page (`home_url` under the
/// base). Nothing on it moves, so it has no island.
#[component]
pub fn NotFoundPage(home_title: String, home_url: String) -> impl IntoView {
    let settings = expect_context::<SiteSettings>();
    let words = expect_context::<Words>();
    view! {
        <SiteMeta/>
        <Title text=words.not_found_title.clone()/>
        <NoIndex/>
        <main id="contenu" tabindex="-1" class="not-found">
            <h1>{words.not_found_title.clone()}</h1>
            <p>{words.not_found_text.clone()}</p>
            <p>
                <a href=settings.href(&home_url)>{words.not_found_link(&home_title)}</a>
            </p>
        </main>
        <AppStatus/>
    }
}
