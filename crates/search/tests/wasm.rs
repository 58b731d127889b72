//! The query engine in a browser (wasm-bindgen-test in headless Chromium), on a small index
//! built there: words and accents come from the browser's own Unicode data there
//! (`Intl.Segmenter`, `normalize`), and must agree with what the build indexed natively.
#![cfg(target_arch = "wasm32")]

use cpd_search::build::{index, IndexPage, Section};
use cpd_search::index::Whole;
use cpd_search::query::{Engine, Query};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn pages() -> Vec<IndexPage> {
    let section = |anchor: &str, heading: &str, prose: &str, code: &str| Section {
        anchor: Some(anchor.into()),
        heading: heading.into(),
        prose: prose.into(),
        code: code.into(),
    };
    [
        IndexPage {
            url: "/equipe.html".into(),
            title: "L’équipe du projet".into(),
            lang: "fr".into(),
            sections: vec![
                section(
                    "roles",
                    "Les rôles",
                    "Chaque équipe a son rôle dans l’entreprise.",
                    "",
                ),
                section(
                    "outils",
                    "Les outils",
                    "Des projets, des tableaux et du code.",
                    "fn page_url() {}",
                ),
            ],
        },
        IndexPage {
            url: "/en/notes.html".into(),
            title: "Notes".into(),
            lang: "en".into(),
            sections: vec![section(
                "drafts",
                "Drafts",
                "The first draft was shorter.",
                "",
            )],
        },
    ]
    .to_vec()
}

fn engine() -> Engine {
    index(&pages(), "test").into_engine()
}

/// The anchors of the results, best first.
fn found(engine: &Engine, typed: &str) -> Vec<String> {
    let query = Query::parse(typed);
    engine
        .search(&query)
        .iter()
        .filter_map(|h| engine.result(h, &query))
        .map(|f| f.anchor.unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
fn case_accents_elisions_and_stems_match_as_the_build_indexed_them() {
    let e = engine();
    assert_eq!(found(&e, "EQUIPE")[0], "roles");
    assert_eq!(found(&e, "l'entreprise"), ["roles"]);
    assert_eq!(found(&e, "projet")[0], "outils");
    assert_eq!(found(&e, "draft"), ["drafts"]);
    assert_eq!(found(&e, "page_url"), ["outils"]);
}

#[wasm_bindgen_test]
fn the_last_word_is_a_prefix_and_excerpts_are_marked() {
    let e = engine();
    assert_eq!(found(&e, "tabl"), ["outils"]);
    assert!(found(&e, "tabl ").is_empty(), "a space ends the word");
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
    let e = engine();
    for typed in [
        "",
        "!!! ??? ;;;",
        "🙂🚀",
        "<img src=x onerror=alert(1)>",
        &"a".repeat(10_000),
    ] {
        let _ = found(&e, typed);
    }
    assert!(found(&e, "<img onerror>").is_empty());
}

#[wasm_bindgen_test]
fn with_the_whole_index_alone_the_engine_answers_as_with_every_file() {
    let mut built = index(&pages(), "test");
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
    assert_eq!(anchors, found(&engine(), "equipe"));
}
