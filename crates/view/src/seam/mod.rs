//! The one place where the view differs by target: everything else compiles and behaves the
//! same natively and in the browser.
//!
//! - [`start`]: the wasm's entry, which sets up the root the islands hydrate under; natively,
//!   there is nothing to start (the build renders pages instead);
//! - [`router_base`]: the base path the site is served under, for the router: natively the
//!   build's settings (in context while a page renders); in the browser, read back from the
//!   page, where the build wrote it ([`crate::dom::BASE_META`]).

#[cfg_attr(target_arch = "wasm32", path = "browser.rs")]
#[cfg_attr(not(target_arch = "wasm32"), path = "native.rs")]
mod side;

pub use side::{router_base, start};
