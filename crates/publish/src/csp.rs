//! The Content-Security-Policy, computed from the pages the build actually wrote.
//!
//! Scripts run only from the site itself, or inline when their exact text is listed by hash:
//! the islands' loader, the theme script of `index.html` and the speculation rules (and Trunk's
//! live-reload script under `trunk serve`). Data
//! blocks (`application/ld+json`) are never executed and need no hash. A changed inline script
//! changes its hash at the next build, so the policy can never fall out of step with the pages.
//!
//! Frames load only from the origins the pages show them from: each `<iframe src>`, and each
//! video link's player (`data-frame`), which its island puts in a frame on a click.
//!
//! The policy is shipped twice: as a header (`_headers`, and the nginx block the build writes),
//! and as a `<meta>` for hosts that cannot set headers. The `<meta>`
//! leaves out `frame-ancestors`, which browsers ignore there (and complain about).

use crate::cache::Cache;
use crate::error::{BuildError, Result};
use base64::Engine;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// The policy the build computed, as headers send it and as pages carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csp {
    /// For `_headers` and nginx: with `frame-ancestors`.
    pub header: String,
    /// For each page's `<meta>`: without it, which browsers ignore there.
    pub meta: String,
    /// Every inline script's hash, for the tests' facts.
    pub hashes: BTreeSet<String>,
    /// Every origin a page shows a frame from.
    pub frames: BTreeSet<String>,
}

/// The stage: one policy for the site, listing every inline script of every page `(file,
/// html)`, computed from the pages as written: it cannot miss a script, nor keep the hash of an
/// old one. A page the HTML parser cannot read fails the build, naming it.
pub fn stage<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Csp> {
    stage_with(
        pages
            .into_iter()
            .map(|(file, html)| (file, None, move || Ok(html))),
        None,
    )
}

/// The stage as [`stage`], for pages `(file, key, html)`: the sources of a page with a `key`
/// (its render's, which names everything its HTML is made of) are taken from `cache` when a
/// build read them before, without asking for its HTML.
pub fn stage_with<'a, H>(
    pages: impl IntoIterator<Item = (&'a str, Option<&'a str>, H)>,
    cache: Option<&Cache>,
) -> Result<Csp>
where
    H: Fn() -> Result<&'a str> + Sync,
{
    let pages: Vec<_> = pages.into_iter().collect();
    let read = pages
        .par_iter()
        .map(|(file, key, html)| {
            let read = || {
                sources(html()?).map_err(|e| {
                    BuildError::invalid(*file, format!("its inline scripts cannot be read: {e}"))
                })
            };
            let (Some(cache), Some(key)) = (cache, key) else {
                return read();
            };
            let key = crate::cache::key("csp sources", &[key.as_bytes()]);
            let bytes = cache.get_or(&key, || {
                let sources = read()?;
                Ok(serde_json::to_vec(&sources).expect("strings serialise"))
            })?;
            serde_json::from_slice(&bytes)
                .map_err(|e| BuildError::invalid(*file, format!("the build's cache: {e}")))
        })
        .collect::<Result<Vec<Sources>>>()?;
    let mut hashes = BTreeSet::new();
    let mut frames = BTreeSet::new();
    for sources in read {
        hashes.extend(sources.hashes);
        frames.extend(sources.frames);
    }
    Ok(Csp {
        header: policy(&hashes, &frames, true),
        meta: policy(&hashes, &frames, false),
        hashes,
        frames,
    })
}

/// What a page asks of the policy.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Sources {
    /// The `'sha256-…'` source of every executable inline script.
    pub hashes: BTreeSet<String>,
    /// The origin of every frame: `<iframe src>`, and the players of video links (`data-frame`,
    /// `cpd_view::dom::FRAME_ATTR`); only `https` origins, as the parser refuses others.
    pub frames: BTreeSet<String>,
}

/// The page's [`Sources`], read with an HTML parser in one pass: what the browser hashes is a
/// script's text exactly as written.
pub fn sources(html: &str) -> std::result::Result<Sources, lol_html::errors::RewritingError> {
    let scripts = RefCell::new(Vec::<(bool, String)>::new());
    let origins = RefCell::new(BTreeSet::new());
    let add = |src: Option<String>| {
        let origin = src
            .and_then(|s| url::Url::parse(&s).ok())
            .filter(|u| u.scheme() == "https")
            .map(|u| u.origin().ascii_serialization());
        origins.borrow_mut().extend(origin);
    };
    let player = format!("a[{}]", cpd_view::dom::FRAME_ATTR);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script", |el| {
                    let runs = el.get_attribute("src").is_none()
                        && executable(el.get_attribute("type").as_deref());
                    scripts.borrow_mut().push((runs, String::new()));
                    Ok(())
                }),
                text!("script", |t| {
                    if let Some((_, text)) = scripts.borrow_mut().last_mut() {
                        text.push_str(t.as_str());
                    }
                    Ok(())
                }),
                element!("iframe[src]", |el| {
                    add(el.get_attribute("src"));
                    Ok(())
                }),
                element!(player, |el| {
                    add(el.get_attribute(cpd_view::dom::FRAME_ATTR));
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )?;
    let hashes = scripts
        .into_inner()
        .into_iter()
        .filter(|(runs, text)| *runs && !text.is_empty())
        .map(|(_, text)| {
            let digest = Sha256::digest(text.as_bytes());
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
            format!("'sha256-{encoded}'")
        })
        .collect();
    Ok(Sources {
        hashes,
        frames: origins.into_inner(),
    })
}

