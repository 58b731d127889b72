//! Anchor ids derived from heading text: what a shared link to a heading ends with.

use std::collections::HashSet;

/// A kramdown-like automatic id: lowercase ASCII letters and digits, accents folded by
/// `deunicode` (`é` → `e`, `œ` → `oe`), every other character a separator, separators collapsed
/// to one `-` and trimmed. Apostrophes separate words (`qu’un` → `qu-un`), which reads better in
/// URLs. May be empty (a heading of symbols only).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut separator = false;
    for c in ascii.chars().flat_map(char::to_lowercase) {
        if !c.is_ascii_alphanumeric() {
            separator = true;
            continue;
        }
        if separator && !out.is_empty() {
            out.push('-');
        }
        separator = false;
        out.push(c);
    }
    out
}

/// An anchor id as the source may write it: `[A-Za-z][A-Za-z0-9_:.-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
}

/// The ids already given on a page, so that each new one is unique.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// Reserves an id the source gives; `false` if it is already taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    /// A free id for this text: its slug, then `slug-2`, `slug-3`… (`section` when the slug is
    /// empty or does not start with a letter).
    pub fn unique(&mut self, text: &str) -> String {
        let slug = slugify(text);
        let base = if slug.starts_with(|c: char| c.is_ascii_alphabetic()) {
            slug
        } else if slug.is_empty() {
            "section".to_string()
        } else {
            format!("s-{slug}")
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_and_punctuation_separates() {
        assert_eq!(
            slugify("Qu’est-ce qu’un chef de projet digital ?"),
            "qu-est-ce-qu-un-chef-de-projet-digital"
        );
        assert_eq!(slugify("Œuvre à l’été, ça Ñ"), "oeuvre-a-l-ete-ca-n");
        assert_eq!(slugify("e\u{301}te\u{301}"), "ete");
        assert_eq!(slugify("  --  "), "");
        assert_eq!(slugify("Ελληνικά"), "ellenika");
    }

    #[test]
    fn ids_are_unique_on_a_page() {
        let mut ids = Ids::default();
        assert!(ids.claim("missions"));
        assert_eq!(ids.unique("Missions"), "missions-2");
        assert_eq!(ids.unique("Missions"), "missions-3");
        assert_eq!(ids.unique("?!"), "section");
        assert_eq!(ids.unique("2024"), "s-2024");
        assert!(!ids.claim("section"));
    }

    #[test]
    fn valid_ids() {
        assert!(is_valid_id("missions"));
        assert!(is_valid_id("a-b_c"));
        assert!(!is_valid_id("1a"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
    }
}
