use cpd_content::{SiteSettings, Words};
use leptos::prelude::*;

/// One entry of the site menu: a page's title and address (under the base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    pub title: String,
    /// The page's address, as links write it (`/guide/`).
    pub url: String,
    pub current: bool,
    /// The page's language when it is not the page's that shows the menu (a page of a language
    /// with no menu pages shows the site's).
    pub lang: Option<String>,
}

/// The site's pages that set `nav_order`, in that order, in the page's language where they
/// have it; the current one is marked. Absent when no page sets it. Links to other pages are `rel="external"`: the in-page router leaves
/// them to the browser.
#[component]
pub fn SiteMenu(entries: Vec<MenuEntry>) -> impl IntoView {
    (!entries.is_empty()).then(|| {
        let config = expect_context::<SiteSettings>();
        let items = entries
            .into_iter()
            .map(
                |MenuEntry {
                     title,
                     url,
                     current,
                     lang,
                 }| {
                    let href = config.href(&url);
                    view! {
                        <li>
                            <a
                                href=href
                                rel=(!current).then_some("external")
                                aria-current=current.then_some("page")
                                lang=lang
                            >
                                {title}
                            </a>
                        </li>
                    }
                },
            )
            .collect_view();
        view! {
            <nav class="site-menu" aria-label={expect_context::<Words>().site_menu}>
                <ul>{items}</ul>
            </nav>
        }
    })
}
