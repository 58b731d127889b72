//! The Liquid that Jekyll runs over a Markdown file before the Markdown parse, in the subset real
//! sites use: `{% raw %}`, `{% comment %}`, `{% highlight %}`, `{% post_url %}`, `{% link %}`,
//! `{% include %}`, `{{ site.X }}`, `{{ page.X }}`, `{{ include.X }}`, string literals, and the
//! filters `relative_url`, `absolute_url`, `date`, `date_to_string`, `date_to_xmlschema`,
//! `escape`, `xml_escape`, `slugify`, `default`, `upcase` and `downcase`. Anything else outside
//! code (loops, conditions, variables, other tags and filters, operators) is an error at
//! `file:line` naming the construct, never a silent blank.
//!
//! Code is treated better than Jekyll treats it: inside fenced code blocks, inline code spans and
//! `{% highlight %}` blocks, an output whose first variable is not `site`, `page` or `include`
//! (GitHub Actions' `${{ github.sha }}`, Ansible's `{{ var }}`) and a tag other than the supported
//! ones are left exactly as written, where Jekyll blanks them or fails.
//!
//! Lines: `{% comment %}` is replaced by as many newlines as it spans, so that the lines after it
//! keep their numbers for the Markdown parser's messages; `{% raw %}` keeps its text. Output that
//! differs in length from its tag (an include, a multi-line tag, a highlight block opened in the
//! middle of a line, whitespace control) shifts the lines after it, as it does in Jekyll.
//!
//! Why not the `liquid` crate (0.26): liquid-rust makes an undefined variable a render error where
//! Jekyll renders it empty, with no lax mode; its errors name the template text but no source
//! line; and it parses the whole text as one template, so it cannot leave unknown constructs in
//! code untouched while refusing them elsewhere. Its `jekyll` feature lacks `relative_url`,
//! `absolute_url`, the date filters, `xml_escape`, and the tags `post_url`, `link` and
//! `highlight`, which would be written here anyway. The subset is small enough that one scanner
//! does it all with exact lines.

mod date;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::ContentError;
use crate::jekyll::slugify::{slugify, Mode};

/// What the Liquid of a file may ask of the site. Values are Jekyll's renderings of scalars; a
/// list or a map is `None`, as undefined.
pub trait Context {
    /// `{{ site.X }}`: a scalar setting of _config.yml (string/number/bool rendered as Jekyll
    /// does), None if undefined.
    fn site(&self, key: &str) -> Option<String>;
    /// `{{ page.X }}`: the page's front matter scalar, None if undefined.
    fn page(&self, key: &str) -> Option<String>;
    /// The site's base path, `""` or `/blog` (no trailing slash), for relative_url.
    fn baseurl(&self) -> &str;
    /// The site's origin `https://example.org` (no trailing slash), for absolute_url.
    fn url(&self) -> &str;
    /// `{% post_url 2010-07-21-name %}`: the post's URL (already including baseurl), or
    /// Err(message) when no such post.
    fn post_url(&self, name: &str) -> Result<String, String>;
    /// `{% link path/to/file.md %}`: the URL of the page or file at that source path (including
    /// baseurl), or Err(message).
    fn link(&self, path: &str) -> Result<String, String>;
    /// `{% include name %}`: the text of `_includes/name`, or Err(message). Returns (shown file
    /// name for messages, text).
    fn include(&self, name: &str) -> Result<(String, String), String>;
}

/// A file's text after its Liquid ran.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub text: String,
    /// What was accepted but not done as Jekyll does it (`file:line: what`), each once, for the
    /// build to report: line numbers of `{% highlight … linenos %}`, variables that render empty.
    pub notes: Vec<String>,
}

/// `{% link path %}` as the link check reads it: the source path from the content folder's root,
/// which the check resolves to the page's address, or fails on when nothing is there.
pub fn source_link(path: &str) -> String {
    format!("/{}", path.trim().trim_start_matches('/'))
}

