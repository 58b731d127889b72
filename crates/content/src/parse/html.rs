//! Raw HTML in Markdown: the allow-list.
//!
//! pulldown-cmark hands raw HTML over as text, a tag or a line at a time; `html5gum` tokenizes
//! it. Allowed elements open and close frames of the tree builder like Markdown containers, so
//! Markdown between `<details>` and `</details>` lands inside the element. A `style` attribute
//! is kept as checked declarations (the build moves them into a stylesheet); an `<iframe>` from
//! an `https` origin becomes an [`Embed`]. Anything else (`<script>`, `<style>`, `on*`
//! attributes, `javascript:` URLs) is an error naming it.

use html5gum::{Token, Tokenizer};

use super::files::string;
use super::source::PResult;
use super::tree::{classify, Builder, Kind};
use crate::model::{Attributes, Declaration, Embed, HtmlTag, Inline};

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
            // What an `<iframe>` holds is for browsers without frames.
            Token::String(_) if b.in_frame => {}
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
    if name == "iframe" {
        return start_frame(b, attrs, self_closing, line);
    }
    if name == "script" {
        return Err(b.src.error(line, script_message(attrs)));
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
            "style" => {
                checked.style = style(&value).map_err(|m| {
                    b.src
                        .error(line, format!("the `style` attribute on `<{name}>`: {m}"))
                })?
            }
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

/// Why a `<script>` cannot be, and what to write instead.
fn script_message(attrs: &[(String, String)]) -> String {
    let src = attrs
        .iter()
        .find(|(k, _)| k == "src")
        .map(|(_, v)| v.as_str());
    match src {
        Some(src) if src.contains("gist.github.com/") => {
            let gist = src.strip_suffix(".js").unwrap_or(src);
            format!("the HTML element `<script>` is not allowed: pages run no script of their own. Link to the gist instead, `[the gist]({gist})`, or copy its code into a fenced code block")
        }
        _ => "the HTML element `<script>` is not allowed: pages run no script of their own. To show code, put it in a fenced code block (```); to show what a script embeds, link to it".to_string(),
    }
}

/// A `style` attribute's declarations, `property: value` each: what could load or run
/// something (`url(`, `expression(`, `@import`), or leave the rule (`{`, `}`, `<`, `\`,
/// comments), is refused.
fn style(text: &str) -> Result<Vec<Declaration>, String> {
    let mut declarations = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((property, value)) = part.split_once(':') else {
            return Err(format!("`{part}` is not a `property: value` declaration"));
        };
        let property = property.trim().to_ascii_lowercase();
        let value = value.trim();
        let name_ok = !property.is_empty()
            && property
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !name_ok || value.is_empty() {
            return Err(format!("`{part}` is not a `property: value` declaration"));
        }
        let lower = value.to_ascii_lowercase();
        let refused = [
            "url(",
            "image(",
            "image-set(",
            "src(",
            "expression(",
            "@",
            "\\",
            "<",
            ">",
            "{",
            "}",
            "/*",
        ]
        .into_iter()
        .find(|bad| lower.contains(bad));
        if let Some(bad) = refused.or(value
            .contains(char::is_control)
            .then_some("a control character"))
        {
            return Err(format!(
                "`{property}: {value}`: `{bad}` is not allowed in a style (styles cannot load or run anything)"
            ));
        }
        declarations.push(Declaration {
            property,
            value: value.to_string(),
        });
    }
    Ok(declarations)
}

/// An `<iframe>`: kept from an `https` origin with a `title`, drawn lazily; a YouTube video
/// becomes a link that loads the player only when played.
fn start_frame(
    b: &mut Builder<'_, '_>,
    attrs: &[(String, String)],
    self_closing: bool,
    line: usize,
) -> PResult<()> {
    let mut src = None;
    let mut title = None;
    let (mut width, mut height) = (None, None);
    let mut allow_fullscreen = false;
    let mut style_of = Vec::new();
    let mut dropped = Vec::new();
    for (key, value) in attrs {
        match key.as_str() {
            "src" => src = Some(value.trim().to_string()),
            "title" => title = Some(value.trim().to_string()).filter(|t| !t.is_empty()),
            "width" => width = value.trim().parse::<u32>().ok(),
            "height" => height = value.trim().parse::<u32>().ok(),
            "allowfullscreen" | "webkitallowfullscreen" | "mozallowfullscreen" => {
                allow_fullscreen = true
            }
            "style" => {
                style_of = style(value).map_err(|m| {
                    b.src
                        .error(line, format!("the `style` attribute on `<iframe>`: {m}"))
                })?
            }
            "srcdoc" => {
                return Err(b.src.error(
                    line,
                    "the `srcdoc` attribute on `<iframe>` is not allowed: a frame comes from an `https://` address",
                ))
            }
            // What the frame's own site decides, or what the page's stylesheet does.
            "frameborder" | "allow" | "referrerpolicy" | "loading" | "scrolling" | "sandbox"
            | "marginwidth" | "marginheight" | "class" | "id" | "name" => {
                dropped.push(format!("`<iframe {key}>`"))
            }
            other => {
                return Err(b.src.error(
                    line,
                    format!("the `{other}` attribute on `<iframe>` is not allowed (allowed: src, title, width, height, allowfullscreen)"),
                ))
            }
        }
    }
    let Some(src) = src else {
        return Err(b.src.error(line, "`<iframe>` without `src`"));
    };
    if !src.to_ascii_lowercase().starts_with("https://") || src.len() <= "https://".len() {
        return Err(b.src.error(
            line,
            format!("`<iframe src=\"{src}\">`: a frame must come from an `https://` address"),
        ));
    }
    let Some(title) = title else {
        return Err(b.src.error(
            line,
            "`<iframe>` without a `title`: add one saying what the frame shows (`title=\"…\"`), which screen readers announce",
        ));
    };
    for what in dropped {
        b.leave_out(line, what);
    }
    let video = youtube_id(&src);
    let src = match &video {
        Some(id) => format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
        None => src,
    };
    b.in_frame = !self_closing;
    b.push_inline(
        Inline::Embed(Embed {
            src,
            title,
            width,
            height,
            allow_fullscreen,
            video,
            style: style_of,
        }),
        line,
    )
}

/// The video id of a YouTube player address (`https://www.youtube.com/embed/ID?…`, or on
/// `youtube-nocookie.com`).
fn youtube_id(src: &str) -> Option<String> {
    let url = url::Url::parse(src).ok()?;
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    if !matches!(host, "youtube.com" | "youtube-nocookie.com") {
        return None;
    }
    let id = url.path().strip_prefix("/embed/")?.trim_end_matches('/');
    let valid = (6..=32).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| id.to_string())
}

fn end(b: &mut Builder<'_, '_>, name: &str, line: usize) -> PResult<()> {
    if name == "iframe" && b.in_frame {
        b.in_frame = false;
        return Ok(());
    }
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
