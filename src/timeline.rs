//! The append-only, hash-chained incident timeline.
//!
//! Every event links the hash of the event before it. An event's `hash` is the lowercase
//! hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the event object as it appears in
//! the document, without its `hash` member: `seq`, `at`, `actor`, `event`, `details` (when
//! present) and `prev_hash` are covered, and key order and whitespace do not matter. The
//! first event's `prev_hash` is 64 zeros. Anyone can verify a chain without this crate
//! (docs/validation.md shows it in Python).
//!
//! So that what this crate reads is exactly what it hashes and writes back, an event's
//! wire form is strict: `at` is written as this crate writes UTC times (`Z`, fractional
//! seconds only when non-zero), optional members are absent rather than `null`, `details`
//! is absent rather than empty, and numbers in `details` are I-JSON numbers (integers of
//! at most 2^53 − 1 in magnitude), as RFC 8785 requires.
//!
//! [`Timeline::verify`] detects an edited, deleted, inserted or reordered event and names
//! the first bad one. Cutting events off the *end* leaves a shorter chain that is still
//! internally consistent; to detect that, keep an [`Anchor`] outside the document (a
//! ticket, an audit log, a notification receipt) and check with
//! [`Timeline::verify_extends`].

use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::canonical;
use crate::digest::Sha256Digest;
use crate::error::Error;
use crate::id::{CategoryId, EvidenceId, PlaybookId, PlaybookStepId, ReportKind, ResponderId};
use crate::lifecycle::Phase;
use crate::report::ChainBreak;
use crate::scale::Severity;

/// How deeply `details` may nest (objects and arrays inside the details object).
pub const MAX_DETAILS_DEPTH: usize = 32;

/// The largest integer magnitude `details` may hold: 2^53 − 1, the I-JSON limit that
/// RFC 8785 canonicalization (and any JavaScript or Python verifier) relies on.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// An optional member that, when present, holds a value (not `null`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A time written exactly as this crate writes it (`2026-03-14T09:12:00Z`).
fn canonical_time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    let bad = || {
        serde::de::Error::custom(format!(
            "invalid event time `{text}`: expected an RFC 3339 UTC time written as `2026-03-14T09:12:00Z` (`Z`, fractional seconds only when non-zero), the form the hash covers"
        ))
    };
    let at = DateTime::parse_from_rfc3339(&text)
        .map_err(|_| bad())?
        .with_timezone(&Utc);
    if at.to_rfc3339_opts(SecondsFormat::AutoSi, true) == text {
        Ok(at)
    } else {
        Err(bad())
    }
}

/// Event details: present only when non-empty, I-JSON numbers, bounded depth.
fn details<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    // No repeated keys (a map would silently keep one of them).
    let map = crate::validation::strict::host_object(d)?;
    check_details(&map).map_err(serde::de::Error::custom)?;
    Ok(map)
}

/// Checks the rules `details` must follow (see the module docs).
///
/// # Errors
/// [`Error::InvalidValue`] naming the rule broken.
fn check_details(map: &Map<String, Value>) -> Result<(), Error> {
    fn walk(v: &Value, depth: usize) -> Result<(), String> {
        if depth > MAX_DETAILS_DEPTH {
            return Err(format!("nesting deeper than {MAX_DETAILS_DEPTH} levels"));
        }
        match v {
            Value::Number(n) => {
                // An integer literal beyond ±2^64 is read as the double nearest to it,
                // as JavaScript's `JSON.parse` reads it (and canonicalized as that double).
                let unsafe_int = n.as_u64().is_some_and(|u| u > MAX_SAFE_INTEGER)
                    || n.as_i64().is_some_and(|i| i.unsigned_abs() > MAX_SAFE_INTEGER);
                if unsafe_int {
                    Err(format!("the integer {n}, beyond ±(2^53 − 1)"))
                } else {
                    Ok(())
                }
            }
            Value::Array(items) => items.iter().try_for_each(|i| walk(i, depth.saturating_add(1))),
            Value::Object(m) => m.values().try_for_each(|i| walk(i, depth.saturating_add(1))),
            _ => Ok(()),
        }
    }
    let bad = |found: String| Error::InvalidValue {
        what: "event details",
        value: found,
        expected: format!(
            "a non-empty object (omit `details` when there are none) of I-JSON values: integers within ±(2^53 − 1), at most {MAX_DETAILS_DEPTH} levels deep"
        ),
    };
    if map.is_empty() {
        return Err(bad("an empty object".to_owned()));
    }
    map.values().try_for_each(|v| walk(v, 1)).map_err(bad)
}

