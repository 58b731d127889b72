//! The dialog's words, in one language: a small file the build writes for each language of the
//! site (`search/words-<lang>-<hash>.bin`, from the interface's tables), which a page names in
//! its own language and the dialog reads before it shows. Neither the page nor the wasm
//! carries them.

use serde::{Deserialize, Serialize};

/// The search dialog's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// The field's label, which names the dialog.
    pub label: String,
    pub close: String,
    /// The list of results.
    pub results: String,
    /// The number of results, said in the status line: none, one, several (`{n}`).
    pub none: String,
    pub one: String,
    pub many: String,
    /// What went wrong reading the index.
    pub offline: String,
    pub missing: String,
    pub corrupt: String,
    pub stale: String,
}

/// A words file's bytes.
pub fn write(words: &Words) -> Vec<u8> {
    postcard::to_allocvec(words).expect("words serialise")
}

/// A words file, read; `None` for a file that is not one.
pub fn read(bytes: &[u8]) -> Option<Words> {
    match postcard::take_from_bytes::<Words>(bytes) {
        Ok((words, [])) => Some(words),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_words_file_round_trips_and_anything_else_is_refused() {
        let words = Words {
            label: "Rechercher dans le site".into(),
            close: "Fermer".into(),
            results: "Résultats".into(),
            none: "Aucun résultat".into(),
            one: "1 résultat".into(),
            many: "{n} résultats".into(),
            offline: "a".into(),
            missing: "b".into(),
            corrupt: "c".into(),
            stale: "d".into(),
        };
        let bytes = write(&words);
        assert_eq!(read(&bytes), Some(words));
        assert_eq!(read(&bytes[..bytes.len() - 1]), None);
        assert_eq!(read(&[bytes.clone(), vec![0]].concat()), None);
        assert_eq!(read(b"not words"), None);
    }
}
