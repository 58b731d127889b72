//! The Markdown parser never panics, whatever the input: property tests over generated files.
//!
//! Each property feeds its inputs to both [`parse_article`] and the build pipeline [`load`]
//! (parse, then French typography) and checks that they return instead of panicking, that they
//! agree, and that an error reads `file:line: message` with a line inside the input. Three kinds
//! of input, so that the deep paths are reached and not only "missing front matter":
//!
//! 1. arbitrary Unicode, bare or behind a front matter;
//! 2. the real article with structured mutations (lines deleted, duplicated, swapped, replaced;
//!    Markdown fragments inserted; truncation; front matter keys flipped; CRLF line ends);
//! 3. documents and front matters assembled from small alphabets of significant tokens.
//!
//! Each property tries `PROPTEST_CASES` inputs (default [`CI_CASES`], which keeps this file under
//! 30 s in a debug build on a busy 2-core machine) and prints how many it tried and how many
//! parsed; see them with `cargo test --features ssr --test parser_fuzz -- --nocapture`. A long
//! run (the debug build does about 1 000 to 3 000 inputs a second per core, depending on the
//! property): `PROPTEST_CASES=100000 cargo test --features ssr --test parser_fuzz -- --nocapture`.
//! A failure prints the smallest failing input proptest could shrink it to; it belongs in the
//! parser's unit tests once fixed.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;

use cpd_content::load;
use cpd_content::parse::{parse_page, PageSource};
use cpd_content::typography::french;
use cpd_content::Article;
use cpd_content::ContentError;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, TestRunner};

/// Inputs per property when `PROPTEST_CASES` is not set.
const CI_CASES: u32 = 2_000;

const FILE: &str = "content/chef-projet-digital.md";

/// The real article, read from `content/` (never compiled in): the mutations start from it.
static REAL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/chef-projet-digital.md"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"))
});

/// A minimal valid front matter, put before generated bodies so that they reach the body parser.
const FRONT: &str = "---\ntitle: T\nsummary: S\npermalink: /p.html\n---\n";

/// Markdown-ish fragments, inserted anywhere in a line or assembled into lines.
const FRAGMENTS: &[&str] = &[
    "{: #id}",
    "{: #}",
    "{: #missions}",
    "{: #chef-projet-digital}",
    "{:",
    "{: .class}",
    "{#id}",
    "\\{: #id}",
    "###",
    "### ",
    "##",
    "## ",
    "#",
    "# ",
    "####### ",
    "- <a href=\"#x\">X</a>",
    "- <a href=\"#missions\">M</a>",
    "<a href=\"#missions\">",
    "<a href='#qui-est' >",
    "<a href=\"#\">",
    "</a>",
    "</a >",
    "<abbr>",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<br>",
    "---",
    "***",
    "===",
    "_",
    "__",
    "*",
    "**",
    "***",
    "[t](u)",
    "[t](#missions)",
    "[t](#nope)",
    "[t](javascript:alert(1))",
    "[t]( )",
    "[](u)",
    "[t](u \"title\")",
    "[t][r]",
    "[r]: /u",
    "![i](u)",
    "<https://ex.org>",
    "<a@b.c>",
    "[^1]",
    "`",
    "```",
    "~~~",
    "> ",
    "1. ",
    "- ",
    "* ",
    "+ ",
    "|a|b|",
    "\t",
    "    ",
    "  ",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\\",
    "&amp;",
    "&#0;",
    "&nbsp;",
    "\u{a0}",
    "\u{202f}",
    "\u{feff}",
    "\u{0}",
    "\u{301}",
    "\u{200d}",
    "😀",
    "👩‍💻",
    "…",
    "...",
    "«",
    "»",
    "« ",
    " »",
    "?",
    "!",
    ":",
    ";",
    " ?!",
    " :",
    "'",
    "’",
    "\"",
    "www.ex.org",
    "https://ex.org/a?b=c;d",
    "é",
    "œ",
    "Ω",
    "漢",
    "texte",
    " ",
];

