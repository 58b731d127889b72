//! Opening events: each Markdown container opens its frame, built by one handler per kind.

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, LinkType, MetadataBlockKind, Tag};

use super::source::PResult;
use super::tree::{heading_level, Builder, Kind};
use crate::model::Align;

impl Builder<'_, '_> {
    /// Opens the frame of a container that starts at `line` (byte `offset` of the file).
    pub(super) fn start(&mut self, tag: Tag<'_>, line: usize, offset: usize) -> PResult<()> {
        let kind = match tag {
            Tag::Paragraph => return self.start_paragraph(line),
            Tag::Heading {
                level, id, classes, ..
            } => return self.start_heading(heading_level(level), id, classes.is_empty(), line),
            Tag::BlockQuote(_) => Kind::Quote,
            Tag::CodeBlock(kind) => code_block(kind),
            Tag::HtmlBlock => return Ok(()),
            Tag::List(start) => Kind::List {
                start,
                loose: false,
                items: Vec::new(),
            },
            Tag::Item => Kind::Item { task: None },
            Tag::FootnoteDefinition(label) => Kind::Footnote {
                label: label.into_string(),
            },
            Tag::Table(aligns) => table(aligns),
            Tag::TableHead => Kind::TableHead { cells: Vec::new() },
            Tag::TableRow => Kind::TableRow { cells: Vec::new() },
            Tag::TableCell => Kind::TableCell,
            Tag::Emphasis => Kind::Emphasis,
            Tag::Strong => Kind::Strong,
            Tag::Strikethrough => Kind::Strike,
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => link(link_type, dest_url, title),
            Tag::Image {
                dest_url, title, ..
            } => Kind::Image {
                src: dest_url.into_string(),
                title: non_empty(title),
            },
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                return self.start_front_matter(line, offset)
            }
            Tag::MetadataBlock(MetadataBlockKind::PlusesStyle) => Kind::Metadata,
            other => {
                return Err(self
                    .src
                    .error(line, format!("unsupported Markdown: {other:?}")))
            }
        };
        self.open(kind, line)
    }

    /// A paragraph; inside a list item, it makes the list loose.
    fn start_paragraph(&mut self, line: usize) -> PResult<()> {
        let n = self.stack.len();
        if n >= 2 && matches!(self.stack[n - 1].kind, Kind::Item { .. }) {
            if let Kind::List { loose, .. } = &mut self.stack[n - 2].kind {
                *loose = true;
            }
        }
        self.open(Kind::Paragraph, line)
    }

    /// A heading, with the id `{#id}` gives it, if any.
    fn start_heading(
        &mut self,
        level: u8,
        id: Option<CowStr<'_>>,
        no_classes: bool,
        line: usize,
    ) -> PResult<()> {
        if !no_classes {
            return Err(self.src.error(
                line,
                "heading classes (`{.class}`) are not supported: only `{#id}`",
            ));
        }
        let id = id.map(|i| i.into_string());
        if let Some(id) = &id {
            self.claim_id(id, line)?;
        }
        self.open(Kind::Heading { level, id }, line)
    }

    /// The front matter: a YAML block at the very top of the file, and nowhere else.
    fn start_front_matter(&mut self, line: usize, offset: usize) -> PResult<()> {
        let top = if self.src.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        if offset != top || self.front_matter.start.is_some() {
            return Err(self.src.error(
                line,
                "a `---` block that reads as YAML in the middle of the page: front matter goes at the top only; for a rule, leave a blank line after `---`",
            ));
        }
        // The YAML starts on the line after the opening `---`.
        let after = self.src.text.get(offset..).unwrap_or("");
        let skip = after.find('\n').map_or(after.len(), |i| i + 1);
        self.front_matter.start = Some(offset + skip);
        self.open(Kind::Metadata, line)
    }
}

/// A code block, with the first word of its fence's info string as its language.
fn code_block(kind: CodeBlockKind<'_>) -> Kind {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info
            .split([' ', ',', '{'])
            .next()
            .filter(|l| !l.is_empty())
            .map(str::to_string),
        CodeBlockKind::Indented => None,
    };
    Kind::Code {
        lang,
        text: String::new(),
    }
}

/// A table, with its columns' alignment.
fn table(aligns: Vec<Alignment>) -> Kind {
    let align = aligns
        .into_iter()
        .map(|a| match a {
            Alignment::None => Align::None,
            Alignment::Left => Align::Left,
            Alignment::Center => Align::Center,
            Alignment::Right => Align::Right,
        })
        .collect();
    Kind::Table {
        align,
        head: Vec::new(),
        rows: Vec::new(),
    }
}

/// A link; an email autolink becomes a `mailto:` link.
fn link(link_type: LinkType, dest_url: CowStr<'_>, title: CowStr<'_>) -> Kind {
    Kind::Link {
        href: match link_type {
            LinkType::Email => format!("mailto:{dest_url}"),
            _ => dest_url.into_string(),
        },
        title: non_empty(title),
    }
}

fn non_empty(text: CowStr<'_>) -> Option<String> {
    Some(text.into_string()).filter(|t| !t.is_empty())
}
