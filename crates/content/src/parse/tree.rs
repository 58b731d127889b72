//! pulldown-cmark's event stream into typed blocks and inlines.
//!
//! A stack of frames mirrors the open Markdown containers and the open raw HTML elements; each
//! frame gathers its children, and closing it builds the typed node and hands it to its parent.

use pulldown_cmark::HeadingLevel;

use super::autolink::autolink;
use super::front::RawYaml;
use super::ial::{self, BlockIal, Ial};
use super::source::{Asset, PResult, PageSource, Source};
use crate::model::{
    Align, Attributed, Attributes, Block, Element, HtmlTag, Inline, LinkTarget, ListItem,
};
use crate::slug::{is_valid_id, Ids};

/// Nesting depth allowed for containers: real pages need a handful; the limit only keeps the
/// recursive renderers' stacks bounded on hostile input.
const MAX_DEPTH: usize = 48;

/// A footnote's definition, before numbering.
#[derive(Debug, Clone)]
pub(super) struct FootnoteDef {
    pub label: String,
    pub line: usize,
    pub blocks: Vec<Block>,
}

/// What the event stream gives: the front matter, the body's blocks, footnote definitions, files.
pub(super) struct Tree {
    pub front_matter: RawYaml,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<FootnoteDef>,
    pub files: Vec<Asset>,
    /// What the page wrote that nothing draws, as `file:line: what`.
    pub notes: Vec<String>,
}

/// What an open frame is.
#[derive(Debug)]
pub(super) enum Kind {
    Root,
    Paragraph,
    Heading {
        level: u8,
        id: Option<String>,
    },
    Quote,
    List {
        start: Option<u64>,
        loose: bool,
        items: Vec<ListItem>,
    },
    Item {
        task: Option<bool>,
    },
    Code {
        lang: Option<String>,
        text: String,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    TableHead {
        cells: Vec<Vec<Inline>>,
    },
    TableRow {
        cells: Vec<Vec<Inline>>,
    },
    TableCell,
    Emphasis,
    Strong,
    Strike,
    Link {
        href: String,
        title: Option<String>,
    },
    Image {
        src: String,
        title: Option<String>,
    },
    Footnote {
        label: String,
    },
    Metadata,
    /// An allowed raw HTML element.
    Element {
        tag: HtmlTag,
        attrs: Attributes,
    },
    /// A raw HTML `<a>`.
    Anchor {
        href: String,
        title: Option<String>,
    },
}

impl Kind {
    /// Frames whose children are blocks (text directly inside is gathered into a paragraph).
    pub(super) fn holds_blocks(&self) -> bool {
        matches!(
            self,
            Kind::Root | Kind::Quote | Kind::Item { .. } | Kind::Footnote { .. }
        ) || matches!(self, Kind::Element { tag, .. } if tag.is_block())
    }

    /// Frames that hold inline content within a block: they never end a paragraph.
    fn is_inline(&self) -> bool {
        matches!(
            self,
            Kind::Emphasis
                | Kind::Strong
                | Kind::Strike
                | Kind::Link { .. }
                | Kind::Image { .. }
                | Kind::Anchor { .. }
        ) || matches!(self, Kind::Element { tag, .. } if !tag.is_block())
    }
}

#[derive(Debug)]
pub(super) struct Frame {
    pub kind: Kind,
    pub line: usize,
    pub blocks: Vec<Block>,
    pub inlines: Vec<Inline>,
}

/// The builder's state.
pub(super) struct Builder<'s, 'a> {
    pub src: &'s Source<'a>,
    pub page: &'s PageSource,
    pub stack: Vec<Frame>,
    pub ids: Ids,
    pub front_matter: RawYaml,
    pub footnotes: Vec<FootnoteDef>,
    pub files: Vec<Asset>,
    /// Characters of text seen so far and images met: decides which images load lazily.
    pub text_seen: usize,
    pub images_seen: usize,
    /// An attribute list written before a block: its list, the stack depth of that block and
    /// its line.
    pub next_ial: Option<(Ial, usize, usize)>,
    /// What was left out (kramdown options, attributes nothing draws), with its line.
    pub left_out: Vec<(usize, String)>,
    /// Inside an `<iframe>`, whose content is the fallback of browsers without frames.
    pub in_frame: bool,
}

impl<'s, 'a> Builder<'s, 'a> {
    pub(super) fn new(src: &'s Source<'a>, page: &'s PageSource) -> Self {
        Builder {
            src,
            page,
            stack: vec![Frame {
                kind: Kind::Root,
                line: 1,
                blocks: Vec::new(),
                inlines: Vec::new(),
            }],
            ids: Ids::default(),
            front_matter: RawYaml::default(),
            footnotes: Vec::new(),
            files: Vec::new(),
            text_seen: 0,
            images_seen: 0,
            next_ial: None,
            left_out: Vec::new(),
            in_frame: false,
        }
    }

