//! Date arithmetic for regulatory clocks: instants, business days, and the EU rules on
//! periods (Reg. 1182/71). Every step is checked; a result outside years 0000 to 9999 is
//! `None`.

use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use foldhash::HashSet;

use crate::regulation::rules::{Calendar, Unit};

/// A calendar ready for counting.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(crate) id: std::sync::Arc<str>,
    pub(crate) tz: Tz,
    holidays: HashSet<NaiveDate>,
    holidays_from: Option<i32>,
    holidays_through: Option<i32>,
    cutoff: Option<NaiveTime>,
}

/// How many days past the last counted day a search for a working day may look: a year,
/// plus one day per listed holiday (a calendar could list every day as a holiday).
fn search_limit(holidays: usize) -> u64 {
    u64::try_from(holidays).unwrap_or(u64::MAX).saturating_add(366)
}

impl Compiled {
    pub(crate) fn new(calendar: &Calendar, tz: Tz, extra_holidays: &[NaiveDate]) -> Self {
        Self {
            id: std::sync::Arc::from(calendar.id.as_str()),
            tz,
            holidays: calendar.holidays.iter().chain(extra_holidays).copied().collect(),
            holidays_from: calendar.holidays_from,
            holidays_through: calendar.holidays_through,
            cutoff: calendar.cutoff,
        }
    }

    /// `true` for Saturdays, Sundays and holidays.
    pub(crate) fn is_closed(&self, day: NaiveDate) -> bool {
        matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || self.holidays.contains(&day)
    }

    /// The first year from `from` to `to` that the holiday list does not cover, if any.
    pub(crate) fn uncovered_year(&self, from: NaiveDate, to: NaiveDate) -> Option<i32> {
        if self.holidays_from.is_some_and(|first| from.year() < first) {
            return Some(from.year());
        }
        if self.holidays_through.is_some_and(|last| to.year() > last) {
            return Some(to.year());
        }
        None
    }

    /// The first working day after `day`.
    fn next_open(&self, day: NaiveDate) -> Option<NaiveDate> {
        let mut d = day;
        for _ in 0..search_limit(self.holidays.len()) {
            d = d.succ_opt()?;
            if !self.is_closed(d) {
                return Some(d);
            }
        }
        None
    }

    /// The local date of `at`.
    pub(crate) fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The `n`th business day after `anchor`'s local date (the anchor's day not counted;
    /// SEC Form 8-K General Instruction B.1 for an anchor on a closed day), at the
    /// cut-off time (the end of the day when there is none).
    pub(crate) fn add_business_days(&self, anchor: DateTime<Utc>, n: u32) -> Option<(DateTime<Utc>, NaiveDate)> {
        let mut day = self.local_date(anchor);
        for _ in 0..n {
            day = self.next_open(day)?;
        }
        Some((self.close_of(day)?, day))
    }

    /// When `day`'s filings close: the cut-off, or the start of the next day.
    fn close_of(&self, day: NaiveDate) -> Option<DateTime<Utc>> {
        match self.cutoff {
            Some(t) => local(self.tz, day.and_time(t)),
            None => end_of_day(self.tz, day),
        }
    }

    /// The latest deadline Reg. 1182/71 allows for `amount` `unit`s from `anchor`.
    pub(crate) fn eu_1182_71(&self, anchor: DateTime<Utc>, amount: u32, unit: Unit) -> Option<DateTime<Utc>> {
        let last_day = match unit {
            // Art. 3(1): the hour of the event is not counted; 3(2)(a): the period ends
            // with the expiry of its last hour; 3(4) does not apply to hours.
            Unit::Hours => {
                let start = anchor
                    .with_nanosecond(0)?
                    .with_second(0)?
                    .with_minute(0)?
                    .checked_add_signed(TimeDelta::hours(1))?;
                return start.checked_add_signed(TimeDelta::try_hours(i64::from(amount))?);
            }
            // Art. 3(1): the day of the event is not counted; 3(2)(b)-(c): the period ends
            // with the expiry of the last day.
            Unit::Days => self.local_date(anchor).checked_add_days(Days::new(u64::from(amount)))?,
            Unit::Months => self.local_date(anchor).checked_add_months(Months::new(amount))?,
            Unit::BusinessDays => return self.add_business_days(anchor, amount).map(|(t, _)| t),
        };
        // Art. 3(4): a period ending on a Saturday, Sunday or holiday ends with the
        // expiry of the last hour of the following working day.
        let mut day = if self.is_closed(last_day) {
            self.next_open(last_day)?
        } else {
            last_day
        };
        // Art. 3(5): a period of two days or more includes at least two working days.
        if unit == Unit::Months || amount >= 2 {
            let first = self.next_open(self.local_date(anchor))?;
            let second = self.next_open(first)?;
            day = day.max(second);
        }
        end_of_day(self.tz, day)
    }