/// The `'sha256-…'` source of every executable inline script in `html`.
pub fn inline_script_hashes(
    html: &str,
) -> std::result::Result<BTreeSet<String>, lol_html::errors::RewritingError> {
    sources(html).map(|s| s.hashes)
}

/// Whether the policy governs a script of this `type`: classic and module scripts, and
/// speculation rules (which the browser runs only if the policy allows them).
fn executable(kind: Option<&str>) -> bool {
    matches!(
        kind.map(|k| k.trim().to_ascii_lowercase()).as_deref(),
        None | Some(
            "" | "module" | "text/javascript" | "application/javascript" | "speculationrules"
        )
    )
}

/// The policy, for a header (`frame_ancestors`) or for a `<meta>` (without it). Without frames,
/// `frame-src` is left to `default-src 'self'`.
pub fn policy(
    script_hashes: &BTreeSet<String>,
    frames: &BTreeSet<String>,
    frame_ancestors: bool,
) -> String {
    let mut scripts = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        scripts.push(' ');
        scripts.push_str(hash);
    }
    let mut directives = vec![
        "default-src 'self'".to_string(),
        format!("script-src {scripts}"),
        "style-src 'self'".to_string(),
        "img-src 'self'".to_string(),
        "connect-src 'self'".to_string(),
        "worker-src 'self'".to_string(),
        "manifest-src 'self'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
    ];
    if !frames.is_empty() {
        let origins: Vec<&str> = frames.iter().map(String::as_str).collect();
        directives.push(format!("frame-src 'self' {}", origins.join(" ")));
    }
    if frame_ancestors {
        directives.push("frame-ancestors 'none'".to_string());
    }
    directives.join("; ")
}

/// What else the headers say about the site's rights in the browser: none it does not use.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><title>t</title>
<script>var a = 1;</script>
<script type="application/ld+json">{"@type":"Article"}</script>
<script type="module">import init from '/x.js';</script>
<script src="/ext.js"></script>
<script type="speculationrules">{"prerender":[]}</script>
</head><body><script>__RESOLVED_RESOURCES = [];</script></body></html>"#;

    #[test]
    fn hashes_every_executable_inline_script_and_nothing_else() {
        let hashes = inline_script_hashes(PAGE).unwrap();
        assert_eq!(hashes.len(), 4, "{hashes:?}");
        // The well-known digest of `var a = 1;`, computed independently.
        let expected = {
            let d = Sha256::digest(b"var a = 1;");
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(d)
            )
        };
        assert!(hashes.contains(&expected));
        let rules = Sha256::digest(br#"{"prerender":[]}"#);
        let rules = base64::engine::general_purpose::STANDARD.encode(rules);
        assert!(
            hashes.iter().any(|h| h.contains(&rules)),
            "speculation rules run only if listed"
        );
        let ld = Sha256::digest(br#"{"@type":"Article"}"#);
        let ld = base64::engine::general_purpose::STANDARD.encode(ld);
        assert!(
            !hashes.iter().any(|h| h.contains(&ld)),
            "data blocks are not scripts"
        );
    }

    #[test]
    fn a_changed_script_changes_the_policy() {
        let before = policy(&inline_script_hashes(PAGE).unwrap(), &BTreeSet::new(), true);
        let after = policy(
            &inline_script_hashes(&PAGE.replace("var a = 1;", "var a = 2;")).unwrap(),
            &BTreeSet::new(),
            true,
        );
        assert_ne!(before, after);
    }

    #[test]
    fn the_policy_is_strict() {
        let p = policy(&inline_script_hashes(PAGE).unwrap(), &BTreeSet::new(), true);
        assert!(p.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(!p.contains("unsafe-inline"));
        for directive in [
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(p.contains(directive), "{directive}");
        }
        assert!(!policy(&BTreeSet::new(), &BTreeSet::new(), false).contains("frame-ancestors"));
        assert!(
            !p.contains("frame-src"),
            "no frames, no frame-src: default-src applies"
        );
    }

    #[test]
    fn frame_src_lists_the_origins_of_the_pages_frames_and_videos() {
        let page = r#"<html><body>
<iframe src="https://player.example.org/v/1?x=2" title="a"></iframe>
<iframe src="https://player.example.org/v/2" title="b"></iframe>
<a data-frame="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1" href="https://www.youtube.com/watch?v=abcdefghijk">v</a>
</body></html>"#;
        let csp = stage([("a.html", page), ("b.html", PAGE)]).unwrap();
        let frames: Vec<&str> = csp.frames.iter().map(String::as_str).collect();
        assert_eq!(
            frames,
            [
                "https://player.example.org",
                "https://www.youtube-nocookie.com"
            ]
        );
        assert!(csp.header.contains(
            "frame-src 'self' https://player.example.org https://www.youtube-nocookie.com"
        ));
        assert!(csp
            .meta
            .contains("frame-src 'self' https://player.example.org"));
        assert!(csp.header.contains("style-src 'self';"), "{}", csp.header);
        assert!(!csp.header.contains("unsafe-inline"));
        assert!(!stage([("b.html", PAGE)])
            .unwrap()
            .header
            .contains("frame-src"));
    }

    #[test]
    fn a_page_whose_scripts_cannot_be_read_fails_naming_it() {
        // The HTML parser cannot tell how the browser would read what follows `<select><xmp>`:
        // a script there could hide from the policy.
        let page =
            "<html><body><select><xmp><script>var a = 1;</script></xmp></select></body></html>";
        let error = stage([("guide.html", PAGE), ("page.html", page)]).unwrap_err();
        let shown = error.to_string();
        assert!(
            shown.starts_with("page.html: its inline scripts cannot be read: "),
            "{shown}"
        );
        assert!(stage([("guide.html", PAGE)]).is_ok());
    }
}
