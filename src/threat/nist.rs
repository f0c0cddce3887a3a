//! NIST SP 800-30 Rev. 1 qualitative risk: Table I-2 (level of risk from likelihood and
//! impact) and the semi-quantitative values of Appendices G and H.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A NIST SP 800-30 qualitative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NistLevel {
    /// Very Low.
    VeryLow,
    /// Low.
    Low,
    /// Moderate.
    Moderate,
    /// High.
    High,
    /// Very High.
    VeryHigh,
}

impl NistLevel {
    /// All levels, ascending.
    pub const ALL: [Self; 5] = [Self::VeryLow, Self::Low, Self::Moderate, Self::High, Self::VeryHigh];

    /// The name as NIST writes it, e.g. `Very High`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VeryLow => "Very Low",
            Self::Low => "Low",
            Self::Moderate => "Moderate",
            Self::High => "High",
            Self::VeryHigh => "Very High",
        }
    }

    /// Semi-quantitative likelihood value (Appendix G): 0, 2, 5, 8, 10.
    pub fn likelihood_value(self) -> u32 {
        [0, 2, 5, 8, 10][self as usize]
    }

    /// Semi-quantitative impact value (Appendix H): 0, 2, 10, 50, 100.
    pub fn impact_value(self) -> u32 {
        [0, 2, 10, 50, 100][self as usize]
    }
}

/// NIST SP 800-30 Rev. 1 Table I-2, rows likelihood (Very Low … Very High), columns impact.
const TABLE_I2: [[NistLevel; 5]; 5] = {
    use NistLevel::{High as H, Low as L, Moderate as M, VeryHigh as VH, VeryLow as VL};
    [
        // likelihood Very Low
        [VL, VL, VL, L, L],
        // Low
        [VL, L, L, L, M],
        // Moderate
        [VL, L, M, M, H],
        // High
        [VL, L, M, H, VH],
        // Very High
        [VL, L, M, H, VH],
    ]
};

/// A NIST SP 800-30 assessment: likelihood that a threat event occurs and results in
/// adverse impact, and the level of impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Nist80030 {
    /// Overall likelihood.
    pub likelihood: NistLevel,
    /// Level of impact.
    pub impact: NistLevel,
}

impl Nist80030 {
    /// An assessment.
    pub fn new(likelihood: NistLevel, impact: NistLevel) -> Self {
        Self { likelihood, impact }
    }

    /// The level of risk from Table I-2.
    pub fn risk(&self) -> NistLevel {
        TABLE_I2[self.likelihood as usize][self.impact as usize]
    }

    /// Semi-quantitative risk: likelihood value × impact value (0–1000), for ordering
    /// within a level.
    pub fn score(&self) -> u32 {
        self.likelihood.likelihood_value() * self.impact.impact_value()
    }
}
