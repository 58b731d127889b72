//! Jekyll's own rules, as pure functions: what an owner's Jekyll site means by its file names,
//! dates and permalinks, so that it keeps every address Jekyll gave it.
//!
//! - [`slugify`]: Jekyll's `slugify`, in its modes (permalinks' `:title` and `:slug`, the
//!   Liquid filter).

pub mod slugify;
