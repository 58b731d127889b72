//! The dialog's words, in French and in English. The dialog is the search wasm's own (built the
//! first time the reader opens it), so its words travel with that wasm rather than in every
//! page; the page carries only its button's.

/// The search dialog's words, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// The field's label, which names the dialog.
    pub label: &'static str,
    pub close: &'static str,
    /// The list of results.
    pub results: &'static str,
    /// The number of results, said in the status line: none, one, several (`{n}`).
    pub none: &'static str,
    pub one: &'static str,
    pub many: &'static str,
    /// What went wrong reading the index.
    pub offline: &'static str,
    pub missing: &'static str,
    pub corrupt: &'static str,
    pub stale: &'static str,
}

const FRENCH: Words = Words {
    label: "Rechercher dans le site",
    close: "Fermer",
    results: "Résultats",
    none: "Aucun résultat",
    one: "1 résultat",
    many: "{n} résultats",
    offline: "La recherche n’est pas disponible hors ligne : reconnectez-vous pour chercher.",
    missing: "La recherche n’a pas pu être chargée : l’index du site est introuvable.",
    corrupt: "La recherche n’a pas pu être chargée : l’index du site est illisible.",
    stale: "Le site a été mis à jour : rechargez la page pour chercher.",
};

const ENGLISH: Words = Words {
    label: "Search the site",
    close: "Close",
    results: "Results",
    none: "No results",
    one: "1 result",
    many: "{n} results",
    offline: "Search is not available offline: reconnect to search.",
    missing: "Search could not load: the site's index is missing.",
    corrupt: "Search could not load: the site's index cannot be read.",
    stale: "The site has been updated: reload the page to search.",
};

/// The words for a page in `lang` (a BCP 47 tag): French for `fr` and its regions, English
/// for any other.
pub fn words(lang: &str) -> &'static Words {
    let primary = lang.split('-').next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("fr") {
        &FRENCH
    } else {
        &ENGLISH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_for_french_and_its_regions_english_for_the_rest() {
        assert_eq!(words("fr").none, "Aucun résultat");
        assert_eq!(words("fr-CA").none, "Aucun résultat");
        assert_eq!(words("FR").none, "Aucun résultat");
        assert_eq!(words("en").none, "No results");
        assert_eq!(words("de").none, "No results");
        assert_eq!(words("").none, "No results");
        assert_eq!(words("fra").none, "No results");
    }

    #[test]
    fn the_count_has_its_place_holder() {
        for words in [&FRENCH, &ENGLISH] {
            assert!(words.many.contains("{n}"));
        }
    }
}
