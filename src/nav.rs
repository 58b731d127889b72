//! In-page navigation: which section the reader is on, and moving the viewport and focus there.
//!
//! The router already intercepts clicks on `#anchor` links, pushes one history entry and updates
//! `use_location().hash`. What it does not do: scroll on a cold load with a hash (a client-rendered
//! page has no target yet when the browser looks for it), scroll on back/forward, or move focus.
//! One effect on the hash does all three, so every way of arriving behaves the same.

use crate::spy::SectionInView;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The anchor of the section the URL points at, if any. Set only in the browser, in an effect:
/// the server never sees the hash, so rendering must not depend on it before hydration.
#[derive(Clone, Copy)]
pub struct CurrentSection(pub RwSignal<Option<String>>);

impl CurrentSection {
    pub fn provide() -> Self {
        let this = Self(RwSignal::new(None));
        provide_context(this);
        this
    }

    pub fn expect() -> Self {
        expect_context()
    }
}

/// Follows the URL's hash: records the current section and, on every change after the first
/// render, scrolls the section's heading into view and focuses it, so a screen reader hears
/// where the reader has landed. On a cold load with a hash the heading is only scrolled to (a
/// client-rendered page has no target when the browser looks for it); focus stays where the
/// browser put it, so the page does not change when the wasm takes over prerendered markup.
pub fn follow_hash(current: CurrentSection, spy: SectionInView) {
    let location = use_location();
    Effect::new(move |first: Option<()>| {
        let hash = location.hash.get();
        let anchor = hash.trim_start_matches('#');
        let anchor = (!anchor.is_empty()).then(|| decode(anchor));
        current.0.set(anchor.clone());
        // A plain load measures where it is; any move to an anchor holds the spy on its target.
        if first.is_some() || anchor.is_some() {
            spy.hold(anchor.clone());
        }
        match (first, anchor.as_deref()) {
            // A plain page load: leave the scroll where the browser put it.
            (None, None) => {}
            (None, Some(a)) => reveal(Some(a), false),
            (Some(()), a) => reveal(a, true),
        }
    });
}

/// Tells the outside world (tests, the benchmark) that the app has taken over the page:
/// `<html data-app="ready">` and a `cpd:interactive` performance mark.
pub fn mark_ready() {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("data-app", "ready");
        }
        // Whatever the inline script said about a late start no longer holds.
        if let Some(status) = document.get_element_by_id(crate::components::APP_STATUS_ID) {
            status.set_text_content(None);
        }
        if let Some(performance) = window.performance() {
            let _ = performance.mark("cpd:interactive");
        }
    }
}

/// Percent-decodes a fragment (anchors are ASCII, but a shared link may arrive escaped).
fn decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(target_arch = "wasm32")]
fn reveal(anchor: Option<&str>, focus: bool) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let target = anchor
        .and_then(|a| window.document()?.get_element_by_id(a))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match target {
        Some(el) => {
            // scroll-margin-top in the stylesheet keeps the heading clear of the sticky header,
            // and scroll-behavior there follows prefers-reduced-motion.
            el.scroll_into_view();
            if focus {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = el.focus_with_options(&options);
            }
        }
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn reveal(_anchor: Option<&str>, _focus: bool) {}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_escaped_fragments() {
        assert_eq!(decode("qui-est"), "qui-est");
        assert_eq!(decode("qui%2Dest"), "qui-est");
        assert_eq!(decode("caf%C3%A9"), "café");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
    }
}
