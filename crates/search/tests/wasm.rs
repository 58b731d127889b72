//! The query engine in a browser (wasm-bindgen-test in headless Chromium), on the index the
//! build made natively. In the browser, words, lower case and accents come from the browser's
//! own Unicode data (`Intl.Segmenter`, `toLowerCase`, `normalize`); natively, from
//! `unicode-segmentation` and `unicode-normalization`. The index and the answers to compare
//! with are made natively by `native_index.rs` from the same pages (`common`), and compiled in
//! from `fixtures/native-index/`: the browser must give the same answers from that index, and
//! build the same index from the same pages.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{answer, engine, pages, words, BUILD, JOINED, QUERIES};
use cpd_search::build::index;
use cpd_search::index::{read, Meta, Shard, Whole};
use cpd_search::query::{Engine, Query};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The native build's index: its meta, and its whole file.
const META: &[u8] = include_bytes!("fixtures/native-index/meta.bin");
const WHOLE: &[u8] = include_bytes!("fixtures/native-index/whole.bin");
/// The native engine's answers to every query of `common::QUERIES`, from that index.
const ANSWERS: &str = include_str!("fixtures/native-index/answers.txt");
/// The native analysis's words of each text of `common::JOINED`.
const WORDS: &str = include_str!("fixtures/native-index/words.txt");

/// An engine that has read the native build's index whole.
fn native() -> Engine {
    engine(read::<Meta>(META, None).expect("the meta"), WHOLE.to_vec())
}

/// The anchors of the results, best first, once the engine has read what the query needs.
fn found(engine: &mut Engine, typed: &str) -> Vec<String> {
    let query = Query::parse(typed);
    assert_eq!(engine.missing_shards(&query), Ok(Vec::new()));
    let hits = engine.search(&query);
    assert_eq!(engine.missing_texts(&hits), Ok(Vec::new()));
    hits.iter()
        .filter_map(|h| engine.result(h, &query))
        .map(|f| f.anchor.unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
fn every_query_is_answered_in_the_browser_as_natively_from_the_native_index() {
    let mut e = native();
    let mut native_answers = ANSWERS.split_inclusive('\n').peekable();
    for typed in QUERIES {
        let browser = answer(&mut e, typed);
        // The native answer to this query: its line, and its results' lines (indented).
        let mut expected = String::from(native_answers.next().unwrap_or_default());
        while let Some(line) = native_answers.next_if(|l| l.starts_with(' ')) {
            expected.push_str(line);
        }
        assert_eq!(
            browser, expected,
            "the browser's answer, then the native one"
        );
    }
    assert_eq!(native_answers.next(), None, "answers.txt has other queries");
}

/// The terms of every shard of an index's whole file, in order.
fn terms(meta: &Meta, whole: Vec<u8>) -> Vec<String> {
    let whole = Whole::read(whole, meta).unwrap();
    (0..meta.shards.len())
        .flat_map(|place| {
            let shard: Shard = read(whole.shard(place).unwrap(), None).unwrap();
            shard.terms.into_iter().map(|p| p.term)
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_browser_indexes_the_same_pages_into_the_same_bytes() {
    let mut built = index(&pages(), BUILD);
    let whole = built.whole();
    let native_meta = read::<Meta>(META, None).unwrap();
    // The terms first, for a failure that says which words the two sides split or fold apart.
    assert_eq!(
        terms(&built.meta, whole.clone()),
        terms(&native_meta, WHOLE.to_vec()),
        "the browser's terms, then the native build's"
    );
    assert!(built.meta == native_meta, "the meta");
    assert!(whole == WHOLE, "the whole file");
    assert!(
        cpd_search::index::write(&built.meta) == META,
        "the meta's file"
    );
}

#[wasm_bindgen_test]
fn case_accents_elisions_and_stems_match_as_the_build_indexed_them() {
    let e = &mut native();
    assert_eq!(found(e, "EQUIPE")[0], "roles");
    assert_eq!(found(e, "l'entreprise"), ["roles"]);
    assert_eq!(found(e, "projet")[1], "outils");
    assert_eq!(found(e, "draft"), ["drafts"]);
    assert_eq!(found(e, "page_url"), ["outils"]);
    assert_eq!(found(e, "e\u{301}quipe"), found(e, "équipe"), "NFD as NFC");
    assert_eq!(found(e, "ΟΔΟΣ"), ["words"], "a final sigma");
}

#[wasm_bindgen_test]
fn the_last_word_is_a_prefix_and_excerpts_are_marked() {
    let e = &mut native();
    assert_eq!(found(e, "tabl"), ["outils"]);
    assert!(found(e, "tabl ").is_empty(), "a space ends the word");
    assert_eq!(found(e, "tableau"), ["outils"]);
    let query = Query::parse("tableau");
    let hit = &e.search(&query)[0];
    let result = e.result(hit, &query).unwrap();
    let marked: Vec<&str> = result
        .excerpt
        .iter()
        .filter(|(_, m)| *m)
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(marked, ["tableaux"]);
}

#[wasm_bindgen_test]
fn hostile_queries_find_nothing_and_raise_nothing() {
    let e = &mut native();
    for typed in [
        "",
        "!!! ??? ;;;",
        "🙂🚀",
        "<img src=x onerror=alert(1)>",
        &"a".repeat(10_000),
    ] {
        let _ = found(e, typed);
    }
    assert!(found(e, "<img onerror>").is_empty());
}

#[wasm_bindgen_test]
fn with_the_whole_index_alone_the_engine_answers_as_with_every_file() {
    let mut built = index(&pages(), BUILD);
    let bytes = built.whole();
    let mut alone = Engine::new(built.meta.clone());
    alone.add_whole(Whole::read(bytes, &built.meta).unwrap());
    let query = Query::parse("equipe");
    assert_eq!(alone.missing_shards(&query), Ok(Vec::new()));
    let hits = alone.search(&query);
    assert_eq!(alone.missing_texts(&hits), Ok(Vec::new()));
    let anchors: Vec<_> = hits
        .iter()
        .filter_map(|h| alone.result(h, &query))
        .map(|f| f.anchor.unwrap_or_default())
        .collect();
    assert_eq!(anchors, found(&mut built.into_engine(), "equipe"));
}

#[wasm_bindgen_test]
fn words_joined_by_a_full_stop_or_a_colon_are_split_as_natively() {
    assert_eq!(
        words(JOINED),
        WORDS,
        "the browser's words, then the native ones"
    );
}
