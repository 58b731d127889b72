use cpd_content::TocEntry;
use leptos::prelude::*;

/// The list of section links shared by the on-page contents and the phone menu.
///
/// Links are plain `#anchor` fragments: they work as anchors before the wasm runs (or without
/// JavaScript), and the router turns them into history entries once it does. The entry of the
/// section in view gets `aria-current="location"` from the scrollspy (`islands::spy`). Entries
/// one level under a section are indented.
#[component]
pub fn TocLinks(entries: Vec<TocEntry>) -> impl IntoView {
    view! {
        <ol class="toc-links">
            {entries
                .into_iter()
                .map(|TocEntry { anchor, label, depth }| {
                    view! {
                        <li class=(depth > 0).then_some("toc-sub")>
                            <a href=format!("#{anchor}")>{label}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
