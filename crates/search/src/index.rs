//! The index's files, as the build writes them and the browser reads them (postcard):
//!
//! - one [`Meta`]: how many sections each page has (each section is a document), the documents'
//!   lengths, and the shards' keys;
//! - [`Shard`]s: the terms that start with the same two characters, each with its postings (the
//!   documents that hold it, and how often, weighted by field). A search reads only the shards of
//!   its words;
//! - [`Texts`]: one file per page, its address, title and sections' text, read for the results
//!   shown;
//! - [`Whole`]: where the site is small enough, every shard and text again in one file, which
//!   the browser reads in the background once the first results are shown, so that the next
//!   keystrokes wait on no file and search then works offline for any query.
//!
//! The shards and the texts are named after their own bytes, which the meta lists: a build
//! after an edit writes anew only the files whose bytes changed, and a name always holds the
//! bytes the meta that names it was built with. The meta and the whole index carry the build's
//! id, a hash of the whole index: a whole index is read only with its meta.

use serde::{Deserialize, Serialize};

/// The format's version: a reader refuses any other.
pub const FORMAT: u32 = 3;

/// How much a term counts where it stands: in the page's title, in the section's heading, in
/// its text. A heading says what a section is about more than its title does, which every
/// section of a page shares.
pub const WEIGHTS: [u32; 3] = [2, 3, 1];

/// The index's entry point: what a search needs before it reads any term, small enough for a
/// site of thousands of pages. It names the other files: `terms-<i>-<hash>.bin` for the shard
/// `shards[i]` and `text-<p>-<hash>.bin` for page `p`, each after its bytes' [`file_hash`],
/// `whole-<build>.bin` for the whole index.
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
    /// Whether the build wrote the whole index in one file too ([`Whole`]).
    pub whole: bool,
    /// Each shard's [`file_hash`], in the order of `shards`.
    pub shard_hashes: Vec<u64>,
    /// Each page's text's [`file_hash`], in the order of the pages.
    pub text_hashes: Vec<u64>,
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
        let hash = self.shard_hashes.get(place).copied().unwrap_or_default();
        [
            SHARD_PREFIX,
            itoa::Buffer::new().format(place),
            "-",
            &hex(hash),
            ".bin",
        ]
        .concat()
    }

    /// The file of the whole index.
    pub fn whole_file(&self) -> String {
        [WHOLE_PREFIX, &self.build, ".bin"].concat()
    }

    /// The file of the text of page `page`.
    pub fn text_file(&self, page: u32) -> String {
        let hash = self
            .text_hashes
            .get(page as usize)
            .copied()
            .unwrap_or_default();
        [
            TEXT_PREFIX,
            itoa::Buffer::new().format(page),
            "-",
            &hex(hash),
            ".bin",
        ]
        .concat()
    }
}

/// A file's hash as its name carries it: FNV-1a over its bytes, 64 bits (the name also holds the
/// file's place, so two files of one index never share a name).
pub fn file_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// 16 hex digits, without the formatting machinery in the wasm.
fn hex(value: u64) -> String {
    (0..16)
        .rev()
        .map(|i| char::from(b"0123456789abcdef"[((value >> (i * 4)) & 0xf) as usize]))
        .collect()
}

/// How the index's files are named: the entry `index.bin` (which every page names, so that an
/// edit of one page changes no other page), the shards `terms-<place>-<hash>.bin`, the pages'
/// texts `text-<page>-<hash>.bin`, the whole index `whole-<build>.bin`.
pub const META_FILE: &str = "index.bin";
pub const SHARD_PREFIX: &str = "terms-";
pub const TEXT_PREFIX: &str = "text-";
pub const WHOLE_PREFIX: &str = "whole-";

/// Whether a file of the search's folder is one of the index's own (not its code, its words,
/// or the whole index, which repeats them).
pub fn is_index_file(name: &str) -> bool {
    name == META_FILE
        || name.ends_with(".bin")
            && [SHARD_PREFIX, TEXT_PREFIX]
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

/// The terms that start with the same two characters, sorted. Its `build` is empty: its name,
/// after its bytes, ties it to the meta that names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub format: u32,
    pub build: String,
    pub terms: Vec<Postings>,
}

