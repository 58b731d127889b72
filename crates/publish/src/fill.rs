//! Filling a text template's slots (`{{NAME}}`): every slot must be given a value and every
//! value must have its slot, so a template and its filler cannot drift apart unnoticed.

use crate::error::{BuildError, Result};

/// `template` (named `name` in messages) with each `{{KEY}}` replaced by its value.
pub fn fill(name: &str, template: &str, values: &[(&str, &str)]) -> Result<String> {
    let mut out = String::with_capacity(template.len());
    let mut used = vec![false; values.len()];
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after
            .find("}}")
            .ok_or_else(|| BuildError::invalid(name, "a `{{` slot is never closed"))?;
        let key = &after[..close];
        let i = values.iter().position(|(k, _)| *k == key).ok_or_else(|| {
            BuildError::invalid(name, format!("no value for the slot `{{{{{key}}}}}`"))
        })?;
        out.push_str(values[i].1);
        used[i] = true;
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    match values.iter().zip(&used).find(|(_, used)| !**used) {
        Some(((key, _), _)) => Err(BuildError::invalid(
            name,
            format!("the template has no slot `{{{{{key}}}}}`"),
        )),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_slot() {
        let out = fill("t", "a {{X}} b {{Y}} {{X}}", &[("X", "1"), ("Y", "2")]).unwrap();
        assert_eq!(out, "a 1 b 2 1");
    }

    #[test]
    fn a_missing_or_unused_value_fails() {
        let e = fill("t.conf", "a {{X}} {{Z}}", &[("X", "1")]).unwrap_err();
        assert_eq!(e.to_string(), "t.conf: no value for the slot `{{Z}}`");
        let e = fill("t.conf", "a {{X}}", &[("X", "1"), ("Y", "2")]).unwrap_err();
        assert_eq!(e.to_string(), "t.conf: the template has no slot `{{Y}}`");
        let e = fill("t.conf", "a {{X", &[("X", "1")]).unwrap_err();
        assert!(e.to_string().contains("never closed"));
    }
}
