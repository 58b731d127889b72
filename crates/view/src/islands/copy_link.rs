use super::announce::say;
use crate::dom::{SAID_COPIED, SAID_NOT_COPIED};
use leptos::prelude::*;

/// Makes its "#" link (the children: a real link to the section, which works without
/// JavaScript and from the context menu) copy the section's address on a plain click, and
/// say so in the live region. The address is the link's `dom::SHARE_ATTR`, on the page's
/// origin.
#[island]
pub fn CopyLink(children: Children) -> impl IntoView {
    let on_click = move |event: leptos::ev::MouseEvent| {
        // Modified clicks keep their usual meaning (new tab, new window…).
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
            return;
        }
        let Some(path) = shared_path(&event) else {
            return;
        };
        event.prevent_default();
        copy(path);
    };
    view! { <span class="copy-link-box" on:click=on_click>{children()}</span> }
}

fn shared_path(event: &leptos::ev::MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a")
        .ok()??
        .get_attribute(crate::dom::SHARE_ATTR)
}

/// Copies the absolute URL of `path` (on the page's own origin) and announces the outcome.
fn copy(path: String) {
    let window = window();
    // Pushes rather than `format!`: each formatting call site costs the wasm bytes.
    let mut url = window.location().origin().unwrap_or_default();
    url.push_str(&path);
    let promise = window.navigator().clipboard().write_text(&url);
    leptos::task::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        say(if copied { SAID_COPIED } else { SAID_NOT_COPIED });
    });
}
