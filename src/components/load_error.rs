use crate::data::LoadError;
use crate::strings;
use leptos::prelude::*;

/// A failed load: what happened, in French, and a way to try again.
#[component]
pub fn LoadErrorView(error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="load-error" role="alert">
            <p>{strings::LOAD_FAILED} " " {error.0}</p>
            <button type="button" on:click=move |_| on_retry.run(())>{strings::RETRY}</button>
        </div>
    }
}
