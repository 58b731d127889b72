use crate::strings;
use leptos::prelude::*;

/// The three-way colour scheme switch: system, light, dark.
///
/// Its behaviour lives in the small inline script of `index.html`, not in the wasm: that script
/// must run before the first paint anyway (to apply a stored choice without a flash of the
/// wrong theme), and there it works from the first moment, before the wasm has arrived on a
/// slow network or when it cannot start. It sets `<html data-theme>`, stores the choice in
/// `localStorage` and keeps every button's `aria-pressed` true to it.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    // The icons are CSS masks keyed on `data-theme-choice`: no markup to build or hydrate.
    let choices = [
        ("system", strings::THEME_SYSTEM),
        ("light", strings::THEME_LIGHT),
        ("dark", strings::THEME_DARK),
    ];
    view! {
        <div class="theme-switch" role="group" aria-label=strings::THEME_GROUP>
            {choices
                .into_iter()
                .map(|(value, label)| {
                    view! {
                        <button
                            type="button"
                            class="theme-choice"
                            data-theme-choice=value
                            aria-pressed=if value == "system" { "true" } else { "false" }
                            aria-label=label
                            title=label
                        ></button>
                    }
                })
                .collect_view()}
        </div>
    }
}
