//! The site's posts as lists: newest first, by tag, in pages of `paginate:` posts, and each
//! post's neighbours. Pure functions over the loaded pages, for the build's built-in pages (the
//! posts list, the tag pages, the pages of older posts) and each post's page.

use std::collections::BTreeMap;

use crate::jekyll::slugify::{slugify, Mode};
use crate::model::{Article, Listing};

/// The posts of a site, newest first, and their tags.
#[derive(Debug, Clone)]
pub struct Blog<'a> {
    pub posts: Vec<&'a Article>,
    /// Every tag, by its slug (the address's last part), in slug order.
    pub tags: BTreeMap<String, Tag<'a>>,
}

/// A tag and its posts, newest first.
#[derive(Debug, Clone)]
pub struct Tag<'a> {
    /// The tag as its first post writes it.
    pub name: String,
    pub posts: Vec<&'a Article>,
}

impl<'a> Blog<'a> {
    /// The posts among `pages` (drafts included when built), newest first; at the same time, by
    /// address.
    pub fn of(pages: &'a [Article]) -> Self {
        let mut posts: Vec<&Article> = pages.iter().filter(|p| p.post.is_some()).collect();
        posts.sort_by(|a, b| {
            b.date_published
                .cmp(&a.date_published)
                .then(a.permalink.cmp(&b.permalink))
        });
        let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
        for post in &posts {
            for name in post.post.iter().flat_map(|p| &p.tags) {
                let tag = tags.entry(tag_slug(name)).or_insert_with(|| Tag {
                    name: name.clone(),
                    posts: Vec::new(),
                });
                if !tag.posts.iter().any(|p| p.permalink == post.permalink) {
                    tag.posts.push(post);
                }
            }
        }
        Blog { posts, tags }
    }

    /// The post before `post` in time (older) and the one after it (newer), as Jekyll's
    /// `page.previous` and `page.next`.
    pub fn neighbours(&self, post: &Article) -> (Option<&'a Article>, Option<&'a Article>) {
        let Some(i) = self
            .posts
            .iter()
            .position(|p| p.permalink == post.permalink)
        else {
            return (None, None);
        };
        let older = self.posts.get(i + 1).copied();
        let newer = i.checked_sub(1).and_then(|j| self.posts.get(j).copied());
        (older, newer)
    }
}

/// A tag's slug: its address's last part (`Web Dev` → `web-dev`); a tag of symbols only keeps
/// a slug of its own characters.
pub fn tag_slug(name: &str) -> String {
    let slug = slugify(name, Mode::Default, false);
    match slug.is_empty() {
        true => slugify(name, Mode::Raw, false),
        false => slug,
    }
}

/// A page the build makes: a title and a list, no text of its own.
pub fn built_in(
    source: &str,
    title: &str,
    permalink: &str,
    lang: &str,
    listing: Listing,
) -> Article {
    Article {
        source: source.to_string(),
        title: title.to_string(),
        summary: String::new(),
        permalink: permalink.to_string(),
        lang: lang.to_string(),
        author: None,
        date_published: None,
        date_modified: None,
        post: None,
        listing: Some(listing),
        redirect_from: Vec::new(),
        nav_order: None,
        reference: None,
        image: None,
        tagline: None,
        lead: Vec::new(),
        toc: Vec::new(),
        part: None,
        sections: Vec::new(),
        footnotes: Vec::new(),
    }
}

/// What an HTML page of the old theme lists with its Liquid loop, if it lists anything: the
/// posts (`site.posts`, `paginator.posts`), the tags or categories, or the pages.
pub fn listed_by(liquid: &str) -> Option<Listing> {
    static LOOP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\{%-?\s*for\s+\w+\s+in\s+(site\.posts|paginator\.posts|site\.tags|site\.categories|site\.pages|site\.html_pages)\b",
        )
        .expect("a valid pattern")
    });
    let what = LOOP.captures(liquid)?.get(1)?.as_str();
    Some(match what {
        "site.posts" | "paginator.posts" => Listing::Posts { page: 1 },
        "site.tags" | "site.categories" => Listing::Tags,
        _ => Listing::Pages,
    })
}

/// The home page's permalink: the posts list's first page.
pub const HOME: &str = "/index.html";

/// The tags index's permalink.
pub const TAGS_PERMALINK: &str = "/tags/index.html";

/// A tag page's permalink: `/tags/<slug>/index.html`.
pub fn tag_permalink(slug: &str) -> String {
    format!("/tags/{slug}/index.html")
}

/// One page of a paginated list: its 1-based number, its permalink, and which posts it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    pub number: usize,
    pub permalink: String,
    pub range: std::ops::Range<usize>,
}

