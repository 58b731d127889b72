//! The site's conventions, as Jekyll sites have them: which names are left out, the default
//! language, what a language tag looks like (dates are [`crate::jekyll::dates`]). A leaf: the
//! parser, the settings and the site's loading all read it.

/// The language of pages and of the site when nothing says otherwise.
pub const DEFAULT_LANG: &str = "fr";

/// The content hash in the names of the site's files: the first 8 bytes of a digest (SHA-256),
/// as 16 hex digits.
pub fn short_hash(digest: &[u8]) -> String {
    hex(&digest[..digest.len().min(8)])
}

/// `bytes` in lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Whether a file or folder name is left out of the site, as Jekyll leaves it out: names that
/// start with `_` (drafts, `_config.yml`) or `.` (hidden files).
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// A language tag (BCP 47, such as `fr` or `en-GB`), checked by the `language-tags` crate and
/// written in its canonical case; an error message otherwise.
pub fn language_tag(value: &str) -> Result<String, String> {
    language_tags::LanguageTag::parse(value.trim())
        .map(|tag| {
            tag.canonicalize()
                .map_or_else(|_| tag.to_string(), |t| t.to_string())
        })
        .map_err(|_| format!("`lang` is not a language tag such as `fr` or `en-GB`: `{value}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_checked_and_canonical() {
        assert_eq!(language_tag("fr").as_deref(), Ok("fr"));
        assert_eq!(language_tag("en-gb").as_deref(), Ok("en-GB"));
        assert_eq!(language_tag("zh-Hant-TW").as_deref(), Ok("zh-Hant-TW"));
        for wrong in ["français", "en_GB", "", "x-"] {
            assert!(language_tag(wrong).is_err(), "{wrong}");
        }
    }
}
