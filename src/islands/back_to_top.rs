use super::spy::ScrolledDown;
use crate::strings;
use leptos::prelude::*;

/// "Haut de page", once the reader is past the first screen. Fixed in a corner, so showing it
/// moves nothing else.
#[component]
pub fn BackToTop() -> impl IntoView {
    let ScrolledDown(scrolled) = expect_context();
    view! {
        <a class="back-to-top" href="#top" hidden=move || !scrolled.get()>
            <span aria-hidden="true">"↑"</span>
            <span class="back-to-top-text">{strings::BACK_TO_TOP}</span>
        </a>
    }
}
