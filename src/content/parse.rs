//! The Markdown parser: turns the client's Jekyll/kramdown source into an [`Article`].
//!
//! It runs natively only (build hook, prerender, tests), never in the wasm.
//!
//! # Input
//!
//! A Jekyll file: a YAML front matter between two `---` lines, then a Markdown body. The front
//! matter gives `title`, `summary` and `permalink` (required), `author`, `date` and
//! `last_modified_at` (optional) and `layout` (ignored); any other key is an error, so a typo
//! such as `permlink` fails the build instead of silently losing a field.
//!
//! The body is read with `pulldown-cmark` (CommonMark, no extension) through its event stream;
//! this module only decides what each event means. The body grammar, in order:
//!
//! ```text
//! body     := [ "# Title" [ "## Tagline" ] ] paragraph* [ toc ] [ "## Part" ] section+
//! toc      := a bullet list whose items are each exactly `<a href="#id">Label</a>`
//! section  := "### Heading" [ "{: #id}" ] paragraph+
//! inline   := text | *emphasis* | **strong** | [link](href)
//! ```
//!
//! Anything else (code, quotes, images, tables, other headings, other lists, raw HTML other than
//! the table-of-contents links…) is an error pointing at its line: the page renders the typed
//! model with components, so raw HTML is never passed through, and a construct the model cannot
//! represent must fail loudly rather than vanish.
//!
//! # Why the anchor goes to the section
//!
//! The source uses kramdown attribute lists: `{: #missions}` on its own paragraph right after a
//! `### …` heading. kramdown hangs such a block attribute list on the *next* block (the first
//! paragraph), which is an accident of the source, not its intent: the table of contents links
//! to the *question*, and the page scrolls to and titles a whole section. So the id is given to
//! the section. A section without such a line gets [`slugify`] of its heading, as kramdown's
//! automatic header ids would.
//!
//! # Errors
//!
//! Every error is a [`ParseError`] naming the file and the 1-based line of the whole file (front
//! matter included), so `cargo` output points straight at the line to fix. The parser stops at
//! the first error and never panics, whatever the input.

use std::fmt;
use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, OffsetIter, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::model::{Article, Inline, Paragraph, Section, TocEntry};

/// A parse or validation error, located in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file name given to [`parse_article`], for the message only.
    pub file: String,
    /// 1-based line in the whole file, front matter included.
    pub line: usize,
    /// What is wrong, in English.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

type PResult<T> = Result<T, ParseError>;

/// Nesting depth allowed for emphasis, strong and links: real prose needs 2 or 3; the limit only
/// keeps the recursive inline parser's stack bounded on hostile input.
const MAX_INLINE_DEPTH: usize = 16;

/// Source snippets in messages are cut to this many characters.
const SNIPPET_CHARS: usize = 60;

/// Parses a whole article file (front matter and body) into the typed model.
///
/// `file` is only used in error messages.
pub fn parse_article(file: &str, source: &str) -> Result<Article, ParseError> {
    let src = Source::new(file, source);
    let split = split_front_matter(&src)?;
    let front = FrontMatter::parse(&src, &split)?;
    let body = BodyParser::new(&src, split.body, split.body_start).parse()?;
    Ok(Article {
        title: front.title,
        summary: front.summary,
        permalink: front.permalink,
        author: front.author,
        date_published: front.date,
        date_modified: front.last_modified_at,
        tagline: body.tagline,
        lead: body.lead,
        toc: body.toc,
        part: body.part,
        sections: body.sections,
    })
}

/// A kramdown-like automatic id: lowercase ASCII, accents folded (`é` → `e`, `œ` → `oe`,
/// `ç` → `c`…), every other character a separator, separators collapsed to one `-` and trimmed.
///
/// Unlike kramdown, apostrophes separate words (`qu’un` → `qu-un`), which reads better in URLs.
/// Characters with no ASCII folding (Greek, CJK…) are separators too, so the result is always
/// `[a-z0-9-]*`, possibly empty.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut separator = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        // Combining marks (decomposed accents such as `e\u{301}`) belong to the previous letter.
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let mut buf = [0u8; 4];
        let folded: &str = if c.is_ascii_alphanumeric() {
            c.encode_utf8(&mut buf)
        } else {
            fold_accent(c).unwrap_or("")
        };
        if folded.is_empty() {
            separator = true;
            continue;
        }
        if separator && !out.is_empty() {
            out.push('-');
        }
        separator = false;
        out.push_str(folded);
    }
    out
}

/// The ASCII spelling of a lowercase Latin letter with a diacritic, or a ligature.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// An anchor id as the source may write it: `[A-Za-z][A-Za-z0-9_-]*`.
fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

// ---------------------------------------------------------------------------------------------
// Source positions

