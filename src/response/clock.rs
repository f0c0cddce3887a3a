//! SLA clocks: acknowledge, contain, resolve and update, from the priority's targets and
//! the timeline, with pauses while the response waits on an external party.

use std::fmt;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::duration::IsoDuration;
use crate::incident::Incident;
use crate::lifecycle::Phase;
use crate::severity::SlaTarget;
use crate::timeline::EventKind;

/// Which SLA clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClockKind {
    /// Detection to first acknowledgement (`time_to_acknowledge`).
    Acknowledge,
    /// Detection to containment: first entering `contained` or a later working phase
    /// (`eradicated`, `recovered`, `post_incident_review`), or the closure the incident
    /// is closed by now (`time_to_contain`).
    Contain,
    /// Detection to resolution: first entering `recovered` or `post_incident_review`, or
    /// the closure the incident is closed by now (`time_to_resolve`).
    Resolve,
    /// Stakeholder updates while the incident is open (`update_every`): from detection,
    /// then from each `notification_sent`, until the closure it is closed by now.
    Update,
}

impl ClockKind {
    /// The wire name, e.g. `acknowledge`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Acknowledge => "acknowledge",
            Self::Contain => "contain",
            Self::Resolve => "resolve",
            Self::Update => "update",
        }
    }
}

impl fmt::Display for ClockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClockStatus {
    /// Stopped within the target (exactly at the target counts as met).
    Met,
    /// Running, with time left.
    Running,
    /// Running, with the policy's at-risk share of the target used up (default 75%).
    AtRisk,
    /// Paused while the response waits on an external party.
    Paused,
    /// Past the target: still running, or stopped late.
    Breached,
}

impl ClockStatus {
    /// The wire name, e.g. `at_risk`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Running => "running",
            Self::AtRisk => "at_risk",
            Self::Paused => "paused",
            Self::Breached => "breached",
        }
    }
}

impl fmt::Display for ClockStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How SLA clocks run: which may pause while waiting on an external party, and when a
/// running clock counts as at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ClockSettings {
    /// Clocks that stop running between an `sla_paused` and the next `sla_resumed` event
    /// (e.g. `contain` and `resolve` while a provider ships a fix). Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pausable: Vec<ClockKind>,
    /// A running clock is at risk once this share of its target is used, in percent
    /// (1 to 100; default 75).
    #[serde(default = "default_at_risk", skip_serializing_if = "is_default_at_risk")]
    #[schemars(range(min = 1, max = 100))]
    pub at_risk_percent: u8,
}

fn default_at_risk() -> u8 {
    75
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_default_at_risk(v: &u8) -> bool {
    *v == 75
}

impl Default for ClockSettings {
    fn default() -> Self {
        Self {
            pausable: Vec::new(),
            at_risk_percent: default_at_risk(),
        }
    }
}

impl ClockSettings {
    setters! {
        with_pausable => pausable: list ClockKind;
        with_at_risk_percent => at_risk_percent: set u8;
    }
}

/// One SLA clock of an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SlaClock {
    /// Which clock.
    pub clock: ClockKind,
    /// The target.
    pub target: IsoDuration,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it stops being met: the start plus the target plus time paused; absent while
    /// paused (the end of the wait is not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DateTime<Utc>>,
    /// When it stopped, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<DateTime<Utc>>,
    /// Running time so far (or until it stopped), pauses excluded, in seconds.
    pub elapsed_seconds: i64,
    /// Time paused, in seconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub paused_seconds: i64,
    /// Target minus elapsed, in seconds (negative once breached).
    pub remaining_seconds: i64,
    /// Where it stands.
    pub status: ClockStatus,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(v: &i64) -> bool {
    *v == 0
}

impl fmt::Display for SlaClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} (target {}", self.clock, self.status, self.target)?;
        if let Some(d) = self.deadline {
            write!(f, ", deadline {}", d.to_rfc3339_opts(SecondsFormat::AutoSi, true))?;
        }
        if let Some(s) = self.stopped_at {
            write!(f, ", stopped {}", s.to_rfc3339_opts(SecondsFormat::AutoSi, true))?;
        }
        write!(f, ", {} s left)", self.remaining_seconds)
    }
}

