use super::{ThemeSwitch, TocLinks};
use crate::content::TocEntry;
use crate::islands::SectionMenu;
use leptos::prelude::*;

/// The sticky bar: the article's title (back to the top), the phone menu and the theme switch.
/// Its height is the stylesheet's `--bar-h`, which `scroll-padding-top` also uses.
#[component]
pub fn SiteBar(title: String, entries: Vec<TocEntry>) -> impl IntoView {
    view! {
        <header class="site-bar">
            <a class="site-title" href="#top">{title}</a>
            <SectionMenu>
                <TocLinks entries/>
            </SectionMenu>
            <ThemeSwitch/>
        </header>
    }
}
