//! Browser tests (wasm-bindgen-test in headless Chromium) of what runs in the browser: the
//! islands' own behaviour (phone menu, copy links, videos), the scrollspy on a laid-out page, and the
//! base path read back from the page. The markup around them is the build's HTML, which the
//! browser never renders (the components are not in the wasm): each test builds the little
//! markup it needs with DOM calls, with the names the components use (`cpd_view::dom`). The
//! islands hydrating the real pages are tested end to end (`tests/e2e/`).
#![cfg(target_arch = "wasm32")]

use cpd_view::dom::{BACK_TO_TOP_ID, BASE_META, LIVE_REGION_ID};
use cpd_view::islands::spy::{watch, SectionInView};
use cpd_view::islands::{CopyLink, PlayVideo, SectionMenu};
use cpd_view::seam::router_base;
use hydration_context::HydrateSharedContext;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the page.
fn host() -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Renders `view` into `host` under the islands' shared context, as `hydrate_islands` sets up.
fn render<V: IntoView + 'static>(host: &web_sys::HtmlElement, view: impl FnOnce() -> V + 'static) {
    let root = Owner::new_root(Some(Arc::new(HydrateSharedContext::new_islands())));
    let handle = root.with(|| leptos::mount::mount_to(host.clone(), view));
    handle.forget();
    std::mem::forget(root);
}

/// An element made with DOM calls, appended to `parent`.
fn element(
    parent: &web_sys::Element,
    tag: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element(tag).unwrap().unchecked_into();
    for (name, value) in attrs {
        el.set_attribute(name, value).unwrap();
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    parent.append_child(&el).unwrap();
    el
}

/// How many frames a test waits for what it expects before it fails: seconds at 60 frames a
/// second, far more than any island takes.
const FRAMES: u32 = 300;

/// Waits for the browser's next frame (`requestAnimationFrame`).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `holds` is true, looking once a frame; fails naming `what` if it is not true
/// within [`FRAMES`] frames.
async fn until(what: &str, holds: impl Fn() -> bool) {
    for _ in 0..FRAMES {
        if holds() {
            return;
        }
        next_frame().await;
    }
    assert!(holds(), "still waiting after {FRAMES} frames for {what}");
}

fn expanded(button: &web_sys::Element) -> Option<String> {
    button.get_attribute("aria-expanded")
}

#[wasm_bindgen_test]
async fn the_phone_menu_is_a_disclosure_that_closes_after_a_choice_on_escape_or_outside() {
    let host = host();
    render(&host, || view! { <SectionMenu><span></span></SectionMenu> });
    // Its button and panel are the build's HTML, as `components::SiteBar` renders them.
    let menu = host.query_selector(".menu").unwrap().expect("the island");
    let button: web_sys::HtmlElement = element(
        &menu,
        "button",
        &[
            ("type", "button"),
            ("class", "menu-button"),
            ("aria-expanded", "false"),
            ("aria-controls", "menu-sections"),
        ],
        "Sommaire",
    )
    .unchecked_into();
    let panel = element(
        &menu,
        "div",
        &[
            ("id", "menu-sections"),
            ("class", "menu-panel"),
            ("hidden", ""),
        ],
        "",
    );
    assert_eq!(
        button.get_attribute("aria-controls").as_deref(),
        Some("menu-sections")
    );
    // The section links are the build's HTML in the panel.
    let link = element(&panel, "a", &[("href", "#missions")], "Missions");

    assert_eq!(expanded(&button).as_deref(), Some("false"));
    assert!(panel.has_attribute("hidden"));
    let open = || expanded(&button).as_deref() == Some("true") && !panel.has_attribute("hidden");
    let closed = || expanded(&button).as_deref() == Some("false") && panel.has_attribute("hidden");
    button.click();
    until("the menu to open on a click of its button", open).await;
    // A choice closes it.
    link.click();
    until("the menu to close after a choice", closed).await;

    // Escape closes it and gives focus back to the button.
    button.click();
    until("the menu to open again", open).await;
    let escape = web_sys::KeyboardEventInit::new();
    escape.set_key("Escape");
    escape.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &escape).unwrap();
    window().dispatch_event(&event).unwrap();
    until("the menu to close on Escape", closed).await;
    assert_eq!(
        document()
            .active_element()
            .map(|e| e.class_name())
            .as_deref(),
        Some("menu-button")
    );

    // So does a click anywhere else.
    button.click();
    until("the menu to open once more", open).await;
    document().body().unwrap().click();
    until("the menu to close on a click outside it", closed).await;
    host.remove();
}

