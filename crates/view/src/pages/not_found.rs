use crate::components::{AppStatus, NoIndex, SiteMeta};
use crate::strings;
use cpd_content::SiteSettings;
use leptos::prelude::*;
use leptos_meta::Title;

/// Any address the site does not know: say so, and offer the home page (`home_url` under the
/// base). Nothing on it moves, so it has no island.
#[component]
pub fn NotFoundPage(home_title: String, home_url: String) -> impl IntoView {
    let settings = expect_context::<SiteSettings>();
    view! {
        <SiteMeta/>
        <Title text=strings::NOT_FOUND_TITLE/>
        <NoIndex/>
        <main id="contenu" tabindex="-1" class="not-found">
            <h1>{strings::NOT_FOUND_TITLE}</h1>
            <p>{strings::NOT_FOUND_TEXT}</p>
            <p>
                <a href=settings.href(&home_url)>{strings::not_found_link(&home_title)}</a>
            </p>
        </main>
        <AppStatus/>
    }
}
