use crate::components::DocumentTitle;
use crate::config::{SiteConfig, PERMALINK_FILE};
use crate::strings;
use leptos::prelude::*;

/// Any address the site does not know: say so, and offer the article.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let config = expect_context::<SiteConfig>();
    view! {
        <DocumentTitle text=strings::NOT_FOUND_TITLE.to_string()/>
        {noindex()}
        <main id="contenu" tabindex="-1" class="not-found">
            <h1>{strings::NOT_FOUND_TITLE}</h1>
            <p>{strings::NOT_FOUND_TEXT}</p>
            <p><a href=config.href(PERMALINK_FILE)>{strings::NOT_FOUND_LINK}</a></p>
        </main>
    }
}

/// Search engines should not index the "page introuvable" view (server only: crawlers read the HTML).
#[cfg(feature = "ssr")]
fn noindex() -> impl IntoView {
    // The `()` leaves the placeholder the browser's `noindex()` hydrates against.
    (
        view! { <leptos_meta::Meta name="robots" content="noindex"/> },
        (),
    )
}

#[cfg(not(feature = "ssr"))]
fn noindex() {}
