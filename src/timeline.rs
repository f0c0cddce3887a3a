//! The append-only, hash-chained incident timeline.
//!
//! Every event links the SHA-256 of the event before it. The hash covers the event's
//! sequence number, time, actor, typed content and details, so [`Timeline::verify`]
//! detects an edited, deleted, inserted or reordered event and names the first bad one.
//! Cutting events off the *end* leaves a shorter chain that is still internally
//! consistent; to detect that, keep a [`TimelineAnchor`] outside the document (a
//! ticket, an audit log, a notification receipt) and check with
//! [`Timeline::verify_extends`].

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::id::string_newtype;
use crate::incident::Phase;
use crate::{CategoryId, Error, EvidenceId, ResponderId, Severity};

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

string_newtype!(
    /// A SHA-256 digest as 64 lowercase hexadecimal digits.
    Sha256Digest,
    what = "SHA-256 digest",
    pattern = "^[0-9a-f]{64}$",
    expected = "64 lowercase hexadecimal digits",
    check = is_sha256_hex
);

impl Sha256Digest {
    /// The all-zero digest that the first event of a timeline links to.
    pub fn genesis() -> Self {
        Self("0".repeat(64).into())
    }

    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(hex(&Sha256::digest(bytes).into()).into())
    }
}

fn hex_into(bytes: &[u8; 32], out: &mut [u8; 64]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 0x0f)];
    }
}

fn hex(bytes: &[u8; 32]) -> String {
    let mut out = [0u8; 64];
    hex_into(bytes, &mut out);
    out.iter().map(|&b| char::from(b)).collect()
}

/// What happened, typed. Serialized with a `kind` tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum EventKind {
    /// The incident was first recorded.
    Detected {
        /// How it was detected, in a few words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// The incident was declared (confirmed as an incident after triage).
    Declared {
        /// The severity at declaration, if assessed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        severity: Option<Severity>,
    },
    /// The lifecycle phase changed (see [`Phase`] for the transition table).
    PhaseChanged {
        /// The phase before.
        from: Phase,
        /// The phase after.
        to: Phase,
        /// Why, if given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The severity changed (reassessment or manual override).
    SeverityChanged {
        /// The severity before (absent when none had been recorded).
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
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
    },
    /// A notification or report was sent (regulator, customer, supply-chain party, …).
    NotificationSent {
        /// To whom, e.g. `EU market surveillance authority` or a party id.
        recipient: String,
        /// The regime or obligation, e.g. `EU AI Act Art. 73`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        regime: Option<String>,
        /// The recipient's reference number, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
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
            Self::NotificationSent { .. } => "notification_sent",
            Self::EvidenceAdded { .. } => "evidence_added",
            Self::Note { .. } => "note",
        }
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
    /// When it happened (RFC 3339, UTC).
    pub at: DateTime<Utc>,
    /// Who did it: a responder, team or automation id.
    pub actor: ResponderId,
    /// What happened.
    pub event: EventKind,
    /// Free-form details from the host; covered by the hash.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub details: Map<String, Value>,
    /// SHA-256 of the previous event (64 zeros for the first).
    pub prev_hash: Sha256Digest,
    /// SHA-256 of this event: `prev_hash`, a newline, then the compact JSON of
    /// `{"seq", "at": [unix seconds, nanoseconds], "actor", "event", "details"}` in that
    /// order, as this crate serializes them.
    pub hash: Sha256Digest,
}

#[derive(Serialize)]
struct HashInput<'a> {
    seq: u64,
    /// Unix seconds and nanoseconds: exact, and cheaper to encode than RFC 3339 text.
    at: (i64, u32),
    actor: &'a ResponderId,
    event: &'a EventKind,
    details: &'a Map<String, Value>,
}

impl Event {
    /// The hash this event should carry given its content and `prev_hash`.
    pub fn compute_hash(&self) -> Sha256Digest {
        Sha256Digest(hex(&self.digest(&mut Vec::new())).into())
    }

    fn digest(&self, buf: &mut Vec<u8>) -> [u8; 32] {
        digest(
            buf,
            &self.prev_hash,
            self.seq,
            &self.at,
            &self.actor,
            &self.event,
            &self.details,
        )
    }

    /// `true` when `hash` matches the content; `buf` is scratch space reused across events.
    fn hash_is_valid(&self, buf: &mut Vec<u8>) -> bool {
        let d = self.digest(buf);
        let mut text = [0u8; 64];
        hex_into(&d, &mut text);
        self.hash.as_str().as_bytes() == text
    }
}

/// SHA-256 of `prev`, a newline and the canonical JSON of the event body, using `buf`
/// as scratch space.
fn digest(
    buf: &mut Vec<u8>,
    prev: &Sha256Digest,
    seq: u64,
    at: &DateTime<Utc>,
    actor: &ResponderId,
    event: &EventKind,
    details: &Map<String, Value>,
) -> [u8; 32] {
    buf.clear();
    buf.extend_from_slice(prev.as_str().as_bytes());
    buf.push(b'\n');
    // Serializing our own types into a Vec cannot fail: every map key is a string.
    if serde_json::to_writer(
        &mut *buf,
        &HashInput {
            seq,
            at: (at.timestamp(), at.timestamp_subsec_nanos()),
            actor,
            event,
            details,
        },
    )
    .is_err()
    {
        buf.clear();
    }
    Sha256::digest(buf.as_slice()).into()
}

