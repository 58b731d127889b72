//! Every entry of the content folder, accounted for, under Jekyll's rules: a page (a Markdown
//! file with front matter), a post (`_posts/` at any depth), a draft (`_drafts/`), a file copied
//! as it is, or an entry left out by a rule that [`Rule`] names. An entry that cannot be read or
//! followed (a dangling link, a folder without permission) is an error naming it: nothing goes
//! missing from the site without a word.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::ContentError;
use crate::settings::{Reading, CONFIG_FILE, DEFAULT_EXCLUDE};

/// The content folder's entries, in path order.
#[derive(Debug, Default)]
pub struct Entries {
    /// Markdown files with front matter: each becomes a page (unless it says
    /// `published: false`).
    pub pages: Vec<Entry>,
    /// Markdown files under a `_posts/` folder, with front matter.
    pub posts: Vec<Entry>,
    /// Markdown files under a `_drafts/` folder, when drafts are built.
    pub drafts: Vec<Entry>,
    /// HTML files with front matter: pages of the old theme, written with Liquid.
    pub liquid_pages: Vec<Entry>,
    /// Any other file, copied into the site as it is.
    pub files: Vec<Entry>,
    /// What was left out, and by which rule.
    pub skipped: Vec<Skipped>,
}

/// One file of the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// The path under the folder, with `/` separators (`guide/a.md`).
    pub rel: String,
}

/// An entry left out: a file, or a whole folder (its path ends with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub rel: String,
    pub rule: Rule,
}

/// Why an entry is not in the site. Each rule is Jekyll's, or says what replaces the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// `_config.yml`: read as the site's settings.
    Settings,
    /// `_includes/`: read only by `{% include %}`.
    Includes,
    /// `_layouts/`, `_sass/`, `_data/`, `_plugins/`, `_site/`: the old theme, its data and its
    /// output; the site is drawn by its own components.
    Theme,
    /// `_drafts/`, when drafts are not asked for.
    Drafts,
    /// A collection of `collections:` other than posts: not built.
    Collection,
    /// A file under `_posts/` that is not a post: no `YYYY-MM-DD-` in its name, not Markdown,
    /// or no front matter.
    NotAPost,
    /// A name Jekyll leaves out: starting with `.`, `_`, `#` or `~`, or ending with `~`.
    Hidden,
    /// `exclude:` in `_config.yml`.
    Excluded,
    /// What Jekyll always leaves out (Gemfile, node_modules, vendor folders…).
    JekyllDefault,
    /// A file of the old theme run through Liquid (a feed, a sitemap, a stylesheet, search
    /// data): the site writes its own.
    ThemeFile,
    /// The old theme's `404.html`: the site writes its own « page not found ».
    NotFoundPage,
    /// `published: false`.
    Unpublished,
    /// A post dated after the build, without `future: true`.
    Future,
}

impl Rule {
    /// The rule, as the build's summary and `--explain` name it.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Settings => "the settings (_config.yml)",
            Rule::Includes => "_includes/, read by {% include %}",
            Rule::Theme => "the old theme's folders (_layouts, _sass, _data, _plugins, _site)",
            Rule::Drafts => "_drafts/ (build them with --drafts)",
            Rule::Collection => "collections other than posts",
            Rule::NotAPost => "files in _posts/ that are not dated Markdown posts",
            Rule::Hidden => "hidden names (., _, #, ~)",
            Rule::Excluded => "exclude: in _config.yml",
            Rule::JekyllDefault => "Jekyll's own exclusions (Gemfile, node_modules, vendor)",
            Rule::ThemeFile => {
                "the old theme's Liquid files (feed, sitemap, styles): the site writes its own"
            }
            Rule::NotFoundPage => "the old theme's 404.html: the site writes its own",
            Rule::Unpublished => "published: false",
            Rule::Future => "dated in the future (future: true builds them)",
        }
    }
}

/// What each rule left out, counted.
pub fn counts(skipped: &[Skipped]) -> BTreeMap<Rule, usize> {
    let mut counts = BTreeMap::new();
    for s in skipped {
        *counts.entry(s.rule).or_default() += 1;
    }
    counts
}

/// Whether a file is a page's source, by Jekyll's Markdown extensions.
pub fn is_page(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map_or("", |(_, ext)| ext);
    matches!(ext, "md" | "markdown" | "mkdown" | "mkdn" | "mkd")
}

