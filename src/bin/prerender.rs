//! The build's last step, run by Trunk as a `post_build` hook (see `Trunk.toml`): parses the
//! Markdown (a broken file fails the build, naming file and line), prerenders every page into
//! Trunk's staging directory and writes the rest of the site (see `cpd::publish::site`).
//!
//! Environment: `TRUNK_STAGING_DIR` (output; default `dist`), `TRUNK_PUBLIC_URL` (base path;
//! default `/`), `TRUNK_PROFILE` (`release` registers the service worker), `SITE_URL` (public
//! origin for canonical URLs; default: `url` in the settings file), `CONTENT_DIR` (the content
//! folder; default `content`).

use cpd::config::SiteConfig;
use cpd::content::site::read_settings;
use cpd::publish::site::{publish, Settings};
use std::path::PathBuf;
use std::process::ExitCode;

const DEFAULT_CONTENT: &str = "content";

/// Where the pages' models are written for the end-to-end tests (under `target/`, never
/// deployed).
const MODEL_OUT: &str = "target/site-model";

fn main() -> ExitCode {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let defaults = SiteConfig::default();
    let content_dir = PathBuf::from(env("CONTENT_DIR").unwrap_or_else(|| DEFAULT_CONTENT.into()));
    let file_settings = match read_settings(&content_dir, &content_dir.display().to_string()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let settings = Settings {
        out: PathBuf::from(env("TRUNK_STAGING_DIR").unwrap_or_else(|| "dist".into())),
        config: SiteConfig::new(
            &env("SITE_URL")
                .or(file_settings.url)
                .unwrap_or(defaults.site_url),
            &env("TRUNK_PUBLIC_URL").unwrap_or(defaults.base),
        ),
        content_dir,
        release: env("TRUNK_PROFILE").is_some_and(|p| p == "release"),
        model_out: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(MODEL_OUT)),
    };
    match publish(&settings) {
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
