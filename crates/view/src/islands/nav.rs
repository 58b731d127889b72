//! In-page navigation: moving the viewport, focus and title to the section the URL points at.
//!
//! The router already intercepts clicks on `#anchor` links, pushes one history entry and updates
//! `use_location().hash`. What it does not do: scroll on back/forward, move focus, or follow a
//! cold hash with the title and the spy. One effect on the hash does all of that, so every way
//! of arriving behaves the same.

use super::effect::effect;
use super::spy::SectionInView;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Sets up the navigation inside the router, then renders the page (its children) as is.
#[component]
pub fn Navigation(spy: SectionInView, children: Children) -> impl IntoView {
    follow_hash(spy);
    // In an effect: the spy measures the laid-out page.
    effect(Box::new(move || super::spy::watch(spy)));
    children()
}

/// The document title while the reader is on a section: "<heading> — <page title>"; the page's
/// own title elsewhere.
pub fn section_title(heading: Option<&str>, page_title: &str) -> String {
    match heading {
        // Pushes rather than `format!`: each formatting call site costs the wasm bytes.
        Some(h) => {
            let mut title = String::from(h);
            title.push_str(" — ");
            title.push_str(page_title);
            title
        }
        None => page_title.to_string(),
    }
}

/// The anchor a URL fragment names (`#qui%2Dest` is `qui-est`), or `None` for no fragment.
pub fn anchor_of(hash: &str) -> Option<String> {
    let fragment = hash.trim_start_matches('#');
    (!fragment.is_empty()).then(|| {
        percent_encoding::percent_decode_str(fragment)
            .decode_utf8_lossy()
            .into_owned()
    })
}

/// Follows the URL's hash. On every change after the first run it scrolls the section's heading
/// into view and focuses it, so a screen reader hears where the reader has landed; on a cold load
/// with a hash the browser has already scrolled, and focus stays where the browser put it.
/// The title names the section either way, and the spy holds on it.
fn follow_hash(spy: SectionInView) {
    let location = use_location();
    // The build's title, before any section is named in it.
    let page_title = StoredValue::new(None::<String>);
    let mut first = true;
    effect(Box::new(move || {
        let arriving = std::mem::take(&mut first);
        let anchor = anchor_of(&location.hash.get());
        // A plain load measures where it is; any move to an anchor holds the spy on its target.
        if !arriving || anchor.is_some() {
            spy.hold(anchor.clone());
        }
        retitle(page_title, anchor.as_deref());
        if !arriving {
            reveal(anchor.as_deref());
        }
    }));
}

fn retitle(page_title: StoredValue<Option<String>>, anchor: Option<&str>) {
    let document = document();
    if page_title.with_value(Option::is_none) {
        page_title.set_value(Some(document.title()));
    }
    let heading = anchor
        .and_then(|a| document.get_element_by_id(a))
        .and_then(|h| h.text_content());
    let title =
        page_title.with_value(|t| section_title(heading.as_deref(), t.as_deref().unwrap_or("")));
    document.set_title(&title);
}

fn reveal(anchor: Option<&str>) {
    use wasm_bindgen::JsCast;
    let window = window();
    let target = anchor
        .and_then(|a| window.document()?.get_element_by_id(a))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match target {
        Some(el) => {
            // scroll-margin-top in the stylesheet keeps the heading clear of the sticky bar,
            // and scroll-behavior there follows prefers-reduced-motion.
            el.scroll_into_view();
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_section() {
        assert_eq!(section_title(Some("Missions"), "Chef"), "Missions — Chef");
        assert_eq!(section_title(None, "Chef"), "Chef");
    }

    #[test]
    fn decodes_escaped_fragments() {
        assert_eq!(anchor_of("#qui-est").as_deref(), Some("qui-est"));
        assert_eq!(anchor_of("#qui%2Dest").as_deref(), Some("qui-est"));
        assert_eq!(anchor_of("#caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(anchor_of("#100%").as_deref(), Some("100%"));
        assert_eq!(anchor_of("#%zz").as_deref(), Some("%zz"));
        assert_eq!(anchor_of(""), None);
        assert_eq!(anchor_of("#"), None);
    }
}
