//! The write stage: each page with the policy as its first head tag, the files the content
//! folder serves, the minified JS glue (release builds), the content's stylesheet, and, when a
//! test asks, what the end-to-end tests read.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::cache::{key as key_of, Cache};
use crate::csp::Csp;
use crate::error::{BuildError, Result};
use crate::files::{write, write_with};
use crate::plan::Plan;
use crate::policy::{FileKind, FILE_KINDS, HASH, HASHED_PATTERN};
use crate::render::Page;
use crate::rewrite::with_csp_meta;

/// Writes the pages and copies the content's files; returns every file written.
pub fn stage(
    plan: &Plan,
    pages: &[Page],
    csp: &Csp,
    cache: Option<&Cache>,
) -> Result<Vec<PathBuf>> {
    let out = &plan.options.out;
    let mut written = pages
        .par_iter()
        .map(|page| {
            let path = out.join(&page.file);
            let (Some(cache), Some(key)) = (cache, &page.key) else {
                let html = with_csp_meta(page.html(cache)?, &page.file, &csp.meta)?;
                return write_with(cache, &path, html.as_bytes());
            };
            // The page as written is its render's and the policy's: found by them, a link to
            // the file of the last build that wrote it.
            let key = key_of(
                "page with its policy",
                &[key.as_bytes(), csp.meta.as_bytes()],
            );
            cache.write_made(key, &path, || {
                Ok(with_csp_meta(page.html(Some(cache))?, &page.file, &csp.meta)?.into_bytes())
            })
        })
        .collect::<Result<Vec<_>>>()?;
    for file in &plan.site.files {
        let target = out.join(&file.output);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the folder"))?;
        }
        std::fs::copy(&file.source, &target).map_err(BuildError::io(&file.source, "copy"))?;
        written.push(target);
    }
    if let Some((path, glue)) = &plan.minified_glue {
        written.push(write(path, glue.as_bytes())?);
    }
    if let Some(styles) = &plan.content_styles {
        written.push(write(&out.join(&styles.file), styles.css.as_bytes())?);
    }
    if let Some(dir) = &plan.options.test_data {
        written.extend(test_data(plan, csp, dir)?);
    }
    Ok(written)
}

/// What the end-to-end tests read rather than repeat: the policy's facts, and each page's typed
/// model (`<source path>.json`, `guide/a.json` for `guide/a.md`). Never part of the site.
#[derive(Serialize)]
struct Facts<'a> {
    /// The pattern of a content-hashed file name, and of its hash part (`-<hex>`, `_bg` after
    /// it for the wasm).
    hashed_pattern: &'a str,
    hash: &'a str,
    /// The kinds of files, with their media types.
    file_kinds: &'a [FileKind],
    /// The Content-Security-Policy as headers send it and as pages carry it.
    csp_header: &'a str,
    csp_meta: &'a str,
    /// The hashes of the inline scripts it allows.
    script_hashes: Vec<&'a str>,
    /// The base path the site was built for.
    base: &'a str,
    /// The interface's words, by language.
    words: std::collections::BTreeMap<&'a str, &'a cpd_content::Words>,
}

fn test_data(plan: &Plan, csp: &Csp, dir: &std::path::Path) -> Result<Vec<PathBuf>> {
    let facts = Facts {
        hashed_pattern: HASHED_PATTERN,
        hash: HASH,
        file_kinds: &FILE_KINDS,
        csp_header: &csp.header,
        csp_meta: &csp.meta,
        script_hashes: csp.hashes.iter().map(String::as_str).collect(),
        base: &plan.site.settings.base,
        words: plan.tables.all().collect(),
    };
    let mut written = vec![write(&dir.join("facts.json"), &json(&facts))?];
    for page in &plan.site.pages {
        let stem = page
            .source
            .rsplit_once('.')
            .map_or(page.source.as_str(), |(s, _)| s);
        written.push(write(&dir.join(format!("{stem}.json")), &json(page))?);
    }
    Ok(written)
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("the tests' data serialises")
}
