//! The incident record, its impact facts and its lifecycle.
//!
//! The record has a home for every field of an AI incident record that CSA AICM v1.1.0
//! SEF-09 ("Incident Records Management") lists — unique ID, detection and closure
//! times, category and severity, affected assets/services/identities/data, indicators of
//! compromise, timeline, actions taken, root cause, lessons learned, corrective and
//! preventive actions, evidence — and for the structured fields of the EU AI Act Art. 73
//! template, the GPAI Code of Practice Measure 9.2 and NIST AI 600-1 GV-4.3-002.

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::timeline::{EventKind, Sha256Digest, Timeline};
use crate::{
    Actor, AssetId, CategoryId, Error, EvidenceId, IncidentId, PartyId, ResponderId, Severity, SeverityOverride,
    Urgency,
};

/// The `schema_version` this crate writes and reads (majors must match).
pub const INCIDENT_SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

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

/// How wide the impact reaches, in ascending order (the seed's "instance, region, single
/// or multi-tenant", plus global).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlastRadius {
    /// One deployment instance, session or agent run.
    #[default]
    Instance,
    /// One region or availability zone.
    Region,
    /// One tenant or customer (possibly across regions).
    SingleTenant,
    /// Several tenants or customers.
    MultiTenant,
    /// Every user of the service, or the public at large.
    Global,
}

/// How much the AI acted on its own, in ascending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Autonomy {
    /// A human approves every output or action before it takes effect.
    #[default]
    HumanInTheLoop,
    /// The system acts; a human monitors and can intervene.
    HumanOnTheLoop,
    /// An agent acts without per-action oversight, within enforced limits (budgets, allow-lists).
    BoundedAgent,
    /// An agent acts without oversight or enforced limits.
    FullyAutonomousAgent,
}

/// A kind of harm, after the EU AI Act Art. 3(49) limbs, the OECD AI incident definition
/// and CSET harm types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HarmKind {
    /// Death of a person (EU AI Act Art. 3(49)(a); Art. 73(4) 10-day clock).
    Death,
    /// Physical injury or safety hazard to people.
    Safety,
    /// Harm to a person's physical or mental health.
    Health,
    /// Money lost or wrongly moved (e.g. unauthorized refunds).
    Financial,
    /// Personal data exposed or processed unlawfully; give `records`.
    Privacy,
    /// Fundamental-rights infringement, discrimination, bias.
    Rights,
    /// Disruption of the management or operation of critical infrastructure.
    CriticalInfrastructure,
    /// Damage to property.
    Property,
    /// Damage to the environment.
    Environment,
    /// Damage to an organisation's reputation (offensive or harmful output in public).
    Reputational,
    /// Service disruption or degraded operations.
    Operational,
    /// Loss of intellectual property (model weights, system prompts, training data).
    IntellectualProperty,
}

/// Whether a harm happened, nearly happened, or could happen (AIID / OECD incident vs hazard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Realization {
    /// Could plausibly occur (an AI hazard).
    Potential,
    /// Nearly occurred (near miss).
    NearMiss,
    /// Definitively occurred.
    #[default]
    Occurred,
}

/// One harm the incident caused or threatens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Harm {
    /// What kind of harm.
    pub kind: HarmKind,
    /// Whether it occurred, nearly occurred, or is potential.
    #[serde(default)]
    pub realization: Realization,
    /// For privacy harm: how many personal-data records are affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<u64>,
    /// The victim or affected group (GPAI Code of Practice Measure 9.2(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affected_group: Option<String>,
    /// A description of the harm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Harm {
    /// An occurred harm of `kind` with no further detail.
    pub fn new(kind: HarmKind) -> Self {
        Self {
            kind,
            realization: Realization::Occurred,
            records: None,
            affected_group: None,
            description: None,
        }
    }
}

