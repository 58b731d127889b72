//! The build's prerender step as the owner meets it: a broken Markdown file fails the build
//! with `file:line: problem`, and a good one yields every file of the site.
use std::path::Path;
use std::process::Command;

/// Trunk's `index.html`, as the hook finds it in the staging directory.
const TEMPLATE: &str = include_str!("../../../tests/fixtures/trunk-index.html");
const SEARCH_GLUE: &str = include_str!("../../../tests/fixtures/trunk-search.js");

/// The client's article, read from `content/` when a test needs it: never compiled in.
fn client_article_source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/chef-projet-digital.md"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// The project's content folder.
const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");

/// A staging directory holding Trunk's template, removed when dropped.
fn staging() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), TEMPLATE).unwrap();
    // The search's glue, wasm and stylesheet, as Trunk leaves them.
    std::fs::write(dir.path().join("search.js"), SEARCH_GLUE).unwrap();
    std::fs::write(dir.path().join("search_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.path().join("search-0123456789abcdef.css"), ".search {}").unwrap();
    dir
}

/// The project's tables of words.
const I18N: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n");

fn run(dir: &Path, content: &Path) -> std::process::Output {
    run_with_words(dir, content, Path::new(I18N))
}

fn run_with_words(dir: &Path, content: &Path, i18n: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_prerender"))
        .env("TRUNK_STAGING_DIR", dir)
        .env("TRUNK_PUBLIC_URL", "/")
        .env("SITE_URL", "https://ex.org")
        .env("CONTENT_DIR", content)
        .env("I18N_DIR", i18n)
        .env_remove("CPD_TEST_DATA")
        .output()
        .expect("the prerender binary runs")
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
    let out = run_with_words(dir, Path::new(CONTENT), &i18n);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
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
    let out = run(dir, &content);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
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
    let out = run(dir, Path::new(CONTENT));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    let page = std::fs::read_to_string(dir.join("chef-projet-digital.html")).unwrap();
    assert!(page.contains("id=\"structure\""));
    assert!(
        page.contains("<leptos-island"),
        "the islands are in the page"
    );
    assert!(!page.contains("import init"), "Trunk's loader is replaced");
    // A development build does not register the service worker.
    assert!(page.contains("\"worker\":null"), "{page}");
    // No test asked for the tests' data: none is written.
    assert!(!dir.join("facts.json").exists());
    // Running it again over its own output must not re-template a prerendered page.
    let again = run(dir, Path::new(CONTENT));
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already a prerendered page"));
}

/// A content folder of one page, `name`, whose front matter has `front` besides its title.
fn one_page(name: &str, title: &str) -> tempfile::TempDir {
    let content = tempfile::tempdir().unwrap();
    let page = format!("---\ntitle: {title}\nsummary: Un résumé.\n---\n\nDu texte.\n");
    std::fs::write(content.path().join(name), page).unwrap();
    content
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_settings_file_that_cannot_be_read_fails_the_build() {
    let staged = staging();
    let content = one_page("index.md", "Accueil");
    std::os::unix::fs::symlink("ailleurs.yml", content.path().join("_config.yml")).unwrap();
    let out = run(staged.path(), content.path());
    assert!(!out.status.success());
    let shown = format!(
        "{}/_config.yml: cannot read the settings: ",
        content.path().display()
    );
    assert!(stderr(&out).contains(&shown), "{}", stderr(&out));
}

#[test]
fn an_entry_that_cannot_be_followed_fails_the_build_naming_it() {
    let staged = staging();
    let content = one_page("index.md", "Accueil");
    std::os::unix::fs::symlink("disparue.md", content.path().join("perdue.md")).unwrap();
    let out = run(staged.path(), content.path());
    assert!(!out.status.success());
    let shown = format!(
        "{}/perdue.md: a link to nothing: its target does not exist: ",
        content.path().display()
    );
    assert!(stderr(&out).contains(&shown), "{}", stderr(&out));
    assert!(!staged.path().join("index.md").exists());
}

#[test]
fn every_other_file_of_the_folder_is_copied() {
    let staged = staging();
    let content = one_page("index.md", "Accueil");
    std::fs::create_dir(content.path().join("docs")).unwrap();
    std::fs::write(content.path().join("docs/notice.pdf"), "%PDF").unwrap();
    std::fs::write(content.path().join(".cache"), "x").unwrap();
    let out = run(staged.path(), content.path());
    assert!(out.status.success(), "{}", stderr(&out));
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
    let out = run(staged.path(), content.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(staged.path().join("Réunion d'équipe.html")).unwrap();
    assert!(
        !page.contains("<script>alert"),
        "no script of the title's is written"
    );
    assert_eq!(
        page.matches("</script>").count(),
        page.matches("<script").count()
    );
    assert!(
        page.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;</title>"),
        "the title is text: {page}"
    );
    let ld_start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let ld_end = ld_start + page[ld_start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[ld_start..ld_end]).unwrap();
    assert_eq!(
        ld["headline"],
        "</script><script>alert(1)</script> & <b>gras</b>"
    );
    let address = "https://ex.org/R%C3%A9union%20d'%C3%A9quipe";
    assert_eq!(ld["url"], address);
    assert!(
        page.contains(&format!("<link href=\"{address}\" rel=\"canonical\">")),
        "{page}"
    );
    let sitemap = std::fs::read_to_string(staged.path().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://ex.org/R%C3%A9union%20d&apos;%C3%A9quipe</loc>"),
        "{sitemap}"
    );
}

#[test]
fn the_tests_data_is_written_only_where_a_test_asks() {
    let staged = staging();
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_prerender"))
        .env("TRUNK_STAGING_DIR", staged.path())
        .env("TRUNK_PUBLIC_URL", "/")
        .env("CONTENT_DIR", CONTENT)
        .env("I18N_DIR", I18N)
        .env("CPD_TEST_DATA", data.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let facts: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.path().join("facts.json")).unwrap()).unwrap();
    assert_eq!(facts["hashed_pattern"], cpd_publish::policy::HASHED_PATTERN);
    assert!(facts["csp_header"].as_str().unwrap().contains("'sha256-"));
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
    let fixture = Path::new(CONTENT).join("../tests/fixtures/site");
    let out = run(dir, &fixture);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |file: &str| {
        let xml = std::fs::read_to_string(dir.join(file)).unwrap();
        let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
        (xml, feed)
    };
    let (xml, french) = read("feed.xml");
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">"));
    assert_eq!(french.feed_type, feed_rs::model::FeedType::Atom);
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
    assert!(
        body.contains("Du texte en <em>italique"),
        "the full content"
    );
    assert!(
        body.contains("src=\"https://ex.org/images/paysage-"),
        "absolute images"
    );
    for attribute in ["href=\"", "src=\""] {
        for address in body.split(attribute).skip(1) {
            assert!(
                address.starts_with("https://")
                    || address.starts_with("http://")
                    || address.starts_with("mailto:"),
                "a relative address in the feed: {attribute}{}",
                &address[..address.len().min(60)]
            );
        }
    }
    assert!(!body.contains("copy-link") && !body.contains("leptos-island"));
    let (xml, english) = read("en/feed.xml");
    assert!(xml.contains("xml:lang=\"en\""));
    assert_eq!(english.id, "https://ex.org/en/feed.xml");
    assert_eq!(english.entries.len(), 1);
    assert_eq!(english.entries[0].id, "https://ex.org/en/reading/");
    assert_eq!(english.entries[0].authors[0].name, "Alex Doe");
    // Each page links its own language's feed; a second build writes the same feeds.
    let page = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    let link = |href: &str| {
        format!("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Site d'essai\" href=\"{href}\">")
    };
    assert!(
        page("guide/syntaxe.html").contains(&link("/feed.xml")),
        "{}",
        page("guide/syntaxe.html")
    );
    assert!(page("en/reading/index.html").contains(&link("/en/feed.xml")));
    let other = staging();
    assert!(run(other.path(), &fixture).status.success());
    for file in ["feed.xml", "en/feed.xml"] {
        let [first, second] = [dir, other.path()].map(|d| std::fs::read(d.join(file)).unwrap());
        assert!(first == second, "{file} differs from one build to the next");
    }
}

