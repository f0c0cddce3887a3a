//! Shared security responsibility (CSA AICM SSRM): the actors of the AI supply chain,
//! ownership values per layer, concrete parties, RACI resolution and control references.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Contact, Error, PartyId};

/// An actor of the AI supply chain in the CSA AI Controls Matrix shared security
/// responsibility model (SSRM). On the wire the AICM abbreviations are used (`CSP`, `MP`,
/// `OSP`, `AP`, `AIC`), exactly as the matrix and the AI-CAIQ write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Actor {
    /// Cloud Service Provider: the AI processing infrastructure.
    #[serde(rename = "CSP")]
    Csp,
    /// Model Provider: develops, trains and distributes the model.
    #[serde(rename = "MP")]
    Mp,
    /// Orchestrated Service Provider: orchestration, agents, retrieval and tool services.
    #[serde(rename = "OSP")]
    Osp,
    /// Application Provider: the end-user AI application.
    #[serde(rename = "AP")]
    Ap,
    /// AI Customer: the organisation or person using the AI application.
    #[serde(rename = "AIC")]
    Aic,
}

impl Actor {
    /// All actors, in supply-chain order.
    pub const ALL: [Self; 5] = [Self::Csp, Self::Mp, Self::Osp, Self::Ap, Self::Aic];

    /// The AICM abbreviation, e.g. `MP`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Csp => "CSP",
            Self::Mp => "MP",
            Self::Osp => "OSP",
            Self::Ap => "AP",
            Self::Aic => "AIC",
        }
    }

    /// The full name as the AICM writes it, e.g. `Model Provider`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Csp => "Cloud Service Provider",
            Self::Mp => "Model Provider",
            Self::Osp => "Orchestrated Service Provider",
            Self::Ap => "Application Provider",
            Self::Aic => "AI Customer",
        }
    }
}

/// An architectural layer of the AI stack: the AICM ownership columns
/// (`cloud_ai_processing_infrastructure`, `model`, `orchestrated_services`, `application`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// Cloud / AI processing infrastructure (the AICM "PI" column).
    ProcessingInfrastructure,
    /// The model.
    Model,
    /// Orchestrated services: orchestration, agents, retrieval, tools.
    OrchestratedServices,
    /// The application.
    Application,
}

impl Layer {
    /// All layers, bottom to top.
    pub const ALL: [Self; 4] = [
        Self::ProcessingInfrastructure,
        Self::Model,
        Self::OrchestratedServices,
        Self::Application,
    ];

    /// The AICM column label, e.g. `PI`.
    pub fn label(self) -> &'static str {
        match self {
            Self::ProcessingInfrastructure => "PI",
            Self::Model => "Model",
            Self::OrchestratedServices => "Orchestrated Services",
            Self::Application => "Application",
        }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Actor {
    /// The AICM's long name as used inside ownership strings, e.g. `Customer` for AIC
    /// ("Owned by the Customer (AIC)").
    fn ownership_name(self) -> &'static str {
        match self {
            Self::Aic => "Customer",
            other => other.name(),
        }
    }

    /// Position in the supply chain, upstream (CSP) to downstream (AIC).
    fn position(self) -> usize {
        self as usize
    }
}

/// Who owns a control for one layer, as the CSA AICM SSRM states it.
///
/// Reads and writes both forms exactly: the AICM matrix's long strings ("Owned by the
/// Model Provider (MP)", "Shared Model Provider-Orchestrated Service Provider (Shared
/// MP-OSP)", "Shared across the supply chain") and the AI-CAIQ short codes (`MP-Owned`,
/// `Shared MP-OSP`, "Shared Across the Supply Chain", `ND`). On the wire the CAIQ code is
/// used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Ownership {
    /// Owned by one actor.
    Owned(Actor),
    /// Shared between two adjacent actors of the supply chain (CSP-MP, MP-OSP, OSP-AP, AP-AIC).
    Shared(Actor, Actor),
    /// Shared across the supply chain.
    SupplyChain,
    /// Not determined (CAIQ `ND`).
    NotDetermined,
}

const SHARED_PAIRS: [(Actor, Actor); 4] = [
    (Actor::Csp, Actor::Mp),
    (Actor::Mp, Actor::Osp),
    (Actor::Osp, Actor::Ap),
    (Actor::Ap, Actor::Aic),
];

