//! The site's conventions, as Jekyll sites have them: which names are left out, the default
//! language, what a language tag and a date look like. A leaf: the parser, the settings and the
//! site's loading all read it.

/// The language of pages and of the site when nothing says otherwise.
pub const DEFAULT_LANG: &str = "fr";

/// The content hash in the names of the site's files: the first 8 bytes of a digest (SHA-256),
/// as 16 hex digits.
pub fn short_hash(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Whether a file or folder name is left out of the site, as Jekyll leaves it out: names that
/// start with `_` (drafts, `_config.yml`) or `.` (hidden files).
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// A language tag (BCP 47, such as `fr` or `en-GB`), checked by the `language-tags` crate and
/// written in its canonical case; an error message otherwise.
pub fn language_tag(value: &str) -> Result<String, String> {
    language_tags::LanguageTag::parse(value.trim())
        .map(|tag| {
            tag.canonicalize()
                .map_or_else(|_| tag.to_string(), |t| t.to_string())
        })
        .map_err(|_| format!("`lang` is not a language tag such as `fr` or `en-GB`: `{value}`"))
}

/// A date as Jekyll takes them, written in ISO 8601: `2024-05-02` stays so,
/// `2024-06-10T09:30:00+02:00` and Jekyll's `2024-06-10 09:30:00 +0200` are written as the
/// former, a time without offset as `2024-06-10T09:30:00`. `None` for anything else.
pub fn iso_date(value: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    use time::{Date, OffsetDateTime, PrimitiveDateTime};
    if let Ok(date) = Date::parse(value, format_description!("[year]-[month]-[day]")) {
        return Some(date.to_string());
    }
    let with_offset = [
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory]:[offset_minute]"),
    ];
    let offset = OffsetDateTime::parse(value, &Rfc3339).ok().or_else(|| {
        with_offset
            .iter()
            .find_map(|f| OffsetDateTime::parse(value, f).ok())
    });
    if let Some(time) = offset {
        return time.format(&Rfc3339).ok();
    }
    let local = [
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
    ];
    local
        .iter()
        .find_map(|f| PrimitiveDateTime::parse(value, f).ok())
        .and_then(|t| {
            t.format(format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second]"
            ))
            .ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_jekyll_reads_them_and_written_in_iso_8601() {
        for (written, iso) in [
            ("2024-05-02", "2024-05-02"),
            ("2024-06-10T09:30:00+02:00", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10T07:30:00Z", "2024-06-10T07:30:00Z"),
            ("2024-06-10 09:30:00 +0200", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10 09:30:00", "2024-06-10T09:30:00"),
            ("2024-06-10 09:30", "2024-06-10T09:30:00"),
        ] {
            assert_eq!(iso_date(written).as_deref(), Some(iso), "{written}");
        }
        for wrong in [
            "12/03/2024",
            "2024-13-01",
            "2024-02-30",
            "2024-05-02x",
            "hier",
        ] {
            assert_eq!(iso_date(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn language_tags_are_checked_and_canonical() {
        assert_eq!(language_tag("fr").as_deref(), Ok("fr"));
        assert_eq!(language_tag("en-gb").as_deref(), Ok("en-GB"));
        assert_eq!(language_tag("zh-Hant-TW").as_deref(), Ok("zh-Hant-TW"));
        for wrong in ["français", "en_GB", "", "x-"] {
            assert!(language_tag(wrong).is_err(), "{wrong}");
        }
    }
}
