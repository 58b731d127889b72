//! The front matter: Jekyll's YAML keys, checked. Unknown keys are ignored, as Jekyll ignores
//! them; a known key with a value of the wrong type is an error on its line.

use serde::Deserialize;

use super::source::{PResult, PageSource, Source};
use crate::conventions::language_tag;
use crate::error::ContentError;
use crate::jekyll::dates::{parse_moment, parse_quoted_moment, Moment, Zone};
use crate::jekyll::permalink;

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
    categories: Option<Words>,
    category: Option<Words>,
    tags: Option<Words>,
    tag: Option<Words>,
    excerpt: Option<String>,
    /// Replaces the file name's slug in a post's address.
    slug: Option<String>,
    /// Only `home` means something here: the page lists the posts (minima's layout).
    layout: Option<String>,
    /// jekyll-redirect-from: the page's old addresses, and where the page itself has moved.
    redirect_from: Option<Words>,
    redirect_to: Option<String>,
}

/// A list as Jekyll takes it: a YAML list, or a space-separated string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Words {
    List(Vec<Scalar>),
    One(Scalar),
}

/// A word of such a list: YAML may read `2024` or `true` as other than a string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(serde_yaml_ng::Number),
    Bool(bool),
}

impl Scalar {
    fn text(self) -> String {
        match self {
            Scalar::Text(t) => t,
            Scalar::Number(n) => n.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

impl Words {
    /// As Jekyll reads `categories:`/`tags:`: a string is split on blanks; list items are kept
    /// whole.
    fn plural(self) -> Vec<String> {
        match self {
            Words::List(items) => items.into_iter().map(Scalar::text).collect(),
            Words::One(one) => one.text().split_whitespace().map(str::to_string).collect(),
        }
    }

    /// As Jekyll reads `category:`/`tag:`: a string is one word, blanks included.
    fn singular(self) -> Vec<String> {
        match self {
            Words::List(items) => items.into_iter().map(Scalar::text).collect(),
            Words::One(one) => vec![one.text()],
        }
    }
}

/// `plural` then `singular`, each word once, in order.
fn words(plural: Option<Words>, singular: Option<Words>) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let plural = plural.into_iter().flat_map(Words::plural);
    for word in plural.chain(singular.into_iter().flat_map(Words::singular)) {
        if !word.is_empty() && !all.contains(&word) {
            all.push(word);
        }
    }
    all
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
    pub date: Option<Moment>,
    pub last_modified_at: Option<Moment>,
    pub toc: bool,
    pub nav_order: Option<i64>,
    pub image: Option<(String, usize)>,
    pub published: bool,
    /// `ref`, and its line.
    pub reference: Option<(String, usize)>,
    /// A post's categories, tags and excerpt; `None` for a page.
    pub post: Option<PostFront>,
    /// `layout: home`: the posts list goes after the page's text.
    pub home_layout: bool,
    /// `redirect_from`: the page's old addresses (paths from the site's root).
    pub redirect_from: Vec<String>,
    /// `redirect_to`: where the page has moved (a path or an absolute URL).
    pub redirect_to: Option<String>,
}

/// What a post's front matter adds to a page's.
#[derive(Debug, Clone)]
pub struct PostFront {
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// Front matter `excerpt`, when it has one.
    pub excerpt: Option<String>,
    pub draft: bool,
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
        let addressing = &page.addressing;
        let post = addressing.post.as_ref();
        let home = matches!(page.rel_path.as_str(), "index.md" | "index.markdown");
        let title = match (optional(raw.title), post) {
            (Some(title), _) => title,
            (None, Some(post)) => titleize_slug(&post.slug),
            (None, None) if home && addressing.site_title.is_some() => {
                addressing.site_title.clone().unwrap_or_default()
            }
            (None, None) => {
                return Err(keys.error(
                    "title",
                    "front matter has no `title` (every page needs one; the home page takes the site's)",
                ))
            }
        };
        let date = keys.date("date", raw.date, &addressing.zone)?;
        let written = keys.permalink(optional(raw.permalink))?;
        let (permalink, post) = match post {
            Some(file) => {
                let mut categories = file.categories.clone();
                for c in words(raw.categories, raw.category) {
                    if !categories.contains(&c) {
                        categories.push(c);
                    }
                }
                let template = written
                    .clone()
                    .or_else(|| addressing.posts_permalink.clone())
                    .unwrap_or_else(|| permalink::style_template(&addressing.permalink));
                let slug = optional(raw.slug).unwrap_or_else(|| file.slug.clone());
                let url = permalink::post_url(
                    &template,
                    &permalink::PostParts {
                        date: date.as_ref().unwrap_or(&file.date),
                        slug: &slug,
                        categories: &categories,
                        output_ext: ".html",
                        rel_path: &page.rel_path,
                    },
                )
                .map_err(|m| keys.error("permalink", format!("permalink `{template}`: {m}")))?;
                let front = PostFront {
                    categories,
                    tags: words(raw.tags, raw.tag),
                    excerpt: optional(raw.excerpt),
                    draft: file.draft,
                };
                (url, Some(front))
            }
            None => (
                permalink::page_url(
                    Some(&addressing.permalink),
                    &page.rel_path,
                    written.as_deref(),
                ),
                None,
            ),
        };
        let output_ext = match post {
            Some(_) => ".html".to_string(),
            None => permalink::output_ext(&page.rel_path, written.as_deref()),
        };
        let permalink = format!("/{}", permalink::output_file(&permalink, &output_ext));
        let date = date.or_else(|| addressing.post.as_ref().map(|p| p.date));
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
            date,
            last_modified_at: keys.date(
                "last_modified_at",
                raw.last_modified_at,
                &addressing.zone,
            )?,
            toc: raw.toc.unwrap_or(true),
            nav_order: raw.nav_order,
            image: optional(raw.image).map(|i| (i, keys.line("image"))),
            published: raw.published.unwrap_or(true),
            reference: optional(raw.reference).map(|r| (r, keys.line("ref"))),
            post,
            home_layout: optional(raw.layout).is_some_and(|l| l == "home"),
            redirect_from: keys.redirects_from(raw.redirect_from)?,
            redirect_to: keys.redirect_to(optional(raw.redirect_to))?,
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

    /// Front matter `permalink`, checked: a plain path (Jekyll adds the leading `/`).
    fn permalink(&self, value: Option<String>) -> PResult<Option<String>> {
        match value {
            Some(p) if p.contains(['?', '#', ' ']) || p.contains("..") => Err(self.error(
                "permalink",
                format!("front matter `permalink` must be a plain path: `{p}`"),
            )),
            Some(p) if !p.starts_with('/') => Ok(Some(format!("/{p}"))),
            other => Ok(other),
        }
    }

    /// `redirect_from`: each a plain path, with the leading `/` Jekyll adds.
    fn redirects_from(&self, value: Option<Words>) -> PResult<Vec<String>> {
        let paths = value.map(Words::singular).unwrap_or_default();
        paths
            .into_iter()
            .map(|p| match self.permalink(Some(p))? {
                Some(p) => Ok(p),
                None => Err(self.error("redirect_from", "`redirect_from` has an empty path")),
            })
            .collect()
    }

    /// `redirect_to`: an `http(s)` URL, or a plain path of the site.
    fn redirect_to(&self, value: Option<String>) -> PResult<Option<String>> {
        let Some(to) = value else {
            return Ok(None);
        };
        if to.starts_with("https://") || to.starts_with("http://") {
            return match url::Url::parse(&to) {
                Ok(_) => Ok(Some(to)),
                Err(e) => Err(self.error(
                    "redirect_to",
                    format!("`redirect_to: {to}` is not a URL: {e}"),
                )),
            };
        }
        if to.contains(':') {
            return Err(self.error(
                "redirect_to",
                format!("`redirect_to: {to}` must be an http(s) URL or a path of the site"),
            ));
        }
        self.permalink(Some(to))
    }

    /// A date key, in any form Jekyll reads; a time without offset is in the site's zone. YAML
    /// reads an unquoted time with seconds as UTC, a quoted one as written: the key's line says
    /// which it is.
    fn date(&self, key: &str, value: Option<String>, zone: &Zone) -> PResult<Option<Moment>> {
        let quoted = self.yaml.text.lines().any(|l| {
            l.strip_prefix(key)
                .and_then(|rest| rest.trim_start().strip_prefix(':'))
                .is_some_and(|v| v.trim_start().starts_with(['"', '\'']))
        });
        optional(value)
            .map(|v| {
                let parsed = match quoted {
                    true => parse_quoted_moment(&v, zone),
                    false => parse_moment(&v, zone),
                };
                parsed.ok_or_else(|| {
                    self.error(
                        key,
                        format!(
                            "front matter `{key}` is not a date (`2024-05-02`, `2024-05-02 14:25 +0200`, `2024-05-02T14:25:00Z`): `{v}`"
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

/// Jekyll's `titleize_slug`: a post without `title` is titled from its file name
/// (`2024-01-02-my-first-post.md` gives « My First Post »).
fn titleize_slug(slug: &str) -> String {
    slug.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_from_the_slug_as_jekyll_makes_it() {
        assert_eq!(titleize_slug("my-first-post"), "My First Post");
        assert_eq!(titleize_slug("Hello-World"), "Hello World");
        assert_eq!(titleize_slug("why-SQL"), "Why Sql");
        assert_eq!(titleize_slug("été-2024"), "Été 2024");
    }
}
