//! The whole content folder: the site's settings and every page and post, with their links
//! checked.
//!
//! Every entry is accounted for ([`entries`], under Jekyll's rules): each Markdown file with
//! front matter is a page, each one under `_posts/` a post (and under `_drafts/` a draft, when
//! asked), each other file is copied, and what is left out is left out by a named rule, which the
//! build's summary counts ([`Account`]). What cannot be read is an error naming it. Links between
//! pages are resolved and checked ([`links`]) once every page is known.

pub mod blog;
pub mod entries;
mod links;
pub mod memo;
mod parsed;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::error::ContentError;
use crate::jekyll::dates::{self, Moment, Zone};
use crate::jekyll::permalink;
use crate::liquid;
use crate::model::{page_url, Article};
use crate::parse::{
    parse_page, parse_page_in, Addressing, Asset, PageSource, ParsedPage, PostFile,
};
use crate::settings::{Overrides, SiteSettings, CONFIG_FILE};
use crate::typography;
use entries::{Entries, Entry, Rule, Skipped};
use parsed::Parsed;
use rayon::prelude::*;

/// Every page of the site, and the files it serves besides.
#[derive(Debug, Clone)]
pub struct Site {
    pub settings: SiteSettings,
    /// The published pages, in path order, then the posts, newest first.
    pub pages: Vec<Article>,
    /// Images under their content-hashed names, and every other file under its own.
    pub files: Vec<Asset>,
    /// What became of every entry of the folder.
    pub account: Account,
    /// Old addresses, and pages that have moved (jekyll-redirect-from).
    pub redirects: Vec<Redirect>,
}

/// An address that leads elsewhere: a page's old address (`redirect_from`), or a page that has
/// moved (`redirect_to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The redirect page's permalink (`/old/index.html`).
    pub from: String,
    /// Where it leads: a path under the base (`/new/`) or an absolute URL.
    pub to: String,
    /// The source file that asks for it, relative to the content folder.
    pub source: String,
}

/// What became of every entry of the content folder: the build's closing summary.
#[derive(Debug, Clone, Default)]
pub struct Account {
    pub pages: usize,
    pub posts: usize,
    pub drafts: usize,
    /// Files copied as they are (Markdown without front matter among them).
    pub copied: usize,
    /// Pages the build makes: the posts list's pages, the tags.
    pub built_in: usize,
    /// What was left out, by rule.
    pub skipped: Vec<Skipped>,
    /// What the build says once about the folder (a setting it could not follow…).
    pub notes: Vec<String>,
}

