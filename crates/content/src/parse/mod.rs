//! The Markdown parser: turns one Jekyll-style Markdown file into an [`Article`].
//!
//! It runs natively only (build hook, prerender, tests), never in the wasm.
//!
//! - `front`: the YAML front matter (pulldown-cmark's metadata block) into checked fields.
//! - `events`: pulldown-cmark's options (CommonMark, GFM tables, strikethrough, task lists,
//!   footnotes, heading attributes) and its event stream, handed to `tree` and `html`.
//! - `tree`: the events into typed blocks and inlines; `files`: the images and files they use;
//!   `autolink`: GFM's bare URLs, which pulldown-cmark does not read.
//! - `html`: the raw HTML allow-list: allowed elements become typed nodes, anything else is an
//!   error.
//! - `shape`: the blocks into a page: title, tagline, lead, contents, part, sections, ids.
//!
//! Every error is a [`ContentError`] naming the file and the 1-based line of the whole file (front
//! matter included). The parser stops at the first error and never panics, whatever the input.

mod autolink;
mod end;
mod events;
pub mod excerpt;
mod files;
mod front;
mod html;
mod media;
mod shape;
mod source;
mod start;
mod tree;

pub use files::resolve_path;
pub use front::FrontMatter;

use source::Source;
pub use source::{Addressing, Asset, PResult, PageSource, PostFile};

use crate::model::{Article, Post};

/// A parsed page, with what the site needs to place it.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    pub article: Article,
    /// `published: false` leaves the page out of the site.
    pub published: bool,
    /// The images the page shows, to copy into the site.
    pub files: Vec<Asset>,
    /// The line of `permalink:` (1 when absent), for the duplicate-permalink message.
    pub permalink_line: usize,
    /// Front matter `image` as written, and its line: the site resolves it.
    pub image: Option<(String, usize)>,
    /// The line of `ref:`, for the message when two pages of one language share it.
    pub reference_line: usize,
}

/// Parses a whole page file (front matter and body) into the typed model.
pub fn parse_page(source: &PageSource, text: &str) -> PResult<ParsedPage> {
    let src = Source::new(&source.file, text);
    let tree = events::build(&src, source)?;
    let front = FrontMatter::parse(&src, &tree.front_matter, source)?;
    let published = front.published;
    let permalink_line = front.permalink_line;
    let image = front.image.clone();
    let reference_line = front.reference.as_ref().map_or(1, |(_, line)| *line);
    let post = front.post.clone();
    let mut article = shape::shape(&src, front, tree.blocks, tree.footnotes, source)?;
    article.post = post.map(|p| Post {
        excerpt: p.excerpt.unwrap_or_else(|| {
            let separator = &source.addressing.excerpt_separator;
            excerpt::excerpt(&text[excerpt::body_start(text)..], separator)
        }),
        categories: p.categories,
        tags: p.tags,
        draft: p.draft,
    });
    Ok(ParsedPage {
        article,
        published,
        files: tree.files,
        permalink_line,
        image,
        reference_line,
    })
}

#[cfg(test)]
mod tests;
