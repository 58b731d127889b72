//! Host configuration generated with the site: the `_headers` file read by Netlify and
//! Cloudflare Pages, from the list of files actually built.

use crate::config::SiteConfig;
use crate::offline::{MANIFEST_FILE, SW_FILE};

/// Whether a file name carries Trunk's content hash (`name-0123456789abcdef.ext`, or `_bg.wasm`):
/// such a file never changes under its name, so it may be cached for a year.
pub fn is_hashed(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `_headers` file. Each path gets one `Cache-Control` only: these hosts join the values of
/// every matching rule, so the rules must not overlap on it.
pub fn headers_file(config: &SiteConfig, files: &[String], csp: &str) -> String {
    let mut out = String::new();
    let rule = |out: &mut String, path: &str, lines: &[&str]| {
        out.push_str(path);
        out.push('\n');
        for line in lines {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    };
    let csp = format!("Content-Security-Policy: {csp}");
    let permissions = format!("Permissions-Policy: {}", crate::csp::PERMISSIONS_POLICY);
    rule(
        &mut out,
        &config.href("*"),
        &[
            "X-Content-Type-Options: nosniff",
            "Referrer-Policy: strict-origin-when-cross-origin",
            &csp,
            &permissions,
        ],
    );
    let revalidate = "Cache-Control: no-cache";
    rule(&mut out, &config.base, &[revalidate]);
    rule(&mut out, &config.href("*.html"), &[revalidate]);
    rule(&mut out, &config.href("content/*"), &[revalidate]);
    // The service worker and the manifest keep their names across deploys: a stale `sw.js` would
    // hold readers on the old deploy's cache.
    rule(&mut out, &config.href(SW_FILE), &[revalidate]);
    rule(
        &mut out,
        &config.href(MANIFEST_FILE),
        &[revalidate, "Content-Type: application/manifest+json"],
    );
    let mut hashed: Vec<&String> = files.iter().filter(|f| is_hashed(f)).collect();
    hashed.sort();
    for file in hashed {
        rule(
            &mut out,
            &config.href(file),
            &["Cache-Control: public, max-age=31536000, immutable"],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed("chef-projet-digital-f8e2c82f35477068.js"));
        assert!(is_hashed("chef-projet-digital-f8e2c82f35477068_bg.wasm"));
        assert!(is_hashed("main-bde87ab9c381b77e.css"));
        assert!(!is_hashed("chef-projet-digital.html"));
        assert!(!is_hashed("main-bde87ab9c381b77.css"));
        assert!(!is_hashed("404.html"));
    }

    #[test]
    fn headers_cache_hashed_assets_and_revalidate_pages() {
        let files = [
            "index.html",
            "main-bde87ab9c381b77e.css",
            "x-f8e2c82f35477068_bg.wasm",
        ]
        .map(String::from);
        let h = headers_file(
            &SiteConfig::new("https://ex.org", "/docs/"),
            &files,
            "default-src 'self'",
        );
        assert!(h.contains("/docs/*\n  X-Content-Type-Options: nosniff\n"));
        assert!(h.contains("\n  Content-Security-Policy: default-src 'self'\n"));
        assert!(h.contains("\n  Permissions-Policy: camera=(), "));
        assert!(h.contains("/docs/*.html\n  Cache-Control: no-cache\n"));
        assert!(h.contains("/docs/content/*\n  Cache-Control: no-cache\n"));
        assert!(h.contains(
            "/docs/x-f8e2c82f35477068_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        assert!(h.contains("/docs/main-bde87ab9c381b77e.css\n"));
        assert!(h.contains("/docs/sw.js\n  Cache-Control: no-cache\n"));
        assert!(h.contains(
            "/docs/manifest.webmanifest\n  Cache-Control: no-cache\n  Content-Type: application/manifest+json\n"
        ));
        assert!(!h.contains("/docs/index.html\n"));
    }
}
