//! The interface's words, one table per language: `i18n/<lang>.toml`, every key required.
//! A page gets the table of its language, else of its language's primary subtag (`fr` for
//! `fr-CA`), else of the site's language, else English. Adding a language is adding a file;
//! a file missing a key, or holding one the interface does not know, fails the build naming
//! the file and the key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::conventions::language_tag;
use crate::ContentError;

/// The language every site has words for, whatever else it has.
pub const FALLBACK_LANG: &str = "en";

/// Every word the interface shows or speaks, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// The language's own name (« Français », "English").
    pub language: String,
    /// The language switch.
    pub languages: String,
    pub skip_link: String,
    pub contents: String,
    pub menu: String,
    pub site_menu: String,
    pub back_to_top: String,
    /// `{heading}`: the section's heading.
    pub section_link: String,
    pub link_copied: String,
    pub link_not_copied: String,
    pub theme_group: String,
    pub theme_system: String,
    pub theme_light: String,
    pub theme_dark: String,
    pub app_slow: String,
    pub app_failed: String,
    pub table_region: String,
    pub task_done: String,
    pub task_todo: String,
    pub footnotes: String,
    pub footnote_back: String,
    pub not_found_title: String,
    pub not_found_text: String,
    /// `{title}`: the home page's title.
    pub not_found_link: String,
    pub search_open: String,
    pub search_unavailable: String,
    pub search_label: String,
    pub search_close: String,
    pub search_results: String,
    pub search_none: String,
    pub search_one: String,
    /// `{n}`: the number of results.
    pub search_many: String,
    pub search_offline: String,
    pub search_missing: String,
    pub search_corrupt: String,
    pub search_stale: String,
    /// `{day}`, `{month}`, `{year}`: a date as a sentence writes it.
    pub date_format: String,
    /// The months' names, January first.
    pub months: [String; 12],
    /// `{author}`: a post's author.
    pub by_author: String,
    pub tags: String,
    /// `{tag}`: a tag page's title.
    pub tag_title: String,
    pub posts: String,
    /// `{n}`: the title of the posts list's page n.
    pub posts_page: String,
    pub pages: String,
    pub older_posts: String,
    pub newer_posts: String,
    /// The name of the posts list's page links.
    pub pagination: String,
    pub previous_post: String,
    pub next_post: String,
    /// The name of a post's links to its neighbours.
    pub post_neighbours: String,
}

impl Words {
    /// The « # » link's name for a section headed `heading`.
    pub fn section_link(&self, heading: &str) -> String {
        self.section_link.replace("{heading}", heading)
    }

    /// The 404 page's link to the home page, titled `title`.
    pub fn not_found_link(&self, title: &str) -> String {
        self.not_found_link.replace("{title}", title)
    }

    /// A date in this language's words (« 7 décembre 2026 », "December 7, 2026").
    pub fn date(&self, date: time::Date) -> String {
        let month = &self.months[usize::from(u8::from(date.month())) - 1];
        self.date_format
            .replace("{day}", &date.day().to_string())
            .replace("{month}", month)
            .replace("{year}", &date.year().to_string())
    }

    /// A post's byline.
    pub fn by_author(&self, author: &str) -> String {
        self.by_author.replace("{author}", author)
    }

    /// A tag page's title.
    pub fn tag_title(&self, tag: &str) -> String {
        self.tag_title.replace("{tag}", tag)
    }

    /// The title of the posts list's page `n` (2 and after).
    pub fn posts_page(&self, n: usize) -> String {
        self.posts_page.replace("{n}", &n.to_string())
    }

    /// A task list's box: done or to do.
    pub fn task(&self, done: bool) -> &str {
        match done {
            true => &self.task_done,
            false => &self.task_todo,
        }
    }
}

/// Every language's words, by language tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    tables: BTreeMap<String, Words>,
}

