//! The typed content model: what a page *is*, independent of how it is drawn.
//!
//! The build parses each Markdown file into an [`Article`] (see `parse`), and the components
//! render it with `view!`. Everything a page shows (title, anchors, contents, text) comes from
//! here, never from a component; raw HTML never passes through: the allowed elements become
//! [`Element`] nodes.

use serde::{Deserialize, Serialize};

pub use crate::jekyll::dates::Moment;

/// One page of the site, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The source file, relative to the content folder (`a/b.md`): for messages and tests.
    pub source: String,
    /// Front matter `title`: the document title and the `<h1>`.
    pub title: String,
    /// Front matter `summary` (or `description`): the meta description; may be empty.
    pub summary: String,
    /// The page's path under the base, with a leading slash: `/chef-projet-digital.html`,
    /// `/guide/index.html`.
    pub permalink: String,
    /// The page's language (`fr`, `en`…): front matter `lang`, else the site's.
    pub lang: String,
    /// Optional front matter `author`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Front matter `date` (first publication), or a post's date from its file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<Moment>,
    /// Optional front matter `last_modified_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<Moment>,
    /// What a post has beyond a page; `None` for a page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<Post>,
    /// The list of the site's posts, tags or pages the page shows after its own text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<Listing>,
    /// Front matter `redirect_from`: old addresses that lead here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redirect_from: Vec<String>,
    /// Front matter `nav_order`: pages that set it are listed in the site menu, in this order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nav_order: Option<i64>,
    /// Front matter `ref`: the pages that share it are translations of one another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Front matter `image`, resolved to a path under the base: the page's social image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// A second-level heading right under the title that repeats the summary: the page's pitch.
    pub tagline: Option<Vec<Inline>>,
    /// The blocks between the title and the contents list (or the first section).
    pub lead: Vec<Block>,
    /// The contents list: the page's own list of `#anchor` links, or one generated from its
    /// headings; empty when the page has none (`toc: false`).
    pub toc: Vec<TocEntry>,
    /// The part heading that groups all the sections, when the page has one.
    pub part: Option<Vec<Inline>>,
    /// The sections, in source order.
    pub sections: Vec<Section>,
    /// The footnotes, in the order they are first called.
    pub footnotes: Vec<Footnote>,
}

/// A post of `_posts/` (or `_drafts/`): what lists, tags and feeds show of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Its categories: the folders above (and under) `_posts/`, then front matter
    /// `categories`/`category`, each once.
    pub categories: Vec<String>,
    /// Front matter `tags`/`tag`, each once.
    pub tags: Vec<String>,
    /// Front matter `excerpt`, else the text up to `excerpt_separator`, as plain text.
    pub excerpt: String,
    /// A draft of `_drafts/`, built on request.
    #[serde(default)]
    pub draft: bool,
}

/// What a list page of the blog lists: its built-in pages, and a page with `layout: home`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Listing {
    /// Page `page` (1-based) of the posts, newest first.
    Posts { page: usize },
    /// The posts tagged with the tag of this slug.
    Tag { slug: String },
    /// Every tag, with its posts' count.
    Tags,
    /// Every page that is not a post.
    Pages,
}

/// One entry of the contents list: a link to a heading's anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// The target's anchor id, without `#`.
    pub anchor: String,
    /// The link text.
    pub label: String,
    /// 0 for a section, 1 for a heading one level under it.
    #[serde(default)]
    pub depth: u8,
}

/// A section: an anchored heading and the blocks up to the next heading of its level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The anchor id: given (`{: #id}`, `{#id}`) or a slug of the heading, unique on the page.
    pub id: String,
    /// The heading's outline level: 2, or 3 under a part heading.
    pub level: u8,
    /// The heading.
    pub heading: Vec<Inline>,
    /// The section's content.
    pub blocks: Vec<Block>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A heading below the section level (`###` to `######`).
    Heading {
        level: u8,
        id: String,
        inlines: Vec<Inline>,
    },
    /// A thematic break (`---`).
    Rule,
    List(List),
    Quote(Vec<Block>),
    Code(CodeBlock),
    Table(Table),
    /// An allowed raw HTML block element (`<details>`, `<figure>`, `<dl>`…).
    Element(Element<Block>),
    /// A block given an id or classes by a kramdown attribute list (`{: #id .class}`).
    Attributed(Attributed),
}

