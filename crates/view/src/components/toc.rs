use super::toc_links::TocLinks;
use cpd_content::{TocEntry, Words};
use leptos::prelude::*;

/// The on-page table of contents: in the flow after the lead on narrow screens, a sticky side
/// outline on wide ones (the stylesheet places it; the markup is the same).
#[component]
pub fn TableOfContents(entries: Vec<TocEntry>) -> impl IntoView {
    view! {
        <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title" class="toc-title">{expect_context::<Words>().contents}</h2>
            <TocLinks entries/>
        </nav>
    }
}
