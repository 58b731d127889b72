use super::Inlines;
use crate::content::Paragraph;
use leptos::prelude::*;

/// A run of prose paragraphs: the lead's and every section's share this one renderer.
#[component]
pub fn Paragraphs(paragraphs: Vec<Paragraph>) -> impl IntoView {
    paragraphs
        .into_iter()
        .map(|Paragraph(inlines)| view! { <p><Inlines inlines/></p> })
        .collect_view()
}
