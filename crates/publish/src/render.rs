//! The render stage: every page of the site as HTML, Trunk's template filled with it.
//!
//! Each page is rendered at its permalink; the home page again at `/` unless a page lives there;
//! `404.html` is the page for any address the site does not know.

use std::collections::BTreeMap;

use cpd_content::site::blog::{paginate, tag_permalink, tag_slug, Blog, HOME};
use cpd_content::{page_url, walk, Article, Listing, Moment, Words};
use cpd_view::components::{
    LanguageLink, ListingView, MenuEntry, PageLink, PostEntry, PostMeta, When,
};
use cpd_view::pages::{ArticlePage, NotFoundPage};
use leptos::prelude::*;
use rayon::prelude::*;
use serde::Serialize;

use crate::cache::Cache;
use crate::error::{BuildError, Result};
use crate::offline::head_tags;
use crate::plan::Plan;
use crate::policy::SW_FILE;
use crate::prerender::{render, Rendered};
use crate::rewrite::{self, Fill, Sheets};
use crate::search::{SearchBoot, SearchFiles};
use crate::speculation;
use crate::{feed, seo};

/// A page as the render stage leaves it: its file under the output directory, and its HTML.
pub struct Page {
    pub file: String,
    /// The markup: made by this build, or kept by the last one under `key` and read only when
    /// a stage needs it (most find their work on the page by its key).
    html: std::sync::OnceLock<String>,
    /// With a cache: the key of everything the page is made of, which the later stages' work
    /// on it is kept under.
    pub key: Option<String>,
}

impl Page {
    fn made(file: &str, html: String) -> Self {
        Self {
            file: file.to_string(),
            html: html.into(),
            key: None,
        }
    }

    fn kept(file: &str, key: String) -> Self {
        Self {
            file: file.to_string(),
            html: std::sync::OnceLock::new(),
            key: Some(key),
        }
    }

    /// The page's markup, read from `cache` when the last build made it.
    pub fn html(&self, cache: Option<&Cache>) -> Result<&str> {
        if let Some(html) = self.html.get() {
            return Ok(html);
        }
        let lost = || BuildError::invalid(&self.file, "the build's cache lost the page's markup");
        let (Some(cache), Some(key)) = (cache, &self.key) else {
            return Err(lost());
        };
        let bytes = cache.get(key)?.ok_or_else(lost)?;
        let html = String::from_utf8(bytes)
            .map_err(|_| BuildError::invalid(&self.file, "the cache holds a page not in UTF-8"))?;
        Ok(self.html.get_or_init(|| html))
    }
}

/// What every page of one language carries besides its own markup: the head's tags (manifest,
/// theme colours, speculation rules, the language's feed) and the loader's data.
struct ForLanguage {
    head: String,
    boot: String,
    /// The site menu in the language, no entry marked current.
    menu: Vec<MenuEntry>,
    /// The hash of what every page of the language is made of besides itself: the site's
    /// settings, the interface's words, the template and the above; part of each page's key.
    made_of: String,
}

/// Each language's [`ForLanguage`], made once for every language of the site.
type Languages = BTreeMap<String, ForLanguage>;

fn for_languages(plan: &Plan, search: &SearchFiles) -> Languages {
    let settings = &plan.site.settings;
    let common = head_tags(settings) + &speculation::head_tag(settings);
    plan.site
        .languages()
        .into_iter()
        .map(|lang| {
            let mut head = common.clone();
            head.extend(feed::link_tag(lang, &plan.site.pages, settings));
            let boot = boot(plan, search, lang);
            let menu = menu_in(plan, lang);
            let words = format!("{:?}", (settings, plan.words(lang)));
            let made_of = crate::cache::key(
                "language",
                &[
                    words.as_bytes(),
                    plan.template.as_bytes(),
                    plan.loader.as_bytes(),
                    head.as_bytes(),
                    boot.as_bytes(),
                ],
            );
            (
                lang.to_string(),
                ForLanguage {
                    head,
                    boot,
                    menu,
                    made_of,
                },
            )
        })
        .collect()
}

/// Renders every page; each names the search's files.
pub fn stage(plan: &Plan, search: &SearchFiles, cache: Option<&Cache>) -> Result<Vec<Page>> {
    let site = &plan.site;
    let languages = for_languages(plan, search);
    let blog = Blog::of(&site.pages);
    // Each page renders under its own reactive owner: they are independent, so on every core.
    let mut pages = site
        .pages
        .par_iter()
        .map(|article| {
            let file = article.permalink.trim_start_matches('/');
            article_page(
                plan,
                &languages,
                &blog,
                article,
                file,
                &article.permalink,
                cache,
            )
        })
        .collect::<Result<Vec<_>>>()?;
    let home = site
        .home()
        .ok_or_else(|| BuildError::invalid("index.html", "the site has no page"))?;
    if !site.pages.iter().any(|p| p.permalink == "/index.html") {
        pages.push(article_page(
            plan,
            &languages,
            &blog,
            home,
            "index.html",
            "/",
            cache,
        )?);
    }
    pages.push(not_found_page(plan, &languages, home)?);
    Ok(pages)
}

