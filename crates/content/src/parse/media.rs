//! What a link or an image points at: a link's target classified (and refused when it would
//! run code), an image's file found in the content folder, sized and given a hashed name.

use super::files::{hashed_name, image_size, resolve_path};
use super::source::{Asset, PResult};
use super::tree::{classify, Builder};
use crate::model::{Image, Inline, Link, LinkTarget};

/// Images past this much text, or after the first one, are below the first screen.
const FIRST_SCREEN_CHARS: usize = 600;

impl Builder<'_, '_> {
    pub(super) fn link(
        &self,
        href: String,
        title: Option<String>,
        children: Vec<Inline>,
        line: usize,
    ) -> PResult<Inline> {
        let href = href.trim().to_string();
        let target = classify(&href).ok_or_else(|| {
            self.src.error(
                line,
                format!(
                    "link to `{href}`: `javascript:`, `data:` and `vbscript:` URLs are not allowed"
                ),
            )
        })?;
        if href.is_empty() {
            return Err(self.src.error(line, "link without a target"));
        }
        Ok(Inline::Link(Link {
            href,
            target,
            title,
            children,
            classes: Vec::new(),
            line,
        }))
    }

    pub(super) fn image(
        &mut self,
        src: &str,
        alt: &str,
        title: Option<String>,
        line: usize,
    ) -> PResult<Image> {
        if alt.is_empty() {
            return Err(self.src.error(
                line,
                format!(
                    "image `{src}` has no alt text: write what it shows, `![what it shows]({src})`"
                ),
            ));
        }
        let (rel, path, bytes) = self.image_file(src, line)?;
        let (width, height) = image_size(&bytes, &rel).ok_or_else(|| {
            self.src.error(
                line,
                format!("image `{src}`: cannot read its width and height (PNG, JPEG, GIF, WebP, AVIF or SVG with width and height)"),
            )
        })?;
        let output = hashed_name(&rel, &bytes);
        if !self.files.iter().any(|f| f.output == output) {
            self.files.push(Asset {
                source: path,
                output: output.clone(),
            });
        }
        let lazy = self.images_seen > 0 || self.text_seen > FIRST_SCREEN_CHARS;
        self.images_seen += 1;
        Ok(Image {
            src: format!("/{output}"),
            alt: alt.to_string(),
            title,
            width: Some(width),
            height: Some(height),
            lazy,
            classes: Vec::new(),
        })
    }

    /// An image's file in the content folder: its path there, its full path and its bytes.
    fn image_file(&self, src: &str, line: usize) -> PResult<(String, std::path::PathBuf, Vec<u8>)> {
        if classify(src) != Some(LinkTarget::Site) {
            return Err(self.src.error(
                line,
                format!("image `{src}` is not a file of the site: images must be files under the content folder"),
            ));
        }
        let Some(root) = &self.page.root else {
            return Err(self.src.error(
                line,
                format!("image `{src}`: no content folder to find it in"),
            ));
        };
        let rel = resolve_path(&self.page.rel_path, src).ok_or_else(|| {
            self.src
                .error(line, format!("image `{src}` is outside the content folder"))
        })?;
        let path = root.join(&rel);
        let bytes = std::fs::read(&path).map_err(|e| {
            self.src.error(
                line,
                format!("image `{src}`: cannot read `{}`: {e}", path.display()),
            )
        })?;
        Ok((rel, path, bytes))
    }
}