    /// The tree, once every event is in: every container must be closed.
    pub(super) fn finish(mut self) -> PResult<Tree> {
        let root = self.stack.pop();
        if let Some(open) = self.stack.pop() {
            return Err(self.src.error(
                open.line,
                format!("{} is never closed", self.describe(&open.kind)),
            ));
        }
        let mut root = root.ok_or_else(|| self.src.error(1, "empty document"))?;
        if let Some((_, _, line)) = self.next_ial {
            return Err(self.src.error(
                line,
                "no block follows this attribute list: put it on the line right under its block",
            ));
        }
        self.flush_inlines(&mut root);
        // One note per page: the first line, and everything left out.
        let notes = match self.left_out.first() {
            Some((line, _)) => {
                let mut what: Vec<&str> = self.left_out.iter().map(|(_, w)| w.as_str()).collect();
                what.dedup();
                vec![format!(
                    "{}:{line}: left out, nothing here draws them: {}",
                    self.src.file,
                    what.join(", ")
                )]
            }
            None => Vec::new(),
        };
        Ok(Tree {
            front_matter: self.front_matter,
            blocks: root.blocks,
            footnotes: self.footnotes,
            files: self.files,
            notes,
        })
    }

    /// Notes something the page wrote that nothing draws.
    pub(super) fn leave_out(&mut self, line: usize, what: impl Into<String>) {
        self.left_out.push((line, what.into()));
    }

    /// A block attribute list: applied to the block right above it, or kept for the next one.
    pub(super) fn block_ial(&mut self, found: BlockIal) -> PResult<()> {
        let line = found.line;
        let Some(inner) = found.inner else {
            self.leave_out(line, "`{::…}` extensions");
            return Ok(());
        };
        let ial = ial::parse(&inner).map_err(|m| self.src.error(line, m))?;
        // A tight list item's text is not a paragraph yet: it becomes one, which takes the list.
        if let Some(mut top) = self.stack.pop() {
            if found.after && matches!(top.kind, Kind::Item { .. }) {
                self.flush_inlines(&mut top);
            }
            self.stack.push(top);
        }
        let before = match self.stack.last_mut() {
            Some(top) if found.after && top.kind.holds_blocks() && top.inlines.is_empty() => {
                top.blocks.pop()
            }
            _ => None,
        };
        match before {
            Some(block) => {
                let applied = self.apply_ial(block, ial, line)?;
                if let Some(top) = self.stack.last_mut() {
                    top.blocks.extend(applied);
                }
                Ok(())
            }
            None if !found.after || self.stack.last().is_some_and(|f| f.kind.holds_blocks()) => {
                if self.next_ial.is_some() {
                    return Err(self.src.error(
                        line,
                        "two attribute lists in a row before a block: write one",
                    ));
                }
                self.next_ial = Some((ial, self.stack.len(), line));
                Ok(())
            }
            None => Err(self.src.error(
                line,
                format!(
                    "`{{:{inner}}}` inside {}: put it right under the whole block",
                    self.stack
                        .last()
                        .map(|f| describe_kind(&f.kind))
                        .unwrap_or_default()
                ),
            )),
        }
    }

    /// Gives a block what its attribute list says; `None` when the block goes (`{:toc}`'s
    /// list).
    fn apply_ial(&mut self, block: Block, ial: Ial, line: usize) -> PResult<Option<Block>> {
        let Ial {
            id,
            mut classes,
            start,
            toc,
            left_out,
        } = ial;
        for what in left_out {
            self.leave_out(line, what);
        }
        if toc {
            // The page's contents list is generated from its headings; the marker list goes.
            return match block {
                Block::List(_) => Ok(None),
                _ => Err(self.src.error(
                    line,
                    "`{:toc}` goes right under a one-item list (`* TOC`), which the page's contents replace",
                )),
            };
        }
        let mut block = block;
        if let Some(n) = start {
            match &mut block {
                Block::List(list) if list.start.is_some() => list.start = Some(n),
                _ => self.leave_out(line, "`start` on a block that is not a numbered list"),
            }
        }
        if let Some(id) = &id {
            self.claim_id(id, line)?;
        }
        let taken = |line: usize| self.src.error(line, "this block already has an id");
        Ok(Some(match block {
            Block::Heading {
                level,
                id: given,
                inlines,
            } => {
                if !classes.is_empty() {
                    self.leave_out(line, "classes on a heading");
                }
                let id = match id {
                    Some(_) if !given.is_empty() => return Err(taken(line)),
                    Some(id) => id,
                    None => given,
                };
                Block::Heading { level, id, inlines }
            }
            Block::Element(mut element) => {
                if id.is_some() && element.attrs.id.is_some() {
                    return Err(taken(line));
                }
                element.attrs.id = element.attrs.id.or(id);
                if !classes.is_empty() {
                    let mut all: Vec<String> = element
                        .attrs
                        .class
                        .iter()
                        .flat_map(|c| c.split_whitespace().map(str::to_string))
                        .collect();
                    all.append(&mut classes);
                    element.attrs.class = Some(all.join(" "));
                }
                Block::Element(element)
            }
            Block::Attributed(mut attributed) => {
                if id.is_some() && attributed.id.is_some() {
                    return Err(taken(line));
                }
                attributed.id = attributed.id.or(id);
                for class in classes {
                    if !attributed.classes.contains(&class) {
                        attributed.classes.push(class);
                    }
                }
                Block::Attributed(attributed)
            }
            other if id.is_none() && classes.is_empty() => other,
            other => Block::Attributed(Attributed {
                id,
                classes,
                block: Box::new(other),
            }),
        }))
    }

