//! Content: the typed article model, and (natively only) the Markdown parser that builds it.

pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod parse;
pub mod wire;

pub use model::*;
