//! What moves: the page's `#[island]`s, the only parts of a page the browser hydrates.
//!
//! Everything else (title, lead, contents, sections, prose) is plain HTML from the build. Each
//! island is exported from the wasm by the `#[island]` macro and hydrated by the loader the
//! prerender writes into each page, one island per task:
//!
//! - [`Reader`] holds `leptos_router`'s `<Router>` for the moves between anchors, and what
//!   follows the reader: focus and title after a navigation ([`nav`]), the section in view and
//!   « Haut de page » ([`spy`]). The page is its children;
//! - [`SectionMenu`]: the phone menu's disclosure;
//! - [`CopyLink`]: a heading's "#" link that copies the section's address and says so
//!   ([`announce`]);
//! - [`PlayVideo`]: a video's link that loads the player in its place on a click.
//!
//! No island takes props: what they need is in their markup (the names they share with the
//! components are in [`crate::dom`]), so the wasm carries no JSON decoder and the pages no
//! serialised model. Every byte of wasm counts here: state that only the islands' own markup
//! shows is written to it from event handlers and effects, rather than through reactive
//! attributes, which Leptos compiles anew for each one.

pub mod announce;
mod copy_link;
mod effect;
pub mod nav;
mod play_video;
mod reader;
mod section_menu;
pub mod spy;

pub use copy_link::CopyLink;
pub use play_video::PlayVideo;
pub use reader::Reader;
pub use section_menu::SectionMenu;
