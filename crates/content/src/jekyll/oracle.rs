//! Jekyll as an oracle, without Jekyll: for each site in `tests/fixtures/jekyll/`, the HTML files
//! that [`post_name`], [`parse_moment`], [`post_url`], [`page_url`] and [`output_file`] say
//! Jekyll writes must be the ones Jekyll 4.3.1 wrote (`expected.txt`, from `jekyll build`).
//! The walk of the folder applies Jekyll's entry rules in their simplest form.

use std::path::{Path, PathBuf};

use serde_yaml_ng::Value;
use time::OffsetDateTime;

use super::dates::{parse_moment, parse_quoted_moment, post_name, Moment, Zone};
use super::permalink::{output_ext, output_file, page_url, post_url, style_template, PostParts};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/jekyll")
}

/// The front matter of `text`, or `None` when the file has none (Jekyll copies it as it is).
fn front_matter(text: &str) -> Option<Value> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    let yaml = &rest[..end];
    if yaml.trim().is_empty() {
        return Some(Value::Mapping(Default::default()));
    }
    Some(serde_yaml_ng::from_str(yaml).expect("valid front matter"))
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Front matter `categories:` (a list, or words separated by blanks) then `category:`.
fn front_categories(front: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match front.get("categories") {
        Some(Value::Sequence(items)) => out.extend(items.iter().filter_map(text_of)),
        Some(Value::String(s)) => out.extend(s.split_whitespace().map(str::to_string)),
        Some(other) => out.extend(text_of(other)),
        None => {}
    }
    if let Some(c) = front.get("category").and_then(text_of) {
        out.push(c);
    }
    out
}

/// The front matter's `date:`, told quoted from plain by looking at how the file wrote it.
fn front_date(text: &str, front: &Value, zone: &Zone) -> Option<Moment> {
    let value = front.get("date").and_then(text_of)?;
    let line = text.lines().find(|l| l.starts_with("date:"))?;
    let written = line["date:".len()..].trim();
    let quoted = written.starts_with('"') || written.starts_with('\'');
    let moment = if quoted {
        parse_quoted_moment(&value, zone)
    } else {
        parse_moment(&value, zone)
    };
    Some(moment.unwrap_or_else(|| panic!("an unreadable date `{value}`")))
}

struct Site {
    root: PathBuf,
    permalink: Option<String>,
    zone: Zone,
    exclude: Vec<String>,
}

impl Site {
    fn read(root: &Path) -> Site {
        let config: Value =
            serde_yaml_ng::from_str(&std::fs::read_to_string(root.join("_config.yml")).unwrap())
                .unwrap();
        let zone = match config.get("timezone").and_then(Value::as_str) {
            Some(name) => Zone::named(name).unwrap(),
            None => Zone::utc(),
        };
        let exclude = match config.get("exclude") {
            Some(Value::Sequence(items)) => items.iter().filter_map(text_of).collect(),
            _ => Vec::new(),
        };
        Site {
            root: root.to_path_buf(),
            permalink: config.get("permalink").and_then(text_of),
            zone,
            exclude,
        }
    }

    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// The HTML files the site's posts and pages become.
    fn outputs(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&self.root, &mut out);
        out.sort();
        out
    }

    fn walk(&self, dir: &Path, out: &mut Vec<String>) {
        for path in sorted_entries(dir) {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let rel = self.rel(&path);
            if self.exclude.contains(&rel) || name == "expected.txt" {
                continue;
            }
            if path.is_dir() {
                if name == "_posts" {
                    self.posts(&path, &path, out);
                } else if !name.starts_with(['_', '.']) {
                    self.walk(&path, out);
                }
            } else if !name.starts_with(['_', '.']) {
                self.page(&path, &rel, out);
            }
        }
    }

    fn page(&self, path: &Path, rel: &str, out: &mut Vec<String>) {
        let text = std::fs::read_to_string(path).unwrap();
        let Some(front) = front_matter(&text) else {
            return;
        };
        if front.get("published") == Some(&Value::Bool(false)) {
            return;
        }
        let permalink = front.get("permalink").and_then(text_of);
        let url = page_url(self.permalink.as_deref(), rel, permalink.as_deref());
        let file = output_file(&url, &output_ext(rel, permalink.as_deref()));
        if file.ends_with(".html") {
            out.push(file);
        }
    }

    fn posts(&self, posts_dir: &Path, dir: &Path, out: &mut Vec<String>) {
        for path in sorted_entries(dir) {
            if path.is_dir() {
                self.posts(posts_dir, &path, out);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let Some(parts) = post_name(&name) else {
                continue;
            };
            let rel = self.rel(&path);
            let text = std::fs::read_to_string(&path).unwrap();
            let front = front_matter(&text).unwrap_or(Value::Mapping(Default::default()));
            if front.get("published") == Some(&Value::Bool(false)) {
                continue;
            }
            let date = front_date(&text, &front, &self.zone)
                .unwrap_or_else(|| Moment::day(parts.date, &self.zone));
            if date.at > OffsetDateTime::now_utc() {
                continue;
            }
            // Categories: the folders above `_posts/`, then the front matter's.
            let above = self.rel(posts_dir.parent().unwrap());
            let mut categories: Vec<String> = above
                .split('/')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            for c in front_categories(&front) {
                if !categories.contains(&c) {
                    categories.push(c);
                }
            }
            let slug = front
                .get("slug")
                .and_then(text_of)
                .unwrap_or(parts.slug.to_string());
            let permalink = front.get("permalink").and_then(text_of);
            let ext = output_ext(&rel, permalink.as_deref());
            let template = permalink
                .clone()
                .unwrap_or_else(|| style_template(self.permalink.as_deref().unwrap_or("date")));
            let url = post_url(
                &template,
                &PostParts {
                    date: &date,
                    slug: &slug,
                    categories: &categories,
                    output_ext: &ext,
                    rel_path: &rel,
                },
            )
            .unwrap();
            out.push(output_file(&url, &ext));
        }
    }
}

fn check(site: &str) {
    let root = fixtures().join(site);
    let expected: Vec<String> = std::fs::read_to_string(root.join("expected.txt"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(Site::read(&root).outputs(), expected, "{site}");
}

#[test]
fn the_date_style_site() {
    check("date-style");
}

#[test]
fn the_pretty_site_with_categories_and_a_zone() {
    check("pretty-categories");
}

#[test]
fn the_custom_template_site() {
    check("custom");
}

/// The entries of `dir`, in path order.
fn sorted_entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}