/// Whether `text` has any Liquid at all: a file without `{{` or `{%` is its own rendering.
pub fn has_liquid(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// How deep includes may nest before the chain is refused as runaway.
const MAX_INCLUDE_DEPTH: usize = 10;

/// `text`, the part of `file` that starts at its line `first_line` (1-based, the body after the
/// front matter), with its Liquid rendered. Every error names `file` and a line of the whole
/// file, or the included file and its line with the includer in the message.
pub fn render(
    file: &str,
    text: &str,
    first_line: usize,
    ctx: &dyn Context,
) -> Result<Rendered, ContentError> {
    let mut notes = Vec::new();
    if !has_liquid(text) {
        return Ok(Rendered {
            text: text.to_string(),
            notes,
        });
    }
    let params = HashMap::new();
    let text = Renderer::new(file, text, first_line, ctx, &params, &[], &mut notes).run()?;
    Ok(Rendered { text, notes })
}

const LINENOS: &str = "line numbers are not shown";
const TAGS: &str = "raw, comment, highlight, post_url, link and include";
const FILTERS: &str = "relative_url, absolute_url, date, date_to_string, date_to_xmlschema, \
                       escape, xml_escape, slugify, default, upcase and downcase";

/// One file's text being rendered: its lines, where its code is, and the include chain above it.
struct Renderer<'a> {
    file: &'a str,
    src: &'a str,
    first_line: usize,
    /// Byte offsets where each line of `src` starts.
    line_starts: Vec<usize>,
    /// Byte ranges of `src` inside fenced code blocks or inline code spans, in order.
    code: Vec<(usize, usize)>,
    ctx: &'a dyn Context,
    /// `include.X` of the include being rendered.
    params: &'a HashMap<String, String>,
    /// The include names from the outermost file down to this one.
    chain: &'a [String],
    notes: &'a mut Vec<String>,
}

/// A construct rendered: its text, where the source continues, and whether that continuation's
/// leading whitespace goes (`-%}`/`-}}`).
struct Step {
    text: String,
    next: usize,
    strip_after: bool,
}

/// An opening or closing tag found in the source.
struct TagAt {
    open: usize,
    after: usize,
    lstrip: bool,
    rstrip: bool,
}

