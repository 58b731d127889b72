//! The GitHub Pages workflow shipped in `hosting/github-pages.yml` builds the site with the very
//! commands the README's « Deploying » section gives, and uploads what they write: an owner who
//! follows either gets the same site.
mod common;

use common::repo_file;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_yaml_ng::Value;

/// The shell commands of the first `sh` block under the README's heading `heading`, without
/// comments or blank lines.
fn readme_commands(heading: &str) -> Vec<String> {
    let readme = repo_file("README.md");
    let mut in_heading = false;
    let mut under = false;
    let mut in_block = false;
    let mut title = String::new();
    let mut commands = Vec::new();
    for event in Parser::new(&readme) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                title.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                if under && level <= HeadingLevel::H3 && !commands.is_empty() {
                    break;
                }
                under = title == heading;
            }
            Event::Text(text) if in_heading => title.push_str(&text),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if under => {
                in_block = &*lang == "sh";
            }
            Event::End(TagEnd::CodeBlock) if in_block => break,
            Event::Text(text) if in_block => commands.extend(
                text.lines()
                    .map(|l| l.split(" #").next().unwrap_or("").trim())
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(String::from),
            ),
            _ => {}
        }
    }
    assert!(
        !commands.is_empty(),
        "README.md: no `sh` block under « {heading} »"
    );
    commands
}

#[test]
fn the_github_pages_workflow_runs_the_readmes_commands_and_uploads_dist() {
    let workflow: Value = serde_yaml_ng::from_str(&repo_file("hosting/github-pages.yml"))
        .expect("hosting/github-pages.yml is YAML");
    let steps = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("a build job with steps");
    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .map(|r| r.trim().to_string())
        .collect();
    assert_eq!(runs, readme_commands("GitHub Pages"));

    let uses = |action: &str| {
        steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
            .unwrap_or_else(|| panic!("the build job uses {action}"))
    };
    assert_eq!(
        uses("actions/upload-pages-artifact@")["with"]["path"].as_str(),
        Some("dist")
    );
    // The origin and the base path are Pages' own, given to the build.
    let build = steps
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("trunk build")))
        .expect("a build step");
    let pages = uses("actions/configure-pages@")["id"].as_str().unwrap();
    for (name, output) in [("SITE_URL", "origin"), ("PUBLIC_URL", "base_path")] {
        let value = build["env"][name].as_str().unwrap_or_default();
        assert!(
            value.starts_with(&format!("${{{{ steps.{pages}.outputs.{output} }}}}")),
            "{name}: {value}"
        );
    }
    let deploy = workflow["jobs"]["deploy"]["steps"][0]["uses"].as_str();
    assert!(
        deploy.is_some_and(|d| d.starts_with("actions/deploy-pages@")),
        "{deploy:?}"
    );
}
