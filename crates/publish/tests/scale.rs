//! A site of many pages, with the vocabulary of real French and English: the build renders every
//! one, lists every one in the sitemap, indexes every one for search, and the service worker
//! precaches only up to its byte budgets. `write_site` is also what
//! `scripts/bench.sh` uses to generate the 10, 100 and 1,000 page sites it times.
use std::path::{Path, PathBuf};
use std::process::Command;

use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const TEMPLATE: &str = include_str!("../../../tests/fixtures/trunk-index.html");
const SEARCH_GLUE: &str = include_str!("../../../tests/fixtures/trunk-search.js");

/// Words with their frequency, one per line (`tests/fixtures/vocabulary/`: the 5,000 most
/// frequent words of French and of English, from wordfreq's lists).
struct Vocabulary {
    words: Vec<&'static str>,
    pick: WeightedIndex<f64>,
}

impl Vocabulary {
    fn of(tsv: &'static str) -> Self {
        let (words, weights): (Vec<&str>, Vec<f64>) = tsv
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(w, f)| (w, f.parse::<f64>().expect("a frequency")))
            .unzip();
        Self {
            words,
            pick: WeightedIndex::new(weights).expect("weights"),
        }
    }

    /// `n` words drawn by their frequency, as a sentence (a capital, a full stop) or not.
    fn words(&self, rng: &mut StdRng, n: usize) -> String {
        let mut out: Vec<&str> = (0..n).map(|_| self.words[self.pick.sample(rng)]).collect();
        out.retain(|w| !w.is_empty());
        out.join(" ")
    }

    fn sentence(&self, rng: &mut StdRng) -> String {
        let n = rng.random_range(6..22);
        let mut s = self.words(rng, n);
        if let Some(first) = s.get(..1) {
            s.replace_range(..1, &first.to_uppercase());
        }
        s.push('.');
        s
    }

    fn paragraph(&self, rng: &mut StdRng) -> String {
        let n = rng.random_range(2..6);
        (0..n)
            .map(|_| self.sentence(rng))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Writes a content folder of `n` pages whose words follow real French and English frequencies
/// (one page in four is English): a summary, a lead with a link to the next page and a
/// footnote, three to five sections of paragraphs, a sub-heading, a list, a table, code, and a
/// link to an anchor of the next page. The same `n` always writes the same site.
pub fn write_site(dir: &Path, n: usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::write(dir.join("_config.yml"), "title: Échelle\nlang: fr\n").unwrap();
    let french = Vocabulary::of(include_str!("../../../tests/fixtures/vocabulary/fr.tsv"));
    let english = Vocabulary::of(include_str!("../../../tests/fixtures/vocabulary/en.tsv"));
    let mut rng = StdRng::seed_from_u64(n as u64);
    for i in 0..n {
        let (words, lang) = if i % 4 == 3 {
            (&english, "en")
        } else {
            (&french, "fr")
        };
        std::fs::write(
            dir.join(format!("pages/page-{i}.md")),
            page(i, (i + 1) % n, words, lang, &mut rng),
        )
        .unwrap();
    }
}

fn page(i: usize, next: usize, words: &Vocabulary, lang: &str, rng: &mut StdRng) -> String {
    let nav = if i < 5 {
        format!("nav_order: {i}\n")
    } else {
        String::new()
    };
    let summary = words.sentence(rng);
    let mut page = format!(
        "---\ntitle: Page {i}\nsummary: \"{summary}\"\nlang: {lang}\n{nav}---\n\n{} [{}](page-{next}.md)[^n].\n\n",
        words.paragraph(rng),
        words.words(rng, 3),
    );
    let sections = rng.random_range(3..6);
    for s in 0..sections {
        let id = ["premiere", "seconde", "troisieme", "quatrieme", "cinquieme"][s];
        let length = rng.random_range(2..6);
        let heading = words.words(rng, length);
        page.push_str(&format!("## {heading} {{#{id}}}\n\n"));
        for _ in 0..rng.random_range(1..4) {
            page.push_str(&words.paragraph(rng));
            page.push_str("\n\n");
        }
        match s {
            0 => page.push_str(&format!(
                "Voir [{}](/pages/page-{next}.html#seconde).\n\n- {}\n- {}\n  - {}\n\n",
                words.words(rng, 2),
                words.words(rng, 4),
                words.words(rng, 5),
                words.words(rng, 3)
            )),
            1 => page.push_str(&format!(
                "### {}\n\n{}\n\n| {} | {} |\n|:--|--:|\n| {} | {i} |\n\n```rust\nfn page_{i}() -> usize {{ {i} }}\n```\n\n",
                words.words(rng, 3),
                words.paragraph(rng),
                words.words(rng, 1),
                words.words(rng, 1),
                words.words(rng, 2)
            )),
            _ => page.push_str(&format!("> {}\n\n", words.sentence(rng))),
        }
    }
    page.push_str(&format!("[^n]: {}\n", words.sentence(rng)));
    page
}

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
    assert_eq!(search.iter().filter(|f| f.starts_with("index-")).count(), 1);
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

/// Generates a site for the benchmark: `SCALE_PAGES` pages into `SCALE_DIR`, or as many posts
/// of a blog when `SCALE_POSTS` is set.
#[test]
#[ignore = "run by scripts/bench.sh"]
fn write_bench_site() {
    let n: usize = std::env::var("SCALE_PAGES").unwrap().parse().unwrap();
    let dir = PathBuf::from(std::env::var("SCALE_DIR").unwrap());
    write_site(&dir, n);
    if std::env::var_os("SCALE_POSTS").is_some() {
        into_posts(&dir, n);
    }
}

/// The generated pages made a Jekyll blog's posts: each under `_posts/` with a date in its
/// name, two tags of a few, links to its next post by its source, ten posts a page of the list.
fn into_posts(dir: &Path, n: usize) {
    let day = |i: usize| {
        time::Date::from_calendar_date(2020, time::Month::January, 1).unwrap()
            + time::Duration::days(i as i64)
    };
    let name = |i: usize| format!("{}-post-{i}", day(i));
    std::fs::create_dir_all(dir.join("_posts")).unwrap();
    std::fs::write(
        dir.join("_config.yml"),
        "title: Échelle\nlang: fr\npaginate: 10\n",
    )
    .unwrap();
    for i in 0..n {
        let next = (i + 1) % n;
        let text = std::fs::read_to_string(dir.join(format!("pages/page-{i}.md"))).unwrap();
        let text = text
            .replacen(
                "---\n",
                &format!("---\ntags: [t{}, u{}]\n", i % 7, i % 13),
                1,
            )
            .replace(
                &format!("(page-{next}.md)"),
                &format!("(/_posts/{}.md)", name(next)),
            )
            .replace(
                &format!("(/pages/page-{next}.html#seconde)"),
                &format!("(/_posts/{}.md#seconde)", name(next)),
            );
        std::fs::write(dir.join(format!("_posts/{}.md", name(i))), text).unwrap();
    }
    std::fs::remove_dir_all(dir.join("pages")).unwrap();
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
