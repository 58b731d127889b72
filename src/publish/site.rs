//! The whole build step after Trunk's: from the Markdown and Trunk's `index.html` to every file
//! of the deployable site. [`publish`] is what the prerender hook runs.

use super::offline::{head_tags, service_worker};
use super::policy::{compressible, precached, BROTLI_BEST, BROTLI_FAST, NGINX_FILE, SW_FILE};
use super::prerender::render;
use super::rewrite::{self, Fill, TrunkAssets};
use super::{csp, hosting, seo};
use crate::components::{MenuEntry, APP_STATUS_ID};
use crate::config::SiteConfig;
use crate::content::site::{load_site, Site};
use crate::content::Article;
use crate::content::{page_url, walk};
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
    /// The content folder: every Markdown file under it is a page.
    pub content_dir: PathBuf,
    /// A release build registers the service worker; a development build is rebuilt too often
    /// to be worth caching.
    pub release: bool,
    /// Where to write each page's typed model as JSON (`<source path>.json`), for the
    /// end-to-end tests.
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
        content_dir,
        ..
    } = settings;
    let shown = content_dir.display().to_string();
    let site = load_site(content_dir, &shown).map_err(|e| e.to_string())?;
    check_base(&site, config, &shown)?;
    if site.pages.is_empty() {
        return Err(format!("{shown}: no page: the folder has no Markdown file"));
    }
    let mut written = Vec::new();
    if let Some(dir) = &settings.model_out {
        for page in &site.pages {
            let json = serde_json::to_string(page).map_err(|e| e.to_string())?;
            let name = page.source.trim_end_matches(".md").to_string() + ".json";
            written.push(write(&dir.join(name), json.as_bytes())?);
        }
    }
    for file in &site.files {
        let target = out.join(&file.output);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::copy(&file.source, &target)
            .map_err(|e| format!("{}: {e}", file.source.display()))?;
        written.push(target);
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

    let home = site.home().ok_or("no page")?;
    let mut pages: Vec<(String, String, Page)> = site
        .pages
        .iter()
        .map(|p| {
            let file = p.permalink.trim_start_matches('/').to_string();
            (file, p.permalink.clone(), Page::Article(p))
        })
        .collect();
    // The home page is also the site's root, unless a page lives there.
    if !site.pages.iter().any(|p| p.permalink == "/index.html") {
        pages.push(("index.html".into(), "/".into(), Page::Article(home)));
    }
    // 404.html is the page for any address the site does not know.
    pages.push(("404.html".into(), "/404.html".into(), Page::NotFound));

    let mut html = Vec::with_capacity(pages.len());
    for (file, path, page) in pages {
        let (rendered, lang, code) = match page {
            Page::Article(a) => {
                let article = a.clone();
                let menu = menu(&site, a);
                let lang = a.lang.clone();
                (
                    render(config, &path, move || view! { <ArticlePage article menu/> }),
                    lang,
                    walk::has_code(a),
                )
            }
            Page::NotFound => {
                let title = home.title.clone();
                let url = page_url(&home.permalink).to_string();
                (
                    render(
                        config,
                        &path,
                        move || view! { <NotFoundPage home_title=title home_url=url/> },
                    ),
                    "fr".to_string(),
                    false,
                )
            }
        };
        let rendered = rendered.map_err(|e| format!("{file}: {e}"))?;
        let head = format!("{}{site_head}", rendered.head);
        let page = rewrite::page(
            &template,
            &Fill {
                head: &head,
                body: &rendered.body,
                loader: &loader,
                base: &config.base,
                lang: &lang,
                code,
            },
        )
        .map_err(|e| format!("{file}: {e}"))?;
        html.push((file, page));
    }
    // One policy for the site, listing every inline script of every page, computed from the
    // pages as written: it cannot miss a script, nor keep the hash of an old one.
    let mut hashes: Vec<String> = html
        .iter()
        .flat_map(|(_, page)| csp::inline_script_hashes(page))
        .collect();
    hashes.sort();
    hashes.dedup();
    let hashes = hashes.into_iter().collect();
    let header_policy = csp::policy(&hashes, true);
    let meta_policy = csp::policy(&hashes, false);
    for (file, page) in &html {
        let page = rewrite::with_csp_meta(page, &meta_policy).map_err(|e| e.to_string())?;
        written.push(write(&out.join(file), page.as_bytes())?);
    }
    let listed: Vec<&Article> = site.pages.iter().collect();
    written.push(write(
        &out.join("sitemap.xml"),
        seo::sitemap(&listed, config).as_bytes(),
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
    let first: Vec<String> = std::iter::once(home)
        .chain(site.menu())
        .map(|p| p.permalink.trim_start_matches('/').to_string())
        .collect();
    written.push(write(
        &out.join(SW_FILE),
        service_worker(config, &built, &first).as_bytes(),
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

    // Precompressed twins are for static hosts: `trunk serve` does not serve them, and a
    // development build is remade on every save.
    if !settings.release {
        return Ok(written);
    }
    // Brotli's best is slow (about 100 ms a page): the assets and the pages a first visit is
    // likely to land on (the home page, the site menu's, 404.html) get it; the other pages, and
    // the sitemap that lists them, a fast level, so the build stays linear in pages.
    let best: Vec<&str> = first
        .iter()
        .map(String::as_str)
        .chain(["404.html"])
        .collect();
    let jobs: Vec<(&PathBuf, u32)> = files
        .iter()
        .filter(|(name, _)| compressible(name))
        .map(|(name, path)| {
            let fast = (name.ends_with(".html") && !best.contains(&name.as_str()))
                || name.ends_with(".xml");
            (path, if fast { BROTLI_FAST } else { BROTLI_BEST })
        })
        .collect();
    written.extend(precompress_all(&jobs)?);
    Ok(written)
}

/// The site menu as seen from `page`.
fn menu(site: &Site, page: &Article) -> Vec<MenuEntry> {
    site.menu()
        .into_iter()
        .map(|p| MenuEntry {
            title: p.title.clone(),
            url: page_url(&p.permalink).to_string(),
            current: p.permalink == page.permalink,
        })
        .collect()
}

/// The base path comes from Trunk (`--public-url`), which writes it into every asset address:
/// a different `baseurl` in the settings file could only break the site, so it is refused.
fn check_base(site: &Site, config: &SiteConfig, shown: &str) -> Result<(), String> {
    let Some(base) = &site.settings.baseurl else {
        return Ok(());
    };
    let wanted = SiteConfig::new("", base).base;
    if wanted == "/" || wanted == config.base {
        return Ok(());
    }
    Err(format!(
        "{shown}/_config.yml: baseurl `{base}` differs from the build's base path `{}`: build with `trunk build --release --public-url {wanted}`",
        config.base
    ))
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

/// Compresses the files on every core.
fn precompress_all(jobs: &[(&PathBuf, u32)]) -> Result<Vec<PathBuf>, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = jobs.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut written = Vec::new();
                    for (path, quality) in part {
                        written.extend(precompress(path, *quality)?);
                    }
                    Ok::<_, String>(written)
                })
            })
            .collect();
        let mut written = Vec::new();
        for worker in workers {
            written.extend(
                worker
                    .join()
                    .map_err(|_| "compression failed".to_string())??,
            );
        }
        Ok(written)
    })
}

/// Writes `file.br` (brotli at `quality`) and `file.gz` (gzip, level 9) beside `file`, for hosts
/// that serve precompressed files (nginx `brotli_static`/`gzip_static`, most CDNs).
fn precompress(path: &Path, quality: u32) -> Result<Vec<PathBuf>, String> {
    let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&data).map_err(fail)?;
    let gz = gz.finish().map_err(fail)?;

    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        // The window need not exceed the file: a smaller one saves allocating 4 MiB per page.
        lgwin: (usize::BITS - data.len().max(1 << 10).leading_zeros()).clamp(10, 22) as i32,
        // Lets the encoder size its hash tables to the file instead of to megabytes.
        size_hint: data.len(),
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