impl<'a> Renderer<'a> {
    fn new(
        file: &'a str,
        src: &'a str,
        first_line: usize,
        ctx: &'a dyn Context,
        params: &'a HashMap<String, String>,
        chain: &'a [String],
        notes: &'a mut Vec<String>,
    ) -> Self {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            file,
            src,
            first_line,
            line_starts,
            code: code_ranges(src),
            ctx,
            params,
            chain,
            notes,
        }
    }

    fn run(&mut self) -> Result<String, ContentError> {
        self.render_range(0, self.src.len(), false)
    }

    fn line_at(&self, pos: usize) -> usize {
        self.first_line
            + self
                .line_starts
                .partition_point(|&s| s <= pos)
                .saturating_sub(1)
    }

    fn in_code(&self, pos: usize) -> bool {
        let i = self.code.partition_point(|&(start, _)| start <= pos);
        i > 0 && pos < self.code[i - 1].1
    }

    fn err(&self, pos: usize, message: impl Into<String>) -> ContentError {
        ContentError::at(self.file, self.line_at(pos), message)
    }

    fn note(&mut self, pos: usize, message: &str) {
        let note = format!("{}:{}: {message}", self.file, self.line_at(pos));
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// `src[start..end]` rendered; `force_code` treats all of it as code (a highlight block).
    fn render_range(
        &mut self,
        start: usize,
        end: usize,
        force_code: bool,
    ) -> Result<String, ContentError> {
        let src = self.src;
        let mut out = String::new();
        let mut pos = start;
        // Where the latest literal text begins in `out`: `{{-` trims only that text.
        let mut text_mark = 0;
        let mut strip_next = false;
        while pos < end {
            let rest = &src[pos..end];
            let Some(open) = find_open(rest).map(|i| pos + i) else {
                push_text(&mut out, &mut text_mark, rest, strip_next);
                break;
            };
            push_text(&mut out, &mut text_mark, &src[pos..open], strip_next);
            strip_next = false;
            let code = force_code || self.in_code(open);
            let is_tag = src[open..].starts_with("{%");
            let close_pat = if is_tag { "%}" } else { "}}" };
            let Some(close) = src[open + 2..end].find(close_pat).map(|i| open + 2 + i) else {
                if code {
                    out.push_str(&src[open..open + 2]);
                    pos = open + 2;
                    continue;
                }
                let (opening, closing) = if is_tag { ("{%", "%}") } else { ("{{", "}}") };
                return Err(self.err(
                    open,
                    format!("Liquid `{opening}` is not closed: no `{closing}` follows"),
                ));
            };
            let after = close + 2;
            let (lstrip, rstrip, inner) = strip_marks(&src[open + 2..close]);
            let step = if is_tag {
                let at = TagAt {
                    open,
                    after,
                    lstrip,
                    rstrip,
                };
                self.tag(&at, inner, code, end)?
            } else {
                self.output(open, after, inner, code)?.map(|text| Step {
                    text,
                    next: after,
                    strip_after: rstrip,
                })
            };
            match step {
                Some(step) => {
                    if lstrip {
                        let kept = out[text_mark..].trim_end().len();
                        out.truncate(text_mark + kept);
                    }
                    out.push_str(&step.text);
                    text_mark = out.len();
                    strip_next = step.strip_after;
                    pos = step.next;
                }
                None => {
                    out.push_str(&src[open..after]);
                    text_mark = out.len();
                    pos = after;
                }
            }
        }
        Ok(out)
    }

    /// A `{% … %}` at `at`, or None when it is left as written (an unknown tag in code).
    fn tag(
        &mut self,
        at: &TagAt,
        inner: &str,
        code: bool,
        end: usize,
    ) -> Result<Option<Step>, ContentError> {
        let inner = inner.trim();
        let (name, args) = match inner.find(char::is_whitespace) {
            Some(i) => (&inner[..i], inner[i..].trim()),
            None => (inner, ""),
        };
        let shown = shown(&self.src[at.open..at.after]);
        let simple = |text: String| Step {
            text,
            next: at.after,
            strip_after: at.rstrip,
        };
        match name {
            "raw" => {
                let Some(close) = self.find_endraw(at.after, end) else {
                    return Err(self.err(
                        at.open,
                        format!("Liquid `{shown}` is not closed: no `{{% endraw %}}` follows"),
                    ));
                };
                let mut body = &self.src[at.after..close.open];
                if at.rstrip {
                    body = body.trim_start();
                }
                if close.lstrip {
                    body = body.trim_end();
                }
                Ok(Some(Step {
                    text: body.to_string(),
                    next: close.after,
                    strip_after: close.rstrip,
                }))
            }
            "comment" => {
                let close = self.block_end(at, "comment", end, &shown)?;
                let lines = self.src[at.open..close.after].matches('\n').count();
                Ok(Some(Step {
                    text: "\n".repeat(lines),
                    next: close.after,
                    strip_after: close.rstrip,
                }))
            }
            "highlight" => self.highlight(at, args, end, &shown).map(Some),
            "post_url" | "link" => {
                if args.is_empty() {
                    return Err(self.err(
                        at.open,
                        format!("Liquid `{shown}` names no {}", if name == "link" { "file" } else { "post" }),
                    ));
                }
                if args.contains("{{") {
                    return Err(self.err(
                        at.open,
                        format!("Liquid `{shown}` is not supported: the name must be written out, not computed"),
                    ));
                }
                let url = if name == "link" {
                    self.ctx.link(args)
                } else {
                    self.ctx.post_url(args)
                };
                url.map(|u| Some(simple(u)))
                    .map_err(|m| self.err(at.open, format!("Liquid `{shown}`: {m}")))
            }
            "include" => self.include(at.open, args, &shown).map(|t| Some(simple(t))),
            _ if code => Ok(None),
            "endraw" | "endcomment" | "endhighlight" => Err(self.err(
                at.open,
                format!("Liquid `{shown}` closes nothing: no `{{% {} %}}` opens it", &name[3..]),
            )),
            "for" | "endfor" | "if" | "endif" | "unless" | "endunless" | "elsif" | "else"
            | "case" | "when" | "endcase" | "tablerow" | "endtablerow" | "cycle" | "break"
            | "continue" => Err(self.err(
                at.open,
                format!(
                    "Liquid `{shown}` is not supported: loops and conditions are left to the site's built-in pages; write the text itself, or a link"
                ),
            )),
            "assign" | "capture" | "endcapture" | "increment" | "decrement" => Err(self.err(
                at.open,
                format!("Liquid `{shown}` is not supported: variables are not; write the value itself"),
            )),
            _ => Err(self.err(
                at.open,
                format!("Liquid `{shown}` is not supported: the tags here are {TAGS}"),
            )),
        }
    }

    /// The `{% endraw %}` after `from`.
    fn find_endraw(&self, from: usize, end: usize) -> Option<TagAt> {
        static ENDRAW: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\{%(-?)\s*endraw\s*(-?)%\}").expect("a valid pattern"));
        ENDRAW.captures(&self.src[from..end]).and_then(|c| {
            let m = c.get(0)?;
            Some(TagAt {
                open: from + m.start(),
                after: from + m.end(),
                lstrip: c.get(1).is_some_and(|g| !g.is_empty()),
                rstrip: c.get(2).is_some_and(|g| !g.is_empty()),
            })
        })
    }

    /// The `{% endNAME %}` closing the block opened at `at`, past nested blocks of the same name
    /// and past `{% raw %}` blocks; an error at the opening line when there is none.
    fn block_end(
        &self,
        at: &TagAt,
        name: &str,
        end: usize,
        shown: &str,
    ) -> Result<TagAt, ContentError> {
        let unclosed = || {
            self.err(
                at.open,
                format!("Liquid `{shown}` is not closed: no `{{% end{name} %}}` follows"),
            )
        };
        let src = self.src;
        let mut depth = 0usize;
        let mut pos = at.after;
        while let Some(open) = src[pos..end].find("{%").map(|i| pos + i) {
            let close = src[open + 2..end]
                .find("%}")
                .map(|i| open + 2 + i)
                .ok_or_else(unclosed)?;
            let after = close + 2;
            let (lstrip, rstrip, inner) = strip_marks(&src[open + 2..close]);
            let tag = inner.split_whitespace().next().unwrap_or("");
            if tag == "raw" {
                pos = self.find_endraw(after, end).ok_or_else(unclosed)?.after;
                continue;
            }
            if tag == name {
                depth += 1;
            } else if tag.strip_prefix("end") == Some(name) {
                if depth == 0 {
                    return Ok(TagAt {
                        open,
                        after,
                        lstrip,
                        rstrip,
                    });
                }
                depth -= 1;
            }
            pos = after;
        }
        Err(unclosed())
    }

    /// `{% highlight lang [linenos] %}…{% endhighlight %}` as a Markdown fenced block on lines of
    /// its own, its Liquid rendered as code (as Jekyll renders it, leaving unknown outputs alone).
    fn highlight(
        &mut self,
        at: &TagAt,
        args: &str,
        end: usize,
        shown: &str,
    ) -> Result<Step, ContentError> {
        let mut words = args.split_whitespace();
        let lang = words.next().unwrap_or("");
        let valid = |c: char| c.is_ascii_alphanumeric() || "-_+#.".contains(c);
        if lang.is_empty() || !lang.chars().all(valid) {
            return Err(self.err(
                at.open,
                format!("Liquid `{shown}` needs a language made of letters, digits, `-`, `_` or `+`: `{{% highlight ruby %}}`"),
            ));
        }
        for option in words {
            if option == "linenos" || option.starts_with("linenos=") {
                // Once per file: the same fact at every block would drown the other notes.
                let file = format!("{}:", self.file);
                let noted = self
                    .notes
                    .iter()
                    .any(|n| n.starts_with(&file) && n.ends_with(LINENOS));
                if !noted {
                    self.note(at.open, &format!("`{shown}`: {LINENOS}"));
                }
            } else {
                self.note(
                    at.open,
                    &format!("`{shown}`: the option `{option}` is ignored"),
                );
            }
        }
        let close = self.block_end(at, "highlight", end, shown)?;
        let body = self.render_range(at.after, close.open, true)?;
        let body = body.trim_matches(|c| c == '\n' || c == '\r');
        let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let line_before = &self.src[self.src[..at.open].rfind('\n').map_or(0, |i| i + 1)..at.open];
        let rest_of_line = &self.src[close.after..];
        let rest_of_line = &rest_of_line[..rest_of_line.find('\n').unwrap_or(rest_of_line.len())];
        let mut text = String::new();
        // The fence must begin and end its own lines: text beside the tags goes to lines apart.
        if !line_before.trim().is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{fence}{lang}\n{body}\n{fence}"));
        if !rest_of_line.trim().is_empty() {
            text.push('\n');
        }
        Ok(Step {
            text,
            next: close.after,
            strip_after: close.rstrip,
        })
    }

    /// `{% include name k=v … %}`: the included file rendered with its `include.k`.
    fn include(&mut self, open: usize, args: &str, shown: &str) -> Result<String, ContentError> {
        static PARAM: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#"^\s*([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w.?-]+))"#)
                .expect("a valid pattern")
        });
        let (name, mut rest) = match args.find(char::is_whitespace) {
            Some(i) => (&args[..i], &args[i..]),
            None => (args, ""),
        };
        if name.is_empty() {
            return Err(self.err(open, format!("Liquid `{shown}` names no file")));
        }
        if name.contains("{{") {
            return Err(self.err(
                open,
                format!("Liquid `{shown}` is not supported: the file name must be written out, not computed"),
            ));
        }
        let mut params = HashMap::new();
        while !rest.trim().is_empty() {
            let Some(c) = PARAM.captures(rest) else {
                return Err(self.err(
                    open,
                    format!("Liquid `{shown}`: cannot read the parameters from `{}`: write them as key=\"text\" or key=page.variable", rest.trim()),
                ));
            };
            let value = match (c.get(2).or(c.get(3)), c.get(4)) {
                (Some(text), _) => text.as_str().to_string(),
                (None, Some(var)) => self.variable(var.as_str()).unwrap_or_default(),
                (None, None) => String::new(),
            };
            params.insert(c[1].to_string(), value);
            rest = &rest[c.get(0).map_or(rest.len(), |m| m.end())..];
        }
        if self.chain.iter().any(|n| n == name) {
            let mut names = self.chain.to_vec();
            names.push(name.to_string());
            return Err(self.err(
                open,
                format!("Liquid `{shown}`: the include loops: {}", names.join(" → ")),
            ));
        }
        if self.chain.len() >= MAX_INCLUDE_DEPTH {
            return Err(self.err(
                open,
                format!(
                    "Liquid `{shown}`: includes nest deeper than {MAX_INCLUDE_DEPTH}: {} → {name}",
                    self.chain.join(" → ")
                ),
            ));
        }
        let (included, text) = self
            .ctx
            .include(name)
            .map_err(|m| self.err(open, format!("Liquid `{shown}`: {m}")))?;
        if !has_liquid(&text) {
            return Ok(text);
        }
        let mut chain = self.chain.to_vec();
        chain.push(name.to_string());
        let line = self.line_at(open);
        let includer = self.file;
        Renderer::new(&included, &text, 1, self.ctx, &params, &chain, self.notes)
            .run()
            .map_err(|mut e| {
                e.message = format!("{} (included from {includer}:{line})", e.message);
                e
            })
    }

    /// A variable's value: `site.X`, `page.X`, `include.X`; None when undefined or another root.
    fn variable(&self, path: &str) -> Option<String> {
        match path {
            "nil" | "null" => return None,
            "true" | "false" => return Some(path.to_string()),
            _ => {}
        }
        let (root, key) = path.split_once('.')?;
        match root {
            "site" => self.ctx.site(key),
            "page" => self.ctx.page(key),
            "include" => self.params.get(key).cloned(),
            _ => None,
        }
    }

    /// A `{{ … }}` at `open`, or None when it is left as written (code that is not Jekyll's).
    fn output(
        &mut self,
        open: usize,
        after: usize,
        inner: &str,
        code: bool,
    ) -> Result<Option<String>, ContentError> {
        let shown = shown(&self.src[open..after]);
        let tokens = match lex(inner) {
            Ok(tokens) => tokens,
            Err(_) if code => return Ok(None),
            Err(c) => {
                return Err(self.err(
                    open,
                    format!("Liquid `{shown}` is not supported: `{c}` is not; an output here is a string or a site., page. or include. variable, and filters"),
                ))
            }
        };
        let mut tokens = tokens.into_iter().peekable();
        let value = match tokens.next() {
            None if code => return Ok(None),
            None => None,
            Some(Token::Str(s)) => Some(s),
            Some(Token::Num(n)) if !code => Some(n),
            Some(Token::Ident(path)) if known_root(&path) => self.variable(&path),
            Some(Token::Ident(_)) if !code => {
                self.note(
                    open,
                    &format!("`{shown}` renders empty: only site., page. and include. variables are defined here"),
                );
                None
            }
            Some(_) if code => return Ok(None),
            Some(t) => {
                return Err(self.err(
                    open,
                    format!(
                        "Liquid `{shown}` is not supported: it cannot begin with `{}`",
                        t.text()
                    ),
                ))
            }
        };
        let mut value = value;
        while let Some(token) = tokens.next() {
            if token != Token::Pipe {
                return Err(self.err(
                    open,
                    format!("Liquid `{shown}` is not supported: `{}` is not; an output is a value and filters (`| name: argument`), no operators", token.text()),
                ));
            }
            let Some(Token::Ident(filter)) = tokens.next() else {
                return Err(self.err(
                    open,
                    format!("Liquid `{shown}`: a filter name must follow `|`"),
                ));
            };
            let mut args = Vec::new();
            if tokens.peek() == Some(&Token::Colon) {
                tokens.next();
                loop {
                    let arg = match tokens.next() {
                        Some(Token::Str(s) | Token::Num(s)) => Some(s),
                        Some(Token::Ident(path)) => self.variable(&path),
                        _ => {
                            return Err(self.err(
                                open,
                                format!("Liquid `{shown}`: the filter `{filter}` lacks its argument after `:`"),
                            ))
                        }
                    };
                    args.push(arg);
                    if tokens.peek() == Some(&Token::Comma) {
                        tokens.next();
                    } else {
                        break;
                    }
                }
            }
            value = self
                .filter(&filter, value, &args)
                .map_err(|m| self.err(open, format!("Liquid `{shown}`: {m}")))?;
        }
        Ok(Some(value.unwrap_or_default()))
    }

    /// One filter applied; Err is the message, without the construct.
    fn filter(
        &self,
        name: &str,
        value: Option<String>,
        args: &[Option<String>],
    ) -> Result<Option<String>, String> {
        let arity = |most: usize| {
            if args.len() > most {
                Err(format!(
                    "the filter `{name}` takes {} argument{}",
                    if most == 0 {
                        "no".to_string()
                    } else {
                        most.to_string()
                    },
                    if most == 1 { "" } else { "s" }
                ))
            } else {
                Ok(())
            }
        };
        let text = value.clone().unwrap_or_default();
        let date = || date::parse(&text).map_err(|m| format!("the filter `{name}`: {m}"));
        Ok(Some(match name {
            "relative_url" => {
                arity(0)?;
                relative_url(self.ctx.baseurl(), &text)
            }
            "absolute_url" => {
                arity(0)?;
                absolute_url(self.ctx.url(), self.ctx.baseurl(), &text)
            }
            "date" => {
                let Some(Some(format)) = args.first() else {
                    return Err(
                        "the filter `date` needs a format: `date: \"%Y-%m-%d\"`".to_string()
                    );
                };
                arity(1)?;
                match date()? {
                    Some(d) => {
                        date::strftime(d, format).map_err(|m| format!("the filter `date`: {m}"))?
                    }
                    None => String::new(),
                }
            }
            "date_to_string" => {
                if !args.is_empty() {
                    return Err("the filter `date_to_string` takes no arguments here (`ordinal` and `US` are not supported)".to_string());
                }
                match date()? {
                    Some(d) => date::strftime(d, "%d %b %Y")?,
                    None => String::new(),
                }
            }
            "date_to_xmlschema" => {
                arity(0)?;
                match date()? {
                    Some(d) => date::xmlschema(d)?,
                    None => String::new(),
                }
            }
            "escape" => {
                arity(0)?;
                html_escape::encode_quoted_attribute(&text).into_owned()
            }
            "xml_escape" => {
                arity(0)?;
                html_escape::encode_double_quoted_attribute(&text).into_owned()
            }
            "slugify" => {
                arity(1)?;
                let mode = match args.first() {
                    Some(Some(mode)) => Mode::named(mode),
                    _ => Mode::Default,
                };
                slugify(&text, mode, false)
            }
            "default" => {
                let Some(fallback) = args.first() else {
                    return Err(
                        "the filter `default` needs a value: `default: \"text\"`".to_string()
                    );
                };
                arity(1)?;
                match value.as_deref() {
                    None | Some("") | Some("false") => return Ok(fallback.clone()),
                    Some(v) => v.to_string(),
                }
            }
            "upcase" => {
                arity(0)?;
                text.to_uppercase()
            }
            "downcase" => {
                arity(0)?;
                text.to_lowercase()
            }
            _ => {
                return Err(format!(
                    "the filter `{name}` is not supported: the filters here are {FILTERS}"
                ))
            }
        }))
    }
}

