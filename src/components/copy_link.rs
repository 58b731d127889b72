use super::Announcement;
use crate::config::{SiteConfig, PERMALINK_FILE};
use crate::strings;
use leptos::prelude::*;

/// The "#" link after a section's heading. It is a real link to the section (open it in a new
/// tab, copy it from the context menu, or follow it without JavaScript); a plain click copies
/// the section's address and says so in the live region.
#[component]
pub fn CopyLink(anchor: String, heading: String) -> impl IntoView {
    let label = strings::section_link_label(&heading);
    let href = format!("#{anchor}");
    let config = expect_context::<SiteConfig>();
    let announcement = Announcement::expect();
    let on_click = move |event: leptos::ev::MouseEvent| {
        // Modified clicks keep their usual meaning (new tab, new window…).
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
            return;
        }
        event.prevent_default();
        copy(
            format!("{}#{anchor}", config.href(PERMALINK_FILE)),
            announcement,
        );
    };
    view! {
        <a class="copy-link" href=href aria-label=label on:click=on_click>
            "#"
        </a>
    }
}

/// Copies the absolute URL of `path` (on the page's own origin) and announces the outcome.
#[cfg(target_arch = "wasm32")]
fn copy(path: String, announcement: Announcement) {
    let window = window();
    let url = format!("{}{path}", window.location().origin().unwrap_or_default());
    let promise = window.navigator().clipboard().write_text(&url);
    leptos::task::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        announcement.say(if copied {
            strings::LINK_COPIED
        } else {
            strings::LINK_NOT_COPIED
        });
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn copy(_path: String, _announcement: Announcement) {}
