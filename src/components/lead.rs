use super::Paragraphs;
use crate::content::Paragraph;
use leptos::prelude::*;

/// The introductory paragraphs, set apart from the sections.
#[component]
pub fn Lead(paragraphs: Vec<Paragraph>) -> impl IntoView {
    view! {
        <div class="lead">
            <Paragraphs paragraphs/>
        </div>
    }
}
