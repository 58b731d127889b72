use crate::content::TocEntry;
use crate::spy::SectionInView;
use leptos::prelude::*;

/// The list of section links shared by the on-page table of contents and the phone menu. The
/// entry of the section in view carries `aria-current="location"` (see [`crate::spy`]).
///
/// Links are plain `#anchor` fragments: they work as anchors before the wasm runs (or without
/// JavaScript), and the router turns them into history entries once it does.
#[component]
pub fn TocLinks(
    entries: Vec<TocEntry>,
    /// Called after a link is chosen (the phone menu closes itself).
    #[prop(optional)]
    on_choose: Option<Callback<()>>,
) -> impl IntoView {
    let spy = SectionInView::expect();
    view! {
        <ol class="toc-links">
            {entries
                .into_iter()
                .map(|TocEntry { anchor, label }| {
                    let href = format!("#{anchor}");
                    let here = move || spy.is(&anchor).then_some("location");
                    view! {
                        <li>
                            <a
                                href=href
                                aria-current=here
                                on:click=move |_| {
                                    if let Some(done) = on_choose {
                                        done.run(());
                                    }
                                }
                            >
                                {label}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
