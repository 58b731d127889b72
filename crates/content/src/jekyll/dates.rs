//! Dates as Jekyll reads them: the site's zone, a post's moment from its front matter `date:` or
//! its file name, and the parts of a post's file name.
//!
//! Jekyll turns every date into the site's local time (`Time.parse(..).localtime` with `TZ` set
//! from `timezone:`), so a written offset only says which instant is meant: `2023-07-20 23:25
//! -0700` in a site in `Europe/Paris` is 2023-07-21 08:25 +02:00, and its URL has day 21. Ruby's
//! YAML reads an unquoted `2024-06-10 09:30:00` (seconds, no offset) as UTC, while
//! `2024-06-10 09:30` or a quoted value is local time: [`parse_moment`] and
//! [`parse_quoted_moment`] keep that difference. A day past the month's end (`2024-02-30`) rolls
//! over into the next month, as in Ruby's `Time`.

use std::cmp::Ordering;
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The site's zone (`timezone:` in `_config.yml`), or UTC when the site sets none.
#[derive(Clone)]
pub struct Zone {
    name: Option<String>,
    tz: jiff::tz::TimeZone,
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name.as_deref().unwrap_or("UTC"))
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl Zone {
    /// UTC: the zone of a site without `timezone:`.
    pub fn utc() -> Zone {
        Zone {
            name: None,
            tz: jiff::tz::TimeZone::UTC,
        }
    }

    /// The IANA zone `name` (`Europe/Paris`). An unknown name is an error: Jekyll would silently
    /// use the machine's zone, which a build must not depend on.
    pub fn named(name: &str) -> Result<Zone, String> {
        let name = name.trim();
        jiff::tz::TimeZone::get(name)
            .map(|tz| Zone {
                name: Some(name.to_string()),
                tz,
            })
            .map_err(|e| format!("unknown time zone `{name}` in `timezone:`: {e}"))
    }

    /// The zone's name as the site wrote it, `None` for UTC.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The zone's offset for the wall-clock time `local`, as Ruby's `Time.local` picks it: in a
    /// gap (the hour skipped in spring) the offset before the change, so 02:30 becomes 03:30
    /// summer time; in a fold (the hour repeated in autumn) the offset after it, the second
    /// 02:30. A time outside the tz database's years gets UTC.
    pub fn offset_at(&self, local: PrimitiveDateTime) -> UtcOffset {
        use jiff::tz::AmbiguousOffset;
        let Some(civil) = to_civil(local) else {
            return UtcOffset::UTC;
        };
        let offset = match self.tz.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset,
            AmbiguousOffset::Gap { before, .. } => before,
            AmbiguousOffset::Fold { after, .. } => after,
        };
        UtcOffset::from_whole_seconds(offset.seconds()).unwrap_or(UtcOffset::UTC)
    }

    /// The same instant as `at`, with this zone's offset at that instant. An instant outside the
    /// tz database's years is returned as it is.
    pub fn to_local(&self, at: OffsetDateTime) -> OffsetDateTime {
        let Ok(stamp) = jiff::Timestamp::new(at.unix_timestamp(), 0) else {
            return at;
        };
        let seconds = self.tz.to_offset(stamp).seconds();
        UtcOffset::from_whole_seconds(seconds)
            .ok()
            .and_then(|offset| at.checked_to_offset(offset))
            .unwrap_or(at)
    }

    /// `local` wall-clock time in this zone, as the instant Ruby's `Time.local` gives it, shown
    /// with the zone's offset at that instant (02:30 in a spring gap reads 03:30).
    pub fn resolve(&self, local: PrimitiveDateTime) -> OffsetDateTime {
        self.to_local(local.assume_offset(self.offset_at(local)))
    }
}

fn to_civil(local: PrimitiveDateTime) -> Option<jiff::civil::DateTime> {
    let year = i16::try_from(local.year()).ok()?;
    let nanos = i32::try_from(local.nanosecond()).ok()?;
    jiff::civil::DateTime::new(
        year,
        i8::try_from(u8::from(local.month())).ok()?,
        i8::try_from(local.day()).ok()?,
        i8::try_from(local.hour()).ok()?,
        i8::try_from(local.minute()).ok()?,
        i8::try_from(local.second()).ok()?,
        nanos,
    )
    .ok()
}

/// The months' names as Ruby's `strftime` and Jekyll's permalinks write them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as written in content: `day_only` when only a day was written, and then `at` is
/// midnight in the site's zone. `at` always carries the site zone's offset, as Jekyll's dates do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Moment {
    pub at: OffsetDateTime,
    pub day_only: bool,
}

