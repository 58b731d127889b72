//! The build's prerender step as the owner meets it: a broken Markdown file fails the build
//! with `file:line: problem`, and a good one yields every file of the site. The fixture sites'
//! files as a whole are compared with their snapshots (`snapshots.rs`); these tests read the
//! facts they check from the files parsed.
mod common;

use std::path::Path;

use common::*;

/// The islands' loader, as a development build writes it.
const LOADER: &str = include_str!("../src/loader.js");

/// The client's article, read from `content/` when a test needs it: never compiled in.
fn client_article_source() -> String {
    repo_file("content/chef-projet-digital.md")
}

/// A table of words missing a key fails the build, naming the file and the key.
#[test]
fn a_table_of_words_missing_a_key_fails_naming_file_and_key() {
    let staged = staging();
    let dir = staged.path();
    let i18n = dir.join("words");
    std::fs::create_dir_all(&i18n).unwrap();
    for lang in ["fr", "en"] {
        let text = std::fs::read_to_string(Path::new(I18N).join(format!("{lang}.toml"))).unwrap();
        let text = match lang {
            "fr" => text.replace("back_to_top = \"Haut de page\"\n", ""),
            _ => text,
        };
        std::fs::write(i18n.join(format!("{lang}.toml")), text).unwrap();
    }
    let stderr = Prerender::new(dir, Path::new(CONTENT)).words(&i18n).fails();
    assert!(stderr.contains("words/fr.toml"), "{stderr}");
    assert!(stderr.contains("back_to_top"), "{stderr}");
}

#[test]
fn a_broken_markdown_file_fails_naming_file_and_line() {
    let staged = staging();
    let dir = staged.path();
    let article = client_article_source();
    let source = article.replace("{: #missions}", "{: .missions!}");
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("broken.md"), source).unwrap();
    let stderr = Prerender::new(dir, &content).fails();
    let line = article.lines().position(|l| l == "{: #missions}").unwrap() + 1;
    assert!(stderr.contains(&format!("broken.md:{line}:")), "{stderr}");
    assert!(stderr.contains("is not a class name"), "{stderr}");
    assert!(
        !dir.join("chef-projet-digital.html").exists(),
        "nothing is written on failure"
    );
}

#[test]
fn a_good_file_yields_every_page_and_host_file() {
    let staged = staging();
    let dir = staged.path();
    Prerender::new(dir, Path::new(CONTENT)).succeeds();
    for file in [
        "index.html",
        "chef-projet-digital.html",
        "404.html",
        "sw.js",
        "nginx-site.conf",
        "sitemap.xml",
        "robots.txt",
        "_headers",
    ] {
        assert!(dir.join(file).exists(), "{file}");
    }
    // Precompressed twins are a release build's: a development build is remade on every save.
    assert!(!dir.join("chef-projet-digital.html.br").exists());
    let page = read(dir, "chef-projet-digital.html");
    assert_eq!(
        select(&page, "#structure").len(),
        1,
        "the section « structure »"
    );
    assert!(
        !select(&page, "leptos-island").is_empty(),
        "the islands are in the page"
    );
    // Trunk's loader is replaced: the page's one module is the islands' loader.
    let modules: Vec<String> = select(&page, "script[type=module]")
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert!(modules == [LOADER], "{modules:?}");
    // A development build does not register the service worker.
    let boot: serde_json::Value =
        serde_json::from_str(&one(&page, "script#cpd-boot").text).unwrap();
    assert_eq!(boot["worker"], serde_json::Value::Null, "{boot}");
    // No test asked for the tests' data: none is written.
    assert!(!dir.join("facts.json").exists());
    // Running it again over its own output must not re-template a prerendered page.
    let again = Prerender::new(dir, Path::new(CONTENT)).fails();
    assert!(again.contains("already a prerendered page"), "{again}");
}

/// A content folder of one page, `name`, whose front matter has `front` besides its title.
fn one_page(name: &str, title: &str) -> tempfile::TempDir {
    let content = tempfile::tempdir().unwrap();
    let page = format!("---\ntitle: {title}\nsummary: Un résumé.\n---\n\nDu texte.\n");
    std::fs::write(content.path().join(name), page).unwrap();
    content
}

#[test]
fn a_settings_file_that_cannot_be_read_fails_the_build() {
    let staged = staging();
    let content = one_page("index.md", "Accueil");
    std::os::unix::fs::symlink("ailleurs.yml", content.path().join("_config.yml")).unwrap();
    let stderr = Prerender::new(staged.path(), content.path()).fails();
    let shown = format!(
        "{}/_config.yml: cannot read the settings: ",
        content.path().display()
    );
    assert!(stderr.contains(&shown), "{stderr}");
}