/// What happened, typed. Serialized with a `kind` tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum EventKind {
    /// The incident was first recorded.
    Detected {
        /// How it was detected, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        source: Option<String>,
    },
    /// The incident was declared (confirmed as an incident after triage).
    Declared {
        /// The severity at declaration, if assessed.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "Severity")]
        severity: Option<Severity>,
    },
    /// The lifecycle phase changed (see [`Phase`] for the transition table).
    PhaseChanged {
        /// The phase before.
        from: Phase,
        /// The phase after.
        to: Phase,
        /// Why, if given.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        reason: Option<String>,
    },
    /// The severity changed (reassessment or manual override).
    SeverityChanged {
        /// The severity before (absent when none had been recorded).
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "Severity")]
        from: Option<Severity>,
        /// The severity after.
        to: Severity,
        /// Why.
        reason: String,
    },
    /// The incident was moved to another category.
    CategoryChanged {
        /// The category before.
        from: CategoryId,
        /// The category after.
        to: CategoryId,
    },
    /// A responder acknowledged the incident (stops escalation for what it covers).
    Acknowledged {
        /// Who acknowledged.
        responder: ResponderId,
    },
    /// The incident was escalated to a responder.
    Escalated {
        /// Who was paged or notified.
        to: ResponderId,
        /// Via which escalation step, if known.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        step: Option<String>,
    },
    /// A response action ran (by a person or automatically by the host).
    ActionExecuted {
        /// The action, e.g. `disable_deployment` or `rollback_system_prompt`.
        action: String,
        /// `true` when the host executed it automatically.
        automated: bool,
        /// How it ended.
        outcome: ActionOutcome,
        /// The playbook whose step this was, when it ran as one.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "PlaybookId")]
        playbook: Option<PlaybookId>,
        /// The playbook step, when it ran as one; with `playbook`, a succeeded or skipped
        /// outcome marks the step done.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "PlaybookStepId")]
        step: Option<PlaybookStepId>,
        /// SHA-256 of what the action produced, e.g. the preserved prompt and output logs.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "Sha256Digest")]
        sha256: Option<Sha256Digest>,
        /// What the host reported, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        detail: Option<String>,
    },
    /// A playbook step's action was handed to the host to execute. Recorded (and offered
    /// to the host's checkpoint) before the host runs it, so a crash while it runs
    /// leaves the attempt on record.
    ActionStarted {
        /// The playbook.
        playbook: PlaybookId,
        /// The step.
        step: PlaybookStepId,
        /// The action, e.g. `disable_deployment`.
        action: String,
    },
    /// Approval of a playbook step was requested.
    ApprovalRequested {
        /// The playbook.
        playbook: PlaybookId,
        /// The step.
        step: PlaybookStepId,
        /// Who is asked to approve (a responder, role assignee or party).
        approver: String,
    },
    /// A playbook step was approved or denied; the event's actor decided.
    ApprovalDecided {
        /// The playbook.
        playbook: PlaybookId,
        /// The step.
        step: PlaybookStepId,
        /// `true` approved, `false` denied (the step is then skipped).
        approved: bool,
        /// Why, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        reason: Option<String>,
    },
    /// A playbook step without an action (a task people do) was done.
    StepCompleted {
        /// The playbook.
        playbook: PlaybookId,
        /// The step.
        step: PlaybookStepId,
    },
    /// The response is waiting on an external party (a provider's fix, a customer's
    /// answer): SLA clocks the policy lets pause stop running from here.
    SlaPaused {
        /// Whom the response waits on, e.g. a party id.
        waiting_on: String,
    },
    /// The wait is over: paused SLA clocks run again.
    SlaResumed {},
    /// A notification or report was sent (regulator, customer, supply-chain party, …).
    NotificationSent {
        /// To whom, e.g. `EU market surveillance authority` or a party id.
        recipient: String,
        /// The regime or obligation. When the notification answers a regulatory rule, its
        /// regime id (e.g. `gdpr-art33`; see the regulation module); free text otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        regime: Option<String>,
        /// Which of the regime's reports this is (e.g. `early_warning`, `final`); with
        /// `regime`, it marks the obligation met.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "ReportKind")]
        report: Option<ReportKind>,
        /// The recipient's reference number, if any.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        reference: Option<String>,
    },
    /// A determination was made that regulatory clocks hang on (e.g. that the incident is
    /// material, or a major ICT-related incident). The event's `at` is when it was made.
    Determined {
        /// What was determined.
        what: Determination,
        /// `false` records that it was determined *not* to hold (e.g. not material); absent
        /// or `true`, that it holds.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "bool")]
        holds: Option<bool>,
        /// Why, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
        #[schemars(with = "String")]
        rationale: Option<String>,
    },
    /// Evidence was collected; the digest fixes its content.
    EvidenceAdded {
        /// The evidence id (see the incident's `evidence` list).
        evidence: EvidenceId,
        /// SHA-256 of the evidence content.
        sha256: Sha256Digest,
        /// What it is.
        description: String,
    },
    /// A free-text note.
    Note {
        /// The note.
        text: String,
    },
}

