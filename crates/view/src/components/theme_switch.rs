use cpd_content::Words;
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
    let words = expect_context::<Words>();
    let choices = [
        ("system", words.theme_system, ICON_SYSTEM),
        ("light", words.theme_light, ICON_LIGHT),
        ("dark", words.theme_dark, ICON_DARK),
    ];
    view! {
        <div class="theme-switch" role="group" aria-label=words.theme_group>
            {choices
                .into_iter()
                .map(|(value, label, icon)| {
                    view! {
                        <button
                            type="button"
                            class="theme-choice"
                            data-theme-choice=value
                            aria-pressed=if value == "system" { "true" } else { "false" }
                            aria-label=label.clone()
                            title=label
                        >
                            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                                <path fill-rule="evenodd" d=icon></path>
                            </svg>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

// The icons' outlines, 24 × 24: a screen, a sun, a moon.
const ICON_SYSTEM: &str = "M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Zm1 2v9h16V6H4Z";
const ICON_LIGHT: &str = "M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM11 1h2v3h-2V1Zm0 19h2v3h-2v-3ZM1 11h3v2H1v-2Zm19 0h3v2h-3v-2ZM4.2 2.8l2.1 2.1-1.4 1.4-2.1-2.1 1.4-1.4Zm14.9 14.9 2.1 2.1-1.4 1.4-2.1-2.1 1.4-1.4ZM2.8 19.8l2.1-2.1 1.4 1.4-2.1 2.1-1.4-1.4ZM17.7 4.9l2.1-2.1 1.4 1.4-2.1 2.1-1.4-1.4Z";
const ICON_DARK: &str = "M20.5 14.6A8.5 8.5 0 0 1 9.4 3.5a8.5 8.5 0 1 0 11.1 11.1Z";
