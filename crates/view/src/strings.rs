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

/// The search button's words, in a page's language: French, or English for any other. (The
/// dialog's are the search wasm's, `cpd_search::words`.)
pub struct SearchWords {
    /// The button's name.
    pub open: &'static str,
    /// What the page says when the search's code cannot load.
    pub unavailable: &'static str,
}

pub fn search_words(lang: &str) -> SearchWords {
    if lang == "fr" || lang.starts_with("fr-") {
        SearchWords {
            open: "Rechercher",
            unavailable: "La recherche n’a pas pu être chargée.",
        }
    } else {
        SearchWords {
            open: "Search",
            unavailable: "Search could not load.",
        }
    }
}
