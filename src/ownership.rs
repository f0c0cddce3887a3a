//! Shared security responsibility (CSA AICM SSRM): the actors of the AI supply chain.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
