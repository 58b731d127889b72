use crate::components::{AppStatus, NoIndex, SiteMeta};
use crate::config::SiteConfig;
use crate::strings;
use leptos::prelude::*;

/// Any address the site does not know: say so, and offer the home page (`home_url` under the
/// base). Nothing on it moves, so it has no island.
#[component]
pub fn NotFoundPage(home_title: String, home_url: String) -> impl IntoView {
    let config = expect_context::<SiteConfig>();
    view! {
        <SiteMeta/>
        {title()}
        <NoIndex/>
        <main id="contenu" tabindex="-1" class="not-found">
            <h1>{strings::NOT_FOUND_TITLE}</h1>
            <p>{strings::NOT_FOUND_TEXT}</p>
            <p>
                <a href=config.href(&home_url)>{strings::not_found_link(&home_title)}</a>
            </p>
        </main>
        <AppStatus/>
    }
}

#[cfg(feature = "ssr")]
fn title() -> impl IntoView {
    view! { <leptos_meta::Title text=strings::NOT_FOUND_TITLE/> }
}

#[cfg(not(feature = "ssr"))]
fn title() {}
