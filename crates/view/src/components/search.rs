use crate::dom::{SEARCH_BUTTON_ID, SEARCH_DIALOG_ID};
use crate::strings::search_words;
use leptos::prelude::*;

/// The bar's search button, in the page's language. The stylesheet keeps it invisible (and out
/// of the accessibility tree) until the islands are up, so that without JavaScript or wasm no
/// button does nothing, and nothing moves when it shows. `/` and Ctrl+K (⌘K) open the dialog
/// too (the page's loader).
#[component]
pub fn SearchButton(lang: String) -> impl IntoView {
    let words = search_words(&lang);
    view! {
        <button
            type="button"
            id=SEARCH_BUTTON_ID
            class="search-button"
            aria-haspopup="dialog"
            aria-keyshortcuts="/ Control+K Meta+K"
        >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M10 3a7 7 0 0 1 5.6 11.2l5 5-1.4 1.4-5-5A7 7 0 1 1 10 3Zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z"></path>
            </svg>
            <span class="search-button-text">{words.open}</span>
        </button>
    }
}

/// The search dialog: a labelled field, a status line that says how many results there are,
/// and the list of results, which the search's wasm fills (`cpd_search::ui`). Its words, in the
/// page's language, are in its `data-*` attributes, so the wasm holds none.
#[component]
pub fn SearchDialog(lang: String) -> impl IntoView {
    let words = search_words(&lang);
    view! {
        <dialog
            id=SEARCH_DIALOG_ID
            class="search"
            aria-labelledby="search-label"
            data-none=words.none
            data-one=words.one
            data-many=words.many
            data-offline=words.offline
            data-missing=words.missing
            data-corrupt=words.corrupt
            data-stale=words.stale
        >
            <form method="dialog" class="search-form" role="search">
                <label id="search-label" for="search-input">{words.label}</label>
                <div class="search-field">
                    <input
                        id="search-input"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="search-status"
                    />
                    <button type="submit" class="search-close">{words.close}</button>
                </div>
            </form>
            <p id="search-status" class="search-status" role="status"></p>
            <ul class="search-results" aria-label=words.results></ul>
        </dialog>
    }
}
