//! The dates of the Liquid date filters: the forms front matter and posts write, read with the
//! `time` crate, and a subset of Ruby's `strftime` that fails on what it does not know rather than
//! printing it wrong.

use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::jekyll::dates::MONTHS;

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The directives [`strftime`] knows, for messages.
pub const DIRECTIVES: &str =
    "%Y %y %m %d %e %j %B %b %h %A %a %u %w %H %I %l %M %S %p %P %z %s %F %T %D %%, \
     and `-` for no padding (%-d)";

/// A date as written in front matter or a filter's input: `2024-05-02`, `2024-06-10 09:30`,
/// `2024-06-10 09:30:00 +0200`, RFC 3339 (`2024-06-10T09:30:00Z`). Without an offset the date is
/// UTC, which is Jekyll's on a machine in UTC with no `timezone:` setting. `Ok(None)` for an empty
/// input, which the filters render empty. `now` and `today` are refused: a build must not depend
/// on the day it runs.
pub fn parse(input: &str) -> Result<Option<OffsetDateTime>, String> {
    static FORM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$",
        )
        .expect("a valid pattern")
    });
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    if input.eq_ignore_ascii_case("now") || input.eq_ignore_ascii_case("today") {
        return Err(format!(
            "the date `{input}` is not supported: the build would depend on the day it runs; write the date"
        ));
    }
    let unreadable = || {
        format!(
            "cannot read `{input}` as a date: write it as 2024-05-02, 2024-05-02 09:30:00 +0200 or 2024-05-02T09:30:00Z"
        )
    };
    let caps = FORM.captures(input).ok_or_else(unreadable)?;
    let num = |i: usize| -> u32 {
        caps.get(i)
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0)
    };
    let year = i32::try_from(num(1)).map_err(|_| unreadable())?;
    let month = u8::try_from(num(2))
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(unreadable)?;
    let day = u8::try_from(num(3)).map_err(|_| unreadable())?;
    let date = Date::from_calendar_date(year, month, day).map_err(|_| unreadable())?;
    let small = |i: usize| u8::try_from(num(i)).map_err(|_| unreadable());
    let time = Time::from_hms(small(4)?, small(5)?, small(6)?).map_err(|_| unreadable())?;
    let offset = match caps.get(7).map(|m| m.as_str()) {
        None | Some("Z") | Some("UTC") => UtcOffset::UTC,
        Some(zone) => {
            let sign: i8 = if zone.starts_with('-') { -1 } else { 1 };
            let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
            let hours: i8 = digits[..2].parse().map_err(|_| unreadable())?;
            let minutes: i8 = digits[2..].parse().map_err(|_| unreadable())?;
            UtcOffset::from_hms(sign * hours, sign * minutes, 0).map_err(|_| unreadable())?
        }
    };
    Ok(Some(
        PrimitiveDateTime::new(date, time).assume_offset(offset),
    ))
}

/// `date` formatted as Ruby's `strftime(format)` would, for the directives of [`DIRECTIVES`]; any
/// other is an error naming it.
pub fn strftime(date: OffsetDateTime, format: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut directive = chars.next();
        let unpadded = directive == Some('-');
        if unpadded {
            directive = chars.next();
        }
        let Some(d) = directive else {
            return Err(format!(
                "the date format `{format}` ends with a lone `%` (supported: {DIRECTIVES})"
            ));
        };
        let num = |n: i64, width: usize, pad: char| {
            if unpadded {
                n.to_string()
            } else if pad == ' ' {
                format!("{n:>width$}")
            } else {
                format!("{n:0width$}")
            }
        };
        let month = usize::from(u8::from(date.month())) - 1;
        let weekday = usize::from(date.weekday().number_days_from_sunday());
        let hour12 = match date.hour() % 12 {
            0 => 12,
            h => h,
        };
        let piece = match d {
            'Y' => date.year().to_string(),
            'y' => num(i64::from(date.year().rem_euclid(100)), 2, '0'),
            'm' => num(month as i64 + 1, 2, '0'),
            'd' => num(i64::from(date.day()), 2, '0'),
            'e' => num(i64::from(date.day()), 2, ' '),
            'j' => num(i64::from(date.ordinal()), 3, '0'),
            'B' => MONTHS[month].to_string(),
            'b' | 'h' => MONTHS[month][..3].to_string(),
            'A' => WEEKDAYS[weekday].to_string(),
            'a' => WEEKDAYS[weekday][..3].to_string(),
            'u' => date.weekday().number_from_monday().to_string(),
            'w' => weekday.to_string(),
            'H' => num(i64::from(date.hour()), 2, '0'),
            'I' => num(i64::from(hour12), 2, '0'),
            'l' => num(i64::from(hour12), 2, ' '),
            'M' => num(i64::from(date.minute()), 2, '0'),
            'S' => num(i64::from(date.second()), 2, '0'),
            'p' => if date.hour() < 12 { "AM" } else { "PM" }.to_string(),
            'P' => if date.hour() < 12 { "am" } else { "pm" }.to_string(),
            'z' => offset(date.offset(), ""),
            's' => date.unix_timestamp().to_string(),
            'F' => strftime(date, "%Y-%m-%d")?,
            'T' => strftime(date, "%H:%M:%S")?,
            'D' => strftime(date, "%m/%d/%y")?,
            '%' => "%".to_string(),
            'Z' => {
                return Err(format!(
                    "the date directive `%Z` is not supported: the zone's name depends on the machine that builds; use %z (supported: {DIRECTIVES})"
                ))
            }
            other => {
                return Err(format!(
                    "the date directive `%{}{other}` is not supported (supported: {DIRECTIVES})",
                    if unpadded { "-" } else { "" }
                ))
            }
        };
        out.push_str(&piece);
    }
    Ok(out)
}

/// `+0200`, or `+02:00` with `sep = ":"`.
pub fn offset(offset: UtcOffset, sep: &str) -> String {
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("{sign}{:02}{sep}{:02}", h.unsigned_abs(), m.unsigned_abs())
}

/// Jekyll's `date_to_xmlschema`: `2008-11-07T13:07:54-08:00`, in the offset the date was written
/// with (Jekyll converts to the building machine's zone or `timezone:`).
pub fn xmlschema(date: OffsetDateTime) -> Result<String, String> {
    Ok(format!(
        "{}{}",
        strftime(date, "%Y-%m-%dT%H:%M:%S")?,
        offset(date.offset(), ":")
    ))
}
