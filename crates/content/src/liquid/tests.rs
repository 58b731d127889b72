use std::collections::HashMap;

use proptest::prelude::*;

use super::*;

/// A site at `https://example.org/blog` with one post, one page and a few includes.
struct Site {
    includes: HashMap<String, String>,
}

impl Site {
    fn new() -> Self {
        let includes = HashMap::from([
            (
                "note.html",
                "<p>{{ include.k }}|{{ include.k2 }}|{{ include.k3 }}</p>",
            ),
            ("plain.html", "<hr>"),
            (
                "outer.html",
                "<div>\n{% include inner.html v=include.v %}\n</div>",
            ),
            ("inner.html", "<b>{{ include.v }}</b>"),
            ("bad.html", "line one\n{% for x in y %}\n"),
            ("self.html", "{% include self.html %}"),
        ]);
        let mut includes: HashMap<String, String> = includes
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        for i in 0..12 {
            includes.insert(
                format!("d{i}.html"),
                format!("{{% include d{}.html %}}", i + 1),
            );
        }
        Self { includes }
    }
}

impl Context for Site {
    fn site(&self, key: &str) -> Option<String> {
        match key {
            "title" => Some("My Site".into()),
            "baseurl" => Some("/blog".into()),
            "url" => Some("https://example.org".into()),
            "flag" => Some("false".into()),
            _ => None,
        }
    }
    fn page(&self, key: &str) -> Option<String> {
        match key {
            "title" => Some("Hello & <World>".into()),
            "date" => Some("2024-06-10 09:30:00 +0200".into()),
            "empty" => Some(String::new()),
            _ => None,
        }
    }
    fn baseurl(&self) -> &str {
        "/blog"
    }
    fn url(&self) -> &str {
        "https://example.org"
    }
    fn post_url(&self, name: &str) -> Result<String, String> {
        match name {
            "2010-07-21-name" => Ok("/blog/2010/07/21/name.html".into()),
            _ => Err(format!("no post is named `{name}` in _posts")),
        }
    }
    fn link(&self, path: &str) -> Result<String, String> {
        match path {
            "about.md" => Ok("/blog/about/".into()),
            _ => Err(format!("no file `{path}` in the site")),
        }
    }
    fn include(&self, name: &str) -> Result<(String, String), String> {
        self.includes
            .get(name)
            .map(|t| (format!("_includes/{name}"), t.to_string()))
            .ok_or_else(|| format!("no file `_includes/{name}`"))
    }
}

const FILE: &str = "content/a.md";

fn ok(text: &str) -> String {
    render(FILE, text, 1, &Site::new())
        .unwrap_or_else(|e| panic!("{e}"))
        .text
}

fn err(text: &str, first_line: usize) -> String {
    match render(FILE, text, first_line, &Site::new()) {
        Ok(r) => panic!("rendered as {:?}", r.text),
        Err(e) => e.to_string(),
    }
}

#[test]
fn text_without_liquid_is_unchanged() {
    let text = "# Title\n\nSome { braces } and % signs.\n";
    assert!(!has_liquid(text));
    assert_eq!(ok(text), text);
    assert!(has_liquid("a {{ b }}"));
    assert!(has_liquid("a {% b %}"));
}

#[test]
fn variables_and_literals() {
    assert_eq!(
        ok("{{ site.title }}|{{ page.title }}"),
        "My Site|Hello & <World>"
    );
    assert_eq!(
        ok("{{ site.baseurl }} {{ site.url }}"),
        "/blog https://example.org"
    );
    assert_eq!(
        ok("[{{ site.nope }}][{{ page.nope.deeper }}][{{ include.x }}]"),
        "[][][]"
    );
    assert_eq!(ok("{{ \"/x\" }}{{ 'y' }}"), "/xy");
}

#[test]
fn other_roots_render_empty_with_a_note() {
    let r = render(FILE, "a\n[{{ foo }}]", 1, &Site::new()).unwrap();
    assert_eq!(r.text, "a\n[]");
    assert_eq!(
        r.notes,
        vec!["content/a.md:2: `{{ foo }}` renders empty: only site., page. and include. variables are defined here"]
    );
}

#[test]
fn url_filters() {
    assert_eq!(
        ok("{{ \"/x\" | relative_url }} {{ \"x\" | relative_url }} {{ \"https://a.b/c\" | relative_url }}"),
        "/blog/x /blog/x https://a.b/c"
    );
    assert_eq!(
        ok("{{ \"/\" | relative_url }} {{ \"\" | relative_url }}"),
        "/blog/ /blog"
    );
    assert_eq!(
        ok("{{ \"/x\" | absolute_url }} {{ \"mailto:a@b.c\" | absolute_url }}"),
        "https://example.org/blog/x mailto:a@b.c"
    );
    assert_eq!(relative_url("", "x"), "/x");
    assert_eq!(relative_url("/b/", "/x"), "/b/x");
}

