//! The event loop: pulldown-cmark with its options, each event handed to the tree builder, and
//! raw HTML to the allow-list.

use pulldown_cmark::{Event, Options, Parser};

use super::html;
use super::source::{PResult, PageSource, Source};
use super::tree::{Builder, Tree};
use crate::model::{Block, Inline};

/// Parses the whole file (front matter included) into its tree.
pub(super) fn build(src: &Source<'_>, page: &PageSource) -> PResult<Tree> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    // A UTF-8 byte order mark is invisible in editors: not an error, and not a front matter
    // killer.
    let bom = if src.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let body = src.text.get(bom..).unwrap_or("");
    let mut b = Builder::new(src, page);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let line = src.line_of(range.start + bom);
        event_into(&mut b, event, line, range.start + bom)?;
    }
    b.finish()
}

fn event_into(
    b: &mut Builder<'_, '_>,
    event: Event<'_>,
    line: usize,
    offset: usize,
) -> PResult<()> {
    match event {
        Event::Start(tag) => b.start(tag, line, offset),
        Event::End(tag) => b.end(tag, line),
        Event::Text(text) => b.text(&text, line),
        Event::Code(code) => b.code(code.into_string(), line),
        Event::Html(raw) | Event::InlineHtml(raw) => html::feed(b, &raw, line),
        Event::SoftBreak => b.push_text(" ", line),
        Event::HardBreak => b.push_inline(Inline::Break, line),
        Event::Rule => b.push_block(Block::Rule, line),
        Event::FootnoteReference(label) => b.push_inline(
            Inline::FootnoteRef {
                id: label.into_string(),
                number: 0,
                call: 0,
            },
            line,
        ),
        Event::TaskListMarker(done) => {
            b.task(done);
            Ok(())
        }
        Event::InlineMath(_) | Event::DisplayMath(_) => Ok(()),
    }
}
