use super::blocks::Blocks;
use cpd_content::Block;
use leptos::prelude::*;

/// The introduction, set apart from the sections.
#[component]
pub fn Lead(blocks: Vec<Block>) -> impl IntoView {
    (!blocks.is_empty()).then(|| {
        view! {
            <div class="lead">
                <Blocks blocks/>
            </div>
        }
    })
}
