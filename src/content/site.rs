//! The whole content folder: the site's settings and every page, with their links checked.
//!
//! Every Markdown file under the folder is a page, at any depth; names starting with `_` or `.`
//! (files or folders) are skipped, as Jekyll skips them. Links between pages are resolved and
//! checked here, once every page is known.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{page_url, Article, Inline, LinkTarget};
use super::parse::resolve_path;
use super::parse::{parse_page, Asset, PageSource, ParseError};
use super::{typography, walk};

/// The settings file at the content folder's root, with Jekyll's keys.
pub const CONFIG_FILE: &str = "_config.yml";

/// The site's settings (`_config.yml`); the environment overrides `url` and `baseurl`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Settings {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub baseurl: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// Every page of the site, and the files they need copied.
#[derive(Debug, Clone)]
pub struct Site {
    pub settings: Settings,
    /// The published pages, in path order.
    pub pages: Vec<Article>,
    /// Images (hashed names) and linked files (their own names).
    pub files: Vec<Asset>,
}

impl Site {
    /// The page at `/`: the one whose permalink is `/index.html`, else the first of the site menu,
    /// else the first page.
    pub fn home(&self) -> Option<&Article> {
        self.pages
            .iter()
            .find(|p| p.permalink == "/index.html")
            .or_else(|| {
                self.pages
                    .iter()
                    .filter(|p| p.nav_order.is_some())
                    .min_by_key(|p| p.nav_order)
            })
            .or_else(|| self.pages.first())
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

/// Loads the content folder: settings, pages, checked links. `shown` is how messages name the
/// folder (`content`).
pub fn load_site(root: &Path, shown: &str) -> Result<Site, ParseError> {
    let settings = read_settings(root, shown)?;
    let site_lang = settings.lang.clone().unwrap_or_else(|| "fr".to_string());
    let mut parsed = Vec::new();
    for path in markdown_files(root) {
        let rel = rel_path(root, &path);
        let file = format!("{shown}/{rel}");
        let text = std::fs::read_to_string(&path).map_err(|e| ParseError {
            file: file.clone(),
            line: 1,
            message: format!("cannot read the file: {e}"),
        })?;
        let source = PageSource {
            file,
            rel_path: rel,
            root: Some(root.to_path_buf()),
            site_lang: site_lang.clone(),
        };
        let page = parse_page(&source, &text)?;
        if page.published {
            parsed.push((source, page));
        }
    }
    // One page per permalink.
    let mut owners: HashMap<String, usize> = HashMap::new();
    for (i, (source, page)) in parsed.iter().enumerate() {
        if let Some(&j) = owners.get(&page.article.permalink) {
            return Err(ParseError {
                file: source.file.clone(),
                line: page.permalink_line,
                message: format!(
                    "the permalink `{}` is also the one of `{}`: two pages cannot share an address",
                    page.article.permalink, parsed[j].0.file
                ),
            });
        }
        owners.insert(page.article.permalink.clone(), i);
    }
    let mut files: Vec<Asset> = parsed.iter().flat_map(|(_, p)| p.files.clone()).collect();
    let mut pages: Vec<Article> = parsed.iter().map(|(_, p)| p.article.clone()).collect();
    let anchors: Vec<Vec<String>> = pages.iter().map(walk::anchors).collect();
    let by_source: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.clone(), i))
        .collect();
    for (i, (source, _)) in parsed.iter().enumerate() {
        let mut error = None;
        let mut linked_files = Vec::new();
        let permalink = pages[i].permalink.clone();
        walk::inlines_mut(&mut pages[i], &mut |inline| {
            let Inline::Link(link) = inline else { return };
            if error.is_some() {
                return;
            }
            let fail = |message: String| ParseError {
                file: source.file.clone(),
                line: link.line,
                message,
            };
            match link.target {
                LinkTarget::External => {}
                LinkTarget::Anchor => {
                    let id = link.href.trim_start_matches('#');
                    if !anchors[i].iter().any(|a| a == id) {
                        error = Some(fail(format!(
                            "link to `#{id}`: no heading or element has this id on the page"
                        )));
                    }
                }
                LinkTarget::Site => {
                    let href = link.href.clone();
                    let fragment = href.split_once('#').map(|(_, f)| f.to_string());
                    match resolve_site_link(root, &source.rel_path, &permalink, &href, &owners, &by_source) {
                        Some(Resolved::Page(j)) => {
                            if let Some(f) = &fragment {
                                if !anchors[j].iter().any(|a| a == f) {
                                    error = Some(fail(format!(
                                        "link to `{href}`: the page `{}` has no id `{f}`",
                                        parsed[j].0.file
                                    )));
                                    return;
                                }
                            }
                            let url = page_url(&parsed[j].1.article.permalink);
                            link.href = match &fragment {
                                Some(f) => format!("{url}#{f}"),
                                None => url.to_string(),
                            };
                        }
                        Some(Resolved::File(rel)) => {
                            linked_files.push(Asset {
                                source: root.join(&rel),
                                output: rel.clone(),
                            });
                            link.href = format!("/{rel}");
                        }
                        None => {
                            error = Some(fail(format!(
                                "link to `{href}`: no page has this address and no file of the content folder has this path"
                            )))
                        }
                    }
                }
            }
        });
        if let Some(e) = error {
            return Err(e);
        }
        for f in linked_files {
            if !files.iter().any(|g| g.output == f.output) {
                files.push(f);
            }
        }
    }
    for (page, (source, parsed_page)) in pages.iter_mut().zip(&parsed) {
        if let Some((image, line)) = &parsed_page.image {
            // As jekyll-seo-tag reads it: a path from the site's root.
            match resolve_path("", image).filter(|r| root.join(r).is_file()) {
                Some(rel) => {
                    page.image = Some(format!("/{rel}"));
                    if !files.iter().any(|g| g.output == rel) {
                        files.push(Asset {
                            source: root.join(&rel),
                            output: rel,
                        });
                    }
                }
                None => {
                    return Err(ParseError {
                        file: source.file.clone(),
                        line: *line,
                        message: format!(
                            "front matter `image`: no file `{image}` from the content folder's root"
                        ),
                    })
                }
            }
        }
        if page.is_french() {
            typography::typeset(page);
        }
    }
    Ok(Site {
        settings,
        pages,
        files,
    })
}

