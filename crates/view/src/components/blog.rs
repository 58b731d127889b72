use cpd_content::{SiteSettings, Words};
use leptos::prelude::*;

/// A date as a page shows it: machine-readable, and in the page's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// ISO 8601, for `<time datetime>`.
    pub iso: String,
    /// « 7 décembre 2026 », "December 7, 2026".
    pub shown: String,
}

/// A link to another page of the site: its title and address (under the base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub title: String,
    /// As links write it (`/2024/01/02/hello/`).
    pub url: String,
}

/// A post as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostEntry {
    pub link: PageLink,
    pub date: Option<When>,
    pub excerpt: String,
}

/// What a list page shows after its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingView {
    /// One page of the posts, newest first, with links to the newer and older pages.
    Posts {
        entries: Vec<PostEntry>,
        newer: Option<String>,
        older: Option<String>,
    },
    /// Every tag, with how many posts carry it.
    Tags(Vec<(PageLink, usize)>),
    /// Every page that is not a post.
    Pages(Vec<PageLink>),
}

/// What a post's page shows besides its text: when, by whom, its tags, and its neighbours.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostMeta {
    pub date: Option<When>,
    pub author: Option<String>,
    pub tags: Vec<PageLink>,
    /// The post before it in time.
    pub older: Option<PageLink>,
    /// The post after it in time.
    pub newer: Option<PageLink>,
}

/// A link to another page: `rel="external"`, so the in-page router leaves it to the browser.
fn page_link(link: PageLink) -> impl IntoView {
    let href = expect_context::<SiteSettings>().href(&link.url);
    view! { <a href=href rel="external">{link.title}</a> }
}

fn time(when: When) -> impl IntoView {
    view! { <time datetime=when.iso>{when.shown}</time> }
}

/// Under a post's title: its date, its author and its tags.
#[component]
pub fn PostHeader(meta: PostMeta) -> impl IntoView {
    let words = expect_context::<Words>();
    let PostMeta {
        date, author, tags, ..
    } = meta;
    let byline = author.map(|a| words.by_author(&a));
    view! {
        <p class="post-meta">
            {date.map(time)}
            {byline.map(|b| view! { " " <span class="post-author">{b}</span> })}
        </p>
        {(!tags.is_empty()).then(|| {
            view! {
                <ul class="post-tags" aria-label=words.tags.clone()>
                    {tags.into_iter().map(|t| view! { <li>{page_link(t)}</li> }).collect_view()}
                </ul>
            }
        })}
    }
}

/// After a post: links to the post before it and the one after it.
#[component]
pub fn PostNeighbours(meta: PostMeta) -> impl IntoView {
    let words = expect_context::<Words>();
    let PostMeta { older, newer, .. } = meta;
    (older.is_some() || newer.is_some()).then(|| {
        view! {
            <nav class="post-neighbours" aria-label=words.post_neighbours.clone()>
                {older.map(|l| view! {
                    <p class="older"><span>{words.previous_post.clone()}</span> " " {page_link(l)}</p>
                })}
                {newer.map(|l| view! {
                    <p class="newer"><span>{words.next_post.clone()}</span> " " {page_link(l)}</p>
                })}
            </nav>
        }
    })
}

/// A list page's list: posts with their date and excerpt, tags with their counts, or pages.
#[component]
pub fn Listing(listing: ListingView) -> impl IntoView {
    match listing {
        ListingView::Posts {
            entries,
            newer,
            older,
        } => view! { <PostList entries newer older/> }.into_any(),
        ListingView::Tags(tags) => view! {
            <ul class="tag-list">
                {tags
                    .into_iter()
                    .map(|(link, n)| view! { <li>{page_link(link)} " " <span class="count">{format!("({n})")}</span></li> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        ListingView::Pages(pages) => view! {
            <ul class="page-list">
                {pages.into_iter().map(|p| view! { <li>{page_link(p)}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}

/// One page of the posts, and the links to the pages of newer and older posts.
#[component]
fn PostList(
    entries: Vec<PostEntry>,
    newer: Option<String>,
    older: Option<String>,
) -> impl IntoView {
    let words = expect_context::<Words>();
    let settings = expect_context::<SiteSettings>();
    let pager = (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label=words.pagination.clone()>
                {newer.map(|u| view! { <a href=settings.href(&u) rel="external prev">{words.newer_posts.clone()}</a> })}
                {older.map(|u| view! { <a href=settings.href(&u) rel="external next">{words.older_posts.clone()}</a> })}
            </nav>
        }
    });
    view! {
        <ol class="post-list">
            {entries
                .into_iter()
                .map(|PostEntry { link, date, excerpt }| view! {
                    <li>
                        <h2 class="post-title">{page_link(link)}</h2>
                        {date.map(|d| view! { <p class="post-meta">{time(d)}</p> })}
                        {(!excerpt.is_empty()).then(|| view! { <p class="excerpt">{excerpt}</p> })}
                    </li>
                })
                .collect_view()}
        </ol>
        {pager}
    }
}
