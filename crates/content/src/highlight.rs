//! Build-time syntax highlighting of code blocks: lines of classed tokens, no JavaScript.
//!
//! The build runs natively, so it can afford syntect's grammars (the Sublime Text syntaxes) and
//! the page ships only the result: each token carries short CSS classes (`hl-keyword hl-control`)
//! that `style/code.css` colours for both colour schemes. The client never parses code, and a
//! reader without JavaScript sees the same colours.
//!
//! # Classes
//!
//! A token's class comes from the innermost scope of syntect's scope stack that says what the
//! text *is*: `meta.*` scopes (regions such as "a function body") and `punctuation.*` scopes
//! (brackets, separators, the quote marks of a string) are skipped, so a string's quotes take the
//! string's colour, a comment's `//` the comment's, and a brace or a comma takes none. Reaching a
//! `source.*` or `text.*` scope (the top of a syntax, or an embedded one) means plain text: class
//! `None`. The chosen scope's atoms, minus the language's suffix (`rust`, `js`, `html`…), keep
//! their first two, each prefixed with `hl-`, as syntect's `ClassStyle::SpacedPrefixed { prefix:
//! "hl-" }` would name them:
//!
//! | scope                              | class                   |
//! |------------------------------------|-------------------------|
//! | `keyword.control.rust`             | `hl-keyword hl-control` |
//! | `string.quoted.double.json`        | `hl-string hl-quoted`   |
//! | `comment.line.double-slash.rust`   | `hl-comment hl-line`    |
//! | `entity.name.function.python`      | `hl-entity hl-name`     |
//! | `punctuation.section.block.rust`   | `None`                  |

use std::collections::HashMap;
use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use super::model::CodeToken;

/// The class prefix, as `ClassStyle::SpacedPrefixed { prefix: "hl-" }`.
const PREFIX: &str = "hl-";

/// How many atoms of a scope become classes: enough for the stylesheet (`hl-variable
/// hl-parameter`, `hl-entity hl-name`), short enough for the page.
const MAX_ATOMS: usize = 2;

/// syntect's default syntaxes (the `newlines` flavour: each line is parsed with its `\n`).
/// Loading them takes a while, so once per process.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` as language `lang` (a fence info string's first word, such as "rust",
/// "js", "sh", "html", "css", "json", "toml", "yaml", "python"; None or unknown: plain text).
///
/// Returns one `Vec<CodeToken>` per line, WITHOUT the line ending (`\n`, `\r\n` or a lone `\r`,
/// as in CommonMark); a final line ending does not produce an extra empty line, so empty `code`
/// gives zero lines, and `"\n"` one empty line. An empty line is an empty `Vec` (no token).
/// Adjacent tokens with the same class are merged; text with no colour-bearing scope has class
/// `None`. The tokens of a line, concatenated, are exactly that line's text.
///
/// Never panics: if syntect fails on the input, the whole block comes back as plain text.
pub fn highlight(lang: Option<&str>, code: &str) -> Vec<Vec<CodeToken>> {
    let lines = split_lines(code);
    let set = syntaxes();
    match lang.and_then(|lang| find_syntax(set, lang)) {
        Some(syntax) => highlight_lines(set, syntax, &lines).unwrap_or_else(|| plain(&lines)),
        None => plain(&lines),
    }
}

/// The syntax for a fence's language word, or `None` for plain text. The word is matched
/// case-insensitively, up to a comma or a brace (`rust,ignore`, `js{1,3}`).
fn find_syntax<'a>(set: &'a SyntaxSet, lang: &str) -> Option<&'a SyntaxReference> {
    let word = lang
        .trim()
        .trim_start_matches(['{', '.'])
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let by_name = |names: &[&str]| names.iter().find_map(|n| set.find_syntax_by_name(n));
    let syntax = match word.as_str() {
        "" => None,
        "rs" | "rust" => by_name(&["Rust"]),
        "js" | "javascript" | "mjs" | "cjs" | "jsx" => by_name(&["JavaScript"]),
        // syntect's defaults have no TypeScript: JavaScript colours most of it right.
        "ts" | "typescript" | "mts" | "cts" | "tsx" => by_name(&["TypeScript", "JavaScript"]),
        "sh" | "bash" | "shell" | "zsh" => by_name(&["Bourne Again Shell (bash)"]),
        "yml" | "yaml" => by_name(&["YAML"]),
        "py" | "python" => by_name(&["Python"]),
        "html" | "htm" | "xhtml" => by_name(&["HTML"]),
        "css" => by_name(&["CSS"]),
        "json" => by_name(&["JSON", "JavaScript"]),
        // Not among syntect's defaults today: plain text, until a grammar is added.
        "toml" => by_name(&["TOML"]),
        other => set.find_syntax_by_token(other),
    }?;
    // Plain text needs no parsing.
    (syntax.name != "Plain Text").then_some(syntax)
}

