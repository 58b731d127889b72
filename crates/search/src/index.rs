//! The index's files, as the build writes them and the browser reads them (postcard):
//!
//! - one [`Meta`]: the pages, their sections (each section is a document), the documents'
//!   lengths, and the names of the other files;
//! - [`Shard`]s: the terms that start with one character, each with its postings (the
//!   documents that hold it, and how often, weighted by field). A search reads only the shards of
//!   the characters its words start with;
//! - [`Texts`]: the documents' text, in chunks, for the excerpts of the results shown.
//!
//! Every file carries the build's id: files of two deploys are never read together.

use serde::{Deserialize, Serialize};

/// The format's version: a reader refuses any other.
pub const FORMAT: u32 = 1;

/// How much a term counts where it stands: in the page's title, in the section's heading, in
/// its text. A heading says what a section is about more than its title does, which every
/// section of a page shares.
pub const WEIGHTS: [u32; 3] = [2, 3, 1];

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Its address, under the base path (`/guide/syntaxe.html`).
    pub url: String,
    pub title: String,
}

/// A document: a section of a page (or the page's introduction, without an anchor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// Its page, in [`Meta::pages`].
    pub page: u32,
    /// The id of its heading, `None` for the page's introduction.
    pub anchor: Option<String>,
    /// Its heading's text (the page's title for the introduction).
    pub heading: String,
    /// Its length in terms, weighted by field as its postings are.
    pub length: u32,
    /// The chunk of [`Meta::texts`] that holds its text.
    pub chunk: u32,
}

/// The index's entry point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub format: u32,
    /// The build's id.
    pub build: String,
    pub pages: Vec<Page>,
    pub docs: Vec<Doc>,
    /// The documents' average length.
    pub average_length: f32,
    /// Each shard's first character, and its file's name (beside the meta's).
    pub shards: Vec<(char, String)>,
    /// The text chunks' files, in order.
    pub texts: Vec<String>,
}

/// A term and the documents that hold it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Postings {
    pub term: String,
    /// The documents, in order, each as the difference from the one before (small numbers
    /// take one byte).
    pub doc_steps: Vec<u32>,
    /// How often the term stands in each document, weighted by field ([`WEIGHTS`]).
    pub weights: Vec<u32>,
}

impl Postings {
    /// The documents and their weights.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.doc_steps
            .iter()
            .scan(0u32, |doc, step| {
                *doc += step;
                Some(*doc)
            })
            .zip(self.weights.iter().copied())
    }
}

/// The terms that start with one character, sorted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub format: u32,
    pub build: String,
    pub terms: Vec<Postings>,
}

/// The text of some documents, for excerpts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Texts {
    pub format: u32,
    pub build: String,
    /// Each document and its text.
    pub docs: Vec<(u32, String)>,
}

/// The character a term's shard is named after.
pub fn shard_key(term: &str) -> char {
    term.chars().next().unwrap_or('_')
}

/// Why an index file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a file of this format: truncated, corrupt, or another program's.
    Corrupt,
    /// A file of this format, from another deploy than the page's.
    OtherBuild,
}

/// Something every index file has: its format and its build.
pub trait Stamped {
    fn stamp(&self) -> (u32, &str);
}

impl Stamped for Meta {
    fn stamp(&self) -> (u32, &str) {
        (self.format, &self.build)
    }
}
impl Stamped for Shard {
    fn stamp(&self) -> (u32, &str) {
        (self.format, &self.build)
    }
}
impl Stamped for Texts {
    fn stamp(&self) -> (u32, &str) {
        (self.format, &self.build)
    }
}

/// Reads an index file, checking its format, that nothing is left over, and, where `build` is
/// given, that it is of that build.
pub fn read<T: Stamped + for<'de> Deserialize<'de>>(
    bytes: &[u8],
    build: Option<&str>,
) -> Result<T, ReadError> {
    let (value, rest): (T, &[u8]) =
        postcard::take_from_bytes(bytes).map_err(|_| ReadError::Corrupt)?;
    let (format, stamp) = value.stamp();
    if !rest.is_empty() || format != FORMAT {
        return Err(ReadError::Corrupt);
    }
    match build {
        Some(b) if b != stamp => Err(ReadError::OtherBuild),
        _ => Ok(value),
    }
}

/// Writes an index file.
pub fn write<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).expect("an index file serialises")
}
