use crate::dom::MENU_PANEL_ID;
use leptos::prelude::*;

/// The phone menu: a disclosure button in the sticky bar that opens the section links under
/// it. Both are its children, the build's HTML in the page's language (`components::SiteBar`):
/// the island holds the behaviour, no words. It closes once a section is chosen, on Escape (focus
/// returns to the button) and when the reader clicks elsewhere. The stylesheet shows it only
/// where there is no side outline, and keeps it invisible until the islands are hydrated
/// (before that, the on-page table of contents serves, as plain anchors).
///
/// Its state is the button's `aria-expanded`, which it keeps with the panel's `hidden`: two
/// attributes set from event handlers, which costs the wasm less than reactive attributes.
#[island]
pub fn SectionMenu(children: Children) -> impl IntoView {
    dismiss_on_escape_or_outside();
    view! {
        <div class="menu" on:click=on_click>
            {children()}
        </div>
    }
}

/// A click on the button toggles the menu; a click on one of its links closes it (the router
/// then moves to the section).
fn on_click(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let within = |selector: &str| target.closest(selector).ok().flatten().is_some();
    if within(".menu-button") {
        set_open(!is_open());
    } else if within("a") {
        set_open(false);
    }
}

fn button() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    document()
        .query_selector(".menu-button")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

fn is_open() -> bool {
    button()
        .and_then(|b| b.get_attribute("aria-expanded"))
        .as_deref()
        == Some("true")
}

fn set_open(open: bool) {
    if let Some(button) = button() {
        let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    }
    if let Some(panel) = document().get_element_by_id(MENU_PANEL_ID) {
        let _ = panel.toggle_attribute_with_force("hidden", !open);
    }
}

fn dismiss_on_escape_or_outside() {
    use wasm_bindgen::JsCast;
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && is_open() {
            set_open(false);
            if let Some(b) = button() {
                let _ = b.focus();
            }
        }
    });
    let clicks = window_event_listener(leptos::ev::click, move |e| {
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(".menu").ok().flatten())
            .is_some();
        if !inside && is_open() {
            set_open(false);
        }
    });
    on_cleanup(move || {
        keys.remove();
        clicks.remove();
    });
}
