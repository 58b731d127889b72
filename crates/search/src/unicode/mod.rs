//! The Unicode data the analysis needs (word boundaries, lower case, canonical decomposition), from where
//! each target has it: natively from maintained crates, in the browser from the browser itself,
//! so that the wasm carries no tables. Both follow the Unicode standard (UAX #29, NFD).

#[cfg_attr(target_arch = "wasm32", path = "browser.rs")]
#[cfg_attr(not(target_arch = "wasm32"), path = "native.rs")]
mod side;

pub use side::{decompose, lower, words};
