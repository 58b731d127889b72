//! What moves: the page's `#[island]`s, the only parts of a page the browser hydrates.
//!
//! Everything else (title, lead, contents, sections, prose) is plain HTML from the build. Each
//! island is exported from the wasm by the `#[island]` macro and hydrated by the page's loader
//! (`src/build/loader.js`), one island per task:
//!
//! - [`Reader`] holds `leptos_router`'s `<Router>` for the moves between anchors, and what
//!   follows the reader: focus and title after a navigation ([`nav`]), the section in view
//!   ([`spy`]), back to top and the live region. The page is its children, so the islands
//!   nested in it find its context;
//! - [`SectionMenu`]: the phone menu's disclosure;
//! - [`CopyLink`]: a heading's "#" link that copies the section's address.
//!
//! No island takes props: what they need is in their markup, so the wasm carries no JSON
//! decoder and the pages no serialised model.

mod back_to_top;
pub mod copy_link;
mod live_region;
pub mod nav;
mod reader;
mod section_menu;
pub mod spy;

pub use copy_link::CopyLink;
pub use live_region::{Announcement, LiveRegion};
pub use reader::Reader;
pub use section_menu::{SectionMenu, MENU_PANEL_ID};
