use super::blocks::Blocks;
use cpd_content::{footnote_call_id, footnote_id, Footnote, Words};
use leptos::prelude::*;

/// The page's footnotes, each with a link back to every place that calls it.
#[component]
pub fn Footnotes(notes: Vec<Footnote>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        let words = expect_context::<Words>();
        let items = notes
            .into_iter()
            .map(|note| {
                let backs = (1..=note.calls)
                    .map(|call| {
                        let href = format!("#{}", footnote_call_id(&note.id, call));
                        let label = if note.calls > 1 {
                            format!("{} ({call})", words.footnote_back)
                        } else {
                            words.footnote_back.clone()
                        };
                        view! { " " <a class="fn-back" href=href aria-label=label role="doc-backlink">"↩"</a> }
                    })
                    .collect_view();
                view! {
                    <li id=footnote_id(&note.id) value=note.number.to_string()>
                        <Blocks blocks=note.blocks/>
                        <p class="fn-backs">{backs}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="footnotes" aria-labelledby="notes-title" role="doc-endnotes">
                <h2 id="notes-title">{words.footnotes.clone()}</h2>
                <ol>{items}</ol>
            </section>
        }
    })
}
