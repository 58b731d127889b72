//! The browser's side of the seam.

use crate::dom::BASE_META_SELECTOR;
use leptos::prelude::*;

/// Sets up the reactive root the islands hydrate under; the page's loader then hydrates each
/// island in a task of its own.
pub fn start() {
    // Readable panics in development; in release the hook's formatting code would cost bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Back and forward between sections are scrolled by `islands::nav`; the browser's own
    // restoration would put back wherever the reader clicked from (the contents) instead.
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    leptos::mount::hydrate_islands();
}

/// The router's base, from the page's `<meta name="cpd-base">`: empty at the root (or without
/// the meta), `/docs` under a sub-path.
pub fn router_base() -> String {
    let base = document()
        .query_selector(BASE_META_SELECTOR)
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}
