//! Text into search terms, the same way for the pages the build indexes and for what the reader
//! types: words split by Unicode's rules (UAX #29), French elisions and English possessives
//! dropped, each word stemmed in its page's language by Snowball (`rust-stemmers`), then folded:
//! lower case, accents removed (`équipe` and `EQUIPE` are one term).

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use crate::unicode::{decompose, lower};

/// The languages pages are stemmed in; any other is indexed folded, unstemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Fr,
    En,
    Other,
}

impl Lang {
    /// The language of a BCP 47 tag (`fr`, `fr-CA`, `en-GB`…).
    pub fn of(tag: &str) -> Self {
        let primary = tag.split('-').next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Other
        }
    }

    fn stemmer(self) -> Option<Stemmer> {
        match self {
            Lang::Fr => Some(Stemmer::create(Algorithm::French)),
            Lang::En => Some(Stemmer::create(Algorithm::English)),
            Lang::Other => None,
        }
    }
}

/// The words of `text` with their byte offsets, in order (UAX #29).
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    crate::unicode::words(text).into_iter()
}

/// French elisions (`l’`, `d’`, `qu’`, `jusqu’`…), written with `'` or `’`: the word after it.
fn elided(word: &str) -> &str {
    const ELIDED: [&str; 13] = [
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    ];
    match word.find(['\'', '’']) {
        Some(at) if ELIDED.iter().any(|e| word[..at].eq_ignore_ascii_case(e)) => {
            let rest = &word[at..];
            let apostrophe = rest.chars().next().map_or(1, char::len_utf8);
            &rest[apostrophe..]
        }
        _ => word,
    }
}

/// English possessives (`draft's`, `drafts’`): the word before them.
fn possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word.strip_suffix(['\'', '’']).unwrap_or(word)
}

/// A word without its elision or possessive (`l’entreprise` is `entreprise`).
pub fn elided_word(word: &str) -> &str {
    possessive(elided(word))
}

/// Lower case, accents and other combining marks removed; `œ`, `æ`, `ß` written out.
pub fn fold(word: &str) -> String {
    let lower = lower(word);
    let decomposed = match lower.is_ascii() {
        true => lower,
        false => decompose(&lower),
    };
    let mut out = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '’' => out.push('\''),
            c if is_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Combining marks of the scripts sites are written in (accents, cedillas…).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// A word as the index knows it, once stripped of its elision or possessive: stemmed in `lang`,
/// then folded.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
}

impl Analyzer {
    pub fn new(lang: Lang) -> Self {
        Self {
            stemmer: lang.stemmer(),
        }
    }

    /// The term of one word of prose; `None` for a word that is only an elision.
    pub fn term(&self, word: &str) -> Option<String> {
        let word = elided_word(word);
        if word.is_empty() {
            return None;
        }
        let lower = lower(word);
        let stemmed: Cow<str> = match &self.stemmer {
            Some(stemmer) => stemmer.stem(&lower),
            None => Cow::Borrowed(&lower),
        };
        Some(fold(&stemmed))
    }

    /// The terms of a run of prose, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        words(text).filter_map(|(_, w)| self.term(w)).collect()
    }

    /// [`Analyzer::terms`], each distinct word analysed once: `seen` holds the term of every
    /// word met so far in this analyzer's language. A site's pages share most of their words:
    /// stemming each occurrence was a tenth of the build of 10,000 pages.
    pub fn terms_seen(
        &self,
        text: &str,
        seen: &mut rustc_hash::FxHashMap<String, Option<String>>,
    ) -> Vec<String> {
        words(text)
            .filter_map(|(_, word)| match seen.get(word) {
                Some(term) => term.clone(),
                None => {
                    let term = self.term(word);
                    seen.insert(word.to_string(), term.clone());
                    term
                }
            })
            .collect()
    }
}

/// The terms of code: its words as written, only folded, never stemmed (`page_url` stays one
/// term, `HashMap` is `hashmap`).
pub fn code_terms(code: &str) -> Vec<String> {
    words(code).map(|(_, w)| fold(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Équipe"), "equipe");
        assert_eq!(fold("EQUIPE"), "equipe");
        assert_eq!(fold("cœur"), "coeur");
        assert_eq!(fold("Ça"), "ca");
        assert_eq!(fold("naïve"), "naive");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn words_follow_unicode_rules() {
        let w: Vec<&str> = words("Le chef — de projet, 2024 ; l’entreprise!")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["Le", "chef", "de", "projet", "2024", "l’entreprise"]);
        let offsets: Vec<usize> = words("ab cd").map(|(i, _)| i).collect();
        assert_eq!(offsets, [0, 3]);
    }

    #[test]
    fn french_elisions_are_dropped() {
        let fr = Analyzer::new(Lang::Fr);
        let entreprise = fr.term("entreprise");
        assert_eq!(fr.term("l’entreprise"), entreprise);
        assert_eq!(fr.term("l'entreprise"), entreprise);
        assert_eq!(fr.term("L’Entreprise"), entreprise);
        assert_eq!(fr.term("qu’un"), fr.term("un"));
        assert_eq!(fr.term("jusqu’ici"), fr.term("ici"));
        // Not an elision: the apostrophe stays inside the word.
        assert_eq!(fold("aujourd’hui"), "aujourd'hui");
    }

    #[test]
    fn english_possessives_are_dropped() {
        let en = Analyzer::new(Lang::En);
        assert_eq!(en.term("draft's"), en.term("draft"));
        assert_eq!(en.term("drafts’"), en.term("draft"));
    }

    #[test]
    fn a_word_seen_before_gets_the_term_it_got() {
        let fr = Analyzer::new(Lang::Fr);
        let text = "Les projets, le projet : l'équipe et les équipes du Projet.";
        let mut seen = rustc_hash::FxHashMap::default();
        assert_eq!(fr.terms_seen(text, &mut seen), fr.terms(text));
        assert_eq!(fr.terms_seen(text, &mut seen), fr.terms(text));
        // Ten distinct words, each analysed once.
        assert_eq!(seen.len(), 10, "{seen:?}");
    }

    #[test]
    fn each_language_is_stemmed_by_its_own_snowball() {
        let fr = Analyzer::new(Lang::Fr);
        assert_eq!(fr.term("projets"), fr.term("projet"));
        assert_eq!(fr.term("équipes"), fr.term("équipe"));
        assert_eq!(
            fr.term("Équipes"),
            fr.term("equipe"),
            "accents and case aside"
        );
        let en = Analyzer::new(Lang::En);
        assert_eq!(en.term("drafts"), en.term("draft"));
        assert_eq!(en.term("reading"), en.term("reads"));
        assert_eq!(
            Analyzer::new(Lang::Other).term("Projets").as_deref(),
            Some("projets")
        );
    }

    #[test]
    fn code_is_kept_as_written() {
        assert_eq!(
            code_terms("fn page_url() -> HashMap"),
            ["fn", "page_url", "hashmap"]
        );
    }

    #[test]
    fn languages_of_tags() {
        assert_eq!(Lang::of("fr"), Lang::Fr);
        assert_eq!(Lang::of("fr-CA"), Lang::Fr);
        assert_eq!(Lang::of("en-GB"), Lang::En);
        assert_eq!(Lang::of("de"), Lang::Other);
    }
}
