use crate::content::TocEntry;
use crate::nav::CurrentSection;
use crate::strings;
use leptos::prelude::*;

/// The on-page table of contents. Links are plain `#anchor` fragments: they work as anchors
/// before the wasm runs (or without JavaScript), and the router turns them into history entries
/// once it does.
#[component]
pub fn TableOfContents(entries: Vec<TocEntry>) -> impl IntoView {
    let current = CurrentSection::expect();
    view! {
        <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title" class="toc-title">{strings::TOC_TITLE}</h2>
            <ol>
                {entries
                    .into_iter()
                    .map(|TocEntry { anchor, label }| {
                        let href = format!("#{anchor}");
                        let here = move || current.is(&anchor).then_some("location");
                        view! {
                            <li>
                                <a href=href aria-current=here>{label}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
