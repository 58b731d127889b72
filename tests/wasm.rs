//! Browser tests (wasm-bindgen-test in headless Chromium): mount the real `App` from a fixture
//! model and check what a reader gets: headings, anchors and link targets.
#![cfg(target_arch = "wasm32")]

use cpd::config::SiteConfig;
use cpd::content::Article;
use cpd::data::Preloaded;
use cpd::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/article.json");

fn fixture() -> Article {
    serde_json::from_str(FIXTURE).expect("the fixture parses as the content model")
}

/// Mounts the app in a fresh container and waits until the article has rendered.
async fn mount(article: Article) -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let config = SiteConfig::new("https://example.org", "/");
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <App config preloaded=Preloaded(article)/> }
    });
    handle.forget();
    for _ in 0..50 {
        if host.query_selector("h1").unwrap().is_some() {
            break;
        }
        next_frame().await;
    }
    host
}

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

fn attrs(host: &web_sys::HtmlElement, selector: &str, attr: &str) -> Vec<String> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.unchecked_into::<web_sys::Element>().get_attribute(attr))
        .collect()
}

#[wasm_bindgen_test]
async fn renders_title_part_and_section_headings() {
    let host = mount(fixture()).await;
    assert_eq!(texts(&host, "h1"), ["Titre d’essai"]);
    assert_eq!(texts(&host, ".part-title"), ["Une partie"]);
    assert_eq!(
        texts(&host, "section h3"),
        ["Première question ?", "Seconde question ?"]
    );
    assert_eq!(texts(&host, ".tagline"), ["Une accroche."]);
    host.remove();
}

#[wasm_bindgen_test]
async fn sections_carry_the_client_anchors() {
    let host = mount(fixture()).await;
    assert_eq!(
        attrs(&host, "section h3", "id"),
        ["chef-projet-digital", "missions"]
    );
    assert_eq!(
        attrs(&host, "section", "aria-labelledby"),
        ["chef-projet-digital", "missions"]
    );
    assert_eq!(attrs(&host, "section h3", "tabindex"), ["-1", "-1"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn toc_links_point_at_sections() {
    let host = mount(fixture()).await;
    assert_eq!(
        attrs(&host, "nav.toc a", "href"),
        ["#chef-projet-digital", "#missions"]
    );
    assert_eq!(
        texts(&host, "nav.toc a"),
        ["Première question ?", "Seconde question ?"]
    );
    for href in attrs(&host, "nav.toc a", "href") {
        let id = href.trim_start_matches('#');
        assert!(
            host.query_selector(&format!("[id='{id}']"))
                .unwrap()
                .is_some(),
            "{href} has a target"
        );
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn inline_markup_becomes_elements() {
    let host = mount(fixture()).await;
    assert_eq!(texts(&host, ".lead em strong"), ["chapeau"]);
    assert_eq!(attrs(&host, "section p a", "href"), ["#missions"]);
    assert_eq!(
        texts(&host, "section p"),
        [
            "Premier paragraphe.",
            "Deuxième, avec un lien interne.",
            "Troisième paragraphe."
        ]
    );
    host.remove();
}

#[wasm_bindgen_test]
fn browser_decoder_agrees_with_serde() {
    // The wasm reads the model with JSON.parse, the build writes it with serde: same result.
    let decoded =
        cpd::content::wire::decode_article(FIXTURE).expect("the browser decoder reads the fixture");
    assert_eq!(decoded, fixture());
    let as_result = format!("{{\"Ok\":{FIXTURE}}}");
    assert_eq!(
        cpd::content::wire::decode_result(&as_result).unwrap(),
        Ok(fixture())
    );
    assert_eq!(
        cpd::content::wire::decode_result("{\"Err\":\"réseau\"}").unwrap(),
        Err("réseau".to_string())
    );
    assert!(cpd::content::wire::decode_article("{\"title\": 3}").is_err());
    assert!(cpd::content::wire::decode_article("pas du JSON").is_err());
}

#[wasm_bindgen_test]
async fn phone_menu_is_a_disclosure_that_closes_after_a_choice() {
    let host = mount(fixture()).await;
    let button: web_sys::HtmlElement = host
        .query_selector(".menu-button")
        .unwrap()
        .expect("the bar has the menu button")
        .unchecked_into();
    let panel = host.query_selector("#menu-sections").unwrap().unwrap();
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(panel.has_attribute("hidden"));
    button.click();
    next_frame().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!panel.has_attribute("hidden"));
    let link: web_sys::HtmlElement = panel.query_selector("a").unwrap().unwrap().unchecked_into();
    link.click();
    next_frame().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(panel.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn each_heading_has_a_named_copy_link_and_the_theme_switch_three_buttons() {
    let article = fixture();
    let host = mount(article.clone()).await;
    let labels = attrs(&host, ".copy-link", "aria-label");
    let expected: Vec<String> = article
        .sections
        .iter()
        .map(|s| cpd::strings::section_link_label(&s.heading))
        .collect();
    assert_eq!(labels, expected);
    let hrefs = attrs(&host, ".copy-link", "href");
    let anchors: Vec<String> = article
        .sections
        .iter()
        .map(|s| format!("#{}", s.id))
        .collect();
    assert_eq!(hrefs, anchors);
    assert_eq!(
        attrs(&host, "[data-theme-choice]", "data-theme-choice"),
        ["system", "light", "dark"]
    );
    assert_eq!(attrs(&host, "[role=status]", "class").len(), 2);
}
