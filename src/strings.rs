//! The interface's own words, in French. Article text never lives here: it comes from the model.

pub const LOADING: &str = "Chargement de l’article…";
pub const LOAD_FAILED: &str = "L’article n’a pas pu être chargé.";
pub const RETRY: &str = "Réessayer";
pub const TOC_TITLE: &str = "Sommaire";
pub const NOT_FOUND_TITLE: &str = "Page introuvable";
pub const NOT_FOUND_TEXT: &str = "L’adresse demandée ne correspond à aucune page de ce site.";
pub const NOT_FOUND_LINK: &str = "Lire l’article « Chef de Projet Digital »";
pub const SKIP_LINK: &str = "Aller au contenu";