/// Why a timeline failed verification.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChainBreak {
    /// `seq` is not the event's position.
    Sequence {
        /// What `seq` should be.
        expected: u64,
        /// What it is.
        found: u64,
    },
    /// `prev_hash` does not match the previous event's `hash`.
    Link,
    /// `hash` does not match the event's content.
    Hash,
    /// The event is earlier than the one before it.
    TimeOrder,
}

/// The first bad event found by [`Timeline::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("timeline event {index} is broken: {}", describe(.reason))]
pub struct ChainError {
    /// Index of the first bad event.
    pub index: usize,
    /// What is wrong with it.
    pub reason: ChainBreak,
}

impl ChainError {
    /// The JSON pointer field (relative to the event) that is wrong.
    pub fn field(&self) -> &'static str {
        match self.reason {
            ChainBreak::Sequence { .. } => "seq",
            ChainBreak::Link => "prev_hash",
            ChainBreak::Hash => "hash",
            ChainBreak::TimeOrder => "at",
        }
    }
}

fn describe(reason: &ChainBreak) -> String {
    match reason {
        ChainBreak::Sequence { expected, found } => {
            format!("expected `seq` {expected}, found {found} (an event was removed or inserted)")
        }
        ChainBreak::Link => {
            "`prev_hash` does not match the previous event's hash (an event was removed, inserted or reordered)"
                .to_owned()
        }
        ChainBreak::Hash => "`hash` does not match the event's content (the event was edited)".to_owned(),
        ChainBreak::TimeOrder => "`at` is earlier than the previous event's time".to_owned(),
    }
}

/// A commitment to a timeline's state: its length and last hash. Store it outside the
/// incident document to detect later truncation or rewriting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct TimelineAnchor {
    /// Number of events at the time of the anchor.
    pub len: u64,
    /// Hash of the last event then (the genesis digest for an empty timeline).
    pub head: Sha256Digest,
}

/// Why a timeline does not extend an anchor.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorError {
    /// The chain itself is broken.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// The timeline is shorter than the anchor: events were cut off.
    #[error("timeline has {found} events but the anchor commits to {expected}: events were truncated")]
    Truncated {
        /// Length the anchor commits to.
        expected: u64,
        /// Length found.
        found: u64,
    },
    /// The event at the anchor's position has another hash: history was rewritten.
    #[error("timeline event {index} does not match the anchor's head hash: history was rewritten")]
    Rewritten {
        /// Index of the anchored event.
        index: u64,
    },
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
    /// [`Error::OutOfOrder`] when `at` is earlier than the last event's time.
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
                    at: at.to_rfc3339(),
                    last: last.at.to_rfc3339(),
                });
            }
        }
        let prev_hash = self.head();
        let seq = self.events.len() as u64;
        let mut e = Event {
            seq,
            at,
            actor,
            event,
            details,
            prev_hash,
            hash: Sha256Digest::genesis(),
        };
        e.hash = e.compute_hash();
        self.events.push(e);
        Ok(&self.events[self.events.len() - 1])
    }

    /// The hash of the last event, or the genesis digest when empty.
    pub fn head(&self) -> Sha256Digest {
        self.events
            .last()
            .map_or_else(Sha256Digest::genesis, |e| e.hash.clone())
    }

    /// A commitment to the current state (length and head hash).
    pub fn anchor(&self) -> TimelineAnchor {
        TimelineAnchor {
            len: self.events.len() as u64,
            head: self.head(),
        }
    }

    /// Checks sequence numbers, links, hashes and time order.
    ///
    /// # Errors
    /// The first bad event and what is wrong with it.
    pub fn verify(&self) -> Result<(), ChainError> {
        let genesis = Sha256Digest::genesis();
        let mut prev = &genesis;
        let mut prev_at: Option<DateTime<Utc>> = None;
        let mut buf = Vec::with_capacity(512);
        for (index, e) in self.events.iter().enumerate() {
            let fail = |reason| Err(ChainError { index, reason });
            if e.seq != index as u64 {
                return fail(ChainBreak::Sequence {
                    expected: index as u64,
                    found: e.seq,
                });
            }
            if &e.prev_hash != prev {
                return fail(ChainBreak::Link);
            }
            if !e.hash_is_valid(&mut buf) {
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
    /// A broken chain, a timeline shorter than the anchor, or a different event at the
    /// anchor's position.
    pub fn verify_extends(&self, anchor: &TimelineAnchor) -> Result<(), AnchorError> {
        self.verify()?;
        let found = self.events.len() as u64;
        if found < anchor.len {
            return Err(AnchorError::Truncated {
                expected: anchor.len,
                found,
            });
        }
        let head = match anchor.len.checked_sub(1) {
            None => Sha256Digest::genesis(),
            Some(i) => usize::try_from(i)
                .ok()
                .and_then(|i| self.events.get(i))
                .map_or_else(Sha256Digest::genesis, |e| e.hash.clone()),
        };
        if head != anchor.head {
            return Err(AnchorError::Rewritten {
                index: anchor.len.saturating_sub(1),
            });
        }
        Ok(())
    }

    /// Events of one kind (by `kind` tag), oldest first.
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
            Err(ChainError {
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
            Err(ChainError {
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
            Err(ChainError {
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
        assert_eq!(err.index, 2);
    }

    #[test]
    fn truncation_is_detected_by_anchor() {
        let mut tl = sample();
        let anchor = tl.anchor();
        tl.events_mut().truncate(2);
        assert_eq!(tl.verify(), Ok(()), "a truncated chain is internally consistent");
        assert_eq!(
            tl.verify_extends(&anchor),
            Err(AnchorError::Truncated { expected: 4, found: 2 })
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
        assert_eq!(other.verify_extends(&anchor), Err(AnchorError::Rewritten { index: 3 }));
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