/// Prose that the parser accepts, with what typography rewrites (spaces, punctuation, quotes).
const PROSE: &[&str] = &[
    "texte",
    "mot",
    " ",
    "  ",
    "\t",
    "\n",
    "\u{a0}",
    "\u{202f}",
    "?",
    "!",
    ":",
    ";",
    ",",
    ".",
    "...",
    "…",
    "«",
    "»",
    "'",
    "’",
    "(",
    ")",
    "10:30",
    "a?b=c",
    "www.ex.org/a?b",
    "https://ex.org/l'a:b",
    "mailto:a@b.c",
    "*em*",
    "**fort**",
    "_em_",
    "[lien](https://ex.org/a?b=c;d)",
    "[lien](#q1)",
    "é",
    "e\u{301}",
    "😀",
    "👩‍💻",
    "漢",
];

/// Whole lines for assembled documents: the grammar's pieces and its near misses.
const LINES: &[&str] = &[
    "",
    "",
    "",
    "---",
    "title: T",
    "summary: S",
    "permalink: /p.html",
    "# Titre",
    "## Accroche *en* italique",
    "## Partie",
    "### Question ?",
    "### Qu’est-ce ?",
    "### ...",
    "{: #q}",
    "{: #missions}",
    "{: #}",
    "Un paragraphe.",
    "_Le chapeau, en **gras** et en [lien](https://ex.org)._",
    "Voir [la question](#q) ; « oui » !",
    "- <a href=\"#q\">Question ?</a>",
    "- <a href=\"#missions\">Missions</a>",
    "- <a href=\"#question\">Question</a>",
    "- texte",
    "1. un",
    "> citation",
    "    code",
    "```",
    "<div>",
];

/// A front matter key, to flip with another or add.
const KEYS: &[&str] = &[
    "title",
    "summary",
    "permalink",
    "layout",
    "author",
    "date",
    "last_modified_at",
    "permlink",
    "Title",
    "tags",
    "",
    "- title",
    "? title",
];

/// A front matter value.
const VALUES: &[&str] = &[
    "",
    " x",
    " /p.html",
    " p.html",
    " 2024-01-31",
    " 2024-01-31T10:00:00Z",
    " 31/01/2024",
    " \"unterminated",
    " [a, b]",
    " {a: b}",
    " |",
    " &a x",
    " *a",
    " !!binary aGk=",
    " ~",
    " 12",
    " : :",
    " «\u{a0}x\u{a0}»",
];

/// Inputs per property: `PROPTEST_CASES`, or [`CI_CASES`].
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_CASES)
}

/// Runs [`check`] over `cases()` inputs of `strategy`, printing how many inputs it tried
/// (shrinking included, if it fails) and how many parsed.
fn fuzz<S>(name: &str, strategy: S)
where
    S: Strategy,
    S::Value: AsRef<str>,
{
    fuzz_with(name, strategy, check);
}

/// [`fuzz`] with another property, which returns whether the input parsed.
fn fuzz_with<S>(name: &str, strategy: S, property: impl Fn(&str) -> bool)
where
    S: Strategy,
    S::Value: AsRef<str>,
{
    let config = Config {
        cases: cases(),
        // Never write a `proptest-regressions` file in the repository.
        failure_persistence: None,
        ..Config::default()
    };
    let tried = Cell::new(0u64);
    let parsed = Cell::new(0u64);
    let result = TestRunner::new(config).run(&strategy, |input| {
        tried.set(tried.get() + 1);
        if property(input.as_ref()) {
            parsed.set(parsed.get() + 1);
        }
        Ok(())
    });
    eprintln!(
        "{name}: {} inputs tried, {} parsed, {} rejected with an error",
        tried.get(),
        parsed.get(),
        tried.get() - parsed.get()
    );
    if let Err(failure) = result {
        panic!("{name}: {failure}");
    }
}