#[test]
fn date_filters() {
    assert_eq!(
        ok("{{ page.date | date_to_xmlschema }}"),
        "2024-06-10T09:30:00+02:00"
    );
    assert_eq!(ok("{{ \"2008-11-07\" | date_to_string }}"), "07 Nov 2008");
    assert_eq!(
        ok("{{ \"2024-05-02\" | date: \"%-d %e %j %a %A %b %B %y %H:%M:%S %m %-m %z %%\" }}"),
        "2  2 123 Thu Thursday May May 24 00:00:00 05 5 +0000 %"
    );
    assert_eq!(
        ok("{{ \"2024-06-10T21:05:09Z\" | date: \"%I %p %F %T\" }}"),
        "09 PM 2024-06-10 21:05:09"
    );
    assert_eq!(ok("[{{ page.nope | date: \"%Y\" }}]"), "[]");
    assert_eq!(
        err("x\n{{ page.date | date: \"%Q\" }}", 1),
        "content/a.md:2: Liquid `{{ page.date | date: \"%Q\" }}`: the filter `date`: the date directive `%Q` is not supported (supported: %Y %y %m %d %e %j %B %b %h %A %a %u %w %H %I %l %M %S %p %P %z %s %F %T %D %%, and `-` for no padding (%-d))"
    );
    assert_eq!(
        err("{{ \"now\" | date: \"%Y\" }}", 1),
        "content/a.md:1: Liquid `{{ \"now\" | date: \"%Y\" }}`: the filter `date`: the date `now` is not supported: the build would depend on the day it runs; write the date"
    );
    assert_eq!(
        err("{{ \"soon\" | date_to_string }}", 1),
        "content/a.md:1: Liquid `{{ \"soon\" | date_to_string }}`: the filter `date_to_string`: cannot read `soon` as a date: write it as 2024-05-02, 2024-05-02 09:30:00 +0200 or 2024-05-02T09:30:00Z"
    );
}

#[test]
fn text_filters() {
    assert_eq!(
        ok("{{ page.title | escape }}|{{ \"it's\" | escape }}"),
        "Hello &amp; &lt;World&gt;|it&#x27;s"
    );
    assert_eq!(
        ok("{{ page.title | xml_escape }}"),
        "Hello &amp; &lt;World&gt;"
    );
    assert_eq!(
        ok("{{ page.title | slugify }} {{ page.title | slugify: \"pretty\" }}"),
        "hello-world hello-&-world"
    );
    assert_eq!(
        ok("{{ page.nope | default: \"d\" }} {{ page.empty | default: \"e\" }} {{ site.flag | default: \"f\" }} {{ page.title | default: \"x\" | upcase }}"),
        "d e f HELLO & <WORLD>"
    );
    assert_eq!(ok("{{ \"MiXed\" | downcase }}"), "mixed");
}

#[test]
fn filter_errors() {
    assert_eq!(
        err("{{ page.title | truncate: 5 }}", 3),
        "content/a.md:3: Liquid `{{ page.title | truncate: 5 }}`: the filter `truncate` is not supported: the filters here are relative_url, absolute_url, date, date_to_string, date_to_xmlschema, escape, xml_escape, slugify, default, upcase and downcase"
    );
    assert_eq!(
        err("{{ \"x\" | relative_url: 1 }}", 1),
        "content/a.md:1: Liquid `{{ \"x\" | relative_url: 1 }}`: the filter `relative_url` takes no arguments"
    );
    assert_eq!(
        err("{{ page.a == page.b }}", 1),
        "content/a.md:1: Liquid `{{ page.a == page.b }}` is not supported: `=` is not; an output here is a string or a site., page. or include. variable, and filters"
    );
    assert_eq!(
        err("{{ page.a page.b }}", 1),
        "content/a.md:1: Liquid `{{ page.a page.b }}` is not supported: `page.b` is not; an output is a value and filters (`| name: argument`), no operators"
    );
}

#[test]
fn raw_and_comment() {
    assert_eq!(
        ok("a {% raw %}{{ x }} {% if %}{% endraw %} b"),
        "a {{ x }} {% if %} b"
    );
    assert_eq!(
        ok("a{% comment %} {{ x }} {% for %}{% endcomment %}b"),
        "ab"
    );
    assert_eq!(
        ok("{% comment %}{% comment %}x{% endcomment %}{% raw %}{% endcomment %}{% endraw %}{% endcomment %}ok"),
        "ok"
    );
}

