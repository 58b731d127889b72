//! The pages' building blocks, one component per file. Each takes typed content and renders it
//! with `view!` into the build's HTML: no component holds article text of its own, and none is
//! hydrated. What moves is in [`crate::islands`], placed here where the page needs it.

/// An allowed raw HTML element (`content::HtmlTag`) with the attributes every one may carry:
/// one definition for the inline and the block ones (`<time datetime>` and `<details open>`
/// have their own). Declared before the modules, it is in scope in each.
macro_rules! allowed_element {
    ($tag:ident, $attrs:expr, $children:expr) => {{
        let attrs = $attrs;
        leptos::prelude::view! {
            <$tag
                id=attrs.id
                class=attrs.class_attr()
                title=attrs.title
                lang=attrs.lang
            >
                {$children}
            </$tag>
        }
        .into_any()
    }};
}

mod app_status;
mod article_header;
mod back_to_top;
mod blocks;
mod blog;
mod footnotes;
mod inline;
mod language_switch;
mod lead;
mod live_region;
mod search;
mod section;
mod seo;
mod site_bar;
mod site_menu;
mod site_meta;
mod theme_switch;
mod toc;
mod toc_links;

pub use app_status::AppStatus;
pub use article_header::ArticleHeader;
pub use back_to_top::BackToTop;
pub use blocks::Blocks;
pub use blog::{
    Listing, ListingView, PageLink, PostEntry, PostHeader, PostMeta, PostNeighbours, When,
};
pub use footnotes::Footnotes;
pub use inline::{ImageView, Inlines, LinkView};
pub use language_switch::{LanguageLink, LanguageSwitch};
pub use lead::Lead;
pub use live_region::LiveRegion;
pub use search::SearchButton;
pub use section::SectionView;
pub use seo::{NoIndex, Seo};
pub use site_bar::SiteBar;
pub use site_menu::{MenuEntry, SiteMenu};
pub use site_meta::SiteMeta;
pub use theme_switch::ThemeSwitch;
pub use toc::TableOfContents;
pub use toc_links::TocLinks;
