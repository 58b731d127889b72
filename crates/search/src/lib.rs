//! Search across the site, from any page, offline, in French and English.
//!
//! - [`analyze`]: text into terms (Unicode words, elisions and possessives, Snowball stems,
//!   accents folded), the same for the pages and for the query;
//! - [`index`]: the index's files (a meta, shards of terms by first character, chunks of text),
//!   as postcard;
//! - [`build`]: the index from the site's sections, which the build writes beside the pages;
//! - [`query`]: the engine that answers a query from the files read so far (BM25 weighted by
//!   field, a few results per page, excerpts with the matched words marked);
//! - [`ui`]: the search dialog in the browser, in a wasm of its own that a page loads only
//!   when the reader goes to search;
//! - [`words`]: the dialog's words, one small file per language that the build writes;
//! - `unicode`: word boundaries and decomposition, from maintained crates natively and from
//!   the browser in the wasm (the one place the targets differ).
//!
//! Everything compiles for both targets: the build runs the builder natively, the browser runs
//! the engine and the dialog; the unit tests run the engine natively, and in a browser.

pub mod analyze;
pub mod build;
pub mod index;
pub mod query;
pub mod ui;
mod unicode;
pub mod words;
