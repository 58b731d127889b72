use leptos::prelude::*;

/// What the page has to say politely (for now: "Lien copié"). One region, present from the
/// first render, because screen readers only announce changes to a live region they already
/// know. It is also shown briefly, for sighted readers.
#[derive(Clone, Copy)]
pub struct Announcement(pub RwSignal<String>);

impl Announcement {
    pub fn provide() -> Self {
        let this = Self(RwSignal::new(String::new()));
        provide_context(this);
        this
    }

    pub fn expect() -> Self {
        expect_context()
    }

    /// Says `text`, then clears the region, so the same words said again are announced again.
    pub fn say(&self, text: &str) {
        let message = self.0;
        message.set(text.to_string());
        let said = text.to_string();
        set_timeout(
            move || {
                if message.with_untracked(|m| *m == said) {
                    message.set(String::new());
                }
            },
            std::time::Duration::from_millis(2500),
        );
    }
}

/// The polite live region (`role="status"`).
#[component]
pub fn LiveRegion() -> impl IntoView {
    let Announcement(message) = Announcement::expect();
    view! {
        <p class="toast" role="status" class:toast--shown=move || message.with(|m| !m.is_empty())>
            {move || message.get()}
        </p>
    }
}