/// A page's text, for the results shown: its address and title, and each section's. Its
/// `build` is empty, as a shard's.
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
    match take(bytes, build)? {
        (value, []) => Ok(value),
        _ => Err(ReadError::Corrupt),
    }
}

/// Reads a value at the start of `bytes` as [`read`] does, and gives what follows it.
fn take<'a, T: Stamped + for<'de> Deserialize<'de>>(
    bytes: &'a [u8],
    build: Option<&str>,
) -> Result<(T, &'a [u8]), ReadError> {
    let (value, rest): (T, &[u8]) =
        postcard::take_from_bytes(bytes).map_err(|_| ReadError::Corrupt)?;
    let (format, stamp) = value.stamp();
    if format != FORMAT {
        return Err(ReadError::Corrupt);
    }
    match build {
        Some(b) if b != stamp => Err(ReadError::OtherBuild),
        _ => Ok((value, rest)),
    }
}

/// The whole index's head: the length of each file it holds, the shards' in the order of the
/// meta's keys, then the pages' texts in the order of the pages. The files' bytes follow it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct WholeHead {
    format: u32,
    build: String,
    lengths: Vec<u32>,
}

impl Stamped for WholeHead {
    fn stamp(&self) -> (u32, &str) {
        (self.format, &self.build)
    }
}

/// The whole index of the build `build` in one file: the shards' files, then the texts'.
pub fn write_whole(build: &str, shards: &[Vec<u8>], texts: &[Vec<u8>]) -> Vec<u8> {
    let files = || shards.iter().chain(texts);
    let mut bytes = write(&WholeHead {
        format: FORMAT,
        build: build.to_string(),
        lengths: files()
            .map(|f| u32::try_from(f.len()).expect("an index file under 4 GiB"))
            .collect(),
    });
    for file in files() {
        bytes.extend_from_slice(file);
    }
    bytes
}

/// The whole index as read: each shard's and text's bytes, to be read as their own files are.
#[derive(Debug, Clone)]
pub struct Whole {
    bytes: Vec<u8>,
    /// Where each file starts in `bytes`, and where the last one ends.
    bounds: Vec<usize>,
    shards: usize,
}

impl Whole {
    /// Reads the whole index of `meta`'s build: it must hold a file for each of its shards and
    /// pages, and nothing else.
    pub fn read(bytes: Vec<u8>, meta: &Meta) -> Result<Self, ReadError> {
        let (head, rest): (WholeHead, _) = take(&bytes, Some(&meta.build))?;
        let start = bytes.len() - rest.len();
        let bounds: Vec<usize> = std::iter::once(start)
            .chain(head.lengths.iter().scan(start, |end, length| {
                *end = end.saturating_add(*length as usize);
                Some(*end)
            }))
            .collect();
        let files = meta.shards.len() + meta.sections.len();
        if head.lengths.len() != files || bounds.last() != Some(&bytes.len()) {
            return Err(ReadError::Corrupt);
        }
        Ok(Self {
            bytes,
            bounds,
            shards: meta.shards.len(),
        })
    }

    fn file(&self, i: usize) -> Option<&[u8]> {
        Some(&self.bytes[*self.bounds.get(i)?..*self.bounds.get(i + 1)?])
    }

    /// The bytes of the shard at `place`.
    pub fn shard(&self, place: usize) -> Option<&[u8]> {
        self.file(place).filter(|_| place < self.shards)
    }

    /// The bytes of page `page`'s text.
    pub fn text(&self, page: u32) -> Option<&[u8]> {
        self.file(self.shards + page as usize)
    }
}

