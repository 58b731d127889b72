//! The site's content: what a page *is*, read from the Markdown the owner writes. Native only:
//! the build and the tests use it; the wasm never does.
//!
//! - [`model`]: the typed tree of a page; [`walk`] visits it;
//! - [`parse`]: one Markdown file into a page (front matter, event stream to tree, raw HTML
//!   allow-list, page shape); [`slug`], [`typography`] and [`highlight`] are the pure functions
//!   it applies;
//! - [`site`]: the whole content folder, every entry accounted for and links checked;
//!   [`settings`]: the site's settings (`_config.yml` and the environment);
//! - [`json_ld`]: the schema.org description of a page;
//! - [`ContentError`]: every fault, naming its file and, where there is one, its line.

mod error;
pub mod highlight;
pub mod json_ld;
pub mod model;
pub mod parse;
pub mod settings;
pub mod site;
pub mod slug;
pub mod typography;
pub mod walk;

pub use error::ContentError;
pub use model::*;
pub use settings::SiteSettings;

/// The language of pages and of the site when nothing says otherwise.
pub const DEFAULT_LANG: &str = "fr";

/// Whether a file or folder name is left out of the site, as Jekyll leaves it out: names that
/// start with `_` (drafts, `_config.yml`) or `.` (hidden files).
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// The id of a footnote's text.
pub fn footnote_id(id: &str) -> String {
    format!("fn-{id}")
}

/// The id of the `call`th call (1-based) of a footnote.
pub fn footnote_call_id(id: &str, call: usize) -> String {
    if call <= 1 {
        format!("fnref-{id}")
    } else {
        format!("fnref-{id}-{call}")
    }
}

/// One page parsed as the build parses it (typography included), without a content folder.
pub fn load(file: &str, source: &str) -> Result<Article, ContentError> {
    let mut article = parse::parse_page(&parse::PageSource::alone(file), source)?.article;
    if article.is_french() {
        typography::typeset(&mut article);
    }
    Ok(article)
}

/// The client's article, parsed as the build parses it: the fixture of the native tests here
/// and in the crates that render it.
pub fn client_article() -> Article {
    let source = include_str!("../../../content/chef-projet-digital.md");
    let mut article =
        load("content/chef-projet-digital.md", source).expect("the client's text parses");
    article.source = "chef-projet-digital.md".into();
    article
}