impl EventKind {
    /// An `action_executed` event outside any playbook (no step, digest or detail).
    pub fn action_executed(action: impl Into<String>, automated: bool, outcome: ActionOutcome) -> Self {
        Self::ActionExecuted {
            action: action.into(),
            automated,
            outcome,
            playbook: None,
            step: None,
            sha256: None,
            detail: None,
        }
    }

    /// The `kind` tag, e.g. `phase_changed`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Detected { .. } => "detected",
            Self::Declared { .. } => "declared",
            Self::PhaseChanged { .. } => "phase_changed",
            Self::SeverityChanged { .. } => "severity_changed",
            Self::CategoryChanged { .. } => "category_changed",
            Self::Acknowledged { .. } => "acknowledged",
            Self::Escalated { .. } => "escalated",
            Self::ActionExecuted { .. } => "action_executed",
            Self::ActionStarted { .. } => "action_started",
            Self::ApprovalRequested { .. } => "approval_requested",
            Self::ApprovalDecided { .. } => "approval_decided",
            Self::StepCompleted { .. } => "step_completed",
            Self::SlaPaused { .. } => "sla_paused",
            Self::SlaResumed { .. } => "sla_resumed",
            Self::NotificationSent { .. } => "notification_sent",
            Self::Determined { .. } => "determined",
            Self::EvidenceAdded { .. } => "evidence_added",
            Self::Note { .. } => "note",
        }
    }
}

/// A determination regulatory clocks depend on, recorded with a `determined` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Determination {
    /// The incident is material (SEC Form 8-K Item 1.05: four business days from here).
    Materiality,
    /// A major ICT-related incident (DORA Art. 18 classification; the initial
    /// notification is due 4 hours from here).
    MajorIncident,
    /// A serious incident (EU AI Act Art. 3(49)).
    SeriousIncident,
    /// A significant incident (NIS2 Art. 23(3)).
    SignificantIncident,
    /// The involvement of the organisation's general-purpose AI model (GPAI Code of
    /// Practice Measure 9.3: the tiers run from awareness of it).
    ModelInvolvement,
    /// A widespread infringement (EU AI Act Art. 3(61); Art. 73(3): two days).
    WidespreadInfringement,
    /// A personal data breach likely to result in a risk to natural persons (GDPR Art.
    /// 33(1)); record `holds: false` when it is unlikely to.
    PersonalDataBreach,
    /// A corrective or mitigating measure is available (CRA Art. 14(2)(c): the final
    /// report on a vulnerability is due 14 days after).
    FixAvailable,
    /// A severe incident having an impact on the security of a product with digital
    /// elements (CRA Art. 14(3) and (5)).
    SevereIncident,
    /// A breach of unsecured protected health information (HIPAA, 45 CFR 164.402); record
    /// `holds: false` when a risk assessment shows a low probability that the
    /// information has been compromised.
    UnsecuredPhiBreach,
}

impl Determination {
    /// The wire name, e.g. `major_incident`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Materiality => "materiality",
            Self::MajorIncident => "major_incident",
            Self::SeriousIncident => "serious_incident",
            Self::SignificantIncident => "significant_incident",
            Self::ModelInvolvement => "model_involvement",
            Self::WidespreadInfringement => "widespread_infringement",
            Self::PersonalDataBreach => "personal_data_breach",
            Self::FixAvailable => "fix_available",
            Self::SevereIncident => "severe_incident",
            Self::UnsecuredPhiBreach => "unsecured_phi_breach",
        }
    }
}