impl Ownership {
    /// Every value the AICM v1.1.0 matrix uses (the ten strings), plus `NotDetermined`.
    pub const ALL: [Self; 11] = [
        Self::Owned(Actor::Csp),
        Self::Owned(Actor::Mp),
        Self::Owned(Actor::Osp),
        Self::Owned(Actor::Ap),
        Self::Owned(Actor::Aic),
        Self::Shared(Actor::Csp, Actor::Mp),
        Self::Shared(Actor::Mp, Actor::Osp),
        Self::Shared(Actor::Osp, Actor::Ap),
        Self::Shared(Actor::Ap, Actor::Aic),
        Self::SupplyChain,
        Self::NotDetermined,
    ];

    /// Shared ownership between `a` and `b`, in supply-chain order.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless the two are one of the AICM's shared pairs.
    pub fn shared(a: Actor, b: Actor) -> Result<Self, Error> {
        let (a, b) = if a.position() <= b.position() { (a, b) } else { (b, a) };
        if SHARED_PAIRS.contains(&(a, b)) {
            Ok(Self::Shared(a, b))
        } else {
            Err(Error::InvalidValue {
                what: "shared ownership",
                value: format!("{a}-{b}"),
                expected: "one of the AICM pairs CSP-MP, MP-OSP, OSP-AP, AP-AIC".to_owned(),
            })
        }
    }

    /// The AICM matrix string, e.g. "Shared Model Provider-Orchestrated Service Provider (Shared MP-OSP)".
    /// `NotDetermined` has no AICM string and prints "Not Determined".
    pub fn to_aicm(self) -> String {
        match self {
            Self::Owned(a) => format!("Owned by the {} ({})", a.ownership_name(), a.code()),
            Self::Shared(a, b) => format!("Shared {}-{} (Shared {}-{})", a.name(), b.name(), a.code(), b.code()),
            Self::SupplyChain => "Shared across the supply chain".to_owned(),
            Self::NotDetermined => "Not Determined".to_owned(),
        }
    }

    /// The AI-CAIQ code, e.g. `MP-Owned`, `Shared MP-OSP`, `Shared Across the Supply Chain`, `ND`.
    pub fn to_caiq(self) -> String {
        match self {
            Self::Owned(a) => format!("{}-Owned", a.code()),
            Self::Shared(a, b) => format!("Shared {}-{}", a.code(), b.code()),
            Self::SupplyChain => "Shared Across the Supply Chain".to_owned(),
            Self::NotDetermined => "ND".to_owned(),
        }
    }

    /// Parses an AICM matrix string (exactly as the matrix writes it).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] listing the accepted strings.
    pub fn from_aicm(s: &str) -> Result<Self, Error> {
        Self::parse_form(s, "AICM ownership", Self::to_aicm, '"')
    }

    /// Parses an AI-CAIQ code (exactly as the CAIQ guide writes it).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] listing the accepted codes.
    pub fn from_caiq(s: &str) -> Result<Self, Error> {
        Self::parse_form(s, "AI-CAIQ ownership code", Self::to_caiq, '`')
    }

    /// The value whose `render`ing is `s`; the error lists every rendering.
    fn parse_form(s: &str, what: &'static str, render: fn(Self) -> String, quote: char) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|o| render(*o) == s)
            .ok_or_else(|| Error::InvalidValue {
                what,
                value: s.to_owned(),
                expected: format!(
                    "one of {}",
                    Self::ALL
                        .iter()
                        .map(|o| format!("{quote}{}{quote}", render(*o)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }

    /// The actors this value names (every actor for the supply chain, none for ND).
    pub fn actors(self) -> Vec<Actor> {
        match self {
            Self::Owned(a) => vec![a],
            Self::Shared(a, b) => vec![a, b],
            Self::SupplyChain => Actor::ALL.to_vec(),
            Self::NotDetermined => Vec::new(),
        }
    }
}

impl std::fmt::Display for Ownership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_caiq())
    }
}

impl std::str::FromStr for Ownership {
    type Err = Error;
    /// Accepts either form: a CAIQ code or an AICM matrix string.
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_caiq(s).or_else(|_| Self::from_aicm(s)).map_err(|_| Error::InvalidValue {
            what: "SSRM ownership",
            value: s.to_owned(),
            expected: "an AI-CAIQ code such as `MP-Owned`, `Shared MP-OSP`, `Shared Across the Supply Chain`, `ND`, or an AICM matrix string such as \"Owned by the Model Provider (MP)\"".to_owned(),
        })
    }
}

impl Serialize for Ownership {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_caiq())
    }
}

impl<'de> Deserialize<'de> for Ownership {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Ownership {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Ownership".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<String> = Self::ALL
            .iter()
            .map(|o| o.to_caiq())
            .chain(
                Self::ALL
                    .iter()
                    .filter(|o| **o != Self::NotDetermined)
                    .map(|o| o.to_aicm()),
            )
            .collect();
        schemars::json_schema!({
            "type": "string",
            "enum": codes,
            "description": "CSA AICM SSRM ownership: an AI-CAIQ code (`MP-Owned`, `Shared MP-OSP`, `Shared Across the Supply Chain`, `ND`, …) or the AICM matrix string; written as the CAIQ code.",
        })
    }
}

