//! « Chef de Projet Digital »: the client's article as HTML pages from the build, with Leptos
//! islands for what moves.
//!
//! - [`content`]: the typed article model and (natively) the Markdown parser that builds it;
//! - [`components`]: one file per building block, each rendering typed content with `view!`
//!   into plain HTML;
//! - [`pages`]: the site's pages, made of components;
//! - [`islands`]: the `#[island]`s, the only parts the browser hydrates;
//! - [`publish`] (feature `ssr`): the prerender and everything else the build writes (SEO files,
//!   Content-Security-Policy, host configuration, service worker, the islands' loader);
//! - [`config`]: where the site lives; [`strings`]: the interface's words.
//!
//! Every render path runs natively too: the build and the tests render the very same
//! components. Browser APIs appear only in effects, event handlers and `wasm32` code.

pub mod components;
pub mod config;
pub mod content;
pub mod dom;
pub mod islands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod publish;
pub mod strings;

/// The wasm entry point, run once the module is instantiated: it sets up the reactive root the
/// islands hydrate under. The page's loader then hydrates each island in a task of its own.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    // Readable panics in development; in release the hook's formatting code would cost bytes.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Back and forward between sections are scrolled by `islands::nav`; the browser's own
    // restoration would put back wherever the reader clicked from (the contents) instead.
    if let Ok(history) = leptos::prelude::window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    #[cfg(feature = "hydrate")]
    leptos::mount::hydrate_islands();
}