/// A block with the id and classes a kramdown attribute list gives it, drawn on the block's
/// own element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributed {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    pub block: Box<Block>,
}

/// An `<iframe>` from an `https` origin. A YouTube video is drawn as a link to the video, which
/// loads the player (from `youtube-nocookie.com`) only when the reader plays it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    /// The frame's `https` address, or the player's for a video.
    pub src: String,
    /// What the frame shows (its `title`, required): the accessible name.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_fullscreen: bool,
    /// A YouTube video's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<String>,
    /// The `style` attribute's declarations, drawn as a class like an element's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub style: Vec<Declaration>,
}

impl Embed {
    /// The origin the page's `frame-src` must allow: `https://host[:port]`.
    pub fn origin(&self) -> String {
        let rest = self.src.strip_prefix("https://").unwrap_or(&self.src);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        format!("https://{host}")
    }

    /// A video's page on YouTube: where the placeholder links without JavaScript.
    pub fn watch_url(&self) -> Option<String> {
        self.video
            .as_ref()
            .map(|id| format!("https://www.youtube.com/watch?v={id}"))
    }
}

/// One CSS declaration of a raw HTML `style` attribute, checked by the parser.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Declaration {
    pub property: String,
    pub value: String,
}

/// A `style` attribute's declarations as one CSS rule body: `color:#c00;text-align:center`.
pub fn style_css(style: &[Declaration]) -> String {
    style
        .iter()
        .map(|d| format!("{}:{}", d.property, d.value))
        .collect::<Vec<_>>()
        .join(";")
}

/// The class that carries a `style` attribute's declarations in the site's generated
/// stylesheet: `s-` and a hash of them, so equal styles share one class. The CSP allows no
/// inline style.
pub fn style_class(style: &[Declaration]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(style_css(style).as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("s-{hex}")
}

/// A bullet or ordered list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct List {
    /// `Some(start)` for an ordered list, `None` for a bullet list.
    pub start: Option<u64>,
    /// A tight list's items hold their text without paragraph spacing.
    pub tight: bool,
    pub items: Vec<ListItem>,
}

/// One list item; `task` is `Some(done)` for a task list item (`- [x] …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// A code block, highlighted at build time: lines of classed tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeBlock {
    /// The fence's language, if any (`rust`, `js`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub lines: Vec<Vec<CodeToken>>,
}

/// A run of code text with the highlighter's CSS classes (space-separated), or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeToken {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    pub text: String,
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// One alignment per column.
    pub align: Vec<Align>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// A table column's alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

impl Align {
    /// The CSS `text-align` value, if any.
    pub fn css(self) -> Option<&'static str> {
        match self {
            Align::None => None,
            Align::Left => Some("left"),
            Align::Center => Some("center"),
            Align::Right => Some("right"),
        }
    }
}

/// A footnote: its text and how many times it is called (one back link per call).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    /// The label written in the source (`[^note]` gives `note`), slugged for ids.
    pub id: String,
    /// 1-based number, in the order of first call.
    pub number: usize,
    /// How many times the text calls it.
    pub calls: usize,
    pub blocks: Vec<Block>,
}

/// Inline content, as a tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    /// A hard line break.
    Break,
    Link(Link),
    Image(Image),
    /// A footnote call: `call` is the 1-based index of this call of footnote `id`.
    FootnoteRef {
        id: String,
        number: usize,
        call: usize,
    },
    /// An allowed raw HTML inline element (`<abbr>`, `<kbd>`, `<sup>`…).
    Element(Element<Inline>),
    /// A frame of another site (`<iframe>`), or a video shown as a link until it is played.
    Embed(Embed),
}

