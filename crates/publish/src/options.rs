//! The build's options: where it reads and writes, and what kind of build it is. The site's own
//! settings (`_config.yml` and its overrides) are `cpd_content::SiteSettings`.

use std::path::PathBuf;

use cpd_content::settings::Overrides;

/// What the build step is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Trunk's staging directory: `index.html` is read from it, the site is written into it.
    pub out: PathBuf,
    /// The content folder: every entry under it is a page, a copied file, or left out by rule.
    pub content_dir: PathBuf,
    /// The interface's words, one table per language (`cpd_content::i18n`).
    pub i18n_dir: PathBuf,
    /// What the environment says of the site (origin, base path), over `_config.yml`.
    pub overrides: Overrides,
    /// A release build minifies, precompresses and registers the service worker; a development
    /// build is remade on every save.
    pub release: bool,
    /// Where to write what the end-to-end tests read (each page's model, the build's facts),
    /// when a test asks for it: never beside the deployable site.
    pub test_data: Option<PathBuf>,
    /// The build's cache between runs (`crate::cache`), when it keeps one: Trunk's hook passes
    /// `--cache target/cpd-cache` (Trunk.toml); without it, every build starts clean.
    pub cache: Option<PathBuf>,
}

impl BuildOptions {
    /// The options of a build run by Trunk's hook, from its environment: `TRUNK_STAGING_DIR`
    /// (default `dist`), `TRUNK_PUBLIC_URL` (the base path), `TRUNK_PROFILE` (`release`),
    /// `SITE_URL` (the public origin), `CPD_DRAFTS` (build `_drafts/` too), `CONTENT_DIR` (default `content`), `I18N_DIR` (default
    /// `i18n`) and
    /// `CPD_TEST_DATA` (the tests' folder, unset but for tests).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Self {
        let var = |name: &str| var(name).filter(|v| !v.is_empty());
        Self {
            out: PathBuf::from(var("TRUNK_STAGING_DIR").unwrap_or_else(|| "dist".into())),
            content_dir: PathBuf::from(var("CONTENT_DIR").unwrap_or_else(|| "content".into())),
            i18n_dir: PathBuf::from(var("I18N_DIR").unwrap_or_else(|| "i18n".into())),
            overrides: Overrides {
                url: var("SITE_URL"),
                base: var("TRUNK_PUBLIC_URL"),
                drafts: var("CPD_DRAFTS").is_some_and(|v| v != "0"),
            },
            release: var("TRUNK_PROFILE").is_some_and(|p| p == "release"),
            test_data: var("CPD_TEST_DATA").map(PathBuf::from),
            cache: None,
        }
    }
}
