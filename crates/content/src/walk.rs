//! Visits every block and every inline of a page, in document order (footnotes last), so that
//! passes over the whole tree (ids, typography, links, footnote numbers) need no traversal of
//! their own.

use super::model::{Article, Block, Declaration, Element, Inline, Link};

/// One traversal, written once, made twice: over `&mut Article` for passes that rewrite the
/// tree, over `&Article` for those that only read it.
macro_rules! walkers {
    ($blocks:ident, $inlines:ident, $one:ident $(, $m:tt)?) => {
        /// Calls `f` on every block, parents before their children.
        pub fn $blocks(article: &$($m)? Article, f: &mut dyn FnMut(&$($m)? Block)) {
            fn visit(blocks: &$($m)? [Block], f: &mut dyn FnMut(&$($m)? Block)) {
                for block in blocks {
                    f(block);
                    match block {
                        Block::List(l) => {
                            for item in &$($m)? l.items {
                                visit(&$($m)? item.blocks, f);
                            }
                        }
                        Block::Quote(b) | Block::Element(Element { children: b, .. }) => visit(b, f),
                        Block::Attributed(a) => visit($one(&$($m)? a.block), f),
                        Block::Paragraph(_)
                        | Block::Heading { .. }
                        | Block::Rule
                        | Block::Code(_)
                        | Block::Table(_) => {}
                    }
                }
            }
            visit(&$($m)? article.lead, f);
            for section in &$($m)? article.sections {
                visit(&$($m)? section.blocks, f);
            }
            for note in &$($m)? article.footnotes {
                visit(&$($m)? note.blocks, f);
            }
        }

        /// Calls `f` on every inline, parents before their children.
        pub fn $inlines(article: &$($m)? Article, f: &mut dyn FnMut(&$($m)? Inline)) {
            fn run(inlines: &$($m)? [Inline], f: &mut dyn FnMut(&$($m)? Inline)) {
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
                        | Inline::Embed(_)
                        | Inline::FootnoteRef { .. } => {}
                    }
                }
            }
            fn in_blocks(blocks: &$($m)? [Block], f: &mut dyn FnMut(&$($m)? Inline)) {
                for block in blocks {
                    match block {
                        Block::Paragraph(i) | Block::Heading { inlines: i, .. } => run(i, f),
                        Block::List(l) => {
                            for item in &$($m)? l.items {
                                in_blocks(&$($m)? item.blocks, f);
                            }
                        }
                        Block::Quote(b) | Block::Element(Element { children: b, .. }) => {
                            in_blocks(b, f)
                        }
                        Block::Attributed(a) => in_blocks($one(&$($m)? a.block), f),
                        Block::Table(t) => {
                            for cell in &$($m)? t.head {
                                run(cell, f);
                            }
                            for row in &$($m)? t.rows {
                                for cell in row {
                                    run(cell, f);
                                }
                            }
                        }
                        Block::Rule | Block::Code(_) => {}
                    }
                }
            }
            if let Some(t) = &$($m)? article.tagline {
                run(t, f);
            }
            in_blocks(&$($m)? article.lead, f);
            if let Some(p) = &$($m)? article.part {
                run(p, f);
            }
            for section in &$($m)? article.sections {
                run(&$($m)? section.heading, f);
                in_blocks(&$($m)? section.blocks, f);
            }
            for note in &$($m)? article.footnotes {
                in_blocks(&$($m)? note.blocks, f);
            }
        }
    };
}

/// A boxed block as a run of one, for the walkers.
fn one(block: &Block) -> &[Block] {
    std::slice::from_ref(block)
}

fn one_mut(block: &mut Block) -> &mut [Block] {
    std::slice::from_mut(block)
}

walkers!(blocks_mut, inlines_mut, one_mut, mut);
walkers!(blocks, inlines, one);

/// Every id a link may point to on this page: sections, headings, elements with an id,
/// footnotes.
pub fn anchors(article: &Article) -> Vec<String> {
    let mut ids: Vec<String> = article.sections.iter().map(|s| s.id.clone()).collect();
    blocks(article, &mut |b| match b {
        Block::Heading { id, .. } => ids.push(id.clone()),
        Block::Element(Element { attrs, .. }) => ids.extend(attrs.id.clone()),
        Block::Attributed(a) => ids.extend(a.id.clone()),
        _ => {}
    });
    inlines(article, &mut |i| {
        if let Inline::Element(Element { attrs, .. }) = i {
            ids.extend(attrs.id.clone());
        }
        if let Inline::FootnoteRef { id, call, .. } = i {
            ids.push(super::model::footnote_call_id(id, *call));
        }
    });
    for note in &article.footnotes {
        ids.push(super::model::footnote_id(&note.id));
    }
    ids.push("top".to_string());
    ids.push("contenu".to_string());
    ids
}

/// The `style` attributes of the page's raw HTML elements, each once, in document order.
pub fn styles(article: &Article) -> Vec<Vec<Declaration>> {
    fn add(styles: &mut Vec<Vec<Declaration>>, style: &[Declaration]) {
        if !style.is_empty() && !styles.iter().any(|s| s == style) {
            styles.push(style.to_vec());
        }
    }
    let mut styles = Vec::new();
    blocks(article, &mut |b| {
        if let Block::Element(e) = b {
            add(&mut styles, &e.attrs.style);
        }
    });
    inlines(article, &mut |i| match i {
        Inline::Element(e) => add(&mut styles, &e.attrs.style),
        Inline::Embed(e) => add(&mut styles, &e.style),
        _ => {}
    });
    styles
}

/// The origins the page's frames load from, each once.
pub fn frame_origins(article: &Article) -> Vec<String> {
    let mut origins = Vec::new();
    inlines(article, &mut |i| {
        if let Inline::Embed(e) = i {
            let origin = e.origin();
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
    });
    origins
}

/// Whether the page shows what the extras stylesheet draws: a block with kramdown's
/// attributes, a link or an image with classes, a frame or a video.
pub fn has_extras(article: &Article) -> bool {
    let mut found = false;
    blocks(article, &mut |b| found |= matches!(b, Block::Attributed(_)));
    inlines(article, &mut |i| {
        found |= match i {
            Inline::Embed(_) => true,
            Inline::Link(l) => !l.classes.is_empty(),
            Inline::Image(img) => !img.classes.is_empty(),
            _ => false,
        }
    });
    found
}

/// Whether the page shows any code, inline or in blocks.
pub fn has_code(article: &Article) -> bool {
    let mut found = false;
    blocks(article, &mut |b| found |= matches!(b, Block::Code(_)));
    inlines(article, &mut |i| found |= matches!(i, Inline::Code(_)));
    found
}
