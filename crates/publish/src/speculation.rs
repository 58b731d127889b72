//! Page to page as fast as a click: Speculation Rules in every page's head let the browser
//! prerender a page of the site when the reader shows intent (`moderate`: the pointer resting on
//! a link, or pressed on it), and prefetch it where prerendering is not supported. The next
//! page is then already rendered when the click comes, its islands hydrated.
//!
//! The rules are data (JSON in a `<script type="speculationrules">`), which the policy lists by
//! hash like any inline script (`crate::csp`). They name pages only: the site's own HTML pages
//! (an address without an extension, a folder's `/`, an old `*.html`), never its files (a feed,
//! an image, a download: a name with a dot) nor another site.

use cpd_content::SiteSettings;
use serde::Serialize;

/// The rules, as the browser reads them.
#[derive(Debug, Serialize)]
struct Rules {
    prerender: [Rule; 1],
    prefetch: [Rule; 1],
}

#[derive(Debug, Clone, Serialize)]
struct Rule {
    #[serde(rename = "where")]
    condition: serde_json::Value,
    eagerness: &'static str,
}

/// The rules for a site at `settings.base`.
pub fn rules(settings: &SiteSettings) -> String {
    let base = &settings.base;
    let folders_and_files = [base.clone(), format!("{base}*/"), format!("{base}*.html")];
    let pages = serde_json::json!({ "or": [
        { "href_matches": folders_and_files },
        { "and": [
            { "href_matches": format!("{base}*") },
            { "not": { "href_matches": format!("{base}*.*") } },
        ]},
    ]});
    let rule = Rule {
        condition: serde_json::json!({ "and": [
            pages,
            // A link to this page's own sections is the in-page router's; a download is a file.
            { "not": { "selector_matches": "[href^='#'], [download]" } },
        ]}),
        eagerness: "moderate",
    };
    cpd_content::json_ld::script_json(&Rules {
        prerender: [rule.clone()],
        prefetch: [rule],
    })
}

/// The tag every page's head carries.
pub fn head_tag(settings: &SiteSettings) -> String {
    format!(
        "<script type=\"speculationrules\">{}</script>",
        rules(settings)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_name_the_site_s_pages_under_its_base() {
        let rules: serde_json::Value =
            serde_json::from_str(&rules(&SiteSettings::at("https://ex.org", "/docs/"))).unwrap();
        for kind in ["prerender", "prefetch"] {
            let rule = &rules[kind][0];
            assert_eq!(rule["eagerness"], "moderate");
            let pages = &rule["where"]["and"][0]["or"];
            assert_eq!(
                pages[0]["href_matches"],
                serde_json::json!(["/docs/", "/docs/*/", "/docs/*.html"])
            );
            assert_eq!(pages[1]["and"][0]["href_matches"], "/docs/*");
            assert_eq!(pages[1]["and"][1]["not"]["href_matches"], "/docs/*.*");
        }
    }

    #[test]
    fn a_base_path_cannot_close_the_script() {
        let tag = head_tag(&SiteSettings::at("https://ex.org", "/a</script><b>/"));
        assert_eq!(tag.matches("</script>").count(), 1);
        assert!(tag.ends_with("</script>"));
    }
}
