//! The typed content model: what the article *is*, independent of how it is drawn.
//!
//! The build parses the client's Markdown into these types (see `parse`), writes them as JSON
//! next to the app, and the components render them with `view!`. Everything the page shows
//! (title, anchors, table of contents, text) comes from here, never from a component.

use serde::{Deserialize, Serialize};

/// The whole article, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Front matter `title`: the document title and the `<h1>`.
    pub title: String,
    /// Front matter `summary`: the meta description.
    pub summary: String,
    /// Front matter `permalink`, such as `/chef-projet-digital.html`.
    pub permalink: String,
    /// Optional front matter `author`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Optional front matter `date` (first publication, ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// Optional front matter `last_modified_at` (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// The second-level heading right under the title: the article's one-sentence pitch.
    pub tagline: Option<Vec<Inline>>,
    /// The paragraphs between the title and the table of contents.
    pub lead: Vec<Paragraph>,
    /// The on-page table of contents, in source order.
    pub toc: Vec<TocEntry>,
    /// The part heading that groups the sections ("Une organisation de projet tout terrain").
    pub part: Option<String>,
    /// The question sections, in source order.
    pub sections: Vec<Section>,
}

/// One entry of the table of contents: a link to a section's anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// The target section's anchor id, without `#`.
    pub anchor: String,
    /// The link text.
    pub label: String,
}

/// What a section is about. The client's five anchors map to five kinds; any other anchor the
/// owner adds later is `Other`, so a new section needs no code change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    Definition,
    Missions,
    Scope,
    Profile,
    Integration,
    Other,
}

impl SectionKind {
    /// The kind of the section with this anchor id.
    pub fn from_anchor(anchor: &str) -> Self {
        match anchor {
            "chef-projet-digital" => Self::Definition,
            "missions" => Self::Missions,
            "champs-actions" => Self::Scope,
            "qui-est" => Self::Profile,
            "structure" => Self::Integration,
            _ => Self::Other,
        }
    }
}

/// A question section: an anchored heading and its prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The anchor id (`{: #id}` in the source), the fragment of the section's URL.
    pub id: String,
    /// The heading text, a question.
    pub heading: String,
    /// At least one paragraph.
    pub paragraphs: Vec<Paragraph>,
}

/// A paragraph: a run of inline text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Paragraph(pub Vec<Inline>);

/// Inline text, as a tree: plain text, emphasis, strong emphasis and links.
/// Externally tagged in JSON (`{"text": "…"}`): the lightest form for serde to decode in the wasm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link { href: String, children: Vec<Inline> },
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
            Inline::Text(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                c.iter().for_each(|i| i.push_plain_text(out))
            }
        }
    }
}

impl Section {
    /// What the section is about, derived from its anchor (not stored: nothing to keep in sync).
    pub fn kind(&self) -> SectionKind {
        SectionKind::from_anchor(&self.id)
    }
}

impl Paragraph {
    /// The paragraph's text without markup (for tests, descriptions and search engines).
    pub fn plain_text(&self) -> String {
        self.0.iter().map(Inline::plain_text).collect()
    }
}

impl Article {
    /// The section with this anchor id, if any.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// The document title while the reader is on a section: "<heading> — <page title>"; the page's
/// own title elsewhere.
pub fn section_title(heading: Option<&str>, page_title: &str) -> String {
    match heading {
        Some(h) => format!("{h} — {page_title}"),
        None => page_title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::section_title;

    #[test]
    fn titles_name_the_section() {
        assert_eq!(section_title(Some("Missions"), "Chef"), "Missions — Chef");
        assert_eq!(section_title(None, "Chef"), "Chef");
    }
}
