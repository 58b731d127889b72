use crate::dom::SEARCH_BUTTON_ID;
use cpd_content::Words;
use leptos::prelude::*;

/// The bar's search button, an icon named in the page's language. The stylesheet keeps it
/// invisible (and out of the accessibility tree) until the islands are up, so that without
/// JavaScript or wasm no button does nothing, and nothing moves when it shows. `/` and Ctrl+K
/// (⌘K) open search too (the page's loader). The dialog is not in the page: the search's wasm
/// builds it, with its words read from the search's folder; the button carries what the
/// loader says when the search cannot load.
#[component]
pub fn SearchButton() -> impl IntoView {
    let words = expect_context::<Words>();
    view! {
        <button
            type="button"
            id=SEARCH_BUTTON_ID
            class="theme-choice search-button"
            aria-haspopup="dialog"
            aria-keyshortcuts="/ Control+K Meta+K"
            aria-label=words.search_open.clone()
            title=words.search_open
            data-unavailable=words.search_unavailable
        >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M10 3a7 7 0 0 1 5.6 11.2l5 5-1.4 1.4-5-5A7 7 0 1 1 10 3Zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z"></path>
            </svg>
        </button>
    }
}
