//! The site's settings: `_config.yml` at the content folder's root (Jekyll's keys), with the
//! environment's overrides. One type carries them from the build to every page.

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
    author: Option<String>,
    description: Option<String>,
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
        }
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
        let parsed: File = if text.trim().is_empty() {
            File::default()
        } else {
            serde_yaml_ng::from_str(&text).map_err(|e| {
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                let line = e.location().map_or(1, |l| l.line());
                ContentError::at(&file, line, format!("invalid settings: {message}"))
            })?
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
        settings.author = parsed.author;
        settings.description = parsed.description;
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
