//! The site's settings: `_config.yml` at the content folder's root (Jekyll's keys), with the
//! environment's overrides. One type carries them from the build to every page.

use std::collections::BTreeMap;
use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Deserialize;

use crate::conventions::{language_tag, DEFAULT_LANG};
use crate::error::ContentError;

/// The settings file at the content folder's root.
pub const CONFIG_FILE: &str = "_config.yml";

/// The public origin when neither `_config.yml` nor the environment gives one.
pub const DEFAULT_ORIGIN: &str = "https://chef-projet-digital.example";

/// What the environment of a build says, and wins over the settings file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `SITE_URL`: the public origin of this deploy.
    pub url: Option<String>,
    /// The base path the assets are built for (Trunk's `--public-url`): a `baseurl` that
    /// differs from it fails.
    pub base: Option<String>,
    /// Build the posts of `_drafts/` too (`CPD_DRAFTS`, `scripts/serve.sh --drafts`).
    pub drafts: bool,
}

/// The site's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// `title`: the site's name.
    pub title: Option<String>,
    /// The public origin, without trailing slash (`https://www.example.org`): `SITE_URL`, else
    /// `url`, else [`DEFAULT_ORIGIN`].
    pub origin: String,
    /// The base path, with a leading and a trailing slash (`/`, `/docs/`).
    pub base: String,
    /// `lang`: the pages' language unless they say otherwise.
    pub lang: String,
    /// `author`: the site's author, the pages' unless they name one.
    pub author: Option<String>,
    /// `description`: the site's description.
    pub description: Option<String>,
    /// How Jekyll reads the folder and dates and addresses its posts.
    pub reading: Reading,
    /// Where the site is served, and what the build writes for it.
    pub hosting: Hosting,
    /// Every top-level scalar of `_config.yml` as Liquid prints it (`{{ site.X }}`), with
    /// `url` and `baseurl` as this build has them.
    pub scalars: BTreeMap<String, String>,
}

/// Jekyll's rules for reading the folder, as `_config.yml` sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// `exclude:`, after Jekyll's own exclusions ([`DEFAULT_EXCLUDE`]).
    pub exclude: Vec<String>,
    /// `include:`: names read although hidden or excluded (Jekyll's default: `.htaccess`).
    pub include: Vec<String>,
    /// `permalink:`: a style (`date`, `pretty`, `ordinal`, `weekdate`, `none`) or a template.
    pub permalink: String,
    /// `collections.posts.permalink`, which wins over `permalink:` for posts.
    pub posts_permalink: Option<String>,
    /// `timezone:` (an IANA name), for dates written without an offset.
    pub timezone: Option<String>,
    /// `future: true` publishes posts dated after the build.
    pub future: bool,
    /// `show_drafts: true`, or the build's own option: the posts of `_drafts/` are built.
    pub drafts: bool,
    /// `excerpt_separator:`: where a post's excerpt ends (default: the first blank line).
    pub excerpt_separator: String,
    /// The names of `collections:` other than posts: left out, and said so.
    pub collections: Vec<String>,
    /// `paginate:`: posts a page of the posts list shows (jekyll-paginate); none: all.
    pub paginate: Option<usize>,
    /// `paginate_path:`: where the list's page N lives (`:num` is N).
    pub paginate_path: String,
}

/// Where the site is served (`host:`), and what follows from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosting {
    /// `host:`: the host the upload is for; [`Host::Any`] unless said.
    pub host: Host,
    /// `hsts:`: whether responses carry `Strict-Transport-Security` (default: yes; `false` for a
    /// site served without HTTPS, which the header would make unreachable).
    pub hsts: bool,
    /// `compress:`: whether the build writes `.br` and `.gz` twins. Default: only for a host
    /// that serves them (nginx, or any host); Cloudflare Pages, Netlify and GitHub Pages
    /// compress on the fly and would serve the twins only as files of their own.
    pub compress: bool,
}

/// The hosts the build knows, as `host:` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    /// Any static host: what the build writes serves each of the others.
    Any,
    Nginx,
    Cloudflare,
    Netlify,
    Github,
}

impl Host {
    /// Whether the host serves a file's precompressed twins in its place.
    pub fn serves_twins(self) -> bool {
        matches!(self, Host::Any | Host::Nginx)
    }

    /// Whether a `_redirects` rule must be forced (`301!`) to apply where a file exists: Netlify
    /// serves the file otherwise, and Cloudflare Pages rejects the `!`.
    pub fn forces_redirects(self) -> bool {
        matches!(self, Host::Netlify)
    }
}

