//! Old addresses that lead elsewhere, as jekyll-redirect-from writes them: a small page at each
//! (a meta refresh and a canonical link, which every host serves, GitHub Pages included), and
//! the `_redirects` file that Netlify and Cloudflare Pages read, where the move is a real 301.

use std::path::PathBuf;

use cpd_content::site::Redirect;
use cpd_content::SiteSettings;

use crate::error::Result;
use crate::files::write;
use crate::fill::fill;
use crate::plan::Plan;
use crate::policy::REDIRECTS_FILE;

/// The redirect page, with its slots.
const TEMPLATE: &str = include_str!("redirect.html");

/// The stage: a page at each old address, and `_redirects`; nothing for a site without any.
pub fn stage(plan: &Plan) -> Result<Vec<PathBuf>> {
    let site = &plan.site;
    let settings = &site.settings;
    if site.redirects.is_empty() {
        return Ok(Vec::new());
    }
    let out = &plan.options.out;
    let mut written = Vec::with_capacity(site.redirects.len() + 1);
    for redirect in &site.redirects {
        let page = page(redirect, settings)?;
        written.push(write(
            &out.join(redirect.from.trim_start_matches('/')),
            page.as_bytes(),
        )?);
    }
    let rules = rules(&site.redirects, settings);
    written.push(write(&out.join(REDIRECTS_FILE), rules.as_bytes())?);
    Ok(written)
}

/// Where a redirect leads, as links write it: a path of the site under its base (so the move
/// works on any host the site is previewed on), or the absolute URL given.
fn href(redirect: &Redirect, settings: &SiteSettings) -> String {
    match redirect.to.starts_with('/') {
        true => settings.href(&redirect.to),
        false => redirect.to.clone(),
    }
}

/// The page at an old address: it names and links the new one, gives it as canonical
/// (absolute), and sends the browser there.
fn page(redirect: &Redirect, settings: &SiteSettings) -> Result<String> {
    let url = href(redirect, settings);
    let canonical = match redirect.to.starts_with('/') {
        true => settings.absolute(&redirect.to),
        false => redirect.to.clone(),
    };
    fill(
        "redirect.html",
        TEMPLATE,
        &[
            (
                "LANG",
                &html_escape::encode_double_quoted_attribute(&settings.lang),
            ),
            ("TITLE", &html_escape::encode_text(&canonical)),
            (
                "CANONICAL",
                &html_escape::encode_double_quoted_attribute(&canonical),
            ),
            ("URL", &html_escape::encode_double_quoted_attribute(&url)),
        ],
    )
}

/// `_redirects`: `from to 301` lines, for each form of the old address under the base, as links
/// write it (`/old`, `/old/`) and as the file it was (`/old.html`, `/old/index.html`): an old link
/// to the file moves in one hop, not through Cloudflare's `.html` → pretty-address redirect.
/// Netlify applies a rule over an existing file (the page above) only when forced, a syntax
/// Cloudflare Pages rejects: forced for `host: netlify` only; elsewhere Netlify serves the page.
pub fn rules(redirects: &[Redirect], settings: &SiteSettings) -> String {
    let status = match settings.hosting.host.forces_redirects() {
        true => "301!",
        false => "301",
    };
    let mut out = String::new();
    for redirect in redirects {
        let to = href(redirect, settings);
        let address = cpd_content::page_url(&redirect.from);
        out.push_str(&format!("{} {to} {status}\n", settings.href(address)));
        if address != redirect.from {
            out.push_str(&format!(
                "{} {to} {status}\n",
                settings.href(&redirect.from)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(from: &str, to: &str) -> Redirect {
        Redirect {
            from: from.into(),
            to: to.into(),
            source: "a.md".into(),
        }
    }

    #[test]
    fn the_rules_read_by_netlify_and_cloudflare() {
        let settings = SiteSettings::at("https://ex.org", "/blog/");
        let rules = rules(
            &[
                redirect("/old/index.html", "/new/"),
                redirect("/gone.html", "https://elsewhere.example/x?a=1&b=2"),
            ],
            &settings,
        );
        assert_eq!(
            rules,
            "/blog/old/ /blog/new/ 301\n/blog/old/index.html /blog/new/ 301\n\
             /blog/gone https://elsewhere.example/x?a=1&b=2 301\n\
             /blog/gone.html https://elsewhere.example/x?a=1&b=2 301\n"
        );
    }

    #[test]
    fn netlify_alone_gets_forced_rules() {
        let mut settings = SiteSettings::at("https://ex.org", "/");
        settings.hosting.host = cpd_content::settings::Host::Netlify;
        assert_eq!(
            rules(&[redirect("/old.html", "/new/")], &settings),
            "/old /new/ 301!\n/old.html /new/ 301!\n"
        );
    }

    #[test]
    fn a_redirect_page_names_its_target_escaped() {
        let settings = SiteSettings::at("https://ex.org", "/");
        let html = page(
            &redirect("/x.html", "https://e.example/?a=\"1\"&b=<2>"),
            &settings,
        )
        .unwrap();
        let url = "https://e.example/?a=&quot;1&quot;&amp;b=&lt;2&gt;";
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{html}"
        );
        assert!(
            html.contains(&format!("content=\"0; url={url}\"")),
            "{html}"
        );
        let html = page(&redirect("/x.html", "/new/"), &settings).unwrap();
        assert!(
            html.contains("rel=\"canonical\" href=\"https://ex.org/new/\""),
            "{html}"
        );
        assert!(html.contains("content=\"0; url=/new/\""), "{html}");
    }
}
