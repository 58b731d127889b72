//! A site of many pages, with the vocabulary of real French and English: the build renders every
//! one, lists every one in the sitemap, indexes every one for search, and the service worker
//! precaches only up to its byte budgets. The site is the benchmark's own generated site
//! (examples/site/, `write_site`).
use std::path::{Path, PathBuf};
use std::process::Command;

#[expect(
    dead_code,
    reason = "the posts (`write_posts`) are the benchmark's only"
)]
#[path = "../examples/site/generator.rs"]
mod generator;
use generator::write_site;

const TEMPLATE: &str = include_str!("../../../tests/fixtures/trunk-index.html");
const SEARCH_GLUE: &str = include_str!("../../../tests/fixtures/trunk-search.js");

fn build(content: &Path, out: &Path) -> std::process::Output {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).unwrap();
    std::fs::write(out.join("index.html"), TEMPLATE).unwrap();
    // The search's glue, wasm and stylesheet, as Trunk leaves them.
    std::fs::write(out.join("search.js"), SEARCH_GLUE).unwrap();
    std::fs::write(out.join("search_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(out.join("search-0123456789abcdef.css"), ".search {}").unwrap();
    Command::new(env!("CARGO_BIN_EXE_prerender"))
        .env("TRUNK_STAGING_DIR", out)
        .env("TRUNK_PUBLIC_URL", "/")
        .env("CONTENT_DIR", content)
        .env(
            "I18N_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n"),
        )
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
    // Every page is in the search's index, in shards of terms by first character.
    let search: Vec<String> = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(search.iter().filter(|f| *f == "index.bin").count(), 1);
    assert!(
        search.iter().filter(|f| f.starts_with("terms-")).count() > 20,
        "{search:?}"
    );
    // Small enough to be written whole too, for the keystrokes after the first results; the
    // worker caches that file when first read, never at install.
    let whole: Vec<_> = search.iter().filter(|f| f.starts_with("whole-")).collect();
    assert_eq!(whole.len(), 1, "{search:?}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<loc>").count(), 1000);
    // The worker precaches the home page, the menu's pages and then pages up to its budget.
    let sw = std::fs::read_to_string(out.join("sw.js")).unwrap();
    let data = sw
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("self.deploy = "))
        .and_then(|l| l.strip_suffix(';'))
        .expect("sw.js starts with the deploy's data");
    let deploy: serde_json::Value = serde_json::from_str(data).unwrap();
    let pages: Vec<&str> = deploy["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        pages.len() > 5 && pages.len() < 200,
        "{} pages precached",
        pages.len()
    );
    assert!(pages.contains(&"/pages/page-0"), "{pages:?}");
    assert!(!sw.contains(whole[0].as_str()));
}

/// The index's format, measured: every file of a built site's search folder (`SEARCH_DIR`),
/// as written (postcard) and as JSON of the same values, in bytes raw and brotli, and the
/// time to decode all of them (best of 20 runs, natively). A Markdown table on stdout, for
/// `scripts/bench.sh search`.
#[test]
#[ignore = "run by scripts/bench.sh"]
fn index_formats() {
    use cpd_search::index::{read, Meta, Shard, Texts};
    use std::time::{Duration, Instant};
    let dir = PathBuf::from(std::env::var("SEARCH_DIR").unwrap());
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| cpd_search::index::is_index_file(name))
        .map(|(name, path)| (name, std::fs::read(path).unwrap()))
        .collect();
    files.sort();
    let brotli = |bytes: &[u8]| {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
        out.len()
    };
    // Each file as JSON, and a decoder for each format.
    let json: Vec<Vec<u8>> = files
        .iter()
        .map(|(name, bytes)| match &name[..5] {
            "index" => serde_json::to_vec(&read::<Meta>(bytes, None).unwrap()),
            "terms" => serde_json::to_vec(&read::<Shard>(bytes, None).unwrap()),
            _ => serde_json::to_vec(&read::<Texts>(bytes, None).unwrap()),
        })
        .map(Result::unwrap)
        .collect();
    let best = |decode: &dyn Fn()| {
        (0..20)
            .map(|_| {
                let start = Instant::now();
                decode();
                start.elapsed()
            })
            .min()
            .unwrap_or(Duration::ZERO)
    };
    let postcard_time = best(&|| {
        for (name, bytes) in &files {
            match &name[..5] {
                "index" => drop(read::<Meta>(bytes, None).unwrap()),
                "terms" => drop(read::<Shard>(bytes, None).unwrap()),
                _ => drop(read::<Texts>(bytes, None).unwrap()),
            }
        }
    });
    let json_time = best(&|| {
        for ((name, _), bytes) in files.iter().zip(&json) {
            match &name[..5] {
                "index" => drop(serde_json::from_slice::<Meta>(bytes).unwrap()),
                "terms" => drop(serde_json::from_slice::<Shard>(bytes).unwrap()),
                _ => drop(serde_json::from_slice::<Texts>(bytes).unwrap()),
            }
        }
    });
    let sum = |sizes: &mut dyn Iterator<Item = usize>| sizes.sum::<usize>();
    println!("| format | files | raw bytes | brotli bytes | decode all, ms |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| postcard (as built) | {} | {} | {} | {:.2} |",
        files.len(),
        sum(&mut files.iter().map(|(_, b)| b.len())),
        sum(&mut files.iter().map(|(_, b)| brotli(b))),
        postcard_time.as_secs_f64() * 1e3
    );
    println!(
        "| JSON (serde_json, same values) | {} | {} | {} | {:.2} |",
        json.len(),
        sum(&mut json.iter().map(Vec::len)),
        sum(&mut json.iter().map(|b| brotli(b))),
        json_time.as_secs_f64() * 1e3
    );
}
