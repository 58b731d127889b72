//! The fixture site and every broken page.

use super::*;
use crate::model::{Block, Inline};
use std::path::PathBuf;

pub(super) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

#[test]
fn a_page_gets_the_menu_in_its_language_else_in_the_sites() {
    let site = load_site(&fixture("site"), "site", &Overrides::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let menu = |lang: &str| -> Vec<String> {
        site.menu_in(lang)
            .iter()
            .map(|p| format!("{} {}", p.lang, p.title))
            .collect()
    };
    // The English menu page's French translation takes its place; the French pages have no
    // English one.
    assert_eq!(
        menu("fr"),
        [
            "fr Site d’essai",
            "fr Guide de la syntaxe",
            "fr Notes de lecture"
        ]
    );
    assert_eq!(menu("en"), ["en Reading notes"]);
    // A language without menu pages: the site's.
    assert_eq!(menu("de"), menu("fr"));
}

#[test]
fn the_fixture_site_loads_with_its_links_resolved() {
    let site = load_site(&fixture("site"), "site", &Overrides::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let permalinks: Vec<&str> = site.pages.iter().map(|p| p.permalink.as_str()).collect();
    assert_eq!(
        permalinks,
        [
            "/en/reading/index.html",
            "/extras/tags.html",
            "/guide/syntaxe.html",
            "/index.html",
            "/lectures.html"
        ],
        "`_` files and unpublished pages are left out"
    );
    assert_eq!(site.settings.title.as_deref(), Some("Site d'essai"));
    let menu: Vec<&str> = site.menu().iter().map(|p| p.title.as_str()).collect();
    assert_eq!(menu.len(), 3, "{menu:?}");
    assert_eq!(
        site.home().map(|p| p.permalink.as_str()),
        Some("/index.html")
    );
    let english = &site.pages[0];
    assert_eq!(english.lang, "en");
    assert!(english.toc.is_empty(), "toc: false");
    // Links to pages are resolved to their addresses; files are copied.
    let mut hrefs = Vec::new();
    let mut home = site.pages[3].clone();
    crate::walk::inlines_mut(&mut home, &mut |i| {
        if let Inline::Link(l) = i {
            hrefs.push(l.href.clone());
        }
    });
    assert!(hrefs.iter().any(|h| h == "/guide/syntaxe"), "{hrefs:?}");
    assert!(hrefs.iter().any(|h| h == "/en/reading/"), "{hrefs:?}");
    assert!(site.files.iter().any(|f| f.output.ends_with("exemple.txt")));
    let image = site
        .files
        .iter()
        .find(|f| f.output.starts_with("images/paysage-"))
        .expect("hashed image");
    let hash = image
        .output
        .trim_start_matches("images/paysage-")
        .trim_end_matches(".png");
    assert!(
        hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{}",
        image.output
    );
    // French typography on French pages only, never in code.
    let guide = &site.pages[2];
    let code = guide
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Code(c) => Some(c),
            _ => None,
        })
        .expect("a code block");
    assert!(!code
        .lines
        .iter()
        .flatten()
        .any(|t| t.text.contains('\u{202f}')));
    assert!(guide
        .sections
        .iter()
        .any(|s| s.heading_text().ends_with("\u{202f}?")));
}

#[test]
fn translations_are_the_pages_that_share_a_ref_by_language() {
    let site = load_site(&fixture("site"), "site", &Overrides::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let english = site
        .pages
        .iter()
        .find(|p| p.permalink == "/en/reading/index.html")
        .unwrap();
    let langs: Vec<(&str, &str)> = site
        .translations(english)
        .iter()
        .map(|p| (p.lang.as_str(), p.permalink.as_str()))
        .collect();
    assert_eq!(
        langs,
        [("en", "/en/reading/index.html"), ("fr", "/lectures.html")]
    );
    let guide = site
        .pages
        .iter()
        .find(|p| p.permalink == "/guide/syntaxe.html")
        .unwrap();
    assert!(site.translations(guide).is_empty());
}

#[test]
fn each_broken_page_fails_naming_file_line_and_cause() {
    let dir = fixture("broken");
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let (location, keyword) = line.split_once(": ").unwrap();
        let (file, number) = location.rsplit_once(':').unwrap();
        let scratch = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = file.trim_end_matches("-b.md").trim_end_matches("-a.md");
            if name == file
                || name.ends_with(".png")
                || (file.contains("duplicate") && name.starts_with(stem))
            {
                std::fs::copy(entry.path(), scratch.path().join(&name)).unwrap();
            }
        }
        let error = load_site(scratch.path(), "content", &Overrides::default()).expect_err(line);
        assert_eq!(error.file, format!("content/{file}"), "{line}: {error}");
        assert_eq!(error.line().to_string(), number, "{line}: {error}");
        assert!(error.message.contains(keyword), "{line}: {error}");
    }
}

/// A small Jekyll site in a temporary folder.
fn jekyll_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A page's text, its links' hrefs, and its code blocks' text.
fn text_links_and_code(page: &Article) -> (String, Vec<String>, Vec<String>) {
    let (mut text, mut hrefs, mut code) = (String::new(), Vec::new(), Vec::new());
    crate::walk::inlines(page, &mut |i| match i {
        Inline::Text(t) => text.push_str(t),
        Inline::Link(l) => hrefs.push(l.href.clone()),
        _ => {}
    });
    crate::walk::blocks(page, &mut |b| {
        if let Block::Code(c) = b {
            let lines: Vec<String> = c
                .lines
                .iter()
                .map(|l| l.iter().map(|t| t.text.as_str()).collect())
                .collect();
            code.push(lines.join("\n"));
        }
    });
    (text, hrefs, code)
}

