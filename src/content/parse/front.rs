//! The front matter: Jekyll's YAML keys, checked. Unknown keys are ignored, as Jekyll ignores
//! them; a known key with a value of the wrong type is an error on its line.

use serde::Deserialize;

use super::{PResult, PageSource, Source};

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
}

impl FrontMatter {
    pub(super) fn parse(src: &Source<'_>, yaml: &RawYaml, page: &PageSource) -> PResult<Self> {
        let Some(start) = yaml.start else {
            return Err(src.error(
                1,
                "missing front matter: the file must start with a `---` line, then `title: …` and a closing `---`",
            ));
        };
        let first_line = src.line_of(start);
        let raw: Raw = if yaml.text.trim().is_empty() {
            Raw::default()
        } else {
            serde_yaml_ng::from_str(&yaml.text).map_err(|e| {
                let line = e.location().map_or(first_line, |l| {
                    src.line_of(start + l.index().min(yaml.text.len()))
                });
                let message = e.to_string();
                // serde_yaml_ng appends ` at line L column C` counted within the YAML: the error
                // is already on the right file line.
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                src.error(line, format!("invalid front matter: {message}"))
            })?
        };
        // The line of `key:` for messages about its value; the opening `---` if it is absent.
        let key_line = |key: &str| {
            yaml.text
                .lines()
                .position(|l| {
                    l.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
                .map_or(first_line.saturating_sub(1).max(1), |i| first_line + i)
        };
        let optional = |value: Option<String>| {
            value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let date = |key: &str, value: Option<String>| -> PResult<Option<String>> {
            match optional(value) {
                Some(v) if !looks_like_iso_date(&v) => Err(src.error(
                    key_line(key),
                    format!("front matter `{key}` is not an ISO 8601 date (YYYY-MM-DD…): `{v}`"),
                )),
                v => Ok(v),
            }
        };

        let title = match optional(raw.title) {
            Some(t) => t,
            None => {
                return Err(src.error(
                    key_line("title"),
                    "front matter has no `title` (every page needs one)",
                ))
            }
        };
        let permalink_line = key_line("permalink");
        let permalink = match optional(raw.permalink) {
            Some(p) if !p.starts_with('/') => {
                return Err(src.error(
                    permalink_line,
                    format!("front matter `permalink` must start with `/`: `{p}`"),
                ))
            }
            Some(p) if p.contains(['?', '#', ' ']) || p.contains("..") => {
                return Err(src.error(
                    permalink_line,
                    format!("front matter `permalink` must be a plain path: `{p}`"),
                ))
            }
            Some(p) => p,
            None => default_permalink(&page.rel_path),
        };
        let permalink = if permalink.ends_with('/') {
            format!("{permalink}index.html")
        } else {
            permalink
        };
        let lang = optional(raw.lang).unwrap_or_else(|| page.site_lang.clone());
        if !lang
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(src.error(
                key_line("lang"),
                format!(
                    "front matter `lang` is not a language tag such as `fr` or `en-GB`: `{lang}`"
                ),
            ));
        }
        Ok(FrontMatter {
            title,
            summary: optional(raw.summary)
                .or_else(|| optional(raw.description))
                .unwrap_or_default(),
            permalink,
            permalink_line,
            lang,
            author: optional(raw.author),
            date: date("date", raw.date)?,
            last_modified_at: date("last_modified_at", raw.last_modified_at)?,
            toc: raw.toc.unwrap_or(true),
            nav_order: raw.nav_order,
            image: optional(raw.image).map(|i| (i, key_line("image"))),
            published: raw.published.unwrap_or(true),
        })
    }
}

/// `a/b.md` lives at `/a/b.html`; `index.md` files at their folder's `index.html`.
pub fn default_permalink(rel_path: &str) -> String {
    let stem = rel_path
        .strip_suffix(".md")
        .or_else(|| rel_path.strip_suffix(".markdown"))
        .unwrap_or(rel_path);
    format!("/{stem}.html")
}

/// `YYYY-MM-DD` at the start: enough to catch a typo, while accepting Jekyll's longer forms.
fn looks_like_iso_date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}