impl Tables {
    /// Reads every `*.toml` of `dir` (named `shown` in messages). An English table is required:
    /// it is every other language's last resort.
    pub fn load(dir: &Path, shown: &str) -> Result<Self, ContentError> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| ContentError::io(shown, "cannot be read", e))?;
        let mut tables = BTreeMap::new();
        for entry in entries {
            let entry = entry.map_err(|e| ContentError::io(shown, "cannot be read", e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let file = format!("{shown}/{name}");
            let Some(stem) = name.strip_suffix(".toml") else {
                if crate::is_hidden(&name) {
                    continue;
                }
                return Err(ContentError::whole(
                    file,
                    "not a table of words: each file here is `<language>.toml`",
                ));
            };
            let lang = language_tag(stem).map_err(|m| ContentError::whole(&file, m))?;
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| ContentError::io(&file, "cannot be read", e))?;
            let words: Words = toml::from_str(&text).map_err(|e| {
                let line = e
                    .span()
                    .map(|span| text[..span.start].matches('\n').count() + 1);
                ContentError {
                    line,
                    ..ContentError::whole(&file, e.message().to_string())
                }
            })?;
            tables.insert(lang, words);
        }
        if !tables.contains_key(FALLBACK_LANG) {
            return Err(ContentError::whole(
                shown,
                format!("no `{FALLBACK_LANG}.toml`: English is every language's last resort"),
            ));
        }
        Ok(Self { tables })
    }

    /// The words for a page in `lang` on a site in `site_lang`.
    pub fn words(&self, lang: &str, site_lang: &str) -> &Words {
        let primary = |tag: &str| tag.split('-').next().unwrap_or_default().to_string();
        [
            lang.to_string(),
            primary(lang),
            site_lang.to_string(),
            primary(site_lang),
        ]
        .iter()
        .find_map(|tag| self.tables.get(tag))
        .unwrap_or_else(|| &self.tables[FALLBACK_LANG])
    }

    /// Every table, by language.
    pub fn all(&self) -> impl Iterator<Item = (&str, &Words)> {
        self.tables
            .iter()
            .map(|(lang, words)| (lang.as_str(), words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project's own tables.
    fn project() -> Tables {
        Tables::load(
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../i18n")),
            "i18n",
        )
        .unwrap()
    }

    #[test]
    fn a_page_gets_its_language_then_its_primary_subtag_then_the_site_s_then_english() {
        let tables = project();
        assert_eq!(tables.words("fr", "fr").contents, "Sommaire");
        assert_eq!(tables.words("en", "fr").contents, "Contents");
        assert_eq!(tables.words("fr-CA", "en").contents, "Sommaire");
        assert_eq!(tables.words("de", "fr").contents, "Sommaire");
        assert_eq!(tables.words("de", "it").contents, "Contents");
        assert_eq!(
            tables.words("fr", "fr").section_link("Missions"),
            "Lien vers la section « Missions »"
        );
    }

    #[test]
    fn every_table_has_every_key_and_the_same_place_holders() {
        let tables = project();
        for (lang, words) in tables.all() {
            assert!(words.section_link.contains("{heading}"), "{lang}");
            assert!(words.not_found_link.contains("{title}"), "{lang}");
            assert!(words.search_many.contains("{n}"), "{lang}");
            for key in ["{day}", "{month}", "{year}"] {
                assert!(words.date_format.contains(key), "{lang}");
            }
            assert!(words.by_author.contains("{author}"), "{lang}");
            assert!(words.tag_title.contains("{tag}"), "{lang}");
            assert!(words.posts_page.contains("{n}"), "{lang}");
        }
        let date = time::macros::date!(2026 - 12 - 07);
        assert_eq!(tables.words("fr", "fr").date(date), "7 décembre 2026");
        assert_eq!(tables.words("en", "fr").date(date), "December 7, 2026");
        for (lang, words) in tables.all() {
            assert!(!lang.is_empty() && !words.posts.is_empty());
        }
    }

    fn tables_with(files: &[(&str, &str)]) -> Result<Tables, ContentError> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Tables::load(dir.path(), "i18n")
    }

    #[test]
    fn a_missing_or_unknown_key_fails_naming_the_file_and_the_key() {
        let english = include_str!("../../../i18n/en.toml");
        let without = english.replace("link_copied = \"Link copied\"\n", "");
        let e = tables_with(&[("en.toml", &without)]).unwrap_err();
        assert_eq!(e.file, "i18n/en.toml");
        assert!(e.message.contains("link_copied"), "{e}");
        let extra = format!("{english}\nlink_coppied = \"x\"\n");
        let e = tables_with(&[("en.toml", &extra)]).unwrap_err();
        assert!(e.message.contains("link_coppied"), "{e}");
        assert_eq!(e.line, Some(extra.lines().count()));
    }

    #[test]
    fn english_is_required_and_names_are_language_tags() {
        let french = include_str!("../../../i18n/fr.toml");
        let e = tables_with(&[("fr.toml", french)]).unwrap_err();
        assert!(e.message.contains("en.toml"), "{e}");
        let english = include_str!("../../../i18n/en.toml");
        let e = tables_with(&[("en.toml", english), ("not a tag!.toml", english)]).unwrap_err();
        assert_eq!(e.file, "i18n/not a tag!.toml");
        let e = tables_with(&[("en.toml", english), ("notes.txt", "")]).unwrap_err();
        assert_eq!(e.file, "i18n/notes.txt");
    }
}