impl std::fmt::Display for Determination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How an executed action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionOutcome {
    /// The action did what it was meant to.
    Succeeded,
    /// The action failed.
    Failed,
    /// The action was skipped (not applicable, or approval denied).
    Skipped,
}

/// One timeline entry: when, who, what, plus free details, linked into the hash chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Event {
    /// Position in the timeline, starting at 0, no gaps.
    pub seq: u64,
    /// When it happened: RFC 3339 UTC, written with `Z` and fractional seconds only when
    /// non-zero, in milli-, micro- or nanoseconds (e.g. `2026-03-14T09:12:00Z`,
    /// `2026-03-14T09:12:00.250Z`), the form the hash covers.
    #[serde(deserialize_with = "canonical_time")]
    #[schemars(
        with = "DateTime<Utc>",
        regex(
            pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.([0-9]{2}[1-9]|[0-9][1-9]0|[1-9]00)|\.[0-9]{3}([0-9]{2}[1-9]|[0-9][1-9]0|[1-9]00)|\.[0-9]{6}([0-9]{2}[1-9]|[0-9][1-9]0|[1-9]00))?Z$"
        )
    )]
    pub at: DateTime<Utc>,
    /// Who did it: a responder, team or automation id.
    pub actor: ResponderId,
    /// What happened.
    #[serde(deserialize_with = "crate::validation::object")]
    pub event: EventKind,
    /// Free-form details from the host, covered by the hash: absent when there are none;
    /// I-JSON numbers (integers within ±(2^53 − 1)); at most 32 levels deep.
    #[serde(default, skip_serializing_if = "Map::is_empty", deserialize_with = "details")]
    #[schemars(extend("minProperties" = 1))]
    pub details: Map<String, Value>,
    /// SHA-256 of the previous event (64 zeros for the first).
    pub prev_hash: Sha256Digest,
    /// SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of this event object without
    /// its `hash` member.
    pub hash: Sha256Digest,
}

/// The event object without `hash`: what the hash covers. (Members are declared in
/// canonical order, so the canonical writer needs no sorting buffer for them.)
#[derive(Serialize)]
struct HashInput<'a> {
    actor: &'a ResponderId,
    at: Time<'a>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    details: &'a Map<String, Value>,
    event: &'a EventKind,
    prev_hash: &'a Sha256Digest,
    seq: u64,
}

/// A time serialized exactly as chrono writes `DateTime<Utc>` (RFC 3339, `Z`, fractional
/// seconds only when non-zero, in groups of 3), formatted on the stack.
struct Time<'a>(&'a DateTime<Utc>);

/// A short ASCII string on the stack.
#[derive(Default)]
struct Ascii {
    bytes: [u8; 30],
    len: usize,
}

impl Ascii {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len = self.len.saturating_add(1);
        }
    }

    /// `value` in `width` decimal digits, zero-padded.
    fn digits(&mut self, value: u32, width: u32) {
        for k in (0..width).rev() {
            // A decimal digit: always below 10.
            let digit = value.checked_div(10u32.saturating_pow(k)).unwrap_or(0) % 10;
            self.push(b'0'.saturating_add(u8::try_from(digit).unwrap_or(0)));
        }
    }

    fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

/// `t` as chrono writes a `DateTime<Utc>` (`AutoSi`, `Z`), for years 0000 to 9999
/// without leap seconds; `None` otherwise (chrono's own formatting then applies).
fn canonical_text(t: &DateTime<Utc>) -> Option<Ascii> {
    use chrono::{Datelike, Timelike};
    let nanos = t.nanosecond();
    let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
    if nanos >= 1_000_000_000 {
        return None;
    }
    // `YYYY-MM-DDTHH:MM:SS` + `.` and up to 9 digits + `Z`: at most 30 bytes.
    let mut out = Ascii::default();
    out.digits(year, 4);
    for (sep, value) in [
        (b'-', t.month()),
        (b'-', t.day()),
        (b'T', t.hour()),
        (b':', t.minute()),
        (b':', t.second()),
    ] {
        out.push(sep);
        out.digits(value, 2);
    }
    let width = match nanos {
        0 => 0,
        n if n % 1_000_000 == 0 => 3,
        n if n % 1_000 == 0 => 6,
        _ => 9,
    };
    if width > 0 {
        out.push(b'.');
        out.digits(
            nanos
                .checked_div(10u32.saturating_pow(9u32.saturating_sub(width)))
                .unwrap_or(0),
            width,
        );
    }
    out.push(b'Z');
    Some(out)
}

