//! « Chef de Projet Digital »: the client's article as a Leptos single-page app.
//!
//! - [`content`]: the typed article model and (natively) the Markdown parser that builds it;
//! - [`components`]: one file per building block, each rendering typed content with `view!`;
//! - [`pages`]: the routes' views; [`app`]: the root, routes and context;
//! - [`data`]: loading the model; [`nav`]: in-page navigation; [`spy`]: the section in view;
//!   [`config`]: where the site lives.
//!
//! Every render path runs natively too: the prerender binary and the tests use the same `App`.
//! Browser APIs appear only in effects, event handlers and `wasm32` code.

pub mod app;
pub mod components;
pub mod config;
pub mod content;
#[cfg(feature = "ssr")]
pub mod csp;
pub mod data;
#[cfg(feature = "ssr")]
pub mod hosting;
pub mod nav;
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
#[cfg(feature = "ssr")]
pub mod seo;
pub mod spy;
pub mod strings;

pub use app::App;

/// The wasm entry point: hydrate the prerendered page, or mount from scratch when the body is
/// empty (under `trunk serve` before the prerender hook has run, for instance).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    // Readable panics in development; in release the hook's formatting code would cost bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let config = browser_config();
    // Back and forward between sections are scrolled by `nav::follow_hash`; the browser's own
    // restoration would put back wherever the reader clicked from (the contents) instead.
    if let Ok(history) = leptos::prelude::window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let document = leptos::prelude::document();
    let prerendered = document
        .body()
        .is_some_and(|body| body.child_element_count() > 0);
    if prerendered {
        #[cfg(feature = "hydrate")]
        leptos::mount::hydrate_body(move || leptos::view! { <App config/> });
        #[cfg(not(feature = "hydrate"))]
        {
            // A client-only build cannot adopt server markup: clear it, then mount.
            if let Some(body) = document.body() {
                while let Some(child) = body.first_child() {
                    let _ = body.remove_child(&child);
                }
            }
            leptos::mount::mount_to_body(move || leptos::view! { <App config/> });
        }
    } else {
        leptos::mount::mount_to_body(move || leptos::view! { <App config/> });
    }
    // Offline reading: only a page the build prerendered (and so listed in `sw.js`).
    if prerendered {
        offline::register();
    }
}

/// Reads the site's base path and origin from the `<meta>`s the prerender wrote.
#[cfg(target_arch = "wasm32")]
fn browser_config() -> config::SiteConfig {
    let document = leptos::prelude::document();
    let meta = |name: &str| {
        document
            .query_selector(&format!("meta[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
    };
    let site = meta(config::SITE_META)
        .or_else(|| leptos::prelude::window().location().origin().ok())
        .unwrap_or_default();
    config::SiteConfig::new(&site, &meta(config::BASE_META).unwrap_or_default())
}
