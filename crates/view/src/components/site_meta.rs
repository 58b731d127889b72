use crate::dom::BASE_META;
use cpd_content::SiteSettings;
use leptos::prelude::*;
use leptos_meta::Meta;

/// Writes the site's base path into the prerendered `<head>`, where the islands read it back
/// (see [`crate::seam::router_base`]).
#[component]
pub fn SiteMeta() -> impl IntoView {
    let settings = expect_context::<SiteSettings>();
    view! { <Meta name=BASE_META content=settings.base/> }
}
