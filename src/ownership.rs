//! Shared security responsibility (CSA AICM SSRM) applied: control references with their
//! ownership per layer, the concrete parties of an AI system's supply chain, and who is
//! responsible, accountable, consulted and informed (RACI) for an incident.
//!
//! The vocabulary (actors, layers, ownership values) is at the crate root:
//! [`Actor`], [`Layer`], [`Ownership`].
//!
//! # Examples
//!
//! ```
//! use aiir::ownership::{ControlRef, Party, SupplyChain};
//! use aiir::{Actor, Layer};
//!
//! let chain = SupplyChain::new(
//!     "support-bot",
//!     [
//!         Party::new("acme".parse()?, "Acme Retail", [Actor::Ap]),
//!         Party::new("modelco".parse()?, "ModelCo", [Actor::Mp]),
//!     ],
//! )
//! .with_self_party("acme".parse::<aiir::PartyId>()?);
//! let raci = chain.raci(&ControlRef::aicm_sef_07(), &[Layer::Model]);
//! assert_eq!(raci.accountable.as_ref().map(|a| a.party.as_str()), Some("modelco"));
//! println!("{raci}");
//! # Ok::<(), aiir::Error>(())
//! ```

use foldhash::HashSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::builder::setters;
use crate::contact::Contact;
use crate::id::PartyId;
use crate::report::{ValidationReport, quoted};
use crate::ssrm::{Actor, Layer, LayerOwnership, Ownership, SharedPair};
use crate::validation::check_unique;

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
            ownership: LayerOwnership::new(
                Ownership::SupplyChain,
                Ownership::Owned(Actor::Mp),
                Ownership::Shared(SharedPair::MpOsp),
                Ownership::Owned(Actor::Ap),
            ),
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
            ownership: LayerOwnership::new(
                Ownership::Owned(Actor::Csp),
                Ownership::Owned(Actor::Mp),
                Ownership::Shared(SharedPair::MpOsp),
                Ownership::Shared(SharedPair::OspAp),
            ),
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

/// A response role (after the CoSAI framework's RACI and common incident roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IncidentRole {
    /// Leads the response and declares incidents.
    IncidentCommander,
    /// Investigates models, data and agents; takes models offline.
    AiMlEngineer,
    /// Security operations analyst.
    SocAnalyst,
    /// Legal and compliance: regulatory notifications.
    LegalCompliance,
    /// External and internal communications.
    Communications,
    /// Privacy / data-protection officer.
    PrivacyOfficer,
    /// Liaison with supply-chain parties (model, orchestration, cloud providers).
    SupplierLiaison,
    /// Executive sponsor for critical incidents.
    Executive,
}

impl IncidentRole {
    /// The wire name, e.g. `incident_commander`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IncidentCommander => "incident_commander",
            Self::AiMlEngineer => "ai_ml_engineer",
            Self::SocAnalyst => "soc_analyst",
            Self::LegalCompliance => "legal_compliance",
            Self::Communications => "communications",
            Self::PrivacyOfficer => "privacy_officer",
            Self::SupplierLiaison => "supplier_liaison",
            Self::Executive => "executive",
        }
    }
}

impl std::fmt::Display for IncidentRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
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
    pub fn new(id: PartyId, name: impl Into<String>, roles: impl IntoIterator<Item = Actor>) -> Self {
        Self {
            id,
            name: name.into(),
            roles: roles.into_iter().collect(),
            contact: None,
        }
    }

    setters! {
        with_contact => contact: opt Contact;
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
    /// The supply chain of AI system `system`, with its parties.
    pub fn new(system: impl Into<String>, parties: impl IntoIterator<Item = Party>) -> Self {
        Self {
            system: system.into(),
            self_party: None,
            parties: parties.into_iter().collect(),
        }
    }

    setters! {
        with_self_party => self_party: opt PartyId;
    }

    /// The party with this id.
    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.id == id)
    }

    /// Appends every problem to `report` with pointers under `at`: repeated party ids,
    /// and a `self_party` that is not one of the parties.
    pub(crate) fn check_at(&self, at: &str, report: &mut ValidationReport) {
        check_unique(
            &self.parties,
            |p| &p.id,
            &format!("{at}/parties"),
            "id",
            "a party id unique in the supply chain",
            report,
        );
        if let Some(me) = &self.self_party {
            if self.party(me).is_none() {
                report.semantic(
                    format!("{at}/self_party"),
                    "a party of the supply chain",
                    Some(quoted(me)),
                );
            }
        }
    }

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
    /// - **Informed**: every other party that plays an actor (as its first role; a party
    ///   listed without roles has no place in the shared-responsibility model and is left
    ///   out).
    /// - **Gaps**: actors named by ownership on an affected layer that no party plays.
    pub fn raci(&self, control: &ControlRef, layers: &[Layer]) -> Raci {
        let mut layers: Vec<Layer> = layers.to_vec();
        layers.sort();
        layers.dedup();
        let mut raci = Raci::default();
        let mut assigned = Assigned::default();
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
                    assigned.push(&mut raci.responsible, p, actor, reason);
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
                    assigned.push(&mut raci.consulted, p, actor, reason);
                }
            }
        }
        for p in &self.parties {
            if !assigned.parties.contains(&p.id) {
                if let Some(&actor) = p.roles.first() {
                    let reason = "party of the AI system's supply chain".to_owned();
                    assigned.push(&mut raci.informed, p, actor, reason);
                }
            }
        }
        raci
    }
}

/// The (party, actor) pairs a RACI has assigned, and their parties: one hash lookup per
/// assignment.
#[derive(Default)]
struct Assigned<'a> {
    pairs: HashSet<(&'a PartyId, Actor)>,
    parties: HashSet<&'a PartyId>,
}

impl<'a> Assigned<'a> {
    fn push(&mut self, list: &mut Vec<RaciEntry>, p: &'a Party, actor: Actor, reason: String) {
        if self.pairs.insert((&p.id, actor)) {
            self.parties.insert(&p.id);
            list.push(RaciEntry {
                party: p.id.clone(),
                actor,
                reason,
            });
        }
    }
}

impl std::fmt::Display for RaciEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} as {} — {}", self.party, self.actor, self.reason)
    }
}

impl std::fmt::Display for Raci {
    /// One line per role: `accountable: modelco as MP — …`, then responsible, consulted,
    /// informed and any gaps.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.accountable {
            Some(a) => writeln!(f, "accountable: {a}")?,
            None => writeln!(f, "accountable: nobody")?,
        }
        for (label, list) in [
            ("responsible", &self.responsible),
            ("consulted", &self.consulted),
            ("informed", &self.informed),
        ] {
            for e in list {
                writeln!(f, "{label}: {e}")?;
            }
        }
        for gap in &self.gaps {
            writeln!(f, "gap: {gap}")?;
        }
        Ok(())
    }
}