#[test]
fn an_entry_that_cannot_be_followed_fails_the_build_naming_it() {
    let staged = staging();
    let content = one_page("index.md", "Accueil");
    std::os::unix::fs::symlink("disparue.md", content.path().join("perdue.md")).unwrap();
    let stderr = Prerender::new(staged.path(), content.path()).fails();
    let shown = format!(
        "{}/perdue.md: a link to nothing: its target does not exist: ",
        content.path().display()
    );
    assert!(stderr.contains(&shown), "{stderr}");
    assert!(!staged.path().join("index.md").exists());
}

#[test]
fn every_other_file_of_the_folder_is_copied() {
    let staged = staging();
    let content = one_page("index.md", "Accueil");
    std::fs::create_dir(content.path().join("docs")).unwrap();
    std::fs::write(content.path().join("docs/notice.pdf"), "%PDF").unwrap();
    std::fs::write(content.path().join(".cache"), "x").unwrap();
    Prerender::new(staged.path(), content.path()).succeeds();
    assert!(staged.path().join("docs/notice.pdf").exists());
    assert!(
        !staged.path().join(".cache").exists(),
        "hidden names are left out"
    );
}

#[test]
fn front_matter_text_never_changes_the_page_structure() {
    let staged = staging();
    let title = "\"</script><script>alert(1)</script> & <b>gras</b>\"";
    let content = one_page("Réunion d'équipe.md", title);
    Prerender::new(staged.path(), content.path()).succeeds();
    let page = read(staged.path(), "Réunion d'équipe.html");
    let raw = "</script><script>alert(1)</script> & <b>gras</b>";
    // The page's scripts are the template's and the build's, none of the title's.
    let scripts: Vec<Option<String>> = select(&page, "script")
        .into_iter()
        .map(|s| s.attr("type").map(String::from))
        .collect();
    assert_eq!(
        scripts,
        [
            None,
            Some("application/json".into()),
            Some("module".into()),
            Some("application/ld+json".into()),
            Some("speculationrules".into()),
        ]
    );
    assert_eq!(one(&page, "title").text, raw, "the title is text");
    assert!(select(&page, "b").is_empty(), "{page}");
    let ld: serde_json::Value =
        serde_json::from_str(&one(&page, "script[type='application/ld+json']").text).unwrap();
    assert_eq!(ld["headline"], raw);
    let address = "https://ex.org/R%C3%A9union%20d'%C3%A9quipe";
    assert_eq!(ld["url"], address);
    assert_eq!(
        one(&page, "link[rel=canonical]").attr("href"),
        Some(address)
    );
    let sitemap = read(staged.path(), "sitemap.xml");
    assert!(
        xml_texts(&sitemap, "loc").contains(&address.to_string()),
        "{sitemap}"
    );
}

#[test]
fn the_tests_data_is_written_only_where_a_test_asks() {
    let staged = staging();
    let data = tempfile::tempdir().unwrap();
    Prerender::new(staged.path(), Path::new(CONTENT))
        .test_data(data.path())
        .succeeds();
    let facts: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.path().join("facts.json")).unwrap()).unwrap();
    assert_eq!(facts["hashed_pattern"], cpd_publish::policy::HASHED_PATTERN);
    let policy = csp(facts["csp_header"].as_str().unwrap());
    assert!(
        policy["script-src"]
            .iter()
            .any(|s| s.starts_with("'sha256-")),
        "{policy:?}"
    );
    let model: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.path().join("chef-projet-digital.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(model["title"], "Chef de Projet Digital");
    assert!(
        !staged.path().join("facts.json").exists(),
        "never in the site"
    );
}

