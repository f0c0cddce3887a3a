//! The OWASP Risk Rating Methodology (`OWASP/www-community`,
//! `pages/OWASP_Risk_Rating_Methodology.md`): 16 factors rated 0–9, likelihood and
//! impact as means, LOW/MEDIUM/HIGH bands and the 3×3 overall-severity matrix.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A factor rating, 0–9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct OwaspRating(u8);

impl JsonSchema for OwaspRating {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OwaspRating".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": 9,
            "description": "A factor rating, 0–9.",
        })
    }
}

impl OwaspRating {
    /// A rating; must be 0–9.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] above 9.
    pub fn new(value: u8) -> Result<Self, Error> {
        if value <= 9 {
            Ok(Self(value))
        } else {
            Err(Error::InvalidValue {
                what: "OWASP risk factor",
                value: value.to_string(),
                expected: "a rating from 0 to 9".to_owned(),
            })
        }
    }

    /// The value.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for OwaspRating {
    type Error = Error;
    fn try_from(v: u8) -> Result<Self, Error> {
        Self::new(v)
    }
}

impl From<OwaspRating> for u8 {
    fn from(r: OwaspRating) -> Self {
        r.0
    }
}

/// The eight likelihood factors (threat agent, then vulnerability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct OwaspLikelihood {
    /// Skill level (1 no technical skills … 9 security penetration skills).
    pub skill_level: OwaspRating,
    /// Motive (1 low … 9 high reward).
    pub motive: OwaspRating,
    /// Opportunity (0 full access needed … 9 no access needed).
    pub opportunity: OwaspRating,
    /// Size of the threat-agent group (2 developers … 9 anonymous internet users).
    pub size: OwaspRating,
    /// Ease of discovery (1 practically impossible … 9 automated tools available).
    pub ease_of_discovery: OwaspRating,
    /// Ease of exploit (1 theoretical … 9 automated tools available).
    pub ease_of_exploit: OwaspRating,
    /// Awareness (1 unknown … 9 public knowledge).
    pub awareness: OwaspRating,
    /// Intrusion detection (1 active detection … 9 not logged).
    pub intrusion_detection: OwaspRating,
}

impl OwaspLikelihood {
    /// The eight factors, in the methodology's order: threat agent (skill level, motive,
    /// opportunity, size), then vulnerability (ease of discovery, ease of exploit,
    /// awareness, intrusion detection).
    #[allow(clippy::too_many_arguments)] // the methodology has eight factors
    pub fn new(
        skill_level: OwaspRating,
        motive: OwaspRating,
        opportunity: OwaspRating,
        size: OwaspRating,
        ease_of_discovery: OwaspRating,
        ease_of_exploit: OwaspRating,
        awareness: OwaspRating,
        intrusion_detection: OwaspRating,
    ) -> Self {
        Self {
            skill_level,
            motive,
            opportunity,
            size,
            ease_of_discovery,
            ease_of_exploit,
            awareness,
            intrusion_detection,
        }
    }

    /// The mean of the eight factors.
    pub fn score(&self) -> f64 {
        let sum: u32 = [
            self.skill_level,
            self.motive,
            self.opportunity,
            self.size,
            self.ease_of_discovery,
            self.ease_of_exploit,
            self.awareness,
            self.intrusion_detection,
        ]
        .iter()
        .map(|r| u32::from(r.0))
        .sum();
        f64::from(sum) / 8.0
    }
}

/// The four technical-impact factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct TechnicalImpact {
    /// Loss of confidentiality.
    pub confidentiality: OwaspRating,
    /// Loss of integrity.
    pub integrity: OwaspRating,
    /// Loss of availability.
    pub availability: OwaspRating,
    /// Loss of accountability.
    pub accountability: OwaspRating,
}

impl TechnicalImpact {
    /// Loss of confidentiality, integrity, availability and accountability.
    pub fn new(
        confidentiality: OwaspRating,
        integrity: OwaspRating,
        availability: OwaspRating,
        accountability: OwaspRating,
    ) -> Self {
        Self {
            confidentiality,
            integrity,
            availability,
            accountability,
        }
    }
}

