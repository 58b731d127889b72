//! The parser, block kind by block kind, and each error it reports.

use super::{parse_page, PageSource};
use crate::model::*;

/// Parses a page body (after a minimal front matter) into its article.
fn page(body: &str) -> Article {
    let source = format!("---\ntitle: T\nlang: en\n---\n{body}");
    match parse_page(&PageSource::alone("t.md"), &source) {
        Ok(p) => p.article,
        Err(e) => panic!("{e}"),
    }
}

/// The message of the error a page body gives, as `line: message`.
fn error(body: &str) -> String {
    let source = format!("---\ntitle: T\n---\n{body}");
    match parse_page(&PageSource::alone("t.md"), &source) {
        Ok(p) => panic!("parsed: {:?}", p.article),
        Err(e) => format!("{}: {}", e.line(), e.message),
    }
}

fn text(t: &str) -> Inline {
    Inline::Text(t.to_string())
}

#[test]
fn client_article_keeps_its_shape() {
    let a = crate::site::client_article();
    assert_eq!(a.title, "Chef de Projet Digital");
    assert_eq!(a.permalink, "/chef-projet-digital.html");
    assert!(a.tagline.is_some());
    assert_eq!(
        plain_text(a.part.as_deref().unwrap()),
        "Une organisation de projet tout terrain"
    );
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
    assert!(a.sections.iter().all(|s| s.level == 3));
    let toc: Vec<&str> = a.toc.iter().map(|e| e.anchor.as_str()).collect();
    assert_eq!(toc, ids);
    assert_eq!(a.lead.len(), 1, "one lead paragraph: {:?}", a.lead);
}

#[test]
fn headings_levels_and_ids() {
    let a = page("## Première partie\n\ntext\n\n### Sous-titre {#given}\n\n#### Détail\n\n## Première partie\n\n### Après\n{: #kram}\n");
    assert_eq!(a.sections.len(), 2);
    assert_eq!(a.sections[0].id, "premiere-partie");
    assert_eq!(a.sections[1].id, "premiere-partie-2", "unique on the page");
    assert_eq!(a.sections[0].level, 2);
    let Block::Heading { level, id, .. } = &a.sections[0].blocks[1] else {
        panic!("{:?}", a.sections[0].blocks)
    };
    assert_eq!((*level, id.as_str()), (3, "given"));
    assert!(
        matches!(&a.sections[0].blocks[2], Block::Heading { level: 4, id, .. } if id == "detail")
    );
    assert!(
        matches!(&a.sections[1].blocks[0], Block::Heading { level: 3, id, .. } if id == "kram")
    );
    // Generated contents: sections and the level under them.
    let toc: Vec<(&str, u8)> = a.toc.iter().map(|e| (e.anchor.as_str(), e.depth)).collect();
    assert_eq!(
        toc,
        [
            ("premiere-partie", 0),
            ("given", 1),
            ("premiere-partie-2", 0),
            ("kram", 1)
        ]
    );
}

#[test]
fn toc_false_turns_the_contents_off() {
    let source = "---\ntitle: T\ntoc: false\n---\n## A\n\nx\n";
    let a = parse_page(&PageSource::alone("t.md"), source)
        .unwrap()
        .article;
    assert!(a.toc.is_empty());
}

#[test]
fn paragraphs_breaks_and_rules() {
    let a = page("one  \ntwo\\\nthree\nfour\n\n---\n\nafter\n");
    assert_eq!(
        a.lead[0],
        Block::Paragraph(vec![
            text("one"),
            Inline::Break,
            text("two"),
            Inline::Break,
            text("three four")
        ])
    );
    assert_eq!(a.lead[1], Block::Rule);
}

