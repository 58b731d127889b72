//! The article's building blocks, one component per file. Each takes typed content and renders
//! it with `view!`: no component holds article text of its own.

mod app_status;
mod article_header;
mod back_to_top;
mod copy_link;
mod document_title;
mod inline;
mod lead;
mod live_region;
mod load_error;
mod paragraphs;
mod section;
mod section_menu;
mod seo;
mod site_bar;
mod site_meta;
mod theme_switch;
mod toc;
mod toc_links;

pub use app_status::{AppStatus, APP_STATUS_ID};
pub use article_header::ArticleHeader;
pub use back_to_top::BackToTop;
pub use copy_link::CopyLink;
pub use document_title::DocumentTitle;
pub use inline::Inlines;
pub use lead::Lead;
pub use live_region::{Announcement, LiveRegion};
pub use load_error::LoadErrorView;
pub use paragraphs::Paragraphs;
pub use section::SectionView;
pub use section_menu::SectionMenu;
pub use seo::Seo;
pub use site_bar::SiteBar;
pub use site_meta::SiteMeta;
pub use theme_switch::ThemeSwitch;
pub use toc::TableOfContents;
pub use toc_links::TocLinks;