/// Ownership of one control per AICM layer (the matrix's four ownership columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct LayerOwnership {
    /// Cloud / AI processing infrastructure (PI).
    pub processing_infrastructure: Ownership,
    /// Model.
    pub model: Ownership,
    /// Orchestrated services.
    pub orchestrated_services: Ownership,
    /// Application.
    pub application: Ownership,
}

impl LayerOwnership {
    /// The ownership for one layer.
    pub fn get(&self, layer: Layer) -> Ownership {
        match layer {
            Layer::ProcessingInfrastructure => self.processing_infrastructure,
            Layer::Model => self.model,
            Layer::OrchestratedServices => self.orchestrated_services,
            Layer::Application => self.application,
        }
    }
}

/// A standards mapping of a control, as the AICM lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct StandardMapping {
    /// The standard, e.g. `ISO/IEC 42001`.
    pub standard: String,
    /// The references, e.g. `A.8.4`; empty when the AICM states "No Mapping".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

/// A reference to a control of a framework: ids and a short title only — never control
/// text (CSA AICM text is under a no-redistribution licence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ControlRef {
    /// The framework, e.g. `CSA AICM`.
    pub framework: String,
    /// The framework version the id belongs to, e.g. `1.1.0`.
    pub version: String,
    /// The control id, e.g. `SEF-07`.
    pub id: String,
    /// The short title.
    pub title: String,
    /// The same control's ids in other versions, e.g. `1.0.0` → `SEF-09`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<ControlAlias>,
    /// SSRM ownership per layer.
    pub ownership: LayerOwnership,
    /// AICM lifecycle phases the control applies to, e.g. `Delivery: Continuous monitoring`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<String>,
    /// Standards mappings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mappings: Vec<StandardMapping>,
}

/// A control's id in another framework version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct ControlAlias {
    /// The version, e.g. `1.0.0`.
    pub version: String,
    /// The id in that version, e.g. `SEF-09`.
    pub id: String,
}

fn mapping(standard: &str, refs: &[&str]) -> StandardMapping {
    StandardMapping {
        standard: standard.to_owned(),
        references: refs.iter().map(|r| (*r).to_owned()).collect(),
    }
}

impl ControlRef {
    /// Whether `id` names this control in `version` (its own id or an alias).
    pub fn matches(&self, version: &str, id: &str) -> bool {
        (self.version == version && self.id == id) || self.aliases.iter().any(|a| a.version == version && a.id == id)
    }

    /// CSA AICM v1.1.0 SEF-07 "Incident Management and Response" (v1.0 SEF-09
    /// "Incident Response"): the seed control for AI incident categories, severity levels
    /// and response procedures. Ownership: PI shared across the supply chain, Model owned
    /// by the MP, Orchestrated shared MP-OSP, Application owned by the AP.
    pub fn aicm_sef_07() -> Self {
        Self {
            framework: "CSA AICM".to_owned(),
            version: "1.1.0".to_owned(),
            id: "SEF-07".to_owned(),
            title: "Incident Management and Response".to_owned(),
            aliases: vec![ControlAlias {
                version: "1.0.0".to_owned(),
                id: "SEF-09".to_owned(),
            }],
            ownership: LayerOwnership {
                processing_infrastructure: Ownership::SupplyChain,
                model: Ownership::Owned(Actor::Mp),
                orchestrated_services: Ownership::Shared(Actor::Mp, Actor::Osp),
                application: Ownership::Owned(Actor::Ap),
            },
            lifecycle: [
                "Preparation: Data storage",
                "Development: Guardrails",
                "Evaluation/Validation: Re-evaluation",
                "Deployment: Orchestration",
                "Deployment: AI Services supply chain",
                "Deployment: AI applications",
                "Delivery: Operations",
                "Delivery: Maintenance",
                "Delivery: Continuous monitoring",
                "Delivery: Continuous improvement",
                "Service Retirement: Data deletion",
            ]
            .map(str::to_owned)
            .to_vec(),
            mappings: vec![
                mapping("ISO/IEC 42001", &["A.8.4", "A.8.5", "B.8.4", "B.8.5"]),
                mapping("ISO/IEC 27001", &["A.5.25"]),
                mapping("ISO/IEC 27002", &["A.5.26"]),
                mapping("EU AI Act", &[]),
                mapping("NIST AI 600-1", &["MG-2.4-002", "MG-2.4-003", "MG-2.4-004"]),
                mapping("BSI C5", &["SIM-01"]),
            ],
        }
    }

