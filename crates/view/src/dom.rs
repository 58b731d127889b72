//! The names the build's markup and the islands share: the islands find by these what the
//! components rendered. A leaf module, so that components and islands both depend on it and not
//! on each other.

/// The note about a late or failed start: the inline script fills it, the loader empties it.
pub const APP_STATUS_ID: &str = "app-status";

/// The polite live region the islands speak through (« Lien copié »).
pub const LIVE_REGION_ID: &str = "annonces";

/// The class a live region has while it shows a message.
pub const LIVE_REGION_SHOWN: &str = "toast--shown";
/// The live region's attributes holding what the islands say, in the page's language
/// (`components::LiveRegion` writes them).
pub const SAID_COPIED: &str = "data-copied";
pub const SAID_NOT_COPIED: &str = "data-not-copied";

/// « Haut de page », shown once the reader is past the first screen.
pub const BACK_TO_TOP_ID: &str = "haut-de-page";

/// The phone menu's panel, named by its button's `aria-controls`.
pub const MENU_PANEL_ID: &str = "menu-sections";

/// The attribute of a "#" link that holds the section's address, relative to the origin.
pub const SHARE_ATTR: &str = "data-share";

macro_rules! base_meta {
    () => {
        "cpd-base"
    };
}

/// The name of the `<meta>` that carries the base path from the HTML to the wasm.
pub const BASE_META: &str = base_meta!();

/// The selector of that `<meta>`, written out so the wasm formats nothing to find it.
pub const BASE_META_SELECTOR: &str = concat!("meta[name=\"", base_meta!(), "\"]");

/// The bar's search button, which the loader shows once the page's islands are up.
pub const SEARCH_BUTTON_ID: &str = "search-open";

/// The attribute of a video's link that holds its player's address, which the video island
/// loads in a frame on a click; the CSP's `frame-src` lists its origin.
pub const FRAME_ATTR: &str = "data-frame";

/// The attribute of a video's link that holds the title the player's frame gets.
pub const FRAME_TITLE_ATTR: &str = "data-frame-title";
