use super::Paragraphs;
use crate::content::Section;
use crate::islands::CopyLink;
use crate::strings;
use leptos::prelude::*;

/// One question section. The five kinds (definition, missions, scope, profile, integration)
/// share one structure and one look: the design gives none of them a style of its own.
///
/// The anchor id sits on the heading: it is what a shared link scrolls to and what receives
/// focus after a navigation (`tabindex=-1` makes it focusable without adding a tab stop).
/// `level` is the heading's outline level: 3 under a part heading, 2 without one. `page` is the
/// page's own address (base path and permalink), which the "#" link shares.
#[component]
pub fn SectionView(
    section: Section,
    #[prop(default = 3)] level: u8,
    #[prop(into)] page: String,
) -> impl IntoView {
    let Section {
        id,
        heading,
        paragraphs,
    } = section;
    // One element type keeps the markup uniform; aria-level states the level when it is not 3.
    let aria_level = (level != 3).then(|| level.to_string());
    let label = strings::section_link_label(&heading);
    let href = format!("#{id}");
    let share = format!("{page}#{id}");
    let labelled_by = id.clone();
    // The "#" link sits beside the heading, not inside it: the heading's name stays its text.
    view! {
        <section class="section" aria-labelledby=labelled_by>
            <div class="section-heading">
                <h3 id=id tabindex="-1" attr:aria-level=aria_level>{heading}</h3>
                <CopyLink>
                    <a class="copy-link" href=href aria-label=label data-share=share>"#"</a>
                </CopyLink>
            </div>
            <Paragraphs paragraphs/>
        </section>
    }
}