/// The theme's and the build's folders at the root: left out by [`Rule::Theme`].
const THEME_FOLDERS: &[&str] = &["_layouts", "_sass", "_data", "_plugins", "_site"];

/// Where an entry sits, as the walk goes down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    /// The site's own files.
    Site,
    /// Under a `_posts/` folder.
    Posts,
    /// Under a `_drafts/` folder.
    Drafts,
}

/// Lists the folder `root` (named `shown` in messages) under `rules`. Links are followed, and one
/// that leads nowhere is an error.
pub fn list(root: &Path, shown: &str, rules: &Reading) -> Result<Entries, ContentError> {
    let mut entries = Entries::default();
    walk(root, root, shown, rules, Area::Site, &mut entries)?;
    Ok(entries)
}

/// Lists one folder, in name order, and goes down into the folders it keeps.
fn walk(
    root: &Path,
    dir: &Path,
    shown: &str,
    rules: &Reading,
    area: Area,
    entries: &mut Entries,
) -> Result<(), ContentError> {
    let named = |path: &Path| format!("{shown}/{}", rel_path(root, path));
    let listing = std::fs::read_dir(dir)
        .map_err(|e| ContentError::io(shown_dir(root, dir, shown), "cannot be read", e))?;
    let mut children = Vec::new();
    for child in listing {
        let child = child.map_err(|e| ContentError::io(named(dir), "cannot be read", e))?;
        children.push(child.path());
    }
    children.sort();
    for path in children {
        let rel = rel_path(root, &path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = std::fs::metadata(&path).map_err(|e| unreadable(&path, named(&path), e))?;
        if meta.is_dir() {
            check_loop(root, &path, &named(&path))?;
        }
        let shown_rel = if meta.is_dir() {
            format!("{rel}/")
        } else {
            rel.clone()
        };
        let skip = |rule| Skipped {
            rel: shown_rel.clone(),
            rule,
        };
        match classify(&rel, &name, meta.is_dir(), area, rules) {
            Verdict::Skip(rule) => entries.skipped.push(skip(rule)),
            Verdict::Enter(inner) => walk(root, &path, shown, rules, inner, entries)?,
            Verdict::Keep if meta.is_dir() => walk(root, &path, shown, rules, area, entries)?,
            Verdict::Keep if !meta.is_file() => {
                return Err(ContentError::whole(
                    named(&path),
                    "neither a file nor a folder: the site can only publish files",
                ))
            }
            Verdict::Keep => {
                let front = has_front_matter(&path)
                    .map_err(|e| ContentError::io(named(&path), "cannot be read", e))?;
                let entry = Entry { path, rel };
                match (area, is_page(&entry.rel), front) {
                    (Area::Posts, true, true) => entries.posts.push(entry),
                    (Area::Drafts, true, true) => entries.drafts.push(entry),
                    (Area::Posts | Area::Drafts, _, _) => {
                        entries.skipped.push(skip(Rule::NotAPost))
                    }
                    (Area::Site, true, true) => entries.pages.push(entry),
                    (Area::Site, false, true) if entry.rel.ends_with(".html") => {
                        entries.liquid_pages.push(entry)
                    }
                    (Area::Site, false, true) => entries.skipped.push(skip(Rule::ThemeFile)),
                    (Area::Site, _, false) => entries.files.push(entry),
                }
            }
        }
    }
    Ok(())
}

/// What to do with one entry.
enum Verdict {
    Keep,
    Skip(Rule),
    /// A folder whose files are posts or drafts.
    Enter(Area),
}

/// Jekyll's `EntryFilter`, with its special folders: `rel` is the entry's path under the root.
fn classify(rel: &str, name: &str, is_dir: bool, area: Area, rules: &Reading) -> Verdict {
    let included = rules
        .include
        .iter()
        .any(|p| matches(p, rel, is_dir) || matches(p, name, is_dir));
    if !included {
        if let Some(pattern) = rules.exclude.iter().find(|p| matches(p, rel, is_dir)) {
            let default = DEFAULT_EXCLUDE.contains(&pattern.as_str());
            return Verdict::Skip(match default {
                true => Rule::JekyllDefault,
                false => Rule::Excluded,
            });
        }
    }
    let top = !rel.contains('/');
    match (is_dir, name) {
        (true, "_posts") if area == Area::Site => return Verdict::Enter(Area::Posts),
        (true, "_drafts") if area == Area::Site && rules.drafts => {
            return Verdict::Enter(Area::Drafts)
        }
        (true, "_drafts") if area == Area::Site => return Verdict::Skip(Rule::Drafts),
        (true, "_includes") if top => return Verdict::Skip(Rule::Includes),
        (true, _) if top && THEME_FOLDERS.contains(&name) => return Verdict::Skip(Rule::Theme),
        (true, _)
            if top
                && name
                    .strip_prefix('_')
                    .is_some_and(|c| rules.collections.iter().any(|n| n == c)) =>
        {
            return Verdict::Skip(Rule::Collection)
        }
        (false, CONFIG_FILE) if top => return Verdict::Skip(Rule::Settings),
        _ => {}
    }
    let special = name.starts_with(['.', '_', '#', '~']) || name.ends_with('~');
    match special && !included {
        true => Verdict::Skip(Rule::Hidden),
        false => Verdict::Keep,
    }
}

/// Jekyll's `glob_include?`: a shell pattern over the whole path (`*` crosses `/`), or a prefix
/// of it (`exclude: [docs]` leaves out `docs/…`, and also `docs.md`, as in Jekyll).
fn matches(pattern: &str, rel: &str, is_dir: bool) -> bool {
    let pattern = pattern.trim_start_matches("./").trim_start_matches('/');
    if pattern.is_empty() {
        return false;
    }
    rel.starts_with(pattern)
        || (is_dir && pattern.strip_suffix('/') == Some(rel))
        || glob::Pattern::new(pattern).is_ok_and(|p| p.matches(rel))
}

/// Jekyll's `has_yaml_header?`: the file starts with a `---` line.
fn has_front_matter(path: &Path) -> std::io::Result<bool> {
    let mut head = [0u8; 5];
    let mut file = std::fs::File::open(path)?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    let head = &head[..read];
    let head = head.strip_prefix(b"---").unwrap_or(b"x");
    let head = match head.first() {
        Some(b' ' | b'\t') => &head[1..],
        _ => head,
    };
    Ok(head.starts_with(b"\n") || head.starts_with(b"\r\n") || head.starts_with(b"\r"))
}

/// A folder that leads back into one of its own ancestors is an error naming it.
fn check_loop(root: &Path, dir: &Path, shown: &str) -> Result<(), ContentError> {
    let real =
        std::fs::canonicalize(dir).map_err(|e| ContentError::io(shown, "cannot be read", e))?;
    let mut ancestor = dir.parent();
    while let Some(a) = ancestor {
        let same = std::fs::canonicalize(a).is_ok_and(|a| a == real);
        if same {
            return Err(ContentError::whole(
                shown,
                "a link that leads back into its own folder",
            ));
        }
        if a == root {
            break;
        }
        ancestor = a.parent();
    }
    Ok(())
}

/// An entry that cannot be followed, named by the entry it is about.
fn unreadable(path: &Path, name: String, error: std::io::Error) -> ContentError {
    let what = if path.is_symlink() && !path.exists() {
        "a link to nothing: its target does not exist"
    } else {
        "cannot be read"
    };
    ContentError::io(name, what, error)
}

/// A folder as messages name it: the content folder itself, or a path under it.
fn shown_dir(root: &Path, dir: &Path, shown: &str) -> String {
    match dir == root {
        true => shown.to_string(),
        false => format!("{shown}/{}", rel_path(root, dir)),
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

    const FRONT: &str = "---\ntitle: x\n---\n";

    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let text = match is_page(f) || f.ends_with(".html") || f.ends_with(".xml") {
                true => FRONT,
                false => "x",
            };
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn rels(v: &[Entry]) -> Vec<String> {
        v.iter().map(|e| e.rel.clone()).collect()
    }

    fn skipped(e: &Entries) -> Vec<(String, Rule)> {
        e.skipped.iter().map(|s| (s.rel.clone(), s.rule)).collect()
    }

    #[test]
    fn pages_posts_files_and_what_jekyll_leaves_out() {
        let dir = folder(&[
            "index.md",
            "guide/a.markdown",
            "guide/fichier.txt",
            "_config.yml",
            "_brouillons/b.md",
            ".git/config",
            "images/.DS_Store",
            "_posts/2024-01-02-a.md",
            "blog/_posts/2024-1-3-b.md",
            "_posts/notes.txt",
            "_drafts/idea.md",
            "_includes/note.html",
            "_layouts/default.html",
            "node_modules/x/y.js",
            "Gemfile",
            "feed.xml",
            "index.html",
            "backup.md~",
        ]);
        std::fs::write(dir.path().join("README.md"), "# Hello\n").unwrap();
        std::fs::write(dir.path().join("plain.html"), "<p>hi</p>\n").unwrap();
        let e = list(dir.path(), "content", &Reading::default()).unwrap();
        assert_eq!(rels(&e.pages), ["guide/a.markdown", "index.md"]);
        assert_eq!(
            rels(&e.posts),
            ["_posts/2024-01-02-a.md", "blog/_posts/2024-1-3-b.md"]
        );
        assert!(e.drafts.is_empty());
        assert_eq!(rels(&e.liquid_pages), ["index.html"]);
        assert_eq!(
            rels(&e.files),
            ["README.md", "guide/fichier.txt", "plain.html"]
        );
        assert_eq!(
            skipped(&e),
            [
                (".git/".to_string(), Rule::Hidden),
                ("Gemfile".into(), Rule::JekyllDefault),
                ("_brouillons/".into(), Rule::Hidden),
                ("_config.yml".into(), Rule::Settings),
                ("_drafts/".into(), Rule::Drafts),
                ("_includes/".into(), Rule::Includes),
                ("_layouts/".into(), Rule::Theme),
                ("_posts/notes.txt".into(), Rule::NotAPost),
                ("backup.md~".into(), Rule::Hidden),
                ("feed.xml".into(), Rule::ThemeFile),
                ("images/.DS_Store".into(), Rule::Hidden),
                ("node_modules/".into(), Rule::JekyllDefault),
            ]
        );
    }

    #[test]
    fn exclude_include_and_drafts_as_the_settings_say() {
        let dir = folder(&[
            "index.md",
            "README.md",
            "docs/a.md",
            "notes/keep.md",
            "notes/drop.md",
            "_drafts/idea.md",
            ".well-known/security.txt",
        ]);
        let mut rules = Reading::default();
        rules
            .exclude
            .extend(["README.md".into(), "docs".into(), "notes/d*".into()]);
        rules.include.push(".well-known".into());
        rules.drafts = true;
        let e = list(dir.path(), "content", &rules).unwrap();
        assert_eq!(rels(&e.pages), ["index.md", "notes/keep.md"]);
        assert_eq!(rels(&e.drafts), ["_drafts/idea.md"]);
        assert_eq!(rels(&e.files), [".well-known/security.txt"]);
        assert_eq!(
            skipped(&e),
            [
                ("README.md".to_string(), Rule::Excluded),
                ("docs/".into(), Rule::Excluded),
                ("notes/drop.md".into(), Rule::Excluded),
            ]
        );
    }

    #[test]
    fn front_matter_is_a_first_line_of_three_dashes() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text, expected) in [
            ("a", "---\ntitle: x\n---\n", true),
            ("b", "--- \r\ntitle: x\n", true),
            ("c", "# Title\n---\n", false),
            ("d", "----\n", false),
            ("e", "", false),
            ("f", "---", false),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            assert_eq!(has_front_matter(&path).unwrap(), expected, "{name}");
        }
    }

    #[test]
    fn a_dangling_link_is_an_error_naming_it() {
        let dir = folder(&["index.md"]);
        symlink("nulle-part.md", dir.path().join("perdu.md")).unwrap();
        let e = list(dir.path(), "content", &Reading::default()).unwrap_err();
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
        let e = list(dir.path(), "content", &Reading::default()).unwrap();
        assert_eq!(e.files.len(), 2);
    }

    #[test]
    fn a_link_loop_is_an_error_naming_it() {
        let dir = folder(&["index.md", "sous/page.md"]);
        symlink("..", dir.path().join("sous/boucle")).unwrap();
        let e = list(dir.path(), "content", &Reading::default()).unwrap_err();
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
        let e = list(dir.path(), "content", &Reading::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/tube.md: neither a file nor a folder: the site can only publish files"
        );
    }
}