    /// CSA AICM v1.1.0 TVM-10 "Threat Response" (v1.0 TVM-13): the seed control for
    /// risk-based threat prioritization. Ownership: PI owned by the CSP, Model owned by
    /// the MP, Orchestrated shared MP-OSP, Application shared OSP-AP.
    pub fn aicm_tvm_10() -> Self {
        Self {
            framework: "CSA AICM".to_owned(),
            version: "1.1.0".to_owned(),
            id: "TVM-10".to_owned(),
            title: "Threat Response".to_owned(),
            aliases: vec![ControlAlias {
                version: "1.0.0".to_owned(),
                id: "TVM-13".to_owned(),
            }],
            ownership: LayerOwnership {
                processing_infrastructure: Ownership::Owned(Actor::Csp),
                model: Ownership::Owned(Actor::Mp),
                orchestrated_services: Ownership::Shared(Actor::Mp, Actor::Osp),
                application: Ownership::Shared(Actor::Osp, Actor::Ap),
            },
            lifecycle: [
                "Preparation: Data curation",
                "Preparation: Data storage",
                "Preparation: Resource provisioning",
                "Preparation: Team and expertise",
                "Development: Design",
                "Development: Training",
                "Development: Guardrails",
                "Evaluation/Validation: Evaluation",
                "Evaluation/Validation: Validation/Red Teaming",
                "Evaluation/Validation: Re-evaluation",
                "Deployment: Orchestration",
                "Deployment: AI Services supply chain",
                "Deployment: AI applications",
                "Delivery: Operations",
                "Delivery: Maintenance",
                "Delivery: Continuous monitoring",
                "Service Retirement: Data deletion",
                "Service Retirement: Model disposal",
            ]
            .map(str::to_owned)
            .to_vec(),
            mappings: vec![
                mapping("ISO/IEC 27001", &["8.8"]),
                mapping("ISO/IEC 42001", &["A.6.2.6"]),
                mapping("EU AI Act", &["Article 9(2)"]),
                mapping(
                    "NIST AI 600-1",
                    &["GV-1.1-001", "MP-1.1-001 to MP-3.2-003", "MG-1.1-001 to MG-3.3-002"],
                ),
                mapping("BSI C5", &["OPS-18"]),
            ],
        }
    }
}

/// A concrete organisation playing one or more SSRM actor roles for an AI system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Party {
    /// The party's id.
    pub id: PartyId,
    /// The organisation's name.
    pub name: String,
    /// The roles it plays.
    pub roles: Vec<Actor>,
    /// Its security or incident contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

impl Party {
    /// A party with id, name and roles.
    pub fn new(id: PartyId, name: impl Into<String>, roles: Vec<Actor>) -> Self {
        Self {
            id,
            name: name.into(),
            roles,
            contact: None,
        }
    }
}

/// The supply chain of one AI system: which party plays which actor, e.g. "Acme (AP),
/// ModelCo (MP), CloudCo (CSP)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct SupplyChain {
    /// The AI system.
    pub system: String,
    /// The party whose policy this is ("us"), if it is one of `parties`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_party: Option<PartyId>,
    /// The parties.
    pub parties: Vec<Party>,
}

/// An actor an ownership value refers to that no party plays.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Gap {
    /// The layer.
    pub layer: Layer,
    /// The ownership value.
    pub ownership: Ownership,
    /// The actor nobody plays.
    pub actor: Actor,
}

impl std::fmt::Display for Gap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} layer is {} but no party plays {} ({})",
            self.layer.label(),
            self.ownership,
            self.actor.code(),
            self.actor.name()
        )
    }
}

/// A RACI assignment with the reason it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct RaciEntry {
    /// The party.
    pub party: PartyId,
    /// The actor role it holds this for.
    pub actor: Actor,
    /// Why.
    pub reason: String,
}

/// Responsible, accountable, consulted and informed parties for one control and incident.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Raci {
    /// Do the work.
    pub responsible: Vec<RaciEntry>,
    /// Answers for the outcome; exactly one when anyone is responsible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accountable: Option<RaciEntry>,
    /// Asked before decisions (responsible for the control on other layers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<RaciEntry>,
    /// Kept informed (every other party of the supply chain).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<RaciEntry>,
    /// Actors that ownership names but no party plays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<String>,
}

