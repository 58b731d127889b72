//! The wasm binary: everything lives in the library, so the prerender and the tests share it.

fn main() {
    #[cfg(target_arch = "wasm32")]
    cpd::start();
}
