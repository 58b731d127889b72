use leptos::prelude::*;

/// The document's `<title>`. On the server it goes through `leptos_meta` into the prerendered
/// `<head>`; in the browser an effect keeps `document.title` in step, which is all a reader's
/// tab and screen reader need and keeps `leptos_meta`'s head management out of the wasm.
///
/// Both sides leave one `<!>` placeholder in the body (the server's `()` next to the title, the
/// browser's `()`), so hydration finds the same nodes on both.
#[component]
pub fn DocumentTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        (view! { <leptos_meta::Title text=move || text.get()/> }, ())
    }
    #[cfg(not(feature = "ssr"))]
    {
        Effect::new(move |first: Option<()>| {
            let title = text.get();
            #[cfg(target_arch = "wasm32")]
            document().set_title(&title);
            #[cfg(not(target_arch = "wasm32"))]
            let _ = title;
            // Every page has a title, and this effect runs after the page's own: a single place
            // to say the app has taken over.
            if first.is_none() {
                crate::nav::mark_ready();
            }
        });
    }
}
