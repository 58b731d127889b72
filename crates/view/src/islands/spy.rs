//! Scrollspy: which section the reader is looking at, for the table of contents'
//! `aria-current="location"`, and whether they have scrolled past the first screen (for
//! « Haut de page », which is shown then).
//!
//! The rule is one pure function, [`section_in_view`], tested natively. The browser side only
//! measures: on `scroll` (coalesced to one measure per frame) it reads where the sections'
//! headings are and asks that function. The contents lists are the build's HTML: the spy marks
//! their entry with `aria-current` itself.
//!
//! A navigation (a table-of-contents click, back/forward, a cold link with a hash) *holds* the
//! spy on its target: a smooth scroll passes through other sections on its way, and marking each
//! of them in turn would flicker. The hold ends when that scroll ends (`scrollend`), without a
//! new measure: a target too close to the bottom to reach the top of the viewport stays current.
//! It also ends at the reader's own input (wheel, touch, keys), which is measured at once.

use super::effect::effect;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The section in view, or `None` above the first section.
#[derive(Clone, Copy)]
pub struct SectionInView {
    section: RwSignal<Option<String>>,
    held: StoredValue<bool>,
}

impl Default for SectionInView {
    fn default() -> Self {
        Self::new()
    }
}

impl SectionInView {
    pub fn new() -> Self {
        Self {
            section: RwSignal::new(None),
            held: StoredValue::new(false),
        }
    }

    /// A navigation to `anchor` has started: mark it and ignore scrolling until it has landed.
    pub fn hold(&self, anchor: Option<String>) {
        self.held.set_value(true);
        self.set(anchor);
    }

    fn set(&self, anchor: Option<String>) {
        // Only notify on a change: the table of contents re-renders nothing for a repeat.
        if self.section.with_untracked(|s| *s != anchor) {
            self.section.set(anchor);
        }
    }
}

/// Where the page is, as the spy sees it: heading tops and the reading line in viewport pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// The line a heading must have reached to make its section current (below the sticky bar).
    pub line: f64,
    /// How far the page is scrolled.
    pub scroll_y: f64,
    /// The viewport's height.
    pub height: f64,
    /// The document's full scrollable height.
    pub scroll_height: f64,
}

impl Viewport {
    /// At the very bottom of a page that scrolls: nothing further can come into view.
    pub fn at_bottom(&self) -> bool {
        self.scroll_y > 0.0 && self.scroll_y + self.height >= self.scroll_height - 2.0
    }

    /// Past the first screen: the back-to-top link earns its place.
    pub fn past_first_screen(&self) -> bool {
        self.scroll_y > self.height
    }
}

/// The section in view: the last one whose heading has reached the reading line, or the last
/// section of all at the very bottom of the page (however short it is, its heading may never
/// reach the line). `None` while the reader is above the first section.
pub fn section_in_view<'a>(headings: &[(&'a str, f64)], viewport: &Viewport) -> Option<&'a str> {
    if viewport.at_bottom() {
        return headings.last().map(|(id, _)| *id);
    }
    headings
        .iter()
        .take_while(|(_, top)| *top <= viewport.line)
        .last()
        .map(|(id, _)| *id)
}

/// Whether a contents entry linking to `href` is the section in view: the value of its
/// `aria-current`, or `None` to remove it.
pub fn current_mark(href: &str, section: Option<&str>) -> Option<&'static str> {
    let anchor = href.strip_prefix('#')?;
    (section == Some(anchor)).then_some("location")
}

/// The CSS selector of the sections the spy follows (each labelled by its heading's id) and of
/// the contents entries it marks.
pub const SECTIONS: &str = "main section[aria-labelledby]";
pub const CONTENTS_LINKS: &str = ".toc-links a[href^='#']";

/// Starts the spy on the page's sections (browser only; call from an effect).
pub fn watch(spy: SectionInView) {
    mark_contents(spy);
    let measure = measurer(spy);
    let handles = listen(spy, Rc::clone(&measure));
    // A page opened without a hash starts from wherever it is.
    measure();
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
}

