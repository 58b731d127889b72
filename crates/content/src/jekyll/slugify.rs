//! Jekyll's `Utils.slugify`: the slugs of permalinks (`:title`, `:slug`) and of the Liquid filter
//! `slugify`. Unlike [`crate::slug::slugify`] (anchor ids), it keeps letters of every script and,
//! in `pretty` mode, URL-safe punctuation: the addresses must be Jekyll's own.

use std::sync::LazyLock;

use regex::Regex;

/// Which characters a slug keeps, as Jekyll's `mode:` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only runs of blanks are replaced.
    Raw,
    /// Letters, marks and decimal digits of any script are kept (Jekyll's default).
    Default,
    /// Also `._~!$&'()+,;=@`: what `:title` keeps.
    Pretty,
    /// ASCII letters and digits only.
    Ascii,
    /// Accents folded to ASCII first, then as `Default`.
    Latin,
    /// The text as it is (Jekyll's `none`, or any unknown mode), only lower-cased.
    None,
}

impl Mode {
    /// The mode Jekyll's option names; an unknown name leaves the text as it is, as in Jekyll.
    pub fn named(name: &str) -> Self {
        match name {
            "raw" => Mode::Raw,
            "default" => Mode::Default,
            "pretty" => Mode::Pretty,
            "ascii" => Mode::Ascii,
            "latin" => Mode::Latin,
            _ => Mode::None,
        }
    }
}

fn pattern(mode: Mode) -> &'static Regex {
    static RAW: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").expect("a valid pattern"));
    static DEFAULT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[^\p{M}\p{L}\p{Nd}]+").expect("a valid pattern"));
    static PRETTY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+").expect("a valid pattern")
    });
    static ASCII: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[^A-Za-z0-9]+").expect("a valid pattern"));
    match mode {
        Mode::Raw => &RAW,
        Mode::Pretty => &PRETTY,
        Mode::Ascii => &ASCII,
        Mode::Default | Mode::Latin | Mode::None => &DEFAULT,
    }
}

/// `text` slugged as Jekyll's `slugify(text, mode:, cased:)` does: each run of characters the
/// mode does not keep becomes one `-`, a leading and a trailing `-` are dropped, and the result is
/// lower-cased unless `cased`.
pub fn slugify(text: &str, mode: Mode, cased: bool) -> String {
    let case = |s: String| if cased { s } else { s.to_lowercase() };
    if mode == Mode::None {
        return case(text.to_string());
    }
    let folded;
    let text = if mode == Mode::Latin {
        folded = deunicode::deunicode(text);
        folded.as_str()
    } else {
        text
    };
    let replaced = pattern(mode).replace_all(text, "-");
    let trimmed = replaced.strip_prefix('-').unwrap_or(&replaced);
    let trimmed = trimmed.strip_suffix('-').unwrap_or(trimmed);
    case(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_keep_what_jekyll_keeps() {
        let text = "The _config.yml file?!";
        assert_eq!(slugify(text, Mode::Default, false), "the-config-yml-file");
        assert_eq!(slugify(text, Mode::Pretty, false), "the-_config.yml-file-!");
        assert_eq!(slugify(text, Mode::Ascii, false), "the-config-yml-file");
        assert_eq!(slugify(text, Mode::Raw, false), "the-_config.yml-file?!");
        assert_eq!(slugify(text, Mode::None, false), "the _config.yml file?!");
    }

    #[test]
    fn letters_of_every_script_stay_and_case_is_kept_when_asked() {
        assert_eq!(slugify("Été à Paris", Mode::Default, false), "été-à-paris");
        assert_eq!(slugify("Été à Paris", Mode::Latin, false), "ete-a-paris");
        assert_eq!(slugify("Hello-World", Mode::Pretty, true), "Hello-World");
        assert_eq!(
            slugify("日本語 テキスト", Mode::Default, false),
            "日本語-テキスト"
        );
    }

    #[test]
    fn only_one_leading_and_one_trailing_hyphen_go() {
        assert_eq!(slugify("  spaced  ", Mode::Default, false), "spaced");
        assert_eq!(slugify("?!", Mode::Default, false), "");
    }
}