enum Resolved {
    Page(usize),
    File(String),
}

/// A link to another page (by its address, or by its source file) or to a file of the folder.
/// Addresses resolve against the page's own address, as the browser would; files and sources
/// against the source file, as an editor would.
fn resolve_site_link(
    root: &Path,
    rel_path: &str,
    permalink: &str,
    href: &str,
    owners: &HashMap<String, usize>,
    by_source: &HashMap<String, usize>,
) -> Option<Resolved> {
    let by_url = resolve_path(permalink.trim_start_matches('/'), href)?;
    // `/guide/` is the page whose permalink is `/guide/index.html`.
    let index = if by_url.is_empty() {
        "/index.html".to_string()
    } else {
        format!("/{by_url}/index.html")
    };
    for candidate in [format!("/{by_url}"), index] {
        if let Some(&j) = owners.get(&candidate) {
            return Some(Resolved::Page(j));
        }
    }
    let by_source_path = resolve_path(rel_path, href)?;
    if let Some(&j) = by_source.get(&by_source_path) {
        return Some(Resolved::Page(j));
    }
    let hidden = by_source_path
        .split('/')
        .any(|part| part.starts_with('_') || part.starts_with('.'));
    let is_page_source = by_source_path.ends_with(".md") || by_source_path.ends_with(".markdown");
    (!hidden && !is_page_source && root.join(&by_source_path).is_file())
        .then_some(Resolved::File(by_source_path))
}

