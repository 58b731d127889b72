//! Building the index from the site's pages, section by section (the build runs it natively,
//! from the typed content tree).

use std::collections::BTreeMap;

use crate::analyze::{code_terms, Analyzer, Lang};
use crate::index::{
    file_hash, norm, shard_key, write, write_whole, Meta, Postings, SectionText, Shard, Texts,
    FORMAT, WEIGHTS,
};

/// A section of a page, as the index reads it.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Its heading's id, `None` for the page's introduction.
    pub anchor: Option<String>,
    pub heading: String,
    /// Its prose, stemmed in the page's language.
    pub prose: String,
    /// Its code, indexed as written.
    pub code: String,
}

/// A page, as the index reads it.
#[derive(Debug, Clone)]
pub struct IndexPage {
    pub url: String,
    pub title: String,
    /// Its language tag (`fr`, `en-GB`…).
    pub lang: String,
    pub sections: Vec<Section>,
}

/// The index's files: the meta, the shards in the order of its keys, the pages' texts in the
/// order of the pages. Their names follow from the meta (`Meta::shard_file`,
/// `Meta::text_file`).
pub struct Built {
    pub meta: Meta,
    pub shards: Vec<Vec<u8>>,
    pub texts: Vec<Vec<u8>>,
}

impl Built {
    /// The bytes of the shards' and texts' files together.
    pub fn size(&self) -> usize {
        self.shards.iter().chain(&self.texts).map(Vec::len).sum()
    }

    /// Says that the index is written whole too ([`Meta::whole`]), and gives that file.
    pub fn whole(&mut self) -> Vec<u8> {
        self.meta.whole = true;
        write_whole(&self.meta.build, &self.shards, &self.texts)
    }

    /// An engine that has read every file of this index, as a browser does bit by bit: for
    /// tests, and for measuring the index's answers natively.
    pub fn into_engine(self) -> crate::query::Engine {
        let mut engine = crate::query::Engine::new(self.meta);
        for (place, bytes) in self.shards.iter().enumerate() {
            engine.add_shard(place, crate::index::read(bytes, None).expect("a shard"));
        }
        for (page, bytes) in self.texts.iter().enumerate() {
            engine.add_texts(
                page as u32,
                crate::index::read(bytes, None).expect("a text"),
            );
        }
        engine
    }
}

/// Indexes `pages` for the build `build` (16 hex digits that change with the index's content).
pub fn index(pages: &[IndexPage], build: &str) -> Built {
    index_analysed(pages, each(pages, analyse), build)
}

/// [`index`], from each page's [`analyse`] (which a build may have kept from the last).
pub fn index_analysed(pages: &[IndexPage], analysed: Vec<Analysed>, build: &str) -> Built {
    // Documents are numbered page by page, so each term's documents come in order. (Fx: a
    // term is hashed once per section it is in, hundreds of thousands of times on a large site,
    // and needs no protection from collisions crafted against the map.)
    let mut postings: rustc_hash::FxHashMap<String, Vec<(u32, u32)>> =
        rustc_hash::FxHashMap::default();
    let mut lengths = Vec::new();
    let mut texts = Vec::with_capacity(pages.len());
    for (sections, text) in analysed {
        for (length, weights) in sections {
            let doc = lengths.len() as u32;
            for (term, weight) in weights {
                postings.entry(term).or_default().push((doc, weight));
            }
            lengths.push(length);
        }
        texts.push(text);
    }
    let mut postings: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let average_length = lengths.iter().sum::<u32>() as f32 / lengths.len().max(1) as f32;
    let (keys, shards) = shards(postings);
    Built {
        meta: Meta {
            format: FORMAT,
            build: build.to_string(),
            sections: pages.iter().map(|p| p.sections.len() as u16).collect(),
            norms: lengths.into_iter().map(norm).collect(),
            average_length,
            shards: keys,
            whole: false,
            shard_hashes: each(&shards, |s| file_hash(s)),
            text_hashes: each(&texts, |t| file_hash(t)),
        },
        shards,
        texts,
    }
}

/// A section as the index counts it: its length in terms weighted by field, and each of its
/// terms with its weight (the sum of its fields' weights, once per occurrence).
pub type Counted = (u32, Vec<(String, u32)>);

/// A page as the index counts it: its sections, counted, and its text file.
pub type Analysed = (Vec<Counted>, Vec<u8>);

thread_local! {
    /// The term of each word this thread has analysed, by language (see
    /// [`Analyzer::terms_seen`]).
    static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Lang, rustc_hash::FxHashMap<String, Option<String>>>> =
        std::cell::RefCell::default();
}

/// A page's sections, counted, and its text file: the part of the index a page makes alone.
pub fn analyse(page: &IndexPage) -> Analysed {
    let lang = Lang::of(&page.lang);
    let analyzer = Analyzer::new(lang);
    SEEN.with_borrow_mut(|seen| analyse_seen(page, &analyzer, seen.entry(lang).or_default()))
}

fn analyse_seen(
    page: &IndexPage,
    analyzer: &Analyzer,
    seen: &mut rustc_hash::FxHashMap<String, Option<String>>,
) -> Analysed {
    let mut terms = |text: &str| analyzer.terms_seen(text, seen);
    let title = terms(&page.title);
    let sections = page
        .sections
        .iter()
        .map(|section| {
            let fields = [
                title.clone(),
                terms(&section.heading),
                [terms(&section.prose), code_terms(&section.code)].concat(),
            ];
            let mut length = 0;
            let mut weights: BTreeMap<String, u32> = BTreeMap::new();
            for (field, terms) in fields.into_iter().enumerate() {
                length += WEIGHTS[field] * terms.len() as u32;
                for term in terms {
                    *weights.entry(term).or_default() += WEIGHTS[field];
                }
            }
            (length, weights.into_iter().collect())
        })
        .collect();
    let text = write(&Texts {
        format: FORMAT,
        build: String::new(),
        url: page.url.clone(),
        title: page.title.clone(),
        sections: page
            .sections
            .iter()
            .map(|s| SectionText {
                anchor: s.anchor.clone(),
                heading: s.heading.clone(),
                text: [s.prose.as_str(), s.code.as_str()]
                    .join(" ")
                    .trim()
                    .to_string(),
            })
            .collect(),
    });
    (sections, text)
}

/// `f` over `items`, on every core where there are threads.
#[cfg(not(target_arch = "wasm32"))]
fn each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

#[cfg(target_arch = "wasm32")]
fn each<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}

/// The terms, sorted, cut into one shard per key.
fn shards(postings: Vec<(String, Vec<(u32, u32)>)>) -> (Vec<String>, Vec<Vec<u8>>) {
    let mut shards: Vec<(String, Vec<Postings>)> = Vec::new();
    for (term, docs) in postings {
        let key = shard_key(&term);
        if shards.last().is_none_or(|(k, _)| *k != key) {
            shards.push((key, Vec::new()));
        }
        let mut previous = 0;
        let mut entry = Postings {
            term,
            doc_steps: Vec::with_capacity(docs.len()),
            weights: Vec::with_capacity(docs.len()),
        };
        for (doc, weight) in docs {
            entry.doc_steps.push(doc - previous);
            entry.weights.push(weight);
            previous = doc;
        }
        shards.last_mut().expect("pushed above").1.push(entry);
    }
    let (keys, shards): (Vec<String>, Vec<Shard>) = shards
        .into_iter()
        .map(|(key, terms)| {
            let shard = Shard {
                format: FORMAT,
                build: String::new(),
                terms,
            };
            (key, shard)
        })
        .unzip();
    (keys, each(&shards, write))
}
