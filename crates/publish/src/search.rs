//! The site's search: its index, made from the typed content tree in the same step as the pages
//! (`cpd_search::build`), and the search dialog's wasm, which Trunk builds unnamed (a worker
//! build, so that no page loads it) and which the build gives content-hashed names here.
//!
//! Every file goes under [`FOLDER`], named with a hash of its bytes: served immutable, and
//! cached by the service worker when first read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cpd_content::conventions::short_hash;
use cpd_content::site::Site;
use cpd_content::{page_url, plain_text, Article, Block, Inline, SiteSettings};
use cpd_search::build::{analyse, index, index_analysed, Built, IndexPage, Section};
use cpd_search::index::{META_FILE, SHARD_PREFIX, TEXT_PREFIX, WHOLE_PREFIX};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::cache::{key, Cache};
use crate::error::{BuildError, Result};
use crate::files::{write, write_with, Manifest};
use crate::minify;
use crate::plan::Plan;
use crate::policy::WHOLE_INDEX_BYTES;

/// The folder of the search's files, under the base path.
pub const FOLDER: &str = "search/";

/// Whether `name`, a path under the site's root, is the whole index in one file: read in the
/// background once a search has shown its results, and repeating the files a search reads.
pub fn is_whole_index(name: &str) -> bool {
    name.strip_prefix(FOLDER)
        .is_some_and(|file| file.starts_with(WHOLE_PREFIX))
}

/// Whether `name`, a path under the site's root, is the index's entry (its meta), which every
/// edit changes and a search reads first.
pub fn is_index_entry(name: &str) -> bool {
    name.strip_prefix(FOLDER) == Some(META_FILE)
}

/// Whether `name`, a path under the site's root, is one of the index's data files a search
/// reads when a query needs it: a shard of terms or a page's text.
pub fn is_index_data(name: &str) -> bool {
    name.strip_prefix(FOLDER)
        .is_some_and(|file| file.starts_with(SHARD_PREFIX) || file.starts_with(TEXT_PREFIX))
}

/// The search as the pages name it: its code, its index and its dialog's words in each
/// language, all in the search's folder, which the service worker caches on first use. (The
/// names of the code and the words are their contents' hashes, the index's is `index.bin`; they
/// come from the site's own origin: integrity hashes would add bytes to every page, and
/// nothing else.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFiles {
    /// The dialog's JS glue and its wasm.
    pub glue: String,
    pub wasm: String,
    /// The dialog's stylesheet.
    pub style: String,
    /// The index's meta file.
    pub index: String,
    /// The dialog's words, by language: every language of the site's pages, and the site's.
    pub words: BTreeMap<String, String>,
}

/// What a page in one language names of the search: its loader's data.
#[derive(Debug, serde::Serialize)]
pub struct SearchBoot<'a> {
    pub glue: &'a str,
    pub wasm: &'a str,
    pub style: &'a str,
    pub index: &'a str,
    pub words: &'a str,
}

impl SearchFiles {
    /// What a page in `lang` names: its language's words.
    pub fn for_page(&self, lang: &str) -> SearchBoot<'_> {
        SearchBoot {
            glue: &self.glue,
            wasm: &self.wasm,
            style: &self.style,
            index: &self.index,
            words: self
                .words
                .get(lang)
                .expect("words are written for every language of the pages"),
        }
    }
}

/// The name Trunk gives the search's wasm build (`data-bin="search"`, a worker build).
const TRUNK_NAME: &str = "search";

/// The content hash of `bytes`, as the site's file names carry it.
fn hash(bytes: &[u8]) -> String {
    short_hash(&Sha256::digest(bytes))
}

