//! The policy's sections beyond taxonomy, severity, supply chain and escalation: response
//! roles, detection capabilities, automated responses, threat management and training.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::id::{CategoryId, PartyId};
use crate::incident::DetectionSource;
use crate::ownership::IncidentRole;
use crate::scale::Severity;

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

impl TrainingRecord {
    /// Training on `topic` given to `audience`, completed on `completed_on`.
    pub fn new(audience: impl Into<String>, topic: impl Into<String>, completed_on: NaiveDate) -> Self {
        Self {
            audience: audience.into(),
            topic: topic.into(),
            completed_on,
        }
    }
}

/// Who holds a role, and whom it escalates to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RoleAssignment {
    /// The role.
    pub role: IncidentRole,
    /// Who holds it: a person, team or rotation.
    pub assignee: String,
    /// The party the assignee belongs to, when not the policy's own organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyId>,
    /// The role this one escalates to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalates_to: Option<IncidentRole>,
}

impl RoleAssignment {
    /// `assignee` (a person, team or rotation) holds `role`.
    pub fn new(role: IncidentRole, assignee: impl Into<String>) -> Self {
        Self {
            role,
            assignee: assignee.into(),
            party: None,
            escalates_to: None,
        }
    }

    setters! {
        with_party => party: opt PartyId;
        with_escalates_to => escalates_to: opt IncidentRole;
    }
}

/// A detection capability the organisation runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct DetectionCapability {
    /// Its name, e.g. `output toxicity classifier`.
    pub name: String,
    /// What kind of source it is.
    pub source: DetectionSource,
    /// `true` when it detects without a person in the loop.
    pub automated: bool,
    /// Categories it detects; empty means unspecified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryId>,
}

impl DetectionCapability {
    /// A detection capability of kind `source`; `automated` when no person is in the loop.
    pub fn new(name: impl Into<String>, source: DetectionSource, automated: bool) -> Self {
        Self {
            name: name.into(),
            source,
            automated,
            categories: Vec::new(),
        }
    }

    setters! {
        with_categories => categories: list CategoryId;
    }
}

/// An automated response action the host executes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AutomatedResponse {
    /// The action, e.g. `disable_deployment`.
    pub action: String,
    /// Categories it applies to; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryId>,
    /// The lowest severity it runs at.
    pub min_severity: Severity,
    /// `true` when a person must approve before it runs.
    #[serde(default)]
    pub requires_approval: bool,
}

impl AutomatedResponse {
    /// The host runs `action` for incidents at or above `min_severity`, in every category
    /// and without approval unless set.
    pub fn new(action: impl Into<String>, min_severity: Severity) -> Self {
        Self {
            action: action.into(),
            categories: Vec::new(),
            min_severity,
            requires_approval: false,
        }
    }

    setters! {
        with_categories => categories: list CategoryId;
        with_requires_approval => requires_approval: set bool;
    }
}

/// A threat-prioritization method a policy commits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ThreatMethod {
    /// SSVC, CISA Coordinator table.
    Ssvc,
    /// SSVC, Deployer table.
    SsvcDeployer,
    /// CVSS v3.1 / v4.0.
    Cvss,
    /// OWASP Risk Rating Methodology.
    Owasp,
    /// NIST SP 800-30 Table I-2.
    Nist,
}

impl ThreatMethod {
    /// The method's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ssvc => "SSVC (CISA Coordinator)",
            Self::SsvcDeployer => "SSVC (Deployer)",
            Self::Cvss => "CVSS",
            Self::Owasp => "the OWASP Risk Rating Methodology",
            Self::Nist => "NIST SP 800-30",
        }
    }
}

/// How the organisation manages AI threats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ThreatManagement {
    /// The prioritization method.
    pub method: ThreatMethod,
    /// Where the threat register lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<String>,
    /// When the AI workloads were last threat-modelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_threat_model: Option<NaiveDate>,
    /// How threats are handled together with AI customers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_collaboration: Option<String>,
}

impl ThreatManagement {
    /// Threat management with prioritization `method`.
    pub fn new(method: ThreatMethod) -> Self {
        Self {
            method,
            register: None,
            last_threat_model: None,
            customer_collaboration: None,
        }
    }

    setters! {
        with_register => register: opt String;
        with_last_threat_model => last_threat_model: opt NaiveDate;
        with_customer_collaboration => customer_collaboration: opt String;
    }
}
