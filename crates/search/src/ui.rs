//! The search dialog, in the browser. No page carries it: the first time the reader opens
//! search, this code reads its words in the page's language ([`crate::words`]) and builds it
//! (a labelled field, a status line, a list of links), then fills the list as the reader types, moves between results with the arrow
//! keys, and says in the status line how many there are, or what went wrong. It fetches only
//! the index's files (`gloo-net`), never the query.
//!
//! The first results read only the files they need. Once they are painted, the whole index
//! comes in the background in one file, where the build wrote one and the reader has not asked
//! the browser to save data: the next keystrokes then wait on no file, and the service worker
//! keeps it for searching offline. A search whose files cannot be fetched reads it at once.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlDialogElement, HtmlElement, HtmlInputElement, KeyboardEvent};

use crate::index::{file_hash, read, Meta, ReadError, Shard, Texts, Whole};
use crate::query::{Engine, Found, Query};

use crate::words::{self, Words};

/// What the dialog knows between keystrokes.
struct State {
    words: Words,
    dialog: HtmlDialogElement,
    input: HtmlInputElement,
    status: Element,
    list: Element,
    /// The folder of the index's files, ending in `/`.
    folder: String,
    meta_url: String,
    /// What had focus before the dialog opened, and gets it back when it closes.
    opener: Option<HtmlElement>,
    engine: Option<Engine>,
    /// Whether the whole index was asked for (it is asked for once).
    whole_asked: bool,
    /// Asks the page which index the host serves now (a promise of its meta file's address),
    /// for when this one's files are gone: another deploy replaced them under the open page.
    current: js_sys::Function,
    /// The latest query: an answer to an older one is not shown.
    generation: u32,
}

thread_local! {
    static STATE: RefCell<Option<Rc<RefCell<State>>>> = const { RefCell::new(None) };
}

/// Why a search could not be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// The network failed: offline, and the file is not in the cache.
    Offline,
    /// The server answered without the file (a 404 after a new deploy, say).
    Missing,
    /// The file is not an index file: truncated or corrupt.
    Corrupt,
    /// The file is another deploy's: the page is older than the site.
    Stale,
}

impl Failure {
    /// The words that say it.
    fn said(self, words: &Words) -> &str {
        match self {
            Failure::Offline => &words.offline,
            Failure::Missing => &words.missing,
            Failure::Corrupt => &words.corrupt,
            Failure::Stale => &words.stale,
        }
    }
}

impl From<ReadError> for Failure {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Corrupt => Failure::Corrupt,
            ReadError::OtherBuild => Failure::Stale,
        }
    }
}

/// Why the dialog could not be built: its words could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

/// Opens the search dialog over the index whose meta file is at `meta_url`; the first time,
/// reads its words (`words_url`, in the page's language) and builds it. Without its words
/// there is no dialog: the caller says so. `current` gives, when this index's files are gone
/// (a new deploy under the open page), the address of the index the host serves now: a
/// function returning a promise of it.
pub async fn open(
    meta_url: String,
    words_url: String,
    current: js_sys::Function,
) -> Result<(), Unavailable> {
    let state = match STATE.with(|s| s.borrow().clone()) {
        Some(state) => state,
        None => {
            let bytes = fetch(&words_url).await.map_err(|_| Unavailable)?;
            let words = words::read(&bytes).ok_or(Unavailable)?;
            // Opened twice while the words were on their way: the first set-up stands.
            match STATE.with(|s| s.borrow().clone()) {
                Some(state) => state,
                None => set_up(meta_url, words, current).ok_or(Unavailable)?,
            }
        }
    };
    show_dialog(state);
    Ok(())
}

