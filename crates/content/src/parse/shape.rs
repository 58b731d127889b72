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
use super::source::{PResult, PageSource, Source};
use super::tree::FootnoteDef;
use crate::model::{
    plain_text, Article, Attributed, Block, Footnote, Inline, LinkTarget, Listing, Section,
    TocEntry,
};
use crate::slug::{slugify, Ids};
use crate::walk;

pub(super) fn shape(
    src: &Source<'_>,
    front: FrontMatter,
    blocks: Vec<Block>,
    footnote_defs: Vec<FootnoteDef>,
    page: &PageSource,
) -> PResult<Article> {
    let mut rest = blocks.into_iter().peekable();
    title(src, &front, &mut rest)?;
    let tagline = tagline(&front, &mut rest);
    let blocks: Vec<Block> = rest.collect();
    only_one_title(src, &blocks)?;
    let Body {
        mut lead,
        part,
        sections,
    } = body(blocks);
    let own_toc = front.toc.then(|| own_contents(&lead)).flatten();
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
        post: None,
        listing: front.home_layout.then_some(Listing::Posts { page: 1 }),
        redirect_from: front.redirect_from.clone(),
        nav_order: front.nav_order,
        reference: front.reference.as_ref().map(|(r, _)| r.clone()),
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

type Blocks = std::iter::Peekable<std::vec::IntoIter<Block>>;

/// The `#` heading, when the page starts with one: it must be the front matter's title, which
/// the page shows once.
fn title(src: &Source<'_>, front: &FrontMatter, rest: &mut Blocks) -> PResult<()> {
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
    Ok(())
}

/// A `##` right under the title that repeats the summary: the page's pitch.
fn tagline(front: &FrontMatter, rest: &mut Blocks) -> Option<Vec<Inline>> {
    let repeats_summary = matches!(
        rest.peek(),
        Some(Block::Heading { level: 2, inlines, .. })
            if !front.summary.is_empty() && plain_text(inlines).trim() == front.summary
    );
    match rest.next_if(|_| repeats_summary) {
        Some(Block::Heading { inlines, .. }) => Some(inlines),
        _ => None,
    }
}

/// A page has one `#` heading, its title.
fn only_one_title(src: &Source<'_>, blocks: &[Block]) -> PResult<()> {
    match blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
    {
        Some(_) => Err(src.error(
            heading_line(src, 1, 1),
            "a page has one `#` title (the front matter's): use `##` for its sections",
        )),
        None => Ok(()),
    }
}

/// The blocks of a page's body, laid out.
struct Body {
    lead: Vec<Block>,
    part: Option<Vec<Inline>>,
    sections: Vec<Section>,
}

/// The lead, the part heading and the sections. Sections are the `##` headings; when the page
/// has exactly one `##` and a `###` follows it directly, that `##` is a part heading over `###`
/// sections.
fn body(blocks: Vec<Block>) -> Body {
    let h2: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading { level: 2, .. }))
        .map(|(i, _)| i)
        .collect();
    let has_part = matches!(h2.as_slice(), [i] if matches!(blocks.get(i + 1), Some(Block::Heading { level: 3, .. })));
    let level = if has_part { 3 } else { 2 };
    let first = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: l, .. } if *l == level || (has_part && *l == 2)))
        .unwrap_or(blocks.len());
    let mut blocks = blocks.into_iter();
    let lead: Vec<Block> = blocks.by_ref().take(first).collect();
    let mut body = Body {
        lead,
        part: None,
        sections: Vec::new(),
    };
    for block in blocks {
        match block {
            Block::Heading {
                level: 2, inlines, ..
            } if has_part => body.part = Some(inlines),
            Block::Heading {
                level: l,
                id,
                inlines,
            } if l == level => body.sections.push(Section {
                id,
                level,
                heading: inlines,
                blocks: Vec::new(),
            }),
            other => {
                if let Some(section) = body.sections.last_mut() {
                    section.blocks.push(other);
                }
            }
        }
    }
    body
}

/// The page's own contents: the lead's last block, when it is a bullet list of `#anchor` links
/// only.
fn own_contents(lead: &[Block]) -> Option<Vec<TocEntry>> {
    let Some(Block::List(list)) = lead.last() else {
        return None;
    };
    if list.start.is_some() {
        return None;
    }
    list.items
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
        .collect()
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
    walk::blocks_mut(article, &mut |b| match b {
        Block::Heading { id, .. } if !id.is_empty() => {
            ids.claim(id);
        }
        Block::Attributed(Attributed { id: Some(id), .. }) => {
            ids.claim(id);
        }
        _ => {}
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
    mut defs: Vec<FootnoteDef>,
) -> PResult<()> {
    let (order, missing) = number_calls(article, &defs);
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

/// Gives each footnote call its number (by first call) and its rank among the calls of its
/// note; returns the labels in order with their number of calls, and the first label called
/// without a text.
fn number_calls(
    article: &mut Article,
    defs: &[FootnoteDef],
) -> (Vec<(String, usize)>, Option<String>) {
    let mut order: Vec<(String, usize)> = Vec::new();
    let mut missing = None;
    walk::inlines_mut(article, &mut |i| {
        if let Inline::FootnoteRef { id, number, call } = i {
            let position = order.iter().position(|(l, _)| l == id).unwrap_or_else(|| {
                order.push((id.clone(), 0));
                order.len() - 1
            });
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
    (order, missing)
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
