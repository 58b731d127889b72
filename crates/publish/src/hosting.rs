//! Host configuration generated with the site, from the one policy of [`crate::policy`]: the
//! `_headers` file read by Netlify and Cloudflare Pages, the nginx server block that
//! `hosting/nginx.conf` includes, and `.nojekyll` for GitHub Pages. The first two carry the
//! Content-Security-Policy the build computed.

use crate::csp::PERMISSIONS_POLICY;
use crate::error::{BuildError, Result};
use crate::files::write;
use crate::fill::fill;
use crate::policy::{
    immutable, FILE_KINDS, HASH, HEADERS_FILE, HSTS, IMMUTABLE, MANIFEST_FILE, NGINX_FILE,
    NO_JEKYLL_FILE, REVALIDATE,
};
use crate::search::FOLDER as SEARCH_FOLDER;
use cpd_content::SiteSettings;

/// The most rules Cloudflare Pages reads from `_headers`: it ignores those past it.
pub const HEADER_RULES_MAX: usize = 100;

/// The stage: `_headers`, the nginx block and `.nojekyll`, for the files built by now.
pub fn stage(
    plan: &crate::plan::Plan,
    csp: &crate::csp::Csp,
    manifest: &mut crate::files::Manifest,
) -> Result<Vec<std::path::PathBuf>> {
    let out = &plan.options.out;
    let settings = &plan.site.settings;
    let nginx = write(
        &out.join(NGINX_FILE),
        nginx_site(settings, &csp.header)?.as_bytes(),
    )?;
    manifest.add(nginx.clone());
    let names: Vec<String> = manifest.files().map(|(name, _)| name).collect();
    let headers = headers_file(settings, &names, &csp.header)?;
    let written = vec![
        nginx,
        write(&out.join(HEADERS_FILE), headers.as_bytes())?,
        // Without it GitHub Pages runs Jekyll on the upload, which drops every name starting
        // with `_` (`_headers`, `_redirects`).
        write(&out.join(NO_JEKYLL_FILE), b"")?,
    ];
    manifest.extend(written.iter().cloned());
    Ok(written)
}

/// The headers every response gets: the security headers, and HSTS unless the site says it
/// is served without HTTPS.
fn security_headers(settings: &SiteSettings, csp: &str) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        ("Content-Security-Policy", csp.into()),
        ("Permissions-Policy", PERMISSIONS_POLICY.into()),
    ];
    if settings.hosting.hsts {
        headers.push(("Strict-Transport-Security", HSTS.into()));
    }
    headers
}

