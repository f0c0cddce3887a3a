//! The schema catalogue: every published JSON schema, with its `$id` and file name.
//!
//! Schemas are generated from the Rust types with schemars (draft 2020-12), get a URN
//! `$id` (`urn:aiir:schema:<document>:<major>`), and are checked in under `schemas/`; a
//! test regenerates them and fails on drift. Documents (incident, policy, threat
//! register, inventory, escalation policy) also give their schema through
//! [`Document::schema`]; this module adds the outputs
//! (assessment, ranking, plans, reports, obligations, the Art. 73 pre-fill, response plans, communications, response metrics, lint reports, triage, replay reports) and the policy's severity section.

use serde_json::Value;

use crate::audit::AuditReport;
use crate::error::Error;
use crate::escalation::{EscalationPolicy, Plan};
use crate::incident::Incident;
use crate::inventory::{AffectedReport, Inventory};
use crate::policy::Policy;
use crate::policy::{LintReport, ReplayReport, Triage};
use crate::regulation::{Art73Report, Obligations};
use crate::report::{DocumentKind, ValidationReport};
use crate::response::{Communications, ResponseMetrics, ResponsePlan};
use crate::severity::{Assessment, SeverityPolicy};
use crate::threat::{MitigationPlan, RankingReport, ThreatRegister};
use crate::validation::{Document, cached_schema, check_against, finish, generate_schema};

/// A document type with a published schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SchemaDocument {
    /// [`Incident`]: `urn:aiir:schema:incident:1`.
    Incident,
    /// [`Policy`]: `urn:aiir:schema:policy:1`.
    Policy,
    /// [`ValidationReport`]: `urn:aiir:schema:validation-report:1`.
    ValidationReport,
    /// [`SeverityPolicy`], the policy's `severity` section on its own:
    /// `urn:aiir:schema:severity-policy:1`.
    SeverityPolicy,
    /// [`Assessment`], the output of severity assessment: `urn:aiir:schema:assessment:1`.
    Assessment,
    /// [`ThreatRegister`]: `urn:aiir:schema:threat-register:1`.
    ThreatRegister,
    /// [`RankingReport`], the output of prioritization: `urn:aiir:schema:ranking:1`.
    Ranking,
    /// [`MitigationPlan`]: `urn:aiir:schema:mitigation-plan:1`.
    MitigationPlan,
    /// [`Inventory`]: `urn:aiir:schema:inventory:1`.
    Inventory,
    /// [`AffectedReport`], the output of `affected`: `urn:aiir:schema:affected:1`.
    Affected,
    /// [`AuditReport`]: `urn:aiir:schema:audit-report:1`.
    AuditReport,
    /// [`EscalationPolicy`]: `urn:aiir:schema:escalation-policy:1`.
    EscalationPolicy,
    /// [`Plan`], the output of escalation simulation: `urn:aiir:schema:escalation-plan:1`.
    EscalationPlan,
    /// [`Obligations`], the output of regulatory evaluation: `urn:aiir:schema:obligations:1`.
    Obligations,
    /// [`Art73Report`], a pre-filled EU AI Act Art. 73 report:
    /// `urn:aiir:schema:art73-report:1`.
    Art73Report,
    /// [`ResponsePlan`], the response plan for an incident:
    /// `urn:aiir:schema:response-plan:1`.
    ResponsePlan,
    /// [`Communications`], the stakeholder updates an incident owes:
    /// `urn:aiir:schema:communications:1`.
    Communications,
    /// [`ResponseMetrics`], metrics across incidents: `urn:aiir:schema:response-metrics:1`.
    ResponseMetrics,
    /// [`LintReport`], the findings of linting a policy: `urn:aiir:schema:lint-report:1`.
    LintReport,
    /// [`Triage`], an incident triaged under a policy: `urn:aiir:schema:triage:1`.
    Triage,
    /// [`ReplayReport`], what a policy change changes for past incidents:
    /// `urn:aiir:schema:replay-report:1`.
    ReplayReport,
}

