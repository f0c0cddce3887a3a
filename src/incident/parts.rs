//! The parts of an incident record: times, detection, affected assets, parties,
//! indicators, evidence, root cause and corrective actions.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::contact::Contact;
use crate::digest::Sha256Digest;
use crate::id::{AssetId, EvidenceId, PartyId, ResponderId};
use crate::scale::Severity;
use crate::ssrm::{Actor, Layer};

/// How precise a reported time is (ATLAS and AIID both carry date granularity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Exact to the second.
    #[default]
    Exact,
    /// Right to the hour.
    Hour,
    /// Right to the day.
    Day,
    /// Right to the month.
    Month,
    /// Right to the year.
    Year,
}

/// A time that may be approximate ("or best approximations thereof", GPAI CoP 9.2(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct ReportedTime {
    /// The time (RFC 3339, UTC).
    #[serde(deserialize_with = "crate::time::utc")]
    pub at: DateTime<Utc>,
    /// How precise `at` is.
    #[serde(default)]
    pub precision: Precision,
}

impl ReportedTime {
    /// A time known to the second.
    pub fn exact(at: DateTime<Utc>) -> Self {
        Self {
            at,
            precision: Precision::Exact,
        }
    }

    /// A time known only to `precision`.
    pub fn approximate(at: DateTime<Utc>, precision: Precision) -> Self {
        Self { at, precision }
    }
}

/// The incident's key times (RFC 3339, UTC). Phase times come from the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Times {
    /// When the incident started, possibly approximate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred_start: Option<ReportedTime>,
    /// When the incident ended, possibly approximate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred_end: Option<ReportedTime>,
    /// When it was detected.
    #[serde(deserialize_with = "crate::time::utc")]
    pub detected_at: DateTime<Utc>,
    /// When the organisation became aware it is (potentially) reportable; regulatory
    /// clocks (EU AI Act Art. 73, GDPR Art. 33, NIS2 Art. 23) run from here.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::utc_opt"
    )]
    pub aware_at: Option<DateTime<Utc>>,
    /// When it was declared an incident (entered `triaged`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::utc_opt"
    )]
    pub declared_at: Option<DateTime<Utc>>,
    /// When it was closed (set while the phase is closed).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::utc_opt"
    )]
    pub closed_at: Option<DateTime<Utc>>,
}

impl Times {
    /// Times with only the detection time known.
    pub fn new(detected_at: DateTime<Utc>) -> Self {
        Self {
            occurred_start: None,
            occurred_end: None,
            detected_at,
            aware_at: None,
            declared_at: None,
            closed_at: None,
        }
    }

    setters! {
        with_occurred_start => occurred_start: opt ReportedTime;
        with_occurred_end => occurred_end: opt ReportedTime;
        with_aware_at => aware_at: opt DateTime<Utc>;
    }
}

/// How the incident was detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DetectionSource {
    /// Automated monitoring: classifiers, anomaly detection, SIEM rules.
    AutomatedMonitoring,
    /// An input or output guardrail fired.
    Guardrail,
    /// A user, customer or employee reported it.
    UserReport,
    /// Found by red-teaming or evaluation.
    RedTeam,
    /// From threat intelligence or an advisory.
    ThreatIntelligence,
    /// Reported by a supply-chain party, researcher, regulator or the press.
    ThirdParty,
    /// Found in an audit or review.
    Audit,
    /// Anything else; say more in `method`.
    Other,
}

/// Detection details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Detection {
    /// Where the detection came from.
    pub source: DetectionSource,
    /// The detection method or rule, e.g. `toxicity classifier > 0.9`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The detecting tool or system, e.g. `guardrail-service`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detector: Option<String>,
}

impl Detection {
    /// Detection from `source`, without method or detector.
    pub fn new(source: DetectionSource) -> Self {
        Self {
            source,
            method: None,
            detector: None,
        }
    }

    setters! {
        with_method => method: opt String;
        with_detector => detector: opt String;
    }
}

/// What kind of thing an affected asset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AssetKind {
    /// A model (base, fine-tuned, adapter).
    Model,
    /// A training, fine-tuning or evaluation dataset.
    Dataset,
    /// A prompt template or system prompt.
    Prompt,
    /// An embedding model's store: vector or graph database used for retrieval.
    VectorStore,
    /// An agent (framework, configuration, memory).
    Agent,
    /// A tool or MCP server an agent calls.
    Tool,
    /// An end-user application.
    Application,
    /// A service or API.
    Service,
    /// Infrastructure (compute, storage, network, container registry).
    Infrastructure,
    /// An identity or account (user, service account, API key).
    Identity,
    /// A data set in use (customer records, documents) rather than training data.
    Data,
    /// A software library or framework.
    Library,
    /// Anything else; inventories keep the source's own type name beside it.
    Other,
}

