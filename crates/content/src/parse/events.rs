//! The event loop: pulldown-cmark with its options, each event handed to the tree builder, and
//! raw HTML to the allow-list.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html;
use super::ial;
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
    // kramdown's attribute lists, on lines of their own: read, then blanked for pulldown-cmark.
    let (blanked, lists) = match body.contains("{:") {
        true => {
            let skip: Vec<_> = Parser::new_ext(body, options)
                .into_offset_iter()
                .filter_map(|(event, range)| match event {
                    Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                        Some(range)
                    }
                    _ => None,
                })
                .collect();
            ial::scan(body, &skip)
        }
        false => (String::new(), Vec::new()),
    };
    let body = if lists.is_empty() { body } else { &blanked };
    let mut lists = lists.into_iter().peekable();
    let mut b = Builder::new(src, page);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        // A list applies once the blocks above it are closed: at the first event below it, or,
        // indented under a list item, before that item closes (its range runs past the list).
        let in_item = matches!(event, Event::End(TagEnd::Item));
        while let Some(list) = lists
            .next_if(|l| l.offset < range.start || (in_item && l.indented && l.offset < range.end))
        {
            b.block_ial(ial::BlockIal {
                line: src.line_of(list.offset + bom),
                ..list
            })?;
        }
        let line = src.line_of(range.start + bom);
        event_into(&mut b, event, line, range.start + bom)?;
    }
    for list in lists {
        b.block_ial(ial::BlockIal {
            line: src.line_of(list.offset + bom),
            ..list
        })?;
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