/// The parser alone, without typography.
fn parse_article(file: &str, input: &str) -> Result<Article, ContentError> {
    parse_page(&PageSource::alone(file), input).map(|p| p.article)
}

/// The property: `parse_article` and `load` return, agree, and locate their errors. Returns
/// whether the input parsed.
fn check(input: &str) -> bool {
    let parsed = parse_article(FILE, input);
    let loaded = load(FILE, input);
    match (parsed, loaded) {
        (Ok(article), Ok(_)) => {
            check_article(&article, input);
            true
        }
        (Err(e), Err(again)) => {
            assert_eq!(
                e.to_string(),
                again.to_string(),
                "load and parse_article disagree on {input:?}"
            );
            let lines = input.lines().count().max(1);
            assert!(
                (1..=lines).contains(&e.line()),
                "error line {} outside the input's {lines} lines: {e}\ninput: {input:?}",
                e.line()
            );
            let message = e.to_string();
            assert!(
                message.starts_with(&format!("{FILE}:{}: ", e.line())),
                "not `file:line: message`: {message}"
            );
            assert!(!e.message.trim().is_empty(), "empty message for {input:?}");
            false
        }
        (p, l) => panic!(
            "load and parse_article disagree on {input:?}: {:?} vs {:?}",
            p.err(),
            l.err()
        ),
    }
}

/// What an accepted article guarantees the renderer.
fn check_article(article: &Article, input: &str) {
    let anchors = cpd_content::walk::anchors(article);
    for section in &article.sections {
        assert!(!section.id.is_empty(), "empty id: {input:?}");
        assert_eq!(
            anchors.iter().filter(|a| **a == section.id).count(),
            1,
            "id #{} not unique: {input:?}",
            section.id
        );
    }
    for entry in article.toc.iter().filter(|e| e.depth > 0) {
        assert!(
            anchors.contains(&entry.anchor),
            "dangling contents entry #{}: {input:?}",
            entry.anchor
        );
    }
    assert!(article.permalink.starts_with('/'));
}

// ---------------------------------------------------------------------------------------------
// 1. Arbitrary Unicode

/// Any characters, newlines included (`any::<String>()` never yields `\n`).
fn unicode() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(?s).{0,300}",
        vec(any::<char>(), 0..300).prop_map(String::from_iter),
    ]
}

#[test]
fn arbitrary_unicode_never_panics() {
    fuzz("arbitrary unicode", unicode());
}

#[test]
fn arbitrary_body_never_panics() {
    fuzz(
        "arbitrary body after a valid front matter",
        unicode().prop_map(|body| format!("{FRONT}{body}")),
    );
}

#[test]
fn arbitrary_front_matter_never_panics() {
    fuzz(
        "arbitrary front matter",
        unicode().prop_map(|yaml| format!("---\n{yaml}\n---\n### Q\n\nTexte.\n")),
    );
}

#[test]
fn typography_never_panics() {
    // `french` is public: any text, and its own output. Then the same text as a section's
    // paragraph, so that the parser hands it to the typography when it is acceptable prose.
    fuzz_with("arbitrary French typography", unicode(), |text| {
        french(&french(text));
        check(&format!("{FRONT}### Q\n\n{text}\n"))
    });
}

// ---------------------------------------------------------------------------------------------
// 2. The real article, mutated

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    /// A line replaced by an assembled one.
    Replace(Index, String),
    /// A new line before the given one.
    InsertLine(Index, String),
    /// A fragment inside a line, at a character position.
    InsertFragment(Index, Index, &'static str),
    /// The text cut at a character position.
    Truncate(Index),
    /// The key of a front matter line replaced.
    FlipKey(Index, &'static str),
    /// A `key: value` line added to the front matter.
    AddKey(&'static str, &'static str),
    /// Every `\n` made `\r\n`.
    Crlf,
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        select(LINES).prop_map(str::to_string),
        vec(select(FRAGMENTS), 1..6).prop_map(|f| f.concat()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Delete),
        2 => any::<Index>().prop_map(Mutation::Duplicate),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        2 => (any::<Index>(), line()).prop_map(|(i, l)| Mutation::Replace(i, l)),
        2 => (any::<Index>(), line()).prop_map(|(i, l)| Mutation::InsertLine(i, l)),
        5 => (any::<Index>(), any::<Index>(), select(FRAGMENTS))
            .prop_map(|(l, c, f)| Mutation::InsertFragment(l, c, f)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), select(KEYS)).prop_map(|(i, k)| Mutation::FlipKey(i, k)),
        1 => (select(KEYS), select(VALUES)).prop_map(|(k, v)| Mutation::AddKey(k, v)),
        1 => Just(Mutation::Crlf),
    ]
}

