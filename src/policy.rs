//! The `Policy` document: an organisation's AI incident-response policy as data.

use std::sync::OnceLock;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{
    Assessment, AutomatedResponse, Contact, DetectionCapability, Error, EscalationGraph, EscalationPolicy, Incident,
    IsoDuration, RoleAssignment, SeverityModel, SeverityPolicy, SupplyChain, Taxonomy, ThreatManagement,
};

/// The `schema_version` this crate writes and reads for policies (majors must match).
pub const POLICY_SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

/// A record of incident-response training given (AICM SEF-07 auditing guideline 7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct TrainingRecord {
    /// Who was trained, e.g. `SOC on-call`, `ML platform engineers`.
    pub audience: String,
    /// What the training covered.
    pub topic: String,
    /// When it was completed.
    pub completed_on: NaiveDate,
}

/// An organisation's AI incident-response policy.
///
/// Later sections (severity matrix, ownership, escalation, response, regulation) are
/// added as the crate grows; unknown top-level fields are rejected, host data goes in
/// `extensions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// The schema version of this document (semver; the major must be 1).
    #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
    pub schema_version: semver::Version,
    /// The policy's name.
    pub name: String,
    /// Who owns and maintains the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Contact>,
    /// How often the policy must be reviewed, e.g. `P1Y` (AICM SEF-07: at least annually).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_cadence: Option<IsoDuration>,
    /// When it was last reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<NaiveDate>,
    /// When the response plan was last exercised (tabletop or live test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_exercised: Option<NaiveDate>,
    /// Training given on the incident-response process.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub training: Vec<TrainingRecord>,
    /// The incident categories.
    #[serde(default)]
    pub taxonomy: Taxonomy,
    /// Severity matrix, floors, urgency, priorities and SLAs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<SeverityPolicy>,
    /// The AI system's supply chain: parties and their SSRM roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supply_chain: Option<SupplyChain>,
    /// Response roles and their escalation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleAssignment>,
    /// Detection capabilities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detection: Vec<DetectionCapability>,
    /// Automated response actions the host executes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub automated_responses: Vec<AutomatedResponse>,
    /// Threat management (prioritization method, threat modelling, customer collaboration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_management: Option<ThreatManagement>,
    /// The escalation policy: who is paged when (see the escalation-policy schema). It
    /// must have an entry point for every category of the taxonomy at every severity,
    /// external parties must be parties of the supply chain, and critical incidents must
    /// reach an accountable responder within the strictest critical time-to-acknowledge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationPolicy>,
    /// Host data; kept as is and written back unchanged.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extensions: Map<String, Value>,
}

/// The built-in policy document, compiled in.
pub const BUILTIN_POLICY_JSON: &str = include_str!("../data/builtin-policy.json");

impl Policy {
    /// An empty policy named `name`: no categories, no review data.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            schema_version: POLICY_SCHEMA_VERSION,
            name: name.into(),
            owner: None,
            review_cadence: None,
            last_reviewed: None,
            last_exercised: None,
            training: Vec::new(),
            taxonomy: Taxonomy::default(),
            severity: None,
            supply_chain: None,
            roles: Vec::new(),
            detection: Vec::new(),
            automated_responses: Vec::new(),
            threat_management: None,
            escalation: None,
            extensions: Map::new(),
        }
    }

    /// The built-in default policy: the CoSAI five-domain AI incident taxonomy mapped to
    /// MITRE ATLAS, OWASP and AVID, plus the seeds' scenarios. Parsed once from
    /// [`BUILTIN_POLICY_JSON`], which the test suite validates against the schema.
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<Policy> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // Compiled-in constant data, checked by the test suite; a failure here is a
            // build defect, not an input error.
            #[allow(clippy::expect_used)]
            serde_json::from_str(BUILTIN_POLICY_JSON).expect("built-in policy is valid")
        })
    }

    /// Parses and validates a policy document.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::schema::validate_policy(json).map_err(Error::Invalid)
    }

    /// The document as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The escalation section as a validated graph, requiring an entry point for every
    /// category of the taxonomy at every severity.
    ///
    /// # Errors
    /// [`Error::MissingSection`] without an escalation section; [`Error::Invalid`] when
    /// the graph is invalid.
    pub fn escalation_graph(&self) -> Result<EscalationGraph, Error> {
        let section = self.escalation.as_ref().ok_or_else(|| Error::MissingSection {
            policy: self.name.clone(),
            section: "escalation",
        })?;
        let categories: Vec<_> = self.taxonomy.categories.iter().map(|c| c.id.clone()).collect();
        section.clone().build_for(&categories)
    }

    /// Compiles the severity section for repeated assessment.
    ///
    /// # Errors
    /// [`Error::MissingSection`] without a severity section; [`Error::Invalid`] when the
    /// section is invalid.
    pub fn severity_model(&self) -> Result<SeverityModel, Error> {
        let section = self.severity.as_ref().ok_or_else(|| Error::MissingSection {
            policy: self.name.clone(),
            section: "severity",
        })?;
        section.compile()
    }

    /// Assesses one incident (compiles the severity section each call: for many
    /// incidents, use [`severity_model`](Self::severity_model) once).
    ///
    /// # Errors
    /// As [`severity_model`](Self::severity_model).
    pub fn assess(&self, incident: &Incident) -> Result<Assessment, Error> {
        Ok(self.severity_model()?.assess(incident))
    }
}
