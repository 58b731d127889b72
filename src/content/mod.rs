//! Content: the typed article model, and (natively only) the Markdown parser that builds it.

pub mod json_ld;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod parse;
#[cfg(not(target_arch = "wasm32"))]
pub mod typography;

pub use model::*;

/// The build's content pipeline: parse the Markdown, then apply French typography.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(file: &str, source: &str) -> Result<Article, parse::ParseError> {
    let mut article = parse::parse_article(file, source)?;
    typography::typeset(&mut article);
    Ok(article)
}

/// The client's article, parsed as the build parses it: the fixture of the native tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn client_article() -> Article {
    let source = include_str!("../../content/chef-projet-digital.md");
    load("content/chef-projet-digital.md", source).expect("the client's text parses")
}
