//! Minifying JavaScript for release builds: the glue wasm-bindgen writes (Trunk's own minifier
//! cannot parse it: it stops at `export default`; the loader then gets the new file's integrity
//! hash) and the islands' loader inlined in every page.

use base64::Engine;
use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;
use sha2::{Digest, Sha384};

/// `source`, an ES module, minified: whitespace and comments gone, local names shortened, the
/// exports kept.
pub fn module(source: &str) -> Result<String, String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::mjs()).parse();
    if let Some(error) = parsed.diagnostics.first() {
        return Err(format!("the script does not parse: {error}"));
    }
    let mut program = parsed.program;
    let minified = Minifier::new(MinifierOptions::default()).minify(&allocator, &mut program);
    Ok(Codegen::new()
        .with_options(CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .build(&program)
        .code)
}

/// [`module`] of `source` (the file `file`), taken from `cache` when a build minified the same
/// source before: oxc's pass is tens of milliseconds a build, for three scripts that change
/// only with the code.
pub fn module_kept(
    source: &str,
    file: &str,
    cache: Option<&crate::cache::Cache>,
) -> crate::error::Result<String> {
    let minify = || {
        module(source)
            .map(String::into_bytes)
            .map_err(|e| crate::error::BuildError::invalid(file, e))
    };
    let bytes = match cache {
        Some(cache) => cache.get_or(
            &crate::cache::key("minified module", &[source.as_bytes()]),
            minify,
        )?,
        None => minify()?,
    };
    String::from_utf8(bytes).map_err(|_| {
        crate::error::BuildError::invalid(file, "the cache holds a script not in UTF-8")
    })
}

/// The Subresource Integrity value of `bytes`, as Trunk writes it (`sha384-…`).
pub fn integrity(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minifies_a_module_and_keeps_its_exports() {
        let source = "// The glue.\nlet wasm;\n/** Doc. */\nfunction helper(value) {\n    return value + 1;\n}\nexport function start(element) {\n    return helper(element);\n}\nexport default async function init(options) {\n    wasm = options;\n    return wasm;\n}\n";
        let out = module(source).unwrap();
        assert!(out.len() * 3 < source.len() * 2, "{out}");
        assert!(!out.contains("The glue") && !out.contains("Doc."), "{out}");
        assert!(out.contains("export"), "{out}");
        assert!(out.contains("start"), "exports keep their names: {out}");
        assert!(module("export default {").is_err());
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // The SRI example of the W3C specification's test suite: sha384 of "alert('Hello, world.');".
        assert_eq!(
            integrity(b"alert('Hello, world.');"),
            "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"
        );
    }
}
