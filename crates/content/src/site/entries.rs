//! Every entry of the content folder, accounted for: a page (a Markdown file), a file to copy,
//! or a hidden name left out by rule (`_…`, `.…`, see [`crate::conventions::is_hidden`]). An entry that
//! cannot be read or followed (a dangling link, a folder without permission) is an error naming
//! it: nothing goes missing from the site without a word.

use std::path::{Path, PathBuf};

use crate::conventions::is_hidden;
use crate::error::ContentError;

/// The content folder's entries, in path order.
#[derive(Debug, Default)]
pub struct Entries {
    /// Markdown files: each becomes a page (unless it says `published: false`).
    pub pages: Vec<Entry>,
    /// Any other file, copied into the site.
    pub files: Vec<Entry>,
}

/// One file of the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// The path under the folder, with `/` separators (`guide/a.md`).
    pub rel: String,
}

/// Whether a file is a page's source.
pub fn is_page(rel: &str) -> bool {
    rel.ends_with(".md") || rel.ends_with(".markdown")
}

/// Lists the folder `root` (named `shown` in messages). Hidden names are not entered; links
/// are followed, and one that leads nowhere is an error.
pub fn list(root: &Path, shown: &str) -> Result<Entries, ContentError> {
    let mut entries = Entries::default();
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()));
    for entry in walk {
        let entry = entry.map_err(|e| unreadable(root, shown, e))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = rel_path(root, entry.path());
        let name = format!("{shown}/{rel}");
        if !entry.file_type().is_file() {
            return Err(ContentError::whole(
                name,
                "neither a file nor a folder: the site can only publish files",
            ));
        }
        let file = Entry {
            path: entry.into_path(),
            rel,
        };
        if is_page(&file.rel) {
            entries.pages.push(file);
        } else {
            entries.files.push(file);
        }
    }
    Ok(entries)
}

/// A walk error, named by the entry it is about.
fn unreadable(root: &Path, shown: &str, error: walkdir::Error) -> ContentError {
    let name = match error.path() {
        Some(path) if path != root => format!("{shown}/{}", rel_path(root, path)),
        _ => shown.to_string(),
    };
    let what = if error.loop_ancestor().is_some() {
        "a link that leads back into its own folder"
    } else if error.path().is_some_and(|p| p.is_symlink() && !p.exists()) {
        "a link to nothing: its target does not exist"
    } else {
        "cannot be read"
    };
    match error.into_io_error() {
        Some(io) => ContentError::io(name, what, io),
        None => ContentError::whole(name, what),
    }
}

/// `path` under `root`, with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> String {
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
    use std::os::unix::fs::symlink;

    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        dir
    }

    #[test]
    fn pages_files_and_hidden_names() {
        let dir = folder(&[
            "index.md",
            "guide/a.markdown",
            "guide/fichier.txt",
            "_config.yml",
            "_brouillons/b.md",
            ".git/config",
            "images/.DS_Store",
        ]);
        let e = list(dir.path(), "content").unwrap();
        let rels = |v: &[Entry]| v.iter().map(|e| e.rel.clone()).collect::<Vec<_>>();
        assert_eq!(rels(&e.pages), ["guide/a.markdown", "index.md"]);
        assert_eq!(rels(&e.files), ["guide/fichier.txt"]);
    }

    #[test]
    fn a_dangling_link_is_an_error_naming_it() {
        let dir = folder(&["index.md"]);
        symlink("nulle-part.md", dir.path().join("perdu.md")).unwrap();
        let e = list(dir.path(), "content").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("content/perdu.md: a link to nothing: its target does not exist: "),
            "{e}"
        );
    }

    #[test]
    fn a_link_to_a_file_is_followed() {
        let dir = folder(&["index.md", "vrai.txt"]);
        symlink("vrai.txt", dir.path().join("alias.txt")).unwrap();
        let e = list(dir.path(), "content").unwrap();
        assert_eq!(e.files.len(), 2);
    }

    #[test]
    fn a_link_loop_is_an_error_naming_it() {
        let dir = folder(&["index.md", "sous/page.md"]);
        symlink("..", dir.path().join("sous/boucle")).unwrap();
        let e = list(dir.path(), "content").unwrap_err();
        assert!(e.to_string().starts_with("content/sous/boucle: "), "{e}");
        assert!(e.message.contains("leads back"), "{e}");
    }

    #[test]
    fn an_entry_that_is_not_a_file_is_an_error_naming_it() {
        let dir = folder(&["index.md"]);
        let fifo = dir.path().join("tube.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let e = list(dir.path(), "content").unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/tube.md: neither a file nor a folder: the site can only publish files"
        );
    }
}
