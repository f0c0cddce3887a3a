//! The incident lifecycle: NIST SP 800-61 phases and the transition table.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A lifecycle phase, following NIST SP 800-61 (detect → triage → contain → eradicate →
/// recover → post-incident review → close), plus closure as a false positive.
///
/// Transitions are an explicit table ([`Phase::next`]); closed incidents can be reopened
/// (back to `triaged`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Reported or detected, not yet confirmed.
    Detected,
    /// Confirmed and declared an incident; categorised and assessed.
    Triaged,
    /// Spread stopped (deployment disabled, tool revoked, session quarantined, …).
    Contained,
    /// Cause removed (poisoned data purged, backdoor removed, credentials rotated, …).
    Eradicated,
    /// Service restored (rolled back, retrained, re-enabled) and monitored.
    Recovered,
    /// Root-cause analysis and lessons learned under way.
    PostIncidentReview,
    /// Done.
    Closed,
    /// Closed because it turned out not to be an incident.
    ClosedFalsePositive,
}

impl Phase {
    /// All phases in lifecycle order.
    pub const ALL: [Self; 8] = [
        Self::Detected,
        Self::Triaged,
        Self::Contained,
        Self::Eradicated,
        Self::Recovered,
        Self::PostIncidentReview,
        Self::Closed,
        Self::ClosedFalsePositive,
    ];

    /// The wire name, e.g. `post_incident_review`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Detected => "detected",
            Self::Triaged => "triaged",
            Self::Contained => "contained",
            Self::Eradicated => "eradicated",
            Self::Recovered => "recovered",
            Self::PostIncidentReview => "post_incident_review",
            Self::Closed => "closed",
            Self::ClosedFalsePositive => "closed_false_positive",
        }
    }

    /// The transition table: the phases reachable in one move from `self`.
    ///
    /// | from | to |
    /// |---|---|
    /// | detected | triaged, closed_false_positive |
    /// | triaged | contained, closed_false_positive |
    /// | contained | eradicated, recovered (containment removed the cause), triaged (containment failed, re-assess) |
    /// | eradicated | recovered |
    /// | recovered | post_incident_review, contained (recurrence) |
    /// | post_incident_review | closed |
    /// | closed | triaged (reopen) |
    /// | closed_false_positive | triaged (reopen) |
    pub fn next(self) -> &'static [Self] {
        match self {
            Self::Detected => &[Self::Triaged, Self::ClosedFalsePositive],
            Self::Triaged => &[Self::Contained, Self::ClosedFalsePositive],
            Self::Contained => &[Self::Eradicated, Self::Recovered, Self::Triaged],
            Self::Eradicated => &[Self::Recovered],
            Self::Recovered => &[Self::PostIncidentReview, Self::Contained],
            Self::PostIncidentReview => &[Self::Closed],
            Self::Closed | Self::ClosedFalsePositive => &[Self::Triaged],
        }
    }

    /// `true` when the table allows `self → to`.
    pub fn can_move_to(self, to: Self) -> bool {
        self.next().contains(&to)
    }

    /// `true` for `closed` and `closed_false_positive`.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Closed | Self::ClosedFalsePositive)
    }

    /// Checks the move `self → to` against the table.
    ///
    /// # Errors
    /// [`Error::IllegalTransition`] naming both phases and the legal moves.
    pub fn check_move(self, to: Self) -> Result<(), Error> {
        if self.can_move_to(to) {
            Ok(())
        } else {
            Err(Error::IllegalTransition {
                from: self.as_str(),
                to: to.as_str(),
                legal: list(self.next()),
            })
        }
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Phase {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "phase",
                value: s.to_owned(),
                expected: format!("one of {}", list(&Self::ALL)),
            })
    }
}

/// Formats phases as `` `a`, `b` `` for messages.
pub(crate) fn list(phases: &[Phase]) -> String {
    phases.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
}