impl Serialize for Time<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match canonical_text(self.0) {
            Some(text) => serializer.serialize_str(text.as_str()),
            None => serializer.serialize_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        }
    }
}

impl Event {
    /// Appends the RFC 8785 canonical JSON of the event object without `hash` to `out`.
    fn write_hash_input(&self, out: &mut Vec<u8>, scratch: &mut canonical::Scratch) {
        let input = HashInput {
            seq: self.seq,
            at: Time(&self.at),
            actor: &self.actor,
            event: &self.event,
            details: &self.details,
            prev_hash: &self.prev_hash,
        };
        // Our own types canonicalize: string keys, and `details` holds JSON values only.
        if canonical::write_with(&input, out, scratch).is_err() {
            out.clear();
        }
    }

    /// The hash this event should carry given its content and `prev_hash`.
    pub fn compute_hash(&self) -> Sha256Digest {
        let mut buf = Vec::with_capacity(256);
        self.write_hash_input(&mut buf, &mut canonical::Scratch::default());
        Sha256Digest::of(&buf)
    }

    /// `true` when `hash` matches the content; `buf` and `scratch` are reused across events.
    fn hash_is_valid(&self, buf: &mut Vec<u8>, scratch: &mut canonical::Scratch) -> bool {
        buf.clear();
        self.write_hash_input(buf, scratch);
        self.hash.matches(buf)
    }
}

/// A commitment to a timeline's state: its length and last hash. Store it outside the
/// incident document to detect later truncation or rewriting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Anchor {
    /// Number of events at the time of the anchor.
    pub len: u64,
    /// Hash of the last event then (the genesis digest for an empty timeline).
    pub head: Sha256Digest,
}

impl Anchor {
    /// An anchor for a timeline of `len` events whose last hash is `head`.
    pub fn new(len: u64, head: Sha256Digest) -> Self {
        Self { len, head }
    }
}

/// An append-only, hash-chained list of events. On the wire, a JSON array of [`Event`]s.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Timeline {
    events: Vec<Event>,
}

impl Timeline {
    /// An empty timeline.
    pub fn new() -> Self {
        Self::default()
    }

    /// A timeline whose first event is `event`, by `actor` at `at`.
    pub(crate) fn starting(at: DateTime<Utc>, actor: ResponderId, event: EventKind) -> Self {
        let mut first = Event {
            seq: 0,
            at,
            actor,
            event,
            details: Map::new(),
            prev_hash: Sha256Digest::genesis(),
            hash: Sha256Digest::genesis(),
        };
        first.hash = first.compute_hash();
        Self { events: vec![first] }
    }

    /// The events, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// `true` when there are no events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The last event, if any.
    pub fn last(&self) -> Option<&Event> {
        self.events.last()
    }

    /// Appends an event, linking it to the last one.
    ///
    /// # Errors
    /// - [`Error::OutOfOrder`] when `at` is earlier than the last event's time;
    /// - [`Error::InvalidValue`] when `at` lies outside years 0000 to 9999, or `details`
    ///   breaks the rules in the module docs.
    pub fn append(
        &mut self,
        at: DateTime<Utc>,
        actor: ResponderId,
        event: EventKind,
        details: Map<String, Value>,
    ) -> Result<&Event, Error> {
        if let Some(last) = self.events.last() {
            if at < last.at {
                return Err(Error::OutOfOrder {
                    at: at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                    last: last.at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                });
            }
        }
        crate::time::check_range("event time", at)?;
        if !details.is_empty() {
            check_details(&details)?;
        }
        let mut e = Event {
            seq: self.events.len() as u64,
            at,
            actor,
            event,
            details,
            prev_hash: self.head(),
            hash: Sha256Digest::genesis(),
        };
        e.hash = e.compute_hash();
        self.events.push(e);
        Ok(self
            .events
            .last()
            .unwrap_or_else(|| unreachable!("an event was just pushed")))
    }

    /// The hash of the last event, or the genesis digest when empty.
    pub fn head(&self) -> Sha256Digest {
        self.events.last().map_or_else(Sha256Digest::genesis, |e| e.hash)
    }

    /// A commitment to the current state (length and head hash).
    pub fn anchor(&self) -> Anchor {
        Anchor {
            len: self.events.len() as u64,
            head: self.head(),
        }
    }