/// Reads the settings file; none gives the defaults.
pub fn read_settings(root: &Path, shown: &str) -> Result<Settings, ParseError> {
    let path = root.join(CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Settings::default());
    };
    if text.trim().is_empty() {
        return Ok(Settings::default());
    }
    serde_yaml_ng::from_str(&text).map_err(|e| ParseError {
        file: format!("{shown}/{CONFIG_FILE}"),
        line: e.location().map_or(1, |l| l.line()),
        message: format!(
            "invalid settings: {}",
            e.to_string().split(" at line ").next().unwrap_or("")
        ),
    })
}

/// The Markdown files under `root`, in path order, skipping `_…` and `.…` names.
pub fn markdown_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('_') || n.starts_with('.'))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "markdown"))
        .collect()
}

fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Block, Inline};

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    #[test]
    fn the_fixture_site_loads_with_its_links_resolved() {
        let site = load_site(&fixture("site"), "site").unwrap_or_else(|e| panic!("{e}"));
        let permalinks: Vec<&str> = site.pages.iter().map(|p| p.permalink.as_str()).collect();
        assert_eq!(
            permalinks,
            [
                "/en/reading/index.html",
                "/extras/tags.html",
                "/guide/syntaxe.html",
                "/index.html"
            ],
            "`_` files and unpublished pages are left out"
        );
        assert_eq!(site.settings.title.as_deref(), Some("Site d'essai"));
        let menu: Vec<&str> = site.menu().iter().map(|p| p.title.as_str()).collect();
        assert_eq!(menu.len(), 3, "{menu:?}");
        assert_eq!(
            site.home().map(|p| p.permalink.as_str()),
            Some("/index.html")
        );
        let english = &site.pages[0];
        assert_eq!(english.lang, "en");
        assert!(english.toc.is_empty(), "toc: false");
        // Links to pages are resolved to their addresses; files are copied.
        let mut hrefs = Vec::new();
        let mut home = site.pages[3].clone();
        crate::content::walk::inlines_mut(&mut home, &mut |i| {
            if let Inline::Link(l) = i {
                hrefs.push(l.href.clone());
            }
        });
        assert!(
            hrefs.iter().any(|h| h == "/guide/syntaxe.html"),
            "{hrefs:?}"
        );
        assert!(hrefs.iter().any(|h| h == "/en/reading/"), "{hrefs:?}");
        assert!(site.files.iter().any(|f| f.output.ends_with("exemple.txt")));
        let image = site
            .files
            .iter()
            .find(|f| f.output.starts_with("images/paysage-"))
            .expect("hashed image");
        let hash = image
            .output
            .trim_start_matches("images/paysage-")
            .trim_end_matches(".png");
        assert!(
            hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{}",
            image.output
        );
        // French typography on French pages only, never in code.
        let guide = &site.pages[2];
        let code = guide
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Code(c) => Some(c),
                _ => None,
            })
            .expect("a code block");
        assert!(!code
            .lines
            .iter()
            .flatten()
            .any(|t| t.text.contains('\u{202f}')));
        assert!(guide
            .sections
            .iter()
            .any(|s| s.heading_text().ends_with("\u{202f}?")));
    }

    #[test]
    fn each_broken_page_fails_naming_file_line_and_cause() {
        let dir = fixture("broken");
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            let (location, keyword) = line.split_once(": ").unwrap();
            let (file, number) = location.rsplit_once(':').unwrap();
            let scratch = std::env::temp_dir().join(format!("cpd-broken-{file}"));
            let _ = std::fs::remove_dir_all(&scratch);
            std::fs::create_dir_all(&scratch).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let stem = file.trim_end_matches("-b.md").trim_end_matches("-a.md");
                if name == file
                    || name.ends_with(".png")
                    || (file.contains("duplicate") && name.starts_with(stem))
                {
                    std::fs::copy(entry.path(), scratch.join(&name)).unwrap();
                }
            }
            let error = load_site(&scratch, "content").expect_err(line);
            assert_eq!(error.file, format!("content/{file}"), "{line}: {error}");
            assert_eq!(error.line.to_string(), number, "{line}: {error}");
            assert!(error.message.contains(keyword), "{line}: {error}");
        }
    }
}
