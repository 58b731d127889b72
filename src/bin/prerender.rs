//! The build's last step, run by Trunk as a `post_build` hook (see `Trunk.toml`).
//!
//! Parses the Markdown (a broken file fails the build, naming file and line), writes the JSON
//! model the app fetches, and prerenders every route into Trunk's staging directory:
//! `index.html`, `chef-projet-digital.html` and `404.html`.
//!
//! Environment: `TRUNK_STAGING_DIR` (output; default `dist`), `TRUNK_PUBLIC_URL` (base path;
//! default `/`), `SITE_URL` (public origin for canonical URLs), `CONTENT_FILE` (the Markdown).

use cpd::config::{SiteConfig, CONTENT_JSON, PERMALINK_FILE};
use cpd::content::parse::parse_article;
use cpd::prerender::render_page;
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
    let article = parse_article(&content_file, &source).map_err(|e| e.to_string())?;
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
    // 404.html is rendered at a path no route has, so it shows the "page introuvable" view.
    for (path, file) in [
        ("/", "index.html"),
        (route.as_str(), PERMALINK_FILE),
        ("/404.html", "404.html"),
    ] {
        let page = render_page(&template, &config, &article, path).map_err(|e| e.to_string())?;
        written.push(write(&out.join(file), &page)?);
    }
    Ok(written)
}

fn write(path: &Path, contents: &str) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}
