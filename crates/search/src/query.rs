//! Answering a query from the index's files: which shards it needs, the sections that match
//! (BM25, weighted by field; the sections that hold every word first; a few per page), and an
//! excerpt of each with the matched words marked.

use crate::analyze::{elided_word, fold, words, Analyzer, Lang};
use serde::de::DeserializeOwned;

use crate::index::{length, read, shard_key, Meta, ReadError, Shard, Stamped, Texts, Whole};

/// Words of a query past this many are ignored: a pasted page is not a query.
const MAX_WORDS: usize = 8;
/// Characters of a query past this many are ignored.
const MAX_CHARS: usize = 256;
/// Results shown, and results of one page among them.
pub const MAX_RESULTS: usize = 10;
pub const PER_PAGE: usize = 3;
/// Terms a word typed so far may stand for, at most (the shortest first).
const PREFIX_TERMS: usize = 64;
/// What a term found by prefix counts, against one matched whole.
const PREFIX_SCORE: f32 = 0.7;
/// Words around the matches in an excerpt.
const EXCERPT_WORDS: usize = 20;
/// BM25's parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// One word of the query: the terms it may be (as French, as English, as written), and, for
/// the last word while it is being typed, the start of the terms it may become.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub terms: Vec<String>,
    pub prefix: Option<String>,
}

/// A query, analysed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    pub words: Vec<Word>,
}

impl Query {
    /// Analyses what the reader typed. Pages are in French and English: each word is looked
    /// up as either, and as written (code). The last word is a prefix unless a space follows.
    pub fn parse(typed: &str) -> Self {
        let typed: String = typed.chars().take(MAX_CHARS).collect();
        let analyzers = [Analyzer::new(Lang::Fr), Analyzer::new(Lang::En)];
        let found: Vec<&str> = words(&typed).map(|(_, w)| w).take(MAX_WORDS).collect();
        let open = !typed.ends_with(char::is_whitespace);
        let words = found
            .iter()
            .enumerate()
            .filter_map(|(i, word)| {
                let mut terms: Vec<String> =
                    analyzers.iter().filter_map(|a| a.term(word)).collect();
                terms.push(fold(word));
                terms.sort();
                terms.dedup();
                let bare = fold(elided_word(word));
                // One character is the start of too many words: it matches only as a word.
                let prefix =
                    (open && i + 1 == found.len() && bare.chars().count() > 1).then_some(bare);
                (!terms.is_empty()).then_some(Word { terms, prefix })
            })
            .collect();
        Query { words }
    }

    /// The shards the query reads: those of its words' first two characters.
    pub fn shards(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .words
            .iter()
            .flat_map(|w| w.terms.iter().chain(&w.prefix))
            .map(|t| shard_key(t))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The first characters of the terms and prefixes the query looks for: a word of a
    /// document can match only if it, or the word after its elision, starts with one of them
    /// (stemming and folding keep a word's first letter).
    fn initials(&self) -> Vec<char> {
        let mut initials: Vec<char> = self
            .words
            .iter()
            .flat_map(|w| w.terms.iter().chain(&w.prefix))
            .filter_map(|t| t.chars().next())
            .collect();
        initials.sort_unstable();
        initials.dedup();
        initials
    }

    /// Whether a word of a document's text is one the query looks for.
    fn matches(&self, analyzer: &Analyzer, word: &str) -> bool {
        let (Some(term), folded) = (analyzer.term(word), fold(word)) else {
            return false;
        };
        self.words.iter().any(|w| {
            w.terms.iter().any(|t| *t == term || *t == folded)
                || w.prefix
                    .as_ref()
                    .is_some_and(|p| folded.starts_with(p.as_str()) || term.starts_with(p.as_str()))
        })
    }
}

/// A matching section.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    /// How many of the query's words it holds.
    pub matched: usize,
    pub score: f32,
}

/// The index, as much of it as has been read: the shards by their place in the meta's keys,
/// the pages' texts by page, and the whole index's bytes once they are in, from which a file
/// is read when a query first needs it.
pub struct Engine {
    pub meta: Meta,
    /// The page of each document.
    pages: Vec<u32>,
    shards: Vec<Option<Shard>>,
    texts: Vec<Option<Texts>>,
    whole: Option<Whole>,
}

/// Reads into `slot` the file the whole index holds (`held`), as the file itself would be read;
/// `false` where it holds none, and the file is to be fetched.
fn fill<T: Stamped + DeserializeOwned>(
    slot: &mut Option<T>,
    held: Option<&[u8]>,
) -> Result<bool, ReadError> {
    let Some(bytes) = held else {
        return Ok(false);
    };
    // The whole index was read with its meta's build ([`crate::index::Whole::read`]): the
    // files it holds are that build's.
    *slot = Some(read(bytes, None)?);
    Ok(true)
}

