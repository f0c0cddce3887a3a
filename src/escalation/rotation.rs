//! On-call rotations: members, shift length, first hand-off, time zone, overrides.

use chrono::{DateTime, Days, Duration, LocalResult, NaiveTime, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::duration::IsoDuration;
use crate::error::Error;
use crate::id::ResponderId;

/// A temporary replacement on a rotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RotationOverride {
    /// Start (inclusive).
    #[serde(deserialize_with = "crate::time::utc")]
    pub start: DateTime<Utc>,
    /// End (exclusive).
    #[serde(deserialize_with = "crate::time::utc")]
    pub end: DateTime<Utc>,
    /// Who is on call instead.
    pub responder: ResponderId,
}

impl RotationOverride {
    /// `responder` is on call instead from `start` (inclusive) to `end` (exclusive).
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>, responder: ResponderId) -> Self {
        Self { start, end, responder }
    }
}

/// An on-call rotation. Shifts of whole days hand off at the local wall-clock time of
/// `start` in `time_zone` (so a 09:00 hand-off stays at 09:00 across daylight-saving
/// changes); shorter shifts hand off every `shift` of elapsed time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Rotation {
    /// The rotation's id; notify steps target it like a responder.
    pub id: ResponderId,
    /// Members in rotation order (person responders).
    pub members: Vec<ResponderId>,
    /// Shift length, e.g. `P7D` or `PT12H` (no years or months).
    pub shift: IsoDuration,
    /// The first hand-off: `members[0]` is on call from here.
    #[serde(deserialize_with = "crate::time::utc")]
    pub start: DateTime<Utc>,
    /// IANA time zone of the hand-off time, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Temporary replacements; the latest-starting override covering a time wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<RotationOverride>,
}

pub(crate) use crate::time::parse_tz;

impl Rotation {
    /// A rotation of `members` (person responders, in order), each on call for `shift`,
    /// `members[0]` from `start`, hand-offs at local times in `time_zone`.
    pub fn new(
        id: ResponderId,
        members: impl IntoIterator<Item = ResponderId>,
        shift: IsoDuration,
        start: DateTime<Utc>,
        time_zone: impl Into<String>,
    ) -> Self {
        Self {
            id,
            members: members.into_iter().collect(),
            shift,
            start,
            time_zone: time_zone.into(),
            overrides: Vec::new(),
        }
    }

    setters! {
        with_overrides => overrides: list RotationOverride;
    }

    /// Who is on call at `at`; `None` is a gap (before the first hand-off, or no members).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an unknown time zone, a shift that is zero or uses
    /// years or months, or `at` or the rotation's start outside years 0000 to 9999 (where
    /// local times may not exist).
    pub fn who_is_on_call(&self, at: DateTime<Utc>) -> Result<Option<ResponderId>, Error> {
        let tz = parse_tz(&self.time_zone)?;
        for t in [at, self.start] {
            crate::time::check_range("time", t)?;
        }
        let shift = self.shift.exact_part();
        if self.shift.is_calendar() || shift <= Duration::zero() {
            return Err(Error::InvalidValue {
                what: "rotation shift",
                value: self.shift.to_string(),
                expected: "a positive duration in weeks, days, hours, minutes or seconds".to_owned(),
            });
        }
        Ok(self.on_call_in(tz, at).cloned())
    }

    /// The first instant after `at` at which [`on_call_in`](Self::on_call_in) may answer
    /// differently (a hand-off, an override starting or ending, the first hand-off), or
    /// `None` when it never changes. May be early (a whole-day shift is checked at every
    /// local hand-off time), never late. The reference for `next_change_indexed`.
    #[cfg(test)]
    pub(crate) fn next_change_in(&self, tz: Tz, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let overrides = self
            .overrides
            .iter()
            .flat_map(|o| [o.start, o.end])
            .filter(|&t| t > at)
            .min();
        earliest(overrides, self.next_hand_off(tz, at))
    }

