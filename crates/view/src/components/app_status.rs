use cpd_content::Words;
use leptos::prelude::*;

use crate::dom::APP_STATUS_ID;

/// A discreet note for when the interactive layer is late (slow network) or cannot start (wasm
/// blocked or failing): the text and the contents' plain anchors work without it, and the
/// reader is told what is missing.
///
/// The wasm cannot report its own absence, so the inline script of `index.html` fills this
/// region from its `data-slow` / `data-failed` attributes; the page's loader empties it once
/// the islands are hydrated. It stays empty (and hidden) otherwise.
#[component]
pub fn AppStatus() -> impl IntoView {
    let words = expect_context::<Words>();
    view! {
        <p
            id=APP_STATUS_ID
            class="app-status"
            role="status"
            data-slow=words.app_slow
            data-failed=words.app_failed
        ></p>
    }
}