#[test]
fn inline_styles() {
    let a = page("*e* **s** ~~x~~ `c` <kbd>K</kbd> <abbr title=\"t\">A</abbr>\n");
    let Block::Paragraph(i) = &a.lead[0] else {
        panic!()
    };
    assert_eq!(i[0], Inline::Emphasis(vec![text("e")]));
    assert_eq!(i[2], Inline::Strong(vec![text("s")]));
    assert_eq!(i[4], Inline::Strike(vec![text("x")]));
    assert_eq!(i[6], Inline::Code("c".into()));
    assert!(matches!(
        &i[8],
        Inline::Element(Element {
            tag: HtmlTag::Kbd,
            ..
        })
    ));
    assert!(
        matches!(&i[10], Inline::Element(Element { tag: HtmlTag::Abbr, attrs, .. }) if attrs.title.as_deref() == Some("t"))
    );
}

#[test]
fn lists_nested_ordered_tasks() {
    let a = page("- a\n  - b\n    1. c\n- d\n\n3. three\n4. four\n\n- [x] done\n- [ ] todo\n");
    let Block::List(l) = &a.lead[0] else {
        panic!("{:?}", a.lead)
    };
    assert!(l.tight);
    assert_eq!(l.start, None);
    assert_eq!(l.items.len(), 2);
    let Block::List(inner) = &l.items[0].blocks[1] else {
        panic!("{:?}", l.items[0])
    };
    assert!(matches!(
        &inner.items[0].blocks[1],
        Block::List(List { start: Some(1), .. })
    ));
    assert!(matches!(
        &a.lead[1],
        Block::List(List { start: Some(3), .. })
    ));
    let Block::List(tasks) = &a.lead[2] else {
        panic!()
    };
    assert_eq!(tasks.items[0].task, Some(true));
    assert_eq!(tasks.items[1].task, Some(false));
    let loose = page("- a\n\n- b\n");
    assert!(matches!(
        &loose.lead[0],
        Block::List(List { tight: false, .. })
    ));
}

#[test]
fn blockquotes_hold_blocks() {
    let a = page("> quoted\n>\n> - item\n");
    let Block::Quote(b) = &a.lead[0] else {
        panic!()
    };
    assert!(matches!(b[0], Block::Paragraph(_)));
    assert!(matches!(b[1], Block::List(_)));
}

#[test]
fn code_blocks_are_highlighted_and_never_typeset() {
    let source = "---\ntitle: T\n---\n```rust\nfn main() { let x = \"a ? b\"; }\n```\n\n    indented : code\n";
    let a = crate::site::load("t.md", source).unwrap();
    let Block::Code(c) = &a.lead[0] else { panic!() };
    assert_eq!(c.lang.as_deref(), Some("rust"));
    assert!(
        c.lines[0].iter().any(|t| t.class.is_some()),
        "highlighted: {:?}",
        c.lines
    );
    assert_eq!(a.lead[0].plain_text(), "fn main() { let x = \"a ? b\"; }");
    assert_eq!(a.lead[1].plain_text(), "indented : code");
}

#[test]
fn tables_with_alignment() {
    let a = page("| a | b | c |\n|:--|:-:|--:|\n| 1 | **2** | 3 |\n");
    let Block::Table(t) = &a.lead[0] else {
        panic!()
    };
    assert_eq!(t.align, [Align::Left, Align::Center, Align::Right]);
    assert_eq!(t.head[1], vec![text("b")]);
    assert_eq!(t.rows[0][1], vec![Inline::Strong(vec![text("2")])]);
}

#[test]
fn footnotes_are_numbered_by_first_call_and_counted() {
    let a = page("A[^b] and[^a] again[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n");
    assert_eq!(a.footnotes.len(), 2);
    assert_eq!(
        (
            a.footnotes[0].id.as_str(),
            a.footnotes[0].number,
            a.footnotes[0].calls
        ),
        ("b", 1, 2)
    );
    assert_eq!(
        (
            a.footnotes[1].id.as_str(),
            a.footnotes[1].number,
            a.footnotes[1].calls
        ),
        ("a", 2, 1)
    );
    let Block::Paragraph(i) = &a.lead[0] else {
        panic!()
    };
    assert!(
        matches!(
            &i[5],
            Inline::FootnoteRef {
                call: 2,
                number: 1,
                ..
            }
        ),
        "{i:?}"
    );
}

