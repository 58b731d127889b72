use super::blocks::Blocks;
use super::inline::Inlines;
use crate::islands::CopyLink;
use cpd_content::{plain_text, Section, Words};
use leptos::prelude::*;

/// One section. The client's five kinds (definition, missions, scope, profile, integration)
/// share one structure and one look: the design gives none of them a style of its own.
///
/// The anchor id sits on the heading: it is what a shared link scrolls to and what receives
/// focus after a navigation (`tabindex=-1` makes it focusable without adding a tab stop).
/// `page` is the page's own address (base path and permalink), which the "#" link shares.
#[component]
pub fn SectionView(section: Section, #[prop(into)] page: String) -> impl IntoView {
    let Section {
        id,
        level,
        heading,
        blocks,
    } = section;
    let label = expect_context::<Words>().section_link(&plain_text(&heading));
    let href = format!("#{id}");
    let share = format!("{page}#{id}");
    let labelled_by = id.clone();
    let heading = if level == 3 {
        view! { <h3 id=id tabindex="-1"><Inlines inlines=heading/></h3> }.into_any()
    } else {
        view! { <h2 id=id tabindex="-1"><Inlines inlines=heading/></h2> }.into_any()
    };
    // The "#" link sits beside the heading, not inside it: the heading's name stays its text.
    view! {
        <section class="section" aria-labelledby=labelled_by>
            <div class="section-heading">
                {heading}
                <CopyLink>
                    <a class="copy-link" href=href aria-label=label data-share=share>"#"</a>
                </CopyLink>
            </div>
            <Blocks blocks/>
        </section>
    }
}
