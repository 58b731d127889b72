//! The site's view: what a page looks like, and what moves on it.
//!
//! - [`components`] and [`pages`]: the pages' building blocks and the pages, rendering the typed
//!   content (`cpd_content`) with `view!` into plain HTML. The build renders them natively; the
//!   browser never does, so they are not part of the wasm;
//! - [`islands`]: the `#[island]`s, the only parts the browser hydrates, and all the wasm holds;
//! - [`dom`]: the names the markup and the islands share. The interface's words are the
//!   build's (`cpd_content::i18n`, a table per language), given to the components as context
//!   and to the islands through the markup: the wasm holds none;
//! - [`seam`]: the one place where the view differs by target.
//!
//! Leptos's mode follows the target (see `Cargo.toml`): natively it renders (`ssr`), in the
//! browser it hydrates (`hydrate`). Browser APIs appear only in effects and event handlers,
//! which never run natively, so the islands are the same code on both sides.

pub mod dom;
pub mod islands;
pub mod seam;

// The content model is native: the wasm carries no components and no pages.
#[cfg(not(target_arch = "wasm32"))]
pub mod components;
#[cfg(not(target_arch = "wasm32"))]
pub mod pages;
