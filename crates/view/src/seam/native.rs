//! The build's side of the seam: pages are rendered here, never hydrated.

use cpd_content::SiteSettings;
use leptos::prelude::*;

/// Nothing runs natively but the build, which renders pages: there is no root to set up.
pub fn start() {}

/// The router's base, from the site's settings the build provides while it renders a page:
/// empty at the root, `/docs` under a sub-path.
pub fn router_base() -> String {
    use_context::<SiteSettings>()
        .map(|settings| settings.base.trim_end_matches('/').to_string())
        .unwrap_or_default()
}
