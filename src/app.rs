//! The application root: context, routes, and the frame around every page.

use crate::components::{Announcement, AppStatus, LiveRegion, SiteMeta};
use crate::config::{SiteConfig, CONTENT_JSON, PERMALINK_FILE};
use crate::data::{ArticleData, Preloaded};
use crate::nav::CurrentSection;
use crate::pages::{ArticlePage, NotFoundPage};
use crate::spy::SectionInView;
use crate::strings;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::StaticSegment;

/// The whole app. `preloaded` hands the article in directly (prerender, tests); without it the
/// browser fetches the JSON model, unless hydration already carries it.
#[component]
pub fn App(config: SiteConfig, #[prop(optional)] preloaded: Option<Preloaded>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    leptos_meta::provide_meta_context();
    provide_context(ArticleData::new(config.href(CONTENT_JSON), preloaded));
    CurrentSection::provide();
    SectionInView::provide();
    Announcement::provide();
    let router_base = config.router_base();
    provide_context(config);
    view! {
        <SiteMeta/>
        <Router base=router_base>
            <a class="skip-link" href="#contenu">{strings::SKIP_LINK}</a>
            // Each page renders its own landmarks: the article's bar is a banner, outside <main>.
            <FlatRoutes fallback=NotFoundPage>
                <Route path=StaticSegment("") view=ArticlePage/>
                <Route path=StaticSegment(PERMALINK_FILE) view=ArticlePage/>
            </FlatRoutes>
            <LiveRegion/>
            <AppStatus/>
        </Router>
    }
}
