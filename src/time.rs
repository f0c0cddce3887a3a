//! The supported range of times and durations, and strict RFC 3339 reading.
//!
//! Documents carry RFC 3339 UTC times with four-digit years (RFC 3339's
//! `date-fullyear`), so every time a document can hold lies in years 0000 to 9999.
//! chrono's own `Deserialize` also accepts signed years of any width (`+100000-…`) near
//! the end of its range, where local-time conversion overflows; reading through
//! [`utc`] refuses those with a clear error, as a JSON Schema `date-time` check does.

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Deserializer};

use crate::error::Error;
use crate::report::{ProblemKind, ValidationReport};

/// The latest time a document may hold: the end of year 9999.
pub(crate) const MAX_YEAR: i32 = 9999;

/// `true` when `at` lies in the supported range (years 0000 to 9999).
pub(crate) fn in_range(at: &DateTime<Utc>) -> bool {
    (0..=MAX_YEAR).contains(&at.year())
}

/// `Ok` when `at` lies in the supported range, else [`Error::InvalidValue`] about `what`.
pub(crate) fn check_range(what: &'static str, at: DateTime<Utc>) -> Result<(), Error> {
    if in_range(&at) {
        Ok(())
    } else {
        Err(Error::InvalidValue {
            what,
            value: at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            expected: "a time in years 0000 to 9999".to_owned(),
        })
    }
}

/// A time as RFC 3339 in `Z` form, fractional seconds only when non-zero (how every
/// report and brief of the crate writes times).
pub(crate) fn rfc(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// What a document time must look like (the same words on every path).
pub(crate) const EXPECTED: &str = "an RFC 3339 date-time with a four-digit year, such as `2026-03-14T09:12:00Z`";

/// `text` as a time in the supported range, if it is one.
pub(crate) fn parse_str(text: &str) -> Option<DateTime<Utc>> {
    // RFC 3339's grammar separates date and time with `T` (chrono also takes a space).
    let separated = matches!(text.as_bytes().get(10), Some(b'T' | b't'));
    DateTime::parse_from_rfc3339(text)
        .ok()
        .filter(|_| separated)
        .map(|t| t.with_timezone(&Utc))
        .filter(in_range)
}

fn parse<E: serde::de::Error>(text: &str) -> Result<DateTime<Utc>, E> {
    parse_str(text).ok_or_else(|| E::custom(format!("invalid time `{text}`: expected {EXPECTED}")))
}

/// Reports `at` at `pointer` when it lies outside the supported range, as the schema
/// walker reports the same time read from JSON (a structure problem, same words), so a
/// value built in Rust and its JSON get the same report.
pub(crate) fn check(at: &DateTime<Utc>, pointer: impl FnOnce() -> String, report: &mut ValidationReport) {
    if !in_range(at) {
        // As serde writes it (chrono's `Serialize`).
        let written = serde_json::to_value(at)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        report.push(
            pointer(),
            ProblemKind::Structure,
            EXPECTED,
            Some(format!("`{written}`")),
        );
    }
}

/// Reads an RFC 3339 time in the supported range.
pub(crate) fn utc<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    parse(&text)
}

/// Reads an optional RFC 3339 time in the supported range (`null` is no time).
pub(crate) fn utc_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
        Some(text) => parse(&text).map(Some),
        None => Ok(None),
    }
}

/// Parses an IANA time zone name.
pub(crate) fn parse_tz(name: &str) -> Result<chrono_tz::Tz, Error> {
    name.parse::<chrono_tz::Tz>().map_err(|_| Error::InvalidValue {
        what: "time zone",
        value: name.to_owned(),
        expected: "an IANA time zone name such as `Europe/Berlin` or `UTC`".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(deserialize_with = "utc")]
        at: DateTime<Utc>,
    }

    #[test]
    fn four_digit_years_only() {
        let ok = |s: &str| serde_json::from_str::<T>(&format!(r#"{{"at": "{s}"}}"#)).is_ok_and(|t| in_range(&t.at));
        assert!(ok("2026-03-14T09:12:00Z"));
        assert!(ok("2026-03-14T09:12:00.5+01:00"));
        assert!(ok("9999-12-31T23:59:59Z"));
        assert!(ok("0000-01-01T12:00:00Z"));
        assert!(!ok("+100000-01-01T00:00:00Z"), "chrono's far end");
        assert!(!ok("10000-01-01T00:00:00Z"));
        assert!(!ok("2026-03-14 09:12:00Z"), "RFC 3339 needs the `T`");
        assert!(!ok("9999-12-31T23:59:59-01:00"), "year 10000 in UTC");
        let direct: Result<DateTime<Utc>, _> = serde_json::from_str("\"+100000-01-01T00:00:00Z\"");
        assert!(direct.is_ok(), "what chrono alone would accept");
    }
}
