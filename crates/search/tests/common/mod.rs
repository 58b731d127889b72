//! What the search's native and browser tests share: the pages indexed, the queries asked, and
//! the engine's answers written out as text, so that an answer computed natively and one
//! computed in a browser compare as strings.
// Each test binary uses a part of it.
#![allow(dead_code)]

use std::fmt::Write;

use cpd_search::build::{IndexPage, Section};
use cpd_search::index::{Meta, Whole};
use cpd_search::query::{Engine, Query};

/// The build stamp of the test index.
pub const BUILD: &str = "test";

/// The pages of the test index: French, English and German prose with what the analysis must
/// treat alike in both targets (elisions, ligatures, case and accents written composed or
/// decomposed, final sigma, dotted capital I, narrow no-break spaces, numbers, addresses,
/// emoji), and code.
pub fn pages() -> Vec<IndexPage> {
    let section = |anchor: &str, heading: &str, prose: &str, code: &str| Section {
        anchor: Some(anchor.into()),
        heading: heading.into(),
        prose: prose.into(),
        code: code.into(),
    };
    vec![
        IndexPage {
            url: "/equipe.html".into(),
            title: "L’équipe du projet".into(),
            lang: "fr".into(),
            sections: vec![
                Section {
                    anchor: None,
                    heading: String::new(),
                    prose: "Qui fait quoi, et pourquoi.".into(),
                    code: String::new(),
                },
                section(
                    "roles",
                    "Les rôles",
                    "Chaque équipe a son rôle dans l’entreprise. Aujourd’hui, l'ÉQUIPE travaille au cœur de l’œuvre, jusqu’au soir.",
                    "",
                ),
                section(
                    "outils",
                    "Les outils",
                    "Des projets, des tableaux et du code : C++, Wi-Fi, e-commerce et porte-monnaie.",
                    "fn page_url() -> HashMap<String, u32> {}",
                ),
                section(
                    "chiffres",
                    "Les chiffres",
                    "Un budget de 1\u{202f}000\u{a0}€, soit 3,14\u{a0}% du total, le 10/06/2024 à 9\u{a0}h\u{a0}30.",
                    "",
                ),
                section(
                    "graphies",
                    "Graphies décomposées",
                    "Une e\u{301}quipe, un cafe\u{301} et une ide\u{301}e, écrits en NFD.",
                    "",
                ),
            ],
        },
        IndexPage {
            url: "/en/notes.html".into(),
            title: "Notes".into(),
            lang: "en".into(),
            sections: vec![
                section(
                    "drafts",
                    "Drafts",
                    "The first draft was shorter. The team's drafts’ margins were wider; it's done.",
                    "",
                ),
                section(
                    "words",
                    "Words from elsewhere",
                    "Straße, ΟΔΟΣ and İstanbul; a naïve café; https://example/path?q=1 and ada@example; 🙂 👍🏽 and 3.14.",
                    "",
                ),
            ],
        },
        IndexPage {
            url: "/de/notizen.html".into(),
            title: "Notizen".into(),
            lang: "de".into(),
            sections: vec![section(
                "gruesse",
                "Grüße",
                "Die Straße ist groß; viele Grüße aus Köln.",
                "",
            )],
        },
    ]
}

/// The queries whose answers are compared, as a reader types them.
pub const QUERIES: &[&str] = &[
    "EQUIPE",
    "équipe",
    "e\u{301}quipe",
    "Équipes ",
    "l'entreprise",
    "l’entreprise",
    "projet",
    "aujourd'hui",
    "coeur",
    "œuvre",
    "oeuvre",
    "jusqu'au soir",
    "tabl",
    "tabl ",
    "tableau",
    "page_url",
    "hashmap",
    "c++",
    "wi-fi",
    "e-commerce",
    "commerce",
    "1 000",
    "1\u{202f}000",
    "3,14",
    "3.14",
    "2024",
    "cafe",
    "idée",
    "draft",
    "drafts",
    "team's",
    "strasse",
    "straße",
    "οδος",
    "ΟΔΟΣ",
    "istanbul",
    "naive",
    "https",
    "ada@example",
    "🙂",
    "grüsse",
    "koln",
];

/// Words joined by a full stop or a colon between letters: one word by UAX #29, as the build
/// splits them natively, but more than one by Chromium's `Intl.Segmenter`. They are left out of
/// [`pages`] and [`QUERIES`]; `wasm.rs` shows the difference in a test of its own.
pub const JOINED: &[&str] = &[
    "example.org",
    "ada@example.org",
    "Node.js",
    "e.g.",
    "U.S.A.",
    "fin.Début",
    "a:b",
];

/// The words of each text of `texts`, one line each: the text, a tab, its words between `|`.
pub fn words(texts: &[&str]) -> String {
    texts
        .iter()
        .map(|text| {
            let words: Vec<&str> = cpd_search::analyze::words(text).map(|(_, w)| w).collect();
            format!("{text}\t{}\n", words.join("|"))
        })
        .collect()
}

/// An engine that has read the index whole (its meta, then its whole file), as the search
/// dialog does once the whole file is in.
pub fn engine(meta: Meta, whole: Vec<u8>) -> Engine {
    let read = Whole::read(whole, &meta).expect("the whole index");
    let mut engine = Engine::new(meta);
    engine.add_whole(read);
    engine
}

/// The engine's answer to `typed`: the query's words as analysed, then each result (its
/// address, how many of the words it holds, its score, its excerpt with the matches in
/// brackets), best first.
pub fn answer(engine: &mut Engine, typed: &str) -> String {
    let query = Query::parse(typed);
    let mut out = format!("{typed:?}\n");
    for word in &query.words {
        let _ = writeln!(out, "  word {:?} prefix {:?}", word.terms, word.prefix);
    }
    assert_eq!(engine.missing_shards(&query), Ok(Vec::new()), "{typed:?}");
    let hits = engine.search(&query);
    assert_eq!(engine.missing_texts(&hits), Ok(Vec::new()), "{typed:?}");
    for hit in &hits {
        let found = engine.result(hit, &query).expect("its page's text");
        let excerpt: String = found
            .excerpt
            .iter()
            .map(|(text, marked)| match marked {
                true => format!("[{text}]"),
                false => text.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "  {}#{} {}/{} {:.4} {excerpt}",
            found.url,
            found.anchor.unwrap_or_default(),
            hit.matched,
            query.words.len(),
            hit.score,
        );
    }
    out
}

/// The answers to every query of [`QUERIES`].
pub fn answers(engine: &mut Engine) -> String {
    QUERIES.iter().map(|q| answer(engine, q)).collect()
}