/// An AI system architecture pattern (CoSAI "AI Incident Response Framework" V1.0 §6.2),
/// which decides the containment that fits (§3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Architecture {
    /// A basic LLM application: containment by input validation, lower temperature,
    /// content filtering.
    BasicLlm,
    /// An LLM with memory: memory reset, session isolation, history purge.
    LlmWithMemory,
    /// Retrieval-augmented generation: data-source quarantine, validation of retrieval
    /// results.
    Rag,
    /// An agentic system: disable tools, stricter authorization, least privilege.
    Agentic,
    /// Agentic RAG: the agentic and RAG strategies combined.
    AgenticRag,
}

impl Architecture {
    /// The wire name, e.g. `agentic_rag`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BasicLlm => "basic_llm",
            Self::LlmWithMemory => "llm_with_memory",
            Self::Rag => "rag",
            Self::Agentic => "agentic",
            Self::AgenticRag => "agentic_rag",
        }
    }
}

impl std::fmt::Display for Architecture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl AssetKind {
    /// The SSRM layer an asset of this kind usually belongs to, when the incident does not
    /// say: models to `model`; agents, tools and vector stores to `orchestrated_services`;
    /// applications and prompts to `application`; infrastructure to
    /// `processing_infrastructure`. `None` for kinds that fit any layer (services,
    /// identities, data, datasets, libraries, other).
    pub fn default_layer(self) -> Option<Layer> {
        match self {
            Self::Model => Some(Layer::Model),
            Self::Agent | Self::Tool | Self::VectorStore => Some(Layer::OrchestratedServices),
            Self::Application | Self::Prompt => Some(Layer::Application),
            Self::Infrastructure => Some(Layer::ProcessingInfrastructure),
            _ => None,
        }
    }
}

/// An asset, service, identity or data set the incident affects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AffectedAsset {
    /// The asset's id (matches the inventory when there is one).
    pub id: AssetId,
    /// What kind of asset.
    pub kind: AssetKind,
    /// A human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The affected version (semver).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<semver::Version>,
    /// The compromised versions of this asset, a semver requirement (Cargo's rules),
    /// e.g. `>=2.5.0, <2.5.2`. With an inventory, triage lists every system depending on
    /// a version in the range and the newest known-good version outside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compromised: Option<crate::range::VersionRange>,
    /// Deployment environment, e.g. `production`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// The party that supplies or operates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PartyId>,
    /// The AICM SSRM layer it belongs to; when absent, the kind's usual layer
    /// ([`AssetKind::default_layer`]) is assumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<Layer>,
}

impl AffectedAsset {
    /// An affected asset with only id and kind.
    pub fn new(id: AssetId, kind: AssetKind) -> Self {
        Self {
            id,
            kind,
            name: None,
            version: None,
            compromised: None,
            environment: None,
            owner: None,
            layer: None,
        }
    }

    setters! {
        with_name => name: opt String;
        with_version => version: opt semver::Version;
        with_compromised => compromised: opt crate::range::VersionRange;
        with_environment => environment: opt String;
        with_owner => owner: opt PartyId;
        with_layer => layer: opt Layer;
    }

    /// The layer this asset is on: its own `layer`, else its kind's usual one.
    pub fn effective_layer(&self) -> Option<Layer> {
        self.layer.or_else(|| self.kind.default_layer())
    }
}

/// A supply-chain party involved in the incident and the SSRM roles it plays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct InvolvedParty {
    /// The party's id.
    pub party: PartyId,
    /// The organisation's name.
    pub name: String,
    /// The SSRM actor roles it plays for the affected AI system.
    pub roles: Vec<Actor>,
    /// Its security or incident contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

impl InvolvedParty {
    /// A party with its id, name and the SSRM roles it plays.
    pub fn new(party: PartyId, name: impl Into<String>, roles: impl IntoIterator<Item = Actor>) -> Self {
        Self {
            party,
            name: name.into(),
            roles: roles.into_iter().collect(),
            contact: None,
        }
    }

    setters! {
        with_contact => contact: opt Contact;
    }
}

/// What kind of indicator of compromise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IndicatorKind {
    /// A prompt or prompt fragment used in the attack.
    Prompt,
    /// A characteristic model output.
    Output,
    /// A document, web page or record carrying an indirect injection.
    Document,
    /// A user or service account.
    Account,
    /// An IP address.
    IpAddress,
    /// A domain name.
    Domain,
    /// A URL.
    Url,
    /// A file hash.
    FileHash,
    /// A tool or MCP server name.
    Tool,
    /// Anything else.
    Other,
}

