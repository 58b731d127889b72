//! Raw HTML in Markdown: the allow-list.
//!
//! pulldown-cmark hands raw HTML over as text, a tag or a line at a time; `html5gum` tokenizes
//! it. Allowed elements open and close frames of the tree builder like Markdown containers, so
//! Markdown between `<details>` and `</details>` lands inside the element. Anything else
//! (`<script>`, `<style>`, `<iframe>`, `on*` and `style` attributes, `javascript:` URLs) is an
//! error naming it.

use html5gum::{Token, Tokenizer};

use super::files::string;
use super::source::PResult;
use super::tree::{classify, Builder, Kind};
use crate::model::{Attributes, HtmlTag, Inline};

/// The allowed element names, for messages.
fn allowed_names() -> String {
    std::iter::once("a")
        .chain(HtmlTag::ALL.iter().map(|(n, _)| *n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Feeds one chunk of raw HTML to the builder.
pub(super) fn feed(b: &mut Builder<'_, '_>, raw: &str, line: usize) -> PResult<()> {
    for token in Tokenizer::new(raw) {
        // Reading a string cannot fail: the error type is `Infallible`.
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = string(&tag.name).to_ascii_lowercase();
                let attrs: Vec<(String, String)> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (string(k).to_ascii_lowercase(), string(&v.value)))
                    .collect();
                start(b, &name, &attrs, tag.self_closing, line)?;
            }
            Token::EndTag(tag) => end(b, &string(&tag.name).to_ascii_lowercase(), line)?,
            Token::String(text) => {
                b.push_text(&string(&text.value), line)?;
            }
            // Comments are the author's notes, not content.
            Token::Comment(_) => {}
            Token::Doctype(_) => {
                return Err(b
                    .src
                    .error(line, "a `<!DOCTYPE>` has no place in a page's text"))
            }
            // A browser would guess; the build says what is wrong instead.
            Token::Error(error) => {
                return Err(b
                    .src
                    .error(line, format!("malformed HTML: {}", error.value)))
            }
        }
    }
    Ok(())
}

fn start(
    b: &mut Builder<'_, '_>,
    name: &str,
    attrs: &[(String, String)],
    self_closing: bool,
    line: usize,
) -> PResult<()> {
    refuse_code(b, name, attrs, line)?;
    if name == "a" {
        return start_anchor(b, attrs, line);
    }
    let Some(tag) = HtmlTag::from_name(name) else {
        return Err(b.src.error(
            line,
            format!(
                "the HTML element `<{name}>` is not allowed (allowed: {})",
                allowed_names()
            ),
        ));
    };
    let attrs = allowed_attributes(b, tag, name, attrs, line)?;
    if tag.is_void() {
        return b.push_inline(Inline::Break, line);
    }
    if self_closing {
        return Err(b
            .src
            .error(line, format!("`<{name}/>` is not an empty element")));
    }
    if tag.is_block() && !b.stack.last().is_some_and(|f| f.kind.holds_blocks()) {
        return Err(b.src.error(
            line,
            format!("`<{name}>` is a block: put it on a line of its own, with a blank line before"),
        ));
    }
    b.open(Kind::Element { tag, attrs }, line)
}

/// What would run code or restyle the page: event handlers, `style`, script URLs.
fn refuse_code(
    b: &Builder<'_, '_>,
    name: &str,
    attrs: &[(String, String)],
    line: usize,
) -> PResult<()> {
    for (key, value) in attrs {
        if key.starts_with("on") {
            return Err(b.src.error(
                line,
                format!("the `{key}` attribute on `<{name}>` is not allowed: pages run no inline script"),
            ));
        }
        if key == "style" {
            return Err(b.src.error(
                line,
                format!("the `style` attribute on `<{name}>` is not allowed: styles live in the stylesheet"),
            ));
        }
        if classify(value).is_none() && matches!(key.as_str(), "href" | "src") {
            return Err(b.src.error(
                line,
                format!("`{value}` in `<{name} {key}>`: `javascript:`, `data:` and `vbscript:` URLs are not allowed"),
            ));
        }
    }
    Ok(())
}

/// A raw `<a>`: a link like a Markdown one, with `href` and an optional `title`.
fn start_anchor(b: &mut Builder<'_, '_>, attrs: &[(String, String)], line: usize) -> PResult<()> {
    let mut href = None;
    let mut title = None;
    for (key, value) in attrs {
        match key.as_str() {
            "href" => href = Some(value.clone()),
            "title" => title = Some(value.clone()),
            other => {
                return Err(b.src.error(
                    line,
                    format!(
                        "the `{other}` attribute on `<a>` is not allowed (allowed: href, title)"
                    ),
                ))
            }
        }
    }
    let Some(href) = href else {
        return Err(b.src.error(line, "`<a>` without `href`"));
    };
    b.open(Kind::Anchor { href, title }, line)
}

/// The attributes every allowed element may carry, and `<time datetime>`, `<details open>`.
fn allowed_attributes(
    b: &mut Builder<'_, '_>,
    tag: HtmlTag,
    name: &str,
    attrs: &[(String, String)],
    line: usize,
) -> PResult<Attributes> {
    let mut checked = Attributes::default();
    for (key, value) in attrs {
        let value = value.clone();
        match key.as_str() {
            "id" => {
                b.claim_id(&value, line)?;
                checked.id = Some(value);
            }
            "class" => checked.class = Some(value),
            "title" => checked.title = Some(value),
            "lang" => checked.lang = Some(value),
            "datetime" if tag == HtmlTag::Time => checked.datetime = Some(value),
            "open" if tag == HtmlTag::Details => checked.open = true,
            other => {
                return Err(b.src.error(
                    line,
                    format!(
                        "the `{other}` attribute on `<{name}>` is not allowed (allowed: {})",
                        Attributes::NAMES.join(", ")
                    ),
                ))
            }
        }
    }
    Ok(checked)
}

fn end(b: &mut Builder<'_, '_>, name: &str, line: usize) -> PResult<()> {
    let matches_top = b.stack.last().is_some_and(|f| match &f.kind {
        Kind::Element { tag, .. } => tag.name() == name,
        Kind::Anchor { .. } => name == "a",
        _ => false,
    });
    if name == "br" {
        return b.push_inline(Inline::Break, line);
    }
    if !matches_top {
        let open = b
            .stack
            .last()
            .map(|f| b.describe(&f.kind))
            .unwrap_or_default();
        let known = name == "a" || HtmlTag::from_name(name).is_some();
        return Err(b.src.error(
            line,
            if known {
                format!("`</{name}>` does not close the element open here ({open}); Markdown blocks cannot cross raw HTML elements")
            } else {
                format!("the HTML element `</{name}>` is not allowed (allowed: {})", allowed_names())
            },
        ));
    }
    match b.stack.pop() {
        Some(frame) => b.close_element(frame, line),
        None => Ok(()),
    }
}
