//! Natively: `unicode-segmentation` and `unicode-normalization`.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The words of `text` (UAX #29), with their byte offsets, in order.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    text.unicode_word_indices().collect()
}

/// `text` in its canonical decomposition (NFD).
pub fn decompose(text: &str) -> String {
    text.nfd().collect()
}

/// `text` in lower case.
pub fn lower(text: &str) -> String {
    text.to_lowercase()
}
