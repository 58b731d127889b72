//! Visits every block and every inline of a page, in document order (footnotes last), so that
//! passes over the whole tree (ids, typography, links, footnote numbers) need no traversal of
//! their own.

use super::model::{Article, Block, Element, Inline, Link};

/// Calls `f` on every block, parents before their children.
pub fn blocks_mut(article: &mut Article, f: &mut dyn FnMut(&mut Block)) {
    fn visit(blocks: &mut [Block], f: &mut dyn FnMut(&mut Block)) {
        for block in blocks {
            f(block);
            match block {
                Block::List(l) => l.items.iter_mut().for_each(|i| visit(&mut i.blocks, f)),
                Block::Quote(b) | Block::Element(Element { children: b, .. }) => visit(b, f),
                Block::Paragraph(_)
                | Block::Heading { .. }
                | Block::Rule
                | Block::Code(_)
                | Block::Table(_) => {}
            }
        }
    }
    visit(&mut article.lead, f);
    for section in &mut article.sections {
        visit(&mut section.blocks, f);
    }
    for note in &mut article.footnotes {
        visit(&mut note.blocks, f);
    }
}

/// Calls `f` on every inline, parents before their children.
pub fn inlines_mut(article: &mut Article, f: &mut dyn FnMut(&mut Inline)) {
    fn run(inlines: &mut [Inline], f: &mut dyn FnMut(&mut Inline)) {
        for inline in inlines {
            f(inline);
            match inline {
                Inline::Emphasis(c)
                | Inline::Strong(c)
                | Inline::Strike(c)
                | Inline::Link(Link { children: c, .. })
                | Inline::Element(Element { children: c, .. }) => run(c, f),
                Inline::Text(_)
                | Inline::Code(_)
                | Inline::Break
                | Inline::Image(_)
                | Inline::FootnoteRef { .. } => {}
            }
        }
    }
    fn in_blocks(blocks: &mut [Block], f: &mut dyn FnMut(&mut Inline)) {
        for block in blocks {
            match block {
                Block::Paragraph(i) | Block::Heading { inlines: i, .. } => run(i, f),
                Block::List(l) => l.items.iter_mut().for_each(|i| in_blocks(&mut i.blocks, f)),
                Block::Quote(b) | Block::Element(Element { children: b, .. }) => in_blocks(b, f),
                Block::Table(t) => {
                    for cell in t.head.iter_mut().chain(t.rows.iter_mut().flatten()) {
                        run(cell, f);
                    }
                }
                Block::Rule | Block::Code(_) => {}
            }
        }
    }
    if let Some(t) = &mut article.tagline {
        run(t, f);
    }
    in_blocks(&mut article.lead, f);
    if let Some(p) = &mut article.part {
        run(p, f);
    }
    for section in &mut article.sections {
        run(&mut section.heading, f);
        in_blocks(&mut section.blocks, f);
    }
    for note in &mut article.footnotes {
        in_blocks(&mut note.blocks, f);
    }
}

/// Every id a link may point to on this page: sections, headings, elements with an id,
/// footnotes.
pub fn anchors(article: &Article) -> Vec<String> {
    let mut copy = article.clone();
    let mut ids: Vec<String> = article.sections.iter().map(|s| s.id.clone()).collect();
    blocks_mut(&mut copy, &mut |b| match b {
        Block::Heading { id, .. } => ids.push(id.clone()),
        Block::Element(Element { attrs, .. }) => ids.extend(attrs.id.clone()),
        _ => {}
    });
    inlines_mut(&mut copy, &mut |i| {
        if let Inline::Element(Element { attrs, .. }) = i {
            ids.extend(attrs.id.clone());
        }
        if let Inline::FootnoteRef { id, call, .. } = i {
            ids.push(super::footnote_call_id(id, *call));
        }
    });
    for note in &article.footnotes {
        ids.push(super::footnote_id(&note.id));
    }
    ids.push("top".to_string());
    ids.push("contenu".to_string());
    ids
}

/// Whether the page shows any code, inline or in blocks.
pub fn has_code(article: &Article) -> bool {
    let mut copy = article.clone();
    let mut found = false;
    blocks_mut(&mut copy, &mut |b| found |= matches!(b, Block::Code(_)));
    inlines_mut(&mut copy, &mut |i| found |= matches!(i, Inline::Code(_)));
    found
}
