//! Interoperability: incidents exchanged with the formats responders' other tools speak.
//!
//! - [`stix`]: a STIX 2.1 bundle for an incident (the `incident` SDO with the Incident
//!   Core extension, `event` and `task` SDOs for the timeline and the response plan,
//!   `attack-pattern`s with MITRE ATLAS references), and import of such a bundle.
//! - [`ocsf`]: an OCSF 1.5 Incident Finding (class 2005) for an incident, and an OCSF
//!   Detection Finding (class 2004) as a new incident.
//! - [`avid`]: AVID reports into a threat register; [`ssvc`]: SSVC assessments as
//!   CERT/CC SelectionLists and back; [`report`]: the post-incident report.
//! - [`cacao`]: a policy's playbooks as CACAO 2.0 playbooks, and CACAO playbooks (ours
//!   or another tool's) as playbooks checked against the policy.
//!
//! Exports take the incident and its [`Triage`](crate::policy::Triage), so what they
//! carry (severity, priority, owners, plan) is the policy's decision. Identifiers are
//! deterministic (UUIDv5 from our ids), so exporting the same incident twice gives the
//! same objects. `docs/interop.md` lists what maps to what, and what is lost.

pub mod avid;
pub mod cacao;
pub mod ocsf;
pub mod report;
pub mod ssvc;
pub mod stix;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::report::serde_name;
use crate::scale::Severity;

/// A UUIDv5 in the URL namespace from `urn:aiir:<kind>:<name>`: the same input always
/// gives the same id.
fn uuid5(kind: &str, name: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, format!("urn:aiir:{kind}:{name}").as_bytes()).to_string()
}

/// The incident did harm or was exploited: exploitation observed, or a harm occurred.
fn happened(incident: &crate::incident::Incident) -> bool {
    incident.impact.exploitation_observed
        || incident
            .impact
            .harms
            .iter()
            .any(|h| h.realization == crate::impact::Realization::Occurred)
}

/// A timestamp with millisecond precision in `Z` form, as STIX wants it.
fn millis(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Severity as 1 (informational) to 5 (critical): OCSF `severity_id` (the crate's
/// severity maps 1:1) and the basis of STIX `criticality`.
fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Informational => 1,
        Severity::Low => 2,
        Severity::Medium => 3,
        Severity::High => 4,
        Severity::Critical => 5,
    }
}