/// The incident's SLA clocks under `target` at `now`: one per target the priority sets.
///
/// A clock's target is added to its start as calendar arithmetic when it has years or
/// months (`P1M` is a calendar month); the running time compares against the span that
/// gives. A clock whose arithmetic leaves the representable range is left out.
pub(crate) fn clocks(
    incident: &Incident,
    target: &SlaTarget,
    settings: &ClockSettings,
    now: DateTime<Utc>,
) -> Vec<SlaClock> {
    let start = incident.times.detected_at;
    let timeline = incident.timeline();
    // Progress: the first move into `phase` or a later working phase (closing is not
    // progress: a false positive contains nothing).
    let reached = |phase: Phase| {
        timeline.events().iter().find_map(|e| match e.event {
            EventKind::PhaseChanged { to, .. } if to >= phase && to < Phase::Closed => Some(e.at),
            _ => None,
        })
    };
    // The current closure, if the incident is closed now (a reopened incident's earlier
    // closure stops nothing).
    let closed = (incident.phase() >= Phase::Closed)
        .then(|| {
            timeline.events().iter().rev().find_map(|e| match e.event {
                EventKind::PhaseChanged { to, .. } if to >= Phase::Closed => Some(e.at),
                _ => None,
            })
        })
        .flatten();
    // Pauses: (start, end) intervals, end `None` while still paused.
    let mut pauses: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = Vec::new();
    for e in timeline.events() {
        match &e.event {
            EventKind::SlaPaused { .. } if pauses.last().is_none_or(|(_, end)| end.is_some()) => {
                pauses.push((e.at, None));
            }
            EventKind::SlaResumed {} => {
                if let Some((_, end @ None)) = pauses.last_mut() {
                    *end = Some(e.at);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut one = |clock: ClockKind, target: &IsoDuration, from: DateTime<Utc>, stop: Option<DateTime<Utc>>| {
        let pausable = settings.pausable.contains(&clock);
        if let Some(c) = clock_at(
            clock,
            target,
            from,
            stop,
            if pausable { &pauses } else { &[] },
            settings,
            now,
        ) {
            out.push(c);
        }
    };
    one(
        ClockKind::Acknowledge,
        &target.time_to_acknowledge,
        start,
        timeline.first_acknowledged().or(closed),
    );
    if let Some(t) = &target.time_to_contain {
        one(ClockKind::Contain, t, start, reached(Phase::Contained).or(closed));
    }
    if let Some(t) = &target.time_to_resolve {
        one(ClockKind::Resolve, t, start, reached(Phase::Recovered).or(closed));
    }
    if let Some(t) = &target.update_every {
        // The current cycle: from the last update (or detection) until the next one or closure.
        let last = timeline
            .events()
            .iter()
            .rev()
            .find(|e| matches!(e.event, EventKind::NotificationSent { .. }) && closed.is_none_or(|c| e.at <= c))
            .map_or(start, |e| e.at.max(start));
        one(ClockKind::Update, t, last, closed);
    }
    out
}

fn clock_at(
    clock: ClockKind,
    target: &IsoDuration,
    start: DateTime<Utc>,
    stop: Option<DateTime<Utc>>,
    pauses: &[(DateTime<Utc>, Option<DateTime<Utc>>)],
    settings: &ClockSettings,
    now: DateTime<Utc>,
) -> Option<SlaClock> {
    let stop = stop.map(|s| s.max(start));
    let end = stop.unwrap_or(now).max(start);
    let span = target.add_to(start).ok()?.signed_duration_since(start);
    // Time paused between start and end, and whether the clock is paused at `end`.
    let mut paused = TimeDelta::zero();
    let mut paused_now = false;
    for (from, to) in pauses {
        let a = (*from).max(start);
        let b = to.unwrap_or(end).min(end);
        if b > a {
            paused = paused.checked_add(&b.signed_duration_since(a))?;
        }
        if to.is_none() && *from <= end && stop.is_none() {
            paused_now = true;
        }
    }
    let elapsed = end.signed_duration_since(start).checked_sub(&paused)?;
    let remaining = span.checked_sub(&elapsed)?;
    // The deadline: start + span, pushed back by each pause that begins by then (and
    // before the clock stopped; a pause still open at the stop counts up to the stop).
    let deadline = if paused_now {
        None
    } else {
        let mut d = start.checked_add_signed(span)?;
        for (from, to) in pauses {
            let a = (*from).max(start);
            let b = match (to, stop) {
                (Some(to), Some(s)) => (*to).min(s),
                (Some(to), None) => *to,
                (None, Some(s)) => s,
                (None, None) => continue,
            };
            if a <= d && a < end && b > a {
                d = d.checked_add_signed(b.signed_duration_since(a))?;
            }
        }
        Some(d)
    };
    let status = if remaining < TimeDelta::zero() {
        ClockStatus::Breached
    } else if stop.is_some() {
        ClockStatus::Met
    } else if paused_now {
        ClockStatus::Paused
    } else {
        // At risk once `at_risk_percent` of the span is used: elapsed * 100 >= span * pct.
        let pct = i64::from(settings.at_risk_percent.clamp(1, 100));
        let used = elapsed.num_seconds().checked_mul(100);
        let limit = span.num_seconds().checked_mul(pct);
        match (used, limit) {
            (Some(u), Some(l)) if u >= l => ClockStatus::AtRisk,
            _ => ClockStatus::Running,
        }
    };
    Some(SlaClock {
        clock,
        target: *target,
        started_at: start,
        deadline,
        stopped_at: stop,
        elapsed_seconds: elapsed.num_seconds(),
        paused_seconds: paused.num_seconds(),
        remaining_seconds: remaining.num_seconds(),
        status,
    })
}
