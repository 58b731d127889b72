//! The build's last step, run by Trunk as a `post_build` hook (see `Trunk.toml`).
//!
//! Parses the Markdown (a broken file fails the build, naming file and line), writes the JSON
//! model the app fetches, prerenders every route into Trunk's staging directory (`index.html`,
//! `chef-projet-digital.html`, `404.html`; each head gets the manifest link), writes `sitemap.xml`,
//! `robots.txt`, the service worker `sw.js` (from the list of everything built so far) and the
//! `_headers` host configuration, and finally puts a `.br` and a `.gz` beside every text asset and
//! the wasm. Trunk's SRI hashes were computed before this runs: no hashed asset is rewritten here.
//!
//! Environment: `TRUNK_STAGING_DIR` (output; default `dist`), `TRUNK_PUBLIC_URL` (base path;
//! default `/`), `SITE_URL` (public origin for canonical URLs), `CONTENT_FILE` (the Markdown).

use cpd::config::{SiteConfig, CONTENT_JSON, PERMALINK_FILE};
use cpd::content::load;
use cpd::csp;
use cpd::hosting::headers_file;
use cpd::offline::{precached, service_worker, with_head_tags, SW_FILE};
use cpd::prerender::render_page;
use cpd::seo::{robots, sitemap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const DEFAULT_CONTENT: &str = "content/chef-projet-digital.md";

fn main() -> ExitCode {
    match run() {
        Ok(written) => {
            for path in written {
                eprintln!("prerender: wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<Vec<PathBuf>, String> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let out = PathBuf::from(env("TRUNK_STAGING_DIR").unwrap_or_else(|| "dist".into()));
    let defaults = SiteConfig::default();
    let config = SiteConfig::new(
        &env("SITE_URL").unwrap_or(defaults.site_url),
        &env("TRUNK_PUBLIC_URL").unwrap_or(defaults.base),
    );
    let content_file = env("CONTENT_FILE").unwrap_or_else(|| DEFAULT_CONTENT.into());

    let source = std::fs::read_to_string(&content_file)
        .map_err(|e| format!("{content_file}: cannot read: {e}"))?;
    let article = load(&content_file, &source).map_err(|e| e.to_string())?;
    let route = format!("/{PERMALINK_FILE}");
    if article.permalink != route {
        return Err(format!(
            "{content_file}:1: permalink `{}` is not the app's route `{route}`",
            article.permalink
        ));
    }

    let mut written = Vec::new();
    let json = serde_json::to_string(&article).map_err(|e| e.to_string())?;
    written.push(write(&out.join(CONTENT_JSON), &json)?);

    let template_path = out.join("index.html");
    let template = std::fs::read_to_string(&template_path).map_err(|e| {
        format!(
            "{}: cannot read Trunk's output: {e}",
            template_path.display()
        )
    })?;
    let template = with_head_tags(&template, &config);
    // 404.html is rendered at a path no route has, so it shows the "page introuvable" view.
    let mut pages = Vec::new();
    for (path, file) in [
        ("/", "index.html"),
        (route.as_str(), PERMALINK_FILE),
        ("/404.html", "404.html"),
    ] {
        let page = render_page(&template, &config, &article, path).map_err(|e| e.to_string())?;
        pages.push((file, page));
    }
    // One policy for the site, listing every inline script of every page, computed from the
    // pages as written: it cannot miss a script, nor keep the hash of an old one.
    let hashes = pages
        .iter()
        .flat_map(|(_, page)| csp::inline_script_hashes(page))
        .collect();
    let header_policy = csp::policy(&hashes, true);
    let meta_policy = csp::policy(&hashes, false);
    for (file, page) in &pages {
        written.push(write(&out.join(file), &csp::with_meta(page, &meta_policy))?);
    }
    written.push(write(
        &out.join("sitemap.xml"),
        &sitemap(&article, &config),
    )?);
    written.push(write(&out.join("robots.txt"), &robots(&config))?);

    // The service worker precaches what is built by now, so it comes after every page.
    let mut files = Vec::new();
    list_files(&out, &out, &mut files)?;
    let mut built = Vec::with_capacity(files.len());
    for (name, path) in files.iter().filter(|(name, _)| precached(name)) {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        built.push((name.clone(), bytes));
    }
    let sw_path = out.join(SW_FILE);
    written.push(write(&sw_path, &service_worker(&config, &built))?);
    if !files.iter().any(|(name, _)| name == SW_FILE) {
        files.push((SW_FILE.to_string(), sw_path));
    }
    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    written.push(write(
        &out.join("_headers"),
        &headers_file(&config, &names, &header_policy),
    )?);

    for (_, path) in files.iter().filter(|(name, _)| compressible(name)) {
        written.extend(precompress(path)?);
    }
    Ok(written)
}

/// Text assets and the wasm: what a host should serve compressed.
fn compressible(name: &str) -> bool {
    const EXTENSIONS: [&str; 9] = [
        "html",
        "css",
        "js",
        "wasm",
        "json",
        "xml",
        "txt",
        "svg",
        "webmanifest",
    ];
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
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

/// Every file under `dir`, as (path relative to `root` with `/`, full path).
fn list_files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let name = relative.to_string_lossy().replace('\\', "/");
            if !name.ends_with(".br") && !name.ends_with(".gz") {
                out.push((name, path));
            }
        }
    }
    Ok(())
}

fn write(path: &Path, contents: &str) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}