/// A link. Internal links are checked and resolved by the build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// What the `href` attribute holds, once internal links are resolved.
    pub href: String,
    /// Where the link goes: the page itself, another page of the site, or elsewhere.
    pub target: LinkTarget,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub children: Vec<Inline>,
    /// Classes from a kramdown span attribute list (`[x](y){: .btn}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// The source line, for the build's link check; not part of the page (but kept with a
    /// parsed page in the build's cache, for the messages of the next build).
    #[serde(default)]
    pub line: usize,
}

/// Where a link goes, which decides who follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkTarget {
    /// `#anchor` on the same page: the in-page router follows it.
    Anchor,
    /// Another page of the site, or a file it serves: the browser loads it. `href` is a path
    /// under the base (`/guide.html#x`), which the component prefixes with the base.
    Site,
    /// Another site, `mailto:` and the like.
    External,
}

/// An image, with its intrinsic size read from the file at build time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// A path under the base (`/assets/photo-0123abcd4567.png`) or an external URL.
    pub src: String,
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Whether the image sits below the first screen, where it is loaded lazily.
    pub lazy: bool,
    /// Classes from a kramdown span attribute list (`![x](a.png){: .align-center}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
}

/// An allowed raw HTML element, with its allowed attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element<T> {
    pub tag: HtmlTag,
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attrs: Attributes,
    pub children: Vec<T>,
}

/// The raw HTML elements authors may write. Anything else fails the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HtmlTag {
    // Inline.
    Abbr,
    B,
    Br,
    Cite,
    Del,
    Em,
    I,
    Ins,
    Kbd,
    Mark,
    Q,
    S,
    Samp,
    Small,
    Span,
    Strong,
    Sub,
    Sup,
    Time,
    U,
    Var,
    // Block.
    Dd,
    Details,
    Div,
    Dl,
    Dt,
    Figcaption,
    Figure,
    Summary,
}

impl HtmlTag {
    /// Every allowed tag with its name.
    pub const ALL: [(&'static str, HtmlTag); 29] = [
        ("abbr", HtmlTag::Abbr),
        ("b", HtmlTag::B),
        ("br", HtmlTag::Br),
        ("cite", HtmlTag::Cite),
        ("del", HtmlTag::Del),
        ("em", HtmlTag::Em),
        ("i", HtmlTag::I),
        ("ins", HtmlTag::Ins),
        ("kbd", HtmlTag::Kbd),
        ("mark", HtmlTag::Mark),
        ("q", HtmlTag::Q),
        ("s", HtmlTag::S),
        ("samp", HtmlTag::Samp),
        ("small", HtmlTag::Small),
        ("span", HtmlTag::Span),
        ("strong", HtmlTag::Strong),
        ("sub", HtmlTag::Sub),
        ("sup", HtmlTag::Sup),
        ("time", HtmlTag::Time),
        ("u", HtmlTag::U),
        ("var", HtmlTag::Var),
        ("dd", HtmlTag::Dd),
        ("details", HtmlTag::Details),
        ("div", HtmlTag::Div),
        ("dl", HtmlTag::Dl),
        ("dt", HtmlTag::Dt),
        ("figcaption", HtmlTag::Figcaption),
        ("figure", HtmlTag::Figure),
        ("summary", HtmlTag::Summary),
    ];

    /// The tag for a (lower-case) element name, if it is allowed.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The element's name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(n, _)| *n)
            .unwrap_or("span")
    }

    /// Block elements hold blocks; the others hold inline content.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            HtmlTag::Dd
                | HtmlTag::Details
                | HtmlTag::Div
                | HtmlTag::Dl
                | HtmlTag::Dt
                | HtmlTag::Figcaption
                | HtmlTag::Figure
                | HtmlTag::Summary
        )
    }

    /// Void elements have no end tag.
    pub fn is_void(self) -> bool {
        self == HtmlTag::Br
    }
}

/// The attributes an allowed element may carry. `on*` handlers and the rest fail the build;
/// `style` is kept as checked declarations, which the build turns into a class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `<time datetime>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    /// `<details open>`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// The `style` attribute's declarations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub style: Vec<Declaration>,
}

