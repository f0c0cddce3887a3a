//! The severity scale (how bad) and urgency (how fast harm grows), both ordered.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Impact severity, in ascending order. Maps 1:1 to OCSF `severity_id` 1–5.
///
/// Severity says how bad the impact is; how fast to respond (priority) is derived
/// separately from severity and urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// No impact; recorded for awareness or trend analysis (OCSF 1).
    Informational,
    /// Minor, contained impact on a single instance or a few users (OCSF 2).
    Low,
    /// Noticeable impact on a service or a group of users; no serious harm (OCSF 3).
    Medium,
    /// Serious harm or wide impact: many users, personal data, money, tenants (OCSF 4).
    High,
    /// Severe or irreversible harm: safety, critical infrastructure, multi-tenant or global reach (OCSF 5).
    Critical,
}

impl Severity {
    /// All levels, ascending.
    pub const ALL: [Self; 5] = [Self::Informational, Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The wire name, e.g. `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Informational => "informational",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// The OCSF `severity_id` (1 Informational … 5 Critical).
    pub fn ocsf_severity_id(self) -> u8 {
        match self {
            Self::Informational => 1,
            Self::Low => 2,
            Self::Medium => 3,
            Self::High => 4,
            Self::Critical => 5,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "severity",
                value: s.to_owned(),
                expected: "one of `informational`, `low`, `medium`, `high`, `critical`".to_owned(),
            })
    }
}

/// How fast harm grows if nothing is done, in ascending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Stable: waiting does not make it worse.
    Low,
    /// Could spread or recur; act within working hours.
    #[default]
    Medium,
    /// Ongoing or spreading harm; act now.
    High,
}

impl Urgency {
    /// All levels, ascending.
    pub const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    /// The wire name, e.g. `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

impl std::fmt::Display for Urgency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}