/// The facts about impact that severity matrices read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Impact {
    /// How wide the impact reaches.
    #[serde(default)]
    pub blast_radius: BlastRadius,
    /// Harms caused or threatened.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub harms: Vec<Harm>,
    /// Number of users affected, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_affected: Option<u64>,
    /// How autonomously the AI system acted.
    #[serde(default)]
    pub autonomy: Autonomy,
    /// `true` when active exploitation by an adversary was observed.
    #[serde(default)]
    pub exploitation_observed: bool,
}

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
    pub at: DateTime<Utc>,
    /// How precise `at` is.
    #[serde(default)]
    pub precision: Precision,
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
    pub detected_at: DateTime<Utc>,
    /// When the organisation became aware it is (potentially) reportable; regulatory
    /// clocks (EU AI Act Art. 73, GDPR Art. 33, NIS2 Art. 23) run from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aware_at: Option<DateTime<Utc>>,
    /// When it was declared an incident (entered `triaged`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_at: Option<DateTime<Utc>>,
    /// When it was closed (set while the phase is closed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
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
}

/// A person or organisation to contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Contact {
    /// Name of the person or function.
    pub name: String,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Role or capacity, e.g. `provider`, `deployer`, `security contact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Contact {
    /// A contact with only a name.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            organization: None,
            role: None,
            email: None,
            phone: None,
        }
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
    /// Deployment environment, e.g. `production`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// The party that supplies or operates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PartyId>,
}

impl AffectedAsset {
    /// An affected asset with only id and kind.
    pub fn new(id: AssetId, kind: AssetKind) -> Self {
        Self {
            id,
            kind,
            name: None,
            version: None,
            environment: None,
            owner: None,
        }
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
    pub collected_at: DateTime<Utc>,
    /// Who collected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_by: Option<ResponderId>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
    /// Where it stands.
    pub status: ActionStatus,
}

/// An AI incident record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Incident {
    /// The schema version of this document (semver; the major must be 1).
    #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
    pub schema_version: semver::Version,
    /// Unique incident id.
    pub id: IncidentId,
    /// A one-line title.
    pub title: String,
    /// What happened, its effects and likely cause.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The category, from the policy's taxonomy.
    pub category: CategoryId,
    /// The current lifecycle phase.
    pub phase: Phase,
    /// The current severity, once assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// A manual severity override, which assessment applies last (it may lower).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_override: Option<SeverityOverride>,
    /// How fast harm grows, when the reporter states it; otherwise policy rules decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// How it was detected.
    pub detection: Detection,
    /// Who first reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<Contact>,
    /// Key times.
    pub times: Times,
    /// Impact facts.
    #[serde(default)]
    pub impact: Impact,
    /// Affected assets, services, identities and data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected: Vec<AffectedAsset>,
    /// Supply-chain parties involved and their SSRM roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<InvolvedParty>,
    /// Indicators of compromise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Preserved evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// How sure the causal link to the AI system is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causal_link: Option<CausalLink>,
    /// The chain of events that led to the incident (GPAI CoP 9.2(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_of_events: Option<String>,
    /// Root-cause analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_cause: Option<RootCause>,
    /// Lessons learned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons_learned: Vec<String>,
    /// Corrective and preventive actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrective_actions: Vec<CorrectiveAction>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The append-only, hash-chained timeline (actions taken, notifications, evidence…).
    #[serde(default, skip_serializing_if = "Timeline::is_empty")]
    pub timeline: Timeline,
    /// Host data; kept as is and written back unchanged.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extensions: Map<String, Value>,
}

/// Response metrics computed from an incident's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Metrics {
    /// Detection to first acknowledgement.
    pub time_to_acknowledge: Option<TimeDelta>,
    /// Detection to first entering `contained`.
    pub time_to_contain: Option<TimeDelta>,
    /// Detection to first entering `recovered`.
    pub time_to_recover: Option<TimeDelta>,
    /// Detection to first closure (`closed` or `closed_false_positive`).
    pub time_to_close: Option<TimeDelta>,
}

impl Incident {
    /// A new incident in phase `detected`, with a `detected` event on its timeline.
    ///
    /// # Errors
    /// Never in practice (the timeline is empty); the `Result` keeps the signature
    /// uniform with other timeline writes.
    pub fn new(
        id: IncidentId,
        title: impl Into<String>,
        category: CategoryId,
        detection: Detection,
        detected_at: DateTime<Utc>,
        by: ResponderId,
    ) -> Result<Self, Error> {
        let mut incident = Self {
            schema_version: INCIDENT_SCHEMA_VERSION,
            id,
            title: title.into(),
            summary: String::new(),
            category,
            phase: Phase::Detected,
            severity: None,
            severity_override: None,
            urgency: None,
            detection,
            reporter: None,
            times: Times {
                occurred_start: None,
                occurred_end: None,
                detected_at,
                aware_at: None,
                declared_at: None,
                closed_at: None,
            },
            impact: Impact::default(),
            affected: Vec::new(),
            parties: Vec::new(),
            indicators: Vec::new(),
            evidence: Vec::new(),
            causal_link: None,
            chain_of_events: None,
            root_cause: None,
            lessons_learned: Vec::new(),
            corrective_actions: Vec::new(),
            tags: Vec::new(),
            timeline: Timeline::new(),
            extensions: Map::new(),
        };
        let source = incident.detection.method.clone();
        incident
            .timeline
            .append(detected_at, by, EventKind::Detected { source }, Map::new())?;
        Ok(incident)
    }

    /// Moves the incident to phase `to` at time `at`, recorded as done by `by`.
    ///
    /// Checks the transition table, appends a `phase_changed` event, and keeps `times`
    /// in step: entering `triaged` the first time sets `declared_at`; entering a closed
    /// phase sets `closed_at`; reopening clears it (the timeline keeps the history).
    ///
    /// # Errors
    /// - [`Error::IllegalTransition`] naming both phases and the legal moves;
    /// - [`Error::OutOfOrder`] when `at` is earlier than the last timeline event.
    pub fn transition(&mut self, to: Phase, at: DateTime<Utc>, by: ResponderId) -> Result<(), Error> {
        self.transition_with_reason(to, at, by, None)
    }

    /// [`transition`](Self::transition) with a reason recorded on the event.
    ///
    /// # Errors
    /// As [`transition`](Self::transition).
    pub fn transition_with_reason(
        &mut self,
        to: Phase,
        at: DateTime<Utc>,
        by: ResponderId,
        reason: Option<String>,
    ) -> Result<(), Error> {
        let from = self.phase;
        if !from.can_move_to(to) {
            return Err(Error::IllegalTransition {
                from,
                to,
                legal: list(from.next()),
            });
        }
        self.timeline
            .append(at, by, EventKind::PhaseChanged { from, to, reason }, Map::new())?;
        self.phase = to;
        if to == Phase::Triaged && self.times.declared_at.is_none() {
            self.times.declared_at = Some(at);
        }
        self.times.closed_at = to.is_closed().then_some(at);
        Ok(())
    }

    /// Appends any other event to the timeline.
    ///
    /// A `severity_changed` event also updates [`Incident::severity`], and a
    /// `category_changed` event updates [`Incident::category`]. Phase changes must go
    /// through [`transition`](Self::transition).
    ///
    /// # Errors
    /// - [`Error::OutOfOrder`] when `at` is earlier than the last timeline event;
    /// - [`Error::InvalidValue`] for a `phase_changed` event.
    pub fn record(
        &mut self,
        at: DateTime<Utc>,
        by: ResponderId,
        event: EventKind,
        details: Map<String, Value>,
    ) -> Result<(), Error> {
        match &event {
            EventKind::PhaseChanged { .. } => {
                return Err(Error::InvalidValue {
                    what: "timeline event",
                    value: "phase_changed".to_owned(),
                    expected: "any other kind; phase changes go through `Incident::transition`".to_owned(),
                });
            }
            EventKind::SeverityChanged { to, .. } => {
                let to = *to;
                self.timeline.append(at, by, event, details)?;
                self.severity = Some(to);
                return Ok(());
            }
            EventKind::CategoryChanged { to, .. } => {
                let to = to.clone();
                self.timeline.append(at, by, event, details)?;
                self.category = to;
                return Ok(());
            }
            _ => {}
        }
        self.timeline.append(at, by, event, details)?;
        Ok(())
    }

    /// Sets a manual severity override and records it on the timeline as a
    /// `severity_changed` event from the current severity to the override's, so both
    /// values stay on record. Also sets [`Incident::severity`].
    ///
    /// # Errors
    /// [`Error::OutOfOrder`] when `override_.at` is earlier than the last timeline event.
    pub fn override_severity(&mut self, override_: SeverityOverride) -> Result<(), Error> {
        let event = EventKind::SeverityChanged {
            from: self.severity,
            to: override_.severity,
            reason: format!("manual override: {}", override_.reason),
        };
        self.timeline
            .append(override_.at, override_.by.clone(), event, Map::new())?;
        self.severity = Some(override_.severity);
        self.severity_override = Some(override_);
        Ok(())
    }

    /// Response metrics from the timeline, measured from `times.detected_at`.
    pub fn metrics(&self) -> Metrics {
        let since = |t: Option<DateTime<Utc>>| t.map(|t| t - self.times.detected_at);
        let closed = [Phase::Closed, Phase::ClosedFalsePositive]
            .into_iter()
            .filter_map(|p| self.timeline.entered(p))
            .min();
        Metrics {
            time_to_acknowledge: since(self.timeline.first_acknowledged()),
            time_to_contain: since(self.timeline.entered(Phase::Contained)),
            time_to_recover: since(self.timeline.entered(Phase::Recovered)),
            time_to_close: since(closed),
        }
    }

    /// Parses and fully validates an incident document against the built-in taxonomy
    /// (see [`schema::validate_incident`](crate::schema::validate_incident)).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::schema::validate_incident(json).map_err(Error::Invalid)
    }

    /// The document as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        // Our own types always serialize: map keys are strings, no custom failures.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn incident() -> Incident {
        Incident::new(
            IncidentId::new("INC-1").unwrap(),
            "test",
            CategoryId::new("prompt_injection").unwrap(),
            Detection {
                source: DetectionSource::Guardrail,
                method: None,
                detector: None,
            },
            t("2026-03-01T10:00:00Z"),
            ResponderId::new("guardrail").unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn every_legal_move_is_accepted() {
        for from in Phase::ALL {
            for &to in from.next() {
                let mut inc = incident();
                inc.phase = from; // jump there directly; the table is what is tested
                let r = inc.transition(to, t("2026-03-01T11:00:00Z"), ResponderId::new("ic").unwrap());
                assert!(r.is_ok(), "{from} -> {to}: {r:?}");
                assert_eq!(inc.phase, to);
            }
        }
    }

    #[test]
    fn every_illegal_move_is_rejected_and_names_legal_ones() {
        let mut rejected = 0;
        for from in Phase::ALL {
            for to in Phase::ALL {
                if from.can_move_to(to) {
                    continue;
                }
                let mut inc = incident();
                inc.phase = from;
                let before = inc.timeline.len();
                let err = inc
                    .transition(to, t("2026-03-01T11:00:00Z"), ResponderId::new("ic").unwrap())
                    .unwrap_err();
                assert_eq!(
                    err,
                    Error::IllegalTransition {
                        from,
                        to,
                        legal: list(from.next())
                    }
                );
                assert_eq!(inc.timeline.len(), before, "nothing appended on failure");
                assert_eq!(inc.phase, from);
                rejected += 1;
            }
        }
        assert_eq!(rejected, 64 - 13, "8 × 8 pairs minus the 13 legal moves");
    }

    #[test]
    fn illegal_move_message() {
        let mut inc = incident();
        let err = inc
            .transition(
                Phase::Closed,
                t("2026-03-01T11:00:00Z"),
                ResponderId::new("ic").unwrap(),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "illegal transition from `detected` to `closed`: from `detected` the legal moves are `triaged`, `closed_false_positive`"
        );
    }

    #[test]
    fn full_lifecycle_with_reopen_and_metrics() {
        let mut inc = incident();
        let ic = ResponderId::new("ic").unwrap();
        inc.record(
            t("2026-03-01T10:04:00Z"),
            ic.clone(),
            EventKind::Acknowledged { responder: ic.clone() },
            Map::new(),
        )
        .unwrap();
        let steps = [
            (Phase::Triaged, "2026-03-01T10:10:00Z"),
            (Phase::Contained, "2026-03-01T10:30:00Z"),
            (Phase::Eradicated, "2026-03-01T12:00:00Z"),
            (Phase::Recovered, "2026-03-01T14:00:00Z"),
            (Phase::PostIncidentReview, "2026-03-02T09:00:00Z"),
            (Phase::Closed, "2026-03-05T09:00:00Z"),
        ];
        for (p, at) in steps {
            inc.transition(p, t(at), ic.clone()).unwrap();
        }
        assert_eq!(inc.times.declared_at, Some(t("2026-03-01T10:10:00Z")));
        assert_eq!(inc.times.closed_at, Some(t("2026-03-05T09:00:00Z")));
        inc.transition(Phase::Triaged, t("2026-03-06T09:00:00Z"), ic.clone())
            .unwrap();
        assert_eq!(inc.times.closed_at, None, "reopen clears closed_at");
        assert_eq!(
            inc.times.declared_at,
            Some(t("2026-03-01T10:10:00Z")),
            "reopen keeps first declaration"
        );
        assert_eq!(inc.timeline.verify(), Ok(()));
        let m = inc.metrics();
        assert_eq!(m.time_to_acknowledge, Some(TimeDelta::minutes(4)));
        assert_eq!(m.time_to_contain, Some(TimeDelta::minutes(30)));
        assert_eq!(m.time_to_recover, Some(TimeDelta::hours(4)));
        assert_eq!(m.time_to_close, Some(TimeDelta::days(4) - TimeDelta::hours(1)));
    }

    #[test]
    fn false_positive_closure() {
        let mut inc = incident();
        inc.transition(
            Phase::ClosedFalsePositive,
            t("2026-03-01T10:20:00Z"),
            ResponderId::new("ic").unwrap(),
        )
        .unwrap();
        assert!(inc.phase.is_closed());
        assert_eq!(inc.metrics().time_to_close, Some(TimeDelta::minutes(20)));
    }

    #[test]
    fn transition_rejects_time_travel() {
        let mut inc = incident();
        let err = inc
            .transition(
                Phase::Triaged,
                t("2026-03-01T09:00:00Z"),
                ResponderId::new("ic").unwrap(),
            )
            .unwrap_err();
        assert!(matches!(err, Error::OutOfOrder { .. }));
        assert_eq!(inc.phase, Phase::Detected);
    }

    #[test]
    fn record_updates_severity_and_refuses_phase_events() {
        let mut inc = incident();
        let ic = ResponderId::new("ic").unwrap();
        inc.record(
            t("2026-03-01T10:01:00Z"),
            ic.clone(),
            EventKind::SeverityChanged {
                from: None,
                to: Severity::High,
                reason: "assessed".into(),
            },
            Map::new(),
        )
        .unwrap();
        assert_eq!(inc.severity, Some(Severity::High));
        let err = inc
            .record(
                t("2026-03-01T10:02:00Z"),
                ic,
                EventKind::PhaseChanged {
                    from: Phase::Detected,
                    to: Phase::Triaged,
                    reason: None,
                },
                Map::new(),
            )
            .unwrap_err();
        assert!(matches!(err, Error::InvalidValue { .. }));
    }
}