/// The four business-impact factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct BusinessImpact {
    /// Financial damage.
    pub financial: OwaspRating,
    /// Reputation damage.
    pub reputation: OwaspRating,
    /// Non-compliance.
    pub non_compliance: OwaspRating,
    /// Privacy violation.
    pub privacy: OwaspRating,
}

impl BusinessImpact {
    /// Financial damage, reputation damage, non-compliance and privacy violation.
    pub fn new(
        financial: OwaspRating,
        reputation: OwaspRating,
        non_compliance: OwaspRating,
        privacy: OwaspRating,
    ) -> Self {
        Self {
            financial,
            reputation,
            non_compliance,
            privacy,
        }
    }
}

fn mean4(a: OwaspRating, b: OwaspRating, c: OwaspRating, d: OwaspRating) -> f64 {
    [a, b, c, d].iter().map(|r| f64::from(r.0)).sum::<f64>() / 4.0
}

/// A LOW/MEDIUM/HIGH band: 0 to <3 LOW, 3 to <6 MEDIUM, 6 to 9 HIGH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OwaspLevel {
    /// 0 to <3.
    Low,
    /// 3 to <6.
    Medium,
    /// 6 to 9.
    High,
}

impl OwaspLevel {
    /// The band of a 0–9 score.
    pub fn of(score: f64) -> Self {
        if score < 3.0 {
            Self::Low
        } else if score < 6.0 {
            Self::Medium
        } else {
            Self::High
        }
    }

    /// Upper-case name, as OWASP writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "LOW",
            Self::Medium => "MEDIUM",
            Self::High => "HIGH",
        }
    }
}

/// The overall risk severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OwaspSeverity {
    /// Note.
    Note,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl OwaspSeverity {
    /// The matrix: impact (rows) × likelihood (columns).
    ///
    /// | Impact \ Likelihood | LOW | MEDIUM | HIGH |
    /// |---|---|---|---|
    /// | HIGH | Medium | High | Critical |
    /// | MEDIUM | Low | Medium | High |
    /// | LOW | Note | Low | Medium |
    pub fn of(likelihood: OwaspLevel, impact: OwaspLevel) -> Self {
        use OwaspLevel::{High as H, Low as L, Medium as M};
        match (impact, likelihood) {
            (H, H) => Self::Critical,
            (H, M) | (M, H) => Self::High,
            (H, L) | (M, M) | (L, H) => Self::Medium,
            (M, L) | (L, M) => Self::Low,
            (L, L) => Self::Note,
        }
    }

    /// The name, e.g. `Critical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "Note",
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
            Self::Critical => "Critical",
        }
    }
}

/// An OWASP Risk Rating: likelihood factors, technical impact, and business impact when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct OwaspRiskRating {
    /// The likelihood factors.
    pub likelihood: OwaspLikelihood,
    /// The technical impact factors.
    pub technical_impact: TechnicalImpact,
    /// The business impact factors; used instead of technical impact when given, as the
    /// methodology recommends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_impact: Option<BusinessImpact>,
}

impl OwaspRiskRating {
    /// A rating from likelihood and technical impact, without business impact.
    pub fn new(likelihood: OwaspLikelihood, technical_impact: TechnicalImpact) -> Self {
        Self {
            likelihood,
            technical_impact,
            business_impact: None,
        }
    }

    /// Adds the business impact, used instead of the technical impact.
    #[must_use]
    pub fn with_business_impact(mut self, business_impact: BusinessImpact) -> Self {
        self.business_impact = Some(business_impact);
        self
    }

    /// Likelihood score (mean of 8 factors).
    pub fn likelihood_score(&self) -> f64 {
        self.likelihood.score()
    }

    /// Impact score: mean of the business factors when given, else of the technical ones.
    pub fn impact_score(&self) -> f64 {
        match &self.business_impact {
            Some(b) => mean4(b.financial, b.reputation, b.non_compliance, b.privacy),
            None => {
                let t = &self.technical_impact;
                mean4(t.confidentiality, t.integrity, t.availability, t.accountability)
            }
        }
    }

    /// The overall severity from the two bands.
    pub fn severity(&self) -> OwaspSeverity {
        OwaspSeverity::of(
            OwaspLevel::of(self.likelihood_score()),
            OwaspLevel::of(self.impact_score()),
        )
    }
}