impl Account {
    /// One line: pages, posts, files copied, and entries left out by each rule.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{} pages, {} posts, {} files copied",
            self.pages, self.posts, self.copied
        );
        if self.drafts > 0 {
            line += &format!(", {} drafts", self.drafts);
        }
        if self.built_in > 0 {
            line += &format!(", {} built-in pages (posts lists, tags)", self.built_in);
        }
        let counts = entries::counts(&self.skipped);
        if counts.is_empty() {
            line += "; nothing left out";
        } else {
            let each: Vec<String> = counts
                .iter()
                .map(|(rule, n)| format!("{n} {}", rule.describe()))
                .collect();
            line += &format!("; left out: {}", each.join("; "));
        }
        line
    }

    /// Every entry left out, by name, under its rule.
    pub fn explain(&self) -> String {
        let mut rules: Vec<Rule> = self.skipped.iter().map(|s| s.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        let mut out = String::new();
        for rule in rules {
            out += &format!("left out, {}:\n", rule.describe());
            for s in self.skipped.iter().filter(|s| s.rule == rule) {
                out += &format!("  {}\n", s.rel);
            }
        }
        out
    }
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

    /// The site menu as a page in `lang` shows it: each menu page in `lang`, or its
    /// translation in `lang`, in the menu's order, each once. A language none of them is in
    /// gets the menu in the site's language (then, if that has none either, the menu as it is):
    /// its entries are then in another language than the page, which says so with `lang`.
    pub fn menu_in(&self, lang: &str) -> Vec<&Article> {
        let menu = self.menu();
        let in_lang = |lang: &str| {
            let mut seen = BTreeSet::new();
            menu.iter()
                .filter_map(|page| match page.lang == lang {
                    true => Some(*page),
                    false => self.translations(page).into_iter().find(|t| t.lang == lang),
                })
                .filter(|page| seen.insert(page.permalink.as_str()))
                .collect::<Vec<_>>()
        };
        [lang, self.settings.lang.as_str()]
            .into_iter()
            .map(in_lang)
            .find(|entries| !entries.is_empty())
            .unwrap_or(menu)
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

/// Loads the content folder `root` (named `shown` in messages): settings, pages and posts,
/// checked links, files.
pub fn load_site(root: &Path, shown: &str, overrides: &Overrides) -> Result<Site, ContentError> {
    load_site_with(root, shown, overrides, None)
}

/// Loads the site as [`load_site`], taking from `memo` the pages parsed before
/// ([`memo`]).
pub fn load_site_with(
    root: &Path,
    shown: &str,
    overrides: &Overrides,
    memo: Option<&dyn memo::Memo>,
) -> Result<Site, ContentError> {
    let settings = SiteSettings::load(root, shown, overrides)?;
    let mut account = Account::default();
    let zone = zone(&settings, shown, &mut account.notes);
    let Entries {
        pages,
        posts,
        drafts,
        liquid_pages,
        files,
        skipped,
    } = entries::list(root, shown, &settings.reading)?;
    account.skipped = skipped;
    let mut built_ins = Vec::new();
    for entry in &liquid_pages {
        match theme_page(entry, shown, &settings)? {
            Some(page) => {
                account.notes.push(format!(
                    "{shown}/{}: an HTML page of the old theme that lists with Liquid: replaced by the built-in list at {}",
                    entry.rel, page.permalink
                ));
                built_ins.push(page);
            }
            None => account.skipped.push(Skipped {
                rel: entry.rel.clone(),
                rule: Rule::NotFoundPage,
            }),
        }
    }
    let addressing = Addressing {
        permalink: settings.reading.permalink.clone(),
        posts_permalink: settings.reading.posts_permalink.clone(),
        zone,
        excerpt_separator: settings.reading.excerpt_separator.clone(),
        site_title: settings.title.clone(),
        post: None,
    };
    let mut sources: Vec<(&Entry, Addressing)> = Vec::new();
    for entry in &pages {
        sources.push((entry, addressing.clone()));
    }
    for (list, draft) in [(&posts, false), (&drafts, true)] {
        for entry in list {
            match post_file(entry, draft, &addressing.zone, shown)? {
                Some(post) => sources.push((
                    entry,
                    Addressing {
                        post: Some(post),
                        ..addressing.clone()
                    },
                )),
                None => account.skipped.push(Skipped {
                    rel: entry.rel.clone(),
                    rule: Rule::NotAPost,
                }),
            }
        }
    }
    let now = time::OffsetDateTime::now_utc();
    let liquid = SiteLiquid {
        settings: &settings,
        url: settings.absolute("").trim_end_matches('/').to_string(),
        posts: posts
            .iter()
            .chain(&drafts)
            .map(|e| e.rel.as_str())
            .collect(),
        root,
        shown,
    };
    let memo = match memo {
        Some(memo) => {
            let site = format!("{:?}", (&settings, &liquid.url, &liquid.posts));
            Some((memo, memo::site_key(&site, root, shown)?))
        }
        None => None,
    };
    let memo = memo.as_ref().map(|(m, key)| (*m, key.as_slice()));
    let parsed = parse_all(sources, &liquid, memo, now, &mut account)?;
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
    }
    articles
        .par_iter_mut()
        .filter(|article| article.is_french())
        .for_each(typography::typeset);
    let redirects = redirects(shown, &parsed, &mut articles)?;
    // Pages in path order, then posts newest first: what lists and feeds read.
    articles.sort_by(|a, b| match (&a.post, &b.post) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(_), Some(_)) => b.date_published.cmp(&a.date_published),
    });
    for page in built_ins {
        if let Some(other) = articles.iter().find(|a| a.permalink == page.permalink) {
            return Err(ContentError::whole(
                format!("{shown}/{}", page.source),
                format!(
                    "its address `{}` is also the one of `{shown}/{}`: leave one out with `exclude:`",
                    page.permalink, other.source
                ),
            ));
        }
        account.pages += 1;
        articles.push(page);
    }
    let files = copied_files(root, &files, &parsed, &linked);
    account.copied = files.len();
    Ok(Site {
        settings,
        pages: articles,
        files,
        account,
        redirects,
    })
}

