//! The first stage, load: the content folder, and what Trunk built, read into the [`Plan`] the
//! other stages work from.

use std::path::{Path, PathBuf};

use cpd_content::site::blog::{built_in, paginate, tag_permalink, Blog, HOME, TAGS_PERMALINK};
use cpd_content::site::{load_site_with, Site};

use crate::cache::Cache;
use cpd_content::Listing;
use cpd_content::{Tables, Words};

use crate::error::{BuildError, Result};
use crate::minify;
use crate::options::BuildOptions;
use crate::rewrite::TrunkAssets;

/// What the build knows once the content and Trunk's output are read.
pub struct Plan {
    pub options: BuildOptions,
    /// The pages, the files and the site's settings.
    pub site: Site,
    /// The interface's words, by language.
    pub tables: Tables,
    /// Trunk's `index.html`, the template of every page.
    pub template: String,
    /// The islands' loader, as pages inline it.
    pub loader: String,
    /// Trunk's glue (with its integrity) and wasm.
    pub assets: TrunkAssets,
    /// Trunk's JS glue minified (release builds), and where it goes: the load stage reads and
    /// writes nothing else than the plan; the write stage writes it.
    pub minified_glue: Option<(PathBuf, String)>,
    /// The stylesheet of the content's `style` attributes, if any page has one.
    pub content_styles: Option<crate::styles::ContentStyles>,
}

/// The islands' loader, as it is; release builds minify it.
const LOADER: &str = include_str!("loader.js");

/// Loads the site and Trunk's template; in a release build, minifies the JS glue and the loader.
pub fn load(options: &BuildOptions, cache: Option<&Cache>) -> Result<Plan> {
    let shown = options.content_dir.display().to_string();
    let memo = cache.map(|c| c as &dyn cpd_content::site::memo::Memo);
    let mut site = load_site_with(&options.content_dir, &shown, &options.overrides, memo)?;
    if site.pages.is_empty() {
        return Err(BuildError::invalid(
            shown,
            "no page: the folder has no Markdown file",
        ));
    }
    let tables = Tables::load(&options.i18n_dir, &options.i18n_dir.display().to_string())?;
    add_blog_pages(&mut site, &tables);
    let template_path = options.out.join("index.html");
    let template = std::fs::read_to_string(&template_path)
        .map_err(BuildError::io(&template_path, "read Trunk's output"))?;
    let mut assets = TrunkAssets::read(&template)?;
    let mut minified_glue = None;
    let mut loader = LOADER.to_string();
    if options.release {
        let glue = asset_path(&options.out, &site.settings.base, &assets.glue)?;
        minified_glue = Some(minify_glue(glue, &mut assets, cache)?);
        loader = minify::module_kept(&loader, "loader.js", cache)?;
    }
    let content_styles = crate::styles::content_styles(&site.pages);
    Ok(Plan {
        options: options.clone(),
        content_styles,
        site,
        tables,
        template,
        loader,
        assets,
        minified_glue,
    })
}

impl Plan {
    /// The interface's words for a page in `lang`.
    pub fn words(&self, lang: &str) -> &Words {
        self.tables.words(lang, &self.site.settings.lang)
    }
}

/// A site with posts gets the pages a blog has: the posts list on the home page (below its
/// text, or as the home page when there is none), its pages of older posts when `paginate:`
/// is set, a page per tag and the tags index. An address a page already has keeps that page.
fn add_blog_pages(site: &mut Site, tables: &Tables) {
    let blog = Blog::of(&site.pages);
    if blog.posts.is_empty() {
        return;
    }
    let settings = &site.settings;
    let lang = settings.lang.clone();
    let words = tables.words(&lang, &lang);
    let title = settings
        .title
        .clone()
        .unwrap_or_else(|| words.posts.clone());
    let pagers = paginate(
        blog.posts.len(),
        settings.reading.paginate,
        HOME,
        &settings.reading.paginate_path,
    );
    let mut made = Vec::new();
    made.push(built_in(
        "",
        &title,
        HOME,
        &lang,
        Listing::Posts { page: 1 },
    ));
    for pager in pagers.iter().skip(1) {
        let title = words.posts_page(pager.number);
        let listing = Listing::Posts { page: pager.number };
        made.push(built_in("", &title, &pager.permalink, &lang, listing));
    }
    if !blog.tags.is_empty() {
        made.push(built_in(
            "",
            &words.tags,
            TAGS_PERMALINK,
            &lang,
            Listing::Tags,
        ));
    }
    for (slug, tag) in &blog.tags {
        let title = words.tag_title(&tag.name);
        let listing = Listing::Tag { slug: slug.clone() };
        made.push(built_in("", &title, &tag_permalink(slug), &lang, listing));
    }
    for page in made {
        match site
            .pages
            .iter_mut()
            .find(|p| p.permalink == page.permalink)
        {
            // The home page's own text comes first, then the posts.
            Some(own) if own.permalink == HOME && own.listing.is_none() => {
                own.listing = page.listing;
            }
            Some(_) => {}
            None => {
                site.account.built_in += 1;
                site.pages.push(page);
            }
        }
    }
}

/// Where an asset Trunk linked at `url` (under the base path) is in the output directory.
fn asset_path(out: &Path, base: &str, url: &str) -> Result<PathBuf> {
    url.strip_prefix(base)
        .filter(|name| !name.contains("..") && !name.is_empty())
        .map(|name| out.join(name))
        .ok_or_else(|| {
            BuildError::invalid(
                "index.html",
                format!("the JS glue `{url}` is not under the base path `{base}`"),
            )
        })
}

/// The JS glue minified, for the write stage to put in its place, and the loader's new
/// integrity hash. Its name keeps Trunk's content hash: the minified text follows from the
/// original alone.
fn minify_glue(
    path: PathBuf,
    assets: &mut TrunkAssets,
    cache: Option<&Cache>,
) -> Result<(PathBuf, String)> {
    let source =
        std::fs::read_to_string(&path).map_err(BuildError::io(&path, "read the JS glue"))?;
    let minified = minify::module_kept(&source, &path.display().to_string(), cache)?;
    assets.integrity = minify::integrity(minified.as_bytes());
    Ok((path, minified))
}
