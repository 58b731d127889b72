//! The build's prerender step as the owner meets it: a broken Markdown file fails the build
//! with `file:line: problem`, and a good one yields every file of the site.
#![cfg(feature = "ssr")]

use std::path::PathBuf;
use std::process::Command;

/// Trunk's `index.html`, as the hook finds it in the staging directory.
const TEMPLATE: &str = include_str!("fixtures/trunk-index.html");

fn staging(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cpd-prerender-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), TEMPLATE).unwrap();
    dir
}

fn run(dir: &PathBuf, content: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_prerender"))
        .env("TRUNK_STAGING_DIR", dir)
        .env("TRUNK_PUBLIC_URL", "/")
        .env("SITE_URL", "https://ex.org")
        .env("CONTENT_DIR", content)
        .output()
        .expect("the prerender binary runs")
}

#[test]
fn a_broken_markdown_file_fails_naming_file_and_line() {
    let dir = staging("broken");
    let source =
        include_str!("../content/chef-projet-digital.md").replace("{: #missions}", "{: .missions}");
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("broken.md"), source).unwrap();
    let out = run(&dir, content.to_str().unwrap());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = include_str!("../content/chef-projet-digital.md")
        .lines()
        .position(|l| l == "{: #missions}")
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("broken.md:{line}:")), "{stderr}");
    assert!(stderr.contains("{: #id}"), "{stderr}");
    assert!(
        !dir.join("chef-projet-digital.html").exists(),
        "nothing is written on failure"
    );
}

#[test]
fn a_good_file_yields_every_page_and_host_file() {
    let dir = staging("good");
    let out = run(&dir, "content");
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
    assert!(page.contains("const worker = null;"));
    // Running it again over its own output must not re-template a prerendered page.
    let again = run(&dir, "content");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already a prerendered page"));
}
