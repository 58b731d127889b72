//! Building the index from the site's pages, section by section (the build runs it natively,
//! from the typed content tree).

use std::collections::BTreeMap;

use crate::analyze::{code_terms, Analyzer, Lang};
use crate::index::{shard_key, write, Doc, Meta, Page, Postings, Shard, Texts, FORMAT, WEIGHTS};

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

/// About this much text goes in one chunk of [`Texts`]: a result's excerpt costs one chunk.
const CHUNK_BYTES: usize = 16 * 1024;

/// The index's files, before they are named: the shards and the text chunks, whose names (with
/// their content hash) the meta then lists.
pub struct Built {
    pub shards: Vec<(char, Vec<u8>)>,
    pub texts: Vec<Vec<u8>>,
    meta: Meta,
}

impl Built {
    /// An engine that has read every file of this index, as a browser does bit by bit: for
    /// tests, and for measuring the index's answers natively.
    pub fn into_engine(self) -> crate::query::Engine {
        let shards: Vec<Vec<u8>> = self.shards.iter().map(|(_, b)| b.clone()).collect();
        let texts = self.texts.clone();
        let names = |n: usize, kind: &str| (0..n).map(|i| format!("{kind}-{i}")).collect();
        let meta = self.meta(names(shards.len(), "terms"), names(texts.len(), "text"));
        let meta: Meta = crate::index::read(&meta, None).expect("the meta just written");
        let build = meta.build.clone();
        let mut engine = crate::query::Engine::new(meta);
        for (place, bytes) in shards.iter().enumerate() {
            engine.add_shard(
                place,
                crate::index::read(bytes, Some(&build)).expect("a shard"),
            );
        }
        for (place, bytes) in texts.iter().enumerate() {
            engine.add_texts(
                place,
                crate::index::read(bytes, Some(&build)).expect("a chunk"),
            );
        }
        engine
    }

    /// The meta file, naming the shards' and the chunks' files, in the order of
    /// [`Built::shards`] and [`Built::texts`].
    pub fn meta(mut self, shard_files: Vec<String>, text_files: Vec<String>) -> Vec<u8> {
        self.meta.shards = self
            .shards
            .iter()
            .map(|(key, _)| *key)
            .zip(shard_files)
            .collect();
        self.meta.texts = text_files;
        write(&self.meta)
    }
}

/// Indexes `pages` for the build `build` (an id that changes with the index's content).
pub fn index(pages: &[IndexPage], build: &str) -> Built {
    let mut postings: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    let mut docs = Vec::new();
    let mut chunks: Vec<Vec<(u32, String)>> = vec![Vec::new()];
    let mut chunk_bytes = 0;
    for (p, page) in pages.iter().enumerate() {
        let analyzer = Analyzer::new(Lang::of(&page.lang));
        let title = analyzer.terms(&page.title);
        for section in &page.sections {
            let id = docs.len() as u32;
            let fields = [
                title.clone(),
                analyzer.terms(&section.heading),
                [analyzer.terms(&section.prose), code_terms(&section.code)].concat(),
            ];
            let mut length = 0;
            for (field, terms) in fields.iter().enumerate() {
                length += WEIGHTS[field] * terms.len() as u32;
                for term in terms {
                    *postings
                        .entry(term.clone())
                        .or_default()
                        .entry(id)
                        .or_default() += WEIGHTS[field];
                }
            }
            let text = [section.prose.as_str(), section.code.as_str()].join(" ");
            if chunk_bytes > CHUNK_BYTES {
                chunks.push(Vec::new());
                chunk_bytes = 0;
            }
            chunk_bytes += text.len();
            chunks
                .last_mut()
                .expect("one chunk at least")
                .push((id, text));
            docs.push(Doc {
                page: p as u32,
                anchor: section.anchor.clone(),
                heading: section.heading.clone(),
                length,
                chunk: chunks.len() as u32 - 1,
            });
        }
    }
    let average_length =
        docs.iter().map(|d| d.length as f32).sum::<f32>() / docs.len().max(1) as f32;
    Built {
        shards: shards(postings, build),
        texts: chunks
            .into_iter()
            .map(|docs| {
                write(&Texts {
                    format: FORMAT,
                    build: build.to_string(),
                    docs,
                })
            })
            .collect(),
        meta: Meta {
            format: FORMAT,
            build: build.to_string(),
            pages: pages
                .iter()
                .map(|p| Page {
                    url: p.url.clone(),
                    title: p.title.clone(),
                })
                .collect(),
            docs,
            average_length,
            shards: Vec::new(),
            texts: Vec::new(),
        },
    }
}

/// The terms, sorted, cut into one shard per first character.
fn shards(postings: BTreeMap<String, BTreeMap<u32, u32>>, build: &str) -> Vec<(char, Vec<u8>)> {
    let mut shards: Vec<(char, Vec<Postings>)> = Vec::new();
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
    shards
        .into_iter()
        .map(|(key, terms)| {
            let shard = Shard {
                format: FORMAT,
                build: build.to_string(),
                terms,
            };
            (key, write(&shard))
        })
        .collect()
}
