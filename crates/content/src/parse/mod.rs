//! The Markdown parser: turns one Jekyll-style Markdown file into an [`Article`].
//!
//! It runs natively only (build hook, prerender, tests), never in the wasm.
//!
//! - `front`: the YAML front matter (pulldown-cmark's metadata block) into checked fields.
//! - `events`: pulldown-cmark's options (CommonMark, GFM tables, strikethrough, task lists,
//!   footnotes, heading attributes) and its event stream, handed to `tree` and `html`.
//! - `tree`: the events into typed blocks and inlines; `files`: the images and files they use;
//!   `autolink`: GFM's bare URLs, which pulldown-cmark does not read.
//! - `ial`: kramdown's attribute lists (`{: #id .class}`), found before pulldown-cmark reads the
//!   page and applied by `tree` to the block or span they follow.
//! - `html`: the raw HTML allow-list: allowed elements become typed nodes, anything else is an
//!   error.
//! - `shape`: the blocks into a page: title, tagline, lead, contents, part, sections, ids.
//!
//! Every error is a [`ContentError`] naming the file and the 1-based line of the whole file (front
//! matter included). The parser stops at the first error and never panics, whatever the input.

mod autolink;
mod end;
mod events;
pub mod excerpt;
mod files;
mod front;
mod html;
mod ial;
mod media;
mod shape;
mod source;
mod start;
mod tree;

pub use files::resolve_path;
pub use front::FrontMatter;

use source::Source;
pub use source::{Addressing, Asset, PResult, PageSource, PostFile};

use std::collections::BTreeMap;

use crate::liquid;
use crate::model::{Article, Post};

/// A parsed page, with what the site needs to place it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ParsedPage {
    pub article: Article,
    /// `published: false` leaves the page out of the site.
    pub published: bool,
    /// The images the page shows, to copy into the site.
    pub files: Vec<Asset>,
    /// The line of `permalink:` (1 when absent), for the duplicate-permalink message.
    pub permalink_line: usize,
    /// Front matter `image` as written, and its line: the site resolves it.
    pub image: Option<(String, usize)>,
    /// The line of `ref:`, for the message when two pages of one language share it.
    pub reference_line: usize,
    /// What its Liquid accepted but did not do as Jekyll does (`file:line: what`).
    pub notes: Vec<String>,
    /// Front matter `redirect_to`: the page is only a redirect there.
    pub redirect_to: Option<String>,
}

/// Parses a whole page file (front matter and body) into the typed model, on its own: its
/// Liquid runs with no site behind it (no settings, posts or includes).
pub fn parse_page(source: &PageSource, text: &str) -> PResult<ParsedPage> {
    parse_page_in(source, text, &NoSite)
}

/// The site of a page parsed on its own: nothing is there.
struct NoSite;

impl liquid::Context for NoSite {
    fn site(&self, _key: &str) -> Option<String> {
        None
    }
    fn page(&self, _key: &str) -> Option<String> {
        None
    }
    fn baseurl(&self) -> &str {
        ""
    }
    fn url(&self) -> &str {
        ""
    }
    fn post_url(&self, name: &str) -> Result<String, String> {
        Err(format!(
            "no post `{name}`: the page is read without its site"
        ))
    }
    fn link(&self, path: &str) -> Result<String, String> {
        Ok(liquid::source_link(path))
    }
    fn include(&self, name: &str) -> Result<(String, String), String> {
        Err(format!(
            "no `_includes/{name}`: the page is read without its site"
        ))
    }
}

/// Parses a page of a site: its body's Liquid runs first, as in Jekyll, with `site` answering
/// for the site (its settings, posts, links and includes) and the front matter for the page.
pub fn parse_page_in(
    source: &PageSource,
    text: &str,
    site: &dyn liquid::Context,
) -> PResult<ParsedPage> {
    let start = excerpt::body_start(text);
    let mut notes = Vec::new();
    let rendered;
    let text = match liquid::has_liquid(&text[start..]) {
        true => {
            // A front matter that is not YAML has no `page.X`; its own parse below says why.
            let page = front_scalars(&text[..start]).unwrap_or_default();
            let context = PageContext { site, page };
            let first_line = text[..start].matches('\n').count() + 1;
            let out = liquid::render(&source.file, &text[start..], first_line, &context)?;
            notes = out.notes;
            rendered = format!("{}{}", &text[..start], out.text);
            rendered.as_str()
        }
        false => text,
    };
    let mut page = parse_text(source, text)?;
    notes.append(&mut page.notes);
    page.notes = notes;
    Ok(page)
}

/// The front matter's scalars, as Liquid prints them (`{{ page.X }}`); `None` when it is not
/// YAML.
pub(crate) fn front_scalars(head: &str) -> Option<BTreeMap<String, String>> {
    // Between the opening and the closing `---` lines.
    let lines: Vec<&str> = head.lines().collect();
    let yaml = lines
        .get(1..lines.len().saturating_sub(1))
        .unwrap_or_default();
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(&yaml.join("\n")).ok()?;
    Some(crate::settings::scalars(&value))
}

/// A page's view of Liquid: the site's answers, and its own front matter for `page.X`.
struct PageContext<'a> {
    site: &'a dyn liquid::Context,
    page: BTreeMap<String, String>,
}

impl liquid::Context for PageContext<'_> {
    fn site(&self, key: &str) -> Option<String> {
        self.site.site(key)
    }
    fn page(&self, key: &str) -> Option<String> {
        self.page.get(key).cloned()
    }
    fn baseurl(&self) -> &str {
        self.site.baseurl()
    }
    fn url(&self) -> &str {
        self.site.url()
    }
    fn post_url(&self, name: &str) -> Result<String, String> {
        self.site.post_url(name)
    }
    fn link(&self, path: &str) -> Result<String, String> {
        self.site.link(path)
    }
    fn include(&self, name: &str) -> Result<(String, String), String> {
        self.site.include(name)
    }
}

/// Parses a whole page file whose Liquid already ran.
fn parse_text(source: &PageSource, text: &str) -> PResult<ParsedPage> {
    let src = Source::new(&source.file, text);
    let tree = events::build(&src, source)?;
    let front = FrontMatter::parse(&src, &tree.front_matter, source)?;
    let published = front.published;
    let permalink_line = front.permalink_line;
    let redirect_to = front.redirect_to.clone();
    let image = front.image.clone();
    let reference_line = front.reference.as_ref().map_or(1, |(_, line)| *line);
    let post = front.post.clone();
    let mut article = shape::shape(&src, front, tree.blocks, tree.footnotes, source)?;
    article.post = post.map(|p| Post {
        excerpt: p.excerpt.unwrap_or_else(|| {
            let separator = &source.addressing.excerpt_separator;
            excerpt::excerpt(&text[excerpt::body_start(text)..], separator)
        }),
        categories: p.categories,
        tags: p.tags,
        draft: p.draft,
    });
    // A post without a summary is described by its excerpt, as jekyll-seo-tag and jekyll-feed
    // describe it.
    if let (true, Some(post)) = (article.summary.is_empty(), &article.post) {
        article.summary = post.excerpt.clone();
    }
    Ok(ParsedPage {
        article,
        published,
        files: tree.files,
        permalink_line,
        image,
        reference_line,
        notes: tree.notes,
        redirect_to,
    })
}

#[cfg(test)]
mod tests;