/// The site's redirects: each page's `redirect_from` addresses, which lead to it, and the pages
/// with `redirect_to`, which become a redirect and leave the site's pages. An old address that
/// a page has, or that two pages claim, is an error naming the file.
fn redirects(
    shown: &str,
    parsed: &[Parsed],
    articles: &mut Vec<Article>,
) -> Result<Vec<Redirect>, ContentError> {
    let mut redirects: Vec<Redirect> = Vec::new();
    for (p, article) in parsed.iter().zip(articles.iter()) {
        if let Some(to) = &p.page.redirect_to {
            redirects.push(Redirect {
                from: article.permalink.clone(),
                to: to.clone(),
                source: article.source.clone(),
            });
        }
        for old in &article.redirect_from {
            redirects.push(Redirect {
                from: format!("/{}", permalink::output_file(old, ".html")),
                to: page_url(&article.permalink).to_string(),
                source: article.source.clone(),
            });
        }
    }
    let moved: BTreeSet<String> = parsed
        .iter()
        .zip(articles.iter())
        .filter(|(p, _)| p.page.redirect_to.is_some())
        .map(|(_, a)| a.permalink.clone())
        .collect();
    for (i, r) in redirects.iter().enumerate() {
        let page = articles
            .iter()
            .find(|a| a.permalink == r.from && !moved.contains(&a.permalink))
            .map(|a| &a.source);
        let earlier = redirects[..i]
            .iter()
            .find(|o| o.from == r.from)
            .map(|o| &o.source);
        if let Some(other) = page.or(earlier) {
            return Err(ContentError::whole(
                format!("{shown}/{}", r.source),
                format!(
                    "`redirect_from` names `{}`, which is also an address of `{shown}/{other}`",
                    page_url(&r.from)
                ),
            ));
        }
    }
    articles.retain(|a| !moved.contains(&a.permalink));
    Ok(redirects)
}

