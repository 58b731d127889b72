use super::language_switch::{LanguageLink, LanguageSwitch};
use super::search::SearchButton;
use super::site_menu::{MenuEntry, SiteMenu};
use super::theme_switch::ThemeSwitch;
use super::toc_links::TocLinks;
use crate::dom::MENU_PANEL_ID;
use crate::islands::SectionMenu;
use cpd_content::{SiteSettings, TocEntry, Words};
use leptos::prelude::*;

/// The sticky bar: the site's name (`_config.yml`'s `title`, a link to the home page; not when
/// it is the page's title too), the page's title (back to the top) where there is room, the
/// site menu, the phone contents menu, the language switch, the search button and the theme
/// switch. Its height is the stylesheet's `--bar-h`, which
/// `scroll-padding-top` also uses.
#[component]
pub fn SiteBar(
    title: String,
    entries: Vec<TocEntry>,
    menu: Vec<MenuEntry>,
    languages: Vec<LanguageLink>,
) -> impl IntoView {
    let config = expect_context::<SiteSettings>();
    let home = config.href("");
    view! {
        <header class="site-bar">
            {config
                .title
                .filter(|name| *name != title)
                .map(|name| view! { <a class="site-name" href=home rel="external">{name}</a> })}
            <a class="site-title" href="#top">{title}</a>
            <SiteMenu entries=menu/>
            {(!entries.is_empty()).then(|| view! {
                <SectionMenu>
                    <button
                        type="button"
                        class="menu-button"
                        aria-expanded="false"
                        aria-controls=MENU_PANEL_ID
                    >
                        {expect_context::<Words>().menu}
                    </button>
                    <div id=MENU_PANEL_ID class="menu-panel" hidden>
                        <TocLinks entries/>
                    </div>
                </SectionMenu>
            })}
            <LanguageSwitch languages/>
            <SearchButton/>
            <ThemeSwitch/>
        </header>
    }
}
