//! The generated sites: `n` Markdown pages whose words follow real French and English
//! frequencies, or the same pages as a Jekyll blog's posts. One generator for the benchmark's
//! sites (the example `site`, run by scripts/bench/pages.sh) and for tests/scale.rs, which
//! includes this file by its path.
use std::path::Path;

use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

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
    let french = Vocabulary::of(include_str!("../../../../tests/fixtures/vocabulary/fr.tsv"));
    let english = Vocabulary::of(include_str!("../../../../tests/fixtures/vocabulary/en.tsv"));
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

/// The pages of `write_site` as a Jekyll blog's posts: each under `_posts/` with a date in its
/// name, two tags of a few, links to its next post by its source, ten posts a page of the list.
pub fn write_posts(dir: &Path, n: usize) {
    write_site(dir, n);
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
