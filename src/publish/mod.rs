//! Publishing the site (feature `ssr`): everything the build runs once, natively, after Trunk
//! has built the wasm, and never in the browser.
//!
//! - [`site`]: the build step the prerender hook runs, from the Markdown to every file of `dist/`;
//! - [`prerender`]: a page rendered to HTML under Leptos's islands mode;
//! - [`rewrite`]: Trunk's `index.html` made into a page with an HTML rewriter, and the islands'
//!   loader (`loader.js`) in place of Trunk's;
//! - [`minify`]: the JS glue, minified in release builds;
//! - [`csp`]: the Content-Security-Policy from the pages' inline scripts;
//! - [`seo`]: JSON-LD, `sitemap.xml`, `robots.txt`;
//! - [`policy`]: the hosting policy (hashed names, cache rules, extensions), written once;
//! - [`hosting`]: `_headers` and the nginx block, from that policy;
//! - [`offline`]: the service worker (`sw.js` template) and the manifest's head tags.

pub mod csp;
pub mod hosting;
pub mod minify;
pub mod offline;
pub mod policy;
pub mod prerender;
pub mod rewrite;
pub mod seo;
pub mod site;

/// Why the site could not be published: what is wrong, and in which file or page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishError(pub String);

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PublishError {}