#[wasm_bindgen_test]
async fn a_copy_link_click_is_announced_in_the_live_region() {
    let host = host();
    render(&host, || view! { <CopyLink><span></span></CopyLink> });
    // The live region, as `components::LiveRegion` renders it.
    element(
        &host,
        "p",
        &[
            ("id", LIVE_REGION_ID),
            ("class", "toast"),
            ("role", "status"),
            (cpd_view::dom::SAID_COPIED, "Lien copié"),
            (
                cpd_view::dom::SAID_NOT_COPIED,
                "Le lien n’a pas pu être copié",
            ),
        ],
        "",
    );
    let wrapper = host
        .query_selector(".copy-link-box")
        .unwrap()
        .expect("the click box");
    let link = element(
        &wrapper,
        "a",
        &[
            ("class", "copy-link"),
            ("href", "#missions"),
            ("data-share", "/chef-projet-digital.html#missions"),
        ],
        "#",
    );
    let toast = host.query_selector(".toast").unwrap().unwrap();
    assert_eq!(toast.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(toast.text_content().unwrap_or_default(), "");
    link.click();
    let said = || toast.text_content().unwrap_or_default();
    until("the live region to say something", || !said().is_empty()).await;
    let said = said();
    // Headless Chromium may refuse the clipboard: either way the reader is told.
    assert!(
        said == "Lien copié" || said == "Le lien n’a pas pu être copié",
        "{said:?}"
    );
    // The click stayed on the page: the link's own navigation was prevented.
    assert!(!window().location().hash().unwrap().contains("copie"));
    host.remove();
}

#[wasm_bindgen_test]
async fn the_contents_follow_the_section_in_view() {
    let host = host();
    let main = element(&host, "main", &[], "");
    let nav = element(&host, "ol", &[("class", "toc-links")], "");
    for id in ["un", "deux", "trois"] {
        element(
            &element(&nav, "li", &[], ""),
            "a",
            &[("href", &format!("#{id}"))],
            id,
        );
        let section = element(&main, "section", &[("aria-labelledby", id)], "");
        element(&section, "h2", &[("id", id)], id);
        element(&section, "p", &[("style", "height: 150vh; margin: 0")], "…");
    }
    let current = || {
        let list = nav.query_selector_all("a[aria-current=location]").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.unchecked_into::<web_sys::Element>().get_attribute("href"))
            .collect::<Vec<_>>()
    };
    // « Haut de page », as `components::BackToTop` renders it.
    let back = element(
        &host,
        "a",
        &[("id", BACK_TO_TOP_ID), ("href", "#top"), ("hidden", "")],
        "Haut de page",
    );
    assert!(back.has_attribute("hidden"));
    let root = Owner::new_root(Some(Arc::new(HydrateSharedContext::new_islands())));
    root.with(|| watch(SectionInView::new()));
    std::mem::forget(root);
    let top = |id: &str| {
        document()
            .get_element_by_id(id)
            .unwrap()
            .get_bounding_client_rect()
            .top()
            + window().scroll_y().unwrap()
    };

    window().scroll_to_with_x_and_y(0.0, top("deux") - 10.0);
    until("« deux » to be the current section", || {
        current() == ["#deux"]
    })
    .await;
    // Past the first screen: « Haut de page » shows.
    until("« Haut de page » to show past the first screen", || {
        !back.has_attribute("hidden")
    })
    .await;
    window().scroll_to_with_x_and_y(0.0, top("un") + 20.0);
    until("« un » to be the current section", || {
        current() == ["#un"]
    })
    .await;
    window().scroll_to_with_x_and_y(0.0, 0.0);
    until("« Haut de page » to hide at the top", || {
        back.has_attribute("hidden")
    })
    .await;
    // At the very bottom, the last section, whatever its heading's place.
    window().scroll_to_with_x_and_y(0.0, 1e7);
    until(
        "« trois » to be the current section at the bottom",
        || current() == ["#trois"],
    )
    .await;
    window().scroll_to_with_x_and_y(0.0, 0.0);
    host.remove();
}

#[wasm_bindgen_test]
fn the_base_path_is_read_back_from_the_page() {
    let head = document().head().unwrap();
    let base = element(
        &head,
        "meta",
        &[("name", BASE_META), ("content", "/docs/")],
        "",
    );
    assert_eq!(router_base(), "/docs");
    base.remove();
    // Without it: the root.
    assert_eq!(router_base(), "");
}

#[wasm_bindgen_test]
async fn a_video_link_click_puts_the_player_in_its_place() {
    let host = host();
    render(&host, || view! { <PlayVideo><span></span></PlayVideo> });
    let wrapper = host
        .query_selector(".video-box")
        .unwrap()
        .expect("the click box");
    // The link, as `components::EmbedView` renders it; the player's address stays local here.
    let link = element(
        &wrapper,
        "a",
        &[
            ("class", "video"),
            ("href", "#video-page"),
            (cpd_view::dom::FRAME_ATTR, "about:blank"),
            (cpd_view::dom::FRAME_TITLE_ATTR, "Une vidéo"),
        ],
        "Une vidéo",
    );
    assert!(
        host.query_selector("iframe").unwrap().is_none(),
        "nothing loads before a click"
    );
    link.click();
    let player = || host.query_selector("iframe").unwrap();
    until("the player in the link's place", || player().is_some()).await;
    let frame = player().expect("the player");
    assert_eq!(frame.get_attribute("src").as_deref(), Some("about:blank"));
    assert_eq!(frame.get_attribute("title").as_deref(), Some("Une vidéo"));
    assert!(frame.has_attribute("allowfullscreen"));
    assert!(
        host.query_selector("a.video").unwrap().is_none(),
        "the link made way"
    );
    assert!(!window().location().hash().unwrap().contains("video-page"));
    host.remove();
}