#[test]
fn the_liquid_of_a_jekyll_site_runs_before_the_markdown() {
    let site = jekyll_site(&[
        ("_config.yml", "title: Mon blog\nlang: en\npermalink: pretty\n"),
        (
            "_posts/2024-01-02-hello.md",
            "---\ntitle: Hello\n---\nFirst post.\n",
        ),
        ("_includes/note.html", "Note from {{ include.who }}."),
        ("about.md", "---\ntitle: About\n---\nAbout me.\n"),
        (
            "index.md",
            "---\ntitle: Home\nsubtitle: Welcome\n---\n{{ page.subtitle }} to {{ site.title }}.\n\nSee [the post]({% post_url 2024-01-02-hello %}) and [me]({% link about.md %}).\n\n{% include note.html who=\"Ana\" %}\n\n{% comment %}\nhidden\n{% endcomment %}\n{% highlight rust %}\nfn main() {}\n{% endhighlight %}\n\n```yaml\nsha: ${{ github.sha }}\n```\n",
        ),
    ]);
    let site =
        load_site(site.path(), "content", &Overrides::default()).unwrap_or_else(|e| panic!("{e}"));
    let home = site.pages.iter().find(|p| p.title == "Home").unwrap();
    let (text, hrefs, code) = text_links_and_code(home);
    assert!(text.contains("Welcome to Mon blog."), "{text}");
    assert!(text.contains("Note from Ana."), "{text}");
    assert!(!text.contains("hidden"), "{text}");
    assert_eq!(hrefs, ["/2024/01/02/hello/", "/about/"]);
    assert_eq!(code, ["fn main() {}", "sha: ${{ github.sha }}"]);
    let post = site.pages.iter().find(|p| p.title == "Hello").unwrap();
    assert_eq!(post.permalink, "/2024/01/02/hello/index.html");
    assert_eq!(post.post.as_ref().unwrap().excerpt, "First post.");
    assert_eq!(site.account.posts, 1);
    assert_eq!(site.account.pages, 2);
}

#[test]
fn liquid_outside_the_subset_fails_naming_file_line_and_construct() {
    for (body, line, construct) in [
        (
            "Intro.\n\n{% for post in site.posts %}x{% endfor %}\n",
            6,
            "{% for",
        ),
        (
            "See {% post_url 2020-01-01-nowhere %}.\n",
            4,
            "2020-01-01-nowhere",
        ),
        ("[x]({% link nowhere.md %})\n", 4, "nowhere.md"),
    ] {
        let dir = jekyll_site(&[("page.md", &format!("---\ntitle: P\n---\n{body}"))]);
        let e = load_site(dir.path(), "content", &Overrides::default()).unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.line),
            ("content/page.md", Some(line)),
            "{e}"
        );
        assert!(e.to_string().contains(construct), "{e}");
    }
}

#[test]
fn redirects_lead_from_old_addresses_and_moved_pages_leave_the_site() {
    let dir = jekyll_site(&[
        (
            "a.md",
            "---\ntitle: A\nredirect_from: [/old-a/, old.html]\n---\nText.\n",
        ),
        (
            "b.md",
            "---\ntitle: B\nredirect_to: https://elsewhere.example/b\n---\nGone.\n",
        ),
    ]);
    let site = load_site(dir.path(), "content", &Overrides::default()).unwrap();
    let permalinks: Vec<&str> = site.pages.iter().map(|p| p.permalink.as_str()).collect();
    assert_eq!(permalinks, ["/a.html"]);
    let redirects: Vec<(&str, &str)> = site
        .redirects
        .iter()
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(
        redirects,
        [
            ("/old-a/index.html", "/a"),
            ("/old.html", "/a"),
            ("/b.html", "https://elsewhere.example/b"),
        ]
    );
    let clash = jekyll_site(&[
        (
            "a.md",
            "---\ntitle: A\nredirect_from: /b.html\n---\nText.\n",
        ),
        ("b.md", "---\ntitle: B\n---\nText.\n"),
    ]);
    let e = load_site(clash.path(), "content", &Overrides::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "content/a.md: `redirect_from` names `/b`, which is also an address of `content/b.md`"
    );
}

#[test]
fn the_home_page_without_a_title_takes_the_site_s_and_others_still_need_one() {
    let dir = jekyll_site(&[
        ("_config.yml", "title: Mon site\n"),
        ("index.md", "---\nlayout: home\n---\nWelcome.\n"),
    ]);
    let site = load_site(dir.path(), "content", &Overrides::default()).unwrap();
    assert_eq!(site.pages[0].title, "Mon site");
    let dir = jekyll_site(&[
        ("_config.yml", "title: Mon site\n"),
        ("about.md", "---\nlayout: page\n---\nMe.\n"),
    ]);
    let e = load_site(dir.path(), "content", &Overrides::default()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("content/about.md:1: front matter has no `title`"),
        "{e}"
    );
}
