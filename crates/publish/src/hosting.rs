//! Host configuration generated with the site, from the one policy of [`crate::policy`]: the
//! `_headers` file read by Netlify and Cloudflare Pages, and the nginx server block that
//! `hosting/nginx.conf` includes. Both carry the Content-Security-Policy the build computed.

use crate::csp::PERMISSIONS_POLICY;
use crate::error::Result;
use crate::files::{list, write};
use crate::fill::fill;
use crate::policy::{
    immutable, FILE_KINDS, HASH, HEADERS_FILE, IMMUTABLE, MANIFEST_FILE, NGINX_FILE, REVALIDATE,
    SW_FILE,
};
use cpd_content::SiteSettings;

/// The stage: `_headers` and the nginx block, for the files built by now.
pub fn stage(plan: &crate::plan::Plan, csp: &crate::csp::Csp) -> Result<Vec<std::path::PathBuf>> {
    let out = &plan.options.out;
    let settings = &plan.site.settings;
    let nginx = write(
        &out.join(NGINX_FILE),
        nginx_site(settings, &csp.header)?.as_bytes(),
    )?;
    let names: Vec<String> = list(out)?.into_iter().map(|(name, _)| name).collect();
    let headers = headers_file(settings, &names, &csp.header);
    Ok(vec![
        nginx,
        write(&out.join(HEADERS_FILE), headers.as_bytes())?,
    ])
}

/// The security headers every response gets.
fn security_headers(csp: &str) -> [(&'static str, String); 4] {
    [
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        ("Content-Security-Policy", csp.into()),
        ("Permissions-Policy", PERMISSIONS_POLICY.into()),
    ]
}

/// The `_headers` file. Each path gets one `Cache-Control` only: these hosts join the values of
/// every matching rule, so the rules must not overlap on it.
pub fn headers_file(settings: &SiteSettings, files: &[String], csp: &str) -> String {
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
    rule(&mut out, &settings.href("*"), &security);
    let revalidate = [format!("Cache-Control: {REVALIDATE}")];
    rule(&mut out, &settings.base, &revalidate);
    rule(&mut out, &settings.href("*.html"), &revalidate);
    // The service worker and the manifest keep their names across deploys: a stale `sw.js` would
    // hold readers on the old deploy's cache.
    rule(&mut out, &settings.href(SW_FILE), &revalidate);
    rule(
        &mut out,
        &settings.href(MANIFEST_FILE),
        &[
            revalidate[0].clone(),
            "Content-Type: application/manifest+json".into(),
        ],
    );
    let mut hashed: Vec<&String> = files.iter().filter(|f| immutable(f)).collect();
    hashed.sort();
    for file in hashed {
        rule(
            &mut out,
            &settings.href(file),
            &[format!("Cache-Control: {IMMUTABLE}")],
        );
    }
    out
}

/// The nginx directives for the site, for inclusion in a `server` block whose `root` is the
/// directory holding `dist/` at the base path (see `hosting/nginx.conf`). `brotli_static` needs
/// Debian's `libnginx-mod-http-brotli-static`.
pub fn nginx_site(settings: &SiteSettings, csp: &str) -> Result<String> {
    let types: Vec<String> = FILE_KINDS
        .iter()
        .map(|k| format!("    {} {};", k.media_type, k.extension))
        .collect();
    let mut charset_types: Vec<&str> = FILE_KINDS
        .iter()
        .filter(|k| k.text && k.media_type != "text/html")
        .map(|k| k.media_type)
        .collect();
    charset_types.dedup();
    let headers = |cache: &str| -> String {
        let mut lines = vec![format!("    add_header Cache-Control \"{cache}\" always;")];
        for (name, value) in security_headers(csp) {
            lines.push(format!("    add_header {name} \"{value}\" always;"));
        }
        lines.join("\n")
    };
    let immutable_kinds: Vec<&str> = FILE_KINDS
        .iter()
        .filter(|k| k.immutable_when_hashed)
        .map(|k| k.extension)
        .collect();
    let immutable_files = format!("{HASH}\\.({})$", immutable_kinds.join("|"));
    fill(
        NGINX_FILE,
        include_str!("nginx-site.conf"),
        &[
            ("TYPES", &types.join("\n")),
            ("CHARSET_TYPES", &charset_types.join(" ")),
            ("BASE", &settings.base),
            ("NOT_FOUND", &settings.href("404.html")),
            ("REVALIDATED_HEADERS", &headers(REVALIDATE)),
            ("IMMUTABLE_FILES", &immutable_files),
            ("IMMUTABLE_HEADERS", &headers(IMMUTABLE)),
        ],
    )
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
            &SiteSettings::at("https://ex.org", "/docs/"),
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
            &SiteSettings::at("https://ex.org", "/docs/"),
            "default-src 'self'",
        )
        .unwrap();
        assert!(conf.contains("error_page 404 /docs/404.html;"), "{conf}");
        assert!(conf.contains("location /docs/ {"), "{conf}");
        assert!(
            conf.contains("location ~* \"-[0-9a-f]{12,16}(_bg)?\\.(css|js|wasm|json|bin|svg|png|jpg|jpeg|gif|webp|avif|ico|woff2)$\" {"),
            "{conf}"
        );
        // Every kind of file goes out with its media type.
        for kind in FILE_KINDS {
            assert!(
                conf.contains(&format!("{} {};", kind.media_type, kind.extension)),
                "{conf}"
            );
        }
        assert!(conf.contains("add_header Content-Security-Policy \"default-src 'self'\" always;"));
        assert!(conf
            .contains("add_header Cache-Control \"public, max-age=31536000, immutable\" always;"));
        assert!(conf.contains("application/wasm wasm;"));
        // Balanced braces: nginx would refuse the block otherwise.
        assert_eq!(conf.matches('{').count(), conf.matches('}').count());
    }
}