#[test]
fn comments_keep_the_lines_after_them() {
    let text = "one\n{% comment %}\ntwo\nthree\n{% endcomment %}\nfour\n";
    let out = ok(text);
    assert_eq!(out, "one\n\n\n\n\nfour\n");
    assert_eq!(
        out.lines().position(|l| l == "four"),
        text.lines().position(|l| l == "four")
    );
}

#[test]
fn highlight_becomes_a_fence() {
    assert_eq!(
        ok("{% highlight ruby %}\nx = \"{{ site.title }}\" {{ nope }}\n{% endhighlight %}\n"),
        "```ruby\nx = \"My Site\" {{ nope }}\n```\n"
    );
    assert_eq!(
        ok("A{% highlight sh %}\necho ```\n{% endhighlight %}B"),
        "A\n````sh\necho ```\n````\nB"
    );
    let r = render(
        FILE,
        "{% highlight ruby linenos %}\ny\n{% endhighlight %}\n{% highlight ruby linenos %}\nz\n{% endhighlight %}",
        1,
        &Site::new(),
    )
    .unwrap();
    assert_eq!(r.text, "```ruby\ny\n```\n```ruby\nz\n```");
    assert_eq!(r.notes.len(), 1);
    assert_eq!(
        r.notes[0],
        "content/a.md:1: `{% highlight ruby linenos %}`: line numbers are not shown"
    );
    assert_eq!(
        ok("{% highlight liquid %}\n{% raw %}{% for p in site.posts %}{% endhighlight %}{% endraw %}\n{% endhighlight %}"),
        "```liquid\n{% for p in site.posts %}{% endhighlight %}\n```"
    );
}

#[test]
fn post_url_and_link() {
    assert_eq!(
        ok("[a]({% post_url 2010-07-21-name %}) [b]({% link about.md %})"),
        "[a](/blog/2010/07/21/name.html) [b](/blog/about/)"
    );
    assert_eq!(
        err("x\n\n[a]({% post_url 2010-01-01-gone %})", 10),
        "content/a.md:12: Liquid `{% post_url 2010-01-01-gone %}`: no post is named `2010-01-01-gone` in _posts"
    );
    assert_eq!(
        err("{% link gone.md %}", 1),
        "content/a.md:1: Liquid `{% link gone.md %}`: no file `gone.md` in the site"
    );
}

#[test]
fn includes() {
    assert_eq!(
        ok("{% include note.html k=page.title k2=\"q q\" k3='s' %}"),
        "<p>Hello & <World>|q q|s</p>"
    );
    assert_eq!(ok("{% include note.html k=nope %}"), "<p>||</p>");
    assert_eq!(ok("{% include plain.html %}"), "<hr>");
    assert_eq!(
        ok("{% include outer.html v=\"deep\" %}"),
        "<div>\n<b>deep</b>\n</div>"
    );
}

#[test]
fn errors_inside_includes_name_the_included_file() {
    assert_eq!(
        err("a\n{% include bad.html %}", 5),
        "_includes/bad.html:2: Liquid `{% for x in y %}` is not supported: loops and conditions are left to the site's built-in pages; write the text itself, or a link (included from content/a.md:6)"
    );
    assert_eq!(
        err("{% include self.html %}", 1),
        "_includes/self.html:1: Liquid `{% include self.html %}`: the include loops: self.html → self.html (included from content/a.md:1)"
    );
    let deep = err("{% include d0.html %}", 1);
    assert!(
        deep.starts_with("_includes/d9.html:1: Liquid `{% include d10.html %}`: includes nest deeper than 10: d0.html → d1.html → d2.html → d3.html → d4.html → d5.html → d6.html → d7.html → d8.html → d9.html → d10.html (included from _includes/d8.html:1)"),
        "{deep}"
    );
    assert!(deep.ends_with("(included from content/a.md:1)"), "{deep}");
    assert_eq!(
        err("{% include gone.html %}", 1),
        "content/a.md:1: Liquid `{% include gone.html %}`: no file `_includes/gone.html`"
    );
    assert_eq!(
        err("{% include note.html k=(x) %}", 1),
        "content/a.md:1: Liquid `{% include note.html k=(x) %}`: cannot read the parameters from `k=(x)`: write them as key=\"text\" or key=page.variable"
    );
}

#[test]
fn whitespace_control() {
    assert_eq!(ok("a  \n {{- \" b \" -}} \n c"), "a b c");
    assert_eq!(ok("a\n{%- comment -%}x{%- endcomment -%}\nb"), "ab");
    assert_eq!(ok("x {%- raw -%}  {{ y }}  {%- endraw -%} z"), "x{{ y }}z");
    assert_eq!(ok("a {{- site.title }} b"), "aMy Site b");
}

