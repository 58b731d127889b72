use crate::dom::LIVE_REGION_ID;
use leptos::prelude::*;

/// The polite live region (`role="status"`) the islands speak through (`islands::announce`).
/// Empty in the build's HTML; present from the first paint, because screen readers only
/// announce changes to a region they already know.
#[component]
pub fn LiveRegion() -> impl IntoView {
    view! { <p id=LIVE_REGION_ID class="toast" role="status"></p> }
}
