//! ISO 8601 durations, the wire form of every duration in `aiir` documents.

use chrono::{DateTime, Months, TimeDelta, Utc};

use crate::error::Error;
use crate::report::ValidationReport;

/// The limit in seconds: 36 600 days.
const MAX_SECONDS: u64 = 36_600 * 86_400;
/// A calendar month's average length in seconds (30.436875 days, the Gregorian mean),
/// used only to weigh months against the limit: `P1200M` (100 years) is 36 524.25 days.
const MONTH_SECONDS: u64 = 2_629_746;

/// An ISO 8601 duration such as `PT15M`, `P15D` or `P1Y`.
///
/// Components are whole numbers and are kept as written (`PT90M` stays `PT90M`, it is not
/// normalised to `PT1H30M`); components that are zero are not written back, so `PT0S`
/// or `P0Y0D` are written `P0D`. Years and months are calendar units:
/// [`IsoDuration::add_to`] adds them with calendar arithmetic (clamping to the end of a
/// shorter month), then weeks, days, hours, minutes and seconds as exact time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IsoDuration {
    years: u32,
    months: u32,
    weeks: u32,
    days: u32,
    hours: u32,
    minutes: u32,
    seconds: u32,
}

impl IsoDuration {
    /// The longest duration a document may hold, in years: about 100, exactly 36 600
    /// days, all parts together, a month counting 30.44 days (so `P100Y`, `P1200M` and
    /// `P36600D` fit, `P100Y76D` and `P1203M` do not). Longer ones are rejected when
    /// read, so no clock or escalation wait runs past chrono's range.
    pub const MAX_YEARS: u32 = 100;

    /// The syntax, as a regular expression (a duration with at least one component is
    /// further required by a `not` clause in the schema). The published schema states
    /// it with each number bounded to a `u32`, as it is read.
    pub const PATTERN: &'static str = "^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$";

    /// A duration of whole minutes, e.g. `PT15M`.
    pub const fn minutes(minutes: u32) -> Self {
        Self {
            years: 0,
            months: 0,
            weeks: 0,
            days: 0,
            hours: 0,
            minutes,
            seconds: 0,
        }
    }

    /// A duration of whole hours, e.g. `PT72H`.
    pub const fn hours(hours: u32) -> Self {
        Self {
            years: 0,
            months: 0,
            weeks: 0,
            days: 0,
            hours,
            minutes: 0,
            seconds: 0,
        }
    }

    /// A duration of whole calendar days, e.g. `P15D`.
    pub const fn days(days: u32) -> Self {
        Self {
            years: 0,
            months: 0,
            weeks: 0,
            days,
            hours: 0,
            minutes: 0,
            seconds: 0,
        }
    }

    /// A duration of calendar months, e.g. `P1M`.
    pub const fn months(months: u32) -> Self {
        Self {
            years: 0,
            months,
            weeks: 0,
            days: 0,
            hours: 0,
            minutes: 0,
            seconds: 0,
        }
    }

    /// A duration of calendar years, e.g. `P1Y`.
    pub const fn years(years: u32) -> Self {
        Self {
            years,
            months: 0,
            weeks: 0,
            days: 0,
            hours: 0,
            minutes: 0,
            seconds: 0,
        }
    }

