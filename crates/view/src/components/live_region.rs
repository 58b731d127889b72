use crate::dom::LIVE_REGION_ID;
use cpd_content::Words;
use leptos::prelude::*;

/// The polite live region (`role="status"`) the islands speak through (`islands::announce`).
/// Empty in the build's HTML; present from the first paint, because screen readers only
/// announce changes to a region they already know. It holds what the islands may say, in the
/// page's language, as the attributes `dom::SAID_*` name.
#[component]
pub fn LiveRegion() -> impl IntoView {
    let words = expect_context::<Words>();
    view! {
        <p
            id=LIVE_REGION_ID
            class="toast"
            role="status"
            data-copied=words.link_copied
            data-not-copied=words.link_not_copied
        ></p>
    }
}
