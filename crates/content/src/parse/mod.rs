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
mod files;
mod front;
mod html;
mod media;
mod shape;
mod start;
mod tree;

use std::path::{Path, PathBuf};

pub use files::resolve_path;
pub use front::{iso_date, language_tag, FrontMatter};

use crate::model::Article;
use crate::{ContentError, DEFAULT_LANG};

pub type PResult<T> = Result<T, ContentError>;

/// Where a page comes from: what the parser needs besides its text.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// The file as messages name it (`content/guide/a.md`).
    pub file: String,
    /// The path relative to the content folder, with `/` separators (`guide/a.md`): the page's
    /// default permalink and the key of links to its source.
    pub rel_path: String,
    /// The content folder, where images are looked up; `None` when a page is parsed alone (then an
    /// image is an error).
    pub root: Option<PathBuf>,
    /// The site's default language.
    pub site_lang: String,
}

impl PageSource {
    /// A page parsed on its own, without a content folder (tests, the fuzzer).
    pub fn alone(file: &str) -> Self {
        Self {
            file: file.to_string(),
            rel_path: Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            root: None,
            site_lang: DEFAULT_LANG.to_string(),
        }
    }
}

/// A file copied next to the pages with a content-hashed name (an image).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file in the content folder.
    pub source: PathBuf,
    /// Its path under the base, without leading slash (`images/photo-0123456789abcdef.png`).
    pub output: String,
}

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
}

/// Parses a whole page file (front matter and body) into the typed model.
pub fn parse_page(source: &PageSource, text: &str) -> PResult<ParsedPage> {
    let src = Source::new(&source.file, text);
    let tree = events::build(&src, source)?;
    let front = FrontMatter::parse(&src, &tree.front_matter, source)?;
    let published = front.published;
    let permalink_line = front.permalink_line;
    let image = front.image.clone();
    let article = shape::shape(&src, front, tree.blocks, tree.footnotes, source)?;
    Ok(ParsedPage {
        article,
        published,
        files: tree.files,
        permalink_line,
        image,
    })
}

/// The whole file, with what is needed to turn byte offsets into line numbers.
pub(crate) struct Source<'a> {
    file: &'a str,
    text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    /// The number of the file's last line.
    last_line: usize,
}

impl<'a> Source<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            file,
            text,
            line_starts,
            last_line: text.lines().count().max(1),
        }
    }

    /// The 1-based line holding this byte offset of the file.
    fn line_of(&self, offset: usize) -> usize {
        // The file's last line, for an offset past its final newline (the end of the file).
        self.line_starts
            .partition_point(|&start| start <= offset)
            .clamp(1, self.last_line)
    }

    fn error(&self, line: usize, message: impl Into<String>) -> ContentError {
        ContentError::at(self.file, line, message)
    }
}

#[cfg(test)]
mod tests;
