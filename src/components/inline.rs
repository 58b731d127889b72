use crate::content::Inline;
use leptos::prelude::*;

/// Renders a run of inline content (text, emphasis, strong, links) as a tree of elements.
#[component]
pub fn Inlines(inlines: Vec<Inline>) -> impl IntoView {
    inlines.into_iter().map(render).collect_view()
}

fn render(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Emphasis(children) => view! { <em><Inlines inlines=children/></em> }.into_any(),
        Inline::Strong(children) => {
            view! { <strong><Inlines inlines=children/></strong> }.into_any()
        }
        // The router leaves links to other origins to the browser.
        Inline::Link { href, children } => {
            view! { <a href=href><Inlines inlines=children/></a> }.into_any()
        }
    }
}
