//! French typography, applied to the model at build time so every renderer gets it for free.
//!
//! - a narrow no-break space (U+202F) before `?`, `!`, `;`, after `«` and before `»`;
//! - a no-break space (U+00A0) before `:`;
//! - the typographic apostrophe `’` for `'`, and `…` for three dots.
//!
//! Only prose is touched: link targets and anchors are never passed here, and inside the text a
//! word that looks like a URL (`scheme://…`, `www.…`) is left exactly as it is. Punctuation only
//! counts as such when it ends a word (followed by a space, the end, or closing punctuation), so
//! `a?b=c` or `10:30` stay intact.

use crate::model::{Article, Inline};
use crate::walk;

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

/// Typesets every prose string of a French page (title, summary, headings, contents, text).
/// Code, link targets and ids are never touched.
pub fn typeset(article: &mut Article) {
    for text in [&mut article.title, &mut article.summary] {
        *text = french(text);
    }
    for entry in &mut article.toc {
        entry.label = french(&entry.label);
    }
    walk::inlines_mut(article, &mut |inline| {
        if let Inline::Text(text) = inline {
            if text.contains(MARKS) {
                *text = french(text);
            }
        }
    });
}

/// The characters typesetting changes or spaces: a text without any is left as it is.
const MARKS: [char; 8] = ['\'', '?', '!', ';', ':', '«', '»', '.'];

/// Typesets one run of French prose.
pub fn french(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Words are typeset one by one, so a URL-looking word can be kept verbatim.
    let mut rest = text;
    while !rest.is_empty() {
        let ws_end = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        if ws_end > 0 && (out.ends_with('«') || out.ends_with("«\u{202F}")) {
            // `« mot`: the space after « becomes one narrow no-break space.
            if out.ends_with('«') {
                out.push(NNBSP);
            }
        } else {
            out.push_str(&rest[..ws_end]);
        }
        rest = &rest[ws_end..];
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        if looks_like_url(word) {
            out.push_str(word);
        } else {
            word_typography(word, &mut out);
        }
        rest = &rest[word_end..];
    }
    out
}

fn looks_like_url(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.") || word.starts_with("mailto:")
}

/// Typesets one word, appending to `out`, which holds everything before it: a space that
/// precedes high punctuation is already there and is replaced.
fn word_typography(word: &str, out: &mut String) {
    // Most words have nothing to typeset: copied whole, without taking them apart.
    if !word.contains(MARKS) {
        out.push_str(word);
        return;
    }
    let chars: Vec<char> = word.replace("...", "…").chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let ends_word =
            next.is_none_or(|n| matches!(n, '?' | '!' | ';' | ':' | '»' | ')' | ',' | '.' | '…'));
        match c {
            '\'' => out.push('’'),
            '?' | '!' | ';' if ends_word => {
                space_before(out, NNBSP);
                out.push(c);
            }
            ':' if ends_word => {
                space_before(out, NBSP);
                out.push(c);
            }
            '»' => {
                space_before(out, NNBSP);
                out.push(c);
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(NNBSP);
                }
            }
            _ => out.push(c),
        }
    }
}

/// Puts exactly one `space` before the punctuation about to be pushed: replaces a preceding
/// ordinary or no-break space, or inserts one. Runs of `?!` share one space.
fn space_before(out: &mut String, space: char) {
    match out.chars().last() {
        None => {}
        Some('?' | '!') => {}
        Some(c) if c == NNBSP || c == NBSP || c == ' ' => {
            out.pop();
            out.push(space);
        }
        Some(_) => out.push(space),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_space_before_question_and_exclamation_marks() {
        assert_eq!(french("Qui est-il ?"), "Qui est-il\u{202F}?");
        assert_eq!(french("Vraiment?!"), "Vraiment\u{202F}?!");
        assert_eq!(french("Oui !"), "Oui\u{202F}!");
    }

    #[test]
    fn narrow_space_before_semicolon() {
        assert_eq!(french("un ; deux;trois"), "un\u{202F}; deux;trois");
        assert_eq!(french("un; deux"), "un\u{202F}; deux");
    }

    #[test]
    fn no_break_space_before_colon() {
        assert_eq!(
            french("la production digitale: développement"),
            "la production digitale\u{A0}: développement"
        );
        assert_eq!(french("exemple : la suite"), "exemple\u{A0}: la suite");
        assert_eq!(french("à 10:30"), "à 10:30");
    }

    #[test]
    fn narrow_spaces_inside_guillemets() {
        assert_eq!(french("« chef »"), "«\u{202F}chef\u{202F}»");
        assert_eq!(french("«chef»"), "«\u{202F}chef\u{202F}»");
    }

    #[test]
    fn typographic_apostrophe() {
        assert_eq!(french("d'orchestre l'équipe"), "d’orchestre l’équipe");
        assert_eq!(french("qu’un"), "qu’un");
    }

    #[test]
    fn ellipsis() {
        assert_eq!(french("etc..."), "etc…");
        assert_eq!(french("fournisseurs…"), "fournisseurs…");
    }

    #[test]
    fn urls_are_left_alone() {
        for url in [
            "https://example.org/a?b=c;d=e",
            "http://ex.org/l'a:b",
            "www.example.org/page?x=1",
            "mailto:chef@example.org",
        ] {
            assert_eq!(french(url), url);
            assert_eq!(
                french(&format!("voir {url} ici")),
                format!("voir {url} ici")
            );
        }
    }

    #[test]
    fn idempotent() {
        let once = french("Qu'est-ce ? « oui » : non; etc...");
        assert_eq!(french(&once), once);
    }

    #[test]
    fn article_prose_is_typeset_but_not_code_or_hrefs() {
        let a = crate::site::client_article();
        assert_eq!(a.sections[0].id, "chef-projet-digital");
        assert_eq!(
            a.sections[0].heading_text(),
            "Qu’est-ce qu’un chef de projet digital\u{202F}?"
        );
        assert_eq!(a.toc[0].label, a.sections[0].heading_text());
        assert!(a.sections[1].blocks[1]
            .plain_text()
            .contains("production digitale\u{A0}:"));
        let source =
            "---\ntitle: T\n---\n\nVoir [l'exemple](https://ex.org/a?b=c) et `a ? b : c` !\n";
        let mut p = crate::parse::parse_page(&crate::parse::PageSource::alone("t.md"), source)
            .unwrap()
            .article;
        typeset(&mut p);
        let crate::model::Block::Paragraph(inlines) = &p.lead[0] else {
            panic!("{:?}", p.lead)
        };
        match &inlines[1] {
            Inline::Link(link) => {
                assert_eq!(link.href, "https://ex.org/a?b=c");
                assert_eq!(link.children, vec![Inline::Text("l’exemple".into())]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(inlines[3], Inline::Code("a ? b : c".into()));
        assert_eq!(inlines[4], Inline::Text("\u{202F}!".into()));
    }
}