/// A page of the site, rendered at `path` into `file`.
fn article_page(
    plan: &Plan,
    for_languages: &Languages,
    blog: &Blog,
    article: &Article,
    file: &str,
    path: &str,
    cache: Option<&Cache>,
) -> Result<Page> {
    let menu = menu(&for_languages[&article.lang].menu, article);
    let translations = plan.site.translations(article);
    let languages = languages(plan, article, &translations);
    let words = plan.words(&article.lang);
    let post = article
        .post
        .is_some()
        .then(|| post_meta(plan, blog, article, words));
    let listing = article
        .listing
        .as_ref()
        .map(|l| listing(plan, blog, article, l, words));
    let alternates = seo::alternate_tags(&translations, &plan.site.settings);
    let styles = crate::styles::link_tag(article, plan.content_styles.as_ref(), |file| {
        plan.site.settings.href(file)
    });
    let sheets = Sheets {
        code: walk::has_code(article),
        blog: article.post.is_some() || article.listing.is_some(),
        extras: walk::has_extras(article),
    };
    // Everything the page is made of, for the cache: its model and what it is shown with
    // (their derived `Debug` writes every field), and what its language's pages share.
    let key = cache.map(|_| {
        let made_of = format!(
            "{:?}",
            (path, file, article, &menu, &languages, &post, &listing, sheets)
        );
        let shared = &for_languages[&article.lang].made_of;
        crate::cache::key(
            "page",
            &[
                shared.as_bytes(),
                made_of.as_bytes(),
                alternates.as_bytes(),
                styles.as_bytes(),
            ],
        )
    });
    if let (Some(cache), Some(key)) = (cache, &key) {
        if cache.has(key) {
            return Ok(Page::kept(file, key.clone()));
        }
    }
    let page = article.clone();
    let words = words.clone();
    let mut rendered = render(&plan.site.settings, path, move || {
        provide_context(words);
        match (post, listing) {
            (Some(post), _) => view! { <ArticlePage article=page menu languages post/> }.into_any(),
            (None, Some(listing)) => {
                view! { <ArticlePage article=page menu languages listing/> }.into_any()
            }
            (None, None) => view! { <ArticlePage article=page menu languages/> }.into_any(),
        }
    })
    .map_err(|e| BuildError::invalid(file, e.to_string()))?;
    rendered.head += &alternates;
    rendered.head += &styles;
    let mut page = fill(plan, for_languages, file, rendered, &article.lang, sheets)?;
    if let (Some(cache), Some(key)) = (cache, key) {
        cache.put(key.clone(), page.html(None)?.as_bytes())?;
        page.key = Some(key);
    }
    Ok(page)
}

/// A link to `page`, titled with its title.
fn link_to(page: &Article) -> PageLink {
    PageLink {
        title: page.title.clone(),
        url: page_url(&page.permalink).to_string(),
    }
}

/// A date in `words`' language.
fn when(date: &Moment, words: &Words) -> When {
    When {
        iso: date.iso(),
        shown: words.date(date.date()),
    }
}

/// What a post's page shows besides its text: its date, author, tags and neighbours.
fn post_meta(plan: &Plan, blog: &Blog, post: &Article, words: &Words) -> PostMeta {
    let (older, newer) = blog.neighbours(post);
    let tags = post.post.iter().flat_map(|p| &p.tags).map(|name| {
        let slug = tag_slug(name);
        PageLink {
            title: name.clone(),
            url: page_url(&tag_permalink(&slug)).to_string(),
        }
    });
    PostMeta {
        date: post.date_published.as_ref().map(|d| when(d, words)),
        author: post
            .author
            .clone()
            .or_else(|| plan.site.settings.author.clone()),
        tags: tags.collect(),
        older: older.map(link_to),
        newer: newer.map(link_to),
    }
}

