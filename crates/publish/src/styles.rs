//! The content's `style` attributes as one stylesheet: the CSP allows no inline style
//! (`style-src 'self'`), so each distinct set of declarations becomes a class (`s-<hash>`, which
//! the components put on the element) of one generated file, `content-<hash>.css`. Only the
//! pages that use a style link it; it is cached, compressed and precached as any hashed CSS.

use cpd_content::{style_class, style_css, walk, Article, Declaration};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The prefix of the generated stylesheet's name.
pub const CONTENT_STYLESHEET: &str = "content-";

/// The generated stylesheet: its file name under the output directory and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentStyles {
    pub file: String,
    pub css: String,
}

/// The stylesheet of every style the pages use, each class once in name order; `None` when no
/// page has a style.
pub fn content_styles<'a>(pages: impl IntoIterator<Item = &'a Article>) -> Option<ContentStyles> {
    let mut rules: BTreeMap<String, Vec<Declaration>> = BTreeMap::new();
    for page in pages {
        for style in walk::styles(page) {
            rules.entry(style_class(&style)).or_insert(style);
        }
    }
    if rules.is_empty() {
        return None;
    }
    let css: String = rules
        .iter()
        .map(|(class, style)| format!(".{class}{{{}}}\n", style_css(style)))
        .collect();
    let digest = Sha256::digest(css.as_bytes());
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    Some(ContentStyles {
        file: format!("{CONTENT_STYLESHEET}{hash}.css"),
        css,
    })
}

/// The `<link>` a page that uses a style carries in its head; nothing for the others.
pub fn link_tag(
    article: &Article,
    styles: Option<&ContentStyles>,
    href: impl Fn(&str) -> String,
) -> String {
    match styles {
        Some(styles) if !walk::styles(article).is_empty() => {
            format!(r#"<link rel="stylesheet" href="{}">"#, href(&styles.file))
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{is_hashed, kind_of};
    use cpd_content::parse::{parse_page, PageSource};

    fn article(body: &str) -> Article {
        let text = format!("---\ntitle: T\n---\n{body}");
        parse_page(&PageSource::alone("t.md"), &text)
            .unwrap()
            .article
    }

    #[test]
    fn equal_styles_share_a_class_of_one_hashed_stylesheet() {
        let styled = article(
            "<span style=\"color:#c00\">a</span> <span style=\"color: #c00;\">b</span> <span style=\"text-align:center\">c</span>\n",
        );
        let plain = article("Rien.\n");
        let styles = content_styles([&styled, &plain]).unwrap();
        assert_eq!(styles.css.lines().count(), 2, "{}", styles.css);
        assert!(styles.css.contains("{color:#c00}"));
        assert!(styles.css.contains("{text-align:center}"));
        assert!(styles.file.starts_with(CONTENT_STYLESHEET) && styles.file.ends_with(".css"));
        assert!(is_hashed(&styles.file), "{}", styles.file);
        let kind = kind_of(&styles.file).unwrap();
        assert!(kind.immutable_when_hashed && kind.compressed && kind.precached);
        let href = |f: &str| format!("/docs/{f}");
        assert_eq!(
            link_tag(&styled, Some(&styles), href),
            format!("<link rel=\"stylesheet\" href=\"/docs/{}\">", styles.file)
        );
        assert_eq!(link_tag(&plain, Some(&styles), href), "");
        assert_eq!(content_styles([&plain]), None);
    }
}
