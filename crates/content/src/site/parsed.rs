//! A page of the folder once parsed.

use crate::parse::{PageSource, ParsedPage};

/// A page read and parsed, with where it came from.
pub(super) struct Parsed {
    pub source: PageSource,
    pub page: ParsedPage,
}
