//! The build's cache (`cpd_publish::cache`): a release build of the fixture site after one page
//! changed, with the cache of the build before, writes every file byte for byte as a clean build
//! of the changed site does, takes from the cache what the change did not touch, and changes no
//! other page.
mod common;

use std::path::Path;

use common::{copy_dir, files, staging, stderr, Prerender, FIXTURE_SITE, I18N};

/// The number the build says it reused from its cache.
fn reused(log: &str) -> usize {
    log.lines()
        .find_map(|l| l.strip_prefix("prerender: reused "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no cache line in:\n{log}"))
}

#[test]
fn a_build_with_the_cache_writes_what_a_clean_build_writes() {
    let root = tempfile::tempdir().unwrap();
    let (content, cache) = (root.path().join("content"), root.path().join("cache"));
    copy_dir(Path::new(FIXTURE_SITE), &content);
    let build = |out: &Path, cached: bool| {
        let mut run = Prerender::new(out, &content)
            .words(Path::new(I18N))
            .release();
        if cached {
            run = run.cache(&cache);
        }
        stderr(&run.succeeds())
    };
    // What Trunk's release build leaves beside the template: the glue the build minifies, and
    // the wasm it compresses.
    let staged = || {
        let dir = staging();
        let glue = common::repo_file("tests/fixtures/trunk-search.js");
        std::fs::write(dir.path().join("x-0123456789abcdef.js"), glue).unwrap();
        std::fs::write(dir.path().join("x-0123456789abcdef_bg.wasm"), [0u8; 4096]).unwrap();
        dir
    };
    let first = staged();
    assert_eq!(
        reused(&build(first.path(), true)),
        0,
        "a new cache is empty"
    );

    let page = content.join("lectures.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nUn paragraphe de plus.\n")).unwrap();
    let (incremental, clean) = (staged(), staged());
    let log = build(incremental.path(), true);
    build(clean.path(), false);

    let same = |incremental: &Path, clean: &Path| {
        let names = files(clean);
        assert_eq!(files(incremental), names);
        for name in &names {
            let read = |dir: &Path| std::fs::read(dir.join(name)).unwrap();
            assert!(
                read(incremental) == read(clean),
                "{name} differs from a clean build's"
            );
        }
        names
    };
    let names = same(incremental.path(), clean.path());
    assert!(
        names.iter().any(|n| n.ends_with(".br")),
        "a compressed build"
    );
    assert!(reused(&log) > 0, "nothing taken from the cache:\n{log}");

    // The edit touched its page, the search's entry and the files of its words, and what lists
    // every file (the worker's data): no other page, and not the search's other files.
    let changed: Vec<&String> = names
        .iter()
        .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
        .filter(|name| {
            let before = std::fs::read(first.path().join(name.as_str())).ok();
            before != Some(std::fs::read(incremental.path().join(name.as_str())).unwrap())
        })
        .collect();
    let pages: Vec<&&String> = changed.iter().filter(|n| n.ends_with(".html")).collect();
    assert_eq!(pages, [&"lectures.html"], "pages changed: {changed:?}");
    let search = changed.iter().filter(|n| n.starts_with("search/")).count();
    let all = names.iter().filter(|n| n.starts_with("search/")).count();
    assert!(
        search * 4 < all,
        "{search} of {all} search files changed: {changed:?}"
    );

    // A frame from a new origin changes the policy every page carries: each other page is
    // written again from its markup as the last build rendered it.
    let with_frame = format!(
        "{text}\n<iframe src=\"https://player.example.org/v/1\" title=\"Une vidéo\"></iframe>\n"
    );
    std::fs::write(&page, with_frame).unwrap();
    let (incremental, clean) = (staged(), staged());
    let log = build(incremental.path(), true);
    build(clean.path(), false);
    same(incremental.path(), clean.path());
    assert!(reused(&log) > 0, "nothing taken from the cache:\n{log}");
    let home = std::fs::read_to_string(incremental.path().join("index.html")).unwrap();
    assert!(
        home.contains("https://player.example.org"),
        "the policy of another page"
    );
}
