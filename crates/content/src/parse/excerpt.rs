//! A post's excerpt, as Jekyll cuts it: the body up to `excerpt_separator` (by default the first
//! blank line, so the first paragraph), here as plain text for lists, feeds and the meta
//! description.

use pulldown_cmark::{Event, Parser, TagEnd};

/// Where the body starts: after the front matter's closing `---` (or `...`) line, as Jekyll
/// reads it; 0 when the text has no front matter.
pub fn body_start(text: &str) -> usize {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[bom..].split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if opening.trim_end() != "---" {
        return 0;
    }
    let mut offset = bom + opening.len();
    for line in lines {
        offset += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return offset;
        }
    }
    0
}

/// The plain text of `body` up to the first `separator`, blanks collapsed. The body's leading
/// blank lines are not a separator: they are not part of any paragraph.
pub fn excerpt(body: &str, separator: &str) -> String {
    let body = body.trim_start_matches(['\n', '\r']);
    let head = match separator.is_empty() {
        true => body,
        false => body.split(separator).next().unwrap_or(body),
    };
    let mut text = String::new();
    for event in Parser::new(head) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_starts_after_the_closing_line() {
        assert_eq!(body_start("---\ntitle: a\n---\nBody"), 17);
        assert_eq!(body_start("---\ntitle: a\n...\nBody"), 17);
        assert_eq!(body_start("# No front matter\n---\n"), 0);
        assert_eq!(body_start("---\nnever closed\n"), 0);
    }

    #[test]
    fn the_first_paragraph_or_up_to_the_separator() {
        let body = "\nFirst *words* and `code`,\nwrapped.\n\nSecond.\n<!--more-->\nThird.";
        assert_eq!(excerpt(body, "\n\n"), "First words and code, wrapped.");
        assert_eq!(
            excerpt(body, "<!--more-->"),
            "First words and code, wrapped. Second."
        );
        assert_eq!(excerpt("Only one.", "\n\n"), "Only one.");
    }
}
