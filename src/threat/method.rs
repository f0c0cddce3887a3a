//! The prioritization methods and what one decides for a threat (the vocabulary that
//! deciding, in `prioritize`, and ranking, in `ranking`, share).

use super::{SSVC_CISA, SSVC_DEPLOYER};

/// A prioritization method.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// An SSVC decision table, by id (`cisa:DT_CO:2.0.3`, the Deployer table, or a loaded one).
    Ssvc(String),
    /// CVSS score (v3 base or v4), severity band first.
    Cvss,
    /// OWASP Risk Rating: overall severity, then likelihood × impact.
    Owasp,
    /// NIST SP 800-30 Table I-2 level, then the semi-quantitative score.
    Nist,
}

impl Method {
    /// SSVC with the CISA Coordinator table.
    pub fn ssvc_cisa() -> Self {
        Self::Ssvc(SSVC_CISA.to_owned())
    }

    /// SSVC with the Deployer table.
    pub fn ssvc_deployer() -> Self {
        Self::Ssvc(SSVC_DEPLOYER.to_owned())
    }

    /// The method's name for messages.
    pub fn name(&self) -> String {
        match self {
            Self::Ssvc(t) => format!("SSVC `{t}`"),
            Self::Cvss => "CVSS".to_owned(),
            Self::Owasp => "OWASP Risk Rating".to_owned(),
            Self::Nist => "NIST SP 800-30".to_owned(),
        }
    }
}

/// What a method decided for one threat.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Decision {
    /// The outcome's rank within the method (higher is more urgent), after any EPSS raise.
    pub rank: u8,
    /// The method's own rank before the EPSS raise.
    pub method_rank: u8,
    /// The numeric score within the rank (CVSS score, OWASP likelihood × impact, NIST
    /// semi-quantitative risk; 0 for SSVC).
    pub score: f64,
    /// The EPSS probability, if stored (breaks ties).
    pub epss: Option<f64>,
}