/// The `_headers` file, read alike by Cloudflare Pages, which applies every matching rule and
/// joins the values of a header set twice, and by Netlify, where the last matching rule wins.
/// The first rule gives every path the security headers and revalidation (a page at each form
/// of its address, `/a`, `/a.html`, `/a/`, which no narrower pattern covers without covering
/// files). Content-hashed files follow, with their year of caching: `! Cache-Control` makes
/// Cloudflare drop the first rule's value, and Netlify skips that line (it has no colon) and
/// keeps the last rule's. The search's folder holds only hashed files: one rule covers it, so
/// the rules stay within Cloudflare's [`HEADER_RULES_MAX`].
pub fn headers_file(settings: &SiteSettings, files: &[String], csp: &str) -> Result<String> {
    let mut out = String::new();
    let mut rules = 0;
    let mut rule = |out: &mut String, path: &str, lines: &[String]| {
        rules += 1;
        out.push_str(path);
        out.push('\n');
        for line in lines {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    };
    let mut every: Vec<String> = security_headers(settings, csp)
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    every.push(format!("Cache-Control: {REVALIDATE}"));
    rule(&mut out, &settings.href("*"), &every);
    rule(
        &mut out,
        &settings.href(MANIFEST_FILE),
        &["Content-Type: application/manifest+json".into()],
    );
    let forever = [
        "! Cache-Control".into(),
        format!("Cache-Control: {IMMUTABLE}"),
    ];
    let (search, others): (Vec<&String>, Vec<&String>) = files
        .iter()
        .filter(|f| immutable(f))
        .partition(|f| f.starts_with(SEARCH_FOLDER));
    let entry = format!("{SEARCH_FOLDER}{}", cpd_search::index::META_FILE);
    if let Some(unhashed) = files
        .iter()
        .find(|f| f.starts_with(SEARCH_FOLDER) && !immutable(f) && **f != entry)
    {
        return Err(BuildError::invalid(
            unhashed.as_str(),
            "every file of the search's folder but its entry must carry a content hash: one `_headers` rule caches them all for a year",
        ));
    }
    if !search.is_empty() {
        rule(
            &mut out,
            &settings.href(&format!("{SEARCH_FOLDER}*")),
            &forever,
        );
    }
    // The index's entry keeps its name from deploy to deploy: revalidated, as pages are.
    if files.contains(&entry) {
        rule(
            &mut out,
            &settings.href(&entry),
            &[
                "! Cache-Control".into(),
                format!("Cache-Control: {REVALIDATE}"),
            ],
        );
    }
    let mut others = others;
    others.sort();
    for file in others {
        rule(&mut out, &settings.href(file), &forever);
    }
    if rules > HEADER_RULES_MAX {
        return Err(BuildError::invalid(
            HEADERS_FILE,
            format!("{rules} rules, past the {HEADER_RULES_MAX} Cloudflare Pages reads: too many content-hashed files outside `{SEARCH_FOLDER}`"),
        ));
    }
    Ok(out)
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
        for (name, value) in security_headers(settings, csp) {
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

    /// `_headers` as rules: (pattern, [(name, value)]), `! Name` as the value `None`.
    type Rules = Vec<(String, Vec<(String, Option<String>)>)>;

    fn parse(file: &str) -> Rules {
        let mut rules: Rules = Vec::new();
        for line in file.lines().filter(|l| !l.trim().is_empty()) {
            if line.starts_with('/') {
                rules.push((line.to_string(), Vec::new()));
            } else if let Some(name) = line.trim().strip_prefix("! ") {
                rules.last_mut().unwrap().1.push((name.into(), None));
            } else {
                let (name, value) = line.trim().split_once(": ").expect("name: value");
                rules
                    .last_mut()
                    .unwrap()
                    .1
                    .push((name.into(), Some(value.into())));
            }
        }
        rules
    }

    /// A pattern as both hosts read it: `*` stands for anything, the rest is literal.
    fn matches(pattern: &str, path: &str) -> bool {
        match pattern.split_once('*') {
            None => pattern == path,
            Some((head, tail)) => {
                path.len() >= head.len() + tail.len()
                    && path.starts_with(head)
                    && path.ends_with(tail)
            }
        }
    }

    /// The headers Cloudflare Pages sends for `path`: every matching rule in order, `! Name`
    /// dropping what earlier rules set, a header set twice joined with `, `.
    fn cloudflare(rules: &Rules, path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (_, lines) in rules.iter().filter(|(p, _)| matches(p, path)) {
            for (name, value) in lines {
                match value {
                    None => out.retain(|(n, _)| n != name),
                    Some(value) => match out.iter_mut().find(|(n, _)| n == name) {
                        Some((_, v)) => *v = format!("{v}, {value}"),
                        None => out.push((name.clone(), value.clone())),
                    },
                }
            }
        }
        out
    }

    /// The headers Netlify sends for `path`: the last matching rule wins for a header; a line
    /// without a colon is skipped.
    fn netlify(rules: &Rules, path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (_, lines) in rules.iter().filter(|(p, _)| matches(p, path)) {
            for (name, value) in lines {
                if let Some(value) = value {
                    out.retain(|(n, _)| n != name);
                    out.push((name.clone(), value.clone()));
                }
            }
        }
        out
    }

    fn values<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
        headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    #[test]
    fn both_hosts_read_one_cache_control_and_every_security_header_on_every_path() {
        let files = [
            "index.html",
            "chef-projet-digital.html",
            "guide/index.html",
            "main-bde87ab9c381b77e.css",
            "x-f8e2c82f35477068_bg.wasm",
            "search/index.bin",
            "search/text-3-0123456789abcdef.bin",
            "sw.js",
            "manifest.webmanifest",
            "feed.xml",
        ]
        .map(String::from);
        let settings = SiteSettings::at("https://ex.org", "/docs/");
        let file = headers_file(&settings, &files, "default-src 'self'").unwrap();
        let rules = parse(&file);
        assert_eq!(rules.len(), 6, "{file}");
        let revalidated = [
            "/docs/search/index.bin",
            "/docs/",
            "/docs/index.html",
            "/docs/chef-projet-digital",
            "/docs/chef-projet-digital.html",
            "/docs/guide/",
            "/docs/guide/index.html",
            "/docs/sw.js",
            "/docs/manifest.webmanifest",
            "/docs/feed.xml",
            "/docs/nulle-part",
        ];
        let immutable = [
            "/docs/main-bde87ab9c381b77e.css",
            "/docs/x-f8e2c82f35477068_bg.wasm",
            "/docs/search/text-3-0123456789abcdef.bin",
        ];
        for host in [cloudflare, netlify] {
            for (paths, cache) in [(&revalidated[..], REVALIDATE), (&immutable[..], IMMUTABLE)] {
                for path in paths {
                    let headers = host(&rules, path);
                    assert_eq!(values(&headers, "Cache-Control"), [cache], "{path}");
                    for (name, value) in security_headers(&settings, "default-src 'self'") {
                        assert_eq!(values(&headers, name), [value.as_str()], "{path}: {name}");
                    }
                }
            }
        }
        let manifest = cloudflare(&rules, "/docs/manifest.webmanifest");
        assert_eq!(
            values(&manifest, "Content-Type"),
            ["application/manifest+json"]
        );
        assert_eq!(values(&manifest, "Strict-Transport-Security"), [HSTS]);
    }

    #[test]
    fn hsts_can_be_switched_off_and_the_rules_stay_within_cloudflare_s_count() {
        let mut settings = SiteSettings::at("https://ex.org", "/");
        settings.hosting.hsts = false;
        let file = headers_file(&settings, &["index.html".into()], "default-src 'self'").unwrap();
        assert!(!file.contains("Strict-Transport-Security"), "{file}");
        let many: Vec<String> = (0..HEADER_RULES_MAX)
            .map(|i| format!("asset-{i:016x}.css"))
            .collect();
        let e = headers_file(&settings, &many, "default-src 'self'").unwrap_err();
        assert!(e.to_string().starts_with("_headers: 102 rules"), "{e}");
        let search: Vec<String> = (0..1000)
            .map(|i| format!("search/text-{i}-{i:016x}.bin"))
            .collect();
        assert_eq!(
            parse(&headers_file(&settings, &search, "default-src 'self'").unwrap()).len(),
            3
        );
        let e = headers_file(&settings, &["search/notes.txt".into()], "x").unwrap_err();
        assert!(e.to_string().starts_with("search/notes.txt: "), "{e}");
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
        assert!(conf.contains(&format!(
            "add_header Strict-Transport-Security \"{HSTS}\" always;"
        )));
        // Balanced braces: nginx would refuse the block otherwise.
        assert_eq!(conf.matches('{').count(), conf.matches('}').count());
    }
}