#[test]
fn unsupported_tags_are_errors_with_lines() {
    assert_eq!(
        err("a\n\nb {% for post in site.posts %}", 10),
        "content/a.md:12: Liquid `{% for post in site.posts %}` is not supported: loops and conditions are left to the site's built-in pages; write the text itself, or a link"
    );
    assert_eq!(
        err("{% if page.x %}", 1),
        "content/a.md:1: Liquid `{% if page.x %}` is not supported: loops and conditions are left to the site's built-in pages; write the text itself, or a link"
    );
    assert_eq!(
        err("{% assign x = 1 %}", 1),
        "content/a.md:1: Liquid `{% assign x = 1 %}` is not supported: variables are not; write the value itself"
    );
    assert_eq!(
        err("{% seo %}", 1),
        "content/a.md:1: Liquid `{% seo %}` is not supported: the tags here are raw, comment, highlight, post_url, link and include"
    );
    assert_eq!(
        err("{% endraw %}", 1),
        "content/a.md:1: Liquid `{% endraw %}` closes nothing: no `{% raw %}` opens it"
    );
}

#[test]
fn unclosed_constructs_are_errors_at_their_opening_line() {
    assert_eq!(
        err("a\n{% raw %}\nb\n", 1),
        "content/a.md:2: Liquid `{% raw %}` is not closed: no `{% endraw %}` follows"
    );
    assert_eq!(
        err("a\n\n{% comment %}\nb\n", 1),
        "content/a.md:3: Liquid `{% comment %}` is not closed: no `{% endcomment %}` follows"
    );
    assert_eq!(
        err("{% highlight js %}\nb\n", 4),
        "content/a.md:4: Liquid `{% highlight js %}` is not closed: no `{% endhighlight %}` follows"
    );
    assert_eq!(
        err("a\nb {{ site.title\n\nc", 1),
        "content/a.md:2: Liquid `{{` is not closed: no `}}` follows"
    );
    assert_eq!(
        err("a {% raw", 1),
        "content/a.md:1: Liquid `{%` is not closed: no `%}` follows"
    );
}

#[test]
fn code_keeps_what_is_not_jekylls() {
    let text = "```yaml\n- run: echo ${{ github.sha }} {{ var | default('x') }}\n  {% if x %}\n  url: {{ site.url }}\n```\n";
    assert_eq!(
        ok(text),
        "```yaml\n- run: echo ${{ github.sha }} {{ var | default('x') }}\n  {% if x %}\n  url: https://example.org\n```\n"
    );
    assert_eq!(
        ok("~~~~\n{{ a == b }} {% endraw %}\n~~~~\nafter {{ site.title }}"),
        "~~~~\n{{ a == b }} {% endraw %}\n~~~~\nafter My Site"
    );
    assert_eq!(
        ok("Use `${{ secrets.TOKEN }}` or ``{% for x %}`` and `{{ site.title }}`."),
        "Use `${{ secrets.TOKEN }}` or ``{% for x %}`` and `My Site`."
    );
    // Outside the span the same construct is an error.
    assert_eq!(
        err("Use `x` {% for x %}", 1),
        "content/a.md:1: Liquid `{% for x %}` is not supported: loops and conditions are left to the site's built-in pages; write the text itself, or a link"
    );
    // An unclosed fence runs to the end, as in Markdown.
    assert_eq!(ok("```\n{{ x }"), "```\n{{ x }");
}

#[test]
fn lines_count_from_first_line_inside_blocks() {
    assert_eq!(
        err("{% highlight ruby %}\na\n{% for x %}{{ site.title | nope }}\n{% endhighlight %}", 7),
        "content/a.md:9: Liquid `{{ site.title | nope }}`: the filter `nope` is not supported: the filters here are relative_url, absolute_url, date, date_to_string, date_to_xmlschema, escape, xml_escape, slugify, default, upcase and downcase"
    );
}

#[test]
fn raw_around_outputs_in_code() {
    assert_eq!(
        ok("```\n{% raw %}{{ x }}{% endraw %}\n```"),
        "```\n{{ x }}\n```"
    );
}

proptest! {
    #[test]
    fn never_panics(text in "[{%}\\-a-z'\"\n` |:.]{0,60}") {
        let _ = render(FILE, &text, 1, &Site::new());
    }

    #[test]
    fn never_panics_on_tag_soup(parts in proptest::collection::vec(
        prop_oneof![
            Just("{% raw %}"), Just("{% endraw %}"), Just("{% comment %}"), Just("{% endcomment %}"),
            Just("{% highlight x %}"), Just("{% endhighlight %}"), Just("{{ site.title }}"),
            Just("{{- "), Just(" -%}"), Just("```\n"), Just("`"), Just("\n"), Just("é"), Just("{%"),
            Just("{% include outer.html v=x %}"), Just("\"")
        ], 0..20)) {
        let text: String = parts.concat();
        let _ = render(FILE, &text, 1, &Site::new());
    }
}