/// Jekyll's `relative_url`: the base path and the path joined by exactly one `/`; a URL with a
/// scheme is returned as it is.
fn relative_url(baseurl: &str, path: &str) -> String {
    if has_scheme(path) {
        return path.to_string();
    }
    let lead = |s: &str| {
        if s.is_empty() || s.starts_with('/') {
            s.to_string()
        } else {
            format!("/{s}")
        }
    };
    format!("{}{}", lead(baseurl.trim_end_matches('/')), lead(path))
}

/// Jekyll's `absolute_url`: the site's origin before `relative_url`'s result.
fn absolute_url(url: &str, baseurl: &str, path: &str) -> String {
    if has_scheme(path) {
        return path.to_string();
    }
    format!(
        "{}{}",
        url.trim_end_matches('/'),
        relative_url(baseurl, path)
    )
}

/// `scheme:` at the start, as an absolute URI has.
fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

fn known_root(path: &str) -> bool {
    matches!(
        path.split('.').next(),
        Some("site" | "page" | "include" | "nil" | "null" | "true" | "false")
    )
}

/// The first `{{` or `{%` in `s`.
fn find_open(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    (0..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && (bytes[i + 1] == b'{' || bytes[i + 1] == b'%'))
}

/// Literal text into `out`, its leading whitespace dropped after a `-%}`/`-}}`.
fn push_text(out: &mut String, text_mark: &mut usize, text: &str, strip: bool) {
    *text_mark = out.len();
    out.push_str(if strip { text.trim_start() } else { text });
}