/// An indicator of compromise (IOC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Indicator {
    /// What kind.
    pub kind: IndicatorKind,
    /// The indicator value.
    pub value: String,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Indicator {
    /// An indicator of `kind` with `value`.
    pub fn new(kind: IndicatorKind, value: impl Into<String>) -> Self {
        Self {
            kind,
            value: value.into(),
            description: None,
        }
    }

    setters! {
        with_description => description: opt String;
    }
}

/// A preserved evidence artifact (prompt logs, outputs, model weights, vector-DB state).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Evidence {
    /// Unique within the incident.
    pub id: EvidenceId,
    /// What it is.
    pub description: String,
    /// SHA-256 of the artifact's bytes.
    pub sha256: Sha256Digest,
    /// Where the artifact is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// When it was collected.
    #[serde(deserialize_with = "crate::time::utc")]
    pub collected_at: DateTime<Utc>,
    /// Who collected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_by: Option<ResponderId>,
}

impl Evidence {
    /// Evidence `id` with the SHA-256 of its bytes, collected at `collected_at`.
    pub fn new(
        id: EvidenceId,
        description: impl Into<String>,
        sha256: Sha256Digest,
        collected_at: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            description: description.into(),
            sha256,
            uri: None,
            collected_at,
            collected_by: None,
        }
    }

    setters! {
        with_uri => uri: opt String;
        with_collected_by => collected_by: opt ResponderId;
    }
}

/// How sure the organisation is that the AI system caused the harm (EU AI Act Art. 73(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CausalLink {
    /// Not yet investigated.
    Unknown,
    /// Suspected.
    Suspected,
    /// A reasonable likelihood of a causal link.
    ReasonablyLikely,
    /// Established.
    Established,
    /// Ruled out.
    RuledOut,
}

/// The root-cause class (CoSAI AI Incident Response Framework §3.3, post-incident activity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RootCauseClass {
    /// A flaw in the architecture or design.
    ArchitecturalDesignFlaw,
    /// A control was implemented wrongly.
    ControlImplementationError,
    /// An operational failure (process, configuration, people).
    OperationalFailure,
    /// A novel attack technique.
    NovelAttackTechnique,
}

/// Root-cause analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RootCause {
    /// The class.
    pub class: RootCauseClass,
    /// What caused it, including the model outputs and inputs involved.
    pub description: String,
}

impl RootCause {
    /// A root cause of `class`, described.
    pub fn new(class: RootCauseClass, description: impl Into<String>) -> Self {
        Self {
            class,
            description: description.into(),
        }
    }
}

/// Corrective or preventive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CapaKind {
    /// Fixes this incident's cause.
    Corrective,
    /// Prevents recurrence elsewhere.
    Preventive,
}

/// Status of a follow-up action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionStatus {
    /// Agreed, not started.
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Dropped.
    Cancelled,
}

/// A corrective or preventive action (CAPA).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct CorrectiveAction {
    /// Corrective or preventive.
    pub kind: CapaKind,
    /// What will be done.
    pub description: String,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<ResponderId>,
    /// When it is due.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::utc_opt"
    )]
    pub due: Option<DateTime<Utc>>,
    /// Where it stands.
    pub status: ActionStatus,
}

impl CorrectiveAction {
    /// A corrective or preventive action and where it stands.
    pub fn new(kind: CapaKind, description: impl Into<String>, status: ActionStatus) -> Self {
        Self {
            kind,
            description: description.into(),
            owner: None,
            due: None,
            status,
        }
    }

    setters! {
        with_owner => owner: opt ResponderId;
        with_due => due: opt DateTime<Utc>;
    }
}

/// A manual severity override: who set what, when and why. It can lower as well as
/// raise; the timeline keeps both values (see [`Incident::override_severity`](crate::Incident::override_severity)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SeverityOverride {
    /// The severity to use instead of the assessed one.
    pub severity: Severity,
    /// Who decided.
    pub by: ResponderId,
    /// When.
    #[serde(deserialize_with = "crate::time::utc")]
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

impl SeverityOverride {
    /// An override of `severity` by `by` at `at` for `reason`.
    pub fn new(severity: Severity, by: ResponderId, at: DateTime<Utc>, reason: impl Into<String>) -> Self {
        Self {
            severity,
            by,
            at,
            reason: reason.into(),
        }
    }
}