/// The whole file, with what is needed to turn byte offsets into line numbers.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            file,
            text,
            line_starts,
        }
    }

    /// The 1-based line holding this byte offset of the file.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .max(1)
    }

    /// The number of the last line (a final newline does not open a new line).
    fn last_line(&self) -> usize {
        let n = self.line_starts.len();
        if self.text.ends_with('\n') {
            n.saturating_sub(1).max(1)
        } else {
            n
        }
    }

    fn error(&self, line: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            file: self.file.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// The first line of `text`, trimmed and cut to [`SNIPPET_CHARS`], for quoting in a message.
fn snippet(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut out: String = line.chars().take(SNIPPET_CHARS).collect();
    if line.chars().nth(SNIPPET_CHARS).is_some() {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Front matter

/// The file cut in two: the YAML between the `---` lines, and the Markdown body after them.
struct Split<'a> {
    yaml: &'a str,
    /// Line number of the first YAML line (the line after the opening `---`).
    yaml_first_line: usize,
    /// Byte offset of the YAML in the file.
    yaml_start: usize,
    body: &'a str,
    /// Byte offset of the body in the file.
    body_start: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

fn split_front_matter<'a>(src: &Source<'a>) -> PResult<Split<'a>> {
    let text = src.text;
    // A UTF-8 byte order mark is invisible in editors; do not make it an error.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = text.get(start..).unwrap_or("");
    let mut lines = rest.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if !is_fence(opening) {
        return Err(src.error(
            1,
            "missing front matter: the file must start with a `---` line",
        ));
    }
    let yaml_start = start + opening.len();
    let mut offset = yaml_start;
    for line in lines {
        if is_fence(line) {
            return Ok(Split {
                yaml: text.get(yaml_start..offset).unwrap_or(""),
                yaml_first_line: 2,
                yaml_start,
                body: text.get(offset + line.len()..).unwrap_or(""),
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(src.error(1, "unclosed front matter: no closing `---` line"))
}

/// The front matter as written. Every field is optional here so that a missing one gets our own
/// message and line rather than serde's.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    /// Jekyll's page layout: meaningful to Jekyll only.
    #[serde(default, rename = "layout")]
    _layout: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    permalink: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    last_modified_at: Option<String>,
}

/// The checked front matter.
struct FrontMatter {
    title: String,
    summary: String,
    permalink: String,
    author: Option<String>,
    date: Option<String>,
    last_modified_at: Option<String>,
}

impl FrontMatter {
    fn parse(src: &Source<'_>, split: &Split<'_>) -> PResult<Self> {
        let raw: RawFrontMatter = if split.yaml.trim().is_empty() {
            // An empty YAML document is not a mapping to serde; treat it as one with no key.
            RawFrontMatter::default()
        } else {
            serde_yaml_ng::from_str(split.yaml).map_err(|e| {
                // From the byte offset, not YAML's line: YAML also breaks lines at a lone `\r`,
                // NEL or LS, which would count lines past the end of the file.
                let line = e.location().map_or(1, |l| {
                    src.line_of(split.yaml_start + l.index().min(split.yaml.len()))
                });
                let message = file_positions(&e.to_string(), split.yaml_first_line, line);
                src.error(line, format!("invalid front matter: {message}"))
            })?
        };
        // The line of `key:` for messages about its value; the opening `---` if it is absent.
        let key_line = |key: &str| {
            split
                .yaml
                .lines()
                .position(|l| {
                    l.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
                .map_or(1, |i| split.yaml_first_line + i)
        };
        let required = |key: &str, value: Option<String>| -> PResult<String> {
            match value.as_deref().map(str::trim) {
                None => Err(src.error(1, format!("front matter has no `{key}`"))),
                Some("") => Err(src.error(key_line(key), format!("front matter `{key}` is empty"))),
                Some(v) => Ok(v.to_string()),
            }
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

        let title = required("title", raw.title)?;
        let summary = required("summary", raw.summary)?;
        let permalink = required("permalink", raw.permalink)?;
        if !permalink.starts_with('/') {
            return Err(src.error(
                key_line("permalink"),
                format!("front matter `permalink` must start with `/`: `{permalink}`"),
            ));
        }
        Ok(FrontMatter {
            title,
            summary,
            permalink,
            author: optional(raw.author),
            date: date("date", raw.date)?,
            last_modified_at: date("last_modified_at", raw.last_modified_at)?,
        })
    }
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

/// serde_yaml_ng writes positions as ` at line L column C`, counted within the YAML. Rewrites
/// them as file lines (` at line F`), and drops the one the error is already reported on.
fn file_positions(message: &str, first_line: usize, error_line: usize) -> String {
    const MARK: &str = " at line ";
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(MARK) {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + MARK.len()..).unwrap_or("");
        let n = digits(after);
        let line = after.get(..n).and_then(|d| d.parse::<usize>().ok());
        let column = after.get(n..).and_then(|t| t.strip_prefix(" column "));
        match (line, column) {
            (Some(line), Some(column)) => {
                let line = first_line + line.saturating_sub(1);
                if line != error_line {
                    out.push_str(&format!("{MARK}{line}"));
                }
                rest = column.get(digits(column)..).unwrap_or("");
            }
            _ => {
                // Not a position after all: keep the text.
                out.push_str(MARK);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Body

/// Where the body parser is in the grammar; blocks may only move it forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    /// Nothing seen yet.
    Start,
    /// Right after the `#` title.
    Title,
    /// Right after the tagline `##`.
    Tagline,
    /// In the lead paragraphs.
    Lead,
    /// After the table of contents.
    Toc,
    /// After the part `##`.
    Part,
    /// In the `###` sections.
    Sections,
}

/// A section being read: its anchor is decided when it closes.
struct SectionDraft {
    heading: String,
    heading_line: usize,
    /// The `{: #id}` line's id and line.
    anchor: Option<(String, usize)>,
    paragraphs: Vec<Paragraph>,
}

/// The body's part of the article.
struct Body {
    tagline: Option<Vec<Inline>>,
    lead: Vec<Paragraph>,
    toc: Vec<TocEntry>,
    part: Option<String>,
    sections: Vec<Section>,
}

type Events<'a> = Peekable<OffsetIter<'a>>;

struct BodyParser<'s, 'a> {
    src: &'s Source<'a>,
    body: &'a str,
    /// Byte offset of the body in the file: event ranges are relative to the body.
    base: usize,
    events: Events<'a>,
    /// Links to `#anchor`s in the prose, checked once all sections are known.
    internal_links: Vec<(String, usize)>,
}

impl<'s, 'a> BodyParser<'s, 'a> {
    fn new(src: &'s Source<'a>, body: &'a str, base: usize) -> Self {
        BodyParser {
            src,
            body,
            base,
            events: Parser::new_ext(body, Options::empty())
                .into_offset_iter()
                .peekable(),
            internal_links: Vec::new(),
        }
    }

    fn line(&self, range: &Range<usize>) -> usize {
        self.src.line_of(self.base + range.start)
    }

    fn error(&self, range: &Range<usize>, message: impl Into<String>) -> ParseError {
        self.src.error(self.line(range), message)
    }

    /// The source text of an event.
    fn raw(&self, range: &Range<usize>) -> &'a str {
        self.body.get(range.clone()).unwrap_or("")
    }

    fn unsupported(&self, event: &Event<'_>, range: &Range<usize>) -> ParseError {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => {
                self.raw_html(range)
            }
            _ => self.error(range, format!("unsupported Markdown: {}", describe(event))),
        }
    }

    fn raw_html(&self, range: &Range<usize>) -> ParseError {
        self.error(
            range,
            format!(
                "raw HTML is not allowed: `{}` (only table-of-contents items \
                 `- <a href=\"#id\">Label</a>`, each on one line)",
                snippet(self.raw(range))
            ),
        )
    }

    fn end_of_input(&self) -> ParseError {
        self.src
            .error(self.src.last_line(), "unexpected end of the document")
    }

    fn next(&mut self) -> PResult<(Event<'a>, Range<usize>)> {
        match self.events.next() {
            Some(item) => Ok(item),
            None => Err(self.end_of_input()),
        }
    }

    fn parse(mut self) -> PResult<Body> {
        let mut phase = Phase::Start;
        let mut tagline = None;
        let mut lead = Vec::new();
        let mut toc: Vec<(TocEntry, usize)> = Vec::new();
        let mut part = None;
        let mut sections: Vec<(Section, usize)> = Vec::new();
        let mut current: Option<SectionDraft> = None;

        while let Some((event, range)) = self.events.next() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let inlines = self.inlines(TagEnd::Heading(level), 0)?;
                    let level = level as usize;
                    match (level, phase) {
                        (1, Phase::Start) => {
                            // The front matter title is the one shown; this only has to exist.
                            self.heading_text(&inlines, &range, true)?;
                            phase = Phase::Title;
                        }
                        (2, Phase::Title) => {
                            // The tagline keeps its emphasis: only check it is not empty.
                            self.heading_text(&inlines, &range, false)?;
                            let mut inlines = inlines;
                            trim_start(&mut inlines);
                            trim_end(&mut inlines);
                            tagline = Some(inlines);
                            phase = Phase::Tagline;
                        }
                        (2, p) if p < Phase::Part => {
                            part = Some(self.heading_text(&inlines, &range, true)?);
                            phase = Phase::Part;
                        }
                        (3, _) => {
                            let heading = self.heading_text(&inlines, &range, true)?;
                            if let Some(draft) = current.take() {
                                sections.push(self.close_section(draft, &sections)?);
                            }
                            current = Some(SectionDraft {
                                heading,
                                heading_line: self.line(&range),
                                anchor: None,
                                paragraphs: Vec::new(),
                            });
                            phase = Phase::Sections;
                        }
                        (1, _) => {
                            return Err(self.error(
                                &range,
                                "unsupported Markdown: a level-1 heading (`#`) \
                                 anywhere but at the very top",
                            ))
                        }
                        (2, Phase::Part) => {
                            return Err(self.error(
                                &range,
                                "unsupported Markdown: a second part heading (`##`)",
                            ))
                        }
                        (2, _) => {
                            return Err(self.error(
                                &range,
                                "unsupported Markdown: a level-2 heading (`##`) \
                                 after the sections begin",
                            ))
                        }
                        _ => {
                            return Err(self.error(
                                &range,
                                format!(
                                    "unsupported Markdown: level-{level} heading (`{}`)",
                                    "#".repeat(level)
                                ),
                            ))
                        }
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    let inlines = self.inlines(TagEnd::Paragraph, 0)?;
                    if let Some(id) = self.anchor_line(&range)? {
                        match current.as_mut() {
                            Some(draft)
                                if draft.anchor.is_none() && draft.paragraphs.is_empty() =>
                            {
                                draft.anchor = Some((id, self.line(&range)));
                            }
                            _ => {
                                return Err(self.error(
                                    &range,
                                    format!(
                                        "anchor line `{}` must come right after \
                                         a section heading (`### …`)",
                                        snippet(self.raw(&range))
                                    ),
                                ))
                            }
                        }
                        continue;
                    }
                    let paragraph = self.paragraph(inlines, &range)?;
                    match (phase, current.as_mut()) {
                        (Phase::Sections, Some(draft)) => draft.paragraphs.push(paragraph),
                        (p, _) if p <= Phase::Lead => {
                            lead.push(paragraph);
                            phase = Phase::Lead;
                        }
                        _ => {
                            return Err(self.error(
                                &range,
                                "unsupported Markdown: a paragraph between the table of \
                                 contents or part heading and the first section (`###`)",
                            ))
                        }
                    }
                }
                Event::Start(Tag::List(None)) if phase <= Phase::Lead => {
                    toc = self.toc()?;
                    phase = Phase::Toc;
                }
                Event::Start(Tag::List(None)) => {
                    let message = if phase == Phase::Toc {
                        "unsupported Markdown: a second list (only the table of contents \
                         may be a list)"
                    } else {
                        "unsupported Markdown: a list after the part heading or in a section \
                         (only the table of contents may be a list)"
                    };
                    return Err(self.error(&range, message));
                }
                other => return Err(self.unsupported(&other, &range)),
            }
        }
        if let Some(draft) = current.take() {
            sections.push(self.close_section(draft, &sections)?);
        }

        if sections.is_empty() {
            return Err(self.src.error(
                self.src.last_line(),
                "empty document: no section (`### Heading` followed by paragraphs)",
            ));
        }
        let has = |anchor: &str| sections.iter().any(|(s, _)| s.id == anchor);
        for (entry, line) in &toc {
            if !has(&entry.anchor) {
                return Err(self.src.error(
                    *line,
                    format!(
                        "table-of-contents link to `#{}`, which no section has",
                        entry.anchor
                    ),
                ));
            }
        }
        for (anchor, line) in &self.internal_links {
            if !has(anchor) {
                return Err(self
                    .src
                    .error(*line, format!("link to `#{anchor}`, which no section has")));
            }
        }

        Ok(Body {
            tagline,
            lead,
            toc: toc.into_iter().map(|(e, _)| e).collect(),
            part,
            sections: sections.into_iter().map(|(s, _)| s).collect(),
        })
    }

    /// Checks a finished section and gives it its id. `done` holds the previous sections with
    /// the line their anchor came from.
    fn close_section(
        &self,
        draft: SectionDraft,
        done: &[(Section, usize)],
    ) -> PResult<(Section, usize)> {
        if draft.paragraphs.is_empty() {
            return Err(self.src.error(
                draft.heading_line,
                format!("empty section `### {}`: no paragraph", draft.heading),
            ));
        }
        let (id, line) = match draft.anchor {
            Some(anchor) => anchor,
            None => {
                let slug = slugify(&draft.heading);
                if slug.is_empty() {
                    return Err(self.src.error(
                        draft.heading_line,
                        format!(
                            "cannot derive an anchor from `### {}`: add a `{{: #id}}` line \
                             after it",
                            draft.heading
                        ),
                    ));
                }
                (slug, draft.heading_line)
            }
        };
        if let Some((_, first)) = done.iter().find(|(s, _)| s.id == id) {
            return Err(self.src.error(
                line,
                format!("duplicate anchor `#{id}` (first used on line {first})"),
            ));
        }
        Ok((
            Section {
                id,
                heading: draft.heading,
                paragraphs: draft.paragraphs,
            },
            line,
        ))
    }

    /// A heading's text, checked: not empty, no kramdown attributes, and if `plain`, no markup
    /// (the model keeps the title, part and section headings as plain text).
    fn heading_text(
        &self,
        inlines: &[Inline],
        range: &Range<usize>,
        plain: bool,
    ) -> PResult<String> {
        if plain && inlines.iter().any(|i| !matches!(i, Inline::Text(_))) {
            return Err(self.error(
                range,
                "unsupported Markdown: emphasis or link in a heading (headings are plain text)",
            ));
        }
        let text: String = inlines.iter().map(Inline::plain_text).collect();
        let text = text.trim();
        if text.is_empty() {
            return Err(self.error(range, "empty heading"));
        }
        // kramdown's `### Heading {#id}` form: CommonMark keeps it as text, which would end up
        // in the page and the slug. Ask for the form this parser understands.
        if text.ends_with('}') && (text.contains("{#") || text.contains("{:")) {
            return Err(self.error(
                range,
                format!(
                    "unsupported Markdown: heading attributes in `{}`; write `{{: #id}}` \
                     on its own line after the heading",
                    snippet(text)
                ),
            ));
        }
        Ok(text.to_string())
    }

    /// `Some(id)` if the paragraph at `range` is an anchor line `{: #id}`, `None` if it is
    /// prose, an error if it looks like a kramdown attribute list but is not a lone, valid id.
    ///
    /// This reads the paragraph's source lines: CommonMark has no notion of attribute lists,
    /// and the source also keeps `\{:` (escaped) distinct from `{:`.
    fn anchor_line(&self, range: &Range<usize>) -> PResult<Option<String>> {
        let raw = self.raw(range);
        let mut lines = raw.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next().unwrap_or("").trim();
        let rest: Vec<&str> = lines.collect();
        let first_line = self.line(range);
        // An attribute list glued to prose: kramdown would hang it on that paragraph.
        let glued = raw
            .lines()
            .enumerate()
            .skip(1)
            .find(|(_, l)| l.trim_start().starts_with("{:"));
        if let Some((i, l)) = glued {
            return Err(self.src.error(
                first_line + i,
                format!(
                    "anchor line inside a paragraph: `{}` (it needs blank lines around it)",
                    snippet(l)
                ),
            ));
        }
        if !first.starts_with("{:") {
            return Ok(None);
        }
        if !rest.is_empty() {
            return Err(self.src.error(
                first_line,
                format!(
                    "anchor line inside a paragraph: `{}` (it needs blank lines around it)",
                    snippet(first)
                ),
            ));
        }
        let id = first
            .strip_prefix("{:")
            .and_then(|s| s.strip_suffix('}'))
            .map(str::trim)
            .and_then(|s| s.strip_prefix('#'))
            .filter(|id| is_valid_id(id));
        match id {
            Some(id) => Ok(Some(id.to_string())),
            None => Err(self.src.error(
                first_line,
                format!(
                    "anchor line of unknown form: `{}` (expected `{{: #id}}` with an id \
                     matching [A-Za-z][A-Za-z0-9_-]*)",
                    snippet(first)
                ),
            )),
        }
    }

    fn paragraph(&self, mut inlines: Vec<Inline>, range: &Range<usize>) -> PResult<Paragraph> {
        trim_start(&mut inlines);
        trim_end(&mut inlines);
        if inlines.is_empty() {
            return Err(self.error(range, "empty paragraph"));
        }
        Ok(Paragraph(inlines))
    }

    /// The inline content up to `end`, which is consumed.
    fn inlines(&mut self, end: TagEnd, depth: usize) -> PResult<Vec<Inline>> {
        let mut out = Vec::new();
        loop {
            let (event, range) = self.next()?;
            match event {
                Event::End(tag) if tag == end => return Ok(out),
                // pulldown-cmark splits text at entities, escapes and would-be delimiters:
                // the model wants one text node per run.
                Event::Text(text) => push_text(&mut out, &text),
                Event::SoftBreak | Event::HardBreak => push_text(&mut out, " "),
                Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Link { .. })) => {
                    if depth >= MAX_INLINE_DEPTH {
                        return Err(self.error(&range, "emphasis or links nested too deeply"));
                    }
                    match tag {
                        Tag::Emphasis => {
                            out.push(Inline::Emphasis(self.inlines(TagEnd::Emphasis, depth + 1)?))
                        }
                        Tag::Strong => {
                            out.push(Inline::Strong(self.inlines(TagEnd::Strong, depth + 1)?))
                        }
                        Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            ..
                        } => {
                            let href = self.link_target(link_type, &dest_url, &title, &range)?;
                            let children = self.inlines(TagEnd::Link, depth + 1)?;
                            if children.iter().all(|c| c.plain_text().trim().is_empty()) {
                                return Err(self.error(&range, "link with no text"));
                            }
                            out.push(Inline::Link { href, children });
                        }
                        _ => return Err(self.unsupported(&Event::Start(tag), &range)),
                    }
                }
                other => return Err(self.unsupported(&other, &range)),
            }
        }
    }

    fn link_target(
        &mut self,
        link_type: LinkType,
        dest: &str,
        title: &str,
        range: &Range<usize>,
    ) -> PResult<String> {
        if !title.is_empty() {
            return Err(self.error(
                range,
                format!("unsupported Markdown: link title \"{}\"", snippet(title)),
            ));
        }
        let dest = dest.trim();
        if dest.is_empty() {
            return Err(self.error(range, "link with an empty target"));
        }
        let scheme = dest
            .split_once(':')
            .map(|(s, _)| s.trim().to_ascii_lowercase());
        if matches!(scheme.as_deref(), Some("javascript" | "vbscript" | "data")) {
            return Err(self.error(range, format!("unsafe link target `{}`", snippet(dest))));
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            self.internal_links
                .push((anchor.to_string(), self.line(range)));
        }
        // pulldown-cmark gives an email autolink `<a@b.c>` without its scheme.
        Ok(
            if link_type == LinkType::Email && !dest.starts_with("mailto:") {
                format!("mailto:{dest}")
            } else {
                dest.to_string()
            },
        )
    }

    /// The table of contents; the `Start(List)` event is already consumed.
    fn toc(&mut self) -> PResult<Vec<(TocEntry, usize)>> {
        let mut entries: Vec<(TocEntry, usize)> = Vec::new();
        loop {
            let (event, range) = self.next()?;
            match event {
                Event::End(TagEnd::List(_)) => return Ok(entries),
                Event::Start(Tag::Item) => {
                    let line = self.line(&range);
                    let entry = self.toc_item(&range)?;
                    if let Some((_, first)) = entries.iter().find(|(e, _)| e.anchor == entry.anchor)
                    {
                        return Err(self.src.error(
                            line,
                            format!(
                                "duplicate table-of-contents entry `#{}` (first on line {first})",
                                entry.anchor
                            ),
                        ));
                    }
                    entries.push((entry, line));
                }
                other => return Err(self.unsupported(&other, &range)),
            }
        }
    }

    /// One item, `<a href="#id">Label</a>`; the `Start(Item)` event is already consumed.
    ///
    /// A tight list puts the inline events straight in the item; a loose one (items separated
    /// by blank lines) wraps them in a paragraph. Both are accepted.
    fn toc_item(&mut self, item: &Range<usize>) -> PResult<TocEntry> {
        let not_a_link = |this: &Self, range: &Range<usize>| {
            this.error(
                range,
                format!(
                    "unsupported Markdown: a list item that is not a table-of-contents link \
                     `<a href=\"#id\">Label</a>`: `{}`",
                    snippet(this.raw(range))
                ),
            )
        };
        let wrapped = matches!(self.events.peek(), Some((Event::Start(Tag::Paragraph), _)));
        if wrapped {
            self.next()?;
        }
        let end = if wrapped {
            TagEnd::Paragraph
        } else {
            TagEnd::Item
        };
        let mut anchor: Option<String> = None;
        let mut closed = false;
        let mut label = String::new();
        loop {
            let (event, range) = self.next()?;
            let in_link = anchor.is_some() && !closed;
            match event {
                Event::End(tag) if tag == end => break,
                Event::InlineHtml(html) if anchor.is_none() => match toc_open_tag(&html) {
                    Some(id) => anchor = Some(id),
                    None => return Err(self.raw_html(&range)),
                },
                Event::InlineHtml(html) if in_link && is_close_tag(&html) => closed = true,
                Event::Text(text) if in_link => label.push_str(&text),
                Event::SoftBreak | Event::HardBreak if in_link => label.push(' '),
                // Blank text around the link is harmless.
                Event::Text(text) if text.trim().is_empty() => {}
                Event::InlineHtml(_) | Event::Html(_) | Event::Start(Tag::HtmlBlock) => {
                    return Err(self.raw_html(&range))
                }
                Event::Text(_) | Event::SoftBreak | Event::HardBreak => {
                    return Err(not_a_link(self, item))
                }
                other if in_link => {
                    return Err(self.error(
                        &range,
                        format!(
                            "unsupported Markdown: {} in a table-of-contents label \
                             (labels are plain text)",
                            describe(&other)
                        ),
                    ))
                }
                _ => return Err(not_a_link(self, item)),
            }
        }
        if wrapped {
            // A loose item may hold more blocks after its paragraph.
            match self.next()? {
                (Event::End(TagEnd::Item), _) => {}
                (Event::Start(Tag::HtmlBlock), range) => return Err(self.raw_html(&range)),
                _ => return Err(not_a_link(self, item)),
            }
        }
        let (Some(anchor), true) = (anchor, closed) else {
            return Err(not_a_link(self, item));
        };
        let label = label.trim().to_string();
        if label.is_empty() {
            return Err(self.error(
                item,
                format!("empty table-of-contents label for `#{anchor}`"),
            ));
        }
        Ok(TocEntry { anchor, label })
    }
}

/// Appends text, merged into the previous node if it is text too.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else if !text.is_empty() {
        out.push(Inline::Text(text.to_string()));
    }
}

