use cpd_content::{SiteSettings, Words};
use leptos::prelude::*;

/// A translation of the page, as the language switch offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageLink {
    /// Its language tag.
    pub lang: String,
    /// The language's name, in that language (« Français », "English").
    pub name: String,
    /// The page's address, as links write it (`/en/reading/`).
    pub url: String,
    pub current: bool,
}

/// The page's translations (the pages that share its `ref`), each named in its own language
/// and marked as such (`lang`, `hreflang`), the current one marked. Absent without any.
/// Plain links to other pages: the in-page router leaves them to the browser.
#[component]
pub fn LanguageSwitch(languages: Vec<LanguageLink>) -> impl IntoView {
    (!languages.is_empty()).then(|| {
        let config = expect_context::<SiteSettings>();
        let items = languages
            .into_iter()
            .map(|l| {
                view! {
                    <li>
                        <a
                            href=config.href(&l.url)
                            lang=l.lang.clone()
                            hreflang=l.lang
                            rel=(!l.current).then_some("external alternate")
                            aria-current=l.current.then_some("page")
                        >
                            {l.name}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="languages" aria-label={expect_context::<Words>().languages}>
                <ul>{items}</ul>
            </nav>
        }
    })
}