    /// The first instant after `at` at which [`on_call_in`](Self::on_call_in) may answer
    /// differently (a hand-off, an override starting or ending, the first hand-off), or
    /// `None` when it never changes, with the overrides looked up in `index` (built from
    /// this rotation's overrides) in logarithmic time. May be early (a whole-day shift
    /// is checked at every local hand-off time), never late.
    pub(crate) fn next_change_indexed(
        &self,
        index: &OverrideIndex,
        tz: Tz,
        at: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        earliest(index.next_boundary(at), self.next_hand_off(tz, at))
    }

    /// The first scheduled hand-off (or the first hand-off) after `at`; may be early.
    fn next_hand_off(&self, tz: Tz, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut next: Option<DateTime<Utc>> = None;
        let mut consider = |t: DateTime<Utc>| {
            if t > at && next.is_none_or(|n| t < n) {
                next = Some(t);
            }
        };
        if self.members.len() > 1 || at < self.start {
            if at < self.start {
                consider(self.start);
            } else {
                let secs = self.shift.exact_part().num_seconds().max(1);
                if secs.checked_rem(86_400) == Some(0) {
                    let time = self.start.with_timezone(&tz).time();
                    consider(next_local_boundary(tz, at, &[time]));
                } else {
                    let elapsed = at.signed_duration_since(self.start).num_seconds();
                    let k = elapsed.checked_div(secs).unwrap_or(0).saturating_add(1);
                    let next =
                        Duration::try_seconds(k.saturating_mul(secs)).and_then(|d| self.start.checked_add_signed(d));
                    if let Some(t) = next {
                        consider(t);
                    }
                }
            }
        }
        next
    }

    /// Who is on call at `at`, given the parsed time zone of a rotation whose shift was
    /// checked to be positive and exact.
    pub(crate) fn on_call_in(&self, tz: Tz, at: DateTime<Utc>) -> Option<&ResponderId> {
        if let Some(o) = self
            .overrides
            .iter()
            .filter(|o| o.start <= at && at < o.end)
            .max_by_key(|o| o.start)
        {
            return Some(&o.responder);
        }
        self.scheduled(tz, at)
    }

    /// [`on_call_in`](Self::on_call_in) with the overrides looked up in `index` (built
    /// from this rotation's overrides); also the overrides looked at.
    pub(crate) fn on_call_indexed(
        &self,
        index: &OverrideIndex,
        tz: Tz,
        at: DateTime<Utc>,
    ) -> (Option<&ResponderId>, usize) {
        let (found, work) = index.covering(&self.overrides, at);
        match found {
            Some(o) => (Some(&o.responder), work),
            None => (self.scheduled(tz, at), work),
        }
    }

    /// Who the schedule puts on call at `at`, overrides aside.
    fn scheduled(&self, tz: Tz, at: DateTime<Utc>) -> Option<&ResponderId> {
        if at < self.start || self.members.is_empty() {
            return None;
        }
        let secs = self.shift.exact_part().num_seconds().max(1);
        let hand_offs = if secs.checked_rem(86_400) == Some(0) {
            // Whole days: count local hand-offs.
            let days = secs.checked_div(86_400).unwrap_or(1).max(1);
            let start_local = self.start.with_timezone(&tz);
            let at_local = at.with_timezone(&tz);
            let mut elapsed = at_local
                .date_naive()
                .signed_duration_since(start_local.date_naive())
                .num_days();
            if at_local.time() < start_local.time() {
                elapsed = elapsed.saturating_sub(1);
            }
            elapsed.max(0).checked_div(days).unwrap_or(0)
        } else {
            at.signed_duration_since(self.start)
                .num_seconds()
                .checked_div(secs)
                .unwrap_or(0)
        };
        // Non-negative (`at` is not before the start) and `members` is not empty.
        let index = u64::try_from(hand_offs)
            .unwrap_or(0)
            .checked_rem(self.members.len() as u64)
            .unwrap_or(0);
        self.members.get(usize::try_from(index).unwrap_or(0))
    }
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A rotation's overrides sorted for lookups: who covers an instant, and the next
/// instant an override starts or ends, in logarithmic time (a rotation with an override
/// per hour for a year is looked up thousands of times by a coverage sweep).
#[derive(Debug, Clone, Default)]
pub(crate) struct OverrideIndex {
    /// (start, position in the document), sorted.
    by_start: Vec<(DateTime<Utc>, usize)>,
    /// `max_end[i]`: the latest end among `by_start[..=i]`.
    max_end: Vec<DateTime<Utc>>,
    /// Every start and end, sorted.
    boundaries: Vec<DateTime<Utc>>,
}

impl OverrideIndex {
    pub(crate) fn new(overrides: &[RotationOverride]) -> Self {
        let mut by_start: Vec<(DateTime<Utc>, usize)> =
            overrides.iter().enumerate().map(|(i, o)| (o.start, i)).collect();
        by_start.sort_unstable();
        let mut max_end = Vec::with_capacity(by_start.len());
        let mut latest: Option<DateTime<Utc>> = None;
        for &(_, i) in &by_start {
            let end = overrides.get(i).map(|o| o.end);
            latest = latest.max(end);
            if let Some(l) = latest {
                max_end.push(l);
            }
        }
        let mut boundaries: Vec<DateTime<Utc>> = overrides.iter().flat_map(|o| [o.start, o.end]).collect();
        boundaries.sort_unstable();
        Self {
            by_start,
            max_end,
            boundaries,
        }
    }

