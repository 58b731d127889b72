use super::Inlines;
use crate::content::{Paragraph, Section};
use leptos::prelude::*;

/// One question section. Its kind (definition, missions, scope, profile, integration) is a
/// modifier class, so the five share one structure and differ only where the design says so.
///
/// The anchor id sits on the heading: it is what a shared link scrolls to and what receives
/// focus after a navigation (`tabindex=-1` makes it focusable without adding a tab stop).
#[component]
pub fn SectionView(section: Section, #[prop(default = 3)] level: u8) -> impl IntoView {
    let Section {
        id,
        kind,
        heading,
        paragraphs,
    } = section;
    let class = format!("section section--{}", kind.slug());
    let heading = match level {
        2 => view! { <h2 id=id.clone() tabindex="-1">{heading}</h2> }.into_any(),
        _ => view! { <h3 id=id.clone() tabindex="-1">{heading}</h3> }.into_any(),
    };
    view! {
        <section class=class aria-labelledby=id>
            {heading}
            {paragraphs
                .into_iter()
                .map(|Paragraph(inlines)| view! { <p><Inlines inlines=inlines/></p> })
                .collect_view()}
        </section>
    }
}
