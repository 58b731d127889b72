//! kramdown's attribute lists: `{: #id .class key="value"}` on a line of its own after (or
//! before) a block, or right after a link or an image, and `{::options … /}`.
//!
//! pulldown-cmark does not read them: a block list line would join the paragraph, the list item
//! or the table before it. So the lines are found first ([`scan`]), outside code, HTML and the
//! front matter, and blanked with spaces (byte offsets and line numbers stay those of the file);
//! the tree builder applies each one when the event stream passes its line.

use std::ops::Range;

/// What one attribute list says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Ial {
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// `start="N"`: an ordered list's first number.
    pub start: Option<u64>,
    /// `{:toc}`: the page's contents go here.
    pub toc: bool,
    /// What nothing here draws (`width="50%"`, a reference to a definition), for the page's
    /// note.
    pub left_out: Vec<String>,
}

/// A block attribute list's line.
#[derive(Debug, Clone)]
pub(super) struct BlockIal {
    /// The byte offset of its line in the file, and the line's number.
    pub offset: usize,
    pub line: usize,
    /// What is between `{:` and `}`; `None` for `{::options … /}` and other extensions.
    pub inner: Option<String>,
    /// The block above's; otherwise (a blank line above, a block right below) the next's.
    pub after: bool,
    /// Indented: inside the list item it follows, not after the whole list.
    pub indented: bool,
}

/// The block attribute lists of `text` outside the `skip` byte ranges, and the text with their
/// lines blanked.
pub(super) fn scan(text: &str, skip: &[Range<usize>]) -> (String, Vec<BlockIal>) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut found: Vec<BlockIal> = Vec::new();
    let mut offset = 0;
    for (index, line) in lines.iter().enumerate() {
        let skipped = skip.iter().any(|r| r.contains(&offset));
        match (!skipped).then(|| block_list(line.trim())).flatten() {
            Some(inner) => {
                // Directly above a block, with a blank line (or nothing) above it: that
                // block's. Otherwise the block's above, whether a blank line separates them or
                // not (`## Heading`, blank line, `{: #id}` names the heading).
                let blank = |i: Option<usize>| {
                    i.and_then(|i| lines.get(i))
                        .is_none_or(|l| l.trim().is_empty())
                };
                let above_blank = blank(index.checked_sub(1));
                let below_block = !blank(Some(index + 1))
                    && lines
                        .get(index + 1)
                        .is_some_and(|l| block_list(l.trim()).is_none());
                let stacked = found.last().filter(|f| f.line == index).map(|f| f.after);
                found.push(BlockIal {
                    offset,
                    line: index + 1,
                    inner,
                    after: stacked.unwrap_or(!(above_blank && below_block)),
                    indented: line.starts_with([' ', '\t']),
                });
                // One space per byte: the offsets below stay the file's.
                for c in line.chars() {
                    match c {
                        '\n' | '\r' => out.push(c),
                        _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
                    }
                }
            }
            None => out.push_str(line),
        }
        offset += line.len();
    }
    (out, found)
}

/// A line that is a block attribute list: `Some(Some(inner))` for `{: … }`, `Some(None)` for an
/// extension (`{::options … /}`).
fn block_list(line: &str) -> Option<Option<String>> {
    let body = line.strip_prefix("{:")?.strip_suffix('}')?;
    if body.starts_with(':') {
        return Some(None);
    }
    // `{: a } text {: b}` is not one list.
    if body.contains(['{', '}']) {
        return None;
    }
    Some(Some(body.to_string()))
}

/// A span attribute list at the start of `text` (the text right after a link or an image):
/// what is inside it and the text after it.
pub(super) fn span_list(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix("{:")?;
    if body.starts_with(':') {
        return None;
    }
    let end = body.find('}')?;
    let inner = &body[..end];
    if inner.contains('{') {
        return None;
    }
    Some((inner, &body[end + 1..]))
}

/// Reads what is between `{:` and `}`; the error says which part is wrong.
pub(super) fn parse(inner: &str) -> Result<Ial, String> {
    let mut ial = Ial::default();
    let mut rest = inner.trim();
    // `{:name: .a #b}` defines an attribute list that `{:name}` references: not read.
    if rest
        .split_once(':')
        .is_some_and(|(name, _)| is_class_name(name.trim()))
    {
        ial.left_out
            .push("attribute list definitions (`{:name: …}`)".to_string());
        return Ok(ial);
    }
    while !rest.is_empty() {
        let (token, after) = next_token(rest)?;
        rest = after.trim_start();
        if let Some(id) = token.strip_prefix('#') {
            if ial.id.replace(id.to_string()).is_some() {
                return Err(format!("`{{:{inner}}}` gives two ids"));
            }
        } else if let Some(class) = token.strip_prefix('.') {
            if !is_class_name(class) {
                return Err(format!(
                    "`{class}` in `{{:{inner}}}` is not a class name: a letter or `_`, then letters, digits, `-` or `_`"
                ));
            }
            if !ial.classes.iter().any(|c| c == class) {
                ial.classes.push(class.to_string());
            }
        } else if let Some((key, value)) = token.split_once('=') {
            let value = value.trim_matches(['"', '\'']);
            match key {
                "start" => {
                    let n = value
                        .parse()
                        .map_err(|_| format!("`start=\"{value}\"` is not a number"))?;
                    ial.start = Some(n);
                }
                _ => ial.left_out.push(format!("{key}=\"{value}\"")),
            }
        } else if token == "toc" {
            ial.toc = true;
        } else if is_class_name(token) {
            // A reference to an attribute list definition (`{:ref}`), which is not read.
            ial.left_out.push(token.to_string());
        } else {
            return Err(format!(
                "`{token}` in `{{:{inner}}}` is not a kramdown attribute: write `#id`, `.class` or `key=\"value\"`"
            ));
        }
    }
    Ok(ial)
}

/// The next whitespace-separated token; a quoted value may hold spaces.
fn next_token(text: &str) -> Result<(&str, &str), String> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => return Ok((&text[..i], &text[i..])),
            _ => {}
        }
    }
    match quote {
        Some(_) => Err(format!("unclosed quote in `{{:{text}}}`")),
        None => Ok((text, "")),
    }
}

/// A plain class name: `[A-Za-z_][A-Za-z0-9_-]*`.
pub(super) fn is_class_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_classes_and_options() {
        let ial = parse(" .a .b #x start=\"3\" width=\"50%\"").unwrap();
        assert_eq!(ial.id.as_deref(), Some("x"));
        assert_eq!(ial.classes, ["a", "b"]);
        assert_eq!(ial.start, Some(3));
        assert_eq!(ial.left_out, ["width=\"50%\""]);
        assert!(parse("toc").unwrap().toc);
        assert_eq!(parse("ref: .a").unwrap().left_out.len(), 1);
        assert!(parse(".bad!").unwrap_err().contains("not a class name"));
        assert!(parse(".a b!")
            .unwrap_err()
            .contains("not a kramdown attribute"));
    }

    #[test]
    fn blanks_list_lines_outside_code() {
        let text = "a\n{: .x}\n\n```\n{: .y}\n```\n";
        let code = text.find("```").unwrap()..text.len();
        let (out, found) = scan(text, &[code]);
        assert_eq!(out.len(), text.len());
        assert_eq!(out, "a\n      \n\n```\n{: .y}\n```\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
        assert!(found[0].after);
        let text = "a\n{: title=\"é\"}\nb\n";
        assert_eq!(scan(text, &[]).0.len(), text.len());
    }
}