/// The fixture site's feeds, read by a maintained feed parser: one per language, each entry
/// whole, every address absolute, linked from the pages of its language.
#[test]
fn each_language_has_an_atom_feed_that_a_feed_reader_reads_whole() {
    let staged = staging();
    let dir = staged.path();
    Prerender::new(dir, Path::new(FIXTURE_SITE)).succeeds();
    let read_feed = |file: &str| feed_rs::parser::parse(read(dir, file).as_bytes()).unwrap();
    let french = read_feed("feed.xml");
    assert_eq!(french.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(french.language.as_deref(), Some("fr"));
    assert_eq!(french.id, "https://ex.org/feed.xml");
    assert_eq!(french.title.as_ref().unwrap().content, "Site d'essai");
    assert!(french
        .description
        .as_ref()
        .unwrap()
        .content
        .starts_with("Un petit site"));
    assert_eq!(french.authors[0].name, "Équipe d'essai");
    // The newest change of its pages: the guide's, at 09:30 in Paris.
    assert_eq!(
        french.updated.unwrap().to_rfc3339(),
        "2024-06-10T07:30:00+00:00"
    );
    let titles: Vec<&str> = french
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let guide = french
        .entries
        .iter()
        .find(|e| e.id == "https://ex.org/guide/syntaxe.html")
        .expect("the guide's entry, by its address");
    assert_eq!(guide.links[0].href, "https://ex.org/guide/syntaxe");
    assert_eq!(
        guide.published.unwrap().to_rfc3339(),
        "2024-05-02T00:00:00+00:00"
    );
    assert_eq!(
        guide.updated.unwrap().to_rfc3339(),
        "2024-06-10T07:30:00+00:00"
    );
    assert_eq!(guide.authors[0].name, "Camille Martin");
    assert!(guide
        .summary
        .as_ref()
        .unwrap()
        .content
        .starts_with("Chaque construction Markdown"));
    let body = guide.content.as_ref().unwrap().body.as_ref().unwrap();
    // The full content: every section of the page.
    let sections = |html: &str| -> Vec<String> {
        select(html, "section[aria-labelledby]")
            .into_iter()
            .map(|s| s.attr("aria-labelledby").unwrap().to_string())
            .collect()
    };
    let page = read(dir, "guide/syntaxe.html");
    assert!(sections(&page).len() > 5);
    assert_eq!(sections(body), sections(&page));
    let images: Vec<Element> = select(body, "img");
    assert!(
        images.iter().any(|i| i
            .attr("src")
            .unwrap()
            .starts_with("https://ex.org/images/paysage-")),
        "absolute images: {images:?}"
    );
    for element in select(body, "[href], [src]") {
        for address in [element.attr("href"), element.attr("src")]
            .into_iter()
            .flatten()
        {
            assert!(
                ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|s| address.starts_with(s)),
                "a relative address in the feed: {element:?}"
            );
        }
    }
    assert!(
        select(body, ".copy-link, leptos-island").is_empty(),
        "no island in the feed"
    );
    let english = read_feed("en/feed.xml");
    assert_eq!(english.language.as_deref(), Some("en"));
    assert_eq!(english.id, "https://ex.org/en/feed.xml");
    assert_eq!(english.entries.len(), 1);
    assert_eq!(english.entries[0].id, "https://ex.org/en/reading/");
    assert_eq!(english.entries[0].authors[0].name, "Alex Doe");
    // Each page links its own language's feed.
    for (file, feed) in [
        ("guide/syntaxe.html", "/feed.xml"),
        ("en/reading/index.html", "/en/feed.xml"),
    ] {
        let link = one(&read(dir, file), "link[type='application/atom+xml']");
        assert_eq!(link.attr("rel"), Some("alternate"), "{file}");
        assert_eq!(link.attr("title"), Some("Site d'essai"), "{file}");
        assert_eq!(link.attr("href"), Some(feed), "{file}");
    }
}

