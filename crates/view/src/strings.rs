//! The interface's own words, in French. Article text never lives here: it comes from the model.

pub const TOC_TITLE: &str = "Sommaire";
pub const NOT_FOUND_TITLE: &str = "Page introuvable";
pub const NOT_FOUND_TEXT: &str = "L’adresse demandée ne correspond à aucune page de ce site.";
pub const SKIP_LINK: &str = "Aller au contenu";
pub const MENU: &str = "Sommaire";
pub const THEME_GROUP: &str = "Thème";
pub const THEME_SYSTEM: &str = "Thème du système";
pub const THEME_LIGHT: &str = "Thème clair";
pub const THEME_DARK: &str = "Thème sombre";
pub const BACK_TO_TOP: &str = "Haut de page";
pub const LINK_COPIED: &str = "Lien copié";
pub const LINK_NOT_COPIED: &str = "Le lien n’a pas pu être copié";

/// The accessible name of a section's "#" link.
pub fn section_link_label(heading: &str) -> String {
    format!("Lien vers la section «\u{202f}{heading}\u{202f}»")
}
pub const APP_SLOW: &str =
    "Chargement des fonctions interactives… Le texte et le sommaire sont déjà utilisables.";
pub const APP_FAILED: &str = "Mode simplifié : les fonctions interactives n’ont pas pu démarrer. Le texte et les liens du sommaire restent utilisables.";

/// The accessible name of a table's scrolling region.
pub const TABLE_REGION: &str = "Tableau";
/// The heading of a page's footnotes.
pub const FOOTNOTES: &str = "Notes";
/// The accessible name of a footnote's link back to its call.
pub const FOOTNOTE_BACK: &str = "Retour au texte";
/// The accessible name of the site menu.
pub const SITE_MENU: &str = "Pages du site";

/// The accessible name of a task list's box.
pub fn task_label(done: bool) -> &'static str {
    if done {
        "Fait"
    } else {
        "À faire"
    }
}

/// The 404 page's link to the home page.
pub fn not_found_link(home_title: &str) -> String {
    format!("Lire «\u{202f}{home_title}\u{202f}»")
}

/// The search's words, in a page's language: French, or English for any other.
pub struct SearchWords {
    /// The bar's button.
    pub open: &'static str,
    /// The field's label.
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

pub fn search_words(lang: &str) -> SearchWords {
    if lang == "fr" || lang.starts_with("fr-") {
        SearchWords {
            open: "Rechercher",
            label: "Rechercher dans le site",
            close: "Fermer",
            results: "Résultats",
            none: "Aucun résultat",
            one: "1 résultat",
            many: "{n} résultats",
            offline:
                "La recherche n’est pas disponible hors ligne : reconnectez-vous pour chercher.",
            missing: "La recherche n’a pas pu être chargée : l’index du site est introuvable.",
            corrupt: "La recherche n’a pas pu être chargée : l’index du site est illisible.",
            stale: "Le site a été mis à jour : rechargez la page pour chercher.",
        }
    } else {
        SearchWords {
            open: "Search",
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
        }
    }
}