/// Trims the whitespace at the start of the first text leaf, dropping nodes left empty.
fn trim_start(inlines: &mut Vec<Inline>) {
    while let Some(first) = inlines.first_mut() {
        let empty = match first {
            Inline::Text(t) => {
                *t = t.trim_start().to_string();
                t.is_empty()
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                trim_start(c);
                c.is_empty()
            }
        };
        if !empty {
            return;
        }
        inlines.remove(0);
    }
}

/// Trims the whitespace at the end of the last text leaf, dropping nodes left empty.
fn trim_end(inlines: &mut Vec<Inline>) {
    while let Some(last) = inlines.last_mut() {
        let empty = match last {
            Inline::Text(t) => {
                t.truncate(t.trim_end().len());
                t.is_empty()
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                trim_end(c);
                c.is_empty()
            }
        };
        if !empty {
            return;
        }
        inlines.pop();
    }
}

/// The id of a strict table-of-contents opening tag `<a href="#id">` (double or single quotes,
/// optional whitespace around `=` and before `>`), or `None` for any other HTML.
fn toc_open_tag(html: &str) -> Option<String> {
    let rest = strip_prefix_ignore_case(html.strip_prefix('<')?, "a")?;
    let after_name = rest.trim_start();
    if after_name.len() == rest.len() {
        return None; // `<abbr …>`, `<a>`…
    }
    let rest = strip_prefix_ignore_case(after_name, "href")?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = if rest.starts_with('"') { '"' } else { '\'' };
    let (value, after) = rest.strip_prefix(quote)?.split_once(quote)?;
    if after.trim_start() != ">" {
        return None; // another attribute, or no `>`
    }
    let id = value.strip_prefix('#')?;
    is_valid_id(id).then(|| id.to_string())
}

