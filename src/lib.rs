#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Hostile input: arithmetic is checked and indexing is fallible in library code (tests exempt).
#![cfg_attr(not(test), warn(clippy::arithmetic_side_effects, clippy::indexing_slicing))]
#![cfg_attr(docsrs, feature(doc_cfg))]

// Layer 1, core vocabulary: each imports only other core modules.
mod builder;
mod canonical;
mod contact;
mod digest;
mod duration;
mod error;
mod id;
mod impact;
mod lifecycle;
mod range;
mod report;
mod scale;
mod ssrm;
mod time;
mod validation;

// Layer 2, documents and their logic: each imports from the core and from documents
// below it in this order: timeline < incident < {taxonomy, ownership} < severity <
// {inventory, threat} < escalation < regulation < response < policy (`tests/it/layering.rs` checks for cycles).
pub mod escalation;
pub mod incident;
pub mod interop;
pub mod inventory;
pub mod ownership;
pub mod policy;
pub mod regulation;
pub mod response;
pub mod severity;
pub mod taxonomy;
pub mod threat;
pub mod timeline;

// Layer 3, services.
pub mod audit;
pub mod schema;

/// The JSON types of host data (`extensions`, timeline event `details`), re-exported so
/// a host builds them without depending on `serde_json` itself.
pub mod json {
    pub use serde_json::{Map, Value};
}

pub use contact::Contact;
pub use digest::Sha256Digest;
pub use duration::IsoDuration;
pub use error::Error;
pub use id::{
    AssetId, AudienceId, CategoryId, EvidenceId, IncidentId, Jurisdiction, LevelId, MitigationId, PartyId, PlaybookId,
    PlaybookStepId, PriorityId, RegimeId, ReportKind, ResponderId, RuleId, ThreatId,
};
pub use impact::{Autonomy, BlastRadius, Harm, HarmKind, Impact, Realization, ResidentCount};
pub use incident::Incident;
pub use lifecycle::Phase;
pub use policy::{CompiledPolicy, Policy};
pub use range::VersionRange;
pub use report::{ChainBreak, DocumentKind, Problem, ProblemKind, ValidationReport};
pub use scale::{Severity, Urgency};
pub use ssrm::{Actor, Layer, LayerOwnership, Ownership, SharedPair};
pub use validation::Document;

/// The guides under `docs/`, compiled and run as doctests so their examples stay true.
#[cfg(doctest)]
mod guides {
    #[doc = include_str!("../docs/validation.md")]
    struct Validation;
    #[doc = include_str!("../docs/severity.md")]
    struct Severity;
    #[doc = include_str!("../docs/escalation.md")]
    struct Escalation;
    #[doc = include_str!("../docs/inventory.md")]
    struct Inventory;
    #[doc = include_str!("../docs/prioritization.md")]
    struct Prioritization;
    #[doc = include_str!("../docs/ownership.md")]
    struct Ownership;
    #[doc = include_str!("../docs/architecture.md")]
    struct Architecture;
    #[doc = include_str!("../docs/regulation.md")]
    struct Regulation;
    #[doc = include_str!("../docs/response.md")]
    struct Response;
    #[doc = include_str!("../docs/triage.md")]
    struct Triage;
    #[doc = include_str!("../docs/embedding.md")]
    struct Embedding;
    #[doc = include_str!("../docs/interop.md")]
    struct Interop;
}
