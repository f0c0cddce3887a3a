//! NIST SP 800-30 Rev. 1 qualitative risk: Table I-2 (level of risk from likelihood and
//! impact) and the semi-quantitative values of Appendices G and H.
//!
//! Source: NIST SP 800-30 Rev. 1 (September 2012). Table I-2 gives the level of risk;
//! Tables G-2/G-3 (likelihood) and H-3 (impact) give each qualitative value the
//! semi-quantitative values 0, 2, 5, 8 and 10 (ranges 0–4, 5–20, 21–79, 80–95 and
//! 96–100 on the 0–100 scale).

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

    /// The semi-quantitative value NIST SP 800-30 Rev. 1 gives the level on every
    /// assessment scale of Appendices G and H (likelihood, Tables G-2 and G-3; impact,
    /// Table H-3): Very Low 0, Low 2, Moderate 5, High 8, Very High 10.
    pub fn value(self) -> u32 {
        match self {
            Self::VeryLow => 0,
            Self::Low => 2,
            Self::Moderate => 5,
            Self::High => 8,
            Self::VeryHigh => 10,
        }
    }

    /// The range of the 0–100 semi-quantitative scale the level covers (Tables G-2, G-3,
    /// H-3): 0–4, 5–20, 21–79, 80–95, 96–100.
    pub fn range(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Self::VeryLow => 0..=4,
            Self::Low => 5..=20,
            Self::Moderate => 21..=79,
            Self::High => 80..=95,
            Self::VeryHigh => 96..=100,
        }
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
        let row = TABLE_I2.get(self.likelihood as usize);
        row.and_then(|r| r.get(self.impact as usize))
            .copied()
            .unwrap_or(NistLevel::VeryHigh)
    }

    /// Semi-quantitative risk for ordering within a level: the likelihood's value times
    /// the impact's value (0–100; see [`NistLevel::value`]). This product is this crate's
    /// tie-break, not a NIST table.
    pub fn score(&self) -> u32 {
        // At most 10 × 10.
        self.likelihood.value().saturating_mul(self.impact.value())
    }
}
