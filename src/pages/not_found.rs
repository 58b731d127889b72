use crate::config::{SiteConfig, PERMALINK_FILE};
use crate::strings;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Any address the site does not know: say so, and offer the article.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let config = expect_context::<SiteConfig>();
    Effect::new(|_| crate::nav::mark_ready());
    view! {
        <Title text=strings::NOT_FOUND_TITLE/>
        <Meta name="robots" content="noindex"/>
        <div class="not-found">
            <h1>{strings::NOT_FOUND_TITLE}</h1>
            <p>{strings::NOT_FOUND_TEXT}</p>
            <p><a href=config.href(PERMALINK_FILE)>{strings::NOT_FOUND_LINK}</a></p>
        </div>
    }
}
