//! Links between pages, resolved and checked once every page is known: a link to a page (by
//! its address or by its source file) becomes the page's address, with its anchor checked; a
//! link to a file of the folder stays a link to that file; anything else is an error on the
//! link's line.

use std::collections::{BTreeSet, HashMap};

use super::parsed::Parsed;
use crate::error::ContentError;
use crate::model::{page_url, Article, Inline, Link, LinkTarget};
use crate::parse::resolve_path;
use crate::walk;

/// What links can reach: each page's address and source, their anchors, and the folder's files.
struct Targets<'a> {
    by_permalink: HashMap<&'a str, usize>,
    by_source: HashMap<&'a str, usize>,
    anchors: Vec<Vec<String>>,
    permalinks: Vec<&'a str>,
    files: Vec<&'a str>,
    plain: &'a BTreeSet<String>,
}

/// A link's destination.
enum Resolved {
    Page(usize),
    File(String),
}

/// Resolves every page's links in place; returns the files they link to.
pub(super) fn resolve(
    parsed: &[Parsed],
    pages: &mut [Article],
    plain: &BTreeSet<String>,
) -> Result<BTreeSet<String>, ContentError> {
    let targets = Targets {
        by_permalink: parsed
            .iter()
            .enumerate()
            .map(|(i, p)| (p.page.article.permalink.as_str(), i))
            .collect(),
        by_source: parsed
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.rel_path.as_str(), i))
            .collect(),
        anchors: parsed
            .iter()
            .map(|p| walk::anchors(&p.page.article))
            .collect(),
        permalinks: parsed
            .iter()
            .map(|p| p.page.article.permalink.as_str())
            .collect(),
        files: parsed.iter().map(|p| p.source.file.as_str()).collect(),
        plain,
    };
    let mut linked = BTreeSet::new();
    for (i, page) in pages.iter_mut().enumerate() {
        let mut error = None;
        walk::inlines_mut(page, &mut |inline| {
            if let (Inline::Link(link), None) = (inline, &error) {
                error = resolve_link(&targets, i, &parsed[i], link, &mut linked).err();
            }
        });
        if let Some(message) = error {
            return Err(message);
        }
    }
    Ok(linked)
}

/// Checks and rewrites one link of page `i`.
fn resolve_link(
    targets: &Targets,
    i: usize,
    from: &Parsed,
    link: &mut Link,
    linked: &mut BTreeSet<String>,
) -> Result<(), ContentError> {
    let fail = |message: String| ContentError::at(&from.source.file, link.line, message);
    match link.target {
        LinkTarget::External => Ok(()),
        LinkTarget::Anchor => {
            let id = link.href.trim_start_matches('#');
            match targets.anchors[i].iter().any(|a| a == id) {
                true => Ok(()),
                false => Err(fail(format!(
                    "link to `#{id}`: no heading or element has this id on the page"
                ))),
            }
        }
        LinkTarget::Site => {
            let href = link.href.clone();
            let fragment = href.split_once('#').map(|(_, f)| f);
            match destination(targets, from, &href) {
                Some(Resolved::Page(j)) => {
                    if let Some(f) = fragment.filter(|f| !targets.anchors[j].iter().any(|a| a == f)) {
                        return Err(fail(format!(
                            "link to `{href}`: the page `{}` has no id `{f}`",
                            targets.files[j]
                        )));
                    }
                    let url = page_url(targets.permalinks[j]);
                    link.href = fragment.map_or(url.to_string(), |f| format!("{url}#{f}"));
                    Ok(())
                }
                Some(Resolved::File(rel)) => {
                    link.href = format!("/{rel}");
                    linked.insert(rel);
                    Ok(())
                }
                None => Err(fail(format!(
                    "link to `{href}`: no page has this address and no file of the content folder has this path"
                ))),
            }
        }
    }
}

/// A link to another page (by its address, or by its source file) or to a file of the folder.
/// Addresses resolve against the page's own address, as the browser would; files and sources
/// against the source file, as an editor would.
fn destination(targets: &Targets, from: &Parsed, href: &str) -> Option<Resolved> {
    let permalink = from.page.article.permalink.trim_start_matches('/');
    let by_url = resolve_path(permalink, href)?;
    // `/guide/` is the page whose permalink is `/guide/index.html`.
    let index = if by_url.is_empty() {
        "/index.html".to_string()
    } else {
        format!("/{by_url}/index.html")
    };
    for candidate in [format!("/{by_url}"), index] {
        if let Some(&j) = targets.by_permalink.get(candidate.as_str()) {
            return Some(Resolved::Page(j));
        }
    }
    let by_source = resolve_path(&from.source.rel_path, href)?;
    if let Some(&j) = targets.by_source.get(by_source.as_str()) {
        return Some(Resolved::Page(j));
    }
    targets
        .plain
        .contains(&by_source)
        .then_some(Resolved::File(by_source))
}

/// A front matter `image`, as jekyll-seo-tag reads it: a path from the site's root, which must
/// be a file of the folder.
pub(super) fn social_image(image: &str, plain: &BTreeSet<String>) -> Option<String> {
    resolve_path("", image).filter(|rel| plain.contains(rel))
}
