//! The vocabulary of the CSA AICM shared security responsibility model (SSRM): the
//! actors of the AI supply chain, the architectural layers (the matrix's ownership
//! columns) and the ownership values.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

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
    /// All actors, in supply-chain order (upstream to downstream).
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

    /// The AICM's long name as used inside ownership strings, e.g. `Customer` for AIC
    /// ("Owned by the Customer (AIC)").
    fn ownership_name(self) -> &'static str {
        match self {
            Self::Aic => "Customer",
            other => other.name(),
        }
    }

    /// Position in the supply chain, upstream (CSP, 0) to downstream (AIC, 4).
    pub fn position(self) -> usize {
        self as usize
    }

    /// The SSRM layer the actor's role sits in (the customer uses the application).
    pub fn layer(self) -> Layer {
        match self {
            Self::Csp => Layer::ProcessingInfrastructure,
            Self::Mp => Layer::Model,
            Self::Osp => Layer::OrchestratedServices,
            Self::Ap | Self::Aic => Layer::Application,
        }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.code())
    }
}

impl std::str::FromStr for Actor {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|a| a.code() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "SSRM actor",
                value: s.to_owned(),
                expected: "one of `CSP`, `MP`, `OSP`, `AP`, `AIC`".to_owned(),
            })
    }
}

/// An architectural layer of the AI stack: the AICM ownership columns. On the wire:
/// `processing_infrastructure` (the matrix's "Cloud / AI processing infrastructure", PI),
/// `model`, `orchestrated_services` and `application`.
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

    /// The wire name, e.g. `processing_infrastructure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProcessingInfrastructure => "processing_infrastructure",
            Self::Model => "model",
            Self::OrchestratedServices => "orchestrated_services",
            Self::Application => "application",
        }
    }

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

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Layer {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| Error::InvalidValue {
                what: "layer",
                value: s.to_owned(),
                expected: "one of `processing_infrastructure`, `model`, `orchestrated_services`, `application`"
                    .to_owned(),
            })
    }
}

/// The pairs of adjacent actors the AICM lets share a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SharedPair {
    /// Cloud Service Provider and Model Provider.
    CspMp,
    /// Model Provider and Orchestrated Service Provider.
    MpOsp,
    /// Orchestrated Service Provider and Application Provider.
    OspAp,
    /// Application Provider and AI Customer.
    ApAic,
}

impl SharedPair {
    /// All four pairs, upstream first.
    pub const ALL: [Self; 4] = [Self::CspMp, Self::MpOsp, Self::OspAp, Self::ApAic];

    /// The pair of `a` and `b` in either order, if the AICM lets them share a control.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless the two are one of the pairs CSP-MP, MP-OSP,
    /// OSP-AP, AP-AIC.
    pub fn new(a: Actor, b: Actor) -> Result<Self, Error> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        Self::ALL
            .into_iter()
            .find(|p| p.actors() == (lo, hi))
            .ok_or_else(|| Error::InvalidValue {
                what: "shared ownership",
                value: format!("{lo}-{hi}"),
                expected: "one of the AICM pairs CSP-MP, MP-OSP, OSP-AP, AP-AIC".to_owned(),
            })
    }

    /// The two actors, upstream first.
    pub fn actors(self) -> (Actor, Actor) {
        match self {
            Self::CspMp => (Actor::Csp, Actor::Mp),
            Self::MpOsp => (Actor::Mp, Actor::Osp),
            Self::OspAp => (Actor::Osp, Actor::Ap),
            Self::ApAic => (Actor::Ap, Actor::Aic),
        }
    }
}

/// Who owns a control for one layer, as the CSA AICM SSRM states it.
///
/// Reads and writes both forms exactly: the AICM matrix's long strings ("Owned by the
/// Model Provider (MP)", "Shared Model Provider-Orchestrated Service Provider (Shared
/// MP-OSP)", "Shared across the supply chain") and the AI-CAIQ short codes (`MP-Owned`,
/// `Shared MP-OSP`, "Shared Across the Supply Chain", `ND`). On the wire the CAIQ code is
/// used. Every value that can be built parses back from both forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Ownership {
    /// Owned by one actor.
    Owned(Actor),
    /// Shared between two adjacent actors of the supply chain.
    Shared(SharedPair),
    /// Shared across the supply chain.
    SupplyChain,
    /// Not determined (CAIQ `ND`).
    NotDetermined,
}