/// Splits at `\n`, `\r\n` and lone `\r`; a final line ending ends the last line, it does not
/// start a new one.
fn split_lines(code: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = code;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(end) => {
                lines.push(&rest[..end]);
                let ending = if rest[end..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = &rest[end + ending..];
            }
            None => {
                lines.push(rest);
                rest = "";
            }
        }
    }
    lines
}

/// Every line as one unclassed token (an empty line: no token).
fn plain(lines: &[&str]) -> Vec<Vec<CodeToken>> {
    lines
        .iter()
        .map(|line| {
            let mut tokens = Vec::new();
            push(&mut tokens, None, line);
            tokens
        })
        .collect()
}

/// Parses the lines in order with one parse state; `None` if syntect reports an error (or an
/// offset that is not a character boundary of the line).
fn highlight_lines(
    set: &SyntaxSet,
    syntax: &SyntaxReference,
    lines: &[&str],
) -> Option<Vec<Vec<CodeToken>>> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut classes = Classes::default();
    let mut out = Vec::with_capacity(lines.len());
    let mut buf = String::new();
    for line in lines {
        // The `newlines` syntaxes expect each line with its `\n`; it never becomes token text.
        buf.clear();
        buf.push_str(line);
        buf.push('\n');
        let ops = state.parse_line(&buf, set).ok()?;
        let mut tokens = Vec::new();
        let mut start = 0;
        for (at, op) in ops {
            let end = at.min(line.len());
            if end > start {
                let text = line.get(start..end)?;
                push(&mut tokens, classes.of(stack.as_slice()), text);
                start = end;
            }
            stack.apply(&op).ok()?;
        }
        if line.len() > start {
            let text = line.get(start..)?;
            push(&mut tokens, classes.of(stack.as_slice()), text);
        }
        out.push(tokens);
    }
    Some(out)
}

/// Appends a run of text, merged into the previous token when the class is the same.
fn push(tokens: &mut Vec<CodeToken>, class: Option<String>, text: &str) {
    if text.is_empty() {
        return;
    }
    match tokens.last_mut() {
        Some(last) if last.class == class => last.text.push_str(text),
        _ => tokens.push(CodeToken {
            class,
            text: text.to_owned(),
        }),
    }
}

/// Turns a scope stack into a token's class; remembers scope names (building one takes
/// syntect's global scope lock).
#[derive(Default)]
struct Classes {
    names: HashMap<Scope, String>,
}

impl Classes {
    fn name(&mut self, scope: Scope) -> &str {
        self.names
            .entry(scope)
            .or_insert_with(|| scope.build_string())
    }

