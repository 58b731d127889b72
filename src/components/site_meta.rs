use crate::config::{SiteConfig, BASE_META, SITE_META};
use leptos::prelude::*;

/// Writes the site's base path and origin into the prerendered `<head>`, where the islands read
/// them back (see [`SiteConfig::current`]). Server only: the browser already has them.
#[component]
pub fn SiteMeta() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use leptos_meta::Meta;
        let config = expect_context::<SiteConfig>();
        view! {
            <Meta name=BASE_META content=config.base/>
            <Meta name=SITE_META content=config.site_url/>
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (expect_context::<SiteConfig>, BASE_META, SITE_META);
    }
}
