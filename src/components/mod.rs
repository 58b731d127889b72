//! The article's building blocks, one component per file. Each takes typed content and renders
//! it with `view!`: no component holds article text of its own.

mod article_header;
mod document_title;
mod inline;
mod lead;
mod load_error;
mod paragraphs;
mod section;
mod seo;
mod site_meta;
mod toc;

pub use article_header::ArticleHeader;
pub use document_title::DocumentTitle;
pub use inline::Inlines;
pub use lead::Lead;
pub use load_error::LoadErrorView;
pub use paragraphs::Paragraphs;
pub use section::SectionView;
pub use seo::Seo;
pub use site_meta::SiteMeta;
pub use toc::TableOfContents;
