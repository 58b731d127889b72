use super::inline::Inlines;
use cpd_content::{Attributed, Block, CodeBlock, Element, HtmlTag, List, ListItem, Table, Words};
use leptos::prelude::*;

/// Renders a run of blocks: the lead's, every section's and every footnote's share this one
/// renderer.
#[component]
pub fn Blocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block).collect_view()
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph(inlines) => view! { <p><Inlines inlines/></p> }.into_any(),
        Block::Heading { level, id, inlines } => heading(level, id, inlines),
        Block::Rule => view! { <hr/> }.into_any(),
        Block::List(list) => view! { <ListView list/> }.into_any(),
        Block::Quote(blocks) => view! { <blockquote><Blocks blocks/></blockquote> }.into_any(),
        Block::Code(code) => view! { <CodeView code/> }.into_any(),
        Block::Table(table) => view! { <TableView table/> }.into_any(),
        Block::Element(element) => element_view(element),
        Block::Attributed(attributed) => attributed_view(attributed),
    }
}

/// A block with a kramdown attribute list's id and classes, on the block's own element.
fn attributed_view(attributed: Attributed) -> AnyView {
    let Attributed {
        id,
        classes,
        block: inner,
    } = attributed;
    let class = Some(classes.join(" ")).filter(|c| !c.is_empty());
    match *inner {
        Block::Paragraph(inlines) => {
            view! { <p id=id class=class><Inlines inlines/></p> }.into_any()
        }
        Block::Quote(blocks) => {
            view! { <blockquote id=id class=class><Blocks blocks/></blockquote> }.into_any()
        }
        Block::Rule => view! { <hr id=id class=class/> }.into_any(),
        Block::List(list) => ListView(ListViewProps { list, id, class }).into_any(),
        Block::Code(code) => CodeView(CodeViewProps { code, id, class }).into_any(),
        Block::Table(table) => TableView(TableViewProps { table, id, class }).into_any(),
        // The parser gives headings, elements and attributed blocks their attributes directly.
        other => block(other),
    }
}

/// Two optional classes as one `class` attribute.
fn classes(first: Option<&str>, more: Option<String>) -> Option<String> {
    match (first, more) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.map(str::to_string).or(b),
    }
}

fn heading(level: u8, id: String, inlines: Vec<cpd_content::Inline>) -> AnyView {
    // Focusable without a tab stop: a navigation to it moves focus there.
    match level {
        0..=2 => view! { <h2 id=id tabindex="-1"><Inlines inlines/></h2> }.into_any(),
        3 => view! { <h3 id=id tabindex="-1"><Inlines inlines/></h3> }.into_any(),
        4 => view! { <h4 id=id tabindex="-1"><Inlines inlines/></h4> }.into_any(),
        5 => view! { <h5 id=id tabindex="-1"><Inlines inlines/></h5> }.into_any(),
        _ => view! { <h6 id=id tabindex="-1"><Inlines inlines/></h6> }.into_any(),
    }
}

/// A bullet, ordered or task list. A tight list's items hold their text without paragraphs.
#[component]
pub fn ListView(
    list: List,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] class: Option<String>,
) -> impl IntoView {
    let List {
        start,
        tight,
        items,
    } = list;
    let is_tasks = items.iter().any(|i| i.task.is_some());
    let class = classes(is_tasks.then_some("task-list"), class);
    let items = items
        .into_iter()
        .map(|item| view! { <ItemView item tight/> })
        .collect_view();
    match start {
        Some(n) => {
            let start = (n != 1).then(|| n.to_string());
            view! { <ol id=id start=start class=class>{items}</ol> }.into_any()
        }
        None => view! { <ul id=id class=class>{items}</ul> }.into_any(),
    }
}

#[component]
fn ItemView(item: ListItem, tight: bool) -> impl IntoView {
    let ListItem { task, blocks } = item;
    // A task's box is shown, not used: the page is a document, not a form.
    let check = task.map(|done| {
        view! { <input type="checkbox" disabled=true checked=done aria-label={expect_context::<Words>().task(done).to_string()}/> }
    });
    let content = if tight {
        blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(inlines) => view! { <Inlines inlines/> }.into_any(),
                other => block(other),
            })
            .collect_view()
            .into_any()
    } else {
        view! { <Blocks blocks/> }.into_any()
    };
    view! { <li>{check}{content}</li> }
}

/// A code block, highlighted at build time: classed spans, no script.
#[component]
pub fn CodeView(
    code: CodeBlock,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] class: Option<String>,
) -> impl IntoView {
    let CodeBlock { lang, lines } = code;
    let lines = lines
        .into_iter()
        .map(|tokens| {
            let tokens = tokens
                .into_iter()
                .map(|t| match t.class {
                    Some(class) => view! { <span class=class>{t.text}</span> }.into_any(),
                    None => t.text.into_any(),
                })
                .collect_view();
            view! { <span class="line">{tokens}"\n"</span> }
        })
        .collect_view();
    // The block scrolls sideways on its own: it is a tab stop so a keyboard can scroll it.
    view! {
        <pre id=id class=classes(Some("code"), class) data-lang=lang tabindex="0"><code>{lines}</code></pre>
    }
}

/// A table with its header row, scrolling inside itself when it is wider than the screen.
#[component]
pub fn TableView(
    table: Table,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] class: Option<String>,
) -> impl IntoView {
    let Table { align, head, rows } = table;
    let wrapper = classes(Some("table-scroll"), class);
    // Classes, not inline styles: the CSP allows no `style` attribute.
    let class = move |i: usize| {
        align
            .get(i)
            .and_then(|a| a.css())
            .map(|a| format!("align-{a}"))
    };
    let head = head
        .into_iter()
        .enumerate()
        .map(|(i, cell)| view! { <th scope="col" class=class(i)><Inlines inlines=cell/></th> })
        .collect_view();
    let rows = rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(i, cell)| view! { <td class=class(i)><Inlines inlines=cell/></td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div id=id class=wrapper tabindex="0" role="region" aria-label={expect_context::<Words>().table_region}>
            <table>
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// An allowed raw HTML block element. Elements that hold a line of text (`<summary>`, `<dt>`,
/// `<figcaption>`) render it without a paragraph.
fn element_view(element: Element<Block>) -> AnyView {
    let Element {
        tag,
        attrs,
        children,
    } = element;
    let phrasing = matches!(tag, HtmlTag::Summary | HtmlTag::Dt | HtmlTag::Figcaption);
    let content = match children.as_slice() {
        [Block::Paragraph(_)] if phrasing => match children.into_iter().next() {
            Some(Block::Paragraph(inlines)) => view! { <Inlines inlines/> }.into_any(),
            _ => ().into_any(),
        },
        _ => view! { <Blocks blocks=children/> }.into_any(),
    };
    match tag {
        HtmlTag::Details => view! {
            <details id=attrs.id class=attrs.class_attr() title=attrs.title lang=attrs.lang open=attrs.open>
                {content}
            </details>
        }
        .into_any(),
        HtmlTag::Summary => allowed_element!(summary, attrs, content),
        HtmlTag::Dl => allowed_element!(dl, attrs, content),
        HtmlTag::Dt => allowed_element!(dt, attrs, content),
        HtmlTag::Dd => allowed_element!(dd, attrs, content),
        HtmlTag::Figure => allowed_element!(figure, attrs, content),
        HtmlTag::Figcaption => allowed_element!(figcaption, attrs, content),
        _ => allowed_element!(div, attrs, content),
    }
}
