//! The site's content: what a page *is*, read from the Markdown the owner writes. Native only:
//! the build and the tests use it; the wasm never does.
//!
//! - [`model`]: the typed tree of a page; [`walk`] visits it;
//! - [`parse`]: one Markdown file into a page (front matter, event stream to tree, raw HTML
//!   allow-list, page shape); [`slug`], [`typography`] and [`highlight`] are the pure functions
//!   it applies;
//! - [`site`]: the whole content folder, every entry accounted for and links checked;
//!   [`settings`]: the site's settings (`_config.yml` and the environment);
//! - [`liquid`]: the Liquid subset Jekyll runs over a Markdown file before the parse;
//! - [`json_ld`]: the schema.org description of a page; [`i18n`]: the interface's words, one
//!   table per language;
//! - [`ContentError`]: every fault, naming its file and, where there is one, its line.

pub mod conventions;
mod error;
pub mod highlight;
pub mod i18n;
pub mod jekyll;
pub mod json_ld;
pub mod liquid;
pub mod model;
pub mod parse;
pub mod settings;
pub mod site;
pub mod slug;
pub mod typography;
pub mod walk;

pub use conventions::{is_hidden, DEFAULT_LANG};
pub use error::ContentError;
pub use i18n::{Tables, Words};
pub use model::*;
pub use settings::SiteSettings;
pub use site::{client_article, load};