/// The stage: writes the index's files and gives the search's code its hashed names; returns
/// what the pages name, and every file written.
pub fn stage(
    plan: &Plan,
    manifest: &mut Manifest,
    cache: Option<&Cache>,
) -> Result<(SearchFiles, Vec<PathBuf>)> {
    let (site, out, release) = (&plan.site, plan.options.out.as_path(), plan.options.release);
    let settings = &site.settings;
    let mut written = Vec::new();
    let (glue, wasm) = code(out, settings, (release, cache), &mut written)?;
    let style = style(out, settings, &plan.assets.search_style, &mut written)?;
    // Trunk's names of the search's code and stylesheet are gone: the files are in the
    // search's folder under their hashed names.
    for name in [
        format!("{TRUNK_NAME}.js"),
        format!("{TRUNK_NAME}_bg.wasm"),
        plan.assets
            .search_style
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string(),
    ] {
        manifest.remove(&out.join(name));
    }
    let mut built = index_site_with(site, cache)?;
    let folder = out.join(FOLDER);
    if built.size() <= WHOLE_INDEX_BYTES {
        let whole = built.whole();
        written.push(write_with(
            cache,
            &folder.join(built.meta.whole_file()),
            &whole,
        )?);
    }
    let shards =
        built.shards.par_iter().enumerate().map(|(place, bytes)| {
            write_with(cache, &folder.join(built.meta.shard_file(place)), bytes)
        });
    let texts = built.texts.par_iter().enumerate().map(|(page, bytes)| {
        write_with(
            cache,
            &folder.join(built.meta.text_file(page as u32)),
            bytes,
        )
    });
    written.extend(shards.chain(texts).collect::<Result<Vec<_>>>()?);
    // The shards and texts are named after their bytes, the whole index after the build's id;
    // the meta, which every page names, has one name: a page names no file an edit of
    // another page changes. It is served revalidated, and the service worker reads it
    // network first, as it reads pages.
    let meta_bytes = cpd_search::index::write(&built.meta);
    written.push(write(&folder.join(META_FILE), &meta_bytes)?);
    let words = words_files(plan, &mut written)?;
    let files = SearchFiles {
        glue,
        wasm,
        style,
        index: settings.href(&format!("{FOLDER}{META_FILE}")),
        words,
    };
    Ok((files, written))
}

/// The dialog's words for every language of the site (its pages' and its own), each a file
/// named after its contents; their addresses by language.
fn words_files(plan: &Plan, written: &mut Vec<PathBuf>) -> Result<BTreeMap<String, String>> {
    let site = &plan.site;
    let mut files = BTreeMap::new();
    for lang in site.languages() {
        let w = plan.words(lang);
        let bytes = cpd_search::words::write(&cpd_search::words::Words {
            label: w.search_label.clone(),
            close: w.search_close.clone(),
            results: w.search_results.clone(),
            none: w.search_none.clone(),
            one: w.search_one.clone(),
            many: w.search_many.clone(),
            offline: w.search_offline.clone(),
            missing: w.search_missing.clone(),
            corrupt: w.search_corrupt.clone(),
            stale: w.search_stale.clone(),
        });
        // The language in the name is for whoever reads the folder; the hash makes it unique.
        let name = format!(
            "{FOLDER}words-{}-{}.bin",
            lang.to_ascii_lowercase(),
            hash(&bytes)
        );
        written.push(write(&plan.options.out.join(&name), &bytes)?);
        files.insert(lang.to_string(), site.settings.href(&name));
    }
    Ok(files)
}

/// The site's index, its files not yet named.
pub fn index_site(site: &Site) -> Built {
    index_site_with(site, None).expect("without a cache, nothing to read")
}