/// The markup between the delimiters without its whitespace-control dashes: (`{%-`, `-%}`, rest).
fn strip_marks(inner: &str) -> (bool, bool, &str) {
    let (lstrip, inner) = match inner.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let (rstrip, inner) = match inner.strip_suffix('-') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    (lstrip, rstrip, inner)
}

/// A construct as messages quote it: on one line, at most 80 characters.
fn shown(construct: &str) -> String {
    let one_line = construct.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        let cut: String = one_line.chars().take(79).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Str(String),
    Num(String),
    Ident(String),
    Pipe,
    Colon,
    Comma,
}

impl Token {
    fn text(&self) -> String {
        match self {
            Token::Str(s) => format!("\"{s}\""),
            Token::Num(s) | Token::Ident(s) => s.clone(),
            Token::Pipe => "|".to_string(),
            Token::Colon => ":".to_string(),
            Token::Comma => ",".to_string(),
        }
    }
}

/// The tokens of an output's markup, or the first character that is none.
fn lex(s: &str) -> Result<Vec<Token>, char> {
    let mut tokens = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '|' => tokens.push(Token::Pipe),
            ':' => tokens.push(Token::Colon),
            ',' => tokens.push(Token::Comma),
            '"' | '\'' => {
                let rest = &s[i + 1..];
                let Some(len) = rest.find(c) else {
                    return Err(c);
                };
                tokens.push(Token::Str(rest[..len].to_string()));
                while chars.peek().is_some_and(|&(j, _)| j <= i + len + 1) {
                    chars.next();
                }
            }
            c if c.is_ascii_digit()
                || (c == '-' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())) =>
            {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_ascii_digit() || d == '.' {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Num(s[i..end].to_string()));
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_alphanumeric() || "_-.?".contains(d) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Ident(s[i..end].to_string()));
            }
            other => return Err(other),
        }
    }
    Ok(tokens)
}

