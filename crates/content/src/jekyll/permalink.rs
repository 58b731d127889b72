//! Addresses as Jekyll 4.3 writes them: the site's `permalink:` style, the URL of a post (its
//! placeholders as Jekyll's `UrlDrop` fills them) and of a page, and the file written for a URL.
//!
//! URLs are returned unescaped: they are the paths of the files Jekyll writes (`/foo bar/x.html`
//! for the category `Foo Bar`); a link to them percent-encodes them.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::Moment;
use super::slugify::{slugify, Mode};

/// The styles Jekyll names, with their templates.
const STYLES: [(&str, &str); 5] = [
    ("none", "/:categories/:title:output_ext"),
    ("date", "/:categories/:year/:month/:day/:title:output_ext"),
    ("ordinal", "/:categories/:year/:y_day/:title:output_ext"),
    ("pretty", "/:categories/:year/:month/:day/:title/"),
    (
        "weekdate",
        "/:categories/:year/W:week/:short_day/:title:output_ext",
    ),
];

/// The post template of the site's `permalink:` setting: a named style's template, else the
/// setting itself, which is a template. A site without the setting uses `date`.
pub fn style_template(setting: &str) -> String {
    STYLES
        .iter()
        .find(|(name, _)| *name == setting)
        .map_or(setting, |(_, template)| template)
        .to_string()
}

/// What a post's URL is made of.
#[derive(Debug, Clone, Copy)]
pub struct PostParts<'a> {
    /// The post's moment, in the site's zone.
    pub date: &'a Moment,
    /// Front matter `slug:`, else the file name's slug, case kept.
    pub slug: &'a str,
    /// The post's categories in order: the folders above `_posts/`, then front matter
    /// `category:`/`categories:`, as written.
    pub categories: &'a [String],
    /// `.html` for Markdown.
    pub output_ext: &'a str,
    /// The file's path from the site's root (`cat/_posts/2024-01-02-x.md`), for `:name` and
    /// `:path`.
    pub rel_path: &'a str,
}

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(":([a-z_]+)").expect("a valid pattern"));

