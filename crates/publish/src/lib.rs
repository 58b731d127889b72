//! The build step after Trunk's, run by its `post_build` hook (the `prerender` binary): from
//! the Markdown and Trunk's `index.html` to every file of the deployable site. Native only.
//!
//! [`build`] runs the stages in order, each a function over the [`plan::Plan`]:
//!
//! 1. load ([`plan`]): the content folder and Trunk's template; the glue and the islands'
//!    loader minified in release builds ([`minify`]); the search's index and code ([`search`]);
//! 2. render ([`render`]): each page under Leptos's islands mode ([`prerender`]), written into
//!    the template with an HTML rewriter ([`rewrite`]);
//! 3. CSP ([`csp`]): one policy from the pages' inline scripts;
//! 4. write ([`write`]): the pages with their policy, the content's files, the tests' data;
//! 5. SEO files ([`seo`]): `sitemap.xml`, `robots.txt`;
//! 6. service worker ([`offline`]): `sw.js`, from what is built by now;
//! 7. host files ([`hosting`]): `_headers` and the nginx block;
//! 8. compress ([`compress`]): `.br` and `.gz` twins.
//!
//! What kind of file is cached, compressed or precached how is written once, in [`policy`].
//! Every fault is a [`BuildError`] naming its file.

pub mod compress;
pub mod csp;
mod error;
pub mod files;
pub mod fill;
pub mod hosting;
pub mod minify;
pub mod offline;
pub mod options;
pub mod plan;
pub mod policy;
pub mod prerender;
pub mod render;
pub mod rewrite;
pub mod search;
pub mod seo;
pub mod write;

use std::path::PathBuf;

pub use error::{BuildError, Result};
pub use options::BuildOptions;

/// Builds the site; returns every file written.
pub fn build(options: &BuildOptions) -> Result<Vec<PathBuf>> {
    let plan = plan::load(options)?;
    let pages = render::stage(&plan)?;
    let csp = csp::stage(pages.iter().map(|p| (p.file.as_str(), p.html.as_str())))?;
    let mut written = plan.written.clone();
    written.extend(write::stage(&plan, &pages, &csp)?);
    written.extend(seo::stage(&plan)?);
    written.push(offline::stage(&plan)?);
    written.extend(hosting::stage(&plan, &csp)?);
    written.extend(compress::stage(&plan)?);
    Ok(written)
}
