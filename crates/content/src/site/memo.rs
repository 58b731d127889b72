//! Parsed pages kept between builds, in a store the caller provides (the build's cache): a page
//! whose text, placement and site are those of a page parsed before is not parsed again, which
//! is most of what loading a large site costs (its code blocks' highlighting above all).
//!
//! A kept page is found by the hash of everything its parse reads: its text, its source (path,
//! language, addressing), and the site its Liquid sees (settings, address, posts, and the files
//! of `_includes/`, by size and modification time). The files it read besides (its images) are
//! kept with it, by size and modification time, and a kept page whose files changed is parsed
//! again.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::conventions::hex;
use crate::error::ContentError;
use crate::parse::{PageSource, ParsedPage};

/// Where parsed pages are kept: bytes by key. A fault is a message, which the load reports
/// naming the page.
pub trait Memo: Sync {
    /// The bytes kept under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, String>;
    /// Keeps `bytes` under `key`.
    fn put(&self, key: String, bytes: &[u8]) -> Result<(), String>;
}

/// A file as a parse read it: its size and modification time (ns).
#[derive(Serialize, Deserialize, PartialEq, Eq, Debug)]
struct Stamp(u64, i128);

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        let modified = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        Ok(Self(meta.len(), modified))
    }
}

/// A kept page and the files its parse read.
#[derive(Serialize, Deserialize)]
struct Kept {
    read: Vec<(PathBuf, Stamp)>,
    page: ParsedPage,
}

/// The part of every page's key that is the site's: `site` (what its Liquid sees, as its
/// `Debug`), and the files of `root/_includes/` by name, size and modification time.
pub(super) fn site_key(site: &str, root: &Path, shown: &str) -> Result<Vec<u8>, ContentError> {
    let mut hash = Sha256::new();
    hash.update(site.as_bytes());
    let includes = root.join("_includes");
    if includes.is_dir() {
        let mut files = Vec::new();
        walk(&includes, &mut files).map_err(|(path, e)| {
            let shown = format!(
                "{shown}/{}",
                path.strip_prefix(root).unwrap_or(&path).display()
            );
            ContentError::io(shown, "cannot read the include", e)
        })?;
        for (path, stamp) in files {
            hash.update(format!("{}\0{stamp:?}\0", path.display()).as_bytes());
        }
    }
    Ok(hash.finalize().to_vec())
}

/// The files under `dir`, in name order, with their stamps, into `out`.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, Stamp)>) -> Result<(), (PathBuf, std::io::Error)> {
    let mut paths = std::fs::read_dir(dir)
        .and_then(|entries| {
            entries
                .map(|e| e.map(|e| e.path()))
                .collect::<std::io::Result<Vec<_>>>()
        })
        .map_err(|e| (dir.to_path_buf(), e))?;
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            let stamp = Stamp::of(&path).map_err(|e| (path.clone(), e))?;
            out.push((path, stamp));
        }
    }
    Ok(())
}

/// The page of `source` and `text`: the one kept under its key, if the files it read are as
/// they were; else `parse`'s, then kept.
pub(super) fn parse_kept(
    memo: &dyn Memo,
    site_key: &[u8],
    source: &PageSource,
    text: &str,
    parse: impl FnOnce() -> Result<ParsedPage, ContentError>,
) -> Result<ParsedPage, ContentError> {
    let fault = |e: String| ContentError::whole(&source.file, format!("the build's cache: {e}"));
    let mut hash = Sha256::new();
    for part in [site_key, format!("{source:?}").as_bytes(), text.as_bytes()] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    let key = format!("parse {}", hex(&hash.finalize()));
    if let Some(bytes) = memo.get(&key).map_err(fault)? {
        let kept: Kept = serde_json::from_slice(&bytes).map_err(|e| {
            fault(format!(
                "a page kept unreadable ({e}): remove the cache folder"
            ))
        })?;
        if kept
            .read
            .iter()
            .all(|(path, stamp)| Stamp::of(path).is_ok_and(|now| &now == stamp))
        {
            return Ok(kept.page);
        }
    }
    let page = parse()?;
    let read = page
        .files
        .iter()
        .map(|asset| {
            Stamp::of(&asset.source)
                .map(|stamp| (asset.source.clone(), stamp))
                .map_err(|e| {
                    ContentError::io(
                        &source.file,
                        format!("cannot read `{}`", asset.source.display()),
                        e,
                    )
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let kept = Kept { read, page };
    let bytes = serde_json::to_vec(&kept).map_err(|e| fault(e.to_string()))?;
    memo.put(key, &bytes).map_err(fault)?;
    Ok(kept.page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Overrides;
    use crate::site::tests::fixture;
    use crate::site::{load_site, load_site_with};
    use std::collections::HashMap;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Store(Mutex<HashMap<String, Vec<u8>>>, Mutex<usize>);

    impl Memo for Store {
        fn get(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
            let found = self.0.lock().unwrap().get(key).cloned();
            *self.1.lock().unwrap() += usize::from(found.is_some());
            Ok(found)
        }
        fn put(&self, key: String, bytes: &[u8]) -> Result<(), String> {
            self.0.lock().unwrap().insert(key, bytes.to_vec());
            Ok(())
        }
    }

    #[test]
    fn a_kept_page_is_the_page_parsed_again_field_for_field() {
        for name in ["site", "blog"] {
            let root = fixture(name);
            let fresh = load_site(&root, name, &Overrides::default()).unwrap();
            let store = Store::default();
            let first = load_site_with(&root, name, &Overrides::default(), Some(&store)).unwrap();
            let kept = load_site_with(&root, name, &Overrides::default(), Some(&store)).unwrap();
            assert!(*store.1.lock().unwrap() > 0, "{name}: pages were kept");
            for (a, b) in fresh
                .pages
                .iter()
                .zip(&kept.pages)
                .chain(fresh.pages.iter().zip(&first.pages))
            {
                // Every field, as the render's key reads them.
                let (a, b) = (format!("{a:?}"), format!("{b:?}"));
                let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y);
                if let Some(at) = at {
                    let at = at.saturating_sub(80);
                    panic!(
                        "{name}: {} // {}",
                        &a[at..(at + 200).min(a.len())],
                        &b[at..(at + 200).min(b.len())]
                    );
                }
                assert_eq!(a, b, "{name}");
            }
            assert_eq!(fresh.pages, kept.pages, "{name}: kept");
        }
    }

    #[test]
    fn a_page_whose_image_changed_is_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("_config.yml"), "title: T\n").unwrap();
        std::fs::write(
            root.join("a.md"),
            "---\ntitle: A\n---\n\n![Un point](p.svg)\n",
        )
        .unwrap();
        let svg = |w: u32| {
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"10\"></svg>")
        };
        std::fs::write(root.join("p.svg"), svg(10)).unwrap();
        let store = Store::default();
        let load = || load_site_with(root, "c", &Overrides::default(), Some(&store)).unwrap();
        let before = load();
        std::fs::write(root.join("p.svg"), svg(20)).unwrap();
        let after = load();
        assert_eq!(*store.1.lock().unwrap(), 1, "found, then not taken");
        assert_ne!(
            before.files, after.files,
            "the image's hashed name follows its bytes"
        );
        assert_eq!(
            after.pages,
            load_site(root, "c", &Overrides::default()).unwrap().pages
        );
    }
}
