//! CVSS v3.0, v3.1 and v4.0 vectors, scored by RustSec's `cvss` crate (not reimplemented).

use schemars::JsonSchema;

use crate::error::Error;

/// The CVSS qualitative severity (CVSS v3.1 §5, v4.0 §6): None 0.0, Low 0.1–3.9,
/// Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CvssSeverity {
    /// 0.0.
    None,
    /// 0.1–3.9.
    Low,
    /// 4.0–6.9.
    Medium,
    /// 7.0–8.9.
    High,
    /// 9.0–10.0.
    Critical,
}

impl CvssSeverity {
    /// The lowercase name, e.g. `critical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

impl std::fmt::Display for CvssSeverity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// A CVSS vector (`CVSS:3.0/…`, `CVSS:3.1/…` or `CVSS:4.0/…`), parsed and scored once.
///
/// The score is the v3 **base** score (temporal and environmental metrics are ignored)
/// or the v4 score of the given metrics, as computed by the `cvss` crate.
#[derive(Debug, Clone)]
pub struct CvssVector {
    text: String,
    score: f64,
    severity: CvssSeverity,
}

impl PartialEq for CvssVector {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for CvssVector {}

impl CvssVector {
    /// Parses and scores a CVSS v3.0, v3.1 or v4.0 vector.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when the vector does not parse (CVSS v2 is not accepted).
    pub fn new(text: impl Into<String>) -> Result<Self, Error> {
        let text = text.into();
        let bad = |why: String| Error::InvalidValue {
            what: "CVSS vector",
            value: text.clone(),
            expected: format!(
                "a CVSS v3.0, v3.1 or v4.0 vector such as `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H` ({why})"
            ),
        };
        // The `cvss` crate accepts vectors with base metrics missing; a score from such a
        // vector would be meaningless, so require every base metric.
        let required: &[&str] = if text.starts_with("CVSS:4.0/") {
            &["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]
        } else {
            &["AV", "AC", "PR", "UI", "S", "C", "I", "A"]
        };
        let present: Vec<&str> = text.split('/').skip(1).filter_map(|m| m.split(':').next()).collect();
        if let Some(missing) = required.iter().find(|m| !present.contains(m)) {
            return Err(bad(format!("base metric `{missing}` is missing")));
        }
        let score = if text.starts_with("CVSS:4.0/") {
            let v: cvss::v4::Vector = text.parse().map_err(|e: cvss::Error| bad(e.to_string()))?;
            v.score().value()
        } else if text.starts_with("CVSS:3.0/") || text.starts_with("CVSS:3.1/") {
            let v: cvss::v3::Vector = text.parse().map_err(|e: cvss::Error| bad(e.to_string()))?;
            v.score().value()
        } else {
            return Err(bad("unknown prefix".to_owned()));
        };
        let severity = match score {
            s if s <= 0.0 => CvssSeverity::None,
            s if s < 4.0 => CvssSeverity::Low,
            s if s < 7.0 => CvssSeverity::Medium,
            s if s < 9.0 => CvssSeverity::High,
            _ => CvssSeverity::Critical,
        };
        Ok(Self { text, score, severity })
    }

    /// The vector text as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The score, 0.0–10.0.
    pub fn score(&self) -> f64 {
        self.score
    }

    /// The qualitative severity.
    pub fn severity(&self) -> CvssSeverity {
        self.severity
    }
}

impl std::fmt::Display for CvssVector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for CvssVector {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for CvssVector {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::new(text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for CvssVector {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CvssVector".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^CVSS:(3\\.0|3\\.1|4\\.0)/",
            "description": "A CVSS v3.0, v3.1 or v4.0 vector string, e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`.",
        })
    }
}