    /// The override covering `at` with the latest start (of equal starts, the later in
    /// the document, as [`Rotation::on_call_in`] picks), and the overrides looked at.
    pub(crate) fn covering<'r>(
        &self,
        overrides: &'r [RotationOverride],
        at: DateTime<Utc>,
    ) -> (Option<&'r RotationOverride>, usize) {
        // Overrides starting at or before `at`, scanned from the latest start back while
        // an earlier one may still be running.
        let started = self.by_start.partition_point(|&(start, _)| start <= at);
        let mut work = 1usize;
        for k in (0..started).rev() {
            if self.max_end.get(k).is_none_or(|&end| end <= at) {
                break;
            }
            work = work.saturating_add(1);
            let Some(o) = self.by_start.get(k).and_then(|&(_, i)| overrides.get(i)) else {
                continue;
            };
            if at < o.end {
                return (Some(o), work);
            }
        }
        (None, work)
    }

    /// The first start or end of an override after `at`.
    pub(crate) fn next_boundary(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let i = self.boundaries.partition_point(|&t| t <= at);
        self.boundaries.get(i).copied()
    }
}

/// The first instant after `at` at which a rule reading the local time of day in `tz`
/// may change its answer: the next occurrence of one of `times` (both occurrences when
/// the clock falls back), or an offset change in between (a daylight-saving jump moves
/// the local time of day without it passing the times). Looks up to two days ahead;
/// without any boundary in that span, `at` plus two days (a safe, earlier bound).
pub(crate) fn next_local_boundary(tz: Tz, at: DateTime<Utc>, times: &[NaiveTime]) -> DateTime<Utc> {
    let horizon = at
        .checked_add_signed(Duration::days(2))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    let mut best = horizon;
    let today = at.with_timezone(&tz).date_naive();
    for day in 0..3u64 {
        let Some(date) = today.checked_add_days(Days::new(day)) else {
            break;
        };
        for &time in times {
            let candidates = match tz.from_local_datetime(&date.and_time(time)) {
                LocalResult::Single(x) => [Some(x), None],
                LocalResult::Ambiguous(x, y) => [Some(x), Some(y)],
                LocalResult::None => [None, None],
            };
            for c in candidates.into_iter().flatten() {
                let c = c.with_timezone(&Utc);
                if c > at && c < best {
                    best = c;
                }
            }
        }
    }
    // An offset change before `best`: find it to the minute (transitions fall on whole minutes).
    let offset = |t: DateTime<Utc>| t.with_timezone(&tz).offset().fix();
    if offset(at) != offset(best) {
        let (mut lo, mut hi) = (at, best);
        while hi.signed_duration_since(lo) > Duration::minutes(1) {
            let Some(half) = hi.signed_duration_since(lo).checked_div(2) else {
                break;
            };
            let Some(mid) = lo.checked_add_signed(half) else { break };
            if offset(mid) == offset(at) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // `hi` is within a minute after the change: step back to the whole minute.
        let minute = hi.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(hi);
        best = if minute > at && offset(minute) != offset(at) {
            minute
        } else {
            hi
        };
    }
    best
}

#[cfg(test)]
mod tests {
    #[test]
    fn indexed_lookups_agree_with_the_scan() {
        // Overlapping, nested, touching and repeated overrides (a linear congruential
        // sequence), and instants around every boundary.
        let base: DateTime<Utc> = "2026-01-05T00:00:00Z".parse().unwrap();
        let mut state = 7u64;
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        let mut overrides = Vec::new();
        for i in 0..300 {
            let start = base + Duration::minutes(next(5_000) as i64);
            let end = start + Duration::minutes(1 + next(600) as i64);
            overrides.push(RotationOverride::new(
                start,
                end,
                format!("p{}", i % 7).parse().unwrap(),
            ));
        }
        let r = Rotation::new(
            "r".parse().unwrap(),
            ["a".parse().unwrap(), "b".parse().unwrap()],
            IsoDuration::parse("PT8H").unwrap(),
            base,
            "UTC",
        )
        .with_overrides(overrides.clone());
        let index = OverrideIndex::new(&r.overrides);
        let tz = chrono_tz::UTC;
        let mut instants: Vec<DateTime<Utc>> = overrides
            .iter()
            .flat_map(|o| [o.start, o.end])
            .flat_map(|t| [t - Duration::seconds(1), t, t + Duration::seconds(1)])
            .collect();
        instants.push(base - Duration::days(1));
        instants.push(base + Duration::days(30));
        for at in instants {
            assert_eq!(r.on_call_indexed(&index, tz, at).0, r.on_call_in(tz, at), "{at}");
            assert_eq!(r.next_change_indexed(&index, tz, at), r.next_change_in(tz, at), "{at}");
        }
    }

    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn local_boundaries_across_daylight_saving_changes() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let half_past_two = [NaiveTime::from_hms_opt(2, 30, 0).unwrap()];
        // Spring forward: 02:30 does not exist on 29 March; local time jumps past it at
        // 03:00 CEST (01:00Z).
        assert_eq!(
            next_local_boundary(berlin, t("2026-03-29T00:30:00Z"), &half_past_two),
            t("2026-03-29T01:00:00Z")
        );
        // Fall back: 02:30 happens twice on 25 October, and the jump back in between
        // (03:00 CEST → 02:00 CET, 01:00Z) moves the local time back before it.
        let mut at = t("2026-10-25T00:00:00Z");
        let mut seen = Vec::new();
        for _ in 0..3 {
            at = next_local_boundary(berlin, at, &half_past_two);
            seen.push(at);
        }
        assert_eq!(
            seen,
            [
                t("2026-10-25T00:30:00Z"),
                t("2026-10-25T01:00:00Z"),
                t("2026-10-25T01:30:00Z")
            ]
        );
        // An ordinary day: the next local occurrence.
        assert_eq!(
            next_local_boundary(berlin, t("2026-01-05T12:00:00Z"), &half_past_two),
            t("2026-01-06T01:30:00Z")
        );
    }

    #[test]
    fn rotation_changes_at_hand_offs_and_overrides() {
        let r: Rotation = serde_json::from_value(serde_json::json!({
            "id": "r", "members": ["a", "b"], "shift": "PT12H", "start": "2026-01-01T06:00:00Z",
            "time_zone": "UTC",
            "overrides": [{"start": "2026-01-02T07:00:00Z", "end": "2026-01-02T08:00:00Z", "responder": "c"}]
        }))
        .unwrap();
        let utc: Tz = "UTC".parse().unwrap();
        assert_eq!(
            r.next_change_in(utc, t("2025-12-31T00:00:00Z")),
            Some(t("2026-01-01T06:00:00Z"))
        );
        assert_eq!(
            r.next_change_in(utc, t("2026-01-01T06:00:00Z")),
            Some(t("2026-01-01T18:00:00Z"))
        );
        assert_eq!(
            r.next_change_in(utc, t("2026-01-02T06:30:00Z")),
            Some(t("2026-01-02T07:00:00Z"))
        );
        assert_eq!(
            r.next_change_in(utc, t("2026-01-02T07:00:00Z")),
            Some(t("2026-01-02T08:00:00Z"))
        );
    }
}