/// The address of the index the host serves now, read from the page by `current` (the page
/// asks the host once, and gives every later caller the same answer). `None` when it cannot
/// be known.
async fn current_index(state: &Rc<RefCell<State>>) -> Option<String> {
    let promise = state
        .borrow()
        .current
        .call0(&wasm_bindgen::JsValue::NULL)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// Reads the index at `meta_url` from now on, in place of the one the page was built with.
fn switch_index(state: &Rc<RefCell<State>>, meta_url: String) {
    let mut s = state.borrow_mut();
    s.folder = folder_of(&meta_url);
    s.meta_url = meta_url;
    s.engine = None;
    s.whole_asked = false;
}

/// The folder of an index file's address, ending in `/`.
fn folder_of(url: &str) -> String {
    url.rsplit_once('/')
        .map_or(String::new(), |(dir, _)| [dir, "/"].concat())
}

fn show_dialog(state: Rc<RefCell<State>>) {
    let (dialog, input) = {
        let s = state.borrow();
        (s.dialog.clone(), s.input.clone())
    };
    if !dialog.open() {
        state.borrow_mut().opener = document()
            .active_element()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        let _ = dialog.show_modal();
    }
    let _ = input.focus();
    input.select();
    if state.borrow().engine.is_none() {
        wasm_bindgen_futures::spawn_local(answer(state));
    }
}

/// The dialog's parts, as [`build`] makes them.
struct Parts {
    dialog: HtmlDialogElement,
    input: HtmlInputElement,
    status: Element,
    list: Element,
}

/// An element `tag` of class `class` (none if empty), with `attributes`.
fn element(tag: &str, class: &str, attributes: &[(&str, &str)]) -> Option<Element> {
    let e = document().create_element(tag).ok()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    for (name, value) in attributes {
        e.set_attribute(name, value).ok()?;
    }
    Some(e)
}

/// Builds the dialog at the end of the page's body: a form holding the labelled search field
/// and the button that closes it, the status line (a live region), and the list of results.
fn build(words: &Words) -> Option<Parts> {
    let dialog = element(
        "dialog",
        "search",
        &[("id", "search"), ("aria-labelledby", "search-label")],
    )?;
    let form = element(
        "form",
        "search-form",
        &[("method", "dialog"), ("role", "search")],
    )?;
    let label = element(
        "label",
        "",
        &[("id", "search-label"), ("for", "search-input")],
    )?;
    label.set_text_content(Some(&words.label));
    let field = element("div", "search-field", &[])?;
    let input = element(
        "input",
        "",
        &[
            ("id", "search-input"),
            ("type", "search"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
        ],
    )?;
    let close = element("button", "search-close", &[("type", "submit")])?;
    close.set_text_content(Some(&words.close));
    let status = element("p", "search-status", &[("role", "status")])?;
    let list = element("ul", "search-results", &[("aria-label", &words.results)])?;
    field.append_with_node_2(&input, &close).ok()?;
    form.append_with_node_2(&label, &field).ok()?;
    dialog.append_with_node_3(&form, &status, &list).ok()?;
    document().body()?.append_child(&dialog).ok()?;
    Some(Parts {
        dialog: dialog.dyn_into().ok()?,
        input: input.dyn_into().ok()?,
        status,
        list,
    })
}

fn set_up(meta_url: String, words: Words, current: js_sys::Function) -> Option<Rc<RefCell<State>>> {
    let Parts {
        dialog,
        input,
        status,
        list,
    } = build(&words)?;
    let folder = folder_of(&meta_url);
    let state = Rc::new(RefCell::new(State {
        words,
        status,
        list,
        dialog: dialog.clone(),
        input: input.clone(),
        folder,
        meta_url,
        opener: None,
        engine: None,
        whole_asked: false,
        current,
        generation: 0,
    }));
    listen(&input, "input", {
        let state = Rc::clone(&state);
        move |_| wasm_bindgen_futures::spawn_local(answer(Rc::clone(&state)))
    });
    listen(&dialog, "keydown", {
        let state = Rc::clone(&state);
        move |event| {
            if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                keys(&state.borrow(), event);
            }
        }
    });
    // A result on this page is followed by the page's router: the dialog steps aside.
    listen(&dialog, "click", {
        let dialog = dialog.clone();
        move |event| {
            let on_link = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("a").ok().flatten())
                .is_some();
            if on_link {
                dialog.close();
            }
        }
    });
    listen(&dialog, "close", {
        let state = Rc::clone(&state);
        move |_| {
            let on_page = document()
                .active_element()
                .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
            if let Some(opener) = state.borrow().opener.as_ref().filter(|_| on_page) {
                let _ = opener.focus();
            }
        }
    });
    STATE.with(|s| *s.borrow_mut() = Some(Rc::clone(&state)));
    Some(state)
}