    /// DORA's relief (Delegated Reg. 2025/301 Art. 5(4)): noon of the next working day
    /// when `deadline` falls on a weekend day or holiday; `None` otherwise.
    pub(crate) fn next_working_day_noon(&self, deadline: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let day = self.local_date(deadline);
        if !self.is_closed(day) {
            return None;
        }
        let open = self.next_open(day)?;
        local(self.tz, open.and_time(NaiveTime::from_hms_opt(12, 0, 0)?))
    }
}

/// The instant of local time `t` in `tz`: the earlier of two when clocks go back; the
/// first instant after the gap when clocks go forward.
pub(crate) fn local(tz: Tz, t: NaiveDateTime) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    if let Some(at) = tz.from_local_datetime(&t).earliest() {
        return Some(at.with_timezone(&Utc));
    }
    // In a gap (at most a few hours wide): the first local time after it.
    let mut probe = t;
    for _ in 0..24 * 4 {
        probe = probe.checked_add_signed(TimeDelta::minutes(15))?;
        if let Some(at) = tz.from_local_datetime(&probe).earliest() {
            return Some(at.with_timezone(&Utc));
        }
    }
    None
}

/// The end of local `day` in `tz` (the start of the next day).
pub(crate) fn end_of_day(tz: Tz, day: NaiveDate) -> Option<DateTime<Utc>> {
    local(tz, day.succ_opt()?.and_time(NaiveTime::MIN))
}

/// The default (earliest defensible) deadline: hours and days added to the UTC instant
/// (a day is 24 hours), months to the UTC date; business days need a calendar.
pub(crate) fn add_instant(anchor: DateTime<Utc>, amount: u32, unit: Unit) -> Option<DateTime<Utc>> {
    match unit {
        Unit::Hours => anchor.checked_add_signed(TimeDelta::try_hours(i64::from(amount))?),
        Unit::Days => anchor.checked_add_signed(TimeDelta::try_days(i64::from(amount))?),
        Unit::Months => anchor.checked_add_months(Months::new(amount)),
        Unit::BusinessDays => None,
    }
    .filter(crate::time::in_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(holidays: &[&str]) -> Compiled {
        let c = Calendar::new("t", "America/New_York")
            .with_holidays(holidays.iter().map(|d| d.parse().unwrap()))
            .with_cutoff(NaiveTime::from_hms_opt(17, 30, 0).unwrap());
        Compiled::new(&c, chrono_tz::America::New_York, &[])
    }

    #[test]
    fn a_long_run_of_holidays_is_searched_past_and_bounded() {
        let all: Vec<String> = (0..800)
            .map(|i| {
                NaiveDate::from_ymd_opt(2026, 1, 1)
                    .unwrap()
                    .checked_add_days(Days::new(i))
                    .unwrap()
                    .to_string()
            })
            .collect();
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let c = cal(&refs);
        // 800 days closed from 2026-01-01 (to 2028-03-10, a Friday): the fourth business
        // day after is Thursday 2028-03-16.
        let (_, day) = c.add_business_days("2026-01-02T12:00:00Z".parse().unwrap(), 4).unwrap();
        assert_eq!(day, NaiveDate::from_ymd_opt(2028, 3, 16).unwrap());
        // The search for an open day is bounded: a year past the listed holidays.
        assert!(c.next_open(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()).is_some());
        let max = NaiveDate::MAX;
        assert_eq!(c.next_open(max), None);
    }

    #[test]
    fn local_times_in_a_gap_move_forward() {
        // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 -> 03:00).
        let t = NaiveDate::from_ymd_opt(2026, 3, 8)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(
            local(chrono_tz::America::New_York, t),
            Some("2026-03-08T07:00:00Z".parse().unwrap())
        );
    }

    #[test]
    fn instants_past_year_9999_are_none() {
        let late: DateTime<Utc> = "9999-12-31T00:00:00Z".parse().unwrap();
        assert_eq!(add_instant(late, 2, Unit::Days), None);
        assert_eq!(
            add_instant(late, 1, Unit::Hours),
            Some("9999-12-31T01:00:00Z".parse().unwrap())
        );
    }
}