#[test]
fn html_blocks_hold_markdown() {
    let a = page("<details open>\n<summary>More</summary>\n\nHidden **text**.\n\n</details>\n\n<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>\n");
    let Block::Element(d) = &a.lead[0] else {
        panic!("{:?}", a.lead)
    };
    assert_eq!(d.tag, HtmlTag::Details);
    assert!(d.attrs.open);
    assert!(matches!(
        &d.children[0],
        Block::Element(Element {
            tag: HtmlTag::Summary,
            ..
        })
    ));
    assert!(matches!(&d.children[1], Block::Paragraph(_)));
    let Block::Element(dl) = &a.lead[1] else {
        panic!("{:?}", a.lead)
    };
    assert_eq!(dl.children.len(), 2);
}

#[test]
fn links_are_classified() {
    let a = page("[a](#x) [b](other.html) [c](https://ex.org) <https://auto.example> <me@ex.org> www.bare.example.\n\n## X {#x}\n");
    let Block::Paragraph(i) = &a.lead[0] else {
        panic!()
    };
    let targets: Vec<(LinkTarget, String)> = i
        .iter()
        .filter_map(|i| match i {
            Inline::Link(l) => Some((l.target, l.href.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        [
            (LinkTarget::Anchor, "#x".to_string()),
            (LinkTarget::Site, "other.html".to_string()),
            (LinkTarget::External, "https://ex.org".to_string()),
            (LinkTarget::External, "https://auto.example".to_string()),
            (LinkTarget::External, "mailto:me@ex.org".to_string()),
            (LinkTarget::External, "http://www.bare.example".to_string()),
        ]
    );
}

#[test]
fn front_matter_keys() {
    let source = "---\ntitle: T\ndescription: D\npermalink: /a/\nlang: en\nnav_order: 2\ntags: [x]\nsidebar: {a: 1}\npublished: false\n---\nx\n";
    let p = parse_page(&PageSource::alone("t.md"), source).unwrap();
    assert_eq!(p.article.summary, "D");
    assert_eq!(p.article.permalink, "/a/index.html");
    assert_eq!(p.article.lang, "en");
    assert_eq!(p.article.nav_order, Some(2));
    assert!(!p.published);
    let mut source = PageSource::alone("t.md");
    source.rel_path = "guide/b.md".into();
    let p = parse_page(&source, "---\ntitle: T\n---\n").unwrap();
    assert_eq!(p.article.permalink, "/guide/b.html");
}

#[test]
fn errors_name_the_line() {
    let cases: &[(&str, &str)] = &[
        (
            "x\n\n<script>alert(1)</script>\n",
            "6: the HTML element `<script>`",
        ),
        (
            "<iframe src=\"x\"></iframe>\n",
            "4: `<iframe src=\"x\">`: a frame must come from an `https://` address",
        ),
        ("<style>p{}</style>\n", "4: the HTML element `<style>`"),
        (
            "a <span onclick=\"x()\">b</span>\n",
            "4: the `onclick` attribute",
        ),
        (
            "a <span style=\"background: url(x.png)\">b</span>\n",
            "4: the `style` attribute on `<span>`: `background: url(x.png)`: `url(` is not allowed",
        ),
        (
            "[x](javascript:alert(1))\n",
            "4: link to `javascript:alert(1)`",
        ),
        ("<a href=\"javascript:x\">y</a>\n", "4: `javascript:x`"),
        (
            "\n{% include x.html %}\n",
            "5: Liquid `{% include x.html %}`: no `_includes/x.html`",
        ),
        (
            "Hello {% for p in site.posts %}{{ p }}{% endfor %}\n",
            "4: Liquid `{% for p in site.posts %}` is not supported",
        ),
        ("![](a.png)\n", "4: image `a.png` has no alt text"),
        (
            "![x](https://ex.org/a.png)\n",
            "4: image `https://ex.org/a.png` is not a file",
        ),
        ("a <span>b\n", "4: `<span>` is not closed"),
        ("a[^n]\n", "4: footnote `[^n]` has no text"),
        (
            "a\n\n[^n]: never called\n",
            "6: footnote `[^n]` is never called",
        ),
        ("## A {#x}\n\n## B {#x}\n", "6: the id `x` is used twice"),
        ("# Other\n", "4: the `#` heading `Other` differs"),
        ("## A {.cls}\n", "4: heading classes"),
        ("{: .cls}\n", "4: no block follows this attribute list"),
    ];
    for (body, expected) in cases {
        let got = error(body);
        assert!(
            got.starts_with(expected),
            "{body:?}: expected {expected:?}, got {got:?}"
        );
    }
    let front: &[(&str, &str)] = &[
        ("---\nsummary: x\n---\n", "1: front matter has no `title`"),
        (
            "---\ntitle: T\nnav_order: deux\n---\n",
            "3: invalid front matter: nav_order: invalid type",
        ),
        (
            "---\ntitle: T\ntoc: maybe\n---\n",
            "3: invalid front matter: toc: invalid type",
        ),
        (
            "---\ntitle: T\npermalink: a b.html\n---\n",
            "3: front matter `permalink` must be a plain path",
        ),
        (
            "---\ntitle: T\ndate: 12/03/2024\n---\n",
            "3: front matter `date` is not a date",
        ),
        ("no front matter\n", "1: missing front matter"),
    ];
    for (source, expected) in front {
        let got = match parse_page(&PageSource::alone("t.md"), source) {
            Ok(_) => "parsed".to_string(),
            Err(e) => format!("{}: {}", e.line(), e.message),
        };
        assert!(
            got.starts_with(expected),
            "{source:?}: expected {expected:?}, got {got:?}"
        );
    }
}

#[test]
fn front_matter_is_only_at_the_top() {
    assert_eq!(
        error("Texte.\n\n---\ntitle: Autre\n---\n"),
        "6: a `---` block that reads as YAML in the middle of the page: front matter goes at the top only; for a rule, leave a blank line after `---`"
    );
    // A rule followed by a blank line stays a rule.
    let a = page("Texte.\n\n---\n\nSuite.\n");
    assert_eq!(a.lead[1], Block::Rule);
}

#[test]
fn an_error_at_the_end_of_the_file_is_on_its_last_line() {
    let source = "---\ntitle: [T\n---\n";
    let e = parse_page(&PageSource::alone("t.md"), source).unwrap_err();
    assert!(e.line() <= source.lines().count(), "{e}");
}

#[test]
fn malformed_raw_html_is_an_error() {
    assert_eq!(
        error("<div title=\"x\"\"y\">\n\nTexte.\n\n</div>\n"),
        "4: malformed HTML: missing-whitespace-between-attributes"
    );
}

/// Parses a page body with a content folder holding `a.png`, and returns it with its notes.
fn page_with_image(body: &str) -> super::ParsedPage {
    let dir = tempfile::tempdir().unwrap();
    let pixel = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/broken/pixel.png"
    );
    std::fs::copy(pixel, dir.path().join("a.png")).unwrap();
    let mut source = PageSource::alone("t.md");
    source.root = Some(dir.path().to_path_buf());
    let text = format!("---\ntitle: T\nlang: en\n---\n{body}");
    match parse_page(&source, &text) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

fn attributed(block: &Block) -> (&Option<String>, Vec<&str>, &Block) {
    match block {
        Block::Attributed(a) => (
            &a.id,
            a.classes.iter().map(String::as_str).collect(),
            &a.block,
        ),
        other => panic!("not attributed: {other:?}"),
    }
}

#[test]
fn kramdown_attribute_lists_apply_to_the_block_above() {
    let a = page(concat!(
        "Texte.\n{:.callout}\n\n",
        "> Cité\n{: .a .b #q}\n\n",
        "- un\n- deux\n{: .liste}\n\n",
        "```rust\nlet x = 1;\n```\n{: .wide}\n\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n{: .table}\n\n",
        "Sans.\n",
    ));
    assert_eq!(a.lead.len(), 6, "{:?}", a.lead);
    let (id, classes, inner) = attributed(&a.lead[0]);
    assert_eq!((id, classes), (&None, vec!["callout"]));
    assert_eq!(inner, &Block::Paragraph(vec![text("Texte.")]));
    let (id, classes, inner) = attributed(&a.lead[1]);
    assert_eq!((id.as_deref(), classes), (Some("q"), vec!["a", "b"]));
    assert!(matches!(inner, Block::Quote(_)));
    let (_, classes, inner) = attributed(&a.lead[2]);
    assert_eq!(classes, ["liste"]);
    assert!(
        matches!(inner, Block::List(l) if l.items.len() == 2),
        "the list line is not an item's text"
    );
    assert!(matches!(attributed(&a.lead[3]).2, Block::Code(_)));
    let (_, classes, inner) = attributed(&a.lead[4]);
    assert_eq!(classes, ["table"]);
    assert!(
        matches!(inner, Block::Table(t) if t.rows.len() == 1),
        "not a row"
    );
    assert_eq!(a.lead[5], Block::Paragraph(vec![text("Sans.")]));
    assert!(crate::walk::anchors(&a).contains(&"q".to_string()));
}

#[test]
fn kramdown_attribute_lists_on_images_links_and_lists() {
    let p = page_with_image(concat!(
        "![Un point](a.png)\n{: .align-center}\n\n",
        "![Un point](a.png){: .align-left} et [lien](https://ex.org){: .btn}\n\n",
        "{:start=\"3\"}\n1. trois\n2. quatre\n\n",
        "Texte.\n\n1. un\n{: start=\"7\"}\n",
    ));
    let lead = &p.article.lead;
    let (_, classes, inner) = attributed(&lead[0]);
    assert_eq!(classes, ["align-center"]);
    assert!(matches!(inner, Block::Paragraph(i) if matches!(i.as_slice(), [Inline::Image(_)])));
    let Block::Paragraph(inlines) = &lead[1] else {
        panic!("{:?}", lead[1])
    };
    let [Inline::Image(image), Inline::Text(between), Inline::Link(link)] = inlines.as_slice()
    else {
        panic!("{inlines:?}")
    };
    assert_eq!(image.classes, ["align-left"]);
    assert_eq!(between, " et ");
    assert_eq!(link.classes, ["btn"]);
    assert!(
        matches!(&lead[2], Block::List(l) if l.start == Some(3)),
        "{:?}",
        lead[2]
    );
    assert!(
        matches!(&lead[4], Block::List(l) if l.start == Some(7)),
        "{:?}",
        lead[4]
    );
    assert!(p.notes.is_empty(), "{:?}", p.notes);
}

#[test]
fn kramdown_attribute_lists_indented_in_a_list_item_stay_in_it() {
    let p = page_with_image(concat!(
        "1. Un\n\n   ![Un point](a.png)\n   {: .align-center}\n\n2. Deux\n\n",
        "Texte.\n\n- ![Un point](a.png)\n  {: .align-right}\n",
    ));
    let lead = &p.article.lead;
    let Block::List(list) = &lead[0] else {
        panic!("{lead:?}")
    };
    assert_eq!(list.items.len(), 2);
    let (_, classes, inner) = attributed(&list.items[0].blocks[1]);
    assert_eq!(classes, ["align-center"]);
    assert!(matches!(inner, Block::Paragraph(i) if matches!(i.as_slice(), [Inline::Image(_)])));
    let Block::List(tight) = &lead[2] else {
        panic!("{lead:?}")
    };
    assert_eq!(attributed(&tight.items[0].blocks[0]).1, ["align-right"]);
}

#[test]
fn kramdown_toc_marker_gives_the_generated_contents() {
    let a = page("Intro.\n\n* TOC\n{:toc}\n\n## Un\n\nA.\n\n## Deux\n\nB.\n");
    assert_eq!(a.lead, [Block::Paragraph(vec![text("Intro.")])]);
    let toc: Vec<&str> = a.toc.iter().map(|e| e.anchor.as_str()).collect();
    assert_eq!(toc, ["un", "deux"]);
}

#[test]
fn kramdown_options_are_left_out_with_one_note() {
    let source = "---\ntitle: T\n---\n{::options parse_block_html=\"true\" /}\n\nTexte.\n{: width=\"50%\"}\n\n## Titre\n{: .no_toc}\n";
    let p = parse_page(&PageSource::alone("t.md"), source).unwrap();
    assert_eq!(
        p.notes,
        ["t.md:4: left out, nothing here draws them: `{::…}` extensions, width=\"50%\", classes on a heading"]
    );
    assert_eq!(p.article.lead, [Block::Paragraph(vec![text("Texte.")])]);
    let shown = format!("{:?}", p.article);
    assert!(!shown.contains("{:"), "{shown}");
}

#[test]
fn kramdown_attribute_lists_in_code_stay_code() {
    let a = page("```\n{: .x}\n```\n");
    assert_eq!(a.lead[0].plain_text(), "{: .x}");
}

#[test]
fn kramdown_attribute_list_errors_name_the_line() {
    let cases: &[(&str, &str)] = &[
        (
            "Texte.\n{: .bad!}\n",
            "5: `bad!` in `{: .bad!}` is not a class name",
        ),
        (
            "Texte.\n{: .a b!}\n",
            "5: `b!` in `{: .a b!}` is not a kramdown attribute",
        ),
        (
            "Texte.\n\n{: .x}\n\n{: .y}\n\n{: .z #i #j}\n",
            "10: `{: .z #i #j}` gives two ids",
        ),
        (
            "Texte.\n{:toc}\n",
            "5: `{:toc}` goes right under a one-item list",
        ),
        ("## A {#x}\n{: #y}\n", "5: this block already has an id"),
        ("## A {#a}\n\nB\n{: #a}\n", "7: the id `a` is used twice"),
        ("![x](a.png){: .ok!}\n", "4: image `a.png`"),
    ];
    for (body, expected) in cases {
        let got = error(body);
        assert!(
            got.starts_with(expected),
            "{body:?}: expected {expected:?}, got {got:?}"
        );
    }
}

#[test]
fn style_attributes_are_kept_as_declarations() {
    let a = page("<div style=\"text-align:center\">\n\nTexte <span style=\"color: #c00;\" class=\"x\">rouge</span>.\n\n</div>\n");
    let Block::Element(div) = &a.lead[0] else {
        panic!("{:?}", a.lead)
    };
    let decl = |p: &str, v: &str| Declaration {
        property: p.into(),
        value: v.into(),
    };
    assert_eq!(div.attrs.style, [decl("text-align", "center")]);
    let Block::Paragraph(inlines) = &div.children[0] else {
        panic!("{:?}", div.children)
    };
    let Inline::Element(span) = &inlines[1] else {
        panic!("{inlines:?}")
    };
    assert_eq!(span.attrs.style, [decl("color", "#c00")]);
    let class = span.attrs.class_attr().unwrap();
    assert_eq!(class, format!("x {}", style_class(&span.attrs.style)));
    assert!(class.split(' ').nth(1).unwrap().starts_with("s-"));
    assert_eq!(crate::walk::styles(&a).len(), 2);
}

#[test]
fn style_attributes_that_could_load_or_escape_fail() {
    for (style, bad) in [
        ("background:url(x)", "`url(`"),
        ("width: expression(alert(1))", "`expression(`"),
        ("color: red} body{color:blue", "`{`"),
        ("color: re\\64", "`\\`"),
        ("@import x", "not a `property: value`"),
        ("color", "not a `property: value`"),
    ] {
        let got = error(&format!("a <span style=\"{style}\">b</span>\n"));
        assert!(
            got.starts_with("4: the `style` attribute on `<span>`"),
            "{got}"
        );
        assert!(got.contains(bad), "{style}: {got}");
    }
    // A `<style>` element is not an attribute: still refused.
    assert!(error("<style>p{}</style>\n").starts_with("4: the HTML element `<style>`"));
}

#[test]
fn frames_from_https_with_a_title_are_kept() {
    let source = "---\ntitle: T\n---\n<iframe src=\"https://player.example.org/v/1\" title=\"Une vidéo\" width=\"560\" height=\"100%\" frameborder=\"0\" style=\"border:0\" allowfullscreen></iframe>\n";
    let p = parse_page(&PageSource::alone("t.md"), source).unwrap();
    let Block::Paragraph(inlines) = &p.article.lead[0] else {
        panic!("{:?}", p.article.lead)
    };
    let [Inline::Embed(embed)] = inlines.as_slice() else {
        panic!("{inlines:?}")
    };
    assert_eq!(embed.src, "https://player.example.org/v/1");
    assert_eq!(embed.title, "Une vidéo");
    assert_eq!((embed.width, embed.height), (Some(560), None));
    assert!(embed.allow_fullscreen);
    assert_eq!(embed.video, None);
    assert_eq!(embed.origin(), "https://player.example.org");
    assert_eq!(embed.style.len(), 1);
    assert_eq!(
        crate::walk::styles(&p.article),
        std::slice::from_ref(&embed.style)
    );
    assert_eq!(
        p.notes,
        ["t.md:4: left out, nothing here draws them: `<iframe frameborder>`"]
    );
}

#[test]
fn youtube_frames_become_videos_played_from_youtube_nocookie() {
    for src in [
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://youtube.com/embed/dQw4w9WgXcQ?si=abc&start=3",
    ] {
        let a = page(&format!(
            "\n<iframe src=\"{src}\" title=\"Clip\"></iframe>\n"
        ));
        let Block::Paragraph(inlines) = &a.lead[0] else {
            panic!("{:?}", a.lead)
        };
        let [Inline::Embed(embed)] = inlines.as_slice() else {
            panic!("{inlines:?}")
        };
        assert_eq!(embed.video.as_deref(), Some("dQw4w9WgXcQ"), "{src}");
        assert_eq!(
            embed.src,
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        );
        assert_eq!(embed.origin(), "https://www.youtube-nocookie.com");
        assert_eq!(
            embed.watch_url().as_deref(),
            Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        );
    }
}

#[test]
fn frame_and_script_errors_name_the_line_and_say_what_to_write() {
    let cases: &[(&str, &str)] = &[
        ("<iframe src=\"https://ex.org/\"></iframe>\n", "4: `<iframe>` without a `title`"),
        ("\n<iframe src=\"http://ex.org/\" title=\"t\"></iframe>\n", "5: `<iframe src=\"http://ex.org/\">`: a frame must come from an `https://` address"),
        ("<iframe src=\"javascript:x\" title=\"t\"></iframe>\n", "4: `javascript:x`"),
        ("<iframe src=\"data:text/html,x\" title=\"t\"></iframe>\n", "4: `data:text/html,x`"),
        ("<iframe srcdoc=\"<p>x</p>\" title=\"t\"></iframe>\n", "4: the `srcdoc` attribute on `<iframe>` is not allowed"),
        ("<iframe src=\"https://ex.org/\" title=\"t\" onload=\"x()\"></iframe>\n", "4: the `onload` attribute"),
        ("<script>alert(1)</script>\n", "4: the HTML element `<script>` is not allowed: pages run no script of their own. To show code, put it in a fenced code block"),
        ("<script src=\"https://gist.github.com/u/abc.js\"></script>\n", "4: the HTML element `<script>` is not allowed: pages run no script of their own. Link to the gist instead, `[the gist](https://gist.github.com/u/abc)`"),
    ];
    for (body, expected) in cases {
        let got = error(body);
        assert!(
            got.starts_with(expected),
            "{body:?}: expected {expected:?}, got {got:?}"
        );
    }
}
