use super::Inlines;
use crate::content::Paragraph;
use leptos::prelude::*;

/// The introductory paragraphs, set apart from the sections.
#[component]
pub fn Lead(paragraphs: Vec<Paragraph>) -> impl IntoView {
    view! {
        <div class="lead">
            {paragraphs
                .into_iter()
                .map(|Paragraph(inlines)| view! { <p><Inlines inlines=inlines/></p> })
                .collect_view()}
        </div>
    }
}
