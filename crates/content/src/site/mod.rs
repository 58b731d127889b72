//! The whole content folder: the site's settings and every page, with their links checked.
//!
//! Every entry is accounted for ([`entries`]): each Markdown file is a page (unless it says
//! `published: false`), each other file is copied, hidden names (`_…`, `.…`) are left out, and
//! what cannot be read is an error naming it. Links between pages are resolved and checked
//! ([`links`]) once every page is known.

pub mod entries;
mod links;
mod parsed;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::error::ContentError;
use crate::model::Article;
use crate::parse::{parse_page, Asset, PageSource};
use crate::settings::Overrides;
use crate::settings::SiteSettings;
use crate::typography;
use entries::{Entries, Entry};
use parsed::Parsed;

/// Every page of the site, and the files it serves besides.
#[derive(Debug, Clone)]
pub struct Site {
    pub settings: SiteSettings,
    /// The published pages, in path order.
    pub pages: Vec<Article>,
    /// Images under their content-hashed names, and every other file under its own.
    pub files: Vec<Asset>,
}

impl Site {
    /// The page at `/`: the one whose permalink is `/index.html`, else the first of the site
    /// menu, else the first page.
    pub fn home(&self) -> Option<&Article> {
        self.pages
            .iter()
            .find(|p| p.permalink == "/index.html")
            .or_else(|| self.menu().first().copied())
            .or_else(|| self.pages.first())
    }

    /// Every language of the site: its pages' and its own, each once.
    pub fn languages(&self) -> Vec<&str> {
        let mut langs: Vec<&str> = self.pages.iter().map(|p| p.lang.as_str()).collect();
        langs.push(&self.settings.lang);
        langs.sort_unstable();
        langs.dedup();
        langs
    }

    /// The translations of `page` among the site's pages (see [`translations`]).
    pub fn translations(&self, page: &Article) -> Vec<&Article> {
        translations(&self.pages, page)
    }

    /// The pages of the site menu, sorted by `nav_order` (then path).
    pub fn menu(&self) -> Vec<&Article> {
        let mut menu: Vec<&Article> = self
            .pages
            .iter()
            .filter(|p| p.nav_order.is_some())
            .collect();
        menu.sort_by_key(|p| p.nav_order);
        menu
    }
}

/// The translations of `page` among `pages`, itself included, by language: the pages with its
/// `ref`. Empty for a page without one, or alone with it.
pub fn translations<'a>(
    pages: impl IntoIterator<Item = &'a Article>,
    page: &Article,
) -> Vec<&'a Article> {
    let Some(reference) = &page.reference else {
        return Vec::new();
    };
    let mut all: Vec<&Article> = pages
        .into_iter()
        .filter(|p| p.reference.as_ref() == Some(reference))
        .collect();
    all.sort_by(|a, b| a.lang.cmp(&b.lang));
    if all.len() < 2 {
        all.clear();
    }
    all
}

/// Loads the content folder `root` (named `shown` in messages): settings, pages, checked links,
/// files.
pub fn load_site(root: &Path, shown: &str, overrides: &Overrides) -> Result<Site, ContentError> {
    let settings = SiteSettings::load(root, shown, overrides)?;
    let Entries { pages, files } = entries::list(root, shown)?;
    let parsed = parse_all(root, shown, &settings, &pages)?;
    check_permalinks(&parsed)?;
    check_translations(&parsed)?;
    let plain: BTreeSet<String> = files.iter().map(|f| f.rel.clone()).collect();
    let mut articles: Vec<Article> = parsed.iter().map(|p| p.page.article.clone()).collect();
    let mut linked = links::resolve(&parsed, &mut articles, &plain)?;
    for (article, p) in articles.iter_mut().zip(&parsed) {
        if let Some((image, line)) = &p.page.image {
            let rel = links::social_image(image, &plain).ok_or_else(|| {
                ContentError::at(
                    &p.source.file,
                    *line,
                    format!(
                        "front matter `image`: no file `{image}` from the content folder's root"
                    ),
                )
            })?;
            article.image = Some(format!("/{rel}"));
            linked.insert(rel);
        }
        if article.is_french() {
            typography::typeset(article);
        }
    }
    let files = copied_files(root, &files, &parsed, &linked);
    Ok(Site {
        settings,
        pages: articles,
        files,
    })
}

