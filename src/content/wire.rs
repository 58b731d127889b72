//! The JSON wire format of the model, and a decoder that keeps serde out of the wasm.
//!
//! The build writes the model with serde (natively). In the browser the same JSON is read by
//! the JavaScript engine's own `JSON.parse` and walked into the typed model here: that is the
//! whole of serde_json and the derived deserialisers gone from the wasm, about a twentieth of it.
//! Natively (prerender, tests) the decoder is serde's, so both directions stay tested against
//! each other (`tests/wasm.rs` compares the two on the fixture).

use super::Article;
#[cfg(target_arch = "wasm32")]
use super::{Inline, Paragraph, Section, TocEntry};

/// Why a JSON text is not a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError(pub String);

/// Reads an article from its JSON text.
pub fn decode_article(json: &str) -> Result<Article, WireError> {
    #[cfg(target_arch = "wasm32")]
    {
        js::article(&js::parse(json)?)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(json).map_err(|e| WireError(e.to_string()))
    }
}

/// Reads `Ok(article)` or `Err(message)`, as serde writes a `Result` (`{"Ok": …}`, `{"Err": …}`).
pub fn decode_result(json: &str) -> Result<Result<Article, String>, WireError> {
    #[cfg(target_arch = "wasm32")]
    {
        let value = js::parse(json)?;
        let ok = js::get(&value, "Ok");
        if !ok.is_undefined() {
            return js::article(&ok).map(Ok);
        }
        js::string(&js::get(&value, "Err"), "Err").map(Err)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(json).map_err(|e| WireError(e.to_string()))
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use super::*;
    use js_sys::{Array, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};

    type R<T> = Result<T, WireError>;

    fn bad(what: &str) -> WireError {
        WireError(format!("`{what}` is missing or of the wrong type"))
    }

    pub fn parse(json: &str) -> R<JsValue> {
        JSON::parse(json).map_err(|_| WireError("not JSON".into()))
    }

    pub fn get(value: &JsValue, key: &str) -> JsValue {
        Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    pub fn string(value: &JsValue, what: &str) -> R<String> {
        value.as_string().ok_or_else(|| bad(what))
    }

    fn field(value: &JsValue, key: &str) -> R<String> {
        string(&get(value, key), key)
    }

    fn optional(value: &JsValue, key: &str) -> R<Option<String>> {
        let v = get(value, key);
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else {
            string(&v, key).map(Some)
        }
    }

    fn list<T>(value: &JsValue, what: &str, item: impl Fn(&JsValue) -> R<T>) -> R<Vec<T>> {
        let array = value.dyn_ref::<Array>().ok_or_else(|| bad(what))?;
        array.iter().map(|v| item(&v)).collect()
    }

    fn inlines(value: &JsValue) -> R<Vec<Inline>> {
        list(value, "inline", inline)
    }

    fn paragraph(value: &JsValue) -> R<Paragraph> {
        inlines(value).map(Paragraph)
    }

    fn inline(value: &JsValue) -> R<Inline> {
        let text = get(value, "text");
        if !text.is_undefined() {
            return string(&text, "text").map(Inline::Text);
        }
        let emphasis = get(value, "emphasis");
        if !emphasis.is_undefined() {
            return inlines(&emphasis).map(Inline::Emphasis);
        }
        let strong = get(value, "strong");
        if !strong.is_undefined() {
            return inlines(&strong).map(Inline::Strong);
        }
        let link = get(value, "link");
        if !link.is_undefined() {
            return Ok(Inline::Link {
                href: field(&link, "href")?,
                children: inlines(&get(&link, "children"))?,
            });
        }
        Err(bad("inline"))
    }

    pub fn article(value: &JsValue) -> R<Article> {
        let tagline = get(value, "tagline");
        Ok(Article {
            title: field(value, "title")?,
            summary: field(value, "summary")?,
            permalink: field(value, "permalink")?,
            author: optional(value, "author")?,
            date_published: optional(value, "date_published")?,
            date_modified: optional(value, "date_modified")?,
            tagline: if tagline.is_undefined() || tagline.is_null() {
                None
            } else {
                Some(inlines(&tagline)?)
            },
            lead: list(&get(value, "lead"), "lead", paragraph)?,
            toc: list(&get(value, "toc"), "toc", |e| {
                Ok(TocEntry {
                    anchor: field(e, "anchor")?,
                    label: field(e, "label")?,
                })
            })?,
            part: optional(value, "part")?,
            sections: list(&get(value, "sections"), "sections", |s| {
                Ok(Section {
                    id: field(s, "id")?,
                    heading: field(s, "heading")?,
                    paragraphs: list(&get(s, "paragraphs"), "paragraphs", paragraph)?,
                })
            })?,
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn results_use_serde_external_tagging() {
        let err: Result<Article, String> = Err("nope".into());
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(json, r#"{"Err":"nope"}"#);
        assert_eq!(decode_result(&json).unwrap(), err);
        assert!(decode_article("{").is_err());
    }
}
