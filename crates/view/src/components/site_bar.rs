use super::search::SearchButton;
use super::site_menu::{MenuEntry, SiteMenu};
use super::theme_switch::ThemeSwitch;
use super::toc_links::TocLinks;
use crate::islands::SectionMenu;
use cpd_content::TocEntry;
use leptos::prelude::*;

/// The sticky bar: the page's title (back to the top), the site menu when the site has several
/// pages, the phone contents menu, the search button and the theme switch. Its height is the stylesheet's
/// `--bar-h`, which `scroll-padding-top` also uses.
#[component]
pub fn SiteBar(
    title: String,
    entries: Vec<TocEntry>,
    menu: Vec<MenuEntry>,
    lang: String,
) -> impl IntoView {
    view! {
        <header class="site-bar">
            <a class="site-title" href="#top">{title}</a>
            <SiteMenu entries=menu/>
            {(!entries.is_empty()).then(|| view! {
                <SectionMenu>
                    <TocLinks entries/>
                </SectionMenu>
            })}
            <SearchButton lang/>
            <ThemeSwitch/>
        </header>
    }
}
