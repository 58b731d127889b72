//! A site of many pages: the build renders every one, lists every one in the sitemap, and the
//! service worker precaches only up to its byte budget. `write_site` is also what
//! `scripts/bench.sh` uses to generate the 10, 100 and 1,000 page sites it times.
use std::path::{Path, PathBuf};
use std::process::Command;

const TEMPLATE: &str = include_str!("../../../tests/fixtures/trunk-index.html");
const SEARCH_GLUE: &str = include_str!("../../../tests/fixtures/trunk-search.js");

/// Writes a content folder of `n` pages, each with headings, lists, a table, code, a footnote and
/// links to its neighbours and to an anchor of the next page.
pub fn write_site(dir: &Path, n: usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::write(dir.join("_config.yml"), "title: Échelle\nlang: fr\n").unwrap();
    for i in 0..n {
        let next = (i + 1) % n;
        let nav = if i < 5 {
            format!("nav_order: {i}\n")
        } else {
            String::new()
        };
        let page = format!(
            "---\ntitle: Page {i}\nsummary: La page numéro {i} du site d'essai.\n{nav}---\n\n\
             Une introduction avec un [lien vers la suivante](page-{next}.md) et une note[^n].\n\n\
             ## Première partie {{#premiere}}\n\n\
             Du texte : des *mots*, du **gras**, du `code` ; et une [ancre](/pages/page-{next}.html#seconde).\n\n\
             - un\n- deux\n  - deux et demi\n\n\
             ### Un détail\n\n\
             | a | b |\n|:--|--:|\n| 1 | 2 |\n\n\
             ## Seconde partie {{#seconde}}\n\n\
             ```rust\nfn page() -> usize {{ {i} }}\n```\n\n\
             > Une citation.\n\n[^n]: La note de la page {i}.\n"
        );
        std::fs::write(dir.join(format!("pages/page-{i}.md")), page).unwrap();
    }
}

fn build(content: &Path, out: &Path) -> std::process::Output {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).unwrap();
    std::fs::write(out.join("index.html"), TEMPLATE).unwrap();
    // The search's glue and wasm, as Trunk's worker build leaves them.
    std::fs::write(out.join("search.js"), SEARCH_GLUE).unwrap();
    std::fs::write(out.join("search_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    Command::new(env!("CARGO_BIN_EXE_prerender"))
        .env("TRUNK_STAGING_DIR", out)
        .env("TRUNK_PUBLIC_URL", "/")
        .env("CONTENT_DIR", content)
        .env_remove("CPD_TEST_DATA")
        .output()
        .expect("the prerender binary runs")
}

#[test]
fn a_site_of_a_thousand_pages_is_built_whole() {
    let root = tempfile::tempdir().unwrap();
    let (content, out) = (root.path().join("content"), root.path().join("dist"));
    write_site(&content, 1000);
    let run = build(&content, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for i in [0, 499, 999] {
        let page = std::fs::read_to_string(out.join(format!("pages/page-{i}.html"))).unwrap();
        assert!(page.contains(&format!(">Page {i}</h1>")));
        assert!(page.contains("class=\"hl-"), "highlighted code");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<loc>").count(), 1000);
    // The worker precaches the home page, the menu's pages and then pages up to its budget.
    let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
    let precached = sw.matches(".html\"").count() + sw.matches("/\"").count();
    assert!(
        precached > 5 && precached < 200,
        "{precached} pages precached"
    );
    assert!(sw.contains("\"/pages/page-0.html\""));
}

/// Generates a site for the benchmark: `SCALE_PAGES` pages into `SCALE_DIR`.
#[test]
#[ignore = "run by scripts/bench.sh"]
fn write_bench_site() {
    let n: usize = std::env::var("SCALE_PAGES").unwrap().parse().unwrap();
    let dir = PathBuf::from(std::env::var("SCALE_DIR").unwrap());
    write_site(&dir, n);
}