/// The byte offset of character `index` of `text` (its length if past the end).
fn char_offset(text: &str, index: &Index) -> usize {
    let count = text.chars().count();
    if count == 0 {
        return 0;
    }
    text.char_indices()
        .nth(index.index(count + 1))
        .map_or(text.len(), |(i, _)| i)
}

/// Applies the mutations to the real article's lines.
fn mutate(mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = REAL.lines().map(str::to_string).collect();
    let mut crlf = false;
    let mut truncate: Option<Index> = None;
    for m in mutations {
        let n = lines.len();
        // `Index::index(0)` panics: with no line, only insertions apply.
        let at = |i: &Index| i.index(n.max(1)).min(n.saturating_sub(1));
        match m {
            Mutation::Delete(i) if n > 0 => {
                lines.remove(at(i));
            }
            Mutation::Duplicate(i) if n > 0 => {
                let copy = lines[at(i)].clone();
                lines.insert(at(i), copy);
            }
            Mutation::Swap(a, b) if n > 0 => lines.swap(at(a), at(b)),
            Mutation::Replace(i, l) if n > 0 => lines[at(i)] = l.clone(),
            Mutation::InsertLine(i, l) => lines.insert(i.index(n + 1), l.clone()),
            Mutation::InsertFragment(i, c, f) if n > 0 => {
                let line = &mut lines[at(i)];
                let offset = char_offset(line, c);
                line.insert_str(offset, f);
            }
            Mutation::FlipKey(i, key) => {
                // The front matter lines: between the first line and the next `---`.
                let end = lines
                    .iter()
                    .skip(1)
                    .position(|l| l.trim_end() == "---")
                    .map_or(n, |p| p + 1);
                if end > 1 {
                    let line = &mut lines[1 + i.index(end - 1)];
                    let value = line.split_once(':').map_or("", |(_, v)| v).to_string();
                    *line = format!("{key}:{value}");
                }
            }
            Mutation::AddKey(key, value) => lines.insert(1.min(n), format!("{key}:{value}")),
            Mutation::Truncate(i) => truncate = Some(*i),
            Mutation::Crlf => crlf = true,
            _ => {}
        }
    }
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    if let Some(i) = truncate {
        text.truncate(char_offset(&text, &i));
    }
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

#[test]
fn the_real_article_parses_and_mutations_never_panic() {
    assert!(check(&REAL), "the real article must parse");
    fuzz(
        "mutated real article",
        vec(mutation(), 1..8).prop_map(|m| mutate(&m)),
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Documents assembled from a small alphabet

#[test]
fn assembled_documents_never_panic() {
    let body = vec(line(), 0..40).prop_map(|lines| lines.join("\n"));
    fuzz(
        "assembled documents",
        (prop::bool::weighted(0.9), body).prop_map(|(front, body)| {
            if front {
                format!("{FRONT}{body}")
            } else {
                body
            }
        }),
    );
}

/// YAML's significant characters and line breaks, lone `\r` included (a line break to YAML, not
/// to an editor counting `\n`s).
const YAML: &[&str] = &[
    "\n",
    "\r",
    "\r\n",
    " ",
    "  ",
    "\t",
    ":",
    ": ",
    "-",
    "- ",
    "?",
    ",",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "|",
    ">",
    "#",
    "&a",
    "*a",
    "!",
    "%",
    "@",
    "`",
    "---",
    "...",
    "title",
    "summary",
    "permalink",
    "date",
    "x",
    "/p",
    "2024-01-31",
    "\u{feff}",
    "\u{85}",
    "\u{2028}",
    "é",
];

#[test]
fn assembled_front_matter_never_panics() {
    let yaml = vec(
        prop_oneof![
            6 => select(YAML).prop_map(str::to_string),
            2 => select(["\r", "\u{85}", "\u{2028}"].as_slice()).prop_map(str::to_string),
            1 => (select(KEYS), select(VALUES)).prop_map(|(k, v)| format!("\n{k}:{v}\n")),
        ],
        0..40,
    );
    // No body: the front matter is checked first, and its errors must stay inside the file.
    fuzz(
        "assembled front matter",
        yaml.prop_map(|yaml| format!("---\n{}\n---\n", yaml.concat())),
    );
}

#[test]
fn assembled_sections_never_panic() {
    // Closer to the grammar, so that many inputs parse and the checks after the last section
    // (anchors, links, table of contents) and the typography run. `{n}` is the section's number
    // (or the table-of-contents entry's), so that anchors are mostly unique and resolve.
    let paragraph = prop_oneof![
        3 => Just("Un paragraphe.".to_string()),
        1 => Just("Voir [la question](#q{n}) ; « oui » !".to_string()),
        6 => vec(select(PROSE), 1..12).prop_map(|f| format!("Texte {}", f.concat())),
        1 => vec(select(FRAGMENTS), 1..8).prop_map(|f| format!("Texte {}", f.concat())),
    ];
    // Headings are plain text on one line.
    let plain: Vec<&str> = PROSE
        .iter()
        .copied()
        .filter(|p| !p.contains(['*', '_', '[', '\n']))
        .collect();
    let section = (
        prop_oneof![
            6 => Just("### Question {n} ?".to_string()),
            1 => Just("### Qu’est-ce ?".to_string()),
            2 => vec(select(plain.clone()), 1..6).prop_map(|f| format!("### Question {{n}} {}", f.concat())),
            1 => line().prop_map(|l| format!("### {l}")),
        ],
        prop_oneof![
            2 => Just(None),
            6 => Just(Some("{: #q{n}}".to_string())),
            1 => line().prop_map(Some),
        ],
        prop_oneof![
            19 => vec(paragraph, 1..4),
            1 => Just(Vec::new()),
        ],
    )
        .prop_map(|(heading, anchor, paragraphs)| {
            let mut out = vec![heading];
            out.extend(anchor);
            out.extend(paragraphs);
            out.join("\n\n")
        });
    let toc_entry = prop_oneof![
        6 => Just("- <a href=\"#q{n}\">Question {n} ?</a>".to_string()),
        1 => Just("- <a href=\"#question-{n}\">Question {n}</a>".to_string()),
        2 => vec(select(plain.clone()), 1..5)
            .prop_map(|f| format!("- <a href=\"#q{{n}}\">{}</a>", f.concat())),
        1 => vec(select(FRAGMENTS), 1..5)
            .prop_map(|f| format!("- <a href=\"#q{{n}}\">{}</a>", f.concat())),
    ];
    let numbered = |items: Vec<String>, separator: &str| {
        let items: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, item)| item.replace("{n}", &(i + 1).to_string()))
            .collect();
        items.join(separator)
    };
    fuzz(
        "assembled sections",
        vec(section, 1..5)
            .prop_flat_map(move |sections| {
                // Entry `n` links to section `n`: at most one entry per section.
                let n = sections.len();
                (vec(toc_entry.clone(), 0..=n), Just(sections))
            })
            .prop_map(move |(toc, sections)| {
                format!(
                    "{FRONT}# Titre\n\n## Accroche\n\n_Chapeau._\n\n{}\n\n## Partie\n\n{}\n",
                    numbered(toc, "\n"),
                    numbered(sections, "\n\n")
                )
            }),
    );
}