/// The README's « Start your own site », step by step: its files are read from the README
/// (the fenced blocks marked `file=…`), written into an empty content folder, and the site is
/// built and checked as the guide says it comes out.
#[test]
fn guide_site_builds_as_the_readme_says() {
    let readme = include_str!("../../../README.md");
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
    let out = run(dir, &content);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no page: the folder has no Markdown file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
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
    let out = run(dir, &content);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |file: &str| {
        std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    for page in ["index.html", "en/index.html", "carnet.html"] {
        let html = read(page);
        assert!(
            html.contains("class=\"site-name\">Atelier Lumière</a>"),
            "{page}"
        );
        assert!(
            html.contains("aria-label=\"Pages du site\"")
                || html.contains("aria-label=\"Site pages\""),
            "{page}"
        );
        let menu = html
            .split("class=\"site-menu\"")
            .nth(1)
            .and_then(|m| m.split("</nav>").next())
            .unwrap_or_default();
        assert!(menu.contains(">Carnet de l’atelier</a>"), "{page}: {menu}");
    }
    for page in ["index.html", "en/index.html"] {
        let html = read(page);
        assert!(
            html.contains(">Français</a>") && html.contains(">English</a>"),
            "{page}"
        );
    }
    assert!(!read("carnet.html").contains(">English</a>"));
    let french = feed_rs::parser::parse(read("feed.xml").as_bytes()).unwrap();
    assert_eq!(french.entries.len(), 2);
    assert_eq!(
        french.entries[0].id, "https://ex.org/carnet.html",
        "newest first"
    );
    let english = feed_rs::parser::parse(read("en/feed.xml").as_bytes()).unwrap();
    assert_eq!(english.entries.len(), 1);
    assert!(read("en/index.html").contains("href=\"/en/feed.xml\""));
    assert!(read("sitemap.xml").contains("hreflang=\"x-default\" href=\"https://ex.org/\""));
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
    let out = run(dir, &content);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheets: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("content-") && n.ends_with(".css"))
        .collect();
    assert_eq!(sheets.len(), 1, "{sheets:?}");
    let sheet = &sheets[0];
    let css = std::fs::read_to_string(dir.join(sheet)).unwrap();
    assert_eq!(css.lines().count(), 2, "{css}");
    let page = std::fs::read_to_string(dir.join("styles.html")).unwrap();
    assert!(page.contains(&format!("href=\"/{sheet}\"")), "{page}");
    assert!(!page.contains("style=\""), "no inline style");
    let client = std::fs::read_to_string(dir.join("chef-projet-digital.html")).unwrap();
    assert!(
        !client.contains("content-"),
        "a page without styles links nothing more"
    );
    assert!(std::fs::read_to_string(dir.join("sw.js"))
        .unwrap()
        .contains(sheet.as_str()));
    let headers = std::fs::read_to_string(dir.join("_headers")).unwrap();
    assert!(
        headers.contains("frame-src 'self' https://www.youtube-nocookie.com"),
        "{headers}"
    );
    assert!(headers.contains("style-src 'self';"), "{headers}");
    assert!(!headers.contains("unsafe-inline"), "{headers}");
}