impl Ownership {
    /// Every value the AICM v1.1.0 matrix uses (the ten strings), plus `NotDetermined`.
    pub fn all() -> &'static [Self] {
        use SharedPair::{ApAic, CspMp, MpOsp, OspAp};
        &[
            Self::Owned(Actor::Csp),
            Self::Owned(Actor::Mp),
            Self::Owned(Actor::Osp),
            Self::Owned(Actor::Ap),
            Self::Owned(Actor::Aic),
            Self::Shared(CspMp),
            Self::Shared(MpOsp),
            Self::Shared(OspAp),
            Self::Shared(ApAic),
            Self::SupplyChain,
            Self::NotDetermined,
        ]
    }

    /// Shared ownership between `a` and `b` (see [`SharedPair::new`]).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless the two are one of the AICM's shared pairs.
    pub fn shared(a: Actor, b: Actor) -> Result<Self, Error> {
        SharedPair::new(a, b).map(Self::Shared)
    }

    /// The AICM matrix string, e.g. "Shared Model Provider-Orchestrated Service Provider (Shared MP-OSP)".
    /// `NotDetermined` has no AICM string and prints "Not Determined".
    pub fn to_aicm(self) -> String {
        match self {
            Self::Owned(a) => format!("Owned by the {} ({})", a.ownership_name(), a.code()),
            Self::Shared(pair) => {
                let (a, b) = pair.actors();
                format!("Shared {}-{} (Shared {}-{})", a.name(), b.name(), a.code(), b.code())
            }
            Self::SupplyChain => "Shared across the supply chain".to_owned(),
            Self::NotDetermined => "Not Determined".to_owned(),
        }
    }

    /// The AI-CAIQ code, e.g. `MP-Owned`, `Shared MP-OSP`, `Shared Across the Supply Chain`, `ND`.
    pub fn to_caiq(self) -> String {
        match self {
            Self::Owned(a) => format!("{}-Owned", a.code()),
            Self::Shared(pair) => {
                let (a, b) = pair.actors();
                format!("Shared {}-{}", a.code(), b.code())
            }
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
        Self::all()
            .iter()
            .copied()
            .find(|o| render(*o) == s)
            .ok_or_else(|| Error::InvalidValue {
                what,
                value: s.to_owned(),
                expected: format!(
                    "one of {}",
                    Self::all()
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
            Self::Shared(pair) => {
                let (a, b) = pair.actors();
                vec![a, b]
            }
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
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Ownership {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Ownership".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<String> = Self::all()
            .iter()
            .map(|o| o.to_caiq())
            .chain(
                Self::all()
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
    /// Ownership per layer, bottom (PI) to top (application).
    pub fn new(
        processing_infrastructure: Ownership,
        model: Ownership,
        orchestrated_services: Ownership,
        application: Ownership,
    ) -> Self {
        Self {
            processing_infrastructure,
            model,
            orchestrated_services,
            application,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ownership_parses_back_from_both_forms() {
        for &o in Ownership::all() {
            assert_eq!(Ownership::from_caiq(&o.to_caiq()).unwrap(), o);
            assert_eq!(o.to_caiq().parse::<Ownership>().unwrap(), o);
            if o != Ownership::NotDetermined {
                assert_eq!(Ownership::from_aicm(&o.to_aicm()).unwrap(), o);
            }
        }
    }

    #[test]
    fn only_adjacent_pairs_share() {
        assert_eq!(SharedPair::new(Actor::Osp, Actor::Mp).unwrap(), SharedPair::MpOsp);
        assert!(SharedPair::new(Actor::Csp, Actor::Ap).is_err());
        assert!(SharedPair::new(Actor::Mp, Actor::Mp).is_err());
    }
}
