#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod audit;
mod duration;
mod error;
mod escalation;
mod fxhash;
mod id;
mod incident;
mod inventory;
mod ownership;
mod policy;
pub mod schema;
mod severity;
mod taxonomy;
mod threat;
mod timeline;
mod validation;

pub use audit::{
    Answer, AuditReport, AutomatedResponse, CaiqAnswer, ControlAudit, DetectionCapability, GuidelineResult,
    IncidentRole, RoleAssignment, Status as AuditStatus, ThreatManagement, ThreatMethod, audit,
};
pub use duration::IsoDuration;
pub use error::Error;
pub use escalation::{
    Ack, CoverageGap, Day, ESCALATION_SCHEMA_VERSION, Edge, EdgeKind, EntryPoint, EscalationGraph, EscalationPolicy,
    GateCondition, IncidentFacts, NotifyStrategy, Outcome, Page, PageOutcome, Plan, Responder, Rotation,
    RotationOverride, Step, StepId, TimeWindow, validate_hand_offs,
};
pub use id::{
    AssetId, CategoryId, EvidenceId, IncidentId, LevelId, PartyId, PlaybookId, PriorityId, ResponderId, RuleId,
    ThreatId,
};
pub use incident::{
    ActionStatus, AffectedAsset, AssetKind, Autonomy, BlastRadius, CapaKind, CausalLink, Contact, CorrectiveAction,
    Detection, DetectionSource, Evidence, Harm, HarmKind, INCIDENT_SCHEMA_VERSION, Impact, Incident, Indicator,
    IndicatorKind, InvolvedParty, Metrics, Phase, Precision, Realization, ReportedTime, RootCause, RootCauseClass,
    Times,
};
pub use inventory::{
    Affected, AffectedAsset as InventoryAffected, AffectedEntry, AffectedOwner, AffectedReport, Asset, AssetGraph,
    Dependency, DependencyKind, INVENTORY_SCHEMA_VERSION, Inventory, InventoryParty, RegistryStatus,
};
pub use ownership::{
    Actor, ControlAlias, ControlRef, Gap, Layer, LayerOwnership, Ownership, Party, Raci, RaciEntry, StandardMapping,
    SupplyChain,
};
pub use policy::{BUILTIN_POLICY_JSON, POLICY_SCHEMA_VERSION, Policy, TrainingRecord};
pub use schema::{
    SchemaDocument, validate_escalation, validate_incident, validate_incident_with, validate_inventory,
    validate_policy, validate_threat_register, validate_threat_register_with,
};
pub use severity::{
    Assessment, Axis, AxisLevel, AxisRule, AxisTrace, CategoryFloor, Condition, PriorityLevel, PriorityRow, Rationale,
    RuleEffect, Severity, SeverityLabel, SeverityMatrix, SeverityModel, SeverityOverride, SeverityPolicy, SlaTarget,
    Urgency, UrgencyPolicy, UrgencyRule, UrgencySource,
};
pub use taxonomy::{
    AicmThreatCategory, AtlasTechniqueId, AvidCode, CategoryDef, Domain, OwaspAgenticId, OwaspLlmId, Taxonomy,
};
pub use threat::{
    BusinessImpact, CISA_COORDINATOR_JSON, CompiledTable, CvssSeverity, CvssVector, DEPLOYER_JSON, Decision,
    DecisionPoint, DecisionPointValue, DecisionTable, Epss, Method, Mitigation, MitigationPlan, Nist80030, NistLevel,
    Options, OwaspLevel, OwaspLikelihood, OwaspRating, OwaspRiskRating, OwaspSeverity, PlanStep, Prioritizer,
    RankIndex, Ranked, Ranking, RankingEntry, RankingReport, Reduction, SSVC_CISA, SSVC_DEPLOYER, SsvcAssessment,
    SsvcOutcome, SsvcSelection, THREAT_REGISTER_SCHEMA_VERSION, TechnicalImpact, Threat, ThreatAssessments,
    ThreatRegister, ThreatStatus,
};
pub use timeline::{
    ActionOutcome, AnchorError, ChainBreak, ChainError, Event, EventKind, Sha256Digest, Timeline, TimelineAnchor,
};
pub use validation::{DocumentKind, Problem, ProblemKind, ValidationReport};