    /// Parses an ISO 8601 duration (`PnYnMnWnDTnHnMnS`, whole numbers, at least one part)
    /// of at most [`MAX_YEARS`](Self::MAX_YEARS) years.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the input when it is not such a duration, or is
    /// longer.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = || Error::InvalidValue {
            what: "ISO 8601 duration",
            value: text.to_owned(),
            expected:
                "`P` then whole-number parts in the order Y M W D, optionally `T` then H M S (e.g. `PT15M`, `P15D`)"
                    .to_owned(),
        };
        let rest = text.strip_prefix('P').ok_or_else(bad)?;
        let mut d = Self::default();
        let mut in_time = false;
        let mut saw_part = false;
        let mut saw_time_part = false;
        // Order ranks: date Y=0 M=1 W=2 D=3, time H=4 M=5 S=6.
        let mut last_rank: i8 = -1;
        let mut number: Option<u32> = None;
        for c in rest.chars() {
            if let Some(digit) = c.to_digit(10) {
                let n = number.unwrap_or(0);
                number = Some(n.checked_mul(10).and_then(|n| n.checked_add(digit)).ok_or_else(bad)?);
                continue;
            }
            if c == 'T' {
                if in_time || number.is_some() {
                    return Err(bad());
                }
                in_time = true;
                continue;
            }
            let n = number.take().ok_or_else(bad)?;
            let (rank, slot) = match (in_time, c) {
                (false, 'Y') => (0, &mut d.years),
                (false, 'M') => (1, &mut d.months),
                (false, 'W') => (2, &mut d.weeks),
                (false, 'D') => (3, &mut d.days),
                (true, 'H') => (4, &mut d.hours),
                (true, 'M') => (5, &mut d.minutes),
                (true, 'S') => (6, &mut d.seconds),
                _ => return Err(bad()),
            };
            if rank <= last_rank {
                return Err(bad());
            }
            last_rank = rank;
            *slot = n;
            saw_part = true;
            saw_time_part |= in_time;
        }
        if number.is_some() || !saw_part || (in_time && !saw_time_part) {
            return Err(bad());
        }
        if !d.is_within_limit() {
            return Err(Error::InvalidValue {
                what: "ISO 8601 duration",
                value: text.to_owned(),
                expected: format!(
                    "a duration of at most {} years (36600 days, a month counting 30.44 days)",
                    Self::MAX_YEARS
                ),
            });
        }
        Ok(d)
    }

    /// `self` added to `at`.
    ///
    /// # Errors
    /// [`Error::TimeOverflow`] when the result leaves chrono's representable range.
    pub fn add_to(&self, at: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
        let overflow = || Error::TimeOverflow {
            at: at.to_rfc3339(),
            duration: self.to_string(),
        };
        if !self.is_calendar() {
            return at.checked_add_signed(self.exact_part()).ok_or_else(overflow);
        }
        let months = self
            .years
            .checked_mul(12)
            .and_then(|m| m.checked_add(self.months))
            .ok_or_else(overflow)?;
        let at = at.checked_add_months(Months::new(months)).ok_or_else(overflow)?;
        at.checked_add_signed(self.exact_part()).ok_or_else(overflow)
    }

    /// Years and months in months (each part is at most `u32::MAX`: no overflow in u64).
    #[allow(clippy::arithmetic_side_effects)] // u32 parts: at most about 5.6 × 10^10
    fn total_months(&self) -> u64 {
        u64::from(self.years) * 12 + u64::from(self.months)
    }

    /// Weeks, days, hours, minutes and seconds in seconds (at most about 3.4 × 10^15:
    /// no overflow in u64).
    #[allow(clippy::arithmetic_side_effects)] // u32 parts: at most about 3.4 × 10^15
    fn total_seconds(&self) -> u64 {
        u64::from(self.weeks) * 604_800
            + u64::from(self.days) * 86_400
            + u64::from(self.hours) * 3_600
            + u64::from(self.minutes) * 60
            + u64::from(self.seconds)
    }

    /// The exact-time part (weeks, days, hours, minutes, seconds) as a `TimeDelta`.
    pub fn exact_part(&self) -> TimeDelta {
        // At most about 3.4 × 10^15 seconds, within `TimeDelta`'s ±9.2 × 10^15.
        i64::try_from(self.total_seconds())
            .ok()
            .and_then(TimeDelta::try_seconds)
            .unwrap_or(TimeDelta::MAX)
    }

    /// The longest time this duration can span from any start: the exact part plus
    /// calendar months counted as 31 days and years as 366 (saturating at
    /// `TimeDelta::MAX`). Use it for worst cases, such as an escalation's time to page.
    pub fn longest(&self) -> TimeDelta {
        self.with_calendar_days(366, 31)
    }

    /// The shortest time this duration can span from any start: the exact part plus
    /// calendar months counted as 28 days and years as 365. Use it for deadlines that
    /// must hold from every start, such as a time-to-acknowledge target.
    pub fn shortest(&self) -> TimeDelta {
        self.with_calendar_days(365, 28)
    }

    fn with_calendar_days(&self, per_year: u64, per_month: u64) -> TimeDelta {
        let days = u64::from(self.years)
            .checked_mul(per_year)
            .and_then(|y| u64::from(self.months).checked_mul(per_month)?.checked_add(y));
        days.and_then(|d| d.checked_mul(86_400))
            .and_then(|s| s.checked_add(self.total_seconds()))
            .and_then(|s| i64::try_from(s).ok())
            .and_then(TimeDelta::try_seconds)
            .unwrap_or(TimeDelta::MAX)
    }

    /// `true` when the duration is at most [`MAX_YEARS`](Self::MAX_YEARS) long, as every
    /// parsed duration is. The constructors take any `u32`; documents holding a longer
    /// duration fail validation (so what validates in Rust also reads back from JSON).
    pub fn is_within_limit(&self) -> bool {
        self.total_months()
            .checked_mul(MONTH_SECONDS)
            .and_then(|m| m.checked_add(self.total_seconds()))
            .is_some_and(|total| total <= MAX_SECONDS)
    }

    /// Reports a duration longer than the limit at `pointer`.
    pub(crate) fn check(&self, pointer: impl FnOnce() -> String, report: &mut ValidationReport) {
        if !self.is_within_limit() {
            // A semantic problem (beyond what the schema states), as the schema walker
            // reports the same duration read from JSON, so both paths give the same report.
            report.push(
                pointer(),
                crate::report::ProblemKind::Semantic,
                format!(
                    "a duration of at most {} years (36600 days, a month counting 30.44 days)",
                    Self::MAX_YEARS
                ),
                Some(format!("`{self}`")),
            );
        }
    }

    /// `true` when the duration has year or month parts, whose length depends on the start.
    pub fn is_calendar(&self) -> bool {
        self.years > 0 || self.months > 0
    }
}