/// [`index_site`], each page's analysis taken from `cache` when the page's text is one it has
/// seen.
fn index_site_with(site: &Site, cache: Option<&Cache>) -> Result<Built> {
    let pages: Vec<IndexPage> = site.pages.iter().map(|a| page(a, &site.settings)).collect();
    let build = build_id(&pages);
    let Some(cache) = cache else {
        return Ok(index(&pages, &build));
    };
    let analysed = pages
        .par_iter()
        .map(|page| {
            // The derived `Debug` writes every field of the page as the index reads it.
            let key = key("analysis", &[format!("{page:?}").as_bytes()]);
            if let Some(bytes) = cache.get(&key)? {
                return postcard::from_bytes(&bytes).map_err(|e| {
                    BuildError::invalid(&page.url, format!("the build's cache: {e}"))
                });
            }
            let analysed = analyse(page);
            let bytes = postcard::to_allocvec(&analysed).expect("an analysis serialises");
            cache.put(key, &bytes)?;
            Ok(analysed)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(index_analysed(&pages, analysed, &build))
}

/// The build's id: a hash of what the index says, so that files of two deploys are told apart.
fn build_id(pages: &[IndexPage]) -> String {
    let mut all = Sha256::new();
    for page in pages {
        for text in [&page.url, &page.title, &page.lang] {
            all.update(text.as_bytes());
            all.update([0]);
        }
        for s in &page.sections {
            for text in [
                s.anchor.as_deref().unwrap_or(""),
                &s.heading,
                &s.prose,
                &s.code,
            ] {
                all.update(text.as_bytes());
                all.update([0]);
            }
        }
    }
    short_hash(&all.finalize())
}

/// Trunk's search glue and wasm, under hashed names in the search's folder (the glue minified
/// in release builds).
fn code(
    out: &Path,
    settings: &SiteSettings,
    (release, cache): (bool, Option<&Cache>),
    written: &mut Vec<PathBuf>,
) -> Result<(String, String)> {
    let glue_path = out.join(format!("{TRUNK_NAME}.js"));
    let wasm_path = out.join(format!("{TRUNK_NAME}_bg.wasm"));
    let glue = std::fs::read_to_string(&glue_path).map_err(BuildError::io(
        &glue_path,
        "read the search's glue (Trunk's output)",
    ))?;
    let glue = match release {
        true => minify::module_kept(&glue, &glue_path.display().to_string(), cache)?,
        false => glue,
    };
    let wasm =
        std::fs::read(&wasm_path).map_err(BuildError::io(&wasm_path, "read the search's wasm"))?;
    let wasm_name = format!("{FOLDER}{TRUNK_NAME}-{}_bg.wasm", hash(&wasm));
    let glue_name = format!("{FOLDER}{TRUNK_NAME}-{}.js", hash(glue.as_bytes()));
    written.push(write(&out.join(&wasm_name), &wasm)?);
    written.push(write(&out.join(&glue_name), glue.as_bytes())?);
    for path in [&glue_path, &wasm_path] {
        std::fs::remove_file(path).map_err(BuildError::io(path, "remove"))?;
    }
    Ok((settings.href(&glue_name), settings.href(&wasm_name)))
}

/// The dialog's stylesheet, which Trunk hashed and wrote beside the pages (`href`), moved into
/// the search's folder.
fn style(
    out: &Path,
    settings: &SiteSettings,
    href: &str,
    written: &mut Vec<PathBuf>,
) -> Result<String> {
    let name = href.rsplit('/').next().unwrap_or_default();
    let (from, to) = (out.join(name), out.join(FOLDER).join(name));
    std::fs::rename(&from, &to).map_err(BuildError::io(&from, "move into the search's folder"))?;
    written.push(to);
    Ok(settings.href(&format!("{FOLDER}{name}")))
}

/// A page as the index reads it: its introduction, each section, each heading under a section,
/// and its notes, each a document of its own.
fn page(article: &Article, settings: &SiteSettings) -> IndexPage {
    let mut sections = Vec::new();
    let mut intro = Section {
        heading: article.title.clone(),
        ..Section::default()
    };
    if let Some(tagline) = &article.tagline {
        intro.prose.push_str(&plain_text(tagline));
    }
    add_blocks(&mut intro, &mut sections, &article.lead, u8::MAX);
    sections.insert(0, intro);
    for section in &article.sections {
        let mut current = Section {
            anchor: Some(section.id.clone()),
            heading: section.heading_text(),
            ..Section::default()
        };
        let mut under = Vec::new();
        add_blocks(&mut current, &mut under, &section.blocks, section.level);
        sections.push(current);
        sections.extend(under);
    }
    for note in &article.footnotes {
        let mut notes = Section::default();
        add_blocks(&mut notes, &mut Vec::new(), &note.blocks, u8::MAX);
        if let Some(last) = sections.last_mut() {
            append(&mut last.prose, &notes.prose);
            append(&mut last.code, &notes.code);
        }
    }
    IndexPage {
        url: settings.href(page_url(&article.permalink)),
        title: article.title.clone(),
        lang: article.lang.clone(),
        sections,
    }
}

/// Adds blocks' text to `section`; a heading under the section's `level` starts a document of
/// its own, pushed to `under`.
fn add_blocks(section: &mut Section, under: &mut Vec<Section>, blocks: &[Block], level: u8) {
    for block in blocks {
        let target = under.last_mut().unwrap_or(section);
        match block {
            Block::Heading {
                level: l,
                id,
                inlines,
            } if *l > level && level != u8::MAX => {
                under.push(Section {
                    anchor: Some(id.clone()),
                    heading: plain_text(inlines),
                    ..Section::default()
                });
            }
            Block::Code(code) => append(&mut target.code, &block_code(code)),
            other => {
                append(&mut target.prose, &other.plain_text());
                append(&mut target.code, &inline_code(other));
            }
        }
    }
}

fn block_code(code: &cpd_content::CodeBlock) -> String {
    code.lines
        .iter()
        .map(|line| line.iter().map(|t| t.text.as_str()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The inline code of a block, searchable as written too.
fn inline_code(block: &Block) -> String {
    let mut code = String::new();
    fn visit(inlines: &[Inline], code: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Code(c) => append(code, c),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) => visit(c, code),
                Inline::Link(l) => visit(&l.children, code),
                Inline::Element(e) => visit(&e.children, code),
                _ => {}
            }
        }
    }
    if let Block::Paragraph(inlines) = block {
        visit(inlines, &mut code);
    }
    code
}

fn append(to: &mut String, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(text.trim());
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpd_content::settings::Overrides;
    use cpd_content::site::load_site;
    use cpd_search::query::{Engine, Query};
    use std::path::Path;

    #[test]
    fn only_the_search_folders_whole_file_is_the_whole_index() {
        assert!(is_whole_index("search/whole-0123456789abcdef.bin"));
        assert!(!is_whole_index("search/terms-0-0123456789abcdef.bin"));
        assert!(!is_whole_index("search/index.bin"));
        assert!(!is_whole_index("whole-0123456789abcdef.bin"));
        assert!(!is_whole_index("guide/search/whole-0123456789abcdef.bin"));
    }

    fn engine(folder: &str) -> Engine {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(folder);
        let site =
            load_site(&root, folder, &Overrides::default()).unwrap_or_else(|e| panic!("{e}"));
        index_site(&site).into_engine()
    }

    /// The addresses of the first three results, with their anchors.
    fn top3(engine: &Engine, typed: &str) -> Vec<String> {
        let query = Query::parse(typed);
        engine
            .search(&query)
            .iter()
            .take(3)
            .filter_map(|hit| engine.result(hit, &query))
            .map(|f| match f.anchor {
                Some(a) => format!("{}#{a}", f.url),
                None => f.url,
            })
            .collect()
    }

    #[test]
    fn every_query_of_the_test_set_finds_its_section_in_the_first_three() {
        let set = include_str!("../../../tests/fixtures/search/queries.tsv");
        let (article, fixture) = (engine("content"), engine("tests/fixtures/site"));
        let mut missed = Vec::new();
        let mut count = 0;
        for line in set
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let [site, query, expected, _why]: [&str; 4] = line
                .split('\t')
                .collect::<Vec<_>>()
                .try_into()
                .expect("four columns");
            let engine = if site == "article" {
                &article
            } else {
                &fixture
            };
            let found = top3(engine, query);
            let hit = found.iter().any(|f| {
                f == expected || (!expected.contains('#') && f.split('#').next() == Some(expected))
            });
            count += 1;
            if !hit {
                missed.push(format!("{query:?} → {found:?}, not {expected}"));
            }
        }
        assert!(count >= 25, "{count} queries");
        assert!(
            missed.is_empty(),
            "recall@3 {}/{count}:\n{}",
            count - missed.len(),
            missed.join("\n")
        );
    }

    #[test]
    fn excerpts_mark_the_words_found() {
        let fixture = engine("tests/fixtures/site");
        let query = Query::parse("tableaux larges");
        let hits = fixture.search(&query);
        let found = fixture.result(&hits[0], &query).unwrap();
        assert_eq!(found.heading, "Tableau large");
        let marked: Vec<&str> = found
            .excerpt
            .iter()
            .filter(|(_, m)| *m)
            .map(|(t, _)| t.as_str())
            .collect();
        assert!(marked.contains(&"tableau"), "{:?}", found.excerpt);
        let words = found
            .excerpt
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<String>();
        assert!(words.split_whitespace().count() <= 24, "{words}");
    }
}
