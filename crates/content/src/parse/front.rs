//! The front matter: Jekyll's YAML keys, checked. Unknown keys are ignored, as Jekyll ignores
//! them; a known key with a value of the wrong type is an error on its line.

use serde::Deserialize;

use super::source::{PResult, PageSource, Source};
use crate::conventions::{iso_date, language_tag};
use crate::error::ContentError;

/// The YAML text of the front matter and where it starts in the file.
#[derive(Debug, Default)]
pub(super) struct RawYaml {
    pub text: String,
    /// Byte offset of the YAML in the file; `None` when the file has no front matter.
    pub start: Option<usize>,
}

/// The front matter as written. Every field is optional here so that a missing one gets our own
/// message and line rather than serde's.
#[derive(Debug, Default, Deserialize)]
struct Raw {
    title: Option<String>,
    summary: Option<String>,
    /// jekyll-seo-tag's name for the summary.
    description: Option<String>,
    permalink: Option<String>,
    lang: Option<String>,
    author: Option<String>,
    date: Option<String>,
    last_modified_at: Option<String>,
    toc: Option<bool>,
    nav_order: Option<i64>,
    image: Option<String>,
    published: Option<bool>,
    /// The key multilingual Jekyll sites give the translations of one page.
    #[serde(rename = "ref")]
    reference: Option<String>,
}

/// The checked front matter.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    /// The permalink, with a leading slash, `…/` already written as `…/index.html`.
    pub permalink: String,
    pub permalink_line: usize,
    pub lang: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub last_modified_at: Option<String>,
    pub toc: bool,
    pub nav_order: Option<i64>,
    pub image: Option<(String, usize)>,
    pub published: bool,
    /// `ref`, and its line.
    pub reference: Option<(String, usize)>,
}

impl FrontMatter {
    pub(super) fn parse(src: &Source<'_>, yaml: &RawYaml, page: &PageSource) -> PResult<Self> {
        let Some(start) = yaml.start else {
            return Err(src.error(
                1,
                "missing front matter: the file must start with a `---` line, then `title: …` and a closing `---`",
            ));
        };
        let keys = Keys { src, yaml, start };
        let raw = keys.deserialize()?;
        let title = optional(raw.title).ok_or_else(|| {
            keys.error(
                "title",
                "front matter has no `title` (every page needs one)",
            )
        })?;
        let permalink = keys.permalink(optional(raw.permalink), &page.rel_path)?;
        let lang = match optional(raw.lang) {
            Some(lang) => {
                language_tag(&lang).map_err(|m| keys.error("lang", format!("front matter {m}")))?
            }
            None => page.site_lang.clone(),
        };
        Ok(FrontMatter {
            title,
            summary: optional(raw.summary)
                .or_else(|| optional(raw.description))
                .unwrap_or_default(),
            permalink,
            permalink_line: keys.line("permalink"),
            lang,
            author: optional(raw.author),
            date: keys.date("date", raw.date)?,
            last_modified_at: keys.date("last_modified_at", raw.last_modified_at)?,
            toc: raw.toc.unwrap_or(true),
            nav_order: raw.nav_order,
            image: optional(raw.image).map(|i| (i, keys.line("image"))),
            published: raw.published.unwrap_or(true),
            reference: optional(raw.reference).map(|r| (r, keys.line("ref"))),
        })
    }
}

/// The front matter's YAML, where it sits in the file: for values and for the lines of keys.
struct Keys<'s, 'a> {
    src: &'s Source<'a>,
    yaml: &'s RawYaml,
    /// Byte offset of the YAML in the file.
    start: usize,
}

impl Keys<'_, '_> {
    /// The YAML's keys, or an error on the line serde points at.
    fn deserialize(&self) -> PResult<Raw> {
        if self.yaml.text.trim().is_empty() {
            return Ok(Raw::default());
        }
        serde_yaml_ng::from_str(&self.yaml.text).map_err(|e| {
            let line = e.location().map_or(self.first_line(), |l| {
                self.src
                    .line_of(self.start + l.index().min(self.yaml.text.len()))
            });
            let message = e.to_string();
            // serde_yaml_ng appends ` at line L column C` counted within the YAML: the error
            // is already on the right file line.
            let message = message.split(" at line ").next().unwrap_or(&message);
            self.src
                .error(line, format!("invalid front matter: {message}"))
        })
    }

    fn first_line(&self) -> usize {
        self.src.line_of(self.start)
    }

    /// The line of `key:`, for messages about its value; the opening `---` if it is absent.
    fn line(&self, key: &str) -> usize {
        self.yaml
            .text
            .lines()
            .position(|l| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map_or(self.first_line().saturating_sub(1).max(1), |i| {
                self.first_line() + i
            })
    }

    fn error(&self, key: &str, message: impl Into<String>) -> ContentError {
        self.src.error(self.line(key), message)
    }

    /// The page's address: `permalink`, or the file's path; `…/` is written `…/index.html`.
    fn permalink(&self, value: Option<String>, rel_path: &str) -> PResult<String> {
        let permalink = match value {
            Some(p) if !p.starts_with('/') => {
                return Err(self.error(
                    "permalink",
                    format!("front matter `permalink` must start with `/`: `{p}`"),
                ))
            }
            Some(p) if p.contains(['?', '#', ' ']) || p.contains("..") => {
                return Err(self.error(
                    "permalink",
                    format!("front matter `permalink` must be a plain path: `{p}`"),
                ))
            }
            Some(p) => p,
            None => default_permalink(rel_path),
        };
        Ok(match permalink.ends_with('/') {
            true => format!("{permalink}index.html"),
            false => permalink,
        })
    }

    /// A date key, checked and written in ISO 8601.
    fn date(&self, key: &str, value: Option<String>) -> PResult<Option<String>> {
        optional(value)
            .map(|v| {
                iso_date(&v).ok_or_else(|| {
                    self.error(
                        key,
                        format!(
                            "front matter `{key}` is not an ISO 8601 date (YYYY-MM-DD…): `{v}`"
                        ),
                    )
                })
            })
            .transpose()
    }
}

/// A value with its surrounding blanks trimmed; `None` when nothing is left.
fn optional(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `a/b.md` lives at `/a/b.html`; `index.md` files at their folder's `index.html`.
pub fn default_permalink(rel_path: &str) -> String {
    let stem = rel_path
        .strip_suffix(".md")
        .or_else(|| rel_path.strip_suffix(".markdown"))
        .unwrap_or(rel_path);
    format!("/{stem}.html")
}