    /// The class of text under `stack` (outermost scope first); see the module's overview.
    fn of(&mut self, stack: &[Scope]) -> Option<String> {
        let mut chosen = None;
        for &scope in stack.iter().rev() {
            match self.name(scope).split('.').next().unwrap_or("") {
                "meta" | "punctuation" | "" => continue,
                "source" | "text" => return None,
                _ => {
                    chosen = Some(scope);
                    break;
                }
            }
        }
        let chosen = self.name(chosen?).to_owned();
        // The languages' own atoms (`rust` of `source.rust`, `html` and `basic` of
        // `text.html.basic`) end most scope names: noise for a class.
        let mut language: Vec<String> = Vec::new();
        for &scope in stack {
            let name = self.name(scope);
            if name.starts_with("source.") || name.starts_with("text.") {
                language.extend(name.split('.').skip(1).map(str::to_owned));
            }
        }
        let mut atoms: Vec<&str> = chosen.split('.').collect();
        while atoms.len() > 1
            && atoms
                .last()
                .is_some_and(|a| language.iter().any(|l| l == a))
        {
            atoms.pop();
        }
        let mut class = String::new();
        for atom in atoms.iter().take(MAX_ATOMS) {
            // Scope atoms are words and dashes; anything else would need escaping in CSS.
            let atom: String = atom
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                .collect();
            if atom.is_empty() {
                continue;
            }
            if !class.is_empty() {
                class.push(' ');
            }
            class.push_str(PREFIX);
            class.push_str(&atom);
        }
        (!class.is_empty()).then_some(class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line texts, rebuilt from the tokens.
    fn texts(lines: &[Vec<CodeToken>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|t| t.text.as_str()).collect())
            .collect()
    }

    /// The class of the first token whose text is `text`.
    fn class_of<'a>(lines: &'a [Vec<CodeToken>], text: &str) -> Option<&'a str> {
        lines
            .iter()
            .flatten()
            .find(|t| t.text == text)
            .unwrap_or_else(|| panic!("no token {text:?} in {lines:?}"))
            .class
            .as_deref()
    }

    fn assert_merged(lines: &[Vec<CodeToken>]) {
        for line in lines {
            for pair in line.windows(2) {
                assert_ne!(
                    pair[0].class, pair[1].class,
                    "unmerged neighbours in {line:?}"
                );
            }
            assert!(
                line.iter().all(|t| !t.text.is_empty()),
                "empty token in {line:?}"
            );
        }
    }

    #[test]
    fn rust_keywords_strings_and_comments_get_classes() {
        let lines = highlight(
            Some("rust"),
            "fn main() {\n    if true { return; } // done\n    let s = \"hi\";\n}\n",
        );
        assert_eq!(class_of(&lines, "fn"), Some("hl-storage hl-type"));
        assert_eq!(class_of(&lines, "if"), Some("hl-keyword hl-control"));
        assert_eq!(class_of(&lines, "main"), Some("hl-entity hl-name"));
        assert_eq!(class_of(&lines, "true"), Some("hl-constant hl-language"));
        // The quotes belong to the string, the `//` to the comment: one token each.
        assert_eq!(class_of(&lines, "\"hi\""), Some("hl-string hl-quoted"));
        assert_eq!(class_of(&lines, "// done"), Some("hl-comment hl-line"));
        // Punctuation and plain identifiers have no class.
        assert_eq!(
            lines[0]
                .last()
                .map(|t| (t.class.as_deref(), t.text.as_str())),
            Some((None, "() {"))
        );
        assert_merged(&lines);
    }

    #[test]
    fn aliases_pick_the_grammar() {
        for lang in ["rs", "Rust", "rust,ignore", "{.rust}"] {
            let lines = highlight(Some(lang), "fn f() {}");
            assert_eq!(class_of(&lines, "fn"), Some("hl-storage hl-type"), "{lang}");
        }
        for lang in ["js", "javascript", "ts", "typescript"] {
            let lines = highlight(Some(lang), "return 1;");
            assert_eq!(
                class_of(&lines, "return"),
                Some("hl-keyword hl-control"),
                "{lang}"
            );
        }
        for lang in ["sh", "bash", "shell"] {
            let lines = highlight(Some(lang), "echo \"$HOME\" # home");
            assert_eq!(
                class_of(&lines, "# home"),
                Some("hl-comment hl-line"),
                "{lang}"
            );
        }
        for lang in ["yml", "yaml"] {
            let lines = highlight(Some(lang), "a: 1 # c");
            assert_eq!(
                class_of(&lines, "1"),
                Some("hl-constant hl-numeric"),
                "{lang}"
            );
        }
        for lang in ["py", "python"] {
            let lines = highlight(Some(lang), "def f(): pass");
            assert_eq!(
                class_of(&lines, "def"),
                Some("hl-storage hl-type"),
                "{lang}"
            );
        }
        let html = highlight(Some("html"), "<a href=\"x\">t &amp; u</a>");
        assert_eq!(class_of(&html, "a"), Some("hl-entity hl-name"));
        assert_eq!(class_of(&html, "href"), Some("hl-entity hl-other"));
        assert_eq!(class_of(&html, "\"x\""), Some("hl-string hl-quoted"));
        assert_eq!(class_of(&html, "&amp;"), Some("hl-constant hl-character"));
        let css = highlight(Some("css"), "a { color: #fff; } /* c */");
        assert_eq!(class_of(&css, "color"), Some("hl-support hl-type"));
        assert_eq!(class_of(&css, "#fff"), Some("hl-constant hl-other"));
        assert_eq!(class_of(&css, "/* c */"), Some("hl-comment hl-block"));
        let json = highlight(Some("json"), "{\"a\": [1, null]}");
        assert_eq!(class_of(&json, "\"a\""), Some("hl-string hl-quoted"));
        assert_eq!(class_of(&json, "null"), Some("hl-constant hl-language"));
    }

    #[test]
    fn unknown_missing_or_plain_languages_are_plain() {
        let code = "fn main() { let x = 1; }\nif true";
        let expected = vec![
            vec![CodeToken {
                class: None,
                text: "fn main() { let x = 1; }".into(),
            }],
            vec![CodeToken {
                class: None,
                text: "if true".into(),
            }],
        ];
        for lang in [
            None,
            Some(""),
            Some("  "),
            Some("klingon"),
            Some("txt"),
            Some("toml"),
        ] {
            assert_eq!(highlight(lang, code), expected, "{lang:?}");
        }
    }

    #[test]
    fn lines_split_at_lf_crlf_and_cr_without_a_trailing_empty_line() {
        for code in ["a\nb\n", "a\r\nb\r\n", "a\rb\r", "a\nb", "a\r\nb"] {
            assert_eq!(
                texts(&highlight(Some("rust"), code)),
                ["a", "b"],
                "{code:?}"
            );
            assert_eq!(texts(&highlight(None, code)), ["a", "b"], "{code:?}");
        }
        // Only the last line ending is dropped; blank lines in between are kept, empty.
        let lines = highlight(Some("rust"), "a\n\n\nb\n\n");
        assert_eq!(texts(&lines), ["a", "", "", "b", ""]);
        assert!(lines[1].is_empty());
        // No line ending ever reaches a token, even inside a multi-line comment or string.
        let lines = highlight(Some("rust"), "/* a\r\n b */\r\nlet s = \"x\r\ny\";\r\n");
        assert_eq!(texts(&lines), ["/* a", " b */", "let s = \"x", "y\";"]);
        assert_eq!(class_of(&lines, " b */"), Some("hl-comment hl-block"));
        assert_eq!(class_of(&lines, "y\""), Some("hl-string hl-quoted"));
    }

    #[test]
    fn empty_code_is_zero_lines_and_a_lone_newline_one_empty_line() {
        for lang in [None, Some("rust"), Some("html")] {
            assert!(highlight(lang, "").is_empty(), "{lang:?}");
            assert_eq!(
                highlight(lang, "\n"),
                vec![Vec::<CodeToken>::new()],
                "{lang:?}"
            );
            assert_eq!(
                highlight(lang, "\r\n"),
                vec![Vec::<CodeToken>::new()],
                "{lang:?}"
            );
        }
    }

    #[test]
    fn same_class_neighbours_are_merged() {
        // Each `/` and word of a comment, and a string's quotes and escapes, come from syntect
        // as several runs: one token each here.
        let lines = highlight(Some("rust"), "// one two three\nlet a = b + c;");
        assert_eq!(
            lines[0],
            vec![CodeToken {
                class: Some("hl-comment hl-line".into()),
                text: "// one two three".into(),
            }]
        );
        // `let` and ` a = b + c;`: the spaces, names and punctuation all fold into class None
        // runs around the operators.
        assert_eq!(class_of(&lines, "let"), Some("hl-storage hl-type"));
        assert!(lines[1]
            .iter()
            .any(|t| t.class.is_none() && t.text == " a "));
        assert_merged(&lines);
    }

    #[test]
    fn lossless_and_never_panics_on_odd_input() {
        let samples = [
            "fn main() {\n\tprintln!(\"{}\", r#\"raw \"# );\n}\n",
            "\"unterminated\n'also\n/* never closed\n",
            "<script>let x = `${a}`;</script><style>a{color:red}</style>\n",
            "é → 漢字 🦀 \u{0}\u{7f}\u{feff} \u{200b}\n\u{301}\n",
            "\t\t  \n\r\n\r\r\n\n",
            "{{{{{{{{{{[[[[[[[((((((((\n",
            "))))]]]]}}}}}\n---\n...\n%YAML\n",
            "#!/bin/sh\ncat <<EOF\n$x ${y:-z}\nEOF\n",
            "def f(x):\n    \"\"\"doc\n    string\"\"\"\n    return f'{x!r}'\n",
        ];
        let langs = [
            None,
            Some("rust"),
            Some("js"),
            Some("ts"),
            Some("sh"),
            Some("html"),
            Some("css"),
            Some("json"),
            Some("toml"),
            Some("yaml"),
            Some("python"),
            Some("markdown"),
            Some("c"),
            Some("diff"),
            Some("sql"),
        ];
        for code in samples {
            let expected = split_lines(code);
            for lang in langs {
                let lines = highlight(lang, code);
                assert_eq!(texts(&lines), expected, "{lang:?} {code:?}");
                assert_merged(&lines);
                for token in lines.iter().flatten() {
                    assert!(!token.text.contains(['\n', '\r']), "{lang:?} {token:?}");
                    if let Some(class) = &token.class {
                        assert!(
                            class
                                .split(' ')
                                .all(|c| c.starts_with(PREFIX) && c.len() > PREFIX.len()),
                            "{lang:?} {class:?}"
                        );
                        assert!(!class.contains("hl-source") && !class.contains("hl-text"));
                        assert!(!class.contains("hl-meta") && !class.contains("hl-punctuation"));
                    }
                }
            }
        }
    }

    #[test]
    fn language_suffixes_are_dropped_from_classes() {
        for (lang, code) in [("rust", "x"), ("python", "x"), ("js", "x"), ("sh", "x")] {
            for token in highlight(Some(lang), &format!("// c\n# c\nlet {code} = 1;\n"))
                .iter()
                .flatten()
            {
                if let Some(class) = &token.class {
                    for suffix in ["rust", "python", "js", "shell", "bash"] {
                        assert!(
                            !class.split(' ').any(|c| c == format!("hl-{suffix}")),
                            "{class}"
                        );
                    }
                }
            }
        }
    }
}