/// Reads and parses every page; the unpublished ones are checked, then left out.
fn parse_all(
    root: &Path,
    shown: &str,
    settings: &SiteSettings,
    pages: &[Entry],
) -> Result<Vec<Parsed>, ContentError> {
    let mut parsed = Vec::with_capacity(pages.len());
    for entry in pages {
        let file = format!("{shown}/{}", entry.rel);
        let text = std::fs::read_to_string(&entry.path)
            .map_err(|e| ContentError::io(&file, "cannot read the page", e))?;
        let source = PageSource {
            file,
            rel_path: entry.rel.clone(),
            root: Some(root.to_path_buf()),
            site_lang: settings.lang.clone(),
        };
        let page = parse_page(&source, &text)?;
        if page.published {
            parsed.push(Parsed { source, page });
        }
    }
    Ok(parsed)
}

/// One page per address.
fn check_permalinks(parsed: &[Parsed]) -> Result<(), ContentError> {
    let mut owners: HashMap<&str, &Parsed> = HashMap::new();
    for p in parsed {
        let permalink = p.page.article.permalink.as_str();
        if let Some(first) = owners.insert(permalink, p) {
            return Err(ContentError::at(
                &p.source.file,
                p.page.permalink_line,
                format!(
                    "the permalink `{permalink}` is also the one of `{}`: two pages cannot share an address",
                    first.source.file
                ),
            ));
        }
    }
    Ok(())
}

/// Translations: two pages of one language cannot share a `ref`.
fn check_translations(parsed: &[Parsed]) -> Result<(), ContentError> {
    let mut owners: HashMap<(&str, &str), &Parsed> = HashMap::new();
    for p in parsed {
        let article = &p.page.article;
        let Some(reference) = article.reference.as_deref() else {
            continue;
        };
        if let Some(first) = owners.insert((reference, &article.lang), p) {
            return Err(ContentError::at(
                &p.source.file,
                p.page.reference_line,
                format!(
                    "`ref: {reference}` in `{lang}` is also the one of `{}`: a page has one translation per language",
                    first.source.file,
                    lang = article.lang,
                ),
            ));
        }
    }
    Ok(())
}

/// What the site copies: each page's images under their hashed names, and every other file
/// under its own name, unless pages only ever show it as an image (then the hashed copy is the
/// one served, and the file is not sent twice).
fn copied_files(
    root: &Path,
    files: &[Entry],
    parsed: &[Parsed],
    linked: &BTreeSet<String>,
) -> Vec<Asset> {
    let mut copied: Vec<Asset> = Vec::new();
    for asset in parsed.iter().flat_map(|p| &p.page.files) {
        if !copied.iter().any(|c| c.output == asset.output) {
            copied.push(asset.clone());
        }
    }
    let shown_as_images: BTreeSet<std::path::PathBuf> =
        copied.iter().map(|a| a.source.clone()).collect();
    for file in files {
        let source = root.join(&file.rel);
        if linked.contains(&file.rel) || !shown_as_images.contains(source.as_path()) {
            copied.push(Asset {
                source,
                output: file.rel.clone(),
            });
        }
    }
    copied
}

/// One page parsed as the build parses it (typography included), without a content folder.
pub fn load(file: &str, source: &str) -> Result<Article, ContentError> {
    let mut article = parse_page(&PageSource::alone(file), source)?.article;
    if article.is_french() {
        typography::typeset(&mut article);
    }
    Ok(article)
}

/// The client's article, read from the workspace's `content/` and parsed as the build parses
/// it: the fixture of the native tests here and in the crates that render it. Read when called,
/// never compiled in, so that the crates build whatever `content/` holds.
pub fn client_article() -> Article {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/chef-projet-digital.md"
    );
    let source = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("the tests read the client's article at {path}: {e}"));
    let mut article =
        load("content/chef-projet-digital.md", &source).expect("the client's text parses");
    article.source = "chef-projet-digital.md".into();
    article
}

#[cfg(test)]
mod tests;