impl Default for Hosting {
    fn default() -> Self {
        Self {
            host: Host::Any,
            hsts: true,
            compress: Host::Any.serves_twins(),
        }
    }
}

/// What Jekyll 4.3 always leaves out, besides hidden names; `exclude:` adds to it.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
];

impl Default for Reading {
    fn default() -> Self {
        Self {
            exclude: DEFAULT_EXCLUDE.iter().map(|s| s.to_string()).collect(),
            include: vec![".htaccess".to_string()],
            permalink: "date".to_string(),
            posts_permalink: None,
            timezone: None,
            future: false,
            drafts: false,
            excerpt_separator: "\n\n".to_string(),
            collections: Vec::new(),
            paginate: None,
            paginate_path: "/page:num".to_string(),
        }
    }
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self::at(DEFAULT_ORIGIN, "/")
    }
}

/// `_config.yml` as written. Unknown keys are ignored, as Jekyll ignores them.
#[derive(Debug, Default, Deserialize)]
struct File {
    title: Option<String>,
    url: Option<String>,
    baseurl: Option<String>,
    lang: Option<String>,
    author: Option<Person>,
    description: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    permalink: Option<String>,
    timezone: Option<String>,
    future: Option<bool>,
    show_drafts: Option<bool>,
    excerpt_separator: Option<String>,
    paginate: Option<usize>,
    paginate_path: Option<String>,
    host: Option<Host>,
    hsts: Option<bool>,
    compress: Option<bool>,
    /// Only the names matter, and `posts.permalink`.
    #[serde(default)]
    collections: Collections,
}

/// `author:` as themes write it: a name, or a map with a `name`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Person {
    Name(String),
    Full { name: Option<String> },
}

/// `collections:`, as a list of names or a map of name to settings.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum Collections {
    #[default]
    None,
    Names(Vec<String>),
    Map(BTreeMap<String, Option<CollectionSettings>>),
}

#[derive(Debug, Default, Deserialize)]
struct CollectionSettings {
    permalink: Option<String>,
}

/// Characters written percent-encoded in a path: the URL standard's path set, and `%` itself,
/// since paths here come from file names, never already encoded.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

impl SiteSettings {
    /// Default settings for a site at `origin` under `base`.
    pub fn at(origin: &str, base: &str) -> Self {
        Self {
            title: None,
            origin: origin.trim_end_matches('/').to_string(),
            base: normal_base(base),
            lang: DEFAULT_LANG.to_string(),
            author: None,
            description: None,
            reading: Reading::default(),
            hosting: Hosting::default(),
            scalars: BTreeMap::new(),
        }
        .with_address_scalars()
    }

    /// `site.url` and `site.baseurl` as Liquid prints them for this build: the origin, and the
    /// base path without its trailing slash (empty at the root).
    fn with_address_scalars(mut self) -> Self {
        let baseurl = self.base.trim_end_matches('/').to_string();
        self.scalars.insert("baseurl".into(), baseurl);
        self.scalars.insert("url".into(), self.origin.clone());
        self
    }

