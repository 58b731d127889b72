//! The site's pages, each rendered whole by the build: the article, and « page introuvable ».

mod article;
mod not_found;

pub use article::ArticlePage;
pub use not_found::NotFoundPage;