impl Engine {
    pub fn new(meta: Meta) -> Self {
        Self {
            pages: meta.pages(),
            shards: meta.shards.iter().map(|_| None).collect(),
            texts: meta.sections.iter().map(|_| None).collect(),
            whole: None,
            meta,
        }
    }

    /// Whether the whole index is in: no query waits on a file any more.
    pub fn has_whole(&self) -> bool {
        self.whole.is_some()
    }

    pub fn add_whole(&mut self, whole: Whole) {
        self.whole = Some(whole);
    }

    /// The shards the query needs and the engine has not read: those the whole index holds
    /// are read from it; the others are given, with their files, to be fetched.
    pub fn missing_shards(&mut self, query: &Query) -> Result<Vec<(usize, String)>, ReadError> {
        let mut missing = Vec::new();
        for key in query.shards() {
            let Ok(place) = self.meta.shards.binary_search(&key) else {
                continue;
            };
            let held = self.whole.as_ref().and_then(|w| w.shard(place));
            if self.shards[place].is_none() && !fill(&mut self.shards[place], held)? {
                missing.push((place, self.meta.shard_file(place)));
            }
        }
        Ok(missing)
    }

    pub fn add_shard(&mut self, place: usize, shard: Shard) {
        if let Some(slot) = self.shards.get_mut(place) {
            *slot = Some(shard);
        }
    }

    fn shard(&self, key: &str) -> Option<&Shard> {
        let place = self
            .meta
            .shards
            .binary_search_by(|k| k.as_str().cmp(key))
            .ok()?;
        self.shards.get(place)?.as_ref()
    }

    /// The sections that match, best first: those that hold the most of the query's words,
    /// then by score; at most [`PER_PAGE`] of a page and [`MAX_RESULTS`] in all.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let mut scores: Vec<(usize, f32)> = vec![(0, 0.0); self.meta.docs()];
        for word in &query.words {
            for (doc, score) in self.word_scores(word).into_iter().enumerate() {
                if score > 0.0 {
                    scores[doc].0 += 1;
                    scores[doc].1 += score;
                }
            }
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .enumerate()
            .filter(|(_, (matched, _))| *matched > 0)
            .map(|(doc, (matched, score))| Hit {
                doc: doc as u32,
                matched,
                score,
            })
            .collect();
        hits.sort_by(|a, b| {
            b.matched
                .cmp(&a.matched)
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        });
        let mut per_page: Vec<usize> = vec![0; self.meta.sections.len()];
        hits.retain(|hit| {
            let page = self.pages[hit.doc as usize] as usize;
            per_page[page] += 1;
            per_page[page] <= PER_PAGE
        });
        hits.truncate(MAX_RESULTS);
        hits
    }

    /// Each document's best score for one word of the query, over the terms it may be (0 for
    /// none), by document.
    fn word_scores(&self, word: &Word) -> Vec<f32> {
        let mut best: Vec<f32> = vec![0.0; self.meta.docs()];
        let mut add = |postings: &crate::index::Postings, factor: f32| {
            let idf = self.idf(postings.doc_steps.len());
            for (doc, weight) in postings.entries() {
                let score = factor * idf * self.saturate(doc, weight);
                if let Some(slot) = best.get_mut(doc as usize) {
                    *slot = slot.max(score);
                }
            }
        };
        for term in &word.terms {
            if let Some(postings) = self.postings(term) {
                add(postings, 1.0);
            }
        }
        if let Some(prefix) = &word.prefix {
            for postings in self.prefixed(prefix) {
                add(postings, PREFIX_SCORE);
            }
        }
        best
    }

    fn postings(&self, term: &str) -> Option<&crate::index::Postings> {
        let shard = self.shard(&shard_key(term))?;
        let at = shard
            .terms
            .binary_search_by(|p| p.term.as_str().cmp(term))
            .ok()?;
        shard.terms.get(at)
    }

