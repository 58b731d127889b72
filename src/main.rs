//! The wasm binary: a thin entry over the view's islands (`cpd_view`). Natively it does
//! nothing: the build renders the pages instead.

fn main() {
    cpd_view::seam::start();
}