/// The pages of a list of `total` posts, `per_page` a page, as jekyll-paginate writes them: the
/// first at `first` (the home page), page N at `paginate_path` with `:num` replaced by N
/// (`/page:num/` gives `/page2/index.html`). Without `per_page` (or 0), one page of all posts.
pub fn paginate(
    total: usize,
    per_page: Option<usize>,
    first: &str,
    paginate_path: &str,
) -> Vec<Pager> {
    let per_page = per_page.filter(|n| *n > 0).unwrap_or(total.max(1));
    let count = total.div_ceil(per_page).max(1);
    (1..=count)
        .map(|number| {
            let permalink = match number {
                1 => first.to_string(),
                n => page_permalink(paginate_path, n),
            };
            let start = (number - 1) * per_page;
            Pager {
                number,
                permalink,
                range: start..(start + per_page).min(total),
            }
        })
        .collect()
}

/// Page `n`'s permalink under `paginate_path` (Jekyll's default `/page:num`): a folder's
/// `index.html`, as jekyll-paginate writes it.
fn page_permalink(paginate_path: &str, n: usize) -> String {
    let path = paginate_path.replace(":num", &n.to_string());
    let path = path.trim_matches('/');
    match path.strip_suffix(".html") {
        Some(_) => format!("/{path}"),
        None => format!("/{path}/index.html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jekyll::dates::{parse_moment, Zone};
    use crate::model::Post;

    fn post(permalink: &str, date: &str, tags: &[&str]) -> Article {
        let mut a = crate::load("p.md", "---\ntitle: P\n---\nText.\n").unwrap();
        a.permalink = permalink.into();
        a.date_published = parse_moment(date, &Zone::utc());
        a.post = Some(Post {
            categories: Vec::new(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            excerpt: String::new(),
            draft: false,
        });
        a
    }

    #[test]
    fn posts_newest_first_with_their_tags_and_neighbours() {
        let page = crate::load("page.md", "---\ntitle: A\n---\nText.\n").unwrap();
        let pages = vec![
            post("/b.html", "2024-02-01", &["Web Dev", "rust"]),
            page,
            post("/a.html", "2024-01-01", &["rust"]),
            post("/c.html", "2024-03-01", &[]),
        ];
        let blog = Blog::of(&pages);
        let order: Vec<&str> = blog.posts.iter().map(|p| p.permalink.as_str()).collect();
        assert_eq!(order, ["/c.html", "/b.html", "/a.html"]);
        let tags: Vec<(&str, &str, usize)> = blog
            .tags
            .iter()
            .map(|(slug, t)| (slug.as_str(), t.name.as_str(), t.posts.len()))
            .collect();
        assert_eq!(tags, [("rust", "rust", 2), ("web-dev", "Web Dev", 1)]);
        let (older, newer) = blog.neighbours(&pages[0]);
        assert_eq!(older.map(|p| p.permalink.as_str()), Some("/a.html"));
        assert_eq!(newer.map(|p| p.permalink.as_str()), Some("/c.html"));
        assert_eq!(blog.neighbours(&pages[1]), (None, None));
    }

    #[test]
    fn pages_as_jekyll_paginate_writes_them() {
        let pages = paginate(5, Some(2), "/index.html", "/page:num");
        let shown: Vec<(usize, &str, std::ops::Range<usize>)> = pages
            .iter()
            .map(|p| (p.number, p.permalink.as_str(), p.range.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                (1, "/index.html", 0..2),
                (2, "/page2/index.html", 2..4),
                (3, "/page3/index.html", 4..5)
            ]
        );
        assert_eq!(paginate(3, None, "/index.html", "/page:num").len(), 1);
        assert_eq!(
            paginate(0, Some(2), "/index.html", "/page:num")[0].range,
            0..0
        );
        assert_eq!(
            paginate(3, Some(1), "/blog/index.html", "/blog/p:num.html")[2].permalink,
            "/blog/p3.html"
        );
    }

    #[test]
    fn what_a_theme_page_lists() {
        let home =
            "<ul>{% for post in paginator.posts %}<li>{{ post.title }}</li>{% endfor %}</ul>";
        assert_eq!(listed_by(home), Some(Listing::Posts { page: 1 }));
        let tags = "{%- for tag in site.tags -%}{{ tag[0] }}{% endfor %}";
        assert_eq!(listed_by(tags), Some(Listing::Tags));
        assert_eq!(
            listed_by("{% for p in site.pages %}{% endfor %}"),
            Some(Listing::Pages)
        );
        assert_eq!(
            listed_by("{% for x in site.data.links %}{% endfor %}"),
            None
        );
        assert_eq!(listed_by("<p>{{ page.title }}</p>"), None);
    }

    #[test]
    fn tag_slugs() {
        assert_eq!(tag_slug("Web Dev"), "web-dev");
        assert_eq!(tag_slug("Été"), "été");
        assert_eq!(tag_slug("C++"), "c");
        assert_eq!(tag_permalink("rust"), "/tags/rust/index.html");
    }
}