impl Attributes {
    /// The names allowed, for messages.
    pub const NAMES: [&'static str; 7] =
        ["id", "class", "title", "lang", "datetime", "open", "style"];

    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The `class` attribute as drawn: the author's classes, then the style's class.
    pub fn class_attr(&self) -> Option<String> {
        let style = (!self.style.is_empty()).then(|| style_class(&self.style));
        match (&self.class, style) {
            (Some(c), Some(s)) => Some(format!("{c} {s}")),
            (c, s) => c.clone().or(s),
        }
    }
}

impl Inline {
    /// The plain text of this inline, markup dropped.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.push_plain_text(&mut out);
        out
    }

    fn push_plain_text(&self, out: &mut String) {
        match self {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Break => out.push(' '),
            Inline::Image(i) => out.push_str(&i.alt),
            Inline::Embed(e) => out.push_str(&e.title),
            Inline::FootnoteRef { .. } => {}
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Link(Link { children: c, .. })
            | Inline::Element(Element { children: c, .. }) => {
                c.iter().for_each(|i| i.push_plain_text(out))
            }
        }
    }
}

/// The plain text of a run of inlines.
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::plain_text).collect()
}

impl Block {
    /// The block's text without markup (for descriptions and tests).
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph(i) | Block::Heading { inlines: i, .. } => plain_text(i),
            Block::Rule => String::new(),
            Block::List(l) => l
                .items
                .iter()
                .flat_map(|i| i.blocks.iter().map(Block::plain_text))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Attributed(a) => a.block.plain_text(),
            Block::Quote(b) | Block::Element(Element { children: b, .. }) => b
                .iter()
                .map(Block::plain_text)
                .collect::<Vec<_>>()
                .join(" "),
            Block::Code(c) => c
                .lines
                .iter()
                .map(|l| l.iter().map(|t| t.text.as_str()).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .map(|c| plain_text(c))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

impl Section {
    /// The heading's text.
    pub fn heading_text(&self) -> String {
        plain_text(&self.heading)
    }
}

impl Article {
    /// Whether the page is in French (French typography, French interface words).
    pub fn is_french(&self) -> bool {
        self.lang == "fr" || self.lang.starts_with("fr-")
    }

    /// When the page last changed: `last_modified_at`, else `date`.
    pub fn last_changed(&self) -> Option<&Moment> {
        self.date_modified.as_ref().or(self.date_published.as_ref())
    }
}

/// The id of a footnote's text.
pub fn footnote_id(id: &str) -> String {
    format!("fn-{id}")
}

/// The id of the `call`th call (1-based) of a footnote.
pub fn footnote_call_id(id: &str, call: usize) -> String {
    if call <= 1 {
        format!("fnref-{id}")
    } else {
        format!("fnref-{id}-{call}")
    }
}

/// A page's address under the base, as links write it: `/a/b` for the file `/a/b.html`, and
/// `/a/` for `/a/index.html`. Every host serves both without a redirect (nginx with
/// `try_files $uri $uri.html`), where Cloudflare Pages answers the `.html` form with a 308.
pub fn page_url(permalink: &str) -> &str {
    match permalink.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => permalink.strip_suffix(".html").unwrap_or(permalink),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_s_address_drops_index_html_and_the_html_extension() {
        for (permalink, url) in [
            ("/index.html", "/"),
            ("/a/index.html", "/a/"),
            ("/a/b.html", "/a/b"),
            ("/chef-projet-digital.html", "/chef-projet-digital"),
            ("/a/myindex.html", "/a/myindex"),
            ("/a/", "/a/"),
            ("/feed.xml", "/feed.xml"),
        ] {
            assert_eq!(page_url(permalink), url, "{permalink}");
        }
    }

    #[test]
    fn tags_round_trip_by_name() {
        for (name, tag) in HtmlTag::ALL {
            assert_eq!(HtmlTag::from_name(name), Some(tag));
            assert_eq!(tag.name(), name);
        }
        assert_eq!(HtmlTag::from_name("script"), None);
    }
}