/// Calls `f` on each `event` of `target`, for the page's lifetime.
fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// ↓ and ↑ move between the field and the results; Enter in the field goes to the first
/// result; Escape closes the dialog, focus going back to where it was.
fn keys(state: &State, event: &KeyboardEvent) {
    let links = state.list.query_selector_all("a").ok();
    let count = links.as_ref().map_or(0, |l| l.length());
    let focused = document().active_element();
    let position = (0..count).find(|&i| {
        links
            .as_ref()
            .and_then(|l| l.item(i))
            .zip(focused.as_ref())
            .is_some_and(|(link, f)| link.is_same_node(Some(f)))
    });
    let in_field = focused
        .as_ref()
        .is_some_and(|f| f.is_same_node(Some(state.input.as_ref())));
    if event.key() == "Escape" {
        // A search field would take the first Escape to clear itself: the dialog closes at once.
        event.prevent_default();
        state.dialog.close();
        return;
    }
    let target = match (event.key().as_str(), position) {
        ("ArrowDown", None) if in_field => Some(0),
        ("ArrowDown", Some(i)) => Some((i + 1).min(count.saturating_sub(1))),
        ("ArrowUp", Some(0)) => {
            event.prevent_default();
            let _ = state.input.focus();
            return;
        }
        ("ArrowUp", Some(i)) => Some(i - 1),
        ("Enter", None) if in_field => {
            event.prevent_default();
            if let Some(first) = links.as_ref().and_then(|l| l.item(0)) {
                if let Ok(first) = first.dyn_into::<HtmlElement>() {
                    first.click();
                }
            }
            return;
        }
        _ => None,
    };
    if let Some(i) = target.filter(|_| count > 0) {
        event.prevent_default();
        if let Some(link) = links
            .and_then(|l| l.item(i))
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        {
            let _ = link.focus();
        }
    }
}

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a page has a document")
}

/// Answers what the field holds: reads what the index files it needs, searches, shows.
async fn answer(state: Rc<RefCell<State>>) {
    let (typed, generation) = {
        let mut s = state.borrow_mut();
        s.generation += 1;
        // Until the answer to the latest query shows, the list says it is being updated.
        let _ = s.list.set_attribute("aria-busy", "true");
        (s.input.value(), s.generation)
    };
    let query = Query::parse(&typed);
    let read = state.borrow().meta_url.clone();
    let mut outcome = search(&state, &query).await;
    // The index's files are gone, or mixed with another build's: a new deploy replaced them
    // under the open page. The host's current index answers instead, read again from its
    // address (which the page names, and which keeps its name from deploy to deploy; the first
    // answer to learn of it switches, one under way at the same time waits for the same news),
    // and the reader is told nothing, unless that one fails too.
    if matches!(outcome, Err(Failure::Missing | Failure::Stale)) {
        let url = current_index(&state).await.unwrap_or_else(|| read.clone());
        if state.borrow().meta_url == read {
            switch_index(&state, url);
        }
        outcome = search(&state, &query).await;
    }
    // Files the network cannot bring may all be in the whole index, which the service worker
    // keeps once read.
    if matches!(outcome, Err(Failure::Offline)) && ask_whole(&state) {
        read_whole(&state).await;
        outcome = search(&state, &query).await;
    }
    let s = state.borrow();
    if s.generation != generation {
        return;
    }
    let _ = s.list.remove_attribute("aria-busy");
    match outcome {
        Ok(found) => {
            show(&s, &typed, &found);
            if !query.words.is_empty() {
                drop(s);
                read_whole_after_paint(&state);
            }
        }
        Err(failure) => {
            clear(&s.list);
            say(&s, failure.said(&s.words));
        }
    }
}

/// Whether the whole index is to be read now: the build wrote one, it was not asked for yet,
/// and the reader has not asked the browser to save data. Asked once, whatever comes of it.
fn ask_whole(state: &Rc<RefCell<State>>) -> bool {
    let mut s = state.borrow_mut();
    let wanted = s
        .engine
        .as_ref()
        .is_some_and(|e| e.meta.whole && !e.has_whole());
    if s.whole_asked || !wanted || saves_data() {
        return false;
    }
    s.whole_asked = true;
    true
}

