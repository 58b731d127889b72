//! The body's blocks into a page.
//!
//! ```text
//! body    := [ "# Title" ] [ "## Tagline" ] lead [ contents ] [ "## Part" ] section*
//! lead    := blocks before the first section heading
//! contents:= the lead's last block, when it is a bullet list of `#anchor` links only
//! section := a heading of the section level, and the blocks up to the next one
//! ```
//!
//! - The `#` heading, when there is one, is the front matter's title (the page renders the
//!   title once).
//! - A `##` right under it that repeats the summary is the page's tagline.
//! - Sections are the `##` headings; when the page has exactly one `##` and a `###` follows it
//!   directly, that `##` is a part heading over `###` sections (the client's article).
//! - Headings without an id get a slug of their text, unique on the page.
//! - Without contents of its own (and unless `toc: false`), the page gets one from its section
//!   headings and the headings one level under them.

use super::front::FrontMatter;
use super::tree::FootnoteDef;
use super::{PResult, PageSource, Source};
use crate::content::model::{
    plain_text, Article, Block, Footnote, Inline, LinkTarget, Section, TocEntry,
};
use crate::content::slug::{slugify, Ids};
use crate::content::walk;

pub(super) fn shape(
    src: &Source<'_>,
    front: FrontMatter,
    blocks: Vec<Block>,
    footnote_defs: Vec<FootnoteDef>,
    page: &PageSource,
) -> PResult<Article> {
    let mut rest = blocks.into_iter().peekable();

    // The title.
    if let Some(Block::Heading {
        level: 1, inlines, ..
    }) = rest.peek()
    {
        let text = plain_text(inlines);
        if text.trim() != front.title {
            return Err(src.error(
                heading_line(src, 1, 0),
                format!(
                    "the `#` heading `{}` differs from the front matter title `{}`: the page shows the title once",
                    text.trim(),
                    front.title
                ),
            ));
        }
        rest.next();
    }
    // The tagline.
    let mut tagline = None;
    if let Some(Block::Heading {
        level: 2, inlines, ..
    }) = rest.peek()
    {
        if !front.summary.is_empty() && plain_text(inlines).trim() == front.summary {
            if let Some(Block::Heading { inlines, .. }) = rest.next() {
                tagline = Some(inlines);
            }
        }
    }
    let blocks: Vec<Block> = rest.collect();
    if let Some(i) = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
    {
        let n = blocks[..i]
            .iter()
            .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
            .count();
        return Err(src.error(
            heading_line(src, 1, n + 1),
            "a page has one `#` title (the front matter's): use `##` for its sections",
        ));
    }

    // The part heading and the section level.
    let h2: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading { level: 2, .. }))
        .map(|(i, _)| i)
        .collect();
    let part_at = match h2.as_slice() {
        [i] if matches!(blocks.get(i + 1), Some(Block::Heading { level: 3, .. })) => Some(*i),
        _ => None,
    };
    let level = if part_at.is_some() { 3 } else { 2 };
    let first = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: l, .. } if *l == level || (part_at.is_some() && *l == 2)))
        .unwrap_or(blocks.len());

    let mut blocks = blocks.into_iter();
    let mut lead: Vec<Block> = blocks.by_ref().take(first).collect();
    let mut part = None;
    let mut sections: Vec<Section> = Vec::new();
    for block in blocks {
        match block {
            Block::Heading {
                level: 2, inlines, ..
            } if part_at.is_some() => part = Some(inlines),
            Block::Heading {
                level: l,
                id,
                inlines,
            } if l == level => sections.push(Section {
                id,
                level,
                heading: inlines,
                blocks: Vec::new(),
            }),
            other => {
                if let Some(section) = sections.last_mut() {
                    section.blocks.push(other);
                }
            }
        }
    }

    // The page's own contents: the lead's last block, a list of `#anchor` links only.
    let own_toc = match lead.last() {
        Some(Block::List(list)) if front.toc && list.start.is_none() => list
            .items
            .iter()
            .map(|item| match item.blocks.as_slice() {
                [Block::Paragraph(inlines)] => match inlines.as_slice() {
                    [Inline::Link(link)] if link.target == LinkTarget::Anchor => Some(TocEntry {
                        anchor: link.href.trim_start_matches('#').to_string(),
                        label: plain_text(&link.children),
                        depth: 0,
                    }),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Option<Vec<_>>>(),
        _ => None,
    };
    if own_toc.is_some() {
        lead.pop();
    }

    let mut article = Article {
        source: page.rel_path.clone(),
        title: front.title,
        summary: front.summary,
        permalink: front.permalink,
        lang: front.lang,
        author: front.author,
        date_published: front.date,
        date_modified: front.last_modified_at,
        nav_order: front.nav_order,
        image: None,
        tagline,
        lead,
        toc: Vec::new(),
        part,
        sections,
        footnotes: Vec::new(),
    };
    assign_ids(&mut article);
    article.toc = match own_toc {
        Some(toc) => toc,
        None if front.toc => generated_toc(&article),
        None => Vec::new(),
    };
    number_footnotes(src, &mut article, footnote_defs)?;
    Ok(article)
}

/// Gives every heading without an id a unique slug, in document order, after the ids the
/// source gives.
fn assign_ids(article: &mut Article) {
    let mut ids = Ids::default();
    for s in &article.sections {
        if !s.id.is_empty() {
            ids.claim(&s.id);
        }
    }
    walk::blocks_mut(article, &mut |b| {
        if let Block::Heading { id, .. } = b {
            if !id.is_empty() {
                ids.claim(id);
            }
        }
    });
    walk::inlines(article, &mut |i| {
        if let Inline::Element(e) = i {
            if let Some(id) = &e.attrs.id {
                ids.claim(id);
            }
        }
    });
    for s in &mut article.sections {
        if s.id.is_empty() {
            s.id = ids.unique(&plain_text(&s.heading));
        }
    }
    walk::blocks_mut(article, &mut |b| {
        if let Block::Heading { id, inlines, .. } = b {
            if id.is_empty() {
                *id = ids.unique(&plain_text(inlines));
            }
        }
    });
}

/// The contents from the headings: each section, and the headings one level under it.
pub fn generated_toc(article: &Article) -> Vec<TocEntry> {
    let mut toc = Vec::new();
    for s in &article.sections {
        toc.push(TocEntry {
            anchor: s.id.clone(),
            label: plain_text(&s.heading),
            depth: 0,
        });
        for b in &s.blocks {
            if let Block::Heading { level, id, inlines } = b {
                if *level == s.level + 1 {
                    toc.push(TocEntry {
                        anchor: id.clone(),
                        label: plain_text(inlines),
                        depth: 1,
                    });
                }
            }
        }
    }
    toc
}

/// Numbers footnotes in the order they are first called, counts their calls, and checks that
/// every call has a text and every text a call.
fn number_footnotes(
    src: &Source<'_>,
    article: &mut Article,
    defs: Vec<FootnoteDef>,
) -> PResult<()> {
    let mut order: Vec<(String, usize)> = Vec::new();
    let mut missing = None;
    walk::inlines_mut(article, &mut |i| {
        if let Inline::FootnoteRef { id, number, call } = i {
            let position = match order.iter().position(|(l, _)| l == id) {
                Some(p) => p,
                None => {
                    order.push((id.clone(), 0));
                    order.len() - 1
                }
            };
            order[position].1 += 1;
            *number = position + 1;
            *call = order[position].1;
            if !defs.iter().any(|d| &d.label == id) {
                missing.get_or_insert_with(|| id.clone());
            }
            *id = slugify(id);
        }
        // pulldown-cmark leaves a call without a definition as text.
        if let Inline::Text(t) = i {
            if let Some(label) = uncalled_reference(t) {
                missing.get_or_insert(label);
            }
        }
    });
    if let Some(label) = missing {
        let line = find_line(src, &format!("[^{label}]")).unwrap_or(1);
        return Err(src.error(
            line,
            format!("footnote `[^{label}]` has no text `[^{label}]: …`"),
        ));
    }
    if let Some(unused) = defs
        .iter()
        .find(|d| !order.iter().any(|(l, _)| l == &d.label))
    {
        return Err(src.error(
            unused.line,
            format!("footnote `[^{}]` is never called in the text", unused.label),
        ));
    }
    let mut defs = defs;
    article.footnotes = order
        .iter()
        .enumerate()
        .filter_map(|(n, (label, calls))| {
            let at = defs.iter().position(|d| &d.label == label)?;
            let def = defs.swap_remove(at);
            Some(Footnote {
                id: slugify(label),
                number: n + 1,
                calls: *calls,
                blocks: def.blocks,
            })
        })
        .collect();
    Ok(())
}

/// A `[^label]` left in text: a footnote call whose text is missing.
fn uncalled_reference(text: &str) -> Option<String> {
    let start = text.find("[^")?;
    let rest = text.get(start + 2..)?;
    let end = rest.find(']')?;
    let label = rest.get(..end)?;
    (!label.is_empty() && !label.contains(char::is_whitespace)).then(|| label.to_string())
}

/// The line of the `n`th (0-based) ATX heading of this level, for messages.
fn heading_line(src: &Source<'_>, level: usize, n: usize) -> usize {
    let marker = format!("{} ", "#".repeat(level));
    src.text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(&marker))
        .nth(n)
        .map_or(1, |(i, _)| i + 1)
}

fn find_line(src: &Source<'_>, needle: &str) -> Option<usize> {
    src.text.find(needle).map(|at| src.line_of(at))
}