    /// Reads `_config.yml` under `root` (none gives the defaults) and applies the overrides.
    /// `shown` is how messages name the folder (`content`). A settings file that exists but
    /// cannot be read is an error, never "no settings".
    pub fn load(root: &Path, shown: &str, overrides: &Overrides) -> Result<Self, ContentError> {
        let path = root.join(CONFIG_FILE);
        let file = format!("{shown}/{CONFIG_FILE}");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !path.is_symlink() => {
                String::new()
            }
            Err(e) => return Err(ContentError::io(file, "cannot read the settings", e)),
        };
        let invalid = |e: serde_yaml_ng::Error| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            let line = e.location().map_or(1, |l| l.line());
            ContentError::at(&file, line, format!("invalid settings: {message}"))
        };
        let (parsed, values): (File, serde_yaml_ng::Value) = if text.trim().is_empty() {
            (File::default(), serde_yaml_ng::Value::Null)
        } else {
            (
                serde_yaml_ng::from_str(&text).map_err(invalid)?,
                serde_yaml_ng::from_str(&text).map_err(invalid)?,
            )
        };
        let mut settings = Self::at(
            overrides
                .url
                .as_deref()
                .or(parsed.url.as_deref())
                .unwrap_or(DEFAULT_ORIGIN),
            overrides.base.as_deref().unwrap_or("/"),
        );
        if let Some(wanted) = parsed.baseurl.as_deref().map(normal_base) {
            if overrides.base.is_none() {
                settings.base = wanted;
            } else if wanted != "/" && wanted != settings.base {
                return Err(ContentError::at(
                    file,
                    line_of(&text, "baseurl"),
                    format!(
                        "baseurl `{wanted}` differs from the build's base path `{}`: build with `trunk build --release --public-url {wanted}`",
                        settings.base
                    ),
                ));
            }
        }
        settings.title = parsed.title;
        settings.author = parsed.author.and_then(|a| match a {
            Person::Name(name) => Some(name),
            Person::Full { name } => name,
        });
        settings.description = parsed.description;
        settings.reading = reading(parsed.exclude, parsed.include, parsed.collections);
        let r = &mut settings.reading;
        r.permalink = parsed.permalink.unwrap_or(r.permalink.clone());
        r.timezone = parsed.timezone;
        r.future = parsed.future.unwrap_or(false);
        r.drafts = overrides.drafts || parsed.show_drafts.unwrap_or(false);
        if let Some(separator) = parsed.excerpt_separator {
            r.excerpt_separator = separator;
        }
        r.paginate = parsed.paginate;
        if let Some(path) = parsed.paginate_path {
            r.paginate_path = path;
        }
        let host = parsed.host.unwrap_or(Host::Any);
        settings.hosting = Hosting {
            host,
            hsts: parsed.hsts.unwrap_or(true),
            compress: parsed.compress.unwrap_or(host.serves_twins()),
        };
        settings.scalars = scalars(&values);
        let mut settings = settings.with_address_scalars();
        if let Some(lang) = parsed.lang {
            settings.lang = language_tag(&lang)
                .map_err(|message| ContentError::at(&file, line_of(&text, "lang"), message))?;
        }
        Ok(settings)
    }

    /// A path under the base, percent-encoded, for links and fetches: `href("x y.html")` is
    /// `/base/x%20y.html`. A `#fragment` is kept as a fragment.
    pub fn href(&self, path: &str) -> String {
        let (path, fragment) = match path.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (path, None),
        };
        let mut out = self.base.clone();
        out.extend(utf8_percent_encode(path.trim_start_matches('/'), PATH));
        if let Some(fragment) = fragment {
            out.push('#');
            out.extend(utf8_percent_encode(fragment, PATH));
        }
        out
    }

    /// The absolute URL of a path under the base, percent-encoded.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.href(path))
    }
}

/// Jekyll's reading rules from `exclude:`, `include:` and `collections:`, over its defaults.
fn reading(exclude: Vec<String>, include: Vec<String>, collections: Collections) -> Reading {
    let mut r = Reading::default();
    for name in exclude {
        if !r.exclude.contains(&name) {
            r.exclude.push(name);
        }
    }
    r.include.extend(include);
    let names = match collections {
        Collections::None => Vec::new(),
        Collections::Names(names) => names,
        Collections::Map(map) => {
            r.posts_permalink = map
                .get("posts")
                .and_then(|p| p.as_ref())
                .and_then(|p| p.permalink.clone());
            map.into_keys().collect()
        }
    };
    r.collections = names.into_iter().filter(|n| n != "posts").collect();
    r
}

/// Each scalar of a YAML map, written as Liquid prints it (strings as they are, numbers and
/// booleans in their usual form), under its path: `author: {name: Ada}` gives `author.name`.
/// Lists and nulls have no scalar form.
pub(crate) fn scalars(values: &serde_yaml_ng::Value) -> BTreeMap<String, String> {
    fn walk(prefix: &str, value: &serde_yaml_ng::Value, out: &mut BTreeMap<String, String>) {
        use serde_yaml_ng::Value;
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Mapping(map) => {
                for (key, value) in map {
                    if let Some(key) = key.as_str() {
                        let path = match prefix.is_empty() {
                            true => key.to_string(),
                            false => format!("{prefix}.{key}"),
                        };
                        walk(&path, value, out);
                    }
                }
                return;
            }
            _ => return,
        };
        out.insert(prefix.to_string(), text);
    }
    let mut out = BTreeMap::new();
    if values.is_mapping() {
        walk("", values, &mut out);
    }
    out
}

