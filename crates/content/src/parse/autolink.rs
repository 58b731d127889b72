//! GFM's extended autolinks: a bare `https://…`, `http://…` or `www.…` in the text is a link.
//! pulldown-cmark has no option for them (it reads `<https://…>` only), so the finished text of
//! each block goes through here: text inside links and code is left alone.

use crate::model::{Element, Inline, Link, LinkTarget};

/// The inlines with every bare URL of their text made a link.
pub(super) fn autolink(inlines: Vec<Inline>, line: usize) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Text(text) => split(&text, line, &mut out),
            Inline::Emphasis(c) => out.push(Inline::Emphasis(autolink(c, line))),
            Inline::Strong(c) => out.push(Inline::Strong(autolink(c, line))),
            Inline::Strike(c) => out.push(Inline::Strike(autolink(c, line))),
            Inline::Element(Element {
                tag,
                attrs,
                children,
            }) => out.push(Inline::Element(Element {
                tag,
                attrs,
                children: autolink(children, line),
            })),
            other => out.push(other),
        }
    }
    out
}

/// Splits a text around its URLs.
fn split(text: &str, line: usize, out: &mut Vec<Inline>) {
    let mut rest = text;
    while let Some((start, end)) = find(rest) {
        let (before, tail) = rest.split_at(start);
        let (url, after) = tail.split_at(end - start);
        if !before.is_empty() {
            out.push(Inline::Text(before.to_string()));
        }
        let href = if url.starts_with("www.") {
            format!("http://{url}")
        } else {
            url.to_string()
        };
        out.push(Inline::Link(Link {
            href,
            target: LinkTarget::External,
            title: None,
            children: vec![Inline::Text(url.to_string())],
            classes: Vec::new(),
            line,
        }));
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_string()));
    }
}

/// The byte range of the first URL in `text`: one starting a word (or after `(`, `*`, `_`,
/// `~`), with a dotted domain, its trailing punctuation and an unbalanced `)` left out.
fn find(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while from < text.len() {
        let rest = text.get(from..)?;
        let at = ["https://", "http://", "www."]
            .iter()
            .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
            .min_by_key(|(i, _)| *i)?;
        let start = from + at.0;
        let starts_word = text
            .get(..start)?
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '*' | '_' | '~'));
        let mut end = start
            + text
                .get(start..)?
                .find(|c: char| c.is_whitespace() || c == '<')
                .unwrap_or(text.len() - start);
        // Trailing punctuation ends a sentence, not the URL; so does a `)` without its `(`.
        loop {
            let url = text.get(start..end)?;
            let last = url.chars().next_back()?;
            let unbalanced = last == ')' && url.matches(')').count() > url.matches('(').count();
            if matches!(
                last,
                '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | ';' | '\'' | '"'
            ) || unbalanced
            {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        let url = text.get(start..end)?;
        let host = url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("");
        let domain_ok = host.contains('.')
            && host
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'));
        if starts_word && domain_ok {
            return Some((start, end));
        }
        from = start + at.1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<String> {
        autolink(vec![Inline::Text(text.into())], 1)
            .into_iter()
            .filter_map(|i| match i {
                Inline::Link(l) => Some(l.href),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bare_urls_become_links() {
        assert_eq!(
            links("Voir https://www.rust-lang.org/learn."),
            ["https://www.rust-lang.org/learn"]
        );
        assert_eq!(
            links("(www.example.org/a_(b))"),
            ["http://www.example.org/a_(b)"]
        );
        assert_eq!(
            links("www.example.org, puis http://ex.org?q=1!"),
            ["http://www.example.org", "http://ex.org?q=1"]
        );
        assert!(links("no url here, nor www. alone nor xhttps://a.b").is_empty());
    }

    #[test]
    fn the_text_around_is_kept() {
        let out = autolink(vec![Inline::Text("a https://ex.org b".into())], 3);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0], Inline::Text("a ".into()));
        assert_eq!(out[2], Inline::Text(" b".into()));
    }
}