/// An HTML page of the old theme (front matter, Liquid, the theme's layout): the built-in page
/// that does its job when its Liquid lists posts, tags or pages; `None` for the theme's
/// `404.html`, which the site writes itself. Any other such page fails, naming its first Liquid
/// construct, or its front matter when it has no Liquid.
fn theme_page(
    entry: &Entry,
    shown: &str,
    settings: &SiteSettings,
) -> Result<Option<Article>, ContentError> {
    let file = format!("{shown}/{}", entry.rel);
    let text = std::fs::read_to_string(&entry.path)
        .map_err(|e| ContentError::io(&file, "cannot read the page", e))?;
    let start = crate::parse::excerpt::body_start(&text);
    let body = &text[start..];
    if let Some(listing) = blog::listed_by(body) {
        let front: BTreeMap<String, String> =
            crate::parse::front_scalars(&text[..start]).unwrap_or_default();
        let url = permalink::page_url(
            Some(&settings.reading.permalink),
            &entry.rel,
            front.get("permalink").map(String::as_str),
        );
        let permalink = format!("/{}", permalink::output_file(&url, ".html"));
        let title = front.get("title").cloned().unwrap_or_default();
        let lang = front.get("lang").cloned().unwrap_or(settings.lang.clone());
        return Ok(Some(blog::built_in(
            &entry.rel, &title, &permalink, &lang, listing,
        )));
    }
    if entry.rel == "404.html" {
        return Ok(None);
    }
    let first_line = text[..start].matches('\n').count() + 1;
    let liquid = ["{%", "{{"].iter().filter_map(|open| body.find(open)).min();
    let (line, message) = match liquid {
        Some(at) => {
            let construct: String = body[at..].chars().take_while(|c| *c != '\n').take(60).collect();
            (
                first_line + body[..at].matches('\n').count(),
                format!("an HTML page of the old theme whose Liquid does not list posts, tags or pages: `{construct}`; write it in Markdown (a `.md` page), or leave it out with `exclude:`"),
            )
        }
        None => (
            1,
            "an HTML page with front matter, which Jekyll draws in the old theme's layout: write it in Markdown (a `.md` page), or leave it out with `exclude:`".to_string(),
        ),
    };
    Err(ContentError::at(file, line, message))
}

/// The site's zone for dates without offset: `timezone:`, or UTC. A name Jekyll would not know
/// either is said once, and UTC used (Jekyll falls back to the machine's zone).
fn zone(settings: &SiteSettings, shown: &str, notes: &mut Vec<String>) -> Zone {
    match settings.reading.timezone.as_deref() {
        None => Zone::utc(),
        Some(name) => Zone::named(name).unwrap_or_else(|e| {
            notes.push(format!(
                "{shown}/{CONFIG_FILE}: timezone `{name}` is not a time zone ({e}): dates without an offset are read as UTC"
            ));
            Zone::utc()
        }),
    }
}

/// What a post's path says: its date and slug (`YYYY-M(M)-D(D)-slug.md`; a draft's date is its
/// last change), and its categories (the folders above `_posts/`). `None` when the name has no
/// date, which Jekyll leaves out.
fn post_file(
    entry: &Entry,
    draft: bool,
    zone: &Zone,
    shown: &str,
) -> Result<Option<PostFile>, ContentError> {
    let (folders, name) = entry.rel.rsplit_once('/').unwrap_or(("", &entry.rel));
    let special = if draft { "_drafts" } else { "_posts" };
    let categories: Vec<String> = folders
        .split('/')
        .take_while(|f| *f != special)
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    let (date, slug) = if draft {
        let modified = std::fs::metadata(&entry.path)
            .and_then(|m| m.modified())
            .map_err(|e| ContentError::io(format!("{shown}/{}", entry.rel), "cannot be read", e))?;
        let at = zone.to_local(time::OffsetDateTime::from(modified));
        let (slug, _) = dates::draft_name(name);
        (
            Moment {
                at,
                day_only: false,
            },
            slug.to_string(),
        )
    } else {
        let Some(parsed) = dates::post_name(name) else {
            return Ok(None);
        };
        let midnight = parsed.date.midnight();
        let at = midnight.assume_offset(zone.offset_at(midnight));
        (Moment { at, day_only: true }, parsed.slug.to_string())
    };
    Ok(Some(PostFile {
        date,
        slug,
        categories,
        draft,
    }))
}

