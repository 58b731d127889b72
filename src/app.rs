//! The application root: context, routes, and the frame around every page.

use crate::components::SiteMeta;
use crate::config::{SiteConfig, CONTENT_JSON, PERMALINK_FILE};
use crate::data::{ArticleData, Preloaded};
use crate::nav::CurrentSection;
use crate::pages::{ArticlePage, NotFoundPage};
use crate::strings;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::StaticSegment;

/// The whole app. `preloaded` hands the article in directly (prerender, tests); without it the
/// browser fetches the JSON model, unless hydration already carries it.
#[component]
pub fn App(config: SiteConfig, #[prop(optional)] preloaded: Option<Preloaded>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    leptos_meta::provide_meta_context();
    provide_context(ArticleData::new(config.href(CONTENT_JSON), preloaded));
    CurrentSection::provide();
    let router_base = config.router_base();
    provide_context(config);
    view! {
        <SiteMeta/>
        <Router base=router_base>
            <a class="skip-link" href="#contenu">{strings::SKIP_LINK}</a>
            <main id="contenu" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment("") view=ArticlePage/>
                    <Route path=StaticSegment(PERMALINK_FILE) view=ArticlePage/>
                </Routes>
            </main>
        </Router>
    }
}