impl SchemaDocument {
    /// Every document type with a schema.
    pub fn all() -> &'static [Self] {
        &[
            Self::Incident,
            Self::Policy,
            Self::ValidationReport,
            Self::SeverityPolicy,
            Self::Assessment,
            Self::ThreatRegister,
            Self::Ranking,
            Self::MitigationPlan,
            Self::Inventory,
            Self::Affected,
            Self::AuditReport,
            Self::EscalationPolicy,
            Self::EscalationPlan,
            Self::Obligations,
            Self::Art73Report,
            Self::ResponsePlan,
            Self::Communications,
            Self::ResponseMetrics,
            Self::LintReport,
            Self::Triage,
            Self::ReplayReport,
        ]
    }

    /// The short name used on the command line and in file names, e.g. `incident`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Policy => "policy",
            Self::ValidationReport => "validation-report",
            Self::SeverityPolicy => "severity-policy",
            Self::Assessment => "assessment",
            Self::ThreatRegister => "threat-register",
            Self::Ranking => "ranking",
            Self::MitigationPlan => "mitigation-plan",
            Self::Inventory => "inventory",
            Self::Affected => "affected",
            Self::AuditReport => "audit-report",
            Self::EscalationPolicy => "escalation-policy",
            Self::EscalationPlan => "escalation-plan",
            Self::Obligations => "obligations",
            Self::Art73Report => "art73-report",
            Self::ResponsePlan => "response-plan",
            Self::Communications => "communications",
            Self::ResponseMetrics => "response-metrics",
            Self::LintReport => "lint-report",
            Self::Triage => "triage",
            Self::ReplayReport => "replay-report",
        }
    }

    /// The schema's `$id`, e.g. `urn:aiir:schema:incident:1`.
    pub fn id(self) -> String {
        format!("urn:aiir:schema:{}:1", self.as_str())
    }

    /// The checked-in file name under `schemas/`, e.g. `incident.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.as_str())
    }

    /// The schema as a JSON value (generated once per process).
    pub fn schema(self) -> &'static Value {
        fn output<T: schemars::JsonSchema + 'static>(doc: SchemaDocument) -> &'static Value {
            cached_schema::<T>(|| generate_schema::<T>(&doc.id()))
        }
        match self {
            Self::Incident => Incident::schema(),
            Self::Policy => Policy::schema(),
            Self::ThreatRegister => ThreatRegister::schema(),
            Self::Inventory => Inventory::schema(),
            Self::EscalationPolicy => EscalationPolicy::schema(),
            Self::ValidationReport => output::<ValidationReport>(self),
            Self::SeverityPolicy => output::<SeverityPolicy>(self),
            Self::Assessment => output::<Assessment>(self),
            Self::Ranking => output::<RankingReport>(self),
            Self::MitigationPlan => output::<MitigationPlan>(self),
            Self::Affected => output::<AffectedReport>(self),
            Self::AuditReport => output::<AuditReport>(self),
            Self::EscalationPlan => output::<Plan<'static>>(self),
            Self::Obligations => output::<Obligations>(self),
            Self::Art73Report => output::<Art73Report>(self),
            Self::ResponsePlan => output::<ResponsePlan>(self),
            Self::Communications => output::<Communications>(self),
            Self::ResponseMetrics => output::<ResponseMetrics>(self),
            Self::LintReport => output::<LintReport>(self),
            Self::Triage => output::<Triage>(self),
            Self::ReplayReport => output::<ReplayReport>(self),
        }
    }

    /// The schema as pretty-printed JSON with a trailing newline (the checked-in form).
    pub fn schema_text(self) -> String {
        let mut text = serde_json::to_string_pretty(self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Checks a JSON value against this schema, structure only (what the schema states;
    /// not the semantic rules of [`Document::check`]), listing
    /// every violation with its JSON pointer. Formats are asserted (`date-time`, `date`,
    /// and `duration` as this crate reads durations). The walk agrees with independent
    /// validators (`tests/it/differential.rs` compares it with the `jsonschema` crate);
    /// use it to check outputs such as assessments or rankings, or documents before
    /// deserializing them.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every structure problem.
    pub fn check_value(self, value: &Value) -> Result<(), Error> {
        let mut report = ValidationReport::new(self.kind());
        check_against(self.schema(), value, &mut report);
        finish(report)
    }

    /// The kind a report about such a document names.
    pub fn kind(self) -> DocumentKind {
        match self {
            Self::Incident => DocumentKind::Incident,
            Self::Policy => DocumentKind::Policy,
            Self::ValidationReport => DocumentKind::ValidationReport,
            Self::SeverityPolicy => DocumentKind::SeverityPolicy,
            Self::Assessment => DocumentKind::Assessment,
            Self::ThreatRegister => DocumentKind::ThreatRegister,
            Self::Ranking => DocumentKind::Ranking,
            Self::MitigationPlan => DocumentKind::MitigationPlan,
            Self::Inventory => DocumentKind::Inventory,
            Self::Affected => DocumentKind::Affected,
            Self::AuditReport => DocumentKind::AuditReport,
            Self::EscalationPolicy => DocumentKind::EscalationPolicy,
            Self::EscalationPlan => DocumentKind::EscalationPlan,
            Self::Obligations => DocumentKind::Obligations,
            Self::Art73Report => DocumentKind::Art73Report,
            Self::ResponsePlan => DocumentKind::ResponsePlan,
            Self::Communications => DocumentKind::Communications,
            Self::ResponseMetrics => DocumentKind::ResponseMetrics,
            Self::LintReport => DocumentKind::LintReport,
            Self::Triage => DocumentKind::Triage,
            Self::ReplayReport => DocumentKind::ReplayReport,
        }
    }
}

impl std::fmt::Display for SchemaDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for SchemaDocument {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::all()
            .iter()
            .copied()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "document type",
                value: s.to_owned(),
                expected: format!(
                    "one of {}",
                    Self::all()
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }
}