/// Reads and parses every page and post; those left out (`published: false`, dated after `now`
/// without `future: true`) are checked, then counted out.
fn parse_all(
    sources: Vec<(&Entry, Addressing)>,
    liquid: &SiteLiquid,
    memo: Option<(&dyn memo::Memo, &[u8])>,
    now: time::OffsetDateTime,
    account: &mut Account,
) -> Result<Vec<Parsed>, ContentError> {
    let (root, shown, settings) = (liquid.root, liquid.shown, liquid.settings);
    // Each page is read and parsed on its own, on every core; what is counted, in order.
    let read: Vec<(&Entry, PageSource, ParsedPage)> = sources
        .into_par_iter()
        .map(|(entry, addressing)| {
            let file = format!("{shown}/{}", entry.rel);
            let text = std::fs::read_to_string(&entry.path)
                .map_err(|e| ContentError::io(&file, "cannot read the page", e))?;
            let source = PageSource {
                file,
                rel_path: entry.rel.clone(),
                root: Some(root.to_path_buf()),
                site_lang: settings.lang.clone(),
                addressing,
            };
            let page = match memo {
                Some((memo, site_key)) => memo::parse_kept(memo, site_key, &source, &text, || {
                    parse_page_in(&source, &text, liquid)
                })?,
                None => parse_page_in(&source, &text, liquid)?,
            };
            Ok((entry, source, page))
        })
        .collect::<Result<_, ContentError>>()?;
    let mut parsed = Vec::with_capacity(read.len());
    for (entry, source, page) in read {
        account.notes.extend(page.notes.iter().cloned());
        let article = &page.article;
        let future = article.post.is_some()
            && !settings.reading.future
            && article.date_published.is_some_and(|d| d.at > now);
        let rule = match (page.published, future) {
            (false, _) => Some(Rule::Unpublished),
            (true, true) => Some(Rule::Future),
            (true, false) => None,
        };
        match (rule, &article.post) {
            (Some(rule), _) => account.skipped.push(Skipped {
                rel: entry.rel.clone(),
                rule,
            }),
            (None, Some(post)) if post.draft => account.drafts += 1,
            (None, Some(_)) => account.posts += 1,
            (None, None) => account.pages += 1,
        }
        if rule.is_none() {
            parsed.push(Parsed { source, page });
        }
    }
    Ok(parsed)
}

/// What the Liquid of the site's pages reads of the site. Links come out as paths from the
/// content folder's root (`{% post_url %}` as the post's source file), which the link check
/// resolves to addresses under the base, and fails on when nothing is there: so `site.baseurl`
/// and `relative_url` leave the base to the components that write every link.
struct SiteLiquid<'a> {
    settings: &'a SiteSettings,
    /// `url` and the base path, for `absolute_url`.
    url: String,
    /// Every post's and draft's source path.
    posts: Vec<&'a str>,
    root: &'a Path,
    shown: &'a str,
}

impl liquid::Context for SiteLiquid<'_> {
    fn site(&self, key: &str) -> Option<String> {
        match key {
            "baseurl" => Some(String::new()),
            _ => self.settings.scalars.get(key).cloned(),
        }
    }
    fn page(&self, _key: &str) -> Option<String> {
        None
    }
    fn baseurl(&self) -> &str {
        ""
    }
    fn url(&self) -> &str {
        &self.url
    }
    fn post_url(&self, name: &str) -> Result<String, String> {
        let name = name.trim().trim_start_matches('/');
        let (folder, stem) = name.rsplit_once('/').unwrap_or(("", name));
        let found = self.posts.iter().find(|rel| {
            let (dirs, file) = rel.rsplit_once('/').unwrap_or(("", rel));
            let file_stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            file_stem == stem && (folder.is_empty() || dirs.contains(folder))
        });
        match found {
            Some(rel) => Ok(format!("/{rel}")),
            None => Err(format!("no post `{name}` in any _posts/ folder")),
        }
    }
    fn link(&self, path: &str) -> Result<String, String> {
        Ok(liquid::source_link(path))
    }
    fn include(&self, name: &str) -> Result<(String, String), String> {
        let name = name.trim();
        if name.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(format!("`{name}` is not a file of _includes/"));
        }
        let shown = format!("{}/_includes/{name}", self.shown);
        let path = self.root.join("_includes").join(name);
        std::fs::read_to_string(&path)
            .map(|text| (shown.clone(), text))
            .map_err(|e| format!("cannot read `{shown}`: {e}"))
    }
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
