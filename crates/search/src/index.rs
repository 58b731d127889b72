//! The index's files, as the build writes them and the browser reads them (postcard):
//!
//! - one [`Meta`]: how many sections each page has (each section is a document), the documents'
//!   lengths, and the shards' keys;
//! - [`Shard`]s: the terms that start with the same two characters, each with its postings (the
//!   documents that hold it, and how often, weighted by field). A search reads only the shards of
//!   its words;
//! - [`Texts`]: one file per page, its address, title and sections' text, read for the results
//!   shown.
//!
//! Every file carries the build's id: files of two deploys are never read together.

use serde::{Deserialize, Serialize};

/// The format's version: a reader refuses any other.
pub const FORMAT: u32 = 1;

/// How much a term counts where it stands: in the page's title, in the section's heading, in
/// its text. A heading says what a section is about more than its title does, which every
/// section of a page shares.
pub const WEIGHTS: [u32; 3] = [2, 3, 1];

/// The index's entry point: what a search needs before it reads any term, small enough for a
/// site of thousands of pages. Its other files are named after it: `terms-<i>-<build>.bin` for
/// the shard `shards[i]`, `text-<p>-<build>.bin` for page `p`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub format: u32,
    /// The build's id: 16 hex digits of a hash of the index's content.
    pub build: String,
    /// How many documents (sections) each page has: documents are numbered page by page.
    pub sections: Vec<u16>,
    /// Each document's length in terms, weighted by field, as a byte ([`norm`]).
    pub norms: Vec<u8>,
    /// The documents' average length.
    pub average_length: f32,
    /// The shards' keys (the first two characters of their terms), sorted.
    pub shards: Vec<String>,
}

impl Meta {
    /// The number of documents.
    pub fn docs(&self) -> usize {
        self.norms.len()
    }

    /// The page of each document, in order.
    pub fn pages(&self) -> Vec<u32> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(page, n)| std::iter::repeat_n(page as u32, usize::from(*n)))
            .collect()
    }

    /// The file of the shard at `place`.
    pub fn shard_file(&self, place: usize) -> String {
        [
            SHARD_PREFIX,
            itoa::Buffer::new().format(place),
            "-",
            &self.build,
            ".bin",
        ]
        .concat()
    }

    /// The file of the text of page `page`.
    pub fn text_file(&self, page: u32) -> String {
        [
            TEXT_PREFIX,
            itoa::Buffer::new().format(page),
            "-",
            &self.build,
            ".bin",
        ]
        .concat()
    }
}

/// How the index's files are named: the entry `index-<hash>.bin`, the shards
/// `terms-<place>-<build>.bin`, the pages' texts `text-<page>-<build>.bin`.
pub const META_PREFIX: &str = "index-";
pub const SHARD_PREFIX: &str = "terms-";
pub const TEXT_PREFIX: &str = "text-";

/// Whether a file of the search's folder is one of the index's (not its code or its words).
pub fn is_index_file(name: &str) -> bool {
    name.ends_with(".bin")
        && [META_PREFIX, SHARD_PREFIX, TEXT_PREFIX]
            .iter()
            .any(|p| name.starts_with(p))
}

/// A document's length as a byte: `4·log2(1 + length)`, within 10 % of it for any length a
/// section has, which is all BM25's normalisation needs.
pub fn norm(length: u32) -> u8 {
    (4.0 * (1.0 + length as f32).log2()).round().min(255.0) as u8
}

/// The length a [`norm`] stands for.
pub fn length(norm: u8) -> f32 {
    (f32::from(norm) / 4.0).exp2() - 1.0
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

/// The terms that start with the same two characters, sorted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub format: u32,
    pub build: String,
    pub terms: Vec<Postings>,
}

/// A page's text, for the results shown: its address and title, and each section's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Texts {
    pub format: u32,
    pub build: String,
    /// The page's address, under the base path.
    pub url: String,
    pub title: String,
    /// Each of its sections, in order.
    pub sections: Vec<SectionText>,
}

/// A section's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionText {
    /// Its heading's id, `None` for the page's introduction.
    pub anchor: Option<String>,
    /// Its heading's text (the page's title for the introduction).
    pub heading: String,
    pub text: String,
}

/// The shard a term is in: its first two characters. A word of one character typed so far is
/// the prefix of several shards, and matches only as a whole word.
pub fn shard_key(term: &str) -> String {
    term.chars().take(2).collect()
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
