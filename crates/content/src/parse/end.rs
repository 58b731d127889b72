//! Closing events: the frame of the container that ends is built into its typed node by one
//! handler per kind, and handed to its parent.

use pulldown_cmark::TagEnd;

use super::autolink::autolink;
use super::source::PResult;
use super::tree::{trimmed, Builder, FootnoteDef, Frame, Kind};
use crate::highlight::highlight;
use crate::model::{plain_text, Align, Block, CodeBlock, Inline, List, ListItem, Table};

impl Builder<'_, '_> {
    /// Closes the innermost container.
    pub(super) fn end(&mut self, tag: TagEnd, line: usize) -> PResult<()> {
        if tag == TagEnd::HtmlBlock {
            return Ok(());
        }
        let Some(mut frame) = self.stack.pop() else {
            return Err(self.src.error(line, "unbalanced Markdown"));
        };
        if let Kind::Element { .. } | Kind::Anchor { .. } = frame.kind {
            // Markdown closes a container while a raw HTML element it holds is still open.
            return Err(self.src.error(
                frame.line,
                format!("{} is not closed", self.describe(&frame.kind)),
            ));
        }
        if matches!(
            frame.kind,
            Kind::Quote | Kind::Item { .. } | Kind::Footnote { .. }
        ) {
            self.flush_inlines(&mut frame);
        }
        let Frame {
            kind,
            line,
            blocks,
            inlines,
        } = frame;
        match kind {
            Kind::Paragraph => self.end_paragraph(inlines, line),
            Kind::Heading { level, id } => self.end_heading(level, id, inlines, line),
            Kind::Quote => self.push_block(Block::Quote(blocks), line),
            Kind::Item { task } => self.end_item(ListItem { task, blocks }),
            Kind::List {
                start,
                loose,
                items,
            } => self.push_block(
                Block::List(List {
                    start,
                    tight: !loose,
                    items,
                }),
                line,
            ),
            Kind::Code { lang, text } => self.end_code(lang, &text, line),
            Kind::Table { align, head, rows } => self.end_table(align, head, rows, line),
            Kind::TableHead { cells } => self.end_table_head(cells),
            Kind::TableRow { cells } => self.end_table_row(cells),
            Kind::TableCell => self.end_table_cell(inlines, line),
            Kind::Emphasis => self.push_inline(Inline::Emphasis(inlines), line),
            Kind::Strong => self.push_inline(Inline::Strong(inlines), line),
            Kind::Strike => self.push_inline(Inline::Strike(inlines), line),
            Kind::Link { href, title } => {
                let link = self.link(href, title, inlines, line)?;
                self.push_inline(link, line)
            }
            Kind::Image { src, title } => {
                let alt = plain_text(&inlines);
                let image = self.image(&src, alt.trim(), title, line)?;
                self.push_inline(Inline::Image(image), line)
            }
            Kind::Footnote { label } => self.end_footnote(label, blocks, line),
            Kind::Metadata | Kind::Root | Kind::Element { .. } | Kind::Anchor { .. } => Ok(()),
        }
    }

    /// A paragraph.
    fn end_paragraph(&mut self, inlines: Vec<Inline>, line: usize) -> PResult<()> {
        let inlines = autolink(trimmed(inlines), line);
        if inlines.is_empty() {
            return Ok(());
        }
        self.push_block(Block::Paragraph(inlines), line)
    }

    /// A heading; only the page's `#` title may be empty (it is checked against the title).
    fn end_heading(
        &mut self,
        level: u8,
        id: Option<String>,
        inlines: Vec<Inline>,
        line: usize,
    ) -> PResult<()> {
        let inlines = trimmed(inlines);
        if level > 1 && inlines.is_empty() {
            return Err(self.src.error(line, "empty heading"));
        }
        let id = id.unwrap_or_default();
        self.push_block(Block::Heading { level, id, inlines }, line)
    }

    /// A list item, handed to its list.
    fn end_item(&mut self, item: ListItem) -> PResult<()> {
        if let Some(Frame {
            kind: Kind::List { items, .. },
            ..
        }) = self.stack.last_mut()
        {
            items.push(item);
        }
        Ok(())
    }

    /// A code block, highlighted now: the page carries classed spans, no script.
    fn end_code(&mut self, lang: Option<String>, text: &str, line: usize) -> PResult<()> {
        let lines = highlight(lang.as_deref(), text);
        self.push_block(Block::Code(CodeBlock { lang, lines }), line)
    }

    fn end_table(
        &mut self,
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        line: usize,
    ) -> PResult<()> {
        self.push_block(Block::Table(Table { align, head, rows }), line)
    }

    fn end_table_head(&mut self, cells: Vec<Vec<Inline>>) -> PResult<()> {
        if let Some(Frame {
            kind: Kind::Table { head, .. },
            ..
        }) = self.stack.last_mut()
        {
            *head = cells;
        }
        Ok(())
    }

    fn end_table_row(&mut self, cells: Vec<Vec<Inline>>) -> PResult<()> {
        if let Some(Frame {
            kind: Kind::Table { rows, .. },
            ..
        }) = self.stack.last_mut()
        {
            rows.push(cells);
        }
        Ok(())
    }

    fn end_table_cell(&mut self, inlines: Vec<Inline>, line: usize) -> PResult<()> {
        let cell = autolink(trimmed(inlines), line);
        if let Some(Frame {
            kind: Kind::TableHead { cells } | Kind::TableRow { cells },
            ..
        }) = self.stack.last_mut()
        {
            cells.push(cell);
        }
        Ok(())
    }

    /// A footnote's text, numbered later by the order of its first call.
    fn end_footnote(&mut self, label: String, blocks: Vec<Block>, line: usize) -> PResult<()> {
        if self.footnotes.iter().any(|f| f.label == label) {
            return Err(self
                .src
                .error(line, format!("footnote `[^{label}]` is defined twice")));
        }
        self.footnotes.push(FootnoteDef {
            label,
            line,
            blocks,
        });
        Ok(())
    }
}