    /// Checks sequence numbers, links, hashes and time order.
    ///
    /// # Errors
    /// [`Error::BrokenChain`] with the first bad event and what is wrong with it.
    pub fn verify(&self) -> Result<(), Error> {
        let genesis = Sha256Digest::genesis();
        let mut prev = &genesis;
        let mut prev_at: Option<DateTime<Utc>> = None;
        let mut buf = Vec::with_capacity(512);
        let mut scratch = canonical::Scratch::default();
        for (index, e) in self.events.iter().enumerate() {
            let fail = |reason| Err(Error::BrokenChain { index, reason });
            if e.seq != index as u64 {
                return fail(ChainBreak::Sequence {
                    expected: index as u64,
                    found: e.seq,
                });
            }
            if &e.prev_hash != prev {
                return fail(ChainBreak::Link);
            }
            if !e.hash_is_valid(&mut buf, &mut scratch) {
                return fail(ChainBreak::Hash);
            }
            if prev_at.is_some_and(|p| e.at < p) {
                return fail(ChainBreak::TimeOrder);
            }
            prev = &e.hash;
            prev_at = Some(e.at);
        }
        Ok(())
    }

    /// Verifies the chain and that it still contains the state `anchor` committed to.
    ///
    /// # Errors
    /// [`Error::BrokenChain`], [`Error::TimelineTruncated`] when the timeline is shorter
    /// than the anchor, [`Error::TimelineRewritten`] when another event stands at the
    /// anchor's position.
    pub fn verify_extends(&self, anchor: &Anchor) -> Result<(), Error> {
        self.verify()?;
        let found = self.events.len() as u64;
        if found < anchor.len {
            return Err(Error::TimelineTruncated {
                expected: anchor.len,
                found,
            });
        }
        let head = match anchor.len.checked_sub(1) {
            None => Sha256Digest::genesis(),
            Some(i) => usize::try_from(i)
                .ok()
                .and_then(|i| self.events.get(i))
                .map_or_else(Sha256Digest::genesis, |e| e.hash),
        };
        if head != anchor.head {
            return Err(Error::TimelineRewritten {
                index: anchor.len.saturating_sub(1),
            });
        }
        Ok(())
    }

