//! The front matter: Jekyll's YAML keys, checked. Unknown keys are ignored, as Jekyll ignores
//! them; a known key with a value of the wrong type is an error on its line.

use serde::Deserialize;

use super::{PResult, PageSource, Source};
use crate::ContentError;

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

/// A language tag (BCP 47, such as `fr` or `en-GB`), checked by the `language-tags` crate and
/// written in its canonical case; an error message otherwise.
pub fn language_tag(value: &str) -> Result<String, String> {
    language_tags::LanguageTag::parse(value.trim())
        .map(|tag| {
            tag.canonicalize()
                .map_or_else(|_| tag.to_string(), |t| t.to_string())
        })
        .map_err(|_| format!("`lang` is not a language tag such as `fr` or `en-GB`: `{value}`"))
}

/// A date as Jekyll takes them, written in ISO 8601: `2024-05-02` stays so,
/// `2024-06-10T09:30:00+02:00` and Jekyll's `2024-06-10 09:30:00 +0200` are written as the
/// former, a time without offset as `2024-06-10T09:30:00`. `None` for anything else.
pub fn iso_date(value: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    use time::{Date, OffsetDateTime, PrimitiveDateTime};
    if let Ok(date) = Date::parse(value, format_description!("[year]-[month]-[day]")) {
        return Some(date.to_string());
    }
    let with_offset = [
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory]:[offset_minute]"),
    ];
    let offset = OffsetDateTime::parse(value, &Rfc3339).ok().or_else(|| {
        with_offset
            .iter()
            .find_map(|f| OffsetDateTime::parse(value, f).ok())
    });
    if let Some(time) = offset {
        return time.format(&Rfc3339).ok();
    }
    let local = [
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
    ];
    local
        .iter()
        .find_map(|f| PrimitiveDateTime::parse(value, f).ok())
        .and_then(|t| {
            t.format(format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second]"
            ))
            .ok()
        })
}

/// `a/b.md` lives at `/a/b.html`; `index.md` files at their folder's `index.html`.
pub fn default_permalink(rel_path: &str) -> String {
    let stem = rel_path
        .strip_suffix(".md")
        .or_else(|| rel_path.strip_suffix(".markdown"))
        .unwrap_or(rel_path);
    format!("/{stem}.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_jekyll_reads_them_and_written_in_iso_8601() {
        for (written, iso) in [
            ("2024-05-02", "2024-05-02"),
            ("2024-06-10T09:30:00+02:00", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10T07:30:00Z", "2024-06-10T07:30:00Z"),
            ("2024-06-10 09:30:00 +0200", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10 09:30:00", "2024-06-10T09:30:00"),
            ("2024-06-10 09:30", "2024-06-10T09:30:00"),
        ] {
            assert_eq!(iso_date(written).as_deref(), Some(iso), "{written}");
        }
        for wrong in [
            "12/03/2024",
            "2024-13-01",
            "2024-02-30",
            "2024-05-02x",
            "hier",
        ] {
            assert_eq!(iso_date(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn language_tags_are_checked_and_canonical() {
        assert_eq!(language_tag("fr").as_deref(), Ok("fr"));
        assert_eq!(language_tag("en-gb").as_deref(), Ok("en-GB"));
        assert_eq!(language_tag("zh-Hant-TW").as_deref(), Ok("zh-Hant-TW"));
        for wrong in ["français", "en_GB", "", "x-"] {
            assert!(language_tag(wrong).is_err(), "{wrong}");
        }
    }
}