/// `</a>`, allowing whitespace before `>`.
fn is_close_tag(html: &str) -> bool {
    html.strip_prefix("</")
        .and_then(|r| strip_prefix_ignore_case(r, "a"))
        .is_some_and(|r| r.trim_start() == ">")
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    text.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .and_then(|_| text.get(prefix.len()..))
}

/// A reader's name for an unsupported event.
fn describe(event: &Event<'_>) -> String {
    match event {
        Event::Start(tag) => describe_tag(tag),
        Event::End(_) => "unexpected end of an element".into(),
        Event::Text(t) => format!("text outside a paragraph `{}`", snippet(t)),
        Event::Code(c) => format!("inline code `{}`", snippet(c)),
        Event::InlineMath(_) | Event::DisplayMath(_) => "math".into(),
        Event::Html(_) | Event::InlineHtml(_) => "raw HTML".into(),
        Event::FootnoteReference(_) => "footnote reference".into(),
        Event::SoftBreak | Event::HardBreak => "line break outside a paragraph".into(),
        Event::Rule => "thematic break (`---`, `***`)".into(),
        Event::TaskListMarker(_) => "task list item".into(),
    }
}

fn describe_tag(tag: &Tag<'_>) -> String {
    match tag {
        Tag::Paragraph => "paragraph here".into(),
        Tag::Heading { level, .. } => {
            let n = *level as usize;
            format!("level-{n} heading (`{}`)", "#".repeat(n))
        }
        Tag::BlockQuote(_) => "block quote (`>`)".into(),
        Tag::CodeBlock(_) => "code block".into(),
        Tag::HtmlBlock => "HTML block".into(),
        Tag::List(Some(_)) => "ordered list".into(),
        Tag::List(None) => "bullet list".into(),
        Tag::Item => "list item".into(),
        Tag::FootnoteDefinition(_) => "footnote definition".into(),
        Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
            "definition list".into()
        }
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "table".into(),
        Tag::Emphasis => "emphasis".into(),
        Tag::Strong => "strong emphasis".into(),
        Tag::Strikethrough => "strikethrough".into(),
        Tag::Superscript => "superscript".into(),
        Tag::Subscript => "subscript".into(),
        Tag::Link { .. } => "link".into(),
        Tag::Image { .. } => "image".into(),
        Tag::MetadataBlock(_) => "metadata block".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SectionKind;

    const FILE: &str = "content/chef-projet-digital.md";
    const REAL: &str = include_str!("../../content/chef-projet-digital.md");

    fn real() -> Article {
        parse_article(FILE, REAL).expect("the real article parses")
    }

    /// A file from lines, so that a test's line numbers are its indexes + 1.
    fn file(lines: &[&str]) -> String {
        let mut s = lines.join("\n");
        s.push('\n');
        s
    }

    /// A valid front matter (lines 1–5) followed by `body` (from line 6).
    fn doc(body: &[&str]) -> String {
        let mut lines = vec![
            "---",
            "title: \"T\"",
            "summary: \"S\"",
            "permalink: \"/t.html\"",
            "---",
        ];
        lines.extend_from_slice(body);
        file(&lines)
    }

    /// A minimal valid section, to append to bodies that need one.
    const SECTION: [&str; 5] = ["### Question ?", "", "{: #q}", "", "Answer."];

    fn err(source: &str) -> ParseError {
        match parse_article("bad.md", source) {
            Ok(a) => panic!("expected an error, parsed {a:#?}"),
            Err(e) => e,
        }
    }

    #[track_caller]
    fn assert_err(source: &str, line: usize, fragment: &str) {
        let e = err(source);
        assert_eq!(e.line, line, "wrong line for: {e}");
        assert!(e.message.contains(fragment), "`{fragment}` not in: {e}");
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    // -- The real file ------------------------------------------------------------------------

    #[test]
    fn real_file_front_matter() {
        let a = real();
        assert_eq!(a.title, "Chef de Projet Digital");
        assert_eq!(a.permalink, "/chef-projet-digital.html");
        assert!(a.summary.starts_with("Chaque équipe a son rôle"));
        assert_eq!(a.author, None);
        assert_eq!(a.date_published, None);
        assert_eq!(a.date_modified, None);
    }

    #[test]
    fn real_file_sections() {
        let a = real();
        let ids: Vec<&str> = a.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "chef-projet-digital",
                "missions",
                "champs-actions",
                "qui-est",
                "structure"
            ]
        );
        let counts: Vec<usize> = a.sections.iter().map(|s| s.paragraphs.len()).collect();
        assert_eq!(counts, [2, 2, 1, 3, 2]);
        let kinds: Vec<SectionKind> = a.sections.iter().map(|s| s.kind()).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Definition,
                SectionKind::Missions,
                SectionKind::Scope,
                SectionKind::Profile,
                SectionKind::Integration
            ]
        );
        assert_eq!(
            a.sections[0].heading,
            "Qu’est-ce qu’un chef de projet digital ?"
        );
        assert_eq!(
            a.sections[4].heading,
            "Comment s'intègre le chef de projet digital dans ma structure ?"
        );
    }

    #[test]
    fn real_file_toc_part_lead_tagline() {
        let a = real();
        assert_eq!(a.toc.len(), 5);
        for (entry, section) in a.toc.iter().zip(&a.sections) {
            assert_eq!(entry.anchor, section.id);
            assert_eq!(entry.label, section.heading);
            assert!(a.section(&entry.anchor).is_some());
        }
        assert_eq!(
            a.part.as_deref(),
            Some("Une organisation de projet tout terrain")
        );

        assert_eq!(a.lead.len(), 1);
        let Paragraph(inlines) = &a.lead[0];
        assert_eq!(inlines.len(), 1, "the lead is one emphasis");
        let Inline::Emphasis(children) = &inlines[0] else {
            panic!("the lead is not an emphasis: {inlines:?}");
        };
        assert_eq!(children[0], text("Un "));
        assert_eq!(children[1], Inline::Strong(vec![text("projet digital")]));
        assert!(children.contains(&Inline::Strong(vec![text("Chef de projet digital")])));
        assert!(a.lead[0]
            .plain_text()
            .ends_with("projets internet ou mobiles."));

        let tagline = a.tagline.as_ref().expect("a tagline");
        let tagline: String = tagline.iter().map(Inline::plain_text).collect();
        assert_eq!(tagline, a.summary);
    }

    #[test]
    fn real_file_sample_sentences() {
        let a = real();
        let starts = |s: usize, p: usize, start: &str| {
            let text = a.sections[s].paragraphs[p].plain_text();
            assert!(text.starts_with(start), "section {s} paragraph {p}: {text}");
        };
        starts(0, 0, "Le chef de projet digital est le chef d'orchestre");
        starts(0, 1, "Le chef de projet digital facilite la communication");
        starts(
            1,
            0,
            "Le Chef de projet digital a la charge de diagnostiquer",
        );
        starts(1, 1, "La supervision et réalisation du produit");
        starts(
            2,
            0,
            "Le champ d'action du chef de projet digital peut être étendu",
        );
        starts(3, 0, "Le chef de projet digital a un fort bagage technique");
        starts(3, 1, "Organisé et autonome, le chef");
        starts(3, 2, "Enfin, vous l'avez compris");
        starts(
            4,
            0,
            "Que ce soit dans une organisation traditionnelle ou agile",
        );
        starts(4, 1, "Selon sa mission l'appellation");
        // Plain paragraphs are a single merged text node.
        assert_eq!(a.sections[2].paragraphs[0].0.len(), 1);
        assert!(a.sections[4].paragraphs[1]
            .plain_text()
            .ends_with("fournisseurs…"));
    }

    #[test]
    fn real_file_serde_round_trip() {
        let a = real();
        let json = serde_json::to_string(&a).expect("serializes");
        let back: Article = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, a);
    }

    // -- Good inputs ----------------------------------------------------------------------

    #[test]
    fn minimal_document_and_optional_front_matter() {
        let src = file(&[
            "---",
            "layout: page",
            "title: Titre",
            "summary: Résumé",
            "permalink: /p.html",
            "author: Jane",
            "date: 2019-05-01",
            "last_modified_at: 2020-02-03T10:00:00+01:00",
            "---",
            "### Une question ?",
            "Une réponse.",
        ]);
        let a = parse_article("ok.md", &src).unwrap();
        assert_eq!(a.author.as_deref(), Some("Jane"));
        assert_eq!(a.date_published.as_deref(), Some("2019-05-01"));
        assert_eq!(
            a.date_modified.as_deref(),
            Some("2020-02-03T10:00:00+01:00")
        );
        assert_eq!(a.tagline, None);
        assert_eq!(a.part, None);
        assert!(a.lead.is_empty() && a.toc.is_empty());
        // No anchor line: the slug of the heading.
        assert_eq!(a.sections[0].id, "une-question");
        assert_eq!(a.sections[0].kind(), SectionKind::Other);
    }

    #[test]
    fn inline_tree_links_and_breaks() {
        let src = doc(&[
            "### Q",
            "",
            "Un [lien *vers* ici](https://example.com/a)",
            "sur deux lignes, une fin dure  ",
            "et <https://x.org> puis <moi@example.com> et [retour](#q).",
        ]);
        let a = parse_article("ok.md", &src).unwrap();
        let Paragraph(p) = &a.sections[0].paragraphs[0];
        assert_eq!(
            p[..2],
            [
                text("Un "),
                Inline::Link {
                    href: "https://example.com/a".into(),
                    children: vec![
                        text("lien "),
                        Inline::Emphasis(vec![text("vers")]),
                        text(" ici")
                    ],
                },
            ]
        );
        assert_eq!(p[2], text(" sur deux lignes, une fin dure et "));
        assert!(p.contains(&Inline::Link {
            href: "mailto:moi@example.com".into(),
            children: vec![text("moi@example.com")],
        }));
        assert_eq!(
            a.sections[0].paragraphs[0].plain_text(),
            "Un lien vers ici sur deux lignes, une fin dure et https://x.org puis \
             moi@example.com et retour."
        );
    }

    #[test]
    fn loose_toc_and_section_without_anchor() {
        let src = doc(&[
            "# Titre",
            "",
            "## Le *slogan*",
            "",
            "- <a href='#premier'>Premier</a>",
            "",
            "- <a  href = \"#deuxieme-question\" >Deuxième",
            "  question</a>",
            "",
            "### Premier",
            "",
            "{:#premier}",
            "",
            "Texte.",
            "",
            "### Deuxième question",
            "",
            "Texte.",
        ]);
        let a = parse_article("ok.md", &src).unwrap();
        assert_eq!(
            a.tagline,
            Some(vec![text("Le "), Inline::Emphasis(vec![text("slogan")])])
        );
        assert_eq!(
            a.toc,
            [
                TocEntry {
                    anchor: "premier".into(),
                    label: "Premier".into()
                },
                TocEntry {
                    anchor: "deuxieme-question".into(),
                    label: "Deuxième question".into()
                },
            ]
        );
        assert_eq!(a.sections[1].id, "deuxieme-question");
    }

    // -- Bad inputs ---------------------------------------------------------------------------

    #[test]
    fn no_front_matter() {
        assert_err("# Titre\n\n### Q\n\nA.\n", 1, "missing front matter");
        assert_err("", 1, "missing front matter");
    }

    #[test]
    fn unclosed_front_matter() {
        assert_err(
            &file(&["---", "title: T", "", "### Q", "A."]),
            1,
            "unclosed front matter",
        );
    }

    #[test]
    fn missing_title() {
        let src = file(&[
            "---",
            "summary: S",
            "permalink: /p.html",
            "---",
            "### Q",
            "A.",
        ]);
        assert_err(&src, 1, "front matter has no `title`");
        let src = file(&["---", "summary: S", "title: \" \"", "permalink: /p", "---"]);
        assert_err(&src, 3, "front matter `title` is empty");
    }

    #[test]
    fn missing_permalink() {
        let src = file(&["---", "title: T", "summary: S", "---", "### Q", "A."]);
        assert_err(&src, 1, "front matter has no `permalink`");
        let src = file(&["---", "title: T", "summary: S", "permalink: p.html", "---"]);
        assert_err(&src, 4, "`permalink` must start with `/`");
    }

    #[test]
    fn unknown_front_matter_key() {
        let src = file(&[
            "---",
            "title: T",
            "summary: S",
            "permlink: /p.html",
            "---",
            "### Q",
            "A.",
        ]);
        let e = err(&src);
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("unknown field `permlink`"), "{e}");
        assert!(
            !e.message.contains("at line"),
            "YAML-relative position left in: {e}"
        );
    }

    #[test]
    fn invalid_yaml_and_dates() {
        let src = file(&["---", "title: T", "summary: [oops", "permalink: /p", "---"]);
        assert_err(
            &src,
            3,
            "invalid front matter: summary: invalid type: sequence",
        );
        let src = file(&["---", "title: T", "summary: S", "permalink: \"/p", "---"]);
        assert_err(
            &src,
            5,
            "invalid front matter: found unexpected end of stream, \
             while scanning a quoted scalar at line 4",
        );
        let src = file(&[
            "---",
            "title: T",
            "summary: S",
            "permalink: /p",
            "date: May 1st",
            "---",
        ]);
        assert_err(&src, 5, "not an ISO 8601 date");
    }

    #[test]
    fn yaml_errors_are_located_by_offset_not_by_yaml_lines() {
        // YAML also breaks lines at a lone `\r`, NEL or LS, so its line numbers could point past
        // the end of the file (found by tests/parser_fuzz.rs: `bad.md:4:` for a 3-line file).
        let src = "---\n\r\u{85}:\n---\n";
        assert_err(src, 2, "did not find expected key");
        let src = "---\ntitle: \"x\r\r\r\r\n---\n";
        assert_err(src, 3, "found unexpected end of stream");
        let src = "---\n\r\r\r\r\r\r: [\n---\n### Q\n\nA.\n";
        assert_err(src, 2, "did not find expected key");
    }

    #[test]
    fn anchor_line_of_unknown_form() {
        for bad in ["{: .class}", "{:#a #b}", "{: #}", "{: #1abc}", "{: #a}}"] {
            let src = doc(&["### Q", "", bad, "", "A."]);
            assert_err(&src, 8, "anchor line of unknown form");
        }
    }

    #[test]
    fn anchor_line_not_after_a_heading() {
        // After a paragraph of the section.
        let src = doc(&["### Q", "", "A.", "", "{: #q}"]);
        assert_err(&src, 10, "must come right after a section heading");
        // In the lead.
        let mut body = vec!["# T", "", "{: #t}", ""];
        body.extend(SECTION);
        assert_err(&doc(&body), 8, "must come right after a section heading");
        // Twice.
        assert_err(
            &doc(&["### Q", "", "{: #q}", "", "{: #r}", "", "A."]),
            10,
            "must come right after a section heading",
        );
        // Glued to prose, before or after it.
        assert_err(
            &doc(&["### Q", "", "A.", "{: #q}"]),
            9,
            "anchor line inside a paragraph",
        );
        assert_err(
            &doc(&["### Q", "", "{: #q}", "A."]),
            8,
            "anchor line inside a paragraph",
        );
    }

    #[test]
    fn duplicate_anchor() {
        let src = doc(&[
            "### Q",
            "",
            "{: #missions}",
            "",
            "A.",
            "",
            "### R",
            "",
            "{: #missions}",
            "",
            "B.",
        ]);
        assert_err(
            &src,
            14,
            "duplicate anchor `#missions` (first used on line 8)",
        );
        // An explicit anchor against a slug.
        let src = doc(&[
            "### Mes missions",
            "",
            "A.",
            "",
            "### R",
            "",
            "{: #mes-missions}",
            "",
            "B.",
        ]);
        assert_err(
            &src,
            12,
            "duplicate anchor `#mes-missions` (first used on line 6)",
        );
    }

    #[test]
    fn toc_link_to_missing_anchor() {
        let mut body = vec![
            "- <a href=\"#q\">Q</a>",
            "- <a href=\"#nowhere\">Nowhere</a>",
            "",
        ];
        body.extend(SECTION);
        assert_err(
            &doc(&body),
            7,
            "table-of-contents link to `#nowhere`, which no section has",
        );
    }

    #[test]
    fn prose_link_to_missing_anchor() {
        assert_err(
            &doc(&["### Q", "", "Voir [là](#ailleurs)."]),
            8,
            "link to `#ailleurs`",
        );
    }

    #[test]
    fn raw_html() {
        let with_section = |lines: &[&'static str]| {
            let mut body = lines.to_vec();
            body.push("");
            body.extend(SECTION);
            doc(&body)
        };
        // Block HTML.
        assert_err(
            &with_section(&["<div>", "x", "</div>"]),
            6,
            "raw HTML is not allowed: `<div>`",
        );
        // Inline HTML in prose.
        assert_err(
            &with_section(&["Du <span>texte</span>."]),
            6,
            "raw HTML is not allowed: `<span>`",
        );
        // A table-of-contents link outside the list.
        assert_err(
            &with_section(&["Voir <a href=\"#q\">Q</a>."]),
            6,
            "raw HTML is not allowed: `<a href=\"#q\">`",
        );
        // Links in the list that are not strictly `<a href="#id">`.
        for bad in [
            "- <a href=\"http://x\">X</a>",
            "- <a href=\"#q\" class=\"c\">Q</a>",
            "- <a name=\"q\">Q</a>",
            "- <a href=#q>Q</a>",
            "- <a href=\"#q\">Q</b>",
            "- <a href=\"#q\"><b>Q</b></a>",
            "- <!-- c --><a href=\"#q\">Q</a>",
        ] {
            let e = err(&with_section(&[bad]));
            assert_eq!(e.line, 6, "{e}");
            assert!(
                e.message.starts_with("raw HTML is not allowed: `<"),
                "{bad}: {e}"
            );
        }
        // HTML in a section.
        assert_err(
            &doc(&["### Q", "", "A <br> B."]),
            8,
            "raw HTML is not allowed: `<br>`",
        );
    }

    #[test]
    fn toc_items_must_be_single_links() {
        let mut body = vec!["- <a href=\"#q\">Q</a>", "- Pas un lien", ""];
        body.extend(SECTION);
        assert_err(&doc(&body), 7, "not a table-of-contents link");
        let mut body = vec!["- <a href=\"#q\">*Q*</a>", ""];
        body.extend(SECTION);
        assert_err(&doc(&body), 6, "emphasis in a table-of-contents label");
        let mut body = vec!["- <a href=\"#q\">Q</a>", "- <a href=\"#q\">Encore</a>", ""];
        body.extend(SECTION);
        assert_err(&doc(&body), 7, "duplicate table-of-contents entry `#q`");
    }

    #[test]
    fn empty_section() {
        let src = doc(&["### Q", "", "{: #q}", "", "### R", "", "A."]);
        assert_err(&src, 6, "empty section `### Q`");
        assert_err(
            &doc(&["### Q", "", "A.", "", "### R"]),
            10,
            "empty section `### R`",
        );
    }

    #[test]
    fn empty_headings() {
        let mut body = vec!["#", ""];
        body.extend(SECTION);
        assert_err(&doc(&body), 6, "empty heading");
        assert_err(&doc(&["### ", "", "A."]), 6, "empty heading");
        assert_err(&doc(&["### ?!", "", "A."]), 6, "cannot derive an anchor");
    }

    #[test]
    fn empty_document() {
        assert_err(&doc(&["# Titre", "", "Un chapeau."]), 8, "no section");
        assert_err(&doc(&[]), 5, "no section");
    }

    #[test]
    fn unsupported_markdown() {
        let cases: &[(&[&str], usize, &str)] = &[
            (
                &["### Q", "", "A.", "", "```", "code", "```"],
                10,
                "unsupported Markdown: code block",
            ),
            (
                &["### Q", "", "A.", "", "    code"],
                10,
                "unsupported Markdown: code block",
            ),
            (
                &["### Q", "", "A `code`."],
                8,
                "unsupported Markdown: inline code `code`",
            ),
            (
                &["### Q", "", "![img](a.png)"],
                8,
                "unsupported Markdown: image",
            ),
            (
                &["### Q", "", "> cité"],
                8,
                "unsupported Markdown: block quote",
            ),
            (
                &["### Q", "", "A.", "", "#### Sous-titre"],
                10,
                "level-4 heading (`####`)",
            ),
            (
                &["### Q", "", "1. un"],
                8,
                "unsupported Markdown: ordered list",
            ),
            (
                &["### Q", "", "- un"],
                8,
                "only the table of contents may be a list",
            ),
            (
                &["- <a href=\"#q\">Q</a>", "", "* autre", ""],
                8,
                "a second list",
            ),
            (
                &["## Partie", "", "Hors section.", ""],
                8,
                "a paragraph between",
            ),
            (
                &["### Q", "", "A.", "", "## Partie"],
                10,
                "level-2 heading (`##`) after",
            ),
            (
                &["### Q", "", "A.", "", "# Titre"],
                10,
                "level-1 heading (`#`)",
            ),
            (&["### Q", "", "A.", "", "***"], 10, "thematic break"),
            (&["### *Q*", "", "A."], 6, "emphasis or link in a heading"),
            (&["### Q {#q}", "", "A."], 6, "heading attributes"),
            (&["### Q", "", "[x](http://a \"titre\")"], 8, "link title"),
            (
                &["### Q", "", "[x](javascript:alert(1))"],
                8,
                "unsafe link target",
            ),
        ];
        for (body, line, fragment) in cases {
            let mut body = body.to_vec();
            if !body.iter().any(|l| l.starts_with("### Q")) {
                body.push("");
                body.extend(SECTION);
            }
            assert_err(&doc(&body), *line, fragment);
        }
    }

    #[test]
    fn display_format() {
        let e = err(&doc(&["### Q", "", "A.", "", "```", "x", "```"]));
        assert_eq!(e.to_string(), "bad.md:10: unsupported Markdown: code block");
        let boxed: Box<dyn std::error::Error> = Box::new(e.clone());
        assert_eq!(boxed.to_string(), e.to_string());
    }

    #[test]
    fn crlf_and_bom() {
        let src = format!("\u{feff}{}", doc(&SECTION).replace('\n', "\r\n"));
        let a = parse_article("ok.md", &src).unwrap();
        assert_eq!(a.sections[0].id, "q");
        assert_eq!(
            a.sections[0].paragraphs[0],
            Paragraph(vec![text("Answer.")])
        );
        let bad = format!("\u{feff}{}", doc(&["### Q"]).replace('\n', "\r\n"));
        assert_err(&bad, 6, "empty section");
    }

    // -- slugify ------------------------------------------------------------------------------

    #[test]
    fn slugify_headings() {
        assert_eq!(
            slugify("Qu’est-ce qu’un chef de projet digital ?"),
            "qu-est-ce-qu-un-chef-de-projet-digital"
        );
        assert_eq!(
            slugify("Comment s'intègre le chef de projet digital dans ma structure ?"),
            "comment-s-integre-le-chef-de-projet-digital-dans-ma-structure"
        );
        assert_eq!(slugify("Œuvre à l’ÉTÉ, ça ?"), "oeuvre-a-l-ete-ca");
        assert_eq!(slugify("  --Hello__World--  "), "hello-world");
        assert_eq!(slugify("Étape 2 : déploiement"), "etape-2-deploiement");
        assert_eq!(slugify("e\u{301}te\u{301}"), "ete");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("？ 日本"), "");
        assert_eq!(slugify(""), "");
    }

    // -- Robustness ---------------------------------------------------------------------------

    /// A tiny deterministic generator (Knuth's MMIX LCG): reproducible without a dependency.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn never_panics_on_mutations() {
        let mut inputs: Vec<String> = Vec::new();
        // Truncations.
        for i in (0..REAL.len()).step_by(37) {
            if let Some(prefix) = REAL.get(..i) {
                inputs.push(prefix.to_string());
            }
        }
        // Line deletions, and Markdown-significant insertions.
        let lines: Vec<&str> = REAL.lines().collect();
        let noise = [
            "*",
            "**",
            "_",
            "`",
            "<",
            "<a href=\"#x\">",
            "</a>",
            "{: #",
            "{:",
            "[",
            "](",
            "\n",
            "#",
            "- ",
            "> ",
            "```\n",
            "\\",
            "&amp;",
            "\u{feff}",
            "---\n",
        ];
        let mut rng = Lcg(42);
        for _ in 0..200 {
            let mut kept: Vec<&str> = lines.clone();
            for _ in 0..=rng.below(4) {
                if !kept.is_empty() {
                    let at = rng.below(kept.len());
                    kept.remove(at);
                }
            }
            let mut s = kept.join("\n");
            for _ in 0..rng.below(4) {
                let mut at = rng.below(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                s.insert_str(at, noise[rng.below(noise.len())]);
            }
            inputs.push(s);
        }
        assert!(inputs.len() > 300);
        let mut ok = 0;
        for input in &inputs {
            match parse_article(FILE, input) {
                Ok(_) => ok += 1,
                Err(e) => assert!(
                    e.line >= 1 && e.line <= input.lines().count().max(1) + 1,
                    "{e}"
                ),
            }
        }
        // Some deletions only remove blank lines: the parser must still accept those.
        assert!(ok > 0);
    }

    #[test]
    fn never_panics_on_odd_inputs() {
        let deep = format!("{}x{}", "*".repeat(200), "*".repeat(200));
        let odd = [
            "---",
            "---\n",
            "---\n---",
            "---\n---\n",
            "---\r\n---\r\n",
            "\u{feff}",
            "---\ntitle: T\nsummary: S\npermalink: /p\n---\n### Q\n\n",
            "---\n: :\n---\n",
            "---\n- a\n- b\n---\n",
            "---\ntitle: &a [*a]\n---\n",
        ];
        for input in odd {
            let _ = parse_article("odd.md", input);
        }
        let _ = parse_article("deep.md", &doc(&["### Q", "", &deep]));
    }
}