/// The README's « Start your own site », step by step: its files are read from the README
/// (the fenced blocks marked `file=…`), written into an empty content folder, and the site is
/// built and checked as the guide says it comes out.
#[test]
fn guide_site_builds_as_the_readme_says() {
    let readme = repo_file("README.md");
    let guide = readme
        .split("\n### Start your own site\n")
        .nth(1)
        .and_then(|rest| rest.split("\n### ").next())
        .expect("the README has a « Start your own site » section");
    let staged = staging();
    let dir = staged.path();
    let content = dir.join("site-content");
    // 1. An empty content folder: the build says there is no page.
    std::fs::create_dir_all(&content).unwrap();
    let stderr = Prerender::new(dir, &content).fails();
    assert!(
        stderr.contains("no page: the folder has no Markdown file"),
        "{stderr}"
    );
    // 2 to 5: the guide's files.
    let mut files = 0;
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line
            .trim()
            .strip_prefix("```")
            .and_then(|info| info.split_once(" file="))
            .map(|(_, p)| p)
        else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim() != "```")
            .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
            .collect();
        let target = content.join(path.strip_prefix("content/").expect("under content/"));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, body.join("\n") + "\n").unwrap();
        files += 1;
    }
    assert_eq!(files, 4, "the guide's files");
    // 6. The build, and what it makes.
    Prerender::new(dir, &content).succeeds();
    let texts = |html: &str, selector: &str| -> Vec<String> {
        select(html, selector).into_iter().map(|e| e.text).collect()
    };
    for page in ["index.html", "en/index.html", "carnet.html"] {
        let html = read(dir, page);
        assert_eq!(one(&html, "a.site-name").text, "Atelier Lumière", "{page}");
        let menu = one(&html, "nav.site-menu");
        assert!(
            matches!(
                menu.attr("aria-label"),
                Some("Pages du site" | "Site pages")
            ),
            "{page}: {menu:?}"
        );
        // The menu in the page's language: the English page has the home page's translation,
        // and no French page.
        let expected: &[&str] = match page {
            "en/index.html" => &["Welcome to the workshop"],
            _ => &["Bienvenue à l’atelier", "Carnet de l’atelier"],
        };
        assert_eq!(
            texts(&html, "nav.site-menu a"),
            expected,
            "{page}: {menu:?}"
        );
    }
    // The language links: the two translations link each other; the notebook has none.
    for page in ["index.html", "en/index.html"] {
        let mut languages = texts(&read(dir, page), "a[hreflang]");
        languages.sort();
        assert_eq!(languages, ["English", "Français"], "{page}");
    }
    assert!(texts(&read(dir, "carnet.html"), "a[hreflang]").is_empty());
    let french = feed_rs::parser::parse(read(dir, "feed.xml").as_bytes()).unwrap();
    assert_eq!(french.entries.len(), 2);
    assert_eq!(
        french.entries[0].id, "https://ex.org/carnet.html",
        "newest first"
    );
    let english = feed_rs::parser::parse(read(dir, "en/feed.xml").as_bytes()).unwrap();
    assert_eq!(english.entries.len(), 1);
    assert_eq!(
        one(
            &read(dir, "en/index.html"),
            "link[type='application/atom+xml']"
        )
        .attr("href"),
        Some("/en/feed.xml")
    );
    let alternates = xml_elements(&read(dir, "sitemap.xml"), "xhtml:link");
    assert!(
        alternates
            .iter()
            .any(|a| a["hreflang"] == "x-default" && a["href"] == "https://ex.org/"),
        "{alternates:?}"
    );
}

#[test]
fn styles_become_one_linked_stylesheet_and_videos_one_frame_origin() {
    let staged = staging();
    let dir = staged.path();
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("chef-projet-digital.md"),
        client_article_source(),
    )
    .unwrap();
    std::fs::write(
        content.join("styles.md"),
        "---\ntitle: Styles\n---\n\n<span style=\"color:#c00\">a</span> <span style=\"color: #c00\">b</span> <span style=\"text-align:center\">c</span>\n\n<iframe src=\"https://www.youtube.com/embed/abcdefghijk\" title=\"Une vidéo\" allowfullscreen></iframe>\n",
    )
    .unwrap();
    Prerender::new(dir, &content).succeeds();
    let sheets: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("content-") && n.ends_with(".css"))
        .collect();
    assert_eq!(sheets.len(), 1, "{sheets:?}");
    let sheet = format!("/{}", sheets[0]);
    let css = read(dir, &sheets[0]);
    assert_eq!(css.lines().count(), 2, "{css}");
    let stylesheets = |page: &str| -> Vec<String> {
        select(&read(dir, page), "link[rel=stylesheet]")
            .into_iter()
            .filter_map(|l| l.attr("href").map(String::from))
            .collect()
    };
    assert!(stylesheets("styles.html").contains(&sheet));
    assert!(
        select(&read(dir, "styles.html"), "[style]").is_empty(),
        "no inline style"
    );
    assert!(
        !stylesheets("chef-projet-digital.html").contains(&sheet),
        "a page without styles links nothing more"
    );
    let (deploy, _) = worker(&read(dir, "sw.js"));
    assert!(
        deploy["hashed"]
            .as_array()
            .unwrap()
            .contains(&sheet.as_str().into()),
        "{deploy}"
    );
    let rules = headers(&read(dir, "_headers"));
    let policy = rules
        .iter()
        .find(|(path, _)| path == "/*")
        .and_then(|(_, list)| list.iter().find(|(n, _)| n == "Content-Security-Policy"))
        .map(|(_, value)| csp(value))
        .expect("a policy for every path");
    assert_eq!(
        policy["frame-src"],
        ["'self'", "https://www.youtube-nocookie.com"]
    );
    assert_eq!(policy["style-src"], ["'self'"]);
    assert!(
        policy.values().flatten().all(|s| s != "'unsafe-inline'"),
        "{policy:?}"
    );
}
