//! The search dialog's wasm: a thin entry over `cpd_search::ui`, which the page's loader
//! imports the first time the reader goes to search, and calls each time.

use wasm_bindgen::prelude::wasm_bindgen;

/// Opens the search dialog (built the first time) over the index whose meta file is at
/// `index`.
#[wasm_bindgen]
pub fn open(index: String) {
    cpd_search::ui::open(index);
}

fn main() {}