    /// Events of one kind (by `kind` tag, e.g. `acknowledged`), oldest first.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.events.iter().filter(move |e| e.event.name() == kind)
    }

    /// When the incident first entered `phase`, if it has.
    pub fn entered(&self, phase: Phase) -> Option<DateTime<Utc>> {
        self.events.iter().find_map(|e| match e.event {
            EventKind::PhaseChanged { to, .. } if to == phase => Some(e.at),
            _ => None,
        })
    }

    /// When the incident was first acknowledged, if it was.
    pub fn first_acknowledged(&self) -> Option<DateTime<Utc>> {
        self.of_kind("acknowledged").next().map(|e| e.at)
    }

    /// Mutable access for tests that tamper with the chain.
    #[cfg(test)]
    pub(crate) fn events_mut(&mut self) -> &mut Vec<Event> {
        &mut self.events
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn sample() -> Timeline {
        let mut tl = Timeline::new();
        let a = ResponderId::new("alice").unwrap();
        tl.append(
            t("2026-01-01T00:00:00Z"),
            a.clone(),
            EventKind::Detected { source: None },
            Map::new(),
        )
        .unwrap();
        tl.append(
            t("2026-01-01T00:05:00Z"),
            a.clone(),
            EventKind::Acknowledged { responder: a.clone() },
            Map::new(),
        )
        .unwrap();
        tl.append(
            t("2026-01-01T00:06:00Z"),
            a.clone(),
            EventKind::Note { text: "looking".into() },
            Map::new(),
        )
        .unwrap();
        tl.append(
            t("2026-01-01T00:07:00Z"),
            a,
            EventKind::Note {
                text: "found it".into(),
            },
            Map::new(),
        )
        .unwrap();
        tl
    }

    #[test]
    fn hashed_times_are_written_as_chrono_writes_them() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..2000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Years 0000 to 9999; nanoseconds whole, in milli- or microseconds, or zero.
            let secs = (state % 315_537_897_599) as i64 - 62_167_219_200;
            let nanos = match i % 4 {
                0 => 0,
                1 => (state >> 40) as u32 % 1000 * 1_000_000,
                2 => (state >> 40) as u32 % 1_000_000 * 1000,
                _ => (state >> 32) as u32 % 1_000_000_000,
            };
            let at = DateTime::<Utc>::from_timestamp(secs, nanos).unwrap();
            let mut ours = Vec::new();
            canonical::write(&Time(&at), &mut ours).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&at).unwrap());
        }
        for text in [
            "9999-12-31T23:59:59.999999999Z",
            "2026-03-14T09:12:00.100Z",
            "2026-03-14T09:12:00.000100Z",
        ] {
            let at: DateTime<Utc> = text.parse().unwrap();
            let mut ours = Vec::new();
            canonical::write(&Time(&at), &mut ours).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), format!("\"{text}\""));
        }
    }

    #[test]
    fn fresh_chain_verifies() {
        let tl = sample();
        assert_eq!(tl.verify(), Ok(()));
        assert_eq!(tl.events()[0].prev_hash, Sha256Digest::genesis());
        assert_eq!(tl.events()[1].prev_hash, tl.events()[0].hash);
    }

    #[test]
    fn append_rejects_earlier_time() {
        let mut tl = sample();
        let err = tl
            .append(
                t("2025-01-01T00:00:00Z"),
                ResponderId::new("bob").unwrap(),
                EventKind::Note { text: String::new() },
                Map::new(),
            )
            .unwrap_err();
        assert!(matches!(err, Error::OutOfOrder { .. }));
        assert_eq!(tl.len(), 4);
    }

    #[test]
    fn edit_is_detected() {
        let mut tl = sample();
        tl.events_mut()[2].event = EventKind::Note {
            text: "nothing to see".into(),
        };
        assert_eq!(
            tl.verify(),
            Err(Error::BrokenChain {
                index: 2,
                reason: ChainBreak::Hash
            })
        );
    }

    #[test]
    fn edit_with_rehash_is_detected_at_next_link() {
        let mut tl = sample();
        tl.events_mut()[1].actor = ResponderId::new("mallory").unwrap();
        let rehash = tl.events()[1].compute_hash();
        tl.events_mut()[1].hash = rehash;
        assert_eq!(
            tl.verify(),
            Err(Error::BrokenChain {
                index: 2,
                reason: ChainBreak::Link
            })
        );
    }

    #[test]
    fn deletion_is_detected() {
        let mut tl = sample();
        tl.events_mut().remove(1);
        assert_eq!(
            tl.verify(),
            Err(Error::BrokenChain {
                index: 1,
                reason: ChainBreak::Sequence { expected: 1, found: 2 }
            })
        );
    }

    #[test]
    fn reorder_is_detected() {
        let mut tl = sample();
        tl.events_mut().swap(2, 3);
        let err = tl.verify().unwrap_err();
        assert!(matches!(err, Error::BrokenChain { index: 2, .. }), "{err}");
    }

    #[test]
    fn truncation_is_detected_by_anchor() {
        let mut tl = sample();
        let anchor = tl.anchor();
        tl.events_mut().truncate(2);
        assert_eq!(tl.verify(), Ok(()), "a truncated chain is internally consistent");
        assert_eq!(
            tl.verify_extends(&anchor),
            Err(Error::TimelineTruncated { expected: 4, found: 2 })
        );
    }

    #[test]
    fn anchor_accepts_growth_and_rejects_rewrite() {
        let mut tl = sample();
        let anchor = tl.anchor();
        tl.append(
            t("2026-01-01T01:00:00Z"),
            ResponderId::new("bob").unwrap(),
            EventKind::Note { text: "later".into() },
            Map::new(),
        )
        .unwrap();
        assert_eq!(tl.verify_extends(&anchor), Ok(()));
        // Rebuild a different history of the same length.
        let mut other = Timeline::new();
        for e in sample().events() {
            let mut details = Map::new();
            details.insert("forged".into(), Value::Bool(true));
            other.append(e.at, e.actor.clone(), e.event.clone(), details).unwrap();
        }
        assert_eq!(
            other.verify_extends(&anchor),
            Err(Error::TimelineRewritten { index: 3 })
        );
    }

    #[test]
    fn error_message_names_event() {
        let mut tl = sample();
        tl.events_mut()[2].event = EventKind::Note { text: "x".into() };
        assert_eq!(
            tl.verify().unwrap_err().to_string(),
            "timeline event 2 is broken: `hash` does not match the event's content (the event was edited)"
        );
    }
}