impl Moment {
    /// Midnight of `date` in `zone`: the moment of a post dated by its file name alone.
    pub fn day(date: Date, zone: &Zone) -> Moment {
        Moment {
            at: zone.resolve(date.midnight()),
            day_only: true,
        }
    }

    /// `YYYY-MM-DD` for a day, else RFC 3339 with the offset of `at` (`Z` for UTC), with
    /// fractional seconds only when there are some.
    pub fn iso(&self) -> String {
        let d = self.at.date();
        let day = format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
        if self.day_only {
            return day;
        }
        let t = self.at.time();
        let mut out = format!("{day}T{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second());
        if t.nanosecond() != 0 {
            let frac = format!("{:09}", t.nanosecond());
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        let offset = self.at.offset();
        if offset.is_utc() {
            out.push('Z');
        } else {
            out.push_str(&offset_text(offset));
        }
        out
    }

    /// The day of `at` in the site's zone: the day of the post's URL.
    pub fn date(&self) -> Date {
        self.at.date()
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        self.at
            .cmp(&other.at)
            .then(self.day_only.cmp(&other.day_only))
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `+HH:MM` or `-HH:MM`.
fn offset_text(offset: UtcOffset) -> String {
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", h.abs(), m.abs())
}

/// The ISO text ([`Moment::iso`]); a day in a zone other than UTC with its offset after a space
/// (`2024-04-20 +02:00`), so that what is read back is the same instant.
impl serde::Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let offset = self.at.offset();
        if self.day_only && !offset.is_utc() {
            serializer.serialize_str(&format!("{} {}", self.iso(), offset_text(offset)))
        } else {
            serializer.serialize_str(&self.iso())
        }
    }
}

impl<'de> serde::Deserialize<'de> for Moment {
    /// Reads what [`Moment::iso`] writes, keeping the written offset so that the day stays the
    /// same; a day alone is midnight UTC.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let not_a_date = || serde::de::Error::custom(format!("not a date: `{text}`"));
        if let Some((day, offset)) = text.split_once(" +").or_else(|| text.split_once(" -")) {
            let parts = parse_parts(day)
                .filter(|p| p.day_only)
                .ok_or_else(not_a_date)?;
            let (h, m) = offset.split_once(':').ok_or_else(not_a_date)?;
            let (h, m): (i8, i8) = (
                h.parse().map_err(|_| not_a_date())?,
                m.parse().map_err(|_| not_a_date())?,
            );
            let sign = if text.contains(" -") { -1 } else { 1 };
            let offset = UtcOffset::from_hms(sign * h, sign * m, 0).map_err(|_| not_a_date())?;
            return Ok(Moment {
                at: parts.local.assume_offset(offset),
                day_only: true,
            });
        }
        let parts = parse_parts(&text).ok_or_else(not_a_date)?;
        let at = match parts.offset {
            Some(offset) => parts.local.assume_offset(offset),
            None => parts.local.assume_utc(),
        };
        Ok(Moment {
            at,
            day_only: parts.day_only,
        })
    }
}

/// The pieces of a written date, before a zone gives it an instant.
struct Parts {
    local: PrimitiveDateTime,
    offset: Option<UtcOffset>,
    day_only: bool,
    seconds_written: bool,
}

static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})",
        r"(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?",
        r"(?:[ \t]*(Z|z|UTC|GMT|[-+][0-9]{2}(?::?[0-9]{2})?))?)?$",
    ))
    .expect("a valid pattern")
});

fn number<T: std::str::FromStr>(caps: &regex::Captures<'_>, i: usize) -> Option<T> {
    caps.get(i)?.as_str().parse().ok()
}

/// Year, month and day as Ruby's `Time` takes them: a day up to 31 rolls over into the next
/// month when the month is shorter.
pub(crate) fn rolled_date(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=31).contains(&day) {
        return None;
    }
    let first = Date::from_calendar_date(year, Month::try_from(month).ok()?, 1).ok()?;
    first.checked_add(Duration::days(i64::from(day) - 1))
}

