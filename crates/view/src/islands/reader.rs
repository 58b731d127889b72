use super::nav::Navigation;
use super::spy::SectionInView;
use crate::seam::router_base;
use leptos::prelude::*;
use leptos_router::components::Router;

/// The reading island around an article page. Its children (the bar, the article) stay the
/// build's HTML; around them it runs `leptos_router`, which turns a click on an `#anchor` into
/// one history entry without a reload, and the behaviour that follows the reader.
#[island]
pub fn Reader(children: Children) -> impl IntoView {
    let spy = SectionInView::new();
    let base = router_base();
    view! {
        <Router base>
            <Navigation spy>{children()}</Navigation>
        </Router>
    }
}
