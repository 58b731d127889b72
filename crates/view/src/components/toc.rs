use super::toc_links::TocLinks;
use crate::strings;
use cpd_content::TocEntry;
use leptos::prelude::*;

/// The on-page table of contents: in the flow after the lead on narrow screens, a sticky side
/// outline on wide ones (the stylesheet places it; the markup is the same).
#[component]
pub fn TableOfContents(entries: Vec<TocEntry>) -> impl IntoView {
    view! {
        <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title" class="toc-title">{strings::TOC_TITLE}</h2>
            <TocLinks entries/>
        </nav>
    }
}
