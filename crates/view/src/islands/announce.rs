//! Saying something politely, through the page's live region (`components::LiveRegion`, present
//! from the first paint: screen readers only announce changes to a region they already know).

/// How long a message stays: then the region is emptied, so the same words said again are
/// announced again.
const SHOWN_FOR_MS: i32 = 2500;

/// Says in the live region, and shows briefly to sighted readers, the words the region holds
/// in its attribute `said` (one of `dom::SAID_*`, written by the build in the page's
/// language: the wasm holds no words).
pub fn say(said: &'static str) {
    use crate::dom::{LIVE_REGION_ID, LIVE_REGION_SHOWN};
    let document = leptos::prelude::document();
    let Some(region) = document.get_element_by_id(LIVE_REGION_ID) else {
        return;
    };
    let Some(text) = region.get_attribute(said) else {
        return;
    };
    region.set_text_content(Some(&text));
    let _ = region.class_list().add_1(LIVE_REGION_SHOWN);
    leptos::prelude::set_timeout(
        move || {
            if region.text_content().as_deref() == Some(text.as_str()) {
                region.set_text_content(None);
                let _ = region.class_list().remove_1(LIVE_REGION_SHOWN);
            }
        },
        std::time::Duration::from_millis(SHOWN_FOR_MS as u64),
    );
}