fn parse_offset(text: &str) -> Option<UtcOffset> {
    if matches!(text, "Z" | "z" | "UTC" | "GMT") {
        return Some(UtcOffset::UTC);
    }
    let sign: i8 = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    let hours: i8 = digits.get(..2)?.parse().ok()?;
    let minutes: i8 = match digits.get(2..) {
        Some("") | None => 0,
        Some(m) => m.parse().ok()?,
    };
    if minutes > 59 {
        return None;
    }
    UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

fn parse_parts(value: &str) -> Option<Parts> {
    let caps = DATE_TIME.captures(value.trim())?;
    let date = rolled_date(number(&caps, 1)?, number(&caps, 2)?, number(&caps, 3)?)?;
    if caps.get(4).is_none() {
        return Some(Parts {
            local: date.midnight(),
            offset: None,
            day_only: true,
            seconds_written: false,
        });
    }
    let second: u8 = match caps.get(6) {
        Some(s) => s.as_str().parse().ok()?,
        None => 0,
    };
    let nanos: u32 = match caps.get(7) {
        Some(frac) => {
            let mut digits: String = frac.as_str().chars().take(9).collect();
            while digits.len() < 9 {
                digits.push('0');
            }
            digits.parse().ok()?
        }
        None => 0,
    };
    let time = Time::from_hms_nano(number(&caps, 4)?, number(&caps, 5)?, second, nanos).ok()?;
    let offset = match caps.get(8) {
        Some(o) => Some(parse_offset(o.as_str())?),
        None => None,
    };
    Some(Parts {
        local: PrimitiveDateTime::new(date, time),
        offset,
        day_only: false,
        seconds_written: caps.get(6).is_some(),
    })
}

/// The moment of a front matter `date:` written as a plain (unquoted) YAML value, as Jekyll 4.3
/// reads it: `2024-05-02`, `2014-3-3`, `2024-06-10T09:30:00+02:00`, `2024-06-10T07:30:00Z`,
/// `2024-06-10 09:30:00 +0200` or `+02:00`, `2023-07-20 14:25 -0700`, `2024-06-10 09:30`,
/// optional fractional seconds. A time with seconds and no offset is a YAML timestamp, which
/// Ruby reads as UTC (and drops its fraction); a time without seconds is in `zone`. The result
/// is in `zone`. Any other text is `None`.
pub fn parse_moment(value: &str, zone: &Zone) -> Option<Moment> {
    let mut parts = parse_parts(value)?;
    if parts.day_only {
        return Some(Moment::day(parts.local.date(), zone));
    }
    if parts.seconds_written {
        // Ruby's YAML makes a `Time` of it, which Jekyll reads back from its text: no fraction.
        parts.local = parts.local.replace_nanosecond(0).ok()?;
        if parts.offset.is_none() {
            parts.offset = Some(UtcOffset::UTC);
        }
    }
    Some(moment_of(parts, zone))
}

/// The moment of a front matter `date:` written as a quoted YAML string: Ruby's `Time.parse`
/// alone, so any time without an offset is in `zone`.
pub fn parse_quoted_moment(value: &str, zone: &Zone) -> Option<Moment> {
    let parts = parse_parts(value)?;
    if parts.day_only {
        return Some(Moment::day(parts.local.date(), zone));
    }
    Some(moment_of(parts, zone))
}

fn moment_of(parts: Parts, zone: &Zone) -> Moment {
    let at = match parts.offset {
        Some(offset) => zone.to_local(parts.local.assume_offset(offset)),
        None => zone.resolve(parts.local),
    };
    Moment {
        at,
        day_only: false,
    }
}

/// A post's file name, `YYYY-M(M)-D(D)-slug.ext`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostName<'a> {
    pub date: Date,
    /// The name between the date and the extension, case kept (`Hello-World`).
    pub slug: &'a str,
    /// The last extension, with its dot (`.md`).
    pub ext: &'a str,
}

static POST_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})-(.*)(\.[^.]+)$").expect("a valid pattern")
});

/// The parts of a file name in `_posts/`, or `None` when Jekyll would not read it as a post (no
/// date, no extension, a month past 12 or a day past 31). A day past the month's end rolls over
/// as Jekyll does: `2024-02-30-x.md` is dated 2024-03-01.
pub fn post_name(file_name: &str) -> Option<PostName<'_>> {
    let caps = POST_NAME.captures(file_name)?;
    let date = rolled_date(number(&caps, 1)?, number(&caps, 2)?, number(&caps, 3)?)?;
    let slug = caps.get(4)?.as_str();
    let ext = caps.get(5)?.as_str();
    Some(PostName {
        date,
        slug: slug.trim_end_matches('.'),
        ext,
    })
}