    /// A span attribute list right after a link or an image (`![x](a.png){: .center}`): its
    /// classes go to that element; the text after it is returned.
    fn span_ial<'t>(&mut self, text: &'t str, line: usize) -> PResult<&'t str> {
        let Some((inner, rest)) = ial::span_list(text) else {
            return Ok(text);
        };
        let follows_span = matches!(
            self.stack.last().and_then(|f| f.inlines.last()),
            Some(Inline::Image(_) | Inline::Link(_))
        );
        if !follows_span {
            return Ok(text);
        }
        let ial = ial::parse(inner).map_err(|m| self.src.error(line, m))?;
        let mut left_out = ial.left_out;
        if ial.id.is_some() {
            left_out.push("an id on a link or an image".to_string());
        }
        if ial.start.is_some() || ial.toc {
            left_out.push(format!("`{{:{inner}}}` on a link or an image"));
        }
        for what in left_out {
            self.leave_out(line, what);
        }
        if let Some(Inline::Image(crate::model::Image { classes, .. }))
        | Some(Inline::Link(crate::model::Link { classes, .. })) =
            self.stack.last_mut().and_then(|f| f.inlines.last_mut())
        {
            for class in ial.classes {
                if !classes.contains(&class) {
                    classes.push(class);
                }
            }
        }
        Ok(rest)
    }

    /// Inline code: counted as text seen, for the first screen's images.
    pub(super) fn code(&mut self, code: String, line: usize) -> PResult<()> {
        self.text_seen += code.len();
        self.push_inline(Inline::Code(code), line)
    }

    /// A task list item's box.
    pub(super) fn task(&mut self, done: bool) {
        if let Some(Frame {
            kind: Kind::Item { task },
            ..
        }) = self.stack.last_mut()
        {
            *task = Some(done);
        }
    }

    /// Opens a frame. A block opening where inline text waits (a tight list item's text before
    /// a nested list, `<summary>` before Markdown) makes that text its own paragraph first.
    pub(super) fn open(&mut self, kind: Kind, line: usize) -> PResult<()> {
        if self.stack.len() > MAX_DEPTH {
            return Err(self.src.error(line, "content nested too deeply"));
        }
        if !kind.is_inline() {
            if let Some(mut top) = self.stack.pop() {
                if top.kind.holds_blocks() {
                    self.flush_inlines(&mut top);
                }
                self.stack.push(top);
            }
        }
        self.stack.push(Frame {
            kind,
            line,
            blocks: Vec::new(),
            inlines: Vec::new(),
        });
        Ok(())
    }

    pub(super) fn text(&mut self, text: &str, line: usize) -> PResult<()> {
        match self.stack.last_mut() {
            Some(Frame {
                kind: Kind::Code { text: code, .. },
                ..
            }) => {
                code.push_str(text);
                Ok(())
            }
            Some(Frame {
                kind: Kind::Metadata,
                ..
            }) => {
                self.front_matter.text.push_str(text);
                Ok(())
            }
            _ => {
                let text = self.span_ial(text, line)?;
                if text.is_empty() {
                    return Ok(());
                }
                self.text_seen += text.len();
                self.push_text(text, line)
            }
        }
    }

    /// Adds text to the open frame, merged with the text before it.
    pub(super) fn push_text(&mut self, text: &str, line: usize) -> PResult<()> {
        let Some(top) = self.stack.last_mut() else {
            return Ok(());
        };
        // Whitespace between raw HTML block tags is layout, not content.
        if top.kind.holds_blocks() && top.inlines.is_empty() && text.trim().is_empty() {
            return Ok(());
        }
        if let Some(Inline::Text(previous)) = top.inlines.last_mut() {
            previous.push_str(text);
            return Ok(());
        }
        self.push_inline(Inline::Text(text.to_string()), line)
    }

    pub(super) fn push_inline(&mut self, inline: Inline, line: usize) -> PResult<()> {
        match self.stack.last_mut() {
            Some(top) if !matches!(top.kind, Kind::List { .. } | Kind::Table { .. }) => {
                top.inlines.push(inline);
                Ok(())
            }
            _ => Err(self.src.error(line, "text outside of any block")),
        }
    }

    pub(super) fn push_block(&mut self, block: Block, line: usize) -> PResult<()> {
        let block = match self.next_ial.take() {
            Some((ial, depth, at)) if depth == self.stack.len() => {
                match self.apply_ial(block, ial, at)? {
                    Some(block) => block,
                    None => return Ok(()),
                }
            }
            other => {
                self.next_ial = other;
                block
            }
        };
        let Some(top) = self.stack.last_mut() else {
            return Err(self.src.error(line, "unbalanced Markdown"));
        };
        if !top.kind.holds_blocks() {
            return Err(self.src.error(
                line,
                format!("a block cannot go inside {}", describe_kind(&top.kind)),
            ));
        }
        if !top.inlines.is_empty() {
            let inlines = autolink(trimmed(std::mem::take(&mut top.inlines)), line);
            if !inlines.is_empty() {
                top.blocks.push(Block::Paragraph(inlines));
            }
        }
        top.blocks.push(block);
        Ok(())
    }

    fn flush_if_block(&self, frame: &mut Frame) {
        if matches!(&frame.kind, Kind::Element { tag, .. } if tag.is_block()) {
            self.flush_inlines(frame);
        }
    }

    /// Text left directly in a block container (a tight list item, `<summary>…`) becomes a
    /// paragraph.
    pub(super) fn flush_inlines(&self, frame: &mut Frame) {
        let inlines = autolink(trimmed(std::mem::take(&mut frame.inlines)), frame.line);
        if !inlines.is_empty() {
            frame.blocks.push(Block::Paragraph(inlines));
        }
    }

    /// Closes a raw HTML element: builds its node and hands it to the parent.
    pub(super) fn close_element(&mut self, mut frame: Frame, line: usize) -> PResult<()> {
        self.flush_if_block(&mut frame);
        match frame.kind {
            Kind::Element { tag, attrs } if tag.is_block() => self.push_block(
                Block::Element(Element {
                    tag,
                    attrs,
                    children: frame.blocks,
                }),
                line,
            ),
            Kind::Element { tag, attrs } => self.push_inline(
                Inline::Element(Element {
                    tag,
                    attrs,
                    children: frame.inlines,
                }),
                line,
            ),
            Kind::Anchor { href, title } => {
                let link = self.link(href, title, frame.inlines, frame.line)?;
                self.push_inline(link, line)
            }
            _ => Ok(()),
        }
    }

    pub(super) fn claim_id(&mut self, id: &str, line: usize) -> PResult<()> {
        if !is_valid_id(id) {
            return Err(self.src.error(
                line,
                format!("`{id}` is not a valid id: a letter, then letters, digits, `-` or `_`"),
            ));
        }
        if !self.ids.claim(id) {
            return Err(self
                .src
                .error(line, format!("the id `{id}` is used twice on this page")));
        }
        Ok(())
    }

    pub(super) fn describe(&self, kind: &Kind) -> String {
        describe_kind(kind)
    }
}

