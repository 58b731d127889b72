//! The index and the answers that the browser tests (`wasm.rs`) compare with, made natively:
//! the pages of `common` indexed by the builder as the build runs it (Unicode from
//! `unicode-segmentation` and `unicode-normalization`), and every query of `common` answered
//! from that index. They are kept in `fixtures/native-index/`, which the wasm test compiles in;
//! this test fails while they are not what the native code gives. To write them anew:
//! `CPD_UPDATE_FIXTURES=1 cargo +stable test -p cpd-search --test native_index`, then review
//! `answers.txt` and commit. `words.txt` holds the words the native analysis finds in each text
//! of `common::JOINED`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use common::{answers, engine, pages, words, BUILD, JOINED};
use cpd_search::build::index;

#[test]
fn the_browser_tests_fixtures_are_the_native_index_and_its_answers() {
    let mut built = index(&pages(), BUILD);
    let whole = built.whole();
    let meta = cpd_search::index::write(&built.meta);
    let answers = answers(&mut engine(built.meta.clone(), whole.clone()));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/native-index");
    let update = std::env::var_os("CPD_UPDATE_FIXTURES").is_some_and(|v| v != "0");
    for (file, bytes) in [
        ("meta.bin", meta),
        ("whole.bin", whole),
        ("answers.txt", answers.into_bytes()),
        ("words.txt", words(JOINED).into_bytes()),
    ] {
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let kept = std::fs::read(&path).unwrap_or_default();
        assert!(
            kept == bytes,
            "{} is not what the native code gives: write it anew with \
             CPD_UPDATE_FIXTURES=1 cargo +stable test -p cpd-search --test native_index",
            path.display()
        );
    }
}