/// The slug and extension of a file in `_drafts/`, where the name has no date: `a-b.md` gives
/// (`a-b`, `.md`); a name without an extension is all slug.
pub fn draft_name(file_name: &str) -> (&str, &str) {
    match file_name.rfind('.') {
        Some(dot) if dot + 1 < file_name.len() => {
            (file_name[..dot].trim_end_matches('.'), &file_name[dot..])
        }
        _ => (file_name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn paris() -> Zone {
        Zone::named("Europe/Paris").unwrap()
    }

    fn iso(value: &str, zone: &Zone) -> Option<String> {
        parse_moment(value, zone).map(|m| m.iso())
    }

    #[test]
    fn days_are_midnight_in_the_zone() {
        let m = parse_moment("2024-05-02", &paris()).unwrap();
        assert!(m.day_only);
        assert_eq!(m.iso(), "2024-05-02");
        assert_eq!(m.at, datetime!(2024-05-02 0:00 +2));
        assert_eq!(iso("2014-3-3", &Zone::utc()).unwrap(), "2014-03-03");
        assert_eq!(
            parse_moment("2014-3-3", &paris()).unwrap().at,
            datetime!(2014-03-03 0:00 +1)
        );
    }

    #[test]
    fn every_written_form_is_read_as_jekyll_reads_it() {
        let z = paris();
        let cases = [
            ("2024-06-10T09:30:00+02:00", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10T07:30:00Z", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10 09:30:00 +0200", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10 09:30:00 +02:00", "2024-06-10T09:30:00+02:00"),
            ("2023-07-20 14:25 -0700", "2023-07-20T23:25:00+02:00"),
            ("2023-07-20 23:25 -0700", "2023-07-21T08:25:00+02:00"),
            // Seconds without an offset: a YAML timestamp, UTC.
            ("2024-06-10 09:30:00", "2024-06-10T11:30:00+02:00"),
            ("2024-06-10T09:30:00", "2024-06-10T11:30:00+02:00"),
            ("2024-06-10 09:30:00.5", "2024-06-10T11:30:00+02:00"),
            // No seconds: local time.
            ("2024-06-10 09:30", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10 9:30", "2024-06-10T09:30:00+02:00"),
            ("2024-06-10 09:30 UTC", "2024-06-10T11:30:00+02:00"),
            ("2024-06-10 09:30 +02", "2024-06-10T09:30:00+02:00"),
        ];
        for (written, expected) in cases {
            assert_eq!(iso(written, &z).as_deref(), Some(expected), "{written}");
        }
    }

    #[test]
    fn quoted_values_are_local_without_an_offset() {
        let z = paris();
        let m = parse_quoted_moment("2024-06-10 23:30:00", &z).unwrap();
        assert_eq!(m.iso(), "2024-06-10T23:30:00+02:00");
        let m = parse_quoted_moment("2024-06-10 09:30:00.25", &Zone::utc()).unwrap();
        assert_eq!(m.iso(), "2024-06-10T09:30:00.25Z");
        assert_eq!(
            parse_quoted_moment("2023-07-20 23:25 -0700", &z)
                .unwrap()
                .date(),
            date!(2023 - 07 - 21)
        );
    }

    #[test]
    fn utc_is_written_with_z() {
        assert_eq!(
            iso("2024-06-10T09:30:00+02:00", &Zone::utc()).unwrap(),
            "2024-06-10T07:30:00Z"
        );
        let m = parse_moment("2024-06-10 23:30 -0700", &Zone::utc()).unwrap();
        assert_eq!(m.date(), date!(2024 - 06 - 11));
    }

    #[test]
    fn other_text_is_not_a_date() {
        let z = Zone::utc();
        for bad in [
            "",
            "garbage",
            "June 10 2024",
            "2024-13-01",
            "2024-02-32",
            "2024-06-10 25:00",
            "2024-06-10 09:61",
            "2024-06-10T09:30:00+0260",
            "2024-06-10 09:30:00 +",
            "24-06-10",
            "2024/06/10",
        ] {
            assert_eq!(parse_moment(bad, &z), None, "{bad}");
            assert_eq!(parse_quoted_moment(bad, &z), None, "{bad}");
        }
    }

    #[test]
    fn days_past_the_month_end_roll_over() {
        assert_eq!(iso("2024-02-30", &Zone::utc()).unwrap(), "2024-03-01");
        assert_eq!(iso("2024-04-31", &Zone::utc()).unwrap(), "2024-05-01");
        assert_eq!(iso("2023-02-31", &Zone::utc()).unwrap(), "2023-03-03");
    }

    #[test]
    fn gaps_and_folds_resolve_as_ruby_does() {
        let z = paris();
        // The skipped hour: read with the winter offset, shown in summer time.
        assert_eq!(
            z.offset_at(datetime!(2024-03-31 2:30)),
            UtcOffset::from_hms(1, 0, 0).unwrap()
        );
        assert_eq!(
            iso("2024-03-31 02:30", &z).unwrap(),
            "2024-03-31T03:30:00+02:00"
        );
        // The repeated hour: the second one, in winter time.
        assert_eq!(
            iso("2024-10-27 02:30", &z).unwrap(),
            "2024-10-27T02:30:00+01:00"
        );
        let ny = Zone::named("America/New_York").unwrap();
        assert_eq!(
            iso("2024-11-03 01:30", &ny).unwrap(),
            "2024-11-03T01:30:00-05:00"
        );
        // A YAML timestamp in the gap is UTC, so no gap at all.
        assert_eq!(
            iso("2024-03-31 02:30:00", &z).unwrap(),
            "2024-03-31T04:30:00+02:00"
        );
    }

    #[test]
    fn zones_are_named_or_utc() {
        assert!(Zone::named("fr").unwrap_err().contains("`fr`"));
        assert_eq!(Zone::utc().name(), None);
        assert_eq!(paris().name(), Some("Europe/Paris"));
        assert_eq!(
            Zone::utc().offset_at(datetime!(2024-06-10 9:00)),
            UtcOffset::UTC
        );
        let local = paris().to_local(datetime!(2024-06-10 7:30 UTC));
        assert_eq!(local, datetime!(2024-06-10 9:30 +2));
        assert_eq!(local.offset(), UtcOffset::from_hms(2, 0, 0).unwrap());
    }

    #[test]
    fn moments_order_by_instant_then_day_only() {
        let z = Zone::utc();
        let day = parse_moment("2024-06-10", &z).unwrap();
        let midnight = parse_moment("2024-06-10 00:00", &z).unwrap();
        let later = parse_moment("2024-06-10 00:01", &z).unwrap();
        assert!(midnight < day);
        assert!(day < later);
        let mut all = vec![later, day, midnight];
        all.sort();
        assert_eq!(all, vec![midnight, day, later]);
    }

    #[test]
    fn serde_writes_and_reads_the_iso_text() {
        let z = paris();
        for written in [
            "2024-06-10 09:30 +0200",
            "2024-05-02",
            "2024-06-10 07:30:00.5Z",
        ] {
            let m = parse_quoted_moment(written, &z).unwrap();
            let json = serde_json::to_string(&m).unwrap();
            if !m.day_only {
                assert_eq!(json, format!("\"{}\"", m.iso()));
            }
            let back: Moment = serde_json::from_str(&json).unwrap();
            assert_eq!(back.iso(), m.iso());
            assert_eq!(back.date(), m.date());
        }
        // A day in a zone: the same instant back, its offset after the day.
        let day = parse_quoted_moment("2024-05-02", &z).unwrap();
        let json = serde_json::to_string(&day).unwrap();
        assert_eq!(json, "\"2024-05-02 +02:00\"");
        assert_eq!(serde_json::from_str::<Moment>(&json).unwrap(), day);
        assert!(serde_json::from_str::<Moment>("\"nope\"").is_err());
    }

    #[test]
    fn post_names_split_as_jekyll_splits_them() {
        let n = post_name("2014-3-3-Hello-World.md").unwrap();
        assert_eq!(n.date, date!(2014 - 03 - 03));
        assert_eq!((n.slug, n.ext), ("Hello-World", ".md"));
        let n = post_name("2024-01-02-a.b.markdown").unwrap();
        assert_eq!((n.slug, n.ext), ("a.b", ".markdown"));
        assert_eq!(
            post_name("2024-02-30-feb.md").unwrap().date,
            date!(2024 - 03 - 01)
        );
        for bad in [
            "hello.md",
            "2024-01-02-noext",
            "2024-13-02-x.md",
            "2024-01-32-x.md",
            "2024-01-02.md",
            "x2024-01-02-y.md",
        ] {
            assert_eq!(post_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn draft_names_have_no_date() {
        assert_eq!(draft_name("a-draft.md"), ("a-draft", ".md"));
        assert_eq!(draft_name("a.b.md"), ("a.b", ".md"));
        assert_eq!(draft_name("noext"), ("noext", ""));
        assert_eq!(draft_name("dot."), ("dot.", ""));
    }

    #[test]
    fn odd_input_never_panics() {
        let z = paris();
        for s in [
            "9999-12-31 23:59:59 -2359",
            "0000-01-01 00:00 +2359",
            "\u{0}",
            "ü-ü",
        ] {
            let _ = parse_moment(s, &z);
            let _ = parse_quoted_moment(s, &z);
            let _ = post_name(s);
            let _ = draft_name(s);
        }
    }
}
