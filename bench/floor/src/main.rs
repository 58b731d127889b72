//! The framework's floor: a client-rendered "hello" with a router and a `<Title>`, and the same
//! readiness signals as the article (`<html data-app="ready">`, `cpd:interactive` mark), so
//! scripts/bench.sh can compare time-to-interactive.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::StaticSegment;

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run once the view is mounted: the same moment the article marks itself ready.
    Effect::new(|_| {
        let window = window();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-app", "ready");
        }
        if let Some(performance) = window.performance() {
            let _ = performance.mark("cpd:interactive");
        }
    });
    view! {
        <Router>
            <main id="contenu">
                <Routes fallback=|| view! { <h1>"Page introuvable"</h1> }>
                    <Route path=StaticSegment("") view=Home/>
                    <Route path=StaticSegment("autre") view=Other/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    view! {
        <Title text="Bonjour"/>
        <h1>"Bonjour"</h1>
        <p><A href="/autre">"Autre page"</A></p>
    }
}

#[component]
fn Other() -> impl IntoView {
    view! {
        <Title text="Autre page"/>
        <h1>"Autre page"</h1>
        <p><A href="/">"Accueil"</A></p>
    }
}