/// The page's elements that match `selector`.
fn all(selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Every contents list (the outline and the phone menu's) follows the section in view.
fn mark_contents(spy: SectionInView) {
    let links = all(CONTENTS_LINKS);
    effect(Box::new(move || {
        spy.section.with(|section| {
            for link in &links {
                let href = link.get_attribute("href").unwrap_or_default();
                let _ = match current_mark(&href, section.as_deref()) {
                    Some(mark) => link.set_attribute("aria-current", mark),
                    None => link.remove_attribute("aria-current"),
                };
            }
        })
    }));
}

/// Measures where the reader is: « Haut de page » follows at once; the section in view, unless
/// a navigation holds the spy.
fn measurer(spy: SectionInView) -> Rc<dyn Fn()> {
    let back_to_top = document().get_element_by_id(crate::dom::BACK_TO_TOP_ID);
    let anchors: Vec<String> = all(SECTIONS)
        .iter()
        .filter_map(|s| s.get_attribute("aria-labelledby"))
        .collect();
    Rc::new(move || {
        let Some(viewport) = measure_viewport() else {
            return;
        };
        if let Some(link) = &back_to_top {
            let _ = link.toggle_attribute_with_force("hidden", !viewport.past_first_screen());
        }
        if spy.held.get_value() {
            return;
        }
        let document = document();
        let tops: Vec<(&str, f64)> = anchors
            .iter()
            .filter_map(|a| {
                let top = document
                    .get_element_by_id(a)?
                    .get_bounding_client_rect()
                    .top();
                Some((a.as_str(), top))
            })
            .collect();
        spy.set(section_in_view(&tops, &viewport).map(str::to_string));
    })
}

/// Measures on scroll (once per frame, however many events arrive in it), at the end of a
/// scroll, and at the reader's own input, which ends a navigation's hold.
fn listen(spy: SectionInView, measure: Rc<dyn Fn()>) -> [WindowListenerHandle; 5] {
    let pending = Rc::new(Cell::new(false));
    let on_scroll = {
        let measure = Rc::clone(&measure);
        move |_| {
            if pending.replace(true) {
                return;
            }
            let measure = Rc::clone(&measure);
            let pending = Rc::clone(&pending);
            request_animation_frame(move || {
                pending.set(false);
                measure();
            });
        }
    };
    let on_scroll_end = {
        let measure = Rc::clone(&measure);
        move |_| {
            // The end of a navigation's own scroll: keep its target, measure from now on.
            if spy.held.get_value() {
                spy.held.set_value(false);
            } else {
                measure();
            }
        }
    };
    let on_input = move |_| {
        if spy.held.get_value() {
            spy.held.set_value(false);
            measure();
        }
    };
    [
        window_event_listener_untyped("scroll", on_scroll),
        window_event_listener_untyped("scrollend", on_scroll_end),
        window_event_listener_untyped("wheel", on_input.clone()),
        window_event_listener_untyped("touchmove", on_input.clone()),
        window_event_listener_untyped("keydown", on_input),
    ]
}

fn measure_viewport() -> Option<Viewport> {
    let window = window();
    let document = document();
    let root = document.document_element()?;
    let bar_bottom = document
        .query_selector(".site-bar")
        .ok()
        .flatten()
        .map(|bar| bar.get_bounding_client_rect().bottom())
        .unwrap_or(0.0);
    let height = window.inner_height().ok()?.as_f64()?;
    Some(Viewport {
        // A quarter of the way down what the bar leaves visible: a section becomes current once
        // its heading is well into view, not when its last line leaves.
        line: bar_bottom + (height - bar_bottom) / 4.0,
        scroll_y: window.scroll_y().ok()?,
        height,
        scroll_height: f64::from(root.scroll_height()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADINGS: [(&str, f64); 3] = [("a", 100.0), ("b", 600.0), ("c", 1400.0)];

    fn at(line: f64, scroll_y: f64) -> Viewport {
        Viewport {
            line,
            scroll_y,
            height: 800.0,
            scroll_height: 4000.0,
        }
    }

    #[test]
    fn nothing_is_current_above_the_first_section() {
        assert_eq!(section_in_view(&HEADINGS, &at(90.0, 0.0)), None);
    }

    #[test]
    fn the_last_heading_past_the_line_wins() {
        assert_eq!(section_in_view(&HEADINGS, &at(100.0, 10.0)), Some("a"));
        assert_eq!(section_in_view(&HEADINGS, &at(700.0, 10.0)), Some("b"));
        assert_eq!(section_in_view(&HEADINGS, &at(5000.0, 10.0)), Some("c"));
    }

    #[test]
    fn the_bottom_of_the_page_is_the_last_section_even_when_short() {
        let bottom = Viewport {
            line: 200.0,
            scroll_y: 3200.0,
            height: 800.0,
            scroll_height: 4000.0,
        };
        assert!(bottom.at_bottom());
        // The last heading is far below the line, yet nothing else can come into view.
        assert_eq!(section_in_view(&HEADINGS, &bottom), Some("c"));
    }

    #[test]
    fn a_page_that_does_not_scroll_is_never_at_its_bottom() {
        let short = Viewport {
            line: 200.0,
            scroll_y: 0.0,
            height: 800.0,
            scroll_height: 800.0,
        };
        assert!(!short.at_bottom());
        assert_eq!(section_in_view(&HEADINGS, &short), Some("a"));
    }

    #[test]
    fn back_to_top_appears_past_the_first_screen() {
        assert!(!at(0.0, 800.0).past_first_screen());
        assert!(at(0.0, 801.0).past_first_screen());
    }

    #[test]
    fn only_the_entry_of_the_section_in_view_is_marked() {
        assert_eq!(current_mark("#b", Some("b")), Some("location"));
        assert_eq!(current_mark("#a", Some("b")), None);
        assert_eq!(current_mark("#b", None), None);
        assert_eq!(current_mark("b", Some("b")), None);
    }

    #[test]
    fn no_sections_no_current() {
        assert_eq!(section_in_view(&[], &at(100.0, 3200.0)), None);
    }
}