/// What a list page lists: posts (the home page's in pages of `paginate:`), a tag's posts, the
/// tags, or the pages.
fn listing(
    plan: &Plan,
    blog: &Blog,
    page: &Article,
    listing: &Listing,
    words: &Words,
) -> ListingView {
    let entry = |p: &&Article| PostEntry {
        link: link_to(p),
        date: p.date_published.as_ref().map(|d| when(d, words)),
        excerpt: p
            .post
            .as_ref()
            .map(|p| p.excerpt.clone())
            .unwrap_or_default(),
    };
    match listing {
        Listing::Posts { page: number } => {
            let reading = &plan.site.settings.reading;
            let pagers = paginate(
                blog.posts.len(),
                reading.paginate,
                HOME,
                &reading.paginate_path,
            );
            let paged = pagers.iter().any(|p| p.permalink == page.permalink);
            let Some(pager) = pagers.get(number - 1).filter(|_| paged) else {
                return ListingView::Posts {
                    entries: blog.posts.iter().map(entry).collect(),
                    newer: None,
                    older: None,
                };
            };
            let url = |n: usize| pagers.get(n).map(|p| page_url(&p.permalink).to_string());
            ListingView::Posts {
                entries: blog.posts[pager.range.clone()].iter().map(entry).collect(),
                newer: number.checked_sub(2).and_then(url),
                older: url(*number),
            }
        }
        Listing::Tag { slug } => ListingView::Posts {
            entries: blog
                .tags
                .get(slug)
                .map(|t| t.posts.iter().map(entry).collect())
                .unwrap_or_default(),
            newer: None,
            older: None,
        },
        Listing::Tags => ListingView::Tags(
            blog.tags
                .iter()
                .map(|(slug, tag)| {
                    let link = PageLink {
                        title: tag.name.clone(),
                        url: page_url(&tag_permalink(slug)).to_string(),
                    };
                    (link, tag.posts.len())
                })
                .collect(),
        ),
        Listing::Pages => {
            let mut pages: Vec<PageLink> = plan
                .site
                .pages
                .iter()
                .filter(|p| p.post.is_none() && p.listing.is_none())
                .map(link_to)
                .collect();
            pages.sort_by(|a, b| a.title.cmp(&b.title));
            ListingView::Pages(pages)
        }
    }
}

/// « Page introuvable », in the site's language, with a link to the home page.
fn not_found_page(plan: &Plan, for_languages: &Languages, home: &Article) -> Result<Page> {
    let title = home.title.clone();
    let url = page_url(&home.permalink).to_string();
    let words = plan.words(&plan.site.settings.lang).clone();
    let rendered = render(&plan.site.settings, "/404.html", move || {
        provide_context(words);
        view! { <NotFoundPage home_title=title home_url=url/> }
    })?;
    fill(
        plan,
        for_languages,
        "404.html",
        rendered,
        &plan.site.settings.lang,
        Sheets::default(),
    )
}

/// Trunk's template filled with a rendered page.
fn fill(
    plan: &Plan,
    for_languages: &Languages,
    file: &str,
    rendered: Rendered,
    lang: &str,
    sheets: Sheets,
) -> Result<Page> {
    let ForLanguage { head, boot, .. } = &for_languages[lang];
    let head = rendered.head + head;
    let html = rewrite::page(
        &plan.template,
        &Fill {
            head: &head,
            body: &rendered.body,
            loader: &plan.loader,
            boot,
            base: &plan.site.settings.base,
            lang,
            sheets,
        },
    )?;
    Ok(Page::made(file, html))
}

/// The language switch of `page`, from its `translations`: each named in its own language.
fn languages(plan: &Plan, page: &Article, translations: &[&Article]) -> Vec<LanguageLink> {
    translations
        .iter()
        .map(|p| LanguageLink {
            lang: p.lang.clone(),
            name: plan.words(&p.lang).language.clone(),
            url: page_url(&p.permalink).to_string(),
            current: p.permalink == page.permalink,
        })
        .collect()
}

/// The site menu of the pages in `lang` (see `Site::menu_in`), no entry current.
fn menu_in(plan: &Plan, lang: &str) -> Vec<MenuEntry> {
    plan.site
        .menu_in(lang)
        .into_iter()
        .map(|p| MenuEntry {
            title: p.title.clone(),
            url: page_url(&p.permalink).to_string(),
            current: false,
            lang: (p.lang != lang).then(|| p.lang.clone()),
        })
        .collect()
}

/// The menu of `page`'s language as seen from `page`: its own entry current.
fn menu(in_lang: &[MenuEntry], page: &Article) -> Vec<MenuEntry> {
    let url = page_url(&page.permalink);
    in_lang
        .iter()
        .map(|entry| MenuEntry {
            current: entry.url == url,
            ..entry.clone()
        })
        .collect()
}

/// What the loader needs to start the islands: Trunk's glue (checked against its integrity
/// hash) and wasm, the service worker to register (release builds only), and the status note
/// to empty once the islands are up.
#[derive(Debug, Serialize)]
struct Boot<'a> {
    glue: &'a str,
    integrity: &'a str,
    wasm: &'a str,
    worker: Option<String>,
    status: &'a str,
    search: SearchBoot<'a>,
}

/// The loader's data for a page in `lang`, as JSON for its data block: the search's files
/// are the search stage's.
fn boot(plan: &Plan, search: &SearchFiles, lang: &str) -> String {
    let boot = Boot {
        glue: &plan.assets.glue,
        integrity: &plan.assets.integrity,
        wasm: &plan.assets.wasm,
        worker: plan
            .options
            .release
            .then(|| plan.site.settings.href(SW_FILE)),
        status: cpd_view::dom::APP_STATUS_ID,
        search: search.for_page(lang),
    };
    cpd_content::json_ld::script_json(&boot)
}