/// Categories lower-cased (not slugged: spaces stay), each once, joined by `/`.
fn categories(list: &[String], slugged: bool) -> String {
    let mut seen: Vec<String> = Vec::new();
    for category in list {
        let c = if slugged {
            slugify(category, Mode::Default, false)
        } else {
            category.to_lowercase()
        };
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.join("/")
}

/// The file's name without its last extension.
fn basename_without_ext(rel_path: &str) -> &str {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

/// Jekyll's `cleaned_relative_path`: the path without its extension, the first `_posts` taken
/// out, trailing dots dropped.
fn cleaned_relative_path(rel_path: &str) -> String {
    let name_start = rel_path.rfind('/').map_or(0, |i| i + 1);
    let without_ext = match rel_path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &rel_path[..name_start + dot],
        _ => rel_path,
    };
    without_ext
        .replacen("_posts", "", 1)
        .trim_end_matches('.')
        .to_string()
}

fn placeholder(name: &str, parts: &PostParts<'_>) -> Option<String> {
    let at = parts.date.at;
    let date = at.date();
    let month = usize::from(u8::from(date.month()));
    let month_name = super::dates::MONTHS
        .get(month.wrapping_sub(1))
        .copied()
        .unwrap_or("");
    let weekday = date.weekday().to_string();
    let (iso_year, week, _) = date.to_iso_week_date();
    Some(match name {
        "year" => format!("{:04}", date.year()),
        "month" => format!("{month:02}"),
        "day" => format!("{:02}", date.day()),
        "hour" => format!("{:02}", at.hour()),
        "minute" => format!("{:02}", at.minute()),
        "second" => format!("{:02}", at.second()),
        "i_day" => date.day().to_string(),
        "i_month" => month.to_string(),
        "short_month" => month_name.chars().take(3).collect(),
        "long_month" => month_name.to_string(),
        "short_year" => format!("{:02}", date.year().rem_euclid(100)),
        "w_year" => format!("{iso_year:04}"),
        "week" => format!("{week:02}"),
        "w_day" => date.weekday().number_from_monday().to_string(),
        "short_day" => weekday.chars().take(3).collect(),
        "long_day" => weekday,
        "y_day" => format!("{:03}", date.ordinal()),
        "title" => slugify(parts.slug, Mode::Pretty, true),
        "slug" => slugify(parts.slug, Mode::Default, false),
        "name" => slugify(basename_without_ext(parts.rel_path), Mode::Default, false),
        "path" => cleaned_relative_path(parts.rel_path),
        "collection" => "posts".to_string(),
        "categories" => categories(parts.categories, false),
        "slugified_categories" => categories(parts.categories, true),
        "output_ext" => parts.output_ext.to_string(),
        _ => return None,
    })
}

/// The URL Jekyll gives a post: `template` is the post's own `permalink:` when it has one, else
/// [`style_template`] of the site's setting. Each `:name` (lower-case letters and `_`) is a
/// placeholder of Jekyll's `UrlDrop` (`:month_` may be `:month` followed by `_`); an unknown one
/// is an error, as it stops Jekyll's build. The result is sanitised as Jekyll does: a leading
/// `/`, `..` made `/`, `./` dropped, runs of `/` made one.
pub fn post_url(template: &str, parts: &PostParts<'_>) -> Result<String, String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut last = 0;
    for caps in TOKEN.captures_iter(template) {
        let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        out.push_str(&template[last..whole.start()]);
        let name = name.as_str();
        let (value, used) = match placeholder(name, parts) {
            Some(value) => (value, name.len()),
            None => match name.strip_suffix('_').and_then(|n| placeholder(n, parts)) {
                Some(value) => (value, name.len() - 1),
                None => {
                    return Err(format!(
                        "the permalink `{template}` has an unknown placeholder `:{name}`"
                    ))
                }
            },
        };
        out.push_str(&value);
        // The part of the match the placeholder did not use (`_` of `:month_`).
        out.push_str(&name[used..]);
        last = whole.end();
    }
    out.push_str(&template[last..]);
    Ok(sanitize(&out))
}

/// Jekyll's `URL#sanitize_url`.
fn sanitize(url: &str) -> String {
    let url = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// Ruby's `File.extname`: the last component's extension with its dot, leading dots of the name
/// not counting (`.hidden` has none).
fn extname(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let name = name.trim_start_matches('.');
    name.rfind('.').map_or("", |dot| &name[dot..])
}

/// The output extension of a post or page, as Jekyll's renderer decides it: the extension of the
/// file's own `permalink:` when it has one (`/feed.xml` gives `.xml`; not for one ending in
/// `/`), else `.html` for Markdown (Jekyll's default `markdown_ext`), else the file's own
/// extension.
pub fn output_ext(rel_path: &str, own_permalink: Option<&str>) -> String {
    if let Some(permalink) = own_permalink.filter(|p| !p.ends_with('/')) {
        let ext = extname(permalink);
        if !ext.is_empty() {
            return ext.to_string();
        }
    }
    let ext = extname(rel_path);
    let bare = ext.trim_start_matches('.').to_ascii_lowercase();
    if ["markdown", "mkdown", "mkdn", "mkd", "md"].contains(&bare.as_str()) {
        ".html".to_string()
    } else {
        ext.to_string()
    }
}

/// The URL Jekyll gives a page (a file outside `_posts/` with front matter). `rel_path` is its
/// path from the site's root (`guide/a.md`, `404.md`, `about/index.markdown`);
/// `site_setting` is the site's `permalink:` (`None`: `date`); `front_permalink` the page's
/// own. The page's own permalink wins (its extension, if any, is the page's output
/// extension) and knows only `:path`, `:basename` and `:output_ext`
/// (any other `:name` stays as written); else an index file is its folder (`/:path/`), else
/// `/:path/:basename` takes the ending of the site's setting: `/` for `pretty` or a template
/// ending in `/`, the extension for `date`, `ordinal`, `none` or a template ending in
/// `:output_ext`, nothing otherwise (`weekdate` too).
pub fn page_url(
    site_setting: Option<&str>,
    rel_path: &str,
    front_permalink: Option<&str>,
) -> String {
    let (dir, name) = match rel_path.rfind('/') {
        Some(slash) => (&rel_path[..slash], &rel_path[slash + 1..]),
        None => ("", rel_path),
    };
    let ext = extname(name);
    let basename = name[..name.len() - ext.len()].trim_end_matches('.');
    let output_ext = output_ext(rel_path, front_permalink);
    let html = [".html", ".xhtml", ".htm"].contains(&output_ext.as_str());
    let template = match front_permalink {
        Some(permalink) => permalink.to_string(),
        None if !html => "/:path/:basename:output_ext".to_string(),
        None if basename == "index" => "/:path/".to_string(),
        None => {
            let style = site_setting.unwrap_or("date");
            let mut template = "/:path/:basename".to_string();
            match style {
                "pretty" => template.push('/'),
                "date" | "ordinal" | "none" => template.push_str(":output_ext"),
                _ => {
                    if style.ends_with('/') {
                        template.push('/');
                    }
                    if style.ends_with(":output_ext") {
                        template.push_str(":output_ext");
                    }
                }
            }
            template
        }
    };
    // Jekyll's folder of a page: empty at the root, else with a leading `/`.
    let path = if dir.is_empty() {
        String::new()
    } else {
        format!("/{dir}")
    };
    // Jekyll's `URL#generate_url_from_hash`: each placeholder in turn, everywhere it appears.
    let mut url = template;
    for (token, value) in [
        (":path", path.as_str()),
        (":basename", basename),
        (":output_ext", output_ext.as_str()),
    ] {
        if !url.contains(':') {
            break;
        }
        url = url.replace(token, value);
    }
    sanitize(&url)
}

/// The file Jekyll writes for `url`, from the site's output root: a URL ending in `/` is its
/// `index.html`; any other gets `output_ext` unless it already ends with it (`/a` → `a.html`,
/// `/a.html` → `a.html`, `/feed.xml` with `.xml` → `feed.xml`, but with `.html` →
/// `feed.xml.html`). `output_ext` is [`output_ext`] of the file.
pub fn output_file(url: &str, output_ext: &str) -> String {
    let path = url.trim_start_matches('/');
    if url.ends_with('/') || path.is_empty() {
        format!("{path}index.html")
    } else if path.ends_with(output_ext) {
        path.to_string()
    } else {
        format!("{path}{output_ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jekyll::dates::{parse_moment, Zone};

    fn moment(value: &str) -> Moment {
        parse_moment(value, &Zone::utc()).unwrap()
    }

    fn url(template: &str, date: &str, slug: &str, categories: &[&str]) -> String {
        let categories: Vec<String> = categories.iter().map(|c| c.to_string()).collect();
        let m = moment(date);
        let parts = PostParts {
            date: &m,
            slug,
            categories: &categories,
            output_ext: ".html",
            rel_path: &format!("_posts/{date}-{slug}.md"),
        };
        post_url(template, &parts).unwrap()
    }

    #[test]
    fn styles_are_jekylls_templates() {
        assert_eq!(
            style_template("date"),
            "/:categories/:year/:month/:day/:title:output_ext"
        );
        assert_eq!(
            style_template("pretty"),
            "/:categories/:year/:month/:day/:title/"
        );
        assert_eq!(
            style_template("ordinal"),
            "/:categories/:year/:y_day/:title:output_ext"
        );
        assert_eq!(
            style_template("weekdate"),
            "/:categories/:year/W:week/:short_day/:title:output_ext"
        );
        assert_eq!(style_template("none"), "/:categories/:title:output_ext");
        assert_eq!(style_template("/blog/:title"), "/blog/:title");
    }

    #[test]
    fn posts_under_each_style() {
        let d = "2016-05-20";
        let junk = ["junk"];
        let cases = [
            ("date", &junk[..], "/junk/2016/05/20/welcome.html"),
            ("date", &[][..], "/2016/05/20/welcome.html"),
            ("pretty", &junk[..], "/junk/2016/05/20/welcome/"),
            ("ordinal", &junk[..], "/junk/2016/141/welcome.html"),
            ("weekdate", &junk[..], "/junk/2016/W20/Fri/welcome.html"),
            ("none", &junk[..], "/junk/welcome.html"),
            ("none", &[][..], "/welcome.html"),
            ("/:categories/:title/", &[][..], "/welcome/"),
        ];
        for (style, cats, expected) in cases {
            assert_eq!(
                url(&style_template(style), d, "welcome", cats),
                expected,
                "{style}"
            );
        }
    }

    #[test]
    fn title_keeps_case_and_slug_lowers_it() {
        assert_eq!(
            url("/:title/", "2014-03-03", "Hello-World", &[]),
            "/Hello-World/"
        );
        assert_eq!(
            url("/:slug/", "2014-03-03", "Hello-World", &[]),
            "/hello-world/"
        );
        assert_eq!(url("/:title", "2014-03-03", "My Slug!", &[]), "/My-Slug!");
        assert_eq!(url("/:slug", "2014-03-03", "My Slug!", &[]), "/my-slug");
        assert_eq!(
            url("/:title", "2014-03-03", "Héllo_Wörld", &[]),
            "/Héllo_Wörld"
        );
    }

    #[test]
    fn categories_are_lowered_not_slugged() {
        let cats = ["Foo Bar", "foo bar", "Ünï Çode", "a/b"];
        assert_eq!(
            url("/:categories/:title", "2024-01-03", "x", &cats),
            "/foo bar/ünï çode/a/b/x"
        );
        assert_eq!(
            url("/:slugified_categories/:title", "2024-01-03", "x", &cats),
            "/foo-bar/ünï-çode/a-b/x"
        );
    }

    #[test]
    fn every_date_token() {
        let template = ":year|:month|:day|:i_month|:i_day|:y_day|:short_year|:hour|:minute|\
                        :second|:week|:w_year|:w_day|:short_day|:long_day|:short_month|:long_month";
        assert_eq!(
            url(template, "2021-01-03 04:05 +0000", "x", &[]),
            "/2021|01|03|1|3|003|21|04|05|00|53|2020|7|Sun|Sunday|Jan|January"
        );
    }

    #[test]
    fn name_path_collection_and_output_ext() {
        let m = moment("2024-01-02");
        let cats = vec!["cat".to_string()];
        let parts = PostParts {
            date: &m,
            slug: "Front Slug",
            categories: &cats,
            output_ext: ".html",
            rel_path: "cat/_posts/2024-01-02-My-Post.md",
        };
        assert_eq!(
            post_url("/:collection/:name/:output_ext", &parts).unwrap(),
            "/posts/2024-01-02-my-post/.html"
        );
        assert_eq!(
            post_url("/:path:output_ext", &parts).unwrap(),
            "/cat/2024-01-02-My-Post.html"
        );
        assert_eq!(post_url("/:title", &parts).unwrap(), "/Front-Slug");
    }

    #[test]
    fn tokens_are_read_as_jekyll_reads_them() {
        // `:month_` is `:month` then `_`; `:i_month` is its own token.
        assert_eq!(url("/:month_:day", "2024-03-04", "x", &[]), "/03_04");
        assert_eq!(url("/:i_month-:i_day", "2024-03-04", "x", &[]), "/3-4");
        // Digits and capitals end a token.
        assert_eq!(url("/:year2/:Year", "2024-03-04", "x", &[]), "/20242/:Year");
        let m = moment("2024-03-04");
        let parts = PostParts {
            date: &m,
            slug: "x",
            categories: &[],
            output_ext: ".html",
            rel_path: "_posts/2024-03-04-x.md",
        };
        assert!(post_url("/:yearly/", &parts)
            .unwrap_err()
            .contains(":yearly"));
    }

    #[test]
    fn a_post_permalink_as_jekyll_wrote_it() {
        let m = moment("2024-03-04");
        let parts = PostParts {
            date: &m,
            slug: "Tok-En",
            categories: &[],
            output_ext: ".html",
            rel_path: "_posts/2024-03-04-Tok-En.md",
        };
        let url = post_url("/:month_:day/:year2/:Year/:collection/:name/:path", &parts).unwrap();
        assert_eq!(
            url,
            "/03_04/20242/:Year/posts/2024-03-04-tok-en/2024-03-04-Tok-En"
        );
        assert_eq!(
            output_file(&url, ".html"),
            "03_04/20242/:Year/posts/2024-03-04-tok-en/2024-03-04-Tok-En.html"
        );
    }

    #[test]
    fn urls_are_sanitised() {
        assert_eq!(
            url("blog//:title/./../", "2024-03-04", "x", &[]),
            "/blog/x/"
        );
        assert_eq!(url("/:categories/:title", "2024-03-04", "x", &[]), "/x");
    }

    #[test]
    fn pages_under_each_site_style() {
        let cases = [
            (None, "about.md", "/about.html"),
            (Some("date"), "guide/a.md", "/guide/a.html"),
            (Some("pretty"), "about.md", "/about/"),
            (Some("ordinal"), "about.md", "/about.html"),
            (Some("none"), "about.md", "/about.html"),
            (Some("weekdate"), "about.md", "/about"),
            (Some("/:categories/:title/"), "404.md", "/404/"),
            (Some("/blog/:title"), "about.md", "/about"),
            (Some("/blog/:title:output_ext"), "about.md", "/about.html"),
            (Some("pretty"), "guide/index.md", "/guide/"),
            (Some("pretty"), "about/index.markdown", "/about/"),
            (Some("pretty"), "index.md", "/"),
            (Some("pretty"), "feed.xml", "/feed.xml"),
            (Some("pretty"), "guide/page.html", "/guide/page/"),
        ];
        for (style, path, expected) in cases {
            assert_eq!(page_url(style, path, None), expected, "{style:?} {path}");
        }
    }

    #[test]
    fn a_page_permalink_knows_three_tokens() {
        assert_eq!(page_url(Some("pretty"), "tags.md", Some("/tags")), "/tags");
        assert_eq!(
            page_url(
                None,
                "page.md",
                Some("/p/:path/:basename:output_ext/:title")
            ),
            "/p/page.html/:title"
        );
        assert_eq!(page_url(None, "sub/pg.md", Some("/x/:basename/")), "/x/pg/");
        assert_eq!(page_url(None, "sub/pg.md", Some("/:path/")), "/sub/");
        // `:path` starts with `/` below the root.
        assert_eq!(
            page_url(None, "sub/pg.md", Some("/x:path-:basename/")),
            "/x/sub-pg/"
        );
        assert_eq!(
            page_url(None, "pg.md", Some("/x:path-:basename/")),
            "/x-pg/"
        );
        assert_eq!(page_url(None, "feedish.md", Some("/feed.xml")), "/feed.xml");
    }

    #[test]
    fn output_files_as_jekyll_writes_them() {
        assert_eq!(output_file("/a/", ".html"), "a/index.html");
        assert_eq!(output_file("/a", ".html"), "a.html");
        assert_eq!(output_file("/a.html", ".html"), "a.html");
        assert_eq!(output_file("/", ".html"), "index.html");
        assert_eq!(output_file("/feed.xml", ".xml"), "feed.xml");
        assert_eq!(output_file("/feed.xml", ".html"), "feed.xml.html");
        assert_eq!(
            output_file("/p/page.html/:title", ".html"),
            "p/page.html/:title.html"
        );
    }

    #[test]
    fn output_ext_of_markdown_is_html() {
        assert_eq!(output_ext("a/b.md", None), ".html");
        assert_eq!(output_ext("b.MARKDOWN", None), ".html");
        assert_eq!(output_ext("feed.xml", None), ".xml");
        assert_eq!(output_ext("noext", None), "");
        assert_eq!(output_ext(".md", None), "");
        // The page's own permalink's extension wins.
        assert_eq!(output_ext("feedish.md", Some("/feed.xml")), ".xml");
        assert_eq!(output_ext("a.md", Some("/a.b/")), ".html");
        assert_eq!(
            output_ext("a.md", Some("/p/:basename:output_ext/:title")),
            ".html"
        );
    }
}
