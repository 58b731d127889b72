use super::{CopyLink, Paragraphs};
use crate::content::Section;
use leptos::prelude::*;

/// One question section. Its kind (definition, missions, scope, profile, integration) is a
/// modifier class, so the five share one structure and differ only where the design says so.
///
/// The anchor id sits on the heading: it is what a shared link scrolls to and what receives
/// focus after a navigation (`tabindex=-1` makes it focusable without adding a tab stop).
/// `level` is the heading's outline level: 3 under a part heading, 2 without one.
#[component]
pub fn SectionView(section: Section, #[prop(default = 3)] level: u8) -> impl IntoView {
    let class = format!("section section--{}", section.kind().slug());
    let Section {
        id,
        heading,
        paragraphs,
    } = section;
    // One element type keeps the wasm lean; aria-level states the level when it is not 3.
    let aria_level = (level != 3).then(|| level.to_string());
    let labelled_by = id.clone();
    let anchor = id.clone();
    // The "#" link sits beside the heading, not inside it: the heading's name stays its text.
    view! {
        <section class=class aria-labelledby=labelled_by>
            <div class="section-heading">
                <h3 id=id tabindex="-1" attr:aria-level=aria_level>{heading.clone()}</h3>
                <CopyLink anchor heading/>
            </div>
            <Paragraphs paragraphs/>
        </section>
    }
}