    /// The terms that start with `prefix`, the shortest first, at most [`PREFIX_TERMS`].
    fn prefixed(&self, prefix: &str) -> Vec<&crate::index::Postings> {
        let Some(shard) = self.shard(&shard_key(prefix)) else {
            return Vec::new();
        };
        let start = shard.terms.partition_point(|p| p.term.as_str() < prefix);
        let mut found: Vec<&crate::index::Postings> = shard.terms[start..]
            .iter()
            .take_while(|p| p.term.starts_with(prefix))
            .collect();
        found.sort_by_key(|p| p.term.len());
        found.truncate(PREFIX_TERMS);
        found
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.meta.docs() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25's saturation of a weighted frequency, normalised by the document's length.
    fn saturate(&self, doc: u32, weight: u32) -> f32 {
        let norm = self.meta.norms.get(doc as usize).copied().unwrap_or(0);
        let norm = 1.0 - B + B * length(norm) / self.meta.average_length.max(1.0);
        let tf = weight as f32;
        tf * (K1 + 1.0) / (tf + K1 * norm)
    }

    /// The pages whose texts the hits need and the engine has not read: those the whole index
    /// holds are read from it; the others are given, with their files, to be fetched.
    pub fn missing_texts(&mut self, hits: &[Hit]) -> Result<Vec<(u32, String)>, ReadError> {
        let mut pages: Vec<u32> = hits
            .iter()
            .map(|h| self.pages[h.doc as usize])
            .filter(|p| self.texts.get(*p as usize).is_some_and(Option::is_none))
            .collect();
        pages.sort_unstable();
        pages.dedup();
        let mut missing = Vec::new();
        for page in pages {
            let held = self.whole.as_ref().and_then(|w| w.text(page));
            if !fill(&mut self.texts[page as usize], held)? {
                missing.push((page, self.meta.text_file(page)));
            }
        }
        Ok(missing)
    }

    pub fn add_texts(&mut self, page: u32, texts: Texts) {
        if let Some(slot) = self.texts.get_mut(page as usize) {
            *slot = Some(texts);
        }
    }

    /// A hit as the reader sees it, once its page's text is read.
    pub fn result(&self, hit: &Hit, query: &Query) -> Option<Found> {
        let page = *self.pages.get(hit.doc as usize)?;
        let first = self.pages.partition_point(|p| *p < page);
        let texts = self.texts.get(page as usize)?.as_ref()?;
        let section = texts.sections.get(hit.doc as usize - first)?;
        Some(Found {
            url: texts.url.clone(),
            anchor: section.anchor.clone(),
            title: texts.title.clone(),
            heading: section.heading.clone(),
            excerpt: excerpt(&section.text, query),
        })
    }
}

/// A result: where it is, and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The page's address, under the base path.
    pub url: String,
    pub anchor: Option<String>,
    pub title: String,
    pub heading: String,
    /// About [`EXCERPT_WORDS`] words, as runs of text, the matched words marked (`true`).
    pub excerpt: Vec<(String, bool)>,
}

/// The words of `text` around the most matches, the matched ones marked. Each word is
/// analysed as French and as English: the query may be either.
pub fn excerpt(text: &str, query: &Query) -> Vec<(String, bool)> {
    let analyzers = [Analyzer::new(Lang::Fr), Analyzer::new(Lang::En)];
    let initials = query.initials();
    // Most words cannot match: their first letter says so, before any stemming.
    let may_match = |word: &str| {
        [word, elided_word(word)]
            .iter()
            .filter_map(|w| initial(w))
            .any(|c| initials.binary_search(&c).is_ok())
    };
    let found: Vec<(usize, &str, bool)> = words(text)
        .map(|(at, w)| {
            let matched = may_match(w) && analyzers.iter().any(|a| query.matches(a, w));
            (at, w, matched)
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    // The window of words with the most matches, the first such.
    let marks: Vec<usize> = found.iter().map(|(_, _, m)| usize::from(*m)).collect();
    let width = EXCERPT_WORDS.min(found.len());
    let mut best = (0, 0);
    let mut count: usize = marks[..width].iter().sum();
    for start in 0..=found.len() - width {
        if start > 0 {
            count = count + marks[start + width - 1] - marks[start - 1];
        }
        if count > best.1 {
            best = (start, count);
        }
    }
    let (first, last) = (best.0, best.0 + width - 1);
    let from = found[first].0;
    let to = found[last].0 + found[last].1.len();
    let mut runs: Vec<(String, bool)> = Vec::new();
    if first > 0 {
        runs.push(("… ".to_string(), false));
    }
    let mut at = from;
    for (start, word, marked) in &found[first..=last] {
        if *marked {
            runs.push((text[at..*start].to_string(), false));
            runs.push((word.to_string(), true));
            at = start + word.len();
        }
    }
    runs.push((text[at..to].to_string(), false));
    if last + 1 < found.len() {
        runs.push((" …".to_string(), false));
    }
    runs.retain(|(t, _)| !t.is_empty());
    runs
}

/// The first letter of `word`, folded as [`fold`] folds it (without calling it for ASCII).
fn initial(word: &str) -> Option<char> {
    let first = word.chars().next()?;
    match first.is_ascii() {
        true => Some(first.to_ascii_lowercase()),
        false => fold(&word[..first.len_utf8()]).chars().next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, typed: &str) -> Vec<String> {
        excerpt(text, &Query::parse(typed))
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(w, _)| w)
            .collect()
    }

    #[test]
    fn excerpts_mark_words_whatever_their_case_accents_elision_or_ending() {
        let text = "Dans l’Entreprise, chaque Équipe met son Œuvre au service des projets.";
        assert_eq!(marked(text, "entreprise"), ["l’Entreprise"]);
        assert_eq!(marked(text, "equipe oeuvre"), ["Équipe", "Œuvre"]);
        assert_eq!(marked(text, "projet"), ["projets"]);
        assert_eq!(marked(text, "serv"), ["service"]);
        assert_eq!(marked(text, "zèbre"), Vec::<String>::new());
    }
}