/// The byte ranges of `src` that are code: fenced blocks (``` or ~~~, from the opening line to
/// the closing one, or to the end) and inline code spans (a run of backticks to the next run of
/// the same length within the paragraph).
fn code_ranges(src: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    // The open fence: its character, length and start.
    let mut fence: Option<(u8, usize, usize)> = None;
    let mut para_start: Option<usize> = None;
    let mut pos = 0;
    while pos < src.len() {
        let line_end = src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1);
        let line = &src[pos..line_end];
        let body = line.trim_start();
        let run = |ch: u8| body.bytes().take_while(|&b| b == ch).count();
        match fence {
            Some((ch, len, start)) => {
                if run(ch) >= len && body[run(ch)..].trim().is_empty() {
                    ranges.push((start, line_end));
                    fence = None;
                }
            }
            None => {
                let opener = [b'`', b'~'].into_iter().find(|&ch| {
                    let n = run(ch);
                    n >= 3 && (ch == b'~' || !body[n..].contains('`'))
                });
                if let Some(ch) = opener {
                    if let Some(ps) = para_start.take() {
                        inline_spans(src, ps, pos, &mut ranges);
                    }
                    fence = Some((ch, run(ch), pos));
                } else if body.trim().is_empty() {
                    if let Some(ps) = para_start.take() {
                        inline_spans(src, ps, pos, &mut ranges);
                    }
                } else if para_start.is_none() {
                    para_start = Some(pos);
                }
            }
        }
        pos = line_end;
    }
    if let Some((_, _, start)) = fence {
        ranges.push((start, src.len()));
    }
    if let Some(ps) = para_start {
        inline_spans(src, ps, src.len(), &mut ranges);
    }
    ranges
}

/// The inline code spans of `src[start..end]`, one paragraph.
fn inline_spans(src: &str, start: usize, end: usize, ranges: &mut Vec<(usize, usize)>) {
    let bytes = src.as_bytes();
    let run_at = |i: usize| bytes[i..end].iter().take_while(|&&b| b == b'`').count();
    let mut i = start;
    while i < end {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let mut closed = None;
        while j < end {
            if bytes[j] == b'`' {
                let m = run_at(j);
                if m == n {
                    closed = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(close) => {
                ranges.push((i, close));
                i = close;
            }
            None => i += n,
        }
    }
}

#[cfg(test)]
mod tests;
