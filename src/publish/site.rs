//! The whole build step after Trunk's: from the Markdown and Trunk's `index.html` to every file
//! of the deployable site. [`publish`] is what the prerender hook runs.

use super::offline::{head_tags, service_worker};
use super::policy::{compressible, precached, NGINX_FILE, SW_FILE};
use super::prerender::render;
use super::rewrite::{self, Fill, TrunkAssets};
use super::{csp, hosting, seo};
use crate::components::APP_STATUS_ID;
use crate::config::{SiteConfig, PERMALINK_FILE};
use crate::content::{load, Article};
use crate::pages::{ArticlePage, NotFoundPage};
use leptos::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the build step needs to know.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Trunk's staging directory: `index.html` is read from it, the site is written into it.
    pub out: PathBuf,
    pub config: SiteConfig,
    /// The article's Markdown.
    pub content_file: PathBuf,
    /// A release build registers the service worker; a development build is rebuilt too often
    /// to be worth caching.
    pub release: bool,
    /// Where to write the article's typed model as JSON, for the end-to-end tests.
    pub model_out: Option<PathBuf>,
}

/// The site's pages: the file each is written to, the path it is rendered at, and what it is.
enum Page<'a> {
    Article(&'a Article),
    NotFound,
}

/// Runs the build step; returns every file written.
pub fn publish(settings: &Settings) -> Result<Vec<PathBuf>, String> {
    let Settings {
        out,
        config,
        content_file,
        ..
    } = settings;
    let name = content_file.display().to_string();
    let source =
        std::fs::read_to_string(content_file).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let article = load(&name, &source).map_err(|e| e.to_string())?;
    let route = format!("/{PERMALINK_FILE}");
    if article.permalink != route {
        return Err(format!(
            "{name}:1: permalink `{}` is not the site's page `{route}`",
            article.permalink
        ));
    }
    let mut written = Vec::new();
    if let Some(model) = &settings.model_out {
        let json = serde_json::to_string(&article).map_err(|e| e.to_string())?;
        written.push(write(model, json.as_bytes())?);
    }

    let template_path = out.join("index.html");
    let template = std::fs::read_to_string(&template_path).map_err(|e| {
        format!(
            "{}: cannot read Trunk's output: {e}",
            template_path.display()
        )
    })?;
    let mut assets = TrunkAssets::read(&template).map_err(|e| e.to_string())?;
    if settings.release {
        let glue = asset_path(out, config, &assets.glue)?;
        written.push(minify_glue(&glue, &mut assets)?);
    }
    let worker = config.href(SW_FILE);
    let mut loader = rewrite::loader(
        &assets,
        settings.release.then_some(worker.as_str()),
        APP_STATUS_ID,
    );
    // Inline in every page: a release ships it without its comments.
    if settings.release {
        loader = super::minify::module(&loader).map_err(|e| format!("loader.js: {e}"))?;
    }
    let site_head = head_tags(config);

    // 404.html is the page for any address the site does not know.
    let pages = [
        ("index.html", "/", Page::Article(&article)),
        (PERMALINK_FILE, route.as_str(), Page::Article(&article)),
        ("404.html", "/404.html", Page::NotFound),
    ];
    let mut html = Vec::with_capacity(pages.len());
    for (file, path, page) in pages {
        let rendered = match page {
            Page::Article(a) => {
                let article = a.clone();
                render(config, path, move || view! { <ArticlePage article/> })
            }
            Page::NotFound => render(config, path, || view! { <NotFoundPage/> }),
        }
        .map_err(|e| e.to_string())?;
        let head = format!("{}{site_head}", rendered.head);
        let page = rewrite::page(
            &template,
            &Fill {
                head: &head,
                body: &rendered.body,
                loader: &loader,
                base: &config.base,
            },
        )
        .map_err(|e| e.to_string())?;
        html.push((file, page));
    }
    // One policy for the site, listing every inline script of every page, computed from the
    // pages as written: it cannot miss a script, nor keep the hash of an old one.
    let hashes = html
        .iter()
        .flat_map(|(_, page)| csp::inline_script_hashes(page))
        .collect();
    let header_policy = csp::policy(&hashes, true);
    let meta_policy = csp::policy(&hashes, false);
    for (file, page) in &html {
        let page = rewrite::with_csp_meta(page, &meta_policy).map_err(|e| e.to_string())?;
        written.push(write(&out.join(file), page.as_bytes())?);
    }
    written.push(write(
        &out.join("sitemap.xml"),
        seo::sitemap(&article, config).as_bytes(),
    )?);
    written.push(write(
        &out.join("robots.txt"),
        seo::robots(config).as_bytes(),
    )?);

    // The service worker precaches what is built by now, so it comes after every page.
    let files = list_files(out)?;
    let mut built = Vec::with_capacity(files.len());
    for (name, path) in files.iter().filter(|(name, _)| precached(name)) {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        built.push((name.clone(), bytes));
    }
    written.push(write(
        &out.join(SW_FILE),
        service_worker(config, &built).as_bytes(),
    )?);
    written.push(write(
        &out.join(NGINX_FILE),
        hosting::nginx_site(config, &header_policy).as_bytes(),
    )?);
    let files = list_files(out)?;
    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    written.push(write(
        &out.join("_headers"),
        hosting::headers_file(config, &names, &header_policy).as_bytes(),
    )?);

    for (_, path) in files.iter().filter(|(name, _)| compressible(name)) {
        written.extend(precompress(path)?);
    }
    Ok(written)
}

/// Where an asset Trunk linked at `url` (under the base path) is in the output directory.
fn asset_path(out: &Path, config: &SiteConfig, url: &str) -> Result<PathBuf, String> {
    url.strip_prefix(&config.base)
        .filter(|name| !name.contains("..") && !name.is_empty())
        .map(|name| out.join(name))
        .ok_or_else(|| {
            format!(
                "index.html: the JS glue `{url}` is not under the base path `{}`",
                config.base
            )
        })
}

/// Minifies the JS glue in place and gives the loader its new integrity hash. Its name keeps
/// Trunk's content hash: the minified text follows from the original alone.
fn minify_glue(path: &Path, assets: &mut TrunkAssets) -> Result<PathBuf, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let minified =
        super::minify::module(&source).map_err(|e| format!("{}: {e}", path.display()))?;
    assets.integrity = super::minify::integrity(minified.as_bytes());
    write(path, minified.as_bytes())
}

/// Writes `file.br` (brotli, quality 11) and `file.gz` (gzip, level 9) beside `file`, for hosts
/// that serve precompressed files (nginx `brotli_static`/`gzip_static`, most CDNs).
fn precompress(path: &Path) -> Result<Vec<PathBuf>, String> {
    let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&data).map_err(fail)?;
    let gz = gz.finish().map_err(fail)?;

    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut data.as_slice(), &mut br, &params).map_err(fail)?;

    let with_suffix = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let (gz_path, br_path) = (with_suffix(".gz"), with_suffix(".br"));
    std::fs::write(&gz_path, gz).map_err(fail)?;
    std::fs::write(&br_path, br).map_err(fail)?;
    Ok(vec![br_path, gz_path])
}

/// Every file under `root` but the precompressed twins, as (path relative to `root` with `/`,
/// full path), in name order.
fn list_files(root: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("{}: {e}", root.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        if !name.ends_with(".br") && !name.ends_with(".gz") {
            files.push((name, entry.path().to_path_buf()));
        }
    }
    Ok(files)
}

fn write(path: &Path, contents: &[u8]) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}