impl std::fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("P")?;
        let date = [
            (self.years, 'Y'),
            (self.months, 'M'),
            (self.weeks, 'W'),
            (self.days, 'D'),
        ];
        let time = [(self.hours, 'H'), (self.minutes, 'M'), (self.seconds, 'S')];
        let mut any = false;
        for (n, unit) in date {
            if n > 0 {
                write!(f, "{n}{unit}")?;
                any = true;
            }
        }
        if time.iter().any(|(n, _)| *n > 0) {
            f.write_str("T")?;
            for (n, unit) in time {
                if n > 0 {
                    write!(f, "{n}{unit}")?;
                }
            }
        } else if !any {
            f.write_str("0D")?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for IsoDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IsoDuration({self})")
    }
}

impl std::str::FromStr for IsoDuration {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

impl serde::Serialize for IsoDuration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for IsoDuration {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for IsoDuration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDuration".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "duration",
            "pattern": Self::PATTERN,
            "not": { "pattern": "^P$|T$" },
            "description": "An ISO 8601 duration with whole-number parts, e.g. `PT15M`, `PT72H`, `P15D`, `P1Y`; at most 100 years.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_parts_bound_both_ways() {
        let d = IsoDuration::parse("P1Y2MT1H").unwrap();
        assert_eq!(d.exact_part(), TimeDelta::hours(1));
        assert_eq!(d.longest(), TimeDelta::days(366 + 62) + TimeDelta::hours(1));
        assert_eq!(d.shortest(), TimeDelta::days(365 + 56) + TimeDelta::hours(1));
        assert_eq!(IsoDuration::years(u32::MAX).longest(), TimeDelta::MAX);
        assert!(!IsoDuration::days(36_601).is_within_limit());
        assert!(IsoDuration::days(36_600).is_within_limit());
        assert!(IsoDuration::months(1_200).is_within_limit());
        assert!(IsoDuration::years(100).is_within_limit());
        assert!(!IsoDuration::months(1_203).is_within_limit());
        // All parts count together: a hundred years and another hundred in days is too long.
        assert!(IsoDuration::parse("P100Y36600D").is_err());
        assert!(IsoDuration::parse("P99Y365D").is_ok());
        assert!(IsoDuration::parse("P100Y75D").is_ok());
        assert!(IsoDuration::parse("P100Y76D").is_err());
    }

    #[test]
    fn parses_and_prints() {
        for s in [
            "PT15M",
            "P15D",
            "P1Y",
            "P1Y2M3W4DT5H6M7S",
            "PT90M",
            "P0D",
            "PT72H",
            "P2W",
        ] {
            assert_eq!(IsoDuration::parse(s).unwrap().to_string(), s, "{s}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "",
            "P",
            "PT",
            "P1DT",
            "15M",
            "P1.5D",
            "PT1D",
            "P1H",
            "P1M1Y",
            "PT1S1M",
            "P-1D",
            "p1d",
            "P1D ",
            "P99999999999D",
            "P4294967295W",
            "P101Y",
            "P1203M",
            "P36601D",
        ] {
            assert!(IsoDuration::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn pattern_agrees_with_parser() {
        let re = regex::Regex::new(IsoDuration::PATTERN).unwrap();
        let not = regex::Regex::new("^P$|T$").unwrap();
        for s in [
            "",
            "P",
            "PT",
            "P1DT",
            "PT15M",
            "P15D",
            "P1Y2M3W4DT5H6M7S",
            "PT1D",
            "P1M1Y",
            "P0D",
            "T",
            "P1D1D",
        ] {
            let schema_ok = re.is_match(s) && !not.is_match(s);
            assert_eq!(schema_ok, IsoDuration::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn calendar_arithmetic() {
        let at: DateTime<Utc> = "2026-01-31T10:00:00Z".parse().unwrap();
        let one_month = IsoDuration::parse("P1M").unwrap().add_to(at).unwrap();
        assert_eq!(one_month.to_rfc3339(), "2026-02-28T10:00:00+00:00");
        let h72 = IsoDuration::hours(72).add_to(at).unwrap();
        assert_eq!(h72.to_rfc3339(), "2026-02-03T10:00:00+00:00");
        assert!(IsoDuration::years(u32::MAX).add_to(at).is_err());
    }
}
