//! The search dialog's wasm: a thin entry over `cpd_search::ui`, which the page's loader
//! imports the first time the reader goes to search, and calls each time.

use wasm_bindgen::prelude::{wasm_bindgen, JsError};

/// Opens the search dialog (built the first time, with the words at `words`) over the index
/// whose meta file is at `index`; rejects when the dialog's words cannot be read. `current`
/// returns a promise of the index the host serves now, for when a new deploy removed this one.
#[wasm_bindgen]
pub async fn open(index: String, words: String, current: js_sys::Function) -> Result<(), JsError> {
    cpd_search::ui::open(index, words, current)
        .await
        .map_err(|_| JsError::new("search: the dialog's words cannot be read"))
}

fn main() {}
