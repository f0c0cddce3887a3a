//! Impact facts: how wide, how harmful, how autonomous. Severity rules read these.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::id::Jurisdiction;

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

impl HarmKind {
    /// The wire name, e.g. `critical_infrastructure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Death => "death",
            Self::Safety => "safety",
            Self::Health => "health",
            Self::Financial => "financial",
            Self::Privacy => "privacy",
            Self::Rights => "rights",
            Self::CriticalInfrastructure => "critical_infrastructure",
            Self::Property => "property",
            Self::Environment => "environment",
            Self::Reputational => "reputational",
            Self::Operational => "operational",
            Self::IntellectualProperty => "intellectual_property",
        }
    }
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

impl Realization {
    /// The wire name, e.g. `near_miss`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Potential => "potential",
            Self::NearMiss => "near_miss",
            Self::Occurred => "occurred",
        }
    }
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

    setters! {
        with_realization => realization: set Realization;
        with_records => records: opt u64;
        with_affected_group => affected_group: opt String;
        with_description => description: opt String;
    }
}

/// How many affected individuals reside in one jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ResidentCount {
    /// The jurisdiction, e.g. `US-CA`.
    pub jurisdiction: Jurisdiction,
    /// How many affected individuals reside there.
    pub count: u64,
}

impl ResidentCount {
    /// `count` affected residents of `jurisdiction`.
    pub fn new(jurisdiction: Jurisdiction, count: u64) -> Self {
        Self { jurisdiction, count }
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
    /// Affected individuals counted per jurisdiction where a rule needs it (HIPAA
    /// 45 CFR 164.406: media notice when more than 500 residents of one State); each
    /// jurisdiction at most once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affected_residents: Vec<ResidentCount>,
    /// How autonomously the AI system acted.
    #[serde(default)]
    pub autonomy: Autonomy,
    /// `true` when active exploitation by an adversary was observed.
    #[serde(default)]
    pub exploitation_observed: bool,
}

impl Impact {
    setters! {
        with_blast_radius => blast_radius: set BlastRadius;
        with_harms => harms: list Harm;
        with_users_affected => users_affected: opt u64;
        with_affected_residents => affected_residents: list ResidentCount;
        with_autonomy => autonomy: set Autonomy;
        with_exploitation_observed => exploitation_observed: set bool;
    }
}