/// `/…/` around a base path; `/` for none.
fn normal_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// The line of `key:` in a YAML text (1 when absent), for messages.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_base() {
        let s = SiteSettings::at("https://ex.org/", "");
        assert_eq!(s.base, "/");
        assert_eq!(
            s.href("chef-projet-digital.html"),
            "/chef-projet-digital.html"
        );
        assert_eq!(s.absolute("/x.html"), "https://ex.org/x.html");
    }

    #[test]
    fn sub_path_base() {
        let s = SiteSettings::at("https://ex.org", "docs/site");
        assert_eq!(s.base, "/docs/site/");
        assert_eq!(s.href("/a/b.html"), "/docs/site/a/b.html");
        assert_eq!(
            s.absolute("chef-projet-digital.html"),
            "https://ex.org/docs/site/chef-projet-digital.html"
        );
    }

    #[test]
    fn addresses_are_percent_encoded_once() {
        let s = SiteSettings::at("https://ex.org", "/");
        assert_eq!(
            s.absolute("/Réunion d'équipe.html"),
            "https://ex.org/R%C3%A9union%20d'%C3%A9quipe.html"
        );
        assert_eq!(s.href("/100%.html#a-b"), "/100%25.html#a-b");
        assert_eq!(s.href("/guide/#x"), "/guide/#x");
    }

    #[test]
    fn the_settings_file_and_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "title: Essai\nurl: https://file.example/\nlang: en\nauthor: Jeanne\ndescription: Un site.\nbaseurl: /essai\n",
        )
        .unwrap();
        let s = SiteSettings::load(dir.path(), "c", &Overrides::default()).unwrap();
        assert_eq!(s.title.as_deref(), Some("Essai"));
        assert_eq!(s.origin, "https://file.example");
        assert_eq!(s.base, "/essai/");
        assert_eq!(
            (s.lang.as_str(), s.author.as_deref()),
            ("en", Some("Jeanne"))
        );
        assert_eq!(s.description.as_deref(), Some("Un site."));
        let env = Overrides {
            url: Some("https://env.example".into()),
            base: Some("/essai/".into()),
            ..Overrides::default()
        };
        let s = SiteSettings::load(dir.path(), "c", &env).unwrap();
        assert_eq!(
            (s.origin.as_str(), s.base.as_str()),
            ("https://env.example", "/essai/")
        );
        let other = Overrides {
            base: Some("/autre/".into()),
            ..env
        };
        let e = SiteSettings::load(dir.path(), "c", &other).unwrap_err();
        assert_eq!(e.to_string().split(": ").next(), Some("c/_config.yml:6"));
        assert!(e.message.contains("--public-url /essai/"), "{e}");
    }

    #[test]
    fn the_host_chooses_the_twins_and_each_setting_can_say_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let load = |text: &str| {
            std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
            SiteSettings::load(dir.path(), "c", &Overrides::default()).map(|s| s.hosting)
        };
        let any = load("title: x\n").unwrap();
        assert_eq!((any.host, any.hsts, any.compress), (Host::Any, true, true));
        let cloudflare = load("host: cloudflare\n").unwrap();
        assert_eq!(
            (cloudflare.host, cloudflare.compress),
            (Host::Cloudflare, false)
        );
        let nginx = load("host: nginx\nhsts: false\n").unwrap();
        assert_eq!((nginx.hsts, nginx.compress), (false, true));
        let forced = load("host: github\ncompress: true\n").unwrap();
        assert!(forced.compress);
        let e = load("title: x\nhost: heroku\n").unwrap_err();
        assert_eq!(e.to_string().split(": ").next(), Some("c/_config.yml:2"));
        assert!(e.message.contains("heroku"), "{e}");
    }

    #[test]
    fn no_settings_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let s = SiteSettings::load(dir.path(), "c", &Overrides::default()).unwrap();
        assert_eq!(s, SiteSettings::default());
    }

    #[test]
    fn a_settings_file_that_cannot_be_read_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: it exists, and cannot be read as text.
        std::fs::create_dir(dir.path().join(CONFIG_FILE)).unwrap();
        let e = SiteSettings::load(dir.path(), "content", &Overrides::default()).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.starts_with("content/_config.yml: cannot read the settings: "),
            "{shown}"
        );
        // A dangling link is a settings file that cannot be followed, not an absent one.
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("nowhere.yml", dir.path().join(CONFIG_FILE)).unwrap();
        let e = SiteSettings::load(dir.path(), "content", &Overrides::default()).unwrap_err();
        assert!(e.to_string().contains("cannot read the settings"), "{e}");
    }
}
