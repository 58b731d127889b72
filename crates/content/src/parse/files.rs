//! The files a page uses: paths resolved inside the content folder, content-hashed names, and
//! an image's intrinsic size read from its bytes.

use std::path::Path;

use html5gum::{Token, Tokenizer};
use sha2::{Digest, Sha256};

/// Text that html5gum hands over as bytes.
pub(super) fn string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A site path written in page `from` (relative to the content folder), resolved against the
/// page's folder: `../b.png` from `guide/a.md` is `b.png`; `/b.png` is `b.png`. Query and
/// fragment are dropped. `None` when it climbs out of the folder.
pub fn resolve_path(from: &str, href: &str) -> Option<String> {
    let path = href.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?
        .into_owned();
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        let mut dir: Vec<&str> = from.split('/').collect();
        dir.pop();
        dir
    };
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `images/a.png` with these bytes is `images/a-<16 hex digits of their SHA-256>.png`.
pub(super) fn hashed_name(rel: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash = crate::conventions::short_hash(&digest);
    let path = Path::new(rel);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("file");
    let ext = path
        .extension()
        .and_then(|s| s.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let dir = rel.rsplit_once('/').map(|(d, _)| format!("{d}/"));
    format!("{}{stem}-{hash}.{ext}", dir.unwrap_or_default())
}

/// Width and height of an image file: from its header, or an SVG's `width`/`height`.
pub(super) fn image_size(bytes: &[u8], name: &str) -> Option<(u32, u32)> {
    if name.to_ascii_lowercase().ends_with(".svg") {
        return svg_size(std::str::from_utf8(bytes).ok()?);
    }
    let size = imagesize::blob_size(bytes).ok()?;
    Some((
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    ))
}

/// An SVG's `width` and `height` attributes, in pixels (unitless or `px`).
fn svg_size(svg: &str) -> Option<(u32, u32)> {
    for token in Tokenizer::new(svg) {
        // Reading a string cannot fail: the error type is `Infallible`.
        let Ok(token) = token;
        if let Token::StartTag(tag) = token {
            if string(&tag.name).eq_ignore_ascii_case("svg") {
                let get = |key: &str| {
                    tag.attributes
                        .iter()
                        .find(|(k, _)| string(k).eq_ignore_ascii_case(key))
                        .and_then(|(_, v)| {
                            let v = string(&v.value);
                            let v = v.trim().trim_end_matches("px");
                            v.parse::<f64>().ok()
                        })
                        .filter(|v| *v > 0.0 && *v < 100_000.0)
                        .map(|v| v.round() as u32)
                };
                return Some((get("width")?, get("height")?));
            }
        }
    }
    None
}
