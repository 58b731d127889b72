//! In the browser: `Intl.Segmenter` and `String.prototype.normalize`.

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = Segmenter)]
    type Segmenter;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "Segmenter")]
    fn new(locales: &JsValue, options: &JsValue) -> Segmenter;
    #[wasm_bindgen(method)]
    fn segment(this: &Segmenter, text: &str) -> JsValue;
}

thread_local! {
    static WORDS: Segmenter = {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"granularity".into(), &"word".into());
        Segmenter::new(&JsValue::UNDEFINED, &options)
    };
}

/// The words of `text` (UAX #29, `Intl.Segmenter`'s word-like segments), with their byte
/// offsets, in order.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let segments = WORDS.with(|s| Array::from(&s.segment(text)));
    let mut words = Vec::new();
    let mut byte = 0;
    let mut utf16 = 0;
    let mut chars = text.char_indices().peekable();
    for segment in segments.iter() {
        let get = |key: &str| Reflect::get(&segment, &key.into()).unwrap_or(JsValue::UNDEFINED);
        if !get("isWordLike").is_truthy() {
            continue;
        }
        let (Some(index), Some(length)) = (
            get("index").as_f64(),
            get("segment").dyn_ref::<JsString>().map(|s| s.length()),
        ) else {
            continue;
        };
        // `Intl.Segmenter` counts UTF-16 units: walk the text to the same place in bytes.
        let index = index as usize;
        while utf16 < index {
            let Some((_, c)) = chars.next() else { break };
            utf16 += c.len_utf16();
            byte += c.len_utf8();
        }
        let start = byte;
        let end_utf16 = index + length as usize;
        let mut end = byte;
        let mut at = utf16;
        let mut ahead = chars.clone();
        while at < end_utf16 {
            let Some((_, c)) = ahead.next() else { break };
            at += c.len_utf16();
            end += c.len_utf8();
        }
        if let Some(word) = text.get(start..end) {
            words.push((start, word));
        }
    }
    joined(text, words)
}

/// UAX #29 keeps one word across a full stop, a colon or a middle dot between two letters
/// (rules WB6 and WB7: `example.org`, `e.g`, `a:b`), as the build's index does; Chromium's
/// segmenter splits there. Such neighbours are joined back.
fn joined<'a>(text: &'a str, words: Vec<(usize, &'a str)>) -> Vec<(usize, &'a str)> {
    let mut out: Vec<(usize, &'a str)> = Vec::with_capacity(words.len());
    for (start, word) in words {
        if let Some((first, previous)) = out.last_mut() {
            let end = *first + previous.len();
            let between = text.get(end..start).unwrap_or_default();
            let mut gap = between.chars();
            let joins = matches!(
                (gap.next(), gap.next()),
                (Some(c), None) if is_mid_letter(c)
            ) && previous
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
                && word.chars().next().is_some_and(char::is_alphabetic);
            if joins {
                if let Some(both) = text.get(*first..start + word.len()) {
                    *previous = both;
                    continue;
                }
            }
        }
        out.push((start, word));
    }
    out
}

/// UAX #29's MidLetter and MidNumLet characters but the apostrophes, which Chromium already
/// keeps inside a word.
fn is_mid_letter(c: char) -> bool {
    matches!(
        c,
        '.' | ':'
            | '\u{B7}'
            | '\u{387}'
            | '\u{55F}'
            | '\u{5F4}'
            | '\u{2024}'
            | '\u{2027}'
            | '\u{FE13}'
            | '\u{FE52}'
            | '\u{FE55}'
            | '\u{FF0E}'
            | '\u{FF1A}'
    )
}

/// `text` in its canonical decomposition (NFD).
pub fn decompose(text: &str) -> String {
    JsString::from(text).normalize("NFD").into()
}

/// `text` in lower case.
pub fn lower(text: &str) -> String {
    match text.is_ascii() {
        true => text.to_ascii_lowercase(),
        false => JsString::from(text).to_lower_case().into(),
    }
}
