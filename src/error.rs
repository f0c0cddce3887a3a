//! The crate's one error type.

use crate::report::{ChainBreak, ValidationReport};

/// Everything that can go wrong in `aiir`.
///
/// Messages are lowercase, quote the offending input in backticks and say what was
/// expected. The enum is `#[non_exhaustive]`: later versions add variants.
///
/// `Debug` prints the same text as `Display`, so a host `main` that returns the error with
/// `?` (which prints `Error: {e:?}`) shows readable text, not a dump of the structure;
/// `{:#?}` on an [`Error::Invalid`] shows the report's fields.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A constrained value (identifier, digest, duration, …) was malformed.
    #[error("invalid {what} `{value}`: expected {expected}")]
    InvalidValue {
        /// What kind of value was being built, e.g. `incident id`.
        what: &'static str,
        /// The input that was rejected.
        value: String,
        /// What a valid value looks like.
        expected: String,
    },
    /// A lifecycle move that the transition table does not allow.
    #[error("illegal transition from `{from}` to `{to}`: from `{from}` the legal moves are {legal}")]
    IllegalTransition {
        /// The incident's current phase (its wire name, e.g. `detected`).
        from: &'static str,
        /// The phase that was asked for (its wire name).
        to: &'static str,
        /// The legal target phases, formatted as a list.
        legal: String,
    },
    /// An event would be appended with a timestamp earlier than the timeline's last event.
    #[error(
        "event time `{at}` is earlier than the last timeline event at `{last}`: timelines are append-only and in time order"
    )]
    OutOfOrder {
        /// The rejected timestamp (RFC 3339).
        at: String,
        /// The timestamp of the last event (RFC 3339).
        last: String,
    },
    /// A document failed validation; the report lists every problem found.
    #[error(transparent)]
    Invalid(ValidationReport),
    /// A timeline's hash chain is broken: the first bad event and what is wrong with it.
    #[error("timeline event {index} is broken: {reason}")]
    BrokenChain {
        /// Index of the first bad event.
        index: usize,
        /// What is wrong with it.
        reason: ChainBreak,
    },
    /// A timeline is shorter than an anchor committed to: events were cut off the end.
    #[error("timeline has {found} events but the anchor commits to {expected}: events were truncated")]
    TimelineTruncated {
        /// Length the anchor commits to.
        expected: u64,
        /// Length found.
        found: u64,
    },
    /// The event at an anchor's position has another hash: history was rewritten.
    #[error("timeline event {index} does not match the anchor's head hash: history was rewritten")]
    TimelineRewritten {
        /// Index of the anchored event.
        index: u64,
    },
    /// The policy lacks a section an operation needs.
    #[error("policy `{policy}` has no `{section}` section")]
    MissingSection {
        /// The policy's name.
        policy: String,
        /// The missing section, e.g. `severity`.
        section: &'static str,
    },
    /// No playbook of the policy applies to an incident.
    #[error(
        "no playbook of policy `{policy}` applies to category `{category}` at severity `{severity}` on architecture `{architecture}`"
    )]
    NoPlaybook {
        /// The policy's name.
        policy: String,
        /// The incident's category.
        category: String,
        /// Its severity (wire name).
        severity: &'static str,
        /// Its architecture pattern (wire name).
        architecture: &'static str,
    },
    /// The host stopped a playbook drive (its checkpoint could not persist the incident).
    #[error("the host stopped the drive: {reason}")]
    HostStopped {
        /// What the host said.
        reason: String,
    },
    /// No rollback target exists for an asset.
    #[error("no rollback target for `{asset}` outside `{versions}`: {reason}")]
    NoRollback {
        /// The asset name.
        asset: String,
        /// The compromised version range.
        versions: String,
        /// Why there is none.
        reason: String,
    },
    /// A date-time computation left the representable range.
    #[error("date-time overflow adding `{duration}` to `{at}`")]
    TimeOverflow {
        /// The starting instant (RFC 3339).
        at: String,
        /// The duration that was added (ISO 8601).
        duration: String,
    },
}

impl From<ValidationReport> for Error {
    fn from(report: ValidationReport) -> Self {
        Self::Invalid(report)
    }
}

impl Error {
    /// The validation report, when this error is [`Error::Invalid`].
    pub fn report(&self) -> Option<&ValidationReport> {
        match self {
            Self::Invalid(r) => Some(r),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(report) => std::fmt::Debug::fmt(report, f),
            other => std::fmt::Display::fmt(other, f),
        }
    }
}