/// Writes an index file.
pub fn write<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).expect("an index file serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{index, Built, IndexPage, Section};
    use crate::query::{Engine, Query};

    fn built(build: &str) -> Built {
        let page = |url: &str, title: &str, prose: &[&str]| IndexPage {
            url: url.into(),
            title: title.into(),
            lang: "fr".into(),
            sections: prose
                .iter()
                .enumerate()
                .map(|(i, p)| Section {
                    anchor: Some(format!("s{i}")),
                    heading: format!("Partie {i}"),
                    prose: p.to_string(),
                    code: String::new(),
                })
                .collect(),
        };
        index(
            &[
                page(
                    "/a.html",
                    "Les équipes",
                    &["Une équipe mène le projet.", "Le budget."],
                ),
                page("/b.html", "Les outils", &["Des tableaux et des projets."]),
                page(
                    "/c.html",
                    "Le réseau",
                    &["Les réseaux sociaux d’une marque."],
                ),
            ],
            build,
        )
    }

    #[test]
    fn the_whole_index_holds_each_file_as_written() {
        let mut built = built("b1");
        let bytes = built.whole();
        assert!(built.meta.whole);
        let whole = Whole::read(bytes, &built.meta).unwrap();
        for (place, shard) in built.shards.iter().enumerate() {
            assert_eq!(whole.shard(place), Some(&shard[..]));
        }
        for (page, text) in built.texts.iter().enumerate() {
            assert_eq!(whole.text(page as u32), Some(&text[..]));
        }
        assert_eq!(whole.shard(built.shards.len()), None);
        assert_eq!(whole.text(built.texts.len() as u32), None);
    }

    #[test]
    fn a_whole_index_cut_short_lengthened_or_of_another_build_or_site_is_refused() {
        let mut first = built("b1");
        let bytes = first.whole();
        let meta = first.meta.clone();
        let cut = bytes[..bytes.len() - 1].to_vec();
        assert_eq!(Whole::read(cut, &meta).err(), Some(ReadError::Corrupt));
        let longer = [&bytes[..], &[0]].concat();
        assert_eq!(Whole::read(longer, &meta).err(), Some(ReadError::Corrupt));
        let other = built("b2").whole();
        assert_eq!(Whole::read(other, &meta).err(), Some(ReadError::OtherBuild));
        // The same build's id with a page fewer: its files do not match the meta's.
        let mut fewer = meta.clone();
        fewer.sections.pop();
        assert_eq!(Whole::read(bytes, &fewer).err(), Some(ReadError::Corrupt));
        assert_eq!(
            Whole::read(b"junk".to_vec(), &meta).err(),
            Some(ReadError::Corrupt)
        );
    }

    #[test]
    fn with_the_whole_index_the_engine_asks_for_no_file_and_answers_the_same() {
        let mut from_whole = {
            let mut built = built("b1");
            let bytes = built.whole();
            let mut engine = Engine::new(built.meta.clone());
            engine.add_whole(Whole::read(bytes, &built.meta).unwrap());
            engine
        };
        let from_files = built("b1").into_engine();
        for typed in ["équipe", "projets", "reseaux soc", "budget", "zèbre"] {
            let query = Query::parse(typed);
            assert_eq!(from_whole.missing_shards(&query), Ok(Vec::new()), "{typed}");
            let hits = from_whole.search(&query);
            assert_eq!(hits, from_files.search(&query), "{typed}");
            assert_eq!(from_whole.missing_texts(&hits), Ok(Vec::new()), "{typed}");
            let found = |e: &Engine| -> Vec<_> {
                hits.iter().filter_map(|h| e.result(h, &query)).collect()
            };
            assert_eq!(found(&from_whole), found(&from_files), "{typed}");
            assert_eq!(found(&from_whole).is_empty(), typed == "zèbre", "{typed}");
        }
    }

    #[test]
    fn without_the_whole_index_the_engine_names_the_files_to_fetch() {
        let built = built("b1");
        let mut engine = Engine::new(built.meta.clone());
        let query = Query::parse("équipe");
        let shards = engine.missing_shards(&query).unwrap();
        assert_eq!(shards.len(), 1);
        assert_eq!(shards[0].1, built.meta.shard_file(shards[0].0));
        assert!(shards[0].1.starts_with(SHARD_PREFIX));
    }
}