/// `navigator.connection.saveData`, where the browser has it.
fn saves_data() -> bool {
    let get = |on: &wasm_bindgen::JsValue, key: &str| js_sys::Reflect::get(on, &key.into()).ok();
    get(&js_sys::global(), "navigator")
        .and_then(|n| get(&n, "connection"))
        .filter(|c| c.is_object())
        .and_then(|c| get(&c, "saveData"))
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Reads the whole index once the browser is idle after the frame that shows the first
/// results (`requestIdleCallback`; where the browser lacks it, a task after that frame), so
/// that it never delays them.
fn read_whole_after_paint(state: &Rc<RefCell<State>>) {
    if !ask_whole(state) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let state = Rc::clone(state);
    let read = Closure::once_into_js(move || {
        wasm_bindgen_futures::spawn_local(async move { read_whole(&state).await })
    });
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(idle) => {
            let _ = idle.call1(&window, &read);
        }
        None => {
            let after_frame = Closure::once_into_js(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback(read.unchecked_ref());
                }
            });
            let _ = window.request_animation_frame(after_frame.unchecked_ref());
        }
    }
}

/// Reads the whole index into the engine. Without it, search goes on file by file and the
/// reader loses nothing; the console says what failed.
async fn read_whole(state: &Rc<RefCell<State>>) {
    let url = {
        let s = state.borrow();
        let meta = &s.engine.as_ref().expect("the meta is read first").meta;
        [s.folder.as_str(), &meta.whole_file()].concat()
    };
    let read = match fetch(&url).await {
        Ok(bytes) => with_engine(state, |e| {
            let whole = Whole::read(bytes, &e.meta)?;
            e.add_whole(whole);
            Ok(())
        }),
        Err(failure) => Err(failure),
    };
    let s = state.borrow();
    match read {
        // Said on the dialog too, for whoever inspects or tests it.
        Ok(()) => {
            let _ = s.dialog.set_attribute("data-index", "whole");
        }
        Err(failure) => web_sys::console::warn_2(&url.into(), &failure.said(&s.words).into()),
    }
}

/// The results of `query`, reading the files it needs first.
async fn search(state: &Rc<RefCell<State>>, query: &Query) -> Result<Vec<Found>, Failure> {
    if state.borrow().engine.is_none() {
        let url = state.borrow().meta_url.clone();
        let meta: Meta = read(&fetch(&url).await?, None)?;
        state
            .borrow_mut()
            .engine
            .get_or_insert_with(|| Engine::new(meta));
    }
    if query.words.is_empty() {
        return Ok(Vec::new());
    }
    let wanted = with_engine(state, |e| e.missing_shards(query))?;
    // A shard's or a text's name is after its bytes, which the meta lists: bytes of another
    // hash under that name (a host or a cache mixing deploys) are another build's.
    let folder = state.borrow().folder.clone();
    let shards = fetch_all(&folder, wanted.iter().map(|(_, f)| f.as_str())).await?;
    for ((place, _), bytes) in wanted.iter().zip(shards) {
        let expected = with_engine(state, |e| e.meta.shard_hashes.get(*place).copied());
        if expected != Some(file_hash(&bytes)) {
            return Err(ReadError::OtherBuild.into());
        }
        let shard: Shard = read(&bytes, None)?;
        with_engine(state, |e| e.add_shard(*place, shard));
    }
    let hits = with_engine(state, |e| e.search(query));
    let wanted = with_engine(state, |e| e.missing_texts(&hits))?;
    let texts = fetch_all(&folder, wanted.iter().map(|(_, f)| f.as_str())).await?;
    for ((page, _), bytes) in wanted.iter().zip(texts) {
        let expected = with_engine(state, |e| e.meta.text_hashes.get(*page as usize).copied());
        if expected != Some(file_hash(&bytes)) {
            return Err(ReadError::OtherBuild.into());
        }
        let texts: Texts = read(&bytes, None)?;
        with_engine(state, |e| e.add_texts(*page, texts));
    }
    Ok(with_engine(state, |e| {
        hits.iter().filter_map(|h| e.result(h, query)).collect()
    }))
}

