use crate::dom::BACK_TO_TOP_ID;
use cpd_content::Words;
use leptos::prelude::*;

/// « Haut de page »: a link to the top, hidden until the scrollspy (`islands::spy`) sees the
/// reader past the first screen. Fixed in a corner, so showing it moves nothing else.
#[component]
pub fn BackToTop() -> impl IntoView {
    view! {
        <a id=BACK_TO_TOP_ID class="back-to-top" href="#top" hidden>
            <span aria-hidden="true">"↑"</span>
            <span class="back-to-top-text">{expect_context::<Words>().back_to_top}</span>
        </a>
    }
}
