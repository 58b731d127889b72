//! Getting the article into the app: one Leptos resource, shared through a typed context.
//!
//! In the browser the resource fetches the JSON model with gloo-net. When the page was
//! prerendered, Leptos serialises the resource's value into the HTML and the hydrating app reads
//! it from there, so the first load makes no second request. Natively (prerender, tests) the
//! article is handed in as [`Preloaded`] and no I/O happens.

use crate::content::wire::{self, WireError};
use crate::content::Article;
use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use leptos::server::ArcResource;
use serde::{Deserialize, Serialize};

/// Why the article could not be loaded, in words a reader can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LoadError(pub String);

/// What the resource yields.
pub type Loaded = Result<Article, LoadError>;

/// An article already in memory: given by the prerender and by tests, so they need no network.
#[derive(Debug, Clone)]
pub struct Preloaded(pub Article);

/// How the resource travels from the prerendered page to the hydrating wasm: serde's JSON,
/// written natively and read in the browser without serde (see `content::wire`).
pub struct ModelCodec;

impl Encoder<Loaded> for ModelCodec {
    type Error = WireError;
    type Encoded = String;

    fn encode(value: &Loaded) -> Result<String, WireError> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            serde_json::to_string(value).map_err(|e| WireError(e.to_string()))
        }
        // Only the server serialises resources; the browser only reads them.
        #[cfg(target_arch = "wasm32")]
        {
            let _ = value;
            Err(WireError("the browser does not serialise the model".into()))
        }
    }
}

impl Decoder<Loaded> for ModelCodec {
    type Error = WireError;
    type Encoded = str;

    fn decode(json: &str) -> Result<Loaded, WireError> {
        wire::decode_result(json).map(|r| r.map_err(LoadError))
    }
}

/// The app's one source of article data.
#[derive(Clone, Copy)]
pub struct ArticleData(pub Resource<Loaded, ModelCodec>);

impl ArticleData {
    /// Creates the resource. `url` is where the JSON model is served.
    pub fn new(url: String, preloaded: Option<Preloaded>) -> Self {
        let resource = ArcResource::new_with_options(
            || (),
            move |_| load(url.clone(), preloaded.clone()),
            false,
        );
        Self(resource.into())
    }

    /// The resource from context; the app provides it at its root.
    pub fn expect() -> Self {
        expect_context()
    }
}

#[cfg(target_arch = "wasm32")]
fn load(
    url: String,
    preloaded: Option<Preloaded>,
) -> impl std::future::Future<Output = Loaded> + Send {
    // gloo-net's futures are not Send; the browser runs one thread, so the wrapper is sound.
    send_wrapper::SendWrapper::new(async move {
        match preloaded {
            Some(Preloaded(article)) => Ok(article),
            None => fetch_json(&url).await,
        }
    })
}

#[cfg(target_arch = "wasm32")]
async fn fetch_json(url: &str) -> Loaded {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| LoadError("le réseau ne répond pas.".into()))?;
    if !response.ok() {
        return Err(LoadError(format!(
            "le serveur a répondu {} {}.",
            response.status(),
            response.status_text()
        )));
    }
    let body = response
        .text()
        .await
        .map_err(|_| LoadError("la réponse a été interrompue.".into()))?;
    wire::decode_article(&body).map_err(|_| LoadError("le contenu reçu est illisible.".into()))
}

#[cfg(not(target_arch = "wasm32"))]
async fn load(_url: String, preloaded: Option<Preloaded>) -> Loaded {
    preloaded
        .map(|Preloaded(article)| article)
        .ok_or_else(|| LoadError("aucun contenu n’a été fourni au rendu.".into()))
}