fn with_engine<T>(state: &Rc<RefCell<State>>, f: impl FnOnce(&mut Engine) -> T) -> T {
    f(state
        .borrow_mut()
        .engine
        .as_mut()
        .expect("the meta is read first"))
}

/// Fetches files of the index's folder, all at once.
async fn fetch_all<'a>(
    folder: &str,
    files: impl Iterator<Item = &'a str>,
) -> Result<Vec<Vec<u8>>, Failure> {
    let requests: Vec<_> = files.map(|f| fetch_owned([folder, f].concat())).collect();
    futures_util::future::try_join_all(requests).await
}

async fn fetch_owned(url: String) -> Result<Vec<u8>, Failure> {
    fetch(&url).await
}

async fn fetch(url: &str) -> Result<Vec<u8>, Failure> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|_| Failure::Offline)?;
    if !response.ok() {
        return Err(Failure::Missing);
    }
    response.binary().await.map_err(|_| Failure::Corrupt)
}

fn say(state: &State, text: &str) {
    state.status.set_text_content(Some(text));
}

fn clear(list: &Element) {
    list.set_text_content(None);
}

/// Shows the results, and says how many there are (nothing while the field is empty).
fn show(state: &State, typed: &str, found: &[Found]) {
    clear(&state.list);
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    for result in found {
        if let Some(item) = item(result, &here) {
            let _ = state.list.append_child(&item);
        }
    }
    let count = match found.len() {
        _ if typed.trim().is_empty() => String::new(),
        0 => state.words.none.clone(),
        1 => state.words.one.clone(),
        // The browser writes the number and fills it in: the wasm carries no formatting code.
        n => {
            let number = js_sys::Number::from(n as f64)
                .to_string_with_radix(10)
                .unwrap_or_default();
            js_sys::JsString::from(state.words.many.as_str())
                .replace("{n}", &String::from(number))
                .into()
        }
    };
    say(state, &count);
}

/// The address the index gives the page at `path`, whichever form the reader opened: `/a` for
/// `/a.html`, `/a/` for `/a/index.html` (the build's `page_url`).
fn address(path: &str) -> &str {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.ends_with('/') => folder,
        _ => path.strip_suffix(".html").unwrap_or(path),
    }
}

/// One result: a link to its section, with the page's title, the section's heading and the
/// excerpt, its matched words in `<mark>`. A section of this page is a `#anchor`, which the
/// page's router follows; another page's is a plain link, which the browser loads.
fn item(found: &Found, here: &str) -> Option<Element> {
    let same_page = found.url == address(here);
    let fragment = found.anchor.as_ref().map(|a| ["#", a].concat());
    let href = match (&fragment, same_page) {
        (Some(f), true) => f.clone(),
        (f, _) => [found.url.as_str(), f.as_deref().unwrap_or("")].concat(),
    };
    let link = element("a", "search-result", &[("href", &href)])?;
    if !same_page {
        // The page's router leaves links marked so to the browser.
        link.set_attribute("rel", "external").ok()?;
    }
    let title = element("span", "search-result-title", &[])?;
    title.set_text_content(Some(&found.title));
    let _ = link.append_child(&title);
    if found.anchor.is_some() {
        let heading = element("span", "search-result-heading", &[])?;
        heading.set_text_content(Some(&found.heading));
        let _ = link.append_child(&heading);
    }
    let excerpt = element("span", "search-result-excerpt", &[])?;
    for (text, marked) in &found.excerpt {
        if *marked {
            let mark = element("mark", "", &[])?;
            mark.set_text_content(Some(text));
            let _ = excerpt.append_child(&mark);
        } else {
            let _ = excerpt.append_child(&document().create_text_node(text));
        }
    }
    let _ = link.append_child(&excerpt);
    let item = element("li", "", &[])?;
    let _ = item.append_child(&link);
    Some(item)
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn a_page_opened_at_its_file_is_the_page_the_index_names() {
        for (path, url) in [
            ("/chef-projet-digital.html", "/chef-projet-digital"),
            ("/chef-projet-digital", "/chef-projet-digital"),
            ("/docs/guide/index.html", "/docs/guide/"),
            ("/docs/", "/docs/"),
            ("/myindex.html", "/myindex"),
        ] {
            assert_eq!(address(path), url, "{path}");
        }
    }
}
