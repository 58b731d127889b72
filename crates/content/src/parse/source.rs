//! Where a page comes from, and its text: what every part of the parser reads.

use std::path::{Path, PathBuf};

use crate::conventions::DEFAULT_LANG;
use crate::error::ContentError;
use crate::jekyll::dates::{Moment, Zone};

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
    /// How Jekyll's rules place the file: its address and its dates.
    pub addressing: Addressing,
}

/// What the site says of addresses and dates, and, for a post, what its path says.
#[derive(Debug, Clone)]
pub struct Addressing {
    /// The site's `permalink:`: a style name or a template.
    pub permalink: String,
    /// `collections.posts.permalink`: wins over `permalink` for posts.
    pub posts_permalink: Option<String>,
    /// `timezone:`, for dates written without an offset.
    pub zone: Zone,
    /// `excerpt_separator:`.
    pub excerpt_separator: String,
    /// The site's `title`: the home page's when it has none of its own, as Jekyll's themes
    /// title it.
    pub site_title: Option<String>,
    /// Set for a post or a draft.
    pub post: Option<PostFile>,
}

impl Default for Addressing {
    fn default() -> Self {
        let reading = crate::settings::Reading::default();
        Self {
            permalink: reading.permalink,
            posts_permalink: None,
            zone: Zone::utc(),
            excerpt_separator: reading.excerpt_separator,
            site_title: None,
            post: None,
        }
    }
}

/// What a post's path says of it.
#[derive(Debug, Clone)]
pub struct PostFile {
    /// The file name's day (midnight in the site's zone); a draft's last change.
    pub date: Moment,
    /// The file name without its date and extension, case kept (`Hello-World`).
    pub slug: String,
    /// The folders above `_posts/` and under it, in order.
    pub categories: Vec<String>,
    /// A file of `_drafts/`.
    pub draft: bool,
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
            addressing: Addressing::default(),
        }
    }
}

/// A file copied next to the pages with a content-hashed name (an image).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Asset {
    /// The file in the content folder.
    pub source: PathBuf,
    /// Its path under the base, without leading slash (`images/photo-0123456789abcdef.png`).
    pub output: String,
}

/// The whole file, with what is needed to turn byte offsets into line numbers.
pub(crate) struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    /// The number of the file's last line.
    last_line: usize,
}

impl<'a> Source<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
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
    pub fn line_of(&self, offset: usize) -> usize {
        // The file's last line, for an offset past its final newline (the end of the file).
        self.line_starts
            .partition_point(|&start| start <= offset)
            .clamp(1, self.last_line)
    }

    pub fn error(&self, line: usize, message: impl Into<String>) -> ContentError {
        ContentError::at(self.file, line, message)
    }
}
