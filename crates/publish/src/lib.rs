//! The build step after Trunk's, run by its `post_build` hook (the `prerender` binary): from
//! the Markdown and Trunk's `index.html` to every file of the deployable site. Native only.
//!
//! [`build`] runs the stages in order, each a function over the [`plan::Plan`]:
//!
//! 1. load ([`plan`]): the content folder and Trunk's template, read; the glue and the
//!    islands' loader minified in release builds ([`minify`]); it writes nothing;
//! 2. search index ([`search`]): the index from the content tree, and the search's code named;
//! 3. render ([`render`]): each page under Leptos's islands mode ([`prerender`]), written into
//!    the template with an HTML rewriter ([`rewrite`]); a page whose inputs the [`cache`] has
//!    seen is taken from it;
//! 4. CSP ([`csp`]): one policy from the pages' inline scripts;
//! 5. write ([`write`]): the pages with their policy, the content's files, the stylesheet of
//!    the content's `style` attributes ([`styles`]), the tests' data;
//! 6. SEO files ([`seo`]): `sitemap.xml`, `robots.txt`, and the Atom feeds ([`feed`]);
//! 7. service worker ([`offline`]): `sw.js`, from what is built by now;
//! 8. host files ([`hosting`]): `_headers` and the nginx block; the old addresses'
//!    redirects ([`redirects`]);
//! 9. compress ([`compress`]): `.br` and `.gz` twins, those of unchanged bytes from the
//!    [`cache`] of the last build when the build keeps one.
//!
//! What kind of file is cached, compressed or precached how is written once, in [`policy`].
//! [`serve`] is `scripts/serve.sh`'s server, which reruns [`build`] in process on content edits.
//! Every fault is a [`BuildError`] naming its file.

pub mod cache;
pub mod compress;
pub mod csp;
mod error;
pub mod feed;
pub mod files;
pub mod fill;
pub mod hosting;
pub mod minify;
pub mod offline;
pub mod options;
pub mod plan;
pub mod policy;
pub mod prerender;
pub mod redirects;
pub mod render;
pub mod rewrite;
pub mod search;
pub mod seo;
pub mod serve;
pub mod speculation;
pub mod styles;
pub mod write;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use error::{BuildError, Result};
pub use options::BuildOptions;

/// What a build did: every file it wrote, how long each stage took, and what became of every
/// entry of the content folder.
pub struct Report {
    pub written: Vec<PathBuf>,
    pub stages: Vec<(&'static str, Duration)>,
    pub account: cpd_content::site::Account,
    /// How many results came from the last build's cache, when the build keeps one.
    pub reused: Option<usize>,
}

/// Builds the site.
pub fn build(options: &BuildOptions) -> Result<Report> {
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |stage: &'static str| {
        stages.push((stage, clock.elapsed()));
        clock = Instant::now();
    };
    let mut notes = Vec::new();
    let cache = match &options.cache {
        Some(dir) => {
            let cache = cache::Cache::open(dir, &cache::build_version()?)?;
            if cache.is_none() {
                notes.push(format!(
                    "the cache in {} is in use by another build: this one builds without it",
                    dir.display()
                ));
            }
            cache
        }
        None => None,
    };
    let plan = plan::load(options, cache.as_ref())?;
    // What Trunk left in the output folder; each stage adds what it writes.
    let mut manifest = files::Manifest::read(&options.out)?;
    lap("load");
    let (search, mut written) = search::stage(&plan, &mut manifest, cache.as_ref())?;
    lap("search index");
    let pages = render::stage(&plan, &search, cache.as_ref())?;
    lap("render");
    let kept = cache.as_ref();
    let csp = csp::stage_with(
        pages
            .iter()
            .map(|p| (p.file.as_str(), p.key.as_deref(), move || p.html(kept))),
        kept,
    )?;
    lap("CSP");
    written.extend(write::stage(&plan, &pages, &csp, cache.as_ref())?);
    lap("write pages");
    written.extend(seo::stage(&plan)?);
    written.extend(feed::stage(
        &plan,
        pages
            .iter()
            .map(|p| (p.file.as_str(), move || p.html(kept))),
    )?);
    manifest.extend(written.iter().cloned());
    lap("SEO files and feeds");
    let worker = offline::stage(&plan, &manifest)?;
    manifest.add(worker.clone());
    written.push(worker);
    lap("service worker");
    let host_files = hosting::stage(&plan, &csp, &mut manifest)?;
    let redirects = redirects::stage(&plan)?;
    manifest.extend(redirects.iter().cloned());
    written.extend(host_files.into_iter().chain(redirects));
    lap("host files");
    written.extend(compress::stage(&plan, cache.as_ref(), &manifest)?);
    lap("compress");
    let reused = cache.as_ref().map(cache::Cache::reused);
    if let Some(cache) = cache {
        cache.save()?;
        lap("cache");
    }
    let mut account = plan.site.account.clone();
    account.notes.extend(notes);
    Ok(Report {
        written,
        stages,
        account,
        reused,
    })
}
