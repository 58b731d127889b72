//! The islands' one way to run an effect.

use leptos::prelude::*;

/// Runs `f` as an effect (after hydration, then whenever what it reads changes). The islands'
/// effects all go through this one non-generic function, so Leptos's effect machinery is
/// compiled into the wasm once rather than once per closure.
pub(crate) fn effect(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}
