//! Host configuration generated with the site, from the one policy of [`super::policy`]: the
//! `_headers` file read by Netlify and Cloudflare Pages, and the nginx server block that
//! `hosting/nginx.conf` includes. Both carry the Content-Security-Policy the build computed.

use super::policy::{
    is_hashed, HASHED_PATTERN, IMMUTABLE, MANIFEST_FILE, MEDIA_TYPES, REVALIDATE, SW_FILE,
};
use crate::config::SiteConfig;

/// The security headers every response gets.
fn security_headers(csp: &str) -> [(&'static str, String); 4] {
    [
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        ("Content-Security-Policy", csp.into()),
        ("Permissions-Policy", super::csp::PERMISSIONS_POLICY.into()),
    ]
}

/// The `_headers` file. Each path gets one `Cache-Control` only: these hosts join the values of
/// every matching rule, so the rules must not overlap on it.
pub fn headers_file(config: &SiteConfig, files: &[String], csp: &str) -> String {
    let mut out = String::new();
    let rule = |out: &mut String, path: &str, lines: &[String]| {
        out.push_str(path);
        out.push('\n');
        for line in lines {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    };
    let security: Vec<String> = security_headers(csp)
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    rule(&mut out, &config.href("*"), &security);
    let revalidate = [format!("Cache-Control: {REVALIDATE}")];
    rule(&mut out, &config.base, &revalidate);
    rule(&mut out, &config.href("*.html"), &revalidate);
    // The service worker and the manifest keep their names across deploys: a stale `sw.js` would
    // hold readers on the old deploy's cache.
    rule(&mut out, &config.href(SW_FILE), &revalidate);
    rule(
        &mut out,
        &config.href(MANIFEST_FILE),
        &[
            revalidate[0].clone(),
            "Content-Type: application/manifest+json".into(),
        ],
    );
    let mut hashed: Vec<&String> = files.iter().filter(|f| is_hashed(f)).collect();
    hashed.sort();
    for file in hashed {
        rule(
            &mut out,
            &config.href(file),
            &[format!("Cache-Control: {IMMUTABLE}")],
        );
    }
    out
}

/// The nginx directives for the site, for inclusion in a `server` block whose `root` is the
/// directory holding `dist/` at the base path (see `hosting/nginx.conf`). `brotli_static` needs
/// Debian's `libnginx-mod-http-brotli-static`.
pub fn nginx_site(config: &SiteConfig, csp: &str) -> String {
    let template = include_str!("nginx-site.conf");
    let types: String = MEDIA_TYPES
        .iter()
        .map(|(ext, media)| format!("    {media} {ext};\n"))
        .collect();
    let charset_types: Vec<&str> = MEDIA_TYPES
        .iter()
        .map(|(_, media)| *media)
        .filter(|m| *m != "text/html" && !m.starts_with("image/png") && *m != "application/wasm")
        .collect();
    let headers = |extra: &str| -> String {
        let mut lines = vec![format!("    add_header Cache-Control \"{extra}\" always;")];
        for (name, value) in security_headers(csp) {
            lines.push(format!("    add_header {name} \"{value}\" always;"));
        }
        lines.join("\n")
    };
    template
        .replace("__TYPES__", types.trim_end())
        .replace("__CHARSET_TYPES__", &charset_types.join(" "))
        .replace("__BASE__", &config.base)
        .replace("__NOT_FOUND__", &config.href("404.html"))
        .replace("__REVALIDATED_HEADERS__", &headers(REVALIDATE))
        .replace("__HASHED__", HASHED_PATTERN)
        .replace("__IMMUTABLE_HEADERS__", &headers(IMMUTABLE))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_nginx_block_is_complete_and_follows_the_base() {
        let conf = nginx_site(
            &SiteConfig::new("https://ex.org", "/docs/"),
            "default-src 'self'",
        );
        assert!(!conf.contains("__"), "every placeholder filled:\n{conf}");
        assert!(conf.contains("error_page 404 /docs/404.html;"), "{conf}");
        assert!(conf.contains("location /docs/ {"), "{conf}");
        assert!(
            conf.contains(&format!("location ~* \"{HASHED_PATTERN}\" {{")),
            "{conf}"
        );
        assert!(conf.contains("add_header Content-Security-Policy \"default-src 'self'\" always;"));
        assert!(conf
            .contains("add_header Cache-Control \"public, max-age=31536000, immutable\" always;"));
        assert!(conf.contains("application/wasm wasm;"));
        // Balanced braces: nginx would refuse the block otherwise.
        assert_eq!(conf.matches('{').count(), conf.matches('}').count());
    }
}
