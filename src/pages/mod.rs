//! The routes' views: the article, and the page for any unknown address.

mod article;
mod not_found;

pub use article::ArticlePage;
pub use not_found::NotFoundPage;
