//! Addresses measured against Jekyll itself: each site of `tests/fixtures/jekyll/` is built by
//! Debian's Jekyll 4.3 (installed by `scripts/setup.sh`) and loaded by this project, and every
//! HTML file Jekyll writes must be a page, a post or a copied file of ours, and nothing more.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use cpd_content::settings::Overrides;
use cpd_content::site::load_site;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/jekyll")
}

/// The HTML files Jekyll writes for the site at `source`, relative to its output.
fn jekyll_html(source: &Path) -> BTreeSet<String> {
    let out = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let run = Command::new("jekyll")
        .args(["build", "--quiet", "--disable-disk-cache", "-s"])
        .arg(source)
        .arg("-d")
        .arg(out.path())
        .env("JEKYLL_NO_BUNDLER_REQUIRE", "1")
        .env("TZ", "UTC")
        .env("HOME", cache.path())
        .output()
        .expect("Jekyll runs: `bash scripts/setup.sh` installs Debian's jekyll");
    assert!(
        run.status.success(),
        "jekyll build {}: {}",
        source.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    let mut found = BTreeSet::new();
    let mut stack = vec![out.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(out.path()).unwrap();
                found.insert(rel.to_string_lossy().into_owned());
            }
        }
    }
    found
}

/// The HTML files this project writes for the same site: its pages and posts, and the HTML
/// files it copies. As with Jekyll's, a page whose permalink names another extension
/// (`/feed.xml`) is no HTML file.
fn our_html(source: &Path) -> BTreeSet<String> {
    let site = load_site(source, "fixture", &Overrides::default())
        .unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let pages = site
        .pages
        .iter()
        .map(|p| p.permalink.trim_start_matches('/').to_string());
    let copied = site.files.iter().map(|f| f.output.clone());
    pages
        .chain(copied)
        .filter(|f| f.ends_with(".html"))
        .collect()
}

#[test]
fn every_page_and_post_address_is_the_one_jekyll_gives() {
    let mut sites: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    sites.sort();
    assert!(!sites.is_empty(), "no site under {}", fixtures().display());
    for site in sites {
        let jekyll = jekyll_html(&site);
        let ours = our_html(&site);
        assert!(jekyll.len() > 3, "{}: too small a fixture", site.display());
        let missing: Vec<_> = jekyll.difference(&ours).collect();
        let extra: Vec<_> = ours.difference(&jekyll).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: Jekyll writes {missing:?} which we do not; we write {extra:?} which Jekyll does not",
            site.display()
        );
    }
}
