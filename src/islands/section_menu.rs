use crate::strings;
use leptos::prelude::*;

/// The id of the phone menu's panel, named by its button's `aria-controls`.
pub const MENU_PANEL_ID: &str = "menu-sections";

/// The phone menu: a disclosure button in the sticky bar that opens the section links (its
/// children, the build's HTML) under it. It closes once a section is chosen, on Escape (focus
/// returns to the button) and when the reader clicks elsewhere. The stylesheet shows it only
/// where there is no side outline, and keeps it invisible until the island is hydrated (before
/// that, the on-page table of contents serves, as plain anchors).
#[island]
pub fn SectionMenu(children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    #[cfg(target_arch = "wasm32")]
    dismiss_on_escape_or_outside(open, button);
    view! {
        <div class="menu">
            <button
                type="button"
                class="menu-button"
                node_ref=button
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=MENU_PANEL_ID
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {strings::MENU}
            </button>
            // A choice closes the menu: the router then moves to the section.
            <div
                id=MENU_PANEL_ID
                class="menu-panel"
                hidden=move || !open.get()
                on:click=move |e| {
                    if chose_a_link(&e) {
                        open.set(false);
                    }
                }
            >
                {children()}
            </div>
        </div>
    }
}

/// Whether a click in the panel landed on one of its links.
#[cfg(target_arch = "wasm32")]
fn chose_a_link(event: &leptos::ev::MouseEvent) -> bool {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a").ok().flatten())
        .is_some()
}

#[cfg(not(target_arch = "wasm32"))]
fn chose_a_link(_event: &leptos::ev::MouseEvent) -> bool {
    false
}

#[cfg(target_arch = "wasm32")]
fn dismiss_on_escape_or_outside(open: RwSignal<bool>, button: NodeRef<leptos::html::Button>) {
    use wasm_bindgen::JsCast;
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    });
    let clicks = window_event_listener(leptos::ev::click, move |e| {
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(button.get_untracked())
            .and_then(|(target, b)| Some(b.parent_element()?.contains(Some(&target))))
            .unwrap_or(false);
        if !inside && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || {
        keys.remove();
        clicks.remove();
    });
}