fn describe_kind(kind: &Kind) -> String {
    match kind {
        Kind::Element { tag, .. } => format!("`<{}>`", tag.name()),
        Kind::Anchor { .. } => "`<a>`".to_string(),
        Kind::Paragraph => "a paragraph".to_string(),
        Kind::Heading { .. } => "a heading".to_string(),
        Kind::TableCell | Kind::TableRow { .. } | Kind::TableHead { .. } => {
            "a table cell".to_string()
        }
        Kind::Link { .. } => "a link".to_string(),
        Kind::Image { .. } => "an image's alt text".to_string(),
        Kind::Emphasis | Kind::Strong | Kind::Strike => "emphasis".to_string(),
        _ => "this block".to_string(),
    }
}

pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Drops the whitespace at both ends of a run of inlines.
pub(super) fn trimmed(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = inlines.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = inlines.last_mut() {
        *t = t.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    inlines
}

/// Where a link goes; `None` for URLs that run code.
pub(super) fn classify(href: &str) -> Option<LinkTarget> {
    let lower: String = href
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return None;
    }
    if href.starts_with('#') {
        Some(LinkTarget::Anchor)
    } else if href.starts_with("//")
        || href.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
    {
        Some(LinkTarget::External)
    } else {
        Some(LinkTarget::Site)
    }
}
