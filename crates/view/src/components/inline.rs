use crate::islands::PlayVideo;
use cpd_content::SiteSettings;
use cpd_content::{
    footnote_call_id, footnote_id, Element, Embed, HtmlTag, Image, Inline, Link, LinkTarget,
};
use leptos::prelude::*;

/// Renders a run of inline content as a tree of elements.
#[component]
pub fn Inlines(inlines: Vec<Inline>) -> impl IntoView {
    inlines.into_iter().map(render).collect_view()
}

fn render(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Emphasis(children) => view! { <em><Inlines inlines=children/></em> }.into_any(),
        Inline::Strong(children) => {
            view! { <strong><Inlines inlines=children/></strong> }.into_any()
        }
        Inline::Strike(children) => view! { <del><Inlines inlines=children/></del> }.into_any(),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Break => view! { <br/> }.into_any(),
        Inline::Link(link) => view! { <LinkView link/> }.into_any(),
        Inline::Image(image) => view! { <ImageView image/> }.into_any(),
        Inline::FootnoteRef { id, number, call } => {
            let href = format!("#{}", footnote_id(&id));
            view! {
                <sup class="fn-ref">
                    <a id=footnote_call_id(&id, call) href=href role="doc-noteref">{number}</a>
                </sup>
            }
            .into_any()
        }
        Inline::Element(element) => element_view(element),
        Inline::Embed(embed) => view! { <EmbedView embed/> }.into_any(),
    }
}

/// Classes as one `class` attribute, or none.
fn class_attr(classes: Vec<String>) -> Option<String> {
    Some(classes.join(" ")).filter(|c| !c.is_empty())
}

/// A link. Links to other pages and files take the base path and `rel="external"`: the in-page
/// router only follows `#anchor` links, and lets the browser load the others.
#[component]
pub fn LinkView(link: Link) -> impl IntoView {
    let Link {
        href,
        target,
        title,
        children,
        classes,
        ..
    } = link;
    let (href, rel) = match target {
        LinkTarget::Anchor => (href, None),
        LinkTarget::Site => (
            expect_context::<SiteSettings>().href(&href),
            Some("external"),
        ),
        LinkTarget::External => (href, Some("external noopener")),
    };
    view! { <a href=href rel=rel title=title class=class_attr(classes)><Inlines inlines=children/></a> }
}

/// An image: its size from the file, so nothing moves when it arrives; lazy below the first
/// screen.
#[component]
pub fn ImageView(image: Image) -> impl IntoView {
    let Image {
        src,
        alt,
        title,
        width,
        height,
        lazy,
        classes,
    } = image;
    let src = if src.starts_with('/') {
        expect_context::<SiteSettings>().href(&src)
    } else {
        src
    };
    view! {
        <img
            src=src
            alt=alt
            title=title
            width=width
            height=height
            loading=lazy.then_some("lazy")
            decoding="async"
            class=class_attr(classes)
        />
    }
}

/// A frame of another site, loaded lazily; a video, a link to it that the [`PlayVideo`] island
/// turns into its player on a click, so the video's site sees nothing before. The link's
/// `data-frame` and `data-frame-title` are `dom::FRAME_ATTR` and `dom::FRAME_TITLE_ATTR`.
#[component]
pub fn EmbedView(embed: Embed) -> impl IntoView {
    let watch = embed.watch_url();
    let style = (!embed.style.is_empty()).then(|| cpd_content::style_class(&embed.style));
    let Embed {
        src,
        title,
        width,
        height,
        allow_fullscreen,
        ..
    } = embed;
    let class = move |base: &str| match &style {
        Some(style) => format!("{base} {style}"),
        None => base.to_string(),
    };
    match watch {
        Some(watch) => {
            let label = title.clone();
            let video_class = class("video");
            view! {
            <PlayVideo>
                <a
                    class=video_class
                    href=watch
                    rel="external noopener"
                    data-frame=src
                    data-frame-title=title
                >
                    <span class="video-play" aria-hidden="true"></span>
                    <span class="video-title">{label}</span>
                </a>
            </PlayVideo>
            }
            .into_any()
        }
        // The macro knows no `loading` on `<iframe>`: the builder writes it by name.
        None => leptos::html::iframe()
            .class(class("frame"))
            .src(src)
            .title(title)
            .width(width)
            .height(height)
            .allowfullscreen(allow_fullscreen)
            .attr("loading", "lazy")
            .into_any(),
    }
}

/// An allowed raw HTML inline element, with its allowed attributes.
fn element_view(element: Element<Inline>) -> AnyView {
    let Element {
        tag,
        attrs,
        children,
    } = element;
    let children = view! { <Inlines inlines=children/> };
    match tag {
        HtmlTag::Abbr => allowed_element!(abbr, attrs, children),
        HtmlTag::B => allowed_element!(b, attrs, children),
        HtmlTag::Cite => allowed_element!(cite, attrs, children),
        HtmlTag::Del => allowed_element!(del, attrs, children),
        HtmlTag::Em => allowed_element!(em, attrs, children),
        HtmlTag::I => allowed_element!(i, attrs, children),
        HtmlTag::Ins => allowed_element!(ins, attrs, children),
        HtmlTag::Kbd => allowed_element!(kbd, attrs, children),
        HtmlTag::Mark => allowed_element!(mark, attrs, children),
        HtmlTag::Q => allowed_element!(q, attrs, children),
        HtmlTag::S => allowed_element!(s, attrs, children),
        HtmlTag::Samp => allowed_element!(samp, attrs, children),
        HtmlTag::Small => allowed_element!(small, attrs, children),
        HtmlTag::Strong => allowed_element!(strong, attrs, children),
        HtmlTag::Sub => allowed_element!(sub, attrs, children),
        HtmlTag::Sup => allowed_element!(sup, attrs, children),
        HtmlTag::Time => view! {
            <time id=attrs.id class=attrs.class_attr() title=attrs.title lang=attrs.lang datetime=attrs.datetime>
                {children}
            </time>
        }
        .into_any(),
        HtmlTag::U => allowed_element!(u, attrs, children),
        HtmlTag::Var => allowed_element!(var, attrs, children),
        // `<span>`; block tags never reach inline content, and a span keeps the text if one did.
        _ => allowed_element!(span, attrs, children),
    }
}
