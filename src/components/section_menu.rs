use super::TocLinks;
use crate::content::TocEntry;
use crate::strings;
use leptos::prelude::*;

/// The phone menu: a disclosure button in the sticky bar that opens the section links under
/// it. It closes once a section is chosen, on Escape (focus returns to the button) and when
/// the reader clicks elsewhere. The stylesheet shows it only where there is no side outline,
/// and keeps it invisible until the wasm has taken over (before that, the on-page table of
/// contents serves, as plain anchors).
#[component]
pub fn SectionMenu(entries: Vec<TocEntry>) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let close = Callback::new(move |()| open.set(false));
    const PANEL: &str = "menu-sections";
    #[cfg(target_arch = "wasm32")]
    dismiss_on_escape_or_outside(open, button);
    view! {
        <div class="menu">
            <button
                type="button"
                class="menu-button"
                node_ref=button
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=PANEL
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {strings::MENU}
            </button>
            <div id=PANEL class="menu-panel" hidden=move || !open.get()>
                <TocLinks entries on_choose=close/>
            </div>
        </div>
    }
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