impl SupplyChain {
    /// Parties playing `actor`, in document order.
    pub fn playing(&self, actor: Actor) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(move |p| p.roles.contains(&actor))
    }

    /// Every actor the control's ownership refers to (on any layer) that no party plays.
    pub fn gaps(&self, control: &ControlRef) -> Vec<Gap> {
        let mut out = Vec::new();
        for layer in Layer::ALL {
            let ownership = control.ownership.get(layer);
            // "Shared across the supply chain" needs no particular actor.
            if ownership == Ownership::SupplyChain {
                continue;
            }
            for actor in ownership.actors() {
                if self.playing(actor).next().is_none() {
                    out.push(Gap {
                        layer,
                        ownership,
                        actor,
                    });
                }
            }
        }
        out
    }

    /// Who is responsible, accountable, consulted and informed for `control` when an
    /// incident affects `layers`.
    ///
    /// Rules (each entry carries its reason):
    /// - **Responsible**: every party playing an actor that owns or shares the control on
    ///   an affected layer; for "shared across the supply chain", every party.
    /// - **Accountable**: exactly one party — of the topmost affected layer's owners, the
    ///   most downstream provider (AP before OSP before MP before CSP; the AI customer only
    ///   when it owns the control alone). The AICM makes the downstream provider
    ///   accountable for due diligence on its upstream providers. Ties: first in document order.
    /// - **Consulted**: parties responsible for the control on the other layers.
    /// - **Informed**: every other party.
    /// - **Gaps**: actors named by ownership on an affected layer that no party plays.
    pub fn raci(&self, control: &ControlRef, layers: &[Layer]) -> Raci {
        let mut layers: Vec<Layer> = layers.to_vec();
        layers.sort();
        layers.dedup();
        let mut raci = Raci::default();
        let mut seen: Vec<(PartyId, Actor)> = Vec::new();
        let push =
            |list: &mut Vec<RaciEntry>, seen: &mut Vec<(PartyId, Actor)>, p: &Party, actor: Actor, reason: String| {
                if !seen.iter().any(|(id, a)| *id == p.id && *a == actor) {
                    seen.push((p.id.clone(), actor));
                    list.push(RaciEntry {
                        party: p.id.clone(),
                        actor,
                        reason,
                    });
                }
            };
        for &layer in &layers {
            let ownership = control.ownership.get(layer);
            for actor in ownership.actors() {
                let mut any = false;
                for p in self.playing(actor) {
                    any = true;
                    let reason = format!(
                        "{} {} layer: {} ({})",
                        control.id,
                        layer.label(),
                        ownership.to_aicm(),
                        actor.code()
                    );
                    push(&mut raci.responsible, &mut seen, p, actor, reason);
                }
                if !any && ownership != Ownership::SupplyChain {
                    raci.gaps.push(
                        Gap {
                            layer,
                            ownership,
                            actor,
                        }
                        .to_string(),
                    );
                }
            }
            if ownership == Ownership::NotDetermined {
                raci.gaps.push(format!(
                    "{} layer ownership of {} is not determined",
                    layer.label(),
                    control.id
                ));
            }
        }
        // Accountable: topmost affected layer, most downstream provider.
        for &layer in layers.iter().rev() {
            let ownership = control.ownership.get(layer);
            let mut actors = ownership.actors();
            let provider_owned = actors.iter().any(|a| *a != Actor::Aic);
            actors.retain(|a| *a != Actor::Aic || !provider_owned);
            actors.sort_by_key(|a| std::cmp::Reverse(a.position()));
            if let Some((actor, party)) = actors.iter().find_map(|a| self.playing(*a).next().map(|p| (*a, p))) {
                raci.accountable = Some(RaciEntry {
                    party: party.id.clone(),
                    actor,
                    reason: format!(
                        "{} {} layer: {} — the most downstream provider is accountable for the control, including due diligence on upstream providers",
                        control.id,
                        layer.label(),
                        ownership.to_aicm()
                    ),
                });
                break;
            }
        }
        for layer in Layer::ALL.into_iter().filter(|l| !layers.contains(l)) {
            let ownership = control.ownership.get(layer);
            for actor in ownership.actors() {
                for p in self.playing(actor) {
                    let reason = format!(
                        "owns {} on the {} layer ({}), not affected",
                        control.id,
                        layer.label(),
                        ownership.to_caiq()
                    );
                    push(&mut raci.consulted, &mut seen, p, actor, reason);
                }
            }
        }
        for p in &self.parties {
            if !seen.iter().any(|(id, _)| *id == p.id) {
                if let Some(&actor) = p.roles.first() {
                    push(
                        &mut raci.informed,
                        &mut seen,
                        p,
                        actor,
                        "party of the AI system's supply chain".to_owned(),
                    );
                }
            }
        }
        raci
    }
}
