//! The article's building blocks, one component per file. Each takes typed content and renders
//! it with `view!`: no component holds article text of its own.

mod article_header;
mod inline;
mod lead;
mod load_error;
mod section;
mod seo;
mod toc;

pub use article_header::ArticleHeader;
pub use inline::Inlines;
pub use lead::Lead;
pub use load_error::LoadErrorView;
pub use section::SectionView;
pub use seo::Seo;
pub use toc::TableOfContents;
