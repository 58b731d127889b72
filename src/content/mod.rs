//! Content: the typed page model, and (natively only) the Markdown parser that builds it.
//!
//! - `model`: the typed tree of a page; `walk` visits it.
//! - `parse`: one Markdown file into a page; `site`: the whole content folder, links checked.
//! - `slug`, `typography`, `highlight`: pure functions the parser applies.

#[cfg(not(target_arch = "wasm32"))]
pub mod highlight;
pub mod json_ld;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod parse;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
#[cfg(not(target_arch = "wasm32"))]
pub mod slug;
#[cfg(not(target_arch = "wasm32"))]
pub mod typography;
pub mod walk;

pub use model::*;

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
#[cfg(not(target_arch = "wasm32"))]
pub fn load(file: &str, source: &str) -> Result<Article, parse::ParseError> {
    let mut article = parse::parse_page(&parse::PageSource::alone(file), source)?.article;
    if article.is_french() {
        typography::typeset(&mut article);
    }
    Ok(article)
}

/// The client's article, parsed as the build parses it: the fixture of the native tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn client_article() -> Article {
    let source = include_str!("../../content/chef-projet-digital.md");
    let mut article =
        load("content/chef-projet-digital.md", source).expect("the client's text parses");
    article.source = "chef-projet-digital.md".into();
    article
}
