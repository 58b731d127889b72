//! Jekyll's own rules, as pure functions: what an owner's Jekyll site means by its file names,
//! dates and permalinks, so that it keeps every address Jekyll gave it.
//!
//! - [`slugify`]: Jekyll's `slugify`, in its modes (permalinks' `:title` and `:slug`, the
//!   Liquid filter).
//! - [`dates`]: the site's zone, a post's moment from its front matter `date:` or its file name,
//!   and the parts of a post's or a draft's file name.
//! - [`permalink`]: the permalink styles, the URL of a post or a page, and the file Jekyll
//!   writes for a URL.

pub mod dates;
#[cfg(test)]
mod oracle;
pub mod permalink;
pub mod slugify;
