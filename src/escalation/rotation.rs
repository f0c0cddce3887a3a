//! On-call rotations: members, shift length, first hand-off, time zone, overrides.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Error, IsoDuration, ResponderId};

/// A temporary replacement on a rotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RotationOverride {
    /// Start (inclusive).
    pub start: DateTime<Utc>,
    /// End (exclusive).
    pub end: DateTime<Utc>,
    /// Who is on call instead.
    pub responder: ResponderId,
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
    pub start: DateTime<Utc>,
    /// IANA time zone of the hand-off time, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Temporary replacements; the latest-starting override covering a time wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<RotationOverride>,
}

/// Parses an IANA time zone name.
pub(crate) fn parse_tz(name: &str) -> Result<Tz, Error> {
    name.parse::<Tz>().map_err(|_| Error::InvalidValue {
        what: "time zone",
        value: name.to_owned(),
        expected: "an IANA time zone name such as `Europe/Berlin` or `UTC`".to_owned(),
    })
}

impl Rotation {
    /// Who is on call at `at`; `None` is a gap (before the first hand-off, or no members).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an unknown time zone or a shift that is zero or uses
    /// years or months.
    pub fn who_is_on_call(&self, at: DateTime<Utc>) -> Result<Option<ResponderId>, Error> {
        let tz = parse_tz(&self.time_zone)?;
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
        if at < self.start || self.members.is_empty() {
            return None;
        }
        let n = self.members.len() as i64;
        let secs = self.shift.exact_part().num_seconds().max(1);
        let index = if secs % 86_400 == 0 {
            // Whole days: count local hand-offs.
            let days = secs / 86_400;
            let start_local = self.start.with_timezone(&tz);
            let at_local = at.with_timezone(&tz);
            let mut elapsed = (at_local.date_naive() - start_local.date_naive()).num_days();
            if at_local.time() < start_local.time() {
                elapsed -= 1;
            }
            elapsed.max(0) / days
        } else {
            (at - self.start).num_seconds() / secs
        };
        self.members.get((index % n) as usize)
    }
}
