//! Where the site lives: its public origin and the base path `dist/` is served under.
//!
//! Both are deployment facts, not content: the prerender reads them from the environment
//! (`SITE_URL`, and Trunk's `TRUNK_PUBLIC_URL`), writes the base into the page, and the
//! islands read it back from there, so one build serves at `/` or under any sub-path.

/// The article's permalink, relative to the base path: the route the client's old links use.
pub const PERMALINK_FILE: &str = "chef-projet-digital.html";

/// The name of the `<meta>` that carries the base path from the HTML to the wasm.
pub const BASE_META: &str = "cpd-base";

/// The name of the `<meta>` that carries the site's origin from the HTML to the wasm.
pub const SITE_META: &str = "cpd-site";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// Public origin, without trailing slash, such as `https://www.example.org`.
    pub site_url: String,
    /// Base path, with a leading and a trailing slash, such as `/` or `/docs/`.
    pub base: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self::new("https://chef-projet-digital.example", "/")
    }
}

impl SiteConfig {
    /// Normalises both parts: no trailing slash on the origin, `/…/` around the base.
    pub fn new(site_url: &str, base: &str) -> Self {
        let trimmed = base.trim_matches('/');
        let base = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        Self {
            site_url: site_url.trim_end_matches('/').to_string(),
            base,
        }
    }

    /// A path under the base, for links and fetches: `href("x.html")` is `/base/x.html`.
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// The absolute URL of a path under the base.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.site_url, self.href(path))
    }

    /// The site's configuration where the code runs: in the browser, read from the `<meta>`s the
    /// build wrote (the page's origin when there are none); natively, the one in context.
    pub fn current() -> Self {
        #[cfg(target_arch = "wasm32")]
        {
            let document = leptos::prelude::document();
            let meta = |name: &str| {
                document
                    .query_selector(&format!("meta[name=\"{name}\"]"))
                    .ok()
                    .flatten()
                    .and_then(|m| m.get_attribute("content"))
            };
            let site = meta(SITE_META)
                .or_else(|| leptos::prelude::window().location().origin().ok())
                .unwrap_or_default();
            Self::new(&site, &meta(BASE_META).unwrap_or_default())
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            leptos::prelude::use_context::<Self>().unwrap_or_default()
        }
    }

    /// The router's base: empty at the root, `/docs` under a sub-path.
    pub fn router_base(&self) -> String {
        self.base.trim_end_matches('/').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_base() {
        let c = SiteConfig::new("https://ex.org/", "");
        assert_eq!(c.base, "/");
        assert_eq!(c.href(PERMALINK_FILE), "/chef-projet-digital.html");
        assert_eq!(c.absolute("/x.html"), "https://ex.org/x.html");
        assert_eq!(c.router_base(), "");
    }

    #[test]
    fn sub_path_base() {
        let c = SiteConfig::new("https://ex.org", "docs/site");
        assert_eq!(c.base, "/docs/site/");
        assert_eq!(c.href("/a/b.html"), "/docs/site/a/b.html");
        assert_eq!(
            c.absolute(PERMALINK_FILE),
            "https://ex.org/docs/site/chef-projet-digital.html"
        );
        assert_eq!(c.router_base(), "/docs/site");
    }
}
