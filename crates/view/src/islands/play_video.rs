use crate::dom::{FRAME_ATTR, FRAME_TITLE_ATTR};
use leptos::prelude::*;

/// Makes its video link (the children: a real link to the video's page, which works without
/// JavaScript) play the video in place on a plain click: the player's frame, at the link's
/// `dom::FRAME_ATTR` address, replaces the link. Nothing is asked of the video's site before.
#[island]
pub fn PlayVideo(children: Children) -> impl IntoView {
    let on_click = move |event: leptos::ev::MouseEvent| {
        // Modified clicks keep their usual meaning (new tab, new window…).
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
            return;
        }
        let Some(link) = video_link(&event) else {
            return;
        };
        event.prevent_default();
        play(&link);
    };
    view! { <span class="video-box" on:click=on_click>{children()}</span> }
}

fn video_link(event: &leptos::ev::MouseEvent) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[data-frame]")
        .ok()?
}

/// Replaces the link with the player's frame, and moves focus into it.
fn play(link: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let Some(src) = link.get_attribute(FRAME_ATTR) else {
        return;
    };
    let Ok(frame) = document().create_element("iframe") else {
        return;
    };
    let title = link.get_attribute(FRAME_TITLE_ATTR).unwrap_or_default();
    for (name, value) in [
        ("src", src.as_str()),
        ("title", title.as_str()),
        ("class", "video-frame"),
        (
            "allow",
            "autoplay; encrypted-media; fullscreen; picture-in-picture",
        ),
        ("allowfullscreen", ""),
    ] {
        let _ = frame.set_attribute(name, value);
    }
    if link.replace_with_with_node_1(&frame).is_ok() {
        if let Ok(frame) = frame.dyn_into::<web_sys::HtmlElement>() {
            let _ = frame.focus();
        }
    }
}
