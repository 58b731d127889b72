use crate::config::{SiteConfig, BASE_META, SITE_META};
use leptos::prelude::*;

/// Writes the site's base path and origin into the prerendered `<head>`, where the wasm reads
/// them back at start (see `lib.rs`). Server only: the browser already has them.
#[component]
pub fn SiteMeta() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use leptos_meta::Meta;
        let config = expect_context::<SiteConfig>();
        // The `()` leaves the placeholder the browser's `()` hydrates against.
        let tags = view! {
            <Meta name=BASE_META content=config.base/>
            <Meta name=SITE_META content=config.site_url/>
        };
        (tags, ())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (expect_context::<SiteConfig>, BASE_META, SITE_META);
    }
}
